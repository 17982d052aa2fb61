//! The crash drill: `packbench drill --trolleys N --kills K [--outage]`.
//!
//! It starts a training backend (a child process), then a headless station (`packbench
//! drill-station`, another child: the same services as the app, no webview) that signs in and
//! packs N demo trolleys by itself, by a plan made from each order alone (`plan`): units
//! scanned (GS1 lot, expiry and serial where the SKU asks), some lines short or damaged,
//! orders split over parcels, packaging and weight overrides, labels. The drill kills that
//! station K times: half by SIGKILL a random delay after the run's first committed step, half
//! at a random fault-injection point (before and after the station's commits, its backend
//! writes and its label jobs: see [`crate::crashpoint`]), which leaves a marker naming itself;
//! any other death, or a run that hangs, is a failure named in the output. It stops and
//! restarts the backend a few times on the way, and with `--outage` keeps it down while a
//! whole trolley is packed. Then it audits every kind of write through the backend's API (a
//! supervisor's reads) and the labels in the spool against the packer's plan, prints one JSON
//! line and exits non-zero on any loss, duplicate or failure.
//!
//! This file holds the arguments and the orchestration (kills, outages, the audit's call); the
//! child processes and the judging of their ends are in `processes`, the packer in `bot` and
//! its choices in `plan`, the audit in `audit`, the verdict in `report`, the headless station
//! in `station`.

mod audit;
mod bot;
mod plan;
mod processes;
mod report;
mod station;

pub use audit::{audit_kinds, verify, KindAudit, LabelEvidence};
pub use bot::{largest_open_box, pack_trolleys, pack_trolleys_holding, unit_scan, OutageHold};
pub use plan::{plan_order, Boxes, OrderPlan};
pub use report::{DrillReport, KillsByPhase, OutageReport};
pub use station::{run_station, DrillStationArgs};

use std::path::PathBuf;
use std::process::{Child, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;

use crate::config::TRAINING_TOKEN;
use crate::training::demo_data::{self, Rng};
use processes::{free_port, judge, start_backend, Backend, Drill, RunEnd, STATION_ID};

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// How many demo trolleys the station packs (TR-0001 upwards; at most 60).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=demo_data::TROLLEYS as i64))]
    pub trolleys: u16,
    /// How many times the station is killed.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub kills: u32,
    /// How many times the backend is stopped and started again.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=1_000))]
    pub backend_restarts: u32,
    /// Seeds the kill moments and the station's choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Longest wait before a SIGKILL, from the station's first committed step in that run.
    #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u32).range(1..=60_000))]
    pub max_kill_delay_ms: u32,
    /// Highest fault-injection point a run may die at (points count commits, backend writes
    /// and label jobs from the station's start).
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_crash_point: u32,
    /// Keep the drill's databases, logs and label spool here (default: a temporary directory).
    #[arg(long)]
    pub work_dir: Option<PathBuf>,
    /// After the kills, pack the last trolley with the backend down from its claim to its last
    /// slot (every label pending), then bring the backend back and audit the replay.
    #[arg(long)]
    pub outage: bool,
}

/// How long a crash-point run may take to reach its point before it counts as a hang.
const CRASH_POINT_LIMIT: Duration = Duration::from_secs(60);
/// How long a run may go without committing a step before its SIGKILL comes anyway (a run
/// during a backend outage may have nothing to commit: it waits for a claim's answer).
const NO_WORK_LIMIT: Duration = Duration::from_secs(2);
/// The longest a last run (no kills) may take.
const LAST_RUN_LIMIT: Duration = Duration::from_secs(600);

/// Runs the drill; the exit code says whether nothing was lost or doubled and nothing failed.
pub fn run(args: DrillArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let work = match &args.work_dir {
        Some(d) => d.clone(),
        None => tempfile_dir()?,
    };
    std::fs::create_dir_all(&work)?;
    let port = free_port()?;
    let d = Drill {
        exe: std::env::current_exe()?,
        url: format!("http://127.0.0.1:{port}"),
        marks: work.join("marks"),
        station_log: work.join("station.log"),
        work: work.clone(),
    };
    std::fs::create_dir_all(&d.marks)?;
    let backend_db = work.join("backend.sqlite");
    let backend_log = work.join("backend.log");
    let trolleys: Vec<String> = (1..=args.trolleys).map(|i| format!("TR-{i:04}")).collect();
    if args.outage && trolleys.len() < 2 {
        bail!("--outage keeps the last trolley for the outage: give the drill at least 2 trolleys");
    }
    // With --outage the last trolley is packed only in the outage run, from its first slot.
    let kill_trolleys = &trolleys[..trolleys.len() - usize::from(args.outage)];
    let mut rng = Rng::new(args.seed ^ 0x0d71_11ed);
    let mut report = DrillReport {
        trolleys: usize::from(args.trolleys),
        ..DrillReport::default()
    };

    let mut backend = Some(start_backend(&d.exe, port, &backend_db, &backend_log)?);
    // Backend outages start after these kills and last for the next station run.
    let restart_at: Vec<u32> = (1..=args.backend_restarts)
        .map(|i| i * args.kills / (args.backend_restarts + 1))
        .collect();

    let mut finished = false;
    while report.kills < args.kills && report.failures.is_empty() {
        if restart_at.contains(&report.kills) && backend.is_some() {
            drop(backend.take()); // stops it
        } else if backend.is_none() {
            backend = Some(start_backend(&d.exe, port, &backend_db, &backend_log)?);
            report.backend_restarts += 1;
        }
        // With the backend down a run may wait for it without reaching any crash point.
        let by_crash_point = backend.is_some() && rng.chance(50);
        let crash_at = by_crash_point.then(|| rng.range(1, args.max_crash_point));
        let delay = Duration::from_millis(u64::from(rng.range(0, args.max_kill_delay_ms)));
        let mut child = d.station(kill_trolleys, crash_at, None)?;
        report.station_runs += 1;
        let end = if let Some(n) = crash_at {
            d.wait(
                &mut child,
                CRASH_POINT_LIMIT,
                &format!("crash point {n} not reached"),
            )?
        } else {
            // The SIGKILL lands `delay` after the run's first committed step.
            let spawned = Instant::now();
            let mut kill_at = None;
            loop {
                if let Some(st) = child.try_wait()? {
                    break judge(st, false, d.marker().as_deref());
                }
                let now = Instant::now();
                if kill_at.is_none() && (d.committed() || now - spawned >= NO_WORK_LIMIT) {
                    kill_at = Some(now + delay);
                }
                if kill_at.is_some_and(|t| now >= t) {
                    child.kill()?;
                    break judge(child.wait()?, true, d.marker().as_deref());
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        match end {
            RunEnd::Killed(phase) => {
                report.kills += 1;
                report.kills_by_phase.count(phase);
                report.kills_after_work += u32::from(d.committed());
            }
            // The station finished before the drill ran out of kills: an outage may still
            // hold writes, so run it again once the backend is up.
            RunEnd::Finished if backend.is_some() => {
                finished = true;
                break;
            }
            RunEnd::Finished => {}
            RunEnd::Failed(why) => report.failures.push(format!(
                "station run {}: {why} (see {})",
                report.station_runs,
                d.station_log.display()
            )),
        }
    }
    if backend.is_none() {
        backend = Some(start_backend(&d.exe, port, &backend_db, &backend_log)?);
        report.backend_restarts += 1;
    }
    // After a failed run the work is finished all the same, so the audit can say what the
    // failure cost.
    if args.outage {
        let outage = work.join("outage");
        let _ = std::fs::remove_dir_all(&outage);
        std::fs::create_dir_all(&outage)?;
        let held = trolleys.last().expect("at least 2 trolleys").clone();
        let mut child = d.station(&trolleys, None, Some((&held, &outage)))?;
        report.station_runs += 1;
        let run = |child: &mut Child,
                   backend: &mut Option<Backend>|
         -> anyhow::Result<Result<u64, String>> {
            if let Err(e) = d.wait_for_file(child, &outage.join("claimed"), LAST_RUN_LIMIT) {
                return Ok(Err(e));
            }
            drop(backend.take()); // the outage
            std::fs::write(outage.join("resume"), b"")?;
            if let Err(e) = d.wait_for_file(child, &outage.join("packed"), LAST_RUN_LIMIT) {
                return Ok(Err(e));
            }
            let pending: u64 = std::fs::read_to_string(outage.join("packed"))?
                .trim()
                .parse()
                .context("the outage's count of labels pending")?;
            *backend = Some(start_backend(&d.exe, port, &backend_db, &backend_log)?);
            Ok(Ok(pending))
        };
        match run(&mut child, &mut backend)? {
            Ok(pending) => {
                report.backend_restarts += 1;
                report.outage = Some(OutageReport {
                    trolley: held.clone(),
                    labels_pending_at_restore: pending,
                });
                if pending == 0 {
                    report
                        .failures
                        .push(format!("outage: {held} was packed with no label pending"));
                }
                match d.wait(&mut child, LAST_RUN_LIMIT, "replaying the outage")? {
                    RunEnd::Finished => {}
                    other => report.failures.push(format!("outage run: {other}")),
                }
            }
            Err(why) => report.failures.push(format!("outage run: {why}")),
        }
        if backend.is_none() {
            backend = Some(start_backend(&d.exe, port, &backend_db, &backend_log)?);
        }
    } else if !finished {
        let mut child = d.station(&trolleys, None, None)?;
        report.station_runs += 1;
        match d.wait(&mut child, LAST_RUN_LIMIT, "the last run did not finish")? {
            RunEnd::Finished => {}
            other => report.failures.push(format!(
                "the last run: {other} (see {})",
                d.station_log.display()
            )),
        }
    }

    // A kill before the station did anything in its run proves little: most must come after.
    if report.kills_after_work * 2 < report.kills {
        report.failures.push(format!(
            "only {} of {} kills landed after the station had committed a step in that run",
            report.kills_after_work, report.kills
        ));
    }
    // Audited after a failure too: what was lost says more than that a run failed.
    let rt = tokio::runtime::Runtime::new()?;
    if let Err(e) = rt.block_on(audit(&d, &trolleys, &mut report)) {
        report.failures.push(format!("the audit failed: {e:#}"));
    }
    drop(backend);
    report.elapsed_s = (started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    report.ok = report.failures.is_empty() && report.expected_units > 0;
    println!("{}", serde_json::to_string(&report)?);
    for f in &report.failures {
        eprintln!("packbench drill: {f}");
    }
    // A temporary work dir goes after a clean drill; after a failure it stays for the diagnosis
    // (the station's and the backend's logs, databases and spool).
    if args.work_dir.is_none() {
        if report.ok {
            let _ = std::fs::remove_dir_all(&work);
        } else {
            eprintln!("packbench drill: its work dir is kept: {}", work.display());
        }
    }
    if report.ok && report.kills < args.kills {
        eprintln!(
            "packbench drill: the station finished its {} trolleys after {} of {} kills; give it more trolleys (--trolleys)",
            args.trolleys, report.kills, args.kills
        );
        return Ok(ExitCode::from(2));
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Audits units, every kind of write and the labels; each unclean kind is a failure.
async fn audit(d: &Drill, trolleys: &[String], report: &mut DrillReport) -> anyhow::Result<()> {
    verify(&d.url, TRAINING_TOKEN, trolleys, report).await?;
    let station_dir = d.work.join("station");
    let labels = LabelEvidence::read(
        &station_dir.join("print-spool"),
        &station_dir.join("station.sqlite"),
    )
    .await?;
    report.labels_printed = labels.documents.len() as u64;
    report.labels_uncertain = labels.uncertain_orders.len() as u64;
    report.labels_cut = labels.cut_documents.len() as u64;
    report.kinds = audit_kinds(&d.url, TRAINING_TOKEN, STATION_ID, trolleys, &labels).await?;
    report.lost = report.kinds.values().map(|k| k.lost).sum();
    report.duplicates = report.kinds.values().map(|k| k.duplicates).sum();
    for (kind, a) in &report.kinds {
        if !a.clean() {
            report.failures.push(format!(
                "{kind}: {} lost, {} duplicates of {} expected",
                a.lost, a.duplicates, a.expected
            ));
        }
    }
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let d = std::env::temp_dir().join(format!(
        "packbench-drill-{}-{}",
        std::process::id(),
        crate::clock::now_ms()
    ));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}
