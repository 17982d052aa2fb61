//! The station's own run, counted from the process's start for the roll-out's health check: how
//! often it restarted after an unclean end since the machine booted, and the reprints, refused
//! scans and refused writes of this run (orders, units and exceptions come from the station's
//! database). The heartbeat carries them beside the app's version and ring.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Counters of this process's run, shared by the pack flow (reprints, refused scans) and the
/// heartbeat.
#[derive(Debug, Default)]
pub struct RunCounters {
    /// When this process started (ms since the Unix epoch).
    pub started_at_ms: i64,
    /// App starts after an unclean end since the machine booted (see `crate::run_history`).
    pub restarts_since_boot: u32,
    reprints: AtomicU32,
    scan_refusals: AtomicU32,
    /// The outbox's refused writes when the first heartbeat was built: later ones are this run's.
    refused_at_start: Mutex<Option<u64>>,
}

impl RunCounters {
    pub fn new(started_at_ms: i64, restarts_since_boot: u32) -> Self {
        RunCounters {
            started_at_ms,
            restarts_since_boot,
            ..RunCounters::default()
        }
    }

    /// A label was printed again.
    pub fn reprinted(&self) {
        self.reprints.fetch_add(1, Ordering::Relaxed);
    }

    /// The station refused a scan.
    pub fn scan_refused(&self) {
        self.scan_refusals.fetch_add(1, Ordering::Relaxed);
    }

    pub fn reprints(&self) -> u32 {
        self.reprints.load(Ordering::Relaxed)
    }

    pub fn scan_refusals(&self) -> u32 {
        self.scan_refusals.load(Ordering::Relaxed)
    }

    /// This run's refused writes, from the outbox's count of writes set aside now (a supervisor
    /// clearing some never makes it negative).
    pub fn refused_writes(&self, set_aside_now: u64) -> u32 {
        let mut start = self
            .refused_at_start
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let start = *start.get_or_insert(set_aside_now);
        set_aside_now.saturating_sub(start).min(u64::from(u32::MAX)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_writes_count_from_the_first_look_and_never_go_negative() {
        let c = RunCounters::new(0, 0);
        assert_eq!(c.refused_writes(4), 0, "set aside before this run");
        assert_eq!(c.refused_writes(6), 2);
        assert_eq!(c.refused_writes(1), 0, "a supervisor cleared some");
        c.reprinted();
        c.scan_refused();
        c.scan_refused();
        assert_eq!((c.reprints(), c.scan_refusals()), (1, 2));
    }
}
