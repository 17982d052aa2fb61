use super::*;

const H: u64 = 3_600_000;

/// `stations` stations heartbeating every 5 min for `hours` hours from `t0`, one run each, with
/// `per_hour` orders, `per_hour * 3` units and the given events per station spread evenly.
fn fleet(
    stations: u32,
    hours: u64,
    t0: u64,
    crashes_each: u32,
    exceptions_each: u32,
) -> Vec<RunSample> {
    let mut out = Vec::new();
    for s in 0..stations {
        let beats = hours * 12;
        for i in 0..=beats {
            let done = |total: u32| (u64::from(total) * i / beats) as u32;
            let restarts = done(crashes_each);
            out.push(RunSample {
                station: format!("ST-{s:02}"),
                sent_at_ms: t0 + i * 5 * 60_000,
                // Each crash restarts the process: a new run, counters from zero.
                started_at_ms: t0 + u64::from(restarts),
                restarts_since_boot: restarts,
                orders: (i * 10 / 12) as u32,
                units: (i * 30 / 12) as u32,
                exceptions: done(exceptions_each),
                ..RunSample::default()
            });
        }
    }
    out
}

#[test]
fn rings_walk_canary_then_named_groups_then_early_then_general() {
    assert_eq!(ring_order([]), ["canary", "early", "general"]);
    assert_eq!(
        ring_order([
            "zone-b",
            "general",
            "night-shift",
            "zone-b",
            "Bad Name",
            "canary"
        ]),
        ["canary", "night-shift", "zone-b", "early", "general"]
    );
}

#[test]
fn ring_names_are_checked() {
    for ok in ["canary", "early", "general", "night-shift", "zone2"] {
        assert!(valid_ring(ok), "{ok}");
    }
    for bad in ["", "Canary", "2nd", "a b", "x_y", &"a".repeat(33)] {
        assert!(!valid_ring(bad), "{bad}");
    }
}

#[test]
fn versions_order_as_semver() {
    assert!(newer("0.2.0", "0.1.9"));
    assert!(newer("0.10.0", "0.9.0"));
    assert!(newer("1.0.0", "1.0.0-rc.1"));
    assert!(!newer("0.1.0", "0.1.0"));
    assert!(!newer("0.1.0", "0.2.0"));
    assert!(!newer("bad", "0.1.0"));
    assert_eq!(version_key("1.2"), None);
    assert!(newer("1.2.4+build.7", "1.2.3"));
    assert!(!newer("1.2.3+b", "1.2.3"));
}

#[test]
fn well_formed_versions_are_the_contracts_pattern() {
    for ok in [
        "0.1.0",
        "10.20.30",
        "1.0.0-rc.1",
        "1.0.0+build-5",
        "1.0.0-",
        "123456789.0.0",
    ] {
        assert!(well_formed_version(ok), "{ok}");
        assert!(version_key(ok).is_some(), "{ok}");
    }
    for bad in [
        "",
        "1.0",
        "1.0.0.0",
        "a.b.c",
        "1.0.0-a_b",
        "1234567890.0.0",
        "1.0.0 ",
        &format!("1.0.0-{}", "x".repeat(41)),
    ] {
        assert!(!well_formed_version(bad), "{bad}");
    }
}

#[test]
fn a_station_takes_a_lower_version_only_as_a_roll_back() {
    assert!(takes_release("0.1.0", "0.2.0", false));
    assert!(!takes_release("0.2.0", "0.1.0", false));
    assert!(takes_release("0.2.0", "0.1.0", true));
    assert!(!takes_release("0.2.0", "0.2.0", true));
    assert!(!takes_release("0.2.0", "0.2.0", false));
    assert!(!takes_release("0.2.0", "garbage", true));
}

#[test]
fn station_hours_come_from_heartbeat_gaps_and_skip_outages() {
    let f = figures(&fleet(2, 3, 1_000, 0, 0));
    assert_eq!(f.stations, 2);
    assert!((f.station_hours - 6.0).abs() < 1e-9, "{}", f.station_hours);
    // A 2-hour silence in the middle counts nothing.
    let beat = |t: u64| RunSample {
        station: "ST-01".into(),
        sent_at_ms: t,
        ..RunSample::default()
    };
    let f = figures(&[
        beat(0),
        beat(10 * 60_000),
        beat(2 * H + 10 * 60_000),
        beat(2 * H + 20 * 60_000),
    ]);
    assert!(
        (f.station_hours - 20.0 / 60.0).abs() < 1e-9,
        "{}",
        f.station_hours
    );
}

#[test]
fn counters_add_up_over_runs_and_crashes_are_rises_of_the_restart_count() {
    let s = |t: u64, started: u64, restarts: u32, orders: u32| RunSample {
        station: "ST-01".into(),
        sent_at_ms: t,
        started_at_ms: started,
        restarts_since_boot: restarts,
        orders,
        ..RunSample::default()
    };
    // Run 1 packs 5 orders, crashes; run 2 packs 3; then the machine reboots (count back to 0).
    let f = figures(&[
        s(0, 0, 0, 1),
        s(60_000, 0, 0, 5),
        s(120_000, 100_000, 1, 0),
        s(180_000, 100_000, 1, 3),
        s(240_000, 230_000, 0, 0),
    ]);
    assert_eq!(f.orders, 8);
    assert_eq!(f.crash_restarts, 1);
}

#[test]
fn a_release_soaks_before_anything_is_decided() {
    let old = figures(&fleet(4, 10, 0, 2, 5));
    let new = figures(&fleet(2, 2, 0, 0, 0));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Soaking);
}

#[test]
fn a_release_as_healthy_as_the_last_is_promoted() {
    let old = figures(&fleet(4, 10, 0, 2, 5));
    let new = figures(&fleet(2, 5, 0, 1, 2));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Promote, "{c:#?}");
    assert_eq!(c.worse().count(), 0);
    assert_eq!(c.metrics.len(), HealthMetric::ALL.len());
}

#[test]
fn canaries_crashing_twice_as_often_hold_the_release() {
    // Old: 0.05 crashes per station-hour; new: 0.1.
    let old = figures(&fleet(4, 20, 0, 1, 0));
    let new = figures(&fleet(2, 20, 0, 2, 0));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Hold, "{c:#?}");
    let worse: Vec<_> = c.worse().map(|m| m.metric).collect();
    assert_eq!(worse, [HealthMetric::CrashRestartsPerStationHour]);
}

#[test]
fn a_few_events_never_hold_a_release() {
    // Two crashes where the old version had none: below the small-sample guard.
    let old = figures(&fleet(4, 10, 0, 0, 0));
    let new = figures(&fleet(1, 10, 0, 2, 0));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Promote, "{c:#?}");
    // Three do.
    let new = figures(&fleet(1, 10, 0, 3, 0));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Hold);
}

#[test]
fn within_the_margin_is_no_worse() {
    // 10 % more exceptions per order: noise, not a regression.
    let old = figures(&fleet(1, 10, 0, 0, 100));
    let new = figures(&fleet(1, 10, 0, 0, 110));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Promote, "{c:#?}");
    let new = figures(&fleet(1, 10, 0, 0, 130));
    let c = compare("0.2.0", &new, Some("0.1.0"), &old, 8.0);
    assert_eq!(c.verdict, Verdict::Hold);
    assert_eq!(
        c.worse().map(|m| m.metric).collect::<Vec<_>>(),
        [HealthMetric::ExceptionsPerOrder]
    );
}
