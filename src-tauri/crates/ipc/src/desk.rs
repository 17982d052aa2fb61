//! The supervisor's desk over IPC: what each desk command takes and answers. The figures
//! (productivity series, alerts, the exception/override rows) are `packbench_core::desk`'s own
//! types, computed at the station and drawn by the UI.

use serde::{Deserialize, Serialize};

pub use packbench_core::desk::{
    Alert, AlertKind, Bucket, DeskRecord, Period, RecordFilter, RecordKind, Series, Severity,
    WorkModel,
};
pub use packbench_core::rollout::{HealthComparison, HealthMetric, MetricComparison, Verdict};

use crate::DeviceStatus;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskOverviewRequest {}

/// One station as the desk shows it: its latest heartbeat and the last hour's pace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationRow {
    pub station_id: String,
    pub packer_id: Option<String>,
    pub trolley: Option<String>,
    pub slot: Option<u8>,
    pub step: Option<String>,
    /// Orders and units packed in the last hour (from the backend's records).
    pub orders_last_hour: u32,
    pub units_last_hour: u32,
    /// The station's own shift counters.
    pub shift_orders: u32,
    pub shift_units: u32,
    pub devices: Vec<DeviceStatus>,
    pub outbox_pending: u64,
    pub outbox_failed: u64,
    pub oldest_pending_age_ms: Option<u64>,
    pub app_version: String,
    pub last_seen_ms: i64,
    pub stale: bool,
    /// Every device ready and nothing queued too long.
    pub healthy: bool,
}

/// A station's request for a supervisor to accept a parcel the weight gate refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightRequestView {
    pub request_id: String,
    pub station_id: String,
    pub packer_id: String,
    pub order_id: String,
    pub parcel_no: u32,
    pub expected_g: u32,
    pub measured_g: u32,
    pub requested_at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskOverviewResponse {
    pub supervisor_id: String,
    pub stations: Vec<StationRow>,
    /// In force now, most severe first.
    pub alerts: Vec<Alert>,
    /// Weight overrides stations are waiting on.
    pub weight_requests: Vec<WeightRequestView>,
    /// The outbox age that raises an alert.
    pub backlog_alert_ms: u64,
    /// Whether raised alerts are posted to a webhook.
    pub webhook: bool,
    pub now_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskProductivityRequest {
    pub period: Period,
}

/// The shift a productivity view covers, as the site names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftView {
    /// `early`.
    pub name: String,
    /// Its wall-clock hours, `06:00–14:00`.
    pub hours: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskProductivityResponse {
    pub period: Period,
    /// The site's IANA time zone (`Europe/Warsaw`): every hour and day here is local to it.
    pub zone: String,
    /// The shift shown, for a shift period.
    pub shift: Option<ShiftView>,
    /// The buckets' `[start, end)`, oldest first (the same for every series): local clock hours
    /// of the shift, or local days (23 or 25 hours long across a DST change).
    pub buckets: Vec<(i64, i64)>,
    /// Each bucket's label on the site's clock: `06:00`, `Mon 30 Mar`.
    pub bucket_labels: Vec<String>,
    pub packers: Vec<Series>,
    pub stations: Vec<Series>,
    /// The standard minutes the figures are weighed with.
    pub model: WorkModel,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRecordsRequest {
    pub filter: RecordFilter,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRecordsResponse {
    /// Matching rows, newest first.
    pub records: Vec<DeskRecord>,
    /// Rows before filtering.
    pub total: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskExportRequest {
    pub filter: RecordFilter,
    /// Where to write the CSV; default: `<data dir>/exports/desk-<time>.csv`.
    #[serde(default)]
    pub path: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskExportResponse {
    pub path: String,
    pub rows: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRolloutRequest {}

/// One ring of the fleet's roll-out, as the desk shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RingView {
    pub ring: String,
    /// `waiting`, `soaking`, `done`, `held` or `rolled_back` (words: `desk-rollout-state-<state>`).
    pub state: String,
    /// The release the ring is offered.
    pub version: Option<String>,
    /// What a roll-back would offer.
    pub previous_version: Option<String>,
    pub held_reason: Option<String>,
    /// Stations of the ring per version they run, newest version first.
    pub stations: Vec<(String, u32)>,
    /// The health check as it stands while the release soaks.
    pub soaking: Option<HealthComparison>,
    pub last_decision: Option<DecisionView>,
}

/// A roll-out decision: `kind` is `published`, `promoted`, `passed_through`, `held`,
/// `held_by_hand`, `resumed` or `rolled_back` (words: `desk-rollout-decision-<kind>`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub kind: String,
    pub version: String,
    pub by: Option<String>,
    /// The backend's own sentence (English), kept for the record.
    pub reason: String,
    pub decided_at_ms: i64,
    pub comparison: Option<HealthComparison>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskRolloutResponse {
    /// In the order a release walks them: canary, named groups, early, general.
    pub rings: Vec<RingView>,
    /// The newest release published.
    pub latest_release: Option<String>,
    /// A rate counts as worse beyond this factor of the previous version's.
    pub worse_margin: f64,
    /// Fewer events than this never hold a release.
    pub min_events: u64,
    pub now_ms: i64,
}

/// What a supervisor does to a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RingStep {
    Hold,
    Resume,
    RollBack,
}

/// What a supervisor does from the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum DeskAction {
    /// Takes a stale claim away from the station holding the trolley.
    ForceRelease { trolley: String, reason: String },
    /// Voids an order's live shipment (its labels are void; the order may ship again).
    VoidLabel { order_id: String },
    /// Prints the order's labels again at this desk's label printer.
    Reprint { order_id: String },
    /// Approves or declines a station's weight override request.
    DecideWeight {
        request_id: String,
        approve: bool,
        reason: String,
    },
    /// Holds, resumes or rolls back a ring of the fleet's roll-out.
    Rollout {
        ring: String,
        step: RingStep,
        reason: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskActionRequest {
    pub action: DeskAction,
}

/// What a desk action did, as facts: the desk words it in the supervisor's language
/// (`desk_words::done_text`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "done", rename_all = "snake_case")]
pub enum DeskDone {
    /// The trolley's claim was taken away; another station may claim it.
    Released { trolley: String },
    /// The order's live shipment was voided.
    Voided {
        order_id: String,
        shipment_id: String,
        tracking: Vec<String>,
    },
    /// The order's labels went to this desk's label printer.
    Reprinted {
        order_id: String,
        labels: usize,
        printer: String,
    },
    /// A station's weight override request was decided.
    Decided {
        request_id: String,
        approved: bool,
        order_id: String,
        parcel_no: u32,
        station: String,
    },
    /// A ring was held, resumed or rolled back; `version` is the release it is offered now.
    Rollout {
        ring: String,
        step: RingStep,
        version: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskActionResponse {
    pub done: DeskDone,
    /// What was done, in English (for logs and scripts; the desk words `done` itself).
    pub message: String,
}
