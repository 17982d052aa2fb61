//! Steps on the open order: parcels, packaging, weight, line and order exceptions, the label
//! request, and the dispatch that emits the outbound movements.

use crate::manifest::{Order, Slot};

use super::effect::{
    Effect, ExceptionRecord, Movement, OrderException, PackagingOverride, ParcelContent,
    ParcelSpec, ShipmentRequest, WeightOverride,
};
use super::error::FlowError;
use super::event::{ExceptionReason, PackEvent, Packer, Role, WeightVerdict};
use super::keys;
use super::state::{
    LabelStatus, PackState, PackagingChoice, ParcelStatus, PendingLabel, SlotProgress, SlotStatus,
    Station, Step, TrolleyProgress, Weighing,
};

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

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

    fn choose_packaging(
        &mut self,
        packaging_id: String,
        suggested_id: Option<String>,
        override_reason: Option<String>,
    ) -> Result<(), FlowError> {
        if blank(&packaging_id) {
            return Err(FlowError::PackagingMissing);
        }
        let override_reason = override_reason.filter(|r| !blank(r));
        let overridden = suggested_id.as_ref().filter(|s| **s != packaging_id);
        let record = match (overridden, &override_reason) {
            (Some(s), None) => {
                return Err(FlowError::PackagingReasonRequired {
                    chosen: packaging_id,
                    suggested: s.clone(),
                })
            }
            (Some(s), Some(r)) => Some((s.clone(), r.clone())),
            (None, _) => None,
        };
        let order_id = self.order().order_id.clone();
        let claim = self.t.claim.clone();
        let (revision, packer_id) = (self.revision, self.packer.packer_id.clone());
        let p = self
            .prog_mut()
            .parcels
            .iter_mut()
            .find(|p| p.status == ParcelStatus::Closed)
            .ok_or(FlowError::NoOpenParcel)?;
        p.status = ParcelStatus::Packaged;
        p.packaging = Some(PackagingChoice {
            packaging_id: packaging_id.clone(),
            suggested_id,
            override_reason,
        });
        let parcel_no = p.parcel_no;
        *self.step = Step::Weigh {
            last_mismatch_g: None,
        };
        if let Some((suggested_id, reason)) = record {
            self.fx
                .push(Effect::RecordPackagingOverride(PackagingOverride {
                    key: keys::packaging_override(&claim, &order_id, parcel_no, revision),
                    order_id,
                    parcel_no,
                    suggested_id,
                    chosen_id: packaging_id,
                    reason,
                    packer_id,
                }));
        }
        Ok(())
    }

    fn weigh(&mut self, measured_g: u32, verdict: WeightVerdict) -> Result<(), FlowError> {
        if measured_g == 0 {
            return Err(FlowError::WeightInvalid);
        }
        match &verdict {
            WeightVerdict::Mismatch { .. } => {
                *self.step = Step::Weigh {
                    last_mismatch_g: Some(measured_g),
                };
                return Ok(());
            }
            WeightVerdict::Accepted => {}
            WeightVerdict::OverriddenBySupervisor {
                supervisor_id,
                reason,
                ..
            } => {
                if blank(supervisor_id)
                    || (*supervisor_id == self.packer.packer_id
                        && self.packer.role != Role::Supervisor)
                {
                    return Err(FlowError::SupervisorRequired);
                }
                if blank(reason) {
                    return Err(FlowError::OverrideReasonRequired);
                }
            }
        }
        let order_id = self.order().order_id.clone();
        let claim = self.t.claim.clone();
        let (revision, packer_id) = (self.revision, self.packer.packer_id.clone());
        let p = self
            .prog_mut()
            .parcels
            .iter_mut()
            .find(|p| p.status == ParcelStatus::Packaged)
            .ok_or(FlowError::NoOpenParcel)?;
        p.status = ParcelStatus::Sealed;
        p.weighing = Some(Weighing {
            measured_g,
            verdict: verdict.clone(),
        });
        let parcel_no = p.parcel_no;
        if verdict != WeightVerdict::Accepted {
            self.fx.push(Effect::RecordWeightOverride(WeightOverride {
                key: keys::weight_override(&claim, &order_id, parcel_no, revision),
                order_id,
                parcel_no,
                measured_g,
                verdict,
                packer_id,
            }));
        }
        self.advance(ExceptionReason::Short);
        Ok(())
    }

    fn line_exception(
        &mut self,
        line_no: u32,
        reason: ExceptionReason,
        units: u32,
        found_barcode: Option<String>,
    ) -> Result<(), FlowError> {
        if units == 0 {
            return Err(FlowError::ExceptionUnitsZero);
        }
        let line = self
            .prog()
            .line(line_no)
            .ok_or_else(|| FlowError::UnknownLine {
                order_id: self.order().order_id.clone(),
                line_no,
            })?;
        if units > line.remaining() {
            return Err(FlowError::ExceptionExceedsRemaining {
                line_no,
                remaining: line.remaining(),
                asked: units,
            });
        }
        // Missing units are nowhere; damaged units and the wrong item go to the exception
        // location.
        let to =
            (reason != ExceptionReason::Short).then(|| self.station.exception_location.clone());
        self.record_exception(line_no, reason, units, to, found_barcode);
        Ok(())
    }

    fn record_exception(
        &mut self,
        line_no: u32,
        reason: ExceptionReason,
        units: u32,
        to_location: Option<String>,
        found_barcode: Option<String>,
    ) {
        let seq = self.prog().exception_seq;
        let slot = self.slot();
        let sku = slot
            .order
            .lines
            .iter()
            .find(|l| l.line_no == line_no)
            .map(|l| l.item.sku.clone())
            .unwrap_or_default();
        let rec = ExceptionRecord {
            key: keys::line_exception(&self.t.claim, &slot.order.order_id, line_no, seq),
            trolley: self.t.trolley().clone(),
            slot: slot.slot,
            order_id: slot.order.order_id.clone(),
            line_no,
            sku,
            units,
            reason,
            from_location: slot.location.clone(),
            to_location,
            found_barcode,
            packer_id: self.packer.packer_id.clone(),
            station_id: self.station.station_id.clone(),
        };
        let prog = self.prog_mut();
        prog.exception_seq += 1;
        if let Some(l) = prog.lines.iter_mut().find(|l| l.line_no == line_no) {
            l.exception += units;
        }
        self.t.exceptions.push(rec.clone());
        self.fx.push(Effect::RecordException(rec));
    }

    /// After a parcel is sealed or units went to exception: keep verifying while units or an
    /// open parcel remain; otherwise request the label if anything is packed, and if nothing
    /// is left to ship the whole order goes to exception (the rule: an order ships short as
    /// long as at least one unit ships).
    fn advance(&mut self, reason_if_nothing_ships: ExceptionReason) {
        let prog = self.prog();
        if prog.remaining() > 0 || prog.open_parcel().is_some() {
            *self.step = Step::VerifyUnits;
        } else if prog
            .parcels
            .iter()
            .any(|p| p.status == ParcelStatus::Sealed)
        {
            self.request_label();
        } else {
            self.whole_order_exception(reason_if_nothing_ships);
            self.finish_slot();
        }
    }

    fn request_label(&mut self) {
        let slot = self.slot();
        let lines = &slot.order.lines;
        let parcels = self
            .prog()
            .parcels
            .iter()
            .filter(|p| p.status == ParcelStatus::Sealed)
            .map(|p| ParcelSpec {
                parcel_no: p.parcel_no,
                packaging_id: p
                    .packaging
                    .as_ref()
                    .map(|c| c.packaging_id.clone())
                    .unwrap_or_default(),
                weight_g: p.weighing.as_ref().map_or(0, |w| w.measured_g),
                contents: lines
                    .iter()
                    .map(|l| ParcelContent {
                        line_no: l.line_no,
                        sku: l.item.sku.clone(),
                        qty: p.units_of(l.line_no),
                    })
                    .filter(|c| c.qty > 0)
                    .collect(),
            })
            .collect();
        let req = ShipmentRequest {
            key: keys::shipment(&self.t.claim, &slot.order.order_id),
            trolley: self.t.trolley().clone(),
            slot: slot.slot,
            order_id: slot.order.order_id.clone(),
            carrier: slot.order.carrier.clone(),
            service: slot.order.service.clone(),
            parcels,
        };
        self.prog_mut().label = LabelStatus::Requested;
        *self.step = Step::AwaitingLabel;
        self.fx.push(Effect::CreateShipment(req));
    }

    /// The order's sealed parcels leave: one movement per parcel and line.
    fn dispatch(&mut self, label: LabelStatus) {
        let slot = self.t.manifest.slots[self.i].clone();
        let trolley = self.t.trolley().clone();
        let claim = self.t.claim.clone();
        let mut movements = Vec::new();
        let prog = &mut self.t.slots[self.i];
        for p in prog
            .parcels
            .iter_mut()
            .filter(|p| p.status == ParcelStatus::Sealed)
        {
            p.status = ParcelStatus::Dispatched;
            for l in &slot.order.lines {
                let units: Vec<_> = p.units.iter().filter(|u| u.line_no == l.line_no).collect();
                if units.is_empty() {
                    continue;
                }
                movements.push(Movement {
                    key: keys::movement(&claim, &slot.order.order_id, p.parcel_no, l.line_no),
                    trolley: trolley.clone(),
                    slot: slot.slot,
                    order_id: slot.order.order_id.clone(),
                    parcel_no: p.parcel_no,
                    line_no: l.line_no,
                    sku: l.item.sku.clone(),
                    qty: units.len() as u32,
                    from_location: slot.location.clone(),
                    packer_id: self.packer.packer_id.clone(),
                    station_id: self.station.station_id.clone(),
                    captures: units
                        .iter()
                        .map(|u| u.capture.clone())
                        .filter(|c| *c != Default::default())
                        .collect(),
                });
            }
        }
        for m in &movements {
            if let Some(l) = prog.lines.iter_mut().find(|l| l.line_no == m.line_no) {
                l.dispatched += m.qty;
            }
        }
        if label == LabelStatus::Pending {
            self.pending_labels.push(PendingLabel {
                trolley,
                order_id: slot.order.order_id.clone(),
            });
        }
        prog.label = label;
        prog.status = SlotStatus::Dispatched;
        self.t.movements.extend(movements.iter().cloned());
        self.fx
            .extend(movements.into_iter().map(Effect::RecordMovement));
        self.finish_slot();
    }

    /// Everything of the order not yet in exception goes to the exception location; packed
    /// parcels are unpacked (voided) and a requested shipment is cancelled.
    fn whole_order_exception(&mut self, reason: ExceptionReason) {
        let to = self.station.exception_location.clone();
        let outstanding: Vec<(u32, u32)> = self
            .prog()
            .lines
            .iter()
            .map(|l| (l.line_no, l.required - l.dispatched - l.exception))
            .filter(|&(_, n)| n > 0)
            .collect();
        for (line_no, units) in outstanding {
            self.record_exception(line_no, reason, units, Some(to.clone()), None);
        }
        let order_id = self.order().order_id.clone();
        let trolley = self.t.trolley().clone();
        let claim = self.t.claim.clone();
        let slot_no = self.slot().slot;
        let prog = self.prog_mut();
        for l in &mut prog.lines {
            l.scanned = l.dispatched;
        }
        for p in &mut prog.parcels {
            if p.status != ParcelStatus::Dispatched {
                p.status = ParcelStatus::Voided;
            }
        }
        prog.pending_capture = None;
        prog.status = SlotStatus::Exception;
        let cancel = prog.label == LabelStatus::Requested;
        prog.label = LabelStatus::NotRequested;
        if cancel {
            self.fx.push(Effect::CancelShipment {
                key: keys::shipment(&claim, &order_id),
                order_id: order_id.clone(),
            });
        }
        let rec = OrderException {
            key: keys::order_exception(&claim, &order_id),
            trolley,
            slot: slot_no,
            order_id,
            reason,
            to_location: to,
            packer_id: self.packer.packer_id.clone(),
            station_id: self.station.station_id.clone(),
        };
        self.t.order_exceptions.push(rec.clone());
        self.fx.push(Effect::RouteOrderToException(rec));
    }

    fn finish_slot(&mut self) {
        self.t.current_slot = None;
        if self.t.all_done() {
            *self.step = Step::ReleasingTrolley;
            self.fx.push(Effect::ReleaseTrolley {
                trolley: self.t.trolley().clone(),
            });
        } else {
            *self.step = Step::ScanSlot;
        }
    }
}
