//! The placer's last resort: a small depth-first search over extreme points for the boxes its
//! strategies could not fill and its bounds could not rule out.

use super::{sorted_indices, Fill, UnitOrder, Z_Y_X};
use crate::carton::geometry::{Cuboid, DimsMm, OrientSet, PUnit};

/// Placements the fallback search may make per box: enough to settle most tight boxes the
/// strategies miss, few enough that a box no arrangement fits costs a fraction of a millisecond.
const SEARCH_NODES: u32 = 150;
/// Spots tried per unit, best first.
const SEARCH_WIDTH: usize = 3;

/// The last resort for a box the strategies could not fill and the bounds could not rule out:
/// a depth-first search over the extreme points, units largest first, each tried in its
/// `SEARCH_WIDTH` best spots, within `SEARCH_NODES` placements. Deterministic.
pub(super) fn search(inner: DimsMm, units: &[PUnit], orients: &[OrientSet]) -> Option<Vec<Cuboid>> {
    let order = sorted_indices(units, UnitOrder::Volume);
    let mut budget = SEARCH_NODES;
    let mut out = vec![None; units.len()];
    let fill = Fill::new(inner, Z_Y_X);
    if dfs(&fill, &order, orients, &mut out, &mut budget) {
        return Some(out.into_iter().flatten().collect());
    }
    None
}

fn dfs(
    fill: &Fill,
    rest: &[usize],
    orients: &[OrientSet],
    out: &mut [Option<Cuboid>],
    budget: &mut u32,
) -> bool {
    let Some((&i, tail)) = rest.split_first() else {
        return true;
    };
    for c in fill.candidates(orients[i].as_slice(), SEARCH_WIDTH) {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let mut next = fill.clone();
        next.commit(c);
        out[i] = Some(c);
        if dfs(&next, tail, orients, out, budget) {
            return true;
        }
    }
    out[i] = None;
    false
}
