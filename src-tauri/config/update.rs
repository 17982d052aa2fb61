//! `[update]`, signed self-updates: https endpoints, the release public key and the interval
//! between checks, checked.

use super::error::ConfigError;
use super::file::UpdateSection;

/// The station's update settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSettings {
    pub endpoints: Vec<tauri::Url>,
    /// Base64 of a minisign public key, as the updater plugin takes it.
    pub pubkey: String,
    pub check_every: std::time::Duration,
    /// The roll-out ring the station asks its backend's roll-out endpoint for and reports in
    /// its heartbeat (`general` unless `update.ring` says otherwise).
    pub ring: String,
}

/// Whether a config file may carry `[update]`: its endpoints and release key decide what the
/// station installs with the rights IT gave the updater, so only a file the station's user
/// cannot write may set them — owned by root, writable by no one else, in a directory likewise
/// (else the file could be replaced). A user's own `~/.config/packbench/station.toml` may not.
pub(super) fn trusted_for_updates(path: &std::path::Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    for p in [path, dir] {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.uid() != 0 {
            return Err(format!(
                "{} is owned by uid {}, not root",
                p.display(),
                meta.uid()
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(format!(
                "{} is writable by group or others (mode {:o})",
                p.display(),
                meta.mode() & 0o7777
            ));
        }
    }
    Ok(())
}

/// Minutes between update checks unless `update.check_minutes` says otherwise.
pub const DEFAULT_UPDATE_CHECK_MINUTES: u32 = 60;

/// The `[update]` table, each value checked: https endpoints, a minisign public key, a sane
/// interval.
pub(super) fn update_settings(
    u: &UpdateSection,
    origin: &str,
) -> Result<UpdateSettings, ConfigError> {
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
    let ring = u
        .ring
        .clone()
        .unwrap_or_else(|| packbench_core::rollout::DEFAULT_RING.to_owned());
    if !packbench_core::rollout::valid_ring(&ring) {
        return Err(bad(
            "update.ring",
            format!("\"{ring}\": use canary, early, general (the default) or a group's name: 1-32 lowercase letters, digits or '-', starting with a letter"),
        ));
    }
    Ok(UpdateSettings {
        endpoints,
        pubkey,
        check_every: std::time::Duration::from_secs(u64::from(minutes) * 60),
        ring,
    })
}
