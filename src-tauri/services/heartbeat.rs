//! The station's heartbeat: every few seconds it tells the backend who is packing what, its
//! shift counters, its devices' health and its queued work, for the supervisor's desk. A
//! heartbeat is not queued when the backend is down (a stale one is worth nothing); the next
//! one after an outage says everything again.
//!
//! The heartbeat also carries the alerts the station raises about itself, evaluated here by the
//! desk's own rules ([`packbench_core::desk::evaluate`]) on its devices and its queue: the
//! backend records them for every desk and posts each once to the site's webhook, whether or not
//! a desk is open anywhere.
//!
//! For the fleet's roll-outs it also carries the station's ring and its run since the process
//! started (restarts, orders, units, exceptions, refused writes, reprints, refused scans).

use std::sync::Arc;
use std::time::Duration;

use tracing::debug;

use super::pack::PackService;
use super::Station;
use crate::clock::now_ms;
use crate::contract::{
    AlertSeverity, DeviceHealth, DeviceKind, Heartbeat, OutboxHealth, RunHealth, ShiftCounters,
    StationAlert,
};
use crate::error::StationError;
use crate::ports::{FlowStore, Printer};
use packbench_core::desk::{self, AlertPolicy};

/// A shift, for the counters: the last 12 hours.
const SHIFT_MS: i64 = 12 * 60 * 60 * 1000;

/// The alerts a station raises about itself: the desk's rules on its own devices and queue.
pub fn own_alerts(hb: &Heartbeat, policy: &AlertPolicy) -> Vec<StationAlert> {
    let now = now_ms();
    let facts = super::desk::heartbeat_facts(hb, false, now);
    desk::evaluate(&[facts], policy, now)
        .into_iter()
        .map(|a| StationAlert {
            key: a.key.chars().take(128).collect(),
            kind: a.kind,
            severity: match a.severity {
                desk::Severity::Critical => AlertSeverity::Critical,
                desk::Severity::Warning => AlertSeverity::Warning,
            },
            message: a.message.chars().take(500).collect(),
        })
        .collect()
}

/// What the station would say now.
pub async fn build(
    station: &Station,
    pack: &PackService,
    store: &dyn FlowStore,
    printer: &dyn Printer,
    policy: &AlertPolicy,
) -> Result<Heartbeat, StationError> {
    let view = pack.view().await;
    let backlog = station.backlog().await?;
    let work = store.shift_counters(now_ms() - SHIFT_MS).await?;
    let run = &station.run;
    let this_run = store.shift_counters(run.started_at_ms).await?;
    let printer_health = printer.health().await;
    let scale_health = pack.scale_health().await;
    let mut hb = Heartbeat {
        station_id: station.station_id.clone(),
        packer_id: view.packer.map(|p| p.packer_id),
        trolley: view.trolley.map(|t| t.to_string()),
        slot: view.current_slot,
        step: Some(view.step.as_str().to_owned()),
        counters: ShiftCounters {
            orders_packed: work.orders,
            units_packed: work.units,
            parcels: work.parcels,
            exceptions: work.exceptions,
        },
        devices: vec![
            DeviceHealth {
                kind: DeviceKind::LabelPrinter,
                name: printer.describe(),
                ready: printer_health.ready,
                problems: printer_health.problems,
            },
            DeviceHealth {
                kind: DeviceKind::Scale,
                name: pack.scale_name(),
                ready: scale_health.ready,
                problems: scale_health.problems,
            },
        ],
        outbox: OutboxHealth {
            pending: backlog.pending,
            failed: backlog.failed,
            oldest_pending_age_ms: backlog.oldest_pending_age_ms,
        },
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        sent_at_ms: now_ms().max(0) as u64,
        alerts: Vec::new(),
        ring: station.ring.clone(),
        run: Some(RunHealth {
            started_at_ms: run.started_at_ms.max(0) as u64,
            restarts_since_boot: run.restarts_since_boot,
            orders: this_run.orders,
            units: this_run.units,
            exceptions: this_run.exceptions,
            refused_writes: run.refused_writes(backlog.failed),
            reprints: run.reprints(),
            scan_refusals: run.scan_refusals(),
        }),
    };
    hb.alerts = own_alerts(&hb, policy);
    Ok(hb)
}

/// Sends a heartbeat every `every`, for the station's life.
pub async fn run(
    station: Station,
    pack: Arc<PackService>,
    store: Arc<dyn FlowStore>,
    printer: Arc<dyn Printer>,
    policy: AlertPolicy,
    every: Duration,
) {
    loop {
        match build(&station, &pack, store.as_ref(), printer.as_ref(), &policy).await {
            Ok(hb) => {
                let key = uuid::Uuid::now_v7().to_string();
                let sent = station.backend.heartbeat(&key, &hb).await;
                if let Err(e) = &sent {
                    debug!(error = %e, "heartbeat not delivered");
                }
                let mut h = station.health.lock().unwrap_or_else(|p| p.into_inner());
                h.online = Some(sent.is_ok());
                h.devices = hb
                    .devices
                    .iter()
                    .map(|d| packbench_ipc::DeviceStatus {
                        kind: d.kind.as_str().to_owned(),
                        name: d.name.clone(),
                        ready: d.ready,
                        problems: d.problems.clone(),
                    })
                    .collect();
            }
            Err(e) => debug!(error = %e, "no heartbeat"),
        }
        tokio::time::sleep(every).await;
    }
}
