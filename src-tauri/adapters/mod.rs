//! Adapters: the technologies behind the station's ports.

pub mod http_backend;
pub mod sqlite_store;

pub use http_backend::HttpBackend;
pub use sqlite_store::SqliteStationStore;
