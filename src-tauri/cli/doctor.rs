//! `packbench doctor`: IT's check of a station's set-up. It reads the station config and asks
//! every configured part whether it works (the scale weighs once, each printer reports its
//! status, the backend answers and takes the token), lists what the machine offers (serial
//! ports, CUPS queues), and reports the outbox backlog. Each finding says what to fix; the exit
//! code is non-zero when anything is wrong.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Args;
use packbench_devices::printer::{open_printer, PrinterError};
use packbench_devices::scale::ScaleError;
use serde::Serialize;

use crate::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use crate::config::{self, Config, Overrides};
use crate::ports::{BackendApi, BackendError};

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the findings as JSON: `{"ok": bool, "findings": [{check, ok, detail, fix}]}`.
    #[arg(long)]
    pub json: bool,
    /// How long the scale may take to give a stable weight.
    #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(100..=60_000))]
    pub scale_timeout_ms: u64,
}

/// One thing checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `config`, `scale`, `printer.label`, `printer.document`, `serial_ports`, `scanner`,
    /// `cups_queues`,
    /// `backend`, `outbox`.
    pub check: String,
    pub ok: bool,
    pub detail: String,
    /// What to do about it, when not ok (or worth knowing).
    pub fix: Option<String>,
}

impl Finding {
    fn ok(check: &str, detail: impl Into<String>) -> Finding {
        Finding {
            check: check.into(),
            ok: true,
            detail: detail.into(),
            fix: None,
        }
    }

    fn wrong(check: &str, detail: impl Into<String>, fix: impl Into<String>) -> Finding {
        Finding {
            check: check.into(),
            ok: false,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    findings: &'a [Finding],
}

pub fn run(args: DoctorArgs, overrides: &Overrides) -> ExitCode {
    let findings = examine(&args, overrides);
    let ok = findings.iter().all(|f| f.ok);
    if args.json {
        let report = Report {
            ok,
            findings: &findings,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("findings serialise")
        );
    } else {
        for f in &findings {
            println!(
                "{:<5} {:<17} {}",
                if f.ok { "ok" } else { "FAIL" },
                f.check,
                f.detail
            );
            if let Some(fix) = &f.fix {
                println!("{:<23} fix: {fix}", "");
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every check, in the order IT reads them.
pub fn examine(args: &DoctorArgs, overrides: &Overrides) -> Vec<Finding> {
    let mut findings = Vec::new();
    let cfg = match config::load(overrides) {
        Ok(cfg) => {
            let from = cfg
                .source
                .as_ref()
                .map(|p| format!("from {}", p.display()))
                .unwrap_or_else(|| "no config file: defaults".into());
            findings.push(Finding::ok(
                "config",
                format!("station {} ({from})", cfg.station_id),
            ));
            Some(cfg)
        }
        Err(e) => {
            findings.push(Finding::wrong(
                "config",
                e.to_string(),
                "Correct the setting named above (README, \"Configuring a station\"); the other checks use what can be read.",
            ));
            None
        }
    };
    if let Some(cfg) = &cfg {
        findings.push(check_scale(
            cfg,
            Duration::from_millis(args.scale_timeout_ms),
        ));
        for (role, uri) in [
            ("label", &cfg.printers.label),
            ("document", &cfg.printers.document),
        ] {
            if let Some(uri) = uri {
                findings.push(check_printer(cfg, role, uri));
            }
        }
    }
    findings.push(serial_ports());
    findings.push(Finding::ok(
        "scanner",
        "to check a scanner's GS1 set-up, scan codes into `packbench gs1 parse` \
         (one answer per scan: the AIs read, or the rule broken; --json for scripts)",
    ));
    findings.push(cups_queues());
    if let Some(cfg) = &cfg {
        findings.push(check_backend(cfg));
        findings.push(check_outbox(&cfg.data_dir.join("station.sqlite")));
    }
    findings
}

fn file_name(cfg: &Config) -> String {
    cfg.source
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the station config file".into())
}

fn check_scale(cfg: &Config, timeout: Duration) -> Finding {
    let Some(scale) = &cfg.scale else {
        return Finding::ok(
            "scale",
            "no scale configured (a [scale] table in the config file adds one)",
        );
    };
    let mut scale = scale.clone();
    scale.timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
    let what = format!("{} on {} ({})", scale.protocol, scale.port, scale.serial);
    match packbench_devices::read_once(&scale) {
        Ok(r) => Finding::ok(
            "scale",
            format!(
                "{what}: {} g{}",
                r.grams,
                if r.stable { " (stable)" } else { "" }
            ),
        ),
        Err(e) => {
            let file = file_name(cfg);
            let fix = match &e {
                ScaleError::PortUnavailable { .. } | ScaleError::Disconnected { .. } => format!(
                    "Check the cable and [scale] port in {file} (serial ports found: {}).",
                    port_names().unwrap_or_else(|| "none".into())
                ),
                ScaleError::NoAnswer { .. } => format!(
                    "Check that the scale is on and its cable plugged in, then [scale] protocol and baud in {file} against the scale's menu."
                ),
                ScaleError::Unreadable { .. } | ScaleError::NotUnderstood { .. } => format!(
                    "Set [scale] protocol, baud, data_bits and parity in {file} to what the scale's menu shows."
                ),
                ScaleError::InvalidConfig(_) => format!("Correct [scale] in {file}."),
                other => other.to_string(),
            };
            Finding::wrong("scale", format!("{what}: {e} ({})", e.code()), fix)
        }
    }
}

fn check_printer(cfg: &Config, role: &str, uri: &str) -> Finding {
    let check = format!("printer.{role}");
    let file = file_name(cfg);
    let setting_fix = |e: &PrinterError| {
        format!(
            "{e} If it is on and plugged in, check printers.{role} in {file} (\"{uri}\"); CUPS queues found: {}.",
            queue_names().unwrap_or_else(|| "none".into())
        )
    };
    let status = open_printer(uri).and_then(|mut p| p.status());
    match status {
        Ok(status) => {
            let name = packbench_devices::printer::PrinterName::new(
                if role == "label" {
                    packbench_devices::printer::Role::Label
                } else {
                    packbench_devices::printer::Role::Document
                },
                uri,
            );
            match status.refusal(&name) {
                None => Finding::ok(&check, format!("{uri}: ready ({:?})", status.state)),
                Some(e) => Finding::wrong(
                    &check,
                    format!("{uri}: {} ({})", describe(&status.conditions), e.code()),
                    e.to_string(),
                ),
            }
        }
        Err(e @ PrinterError::StatusUnsupported { .. }) => Finding {
            check,
            ok: true,
            detail: format!("{uri}: {e}"),
            fix: Some("Print a test label to be sure (packbench print).".into()),
        },
        Err(e) => Finding::wrong(&check, format!("{uri}: {}", e.code()), setting_fix(&e)),
    }
}

fn describe(conditions: &[packbench_devices::printer::Condition]) -> String {
    if conditions.is_empty() {
        return "stopped".into();
    }
    let names: Vec<String> = conditions
        .iter()
        .map(|c| {
            serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| format!("{c:?}"))
        })
        .collect();
    names.join(", ")
}

fn port_names() -> Option<String> {
    let ports = serialport::available_ports().ok()?;
    (!ports.is_empty()).then(|| {
        ports
            .iter()
            .map(|p| p.port_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn serial_ports() -> Finding {
    match serialport::available_ports() {
        Ok(ports) if ports.is_empty() => Finding::ok(
            "serial_ports",
            "none found (pseudo-terminals and by-id links are not listed; give their path)",
        ),
        Ok(_) => Finding::ok(
            "serial_ports",
            port_names().unwrap_or_else(|| "none found".into()),
        ),
        Err(e) => Finding::ok("serial_ports", format!("cannot list serial ports: {e}")),
    }
}

/// Runs a command for at most `timeout` (lpstat waits long for an unreachable server).
fn output_within(cmd: &mut Command, timeout: Duration) -> Option<(bool, String, String)> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let out = child.wait_with_output().ok()?;
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    ))
}

fn queue_names() -> Option<String> {
    let (ok, out, _) = output_within(Command::new("lpstat").arg("-e"), Duration::from_secs(3))?;
    (ok && !out.is_empty()).then(|| out.lines().collect::<Vec<_>>().join(", "))
}

fn cups_queues() -> Finding {
    match output_within(Command::new("lpstat").arg("-e"), Duration::from_secs(3)) {
        None => Finding::ok(
            "cups_queues",
            "lpstat is not installed or did not answer: no CUPS queues to offer",
        ),
        Some((true, out, _)) if !out.is_empty() => {
            Finding::ok("cups_queues", out.lines().collect::<Vec<_>>().join(", "))
        }
        Some((_, _, err)) => Finding::ok(
            "cups_queues",
            if err.is_empty() {
                "none".to_owned()
            } else {
                format!("none ({err})")
            },
        ),
    }
}

fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()
}

fn check_backend(cfg: &Config) -> Finding {
    let Some(url) = &cfg.backend_url else {
        return Finding::ok(
            "backend",
            "the embedded training backend (no backend_url): nothing to reach",
        );
    };
    let file = file_name(cfg);
    let opts = HttpBackendOptions {
        connect_timeout: Duration::from_secs(3),
        request_timeout: Duration::from_secs(5),
        ..Default::default()
    };
    let Some(rt) = runtime() else {
        return Finding::wrong("backend", "cannot start an async runtime", "Call IT.");
    };
    rt.block_on(async {
        let backend = match HttpBackend::new(url, &cfg.station_id, cfg.backend_token.expose(), opts) {
            Ok(b) => b,
            Err(e) => return Finding::wrong("backend", e.to_string(), "Call IT."),
        };
        let health = match backend.health().await {
            Ok(h) => h,
            Err(e) => {
                return Finding::wrong(
                    "backend",
                    format!("{url}: {e}"),
                    format!("Check backend_url in {file} (or PACKBENCH_BACKEND_URL) and the network."),
                )
            }
        };
        // Health needs no token: an authenticated read proves the token.
        match backend.packaging_catalogue().await {
            Ok(_) => Finding::ok(
                "backend",
                format!(
                    "{url}: up (version {}), token accepted for station {}",
                    health.version, cfg.station_id
                ),
            ),
            Err(BackendError::Rejected { status: 401, .. }) => Finding::wrong(
                "backend",
                format!("{url}: up, but the token was refused for station {}", cfg.station_id),
                "Set PACKBENCH_BACKEND_TOKEN to this station's token (a training backend's default is \"training\"), and check station_id.",
            ),
            Err(e) => Finding::wrong(
                "backend",
                format!("{url}: up (version {}), but {e}", health.version),
                "Call IT with this message.",
            ),
        }
    })
}

/// A backlog older than this means writes are not getting through.
const STALE_BACKLOG_MS: i64 = 60 * 60 * 1000;

fn check_outbox(db: &Path) -> Finding {
    if !db.is_file() {
        return Finding::ok(
            "outbox",
            format!("no station database yet ({})", db.display()),
        );
    }
    let Some(rt) = runtime() else {
        return Finding::wrong("outbox", "cannot start an async runtime", "Call IT.");
    };
    let counts = rt.block_on(async {
        use sqlx::sqlite::SqliteConnectOptions;
        use sqlx::{ConnectOptions, Connection};
        let mut conn = SqliteConnectOptions::new()
            .filename(db)
            .read_only(true)
            .connect()
            .await?;
        let row: (i64, i64, Option<i64>) = sqlx::query_as(
            "SELECT \
               (SELECT COUNT(*) FROM outbox WHERE delivered_at_ms IS NULL AND failed_at_ms IS NULL), \
               (SELECT COUNT(*) FROM outbox WHERE failed_at_ms IS NOT NULL), \
               (SELECT MIN(created_at_ms) FROM outbox WHERE delivered_at_ms IS NULL AND failed_at_ms IS NULL)",
        )
        .fetch_one(&mut conn)
        .await?;
        conn.close().await?;
        Ok::<_, sqlx::Error>(row)
    });
    match counts {
        Err(e) => Finding::wrong(
            "outbox",
            format!("cannot read {}: {e}", db.display()),
            "Check the disk and the file's permissions; call IT.",
        ),
        Ok((pending, failed, oldest)) => {
            let age_ms = oldest.map(|t| crate::clock::now_ms() - t).unwrap_or(0);
            let detail = format!(
                "{pending} write(s) waiting for the backend{}, {failed} set aside",
                if pending > 0 {
                    format!(" (oldest {} min)", age_ms / 60_000)
                } else {
                    String::new()
                }
            );
            if pending > 0 && age_ms > STALE_BACKLOG_MS {
                Finding::wrong(
                    "outbox",
                    detail,
                    "Writes are not getting through: see the backend check; they go out by themselves once it answers.",
                )
            } else {
                Finding::ok("outbox", detail)
            }
        }
    }
}
