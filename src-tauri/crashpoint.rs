//! Fault injection for the crash drill (`packbench drill`): named points in the station's
//! commits, backend calls and print jobs where the process can be made to die on purpose.
//! `PACKBENCH_DRILL_CRASH_AT=N` aborts the process at the N-th point reached; without it (every
//! real station) a point is one relaxed atomic load.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

static TARGET: OnceLock<u64> = OnceLock::new();
static REACHED: AtomicU64 = AtomicU64::new(0);

fn target() -> u64 {
    *TARGET.get_or_init(|| {
        std::env::var("PACKBENCH_DRILL_CRASH_AT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}

/// Dies here if this is the point the drill chose (no destructors, no flush: like a power cut
/// as far as the process is concerned).
pub fn hit(name: &str) {
    let t = target();
    if t == 0 {
        return;
    }
    if REACHED.fetch_add(1, Ordering::Relaxed) + 1 == t {
        eprintln!("drill: crashing at point {t} ({name})");
        std::process::abort();
    }
}
