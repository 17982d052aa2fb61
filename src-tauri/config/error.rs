//! What can be wrong with the station's configuration: each error names the file (or the
//! environment) and the key, and says what is allowed.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is invalid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{key} (from {origin}) is invalid: {message}")]
    Value {
        key: &'static str,
        origin: String,
        message: String,
    },
    #[error("no data directory: set PACKBENCH_DATA_DIR or data_dir in the config file")]
    NoDataDir,
}
