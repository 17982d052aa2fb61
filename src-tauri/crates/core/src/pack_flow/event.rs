//! What happened at the station: the packer's scans and buttons, the devices' readings and the
//! backend's answers. The app turns each into one `PackEvent` and hands it to `apply`.

use serde::{Deserialize, Serialize};

use crate::manifest::Manifest;
use crate::trolley::TrolleyCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Packer,
    Supervisor,
}

/// A signed-in person, as the backend confirmed their badge or PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packer {
    pub packer_id: String,
    pub role: Role,
    /// The packer's screen language (BCP 47: `en`, `pl`, `ro`).
    #[serde(default = "english")]
    pub language: String,
}

fn english() -> String {
    "en".into()
}

/// Why units or an order went to exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionReason {
    /// Units missing from the slot.
    Short,
    /// Units present but unsellable.
    Damaged,
    /// The slot held something else in place of the line's units.
    WrongItem,
    /// Whole order only: the parcel's weight could not be reconciled.
    WeightMismatch,
    /// Whole order only: no label could be had for it.
    NoLabel,
}

impl ExceptionReason {
    pub fn code(self) -> &'static str {
        match self {
            ExceptionReason::Short => "short",
            ExceptionReason::Damaged => "damaged",
            ExceptionReason::WrongItem => "wrong_item",
            ExceptionReason::WeightMismatch => "weight_mismatch",
            ExceptionReason::NoLabel => "no_label",
        }
    }

    /// Whether the reason can apply to some units of one line (rather than to a whole order).
    pub fn is_line_reason(self) -> bool {
        matches!(
            self,
            ExceptionReason::Short | ExceptionReason::Damaged | ExceptionReason::WrongItem
        )
    }
}

/// The outcome of the weight check (done outside the flow against units + tare and tolerance).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum WeightVerdict {
    Accepted,
    /// Out of tolerance: the parcel stays on the scale until re-weighed or overridden.
    Mismatch {
        expected_g: u32,
    },
    /// A supervisor accepts the parcel anyway; `expected_g` is what the gate expected.
    OverriddenBySupervisor {
        supervisor_id: String,
        reason: String,
        #[serde(default)]
        expected_g: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PackEvent {
    /// The backend accepted a badge or PIN.
    SignedIn {
        packer: Packer,
    },
    SignedOut,
    /// A scanner delivered a code (trolley, slot, item or GS1 data), verbatim.
    Scanned {
        raw: String,
    },
    /// The backend granted the claim and sent the manifest.
    TrolleyClaimed {
        manifest: Manifest,
    },
    /// The backend refused the claim: another station holds the trolley.
    ClaimRefused {
        trolley: TrolleyCode,
        holder: String,
    },
    /// The packer gave up waiting for the claim (backend unreachable).
    ClaimCancelled,
    /// The packer took the suggested next slot instead of scanning one.
    TakeSuggestedSlot,
    /// Puts an order back untouched (nothing in a parcel yet) to go to another slot.
    LeaveSlot,
    /// Drops a unit whose lot, expiry or serial is still being captured.
    CancelCapture,
    /// Takes one unit of a line back out of the open parcel (a mis-scan, or damage seen late).
    RemoveUnit {
        line_no: u32,
    },
    /// The open parcel is full or the order's units are all in: choose its packaging next.
    CloseParcel,
    /// Back from packaging or scale to the open parcel, to add or take out units.
    ReopenParcel,
    /// The box for the closed parcel, against the suggestion (from cartonization).
    PackagingChosen {
        packaging_id: String,
        suggested_id: Option<String>,
        override_reason: Option<String>,
    },
    /// A stable weight from the scale and the weight check's verdict.
    ParcelWeighed {
        measured_g: u32,
        verdict: WeightVerdict,
    },
    /// Units of one line that cannot ship (short, damaged or wrong item).
    ReportException {
        line_no: u32,
        reason: ExceptionReason,
        units: u32,
        /// For a wrong item: the barcode of what was found instead, if it scans.
        found_barcode: Option<String>,
    },
    /// The whole open order goes to the exception location.
    OrderToException {
        reason: ExceptionReason,
    },
    /// The order's label printed (backend answered and the printer took it).
    LabelPrinted {
        order_id: String,
        tracking_numbers: Vec<String>,
    },
    /// The shipment request is queued because the backend is offline; the label prints later.
    LabelPending {
        order_id: String,
    },
    /// The backend confirmed the release of the trolley.
    TrolleyReleased {
        trolley: TrolleyCode,
    },
}

/// Whether a text the packer typed into an event (a reason, an id) is empty once trimmed.
pub(super) fn blank(s: &str) -> bool {
    s.trim().is_empty()
}
