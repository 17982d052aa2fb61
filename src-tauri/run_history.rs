//! How often the app restarted after an unclean end (a crash, a kill, a power cut) since the
//! machine booted, for the roll-out's health check. A small file in the data directory holds the
//! boot's id (`/proc/sys/kernel/random/boot_id`), the count, and whether the last run is still
//! `running` or ended `clean`; a start that finds `running` from the same boot follows an unclean
//! end. Read and written at start-up and at a clean exit only, under the data directory's lock.

use std::path::{Path, PathBuf};

const FILE: &str = "run-history";

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// The count after a start in boot `boot`, given the file's previous text.
pub fn restarts_after_start(previous: &str, boot: &str) -> u32 {
    let mut lines = previous.lines();
    let (was_boot, count, state) = (lines.next(), lines.next(), lines.next());
    if was_boot != Some(boot) || boot.is_empty() {
        return 0;
    }
    let count = count
        .and_then(|c| c.trim().parse::<u32>().ok())
        .unwrap_or(0);
    match state {
        Some("running") => count.saturating_add(1),
        _ => count,
    }
}

/// Notes a start: returns the restarts after an unclean end in this boot so far (this start
/// included), and marks the run `running`. Failing to read or write the file counts nothing.
pub fn note_start(data_dir: &Path) -> u32 {
    let boot = boot_id();
    let previous = std::fs::read_to_string(file(data_dir)).unwrap_or_default();
    let restarts = restarts_after_start(&previous, &boot);
    if let Err(e) = std::fs::write(file(data_dir), format!("{boot}\n{restarts}\nrunning\n")) {
        tracing::warn!(error = %e, "cannot note the run's start");
    }
    restarts
}

/// Notes a clean end of the run (the window closed, the app quit).
pub fn note_clean_exit(data_dir: &Path) {
    let text = std::fs::read_to_string(file(data_dir)).unwrap_or_default();
    let mut lines = text.lines();
    let (boot, count) = (
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or("0"),
    );
    if let Err(e) = std::fs::write(file(data_dir), format!("{boot}\n{count}\nclean\n")) {
        tracing::warn!(error = %e, "cannot note the run's clean end");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_start_after_an_unclean_end_in_the_same_boot_counts() {
        assert_eq!(restarts_after_start("", "b1"), 0, "first start");
        assert_eq!(restarts_after_start("b1\n0\nrunning\n", "b1"), 1, "crashed");
        assert_eq!(
            restarts_after_start("b1\n1\nclean\n", "b1"),
            1,
            "closed cleanly"
        );
        assert_eq!(
            restarts_after_start("b1\n3\nrunning\n", "b2"),
            0,
            "rebooted"
        );
        assert_eq!(restarts_after_start("garbage", "b1"), 0);
    }

    #[test]
    fn a_start_and_a_clean_exit_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = note_start(dir.path());
        note_clean_exit(dir.path());
        assert_eq!(note_start(dir.path()), first, "a clean exit is no crash");
        assert_eq!(note_start(dir.path()), first + 1, "no clean exit: a crash");
    }
}
