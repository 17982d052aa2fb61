//! Fleet roll-outs: the rings stations belong to, the order a release walks through them, and the
//! health check that promotes a release to the next ring or holds it. Pure: the backend gathers
//! the figures from heartbeats and stores the decisions.
//!
//! A release is published to `canary`; after its soak (station-hours on the new version in that
//! ring) it moves on when its health is no worse than the previous version's, metric by metric
//! ([`compare`]), else it is held. The order is `canary`, then the named groups (alphabetically),
//! then `early`, then `general` ([`ring_order`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const CANARY: &str = "canary";
pub const EARLY: &str = "early";
pub const GENERAL: &str = "general";

/// A station's ring when its config names none.
pub const DEFAULT_RING: &str = GENERAL;

/// A ring's name: 1-32 lowercase letters, digits or `-`, starting with a letter (`canary`,
/// `early`, `general`, or a named group like `night-shift`).
pub fn valid_ring(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The rings in the order a release walks them: `canary`, the named groups in alphabetical
/// order, `early`, `general`. Unknown or repeated names are ignored.
pub fn ring_order<'a>(named: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut groups: Vec<&str> = named
        .into_iter()
        .filter(|r| valid_ring(r) && ![CANARY, EARLY, GENERAL].contains(r))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let mut order = vec![CANARY.to_owned()];
    order.extend(groups.into_iter().map(str::to_owned));
    order.extend([EARLY.to_owned(), GENERAL.to_owned()]);
    order
}

/// A version as `major.minor.patch[-pre]` numbers, for ordering releases (a pre-release sorts
/// before its release, pre-release parts compared as text); `None` when it is not one.
pub fn version_key(v: &str) -> Option<(u64, u64, u64, bool, String)> {
    // Build metadata (`+...`) does not order versions.
    let v = v.split('+').next().unwrap_or(v);
    let (core, pre) = match v.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (v, None),
    };
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some((a, b, c, pre.is_none(), pre.unwrap_or_default().to_owned()))
}

/// The versions the contract admits, exactly as its pattern says: `major.minor.patch` of 1-9
/// digits each, then optionally `-` or `+` and up to 40 of `0-9 A-Z a-z . + -`.
pub fn well_formed_version(v: &str) -> bool {
    let (core, rest) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], Some(&v[i + 1..])),
        None => (v, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| (1..=9).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && rest.is_none_or(|r| {
            r.len() <= 40
                && r.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
        })
}

/// `a` is a newer version than `b` (both well formed).
pub fn newer(a: &str, b: &str) -> bool {
    matches!((version_key(a), version_key(b)), (Some(x), Some(y)) if x > y)
}

/// Heartbeats further apart than this do not count as time on the version (the station was off
/// or unreachable in between).
pub const MAX_HEARTBEAT_GAP_MS: u64 = 15 * 60 * 1000;

/// One heartbeat's report of the station's run, as the backend keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunSample {
    pub station: String,
    pub sent_at_ms: u64,
    /// When the station's process started: counters below count from then.
    pub started_at_ms: u64,
    /// App starts after an unclean end (crash, kill, power) since the machine booted.
    pub restarts_since_boot: u32,
    pub orders: u32,
    pub units: u32,
    pub exceptions: u32,
    pub refused_writes: u32,
    pub reprints: u32,
    pub scan_refusals: u32,
}

/// A version's health figures over some stations and time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthFigures {
    pub stations: u32,
    pub station_hours: f64,
    pub crash_restarts: u64,
    pub orders: u64,
    pub units: u64,
    pub exceptions: u64,
    pub refused_writes: u64,
    pub reprints: u64,
    pub scan_refusals: u64,
}

/// Sums samples of one version into its figures: station-hours are the gaps between a station's
/// consecutive heartbeats (up to [`MAX_HEARTBEAT_GAP_MS`]); crash restarts are the rises of
/// `restarts_since_boot` between them; the counters, which count from the process's start, are
/// each run's highest value, summed over runs.
pub fn figures(samples: &[RunSample]) -> HealthFigures {
    let mut by_station: BTreeMap<&str, Vec<&RunSample>> = BTreeMap::new();
    for s in samples {
        by_station.entry(s.station.as_str()).or_default().push(s);
    }
    let mut f = HealthFigures {
        stations: by_station.len() as u32,
        ..HealthFigures::default()
    };
    let mut on_ms: u64 = 0;
    for list in by_station.values_mut() {
        list.sort_by_key(|s| s.sent_at_ms);
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let gap = b.sent_at_ms - a.sent_at_ms;
            if gap <= MAX_HEARTBEAT_GAP_MS {
                on_ms += gap;
            }
            if b.started_at_ms != a.started_at_ms && b.restarts_since_boot > a.restarts_since_boot {
                f.crash_restarts += u64::from(b.restarts_since_boot - a.restarts_since_boot);
            }
        }
        let mut runs: BTreeMap<u64, [u32; 6]> = BTreeMap::new();
        for s in list.iter() {
            let r = runs.entry(s.started_at_ms).or_default();
            let now = [
                s.orders,
                s.units,
                s.exceptions,
                s.refused_writes,
                s.reprints,
                s.scan_refusals,
            ];
            for (max, n) in r.iter_mut().zip(now) {
                *max = (*max).max(n);
            }
        }
        for r in runs.values() {
            f.orders += u64::from(r[0]);
            f.units += u64::from(r[1]);
            f.exceptions += u64::from(r[2]);
            f.refused_writes += u64::from(r[3]);
            f.reprints += u64::from(r[4]);
            f.scan_refusals += u64::from(r[5]);
        }
    }
    f.station_hours = on_ms as f64 / 3_600_000.0;
    f
}

/// What the health check compares, each a count over an exposure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthMetric {
    CrashRestartsPerStationHour,
    RefusedWritesPerOrder,
    ExceptionsPerOrder,
    ReprintsPerOrder,
    ScanRefusalsPerUnit,
}

impl HealthMetric {
    pub const ALL: [HealthMetric; 5] = [
        HealthMetric::CrashRestartsPerStationHour,
        HealthMetric::RefusedWritesPerOrder,
        HealthMetric::ExceptionsPerOrder,
        HealthMetric::ReprintsPerOrder,
        HealthMetric::ScanRefusalsPerUnit,
    ];

    /// The wire name (`crash_restarts_per_station_hour`...).
    pub fn as_str(self) -> &'static str {
        match self {
            HealthMetric::CrashRestartsPerStationHour => "crash_restarts_per_station_hour",
            HealthMetric::RefusedWritesPerOrder => "refused_writes_per_order",
            HealthMetric::ExceptionsPerOrder => "exceptions_per_order",
            HealthMetric::ReprintsPerOrder => "reprints_per_order",
            HealthMetric::ScanRefusalsPerUnit => "scan_refusals_per_unit",
        }
    }

    fn count(self, f: &HealthFigures) -> u64 {
        match self {
            HealthMetric::CrashRestartsPerStationHour => f.crash_restarts,
            HealthMetric::RefusedWritesPerOrder => f.refused_writes,
            HealthMetric::ExceptionsPerOrder => f.exceptions,
            HealthMetric::ReprintsPerOrder => f.reprints,
            HealthMetric::ScanRefusalsPerUnit => f.scan_refusals,
        }
    }

    fn exposure(self, f: &HealthFigures) -> f64 {
        match self {
            HealthMetric::CrashRestartsPerStationHour => f.station_hours,
            HealthMetric::RefusedWritesPerOrder
            | HealthMetric::ExceptionsPerOrder
            | HealthMetric::ReprintsPerOrder => f.orders as f64,
            HealthMetric::ScanRefusalsPerUnit => f.units as f64,
        }
    }

    fn rate(self, f: &HealthFigures) -> Option<f64> {
        let e = self.exposure(f);
        (e > 0.0).then(|| self.count(f) as f64 / e)
    }
}

/// A new version's rate may exceed the previous version's by this factor (20 %) before it counts
/// as worse: shifts differ, and "no worse" must not hold a release for noise.
pub const WORSE_MARGIN: f64 = 1.2;

/// The small-sample guard: a metric with fewer events than this on the new version is never
/// worse (one crash in a few station-hours proves nothing).
pub const MIN_EVENTS: u64 = 3;

/// The default soak: station-hours on the new version in a ring before it may move on.
pub const DEFAULT_SOAK_STATION_HOURS: f64 = 8.0;

/// One metric, new version against previous.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricComparison {
    pub metric: HealthMetric,
    pub candidate_count: u64,
    /// `None` when there was nothing to count it over (no orders, no hours).
    pub candidate_rate: Option<f64>,
    pub baseline_rate: Option<f64>,
    /// Worse beyond the margin, with enough events.
    pub worse: bool,
}

/// What the check concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not enough station-hours on the new version yet.
    Soaking,
    /// Soaked and no worse: on to the next ring.
    Promote,
    /// Soaked and worse on at least one metric: held, an alert raised.
    Hold,
}

/// The health comparison behind a decision, as the desk shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthComparison {
    pub candidate_version: String,
    /// The version the ring ran before (none for a first release: every rate is compared with 0).
    pub baseline_version: Option<String>,
    pub candidate: HealthFigures,
    pub baseline: HealthFigures,
    pub soak_station_hours: f64,
    pub metrics: Vec<MetricComparison>,
    pub verdict: Verdict,
}

impl HealthComparison {
    /// The metrics found worse.
    pub fn worse(&self) -> impl Iterator<Item = &MetricComparison> {
        self.metrics.iter().filter(|m| m.worse)
    }
}

/// The check: once the new version has `soak_station_hours` in the ring, each metric's rate on
/// it is compared with the previous version's; worse is more than [`WORSE_MARGIN`] times the
/// previous rate (a previous rate of 0 or none counts as 0) with at least [`MIN_EVENTS`] events.
/// Any worse metric holds the release; else it is promoted.
pub fn compare(
    candidate_version: &str,
    candidate: &HealthFigures,
    baseline_version: Option<&str>,
    baseline: &HealthFigures,
    soak_station_hours: f64,
) -> HealthComparison {
    let metrics: Vec<MetricComparison> = HealthMetric::ALL
        .iter()
        .map(|&m| {
            let candidate_rate = m.rate(candidate);
            let baseline_rate = m.rate(baseline);
            let worse = m.count(candidate) >= MIN_EVENTS
                && candidate_rate.is_some_and(|c| c > baseline_rate.unwrap_or(0.0) * WORSE_MARGIN);
            MetricComparison {
                metric: m,
                candidate_count: m.count(candidate),
                candidate_rate,
                baseline_rate,
                worse,
            }
        })
        .collect();
    let verdict = if candidate.station_hours < soak_station_hours {
        Verdict::Soaking
    } else if metrics.iter().any(|m| m.worse) {
        Verdict::Hold
    } else {
        Verdict::Promote
    };
    HealthComparison {
        candidate_version: candidate_version.to_owned(),
        baseline_version: baseline_version.map(str::to_owned),
        candidate: *candidate,
        baseline: *baseline,
        soak_station_hours,
        metrics,
        verdict,
    }
}

/// Whether a station takes a release its update endpoint offers: a newer one, or a lower one
/// only when the roll-out endpoint marks it as a roll-back (the signature is checked after, on
/// the bytes, either way). The same version is never taken again.
pub fn takes_release(current: &str, offered: &str, rollback: bool) -> bool {
    if rollback {
        current != offered && version_key(offered).is_some()
    } else {
        newer(offered, current)
    }
}

#[cfg(test)]
mod tests;
