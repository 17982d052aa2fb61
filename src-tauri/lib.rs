//! Packbench, the pack-station app. Layers, outermost first:
//! [`cli`] and [`app`] (start-up, the only place adapters are wired into services) ->
//! [`commands`] (thin Tauri IPC) -> [`services`] (use cases) -> [`ports`] (traits) <-
//! [`adapters`] (HTTP backend client, SQLite station store). [`training`] is the embedded
//! training backend that implements the API [`contract`]; the pure domain lives in the
//! `packbench-core` crate, and the IPC types in `packbench-ipc`.

pub mod adapters;
pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub use packbench_contract as contract;
pub mod crashpoint;
pub mod error;
pub mod logging;
pub mod ports;
pub mod run_history;
pub mod services;
pub mod token_store;
pub use packbench_training as training;
