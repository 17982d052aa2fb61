//! The station's ports: what its use cases need from the outside world, as traits. Adapters in
//! [`crate::adapters`] implement them; tests can substitute their own.

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};
use serde::{Deserialize, Serialize};

use crate::contract::{
    CatalogueEntry, ExceptionReceipt, Heartbeat, HeartbeatReceipt, LineException, MovementBatch,
    MovementReceipt, NewShipment, OrderException, OverrideReceipt, OverrideRecord, Released,
    Shipment, SignInRequest, SignedIn,
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

    /// Signs a packer in by badge or id and PIN; the answer carries their role.
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignedIn, BackendError>;

    /// The station's packaging catalogue (boxes, mailers, polybags).
    async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError>;

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

    /// A SKU's picture as the backend keeps it (SVG or PNG bytes).
    async fn sku_image(&self, sku: &str) -> Result<Vec<u8>, BackendError>;

    /// Training mode: the crew's badges, the free trolleys and (with `trolley`) its unit codes.
    /// `None` from a backend without training mode: a real one, and any that does not say.
    async fn training_hints(
        &self,
        trolley: Option<&TrolleyCode>,
    ) -> Result<Option<crate::contract::training::TrainingHints>, BackendError> {
        let _ = trolley;
        Ok(None)
    }
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
    /// One parcel line's outbound movement (`MovementBatch`).
    Movements,
    /// Units of one line to exception (`pack_flow::ExceptionRecord`).
    Exception,
    /// A whole order to exception (`pack_flow::OrderException`).
    OrderException,
    /// A packaging override (`pack_flow::PackagingOverride`).
    PackagingOverride,
    /// A weight override or accepted mismatch (`pack_flow::WeightOverride`).
    WeightOverride,
    /// Create an order's shipment (`pack_flow::ShipmentRequest`); its labels print on delivery.
    Shipment,
    /// Void the shipment created under the effect key in the payload (`VoidShipment`).
    VoidShipment,
    /// Give a trolley back (`ReleaseTrolley`).
    Release,
}

impl OutboxKind {
    pub const ALL: [OutboxKind; 8] = [
        OutboxKind::Movements,
        OutboxKind::Exception,
        OutboxKind::OrderException,
        OutboxKind::PackagingOverride,
        OutboxKind::WeightOverride,
        OutboxKind::Shipment,
        OutboxKind::VoidShipment,
        OutboxKind::Release,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Movements => "movements",
            OutboxKind::Exception => "exception",
            OutboxKind::OrderException => "order_exception",
            OutboxKind::PackagingOverride => "packaging_override",
            OutboxKind::WeightOverride => "weight_override",
            OutboxKind::Shipment => "shipment",
            OutboxKind::VoidShipment => "void_shipment",
            OutboxKind::Release => "release",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The payload of a `VoidShipment` write: the shipment is named by the effect key it was
/// created under (the station learns the backend's shipment id only when that was delivered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidShipment {
    pub shipment_effect_key: String,
    pub order_id: String,
}

/// The payload of a `Release` write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseTrolley {
    pub trolley: String,
    /// Set when the packer withdrew a claim whose answer never came (not a finished trolley).
    pub withdrawn: bool,
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
    /// Marks several writes delivered at once (one transaction where the store can).
    async fn mark_delivered_all(
        &self,
        delivered: &[(i64, String)],
        now_ms: i64,
    ) -> Result<(), StoreError> {
        for (seq, response) in delivered {
            self.mark_delivered(*seq, response, now_ms).await?;
        }
        Ok(())
    }
    async fn mark_retry(
        &self,
        seq: i64,
        next_attempt_at_ms: i64,
        error: &str,
    ) -> Result<(), StoreError>;
    async fn mark_failed(&self, seq: i64, error: &str, now_ms: i64) -> Result<(), StoreError>;
    async fn backlog(&self, now_ms: i64) -> Result<Backlog, StoreError>;
    /// The backend's answer to a delivered write, by its effect key.
    async fn delivered_response(&self, effect_key: &str) -> Result<Option<String>, StoreError>;
}

/// A shipment the backend created, whose label has not been sent to a printer yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentToPrint {
    pub effect_key: String,
    pub payload_json: String,
    pub response_json: String,
}

/// How a label print job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintStatus {
    Printing,
    Printed,
    /// Found half-sent after a crash: it may or may not have printed; never re-sent by itself.
    Uncertain,
    Failed,
}

impl PrintStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PrintStatus::Printing => "printing",
            PrintStatus::Printed => "printed",
            PrintStatus::Uncertain => "uncertain",
            PrintStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            PrintStatus::Printing,
            PrintStatus::Printed,
            PrintStatus::Uncertain,
            PrintStatus::Failed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One label print job as the station recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintRecord {
    pub shipment_key: String,
    pub copy: u32,
    pub order_id: String,
    pub trolley: String,
    pub status: PrintStatus,
    pub tracking_numbers: Vec<String>,
    pub error: Option<String>,
}

/// The pack flow's durable state and the label print jobs, in the station's database.
#[async_trait]
pub trait FlowStore: Send + Sync {
    /// Saves one step: its state and the backend writes it causes, in one transaction. A
    /// revision not newer than the saved one is refused.
    async fn commit_step(
        &self,
        revision: u64,
        state_json: &str,
        writes: &[NewOutboxItem],
        now_ms: i64,
    ) -> Result<u64, StoreError>;
    /// The last saved state and its revision.
    async fn load_pack_state(&self) -> Result<Option<(u64, String)>, StoreError>;
    /// Shipments delivered to the backend whose first label job was never started.
    async fn shipments_to_print(&self) -> Result<Vec<ShipmentToPrint>, StoreError>;
    /// Whether a trolley's release (or claim withdrawal) was delivered to the backend.
    async fn release_delivered(&self, trolley: &str) -> Result<bool, StoreError>;
    /// Records a job before anything is sent; `false` when that job (key, copy) exists already.
    async fn begin_print(&self, job: &PrintRecord, now_ms: i64) -> Result<bool, StoreError>;
    async fn finish_print(
        &self,
        shipment_key: &str,
        copy: u32,
        status: PrintStatus,
        error: Option<&str>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Jobs left `printing` by a crash become `uncertain`; returns them.
    async fn settle_interrupted_prints(&self, now_ms: i64) -> Result<Vec<PrintRecord>, StoreError>;
    /// Work queued by this station since `since_ms`: (orders shipped, units dispatched,
    /// parcels, exception records), for its heartbeats.
    async fn shift_counters(&self, since_ms: i64) -> Result<(u32, u32, u32, u32), StoreError>;
    /// Every label job of an order, oldest first.
    async fn print_jobs_of(&self, order_id: &str) -> Result<Vec<PrintRecord>, StoreError>;
}

/// A printer the station sends label and document jobs to.
#[async_trait]
pub trait LabelOutput: Send + Sync {
    /// Sends one job; the error says what the packer should do (load labels, close the head...).
    async fn print(&self, job: packbench_devices::printer::PrintJob) -> Result<(), String>;
    /// The printer's name for messages and logs.
    fn describe(&self) -> String;
    /// Whether it can print now, and the stable codes of what stops it (`paper_out`, ...).
    async fn health(&self) -> (bool, Vec<String>) {
        (true, Vec::new())
    }
}

/// The station's scale, as the pack flow uses it.
#[async_trait]
pub trait WeighScale: Send + Sync {
    /// One stable weight in grams (0: nothing on the platter); the error says what the packer
    /// should do.
    async fn read_stable(&self) -> Result<u32, String>;
    /// A training scale: the parcel now on the platter weighs about this much. Real scales
    /// ignore it.
    fn place(&self, _grams: u32) {}
    /// The scale's name for messages and logs.
    fn describe(&self) -> String;
}
