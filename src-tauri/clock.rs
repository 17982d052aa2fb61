//! The wall clock, in milliseconds since the Unix epoch: how the station and the training
//! backend stamp rows. Code that needs a testable time takes `now_ms` as a parameter instead.

pub use packbench_sqlite::now_ms;

/// Today's date in UTC as `YYYY-MM-DD` (for printed documents).
pub fn today_utc() -> String {
    let days = now_ms().div_euclid(86_400_000);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn today_is_a_plausible_iso_date() {
        let d = super::today_utc();
        assert_eq!(d.len(), 10, "{d}");
        assert!(
            d.as_str() >= "2024-01-01" && d.as_str() < "2200-01-01",
            "{d}"
        );
    }
}
