//! Chooses the parcels for an order: which packaging, how many, and where each unit goes.
//! Packagings are tried cheapest first behind weight, volume and size bounds. An order that no
//! single packaging holds (or, for the cheapest total, might be cheaper split) is split by
//! filling one parcel at a time and by spreading it over sets of k packagings; each parcel then
//! moves to the cheapest packaging that still holds its contents, and the objective picks.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use super::explain::{ChosenParcel, Explanation, Rejection, RuledOut, SkuCount};
use super::geometry::{volume_mm3, Cuboid};
use super::model::{
    CartonOptions, Cartonization, Objective, PackRequest, Packaging, Parcel, PlacedUnit,
    UnpackedUnits,
};
use super::placer::{pack_all, pack_most, PUnit};
use super::rules::{item_allowed, item_rejections, packaging_rejections};

/// What a split fills each parcel for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FillBy {
    Volume,
    VolumePerCost,
}

/// The size of a unit when spreading an order evenly over parcels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpreadBy {
    Weight,
    Volume,
    /// The larger of the unit's weight and volume shares of the largest packaging.
    Either,
}

/// What a parcel holding `vol_mm3` in a packaging of this cost scores.
fn fill_score(by: FillBy, vol_mm3: f64, cost: f64) -> f64 {
    match by {
        FillBy::Volume => vol_mm3,
        FillBy::VolumePerCost if cost > 0.0 => vol_mm3 / cost,
        FillBy::VolumePerCost => vol_mm3,
    }
}

/// A packaging (catalogue index) and the rooms of the units in it.
type Rooms = (usize, Vec<Cuboid>);

/// One parcel in the making: a catalogue index and (unit index, room) pairs.
#[derive(Clone, Debug)]
struct Plan {
    pack: usize,
    units: Vec<(usize, Cuboid)>,
}

struct Ctx<'a> {
    catalogue: &'a [Packaging],
    /// Catalogue indices by (cost, inner volume, id): the order boxes are tried in.
    by_cost: Vec<usize>,
    units: Vec<PUnit>,
    /// Per unit, per catalogue entry: may the unit travel in it (rules, size, weight alone).
    eligible: Vec<Vec<bool>>,
    /// Per unit, the request line it came from.
    unit_item: Vec<usize>,
    /// The request's lines, for the reasons behind a refusal.
    items: &'a [super::model::ItemToPack],
    /// `single` answers by the request lines of the units: splitting asks the same question
    /// many times. The value is the packaging and the rooms in key order.
    memo: RefCell<HashMap<Vec<usize>, Option<Rooms>>>,
}

impl Ctx<'_> {
    fn punits(&self, ids: &[usize]) -> Vec<PUnit> {
        ids.iter().map(|&u| self.units[u]).collect()
    }

    fn weight_g(&self, ids: &[usize]) -> u64 {
        ids.iter().map(|&u| u64::from(self.units[u].weight_g)).sum()
    }

    fn volume_mm3(&self, ids: &[usize]) -> u64 {
        ids.iter().map(|&u| volume_mm3(self.units[u].dims)).sum()
    }

    /// Why `ids` cannot all go into packaging `p` by the cheap bounds, if they cannot.
    fn bound_rejection(&self, p: usize, ids: &[usize]) -> Option<Rejection> {
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
    fn single(&self, ids: &[usize], log: Option<&mut Vec<(usize, Rejection)>>) -> Option<Plan> {
        if log.is_some() {
            return self.single_uncached(ids, log);
        }
        // Units of one request line are interchangeable, so the answer depends only on how
        // many of each line there are: key by lines, hand the rooms out in that order.
        let mut sorted = ids.to_vec();
        sorted.sort_unstable_by_key(|&u| (self.unit_item[u], u));
        let key: Vec<usize> = sorted.iter().map(|&u| self.unit_item[u]).collect();
        let hit = self.memo.borrow().get(&key).cloned();
        let found = match hit {
            Some(found) => found,
            None => {
                let found = self
                    .single_uncached(&sorted, None)
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
    fn cheaper_single(&self, ids: &[usize], than: f64) -> Option<Plan> {
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

    fn single_uncached(
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

    /// Splits `ids` over several parcels, filling one at a time with the packaging that takes
    /// the most of what `by` says. With `finish`, the rest
    /// goes into one parcel as soon as one packaging holds it.
    fn split(&self, ids: &[usize], by: FillBy, finish: bool) -> Vec<Plan> {
        let mut rest: Vec<usize> = ids.to_vec();
        let mut plans = Vec::new();
        while !rest.is_empty() {
            if finish {
                if let Some(plan) = self.single(&rest, None) {
                    plans.push(plan);
                    break;
                }
            }
            // Each packaging with the most it could score (all eligible units, up to its
            // limits), best first: once that bound falls below the best fill found, stop.
            let mut cands: Vec<(f64, usize, usize, Vec<usize>)> = Vec::new();
            for (rank, &p) in self.by_cost.iter().enumerate() {
                let sub: Vec<usize> = rest
                    .iter()
                    .copied()
                    .filter(|&u| self.eligible[u][p])
                    .collect();
                if sub.is_empty() {
                    continue;
                }
                let pk = &self.catalogue[p];
                let (sv, cv) = (self.volume_mm3(&sub) as f64, pk.inner_volume_mm3() as f64);
                cands.push((fill_score(by, sv.min(cv), pk.cost), rank, p, sub));
            }
            cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut best: Option<(f64, usize, Plan)> = None;
            for (bound, rank, p, sub) in cands {
                if best.as_ref().is_some_and(|(s, _, _)| bound < *s) {
                    break;
                }
                let pk = &self.catalogue[p];
                let got = pack_most(pk.inner_mm, pk.net_capacity_g(), &self.punits(&sub));
                let vol: u64 = got
                    .iter()
                    .map(|(i, _)| volume_mm3(self.units[sub[*i]].dims))
                    .sum();
                let score = fill_score(by, vol as f64, pk.cost);
                // On a tie the cheaper packaging wins.
                let better = best
                    .as_ref()
                    .is_none_or(|(s, r, _)| score > *s || (score == *s && rank < *r));
                if got.is_empty() || !better {
                    continue;
                }
                let units = got.into_iter().map(|(i, c)| (sub[i], c)).collect();
                best = Some((score, rank, Plan { pack: p, units }));
            }
            let Some((_, _, plan)) = best else { break };
            rest.retain(|u| !plan.units.iter().any(|(v, _)| v == u));
            plans.push(plan);
        }
        for plan in &mut plans {
            let ids: Vec<usize> = plan.units.iter().map(|(u, _)| *u).collect();
            if let Some(better) = self.cheaper_single(&ids, self.catalogue[plan.pack].cost) {
                *plan = better;
            }
        }
        plans
    }

    /// Fewest parcels `ids` can need by total weight and volume against the largest packaging
    /// any of them may use.
    fn parcel_lb(&self, ids: &[usize]) -> usize {
        let (mut net, mut vol) = (0u64, 0u64);
        for (p, pk) in self.catalogue.iter().enumerate() {
            if ids.iter().any(|&u| self.eligible[u][p]) {
                net = net.max(pk.net_capacity_g());
                vol = vol.max(pk.inner_volume_mm3());
            }
        }
        let need = |total: u64, cap: u64| {
            if cap == 0 {
                1
            } else {
                total.div_ceil(cap) as usize
            }
        };
        need(self.weight_g(ids), net)
            .max(need(self.volume_mm3(ids), vol))
            .max(1)
    }

    /// Spreads `ids` over one parcel of each packaging in `template`: largest unit first, each
    /// into the parcel left least full by weight and volume (relative to that packaging), then
    /// puts each share into the cheapest packaging that holds it; `None` if a share fits none.
    fn spread(&self, ids: &[usize], template: &[usize], by: SpreadBy) -> Option<Vec<Plan>> {
        let (mut net, mut vol) = (1u64, 1u64);
        for &p in template {
            net = net.max(self.catalogue[p].net_capacity_g());
            vol = vol.max(self.catalogue[p].inner_volume_mm3());
        }
        let size = |u: usize| -> f64 {
            let w = f64::from(self.units[u].weight_g) / net as f64;
            let v = volume_mm3(self.units[u].dims) as f64 / vol as f64;
            match by {
                SpreadBy::Weight => w + v * 1e-9,
                SpreadBy::Volume => v + w * 1e-9,
                SpreadBy::Either => w.max(v),
            }
        };
        let mut order: Vec<usize> = ids.to_vec();
        order.sort_by(|&a, &b| size(b).total_cmp(&size(a)).then(a.cmp(&b)));
        // Per parcel: contents weight, volume, units.
        let mut shares: Vec<(u64, u64, Vec<usize>)> = vec![(0, 0, Vec::new()); template.len()];
        for u in order {
            let (w, v) = (
                u64::from(self.units[u].weight_g),
                volume_mm3(self.units[u].dims),
            );
            let mut best: Option<(f64, usize)> = None;
            for (g, &p) in template.iter().enumerate() {
                let pk = &self.catalogue[p];
                let (nw, nv) = (shares[g].0 + w, shares[g].1 + v);
                if !self.eligible[u][p] || nw > pk.net_capacity_g() || nv > pk.inner_volume_mm3() {
                    continue;
                }
                let fill = (nw as f64 / pk.net_capacity_g().max(1) as f64)
                    .max(nv as f64 / pk.inner_volume_mm3().max(1) as f64);
                if best.is_none_or(|(f, _)| fill < f) {
                    best = Some((fill, g));
                }
            }
            let (_, g) = best?;
            shares[g].0 += w;
            shares[g].1 += v;
            shares[g].2.push(u);
        }
        let mut plans = Vec::with_capacity(template.len());
        for (_, _, mut share) in shares {
            if share.is_empty() {
                continue;
            }
            share.sort_unstable();
            plans.push(self.single(&share, None)?);
        }
        Some(plans)
    }

    /// Two parcels, `a` taking the densest units (grams per litre) and `b` the rest: tries the
    /// cut points that respect both weight and volume limits, most balanced first. For orders
    /// that are heavy and bulky at once, where an even spread overloads one parcel.
    fn sweep(&self, ids: &[usize], a: usize, b: usize, tries: usize) -> Option<Vec<Plan>> {
        let (pa, pb) = (&self.catalogue[a], &self.catalogue[b]);
        let mut order: Vec<usize> = ids.to_vec();
        let dens = |u: usize| {
            f64::from(self.units[u].weight_g) / volume_mm3(self.units[u].dims).max(1) as f64
        };
        order.sort_by(|&x, &y| dens(y).total_cmp(&dens(x)).then(x.cmp(&y)));
        let (tw, tv) = (self.weight_g(ids), self.volume_mm3(ids));
        let mut cuts: Vec<(f64, usize)> = Vec::new();
        let (mut w, mut v) = (0u64, 0u64);
        for (i, &u) in order.iter().enumerate() {
            w += u64::from(self.units[u].weight_g);
            v += volume_mm3(self.units[u].dims);
            let cut = i + 1;
            if cut == order.len() {
                break;
            }
            let fa = (w as f64 / pa.net_capacity_g().max(1) as f64)
                .max(v as f64 / pa.inner_volume_mm3().max(1) as f64);
            let fb = ((tw - w) as f64 / pb.net_capacity_g().max(1) as f64)
                .max((tv - v) as f64 / pb.inner_volume_mm3().max(1) as f64);
            if fa <= 1.0 && fb <= 1.0 {
                cuts.push((fa.max(fb), cut));
            }
        }
        cuts.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        for &(_, cut) in cuts.iter().take(tries) {
            let (sa, sb) = order.split_at(cut);
            if !sa.iter().all(|&u| self.eligible[u][a]) || !sb.iter().all(|&u| self.eligible[u][b])
            {
                continue;
            }
            if let (Some(x), Some(y)) = (self.single(sa, None), self.single(sb, None)) {
                return Some(vec![x, y]);
            }
        }
        None
    }

    /// Every multiset of `k` catalogue entries some unit of `ids` may use, at most `cap` of them.
    fn templates(&self, ids: &[usize], k: usize, cap: usize) -> Vec<Vec<usize>> {
        let usable: Vec<usize> = self
            .by_cost
            .iter()
            .copied()
            .filter(|&p| ids.iter().any(|&u| self.eligible[u][p]))
            .collect();
        let mut out = Vec::new();
        let mut cur = Vec::with_capacity(k);
        fn rec(
            usable: &[usize],
            start: usize,
            k: usize,
            cap: usize,
            cur: &mut Vec<usize>,
            out: &mut Vec<Vec<usize>>,
        ) {
            if out.len() >= cap {
                return;
            }
            if cur.len() == k {
                out.push(cur.clone());
                return;
            }
            for i in start..usable.len() {
                cur.push(usable[i]);
                rec(usable, i, k, cap, cur, out);
                cur.pop();
            }
        }
        rec(&usable, 0, k, cap, &mut cur, &mut out);
        out
    }

    /// Several splits of `ids`; the caller keeps the best.
    fn splits(&self, ids: &[usize], objective: Objective) -> Vec<Vec<Plan>> {
        let lb = self.parcel_lb(ids);
        let mut out = vec![self.split(ids, FillBy::Volume, true)];
        if out[0].len() <= lb && objective == Objective::FewestParcels {
            return out;
        }
        // Without finishing early the greedy sometimes packs tighter overall; worth its time
        // on big orders, and always when cost is what counts.
        if objective == Objective::CheapestTotal || out[0].len() >= 4 {
            out.push(self.split(ids, FillBy::VolumePerCost, false));
        }
        let fewest = out.iter().map(Vec::len).min().unwrap_or(0);
        // For the cheapest total, two parcels may beat one box even when one box holds all.
        let upto = match objective {
            Objective::FewestParcels => fewest,
            Objective::CheapestTotal => fewest.max(3),
        };
        for k in lb.max(2)..upto {
            let before = out.len();
            'templates: for template in self.templates(ids, k, 64) {
                // By each unit's larger share, then by whichever of weight and volume is
                // tighter for these packagings.
                let (cap_w, cap_v) = template.iter().fold((0u64, 0u64), |(w, v), &p| {
                    let pk = &self.catalogue[p];
                    (w + pk.net_capacity_g(), v + pk.inner_volume_mm3())
                });
                let weight_tighter = self.weight_g(ids) as f64 / cap_w.max(1) as f64
                    > self.volume_mm3(ids) as f64 / cap_v.max(1) as f64;
                let tighter = if weight_tighter {
                    SpreadBy::Weight
                } else {
                    SpreadBy::Volume
                };
                for by in [SpreadBy::Either, tighter] {
                    out.extend(self.spread(ids, &template, by));
                    if out.len() > before && objective == Objective::FewestParcels {
                        break 'templates;
                    }
                }
                if let [a, b] = template[..] {
                    // Dense units to the packaging carrying more grams per litre.
                    let ratio = |p: usize| {
                        self.catalogue[p].net_capacity_g() as f64
                            / self.catalogue[p].inner_volume_mm3().max(1) as f64
                    };
                    let (a, b) = if ratio(a) >= ratio(b) { (a, b) } else { (b, a) };
                    out.extend(self.sweep(ids, a, b, 6));
                    if out.len() > before && objective == Objective::FewestParcels {
                        break 'templates;
                    }
                }
            }
            if out.len() > before && objective == Objective::FewestParcels {
                break;
            }
        }
        out
    }

    fn cost(&self, plans: &[Plan]) -> f64 {
        plans.iter().map(|p| self.catalogue[p.pack].cost).sum()
    }

    fn empty_mm3(&self, plans: &[Plan]) -> u64 {
        plans
            .iter()
            .map(|p| {
                let ids: Vec<usize> = p.units.iter().map(|(u, _)| *u).collect();
                self.catalogue[p.pack].inner_volume_mm3() - self.volume_mm3(&ids)
            })
            .sum()
    }

    fn compare(&self, objective: Objective, a: &[Plan], b: &[Plan]) -> Ordering {
        let cost = self.cost(a).total_cmp(&self.cost(b));
        let parcels = a.len().cmp(&b.len());
        let first = match objective {
            Objective::CheapestTotal => cost.then(parcels),
            Objective::FewestParcels => parcels.then(cost),
        };
        first.then(self.empty_mm3(a).cmp(&self.empty_mm3(b)))
    }
}

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
                let many = one.is_none() || ctx.catalogue.len() > 1;
                if let Some(p) = one {
                    cands.push(vec![p]);
                }
                if many {
                    cands.extend(ctx.splits(&shared, opts.objective));
                }
            }
        }
        let best = cands
            .into_iter()
            .min_by(|a, b| ctx.compare(opts.objective, a, b))
            .unwrap_or_default();
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

#[allow(clippy::too_many_arguments)]
fn explain(
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
