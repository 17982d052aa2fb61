//! `packbench doctor` as IT runs it: the built binary against a station config naming a
//! simulated scale on a pty (`packbench scale simulate`, another process), a simulated Zebra
//! answering `~HS` on a loopback port, a training backend (another process) and a station
//! database with an outbox backlog. A missing printer fails the run with a fix to apply.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use packbench_devices::printer::sim::SimulatedZebra;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_packbench");

/// A child process of the test, stopped when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `packbench ARGS` and returns it with the first stdout line that `pick` accepts.
fn start(args: &[&str], pick: impl Fn(&str) -> Option<String>) -> (Running, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("PACKBENCH_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("packbench starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("its output");
        if let Some(found) = pick(&line) {
            return (running, found);
        }
    }
    panic!("packbench {args:?} ended before saying where it listens");
}

fn simulated_scale(dir: &Path, grams: i64) -> (Running, String) {
    let link = dir.join("ttyScale");
    let link_s = link.to_string_lossy().into_owned();
    start(
        &[
            "scale",
            "simulate",
            "--protocol",
            "nci",
            "--link",
            &link_s,
            "--grams",
            &grams.to_string(),
        ],
        |l| (l == link_s).then(|| l.to_owned()),
    )
}

fn training_backend(dir: &Path) -> (Running, String) {
    let db = dir.join("training.sqlite");
    start(
        &[
            "training-backend",
            "--listen",
            "127.0.0.1:0",
            "--db",
            &db.to_string_lossy(),
        ],
        |l| {
            l.strip_prefix("training backend listening on ")
                .map(str::to_owned)
        },
    )
}

/// Runs `packbench --config CONFIG doctor --json` with `env` set.
fn doctor(config: &Path, env: &[(&str, &str)]) -> (Output, Value) {
    let mut cmd = Command::new(BIN);
    cmd.arg("--config")
        .arg(config)
        .args(["doctor", "--json", "--scale-timeout-ms", "5000"]);
    for var in [
        "PACKBENCH_CONFIG",
        "PACKBENCH_STATION_ID",
        "PACKBENCH_BACKEND_URL",
        "PACKBENCH_BACKEND_TOKEN",
        "PACKBENCH_DATA_DIR",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().expect("packbench doctor runs");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "doctor --json printed no JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, json)
}

fn finding<'a>(report: &'a Value, check: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("no {check} finding in {report:#}"))
}

/// A station database with two writes waiting and one set aside.
async fn station_db_with_backlog(data_dir: &Path) {
    let path = data_dir.join("station.sqlite");
    packbench::adapters::sqlite_store::SqliteStationStore::open(&path)
        .await
        .unwrap();
    let pool = packbench::adapters::sqlite_store::open_pool(&path, 1)
        .await
        .unwrap();
    let now = packbench::clock::now_ms();
    for (n, failed) in [(1, None), (2, None), (3, Some(now))] {
        sqlx::query(
            "INSERT INTO outbox (idempotency_key, effect_key, kind, trolley, payload_json, \
             created_at_ms, next_attempt_at_ms, failed_at_ms) VALUES (?, ?, 'movements', 'TR-0001', '{}', ?, ?, ?)",
        )
        .bind(format!("key-{n}"))
        .bind(format!("effect-{n}"))
        .bind(now)
        .bind(now)
        .bind(failed)
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;
}

fn write_config(dir: &Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("station.toml");
    std::fs::write(
        &path,
        format!(
            "station_id = \"ST-DOC\"\ndata_dir = \"{}\"\n{body}",
            dir.join("data").display()
        ),
    )
    .unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn a_working_station_passes_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let (_scale, port) = simulated_scale(dir.path(), 1250);
    let (_backend, url) = training_backend(dir.path());
    let zebra = SimulatedZebra::start().unwrap();
    station_db_with_backlog(&dir.path().join("data")).await;
    let config = write_config(
        dir.path(),
        &format!(
            "backend_url = \"{url}\"\n[scale]\nport = \"{port}\"\nprotocol = \"nci\"\n[printers]\nlabel = \"{}\"\n",
            zebra.uri()
        ),
    );
    let (out, report) = doctor(&config, &[]);
    assert!(out.status.success(), "{report:#}");
    assert_eq!(report["ok"], true);
    assert!(
        finding(&report, "scale")["detail"]
            .as_str()
            .unwrap()
            .contains("1250 g (stable)"),
        "{report:#}"
    );
    let label = finding(&report, "printer.label");
    assert_eq!(label["ok"], true, "{report:#}");
    assert!(zebra.status_requests() >= 1, "the printer was asked ~HS");
    assert!(finding(&report, "backend")["detail"]
        .as_str()
        .unwrap()
        .contains("token accepted"));
    assert_eq!(
        finding(&report, "outbox")["detail"],
        "2 write(s) waiting for the backend (oldest 0 min), 1 set aside"
    );
    for check in ["config", "serial_ports", "cups_queues"] {
        assert_eq!(finding(&report, check)["ok"], true, "{check}: {report:#}");
    }

    // The same station with a wrong token: the backend check fails and says what to set.
    let (out, report) = doctor(&config, &[("PACKBENCH_BACKEND_TOKEN", "not-the-token")]);
    assert!(!out.status.success());
    let backend = finding(&report, "backend");
    assert_eq!(backend["ok"], false);
    assert!(backend["fix"]
        .as_str()
        .unwrap()
        .contains("PACKBENCH_BACKEND_TOKEN"));
}

#[test]
fn a_missing_printer_fails_the_run_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    // A port nothing listens on: the printer is off or the address is wrong.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let config = write_config(
        dir.path(),
        &format!("[printers]\nlabel = \"tcp://{closed}\"\n"),
    );
    let (out, report) = doctor(&config, &[]);
    assert!(!out.status.success(), "{report:#}");
    assert_eq!(report["ok"], false);
    let label = finding(&report, "printer.label");
    assert_eq!(label["ok"], false);
    assert!(label["detail"]
        .as_str()
        .unwrap()
        .contains("printer_unreachable"));
    let fix = label["fix"].as_str().unwrap();
    assert!(
        fix.contains("printers.label") && fix.contains("station.toml"),
        "{fix}"
    );
    // What is not configured is not wrong.
    assert_eq!(finding(&report, "scale")["ok"], true);
}

#[test]
fn a_scale_on_a_missing_port_and_a_bad_config_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(
        dir.path(),
        "[scale]\nport = \"/dev/does-not-exist\"\nprotocol = \"mt-sics\"\n",
    );
    let (out, report) = doctor(&config, &[]);
    assert!(!out.status.success());
    let scale = finding(&report, "scale");
    assert_eq!(scale["ok"], false);
    assert!(scale["detail"]
        .as_str()
        .unwrap()
        .contains("scale_port_unavailable"));
    assert!(scale["fix"].as_str().unwrap().contains("[scale] port"));

    let config = write_config(
        dir.path(),
        "[scale]\nport = \"/dev/x\"\nprotocol = \"dibal\"\n",
    );
    let (out, report) = doctor(&config, &[]);
    assert!(!out.status.success());
    let cfg = finding(&report, "config");
    assert_eq!(cfg["ok"], false);
    assert!(cfg["detail"].as_str().unwrap().contains("scale.protocol"));
}

fn packbench(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("PACKBENCH_CONFIG")
        .output()
        .expect("packbench runs")
}

#[test]
fn printer_status_reports_paper_out_with_a_stable_code() {
    let zebra = SimulatedZebra::start().unwrap();
    let uri = zebra.uri();
    let out = packbench(&["printer", "status", "--printer", &uri, "--json"]);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ready"], true, "{report:#}");
    assert_eq!(report["problems"], serde_json::json!([]));

    zebra.update(|s| s.paper_out = true);
    let out = packbench(&["printer", "status", "--printer", &uri, "--json"]);
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ready"], false, "{report:#}");
    assert_eq!(report["state"], "stopped");
    assert_eq!(report["problems"][0]["code"], "paper_out", "{report:#}");

    // The doctor says the same, with what to do about it.
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &format!("[printers]\nlabel = \"{uri}\"\n"));
    let (out, report) = doctor(&config, &[]);
    assert!(!out.status.success());
    let label = finding(&report, "printer.label");
    assert_eq!(label["ok"], false);
    assert!(
        label["detail"].as_str().unwrap().contains("paper_out"),
        "{label}"
    );
    assert!(!label["fix"].as_str().unwrap().is_empty());

    // Nothing listening: not ready, with the transport's code.
    drop(zebra);
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = packbench(&[
        "printer",
        "status",
        "--printer",
        &format!("tcp://{closed}"),
        "--json",
    ]);
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problems"][0]["code"], "unreachable", "{report:#}");
}

/// `packbench printer status --json` names each state of a Zebra as the ZPL Programming Guide
/// has it answer: `~HQES` flags in every state, and no `~HS` reply for "MEDIA OUT, RIBBON
/// OUT, HEAD OPEN, REWINDER FULL, HEAD OVER-TEMPERATURE".
#[test]
fn printer_status_names_each_fault_and_a_printer_that_does_not_answer() {
    use packbench_devices::printer::sim::{StatusReply, ZebraState};
    let zebra = SimulatedZebra::start().unwrap();
    let uri = format!("{}?status_timeout_ms=500", zebra.uri());
    let status = |want: &str| {
        let out = packbench(&["printer", "status", "--printer", &uri, "--json"]);
        assert!(!out.status.success(), "{want}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["problems"][0]["code"], want, "{report:#}");
        report
    };
    type Set = fn(&mut ZebraState);
    let table: [(Set, &str); 6] = [
        (|s| s.ribbon_out = true, "ribbon_out"),
        (|s| s.head_open = true, "head_open"),
        (|s| s.paused = true, "paused"),
        (|s| s.cutter_fault = true, "cutter_fault"),
        (|s| s.over_temperature = true, "head_too_hot"),
        (|s| s.rewinder_full = true, "not_answering"),
    ];
    for (set, code) in table {
        zebra.update(|s| *s = ZebraState::default());
        zebra.update(set);
        status(code);
    }
    zebra.update(|s| *s = ZebraState::default());
    zebra.set_status_reply(StatusReply::Silent);
    let report = status("not_answering");
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("check the printer's display"),
        "{report:#}"
    );
}

#[test]
fn print_sends_a_file_as_it_is_and_refuses_when_paper_is_out() {
    use packbench_devices::printer::sim::without_status_requests;
    let zebra = SimulatedZebra::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("label.zpl");
    let zpl = b"^XA^FO50,50^A0N,40,40^FDPackbench^FS^XZ";
    std::fs::write(&file, zpl).unwrap();
    let out = packbench(&[
        "print",
        "--printer",
        &zebra.uri(),
        "--json",
        &file.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let receipt: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(receipt["bytes_sent"], zpl.len());
    let printed: Vec<Vec<u8>> = zebra
        .wait_for_jobs(2, std::time::Duration::from_secs(3))
        .iter()
        .map(|j| without_status_requests(j))
        .filter(|j| !j.is_empty())
        .collect();
    assert_eq!(printed, vec![zpl.to_vec()]);

    zebra.update(|s| s.paper_out = true);
    let out = packbench(&[
        "print",
        "--printer",
        &zebra.uri(),
        "--json",
        &file.to_string_lossy(),
    ]);
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["code"], "printer_out_of_paper", "{err:#}");
}
