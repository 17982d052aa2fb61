//! Self-update through Tauri's updater plugin: every `update.check_minutes` the station asks its
//! update endpoints for a newer release, downloads it (the plugin refuses it unless its minisign
//! signature verifies against the configured release key and names the announced version), and
//! installs it only between trolleys. Everything runs in Rust; the webview has no updater
//! permission.
//!
//! Fleet roll-outs: when the station's backend offers them, the station asks the backend's
//! roll-out endpoint for its ring's release first ([`RolloutEndpoint`]); a lower version is taken
//! only when that manifest marks it as a roll-back (`packbench_core::rollout::takes_release`), and
//! its signature is verified like any other. A backend that does not answer the roll-out
//! endpoint (a warehouse backend without it: 404) leaves the configured endpoints to decide;
//! once it has answered, its silence (held ring: 204) or its failure is final for that check.

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

/// The backend's roll-out endpoint for this station's ring: Tauri's updater fills in
/// `{{target}}-{{arch}}` (`linux-x86_64`) and `{{current_version}}`. The backend's bearer token
/// and the station id go with the manifest request only, never to the package's host.
#[derive(Clone)]
pub struct RolloutEndpoint {
    pub url: tauri::Url,
    pub ring: String,
    station_id: String,
    token: String,
}

impl std::fmt::Debug for RolloutEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RolloutEndpoint")
            .field("url", &self.url.as_str())
            .field("ring", &self.ring)
            .field("station_id", &self.station_id)
            .finish_non_exhaustive()
    }
}

impl RolloutEndpoint {
    pub fn new(
        backend_url: &str,
        ring: &str,
        station_id: &str,
        token: &str,
    ) -> Result<Self, <tauri::Url as std::str::FromStr>::Err> {
        let path =
            packbench_contract::updates_path(ring, "{{target}}-{{arch}}", "{{current_version}}");
        Ok(RolloutEndpoint {
            url: format!("{}{path}", backend_url.trim_end_matches('/')).parse()?,
            ring: ring.to_owned(),
            station_id: station_id.to_owned(),
            token: token.to_owned(),
        })
    }
}

/// A verified release the station will install, and whether it is a roll-back.
pub struct Verified {
    pub update: Update,
    pub bytes: Vec<u8>,
    pub rollback: bool,
}

/// What the roll-out endpoint said.
enum RolloutAnswer {
    /// It did not answer with a manifest or 204 (no roll-out controller, or unreachable).
    NotOffered(tauri_plugin_updater::Error),
    /// Answered: nothing to take, or a verified release.
    Answered(Option<Box<Verified>>),
}

/// Asks the roll-out endpoint; a release offered is taken by
/// [`packbench_core::rollout::takes_release`] (newer, or lower only as a roll-back) and
/// downloaded, its signature verified by the plugin.
async fn check_rollout<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    rollout: &RolloutEndpoint,
) -> Result<RolloutAnswer, tauri_plugin_updater::Error> {
    let updater = app
        .updater_builder()
        .endpoints(vec![rollout.url.clone()])
        .and_then(|b| b.header("authorization", format!("Bearer {}", rollout.token)))
        .and_then(|b| {
            b.header(
                packbench_contract::STATION_HEADER,
                rollout.station_id.as_str(),
            )
        })
        .map(|b| {
            // The station decides below, with the manifest's roll-back mark in view.
            b.version_comparator(|_, _| true)
                .timeout(Duration::from_secs(60))
        })
        .and_then(|b| b.build());
    let updater = match updater {
        Ok(u) => u,
        // A plain-http backend in a release build, say: the plugin will not ask it.
        Err(e) => return Ok(RolloutAnswer::NotOffered(e)),
    };
    let mut update = match updater.check().await {
        Ok(None) => return Ok(RolloutAnswer::Answered(None)),
        Ok(Some(u)) => u,
        Err(e @ tauri_plugin_updater::Error::ReleaseNotFound)
        | Err(e @ tauri_plugin_updater::Error::Reqwest(_)) => {
            return Ok(RolloutAnswer::NotOffered(e))
        }
        Err(e) => return Err(e),
    };
    let rollback = update
        .raw_json
        .get("rollback")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if !packbench_core::rollout::takes_release(&update.current_version, &update.version, rollback) {
        tracing::debug!(version = %update.version, rollback, "the ring's release is not for this station");
        return Ok(RolloutAnswer::Answered(None));
    }
    tracing::info!(version = %update.version, rollback, ring = %rollout.ring, url = %update.download_url, "roll-out release offered, downloading");
    update.headers = Default::default();
    let bytes = update.download(|_, _| {}, || {}).await?;
    Ok(RolloutAnswer::Answered(Some(Box::new(Verified {
        update,
        bytes,
        rollback,
    }))))
}

/// One check: the roll-out endpoint when the backend offers it (once it has answered,
/// `answered` stays set and it alone decides), else the configured endpoints.
pub async fn check_once<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    settings: &UpdateSettings,
    rollout: Option<&RolloutEndpoint>,
    answered: &mut bool,
) -> Result<Option<Verified>, tauri_plugin_updater::Error> {
    if let Some(r) = rollout {
        match check_rollout(app, r).await? {
            RolloutAnswer::Answered(found) => {
                *answered = true;
                return Ok(found.map(|v| *v));
            }
            RolloutAnswer::NotOffered(e) if *answered => return Err(e),
            RolloutAnswer::NotOffered(e) => {
                tracing::debug!(error = %e, "no roll-out endpoint at the backend; asking the configured endpoints")
            }
        }
    }
    Ok(check_and_download(app, settings)
        .await?
        .map(|(update, bytes)| Verified {
            update,
            bytes,
            rollback: false,
        }))
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
    rollout: Option<RolloutEndpoint>,
    install: Install,
) {
    let mut answered = false;
    let mut ticks = tokio::time::interval_at(
        tokio::time::Instant::now() + settings.check_every,
        settings.check_every,
    );
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match check_once(&app, &settings, rollout.as_ref(), &mut answered).await {
            Ok(None) => tracing::debug!("no newer release"),
            Ok(Some(Verified {
                update,
                bytes,
                rollback,
            })) => {
                if rollback {
                    tracing::warn!(version = %update.version, "the ring was rolled back: installing the earlier release");
                }
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
