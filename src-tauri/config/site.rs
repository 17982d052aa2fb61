//! `[site]`, the warehouse's wall clock: its IANA time zone and named shifts, checked into
//! `packbench_core::site_time::SiteTime` (default: UTC and three 8-hour shifts).

use packbench_core::site_time::{Shift, SiteTime};

use super::error::ConfigError;
use super::file::SiteSection;

/// The `[site]` table, checked: the error names the key and says what is allowed.
pub(super) fn site_time(s: Option<&SiteSection>, origin: &str) -> Result<SiteTime, ConfigError> {
    let Some(s) = s else {
        return Ok(SiteTime::default());
    };
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    let shifts = match &s.shifts {
        None => SiteTime::default_shifts(),
        Some(list) => list
            .iter()
            .map(|x| {
                Shift::new(&x.name, &x.start, &x.end)
                    .map_err(|e| bad("site.shifts", format!("shift \"{}\": {e}", x.name)))
            })
            .collect::<Result<_, _>>()?,
    };
    let zone = s.time_zone.as_deref().unwrap_or("UTC");
    SiteTime::new(zone, shifts).map_err(|e| {
        let key = match e {
            packbench_core::site_time::SiteTimeError::UnknownZone(_) => "site.time_zone",
            _ => "site.shifts",
        };
        bad(key, e.to_string())
    })
}
