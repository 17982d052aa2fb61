//! The app as `packbench` builds it, on tauri's mock runtime (no webview): what the IPC ACL,
//! tracing and updater tests call commands on.

#![allow(dead_code)]

use packbench::app::StationRuntime;
use packbench::config::Config;
use packbench::services::pack::PackOptions;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

/// The app's pages are served from this origin on Linux.
pub const LOCAL: &str = "tauri://localhost";

/// A command call as a page at `url` sends it.
pub fn request(cmd: &str, url: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: url.parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// A station on the embedded training backend, its data in `cfg.data_dir`.
pub async fn station(cfg: &Config) -> StationRuntime {
    packbench::app::start_station(cfg, PackOptions::default())
        .await
        .expect("the station starts on the embedded training backend")
}

/// The config of a station on the embedded training backend, its data in `dir`.
pub fn embedded(station_id: &str, dir: &std::path::Path) -> Config {
    Config {
        station_id: station_id.into(),
        backend_token: "training".into(),
        data_dir: dir.to_owned(),
        ..Default::default()
    }
}

/// The app's real builder, config and capabilities on the mock runtime.
pub fn app(rt: StationRuntime) -> tauri::App<MockRuntime> {
    packbench::app::app_builder(mock_builder(), rt, false)
        .build(tauri::generate_context!())
        .unwrap()
}

/// The app's `main` window (made as the config says when the mock runtime has not).
pub fn main_window(app: &tauri::App<MockRuntime>) -> WebviewWindow<MockRuntime> {
    match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(app, "main", Default::default())
            .build()
            .unwrap(),
    }
}
