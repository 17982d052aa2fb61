//! The supervisor's desk at a station: what the desk screens ask for, answered from the
//! backend's supervisor reads under the signed-in supervisor's session, and the supervisor's
//! actions (release a stale claim, void or reprint a label, decide a station's weight override
//! request).
//!
//! Only a supervisor reaches it: every call checks that the pack flow's signed-in person is a
//! supervisor and that the session token kept in memory at sign-in is theirs (the backend checks
//! the role again on every supervisor endpoint). The token never leaves memory: it is not saved,
//! logged or shown.
//!
//! Alerts are evaluated on each overview poll ([`packbench_core::desk::evaluate`]); an alert
//! newly raised is posted once to the configured webhook (`[desk] webhook_url`,
//! Slack-compatible `{"text": ...}`), in the background, never on every poll.

use std::path::PathBuf;
use std::sync::Arc;

use packbench_core::desk::{
    self, Alert, AlertPolicy, AlertTracker, DeskRecord, GroupBy, RecordFilter, RecordKind,
    StationFacts, WorkModel,
};
use packbench_core::pack_flow::Role;
use packbench_core::TrolleyCode;
use packbench_ipc::desk::{
    DeskAction, DeskExportResponse, DeskOverviewResponse, DeskProductivityResponse,
    DeskRecordsResponse, Period, StationRow, WeightRequestView,
};
use packbench_ipc::{DeviceStatus, IpcError};
use tracing::{info, warn};

use super::pack::{label_documents, label_fits, PackService};
use super::Station;
use crate::adapters::http_backend::HttpBackend;
use crate::clock::now_ms;
use crate::config::DeskSettings;
use crate::contract::{
    ForceRelease, LabelFormat, OpenExceptions, OverrideEntry, OverrideRecord, ShipmentStatus,
    StationStatus, WeightDecision, WeightRequestDecision,
};
use crate::error::StationError;
use crate::ports::{BackendApi, FlowStore, LabelOutput, PrintRecord, PrintStatus};

/// The signed-in supervisor's session, for one call. The token stays out of `Debug`.
struct Session {
    token: String,
    supervisor_id: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("supervisor_id", &self.supervisor_id)
            .finish_non_exhaustive()
    }
}

pub struct DeskService {
    station: Station,
    pack: Arc<PackService>,
    backend: HttpBackend,
    store: Arc<dyn FlowStore>,
    printer: Arc<dyn LabelOutput>,
    label_format: LabelFormat,
    exports_dir: PathBuf,
    settings: DeskSettings,
    model: WorkModel,
    alerts: std::sync::Mutex<AlertTracker>,
    webhook: reqwest::Client,
}

fn backend_err(e: crate::ports::BackendError) -> IpcError {
    StationError::from(e).into()
}

fn refused(reason: &str, message: impl Into<String>) -> IpcError {
    IpcError::refused(reason, message)
}

impl DeskService {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        station: Station,
        pack: Arc<PackService>,
        backend: HttpBackend,
        store: Arc<dyn FlowStore>,
        printer: Arc<dyn LabelOutput>,
        label_format: LabelFormat,
        data_dir: &std::path::Path,
        settings: DeskSettings,
    ) -> Self {
        DeskService {
            station,
            pack,
            backend,
            store,
            printer,
            label_format,
            exports_dir: data_dir.join("exports"),
            settings,
            model: WorkModel::default(),
            alerts: Default::default(),
            webhook: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(5))
                .build()
                .unwrap_or_default(),
        }
    }

    /// The supervisor signed in at this station, or a refusal a packer understands.
    async fn session(&self) -> Result<Session, IpcError> {
        let who = self.pack.view().await.packer;
        match (who, self.pack.supervisor_session()) {
            (Some(p), Some(s)) if p.role == Role::Supervisor && p.packer_id == s.packer_id => {
                Ok(Session {
                    token: s.session_token,
                    supervisor_id: p.packer_id,
                })
            }
            _ => Err(refused(
                "supervisor_only",
                "The supervisor's desk needs a supervisor's sign-in: sign out, then scan a supervisor's badge.",
            )),
        }
    }

    /// Stations, alerts and waiting weight requests: what the desk polls every few seconds.
    pub async fn overview(&self) -> Result<DeskOverviewResponse, IpcError> {
        let s = self.session().await?;
        let now = now_ms();
        let stations = self.backend.stations(&s.token).await.map_err(backend_err)?;
        let recent = self
            .backend
            .packed_orders(&s.token, now - desk::HOUR_MS, now + 1)
            .await
            .map_err(backend_err)?;
        let requests = self
            .backend
            .pending_weight_requests(&s.token)
            .await
            .map_err(backend_err)?;
        let policy = AlertPolicy {
            backlog_max_age_ms: self.settings.backlog_alert_ms,
        };
        let facts: Vec<StationFacts> = stations.iter().map(station_facts).collect();
        let current = desk::evaluate(&facts, &policy, now);
        let (changes, active) = {
            let mut t = self.alerts.lock().unwrap_or_else(|p| p.into_inner());
            let c = t.update(now, current);
            (c, t.active())
        };
        for a in &changes.raised {
            warn!(alert = %a.key, "desk alert raised");
        }
        for a in &changes.cleared {
            info!(alert = %a.key, "desk alert cleared");
        }
        if let (Some(url), false) = (&self.settings.webhook_url, changes.raised.is_empty()) {
            let (client, url, raised) = (self.webhook.clone(), url.clone(), changes.raised);
            tokio::spawn(async move {
                if let Err(e) = post_alerts(&client, &url, &raised).await {
                    warn!(error = %e, "desk webhook not delivered");
                }
            });
        }
        let rows = stations
            .iter()
            .map(|st| station_row(st, &recent, now, &policy))
            .collect();
        Ok(DeskOverviewResponse {
            supervisor_id: s.supervisor_id,
            stations: rows,
            alerts: active,
            weight_requests: requests
                .into_iter()
                .map(|r| WeightRequestView {
                    request_id: r.request_id,
                    station_id: r.station,
                    packer_id: r.packer_id,
                    order_id: r.order_id,
                    parcel_no: r.parcel_no,
                    expected_g: r.expected_g,
                    measured_g: r.measured_g,
                    requested_at_ms: r.requested_at_ms,
                })
                .collect(),
            backlog_alert_ms: self.settings.backlog_alert_ms,
            webhook: self.settings.webhook_url.is_some(),
            now_ms: now,
        })
    }

    /// Complexity-adjusted work per packer and per station over the shift or the week.
    pub async fn productivity(&self, period: Period) -> Result<DeskProductivityResponse, IpcError> {
        let s = self.session().await?;
        let now = now_ms();
        let (from, to) = period.span(now);
        let orders = self
            .backend
            .packed_orders(&s.token, from, to)
            .await
            .map_err(backend_err)?;
        Ok(DeskProductivityResponse {
            period,
            buckets: period.buckets(now),
            packers: desk::productivity(&orders, &self.model, period, GroupBy::Packer, now),
            stations: desk::productivity(&orders, &self.model, period, GroupBy::Station, now),
            model: self.model,
        })
    }

    /// Open exceptions and all overrides, as rows, filtered.
    pub async fn records(&self, filter: &RecordFilter) -> Result<DeskRecordsResponse, IpcError> {
        let all = self.all_records().await?;
        Ok(DeskRecordsResponse {
            total: all.len(),
            records: filter.apply(&all),
        })
    }

    async fn all_records(&self) -> Result<Vec<DeskRecord>, IpcError> {
        let s = self.session().await?;
        let exceptions = self
            .backend
            .open_exceptions(&s.token)
            .await
            .map_err(backend_err)?;
        let overrides = self
            .backend
            .overrides(&s.token, None)
            .await
            .map_err(backend_err)?;
        Ok(desk_records(&exceptions, &overrides))
    }

    /// Writes the filtered rows as CSV: to `path` (absolute, its folder existing), else to
    /// `<data dir>/exports/`. Returns where.
    pub async fn export(
        &self,
        filter: &RecordFilter,
        path: Option<&str>,
    ) -> Result<DeskExportResponse, IpcError> {
        let rows = filter.apply(&self.all_records().await?);
        let path = match path.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => {
                let p = PathBuf::from(p);
                if !p.is_absolute() {
                    return Err(refused(
                        "export_path",
                        format!(
                            "{}: give a full path, like /home/supervisor/exceptions.csv",
                            p.display()
                        ),
                    ));
                }
                p
            }
            None => {
                std::fs::create_dir_all(&self.exports_dir).map_err(|e| {
                    StationError::Store(crate::ports::StoreError(format!(
                        "cannot create {}: {e}",
                        self.exports_dir.display()
                    )))
                })?;
                self.exports_dir.join(format!(
                    "desk-{}.csv",
                    desk::utc_text(now_ms()).replace([':', ' '], "")
                ))
            }
        };
        let bytes =
            records_csv(&rows).map_err(|e| IpcError::new(packbench_ipc::ErrorCode::Internal, e))?;
        std::fs::write(&path, bytes).map_err(|e| {
            refused(
                "export_failed",
                format!(
                    "cannot write {}: {e}. Choose a folder you may write to.",
                    path.display()
                ),
            )
        })?;
        info!(path = %path.display(), rows = rows.len(), "desk export written");
        Ok(DeskExportResponse {
            path: path.display().to_string(),
            rows: rows.len(),
        })
    }

    /// Carries out a supervisor's action; answers what was done.
    pub async fn act(&self, action: DeskAction) -> Result<String, IpcError> {
        let s = self.session().await?;
        let key = uuid::Uuid::now_v7().to_string();
        match action {
            DeskAction::ForceRelease { trolley, reason } => {
                let code: TrolleyCode = trolley
                    .trim()
                    .parse()
                    .map_err(|e| refused("trolley_code", format!("{trolley}: {e}")))?;
                let reason = needs_reason(&reason)?;
                self.backend
                    .force_release(&key, &s.token, &code, &ForceRelease { reason })
                    .await
                    .map_err(backend_err)?;
                info!(trolley = %code, supervisor = %s.supervisor_id, "claim released from the desk");
                Ok(format!(
                    "{code} released: another station may claim it now."
                ))
            }
            DeskAction::VoidLabel { order_id } => {
                let order_id = order_id.trim();
                let live = self.live_shipment(order_id).await?;
                self.backend
                    .void_shipment(&key, &live.shipment_id)
                    .await
                    .map_err(backend_err)?;
                info!(order = %order_id, shipment = %live.shipment_id, supervisor = %s.supervisor_id, "label voided from the desk");
                let tracking: Vec<&str> = live
                    .parcels
                    .iter()
                    .map(|p| p.tracking_number.as_str())
                    .collect();
                Ok(format!(
                    "Shipment {} of {order_id} voided ({}): its labels must not be used; the order may ship again.",
                    live.shipment_id,
                    tracking.join(", ")
                ))
            }
            DeskAction::Reprint { order_id } => {
                let n = self.reprint(order_id.trim()).await?;
                Ok(format!(
                    "{n} label(s) of {} sent to {}.",
                    order_id.trim(),
                    self.printer.describe()
                ))
            }
            DeskAction::DecideWeight {
                request_id,
                approve,
                reason,
            } => {
                let reason = needs_reason(&reason)?;
                let r = self
                    .backend
                    .decide_weight_request(
                        &key,
                        &s.token,
                        request_id.trim(),
                        &WeightRequestDecision { approve, reason },
                    )
                    .await
                    .map_err(backend_err)?;
                info!(request = %r.request_id, approve, supervisor = %s.supervisor_id, "weight override request decided");
                Ok(format!(
                    "{} {} for {} parcel {} at {}.",
                    r.request_id,
                    if approve { "approved" } else { "declined" },
                    r.order_id,
                    r.parcel_no,
                    r.station
                ))
            }
        }
    }

    async fn live_shipment(&self, order_id: &str) -> Result<crate::contract::Shipment, IpcError> {
        self.backend
            .shipments_for_order(order_id)
            .await
            .map_err(backend_err)?
            .into_iter()
            .rev()
            .find(|s| s.status == ShipmentStatus::Active)
            .ok_or_else(|| {
                refused(
                    "no_live_shipment",
                    format!("{order_id} has no live shipment: check the order id (voided ones cannot be printed)."),
                )
            })
    }

    /// Prints the order's live shipment's labels at this station's label printer, recorded as a
    /// print job of its own (`desk:<shipment>`, copies counted from 1).
    async fn reprint(&self, order_id: &str) -> Result<usize, IpcError> {
        let live = self.live_shipment(order_id).await?;
        let json = serde_json::to_string(&live)
            .map_err(|e| IpcError::new(packbench_ipc::ErrorCode::Internal, e.to_string()))?;
        let (tracking, jobs) = label_documents(&json)
            .map_err(|e| StationError::Backend(crate::ports::BackendError::InvalidResponse(e)))?;
        if jobs.is_empty() {
            return Err(refused(
                "no_label_document",
                format!("The backend holds no label document for {order_id}."),
            ));
        }
        let shipment_key = format!("desk:{}", live.shipment_id);
        let copy = self
            .store
            .print_jobs_of(order_id)
            .await
            .map_err(StationError::from)?
            .iter()
            .filter(|j| j.shipment_key == shipment_key)
            .map(|j| j.copy)
            .max()
            .unwrap_or(0)
            + 1;
        let record = PrintRecord {
            shipment_key: shipment_key.clone(),
            copy,
            order_id: order_id.to_owned(),
            trolley: "desk".into(),
            status: PrintStatus::Printing,
            tracking_numbers: tracking,
            error: None,
        };
        self.store
            .begin_print(&record, now_ms())
            .await
            .map_err(StationError::from)?;
        let n = jobs.len();
        let mut result = Ok(());
        for mut job in jobs {
            if let Err(e) = label_fits(&job, self.label_format) {
                result = Err(e);
                break;
            }
            job.job_id = format!("{shipment_key}#{}c{copy}", job.job_id);
            if let Err(e) = self.printer.print(job).await {
                result = Err(e);
                break;
            }
        }
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.as_str())),
        };
        self.store
            .finish_print(&shipment_key, copy, status, error, now_ms())
            .await
            .map_err(StationError::from)?;
        result.map_err(|e| StationError::Device(format!("{}: {e}", self.printer.describe())))?;
        info!(order = %order_id, shipment = %live.shipment_id, copy, station = %self.station.station_id, "labels reprinted from the desk");
        Ok(n)
    }
}

fn needs_reason(reason: &str) -> Result<String, IpcError> {
    let r = reason.trim();
    if r.is_empty() || r.chars().count() > 200 || r.chars().any(char::is_control) {
        return Err(refused(
            "reason_needed",
            "Give a reason (1-200 characters, one line): it is kept with the action.",
        ));
    }
    Ok(r.to_owned())
}

fn device_kind(k: crate::contract::DeviceKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn station_facts(s: &StationStatus) -> StationFacts {
    StationFacts {
        station_id: s.station_id.clone(),
        stale: s.stale,
        last_seen_ms: s.last_seen_ms,
        oldest_pending_age_ms: s.heartbeat.outbox.oldest_pending_age_ms,
        failed_writes: s.heartbeat.outbox.failed,
        devices: s
            .heartbeat
            .devices
            .iter()
            .map(|d| desk::DeviceFacts {
                kind: device_kind(d.kind),
                name: d.name.clone(),
                ready: d.ready,
                problems: d.problems.clone(),
            })
            .collect(),
    }
}

fn station_row(
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
            kind: device_kind(d.kind),
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
pub fn desk_records(ex: &OpenExceptions, overrides: &[OverrideEntry]) -> Vec<DeskRecord> {
    let mut out = Vec::new();
    for e in &ex.lines {
        let x = &e.exception;
        out.push(DeskRecord {
            kind: RecordKind::LineException,
            recorded_at_ms: e.recorded_at_ms,
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

/// The rows as CSV (RFC 4180: fields with commas, quotes or line breaks quoted, quotes
/// doubled), with a header.
pub fn records_csv(rows: &[DeskRecord]) -> Result<Vec<u8>, String> {
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
    ])
    .map_err(|e| e.to_string())?;
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
        ])
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// Posts each alert to a Slack-compatible webhook as `{"text": ...}`.
pub async fn post_alerts(
    client: &reqwest::Client,
    url: &str,
    alerts: &[Alert],
) -> Result<(), String> {
    for a in alerts {
        let severity = match a.severity {
            desk::Severity::Critical => "CRITICAL",
            desk::Severity::Warning => "warning",
        };
        let body = serde_json::json!({ "text": format!("Packbench {severity}: {}", a.message) });
        let resp = client
            .post(url)
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("webhook: {e}"))?;
        if !resp.status().is_success() {
            return Err(format!("webhook answered {}", resp.status()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(reason: &str, detail: &str) -> DeskRecord {
        DeskRecord {
            kind: RecordKind::PackagingOverride,
            recorded_at_ms: 1_764_158_400_000,
            station: "ST-01".into(),
            packer_id: "PK-0001".into(),
            order_id: "SO-1".into(),
            reason: reason.into(),
            detail: detail.into(),
        }
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_reads_back() {
        let rows = vec![
            row("box \"XL\", crushed", "line one\nline two"),
            row("plain", "parcel 1: suggested BX-S, used BX-M"),
        ];
        let bytes = records_csv(&rows).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.starts_with("recorded_at_utc,recorded_at_ms,kind,"),
            "{text}"
        );
        assert!(text.contains("\"box \"\"XL\"\", crushed\""), "{text}");
        assert!(text.contains("\"line one\nline two\""), "{text}");
        assert!(text.contains("2025-11-26 12:00:00"), "{text}");
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let back: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(back.len(), 2);
        assert_eq!(&back[0][6], "box \"XL\", crushed");
        assert_eq!(&back[0][7], "line one\nline two");
        assert_eq!(&back[1][2], "packaging_override");
    }

    #[tokio::test]
    async fn raised_alerts_are_posted_as_slack_text() {
        use axum::routing::post;
        let got = Arc::new(tokio::sync::Mutex::new(Vec::<serde_json::Value>::new()));
        let sink = got.clone();
        let app = axum::Router::new().route(
            "/hook",
            post(move |axum::Json(v): axum::Json<serde_json::Value>| {
                let sink = sink.clone();
                async move {
                    sink.lock().await.push(v);
                    "ok"
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

        let mut stale = StationFacts {
            station_id: "ST-09".into(),
            stale: true,
            last_seen_ms: 0,
            oldest_pending_age_ms: None,
            failed_writes: 0,
            devices: vec![],
        };
        let mut tracker = AlertTracker::default();
        let client = reqwest::Client::new();
        let url = format!("http://{addr}/hook");
        // Three polls of the same offline station: one post.
        for now in [120_000, 123_000, 126_000] {
            let c = tracker.update(
                now,
                desk::evaluate(std::slice::from_ref(&stale), &AlertPolicy::default(), now),
            );
            post_alerts(&client, &url, &c.raised).await.unwrap();
        }
        stale.stale = false;
        let c = tracker.update(
            130_000,
            desk::evaluate(&[stale], &AlertPolicy::default(), 130_000),
        );
        post_alerts(&client, &url, &c.raised).await.unwrap();
        let got = got.lock().await;
        assert_eq!(got.len(), 1, "{got:?}");
        let text = got[0]["text"].as_str().unwrap();
        assert!(
            text.contains("CRITICAL") && text.contains("ST-09 is offline"),
            "{text}"
        );

        let refused =
            post_alerts(&client, &format!("http://{addr}/nowhere"), &tracker_alert()).await;
        assert!(refused.unwrap_err().contains("404"));
    }

    fn tracker_alert() -> Vec<Alert> {
        let st = StationFacts {
            station_id: "ST-01".into(),
            stale: true,
            last_seen_ms: 0,
            oldest_pending_age_ms: None,
            failed_writes: 0,
            devices: vec![],
        };
        desk::evaluate(&[st], &AlertPolicy::default(), 60_000)
    }
}
