//! Quick proofs that units cannot go into a box, before any search: a unit that fits no
//! orientation, or more volume than the box shrunk to the longest sums of unit extents.

use super::OTHER;
use crate::carton::geometry::{volume_mm3, DimsMm, OrientSet, PUnit};

pub(super) fn fitting_orientations(inner: DimsMm, units: &[PUnit]) -> Option<Vec<OrientSet>> {
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        let o = OrientSet::within(u.dims, u.upright, inner);
        if o.is_empty() {
            return None;
        }
        out.push(o);
    }
    Some(out)
}

/// The longest total of unit extents along one axis that fits in `len`, each unit adding one of
/// its `choices` or nothing. Pushed towards the origin, every packed unit ends at such a total,
/// so the box is no bigger than this along that axis (subset sums on a bit set; boxes longer
/// than 4 m are left as they are).
pub(super) fn max_fill<'a>(choices: impl Iterator<Item = &'a [u32]>, len: u32) -> u32 {
    if len > 4096 {
        return len;
    }
    let words = len as usize / 64 + 1;
    let mut reach = vec![0u64; words];
    reach[0] = 1;
    let top = len % 64;
    let last_mask = if top == 63 {
        u64::MAX
    } else {
        (1u64 << (top + 1)) - 1
    };
    let mut next = reach.clone();
    for ch in choices {
        next.copy_from_slice(&reach);
        for &e in ch {
            let (ws, bs) = (e as usize / 64, e % 64);
            for i in (ws..words).rev() {
                let mut v = reach[i - ws] << bs;
                if bs > 0 && i > ws {
                    v |= reach[i - ws - 1] >> (64 - bs);
                }
                next[i] |= v;
            }
        }
        next[words - 1] &= last_mask;
        std::mem::swap(&mut reach, &mut next);
        if reach[words - 1] >> top & 1 == 1 {
            return len;
        }
    }
    for i in (0..words).rev() {
        if reach[i] != 0 {
            return (i * 64) as u32 + 63 - reach[i].leading_zeros();
        }
    }
    0
}

/// The longest sum of the units' extents along `axis` that fits in `len` (`max_fill` over each
/// unit's distinct extents there).
fn longest_fill<'a>(units: impl Iterator<Item = &'a OrientSet>, axis: usize, len: u32) -> u32 {
    let choices: Vec<Vec<u32>> = units
        .map(|os| {
            let mut c: Vec<u32> = os.as_slice().iter().map(|o| o[axis]).collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    max_fill(choices.iter().map(Vec::as_slice), len)
}

/// Whether the units' volume exceeds the box shrunk on each axis to the longest sum of their
/// extents that fits: a quick proof that no arrangement exists.
pub(super) fn too_much_for_shrunk_box(
    inner: DimsMm,
    units: &[PUnit],
    orients: &[OrientSet],
) -> bool {
    let total: u64 = units.iter().map(|u| volume_mm3(u.dims)).sum();
    let shrunk: u64 = (0..3)
        .map(|a| u64::from(longest_fill(orients.iter(), a, inner[a])))
        .product();
    total > shrunk
}

/// Whether the units too long along some axis to lie two deep on it (every fitting turn longer
/// than half the box there) cover more than the box's face across that axis: no two of them can
/// share any of that face, so their smallest shadows on it must fit side by side (the face
/// shrunk to the longest sums of their extents, as above). Flat boxes, mailers and bags are
/// where this settles what the volume bound cannot.
pub(super) fn too_much_for_a_face(inner: DimsMm, orients: &[OrientSet]) -> bool {
    for a in 0..3 {
        let (b, c) = OTHER[a];
        let deep: Vec<&OrientSet> = orients
            .iter()
            .filter(|os| os.as_slice().iter().all(|o| 2 * o[a] > inner[a]))
            .collect();
        if deep.len() < 2 {
            continue;
        }
        let shadow: u64 = deep
            .iter()
            .map(|os| {
                os.as_slice()
                    .iter()
                    .map(|o| u64::from(o[b]) * u64::from(o[c]))
                    .min()
                    .unwrap_or(0)
            })
            .sum();
        let side = |axis: usize| u64::from(longest_fill(deep.iter().copied(), axis, inner[axis]));
        if shadow > u64::from(inner[b]) * u64::from(inner[c]) || shadow > side(b) * side(c) {
            return true;
        }
    }
    false
}

/// Whether two units cannot lie apart along any axis whatever their turns: each pair of turns
/// is too long together for the box along x, along y and along z. Checked once per pair of
/// shapes (a shape with itself when it comes twice or more).
pub(super) fn inseparable_pair(inner: DimsMm, orients: &[OrientSet]) -> bool {
    let mut shapes: Vec<(&OrientSet, usize)> = Vec::new();
    for os in orients {
        match shapes.iter_mut().find(|(s, _)| *s == os) {
            Some((_, n)) => *n += 1,
            None => shapes.push((os, 1)),
        }
    }
    let apart = |a: &OrientSet, b: &OrientSet| {
        a.as_slice().iter().any(|oa| {
            b.as_slice()
                .iter()
                .any(|ob| (0..3).any(|ax| oa[ax] + ob[ax] <= inner[ax]))
        })
    };
    for (i, &(a, n)) in shapes.iter().enumerate() {
        if n > 1 && !apart(a, a) {
            return true;
        }
        if shapes[i + 1..].iter().any(|&(b, _)| !apart(a, b)) {
            return true;
        }
    }
    false
}
