//! The drill's child processes: the training backend, the station's runs, and how each run's
//! end is judged (only a marked crash point or the drill's own SIGKILL is a kill).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::config::TRAINING_TOKEN;
use crate::crashpoint::{Phase, Point, COMMITTED_FILE, MARKER_FILE};

/// The drill station's id at the backend.
pub(super) const STATION_ID: &str = "ST-DRILL";

/// The training backend's process; stopped when dropped, so no path out of the drill (an
/// error included) leaves it running.
pub(super) struct Backend {
    pub(super) child: Child,
}

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub(super) fn start_backend(
    exe: &Path,
    port: u16,
    db: &Path,
    log: &Path,
) -> anyhow::Result<Backend> {
    let mut child = Command::new(exe)
        .args(["training-backend", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--db")
        .arg(db)
        .env("PACKBENCH_TRAINING_TOKEN", TRAINING_TOKEN)
        .stdout(Stdio::piped())
        .stderr(append(log)?)
        .spawn()
        .context("starting the training backend")?;
    let stdout = child.stdout.take().expect("piped");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .context("reading the training backend's first line")?;
    if !line.contains("listening") {
        let _ = child.kill();
        bail!(
            "the training backend did not start (see {}): {line:?}",
            log.display()
        );
    }
    Ok(Backend { child })
}

pub(super) fn append(path: &Path) -> anyhow::Result<std::fs::File> {
    Ok(std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?)
}

/// How a station run ended, as the drill judges it.
#[derive(Debug, PartialEq)]
pub(super) enum RunEnd {
    /// Exit 0: the station packed its trolleys.
    Finished,
    /// Killed: at a crash point (its phase) or by the drill's SIGKILL (`None`).
    Killed(Option<Phase>),
    /// Any other death, or a hang: never a kill.
    Failed(String),
}

impl std::fmt::Display for RunEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunEnd::Finished => f.write_str("the station finished"),
            RunEnd::Killed(Some(p)) => write!(f, "the station died at a crash point ({p:?})"),
            RunEnd::Killed(None) => f.write_str("the station was killed"),
            RunEnd::Failed(why) => f.write_str(why),
        }
    }
}

const SIGABRT: i32 = 6;
const SIGKILL: i32 = 9;

/// Judges a station's exit: only an abort that left a crash point's marker, or the drill's
/// own SIGKILL, is a kill; a real abort, a segfault or an error exit is a failure.
pub(super) fn judge(status: ExitStatus, sent_sigkill: bool, marker: Option<&str>) -> RunEnd {
    use std::os::unix::process::ExitStatusExt;
    if status.success() {
        return RunEnd::Finished;
    }
    match (status.signal(), marker.map(|m| (m, Point::parse(m)))) {
        (Some(SIGABRT), Some((_, Some(point)))) => RunEnd::Killed(Some(point.phase())),
        (Some(SIGKILL), None) if sent_sigkill => RunEnd::Killed(None),
        (_, Some((m, _))) => RunEnd::Failed(format!(
            "the station died ({status}) with the crash-point marker {m:?}, not by that crash point"
        )),
        (_, None) => RunEnd::Failed(format!(
            "the station died by itself ({status}) with no crash-point marker"
        )),
    }
}

/// Paths and settings of one drill, shared by its station runs.
pub(super) struct Drill {
    pub(super) exe: PathBuf,
    pub(super) url: String,
    pub(super) work: PathBuf,
    pub(super) marks: PathBuf,
    pub(super) station_log: PathBuf,
}

impl Drill {
    pub(super) fn station(
        &self,
        trolleys: &[String],
        crash_at: Option<u32>,
        hold: Option<(&str, &Path)>,
    ) -> anyhow::Result<Child> {
        for f in [MARKER_FILE, COMMITTED_FILE] {
            match std::fs::remove_file(self.marks.join(f)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        let mut c = Command::new(&self.exe);
        c.arg("drill-station")
            .arg("--trolleys")
            .arg(trolleys.join(","))
            .env("PACKBENCH_BACKEND_URL", &self.url)
            .env("PACKBENCH_BACKEND_TOKEN", TRAINING_TOKEN)
            .env("PACKBENCH_STATION_ID", STATION_ID)
            .env("PACKBENCH_DATA_DIR", self.work.join("station"))
            .env("PACKBENCH_DRILL_MARKS", &self.marks)
            .env_remove("PACKBENCH_CONFIG")
            .stdout(Stdio::null())
            .stderr(append(&self.station_log)?);
        if let Some((trolley, dir)) = hold {
            c.arg("--hold-after-claim")
                .arg(trolley)
                .arg("--outage-dir")
                .arg(dir);
        }
        match crash_at {
            Some(n) => c.env("PACKBENCH_DRILL_CRASH_AT", n.to_string()),
            None => c.env_remove("PACKBENCH_DRILL_CRASH_AT"),
        };
        c.spawn().context("starting the drill station")
    }

    pub(super) fn marker(&self) -> Option<String> {
        std::fs::read_to_string(self.marks.join(MARKER_FILE)).ok()
    }

    pub(super) fn committed(&self) -> bool {
        self.marks.join(COMMITTED_FILE).exists()
    }

    /// Waits for a station run to end by itself, up to `limit`; past it the run is killed and
    /// is a hang (`Err` with what hung).
    pub(super) fn wait(
        &self,
        child: &mut Child,
        limit: Duration,
        what: &str,
    ) -> anyhow::Result<RunEnd> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(st) = child.try_wait()? {
                return Ok(judge(st, false, self.marker().as_deref()));
            }
            if Instant::now() >= deadline {
                child.kill()?;
                child.wait()?;
                return Ok(RunEnd::Failed(format!(
                    "the station hung: {what} for {} s",
                    limit.as_secs()
                )));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for `file` to appear while the station runs; `Err` names why it never did.
    pub(super) fn wait_for_file(
        &self,
        child: &mut Child,
        file: &Path,
        limit: Duration,
    ) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        while !file.exists() {
            match child.try_wait() {
                Ok(Some(st)) => {
                    return Err(format!(
                        "the station ended ({st}) before {} appeared",
                        file.display()
                    ))
                }
                Ok(None) => {}
                Err(e) => return Err(e.to_string()),
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the station hung: no {} in {} s",
                    file.display(),
                    limit.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    #[test]
    fn only_a_marked_abort_or_the_drills_own_sigkill_is_a_kill() {
        let signal = ExitStatus::from_raw;
        let exit = |code: i32| ExitStatus::from_raw(code << 8);
        let marked = Some(Point::AfterLabel.as_str());
        assert_eq!(judge(exit(0), false, None), RunEnd::Finished);
        assert_eq!(
            judge(signal(SIGABRT), false, marked),
            RunEnd::Killed(Some(Phase::Printing))
        );
        assert_eq!(judge(signal(SIGKILL), true, None), RunEnd::Killed(None));
        for (status, sent, marker) in [
            (signal(SIGABRT), false, None),      // a real abort (a panic)
            (signal(11), false, None),           // a segfault
            (signal(SIGKILL), false, None),      // someone else's SIGKILL (the OOM killer)
            (signal(11), false, marked),         // a segfault after the marker was written
            (signal(SIGABRT), false, Some("x")), // a marker naming no crash point
            (exit(1), false, None),              // an error exit
            (exit(1), true, None),
        ] {
            assert!(
                matches!(judge(status, sent, marker), RunEnd::Failed(_)),
                "{status:?} {marker:?}"
            );
        }
    }
}
