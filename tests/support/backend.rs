//! A training backend and a station's client of it, as the integration tests start them
//! (`tests/station.rs`, `tests/backend_contract.rs`, `tests/pack_flow.rs`).

#![allow(dead_code)]

use std::path::Path;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::training::{self, RunningBackend, TrainingOptions};
use packbench_core::TrolleyCode;

/// The training backend on a loopback port, its SQLite file at `db`, stations let in with `token`.
pub async fn backend(db: &Path, token: &str) -> RunningBackend {
    training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: db.to_owned(),
        token: token.into(),
    })
    .await
    .expect("training backend starts")
}

/// A station's client of the backend at `url`.
pub fn client(url: &str, station: &str, token: &str) -> HttpBackend {
    HttpBackend::new(url, station, token, HttpBackendOptions::default()).unwrap()
}

/// A trolley code the test knows is well formed.
pub fn code(s: &str) -> TrolleyCode {
    s.parse().unwrap()
}
