//! Alerts from station statuses: what calls for a supervisor now, and the tracker that raises
//! each once (for the webhook) and clears it when its cause goes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

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
    /// An [`AlertKind`]'s `as_str()`, or a kind the backend raises that this build does not
    /// know (shown as it comes).
    pub kind: String,
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
            kind: kind.as_str().to_owned(),
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
                // Each problem by name, with its code for anyone searching the logs.
                let why = if d.problems.is_empty() {
                    "not ready".to_owned()
                } else {
                    d.problems
                        .iter()
                        .map(|p| format!("{} [{p}]", super::device_problems::describe(p)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push(alert(
                    AlertKind::DeviceNotReady,
                    Severity::Warning,
                    Some(&d.kind),
                    format!(
                        "{}: {} {}: {why}.",
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
