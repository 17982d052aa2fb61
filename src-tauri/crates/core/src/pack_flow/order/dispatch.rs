//! What follows a sealed parcel or an exception: verify on, request the label, or dispatch the
//! order's parcels as outbound movements and move on to the next slot or the release.

use super::Ctx;
use crate::pack_flow::effect::{Effect, Movement, ParcelContent, ParcelSpec, ShipmentRequest};
use crate::pack_flow::event::ExceptionReason;
use crate::pack_flow::keys;
use crate::pack_flow::state::{LabelStatus, ParcelStatus, PendingLabel, SlotStatus, Step};

impl Ctx<'_> {
    /// After a parcel is sealed or units went to exception: keep verifying while units or an
    /// open parcel remain; otherwise request the label if anything is packed, and if nothing
    /// is left to ship the whole order goes to exception (the rule: an order ships short as
    /// long as at least one unit ships).
    pub(super) fn advance(&mut self, reason_if_nothing_ships: ExceptionReason) {
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

    pub(super) fn request_label(&mut self) {
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
    pub(super) fn dispatch(&mut self, label: LabelStatus) {
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

    pub(super) fn finish_slot(&mut self) {
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
