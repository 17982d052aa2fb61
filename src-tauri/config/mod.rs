//! The station's configuration: a TOML file, then `PACKBENCH_*` environment variables over it,
//! then command-line flags over both. With nothing configured the station runs on the embedded
//! training backend with a default station id, so a new user can start at once.
//!
//! `load` reads and merges; `file` is the file's raw shape; the resolved [`Config`] and its
//! defaults are in `station`; each section's values are checked in its own module (`devices`,
//! `desk`, `site`, `update`). Everything public is re-exported here: callers name `crate::config::X`.

mod desk;
mod devices;
mod error;
mod file;
mod load;
mod site;
mod station;
mod update;

pub use desk::{webhook_url, DeskSettings};
pub use devices::Printers;
pub use error::ConfigError;
pub use file::{
    ConfigFile, DeskSection, PrintersSection, ScaleSection, ScannerSection, ShiftSection,
    SiteSection, UpdateSection,
};
pub use load::{default_config_file, load, Overrides};
pub use station::{Config, DEFAULT_STATION_ID, TRAINING_TOKEN};
pub use update::{UpdateSettings, DEFAULT_UPDATE_CHECK_MINUTES};

#[cfg(test)]
mod tests;
