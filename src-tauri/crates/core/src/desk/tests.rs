use proptest::prelude::*;

use super::*;
use crate::site_time::SiteTime;

/// The buckets of `period` at `now` on a UTC site with the default shifts.
fn utc_bounds(period: Period, now: i64) -> Vec<(i64, i64)> {
    Window::at(&SiteTime::default(), period, now).bounds()
}

const NOW: i64 = 1_780_000_000_000 + 30 * 60 * 1000; // half past an hour

fn order(
    packer: &str,
    station: &str,
    at: i64,
    units: u32,
    lines: u32,
    parcels: u32,
    exc: u32,
) -> PackedOrder {
    PackedOrder {
        order_id: format!("SO-{packer}-{at}-{units}"),
        station: station.into(),
        packer_id: packer.into(),
        completed_at_ms: at,
        units,
        lines,
        parcels,
        exceptions: exc,
    }
}

#[test]
fn work_content_follows_the_documented_formula() {
    let m = WorkModel::default();
    let mailer = order("PK-1", "ST-1", NOW, 1, 1, 1, 0);
    assert!((m.standard_minutes(&mailer) - 0.92).abs() < 1e-9);
    // 20 units, 6 lines, 3 parcels, 1 exception: 0.6 + 2.4 + 1.2 + 2.0 + 1.5.
    let big = order("PK-1", "ST-1", NOW, 20, 6, 3, 1);
    assert!((m.standard_minutes(&big) - 7.7).abs() < 1e-9);
    // No parcel at all counts no extra parcel (never negative).
    let none = order("PK-1", "ST-1", NOW, 0, 0, 0, 0);
    assert!((m.standard_minutes(&none) - 0.6).abs() < 1e-9);
}

#[test]
fn a_packer_of_complex_orders_is_not_judged_by_order_count() {
    let hour_start = NOW - 20 * 60 * 1000;
    let mut orders = Vec::new();
    for i in 0..10 {
        orders.push(order(
            "PK-MAILERS",
            "ST-1",
            hour_start + i * 60_000,
            1,
            1,
            1,
            0,
        ));
    }
    for i in 0..2 {
        orders.push(order(
            "PK-BIG",
            "ST-2",
            hour_start + i * 60_000,
            20,
            6,
            3,
            1,
        ));
    }
    let s = productivity(
        &orders,
        &WorkModel::default(),
        &utc_bounds(Period::Shift, NOW),
        GroupBy::Packer,
    );
    assert_eq!(s.len(), 2);
    let (big, mailers) = (&s[0], &s[1]);
    assert_eq!(
        (big.key.as_str(), mailers.key.as_str()),
        ("PK-BIG", "PK-MAILERS")
    );
    assert!(mailers.orders_per_hour > big.orders_per_hour);
    // 15.4 standard minutes in one active hour against 9.2.
    assert!(
        (big.performance_pct - 15.4 / 60.0 * 100.0).abs() < 1e-9,
        "{big:?}"
    );
    assert!(
        (mailers.performance_pct - 9.2 / 60.0 * 100.0).abs() < 1e-9,
        "{mailers:?}"
    );
    assert!(big.performance_pct > mailers.performance_pct);
    assert_eq!((big.active_buckets, mailers.active_buckets), (1, 1));
}

#[test]
fn buckets_cover_the_period_and_one_holds_now() {
    // NOW is 20:56 UTC: the late shift, 14:00-22:00, in 8 hourly buckets.
    let w = Window::at(&SiteTime::default(), Period::Shift, NOW);
    assert_eq!(w.shift, Some(("late".into(), "14:00–22:00".into())));
    let shift = w.bounds();
    assert_eq!(shift.len(), 8);
    assert_eq!(w.buckets[0].label, "14:00");
    assert!(shift.windows(2).all(|w| w[0].1 == w[1].0));
    assert!(shift[6].0 <= NOW && NOW < shift[6].1);
    assert!(shift
        .iter()
        .all(|(s, e)| e - s == HOUR_MS && s % HOUR_MS == 0));
    let prev = utc_bounds(Period::PreviousShift, NOW);
    assert_eq!(prev.len(), 8);
    assert_eq!(prev[7].1, shift[0].0);
    let week = utc_bounds(Period::Week, NOW);
    assert_eq!(week.len(), 7);
    assert!(week[6].0 <= NOW && NOW < week[6].1);
    assert!(week.iter().all(|(s, e)| e - s == DAY_MS && s % DAY_MS == 0));

    let (from, to) = w.span();
    let orders = [
        order("PK-1", "ST-1", from, 1, 1, 1, 0),
        order("PK-1", "ST-1", from - 1, 5, 1, 1, 0),
        order("PK-1", "ST-1", to, 7, 1, 1, 0),
        order("PK-1", "ST-1", to - 1, 2, 1, 1, 0),
    ];
    let s = productivity(&orders, &WorkModel::default(), &shift, GroupBy::Station);
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].orders, s[0].units), (2, 3));
    assert_eq!(s[0].buckets[0].units, 1);
    assert_eq!(s[0].buckets[7].units, 2);
    // Two active hours: the rates are per active hour.
    assert_eq!(s[0].active_buckets, 2);
    assert!((s[0].orders_per_hour - 1.0).abs() < 1e-9);
}

#[test]
fn utc_text_reads_as_a_calendar_date() {
    assert_eq!(utc_text(0), "1970-01-01 00:00:00");
    assert_eq!(utc_text(1_764_158_400_000), "2025-11-26 12:00:00");
    assert_eq!(utc_text(951_782_400_000 + 3_723_000), "2000-02-29 01:02:03");
    assert_eq!(utc_text(-1000), "1969-12-31 23:59:59");
}

#[test]
fn last_hour_counts_one_stations_recent_orders() {
    let orders = [
        order("PK-1", "ST-1", NOW - 10_000, 3, 1, 1, 0),
        order("PK-1", "ST-1", NOW - HOUR_MS - 1, 9, 1, 1, 0),
        order("PK-2", "ST-2", NOW - 10_000, 4, 1, 1, 0),
    ];
    assert_eq!(last_hour(&orders, "ST-1", NOW), (1, 3));
    assert_eq!(last_hour(&orders, "ST-3", NOW), (0, 0));
}

fn facts(id: &str) -> StationFacts {
    StationFacts {
        station_id: id.into(),
        stale: false,
        last_seen_ms: NOW - 1000,
        oldest_pending_age_ms: None,
        failed_writes: 0,
        devices: vec![DeviceFacts {
            kind: "label_printer".into(),
            name: "Zebra".into(),
            ready: true,
            problems: vec![],
        }],
    }
}

#[test]
fn alerts_name_offline_backlogged_and_out_of_labels_stations() {
    let policy = AlertPolicy {
        backlog_max_age_ms: 600_000,
    };
    let healthy = facts("ST-OK");
    let mut stale = facts("ST-STALE");
    stale.stale = true;
    stale.last_seen_ms = NOW - 5 * 60_000;
    // What a stale station said of its devices is old news: only "offline".
    stale.devices[0].problems = vec!["paper_out".into()];
    stale.oldest_pending_age_ms = Some(10_000_000);
    let mut backlog = facts("ST-BACKLOG");
    backlog.oldest_pending_age_ms = Some(600_001);
    let mut at_limit = facts("ST-LIMIT");
    at_limit.oldest_pending_age_ms = Some(600_000);
    let mut paper = facts("ST-PAPER");
    paper.devices[0].ready = false;
    paper.devices[0].problems = vec!["paper_out".into()];
    let mut head = facts("ST-HEAD");
    head.devices[0].ready = false;
    head.devices[0].problems = vec!["head_open".into()];

    let alerts = evaluate(
        &[healthy, stale, backlog, at_limit, paper, head],
        &policy,
        NOW,
    );
    let got: Vec<(&str, &str, Severity)> = alerts
        .iter()
        .map(|a| (a.station_id.as_str(), a.kind.as_str(), a.severity))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "ST-PAPER",
                AlertKind::PrinterOutOfLabels.as_str(),
                Severity::Critical
            ),
            (
                "ST-STALE",
                AlertKind::StationOffline.as_str(),
                Severity::Critical
            ),
            (
                "ST-HEAD",
                AlertKind::DeviceNotReady.as_str(),
                Severity::Warning
            ),
            (
                "ST-BACKLOG",
                AlertKind::OutboxBacklog.as_str(),
                Severity::Warning
            ),
        ]
    );
    assert!(alerts[1].message.contains("5 min"), "{}", alerts[1].message);
    assert_eq!(
        alerts[2].message,
        "ST-HEAD: label printer Zebra: printhead open [head_open]."
    );
    assert!(
        alerts[3].message.contains("11 min"),
        "{}",
        alerts[3].message
    );
}

#[test]
fn a_device_alert_names_the_station_the_device_and_each_fault() {
    let mut st = facts("ST-07");
    st.devices.push(DeviceFacts {
        kind: "scale".into(),
        name: "nci scale on /dev/ttyUSB0".into(),
        ready: false,
        problems: vec!["scale_disconnected".into()],
    });
    st.devices[0].ready = false;
    st.devices[0].problems = vec!["cutter_fault".into(), "not_answering".into()];
    let alerts = evaluate(&[st], &AlertPolicy::default(), NOW);
    let messages: Vec<&str> = alerts.iter().map(|a| a.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "ST-07: label printer Zebra: cutter fault [cutter_fault], connected but not answering (see its display) [not_answering].",
            "ST-07: scale nci scale on /dev/ttyUSB0: disconnected [scale_disconnected].",
        ]
    );
    assert_eq!(alerts[1].key, "device_not_ready/ST-07/scale");
}

#[test]
fn an_alert_is_raised_once_and_cleared_when_its_cause_goes() {
    let policy = AlertPolicy::default();
    let mut st = facts("ST-1");
    st.stale = true;
    let mut t = AlertTracker::default();
    let c = t.update(NOW, evaluate(std::slice::from_ref(&st), &policy, NOW));
    assert_eq!(c.raised.len(), 1);
    assert!(c.cleared.is_empty());
    assert_eq!(c.raised[0].raised_at_ms, NOW);
    for i in 1..5 {
        let c = t.update(
            NOW + i * 3000,
            evaluate(std::slice::from_ref(&st), &policy, NOW + i * 3000),
        );
        assert_eq!(
            c,
            AlertChanges::default(),
            "poll {i} raised or cleared again"
        );
    }
    assert_eq!(t.active()[0].raised_at_ms, NOW);
    st.stale = false;
    let c = t.update(
        NOW + 20_000,
        evaluate(std::slice::from_ref(&st), &policy, NOW + 20_000),
    );
    assert_eq!((c.raised.len(), c.cleared.len()), (0, 1));
    assert!(t.active().is_empty());
    st.stale = true;
    let c = t.update(
        NOW + 30_000,
        evaluate(std::slice::from_ref(&st), &policy, NOW + 30_000),
    );
    assert_eq!(c.raised.len(), 1, "the same cause again raises again");
}

fn record(kind: RecordKind, at: i64, station: &str, packer: &str, reason: &str) -> DeskRecord {
    DeskRecord {
        recorded_at_local: String::new(),
        kind,
        recorded_at_ms: at,
        station: station.into(),
        packer_id: packer.into(),
        order_id: "SO-1".into(),
        reason: reason.into(),
        detail: String::new(),
    }
}

#[test]
fn the_filter_matches_every_field_it_names() {
    let rs = vec![
        record(RecordKind::LineException, 100, "ST-1", "PK-1", "short"),
        record(
            RecordKind::PackagingOverride,
            200,
            "ST-2",
            "PK-1",
            "Suggested box out of stock",
        ),
        record(
            RecordKind::WeightOverride,
            300,
            "ST-1",
            "PK-2",
            "wet cardboard",
        ),
        record(
            RecordKind::OrderException,
            400,
            "ST-2",
            "PK-2",
            "weight_mismatch",
        ),
    ];
    let kinds = |f: RecordFilter| {
        f.apply(&rs)
            .iter()
            .map(|r| r.recorded_at_ms)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(RecordFilter::default()), vec![400, 300, 200, 100]);
    assert_eq!(
        kinds(RecordFilter {
            station: Some("st-1".into()),
            ..Default::default()
        }),
        vec![300, 100]
    );
    assert_eq!(
        kinds(RecordFilter {
            packer_id: Some("PK-2".into()),
            ..Default::default()
        }),
        vec![400, 300]
    );
    assert_eq!(
        kinds(RecordFilter {
            kind: Some(RecordKind::PackagingOverride),
            ..Default::default()
        }),
        vec![200]
    );
    assert_eq!(
        kinds(RecordFilter {
            reason: Some("OUT OF".into()),
            ..Default::default()
        }),
        vec![200]
    );
    assert_eq!(
        kinds(RecordFilter {
            from_ms: Some(200),
            to_ms: Some(400),
            ..Default::default()
        }),
        vec![300, 200]
    );
    // Blank text fields filter nothing (an emptied input box).
    assert_eq!(
        kinds(RecordFilter {
            station: Some("  ".into()),
            reason: Some(String::new()),
            ..Default::default()
        })
        .len(),
        4
    );
}

fn any_order(now: i64) -> impl Strategy<Value = PackedOrder> {
    (
        0..4u8,
        0..3u8,
        -8 * DAY_MS..DAY_MS,
        0..40u32,
        0..8u32,
        0..4u32,
        0..3u32,
    )
        .prop_map(move |(p, s, dt, units, lines, parcels, exc)| PackedOrder {
            order_id: format!("SO-{dt}"),
            station: format!("ST-{s}"),
            packer_id: format!("PK-{p}"),
            completed_at_ms: now + dt,
            units,
            lines,
            parcels,
            exceptions: exc,
        })
}

/// Moments around the 2026 DST changes in Europe (29 March and 25 October, 01:00 UTC) and NOW.
fn any_now() -> impl Strategy<Value = i64> {
    (
        prop::sample::select(vec![NOW, 1_774_746_000_000, 1_792_890_000_000]),
        -2 * DAY_MS..2 * DAY_MS,
    )
        .prop_map(|(at, dt)| at + dt)
}

fn any_orders() -> impl Strategy<Value = (i64, Vec<PackedOrder>)> {
    any_now().prop_flat_map(|now| (Just(now), prop::collection::vec(any_order(now), 0..60)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Every order inside the period lands in exactly one bucket of one series, the one whose
    /// local hour or day holds it, whichever way the work is grouped, in any zone and across
    /// DST changes; nothing outside it counts.
    #[test]
    fn aggregation_conserves_work(
        (now, orders) in any_orders(),
        period in prop::sample::select(vec![Period::Shift, Period::PreviousShift, Period::Week]),
        zone in prop::sample::select(vec!["UTC", "Europe/Warsaw", "Europe/London", "Asia/Kolkata", "America/St_Johns"]),
    ) {
        let site = SiteTime::new(zone, SiteTime::default_shifts()).unwrap();
        let w = Window::at(&site, period, now);
        let bounds = w.bounds();
        prop_assert!(bounds.windows(2).all(|b| b[0].1 == b[1].0));
        prop_assert!(bounds.iter().all(|(s, e)| s < e));
        let m = WorkModel::default();
        let (from, to) = w.span();
        let inside: Vec<&PackedOrder> = orders.iter().filter(|o| o.completed_at_ms >= from && o.completed_at_ms < to).collect();
        let want_minutes: f64 = inside.iter().map(|o| m.standard_minutes(o)).sum();
        let want_units: u32 = inside.iter().map(|o| o.units).sum();
        for group in [GroupBy::Packer, GroupBy::Station] {
            let s = productivity(&orders, &m, &bounds, group);
            let orders_n: u32 = s.iter().map(|x| x.orders).sum();
            let units: u32 = s.iter().map(|x| x.buckets.iter().map(|b| b.units).sum::<u32>()).sum();
            let minutes: f64 = s.iter().map(|x| x.standard_minutes).sum();
            prop_assert_eq!(orders_n as usize, inside.len());
            prop_assert_eq!(units, want_units);
            prop_assert!((minutes - want_minutes).abs() < 1e-6);
            for x in &s {
                prop_assert!(x.orders > 0);
                prop_assert!(x.performance_pct >= 0.0 && x.performance_pct.is_finite());
                prop_assert_eq!(x.buckets.len(), bounds.len());
                let key_orders: u32 = x.buckets.iter().map(|b| b.orders).sum();
                let in_buckets = inside.iter().filter(|o| {
                    let k = if group == GroupBy::Packer { &o.packer_id } else { &o.station };
                    *k == x.key
                }).count() as u32;
                prop_assert_eq!(key_orders, in_buckets);
            }
        }
        // Each order is in the bucket whose bounds hold it.
        let s = productivity(&orders, &m, &bounds, GroupBy::Station);
        for o in &inside {
            let i = bounds.iter().position(|(a, b)| *a <= o.completed_at_ms && o.completed_at_ms < *b).unwrap();
            let x = s.iter().find(|x| x.key == o.station).unwrap();
            prop_assert!(x.buckets[i].orders > 0);
        }
    }
}
