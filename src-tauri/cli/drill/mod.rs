//! The crash drill: `packbench drill --trolleys N --kills K`.
//!
//! It starts a training backend (a child process), then a headless station (`packbench
//! drill-station`, another child: the same services as the app, no webview) that signs in and
//! packs N demo trolleys by itself: units scanned (GS1 lot, expiry and serial where the SKU asks),
//! some lines short or damaged, orders split over parcels, weight overrides, labels. The drill
//! kills that station K times at random moments, half of them by SIGKILL after a random delay
//! and half at a random fault-injection point (before and after the station's commits, its
//! backend writes and its label jobs: see [`crate::crashpoint`]), and stops and restarts the
//! backend a few times on the way. When the station has finished, the drill checks through the
//! backend's API that every picked unit was dispatched or put in exception exactly once, prints
//! one JSON line and exits non-zero on any loss or duplicate.
//!
//! This file holds the arguments and the orchestration (processes, kills, outages); the packer
//! is in `bot`, the count of what the backend recorded in `audit`, the headless station in
//! `station`.

mod audit;
mod bot;
mod report;
mod station;

pub use audit::verify;
pub use bot::{largest_open_box, pack_trolleys, unit_scan};
pub use report::DrillReport;
pub use station::{run_station, DrillStationArgs};

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;

use crate::config::TRAINING_TOKEN;
use crate::training::demo_data::{self, Rng};

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
    /// Longest wait before a SIGKILL, from the station's start.
    #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u32).range(1..=60_000))]
    pub max_kill_delay_ms: u32,
    /// Highest fault-injection point a run may die at (points count commits, backend writes
    /// and label jobs from the station's start).
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_crash_point: u32,
    /// Keep the drill's databases, logs and label spool here (default: a temporary directory).
    #[arg(long)]
    pub work_dir: Option<PathBuf>,
}

struct Backend {
    child: Child,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn start_backend(exe: &Path, port: u16, db: &Path, log: &Path) -> anyhow::Result<Backend> {
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

fn append(path: &Path) -> anyhow::Result<std::fs::File> {
    Ok(std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?)
}

/// Runs the drill; the exit code says whether nothing was lost or doubled.
pub fn run(args: DrillArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let tmp;
    let work = match &args.work_dir {
        Some(d) => d.clone(),
        None => {
            tmp = tempfile_dir()?;
            tmp.clone()
        }
    };
    std::fs::create_dir_all(&work)?;
    let exe = std::env::current_exe()?;
    let port = free_port()?;
    let url = format!("http://127.0.0.1:{port}");
    let backend_db = work.join("backend.sqlite");
    let backend_log = work.join("backend.log");
    let station_log = work.join("station.log");
    let trolleys: Vec<String> = (1..=args.trolleys).map(|i| format!("TR-{i:04}")).collect();
    let mut rng = Rng::new(args.seed ^ 0x0d71_11ed);
    let mut report = DrillReport {
        trolleys: usize::from(args.trolleys),
        ..DrillReport::default()
    };

    let mut backend = Some(start_backend(&exe, port, &backend_db, &backend_log)?);
    // Backend outages start after these kills and last for the next station run.
    let restart_at: Vec<u32> = (1..=args.backend_restarts)
        .map(|i| i * args.kills / (args.backend_restarts + 1))
        .collect();
    let station = |crash_at: Option<u32>| -> anyhow::Result<Child> {
        let mut c = Command::new(&exe);
        c.arg("drill-station")
            .arg("--trolleys")
            .arg(trolleys.join(","))
            .env("PACKBENCH_BACKEND_URL", &url)
            .env("PACKBENCH_BACKEND_TOKEN", TRAINING_TOKEN)
            .env("PACKBENCH_STATION_ID", "ST-DRILL")
            .env("PACKBENCH_DATA_DIR", work.join("station"))
            .env_remove("PACKBENCH_CONFIG")
            .stdout(Stdio::null())
            .stderr(append(&station_log)?);
        match crash_at {
            Some(n) => c.env("PACKBENCH_DRILL_CRASH_AT", n.to_string()),
            None => c.env_remove("PACKBENCH_DRILL_CRASH_AT"),
        };
        c.spawn().context("starting the drill station")
    };

    let mut finished = false;
    while report.kills < args.kills {
        if restart_at.contains(&report.kills) && backend.is_some() {
            let mut b = backend.take().expect("checked");
            let _ = b.child.kill();
            let _ = b.child.wait();
        } else if backend.is_none() {
            backend = Some(start_backend(&exe, port, &backend_db, &backend_log)?);
            report.backend_restarts += 1;
        }
        let by_crash_point = rng.chance(50);
        let mut child = station(by_crash_point.then(|| rng.range(1, args.max_crash_point)))?;
        report.station_runs += 1;
        let deadline = Instant::now()
            + Duration::from_millis(if by_crash_point {
                60_000
            } else {
                u64::from(rng.range(0, args.max_kill_delay_ms))
            });
        let status = loop {
            if let Some(st) = child.try_wait()? {
                break Some(st);
            }
            if Instant::now() >= deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        match status {
            None => {
                child.kill()?;
                child.wait()?;
                report.kills += 1;
                report.sigkills += 1;
            }
            Some(st) if st.success() => {
                // The station finished before the drill ran out of kills: an outage may still
                // hold writes, so run it again once the backend is up.
                if backend.is_some() {
                    finished = true;
                    break;
                }
            }
            Some(st) if by_crash_point && !st.success() && st.code().is_none() => {
                report.kills += 1;
                report.crash_points += 1;
            }
            Some(st) => bail!(
                "the drill station failed by itself ({st}); see {}",
                station_log.display()
            ),
        }
    }
    if backend.is_none() {
        backend = Some(start_backend(&exe, port, &backend_db, &backend_log)?);
        report.backend_restarts += 1;
    }
    if !finished {
        let mut child = station(None)?;
        report.station_runs += 1;
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            if let Some(st) = child.try_wait()? {
                if !st.success() {
                    bail!(
                        "the drill station failed at the end ({st}); see {}",
                        station_log.display()
                    );
                }
                break;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                bail!(
                    "the drill station did not finish in 10 minutes; see {}",
                    station_log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(verify(&url, TRAINING_TOKEN, &trolleys, &mut report))?;
    report.labels_printed = std::fs::read_dir(work.join("station").join("print-spool"))
        .map(|d| d.count() as u64)
        .unwrap_or(0);
    report.labels_uncertain = rt.block_on(uncertain_labels(
        &work.join("station").join("station.sqlite"),
    ))?;
    if let Some(mut b) = backend {
        let _ = b.child.kill();
        let _ = b.child.wait();
    }
    report.elapsed_s = (started.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    report.ok = report.lost == 0 && report.duplicates == 0 && report.expected_units > 0;
    println!("{}", serde_json::to_string(&report)?);
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

async fn uncertain_labels(db: &Path) -> anyhow::Result<u64> {
    let pool = crate::adapters::sqlite_store::open_pool(db, 1).await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM print_jobs WHERE status = 'uncertain'")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(n as u64)
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
