//! The client and handling rules that decide which packaging may take a unit, before any
//! geometry of the whole order: stock, branded or forbidden packaging, soft packaging for fragile
//! or liquid units, and whether one unit fits the packaging on its own.

use super::explain::{BoxSide, Handling, Rejection};
use super::geometry::{blocking_side, OrientSet};
use super::model::{ItemToPack, Packaging};

/// Reasons `client` may not use this packaging at all.
pub(crate) fn packaging_rejections(p: &Packaging, client: &str) -> Vec<Rejection> {
    let mut out = Vec::new();
    if !p.stocked {
        out.push(Rejection::NotStocked);
    }
    if !p.allowed_clients.is_empty() && !p.allowed_clients.iter().any(|c| c == client) {
        out.push(Rejection::ReservedForOtherClients {
            client: client.to_owned(),
            allowed_clients: p.allowed_clients.clone(),
        });
    }
    if p.forbidden_clients.iter().any(|c| c == client) {
        out.push(Rejection::ForbiddenForClient {
            client: client.to_owned(),
        });
    }
    out
}

/// Reasons one unit of `item` cannot travel in this packaging, even alone.
pub(crate) fn item_rejections(p: &Packaging, item: &ItemToPack) -> Vec<Rejection> {
    let mut out = Vec::new();
    if p.kind.is_soft() {
        for (flag, handling) in [
            (item.flags.fragile, Handling::Fragile),
            (item.flags.liquid, Handling::Liquid),
        ] {
            if flag {
                out.push(Rejection::SoftPackaging {
                    sku: item.sku.clone(),
                    kind: p.kind,
                    handling,
                });
            }
        }
    }
    if let Some((axis, item_mm, inner_mm)) =
        blocking_side(item.dims_mm, item.flags.keep_upright, p.inner_mm)
    {
        out.push(Rejection::TooSmall {
            sku: item.sku.clone(),
            side: BoxSide::from_axis(axis),
            item_mm,
            inner_mm,
        });
    }
    let gross = u64::from(p.tare_g) + u64::from(item.weight_g);
    if gross > u64::from(p.max_gross_g) {
        out.push(Rejection::TooHeavy {
            gross_g: gross,
            max_gross_g: p.max_gross_g,
        });
    }
    out
}

/// Whether one unit of `item` may travel in this packaging: `item_rejections` is empty, without
/// building the reasons (this runs for every line and packaging of every order).
pub(crate) fn item_allowed(p: &Packaging, item: &ItemToPack) -> bool {
    !(p.kind.is_soft() && (item.flags.fragile || item.flags.liquid))
        && u64::from(p.tare_g) + u64::from(item.weight_g) <= u64::from(p.max_gross_g)
        && !OrientSet::within(item.dims_mm, item.flags.keep_upright, p.inner_mm).is_empty()
}
