//! The wall clock, in milliseconds since the Unix epoch: how the station and the training
//! backend stamp rows. Code that needs a testable time takes `now_ms` as a parameter instead.

pub use packbench_sqlite::now_ms;

/// Today's date in UTC as `YYYY-MM-DD` (for printed documents).
pub fn today_utc() -> String {
    packbench_core::calendar::utc_date_text(now_ms())
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
