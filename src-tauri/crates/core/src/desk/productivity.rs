//! Complexity-adjusted productivity: the standard minutes of a packed order, the buckets of a
//! shift (local hours) or a week (local days) in the site's time, and each packer's or
//! station's performance over them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::site_time::{LocalSpan, SiteTime};

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

/// The span a productivity view covers, in the site's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// The shift running now, from its local start, in local clock hours.
    Shift,
    /// The shift before it, start to end, in local clock hours.
    PreviousShift,
    /// The last 7 local days (today included), midnight to midnight local, daily.
    Week,
}

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// What a period covers at a given moment: its buckets (local hours or days, labelled in local
/// time) and, for a shift, which one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub period: Period,
    /// The shift's name and wall-clock hours (`early`, `06:00–14:00`), for a shift period.
    pub shift: Option<(String, String)>,
    /// Oldest first, each starting where the one before ends.
    pub buckets: Vec<LocalSpan>,
}

impl Window {
    /// The period at `now_ms` in the site's time. A shift's buckets run to its scheduled end,
    /// so the chart shows the whole shift; the current one is filled up to now.
    pub fn at(site: &SiteTime, period: Period, now_ms: i64) -> Window {
        let shift = match period {
            Period::Shift => Some(site.shift_at(now_ms)),
            Period::PreviousShift => Some(site.previous_shift(now_ms)),
            Period::Week => None,
        };
        let buckets = match &shift {
            Some(s) => site.local_hours(s.start_ms, s.end_ms),
            None => site.local_days(now_ms, 7),
        };
        Window {
            period,
            shift: shift.map(|s| (s.shift.name.clone(), s.shift.hours_text())),
            buckets,
        }
    }

    /// The buckets' `[start, end)` bounds.
    pub fn bounds(&self) -> Vec<(i64, i64)> {
        self.buckets
            .iter()
            .map(|b| (b.start_ms, b.end_ms))
            .collect()
    }

    /// The whole span `[from, to)`.
    pub fn span(&self) -> (i64, i64) {
        match (self.buckets.first(), self.buckets.last()) {
            (Some(f), Some(l)) => (f.start_ms, l.end_ms),
            _ => (0, 0),
        }
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

/// Work per packer or station in the given buckets (`[start, end)`, contiguous, oldest first,
/// of any length: a DST day has 23 or 25 hours); orders outside them are left out. Sorted by key.
pub fn productivity(
    orders: &[PackedOrder],
    model: &WorkModel,
    bounds: &[(i64, i64)],
    group: GroupBy,
) -> Vec<Series> {
    let (from, to) = match (bounds.first(), bounds.last()) {
        (Some(f), Some(l)) => (f.0, l.1),
        _ => return Vec::new(),
    };
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
        let i = bounds.partition_point(|&(_, end)| end <= o.completed_at_ms);
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
            let active_ms: i64 = buckets
                .iter()
                .filter(|b| b.orders > 0)
                .map(|b| b.end_ms - b.start_ms)
                .sum();
            let active_hours = active_ms as f64 / HOUR_MS as f64;
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
