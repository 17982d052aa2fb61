//! Why the flow refused an event. Every refusal has a stable snake_case code the UI can branch on
//! (sound, colour, which prompt to show) and a message a packer can act on.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::gs1::Gs1Error;
use crate::scan::ScanError;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    // Sign-in.
    #[error("Sign in first: scan your badge or enter your PIN.")]
    NotSignedIn,
    #[error("{0} is already signed in at this station. Sign out first.")]
    AlreadySignedIn(String),
    #[error("The sign-in carried no packer id. Scan the badge again.")]
    PackerIdMissing,
    #[error("Finish or hand over the open order before signing out.")]
    SignOutMidOrder,

    // Scans at the wrong prompt.
    #[error("{0}")]
    ScanUnreadable(ScanError),
    #[error("Scan a trolley barcode (like TR-0042) to start; \"{0}\" is not one.")]
    ExpectedTrolley(String),
    #[error("Scan a slot of trolley {trolley} (like {trolley}-01); \"{scanned}\" is not one.")]
    ExpectedSlot { trolley: String, scanned: String },
    #[error("{0}")]
    ScanNotExpected(String),
    #[error("Trolley {0} is already being claimed. Wait for the answer or cancel.")]
    ClaimInProgress(String),
    #[error("Trolley {held} is still open here. Finish it before starting {scanned}.")]
    TrolleyInProgress { held: String, scanned: String },

    // Claim.
    #[error("No trolley claim is pending at this station.")]
    NoClaimPending,
    #[error("The manifest is for trolley {got}, but this station claimed {want}.")]
    ManifestWrongTrolley { want: String, got: String },
    #[error("Trolley {trolley} is claimed by station {holder}, not by this one.")]
    ClaimedByOtherStation { trolley: String, holder: String },
    #[error("The manifest of trolley {trolley} cannot be packed: {problems}. Call a supervisor.")]
    ManifestInvalid { trolley: String, problems: String },

    // Slots.
    #[error("Slot {scanned} belongs to another trolley. Scan a slot of {trolley}.")]
    SlotOfOtherTrolley { scanned: String, trolley: String },
    #[error("Trolley {trolley} has no slot {slot}.")]
    UnknownSlot { trolley: String, slot: u8 },
    #[error("Slot {slot} is already done (order {order_id}). Scan another slot.")]
    SlotAlreadyDone { slot: u8, order_id: String },
    #[error("Slot {slot} (order {order_id}) is open. Finish it or report an exception first.")]
    OrderInProgress { slot: u8, order_id: String },
    #[error("Slot {0} is already open.")]
    SlotAlreadyOpen(u8),
    #[error("Order {0} has units packed in a parcel; it cannot be left. Finish it or send it to exception.")]
    OrderHasParcels(String),
    #[error("No slot is open.")]
    NoOrderOpen,

    // Unit verification.
    #[error("Wrong item: {barcode} is not in order {order_id}. Put it aside.")]
    WrongItem { barcode: String, order_id: String },
    #[error("Wrong order: {barcode} belongs to order {order_id} in slot {slot}, not to this one.")]
    ItemOfOtherOrder {
        barcode: String,
        order_id: String,
        slot: u8,
    },
    #[error(
        "Too many: all {required} of {name} are already scanned or reported. Put this one aside."
    )]
    OverScan { name: String, required: u32 },
    #[error("The GS1 code could not be read: {0}")]
    Gs1Invalid(Gs1Error),
    #[error("This code carries no product number (GTIN). Scan the item's product barcode first.")]
    Gs1WithoutGtin,
    #[error("Scan the GS1 code with the {missing} of {name}.")]
    CaptureExpected { name: String, missing: String },
    #[error("That GS1 code is for another product than {name}.")]
    CaptureWrongItem { name: String },
    #[error("The {field} scanned ({got}) differs from the one already captured ({had}).")]
    CaptureConflict {
        field: String,
        had: String,
        got: String,
    },
    #[error("Still missing the {missing} of {name}.")]
    CaptureMissingFields { name: String, missing: String },
    #[error("Serial {serial} of {name} was already scanned on this trolley.")]
    SerialDuplicate { name: String, serial: String },
    #[error("Finish capturing lot, expiry or serial of {0} first, or cancel the capture.")]
    CapturePending(String),
    #[error("No capture is pending.")]
    NoCapturePending,
    #[error("There is no unit of line {0} in the open parcel to take out.")]
    UnitNotInOpenParcel(u32),

    // Parcels, packaging, weight.
    #[error("No parcel is open: scan a unit first.")]
    NoOpenParcel,
    #[error("No parcel is waiting for packaging or weight.")]
    NoParcelToReopen,
    #[error("The packaging has no id. Scan the box barcode again.")]
    PackagingMissing,
    #[error("{chosen} is not the suggested {suggested}: give a reason for the change.")]
    PackagingReasonRequired { chosen: String, suggested: String },
    #[error("The scale reported 0 g. Put the parcel on the scale and wait for a stable weight.")]
    WeightInvalid,
    #[error("A weight override needs a reason.")]
    OverrideReasonRequired,
    #[error("A weight override needs a supervisor's badge.")]
    SupervisorRequired,

    // Exceptions.
    #[error(
        "{0} is a reason for a whole order, not for a line. Use short, damaged or wrong item."
    )]
    NotALineReason(String),
    #[error("Order {order_id} has no line {line_no}.")]
    UnknownLine { order_id: String, line_no: u32 },
    #[error("Report at least one unit.")]
    ExceptionUnitsZero,
    #[error("Line {line_no} has only {remaining} unit(s) left to verify, not {asked}.")]
    ExceptionExceedsRemaining {
        line_no: u32,
        remaining: u32,
        asked: u32,
    },

    // Label and release.
    #[error("No label is awaited for order {0}.")]
    LabelNotExpected(String),
    #[error("Trolley {0} is not waiting to be released.")]
    ReleaseNotPending(String),

    /// The event is valid in general but not at this step; the message names what is expected.
    #[error("{0}")]
    NotNow(String),
}

impl FlowError {
    /// The stable code the UI and the logs branch on. Never reuse or rename one.
    pub fn code(&self) -> &'static str {
        use FlowError::*;
        match self {
            NotSignedIn => "not_signed_in",
            AlreadySignedIn(_) => "already_signed_in",
            PackerIdMissing => "packer_id_missing",
            SignOutMidOrder => "sign_out_mid_order",
            ScanUnreadable(_) => "scan_unreadable",
            ExpectedTrolley(_) => "expected_trolley",
            ExpectedSlot { .. } => "expected_slot",
            ScanNotExpected(_) => "scan_not_expected",
            ClaimInProgress(_) => "claim_in_progress",
            TrolleyInProgress { .. } => "trolley_in_progress",
            NoClaimPending => "no_claim_pending",
            ManifestWrongTrolley { .. } => "manifest_wrong_trolley",
            ClaimedByOtherStation { .. } => "claimed_by_other_station",
            ManifestInvalid { .. } => "manifest_invalid",
            SlotOfOtherTrolley { .. } => "slot_of_other_trolley",
            UnknownSlot { .. } => "unknown_slot",
            SlotAlreadyDone { .. } => "slot_already_done",
            OrderInProgress { .. } => "order_in_progress",
            SlotAlreadyOpen(_) => "slot_already_open",
            OrderHasParcels(_) => "order_has_parcels",
            NoOrderOpen => "no_order_open",
            WrongItem { .. } => "wrong_item",
            ItemOfOtherOrder { .. } => "item_of_other_order",
            OverScan { .. } => "over_scan",
            Gs1Invalid(_) => "gs1_invalid",
            Gs1WithoutGtin => "gs1_without_gtin",
            CaptureExpected { .. } => "capture_expected",
            CaptureWrongItem { .. } => "capture_wrong_item",
            CaptureConflict { .. } => "capture_conflict",
            CaptureMissingFields { .. } => "capture_missing_fields",
            SerialDuplicate { .. } => "serial_duplicate",
            CapturePending(_) => "capture_pending",
            NoCapturePending => "no_capture_pending",
            UnitNotInOpenParcel(_) => "unit_not_in_open_parcel",
            NoOpenParcel => "no_open_parcel",
            NoParcelToReopen => "no_parcel_to_reopen",
            PackagingMissing => "packaging_missing",
            PackagingReasonRequired { .. } => "packaging_reason_required",
            WeightInvalid => "weight_invalid",
            OverrideReasonRequired => "override_reason_required",
            SupervisorRequired => "supervisor_required",
            NotALineReason(_) => "not_a_line_reason",
            UnknownLine { .. } => "unknown_line",
            ExceptionUnitsZero => "exception_units_zero",
            ExceptionExceedsRemaining { .. } => "exception_exceeds_remaining",
            LabelNotExpected(_) => "label_not_expected",
            ReleaseNotPending(_) => "release_not_pending",
            NotNow(_) => "not_now",
        }
    }

    /// Every code, for tests and for the UI's exhaustive mapping of sounds and colours.
    pub const CODES: &'static [&'static str] = &[
        "not_signed_in",
        "already_signed_in",
        "packer_id_missing",
        "sign_out_mid_order",
        "scan_unreadable",
        "expected_trolley",
        "expected_slot",
        "scan_not_expected",
        "claim_in_progress",
        "trolley_in_progress",
        "no_claim_pending",
        "manifest_wrong_trolley",
        "claimed_by_other_station",
        "manifest_invalid",
        "slot_of_other_trolley",
        "unknown_slot",
        "slot_already_done",
        "order_in_progress",
        "slot_already_open",
        "order_has_parcels",
        "no_order_open",
        "wrong_item",
        "item_of_other_order",
        "over_scan",
        "gs1_invalid",
        "gs1_without_gtin",
        "capture_expected",
        "capture_wrong_item",
        "capture_conflict",
        "capture_missing_fields",
        "serial_duplicate",
        "capture_pending",
        "no_capture_pending",
        "unit_not_in_open_parcel",
        "no_open_parcel",
        "no_parcel_to_reopen",
        "packaging_missing",
        "packaging_reason_required",
        "weight_invalid",
        "override_reason_required",
        "supervisor_required",
        "not_a_line_reason",
        "unknown_line",
        "exception_units_zero",
        "exception_exceeds_remaining",
        "label_not_expected",
        "release_not_pending",
        "not_now",
    ];
}

/// At the IPC boundary a refusal is `{"code": ..., "message": ...}`.
impl Serialize for FlowError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("FlowError", 2)?;
        body.serialize_field("code", self.code())?;
        body.serialize_field("message", &self.to_string())?;
        body.end()
    }
}
