//! Where a station is in the pack flow, with everything needed to resume after a crash: the
//! step, the claimed trolley and, per slot, its order's lines, parcels and label (the UI's
//! read-only views of it are in `view`).

use serde::{Deserialize, Serialize};

use crate::manifest::{Manifest, Slot};
use crate::trolley::TrolleyCode;

use super::capture::{PackedUnit, PendingCapture};
use super::effect::{ExceptionRecord, Movement, OrderException};
use super::event::{Packer, WeightVerdict};

/// The station the flow runs at: its id goes on every record, and exception units go to its
/// exception location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Station {
    pub station_id: String,
    pub exception_location: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRefusal {
    pub trolley: TrolleyCode,
    pub holder: String,
}

/// The step the station is at. The order being worked on is `TrolleyProgress::current_slot`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    SignIn,
    /// `refused` holds the last claim refusal, for the UI to name the holder.
    ScanTrolley {
        refused: Option<ClaimRefusal>,
    },
    ClaimingTrolley {
        trolley: TrolleyCode,
    },
    ScanSlot,
    VerifyUnits,
    ChoosePackaging,
    /// `last_mismatch_g`: the last weight out of tolerance; the label stays blocked.
    Weigh {
        last_mismatch_g: Option<u32>,
    },
    /// The shipment was requested; waiting for the label to print or be queued.
    AwaitingLabel,
    /// Every slot is done; waiting for the backend to confirm the release.
    ReleasingTrolley,
}

/// The step's name alone, for the UI to pick a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    SignIn,
    ScanTrolley,
    ClaimingTrolley,
    ScanSlot,
    VerifyUnits,
    ChoosePackaging,
    Weigh,
    AwaitingLabel,
    ReleasingTrolley,
}

impl StepKind {
    /// The stable name (as serialised): for screens, heartbeats and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::SignIn => "sign_in",
            StepKind::ScanTrolley => "scan_trolley",
            StepKind::ClaimingTrolley => "claiming_trolley",
            StepKind::ScanSlot => "scan_slot",
            StepKind::VerifyUnits => "verify_units",
            StepKind::ChoosePackaging => "choose_packaging",
            StepKind::Weigh => "weigh",
            StepKind::AwaitingLabel => "awaiting_label",
            StepKind::ReleasingTrolley => "releasing_trolley",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelStatus {
    /// Units are being scanned into it.
    Open,
    /// Waiting for its packaging.
    Closed,
    /// Boxed; waiting for a weight.
    Packaged,
    /// Weighed and accepted; waiting for the order's label.
    Sealed,
    /// Shipped: its movements were emitted.
    Dispatched,
    /// Unpacked because its order went to exception.
    Voided,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackagingChoice {
    pub packaging_id: String,
    pub suggested_id: Option<String>,
    pub override_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weighing {
    pub measured_g: u32,
    pub verdict: WeightVerdict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parcel {
    pub parcel_no: u32,
    pub status: ParcelStatus,
    pub units: Vec<PackedUnit>,
    pub packaging: Option<PackagingChoice>,
    pub weighing: Option<Weighing>,
}

impl Parcel {
    pub fn units_of(&self, line_no: u32) -> u32 {
        self.units.iter().filter(|u| u.line_no == line_no).count() as u32
    }
}

/// Per order line: how many units are where. `scanned` counts units in parcels that are not
/// voided (dispatched ones included); `dispatched` those whose movements were emitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProgress {
    pub line_no: u32,
    pub required: u32,
    pub scanned: u32,
    pub exception: u32,
    pub dispatched: u32,
}

impl LineProgress {
    /// Units still to verify in the slot.
    pub fn remaining(&self) -> u32 {
        self.required - self.scanned - self.exception
    }

    /// Units not yet gone from the trolley to a carrier or to exception.
    pub fn on_trolley(&self) -> u32 {
        self.required - self.dispatched - self.exception
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Pending,
    Open,
    Dispatched,
    Exception,
}

impl SlotStatus {
    pub fn is_done(self) -> bool {
        matches!(self, SlotStatus::Dispatched | SlotStatus::Exception)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "label", rename_all = "snake_case")]
pub enum LabelStatus {
    NotRequested,
    Requested,
    Printed {
        tracking_numbers: Vec<String>,
    },
    /// Queued while the backend is offline.
    Pending,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotProgress {
    pub slot: u8,
    pub status: SlotStatus,
    pub lines: Vec<LineProgress>,
    pub parcels: Vec<Parcel>,
    pub pending_capture: Option<PendingCapture>,
    pub label: LabelStatus,
    /// Exception records emitted for this order so far; numbers the next one's key.
    pub exception_seq: u32,
}

impl SlotProgress {
    pub fn line(&self, line_no: u32) -> Option<&LineProgress> {
        self.lines.iter().find(|l| l.line_no == line_no)
    }

    pub fn open_parcel(&self) -> Option<&Parcel> {
        self.parcels.iter().find(|p| p.status == ParcelStatus::Open)
    }

    pub fn remaining(&self) -> u32 {
        self.lines.iter().map(LineProgress::remaining).sum()
    }
}

/// A claimed trolley: its manifest and, per slot, how far its order has got, plus the ledger of
/// every movement and exception emitted for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrolleyProgress {
    pub manifest: Manifest,
    /// Scopes this claim's idempotency keys (see `keys::claim`).
    pub claim: String,
    /// In manifest order, one per manifest slot.
    pub slots: Vec<SlotProgress>,
    pub current_slot: Option<u8>,
    pub last_opened_slot: Option<u8>,
    pub movements: Vec<Movement>,
    pub exceptions: Vec<ExceptionRecord>,
    pub order_exceptions: Vec<OrderException>,
}

impl TrolleyProgress {
    pub fn new(manifest: Manifest, claim: String) -> Self {
        let slots = manifest
            .slots
            .iter()
            .map(|s| SlotProgress {
                slot: s.slot,
                status: SlotStatus::Pending,
                lines: s
                    .order
                    .lines
                    .iter()
                    .map(|l| LineProgress {
                        line_no: l.line_no,
                        required: l.qty,
                        scanned: 0,
                        exception: 0,
                        dispatched: 0,
                    })
                    .collect(),
                parcels: Vec::new(),
                pending_capture: None,
                label: LabelStatus::NotRequested,
                exception_seq: 0,
            })
            .collect();
        TrolleyProgress {
            manifest,
            claim,
            slots,
            current_slot: None,
            last_opened_slot: None,
            movements: Vec::new(),
            exceptions: Vec::new(),
            order_exceptions: Vec::new(),
        }
    }

    pub fn trolley(&self) -> &TrolleyCode {
        &self.manifest.trolley
    }

    pub fn slot_index(&self, slot: u8) -> Option<usize> {
        self.slots.iter().position(|s| s.slot == slot)
    }

    pub fn progress(&self, slot: u8) -> Option<&SlotProgress> {
        self.slots.iter().find(|s| s.slot == slot)
    }

    pub fn all_done(&self) -> bool {
        self.slots.iter().all(|s| s.status.is_done())
    }

    /// The next pending slot after the last one opened, wrapping around: packers work along
    /// the trolley, so the suggestion follows them.
    pub fn suggested_next_slot(&self) -> Option<u8> {
        let mut pending: Vec<u8> = self
            .slots
            .iter()
            .filter(|s| s.status == SlotStatus::Pending)
            .map(|s| s.slot)
            .collect();
        pending.sort_unstable();
        let after = self.last_opened_slot.unwrap_or(0);
        pending
            .iter()
            .copied()
            .find(|&s| s > after)
            .or_else(|| pending.first().copied())
    }
}

/// An order whose shipment was queued offline; its label is still to print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLabel {
    pub trolley: TrolleyCode,
    pub order_id: String,
}

/// The whole flow state of one station. The app persists it (JSON) after every applied event,
/// together with the effects of that event, and resumes from it after a crash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackState {
    pub station: Station,
    /// Events applied so far; grows by one per successful `apply`.
    pub revision: u64,
    pub packer: Option<Packer>,
    pub step: Step,
    pub trolley: Option<TrolleyProgress>,
    /// Labels queued offline, kept across trolleys until the backend reports them printed.
    pub pending_labels: Vec<PendingLabel>,
}

impl PackState {
    /// A station with nobody signed in.
    pub fn new(station: Station) -> Self {
        PackState {
            station,
            revision: 0,
            packer: None,
            step: Step::SignIn,
            trolley: None,
            pending_labels: Vec::new(),
        }
    }

    pub fn step_kind(&self) -> StepKind {
        match self.step {
            Step::SignIn => StepKind::SignIn,
            Step::ScanTrolley { .. } => StepKind::ScanTrolley,
            Step::ClaimingTrolley { .. } => StepKind::ClaimingTrolley,
            Step::ScanSlot => StepKind::ScanSlot,
            Step::VerifyUnits => StepKind::VerifyUnits,
            Step::ChoosePackaging => StepKind::ChoosePackaging,
            Step::Weigh { .. } => StepKind::Weigh,
            Step::AwaitingLabel => StepKind::AwaitingLabel,
            Step::ReleasingTrolley => StepKind::ReleasingTrolley,
        }
    }

    /// The open order's progress, if an order is open.
    pub fn current(&self) -> Option<&SlotProgress> {
        let t = self.trolley.as_ref()?;
        t.progress(t.current_slot?)
    }

    /// The open order's manifest slot, if an order is open.
    pub fn current_order(&self) -> Option<&Slot> {
        let t = self.trolley.as_ref()?;
        t.manifest.slot(t.current_slot?)
    }

    pub fn suggested_next_slot(&self) -> Option<u8> {
        self.trolley.as_ref()?.suggested_next_slot()
    }
}

#[cfg(test)]
mod step_name_tests {
    use super::StepKind;

    #[test]
    fn step_names_are_the_serialised_names() {
        for k in [
            StepKind::SignIn,
            StepKind::ScanTrolley,
            StepKind::ClaimingTrolley,
            StepKind::ScanSlot,
            StepKind::VerifyUnits,
            StepKind::ChoosePackaging,
            StepKind::Weigh,
            StepKind::AwaitingLabel,
            StepKind::ReleasingTrolley,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
