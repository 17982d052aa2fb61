//! The desk's rows of exceptions and overrides, and the filter the supervisor sets on them.

use serde::{Deserialize, Serialize};

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
    /// The same moment on the site's clock with its offset (`2026-03-29 03:15:00+02:00`).
    pub recorded_at_local: String,
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
