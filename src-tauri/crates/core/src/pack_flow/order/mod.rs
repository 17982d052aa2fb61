//! Steps on the open order: the context they share and the events on it, dispatched to
//! parcels (`parcel`: packaging, weight), exceptions (`exception`) and the label request and
//! dispatch that emit the outbound movements (`dispatch`).

mod dispatch;
mod exception;
mod parcel;

use crate::manifest::{Order, Slot};

use super::effect::Effect;
use super::error::FlowError;
use super::event::{PackEvent, Packer};
use super::state::{
    LabelStatus, PackState, Parcel, ParcelStatus, PendingLabel, SlotProgress, SlotStatus, Station,
    Step, TrolleyProgress,
};

/// The open order with everything a step on it needs, borrowed apart from the state.
pub(super) struct Ctx<'a> {
    pub station: &'a Station,
    pub packer: &'a Packer,
    pub t: &'a mut TrolleyProgress,
    /// Index of the open slot in `t.slots` and `t.manifest.slots`.
    pub i: usize,
    pub step: &'a mut Step,
    pub pending_labels: &'a mut Vec<PendingLabel>,
    pub revision: u64,
    pub fx: &'a mut Vec<Effect>,
}

impl<'a> Ctx<'a> {
    pub(super) fn open(s: &'a mut PackState, fx: &'a mut Vec<Effect>) -> Result<Self, FlowError> {
        let packer = s.packer.as_ref().ok_or(FlowError::NotSignedIn)?;
        let t = s.trolley.as_mut().ok_or(FlowError::NoOrderOpen)?;
        let slot = t.current_slot.ok_or(FlowError::NoOrderOpen)?;
        let i = t.slot_index(slot).ok_or(FlowError::NoOrderOpen)?;
        Ok(Ctx {
            station: &s.station,
            packer,
            t,
            i,
            step: &mut s.step,
            pending_labels: &mut s.pending_labels,
            revision: s.revision,
            fx,
        })
    }

    pub fn slot(&self) -> &Slot {
        &self.t.manifest.slots[self.i]
    }

    pub fn order(&self) -> &Order {
        &self.slot().order
    }

    pub fn prog(&self) -> &SlotProgress {
        &self.t.slots[self.i]
    }

    pub fn prog_mut(&mut self) -> &mut SlotProgress {
        &mut self.t.slots[self.i]
    }

    /// The open order's parcel in `status`: the one a packaging or weighing step is about.
    pub fn parcel_at(&mut self, status: ParcelStatus) -> Result<&mut Parcel, FlowError> {
        self.prog_mut()
            .parcels
            .iter_mut()
            .find(|p| p.status == status)
            .ok_or(FlowError::NoOpenParcel)
    }

    pub(super) fn on_order_event(&mut self, ev: PackEvent) -> Result<(), FlowError> {
        let capture_pending = self.prog().pending_capture.as_ref().map(|p| p.line_no);
        let block_if_capturing = |c: &Self| match capture_pending {
            Some(line_no) => Err(FlowError::CapturePending(c.item_name(line_no))),
            None => Ok(()),
        };
        match ev {
            PackEvent::LeaveSlot => {
                block_if_capturing(self)?;
                if self
                    .prog()
                    .parcels
                    .iter()
                    .any(|p| p.status != ParcelStatus::Voided)
                {
                    return Err(FlowError::OrderHasParcels(self.order().order_id.clone()));
                }
                self.prog_mut().status = SlotStatus::Pending;
                self.t.current_slot = None;
                *self.step = Step::ScanSlot;
                Ok(())
            }
            PackEvent::CancelCapture => {
                if capture_pending.is_none() {
                    return Err(FlowError::NoCapturePending);
                }
                self.prog_mut().pending_capture = None;
                Ok(())
            }
            PackEvent::RemoveUnit { line_no } => {
                block_if_capturing(self)?;
                self.remove_unit(line_no)
            }
            PackEvent::CloseParcel => {
                block_if_capturing(self)?;
                let p = self
                    .prog_mut()
                    .parcels
                    .iter_mut()
                    .find(|p| p.status == ParcelStatus::Open)
                    .ok_or(FlowError::NoOpenParcel)?;
                p.status = ParcelStatus::Closed;
                *self.step = Step::ChoosePackaging;
                Ok(())
            }
            PackEvent::ReopenParcel => {
                let p = self
                    .prog_mut()
                    .parcels
                    .iter_mut()
                    .find(|p| matches!(p.status, ParcelStatus::Closed | ParcelStatus::Packaged))
                    .ok_or(FlowError::NoParcelToReopen)?;
                p.status = ParcelStatus::Open;
                p.packaging = None;
                p.weighing = None;
                *self.step = Step::VerifyUnits;
                Ok(())
            }
            PackEvent::PackagingChosen {
                packaging_id,
                suggested_id,
                override_reason,
            } => self.choose_packaging(packaging_id, suggested_id, override_reason),
            PackEvent::ParcelWeighed {
                measured_g,
                verdict,
            } => self.weigh(measured_g, verdict),
            PackEvent::ReportException {
                line_no,
                reason,
                units,
                found_barcode,
            } => {
                if !reason.is_line_reason() {
                    return Err(FlowError::NotALineReason(reason.code().into()));
                }
                block_if_capturing(self)?;
                self.line_exception(line_no, reason, units, found_barcode)?;
                self.advance(reason);
                Ok(())
            }
            PackEvent::OrderToException { reason } => {
                self.whole_order_exception(reason);
                self.finish_slot();
                Ok(())
            }
            PackEvent::LabelPrinted {
                order_id,
                tracking_numbers,
            } => {
                self.expect_label_for(&order_id)?;
                self.dispatch(LabelStatus::Printed { tracking_numbers });
                Ok(())
            }
            PackEvent::LabelPending { order_id } => {
                self.expect_label_for(&order_id)?;
                self.dispatch(LabelStatus::Pending);
                Ok(())
            }
            _ => Err(FlowError::NotNow(
                "This event is not about the open order.".into(),
            )),
        }
    }

    pub fn item_name(&self, line_no: u32) -> String {
        self.order()
            .lines
            .iter()
            .find(|l| l.line_no == line_no)
            .map(|l| l.item.name.clone())
            .unwrap_or_default()
    }

    fn expect_label_for(&self, order_id: &str) -> Result<(), FlowError> {
        if *self.step != Step::AwaitingLabel || self.order().order_id != order_id {
            return Err(FlowError::LabelNotExpected(order_id.to_owned()));
        }
        Ok(())
    }

    fn remove_unit(&mut self, line_no: u32) -> Result<(), FlowError> {
        let prog = self.prog_mut();
        let pi = prog
            .parcels
            .iter()
            .position(|p| p.status == ParcelStatus::Open)
            .ok_or(FlowError::UnitNotInOpenParcel(line_no))?;
        let parcel = &mut prog.parcels[pi];
        let ui = parcel
            .units
            .iter()
            .rposition(|u| u.line_no == line_no)
            .ok_or(FlowError::UnitNotInOpenParcel(line_no))?;
        parcel.units.remove(ui);
        if parcel.units.is_empty() {
            prog.parcels.remove(pi);
        }
        if let Some(l) = prog.lines.iter_mut().find(|l| l.line_no == line_no) {
            l.scanned -= 1;
        }
        Ok(())
    }
}
