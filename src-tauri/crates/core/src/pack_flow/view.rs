//! The read-only views of the flow state the UI shows: the step, what to scan next, counts per
//! line of the open order, the suggested next slot.

use serde::{Deserialize, Serialize};

use crate::trolley::TrolleyCode;

use super::capture::CaptureField;
use super::event::Packer;
use super::state::{ClaimRefusal, PackState, ParcelStatus, Step, StepKind};

/// What the station waits to be scanned next, so the UI can prompt and route the scanner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "expect", rename_all = "snake_case")]
pub enum ExpectedScan {
    Badge,
    Trolley,
    Slot,
    /// A unit of the open order (or a slot/trolley scan is refused).
    Item,
    /// GS1 data for the unit identified last.
    Gs1Capture {
        line_no: u32,
        missing: Vec<CaptureField>,
    },
    /// A box barcode; the app maps it to a packaging id.
    Packaging,
    /// No scan: waiting on the scale, the backend or the printer.
    Nothing,
}

/// Counts of one line of the open order, for the verification screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub scanned: u32,
    pub exception: u32,
    pub required: u32,
}

/// Everything the UI shows for the current state, in one serialisable value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowView {
    pub step: StepKind,
    pub expected_scan: ExpectedScan,
    pub packer: Option<Packer>,
    pub trolley: Option<TrolleyCode>,
    pub current_slot: Option<u8>,
    pub order_id: Option<String>,
    pub lines: Vec<LineCounts>,
    pub open_parcel_no: Option<u32>,
    pub parcels: u32,
    pub suggested_next_slot: Option<u8>,
    pub slots_done: u32,
    pub slots_total: u32,
    pub pending_labels: u32,
    pub claim_refused: Option<ClaimRefusal>,
    pub last_weight_mismatch_g: Option<u32>,
}

impl PackState {
    pub fn expected_scan(&self) -> ExpectedScan {
        match self.step {
            Step::SignIn => ExpectedScan::Badge,
            Step::ScanTrolley { .. } => ExpectedScan::Trolley,
            Step::ScanSlot => ExpectedScan::Slot,
            Step::VerifyUnits => match self.current().and_then(|s| s.pending_capture.as_ref()) {
                Some(p) => ExpectedScan::Gs1Capture {
                    line_no: p.line_no,
                    missing: p.missing.clone(),
                },
                None => ExpectedScan::Item,
            },
            Step::ChoosePackaging => ExpectedScan::Packaging,
            Step::ClaimingTrolley { .. }
            | Step::Weigh { .. }
            | Step::AwaitingLabel
            | Step::ReleasingTrolley => ExpectedScan::Nothing,
        }
    }

    /// Scanned/required per line of the open order (empty when no order is open).
    pub fn line_counts(&self) -> Vec<LineCounts> {
        let (Some(order), Some(progress)) = (self.current_order(), self.current()) else {
            return Vec::new();
        };
        order
            .order
            .lines
            .iter()
            .zip(&progress.lines)
            .map(|(l, p)| LineCounts {
                line_no: l.line_no,
                sku: l.item.sku.clone(),
                name: l.item.name.clone(),
                scanned: p.scanned,
                exception: p.exception,
                required: p.required,
            })
            .collect()
    }

    pub fn view(&self) -> FlowView {
        let t = self.trolley.as_ref();
        let cur = self.current();
        FlowView {
            step: self.step_kind(),
            expected_scan: self.expected_scan(),
            packer: self.packer.clone(),
            trolley: t.map(|t| t.trolley().clone()),
            current_slot: t.and_then(|t| t.current_slot),
            order_id: self.current_order().map(|s| s.order.order_id.clone()),
            lines: self.line_counts(),
            open_parcel_no: cur.and_then(|s| s.open_parcel()).map(|p| p.parcel_no),
            parcels: cur.map_or(0, |s| {
                s.parcels
                    .iter()
                    .filter(|p| p.status != ParcelStatus::Voided)
                    .count() as u32
            }),
            suggested_next_slot: self.suggested_next_slot(),
            slots_done: t.map_or(0, |t| {
                t.slots.iter().filter(|s| s.status.is_done()).count() as u32
            }),
            slots_total: t.map_or(0, |t| t.slots.len() as u32),
            pending_labels: self.pending_labels.len() as u32,
            claim_refused: match &self.step {
                Step::ScanTrolley { refused } => refused.clone(),
                _ => None,
            },
            last_weight_mismatch_g: match self.step {
                Step::Weigh { last_mismatch_g } => last_mismatch_g,
                _ => None,
            },
        }
    }
}
