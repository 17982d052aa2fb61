//! The desk's rows: stations from their heartbeats, and open exceptions and overrides as
//! records, with their CSV export.

use packbench_core::desk::{self, AlertPolicy, DeskRecord, RecordKind, StationFacts};
use packbench_core::site_time::SiteTime;
use packbench_ipc::desk::StationRow;
use packbench_ipc::DeviceStatus;

use crate::contract::{
    Heartbeat, OpenExceptions, OverrideEntry, OverrideRecord, StationStatus, WeightDecision,
};

/// What the alert rules need of a heartbeat, received at `last_seen_ms`.
pub fn heartbeat_facts(h: &Heartbeat, stale: bool, last_seen_ms: i64) -> StationFacts {
    StationFacts {
        station_id: h.station_id.clone(),
        stale,
        last_seen_ms,
        oldest_pending_age_ms: h.outbox.oldest_pending_age_ms,
        failed_writes: h.outbox.failed,
        devices: h
            .devices
            .iter()
            .map(|d| desk::DeviceFacts {
                kind: d.kind.as_str().to_owned(),
                name: d.name.clone(),
                ready: d.ready,
                problems: d.problems.clone(),
            })
            .collect(),
    }
}

pub(super) fn station_row(
    s: &StationStatus,
    recent: &[desk::PackedOrder],
    now: i64,
    policy: &AlertPolicy,
) -> StationRow {
    let h = &s.heartbeat;
    let (orders, units) = desk::last_hour(recent, &s.station_id, now);
    let devices: Vec<DeviceStatus> = h
        .devices
        .iter()
        .map(|d| DeviceStatus {
            kind: d.kind.as_str().to_owned(),
            name: d.name.clone(),
            ready: d.ready,
            problems: d.problems.clone(),
        })
        .collect();
    let backlog_ok = h
        .outbox
        .oldest_pending_age_ms
        .is_none_or(|a| a <= policy.backlog_max_age_ms);
    StationRow {
        station_id: s.station_id.clone(),
        packer_id: h.packer_id.clone(),
        trolley: h.trolley.clone(),
        slot: h.slot,
        step: h.step.clone(),
        orders_last_hour: orders,
        units_last_hour: units,
        shift_orders: h.counters.orders_packed,
        shift_units: h.counters.units_packed,
        healthy: !s.stale && backlog_ok && h.outbox.failed == 0 && devices.iter().all(|d| d.ready),
        devices,
        outbox_pending: h.outbox.pending,
        outbox_failed: h.outbox.failed,
        oldest_pending_age_ms: h.outbox.oldest_pending_age_ms,
        app_version: h.app_version.clone(),
        last_seen_ms: s.last_seen_ms,
        stale: s.stale,
    }
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Open exceptions and overrides as the desk's rows.
pub fn desk_records(
    ex: &OpenExceptions,
    overrides: &[OverrideEntry],
    site: &SiteTime,
) -> Vec<DeskRecord> {
    let mut out = Vec::new();
    for e in &ex.lines {
        let x = &e.exception;
        out.push(DeskRecord {
            kind: RecordKind::LineException,
            recorded_at_ms: e.recorded_at_ms,
            recorded_at_local: site.local_text(e.recorded_at_ms),
            station: e.station.clone(),
            packer_id: x.packer_id.clone(),
            order_id: x.order_id.clone(),
            reason: snake(&x.reason),
            detail: format!(
                "{} slot {} line {} {} x{} from {}{}",
                x.trolley,
                x.slot,
                x.line_no,
                x.sku,
                x.units,
                x.from_location,
                x.to_location
                    .as_deref()
                    .map(|t| format!(" to {t}"))
                    .unwrap_or_default()
            ),
        });
    }
    for e in &ex.orders {
        let x = &e.exception;
        out.push(DeskRecord {
            kind: RecordKind::OrderException,
            recorded_at_ms: e.recorded_at_ms,
            recorded_at_local: site.local_text(e.recorded_at_ms),
            station: e.station.clone(),
            packer_id: x.packer_id.clone(),
            order_id: x.order_id.clone(),
            reason: snake(&x.reason),
            detail: format!("{} slot {} to {}", x.trolley, x.slot, x.to_location),
        });
    }
    for o in overrides {
        let r = match &o.record {
            OverrideRecord::Packaging {
                order_id,
                parcel_no,
                suggested_id,
                chosen_id,
                reason,
                packer_id,
            } => DeskRecord {
                kind: RecordKind::PackagingOverride,
                recorded_at_ms: o.recorded_at_ms,
                recorded_at_local: site.local_text(o.recorded_at_ms),
                station: o.station.clone(),
                packer_id: packer_id.clone(),
                order_id: order_id.clone(),
                reason: reason.clone(),
                detail: format!("parcel {parcel_no}: suggested {suggested_id}, used {chosen_id}"),
            },
            OverrideRecord::Weight {
                order_id,
                parcel_no,
                measured_g,
                expected_g,
                decision,
                packer_id,
            } => {
                let (reason, by) = match decision {
                    WeightDecision::Accepted {} => {
                        ("accepted on re-weighing".to_owned(), String::new())
                    }
                    WeightDecision::Overridden {
                        supervisor_id,
                        reason,
                    } => (reason.clone(), format!(", approved by {supervisor_id}")),
                };
                DeskRecord {
                    kind: RecordKind::WeightOverride,
                    recorded_at_ms: o.recorded_at_ms,
                    recorded_at_local: site.local_text(o.recorded_at_ms),
                    station: o.station.clone(),
                    packer_id: packer_id.clone(),
                    order_id: order_id.clone(),
                    reason,
                    detail: format!(
                        "parcel {parcel_no}: expected {expected_g} g, measured {measured_g} g{by}"
                    ),
                }
            }
        };
        out.push(r);
    }
    out
}

/// The rows as CSV with the time in UTC and on the site's clock (RFC 4180: fields with commas, quotes or line breaks quoted, quotes
/// doubled), with a header.
pub fn records_csv(rows: &[DeskRecord]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "recorded_at_utc",
        "recorded_at_ms",
        "kind",
        "station",
        "packer_id",
        "order_id",
        "reason",
        "detail",
        "recorded_at_local",
    ])?;
    for r in rows {
        w.write_record([
            desk::utc_text(r.recorded_at_ms),
            r.recorded_at_ms.to_string(),
            r.kind.as_str().to_owned(),
            r.station.clone(),
            r.packer_id.clone(),
            r.order_id.clone(),
            r.reason.clone(),
            r.detail.clone(),
            r.recorded_at_local.clone(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
