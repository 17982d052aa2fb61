//! Axis-aligned geometry of a parcel: extents, the orientations a unit may take, and the test
//! that two placed units share no volume. Millimetres throughout; z is vertical.

use serde::{Deserialize, Serialize};

/// Extents along x, y, z (a box's inner length, width, height; a unit's rotated extents).
pub type DimsMm = [u32; 3];

/// A placed unit's room in the box: min corner and extents along x, y, z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cuboid {
    pub pos_mm: [u32; 3],
    pub dims_mm: DimsMm,
}

impl Cuboid {
    pub fn end(&self, axis: usize) -> u32 {
        self.pos_mm[axis] + self.dims_mm[axis]
    }

    /// True when the two share positive volume (touching faces do not count).
    pub fn overlaps(&self, other: &Cuboid) -> bool {
        (0..3).all(|a| self.pos_mm[a] < other.end(a) && other.pos_mm[a] < self.end(a))
    }

    pub fn inside(&self, inner: DimsMm) -> bool {
        (0..3).all(|a| self.end(a) <= inner[a])
    }
}

pub fn volume_mm3(d: DimsMm) -> u64 {
    u64::from(d[0]) * u64::from(d[1]) * u64::from(d[2])
}

/// The distinct orientations of a unit whose natural extents are `dims` (height last). An upright
/// unit may only turn about the vertical axis, so its height stays on z.
pub fn orientations(dims: DimsMm, upright: bool) -> Vec<DimsMm> {
    let turns = turns(dims);
    let all = if upright { &turns[..2] } else { &turns[..] };
    let mut out: Vec<DimsMm> = Vec::with_capacity(all.len());
    for o in all {
        if !out.contains(o) {
            out.push(*o);
        }
    }
    out
}

/// The six turns of natural extents `dims`, repeats included; the first two keep the height on
/// z (all a keep-upright unit may take).
fn turns([l, w, h]: DimsMm) -> [DimsMm; 6] {
    [
        [l, w, h],
        [w, l, h],
        [l, h, w],
        [h, l, w],
        [w, h, l],
        [h, w, l],
    ]
}

/// Up to six orientations without a heap allocation, for the placer's inner loops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OrientSet {
    len: usize,
    list: [DimsMm; 6],
}

impl OrientSet {
    /// The orientations of a unit of natural extents `dims` that fit within `inner`.
    pub(crate) fn within(dims: DimsMm, upright: bool, inner: DimsMm) -> Self {
        let turns = turns(dims);
        let all = if upright { &turns[..2] } else { &turns[..] };
        let mut out = OrientSet {
            len: 0,
            list: [[0; 3]; 6],
        };
        for o in all {
            if (0..3).all(|a| o[a] <= inner[a]) && !out.as_slice().contains(o) {
                out.list[out.len] = *o;
                out.len += 1;
            }
        }
        out
    }

    pub(crate) fn as_slice(&self) -> &[DimsMm] {
        &self.list[..self.len]
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Whether `rotated` is one of the orientations allowed for a unit of natural extents `dims`.
pub fn is_allowed_orientation(dims: DimsMm, upright: bool, rotated: DimsMm) -> bool {
    orientations(dims, upright).contains(&rotated)
}

/// The orientations of the unit that fit within `inner`.
pub fn orientations_within(dims: DimsMm, upright: bool, inner: DimsMm) -> Vec<DimsMm> {
    orientations(dims, upright)
        .into_iter()
        .filter(|o| (0..3).all(|a| o[a] <= inner[a]))
        .collect()
}

/// The box side that stops a unit from fitting in any allowed orientation, with the unit's and
/// the box's extents compared there; `None` when the unit fits. Sides are compared sorted
/// (longest against longest), so the answer names the real bottleneck, not an arbitrary axis.
pub fn blocking_side(dims: DimsMm, upright: bool, inner: DimsMm) -> Option<(usize, u32, u32)> {
    if !orientations_within(dims, upright, inner).is_empty() {
        return None;
    }
    if upright && dims[2] > inner[2] {
        return Some((2, dims[2], inner[2]));
    }
    // Sort the free sides of the unit and of the box, longest first, and report the first pair
    // where the unit's side is longer.
    let free = if upright { 2 } else { 3 };
    let mut item: Vec<u32> = dims[..free].to_vec();
    let mut axes: Vec<usize> = (0..free).collect();
    item.sort_unstable_by(|a, b| b.cmp(a));
    axes.sort_by(|&a, &b| inner[b].cmp(&inner[a]).then(a.cmp(&b)));
    for k in 0..free {
        if item[k] > inner[axes[k]] {
            return Some((axes[k], item[k], inner[axes[k]]));
        }
    }
    // Unreachable with sorted sides, kept total for safety.
    Some((2, dims[2], inner[2]))
}

/// One unit as the placer sees it: natural extents (height last), whether it must stay upright,
/// and weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PUnit {
    pub dims: DimsMm,
    pub upright: bool,
    pub weight_g: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientations_are_distinct_and_upright_keeps_height() {
        assert_eq!(orientations([10, 20, 30], false).len(), 6);
        assert_eq!(orientations([10, 10, 30], false).len(), 3);
        assert_eq!(orientations([10, 10, 10], false).len(), 1);
        let up = orientations([10, 20, 30], true);
        assert_eq!(up, vec![[10, 20, 30], [20, 10, 30]]);
        assert!(up.iter().all(|o| o[2] == 30));
    }

    #[test]
    fn the_allocation_free_set_agrees_with_the_list() {
        for (dims, up) in [
            ([10, 20, 30], false),
            ([10, 10, 30], false),
            ([10, 20, 30], true),
        ] {
            for inner in [[30, 30, 30], [25, 15, 30], [5, 5, 5]] {
                let set = OrientSet::within(dims, up, inner);
                assert_eq!(
                    set.as_slice(),
                    orientations_within(dims, up, inner).as_slice()
                );
            }
        }
    }

    #[test]
    fn touching_faces_do_not_overlap() {
        let a = Cuboid {
            pos_mm: [0, 0, 0],
            dims_mm: [10, 10, 10],
        };
        let b = Cuboid {
            pos_mm: [10, 0, 0],
            dims_mm: [10, 10, 10],
        };
        let c = Cuboid {
            pos_mm: [9, 9, 9],
            dims_mm: [10, 10, 10],
        };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c));
        assert!(b.overlaps(&c));
    }

    #[test]
    fn blocking_side_names_the_bottleneck() {
        // Longest side 400 > the box's longest 374 (its width, axis 1).
        assert_eq!(
            blocking_side([400, 100, 10], false, [364, 374, 40]),
            Some((1, 400, 374))
        );
        // Free to rotate, a 50 mm thick unit fails on the 40 mm height.
        assert_eq!(
            blocking_side([100, 100, 50], false, [364, 374, 40]),
            Some((2, 50, 40))
        );
        // Upright: its height must go on z.
        assert_eq!(
            blocking_side([10, 10, 50], true, [364, 374, 40]),
            Some((2, 50, 40))
        );
        assert_eq!(blocking_side([100, 100, 10], false, [364, 374, 40]), None);
    }
}
