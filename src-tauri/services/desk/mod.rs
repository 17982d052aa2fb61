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
//! Hours, days and shifts are the site's (`[site]` in the config): the station turns them into
//! instants and local labels, so the UI does no time-zone arithmetic.
//!
//! Alerts are the backend's (`GET /v1/alerts`): stations raise their own in their heartbeats
//! ([`crate::services::heartbeat`]) and the backend raises `station_offline`, so every desk shows
//! the same list and the site's webhook gets each alert once, from the backend, desk open or not.

use std::path::PathBuf;
use std::sync::Arc;

use packbench_core::desk::{
    self, Alert, AlertPolicy, DeskRecord, GroupBy, RecordFilter, Window, WorkModel,
};
use packbench_core::pack_flow::Role;
use packbench_core::site_time::SiteTime;
use packbench_core::TrolleyCode;
use packbench_ipc::desk::{
    DecisionView, DeskAction, DeskDone, DeskExportResponse, DeskOverviewResponse,
    DeskProductivityResponse, DeskRecordsResponse, DeskRolloutResponse, Period, RingStep, RingView,
    ShiftView, WeightRequestView,
};
use tracing::info;

use super::pack::{label_documents, PackService};
use super::Station;
use crate::clock::now_ms;
use crate::config::DeskSettings;
use crate::contract::{
    AlertRecord, AlertSeverity, ForceRelease, RingStatus, RolloutAction, RolloutActionKind,
    RolloutDecision, RolloutOverview, ShipmentStatus, WeightRequestDecision,
};
use crate::error::StationError;
use crate::ports::{Exports, FlowStore, PrintRecord, PrintStatus, Printer, SupervisorApi};

mod rows;
#[cfg(test)]
mod tests;

use rows::station_row;
pub use rows::{desk_records, heartbeat_facts, records_csv};

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
    backend: Arc<dyn SupervisorApi>,
    store: Arc<dyn FlowStore>,
    printer: Arc<dyn Printer>,
    exports: Arc<dyn Exports>,
    settings: DeskSettings,
    site: SiteTime,
    model: WorkModel,
}

/// What the desk's ports it is built from.
pub struct DeskPorts {
    pub backend: Arc<dyn SupervisorApi>,
    pub store: Arc<dyn FlowStore>,
    pub printer: Arc<dyn Printer>,
    pub exports: Arc<dyn Exports>,
}

/// An alert as the desk shows it.
fn alert_view(a: AlertRecord) -> Alert {
    Alert {
        key: a.key,
        kind: a.kind,
        severity: match a.severity {
            AlertSeverity::Critical => desk::Severity::Critical,
            AlertSeverity::Warning => desk::Severity::Warning,
        },
        station_id: a.station_id,
        message: a.message,
        raised_at_ms: a.raised_at_ms,
    }
}

fn refused(reason: &'static str, message: impl Into<String>) -> StationError {
    StationError::Refused {
        reason,
        message: message.into(),
    }
}

impl DeskService {
    pub fn new(
        station: Station,
        pack: Arc<PackService>,
        ports: DeskPorts,
        settings: DeskSettings,
        site: SiteTime,
    ) -> Self {
        DeskService {
            station,
            pack,
            backend: ports.backend,
            store: ports.store,
            printer: ports.printer,
            exports: ports.exports,
            settings,
            site,
            model: WorkModel::default(),
        }
    }

    /// The supervisor signed in at this station, or a refusal a packer understands.
    async fn session(&self) -> Result<Session, StationError> {
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
    pub async fn overview(&self) -> Result<DeskOverviewResponse, StationError> {
        let s = self.session().await?;
        let now = now_ms();
        let stations = self.backend.stations(&s.token).await?;
        let recent = self
            .backend
            .packed_orders(&s.token, now - desk::HOUR_MS, now + 1)
            .await?;
        let requests = self.backend.pending_weight_requests(&s.token).await?;
        let policy = AlertPolicy {
            backlog_max_age_ms: self.settings.backlog_alert_ms,
        };
        let active: Vec<Alert> = self
            .backend
            .alerts(&s.token)
            .await?
            .into_iter()
            .map(alert_view)
            .collect();
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

    /// Complexity-adjusted work per packer and per station over the current or previous shift
    /// (local hours) or the last 7 local days, on the site's clock.
    pub async fn productivity(
        &self,
        period: Period,
    ) -> Result<DeskProductivityResponse, StationError> {
        let s = self.session().await?;
        let now = now_ms();
        let window = Window::at(&self.site, period, now);
        let (from, to) = window.span();
        // The current shift's later hours have no orders yet: ask only up to now.
        let orders = self
            .backend
            .packed_orders(&s.token, from, to.min(now + 1))
            .await?;
        let bounds = window.bounds();
        Ok(DeskProductivityResponse {
            period,
            zone: self.site.zone_name().to_owned(),
            shift: window.shift.map(|(name, hours)| ShiftView { name, hours }),
            bucket_labels: window.buckets.into_iter().map(|b| b.label).collect(),
            packers: desk::productivity(&orders, &self.model, &bounds, GroupBy::Packer),
            stations: desk::productivity(&orders, &self.model, &bounds, GroupBy::Station),
            buckets: bounds,
            model: self.model,
        })
    }

    /// Open exceptions and all overrides, as rows, filtered.
    pub async fn records(
        &self,
        filter: &RecordFilter,
    ) -> Result<DeskRecordsResponse, StationError> {
        let all = self.all_records().await?;
        Ok(DeskRecordsResponse {
            total: all.len(),
            records: filter.apply(&all),
        })
    }

    async fn all_records(&self) -> Result<Vec<DeskRecord>, StationError> {
        let s = self.session().await?;
        let exceptions = self.backend.open_exceptions(&s.token).await?;
        let overrides = self.backend.overrides(&s.token, None).await?;
        Ok(desk_records(&exceptions, &overrides, &self.site))
    }

    /// Writes the filtered rows as CSV: to `path` (absolute, its folder existing), else to
    /// `<data dir>/exports/`. Returns where.
    pub async fn export(
        &self,
        filter: &RecordFilter,
        path: Option<&str>,
    ) -> Result<DeskExportResponse, StationError> {
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
                Some(p)
            }
            None => None,
        };
        let name = format!(
            "desk-{}.csv",
            desk::utc_text(now_ms()).replace([':', ' '], "")
        );
        let bytes = records_csv(&rows).map_err(|e| {
            refused(
                "export_failed",
                format!("the rows cannot be written as CSV: {e}"),
            )
        })?;
        let path = self.exports.write(path, &name, bytes).await?;
        info!(path = %path.display(), rows = rows.len(), "desk export written");
        Ok(DeskExportResponse {
            path: path.display().to_string(),
            rows: rows.len(),
        })
    }

    /// The fleet's roll-out, ring by ring, as the backend's controller holds it.
    pub async fn rollout(&self) -> Result<DeskRolloutResponse, StationError> {
        let s = self.session().await?;
        Ok(rollout_view(
            self.backend.rollout(&s.token).await?,
            now_ms(),
        ))
    }

    /// Carries out a supervisor's action; answers what was done.
    pub async fn act(&self, action: DeskAction) -> Result<DeskDone, StationError> {
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
                    .await?;
                info!(trolley = %code, supervisor = %s.supervisor_id, "claim released from the desk");
                Ok(DeskDone::Released {
                    trolley: code.to_string(),
                })
            }
            DeskAction::VoidLabel { order_id } => {
                let order_id = order_id.trim();
                let live = self.live_shipment(order_id).await?;
                self.station
                    .backend
                    .void_shipment(&key, &live.shipment_id)
                    .await?;
                info!(order = %order_id, shipment = %live.shipment_id, supervisor = %s.supervisor_id, "label voided from the desk");
                Ok(DeskDone::Voided {
                    order_id: order_id.to_owned(),
                    shipment_id: live.shipment_id.to_string(),
                    tracking: live
                        .parcels
                        .iter()
                        .map(|p| p.tracking_number.to_string())
                        .collect(),
                })
            }
            DeskAction::Reprint { order_id } => {
                let labels = self.reprint(order_id.trim()).await?;
                Ok(DeskDone::Reprinted {
                    order_id: order_id.trim().to_owned(),
                    labels,
                    printer: self.printer.describe().to_string(),
                })
            }
            DeskAction::Rollout { ring, step, reason } => {
                let reason = needs_reason(&reason)?;
                let action = RolloutAction {
                    action: match step {
                        RingStep::Hold => RolloutActionKind::Hold,
                        RingStep::Resume => RolloutActionKind::Resume,
                        RingStep::RollBack => RolloutActionKind::RollBack,
                    },
                    reason,
                };
                let r = self
                    .backend
                    .rollout_action(&key, &s.token, ring.trim(), &action)
                    .await?;
                info!(ring = %r.ring, ?step, version = ?r.version, supervisor = %s.supervisor_id, "roll-out ring changed from the desk");
                Ok(DeskDone::Rollout {
                    ring: r.ring,
                    step,
                    version: r.version,
                })
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
                    .await?;
                info!(request = %r.request_id, approve, supervisor = %s.supervisor_id, "weight override request decided");
                Ok(DeskDone::Decided {
                    request_id: r.request_id.to_string(),
                    approved: approve,
                    order_id: r.order_id.to_string(),
                    parcel_no: r.parcel_no,
                    station: r.station.to_string(),
                })
            }
        }
    }

    async fn live_shipment(
        &self,
        order_id: &str,
    ) -> Result<crate::contract::Shipment, StationError> {
        self.backend
            .shipments_for_order(order_id)
            .await?
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
    async fn reprint(&self, order_id: &str) -> Result<usize, StationError> {
        let live = self.live_shipment(order_id).await?;
        let docs = label_documents(&live)?;
        let (tracking, jobs) = (docs.tracking_numbers, docs.jobs);
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
            .await?
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
        self.store.begin_print(&record, now_ms()).await?;
        let n = jobs.len();
        let mut result = Ok(());
        for mut job in jobs {
            if let Err(e) = self.pack.label_fits(&job) {
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
            Err(e) => (PrintStatus::Failed, Some(e.to_string())),
        };
        self.store
            .finish_print(&shipment_key, copy, status, error.as_deref(), now_ms())
            .await?;
        result?;
        info!(order = %order_id, shipment = %live.shipment_id, copy, station = %self.station.station_id, "labels reprinted from the desk");
        Ok(n)
    }
}

fn needs_reason(reason: &str) -> Result<String, StationError> {
    let r = reason.trim();
    if r.is_empty() || r.chars().count() > 200 || r.chars().any(char::is_control) {
        return Err(refused(
            "reason_needed",
            "Give a reason (1-200 characters, one line): it is kept with the action.",
        ));
    }
    Ok(r.to_owned())
}

/// A wire enum's snake_case name (`rolled_back`), as the desk's message ids take it.
fn wire_name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn decision_view(d: RolloutDecision) -> DecisionView {
    DecisionView {
        kind: wire_name(d.kind),
        version: d.version,
        by: d.by,
        reason: d.reason,
        decided_at_ms: d.decided_at_ms,
        comparison: d.comparison,
    }
}

fn ring_view(r: RingStatus) -> RingView {
    RingView {
        ring: r.ring,
        state: wire_name(r.state),
        version: r.version,
        previous_version: r.previous_version,
        held_reason: r.held_reason,
        stations: r
            .stations
            .into_iter()
            .map(|c| (c.version, c.stations))
            .collect(),
        soaking: r.soaking,
        last_decision: r.last_decision.map(decision_view),
    }
}

/// The backend's roll-out as the desk shows it.
pub fn rollout_view(o: RolloutOverview, now_ms: i64) -> DeskRolloutResponse {
    DeskRolloutResponse {
        rings: o.rings.into_iter().map(ring_view).collect(),
        latest_release: o.releases.first().map(|r| r.version.clone()),
        worse_margin: o.worse_margin,
        min_events: o.min_events,
        now_ms,
    }
}
