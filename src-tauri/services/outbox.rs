//! Delivering the outbox: each queued write goes to the backend under its idempotency key,
//! oldest first per trolley; transient failures (backend down, 5xx, timeouts) are retried with
//! exponential backoff and jitter, permanent refusals are set aside for a supervisor. Together
//! with the backend's idempotency this gives exactly-once writes across crashes and outages.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use packbench_core::pack_flow::{ExceptionReason, Movement, WeightVerdict};
use packbench_core::TrolleyCode;
use tokio::sync::Notify;
use tracing::{info, warn};

use crate::clock::now_ms;
use crate::contract::{
    LineException, LineExceptionReason, MovementBatch, MovementLine, NewShipment, OrderException,
    OrderExceptionReason, OverrideRecord, ParcelContentLine, ParcelRequest, WeightDecision,
};
use crate::ports::{
    BackendApi, BackendError, NewOutboxItem, Outbox, OutboxItem, OutboxWrite, StoreError,
};

/// Writes sent at once (one per trolley).
const DUE_PER_PASS: u32 = 64;

/// First retry after half a second, doubling to at most five minutes.
const BASE_DELAY_MS: u64 = 500;
const MAX_DELAY_MS: u64 = 5 * 60 * 1000;

/// The wait before retry number `attempts` (1 for the first retry): exponential, capped, with
/// up to ±25 % jitter so that stations do not all return to a restarted backend at once.
/// `jitter` is any well-mixed number (a hash of the write's key and attempt).
pub fn retry_delay_ms(attempts: u32, jitter: u64) -> u64 {
    let exp = BASE_DELAY_MS.saturating_mul(1u64 << attempts.saturating_sub(1).min(30));
    let base = exp.min(MAX_DELAY_MS);
    let spread = base / 2; // the jitter window: base ± 25 %
    base - spread / 2 + jitter % (spread + 1)
}

/// FNV-1a over the key and attempt: the jitter source, stable for a given write and try.
fn jitter_of(key: &str, attempts: u32) -> u64 {
    key.bytes()
        .chain(attempts.to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Whether a failed write may succeed later as it is. An answer the station cannot read (a
/// proxy's HTML page, a truncated body, a redirect to a sign-in page) would come back the same:
/// the write is set aside for a supervisor with what was received, rather than block its
/// trolley's queue for ever.
fn is_transient(e: &BackendError) -> bool {
    match e {
        BackendError::Unreachable(_) | BackendError::Busy { .. } => true,
        BackendError::InvalidResponse(_) => false,
        BackendError::Rejected { status, .. } => *status >= 500 || *status == 408 || *status == 429,
        BackendError::TrolleyUnknown(_) | BackendError::TrolleyClaimed { .. } => false,
    }
}

/// The outbox write for one movement fact of the pack flow.
pub fn movement_item(m: &Movement) -> NewOutboxItem {
    let batch = MovementBatch {
        trolley: m.trolley.to_string(),
        order_id: m.order_id.clone(),
        parcel_id: format!("{}-P{}", m.order_id, m.parcel_no),
        packer_id: m.packer_id.clone(),
        movements: vec![MovementLine {
            line_no: m.line_no,
            sku: m.sku.clone(),
            qty: m.qty,
        }],
    };
    NewOutboxItem {
        effect_key: m.key.clone(),
        trolley: m.trolley.to_string(),
        write: OutboxWrite::Movements(batch),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub delivered: u32,
    pub retried: u32,
    pub failed: u32,
}

fn unreadable(item: &OutboxItem, e: impl std::fmt::Display) -> BackendError {
    // Not transient: a queued write that cannot be read will not become readable.
    BackendError::Rejected {
        status: 400,
        code: "queued_write_unreadable".into(),
        message: format!(
            "queued write {} ({}) unreadable: {e}",
            item.seq,
            item.kind.as_str()
        ),
    }
}

fn answer(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).expect("a backend answer serialises")
}

/// Carries out one queued write at the backend, under its idempotency key. The answer is
/// kept with the write (a shipment's labels print from it).
async fn send(
    backend: &dyn BackendApi,
    outbox: &dyn Outbox,
    item: &OutboxItem,
) -> Result<String, BackendError> {
    let key = item.idempotency_key.as_str();
    if crate::crashpoint::drops_write(item.kind.as_str()) {
        return Ok(r#"{"dropped":"a deliberately broken outbox (drill test)"}"#.into());
    }
    let write = item.write.clone().map_err(|e| unreadable(item, e))?;
    match write {
        OutboxWrite::Movements(batch) => Ok(answer(&backend.record_movements(key, &batch).await?)),
        OutboxWrite::Exception(r) => {
            let body = LineException {
                trolley: r.trolley.to_string(),
                slot: r.slot,
                order_id: r.order_id,
                line_no: r.line_no,
                sku: r.sku,
                units: r.units,
                reason: match r.reason {
                    ExceptionReason::Short => LineExceptionReason::Short,
                    ExceptionReason::Damaged => LineExceptionReason::Damaged,
                    ExceptionReason::WrongItem => LineExceptionReason::WrongItem,
                    other => {
                        return Err(unreadable(
                            item,
                            format!("{} is not a line reason", other.code()),
                        ))
                    }
                },
                from_location: r.from_location,
                to_location: r.to_location,
                found_barcode: r.found_barcode,
                packer_id: r.packer_id,
            };
            Ok(answer(&backend.record_exception(key, &body).await?))
        }
        OutboxWrite::OrderException(o) => {
            let body = OrderException {
                trolley: o.trolley.to_string(),
                slot: o.slot,
                order_id: o.order_id,
                reason: match o.reason {
                    ExceptionReason::Short => OrderExceptionReason::Short,
                    ExceptionReason::Damaged => OrderExceptionReason::Damaged,
                    ExceptionReason::WrongItem => OrderExceptionReason::WrongItem,
                    ExceptionReason::WeightMismatch => OrderExceptionReason::WeightMismatch,
                    ExceptionReason::NoLabel => OrderExceptionReason::NoLabel,
                },
                to_location: o.to_location,
                packer_id: o.packer_id,
            };
            Ok(answer(&backend.record_order_exception(key, &body).await?))
        }
        OutboxWrite::PackagingOverride(p) => {
            let body = OverrideRecord::Packaging {
                order_id: p.order_id,
                parcel_no: p.parcel_no,
                suggested_id: p.suggested_id,
                chosen_id: p.chosen_id,
                reason: p.reason,
                packer_id: p.packer_id,
            };
            Ok(answer(&backend.record_override(key, &body).await?))
        }
        OutboxWrite::WeightOverride(w) => {
            let WeightVerdict::OverriddenBySupervisor {
                supervisor_id,
                reason,
                expected_g,
            } = w.verdict
            else {
                return Err(unreadable(item, "only a supervisor's override is recorded"));
            };
            let body = OverrideRecord::Weight {
                order_id: w.order_id,
                parcel_no: w.parcel_no,
                measured_g: w.measured_g,
                expected_g,
                decision: WeightDecision::Overridden {
                    supervisor_id,
                    reason,
                },
                packer_id: w.packer_id,
            };
            Ok(answer(&backend.record_override(key, &body).await?))
        }
        OutboxWrite::Shipment(q) => {
            // Parcel dimensions come from the catalogue (the backend is up: we are sending).
            let catalogue = backend.packaging_catalogue().await?;
            let mut parcels = Vec::new();
            for p in &q.request.parcels {
                let dims = catalogue
                    .iter()
                    .find(|c| c.spec.id == p.packaging_id)
                    .map(|c| c.spec.inner_mm)
                    .ok_or_else(|| BackendError::Rejected {
                        status: 404,
                        code: "packaging_unknown".into(),
                        message: format!("packaging {} is not in the catalogue", p.packaging_id),
                    })?;
                parcels.push(ParcelRequest {
                    parcel_no: p.parcel_no,
                    packaging_id: p.packaging_id.clone(),
                    weight_g: p.weight_g,
                    length_mm: dims[0],
                    width_mm: dims[1],
                    height_mm: dims[2],
                    contents: p
                        .contents
                        .iter()
                        .map(|c| ParcelContentLine {
                            line_no: c.line_no,
                            sku: c.sku.clone(),
                            qty: c.qty,
                        })
                        .collect(),
                });
            }
            let body = NewShipment {
                order_id: q.request.order_id,
                trolley: q.request.trolley.to_string(),
                carrier: q.request.carrier,
                service: q.request.service,
                parcels,
                label_format: q.label_format,
            };
            Ok(answer(&backend.create_shipment(key, &body).await?))
        }
        OutboxWrite::VoidShipment(v) => {
            // Writes of a trolley go in order: the shipment was created (or refused) before.
            let created = match outbox.delivered_shipment(&v.shipment_effect_key).await {
                Ok(created) => created,
                Err(e @ StoreError::Corrupt(_)) => return Err(unreadable(item, e)),
                Err(e) => return Err(BackendError::Unreachable(e.to_string())),
            };
            let Some(shipment) = created else {
                return Ok(r#"{"void":"no shipment was created"}"#.into());
            };
            Ok(answer(
                &backend.void_shipment(key, &shipment.shipment_id).await?,
            ))
        }
        OutboxWrite::Release(r) => {
            let trolley: TrolleyCode = r.trolley.parse().map_err(|e| unreadable(item, e))?;
            match backend.release_trolley(key, &trolley).await {
                Ok(done) => Ok(answer(&done)),
                // A withdrawn claim the backend never granted: nothing to give back.
                Err(BackendError::TrolleyUnknown(_))
                | Err(BackendError::Rejected {
                    status: 404 | 409, ..
                }) if r.withdrawn => Ok(r#"{"withdrawn":"the backend held no claim"}"#.into()),
                Err(e) => Err(e),
            }
        }
    }
}

/// One pass over the writes due at `now_ms`. Per trolley only the oldest pending write is due,
/// so a write never overtakes an earlier one of its trolley.
pub async fn deliver_due(
    backend: &dyn BackendApi,
    outbox: &dyn Outbox,
    now_ms: i64,
) -> Result<DeliveryReport, StoreError> {
    let mut report = DeliveryReport::default();
    loop {
        let due = outbox.due(now_ms, DUE_PER_PASS).await?;
        if due.is_empty() {
            return Ok(report);
        }
        let mut progressed = false;
        // One write per trolley is due at a time, so they can all go at once: order per
        // trolley holds, and a slow trolley does not hold the others up.
        crate::crashpoint::hit(crate::crashpoint::Point::BeforeBackendWrite);
        let results = join_all(due.iter().map(|item| send(backend, outbox, item))).await;
        crate::crashpoint::hit(crate::crashpoint::Point::AfterBackendWrite);
        let mut delivered = Vec::new();
        for (item, sent) in due.iter().zip(results) {
            match sent {
                Ok(response) => {
                    delivered.push((item.seq, response));
                    report.delivered += 1;
                    progressed = true;
                }
                Err(e) if is_transient(&e) => {
                    let attempt = item.attempts + 1;
                    let backoff =
                        retry_delay_ms(attempt, jitter_of(&item.idempotency_key, attempt));
                    // A backend that said when to come back is not asked sooner.
                    let delay = match &e {
                        BackendError::Busy { retry_after_ms, .. } => backoff.max(*retry_after_ms),
                        _ => backoff,
                    };
                    warn!(seq = item.seq, trolley = %item.trolley, attempt, delay_ms = delay, error = %e, "write not delivered; will retry");
                    outbox
                        .mark_retry(item.seq, now_ms + delay as i64, &e.to_string())
                        .await?;
                    report.retried += 1;
                }
                Err(e) => {
                    warn!(seq = item.seq, trolley = %item.trolley, error = %e, "write refused by the backend; set aside for a supervisor");
                    outbox.mark_failed(item.seq, &e.to_string(), now_ms).await?;
                    report.failed += 1;
                    progressed = true;
                }
            }
        }
        // One commit for the pass's deliveries.
        outbox.mark_delivered_all(&delivered, now_ms).await?;
        // Delivered or set-aside writes may have made the next write of their trolley due.
        if !progressed {
            return Ok(report);
        }
    }
}

/// Delivers the outbox for ever (spawn it for the app's life): on every `wake` (a new write
/// was queued) and at least every `poll`, so retries happen when their time comes. Notifies
/// `delivered` after a pass that delivered or set aside something (labels print on that).
pub async fn run_worker(
    backend: Arc<dyn BackendApi>,
    outbox: Arc<dyn Outbox>,
    wake: Arc<Notify>,
    delivered: Arc<Notify>,
    poll: Duration,
) {
    loop {
        match deliver_due(backend.as_ref(), outbox.as_ref(), now_ms()).await {
            Ok(r) if r.delivered + r.failed > 0 => {
                delivered.notify_one();
                info!(
                    delivered = r.delivered,
                    failed = r.failed,
                    retried = r.retried,
                    "outbox delivered"
                )
            }
            Ok(_) => {}
            Err(e) => warn!(error = %e, "outbox unavailable"),
        }
        let _ = tokio::time::timeout(poll, wake.notified()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_to_a_cap_with_bounded_jitter() {
        for attempts in 1..40 {
            let base = (BASE_DELAY_MS << (attempts - 1).min(30)).min(MAX_DELAY_MS);
            for jitter in [0, 1, 77, u64::MAX / 3, u64::MAX] {
                let d = retry_delay_ms(attempts, jitter);
                assert!(
                    d >= base - base / 4 && d <= base + base / 4,
                    "attempt {attempts}: {d} vs {base}"
                );
            }
        }
        assert!(retry_delay_ms(2, 0) > retry_delay_ms(1, u64::MAX));
        assert!(retry_delay_ms(40, u64::MAX) <= MAX_DELAY_MS + MAX_DELAY_MS / 4);
    }

    #[test]
    fn jitter_spreads_writes_apart() {
        let delays: std::collections::BTreeSet<_> = (0..50)
            .map(|i| retry_delay_ms(3, jitter_of(&format!("key-{i}"), 3)))
            .collect();
        assert!(delays.len() > 40, "{} distinct delays", delays.len());
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(is_transient(&BackendError::Unreachable("x".into())));
        assert!(is_transient(&BackendError::Rejected {
            status: 503,
            code: "x".into(),
            message: "x".into()
        }));
        assert!(is_transient(&BackendError::Rejected {
            status: 429,
            code: "x".into(),
            message: "x".into()
        }));
        assert!(is_transient(&BackendError::Busy {
            status: 503,
            retry_after_ms: 30_000
        }));
        assert!(!is_transient(&BackendError::InvalidResponse(
            "HTTP 200 with a body that is not the expected JSON".into()
        )));
        assert!(!is_transient(&BackendError::Rejected {
            status: 409,
            code: "quantity_exceeds_slot".into(),
            message: "x".into()
        }));
        assert!(!is_transient(&BackendError::Rejected {
            status: 422,
            code: "idempotency_key_reused".into(),
            message: "x".into()
        }));
    }
}
