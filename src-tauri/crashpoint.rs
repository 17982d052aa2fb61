//! Fault injection for the crash drill (`packbench drill`): named points in the station's
//! commits, backend writes and label jobs where the process can be made to die on purpose.
//! `PACKBENCH_DRILL_CRASH_AT=N` aborts the process at the N-th point reached; without it (every
//! real station) a point is one relaxed atomic load.
//!
//! With `PACKBENCH_DRILL_MARKS=DIR` the station tells the drill what happened: before aborting
//! at a point it writes the point's name to `DIR/crash-point` (so the drill can tell its own
//! crash from a real abort or segfault), and after its first committed pack step it creates
//! `DIR/committed` (so the drill times its kills from the station's work, not from its start).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;

/// The file a crash point writes its name to before aborting.
pub const MARKER_FILE: &str = "crash-point";
/// The file created after the process's first committed pack step.
pub const COMMITTED_FILE: &str = "committed";

/// Where the station can be made to die, each in the phase of its work it cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    BeforeCommit,
    AfterCommit,
    BeforeBackendWrite,
    AfterBackendWrite,
    BeforeLabel,
    AfterLabel,
}

/// What a kill cut: the phases the drill reports its kills by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// A pack step decided but not yet committed.
    BeforeCommit,
    /// A pack step committed, its answer not yet given.
    AfterCommit,
    /// An outbox write on its way to the backend, or delivered and not yet recorded.
    Delivery,
    /// A label job recorded and being sent, or sent and not yet recorded.
    Printing,
}

impl Point {
    pub const ALL: [Point; 6] = [
        Point::BeforeCommit,
        Point::AfterCommit,
        Point::BeforeBackendWrite,
        Point::AfterBackendWrite,
        Point::BeforeLabel,
        Point::AfterLabel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Point::BeforeCommit => "before the step's commit",
            Point::AfterCommit => "after the step's commit",
            Point::BeforeBackendWrite => "before a backend write",
            Point::AfterBackendWrite => "after a backend write, before recording it",
            Point::BeforeLabel => "before sending a label",
            Point::AfterLabel => "after sending a label, before recording it",
        }
    }

    pub fn parse(s: &str) -> Option<Point> {
        Self::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }

    pub fn phase(self) -> Phase {
        match self {
            Point::BeforeCommit => Phase::BeforeCommit,
            Point::AfterCommit => Phase::AfterCommit,
            Point::BeforeBackendWrite | Point::AfterBackendWrite => Phase::Delivery,
            Point::BeforeLabel | Point::AfterLabel => Phase::Printing,
        }
    }
}

static TARGET: OnceLock<u64> = OnceLock::new();
static MARKS: OnceLock<Option<PathBuf>> = OnceLock::new();
static REACHED: AtomicU64 = AtomicU64::new(0);
static COMMITTED: AtomicBool = AtomicBool::new(false);

fn target() -> u64 {
    *TARGET.get_or_init(|| {
        std::env::var("PACKBENCH_DRILL_CRASH_AT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}

fn marks() -> Option<&'static PathBuf> {
    MARKS
        .get_or_init(|| std::env::var_os("PACKBENCH_DRILL_MARKS").map(PathBuf::from))
        .as_ref()
}

/// Dies here if this is the point the drill chose (no destructors, no flush: like a power cut
/// as far as the process is concerned), after leaving the marker that says so.
pub fn hit(point: Point) {
    let t = target();
    if t != 0 && REACHED.fetch_add(1, Ordering::Relaxed) + 1 == t {
        if let Some(dir) = marks() {
            // Best effort: without the marker the drill counts the death as a failure.
            let _ = std::fs::write(dir.join(MARKER_FILE), point.as_str());
        }
        eprintln!("drill: crashing at point {t} ({})", point.as_str());
        std::process::abort();
    }
    if point == Point::AfterCommit && !COMMITTED.swap(true, Ordering::Relaxed) {
        if let Some(dir) = marks() {
            let _ = std::fs::write(dir.join(COMMITTED_FILE), b"");
        }
    }
}

/// The outbox kind a deliberately broken outbox drops (`PACKBENCH_DRILL_DROP_WRITES=release`):
/// writes of that kind are reported delivered without being sent. It exists to prove that
/// the drill's audit notices a lost kind of write; release builds never drop anything.
pub fn drops_write(kind: &str) -> bool {
    #[cfg(debug_assertions)]
    {
        static DROP: OnceLock<Option<String>> = OnceLock::new();
        DROP.get_or_init(|| std::env::var("PACKBENCH_DRILL_DROP_WRITES").ok())
            .as_deref()
            == Some(kind)
    }
    #[cfg(not(debug_assertions))]
    {
        let _ = kind;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_read_back_from_its_marker_with_its_phase() {
        for p in Point::ALL {
            assert_eq!(Point::parse(p.as_str()), Some(p));
        }
        assert_eq!(Point::parse("segfault"), None);
        assert_eq!(Point::AfterBackendWrite.phase(), Phase::Delivery);
        assert_eq!(Point::BeforeLabel.phase(), Phase::Printing);
    }
}
