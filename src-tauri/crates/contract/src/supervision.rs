//! Wire types of what supervisors watch: station heartbeats, packer sessions, and the reads
//! (stations, throughput, movements) that only a signed-in supervisor may make.

use serde::{Deserialize, Serialize};

use super::{whole, whole_opt, Packer};

/// Who signed in, and the session they act under (sent as `x-packer-session` to supervisor
/// endpoints).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedIn {
    #[serde(flatten)]
    pub packer: Packer,
    /// Random, opaque; valid until `expires_at_ms`.
    pub session_token: String,
    pub expires_at_ms: i64,
}

impl std::ops::Deref for SignedIn {
    type Target = Packer;
    fn deref(&self) -> &Packer {
        &self.packer
    }
}

/// The signed-in supervisor's session, on supervisor endpoints.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct SessionHeader {
    /// The `session_token` of a supervisor's sign-in.
    #[serde(rename = "x-packer-session")]
    #[param(
        rename = "x-packer-session",
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub session: String,
}

/// Work done at the station since the shift started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftCounters {
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(deserialize_with = "whole")]
    pub orders_packed: u32,
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(deserialize_with = "whole")]
    pub units_packed: u32,
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(deserialize_with = "whole")]
    pub parcels: u32,
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(deserialize_with = "whole")]
    pub exceptions: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeviceKind {
    Scale,
    LabelPrinter,
    DocumentPrinter,
    Scanner,
}

impl DeviceKind {
    /// The wire name (`label_printer`...).
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Scale => "scale",
            DeviceKind::LabelPrinter => "label_printer",
            DeviceKind::DocumentPrinter => "document_printer",
            DeviceKind::Scanner => "scanner",
        }
    }
}

/// One device's health as the station sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceHealth {
    pub kind: DeviceKind,
    #[schema(
        example = "Zebra ZD421",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub name: String,
    pub ready: bool,
    /// Stable problem codes (like `paper_out`, `head_open`, `not_stable`).
    #[schema(max_items = 20, example = json!(["paper_out"]))]
    pub problems: Vec<String>,
}

/// The station's queue of writes not yet delivered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutboxHealth {
    #[schema(minimum = 0, maximum = 1000000000)]
    #[serde(deserialize_with = "whole")]
    pub pending: u64,
    #[schema(minimum = 0, maximum = 1000000000)]
    #[serde(deserialize_with = "whole")]
    pub failed: u64,
    #[serde(default, deserialize_with = "whole_opt")]
    #[schema(minimum = 0, maximum = 1000000000000_u64)]
    pub oldest_pending_age_ms: Option<u64>,
}

/// A station's periodic "I am here": who packs what, its counters, devices and backlog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Heartbeat {
    /// Must be the calling station (`x-station-id`).
    #[schema(example = "ST-01", pattern = "^[A-Za-z0-9_-]{1,32}$")]
    pub station_id: String,
    #[serde(default)]
    #[schema(
        example = "PK-0001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packer_id: Option<String>,
    #[serde(default)]
    #[schema(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: Option<String>,
    #[serde(default, deserialize_with = "whole_opt")]
    #[schema(minimum = 1, maximum = 99)]
    pub slot: Option<u8>,
    /// The pack flow's step (like `scan_unit`, `weigh`).
    #[serde(default)]
    #[schema(
        example = "scan_unit",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub step: Option<String>,
    pub counters: ShiftCounters,
    #[schema(max_items = 20)]
    pub devices: Vec<DeviceHealth>,
    pub outbox: OutboxHealth,
    #[schema(
        example = "0.1.0",
        min_length = 1,
        max_length = 32,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub app_version: String,
    /// The station's clock when it sent this (ms since the Unix epoch).
    #[schema(minimum = 0, maximum = 10000000000000_u64)]
    #[serde(deserialize_with = "whole")]
    pub sent_at_ms: u64,
    /// The alerts the station raises about itself now (its devices, its queue). The backend
    /// records each while heartbeats carry it and clears it when one no longer does, so every
    /// desk shows the same list, with or without a desk open.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub alerts: Vec<StationAlert>,
    /// The station's roll-out ring (`[update] ring`); absent: a station without `[update]`,
    /// counted in `general`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "canary", pattern = "^[a-z][a-z0-9-]{0,31}$")]
    pub ring: Option<String>,
    /// The station's run since its process started, for the roll-out's health check (with
    /// `app_version`). Absent from older stations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<super::RunHealth>,
}

/// How urgent an alert is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AlertSeverity {
    Warning,
    Critical,
}

/// An alert a station raises about itself, in its heartbeat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StationAlert {
    /// Stable while the condition lasts, unique within the station (like
    /// `printer_out_of_labels/ST-01/label_printer`).
    #[schema(
        example = "printer_out_of_labels/ST-01/label_printer",
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub key: String,
    /// What kind of condition (`printer_out_of_labels`, `device_not_ready`, `outbox_backlog`,
    /// `outbox_refused`; the backend adds `station_offline`).
    #[schema(example = "printer_out_of_labels", pattern = "^[a-z][a-z0-9_]{0,63}$")]
    pub kind: String,
    pub severity: AlertSeverity,
    /// What a supervisor reads, naming the station and what to do.
    #[schema(
        example = "ST-01: label printer Zebra ZD421 is out of labels. Load a new roll.",
        min_length = 1,
        max_length = 500,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub message: String,
}

/// An alert as the backend holds it: raised by a station's heartbeat, or by the backend itself
/// when a station stops sending them (`station_offline`). Open until its condition goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AlertRecord {
    pub key: String,
    pub kind: String,
    pub severity: AlertSeverity,
    pub station_id: String,
    pub message: String,
    /// When the backend first recorded it (ms since the Unix epoch).
    pub raised_at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HeartbeatReceipt {
    pub received_at_ms: i64,
}

/// A station as a supervisor sees it: its latest heartbeat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StationStatus {
    pub station_id: String,
    /// When the backend received the latest heartbeat.
    pub last_seen_ms: i64,
    /// No heartbeat for more than 60 s.
    pub stale: bool,
    pub heartbeat: Heartbeat,
}

/// How long without a heartbeat before a station shows as stale.
pub const STALE_AFTER_MS: i64 = 60_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThroughputGroup {
    Packer,
    Station,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThroughputQuery {
    /// Window start, inclusive (ms since the Unix epoch).
    #[param(minimum = 0, maximum = 10000000000000_u64)]
    pub from_ms: i64,
    /// Window end, exclusive.
    #[param(minimum = 0, maximum = 10000000000000_u64)]
    pub to_ms: i64,
    pub group_by: ThroughputGroup,
}

/// Work of one packer or station in the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ThroughputRow {
    /// The packer id or station id.
    pub key: String,
    pub orders: i64,
    pub units: i64,
    pub lines: i64,
    pub parcels: i64,
    pub exceptions: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Throughput {
    pub from_ms: i64,
    pub to_ms: i64,
    pub group_by: ThroughputGroup,
    pub rows: Vec<ThroughputRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionStatus {
    Open,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExceptionQuery {
    /// Only `open` for now (exceptions are closed in the warehouse system).
    pub status: Option<ExceptionStatus>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverrideQuery {
    pub kind: Option<super::OverrideKind>,
}

/// Movements of one trolley or one order (exactly one of the two).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementQuery {
    #[param(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: Option<String>,
    #[param(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: Option<String>,
}

/// One recorded movement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MovementEntry {
    pub movement_id: i64,
    pub trolley: String,
    pub order_id: String,
    pub line_no: u32,
    pub sku: String,
    pub qty: u32,
    pub from_location: String,
    pub parcel_id: String,
    pub station: String,
    pub packer_id: String,
    pub recorded_at_ms: i64,
}

/// Which trolley's releases to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReleaseQuery {
    #[param(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: String,
}

/// One time a trolley's claim ended: given back by the station that held it, or taken away by
/// a supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReleaseEntry {
    pub release_id: i64,
    #[schema(example = "TR-0042")]
    pub trolley: String,
    /// The station that held the claim.
    #[schema(example = "ST-01")]
    pub holder: String,
    /// The supervisor who took the claim away (a force-release); absent when the station gave
    /// the trolley back itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forced_by: Option<String>,
    /// Every unit was dispatched or in exception: the trolley is packed and cannot be claimed
    /// again. Otherwise it went back to the captured queue.
    pub packed: bool,
    pub released_at_ms: i64,
}

/// A supervisor's reason to take a claim away from a station.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForceRelease {
    #[schema(
        example = "station ST-03 crashed",
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub reason: String,
}

/// The window of a packed-orders read: orders whose last parcel was recorded in it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PackedOrdersQuery {
    /// Window start, inclusive (ms since the Unix epoch).
    #[param(minimum = 0, maximum = 10000000000000_u64)]
    pub from_ms: i64,
    /// Window end, exclusive. A window over 8 days is cut to its last 8 days; one that ends
    /// before it starts holds no orders.
    #[param(minimum = 0, maximum = 10000000000000_u64)]
    pub to_ms: i64,
}

/// The longest window one packed-orders read answers (a longer one is cut to its last 8 days).
pub const PACKED_ORDERS_MAX_WINDOW_MS: i64 = 8 * 24 * 60 * 60 * 1000;

/// The SKU path parameter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SkuParam {
    #[param(example = "LUM-0001", max_length = 64)]
    pub sku: String,
}

/// A station asks a supervisor at the desk to accept a parcel its weight gate refused (the
/// remote counterpart of a supervisor scanning their badge at the station).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWeightOverrideRequest {
    #[schema(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
    #[schema(minimum = 1, maximum = 99)]
    #[serde(deserialize_with = "whole")]
    pub parcel_no: u32,
    #[schema(minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "whole")]
    pub expected_g: u32,
    #[schema(minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "whole")]
    pub measured_g: u32,
    #[schema(
        example = "PK-0001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packer_id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WeightRequestStatus {
    Pending,
    Approved,
    Declined,
}

/// A weight override request and, once decided, who decided and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WeightOverrideRequest {
    pub request_id: String,
    /// The station that asked.
    pub station: String,
    pub order_id: String,
    pub parcel_no: u32,
    pub expected_g: u32,
    pub measured_g: u32,
    pub packer_id: String,
    pub status: WeightRequestStatus,
    pub requested_at_ms: i64,
    #[serde(default)]
    pub supervisor_id: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub decided_at_ms: Option<i64>,
}

/// A supervisor's answer to a weight override request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightRequestDecision {
    pub approve: bool,
    #[schema(
        example = "wet cardboard, contents checked",
        min_length = 1,
        max_length = 200,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub reason: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeightRequestQuery {
    /// Only requests in this state (default: all, newest first, at most 500).
    pub status: Option<WeightRequestStatus>,
}

/// The request id path parameter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct WeightRequestParam {
    #[param(example = "WR-0000000001", max_length = 64)]
    pub request_id: String,
}
