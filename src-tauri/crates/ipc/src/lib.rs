//! The IPC contract between the Packbench UI (wasm) and the station (Tauri commands): one
//! request and one response type per command, and the error every command returns. Both sides
//! compile this crate, so they cannot drift apart.

pub mod actions;
pub mod cmd;
pub mod desk;
pub mod desk_words;
pub mod device_words;
pub mod explain;
pub mod i18n;
pub mod training;

use serde::{Deserialize, Serialize};

pub use packbench_core::Manifest;

pub use packbench_core::pack_flow::{ExceptionReason, FlowView};

/// A scan handed to the pack flow: a badge, trolley, slot, item, GS1 data or box barcode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackScanRequest {
    pub scan: String,
}

/// What the packer can do besides scanning (buttons, and action barcodes later).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PackAction {
    SignInPin {
        packer_id: String,
        pin: String,
    },
    SignOut,
    TakeSuggestedSlot,
    LeaveSlot,
    CancelCapture,
    RemoveUnit {
        line_no: u32,
    },
    CloseParcel,
    ReopenParcel,
    ReportException {
        line_no: u32,
        reason: ExceptionReason,
        units: u32,
    },
    /// A box other than by scanning its barcode, or with the reason for not taking the
    /// suggestion.
    ChoosePackaging {
        packaging_id: String,
        reason: Option<String>,
    },
    /// Reads the scale and judges the weight (the screen asks as soon as the step is Weigh).
    Weigh,
    /// A supervisor accepts a parcel the gate refused: their badge and a reason.
    OverrideWeight {
        supervisor_badge: String,
        reason: String,
    },
    /// Closes a kiosk station's app: only with a supervisor's badge.
    CloseApp {
        supervisor_badge: String,
    },
    OrderToException {
        reason: ExceptionReason,
    },
    Reprint {
        order_id: String,
    },
    /// At a refused weight: ask a supervisor at the desk to accept the parcel remotely; the
    /// station applies the override when the desk approves.
    AskSupervisor,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackActionRequest {
    pub action: PackAction,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetFlowRequest {}

/// The packaging the station suggests for the parcel being boxed, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackagingSuggestion {
    pub packaging_id: String,
    pub name: String,
    /// Scan this to confirm.
    pub barcode: String,
    /// What it is and its usable inside (length, width, height): the screen draws it.
    pub kind: packbench_core::carton::PackagingKind,
    pub inner_mm: [u32; 3],
    /// Fill, weight, and why cheaper packagings were ruled out; the screen words it in the
    /// packer's language (`explain`).
    pub explanation: packbench_core::carton::Explanation,
}

/// The pack flow as the packer's screen shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowResponse {
    pub view: FlowView,
    /// At the packaging step (and while verifying, for the whole order).
    pub suggestion: Option<PackagingSuggestion>,
    /// At the weighing step: what the parcel should weigh (units plus tare).
    pub expected_weight_g: Option<u64>,
    /// The scale's verdict on the parcel now on it (worded by `explain`).
    pub weight_check: Option<packbench_core::weight_gate::WeightCheck>,
    /// The last refusal of a scan from another scanner (serial), numbered: the screen shows
    /// a number it has not shown yet.
    #[serde(default)]
    pub device_refusal: Option<(u64, IpcError)>,
    /// At the packaging step: a box other than the suggested one was scanned; the screen asks
    /// why (`ChoosePackaging` with a reason).
    #[serde(default)]
    pub other_box: Option<String>,
    /// The order whose label printed last (the screen previews it).
    #[serde(default)]
    pub last_label_order: Option<String>,
}

/// A product's picture, for the order lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuImageRequest {
    pub sku: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuImageResponse {
    pub sku: String,
    /// A `data:` URI (SVG or PNG), or none when the backend has no picture of it.
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelPreviewRequest {
    pub order_id: String,
}

/// What the label printer got for an order, one image per parcel label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelPreviewResponse {
    pub order_id: String,
    /// `data:image/png;base64,...`
    pub images: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetStationRequest {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetStationResponse {
    pub station_id: String,
    /// `training` for the embedded training backend, else the backend's base URL.
    pub backend: String,
    pub version: String,
    /// The trolley this station holds, when it resumed one.
    pub current: Option<Manifest>,
    /// Backend writes not yet delivered (the outbox).
    pub backlog: BacklogView,
    /// Something people must know since start-up (a damaged database moved aside).
    #[serde(default)]
    pub notice: Option<String>,
    /// Whether the backend answered the last heartbeat (`None` before the first).
    #[serde(default)]
    pub online: Option<bool>,
    /// The station's devices as last checked.
    #[serde(default)]
    pub devices: Vec<DeviceStatus>,
}

/// One device in the status bar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceStatus {
    /// `label_printer`, `scale`, ...
    pub kind: String,
    pub name: String,
    pub ready: bool,
    /// Stable problem codes (`paper_out`, `head_open`, ...).
    pub problems: Vec<String>,
}

/// The outbox as the packer's status bar shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacklogView {
    pub pending: u64,
    /// Refused by the backend for good: a supervisor must look.
    pub failed: u64,
    pub oldest_pending_age_ms: Option<u64>,
}

/// Stable error codes: the UI branches on these, never on message text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidScan,
    TrolleyUnknown,
    TrolleyClaimedElsewhere,
    BackendUnreachable,
    BackendRejected,
    BackendInvalidResponse,
    StorageFailed,
    /// A printer or scale failed.
    DeviceFailed,
    /// The pack flow refused the scan or action; `IpcError::reason` holds the flow's own code.
    Refused,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidScan => "invalid_scan",
            ErrorCode::TrolleyUnknown => "trolley_unknown",
            ErrorCode::TrolleyClaimedElsewhere => "trolley_claimed_elsewhere",
            ErrorCode::BackendUnreachable => "backend_unreachable",
            ErrorCode::BackendRejected => "backend_rejected",
            ErrorCode::BackendInvalidResponse => "backend_invalid_response",
            ErrorCode::StorageFailed => "storage_failed",
            ErrorCode::Refused => "refused",
            ErrorCode::DeviceFailed => "device_failed",
            ErrorCode::Internal => "internal",
        }
    }
}

/// What every failed command returns: a stable code and a message a packer can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// For `refused`: the pack flow's stable reason code (like `over_scan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            reason: None,
        }
    }

    pub fn refused(reason: impl Into<String>, message: impl Into<String>) -> Self {
        IpcError {
            code: ErrorCode::Refused,
            message: message.into(),
            reason: Some(reason.into()),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code.as_str())
    }
}

impl std::error::Error for IpcError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = IpcError::new(ErrorCode::TrolleyClaimedElsewhere, "held by ST-02");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "trolley_claimed_elsewhere", "message": "held by ST-02"})
        );
        assert_eq!(serde_json::from_value::<IpcError>(json).unwrap(), e);
    }

    #[test]
    fn every_code_serialises_to_its_stable_name() {
        for code in [
            ErrorCode::InvalidScan,
            ErrorCode::TrolleyUnknown,
            ErrorCode::TrolleyClaimedElsewhere,
            ErrorCode::BackendUnreachable,
            ErrorCode::BackendRejected,
            ErrorCode::BackendInvalidResponse,
            ErrorCode::StorageFailed,
            ErrorCode::Internal,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
