//! `cartonize`: one order against a catalogue, from the rules and bounds per unit to the chosen
//! parcels, the units no packaging takes, and the explanation.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::carton::explain::{Rejection, RuledOut};
use crate::carton::geometry::PUnit;
use crate::carton::model::{
    CartonOptions, Cartonization, Objective, PackRequest, Packaging, Parcel, PlacedUnit,
    UnpackedUnits,
};
use crate::carton::rules::{item_allowed, item_rejections, packaging_rejections};

use super::ctx::{Ctx, Plan};
use super::reasons::explain;

/// Cartonizes one order against a catalogue. Deterministic: the same input gives the same
/// parcels. Units that no packaging can take are returned in `unpacked`, never dropped.
pub fn cartonize(
    catalogue: &[Packaging],
    req: &PackRequest,
    opts: &CartonOptions,
) -> Cartonization {
    let mut by_cost: Vec<usize> = (0..catalogue.len()).collect();
    by_cost.sort_by(|&a, &b| {
        let (pa, pb) = (&catalogue[a], &catalogue[b]);
        pa.cost
            .total_cmp(&pb.cost)
            .then(pa.inner_volume_mm3().cmp(&pb.inner_volume_mm3()))
            .then(pa.id.cmp(&pb.id))
    });
    let pack_rej: Vec<Vec<Rejection>> = catalogue
        .iter()
        .map(|p| packaging_rejections(p, &req.client))
        .collect();

    let mut ctx = Ctx {
        catalogue,
        by_cost,
        units: Vec::new(),
        eligible: Vec::new(),
        unit_item: Vec::new(),
        memo: RefCell::new(HashMap::new()),
        items: &req.items,
    };
    let mut shared: Vec<usize> = Vec::new();
    let mut alone: Vec<usize> = Vec::new();
    let mut unpacked: Vec<UnpackedUnits> = Vec::new();
    for (i, item) in req.items.iter().enumerate() {
        if item.qty == 0 {
            continue;
        }
        let ok: Vec<bool> = catalogue
            .iter()
            .enumerate()
            .map(|(p, pk)| pack_rej[p].is_empty() && item_allowed(pk, item))
            .collect();
        if !ok.iter().any(|&b| b) {
            let ruled_out = ctx
                .by_cost
                .iter()
                .map(|&p| RuledOut {
                    packaging_id: catalogue[p].id.clone(),
                    cost: catalogue[p].cost,
                    reasons: pack_rej[p]
                        .iter()
                        .cloned()
                        .chain(item_rejections(&catalogue[p], item))
                        .collect(),
                })
                .collect();
            unpacked.push(UnpackedUnits {
                sku: item.sku.clone(),
                qty: item.qty,
                ruled_out,
            });
            continue;
        }
        for _ in 0..item.qty {
            let u = ctx.units.len();
            ctx.units.push(PUnit {
                dims: item.dims_mm,
                upright: item.flags.keep_upright,
                weight_g: item.weight_g,
            });
            ctx.eligible.push(ok.clone());
            ctx.unit_item.push(i);
            if item.ship_alone {
                alone.push(u);
            } else {
                shared.push(u);
            }
        }
    }

    // Units that ship alone: each in the cheapest packaging that takes it.
    let mut plans: Vec<Plan> = Vec::new();
    for &u in &alone {
        if let Some(plan) = ctx.single(&[u], None) {
            plans.push(plan);
        }
    }

    let mut log: Vec<(usize, Rejection)> = Vec::new();
    if !shared.is_empty() {
        let one = ctx.single(&shared, Some(&mut log));
        let mut cands: Vec<Vec<Plan>> = Vec::new();
        match (opts.objective, one) {
            (Objective::FewestParcels, Some(p)) => cands.push(vec![p]),
            (Objective::FewestParcels, None) => cands = ctx.splits(&shared, opts.objective),
            (Objective::CheapestTotal, one) => {
                // A split is two parcels or more: no cheaper than the packaging the costliest
                // unit needs plus the cheapest any unit may use. One parcel at or under that
                // cost wins without trying any split (a tie goes to fewer parcels).
                let many = match &one {
                    None => true,
                    Some(p) => ctx.catalogue[p.pack].cost > ctx.split_cost_lb(&shared),
                };
                if let Some(p) = one {
                    cands.push(vec![p]);
                }
                if many {
                    cands.extend(ctx.splits(&shared, opts.objective));
                }
            }
        }
        let mut best = cands
            .into_iter()
            .min_by(|a, b| ctx.compare(opts.objective, a, b))
            .unwrap_or_default();
        if best.len() > 1 {
            best = ctx.merge(best, opts.objective);
        }
        plans.extend(best);
    }

    // Any unit the splitter could not place (it should not happen: each fits some packaging
    // alone) is reported rather than lost.
    let mut placed = vec![false; ctx.units.len()];
    for plan in &plans {
        for (u, _) in &plan.units {
            placed[*u] = true;
        }
    }
    for (u, &done) in placed.iter().enumerate() {
        if !done {
            let sku = &req.items[ctx.unit_item[u]].sku;
            match unpacked.iter_mut().find(|x| &x.sku == sku) {
                Some(x) => x.qty += 1,
                None => unpacked.push(UnpackedUnits {
                    sku: sku.clone(),
                    qty: 1,
                    ruled_out: Vec::new(),
                }),
            }
        }
    }

    let parcels: Vec<Parcel> = plans
        .iter()
        .map(|plan| {
            let pk = &catalogue[plan.pack];
            let ids: Vec<usize> = plan.units.iter().map(|(u, _)| *u).collect();
            let inner = pk.inner_volume_mm3();
            Parcel {
                packaging_id: pk.id.clone(),
                kind: pk.kind,
                cost: pk.cost,
                units: plan
                    .units
                    .iter()
                    .map(|(u, c)| PlacedUnit {
                        sku: req.items[ctx.unit_item[*u]].sku.clone(),
                        pos_mm: c.pos_mm,
                        dims_mm: c.dims_mm,
                    })
                    .collect(),
                gross_weight_g: u64::from(pk.tare_g) + ctx.weight_g(&ids),
                fill_pct: if inner == 0 {
                    0.0
                } else {
                    100.0 * ctx.volume_mm3(&ids) as f64 / inner as f64
                },
            }
        })
        .collect();

    let explanation = explain(
        &ctx, &pack_rej, &plans, &parcels, &shared, &alone, &log, &unpacked,
    );
    Cartonization {
        total_cost: parcels.iter().map(|p| p.cost).sum(),
        parcels,
        unpacked,
        explanation,
    }
}
