//! The drill packer's choices for an order, made from the order alone: which lines it reports
//! short or damaged, which units go in which parcel, which box it takes over the suggestion
//! and which parcels a supervisor's weight override lets through. The bot packs by this plan
//! and the audit expects exactly this plan at the backend, so the expectation never comes
//! from the station it checks.

use std::collections::BTreeMap;

use packbench_core::pack_flow::ExceptionReason;
use packbench_core::Order;

use crate::training::demo_data;

/// Orders of this many units or more ship in two parcels.
const SPLIT_AT_UNITS: u32 = 6;

/// What the packer does with one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderPlan {
    pub order_id: String,
    /// One unit of each chosen line, reported short or damaged, in line order.
    pub exceptions: Vec<LineExceptionPlan>,
    /// The parcels in the order they are packed (`parcel_no` 1, 2).
    pub parcels: Vec<ParcelPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineExceptionPlan {
    pub line_no: u32,
    pub reason: ExceptionReason,
    pub units: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelPlan {
    pub parcel_no: u32,
    /// Units per order line.
    pub units: BTreeMap<u32, u32>,
    pub packaging_id: String,
    /// The packer overrides this suggested box (with a reason) by `packaging_id`.
    pub overrides_suggestion: Option<String>,
    /// Weighed out of tolerance once, then let through by a supervisor's override.
    pub weight_override: bool,
}

impl OrderPlan {
    /// The whole order goes to exception: nothing is left to ship.
    pub fn nothing_ships(&self) -> bool {
        self.parcels.is_empty()
    }

    pub fn exception_units(&self, line_no: u32) -> u32 {
        self.exceptions
            .iter()
            .filter(|e| e.line_no == line_no)
            .map(|e| e.units)
            .sum()
    }
}

/// The boxes the packer uses: the one it always takes, and the one it claims was suggested
/// when it overrides the suggestion.
#[derive(Debug, Clone)]
pub struct Boxes {
    pub chosen: String,
    pub overridden: String,
}

impl Boxes {
    /// The demo catalogue's largest stocked box open to every client (it fits any parcel),
    /// and its smallest, as the suggestion the packer overrides.
    pub fn demo() -> Self {
        let open: Vec<_> = demo_data::packaging_catalogue()
            .into_iter()
            .filter(|c| c.spec.stocked && c.spec.allowed_clients.is_empty())
            .collect();
        let volume = |c: &crate::contract::CatalogueEntry| {
            c.spec
                .inner_mm
                .iter()
                .map(|&d| u64::from(d))
                .product::<u64>()
        };
        let chosen = open
            .iter()
            .max_by_key(|c| volume(c))
            .map(|c| c.spec.id.clone())
            .expect("the demo catalogue has boxes");
        let overridden = open
            .iter()
            .min_by_key(|c| volume(c))
            .map(|c| c.spec.id.clone())
            .expect("the demo catalogue has boxes");
        Boxes { chosen, overridden }
    }
}

/// The packer's plan for `order`.
pub fn plan_order(order: &Order, boxes: &Boxes) -> OrderPlan {
    let lines: Vec<(u32, u32)> = order.lines.iter().map(|l| (l.line_no, l.qty)).collect();
    plan_lines(&order.order_id, &lines, boxes)
}

/// The plan for an order given as its `(line_no, qty)` lines.
pub fn plan_lines(order_id: &str, lines: &[(u32, u32)], boxes: &Boxes) -> OrderPlan {
    let id = order_id.as_bytes();
    let mut exceptions = Vec::new();
    // Units to ship, in the order they are scanned.
    let mut units: Vec<u32> = Vec::new();
    for &(line_no, qty) in lines {
        let h = hash(&[id, &line_no.to_le_bytes()]);
        let excepted = if h.is_multiple_of(9) {
            exceptions.push(LineExceptionPlan {
                line_no,
                reason: if h.is_multiple_of(2) {
                    ExceptionReason::Short
                } else {
                    ExceptionReason::Damaged
                },
                units: 1,
            });
            1
        } else {
            0
        };
        units.extend(std::iter::repeat_n(line_no, (qty - excepted) as usize));
    }
    let total: u32 = lines.iter().map(|&(_, q)| q).sum();
    let first = if total >= SPLIT_AT_UNITS {
        (total / 2) as usize
    } else {
        units.len()
    };
    let parcels = [
        &units[..first.min(units.len())],
        &units[first.min(units.len())..],
    ]
    .into_iter()
    .filter(|u| !u.is_empty())
    .enumerate()
    .map(|(i, u)| {
        let parcel_no = i as u32 + 1;
        let mut per_line = BTreeMap::new();
        for &line_no in u {
            *per_line.entry(line_no).or_insert(0) += 1;
        }
        let p = parcel_no.to_le_bytes();
        ParcelPlan {
            parcel_no,
            units: per_line,
            packaging_id: boxes.chosen.clone(),
            overrides_suggestion: hash(&[id, &p, b"box"])
                .is_multiple_of(5)
                .then(|| boxes.overridden.clone()),
            weight_override: hash(&[id, &p]).is_multiple_of(7),
        }
    })
    .collect();
    OrderPlan {
        order_id: order_id.to_owned(),
        exceptions,
        parcels,
    }
}

/// FNV-1a: the bot's deterministic choices.
fn hash(parts: &[&[u8]]) -> u64 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_of_the_demo_trolleys_is_planned_once_and_every_kind_of_choice_occurs() {
        let w = demo_data::generate(demo_data::DEFAULT_SEED);
        let boxes = Boxes::demo();
        assert_ne!(boxes.chosen, boxes.overridden);
        let (mut split, mut overrides, mut weights, mut short, mut damaged) = (0, 0, 0, 0, 0);
        for t in w.trolleys.iter().take(10) {
            for o in &t.orders {
                let lines: Vec<(u32, u32)> =
                    (1..).zip(o.lines.iter().map(|(_, qty)| *qty)).collect();
                let plan = plan_lines(&o.order_id, &lines, &boxes);
                for &(line_no, qty) in &lines {
                    let packed: u32 = plan
                        .parcels
                        .iter()
                        .map(|p| p.units.get(&line_no).copied().unwrap_or(0))
                        .sum();
                    assert_eq!(
                        packed + plan.exception_units(line_no),
                        qty,
                        "{}",
                        o.order_id
                    );
                }
                assert!(plan.parcels.len() <= 2);
                split += usize::from(plan.parcels.len() == 2);
                overrides += plan
                    .parcels
                    .iter()
                    .filter(|p| p.overrides_suggestion.is_some())
                    .count();
                weights += plan.parcels.iter().filter(|p| p.weight_override).count();
                for e in &plan.exceptions {
                    match e.reason {
                        ExceptionReason::Short => short += 1,
                        _ => damaged += 1,
                    }
                }
            }
        }
        for (what, n) in [
            ("split orders", split),
            ("packaging overrides", overrides),
            ("weight overrides", weights),
            ("short lines", short),
            ("damaged lines", damaged),
        ] {
            assert!(n > 0, "no {what} on ten demo trolleys");
        }
    }
}
