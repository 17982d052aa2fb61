//! Traces over OTLP/HTTP: the app's IPC commands and backend calls, exported to a loopback
//! collector, carry the station and (once signed in) the packer.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

#[path = "support/mock_app.rs"]
mod mock_app;

use mock_app::{app, embedded, main_window, request, station, LOCAL};
use packbench::config::Config;
use packbench::logging::OtlpExport;
use serde_json::json;
use tauri::test::get_ipc_response;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The export requests a loopback collector received (protobuf bodies).
#[derive(Default)]
struct Received {
    bodies: Mutex<Vec<Vec<u8>>>,
    arrived: Condvar,
}

impl Received {
    /// Waits until the bodies received so far, together, mention every needle.
    fn wait_for(&self, needles: &[&str], deadline: Duration) -> Result<usize, String> {
        let until = Instant::now() + deadline;
        let mut bodies = self.bodies.lock().unwrap();
        loop {
            let all: Vec<u8> = bodies.concat();
            let missing: Vec<&&str> = needles
                .iter()
                .filter(|n| !all.windows(n.len()).any(|w| w == n.as_bytes()))
                .collect();
            if missing.is_empty() {
                return Ok(bodies.len());
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!("{} requests; missing {missing:?}", bodies.len()));
            }
            bodies = self.arrived.wait_timeout(bodies, left).unwrap().0;
        }
    }
}

/// An OTLP/HTTP collector on loopback: stores each POST /v1/traces body and answers 200.
fn start_collector(received: Arc<Received>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().route(
                "/v1/traces",
                axum::routing::post(move |body: axum::body::Bytes| {
                    let received = received.clone();
                    async move {
                        received.bodies.lock().unwrap().push(body.to_vec());
                        received.arrived.notify_all();
                        (
                            [("content-type", "application/x-protobuf")],
                            Vec::<u8>::new(),
                        )
                    }
                }),
            );
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    format!("http://{addr}")
}

#[test]
fn commands_and_backend_calls_reach_the_collector_with_station_and_packer() {
    let received = Arc::new(Received::default());
    let endpoint = start_collector(received.clone());
    let export = OtlpExport::start(&endpoint).unwrap();
    tracing_subscriber::registry()
        .with(export.layer())
        .try_init()
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        otlp_endpoint: Some(endpoint),
        ..embedded("ST-OTEL", dir.path())
    };
    let rt = tauri::async_runtime::block_on(station(&cfg));
    let app = app(rt);
    let main = main_window(&app);

    let demo =
        packbench::training::demo_data::generate(packbench::training::demo_data::DEFAULT_SEED);
    let packer = demo.packers.iter().find(|p| p.role == "packer").unwrap();
    let signed_in = get_ipc_response(
        &main,
        request(
            "pack_action",
            LOCAL,
            json!({"req": {"action": {"action": "sign_in_pin", "packer_id": packer.packer_id, "pin": packer.pin}}}),
        ),
    );
    assert!(signed_in.is_ok(), "{signed_in:?}");
    let flow = get_ipc_response(&main, request("get_flow", LOCAL, json!({"req": {}})));
    assert!(flow.is_ok(), "{flow:?}");

    export.flush().unwrap();
    let requests = received
        .wait_for(
            &[
                "pack_action",
                "get_flow",
                "backend_call",
                "/v1/sign-in",
                "station",
                "ST-OTEL",
                "packer",
                &packer.packer_id,
                "packbench",
            ],
            Duration::from_secs(20),
        )
        .unwrap();
    assert!(requests >= 1);
    received.wait_for(&["sign_in_pin"], Duration::ZERO).unwrap();
    let all = received.bodies.lock().unwrap().concat();
    let all = String::from_utf8_lossy(&all);
    assert!(!all.contains("pin: \""), "a PIN reached the traces");
}
