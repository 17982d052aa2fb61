//! Loading the configuration: the file named, else the user's, else the system's; then
//! `PACKBENCH_*` environment variables and command-line flags over it (flags win), each value
//! checked by its section's module.

use std::path::PathBuf;

use packbench_core::weight_gate::Tolerance;

use super::desk::desk_settings;
use super::devices::{printers, scale_config, scanner_config};
use super::error::ConfigError;
use super::file::{read_file, ConfigFile};
use super::site::site_time;
use super::station::{Config, DEFAULT_STATION_ID, TRAINING_TOKEN};
use super::update::{trusted_for_updates, update_settings};
use crate::token_store::{BackendToken, OsKeyring, TokenStoreError};

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
pub(super) type TokenLookup<'a> = &'a dyn Fn(&str) -> Result<Option<BackendToken>, TokenStoreError>;

pub(super) fn resolve(
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
    let printers = printers(file.printers.as_ref(), &file_origin())?;
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
            key: match (client.is_empty(), Tolerance::key_of(&e)) {
                (true, "pct") => "weight.pct",
                (true, _) => "weight.abs_g",
                (false, "pct") => "weight.per_client.*.pct",
                (false, _) => "weight.per_client.*.abs_g",
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
    if file.update.is_some() {
        if let Some(path) = &source {
            trusted_for_updates(path).map_err(|why| ConfigError::Value {
                key: "update",
                origin: file_origin(),
                message: format!("updates are set only in a root-owned config that the station's user cannot write, like /etc/packbench/station.toml ({why}); move [update] there"),
            })?;
        }
    }
    let update = file
        .update
        .as_ref()
        .map(|u| update_settings(u, &file_origin()))
        .transpose()?;
    let language = file.language.clone().unwrap_or_else(|| "en".into());
    let langs = packbench_ipc::i18n::Lang::ALL.map(packbench_ipc::i18n::Lang::tag);
    if !langs.contains(&language.as_str()) {
        return Err(ConfigError::Value {
            key: "language",
            origin: file_origin(),
            message: format!("\"{language}\": use one of {}", langs.join(", ")),
        });
    }
    let desk = desk_settings(file.desk.as_ref(), &file_origin())?;
    let site = site_time(file.site.as_ref(), &file_origin())?;
    Ok(Config {
        site,
        update,
        desk,
        scanner,
        tolerances,
        kiosk: file.kiosk.unwrap_or(false),
        language,
        scale,
        printers,
        station_id,
        backend_url,
        backend_token,
        otlp_endpoint,
        data_dir,
        source,
    })
}
