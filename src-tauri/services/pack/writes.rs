//! The backend writes each committed step causes, as outbox items.

use packbench_core::pack_flow::{Effect, PackState, WeightVerdict};

use super::super::outbox::movement_item;
use crate::contract::LabelFormat;
use crate::error::StationError;
use crate::ports::{
    NewOutboxItem, OutboxWrite, QueuedShipment, ReleaseTrolley, StoreError, VoidShipment,
};

pub(super) fn item(key: String, trolley: &str, write: OutboxWrite) -> NewOutboxItem {
    NewOutboxItem {
        effect_key: key,
        trolley: trolley.to_owned(),
        write,
    }
}

/// The outbox writes for a step's effects. `before` is the state the step started from (it
/// holds the trolley and claim of effects that do not name them); `revision` the step's own.
pub fn writes_for(
    before: &PackState,
    revision: u64,
    fx: &[Effect],
    label_format: LabelFormat,
) -> Result<Vec<NewOutboxItem>, StationError> {
    let held = before.trolley.as_ref();
    let trolley_of = || {
        held.map(|t| t.trolley().to_string())
            .ok_or_else(|| StoreError::Corrupt("a parcel record without a trolley".into()))
    };
    let mut out = Vec::new();
    for e in fx {
        match e {
            Effect::ClaimTrolley { .. } => {}
            Effect::WithdrawClaim { trolley } => out.push(item(
                format!("wd:{trolley}@{}#{revision}", before.station.station_id),
                trolley.as_str(),
                OutboxWrite::Release(ReleaseTrolley {
                    trolley: trolley.to_string(),
                    withdrawn: true,
                }),
            )),
            Effect::RecordMovement(m) => out.push(movement_item(m)),
            Effect::RecordException(r) => out.push(item(
                r.key.clone(),
                r.trolley.as_str(),
                OutboxWrite::Exception(r.clone()),
            )),
            Effect::RouteOrderToException(o) => out.push(item(
                o.key.clone(),
                o.trolley.as_str(),
                OutboxWrite::OrderException(o.clone()),
            )),
            Effect::RecordPackagingOverride(p) => out.push(item(
                p.key.clone(),
                &trolley_of()?,
                OutboxWrite::PackagingOverride(p.clone()),
            )),
            // A mismatch alone is not recorded: the re-weigh or the supervisor's override is.
            Effect::RecordWeightOverride(w)
                if !matches!(w.verdict, WeightVerdict::OverriddenBySupervisor { .. }) => {}
            Effect::RecordWeightOverride(w) => out.push(item(
                w.key.clone(),
                &trolley_of()?,
                OutboxWrite::WeightOverride(w.clone()),
            )),
            Effect::CreateShipment(s) => out.push(item(
                s.key.clone(),
                s.trolley.as_str(),
                OutboxWrite::Shipment(QueuedShipment {
                    request: s.clone(),
                    label_format,
                }),
            )),
            Effect::CancelShipment { key, order_id } => out.push(item(
                format!("void:{key}"),
                &trolley_of()?,
                OutboxWrite::VoidShipment(VoidShipment {
                    shipment_effect_key: key.clone(),
                    order_id: order_id.clone(),
                }),
            )),
            Effect::ReleaseTrolley { trolley } => {
                let claim = held.map(|t| t.claim.clone()).unwrap_or_default();
                out.push(item(
                    format!("rel:{claim}"),
                    trolley.as_str(),
                    OutboxWrite::Release(ReleaseTrolley {
                        trolley: trolley.to_string(),
                        withdrawn: false,
                    }),
                ))
            }
        }
    }
    Ok(out)
}
