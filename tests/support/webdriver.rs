//! The end-to-end tests' and the scan-latency benchmark's way of driving the real app: a
//! training backend of their own, tauri-driver (with WebKitWebDriver) in front of the real
//! `packbench` binary, and a keyboard-wedge scanner's key bursts dispatched in the page.
#![allow(dead_code)] // each user takes what it needs

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use packbench::training::{self, TrainingOptions};
use serde_json::json;

pub const DRIVER_PORT: u16 = 4444;
pub const NATIVE_PORT: u16 = 4445;
pub const TOKEN: &str = "e2e-token";
pub const WAIT: Duration = Duration::from_secs(60);

pub fn port_open(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

pub fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// tauri-driver in a process group of its own (with WebKitWebDriver and the app it starts),
/// stopped as a group on drop: a test never leaves an app behind, which would keep probing its
/// scale's port and could open the next test's pseudo-terminal once that number is reused.
pub struct Driver(pub Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let signal = |sig: &str| {
            Command::new("kill")
                .args([sig, "--", &group])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        signal("-TERM");
        let _ = self.0.wait();
        let deadline = Instant::now() + Duration::from_secs(10);
        while group_alive(self.0.id()) {
            if Instant::now() >= deadline {
                signal("-KILL");
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A live process (not a zombie, which only waits to be reaped) of a process group, as its
/// `/proc/PID/stat` tells it.
pub struct GroupProcess {
    /// Its `/proc/PID` directory.
    pub proc_dir: PathBuf,
    /// The command name (`comm`, at most 15 bytes).
    pub name: String,
    /// When it started, in clock ticks since boot.
    pub start_ticks: u64,
}

/// The live processes of group `pgid`.
pub fn group_processes(pgid: u32) -> Vec<GroupProcess> {
    let group = pgid.to_string();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .flatten()
        .filter_map(|p| {
            let stat = std::fs::read_to_string(p.path().join("stat")).ok()?;
            // `pid (comm) state ppid pgrp ... starttime(22nd)`; the name may hold spaces and
            // parentheses, so it ends at the last `)`.
            let open = stat.find('(')?;
            let (head, rest) = stat.rsplit_once(')')?;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            (fields.first() != Some(&"Z") && fields.get(2) == Some(&group.as_str())).then(|| {
                GroupProcess {
                    proc_dir: p.path(),
                    name: head[open + 1..].to_owned(),
                    start_ticks: fields.get(19).and_then(|t| t.parse().ok()).unwrap_or(0),
                }
            })
        })
        .collect()
}

/// Whether a process of group `pgid` still runs.
fn group_alive(pgid: u32) -> bool {
    !group_processes(pgid).is_empty()
}

pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("PACKBENCH_ARTIFACTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-artifacts"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let path = artifacts_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

pub async fn scan(client: &Client, code: &str) {
    let input = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#scan"))
        .await
        .expect("the scan field");
    input
        .send_keys(&format!("{}\u{E007}", as_scanner_keys(code)))
        .await
        .expect("typing a scan");
}

/// What a keyboard-wedge scanner sends: capitals as Shift + the letter's key (WebDriver's Shift
/// key pressed, then pressed again to release it: WebDriver toggles modifiers), so the app's wedge decoder, which reads physical
/// keys and modifiers, sees what it would see from a real scanner.
pub fn as_scanner_keys(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                format!("\u{E008}{}\u{E008}", c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The badge of the demo warehouse's first packer.
pub fn packer_badge() -> String {
    training::demo_data::generate(training::demo_data::DEFAULT_SEED)
        .packers
        .iter()
        .find(|p| p.role == "packer")
        .unwrap()
        .badge
        .clone()
}

pub async fn step_shown(client: &Client, step: &str) {
    let sel = format!("#step[data-step='{step}']");
    if let Err(e) = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&sel))
        .await
    {
        let seen = screen_state(client).await;
        panic!("the screen never reached step {step}: {e}; the screen shows {seen}");
    }
}

/// What the screen shows now (step, error banner, scan field, answers so far), for a failed
/// wait's message.
pub async fn screen_state(client: &Client) -> String {
    client
        .execute(
            "const q = s => document.querySelector(s); \
             return JSON.stringify({ \
               step: q('#step')?.dataset.step ?? null, \
               error: q('#error')?.innerText ?? null, \
               scan_field: q('#scan')?.value ?? null, \
               busy: !!q('label.scan.busy'), \
               answered: q('main')?.dataset.answered ?? null });",
            vec![],
        )
        .await
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .unwrap_or_else(|e| format!("(unreadable: {e})"))
}

pub async fn error_shown(client: &Client, code: &str) -> String {
    let sel = format!("#error[data-code='{code}']");
    let el = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&sel))
        .await
        .unwrap_or_else(|e| panic!("no {code} error shown: {e}"));
    el.text().await.unwrap()
}

/// What every end-to-end test starts from: a display, free WebDriver ports (the previous
/// test's WebKitWebDriver may still be exiting) and a training backend of its own.
pub async fn start_backend() -> (tempfile::TempDir, training::RunningBackend) {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "the end-to-end test needs a display: run it under Xvfb (xvfb-run -a cargo test)"
    );
    wait_until("the WebDriver ports to be free", || {
        !port_open(DRIVER_PORT) && !port_open(NATIVE_PORT)
    });
    let dir = tempfile::tempdir().unwrap();
    let backend = training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("training.sqlite"),
        token: TOKEN.into(),
        webhook_url: None,
    })
    .await
    .unwrap();
    (dir, backend)
}

/// A simulated MT-SICS scale on a pty and a station config file (in `dir`) that names it.
pub fn scale_and_config(
    dir: &std::path::Path,
) -> (
    std::sync::Arc<packbench_devices::simulator::SimulatedScale>,
    PathBuf,
) {
    use packbench_devices::scale::{sim::SimScale, Protocol};
    let scale = std::sync::Arc::new(
        packbench_devices::simulator::SimulatedScale::start(SimScale::new(Protocol::MtSics))
            .unwrap(),
    );
    // Named by a link in the test's directory (as `/dev/serial/by-id/...` names a real one),
    // removed with the simulator: a stale reader cannot follow it to a reused `/dev/pts/N`.
    let link = dir.join("ttyScale");
    scale.link_at(&link).unwrap();
    let config = dir.join("station.toml");
    std::fs::write(
        &config,
        format!(
            "[scale]\nport = \"{}\"\nprotocol = \"mt-sics\"\n",
            link.display()
        ),
    )
    .unwrap();
    (scale, config)
}

/// tauri-driver (and its WebKitWebDriver) for the app, configured through its environment
/// (tauri-driver passes it to the app).
pub fn start_driver(
    backend_url: &str,
    station: &str,
    data_dir: &std::path::Path,
    config: &std::path::Path,
) -> Driver {
    let driver = Driver(
        Command::new("tauri-driver")
            .process_group(0)
            .args([
                "--port",
                &DRIVER_PORT.to_string(),
                "--native-port",
                &NATIVE_PORT.to_string(),
            ])
            .env("PACKBENCH_BACKEND_URL", backend_url)
            .env("PACKBENCH_BACKEND_TOKEN", TOKEN)
            .env("PACKBENCH_STATION_ID", station)
            .env("PACKBENCH_DATA_DIR", data_dir)
            .env("PACKBENCH_CONFIG", config)
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver)"),
    );
    // tauri-driver accepts before WebKitWebDriver listens: wait for both.
    wait_until("tauri-driver and WebKitWebDriver", || {
        port_open(DRIVER_PORT) && port_open(NATIVE_PORT)
    });
    driver
}

/// The end-to-end tests share the WebDriver ports: one at a time.
pub static ONE_APP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Starts the app in a new WebDriver session, runs `body` on it, and always closes the session
/// (a session left open orphans the app process). The body runs as a task, so a failed
/// assertion comes back as the `Err` instead of skipping the close.
pub async fn with_app<F, Fut, T>(body: F) -> Result<T, tokio::task::JoinError>
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let caps = json!({
        "browserName": "wry",
        "tauri:options": { "application": env!("CARGO_BIN_EXE_packbench") }
    });
    // WebKitWebDriver waits for ever for an app that exits at start-up: bound the wait.
    let client = tokio::time::timeout(
        WAIT,
        ClientBuilder::native()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{DRIVER_PORT}")),
    )
    .await
    .expect("the app did not start within a minute (does it run on its own?)")
    .expect("WebDriver session with the app");
    let result = tokio::spawn(body(client.clone())).await;
    let _ = client.close().await;
    result
}

pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never shown: {e}"))
}

/// The weight the screen expects of the parcel being weighed, in grams (`#weight`'s
/// `data-expected`), once it is shown.
pub async fn expected_weight_g(client: &Client) -> i64 {
    let shown = wait_for(client, "#weight[data-expected]").await;
    let grams = shown.attr("data-expected").await.unwrap().unwrap();
    grams
        .parse()
        .unwrap_or_else(|e| panic!("data-expected={grams:?}: {e}"))
}

/// The order the screen is verifying (`#step`'s `data-order`), once it is shown.
pub async fn order_shown(client: &Client) -> String {
    let step = wait_for(client, "#step[data-order]").await;
    step.attr("data-order").await.unwrap().unwrap()
}

pub async fn wait_gone(client: &Client, css: &str) {
    let deadline = Instant::now() + WAIT;
    while client.find(Locator::Css(css)).await.is_ok() {
        assert!(Instant::now() < deadline, "{css} still shown");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Scans, then waits until the station has answered (the scan box is not busy).
pub async fn scan_wait(client: &Client, code: &str) {
    scanner_burst(client, code).await;
    wait_gone(client, "label.scan.busy").await;
}

/// What a USB keyboard-wedge scanner (US layout) sends for `code`: physical keys with Shift
/// for capitals, GS as Ctrl+], then Enter, as one burst of key events dispatched in the page
/// (a scanner's pace, whatever the machine's load; WebDriver's typing is not that even).
pub async fn scanner_burst(client: &Client, code: &str) {
    client
        .execute(
            // Every event is made before the first is sent: an event's timeStamp is the time it
            // was made (DOM Standard, "initialize an event"), as a real key's is the time the
            // scanner sent it. Made one by one between dispatches, a slow first handler on a
            // loaded machine would spread the burst past the decoder's 35 ms gap, which a real
            // scanner's keys never are.
            "const evs = arguments[0].map(k => new KeyboardEvent('keydown', \
               {code: k.code, key: k.key, shiftKey: k.shift, ctrlKey: k.ctrl, bubbles: true})); \
             for (const e of evs) { window.dispatchEvent(e); }",
            vec![json!(scanner_keys(code))],
        )
        .await
        .expect("a scanner burst");
}

/// The key events of [`scanner_burst`], ending with Enter.
pub fn scanner_keys(code: &str) -> Vec<serde_json::Value> {
    code.chars()
        .map(|c| {
            let (phys, shift, ctrl) = match c {
                'a'..='z' => (format!("Key{}", c.to_ascii_uppercase()), false, false),
                'A'..='Z' => (format!("Key{c}"), true, false),
                '0'..='9' => (format!("Digit{c}"), false, false),
                '-' => ("Minus".into(), false, false),
                ']' => ("BracketRight".into(), false, false),
                '\u{1d}' => ("BracketRight".into(), false, true),
                other => panic!("no scanner key for {other:?}"),
            };
            json!({"code": phys, "key": c.to_string(), "shift": shift, "ctrl": ctrl})
        })
        .chain(std::iter::once(
            json!({"code": "Enter", "key": "Enter", "shift": false, "ctrl": false}),
        ))
        .collect()
}

/// The first demo trolley from `TR-{first:04}` on whose GS1 unit scans need no separator (no
/// line wants both lot/expiry and serial) and that `fits`, read through `api`.
pub async fn demo_trolley(
    api: &packbench::adapters::http_backend::HttpBackend,
    first: u32,
    fits: impl Fn(&packbench_core::Manifest) -> bool,
) -> packbench_core::Manifest {
    for n in first..=60 {
        let code: packbench_core::TrolleyCode = format!("TR-{n:04}").parse().unwrap();
        let m = api.trolley_manifest(&code).await.unwrap();
        let both = m
            .slots
            .iter()
            .flat_map(|s| &s.order.lines)
            .any(|l| l.item.flags.lot_expiry_required && l.item.flags.serial_required);
        if !both && fits(&m) {
            return m;
        }
    }
    panic!("no demo trolley fit for the test")
}
