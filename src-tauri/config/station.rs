//! The resolved configuration the app starts with, and the defaults a station has when
//! nothing is configured.

use std::path::PathBuf;

use packbench_core::site_time::SiteTime;
use packbench_core::weight_gate::Tolerances;
use packbench_devices::scale::ScaleConfig;
use packbench_devices::scanner::ScannerConfig;

use super::desk::DeskSettings;
use super::devices::Printers;
use super::update::UpdateSettings;
use crate::token_store::BackendToken;

pub const DEFAULT_STATION_ID: &str = "ST-01";
/// The token a station presents to a training backend unless told otherwise.
pub const TRAINING_TOKEN: &str = "training";

/// The resolved configuration the app starts with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub station_id: String,
    pub backend_url: Option<String>,
    /// Bearer token for the backend: `PACKBENCH_BACKEND_TOKEN`, else the OS keyring (service
    /// `packbench`, user = station id, set with `packbench token set`), else the training token.
    /// Never in the config file; prints as `***`.
    pub backend_token: BackendToken,
    pub data_dir: PathBuf,
    /// The file the configuration was read from, if any.
    pub source: Option<PathBuf>,
    /// The scale, when the file names one.
    pub scale: Option<ScaleConfig>,
    pub printers: Printers,
    /// A serial scanner, when the file names one.
    pub scanner: Option<ScannerConfig>,
    pub tolerances: Tolerances,
    pub kiosk: bool,
    /// `en`, `pl` or `ro`.
    pub language: String,
    /// Where traces are exported (OTLP over HTTP, protobuf), if anywhere.
    pub otlp_endpoint: Option<String>,
    /// Signed self-updates, when the file has an `[update]` table.
    pub update: Option<UpdateSettings>,
    /// The supervisor's desk: alert threshold and webhook.
    pub desk: DeskSettings,
    /// The site's time zone and named shifts: the desk's hours, days and shifts are local.
    pub site: SiteTime,
}
