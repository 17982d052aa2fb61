//! The station's durable local state, as its use cases need it: the claim it holds, the pack
//! flow's saved steps and label jobs, and the outbox of backend writes.

use async_trait::async_trait;
use packbench_core::pack_flow::{self, ExceptionRecord, PackState};
use packbench_core::Manifest;
use serde::{Deserialize, Serialize};

use crate::contract::{LabelFormat, MovementBatch, Shipment};

/// Why the station's database could not do what was asked. Nothing half-done is kept: a step
/// whose transaction failed is not done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("The station's local database failed: the disk is full, so the last step was not saved and is not done ({0}). Free space on the station's disk or call IT, then repeat the step. Queued work is kept.")]
    DiskFull(String),
    #[error("The station's local database failed: its data directory cannot be written ({0}); the last step was not saved. Call IT to check the disk and the directory's permissions.")]
    NotWritable(String),
    #[error("The station's local database failed: the disk failed while saving ({0}); the last step was not saved. Call IT to check the disk.")]
    DiskFailed(String),
    /// The file is damaged, or not a Packbench station database of this version.
    #[error("The station database {path} is unusable ({detail}). Call IT.")]
    Unusable { path: String, detail: String },
    /// Something stored could not be read back, or a value could not be stored.
    #[error("The station's local database holds data it cannot read ({0}). Call IT.")]
    Corrupt(String),
    /// A step saved out of order (two writers, or a replayed step).
    #[error("The station's local database failed (pack step {revision} is not newer than the saved one). Call IT.")]
    StaleStep { revision: u64 },
    #[error("The station's local database failed ({0}). Check the disk, or call IT.")]
    Database(String),
}

/// The station's durable local state.
#[async_trait]
pub trait StationStore: Send + Sync {
    /// Records the trolley this station now holds (replacing any previous one).
    async fn save_claim(&self, manifest: &Manifest) -> Result<(), StoreError>;
    /// The trolley this station holds, if any.
    async fn current_claim(&self) -> Result<Option<Manifest>, StoreError>;
}

/// A backend write waiting in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub seq: i64,
    pub idempotency_key: String,
    /// The kind as queued (kept apart from `write`, which may be unreadable).
    pub kind: OutboxKind,
    pub trolley: String,
    /// The write, or why the stored payload cannot be read back (it never will be: the
    /// delivery sets such a write aside for a supervisor instead of retrying it).
    pub write: Result<OutboxWrite, String>,
    pub attempts: u32,
}

/// What a queued write carries: its kind and the payload of that kind.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxWrite {
    /// One parcel line's outbound movement.
    Movements(MovementBatch),
    /// Units of one line to exception.
    Exception(ExceptionRecord),
    /// A whole order to exception.
    OrderException(pack_flow::OrderException),
    /// A packaging override.
    PackagingOverride(pack_flow::PackagingOverride),
    /// A supervisor's weight override.
    WeightOverride(pack_flow::WeightOverride),
    /// Create an order's shipment; its labels print on delivery.
    Shipment(QueuedShipment),
    /// Void a shipment created earlier.
    VoidShipment(VoidShipment),
    /// Give a trolley back.
    Release(ReleaseTrolley),
}

impl OutboxWrite {
    pub fn kind(&self) -> OutboxKind {
        match self {
            OutboxWrite::Movements(_) => OutboxKind::Movements,
            OutboxWrite::Exception(_) => OutboxKind::Exception,
            OutboxWrite::OrderException(_) => OutboxKind::OrderException,
            OutboxWrite::PackagingOverride(_) => OutboxKind::PackagingOverride,
            OutboxWrite::WeightOverride(_) => OutboxKind::WeightOverride,
            OutboxWrite::Shipment(_) => OutboxKind::Shipment,
            OutboxWrite::VoidShipment(_) => OutboxKind::VoidShipment,
            OutboxWrite::Release(_) => OutboxKind::Release,
        }
    }

    /// The payload as a store keeps it (JSON of the variant's value, without the kind).
    pub fn payload_json(&self) -> String {
        let json = match self {
            OutboxWrite::Movements(v) => serde_json::to_string(v),
            OutboxWrite::Exception(v) => serde_json::to_string(v),
            OutboxWrite::OrderException(v) => serde_json::to_string(v),
            OutboxWrite::PackagingOverride(v) => serde_json::to_string(v),
            OutboxWrite::WeightOverride(v) => serde_json::to_string(v),
            OutboxWrite::Shipment(v) => serde_json::to_string(v),
            OutboxWrite::VoidShipment(v) => serde_json::to_string(v),
            OutboxWrite::Release(v) => serde_json::to_string(v),
        };
        json.expect("outbox payloads serialise")
    }

    /// A payload as [`payload_json`](Self::payload_json) wrote it, read back as `kind`.
    pub fn from_payload_json(kind: OutboxKind, json: &str) -> Result<Self, serde_json::Error> {
        Ok(match kind {
            OutboxKind::Movements => OutboxWrite::Movements(serde_json::from_str(json)?),
            OutboxKind::Exception => OutboxWrite::Exception(serde_json::from_str(json)?),
            OutboxKind::OrderException => OutboxWrite::OrderException(serde_json::from_str(json)?),
            OutboxKind::PackagingOverride => {
                OutboxWrite::PackagingOverride(serde_json::from_str(json)?)
            }
            OutboxKind::WeightOverride => OutboxWrite::WeightOverride(serde_json::from_str(json)?),
            OutboxKind::Shipment => OutboxWrite::Shipment(serde_json::from_str(json)?),
            OutboxKind::VoidShipment => OutboxWrite::VoidShipment(serde_json::from_str(json)?),
            OutboxKind::Release => OutboxWrite::Release(serde_json::from_str(json)?),
        })
    }
}

/// The payload of a `Shipment` write: the flow's request and the label format the station's
/// printer takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedShipment {
    pub request: pack_flow::ShipmentRequest,
    pub label_format: LabelFormat,
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
#[derive(Debug, Clone, PartialEq)]
pub struct NewOutboxItem {
    pub effect_key: String,
    pub trolley: String,
    pub write: OutboxWrite,
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
    /// The shipment the backend created for a delivered `Shipment` write, by its effect key
    /// (`None`: not delivered yet, or delivered without a shipment).
    async fn delivered_shipment(&self, effect_key: &str) -> Result<Option<Shipment>, StoreError>;
}

/// A shipment the backend created, whose label has not been sent to a printer yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentToPrint {
    pub effect_key: String,
    pub queued: QueuedShipment,
    /// The backend's answer, or why it cannot be read (then nothing prints: the packer
    /// reprints once the backend has a usable label).
    pub shipment: Result<Shipment, String>,
}

/// The pack flow's last saved step.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedStep {
    pub revision: u64,
    pub state: PackState,
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

/// Work a station queued over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShiftWork {
    /// Orders shipped.
    pub orders: u32,
    /// Units dispatched.
    pub units: u32,
    pub parcels: u32,
    /// Exception records (line and order).
    pub exceptions: u32,
}

/// A weight override the station asked of the desk and waits on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskRequest {
    pub request_id: String,
    pub order_id: String,
    pub parcel_no: u32,
}

/// The pack flow's durable state and the label print jobs, in the station's database.
#[async_trait]
pub trait FlowStore: Send + Sync {
    /// Saves one step: its state and the backend writes it causes, in one transaction. A
    /// revision not newer than the saved one is refused.
    async fn commit_step(
        &self,
        revision: u64,
        state: &PackState,
        writes: &[NewOutboxItem],
        now_ms: i64,
    ) -> Result<u64, StoreError>;
    /// The last saved step.
    async fn load_pack_state(&self) -> Result<Option<SavedStep>, StoreError>;
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
    /// Work queued by this station since `since_ms`, for its heartbeats.
    async fn shift_counters(&self, since_ms: i64) -> Result<ShiftWork, StoreError>;
    /// Every label job of an order, oldest first.
    async fn print_jobs_of(&self, order_id: &str) -> Result<Vec<PrintRecord>, StoreError>;
    /// Keeps (or, with `None`, forgets) the weight override the station waits on, so a restart
    /// goes on waiting for the supervisor's answer.
    async fn save_desk_request(&self, request: Option<&DeskRequest>) -> Result<(), StoreError>;
    /// The weight override the station was waiting on when it stopped.
    async fn load_desk_request(&self) -> Result<Option<DeskRequest>, StoreError>;
}
