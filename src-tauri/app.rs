//! Start-up: the one place where adapters are wired into services and the Tauri app is built.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tauri::Manager;

use crate::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use crate::adapters::SqliteStationStore;
use crate::config::Config;
use crate::services::{self, Station};
use crate::training::{self, RunningBackend, TrainingOptions};
use crate::{commands, logging};

/// Builds the station's services from its configuration. With no backend URL it starts the
/// training backend in this process and returns it, to keep it running as long as the app.
pub async fn wire_station(cfg: &Config) -> anyhow::Result<(Station, Option<RunningBackend>)> {
    let store = Arc::new(SqliteStationStore::open(&cfg.data_dir.join("station.sqlite")).await?);
    let (url, label, embedded) = match &cfg.backend_url {
        Some(url) => (url.clone(), url.clone(), None),
        None => {
            let running = training::start(TrainingOptions {
                listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                db_path: cfg.data_dir.join("training-backend.sqlite"),
                token: cfg.backend_token.clone(),
            })
            .await
            .context("starting the embedded training backend")?;
            (running.url(), "training".to_owned(), Some(running))
        }
    };
    let backend = HttpBackend::new(
        &url,
        &cfg.station_id,
        &cfg.backend_token,
        HttpBackendOptions::default(),
    )?;
    let station = Station {
        station_id: cfg.station_id.clone(),
        backend_label: label,
        backend: Arc::new(backend),
        store: store.clone(),
        outbox: store,
        outbox_wake: Arc::new(tokio::sync::Notify::new()),
    };
    Ok((station, embedded))
}

/// Runs the station app until its window closes.
pub fn run(cfg: Config) -> anyhow::Result<()> {
    let _log_guard = logging::init(&cfg.data_dir.join("logs"))?;
    tracing::info!(
        station = %cfg.station_id,
        backend = cfg.backend_url.as_deref().unwrap_or("embedded training backend"),
        data_dir = %cfg.data_dir.display(),
        config = ?cfg.source,
        version = env!("CARGO_PKG_VERSION"),
        "starting packbench"
    );
    let (station, embedded) = tauri::async_runtime::block_on(wire_station(&cfg))?;
    // Delivers queued backend writes for the app's life (retries when the backend returns).
    tauri::async_runtime::spawn(services::outbox::run_worker(
        station.backend.clone(),
        station.outbox.clone(),
        station.outbox_wake.clone(),
        std::time::Duration::from_secs(2),
    ));
    tauri::Builder::default()
        .setup(move |app| {
            app.manage(station);
            if let Some(b) = embedded {
                app.manage(b);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::claim_trolley,
            commands::get_station
        ])
        .run(tauri::generate_context!())
        .context("the app window failed")?;
    Ok(())
}

/// `packbench training-backend`: serves until interrupted.
pub fn serve_training_backend(
    listen: SocketAddr,
    db: PathBuf,
    token: String,
) -> anyhow::Result<()> {
    let log_dir = db
        .parent()
        .map(|p| p.join("logs"))
        .unwrap_or_else(|| PathBuf::from("logs"));
    let _log_guard = logging::init(&log_dir)?;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let running = training::start(TrainingOptions {
            listen,
            db_path: db,
            token,
        })
        .await?;
        println!("training backend listening on {}", running.url());
        tokio::signal::ctrl_c().await?;
        anyhow::Ok(())
    })
}
