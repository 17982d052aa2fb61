//! The site's clock in Stryków (Europe/Warsaw) and Bristol (Europe/London) across the 2026 DST
//! changes: 29 March (02:00 -> 03:00 in Warsaw, 01:00 -> 02:00 in London) and 25 October
//! (03:00 -> 02:00 in Warsaw, 02:00 -> 01:00 in London), both at 01:00 UTC.

use jiff::civil::date;
use jiff::tz::TimeZone;

use super::*;
use crate::desk::{productivity, GroupBy, PackedOrder, Period, Window, WorkModel};

/// ms of a UTC wall-clock time.
fn utc(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    TimeZone::UTC
        .to_timestamp(date(y, mo, d).at(h, mi, 0, 0))
        .unwrap()
        .as_millisecond()
}

fn site(zone: &str) -> SiteTime {
    SiteTime::new(zone, SiteTime::default_shifts()).unwrap()
}

fn hours(spans: &[LocalSpan]) -> Vec<i64> {
    spans
        .iter()
        .map(|s| (s.end_ms - s.start_ms) / HOUR_MS)
        .collect()
}

fn labels(spans: &[LocalSpan]) -> Vec<&str> {
    spans.iter().map(|s| s.label.as_str()).collect()
}

fn packed(station: &str, at: i64) -> PackedOrder {
    PackedOrder {
        order_id: format!("SO-{at}"),
        station: station.into(),
        packer_id: "PK-1".into(),
        completed_at_ms: at,
        units: 1,
        lines: 1,
        parcels: 1,
        exceptions: 0,
    }
}

#[test]
fn a_local_day_has_23_hours_in_spring_and_25_in_autumn() {
    for zone in ["Europe/Warsaw", "Europe/London"] {
        let s = site(zone);
        let spring = s.local_days(utc(2026, 3, 29, 12, 0), 7);
        assert_eq!(hours(&spring), [24, 24, 24, 24, 24, 24, 23], "{zone}");
        assert_eq!(spring[6].label, "Sun 29 Mar");
        assert_eq!(spring[0].label, "Mon 23 Mar");
        let autumn = s.local_days(utc(2026, 10, 26, 12, 0), 7);
        assert_eq!(hours(&autumn), [24, 24, 24, 24, 24, 25, 24], "{zone}");
        assert_eq!(autumn[5].label, "Sun 25 Oct");
        assert!(spring.windows(2).all(|w| w[0].end_ms == w[1].start_ms));
    }
    // Local midnight, not UTC's: Warsaw's 29 March starts at 23:00 UTC the day before.
    let w = site("Europe/Warsaw").local_days(utc(2026, 3, 29, 12, 0), 1);
    assert_eq!(w[0].start_ms, utc(2026, 3, 28, 23, 0));
    assert_eq!(w[0].end_ms, utc(2026, 3, 29, 22, 0));
}

#[test]
fn a_night_shift_across_the_change_has_7_hours_in_spring_and_9_in_autumn() {
    let s = site("Europe/Warsaw");
    let spring = s.shift_at(utc(2026, 3, 29, 3, 0)); // 05:00 CEST
    assert_eq!(spring.shift.name, "night");
    assert_eq!(spring.start_ms, utc(2026, 3, 28, 21, 0)); // 22:00 CET
    assert_eq!(spring.end_ms, utc(2026, 3, 29, 4, 0)); // 06:00 CEST
    let h = s.local_hours(spring.start_ms, spring.end_ms);
    assert_eq!(
        labels(&h),
        ["22:00", "23:00", "00:00", "01:00", "03:00", "04:00", "05:00"]
    );
    assert!(hours(&h).iter().all(|&n| n == 1));

    let autumn = s.shift_at(utc(2026, 10, 25, 4, 30)); // 05:30 CET
    assert_eq!(autumn.shift.name, "night");
    assert_eq!((autumn.end_ms - autumn.start_ms) / HOUR_MS, 9);
    let h = s.local_hours(autumn.start_ms, autumn.end_ms);
    assert_eq!(
        labels(&h),
        ["22:00", "23:00", "00:00", "01:00", "02:00", "02:00", "03:00", "04:00", "05:00"]
    );

    // Bristol: 01:00 is skipped in spring, repeated in autumn.
    let b = site("Europe/London");
    let n = b.shift_at(utc(2026, 3, 29, 2, 0));
    assert_eq!(
        (n.shift.name.as_str(), (n.end_ms - n.start_ms) / HOUR_MS),
        ("night", 7)
    );
    assert_eq!(
        labels(&b.local_hours(n.start_ms, n.end_ms)),
        ["22:00", "23:00", "00:00", "02:00", "03:00", "04:00", "05:00"]
    );
    let n = b.shift_at(utc(2026, 10, 25, 2, 0));
    assert_eq!((n.end_ms - n.start_ms) / HOUR_MS, 9);
}

#[test]
fn the_current_shift_is_found_around_midnight_and_at_a_change() {
    let s = site("Europe/Warsaw");
    let name_and_start = |ms| {
        let sp = s.shift_at(ms);
        (sp.shift.name, sp.start_ms)
    };
    let night_28 = utc(2026, 3, 28, 21, 0); // 22:00 CET on Saturday
                                            // 21:59 local: still the late shift.
    assert_eq!(
        name_and_start(utc(2026, 3, 28, 20, 59)),
        ("late".into(), utc(2026, 3, 28, 13, 0))
    );
    // 22:00 local: the night shift begins.
    assert_eq!(name_and_start(night_28), ("night".into(), night_28));
    // 23:59 and 00:01 local: the night shift that began the day before.
    assert_eq!(
        name_and_start(utc(2026, 3, 28, 22, 59)),
        ("night".into(), night_28)
    );
    assert_eq!(
        name_and_start(utc(2026, 3, 28, 23, 1)),
        ("night".into(), night_28)
    );
    // Just before and at the change (01:59:59 CET, then 03:00 CEST).
    assert_eq!(
        name_and_start(utc(2026, 3, 29, 1, 0) - 1),
        ("night".into(), night_28)
    );
    assert_eq!(
        name_and_start(utc(2026, 3, 29, 1, 0)),
        ("night".into(), night_28)
    );
    // 05:59:59.999 CEST is the night; 06:00 CEST (04:00 UTC) the early shift.
    assert_eq!(
        name_and_start(utc(2026, 3, 29, 4, 0) - 1),
        ("night".into(), night_28)
    );
    assert_eq!(
        name_and_start(utc(2026, 3, 29, 4, 0)),
        ("early".into(), utc(2026, 3, 29, 4, 0))
    );
    // In autumn, in both 02:00 hours.
    let night_24 = utc(2026, 10, 24, 20, 0); // 22:00 CEST
    assert_eq!(
        name_and_start(utc(2026, 10, 25, 0, 30)),
        ("night".into(), night_24)
    );
    assert_eq!(
        name_and_start(utc(2026, 10, 25, 1, 30)),
        ("night".into(), night_24)
    );
    assert_eq!(
        name_and_start(utc(2026, 10, 25, 5, 0)),
        ("early".into(), utc(2026, 10, 25, 5, 0))
    );
    // The previous shift of an early one is the night before it, start to end.
    let prev = s.previous_shift(utc(2026, 3, 29, 6, 0));
    assert_eq!(prev.shift.name, "night");
    assert_eq!(
        (prev.start_ms, prev.end_ms),
        (night_28, utc(2026, 3, 29, 4, 0))
    );
    assert_eq!(s.previous_shift(night_28).shift.name, "late");
}

#[test]
fn orders_land_in_their_local_hour_and_day() {
    let s = site("Europe/Warsaw");
    let m = WorkModel::default();
    // 00:30 CET on Sunday 29 March is Saturday in UTC; 03:30 CEST is right after the gap.
    let orders = [
        packed("ST-1", utc(2026, 3, 28, 23, 30)),
        packed("ST-1", utc(2026, 3, 29, 1, 30)),
        packed("ST-1", utc(2026, 3, 28, 22, 59)),
    ];
    let now = utc(2026, 3, 29, 3, 45); // 05:45 CEST, the night shift
    let shift = Window::at(&s, Period::Shift, now);
    assert_eq!(shift.shift, Some(("night".into(), "22:00–06:00".into())));
    let by_hour = productivity(&orders, &m, &shift.bounds(), GroupBy::Station);
    let filled: Vec<(&str, u32)> = shift
        .buckets
        .iter()
        .zip(&by_hour[0].buckets)
        .filter(|(_, b)| b.orders > 0)
        .map(|(l, b)| (l.label.as_str(), b.orders))
        .collect();
    assert_eq!(filled, [("23:00", 1), ("00:00", 1), ("03:00", 1)]);

    let week = Window::at(&s, Period::Week, now);
    let by_day = productivity(&orders, &m, &week.bounds(), GroupBy::Station);
    let days: Vec<(&str, u32)> = week
        .buckets
        .iter()
        .zip(&by_day[0].buckets)
        .filter(|(_, b)| b.orders > 0)
        .map(|(l, b)| (l.label.as_str(), b.orders))
        .collect();
    assert_eq!(days, [("Sat 28 Mar", 1), ("Sun 29 Mar", 2)]);
    // A 23-hour day's active hours are 23.
    let one = productivity(&orders[1..2], &m, &week.bounds(), GroupBy::Station);
    assert!((one[0].orders_per_hour - 1.0 / 23.0).abs() < 1e-9);
}

#[test]
fn local_text_carries_the_offset_in_force() {
    let s = site("Europe/Warsaw");
    assert_eq!(
        s.local_text(utc(2026, 3, 29, 0, 15)),
        "2026-03-29 01:15:00+01:00"
    );
    assert_eq!(
        s.local_text(utc(2026, 3, 29, 1, 15)),
        "2026-03-29 03:15:00+02:00"
    );
    assert_eq!(
        s.local_text(utc(2026, 10, 25, 0, 15)),
        "2026-10-25 02:15:00+02:00"
    );
    assert_eq!(
        s.local_text(utc(2026, 10, 25, 1, 15)),
        "2026-10-25 02:15:00+01:00"
    );
    let b = site("Europe/London");
    assert_eq!(
        b.local_text(utc(2026, 7, 1, 12, 0)),
        "2026-07-01 13:00:00+01:00"
    );
    assert_eq!(
        SiteTime::default().local_text(0),
        "1970-01-01 00:00:00+00:00"
    );
    assert_eq!(s.hour_label(utc(2026, 3, 29, 1, 15)), "03:15");
    assert_eq!(s.day_label(utc(2026, 3, 30, 10, 0)), "Mon 30 Mar");
}

#[test]
fn zones_and_shifts_are_checked() {
    let ok = SiteTime::default_shifts;
    for zone in ["Europe/Warsow", "", "CEST", "+02:00", "Mars/Olympus"] {
        assert_eq!(
            SiteTime::new(zone, ok()),
            Err(SiteTimeError::UnknownZone(zone.into())),
            "{zone}"
        );
    }
    assert_eq!(site("UTC").zone_name(), "UTC");
    assert_eq!(site(" Europe/London ").zone_name(), "Europe/London");
    for t in [
        "6:00", "24:00", "06:60", "0600", "06:00:00", "ab:cd", "", "+6:00",
    ] {
        assert_eq!(
            Shift::new("early", t, "14:00"),
            Err(SiteTimeError::BadClockTime(t.into())),
            "{t}"
        );
    }
    assert_eq!(
        Shift::new("x", "23:59", "00:00").unwrap().hours_text(),
        "23:59–00:00"
    );
    assert_eq!(
        Shift::new("  ", "06:00", "14:00"),
        Err(SiteTimeError::NoName)
    );
    assert_eq!(
        Shift::new("all day", "06:00", "06:00"),
        Err(SiteTimeError::NoLength("all day".into()))
    );
    let twice = vec![
        Shift::new("early", "06:00", "14:00").unwrap(),
        Shift::new("early", "14:00", "22:00").unwrap(),
    ];
    assert_eq!(
        SiteTime::new("UTC", twice),
        Err(SiteTimeError::DuplicateName("early".into()))
    );
    assert_eq!(SiteTime::new("UTC", vec![]), Err(SiteTimeError::NoShifts));
    // Error texts say what to do.
    assert!(SiteTimeError::UnknownZone("X".into())
        .to_string()
        .contains("Europe/Warsaw"));
}

#[test]
fn a_gap_between_shifts_shows_the_last_one_and_one_shift_a_day_works() {
    let s = SiteTime::new(
        "Europe/Warsaw",
        vec![Shift::new("day", "08:00", "16:00").unwrap()],
    )
    .unwrap();
    // 20:00 CEST in July: after the day shift, which is still shown.
    let sp = s.shift_at(utc(2026, 7, 1, 18, 0));
    assert_eq!(
        (sp.start_ms, sp.end_ms),
        (utc(2026, 7, 1, 6, 0), utc(2026, 7, 1, 14, 0))
    );
    // 07:00: yesterday's.
    assert_eq!(
        s.shift_at(utc(2026, 7, 1, 5, 0)).start_ms,
        utc(2026, 6, 30, 6, 0)
    );
    assert_eq!(
        s.previous_shift(utc(2026, 7, 1, 9, 0)).start_ms,
        utc(2026, 6, 30, 6, 0)
    );
}
