//! Many identical units as one grid, or two grids side by side with their own turns: the
//! common order of one SKU times n, where point-by-point placement often falls short.

use crate::carton::geometry::{Cuboid, DimsMm};

/// How many units of extents `o` a grid puts in a block of extents `b`.
pub(super) fn grid_count(b: DimsMm, o: DimsMm) -> u64 {
    (0..3).map(|a| u64::from(b[a] / o[a])).product()
}

/// The first `n` cells of the grid of `o` in the block at `at` of extents `b`, floor first.
fn grid_cells(at: [u32; 3], b: DimsMm, o: DimsMm, n: usize, out: &mut Vec<Cuboid>) {
    let k = [b[0] / o[0], b[1] / o[1], b[2] / o[2]];
    for z in 0..k[2] {
        for y in 0..k[1] {
            for x in 0..k[0] {
                if out.len() == n {
                    return;
                }
                out.push(Cuboid {
                    pos_mm: [at[0] + x * o[0], at[1] + y * o[1], at[2] + z * o[2]],
                    dims_mm: o,
                });
            }
        }
    }
}

/// `n` identical units as one grid, or two grids side by side (the box cut in two along one
/// axis, each part with its own turn of the unit): orders of many identical units are common
/// and a mixed two-block layout is where point-by-point placement often falls short.
pub(super) fn pack_identical(inner: DimsMm, orients: &[DimsMm], n: usize) -> Option<Vec<Cuboid>> {
    let n64 = n as u64;
    let mut out = Vec::with_capacity(n);
    for &o in orients {
        if grid_count(inner, o) >= n64 {
            grid_cells([0; 3], inner, o, n, &mut out);
            return Some(out);
        }
    }
    for a in 0..3 {
        let len = inner[a];
        if len > 4096 {
            continue;
        }
        // Cut positions: sums of the unit's extents along this axis.
        let mut reach = vec![false; len as usize + 1];
        reach[0] = true;
        for x in 0..len as usize {
            if reach[x] {
                for o in orients {
                    if let Some(r) = reach.get_mut(x + o[a] as usize) {
                        *r = true;
                    }
                }
            }
        }
        for cut in 1..len {
            if !reach[cut as usize] {
                continue;
            }
            let (mut first, mut second) = (inner, inner);
            first[a] = cut;
            second[a] = len - cut;
            let mut at = [0u32; 3];
            at[a] = cut;
            for &o1 in orients {
                let c1 = grid_count(first, o1);
                if c1 == 0 {
                    continue;
                }
                for &o2 in orients {
                    if c1 + grid_count(second, o2) >= n64 {
                        grid_cells([0; 3], first, o1, n, &mut out);
                        grid_cells(at, second, o2, n, &mut out);
                        return Some(out);
                    }
                }
            }
        }
    }
    None
}
