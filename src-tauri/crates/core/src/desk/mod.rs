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
//!
//! # Site time
//!
//! Hours, days and shifts are the site's ([`crate::site_time::SiteTime`]): a [`Window`] is the
//! current or previous named shift in local clock hours, or the last 7 local days; an active
//! hour or day counts its real length (a DST day has 23 or 25 hours).

mod alerts;
mod device_problems;
mod productivity;
mod records;

pub use crate::calendar::utc_text;
pub use alerts::{
    evaluate, Alert, AlertChanges, AlertKind, AlertPolicy, AlertTracker, DeviceFacts, Severity,
    StationFacts,
};
pub use productivity::{
    last_hour, productivity, Bucket, GroupBy, PackedOrder, Period, Series, Window, WorkModel,
    DAY_MS, HOUR_MS,
};
pub use records::{DeskRecord, RecordFilter, RecordKind};

#[cfg(test)]
mod tests;
