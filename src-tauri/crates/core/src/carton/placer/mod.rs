//! Puts units into one box: an extreme-point heuristic (Crainic, Perboli & Tadei) run with
//! several unit orderings and placement preferences. All-or-nothing (`pack_all`) to test a box,
//! or as much as will go (`pack_most`) to fill one parcel of a split order.

mod bounds;
mod grid;
mod search;

use super::geometry::{volume_mm3, Cuboid, DimsMm, OrientSet, PUnit};
use bounds::{
    fitting_orientations, inseparable_pair, too_much_for_a_face, too_much_for_shrunk_box,
};
use grid::pack_identical;
use search::search;

/// The order units are offered to the box in; each a different guess at what matters most.
#[derive(Clone, Copy, Debug)]
enum UnitOrder {
    Volume,
    LongestSide,
    Footprint,
    Thickness,
}

impl UnitOrder {
    /// Every ordering, each at its own index (`as usize`).
    const ALL: [UnitOrder; 4] = [
        UnitOrder::Volume,
        UnitOrder::LongestSide,
        UnitOrder::Footprint,
        UnitOrder::Thickness,
    ];
}

/// A unit ordering plus the axis priority of the placement merit: a unit goes where its far
/// corner is lowest along `axes[0]`, then `axes[1]`, then `axes[2]` (z first = fill the floor).
#[derive(Clone, Copy, Debug)]
struct Strategy {
    order: UnitOrder,
    axes: [usize; 3],
    /// Keep each unit in the first of its orientations that fits anywhere (the natural one
    /// first), so rows of identical units stay aligned and tile the box.
    keep_turn: bool,
}

/// The two axes other than the index.
const OTHER: [(usize, usize); 3] = [(1, 2), (0, 2), (0, 1)];

const Z_Y_X: [usize; 3] = [2, 1, 0];
const Z_X_Y: [usize; 3] = [2, 0, 1];
const X_Z_Y: [usize; 3] = [0, 2, 1];
const Y_Z_X: [usize; 3] = [1, 2, 0];

/// Tried in this order; the first arrangement that holds every unit wins. The head of the list
/// settles nearly all boxes, the tail is there for the tight ones.
const fn st(order: UnitOrder, axes: [usize; 3], keep_turn: bool) -> Strategy {
    Strategy {
        order,
        axes,
        keep_turn,
    }
}

const STRATEGIES: &[Strategy] = &[
    st(UnitOrder::Volume, Z_Y_X, false),
    st(UnitOrder::Footprint, Z_Y_X, false),
    st(UnitOrder::Volume, Z_Y_X, true),
    st(UnitOrder::LongestSide, Z_X_Y, false),
    st(UnitOrder::Thickness, Z_Y_X, false),
    st(UnitOrder::Volume, X_Z_Y, false),
    st(UnitOrder::Footprint, Y_Z_X, false),
    st(UnitOrder::LongestSide, Z_Y_X, false),
    st(UnitOrder::Volume, Y_Z_X, false),
    st(UnitOrder::Footprint, X_Z_Y, false),
    st(UnitOrder::Thickness, X_Z_Y, false),
    st(UnitOrder::LongestSide, Y_Z_X, false),
    st(UnitOrder::Volume, Z_X_Y, false),
];

fn sorted_indices(units: &[PUnit], order: UnitOrder) -> Vec<usize> {
    let keys: Vec<(u64, u64)> = units
        .iter()
        .map(|u| {
            let mut d = u.dims;
            d.sort_unstable();
            let v = volume_mm3(u.dims);
            match order {
                UnitOrder::Volume => (v, u64::from(d[2])),
                UnitOrder::LongestSide => (u64::from(d[2]), v),
                UnitOrder::Footprint => (u64::from(d[2]) * u64::from(d[1]), u64::from(d[0])),
                UnitOrder::Thickness => (u64::from(d[0]), v),
            }
        })
        .collect();
    let mut idx: Vec<usize> = (0..units.len()).collect();
    // Larger first; ties keep the caller's order, so the result is deterministic.
    idx.sort_by(|&a, &b| keys[b].cmp(&keys[a]).then(a.cmp(&b)));
    idx
}

/// The box being filled: placed units and the extreme points where the next may go.
#[derive(Clone)]
struct Fill {
    inner: DimsMm,
    axes: [usize; 3],
    placed: Vec<Cuboid>,
    /// Sorted by `axes` priority, so the search can stop early.
    eps: Vec<[u32; 3]>,
}

impl Fill {
    fn new(inner: DimsMm, axes: [usize; 3]) -> Self {
        Fill {
            inner,
            axes,
            placed: Vec::new(),
            eps: vec![[0, 0, 0]],
        }
    }

    /// Empty again, with another merit, keeping the allocations.
    fn reset(&mut self, axes: [usize; 3]) {
        self.axes = axes;
        self.placed.clear();
        self.eps.clear();
        self.eps.push([0, 0, 0]);
    }

    fn key(&self, p: [u32; 3]) -> (u32, u32, u32) {
        (p[self.axes[0]], p[self.axes[1]], p[self.axes[2]])
    }

    fn free(&self, c: &Cuboid) -> bool {
        !self.placed.iter().any(|p| p.overlaps(c))
    }

    /// Best spot for a unit with these candidate orientations, if any; with `keep_turn`, the
    /// best spot for the first orientation that has one.
    fn find(&self, orients: &[DimsMm], keep_turn: bool) -> Option<Cuboid> {
        if keep_turn {
            return orients
                .iter()
                .find_map(|o| self.find_any(std::slice::from_ref(o)));
        }
        self.find_any(orients)
    }

    fn find_any(&self, orients: &[DimsMm]) -> Option<Cuboid> {
        let a0 = self.axes[0];
        let mut best: Option<((u32, u32, u32), Cuboid)> = None;
        for ep in &self.eps {
            if let Some((k, _)) = best {
                // Every later point starts at or beyond the best far corner on the first axis.
                if ep[a0] >= k.0 {
                    break;
                }
            }
            for o in orients {
                if (0..3).any(|a| ep[a] + o[a] > self.inner[a]) {
                    continue;
                }
                let end = [ep[0] + o[0], ep[1] + o[1], ep[2] + o[2]];
                let k = self.key(end);
                if best.is_some_and(|(bk, _)| k >= bk) {
                    continue;
                }
                let c = Cuboid {
                    pos_mm: *ep,
                    dims_mm: *o,
                };
                if self.free(&c) {
                    best = Some((k, c));
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// Up to `width` distinct spots for a unit with these orientations, best first.
    fn candidates(&self, orients: &[DimsMm], width: usize) -> Vec<Cuboid> {
        let mut all: Vec<((u32, u32, u32), Cuboid)> = Vec::new();
        for ep in &self.eps {
            for o in orients {
                if (0..3).any(|a| ep[a] + o[a] > self.inner[a]) {
                    continue;
                }
                let c = Cuboid {
                    pos_mm: *ep,
                    dims_mm: *o,
                };
                if self.free(&c) {
                    all.push((self.key([ep[0] + o[0], ep[1] + o[1], ep[2] + o[2]]), c));
                }
            }
        }
        all.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.pos_mm.cmp(&b.1.pos_mm))
                .then(a.1.dims_mm.cmp(&b.1.dims_mm))
        });
        all.dedup_by(|a, b| a.1 == b.1);
        all.into_iter().take(width).map(|(_, c)| c).collect()
    }

    /// Slides each `(point, axis)` towards 0 along its axis until it meets a placed unit's
    /// face or the wall; one pass over the placed units for all of them.
    fn project(&self, pts: &mut [([u32; 3], usize); 6]) {
        let mut to = [0u32; 6];
        for q in &self.placed {
            for (k, (p, axis)) in pts.iter().enumerate() {
                let a = *axis;
                let (b, c) = OTHER[a];
                let e = q.end(a);
                if e <= p[a]
                    && e > to[k]
                    && q.pos_mm[b] <= p[b]
                    && p[b] < q.end(b)
                    && q.pos_mm[c] <= p[c]
                    && p[c] < q.end(c)
                {
                    to[k] = e;
                }
            }
        }
        for (k, (p, axis)) in pts.iter_mut().enumerate() {
            p[*axis] = to[k];
        }
    }

    fn commit(&mut self, c: Cuboid) {
        self.placed.push(c);
        // A point inside the new unit can hold nothing any more.
        // Sorted by the first merit axis, so only this slice can lie inside the new unit.
        let a0 = self.axes[0];
        let lo = self.eps.partition_point(|e| e[a0] < c.pos_mm[a0]);
        let hi = self.eps.partition_point(|e| e[a0] < c.end(a0));
        let mut kept = lo;
        for r in lo..hi {
            let e = self.eps[r];
            if !(0..3).all(|a| c.pos_mm[a] <= e[a] && e[a] < c.end(a)) {
                self.eps[kept] = e;
                kept += 1;
            }
        }
        self.eps.drain(kept..hi);
        let p = c.pos_mm;
        let (x, y, z) = (
            [c.end(0), p[1], p[2]],
            [p[0], c.end(1), p[2]],
            [p[0], p[1], c.end(2)],
        );
        let mut pts = [(x, 1), (x, 2), (y, 0), (y, 2), (z, 0), (z, 1)];
        self.project(&mut pts);
        {
            for (e, _) in pts {
                if (0..3).any(|a| e[a] >= self.inner[a]) {
                    continue;
                }
                let k = self.key(e);
                match self.eps.binary_search_by(|x| self.key(*x).cmp(&k)) {
                    Ok(_) => {}
                    Err(i) => self.eps.insert(i, e),
                }
            }
        }
    }
}

/// An arrangement of every unit in a box of `inner` extents (indexed like `units`), or `None`
/// when no strategy finds one. Weight is the caller's business.
pub(crate) fn pack_all(inner: DimsMm, units: &[PUnit]) -> Option<Vec<Cuboid>> {
    let orients = fitting_orientations(inner, units)?;
    let total: u64 = units.iter().map(|u| volume_mm3(u.dims)).sum();
    if total > volume_mm3(inner)
        || too_much_for_shrunk_box(inner, units, &orients)
        || too_much_for_a_face(inner, &orients)
        || inseparable_pair(inner, &orients)
    {
        return None;
    }
    if units.len() > 1
        && units
            .iter()
            .all(|u| (u.dims, u.upright) == (units[0].dims, units[0].upright))
    {
        if let Some(rooms) = pack_identical(inner, orients[0].as_slice(), units.len()) {
            return Some(rooms);
        }
    }
    // Each ordering once; one fill and one answer reused by every strategy.
    let orders = UnitOrder::ALL.map(|o| sorted_indices(units, o));
    let mut fill = Fill::new(inner, Z_Y_X);
    let mut out = vec![None; units.len()];
    for s in STRATEGIES {
        fill.reset(s.axes);
        out.fill(None);
        let mut ok = true;
        for &i in &orders[s.order as usize] {
            match fill.find(orients[i].as_slice(), s.keep_turn) {
                Some(c) => {
                    fill.commit(c);
                    out[i] = Some(c);
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(out.iter().flatten().copied().collect());
        }
    }
    search(inner, units, &orients)
}

/// As much of `units` as goes into one box of `inner` extents carrying at most `net_g` of
/// contents: the arrangement holding the most volume over a few strategies. Returns
/// `(unit index, room)` pairs.
pub(crate) fn pack_most(inner: DimsMm, net_g: u64, units: &[PUnit]) -> Vec<(usize, Cuboid)> {
    let orients: Vec<OrientSet> = units
        .iter()
        .map(|u| OrientSet::within(u.dims, u.upright, inner))
        .collect();
    let mut best: (u64, Vec<(usize, Cuboid)>) = (0, Vec::new());
    for s in &STRATEGIES[..8] {
        let mut fill = Fill::new(inner, s.axes);
        let mut got = Vec::new();
        let (mut vol, mut weight) = (0u64, 0u64);
        for i in sorted_indices(units, s.order) {
            let w = u64::from(units[i].weight_g);
            if orients[i].is_empty() || weight + w > net_g {
                continue;
            }
            if let Some(c) = fill.find(orients[i].as_slice(), s.keep_turn) {
                fill.commit(c);
                got.push((i, c));
                vol += volume_mm3(units[i].dims);
                weight += w;
            }
        }
        let all = got.len() == units.len();
        if vol > best.0 {
            best = (vol, got);
        }
        if all {
            break;
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::bounds::max_fill;
    use super::grid::grid_count;
    use super::*;

    #[test]
    fn max_fill_finds_the_longest_subset_sum() {
        let c = [vec![210u32, 297], vec![210, 297]];
        assert_eq!(max_fill(c.iter().map(Vec::as_slice), 364), 297);
        assert_eq!(max_fill(c.iter().map(Vec::as_slice), 420), 420);
        assert_eq!(max_fill(c.iter().map(Vec::as_slice), 600), 594);
        let ones = vec![vec![1u32]; 200];
        assert_eq!(max_fill(ones.iter().map(Vec::as_slice), 130), 130);
        assert_eq!(max_fill([].into_iter(), 50), 0);
    }

    #[test]
    fn ten_identical_units_take_two_blocks_of_different_turns() {
        // One grid holds 8 at best; a cut along one axis with two turns holds 10.
        let u = PUnit {
            dims: [106, 145, 95],
            upright: false,
            weight_g: 1,
        };
        let inner = [230, 300, 240];
        let os = OrientSet::within(u.dims, false, inner);
        assert!(os.as_slice().iter().all(|&o| grid_count(inner, o) < 10));
        let rooms = pack_identical(inner, os.as_slice(), 10).expect("two blocks hold 10");
        assert_eq!(rooms.len(), 10);
        for (i, r) in rooms.iter().enumerate() {
            assert!(r.inside(inner));
            assert!(rooms[..i].iter().all(|q| !q.overlaps(r)));
        }
        assert!(pack_all(inner, &[u; 10]).is_some());
    }

    /// Order S01418 of `benches/carton/packbench_single_v1.json`, proven by CP-SAT to fit the
    /// 400x350x80 polybag.
    const SEARCH_CASE: [DimsMm; 10] = [
        [219, 155, 22],
        [219, 155, 22],
        [219, 155, 22],
        [219, 155, 22],
        [219, 155, 22],
        [219, 155, 22],
        [213, 152, 25],
        [190, 114, 19],
        [190, 114, 19],
        [190, 114, 19],
    ];

    fn unit(dims: DimsMm) -> PUnit {
        PUnit {
            dims,
            upright: false,
            weight_g: 1,
        }
    }

    /// `big` and `n` small fillers (they keep the volume bounds quiet), with their turns in `inner`.
    fn with_fillers(
        inner: DimsMm,
        big: &[DimsMm],
        filler: DimsMm,
        n: usize,
    ) -> (Vec<PUnit>, Vec<OrientSet>) {
        let mut units: Vec<PUnit> = big.iter().map(|&d| unit(d)).collect();
        units.extend(vec![unit(filler); n]);
        let orients = fitting_orientations(inner, &units).unwrap();
        (units, orients)
    }

    #[test]
    fn long_units_that_cannot_lie_two_deep_must_share_the_face() {
        // A polybag 400x350x80: three 250x200x45 units lie flat (no other turn fits 80 mm), two
        // cannot stack (90 mm), and their shadows (150,000 mm2) exceed the floor (140,000 mm2),
        // though the volume and the shrunk box leave room (thin fillers make every sum fit).
        let inner = [400, 350, 80];
        let (units, orients) = with_fillers(inner, &[[250, 200, 45]; 3], [100, 100, 10], 10);
        assert!(!too_much_for_shrunk_box(inner, &units, &orients));
        assert!(too_much_for_a_face(inner, &orients));
        assert!(pack_all(inner, &units).is_none());
        // Two of them lie side by side: no refusal, and an arrangement is found.
        let (two, orients) = with_fillers(inner, &[[250, 200, 45]; 2], [100, 100, 10], 10);
        assert!(!too_much_for_a_face(inner, &orients));
        assert!(pack_all(inner, &two).is_some());
    }

    #[test]
    fn two_units_too_big_to_lie_apart_on_any_axis_are_refused() {
        // Two 160 mm cubes in a 300 mm cube: 320 mm along every axis whatever the turns. Small
        // cubes keep the volume and shrunk-box bounds quiet.
        let inner = [300, 300, 300];
        let (units, orients) = with_fillers(inner, &[[160, 160, 160]; 2], [10, 10, 10], 20);
        assert!(!too_much_for_shrunk_box(inner, &units, &orients));
        assert!(inseparable_pair(inner, &orients));
        assert!(pack_all(inner, &units).is_none());
        let big = [[160, 160, 160], [140, 160, 160]];
        let (one, orients) = with_fillers(inner, &big, [10, 10, 10], 20);
        assert!(!inseparable_pair(inner, &orients));
        assert!(pack_all(inner, &one).is_some());
    }

    #[test]
    fn the_search_finds_what_the_strategies_miss() {
        // From the benchmark's single-parcel set (order S01418, one of the boxes the strategies
        // alone missed; the reference proved it fits): the search packs it.
        let inner = [400, 350, 80];
        let units: Vec<PUnit> = SEARCH_CASE.iter().map(|&d| unit(d)).collect();
        let orients = fitting_orientations(inner, &units).unwrap();
        let by_strategies = STRATEGIES.iter().any(|s| {
            let mut fill = Fill::new(inner, s.axes);
            sorted_indices(&units, s.order).into_iter().all(|i| {
                match fill.find(orients[i].as_slice(), s.keep_turn) {
                    Some(c) => {
                        fill.commit(c);
                        true
                    }
                    None => false,
                }
            })
        });
        assert!(
            !by_strategies,
            "the strategies alone now pack it: pick a harder case"
        );
        let rooms = search(inner, &units, &orients).expect("the search packs it");
        for (i, r) in rooms.iter().enumerate() {
            assert!(r.inside(inner));
            assert!(rooms[..i].iter().all(|q| !q.overlaps(r)));
        }
    }

    #[test]
    fn two_a4_sheets_side_by_side_are_refused_without_a_search() {
        let sheet = PUnit {
            dims: [210, 297, 30],
            upright: true,
            weight_g: 1,
        };
        let inner = [364, 374, 40];
        let orients = fitting_orientations(inner, &[sheet, sheet]).unwrap();
        assert!(too_much_for_shrunk_box(inner, &[sheet, sheet], &orients));
        assert!(pack_all(inner, &[sheet, sheet]).is_none());
        assert!(pack_all(inner, &[sheet]).is_some());
    }
}
