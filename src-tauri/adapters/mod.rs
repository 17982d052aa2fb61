//! Adapters: the technologies behind the station's ports.

pub mod files;
pub mod http_backend;
pub mod label_output;
pub mod scale;
pub mod sqlite_store;

pub use http_backend::HttpBackend;
pub use label_output::{DevicePrinter, SpoolPrinter};
pub use sqlite_store::SqliteStationStore;
