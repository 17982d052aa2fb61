//! The station's configuration: a TOML file, then `PACKBENCH_*` environment variables over it,
//! then command-line flags over both. With nothing configured the station runs on the embedded
//! training backend with a default station id, so a new user can start at once.

use std::path::{Path, PathBuf};

use packbench_core::weight_gate::Tolerances;
use packbench_devices::printer::PrinterUri;
use packbench_devices::scale::{Parity, Protocol, ScaleConfig};
use packbench_devices::scanner::{ScannerConfig, Terminator};
use serde::Deserialize;

use crate::token_store::{BackendToken, OsKeyring, TokenStoreError};

pub const DEFAULT_STATION_ID: &str = "ST-01";
/// The token a station presents to a training backend unless told otherwise.
pub const TRAINING_TOKEN: &str = "training";

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
    /// Screen language before a packer signs in: en, pl or ro (default: en).
    pub language: Option<String>,
    /// OTLP/HTTP collector base URL (like http://otel-collector:4318): traces of IPC commands
    /// and backend calls go there. `OTEL_EXPORTER_OTLP_ENDPOINT` wins over it.
    pub otlp_endpoint: Option<String>,
    /// `[update]`: signed self-updates; absent: the station never checks for updates.
    pub update: Option<UpdateSection>,
    /// `[desk]`: the supervisor's desk (alert threshold, webhook).
    pub desk: Option<DeskSection>,
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

/// The desk's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSettings {
    pub webhook_url: Option<String>,
    pub backlog_alert_ms: u64,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            webhook_url: None,
            backlog_alert_ms: 10 * 60 * 1000,
        }
    }
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
}

/// The station's update settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSettings {
    pub endpoints: Vec<tauri::Url>,
    /// Base64 of a minisign public key, as the updater plugin takes it.
    pub pubkey: String,
    pub check_every: std::time::Duration,
}

/// Minutes between update checks unless `update.check_minutes` says otherwise.
pub const DEFAULT_UPDATE_CHECK_MINUTES: u32 = 60;

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
}

/// The station's printers, their URIs checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printers {
    pub label: Option<String>,
    pub document: Option<String>,
}

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
}

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

/// Where configuration may come from besides the file: the environment and flags, already
/// merged by the caller (flags win).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub station_id: Option<String>,
    pub backend_url: Option<String>,
    pub backend_token: Option<BackendToken>,
    pub data_dir: Option<PathBuf>,
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`, the standard variable.
    pub otlp_endpoint: Option<String>,
}

/// The config file to read: the one named, else the user's, else the system's.
pub fn default_config_file() -> Option<PathBuf> {
    let user = directories::ProjectDirs::from("", "", "packbench")
        .map(|d| d.config_dir().join("station.toml"));
    let system = PathBuf::from("/etc/packbench/station.toml");
    user.into_iter().chain([system]).find(|p| p.is_file())
}

pub fn load(o: &Overrides) -> Result<Config, ConfigError> {
    let path = o.config_file.clone().or_else(default_config_file);
    let file = match &path {
        Some(p) => read_file(p)?,
        None => ConfigFile::default(),
    };
    resolve(file, path, o, &|station| OsKeyring.get(station))
}

/// Where the backend token is kept when the environment gives none: the OS keyring in the app.
type TokenLookup<'a> = &'a dyn Fn(&str) -> Result<Option<BackendToken>, TokenStoreError>;

fn read_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn resolve(
    file: ConfigFile,
    source: Option<PathBuf>,
    o: &Overrides,
    keyring: TokenLookup,
) -> Result<Config, ConfigError> {
    let origin = |flag: bool| {
        if flag {
            "environment or command line".to_owned()
        } else {
            source
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "defaults".into())
        }
    };
    let station_id = o
        .station_id
        .clone()
        .or(file.station_id.clone())
        .unwrap_or_else(|| DEFAULT_STATION_ID.to_owned());
    if station_id.is_empty()
        || station_id.len() > 32
        || !station_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ConfigError::Value {
            key: "station_id",
            origin: origin(o.station_id.is_some()),
            message: format!(
                "\"{station_id}\": use 1 to 32 letters, digits, '-' or '_' (like ST-01)"
            ),
        });
    }
    let backend_url = o
        .backend_url
        .clone()
        .or(file.backend_url.clone())
        .filter(|u| !u.trim().is_empty());
    if let Some(u) = &backend_url {
        if !(u.starts_with("https://") || u.starts_with("http://")) {
            return Err(ConfigError::Value {
                key: "backend_url",
                origin: origin(o.backend_url.is_some()),
                message: format!("\"{u}\": expected an http:// or https:// URL"),
            });
        }
    }
    let data_dir = match o.data_dir.clone().or(file.data_dir.clone()) {
        Some(d) => d,
        None => directories::ProjectDirs::from("", "", "packbench")
            .map(|d| d.data_dir().to_owned())
            .ok_or(ConfigError::NoDataDir)?,
    };
    let backend_token = match &o.backend_token {
        Some(t) => t.clone(),
        None => match keyring(&station_id) {
            Ok(Some(t)) => t,
            Ok(None) => BackendToken::from(TRAINING_TOKEN),
            // The embedded training backend takes any token: a keyring it cannot read is no
            // reason to stop a trainee.
            Err(_) if backend_url.is_none() => BackendToken::from(TRAINING_TOKEN),
            Err(e) => {
                return Err(ConfigError::Value {
                    key: "backend_token",
                    origin: "the OS keyring".into(),
                    message: format!(
                        "{e} (set PACKBENCH_BACKEND_TOKEN, or fix the keyring and run `packbench token set`)"
                    ),
                })
            }
        },
    };
    let otlp_endpoint = o
        .otlp_endpoint
        .clone()
        .or(file.otlp_endpoint.clone())
        .filter(|u| !u.trim().is_empty());
    if let Some(u) = &otlp_endpoint {
        let host = u
            .strip_prefix("http://")
            .or_else(|| u.strip_prefix("https://"))
            .unwrap_or("");
        if host.is_empty() || host.starts_with('/') || u.contains(char::is_whitespace) {
            return Err(ConfigError::Value {
                key: "otlp_endpoint",
                origin: if o.otlp_endpoint.is_some() {
                    "OTEL_EXPORTER_OTLP_ENDPOINT".into()
                } else {
                    origin(false)
                },
                message: format!(
                    "\"{u}\": expected the collector's http:// or https:// base URL, like http://otel-collector:4318"
                ),
            });
        }
    }
    let file_origin = || origin(false);
    let scale = file
        .scale
        .as_ref()
        .map(|s| scale_config(s, &file_origin()))
        .transpose()?;
    let printers = file.printers.clone().unwrap_or_default();
    for (key, uri) in [
        ("printers.label", &printers.label),
        ("printers.document", &printers.document),
    ] {
        if let Some(uri) = uri {
            PrinterUri::parse(uri).map_err(|e| ConfigError::Value {
                key,
                origin: file_origin(),
                message: format!(
                    "\"{uri}\": {e} (use tcp://host:9100, ipp://host/printers/NAME, cups://QUEUE, serial:///dev/ttyS0 or usblp:///dev/usb/lp0)"
                ),
            })?;
        }
    }
    let scanner = file
        .scanner
        .as_ref()
        .map(|s| scanner_config(s, &file_origin()))
        .transpose()?;
    let tolerances = file.weight.clone().unwrap_or_default();
    for (client, t) in std::iter::once(("", &tolerances.default))
        .chain(tolerances.per_client.iter().map(|(c, t)| (c.as_str(), t)))
    {
        t.validate().map_err(|e| ConfigError::Value {
            key: if client.is_empty() {
                "weight.pct"
            } else {
                "weight.per_client.*.pct"
            },
            origin: file_origin(),
            message: format!(
                "{e}{}",
                if client.is_empty() {
                    String::new()
                } else {
                    format!(" (client {client})")
                }
            ),
        })?;
    }
    let update = file
        .update
        .as_ref()
        .map(|u| update_settings(u, &file_origin()))
        .transpose()?;
    let language = file.language.clone().unwrap_or_else(|| "en".into());
    if !matches!(language.as_str(), "en" | "pl" | "ro") {
        return Err(ConfigError::Value {
            key: "language",
            origin: file_origin(),
            message: format!("\"{language}\": use en, pl or ro"),
        });
    }
    let desk = desk_settings(file.desk.as_ref(), &file_origin())?;
    Ok(Config {
        update,
        desk,
        scanner,
        tolerances,
        kiosk: file.kiosk.unwrap_or(false),
        language,
        scale,
        printers: Printers {
            label: printers.label,
            document: printers.document,
        },
        station_id,
        backend_url,
        backend_token,
        otlp_endpoint,
        data_dir,
        source,
    })
}

/// The `[desk]` table, each value checked.
fn desk_settings(d: Option<&DeskSection>, origin: &str) -> Result<DeskSettings, ConfigError> {
    let mut out = DeskSettings::default();
    let Some(d) = d else {
        return Ok(out);
    };
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if let Some(url) = &d.webhook_url {
        let ok = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .is_some_and(|rest| {
                !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace)
            });
        if !ok {
            return Err(bad(
                "desk.webhook_url",
                format!("\"{url}\": use an http:// or https:// URL, like https://hooks.slack.com/services/..."),
            ));
        }
        out.webhook_url = Some(url.clone());
    }
    if let Some(min) = d.backlog_alert_min {
        if !(1..=1440).contains(&min) {
            return Err(bad(
                "desk.backlog_alert_min",
                format!("{min}: use 1 to 1440 (minutes)"),
            ));
        }
        out.backlog_alert_ms = min * 60 * 1000;
    }
    Ok(out)
}

/// A serial line's speed, when it is one of the standard rates.
fn standard_baud(baud: u32) -> Result<u32, String> {
    if matches!(
        baud,
        1200 | 2400 | 4800 | 9600 | 19200 | 38400 | 57600 | 115200
    ) {
        Ok(baud)
    } else {
        Err(format!(
            "{baud}: use 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200"
        ))
    }
}

/// The `[update]` table, each value checked: https endpoints, a minisign public key, a sane
/// interval.
fn update_settings(u: &UpdateSection, origin: &str) -> Result<UpdateSettings, ConfigError> {
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if u.endpoints.is_empty() {
        return Err(bad(
            "update.endpoints",
            "empty: give at least one https:// URL of an update manifest, like https://updates.example.com/packbench/latest.json".into(),
        ));
    }
    let endpoints = u
        .endpoints
        .iter()
        .map(|e| match tauri::Url::parse(e) {
            Ok(url) if url.scheme() == "https" && url.host().is_some() => Ok(url),
            _ => Err(bad(
                "update.endpoints",
                format!("\"{e}\": expected an https:// URL of an update manifest, like https://updates.example.com/packbench/latest.json (updates never travel over plain http)"),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let pubkey = u.pubkey.trim().to_owned();
    use base64::Engine;
    let readable = base64::engine::general_purpose::STANDARD
        .decode(&pubkey)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|text| minisign_verify::PublicKey::decode(&text).is_ok());
    if !readable {
        return Err(bad(
            "update.pubkey",
            "not a release public key: paste the one line of the .pub file that `cargo tauri signer generate` wrote (base64, starts with dW50cnVzdGVk)".into(),
        ));
    }
    let minutes = u.check_minutes.unwrap_or(DEFAULT_UPDATE_CHECK_MINUTES);
    if !(1..=1440).contains(&minutes) {
        return Err(bad(
            "update.check_minutes",
            format!("{minutes}: use 1 to 1440 (minutes between checks; default {DEFAULT_UPDATE_CHECK_MINUTES})"),
        ));
    }
    Ok(UpdateSettings {
        endpoints,
        pubkey,
        check_every: std::time::Duration::from_secs(u64::from(minutes) * 60),
    })
}

/// The `[scanner]` table as the devices crate's settings, each value checked.
fn scanner_config(s: &ScannerSection, origin: &str) -> Result<ScannerConfig, ConfigError> {
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if s.port.trim().is_empty() {
        return Err(bad(
            "scanner.port",
            "empty: give the device path, like /dev/ttyACM0".into(),
        ));
    }
    let mut c = ScannerConfig::new(s.port.clone());
    if let Some(baud) = s.baud {
        c.serial.baud = standard_baud(baud).map_err(|m| bad("scanner.baud", m))?;
    }
    if let Some(t) = &s.terminator {
        c.terminator = match t.to_ascii_lowercase().as_str() {
            "cr" => Terminator::Cr,
            "lf" => Terminator::Lf,
            "crlf" => Terminator::CrLf,
            _ => {
                return Err(bad(
                    "scanner.terminator",
                    format!("\"{t}\": use cr, lf or crlf"),
                ))
            }
        };
    }
    Ok(c)
}

/// The `[scale]` table as the devices crate's settings, each value checked.
fn scale_config(s: &ScaleSection, origin: &str) -> Result<ScaleConfig, ConfigError> {
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if s.port.trim().is_empty() {
        return Err(bad(
            "scale.port",
            "empty: give the device path, like /dev/ttyUSB0".into(),
        ));
    }
    let protocol: Protocol = s.protocol.parse().map_err(|_| {
        bad(
            "scale.protocol",
            format!(
                "\"{}\": use mt-sics, nci, toledo-8217 or toledo-continuous",
                s.protocol
            ),
        )
    })?;
    let mut c = ScaleConfig::new(s.port.clone(), protocol);
    if let Some(baud) = s.baud {
        c.serial.baud = standard_baud(baud).map_err(|m| bad("scale.baud", m))?;
    }
    if let Some(bits) = s.data_bits {
        if !(5..=8).contains(&bits) {
            return Err(bad(
                "scale.data_bits",
                format!("{bits}: use 7 or 8 (5 to 8)"),
            ));
        }
        c.serial.data_bits = bits;
    }
    if let Some(p) = &s.parity {
        c.serial.parity = match p.to_ascii_lowercase().as_str() {
            "none" => Parity::None,
            "even" => Parity::Even,
            "odd" => Parity::Odd,
            _ => {
                return Err(bad(
                    "scale.parity",
                    format!("\"{p}\": use none, even or odd"),
                ))
            }
        };
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_file(toml: &str, o: Overrides) -> Result<Config, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("station.toml");
        std::fs::write(&p, toml).unwrap();
        load(&Overrides {
            config_file: Some(p),
            ..o
        })
    }

    #[test]
    fn nothing_configured_means_training_backend_and_default_station() {
        let c = resolve(
            ConfigFile::default(),
            None,
            &Overrides {
                data_dir: Some("/tmp/x".into()),
                ..Default::default()
            },
            &|_| Ok(None),
        )
        .unwrap();
        assert_eq!(c.station_id, DEFAULT_STATION_ID);
        assert_eq!(c.backend_url, None);
        assert_eq!(c.backend_token.expose(), TRAINING_TOKEN);
    }

    #[test]
    fn the_token_comes_from_the_environment_then_the_keyring_then_training() {
        let o = |token: Option<&str>, url: Option<&str>| Overrides {
            station_id: Some("ST-07".into()),
            backend_token: token.map(BackendToken::from),
            backend_url: url.map(str::to_owned),
            data_dir: Some("/tmp/x".into()),
            ..Default::default()
        };
        let stored = |station: &str| {
            assert_eq!(
                station, "ST-07",
                "the keyring is asked for this station's token"
            );
            Ok(Some(BackendToken::from("from-keyring")))
        };
        let broken = |_: &str| Err(TokenStoreError::Unavailable("no keyutils".into()));
        let none = |_: &str| Ok(None);
        let token = |o: Overrides, k: TokenLookup| {
            resolve(ConfigFile::default(), None, &o, k).map(|c| c.backend_token.expose().to_owned())
        };
        assert_eq!(
            token(o(Some("from-env"), None), &stored).unwrap(),
            "from-env"
        );
        assert_eq!(token(o(None, None), &stored).unwrap(), "from-keyring");
        assert_eq!(token(o(None, None), &none).unwrap(), TRAINING_TOKEN);
        // Training needs no real token; a real backend does, so a broken keyring is said.
        assert_eq!(token(o(None, None), &broken).unwrap(), TRAINING_TOKEN);
        let err = token(o(None, Some("https://wms.example")), &broken)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("backend_token") && err.contains("PACKBENCH_BACKEND_TOKEN"),
            "{err}"
        );
        assert_eq!(
            token(o(Some("from-env"), Some("https://wms.example")), &broken).unwrap(),
            "from-env"
        );
    }

    #[test]
    fn the_token_is_never_in_the_file_nor_in_debug_output() {
        let err = with_file("backend_token = \"abc\"\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("backend_token"), "{err}");
        let o = Overrides {
            backend_token: Some("s3cr3t-token".into()),
            data_dir: Some("/tmp/x".into()),
            ..Default::default()
        };
        let c = resolve(ConfigFile::default(), None, &o, &|_| Ok(None)).unwrap();
        assert_eq!(c.backend_token.expose(), "s3cr3t-token");
        for dump in [format!("{c:?}"), format!("{o:?}"), format!("{c:#?}")] {
            assert!(!dump.contains("s3cr3t"), "{dump}");
        }
    }

    /// The real store (the kernel's keyutils on Linux): what `packbench token set` stored is
    /// what the station loads when the environment has no token.
    #[cfg(target_os = "linux")]
    #[test]
    fn load_falls_back_to_the_os_keyring() {
        let station = format!("T-CFG-{}", std::process::id());
        let keyring = OsKeyring;
        keyring.set(&station, &"keyring-token-1".into()).unwrap();
        let c = with_file(
            &format!("station_id = \"{station}\"\nbackend_url = \"https://wms.example\"\n"),
            Overrides::default(),
        );
        keyring.clear(&station).unwrap();
        assert_eq!(c.unwrap().backend_token.expose(), "keyring-token-1");
    }

    #[test]
    fn the_otlp_endpoint_comes_from_the_environment_or_the_file_and_is_checked() {
        let c = with_file(
            "otlp_endpoint = \"http://otel:4318\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.otlp_endpoint.as_deref(), Some("http://otel:4318"));
        let env = Overrides {
            otlp_endpoint: Some("https://collector.example".into()),
            ..Default::default()
        };
        let c = with_file("otlp_endpoint = \"http://otel:4318\"\n", env).unwrap();
        assert_eq!(
            c.otlp_endpoint.as_deref(),
            Some("https://collector.example")
        );
        assert_eq!(
            with_file("", Overrides::default()).unwrap().otlp_endpoint,
            None
        );
        for bad in ["otel:4318", "grpc://otel:4317", "http://", "http:// x"] {
            let err = with_file(
                &format!("otlp_endpoint = \"{bad}\"\n"),
                Overrides::default(),
            )
            .unwrap_err()
            .to_string();
            assert!(
                err.contains("otlp_endpoint")
                    && err.contains("station.toml")
                    && err.contains("http://"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn file_values_apply_and_overrides_win() {
        let c = with_file(
            "station_id = \"ST-07\"\nbackend_url = \"https://wms.example/api\"\ndata_dir = \"/var/lib/pb\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.station_id, "ST-07");
        assert_eq!(c.backend_url.as_deref(), Some("https://wms.example/api"));
        assert_eq!(c.data_dir, PathBuf::from("/var/lib/pb"));
        let c = with_file(
            "station_id = \"ST-07\"\n",
            Overrides {
                station_id: Some("ST-09".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.station_id, "ST-09");
    }

    #[test]
    fn devices_are_read_from_their_tables() {
        let c = with_file(
            "[scale]\nport = \"/dev/ttyUSB0\"\nprotocol = \"nci\"\nbaud = 19200\nparity = \"odd\"\n\n[printers]\nlabel = \"tcp://10.0.0.9:9100\"\ndocument = \"cups://office\"\n",
            Overrides::default(),
        )
        .unwrap();
        let scale = c.scale.unwrap();
        assert_eq!(scale.port, "/dev/ttyUSB0");
        assert_eq!(scale.protocol, Protocol::Nci);
        assert_eq!(scale.serial.to_string(), "19200 7O1");
        assert_eq!(c.printers.label.as_deref(), Some("tcp://10.0.0.9:9100"));
        assert_eq!(c.printers.document.as_deref(), Some("cups://office"));
        let c = with_file("", Overrides::default()).unwrap();
        assert_eq!((c.scale, c.printers), (None, Printers::default()));
    }

    #[test]
    fn bad_device_settings_name_the_file_the_key_and_what_is_allowed() {
        for (toml, key, allowed) in [
            (
                "[scale]\nport = \"/dev/x\"\nprotocol = \"dibal\"\n",
                "scale.protocol",
                "mt-sics, nci, toledo-8217 or toledo-continuous",
            ),
            (
                "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nbaud = 9601\n",
                "scale.baud",
                "9600",
            ),
            (
                "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\ndata_bits = 9\n",
                "scale.data_bits",
                "7 or 8",
            ),
            (
                "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nparity = \"mark\"\n",
                "scale.parity",
                "none, even or odd",
            ),
            (
                "[scale]\nport = \"\"\nprotocol = \"nci\"\n",
                "scale.port",
                "/dev/ttyUSB0",
            ),
            (
                "[printers]\nlabel = \"lpt1\"\n",
                "printers.label",
                "tcp://host:9100",
            ),
            (
                "[printers]\nlabel = \"tcp://p:9100\"\nreceipt = \"x\"\n",
                "receipt",
                "label",
            ),
            (
                "[scale]\nport = \"/dev/x\"\nprotocol = \"nci\"\nstop_bits = 2\n",
                "stop_bits",
                "parity",
            ),
            (
                "[desk]\nwebhook_url = \"hooks.slack.com/x\"\n",
                "desk.webhook_url",
                "https://",
            ),
            (
                "[desk]\nbacklog_alert_min = 0\n",
                "desk.backlog_alert_min",
                "1 to 1440",
            ),
            (
                "[desk]\nwebhook = \"https://x\"\n",
                "webhook",
                "webhook_url",
            ),
        ] {
            let msg = with_file(toml, Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains(key) && msg.contains("station.toml") && msg.contains(allowed),
                "{toml:?}: {msg}"
            );
        }
    }

    /// A release public key as `cargo tauri signer generate` prints it: base64 of the `.pub`
    /// file's text.
    fn release_pubkey() -> String {
        use base64::Engine;
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        base64::engine::general_purpose::STANDARD.encode(kp.pk.to_box().unwrap().into_string())
    }

    #[test]
    fn updates_are_configured_by_their_table_and_each_value_is_checked() {
        assert_eq!(with_file("", Overrides::default()).unwrap().update, None);
        let key = release_pubkey();
        let c = with_file(
            &format!("[update]\nendpoints = [\"https://updates.example.com/pb/latest.json\", \"https://mirror.example.com/latest.json\"]\npubkey = \"{key}\"\n"),
            Overrides::default(),
        )
        .unwrap();
        let u = c.update.unwrap();
        assert_eq!(u.endpoints.len(), 2);
        assert_eq!(
            u.endpoints[0].as_str(),
            "https://updates.example.com/pb/latest.json"
        );
        assert_eq!(u.pubkey, key);
        assert_eq!(
            u.check_every,
            std::time::Duration::from_secs(60 * u64::from(DEFAULT_UPDATE_CHECK_MINUTES))
        );
        let c = with_file(
            &format!("[update]\nendpoints = [\"https://u.example.com/latest.json\"]\npubkey = \"{key}\"\ncheck_minutes = 15\n"),
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(
            c.update.unwrap().check_every,
            std::time::Duration::from_secs(900)
        );
        let ok = "https://u.example.com/latest.json";
        for (endpoints, pubkey, extra, key_name, allowed) in [
            (
                "",
                key.as_str(),
                "",
                "update.endpoints",
                "at least one https://",
            ),
            (
                "\"http://u.example.com/latest.json\"",
                &key,
                "",
                "update.endpoints",
                "https://",
            ),
            (
                "\"updates.example.com\"",
                &key,
                "",
                "update.endpoints",
                "https://",
            ),
            (
                &format!("\"{ok}\""),
                "not-a-key",
                "",
                "update.pubkey",
                "cargo tauri signer generate",
            ),
            (
                &format!("\"{ok}\""),
                "dW50cnVzdGVkIGNvbW1lbnQ6",
                "",
                "update.pubkey",
                ".pub",
            ),
            (
                &format!("\"{ok}\""),
                &key,
                "check_minutes = 0\n",
                "update.check_minutes",
                "1 to 1440",
            ),
            (
                &format!("\"{ok}\""),
                &key,
                "interval = 5\n",
                "interval",
                "check_minutes",
            ),
        ] {
            let toml =
                format!("[update]\nendpoints = [{endpoints}]\npubkey = \"{pubkey}\"\n{extra}");
            let msg = with_file(&toml, Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains(key_name) && msg.contains("station.toml") && msg.contains(allowed),
                "{toml:?}: {msg}"
            );
        }
    }

    #[test]
    fn the_desk_table_sets_the_webhook_and_the_backlog_threshold() {
        let c = with_file("", Overrides::default()).unwrap();
        assert_eq!(c.desk, DeskSettings::default());
        assert_eq!(c.desk.backlog_alert_ms, 600_000);
        let c = with_file(
            "[desk]\nwebhook_url = \"http://127.0.0.1:9/hook\"\nbacklog_alert_min = 3\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(
            c.desk.webhook_url.as_deref(),
            Some("http://127.0.0.1:9/hook")
        );
        assert_eq!(c.desk.backlog_alert_ms, 180_000);
    }

    #[test]
    fn invalid_values_name_the_file_and_key() {
        let err = with_file("station_id = \"ST 07!\"\n", Overrides::default()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("station_id") && msg.contains("station.toml"),
            "{msg}"
        );
        let err = with_file("backend_url = \"ftp://x\"\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("backend_url"), "{err}");
        let err = with_file("staton_id = \"ST-01\"\n", Overrides::default()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("staton_id") && msg.contains("station.toml"),
            "{msg}"
        );
        let err = load(&Overrides {
            config_file: Some("/nonexistent/station.toml".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent/station.toml"),
            "{err}"
        );
    }
}
