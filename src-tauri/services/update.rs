//! Self-update through Tauri's updater plugin: every `update.check_minutes` the station asks its
//! update endpoints for a newer release, downloads it (the plugin refuses it unless its minisign
//! signature verifies against the configured release key and names the announced version), and
//! installs it only between trolleys. Everything runs in Rust; the webview has no updater
//! permission.

use std::sync::Arc;
use std::time::Duration;

use packbench_core::pack_flow::PackState;
use tauri_plugin_updater::{Update, UpdaterExt};

use super::pack::PackService;
use crate::config::UpdateSettings;

/// An update installs only between trolleys: a restart mid-trolley would send the packer back
/// to a half-packed trolley on a new version.
pub fn may_install(state: &PackState) -> bool {
    state.trolley.is_none()
}

/// [`may_install`] for the station's live pack flow.
pub async fn may_install_now(pack: &PackService) -> bool {
    may_install(&pack.state().await)
}

/// Waits until [`may_install_now`]: woken by every committed pack step, and re-checked at least
/// every 30 s in case a change landed between the check and the wait.
pub async fn wait_between_trolleys(pack: &PackService) {
    while !may_install_now(pack).await {
        pack.wait_changed(Duration::from_secs(30)).await;
    }
}

/// The updater plugin for these settings: it verifies every download against `pubkey`, and
/// (tauri.conf.json's `plugins.updater.requireSignedVersion`) requires the signature to name the
/// announced version, as tauri-cli signs, so a manifest cannot pass an older signed release off
/// as a newer one.
pub fn plugin<R: tauri::Runtime>(
    settings: &UpdateSettings,
) -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new()
        .pubkey(settings.pubkey.clone())
        .build()
}

/// One check: asks the endpoints for a release newer than this build and downloads it. The
/// bytes come back only when their signature verifies (the plugin's `download`); `Ok(None)`
/// when there is no newer release.
pub async fn check_and_download<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    settings: &UpdateSettings,
) -> Result<Option<(Update, Vec<u8>)>, tauri_plugin_updater::Error> {
    let updater = app
        .updater_builder()
        .endpoints(settings.endpoints.clone())?
        .build()?;
    let Some(update) = updater.check().await? else {
        return Ok(None);
    };
    tracing::info!(version = %update.version, url = %update.download_url, "update found, downloading");
    let bytes = update.download(|_, _| {}, || {}).await?;
    Ok(Some((update, bytes)))
}

/// How a verified update is installed: in the app, the plugin's `install` (dpkg for the .deb)
/// and a restart; tests record the call instead.
pub type Install = Arc<dyn Fn(&Update, &[u8]) -> anyhow::Result<()> + Send + Sync>;

/// The station's update task: checks every `settings.check_every` (the first check one interval
/// after start), installs a verified update once no trolley is held, and ends after a
/// successful install. Failures are logged and retried at the next check.
pub async fn run<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    pack: Arc<PackService>,
    settings: UpdateSettings,
    install: Install,
) {
    let mut ticks = tokio::time::interval_at(
        tokio::time::Instant::now() + settings.check_every,
        settings.check_every,
    );
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match check_and_download(&app, &settings).await {
            Ok(None) => tracing::debug!("no newer release"),
            Ok(Some((update, bytes))) => {
                if !may_install_now(&pack).await {
                    tracing::info!(version = %update.version, "update verified; installing after this trolley");
                    wait_between_trolleys(&pack).await;
                }
                tracing::info!(version = %update.version, "installing update between trolleys");
                match install(&update, &bytes) {
                    Ok(()) => {
                        tracing::info!(version = %update.version, "update installed");
                        return;
                    }
                    Err(e) => {
                        tracing::error!(version = %update.version, error = %e, "update install failed; retrying at the next check")
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "update check failed; retrying at the next check"),
        }
    }
}

/// The app's [`Install`]: the plugin installs the package (it verifies the bytes again; a .deb
/// goes through `pkexec`/`sudo dpkg -i`), then the app restarts on the new version.
pub fn install_and_restart<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Install {
    Arc::new(move |update: &Update, bytes: &[u8]| {
        update.install(bytes)?;
        tracing::info!(version = %update.version, "update installed, restarting");
        app.restart()
    })
}
