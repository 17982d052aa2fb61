//! Units of a line, or a whole order, sent to exception: the records with their keys, the
//! counts, and for a whole order its voided parcels and cancelled shipment.

use super::Ctx;
use crate::pack_flow::effect::{Effect, ExceptionRecord, OrderException};
use crate::pack_flow::error::FlowError;
use crate::pack_flow::event::ExceptionReason;
use crate::pack_flow::keys;
use crate::pack_flow::state::{LabelStatus, ParcelStatus, SlotStatus};

impl Ctx<'_> {
    pub(super) fn line_exception(
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

    pub(super) fn record_exception(
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

    /// Everything of the order not yet in exception goes to the exception location; packed
    /// parcels are unpacked (voided) and a requested shipment is cancelled.
    pub(super) fn whole_order_exception(&mut self, reason: ExceptionReason) {
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
}
