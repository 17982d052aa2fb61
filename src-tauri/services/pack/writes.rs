//! The backend writes each committed step causes, as outbox items.

use packbench_core::pack_flow::{Effect, PackState, WeightVerdict};
use serde::Serialize;

use super::super::outbox::movement_item;
use super::super::outbox::QueuedShipment;
use crate::contract::LabelFormat;
use crate::error::StationError;
use crate::ports::{NewOutboxItem, OutboxKind, ReleaseTrolley, StoreError, VoidShipment};

pub(super) fn item(
    kind: OutboxKind,
    key: String,
    trolley: &str,
    payload: &impl Serialize,
) -> NewOutboxItem {
    NewOutboxItem {
        effect_key: key,
        kind,
        trolley: trolley.to_owned(),
        payload_json: serde_json::to_string(payload).expect("effects serialise"),
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
                OutboxKind::Release,
                format!("wd:{trolley}@{}#{revision}", before.station.station_id),
                trolley.as_str(),
                &ReleaseTrolley {
                    trolley: trolley.to_string(),
                    withdrawn: true,
                },
            )),
            Effect::RecordMovement(m) => out.push(movement_item(m)),
            Effect::RecordException(r) => out.push(item(
                OutboxKind::Exception,
                r.key.clone(),
                r.trolley.as_str(),
                r,
            )),
            Effect::RouteOrderToException(o) => out.push(item(
                OutboxKind::OrderException,
                o.key.clone(),
                o.trolley.as_str(),
                o,
            )),
            Effect::RecordPackagingOverride(p) => out.push(item(
                OutboxKind::PackagingOverride,
                p.key.clone(),
                &trolley_of()?,
                p,
            )),
            // A mismatch alone is not recorded: the re-weigh or the supervisor's override is.
            Effect::RecordWeightOverride(w)
                if !matches!(w.verdict, WeightVerdict::OverriddenBySupervisor { .. }) => {}
            Effect::RecordWeightOverride(w) => out.push(item(
                OutboxKind::WeightOverride,
                w.key.clone(),
                &trolley_of()?,
                w,
            )),
            Effect::CreateShipment(s) => out.push(item(
                OutboxKind::Shipment,
                s.key.clone(),
                s.trolley.as_str(),
                &QueuedShipment {
                    request: s.clone(),
                    label_format,
                },
            )),
            Effect::CancelShipment { key, order_id } => out.push(item(
                OutboxKind::VoidShipment,
                format!("void:{key}"),
                &trolley_of()?,
                &VoidShipment {
                    shipment_effect_key: key.clone(),
                    order_id: order_id.clone(),
                },
            )),
            Effect::ReleaseTrolley { trolley } => {
                let claim = held.map(|t| t.claim.clone()).unwrap_or_default();
                out.push(item(
                    OutboxKind::Release,
                    format!("rel:{claim}"),
                    trolley.as_str(),
                    &ReleaseTrolley {
                        trolley: trolley.to_string(),
                        withdrawn: false,
                    },
                ))
            }
        }
    }
    Ok(out)
}
