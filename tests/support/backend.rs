//! A training backend and a station's client of it, as the integration tests start them
//! (`tests/station/`: the station, backend-contract and pack-flow tests).

#![allow(dead_code)]

use std::path::Path;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::training::{self, RunningBackend, TrainingOptions};
use packbench_core::TrolleyCode;

/// The stations' bearer token the tests' backends let in.
pub const TOKEN: &str = "test-token";

/// A training backend on a loopback port, its SQLite file in the test's directory.
pub fn options(dir: impl AsRef<Path>) -> TrainingOptions {
    TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.as_ref().join("training.sqlite"),
        token: TOKEN.into(),
        webhook_url: None,
    }
}

/// The training backend on a loopback port, its SQLite file in `dir`.
pub async fn backend(dir: impl AsRef<Path>) -> RunningBackend {
    backend_on(&dir.as_ref().join("training.sqlite")).await
}

/// The training backend on a loopback port over the SQLite file `db`.
pub async fn backend_on(db: &Path) -> RunningBackend {
    training::start(TrainingOptions {
        db_path: db.to_owned(),
        ..options(Path::new("."))
    })
    .await
    .expect("training backend starts")
}

/// A station's client of the backend at `url`.
pub fn client(url: &str, station: &str) -> HttpBackend {
    HttpBackend::new(url, station, TOKEN, HttpBackendOptions::default()).unwrap()
}

/// A trolley code the test knows is well formed.
pub fn code(s: &str) -> TrolleyCode {
    s.parse().unwrap()
}
