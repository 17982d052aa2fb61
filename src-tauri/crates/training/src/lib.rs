//! The training backend: the API [`packbench_contract`] served by axum over SQLite, seeded with a
//! deterministic demo warehouse. The app starts it in-process on a loopback port when no backend
//! is configured; `packbench training-backend` serves it standalone so several stations share one.

mod alerts;
mod db;
pub mod demo_data;
mod exceptions;
pub mod hints;
mod movements;
pub mod openapi;
mod rollout;
mod router;
mod routes;
mod shipments;
pub mod sku_images;
mod supervision;
mod weight_requests;

use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use db::{ClaimError, TrainingDb};
pub use movements::WriteError;
pub use rollout::{RELEASE_HELD, ROLLOUT_ALERT_STATION};
pub use supervision::SessionError;

#[derive(Debug, Clone)]
pub struct TrainingOptions {
    pub listen: SocketAddr,
    pub db_path: PathBuf,
    /// The bearer token stations must present.
    pub token: String,
    /// The site's chat webhook: each alert raised is posted there once (Slack-compatible
    /// `{"text": ...}`), retried with backoff while it fails.
    pub webhook_url: Option<String>,
}

/// A training backend serving in the background of this process.
pub struct RunningBackend {
    pub addr: SocketAddr,
    pub db: TrainingDb,
    task: JoinHandle<()>,
    alerts: JoinHandle<()>,
}

impl RunningBackend {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for RunningBackend {
    fn drop(&mut self) {
        self.task.abort();
        self.alerts.abort();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    #[error("training database {path}: {source}")]
    Db { path: PathBuf, source: sqlx::Error },
    #[error("training database {path}: {source}")]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// Opens (seeding on first use) the database and starts serving; returns once the socket listens.
pub async fn start(opts: TrainingOptions) -> Result<RunningBackend, TrainingError> {
    serve(opts, |app| app).await
}

/// Opens the database, serves the contract's router (as `wrap` makes it) and runs the alerts'
/// background work (offline sweep, webhook posts).
pub(crate) async fn serve(
    opts: TrainingOptions,
    wrap: impl FnOnce(axum::Router) -> axum::Router,
) -> Result<RunningBackend, TrainingError> {
    let db = TrainingDb::open(&opts.db_path).await?;
    let listen_err = |source| TrainingError::Listen {
        addr: opts.listen,
        source,
    };
    let listener = TcpListener::bind(opts.listen).await.map_err(listen_err)?;
    let addr = listener.local_addr().map_err(listen_err)?;
    let app = wrap(router::router(db.clone(), opts.token));
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "training backend stopped");
        }
    });
    let alerts = tokio::spawn(alerts::run(
        db.clone(),
        opts.webhook_url,
        std::time::Duration::from_secs(1),
    ));
    tracing::info!(%addr, db = %opts.db_path.display(), "training backend listening");
    Ok(RunningBackend {
        addr,
        db,
        task,
        alerts,
    })
}
