//! The explanation of a cartonization: the parcels chosen and why each cheaper packaging was
//! ruled out.

use crate::carton::explain::{ChosenParcel, Explanation, Rejection, RuledOut, SkuCount};
use crate::carton::model::{Parcel, UnpackedUnits};
use crate::carton::rules::item_rejections;

use super::ctx::{Ctx, Plan};

#[allow(clippy::too_many_arguments)]
pub(super) fn explain(
    ctx: &Ctx<'_>,
    pack_rej: &[Vec<Rejection>],
    plans: &[Plan],
    parcels: &[Parcel],
    shared: &[usize],
    alone: &[usize],
    log: &[(usize, Rejection)],
    unpacked: &[UnpackedUnits],
) -> Explanation {
    let chosen = parcels
        .iter()
        .map(|p| ChosenParcel {
            packaging_id: p.packaging_id.clone(),
            cost: p.cost,
            units: p.units.len() as u32,
            fill_pct: p.fill_pct,
            gross_weight_g: p.gross_weight_g,
        })
        .collect();
    let dearest = parcels
        .iter()
        .map(|p| p.cost)
        .fold(f64::NEG_INFINITY, f64::max);
    let target = if shared.is_empty() { alone } else { shared };
    let mut cheaper_ruled_out = Vec::new();
    for &p in &ctx.by_cost {
        let pk = &ctx.catalogue[p];
        if pk.cost >= dearest || plans.iter().any(|pl| pl.pack == p) {
            continue;
        }
        let mut reasons: Vec<Rejection> = pack_rej[p].clone();
        let mut seen_items: Vec<usize> = Vec::new();
        for &u in target {
            let item = ctx.unit_item[u];
            if !seen_items.contains(&item) {
                seen_items.push(item);
                reasons.extend(item_rejections(pk, &ctx.items[item]));
            }
        }
        if reasons.is_empty() && !shared.is_empty() {
            match log.iter().find(|(q, _)| *q == p) {
                Some((_, r)) => reasons.push(r.clone()),
                None => {
                    if let Some(r) = ctx.bound_rejection(p, shared) {
                        reasons.push(r);
                    } else {
                        reasons.push(Rejection::NoArrangementFound);
                    }
                }
            }
        }
        if reasons.is_empty() {
            continue;
        }
        cheaper_ruled_out.push(RuledOut {
            packaging_id: pk.id.clone(),
            cost: pk.cost,
            reasons,
        });
    }
    Explanation {
        chosen,
        cheaper_ruled_out,
        unpacked: unpacked
            .iter()
            .map(|u| SkuCount {
                sku: u.sku.clone(),
                qty: u.qty,
            })
            .collect(),
    }
}
