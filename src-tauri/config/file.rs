//! The config file's shape as TOML gives it, before any value is checked. Unknown keys are
//! errors, so a typo never silently falls back to a default.

use std::path::{Path, PathBuf};

use packbench_core::weight_gate::Tolerances;
use serde::Deserialize;

use super::error::ConfigError;

/// The file's shape. Unknown keys are errors, so a typo never silently falls back to a default.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub station_id: Option<String>,
    /// Base URL of the warehouse backend; absent: the embedded training backend.
    pub backend_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub scale: Option<ScaleSection>,
    pub printers: Option<PrintersSection>,
    pub scanner: Option<ScannerSection>,
    /// `[weight]`: the weight gate's tolerance, with `[weight.per_client."Client"]` overrides.
    pub weight: Option<Tolerances>,
    /// Fullscreen, no window decorations, closed only by a supervisor (default: false).
    pub kiosk: Option<bool>,
    /// Screen language before a packer signs in: en, pl, ro, uk, bg or lt (default: en).
    pub language: Option<String>,
    /// OTLP/HTTP collector base URL (like http://otel-collector:4318): traces of IPC commands
    /// and backend calls go there. `OTEL_EXPORTER_OTLP_ENDPOINT` wins over it.
    pub otlp_endpoint: Option<String>,
    /// `[update]`: signed self-updates; absent: the station never checks for updates.
    pub update: Option<UpdateSection>,
    /// `[desk]`: the supervisor's desk (alert threshold, webhook).
    pub desk: Option<DeskSection>,
    /// `[site]`: the site's time zone and named shifts (the desk counts in them).
    pub site: Option<SiteSection>,
}

/// `[site]`: the warehouse's wall clock.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SiteSection {
    /// IANA time zone name, like `Europe/Warsaw` (default `UTC`).
    pub time_zone: Option<String>,
    /// `[[site.shifts]]`; default: early 06:00-14:00, late 14:00-22:00, night 22:00-06:00.
    pub shifts: Option<Vec<ShiftSection>>,
}

/// `[[site.shifts]]`: one named shift; `end` at or before `start` means it ends the next day.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ShiftSection {
    pub name: String,
    /// `HH:MM`, 24-hour.
    pub start: String,
    /// `HH:MM`, 24-hour.
    pub end: String,
}

/// `[desk]`: the supervisor's desk at this station.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DeskSection {
    /// Raised alerts are POSTed here as Slack-compatible JSON `{"text": ...}` (http or https).
    pub webhook_url: Option<String>,
    /// An outbox whose oldest write waits longer than this many minutes raises an alert
    /// (1-1440, default 10).
    pub backlog_alert_min: Option<u64>,
}

/// `[update]`: where the station looks for signed updates and the key they must be signed with.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UpdateSection {
    /// Update manifests (Tauri updater JSON), tried in order: `https://` URLs.
    pub endpoints: Vec<String>,
    /// The release public key: the one line of the `.pub` file `cargo tauri signer generate`
    /// writes (base64).
    pub pubkey: String,
    /// Minutes between checks (default 60, 1 to 1440).
    pub check_minutes: Option<u32>,
    /// The station's roll-out ring: `canary`, `early`, `general` (the default) or a named group.
    pub ring: Option<String>,
}

/// `[scanner]`: a serial barcode scanner, read beside the keyboard-wedge one.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScannerSection {
    /// `/dev/ttyACM0`, a `/dev/serial/by-id/...` link.
    pub port: String,
    /// Default 9600.
    pub baud: Option<u32>,
    /// cr | lf | crlf (default cr).
    pub terminator: Option<String>,
}

/// `[scale]`: the station's serial scale.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScaleSection {
    /// `/dev/ttyUSB0`, a `/dev/serial/by-id/...` link (ptys are never auto-detected).
    pub port: String,
    /// mt-sics | nci | toledo-8217 | toledo-continuous
    pub protocol: String,
    /// Default: the protocol's usual (9600).
    pub baud: Option<u32>,
    /// 7 or 8 (5 and 6 exist too); default: the protocol's usual.
    pub data_bits: Option<u8>,
    /// none | even | odd; default: the protocol's usual.
    pub parity: Option<String>,
    /// Stable readings in a row before a weight is used: 1 (the default) trusts the scale's
    /// own stability flag; 2 to 10 for a scale known to flag stability early.
    pub settle_readings: Option<u32>,
    /// How far those readings may spread, in grams (default 5; never less than a division).
    pub settle_band_g: Option<u32>,
}

/// `[printers]`: printer URIs by role (`tcp://host:9100`, `ipp://...`, `cups://queue`,
/// `serial:///dev/...`, `usblp:///dev/usb/lp0`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PrintersSection {
    /// The label printer (ZPL).
    pub label: Option<String>,
    /// The document printer (packing slips, PDF).
    pub document: Option<String>,
    /// The labels loaded in the label printer, width x length: `4x6in` (the default),
    /// `4x8in`, `100x150mm`, `103x199mm`...
    pub label_media: Option<String>,
    /// The label printer's resolution: 203 (the default) or 300 dots per inch.
    pub label_dpi: Option<u32>,
}

/// Reads and parses the file; its values are checked later.
pub(super) fn read_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })
}
