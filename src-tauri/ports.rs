//! The station's ports: what its use cases need from the outside world, as traits. Adapters in
//! [`crate::adapters`] implement them; tests can substitute their own.

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};
use serde::{Deserialize, Serialize};

use crate::contract::{
    ExceptionReceipt, Heartbeat, HeartbeatReceipt, LineException, MovementBatch, MovementReceipt,
    NewShipment, OrderException, OverrideReceipt, OverrideRecord, Released, Shipment,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    #[error("The warehouse backend cannot be reached ({0}). Check the network cable, or call IT.")]
    Unreachable(String),
    #[error(
        "Trolley {0} is not known to the warehouse system. Check the code, or call a supervisor."
    )]
    TrolleyUnknown(String),
    #[error("Trolley {trolley} is being packed at station {holder}. Take another trolley, or ask a supervisor to release it.")]
    TrolleyClaimed { trolley: String, holder: String },
    #[error("The warehouse backend refused the request: {message} ({code}, HTTP {status}).")]
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    #[error("The warehouse backend sent an answer the station cannot read ({0}). Call IT.")]
    InvalidResponse(String),
}

/// The warehouse backend, as the station needs it.
#[async_trait]
pub trait BackendApi: Send + Sync {
    /// Claims the trolley for this station and returns its manifest. Claiming a trolley this
    /// station already holds succeeds again (a restart resumes it).
    async fn claim_trolley(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError>;

    /// Records one parcel's movements under an idempotency key (a retry is harmless).
    async fn record_movements(
        &self,
        idempotency_key: &str,
        batch: &MovementBatch,
    ) -> Result<MovementReceipt, BackendError>;

    /// Records units of one line that went to exception.
    async fn record_exception(
        &self,
        idempotency_key: &str,
        exception: &LineException,
    ) -> Result<ExceptionReceipt, BackendError>;

    /// Records a whole order routed to exception.
    async fn record_order_exception(
        &self,
        idempotency_key: &str,
        exception: &OrderException,
    ) -> Result<ExceptionReceipt, BackendError>;

    /// Records a packaging or weight override for supervisors to review.
    async fn record_override(
        &self,
        idempotency_key: &str,
        record: &OverrideRecord,
    ) -> Result<OverrideReceipt, BackendError>;

    /// Creates an order's shipment: tracking numbers, labels, label data.
    async fn create_shipment(
        &self,
        idempotency_key: &str,
        shipment: &NewShipment,
    ) -> Result<Shipment, BackendError>;

    /// Voids a shipment (voiding it again is harmless).
    async fn void_shipment(
        &self,
        idempotency_key: &str,
        shipment_id: &str,
    ) -> Result<Shipment, BackendError>;

    /// Gives back a trolley this station holds.
    async fn release_trolley(
        &self,
        idempotency_key: &str,
        trolley: &TrolleyCode,
    ) -> Result<Released, BackendError>;

    /// Tells the backend the station is alive, and how it is doing.
    async fn heartbeat(
        &self,
        idempotency_key: &str,
        heartbeat: &Heartbeat,
    ) -> Result<HeartbeatReceipt, BackendError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The station's local database failed ({0}). Check the disk, or call IT.")]
pub struct StoreError(pub String);

/// The station's durable local state.
#[async_trait]
pub trait StationStore: Send + Sync {
    /// Records the trolley this station now holds (replacing any previous one).
    async fn save_claim(&self, manifest: &Manifest) -> Result<(), StoreError>;
    /// The trolley this station holds, if any.
    async fn current_claim(&self) -> Result<Option<Manifest>, StoreError>;
}

/// A backend write waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub seq: i64,
    pub idempotency_key: String,
    pub kind: OutboxKind,
    pub trolley: String,
    pub payload_json: String,
    pub attempts: u32,
}

/// What a queued write does at the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    Movements,
}

impl OutboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Movements => "movements",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "movements" => Some(OutboxKind::Movements),
            _ => None,
        }
    }
}

/// A write to queue, keyed by the effect it carries out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxItem {
    pub effect_key: String,
    pub kind: OutboxKind,
    pub trolley: String,
    pub payload_json: String,
}

/// The outbox's state, for the packer's status bar and the station's heartbeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Backlog {
    /// Writes not yet confirmed by the backend.
    pub pending: u64,
    /// Writes the backend refused for good: they need a supervisor.
    pub failed: u64,
    /// Age of the oldest pending write.
    pub oldest_pending_age_ms: Option<u64>,
}

/// The station's outbox of backend writes, durable in the station's database.
#[async_trait]
pub trait Outbox: Send + Sync {
    /// Queues writes (an effect already queued is not queued again). Returns how many were new.
    async fn enqueue(&self, items: &[NewOutboxItem], now_ms: i64) -> Result<u64, StoreError>;
    /// The writes due at `now_ms`: for each trolley only its oldest pending write, so writes
    /// reach the backend in order per trolley.
    async fn due(&self, now_ms: i64, limit: u32) -> Result<Vec<OutboxItem>, StoreError>;
    async fn mark_delivered(
        &self,
        seq: i64,
        response_json: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    async fn mark_retry(
        &self,
        seq: i64,
        next_attempt_at_ms: i64,
        error: &str,
    ) -> Result<(), StoreError>;
    async fn mark_failed(&self, seq: i64, error: &str, now_ms: i64) -> Result<(), StoreError>;
    async fn backlog(&self, now_ms: i64) -> Result<Backlog, StoreError>;
}
