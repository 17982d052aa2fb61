//! The ways to split an order no single packaging holds: filling one parcel at a time, spreading
//! it over sets of k packagings, and a two-parcel sweep by density; the caller keeps the best.

use crate::carton::geometry::volume_mm3;
use crate::carton::model::Objective;
use crate::carton::placer::pack_most;

use super::ctx::{fill_score, Ctx, FillBy, Plan, SpreadBy};

impl Ctx<'_> {
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

    /// Joins two parcels of a split into one wherever a single packaging holds both shares for
    /// less than the two cost (for the fewest parcels: at all), until no pair joins. Splitting
    /// fills parcels one at a time, so a late parcel often has room left that an earlier small
    /// one could use.
    pub(super) fn merge(&self, mut plans: Vec<Plan>, objective: Objective) -> Vec<Plan> {
        'again: loop {
            for i in 0..plans.len() {
                for j in i + 1..plans.len() {
                    let ids: Vec<usize> = plans[i]
                        .units
                        .iter()
                        .chain(&plans[j].units)
                        .map(|(u, _)| *u)
                        .collect();
                    let pair =
                        self.catalogue[plans[i].pack].cost + self.catalogue[plans[j].pack].cost;
                    let cap = match objective {
                        Objective::CheapestTotal => pair,
                        Objective::FewestParcels => f64::INFINITY,
                    };
                    if let Some(joined) = self.cheaper_single(&ids, cap) {
                        plans[i] = joined;
                        plans.remove(j);
                        continue 'again;
                    }
                }
            }
            return plans;
        }
    }

    /// Several splits of `ids`; the caller keeps the best.
    pub(super) fn splits(&self, ids: &[usize], objective: Objective) -> Vec<Vec<Plan>> {
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
}
