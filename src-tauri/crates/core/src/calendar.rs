//! The proleptic Gregorian calendar in UTC, without a time-zone library: dates and timestamps
//! as text from milliseconds since the Unix epoch (printed documents, exports, chart labels).

/// Milliseconds in one day.
const DAY_MS: i64 = 86_400_000;

/// The `(year, month, day)` of a count of days since 1970-01-01 (negative before it): Howard
/// Hinnant's `civil_from_days`, exact over the whole `i64` range of dates a station will see.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

/// `YYYY-MM-DD` in UTC, of ms since the Unix epoch (printed documents).
pub fn utc_date_text(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, of ms since the Unix epoch (exports, chart labels).
pub fn utc_text(ms: i64) -> String {
    let secs = ms.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}:{:02}",
        utc_date_text(ms),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days_give_their_dates() {
        for (days, date) in [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (11_016, (2000, 2, 29)),
            (11_017, (2000, 3, 1)),
            (19_722, (2023, 12, 31)),
            (19_782, (2024, 2, 29)),
            (-719_468, (0, 3, 1)),
        ] {
            assert_eq!(civil_from_days(days), date, "day {days}");
        }
    }

    #[test]
    fn consecutive_days_step_through_the_calendar() {
        // 1600-03-01 to about 2400: every day is the day after the one before.
        let mut prev = civil_from_days(-135_080 - 1);
        for days in -135_080..156_000 {
            let (y, m, d) = civil_from_days(days);
            let (py, pm, pd) = prev;
            let next_day = (y, m, d) == (py, pm, pd + 1);
            let next_month = d == 1 && ((y, m) == (py, pm + 1) || (y, m, pm) == (py + 1, 1, 12));
            assert!(next_day || next_month, "{prev:?} then {:?}", (y, m, d));
            prev = (y, m, d);
        }
    }

    #[test]
    fn texts_are_utc_with_seconds_floored() {
        assert_eq!(utc_date_text(0), "1970-01-01");
        assert_eq!(utc_text(0), "1970-01-01 00:00:00");
        assert_eq!(utc_text(-1), "1969-12-31 23:59:59");
        assert_eq!(utc_text(951_782_400_999), "2000-02-29 00:00:00");
        assert_eq!(utc_date_text(1_735_689_599_000), "2024-12-31");
        assert_eq!(utc_text(1_735_689_599_000), "2024-12-31 23:59:59");
    }
}
