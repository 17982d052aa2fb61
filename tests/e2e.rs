//! End-to-end: the real `packbench` binary in a real WebKitGTK webview, driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), against a training backend this test runs.
//! Needs a display (the README's test command runs it under Xvfb). The WebDriver ports are
//! fixed, so this binary holds the only end-to-end test.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::ports::BackendApi;
use packbench::training::{self, TrainingOptions};
use serde_json::json;

const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;
const TOKEN: &str = "e2e-token";
const WAIT: Duration = Duration::from_secs(60);

fn port_open(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// tauri-driver, stopped with SIGTERM on drop so it also stops WebKitWebDriver.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let _ = self.0.wait();
    }
}

fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("PACKBENCH_ARTIFACTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-artifacts"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let path = artifacts_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// The slots the UI shows: (slot, order id, [(sku, qty)]).
async fn shown_slots(client: &Client) -> Vec<(u8, String, Vec<(String, u32)>)> {
    let mut out = Vec::new();
    for slot in client
        .find_all(Locator::Css("#manifest li.slot"))
        .await
        .unwrap()
    {
        let n = slot
            .attr("data-slot")
            .await
            .unwrap()
            .unwrap()
            .parse()
            .unwrap();
        let order = slot.attr("data-order").await.unwrap().unwrap();
        let mut lines = Vec::new();
        for line in slot.find_all(Locator::Css("li.line")).await.unwrap() {
            let sku = line.attr("data-sku").await.unwrap().unwrap();
            let qty = line
                .attr("data-qty")
                .await
                .unwrap()
                .unwrap()
                .parse()
                .unwrap();
            lines.push((sku, qty));
        }
        out.push((n, order, lines));
    }
    out
}

async fn scan(client: &Client, code: &str) {
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
fn as_scanner_keys(code: &str) -> String {
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
fn packer_badge() -> String {
    training::demo_data::generate(training::demo_data::DEFAULT_SEED)
        .packers
        .iter()
        .find(|p| p.role == "packer")
        .unwrap()
        .badge
        .clone()
}

async fn step_shown(client: &Client, step: &str) {
    let sel = format!("#step[data-step='{step}']");
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&sel))
        .await
        .unwrap_or_else(|e| panic!("the screen never reached step {step}: {e}"));
}

async fn error_shown(client: &Client, code: &str) -> String {
    let sel = format!("#error[data-code='{code}']");
    let el = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&sel))
        .await
        .unwrap_or_else(|e| panic!("no {code} error shown: {e}"));
    el.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_packer_scans_a_trolley_and_sees_its_slots() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "the end-to-end test needs a display: run it under Xvfb (xvfb-run -a cargo test)"
    );
    assert!(
        !port_open(DRIVER_PORT) && !port_open(NATIVE_PORT),
        "ports {DRIVER_PORT}/{NATIVE_PORT} are taken: a stale tauri-driver or WebKitWebDriver is running"
    );

    let dir = tempfile::tempdir().unwrap();
    let backend = training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("shared-training.sqlite"),
        token: TOKEN.into(),
    })
    .await
    .unwrap();
    let supervisor = HttpBackend::new(
        &backend.url(),
        "ST-OTHER",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();
    // Another station already packs TR-0002.
    supervisor
        .claim_trolley(&"TR-0002".parse().unwrap())
        .await
        .unwrap();

    // An empty config file of the test's own, so no config on this machine leaks in.
    let config = dir.path().join("station.toml");
    std::fs::write(&config, "# e2e: everything from the environment\n").unwrap();
    let driver = Driver(
        Command::new("tauri-driver")
            .args([
                "--port",
                &DRIVER_PORT.to_string(),
                "--native-port",
                &NATIVE_PORT.to_string(),
            ])
            .env("PACKBENCH_BACKEND_URL", backend.url())
            .env("PACKBENCH_BACKEND_TOKEN", TOKEN)
            .env("PACKBENCH_STATION_ID", "ST-E2E")
            .env("PACKBENCH_DATA_DIR", dir.path().join("station"))
            .env("PACKBENCH_CONFIG", &config)
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver)"),
    );
    // tauri-driver accepts before WebKitWebDriver listens: wait for both.
    wait_until("tauri-driver and WebKitWebDriver", || {
        port_open(DRIVER_PORT) && port_open(NATIVE_PORT)
    });

    let sup = supervisor.clone();
    let first = with_app(move |client| async move {
        let supervisor = sup;
        // The station bar shows who we are, once the UI has asked the station.
        let station = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#station-id"))
            .await
            .expect("the station bar");
        assert_eq!(station.text().await.unwrap(), "ST-E2E");
        let backlog = client.find(Locator::Css("#backlog")).await.unwrap();
        assert_eq!(
            backlog.attr("data-pending").await.unwrap().as_deref(),
            Some("0")
        );
        step_shown(&client, "sign_in").await;
        screenshot(&client, "01-sign-in.png").await;

        scan(&client, "NOT-A-BADGE").await;
        error_shown(&client, "invalid_scan").await;
        scan(&client, &packer_badge()).await;
        step_shown(&client, "scan_trolley").await;

        scan(&client, "TR-0002").await;
        let msg = error_shown(&client, "trolley_claimed_elsewhere").await;
        assert!(msg.contains("ST-OTHER") && msg.contains("TR-0002"), "{msg}");
        screenshot(&client, "03-claimed-elsewhere.png").await;

        scan(&client, "TR-0001-03").await;
        let msg = error_shown(&client, "refused").await;
        assert!(msg.contains("slot") || msg.contains("trolley"), "{msg}");

        scan(&client, "TR-9999").await;
        let msg = error_shown(&client, "trolley_unknown").await;
        assert!(msg.contains("TR-9999"), "{msg}");

        scan(&client, "TR-0001").await;
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#manifest[data-trolley='TR-0001']"))
            .await
            .expect("the claimed trolley's manifest");
        let want = supervisor
            .trolley_manifest(&"TR-0001".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            want.claimed_by, "ST-E2E",
            "the app claimed the trolley in the backend"
        );
        let want: Vec<_> = want
            .slots
            .iter()
            .map(|s| {
                let lines = s
                    .order
                    .lines
                    .iter()
                    .map(|l| (l.item.sku.clone(), l.qty))
                    .collect();
                (s.slot, s.order.order_id.clone(), lines)
            })
            .collect();
        assert!(want.len() >= 8);
        assert_eq!(shown_slots(&client).await, want);
        step_shown(&client, "scan_slot").await;
        screenshot(&client, "02-trolley-TR-0001.png").await;

        // Another trolley while this one is held is refused with the reason.
        scan(&client, "TR-0003").await;
        let reason = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#error[data-reason='trolley_in_progress']"))
            .await
            .expect("a second trolley is refused while one is held");
        assert!(reason.text().await.unwrap().contains("TR-0001"));
        want
    })
    .await;
    let want = match first {
        Ok(want) => want,
        Err(e) => {
            drop(driver);
            std::panic::resume_unwind(e.into_panic());
        }
    };

    // A restart (power cut, crash): the new app process shows the trolley the station holds,
    // from its own database, before any scan.
    let resumed = with_app(move |client| async move {
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#manifest[data-trolley='TR-0001']"))
            .await
            .expect("the held trolley, resumed after a restart");
        assert_eq!(shown_slots(&client).await, want);
        // Signed in and at the same step, with no scan.
        step_shown(&client, "scan_slot").await;
        screenshot(&client, "04-resumed-after-restart.png").await;
    })
    .await;
    drop(driver);
    if let Err(e) = resumed {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Starts the app in a new WebDriver session, runs `body` on it, and always closes the session
/// (a session left open orphans the app process). The body runs as a task, so a failed
/// assertion comes back as the `Err` instead of skipping the close.
async fn with_app<F, Fut, T>(body: F) -> Result<T, tokio::task::JoinError>
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
