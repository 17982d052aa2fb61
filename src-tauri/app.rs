//! Start-up: the one place where adapters are wired into services and the Tauri app is built.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tauri::Manager;

use crate::adapters::files::{DirExports, DiskImageCache};
use crate::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use crate::adapters::scale::{SerialWeighScale, TrainingScale};
use crate::adapters::{DevicePrinter, SpoolPrinter, SqliteStationStore};
use crate::config::{Config, UpdateSettings};
use crate::logging;
use crate::ports::{Printer, Scale, SupervisorApi};
use crate::services::pack::{PackOptions, PackService};
use crate::services::run_health::RunCounters;
use crate::services::{self, Station};
use crate::training::{self, RunningBackend, TrainingOptions};

/// Builds the station's services from its configuration. With no backend URL it starts the
/// training backend in this process and returns it, to keep it running as long as the app.
pub async fn wire_station(cfg: &Config) -> anyhow::Result<(Station, Option<RunningBackend>)> {
    let run = Arc::new(RunCounters::new(crate::clock::now_ms(), 0));
    let (station, _, embedded, _) = wire(cfg, run).await?;
    Ok((station, embedded))
}

/// A running station: its services, its pack flow, and the embedded training backend if any.
pub struct StationRuntime {
    pub station: Station,
    pub pack: Arc<PackService>,
    pub store: Arc<SqliteStationStore>,
    pub printer: Arc<dyn Printer>,
    /// Product pictures for the order lines.
    pub images: Arc<services::sku_images::SkuImages>,
    pub embedded: Option<RunningBackend>,
    /// Signed self-updates, when the station config has `[update]`.
    pub update: Option<UpdateSettings>,
    /// The backend's roll-out endpoint for the station's ring (with `[update]`).
    pub rollout: Option<services::update::RolloutEndpoint>,
    /// The supervisor's desk at this station.
    pub desk: Arc<services::desk::DeskService>,
    /// Weight overrides asked of the desk.
    pub remote_override: Arc<services::remote_override::RemoteOverride>,
    /// Training mode's touch targets (none unless the backend is a training one).
    pub training_hints: Arc<services::training_hints::TrainingHintsService>,
    /// When the station raises its own alerts (`[desk] backlog_alert_min`).
    pub alert_policy: packbench_core::desk::AlertPolicy,
    /// Held for the station's life: one station process per data directory.
    _lock: std::fs::File,
}

impl StationRuntime {
    /// The heartbeat the station would send now.
    pub async fn heartbeat(
        &self,
    ) -> Result<crate::contract::Heartbeat, crate::error::StationError> {
        services::heartbeat::build(
            &self.station,
            &self.pack,
            self.store.as_ref(),
            self.printer.as_ref(),
            &self.alert_policy,
        )
        .await
    }
}

/// Wires the station and starts its background work on the current Tokio runtime: the outbox
/// worker and the pack flow's label and release task. The app and the headless drill station
/// both start here, so the drill exercises exactly what the app runs.
pub async fn start_station(cfg: &Config, opts: PackOptions) -> anyhow::Result<StationRuntime> {
    let opts = PackOptions {
        tolerances: cfg.tolerances.clone(),
        language: packbench_ipc::i18n::Lang::from_tag(&cfg.language),
        label_media: cfg.printers.label_media,
        label_format: match cfg.printers.label_dpi {
            Some(packbench_labels::Dpi::D300) => crate::contract::LabelFormat::Zpl300,
            Some(packbench_labels::Dpi::D203) => crate::contract::LabelFormat::Zpl203,
            None => opts.label_format,
        },
        ..opts
    };
    let lock = lock_data_dir(&cfg.data_dir)?;
    // Under the data directory's lock: one station process notes its start at a time.
    let restarts = crate::run_history::note_start(&cfg.data_dir);
    let run = Arc::new(RunCounters::new(crate::clock::now_ms(), restarts));
    let (station, store, embedded, http) = wire(cfg, run).await?;
    let backend_url = embedded
        .as_ref()
        .map(|b| b.url())
        .or_else(|| cfg.backend_url.clone());
    let rollout = match (&cfg.update, backend_url) {
        (Some(u), Some(url)) => Some(
            services::update::RolloutEndpoint::new(
                &url,
                &u.ring,
                &cfg.station_id,
                cfg.backend_token.expose(),
            )
            .context("the backend URL does not make a roll-out endpoint")?,
        ),
        _ => None,
    };
    let printer: Arc<dyn Printer> = match &cfg.printers.label {
        Some(uri) => Arc::new(DevicePrinter::new(uri).map_err(anyhow::Error::msg)?),
        None => Arc::new(
            SpoolPrinter::new(cfg.data_dir.join("print-spool")).map_err(anyhow::Error::msg)?,
        ),
    };
    tokio::spawn(services::outbox::run_worker(
        station.backend.clone(),
        station.outbox.clone(),
        station.outbox_wake.clone(),
        station.outbox_delivered.clone(),
        std::time::Duration::from_secs(2),
    ));
    let documents: Option<Arc<dyn Printer>> = match &cfg.printers.document {
        Some(uri) => Some(Arc::new(
            DevicePrinter::new(uri).map_err(anyhow::Error::msg)?,
        )),
        None => None,
    };
    // A configured scale, else a simulated one on a pty (training, demos, first set-up).
    let scale: Arc<dyn Scale> = match &cfg.scale {
        Some(sc) => Arc::new(SerialWeighScale::new(sc.clone()).map_err(anyhow::Error::msg)?),
        None => Arc::new(TrainingScale::start().map_err(anyhow::Error::msg)?),
    };
    let pack = PackService::open(
        station.clone(),
        store.clone(),
        printer.clone(),
        documents,
        scale,
        Arc::new(crate::adapters::files::LabelizeRenderer),
        opts,
    )
    .await?;
    tokio::spawn(pack.clone().run(std::time::Duration::from_secs(2)));
    if let Some(sc) = &cfg.scanner {
        spawn_serial_scanner(sc.clone(), pack.clone())?;
    }
    let alert_policy = packbench_core::desk::AlertPolicy {
        backlog_max_age_ms: cfg.desk.backlog_alert_ms,
    };
    tokio::spawn(services::heartbeat::run(
        station.clone(),
        pack.clone(),
        store.clone(),
        printer.clone(),
        alert_policy,
        std::time::Duration::from_secs(5),
    ));
    let images = Arc::new(services::sku_images::SkuImages::new(
        station.backend.clone(),
        Arc::new(DiskImageCache::new(cfg.data_dir.join("sku-images"))),
    ));
    let supervisor: Arc<dyn SupervisorApi> = Arc::new(http);
    let desk = Arc::new(services::desk::DeskService::new(
        station.clone(),
        pack.clone(),
        services::desk::DeskPorts {
            backend: supervisor.clone(),
            store: store.clone(),
            printer: printer.clone(),
            exports: Arc::new(DirExports::new(cfg.data_dir.join("exports"))),
        },
        cfg.desk.clone(),
        cfg.site.clone(),
    ));
    let remote_override = Arc::new(
        services::remote_override::RemoteOverride::new(supervisor, pack.clone(), store.clone())
            .await,
    );
    tokio::spawn(
        remote_override
            .clone()
            .run(std::time::Duration::from_secs(2)),
    );
    let training_hints = Arc::new(services::training_hints::TrainingHintsService::new(
        station.backend.clone(),
        pack.clone(),
    ));
    Ok(StationRuntime {
        station,
        pack,
        store,
        printer,
        images,
        embedded,
        update: cfg.update.clone(),
        rollout,
        desk,
        remote_override,
        training_hints,
        alert_policy,
        _lock: lock,
    })
}

/// Takes the data directory's lock: a second app (or drill station) on the same station would
/// run a second outbox and pack flow over one database. The kernel drops the lock when the
/// process dies, so a crash never leaves it behind.
fn lock_data_dir(dir: &std::path::Path) -> anyhow::Result<std::fs::File> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "the station's data directory {} cannot be written",
            dir.display()
        )
    })?;
    let path = dir.join("station.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| {
            format!(
                "the station's data directory {} cannot be written",
                dir.display()
            )
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "Packbench is already running for this station (data directory {}): use the open window, or close it first",
            dir.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(anyhow::Error::new(e).context(format!("cannot lock {}", path.display())))
        }
    }
}

/// Reads a serial scanner beside the keyboard-wedge one: each code goes to the pack flow as a
/// scan; refusals are shown on the screen like the wedge scanner's.
fn spawn_serial_scanner(
    config: packbench_devices::scanner::ScannerConfig,
    pack: Arc<PackService>,
) -> anyhow::Result<()> {
    use packbench_devices::scanner::{ScannerEvent, ScannerReader};
    let reader =
        ScannerReader::spawn(config).map_err(|e| anyhow::anyhow!("serial scanner: {e}"))?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::Builder::new()
        .name("serial-scanner-events".into())
        .spawn(move || loop {
            if let Some(ev) = reader.next_event(std::time::Duration::from_millis(500)) {
                if tx.send(ev).is_err() {
                    return;
                }
            }
        })?;
    tokio::spawn(async move {
        while let Some(ev) = rx.recv().await {
            match ev {
                ScannerEvent::Code(code) => {
                    if let Err(e) = pack.scan(&code).await {
                        pack.note_refusal(packbench_ipc::IpcError::from(e));
                    }
                }
                ScannerEvent::Problem(e) => {
                    tracing::warn!(error = %e, "serial scanner");
                    pack.note_refusal(packbench_ipc::IpcError::new(
                        packbench_ipc::ErrorCode::DeviceFailed,
                        format!("Serial scanner: {e}"),
                    ));
                }
                ScannerEvent::Connected => tracing::info!("serial scanner connected"),
            }
        }
    });
    Ok(())
}

/// The station's backend client: the configured backend, else the embedded training backend
/// started on the station's own training database (returned, to keep it running).
pub async fn connect_backend(
    cfg: &Config,
) -> anyhow::Result<(HttpBackend, Option<RunningBackend>)> {
    let (url, embedded) = match &cfg.backend_url {
        Some(url) => (url.clone(), None),
        None => {
            let running = training::start(TrainingOptions {
                listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                db_path: cfg.data_dir.join("training-backend.sqlite"),
                token: cfg.backend_token.expose().to_owned(),
                // The embedded backend posts this station's alerts to the desk's webhook.
                webhook_url: cfg.desk.webhook_url.clone(),
            })
            .await
            .context("starting the embedded training backend")?;
            (running.url(), Some(running))
        }
    };
    let backend = HttpBackend::new(
        &url,
        &cfg.station_id,
        cfg.backend_token.expose(),
        HttpBackendOptions::default(),
    )?;
    Ok((backend, embedded))
}

/// The station, its store, the embedded training backend if any, and the backend client (the
/// desk's supervisor reads and the weight override requests use it beside the ports).
async fn wire(
    cfg: &Config,
    run: Arc<RunCounters>,
) -> anyhow::Result<(
    Station,
    Arc<SqliteStationStore>,
    Option<RunningBackend>,
    HttpBackend,
)> {
    let (store, moved) =
        SqliteStationStore::open_or_recover(&cfg.data_dir.join("station.sqlite")).await?;
    let store = Arc::new(store);
    let notice = moved.map(|m| {
        format!(
            "The station's database was damaged or foreign ({}) and was moved to {}; {} queued backend writes were kept. The trolley in progress must be scanned again. Tell IT.",
            m.reason,
            m.path.display(),
            m.recovered_writes
        )
    });
    let (backend, embedded) = connect_backend(cfg).await?;
    let label = match &cfg.backend_url {
        Some(url) => url.clone(),
        None => "training".to_owned(),
    };
    let station = Station {
        station_id: cfg.station_id.clone(),
        backend_label: label,
        backend: Arc::new(backend.clone()),
        store: store.clone(),
        outbox: store.clone(),
        outbox_wake: Arc::new(tokio::sync::Notify::new()),
        outbox_delivered: Arc::new(tokio::sync::Notify::new()),
        notice,
        health: Default::default(),
        ring: cfg.update.as_ref().map(|u| u.ring.clone()),
        run,
    };
    Ok((station, store, embedded, backend))
}

/// Runs the station app until its window closes.
pub fn run(cfg: Config) -> anyhow::Result<()> {
    let _log_guard = logging::init(&cfg.data_dir.join("logs"), cfg.otlp_endpoint.as_deref())?;
    tracing::info!(
        station = %cfg.station_id,
        backend = cfg.backend_url.as_deref().unwrap_or("embedded training backend"),
        data_dir = %cfg.data_dir.display(),
        config = ?cfg.source,
        version = env!("CARGO_PKG_VERSION"),
        "starting packbench"
    );
    // The station's background work (outbox delivery, labels) runs on Tauri's runtime.
    let rt = tauri::async_runtime::block_on(async {
        start_station(&cfg, PackOptions::default()).await
    })?;
    let data_dir = cfg.data_dir.clone();
    app_builder(tauri::Builder::default(), rt, cfg.kiosk)
        .build(tauri::generate_context!())
        .context("the app window failed")?
        .run(move |_, event| {
            if let tauri::RunEvent::Exit = event {
                // A clean end: the next start is no crash restart.
                crate::run_history::note_clean_exit(&data_dir);
            }
        });
    Ok(())
}

/// The Tauri app around a running station: its state, window rules and commands, and with
/// `[update]` configured the updater plugin (keyed by the station config) and the update task.
/// Generic over the runtime so the IPC and update tests drive the same builder with
/// `tauri::test::mock_builder()`.
pub fn app_builder<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    rt: StationRuntime,
    kiosk: bool,
) -> tauri::Builder<R> {
    // The embedded training backend is kept as state so it lives as long as the app.
    let builder = match rt.embedded {
        Some(b) => builder.manage(b),
        None => builder,
    };
    let builder = match &rt.update {
        Some(u) => builder.plugin(services::update::plugin(u)),
        None => builder,
    };
    let update = rt.update.map(|u| (u, rt.rollout, rt.pack.clone()));
    builder
        .manage(KioskLock::default())
        .manage(rt.station)
        .manage(rt.pack)
        .manage(rt.images)
        .manage(rt.desk)
        .manage(rt.remote_override)
        .manage(rt.training_hints)
        .setup(move |app| {
            match update {
                Some((settings, rollout, pack)) => {
                    tracing::info!(
                        endpoints = ?settings.endpoints.iter().map(|u| u.as_str()).collect::<Vec<_>>(),
                        ring = %settings.ring,
                        rollout = ?rollout.as_ref().map(|r| r.url.as_str()),
                        every_s = settings.check_every.as_secs(),
                        "checking for signed updates"
                    );
                    let handle = app.handle().clone();
                    let install = services::update::install_and_restart(handle.clone());
                    tauri::async_runtime::spawn(services::update::run(
                        handle, pack, settings, rollout, install,
                    ));
                }
                None => tracing::info!("no [update] in the station config: updates are off"),
            }
            if let Some(w) = app.get_webview_window("main") {
                lean_webview(&w)?;
            }
            if kiosk {
                // Fullscreen, no decorations; the window closes only through a supervisor.
                if let Some(w) = app.get_webview_window("main") {
                    w.set_decorations(false)?;
                    w.set_fullscreen(true)?;
                }
            }
            Ok(())
        })
        .on_window_event(move |window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let unlocked = window.state::<KioskLock>().unlocked();
                if kiosk && !unlocked {
                    tracing::warn!("close refused: kiosk mode (a supervisor closes the app)");
                    api.prevent_close();
                }
            }
        })
        // Every command in the registry (`packbench_ipc::cmd`), listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
}

/// The webview set for one local page on a kiosk, not a web browser (both measured by `cargo
/// bench --bench scan_feedback`):
/// - caches: with the default (`WEB_BROWSER`) model the memory cache keeps every decoded label
///   preview and product picture the screen ever showed, and the web process grew by about
///   1.7 MB a scan; the `DOCUMENT_VIEWER` model keeps what the page shows;
/// - no accelerated compositing: on a kiosk without a GPU driver WebKit composites through
///   Mesa's software GL, which delayed the painted frame after a scan (p95 106 ms against 36 ms
///   in a debug build) and held more memory; the screen's plain layout needs none.
fn lean_webview<R: tauri::Runtime>(w: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    w.with_webview(|wv| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = wv.inner();
        if let Some(ctx) = view.context() {
            ctx.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })?;
    #[cfg(not(target_os = "linux"))]
    let _ = w;
    Ok(())
}

/// `packbench training-backend`: serves until interrupted.
pub fn serve_training_backend(
    listen: SocketAddr,
    db: PathBuf,
    token: String,
    webhook_url: Option<String>,
) -> anyhow::Result<()> {
    let log_dir = db
        .parent()
        .map(|p| p.join("logs"))
        .unwrap_or_else(|| PathBuf::from("logs"));
    let _log_guard = logging::init(&log_dir, None)?;
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let running = training::start(TrainingOptions {
            listen,
            db_path: db,
            token,
            webhook_url,
        })
        .await?;
        println!("training backend listening on {}", running.url());
        tokio::signal::ctrl_c().await?;
        anyhow::Ok(())
    })
}

/// In kiosk mode the window refuses to close until a supervisor unlocks it.
#[derive(Default)]
pub struct KioskLock(std::sync::atomic::AtomicBool);

impl KioskLock {
    pub fn unlock(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn unlocked(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
