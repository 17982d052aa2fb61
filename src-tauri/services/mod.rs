//! The station's use cases, one file each. Services speak to the world only through
//! [`crate::ports`], so each can be tested with the real adapters or with plain fakes.

pub mod desk;
pub mod heartbeat;
pub mod outbox;
pub mod pack;
pub mod remote_override;
pub mod run_health;
pub mod sku_images;
pub mod training_hints;
pub mod update;

use std::sync::Arc;

use packbench_core::Manifest;

use crate::error::StationError;
use crate::ports::{BackendApi, Backlog, Outbox, StationStore};

/// Everything a use case may touch, wired once at start-up by [`crate::app`].
#[derive(Clone)]
pub struct Station {
    pub station_id: String,
    /// `training`, or the backend's URL: shown to the packer and supervisors.
    pub backend_label: String,
    pub backend: Arc<dyn BackendApi>,
    pub store: Arc<dyn StationStore>,
    pub outbox: Arc<dyn Outbox>,
    /// Wakes the outbox worker when a write is queued.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// Something people must know since start-up (a damaged database moved aside), if any.
    pub notice: Option<String>,
    /// Backend reachability and device health, as the heartbeat last found them.
    pub health: Arc<std::sync::Mutex<Health>>,
    /// Notified by the outbox worker when it delivered something (labels print on that).
    pub outbox_delivered: Arc<tokio::sync::Notify>,
    /// The station's roll-out ring (`[update] ring`), reported in its heartbeat; none without
    /// `[update]`.
    pub ring: Option<String>,
    /// This process's run, for the roll-out's health check.
    pub run: Arc<run_health::RunCounters>,
}

/// What the status bar shows besides the backlog.
#[derive(Debug, Clone, Default)]
pub struct Health {
    pub online: Option<bool>,
    pub devices: Vec<packbench_ipc::DeviceStatus>,
}

impl Station {
    /// The trolley this station holds, if any (after a restart: the one to resume).
    pub async fn current_trolley(&self) -> Result<Option<Manifest>, StationError> {
        Ok(self.store.current_claim().await?)
    }

    /// The outbox's backlog now.
    pub async fn backlog(&self) -> Result<Backlog, StationError> {
        Ok(self.outbox.backlog(crate::clock::now_ms()).await?)
    }
}
