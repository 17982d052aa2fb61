//! What the engine works on for one order: the catalogue by cost, the units and where each may
//! go, and the search for the cheapest single packaging (memoised), with the comparison of plans
//! the objective decides by.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use crate::carton::explain::Rejection;
use crate::carton::geometry::{volume_mm3, Cuboid, PUnit};
use crate::carton::model::{ItemToPack, Objective, Packaging};
use crate::carton::placer::pack_all;

/// What a split fills each parcel for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FillBy {
    Volume,
    VolumePerCost,
}

/// The size of a unit when spreading an order evenly over parcels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SpreadBy {
    Weight,
    Volume,
    /// The larger of the unit's weight and volume shares of the largest packaging.
    Either,
}

/// What a parcel holding `vol_mm3` in a packaging of this cost scores.
pub(super) fn fill_score(by: FillBy, vol_mm3: f64, cost: f64) -> f64 {
    match by {
        FillBy::Volume => vol_mm3,
        FillBy::VolumePerCost if cost > 0.0 => vol_mm3 / cost,
        FillBy::VolumePerCost => vol_mm3,
    }
}

/// A packaging (catalogue index) and the rooms of the units in it.
pub(super) type Rooms = (usize, Vec<Cuboid>);

/// One parcel in the making: a catalogue index and (unit index, room) pairs.
#[derive(Clone, Debug)]
pub(super) struct Plan {
    pub(super) pack: usize,
    pub(super) units: Vec<(usize, Cuboid)>,
}

pub(super) struct Ctx<'a> {
    pub(super) catalogue: &'a [Packaging],
    /// Catalogue indices by (cost, inner volume, id): the order boxes are tried in.
    pub(super) by_cost: Vec<usize>,
    pub(super) units: Vec<PUnit>,
    /// Per unit, per catalogue entry: may the unit travel in it (rules, size, weight alone).
    pub(super) eligible: Vec<Vec<bool>>,
    /// Per unit, the request line it came from.
    pub(super) unit_item: Vec<usize>,
    /// The request's lines, for the reasons behind a refusal.
    pub(super) items: &'a [ItemToPack],
    /// `single` answers by the request lines of the units: splitting asks the same question
    /// many times. The value is the packaging and the rooms in key order.
    pub(super) memo: RefCell<HashMap<Vec<usize>, Option<Rooms>>>,
}

impl Ctx<'_> {
    pub(super) fn punits(&self, ids: &[usize]) -> Vec<PUnit> {
        ids.iter().map(|&u| self.units[u]).collect()
    }

    pub(super) fn weight_g(&self, ids: &[usize]) -> u64 {
        ids.iter().map(|&u| u64::from(self.units[u].weight_g)).sum()
    }

    pub(super) fn volume_mm3(&self, ids: &[usize]) -> u64 {
        ids.iter().map(|&u| volume_mm3(self.units[u].dims)).sum()
    }

    /// Why `ids` cannot all go into packaging `p` by the cheap bounds, if they cannot.
    pub(super) fn bound_rejection(&self, p: usize, ids: &[usize]) -> Option<Rejection> {
        let pk = &self.catalogue[p];
        let gross = u64::from(pk.tare_g) + self.weight_g(ids);
        if gross > u64::from(pk.max_gross_g) {
            return Some(Rejection::TooHeavy {
                gross_g: gross,
                max_gross_g: pk.max_gross_g,
            });
        }
        let v = self.volume_mm3(ids);
        if v > pk.inner_volume_mm3() {
            return Some(Rejection::NotEnoughVolume {
                items_mm3: v,
                inner_mm3: pk.inner_volume_mm3(),
            });
        }
        None
    }

    /// The cheapest packaging that holds every unit of `ids`, trying them in cost order; with
    /// `log`, why each cheaper one failed.
    pub(super) fn single(
        &self,
        ids: &[usize],
        log: Option<&mut Vec<(usize, Rejection)>>,
    ) -> Option<Plan> {
        // Units of one request line are interchangeable, so the answer depends only on how
        // many of each line there are: key by lines, hand the rooms out in that order. A call
        // asking why cheaper packagings failed searches afresh, and leaves its answer for the
        // splits that ask the same question after it.
        let mut sorted = ids.to_vec();
        sorted.sort_unstable_by_key(|&u| (self.unit_item[u], u));
        let key: Vec<usize> = sorted.iter().map(|&u| self.unit_item[u]).collect();
        let hit = match log {
            Some(_) => None,
            None => self.memo.borrow().get(&key).cloned(),
        };
        let found = match hit {
            Some(found) => found,
            None => {
                let found = self
                    .single_uncached(&sorted, log)
                    .map(|plan| (plan.pack, plan.units.into_iter().map(|(_, c)| c).collect()));
                self.memo.borrow_mut().insert(key, found.clone());
                found
            }
        };
        found.map(|(pack, rooms): Rooms| Plan {
            pack,
            units: sorted.into_iter().zip(rooms).collect(),
        })
    }

    /// The cheapest packaging costing less than `than` that holds every unit of `ids`.
    pub(super) fn cheaper_single(&self, ids: &[usize], than: f64) -> Option<Plan> {
        let mut key = ids.to_vec();
        key.sort_unstable_by_key(|&u| (self.unit_item[u], u));
        let lines: Vec<usize> = key.iter().map(|&u| self.unit_item[u]).collect();
        if self.memo.borrow().contains_key(&lines) {
            let plan = self.single(&key, None)?;
            return (self.catalogue[plan.pack].cost < than).then_some(plan);
        }
        let pu = self.punits(&key);
        for &p in &self.by_cost {
            if self.catalogue[p].cost >= than {
                break;
            }
            if !key.iter().all(|&u| self.eligible[u][p]) || self.bound_rejection(p, &key).is_some()
            {
                continue;
            }
            if let Some(rooms) = pack_all(self.catalogue[p].inner_mm, &pu) {
                return Some(Plan {
                    pack: p,
                    units: key.iter().copied().zip(rooms).collect(),
                });
            }
        }
        None
    }

    pub(super) fn single_uncached(
        &self,
        ids: &[usize],
        mut log: Option<&mut Vec<(usize, Rejection)>>,
    ) -> Option<Plan> {
        let pu = self.punits(ids);
        for &p in &self.by_cost {
            if !ids.iter().all(|&u| self.eligible[u][p]) {
                continue;
            }
            if let Some(r) = self.bound_rejection(p, ids) {
                if let Some(l) = log.as_deref_mut() {
                    l.push((p, r));
                }
                continue;
            }
            match pack_all(self.catalogue[p].inner_mm, &pu) {
                Some(rooms) => {
                    return Some(Plan {
                        pack: p,
                        units: ids.iter().copied().zip(rooms).collect(),
                    })
                }
                None => {
                    if let Some(l) = log.as_deref_mut() {
                        l.push((p, Rejection::NoArrangementFound));
                    }
                }
            }
        }
        None
    }

    /// A lower bound on the cost of any split of `ids` into two parcels or more: one parcel
    /// holds the unit whose cheapest eligible packaging costs most, another costs at least the
    /// cheapest packaging any unit may use.
    pub(super) fn split_cost_lb(&self, ids: &[usize]) -> f64 {
        let cheapest = |u: usize| {
            self.by_cost
                .iter()
                .find(|&&p| self.eligible[u][p])
                .map_or(f64::INFINITY, |&p| self.catalogue[p].cost)
        };
        let per_unit: Vec<f64> = ids.iter().map(|&u| cheapest(u)).collect();
        let most = per_unit.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let least = per_unit.iter().copied().fold(f64::INFINITY, f64::min);
        most + least
    }

    pub(super) fn cost(&self, plans: &[Plan]) -> f64 {
        plans.iter().map(|p| self.catalogue[p.pack].cost).sum()
    }

    pub(super) fn empty_mm3(&self, plans: &[Plan]) -> u64 {
        plans
            .iter()
            .map(|p| {
                let ids: Vec<usize> = p.units.iter().map(|(u, _)| *u).collect();
                self.catalogue[p.pack].inner_volume_mm3() - self.volume_mm3(&ids)
            })
            .sum()
    }

    pub(super) fn compare(&self, objective: Objective, a: &[Plan], b: &[Plan]) -> Ordering {
        let cost = self.cost(a).total_cmp(&self.cost(b));
        let parcels = a.len().cmp(&b.len());
        let first = match objective {
            Objective::CheapestTotal => cost.then(parcels),
            Objective::FewestParcels => parcels.then(cost),
        };
        first.then(self.empty_mm3(a).cmp(&self.empty_mm3(b)))
    }
}
