//! The supervisor's desk, pure: complexity-adjusted productivity of packers and stations,
//! alerts from station statuses (raised once, cleared when the cause goes), and the filter of
//! exceptions and overrides. The station fetches the facts from the backend and the UI draws
//! what these functions return; nothing here does I/O, so all of it is tested natively.
//!
//! # Work content
//!
//! Counting orders per hour is unfair: a 20-unit order of 6 lines in 3 parcels is far more work
//! than a 1-unit mailer. Each packed order is worth *standard minutes* ([`WorkModel`]):
//!
//! ```text
//! standard minutes = base + per_unit·units + per_line·lines + per_extra_parcel·(parcels − 1)
//!                         + per_exception·exceptions
//! ```
//!
//! with the defaults `base` 0.60 (take the slot, read the order, label and put the parcel
//! away), `per_unit` 0.12 (scan and place one unit), `per_line` 0.20 (find the next SKU, check
//! its flags: lot, serial), `per_extra_parcel` 1.00 (a second box: make it up, weigh, label)
//! and `per_exception` 1.50 (count, report, put the units in the exception tote). A packer's
//! *performance* is the standard minutes earned per minute of active time, in percent: 100 %
//! means working at the standard pace whatever the mix of orders. Active time is the number of
//! clock hours (or days, for the week) in which the packer packed at least one order, so a break
//! or a shift of four hours is not counted against anyone.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// One order as packed, from the backend's records (per-order facts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackedOrder {
    pub order_id: String,
    /// The station that packed its last parcel.
    pub station: String,
    /// The packer who packed its last parcel.
    pub packer_id: String,
    /// When its last movement was recorded (ms since the Unix epoch).
    pub completed_at_ms: i64,
    /// Units put in parcels.
    pub units: u32,
    /// Order lines with at least one unit packed.
    pub lines: u32,
    pub parcels: u32,
    /// Line and order exceptions recorded for the order.
    pub exceptions: u32,
}

/// The standard minutes each part of an order is worth (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkModel {
    pub base_min: f64,
    pub per_unit_min: f64,
    pub per_line_min: f64,
    pub per_extra_parcel_min: f64,
    pub per_exception_min: f64,
}

impl Default for WorkModel {
    fn default() -> Self {
        WorkModel {
            base_min: 0.60,
            per_unit_min: 0.12,
            per_line_min: 0.20,
            per_extra_parcel_min: 1.00,
            per_exception_min: 1.50,
        }
    }
}

impl WorkModel {
    /// The order's work content in standard minutes.
    pub fn standard_minutes(&self, o: &PackedOrder) -> f64 {
        self.base_min
            + self.per_unit_min * f64::from(o.units)
            + self.per_line_min * f64::from(o.lines)
            + self.per_extra_parcel_min * f64::from(o.parcels.saturating_sub(1))
            + self.per_exception_min * f64::from(o.exceptions)
    }
}

/// The span a productivity view covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// The last 12 clock hours, in hourly buckets.
    Shift,
    /// The last 7 days (UTC), in daily buckets.
    Week,
}

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

impl Period {
    /// The buckets' `[start, end)` bounds, oldest first; the last one holds `now_ms`.
    pub fn buckets(self, now_ms: i64) -> Vec<(i64, i64)> {
        let (size, n) = match self {
            Period::Shift => (HOUR_MS, 12),
            Period::Week => (DAY_MS, 7),
        };
        let last_start = now_ms.div_euclid(size) * size;
        (0..n)
            .rev()
            .map(|i| {
                let s = last_start - i * size;
                (s, s + size)
            })
            .collect()
    }

    /// The whole span `[from, to)`.
    pub fn span(self, now_ms: i64) -> (i64, i64) {
        let b = self.buckets(now_ms);
        (b[0].0, b[b.len() - 1].1)
    }
}

/// Work in one bucket.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub start_ms: i64,
    pub end_ms: i64,
    pub orders: u32,
    pub units: u32,
    pub standard_minutes: f64,
}

/// One packer's or station's work over the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The packer id or station id.
    pub key: String,
    pub buckets: Vec<Bucket>,
    pub orders: u32,
    pub units: u32,
    pub standard_minutes: f64,
    /// Buckets with at least one order.
    pub active_buckets: u32,
    /// Standard minutes earned per active minute, in percent (100 = the standard pace).
    pub performance_pct: f64,
    /// Orders and units per active hour.
    pub orders_per_hour: f64,
    pub units_per_hour: f64,
}

/// Whose work a series is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Packer,
    Station,
}

/// Work per packer or station over the period, bucketed; orders outside the period are left
/// out. Sorted by key.
pub fn productivity(
    orders: &[PackedOrder],
    model: &WorkModel,
    period: Period,
    group: GroupBy,
    now_ms: i64,
) -> Vec<Series> {
    let bounds = period.buckets(now_ms);
    let (from, to) = period.span(now_ms);
    let bucket_ms = bounds[0].1 - bounds[0].0;
    let mut by_key: BTreeMap<&str, Vec<Bucket>> = BTreeMap::new();
    for o in orders
        .iter()
        .filter(|o| o.completed_at_ms >= from && o.completed_at_ms < to)
    {
        let key = match group {
            GroupBy::Packer => o.packer_id.as_str(),
            GroupBy::Station => o.station.as_str(),
        };
        let buckets = by_key.entry(key).or_insert_with(|| {
            bounds
                .iter()
                .map(|&(start_ms, end_ms)| Bucket {
                    start_ms,
                    end_ms,
                    ..Bucket::default()
                })
                .collect()
        });
        let i = ((o.completed_at_ms - from) / bucket_ms) as usize;
        let b = &mut buckets[i];
        b.orders += 1;
        b.units += o.units;
        b.standard_minutes += model.standard_minutes(o);
    }
    by_key
        .into_iter()
        .map(|(key, buckets)| {
            let orders = buckets.iter().map(|b| b.orders).sum();
            let units = buckets.iter().map(|b| b.units).sum();
            let standard_minutes: f64 = buckets.iter().map(|b| b.standard_minutes).sum();
            let active_buckets = buckets.iter().filter(|b| b.orders > 0).count() as u32;
            let active_hours = f64::from(active_buckets) * bucket_ms as f64 / HOUR_MS as f64;
            let per_hour = |x: f64| {
                if active_hours > 0.0 {
                    x / active_hours
                } else {
                    0.0
                }
            };
            Series {
                key: key.to_owned(),
                performance_pct: per_hour(standard_minutes) / 60.0 * 100.0,
                orders_per_hour: per_hour(f64::from(orders)),
                units_per_hour: per_hour(f64::from(units)),
                buckets,
                orders,
                units,
                standard_minutes,
                active_buckets,
            }
        })
        .collect()
}

/// Orders and units a station packed in the hour before `now_ms`: (orders, units).
pub fn last_hour(orders: &[PackedOrder], station: &str, now_ms: i64) -> (u32, u32) {
    orders
        .iter()
        .filter(|o| {
            o.station == station
                && o.completed_at_ms >= now_ms - HOUR_MS
                && o.completed_at_ms <= now_ms
        })
        .fold((0, 0), |(n, u), o| (n + 1, u + o.units))
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, of ms since the Unix epoch (exports, chart labels).
pub fn utc_text(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// One device as a station's heartbeat reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceFacts {
    /// `label_printer`, `scale`, ...
    pub kind: String,
    pub name: String,
    pub ready: bool,
    pub problems: Vec<String>,
}

/// What the alerts need of a station.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationFacts {
    pub station_id: String,
    /// No heartbeat for too long (the backend's judgement).
    pub stale: bool,
    pub last_seen_ms: i64,
    pub oldest_pending_age_ms: Option<u64>,
    pub failed_writes: u64,
    pub devices: Vec<DeviceFacts>,
}

/// When a condition is worth an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPolicy {
    /// An outbox whose oldest write waits longer than this.
    pub backlog_max_age_ms: u64,
}

impl Default for AlertPolicy {
    fn default() -> Self {
        AlertPolicy {
            backlog_max_age_ms: 10 * 60 * 1000,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Critical,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    StationOffline,
    OutboxBacklog,
    /// Writes the backend refused for good: someone must look.
    OutboxRefused,
    PrinterOutOfLabels,
    DeviceNotReady,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::StationOffline => "station_offline",
            AlertKind::OutboxBacklog => "outbox_backlog",
            AlertKind::OutboxRefused => "outbox_refused",
            AlertKind::PrinterOutOfLabels => "printer_out_of_labels",
            AlertKind::DeviceNotReady => "device_not_ready",
        }
    }
}

/// A condition a supervisor should act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable while the condition lasts: `kind/station[/device]`.
    pub key: String,
    pub kind: AlertKind,
    pub severity: Severity,
    pub station_id: String,
    pub message: String,
    /// When this desk first saw it (set by [`AlertTracker`]).
    #[serde(default)]
    pub raised_at_ms: i64,
}

fn minutes(ms: u64) -> u64 {
    ms.div_ceil(60_000)
}

/// The alerts the stations' statuses call for now, most severe first. A stale station raises
/// only "offline": what its last heartbeat said of its devices and queue is out of date.
pub fn evaluate(stations: &[StationFacts], policy: &AlertPolicy, now_ms: i64) -> Vec<Alert> {
    let mut out = Vec::new();
    for s in stations {
        let alert = |kind: AlertKind, severity, device: Option<&str>, message: String| Alert {
            key: match device {
                Some(d) => format!("{}/{}/{d}", kind.as_str(), s.station_id),
                None => format!("{}/{}", kind.as_str(), s.station_id),
            },
            kind,
            severity,
            station_id: s.station_id.clone(),
            message,
            raised_at_ms: 0,
        };
        if s.stale {
            let silent = u64::try_from(now_ms - s.last_seen_ms).unwrap_or(0);
            out.push(alert(
                AlertKind::StationOffline,
                Severity::Critical,
                None,
                format!(
                    "{} is offline: no heartbeat for {} min. Check the PC and its network.",
                    s.station_id,
                    (silent / 60_000).max(1)
                ),
            ));
            continue;
        }
        if let Some(age) = s
            .oldest_pending_age_ms
            .filter(|&a| a > policy.backlog_max_age_ms)
        {
            out.push(alert(
                AlertKind::OutboxBacklog,
                Severity::Warning,
                None,
                format!(
                    "{}: backend writes waiting for {} min (limit {} min). Check its connection to the backend.",
                    s.station_id,
                    minutes(age),
                    minutes(policy.backlog_max_age_ms)
                ),
            ));
        }
        if s.failed_writes > 0 {
            out.push(alert(
                AlertKind::OutboxRefused,
                Severity::Warning,
                None,
                format!(
                    "{}: {} backend writes refused for good. Look at its log and the orders concerned.",
                    s.station_id, s.failed_writes
                ),
            ));
        }
        for d in &s.devices {
            let out_of_labels =
                d.kind == "label_printer" && d.problems.iter().any(|p| p == "paper_out");
            if out_of_labels {
                out.push(alert(
                    AlertKind::PrinterOutOfLabels,
                    Severity::Critical,
                    Some(&d.kind),
                    format!(
                        "{}: label printer {} is out of labels. Load a new roll.",
                        s.station_id, d.name
                    ),
                ));
            } else if !d.ready {
                let why = if d.problems.is_empty() {
                    "not ready".to_owned()
                } else {
                    d.problems.join(", ")
                };
                out.push(alert(
                    AlertKind::DeviceNotReady,
                    Severity::Warning,
                    Some(&d.kind),
                    format!(
                        "{}: {} {} ({why}).",
                        s.station_id,
                        d.kind.replace('_', " "),
                        d.name
                    ),
                ));
            }
        }
    }
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.key.cmp(&b.key)));
    out
}

/// What changed since the last evaluation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertChanges {
    pub raised: Vec<Alert>,
    pub cleared: Vec<Alert>,
}

/// The desk's alerts over time: an alert is raised once when its condition appears (for the
/// webhook) and cleared when it goes, however often the stations are polled.
#[derive(Clone, Debug, Default)]
pub struct AlertTracker {
    active: BTreeMap<String, Alert>,
}

impl AlertTracker {
    /// Takes the alerts of one evaluation; returns those newly raised and those cleared.
    pub fn update(&mut self, now_ms: i64, current: Vec<Alert>) -> AlertChanges {
        let keys: BTreeSet<String> = current.iter().map(|a| a.key.clone()).collect();
        let mut changes = AlertChanges::default();
        let gone: Vec<String> = self
            .active
            .keys()
            .filter(|k| !keys.contains(*k))
            .cloned()
            .collect();
        for k in gone {
            if let Some(a) = self.active.remove(&k) {
                changes.cleared.push(a);
            }
        }
        for mut a in current {
            match self.active.get_mut(&a.key) {
                Some(known) => {
                    // The message may change (minutes grow); the raise time stays.
                    a.raised_at_ms = known.raised_at_ms;
                    *known = a;
                }
                None => {
                    a.raised_at_ms = now_ms;
                    self.active.insert(a.key.clone(), a.clone());
                    changes.raised.push(a);
                }
            }
        }
        changes
    }

    /// The alerts in force, most severe first.
    pub fn active(&self) -> Vec<Alert> {
        let mut v: Vec<Alert> = self.active.values().cloned().collect();
        v.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.key.cmp(&b.key)));
        v
    }
}

/// What a row of the exceptions and overrides view is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    LineException,
    OrderException,
    PackagingOverride,
    WeightOverride,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::LineException => "line_exception",
            RecordKind::OrderException => "order_exception",
            RecordKind::PackagingOverride => "packaging_override",
            RecordKind::WeightOverride => "weight_override",
        }
    }
}

/// One exception or override, flattened for the desk's table and its CSV export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRecord {
    pub kind: RecordKind,
    pub recorded_at_ms: i64,
    pub station: String,
    pub packer_id: String,
    pub order_id: String,
    /// `short`, `damaged`, `weight_mismatch`..., or the override's reason as written.
    pub reason: String,
    /// What else there is to know: the line and units; suggested vs used packaging; expected
    /// vs measured weight and who approved it.
    pub detail: String,
}

/// The desk's filter of exceptions and overrides: every field set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFilter {
    pub station: Option<String>,
    pub packer_id: Option<String>,
    pub kind: Option<RecordKind>,
    /// Case-insensitive part of the reason.
    pub reason: Option<String>,
    pub from_ms: Option<i64>,
    /// Exclusive.
    pub to_ms: Option<i64>,
}

impl RecordFilter {
    pub fn matches(&self, r: &DeskRecord) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_deref()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .is_none_or(|w| w.eq_ignore_ascii_case(have))
        };
        same(&self.station, &r.station)
            && same(&self.packer_id, &r.packer_id)
            && self.kind.is_none_or(|k| k == r.kind)
            && self
                .reason
                .as_deref()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .is_none_or(|w| r.reason.to_lowercase().contains(&w))
            && self.from_ms.is_none_or(|f| r.recorded_at_ms >= f)
            && self.to_ms.is_none_or(|t| r.recorded_at_ms < t)
    }

    /// The matching records, newest first.
    pub fn apply(&self, records: &[DeskRecord]) -> Vec<DeskRecord> {
        let mut v: Vec<DeskRecord> = records
            .iter()
            .filter(|r| self.matches(r))
            .cloned()
            .collect();
        v.sort_by(|a, b| {
            b.recorded_at_ms
                .cmp(&a.recorded_at_ms)
                .then(a.kind.cmp(&b.kind))
        });
        v
    }
}

#[cfg(test)]
mod tests;
