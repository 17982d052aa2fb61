//! Fleet roll-outs against the real training backend (SQLite, HTTP on loopback): simulated
//! stations in the canary, early and general rings report their runs in heartbeats whose
//! timestamps the test sets (no sleeping: station-hours are the heartbeats' own), IT publishes
//! releases over HTTP, and each ring's update manifest is read as a station reads it. A healthy
//! release walks canary → early → general; one whose canaries crash twice as often is held at
//! canary with an alert; a supervisor's roll-back reaches the ring, marked as one.

use packbench::adapters::http_backend::HttpBackend;
use packbench::contract::{
    DecisionKind, Heartbeat, OutboxHealth, PublishRelease, RingState, RolloutAction,
    RolloutActionKind, RolloutOverview, RunHealth, ShiftCounters, SignInRequest, UpdateManifest,
    Verdict,
};
use packbench::ports::{BackendApi, BackendError, SupervisorApi};
use packbench::training::demo_data;

use crate::support::{backend, client, TOKEN};

/// The simulation's clock: heartbeats every 5 minutes from here.
const T0: u64 = 1_900_000_000_000;
const TICK_MS: u64 = 5 * 60_000;
const TICKS_PER_HOUR: u64 = 12;

/// A station as the roll-out sees it: its ring, version and run, heartbeating.
struct Sim {
    client: HttpBackend,
    id: String,
    ring: &'static str,
    version: String,
    run: RunHealth,
    /// Heartbeats sent, for their idempotency keys.
    sent: u64,
    /// Ticks counted towards the crash schedule.
    beats: u64,
    /// A crash every this many ticks on its current version (none: never).
    crash_every: Option<u64>,
}

impl Sim {
    fn new(url: &str, id: &str, ring: &'static str, version: &str) -> Sim {
        Sim {
            client: client(url, id),
            id: id.into(),
            ring,
            version: version.into(),
            run: RunHealth {
                started_at_ms: T0,
                ..RunHealth::default()
            },
            sent: 0,
            beats: 0,
            crash_every: None,
        }
    }

    /// One tick of work (an order of 3 units, an exception every 4th order, a refused scan every
    /// 10 units), a crash when due, then the heartbeat at `at_ms`.
    async fn tick(&mut self, at_ms: u64) {
        self.sent += 1;
        self.beats += 1;
        if self
            .crash_every
            .is_some_and(|n| self.beats.is_multiple_of(n))
        {
            self.run = RunHealth {
                started_at_ms: at_ms,
                restarts_since_boot: self.run.restarts_since_boot + 1,
                ..RunHealth::default()
            };
        }
        let r = &mut self.run;
        r.orders += 1;
        r.units += 3;
        r.exceptions = r.orders / 4;
        r.scan_refusals = r.units / 10;
        let hb = Heartbeat {
            station_id: self.id.clone(),
            packer_id: None,
            trolley: None,
            slot: None,
            step: Some("scan_trolley".into()),
            counters: ShiftCounters::default(),
            devices: vec![],
            outbox: OutboxHealth::default(),
            app_version: self.version.clone(),
            sent_at_ms: at_ms,
            alerts: vec![],
            ring: Some(self.ring.into()),
            run: Some(self.run.clone()),
        };
        let key = format!("hb-{}-{}", self.id, self.sent);
        self.client.heartbeat(&key, &hb).await.unwrap();
    }

    /// Installs `version` as the updater does: the app restarts on it (not a crash).
    fn install(&mut self, version: &str, at_ms: u64) {
        self.version = version.into();
        self.run = RunHealth {
            started_at_ms: at_ms,
            restarts_since_boot: self.run.restarts_since_boot,
            ..RunHealth::default()
        };
    }
}

/// Every station ticks `hours` from `*now`, which moves on.
async fn run_for(sims: &mut [Sim], now: &mut u64, hours: u64) {
    for _ in 0..hours * TICKS_PER_HOUR {
        *now += TICK_MS;
        for s in sims.iter_mut() {
            s.tick(*now).await;
        }
    }
}

/// The update manifest a station of `ring` on `version` is offered, as the updater asks it.
async fn offered(url: &str, ring: &str, version: &str) -> Option<UpdateManifest> {
    let r = reqwest::Client::new()
        .get(format!("{url}/v1/updates/{ring}/linux-x86_64/{version}"))
        .bearer_auth(TOKEN)
        .header("x-station-id", "ST-ASK")
        .send()
        .await
        .unwrap();
    match r.status().as_u16() {
        204 => None,
        200 => Some(r.json().await.unwrap()),
        other => panic!("update check answered {other}: {}", r.text().await.unwrap()),
    }
}

/// A supervisor's session (IT publishes as one).
async fn supervisor(c: &HttpBackend) -> String {
    let staff = demo_data::generate(demo_data::DEFAULT_SEED).packers;
    let p = staff.iter().find(|p| p.role == "supervisor").unwrap();
    c.sign_in(&SignInRequest::Badge {
        badge: p.badge.clone(),
    })
    .await
    .unwrap()
    .session_token
}

/// A training backend of the test's own and IT at its desk, signed in as a supervisor: the
/// backend's directory and process (kept for the test's life), its URL, IT's client, session.
async fn it_desk() -> (
    tempfile::TempDir,
    packbench::training::RunningBackend,
    String,
    HttpBackend,
    String,
) {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let url = b.url();
    let it = client(&url, "IT-DESK");
    let session = supervisor(&it).await;
    (dir, b, url, it, session)
}

/// IT publishes a release over HTTP, as the README says.
async fn publish(url: &str, session: &str, version: &str, soak_station_hours: f64) -> u16 {
    let body = PublishRelease {
        version: version.into(),
        url: format!("https://updates.example.com/packbench/Packbench_{version}_amd64.deb"),
        signature: format!("signature-of-{version}"),
        notes: Some(format!("release {version}")),
        target: None,
        soak_station_hours: Some(soak_station_hours),
    };
    reqwest::Client::new()
        .post(format!("{url}/v1/rollout/releases"))
        .bearer_auth(TOKEN)
        .header("x-station-id", "IT-DESK")
        .header("x-packer-session", session)
        .header("idempotency-key", format!("publish-{version}"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn ring<'a>(o: &'a RolloutOverview, name: &str) -> &'a packbench::contract::RingStatus {
    o.rings.iter().find(|r| r.ring == name).unwrap()
}

/// Two canaries, two early and four general stations on 1.0.0, which every ring runs (it went
/// through all rings when no station had reported yet), eight hours with a crash every
/// `crash_every_ticks` each.
async fn fleet_on_1_0(url: &str, session: &str, now: &mut u64, crash_every: u64) -> Vec<Sim> {
    assert_eq!(publish(url, session, "1.0.0", 0.0).await, 200);
    let mut sims = vec![
        Sim::new(url, "ST-C1", "canary", "1.0.0"),
        Sim::new(url, "ST-C2", "canary", "1.0.0"),
        Sim::new(url, "ST-E1", "early", "1.0.0"),
        Sim::new(url, "ST-E2", "early", "1.0.0"),
        Sim::new(url, "ST-G1", "general", "1.0.0"),
        Sim::new(url, "ST-G2", "general", "1.0.0"),
        Sim::new(url, "ST-G3", "general", "1.0.0"),
        Sim::new(url, "ST-G4", "general", "1.0.0"),
    ];
    for s in sims.iter_mut() {
        s.crash_every = Some(crash_every);
    }
    run_for(&mut sims, now, 8).await;
    sims
}

/// Each station of `ring` asks for its update and installs what it is offered.
async fn update_ring(url: &str, sims: &mut [Sim], ring: &str, now: u64) -> usize {
    let mut installed = 0;
    for s in sims.iter_mut().filter(|s| s.ring == ring) {
        if let Some(m) = offered(url, ring, &s.version).await {
            assert!(!m.rollback);
            s.install(&m.version, now);
            installed += 1;
        }
    }
    installed
}

#[tokio::test]
async fn a_healthy_release_walks_canary_then_early_then_general() {
    let (_dir, _b, url, it, session) = it_desk().await;
    let mut now = T0;
    // Every station crashes every 12 hours, on either version.
    let mut sims = fleet_on_1_0(&url, &session, &mut now, 144).await;

    assert_eq!(publish(&url, &session, "1.1.0", 12.0).await, 200);
    assert_eq!(
        publish(&url, &session, "1.1.0", 12.0).await,
        200,
        "a replay"
    );
    assert_eq!(offered(&url, "early", "1.0.0").await, None, "early waits");
    assert_eq!(offered(&url, "general", "1.0.0").await, None);
    let m = offered(&url, "canary", "1.0.0")
        .await
        .expect("canary first");
    assert_eq!(
        (m.version.as_str(), m.ring.as_str(), m.rollback),
        ("1.1.0", "canary", false)
    );
    assert_eq!(
        m.url,
        "https://updates.example.com/packbench/Packbench_1.1.0_amd64.deb"
    );
    assert_eq!(m.signature, "signature-of-1.1.0");
    assert_eq!(
        offered(&url, "canary", "1.1.0").await,
        None,
        "nothing newer"
    );
    assert_eq!(update_ring(&url, &mut sims, "canary", now).await, 2);

    // Five hours: 10 station-hours on 1.1.0, short of the 12-hour soak.
    run_for(&mut sims, &mut now, 5).await;
    let o = it.rollout(&session).await.unwrap();
    let canary = ring(&o, "canary");
    assert_eq!(canary.state, RingState::Soaking);
    let soak = canary.soaking.as_ref().unwrap();
    assert!(
        (9.5..=10.5).contains(&soak.candidate.station_hours),
        "{soak:?}"
    );
    assert_eq!(soak.verdict, Verdict::Soaking);
    assert_eq!(canary.stations[0].version, "1.1.0");
    assert_eq!(offered(&url, "early", "1.0.0").await, None);

    // Two more hours: soaked (12 station-hours) and no worse, on to early.
    run_for(&mut sims, &mut now, 2).await;
    let o = it.rollout(&session).await.unwrap();
    let canary = ring(&o, "canary");
    assert_eq!(canary.state, RingState::Done);
    let d = canary.last_decision.as_ref().unwrap();
    assert_eq!(d.kind, DecisionKind::Promoted, "{d:?}");
    let c = d.comparison.as_ref().unwrap();
    assert_eq!(c.verdict, Verdict::Promote);
    assert_eq!(c.baseline_version.as_deref(), Some("1.0.0"));
    assert_eq!(c.worse().count(), 0, "{c:#?}");
    assert_eq!(ring(&o, "early").version.as_deref(), Some("1.1.0"));
    assert_eq!(ring(&o, "early").previous_version.as_deref(), Some("1.0.0"));
    assert_eq!(
        offered(&url, "general", "1.0.0").await,
        None,
        "general waits"
    );
    assert_eq!(update_ring(&url, &mut sims, "early", now).await, 2);

    run_for(&mut sims, &mut now, 7).await;
    let o = it.rollout(&session).await.unwrap();
    assert_eq!(ring(&o, "early").state, RingState::Done);
    assert_eq!(ring(&o, "general").version.as_deref(), Some("1.1.0"));
    assert_eq!(update_ring(&url, &mut sims, "general", now).await, 4);
    run_for(&mut sims, &mut now, 1).await;
    let o = it.rollout(&session).await.unwrap();
    let general = ring(&o, "general");
    assert_eq!(general.state, RingState::Done);
    assert_eq!(
        general
            .stations
            .iter()
            .map(|c| (c.version.as_str(), c.stations))
            .collect::<Vec<_>>(),
        [("1.1.0", 4)]
    );
    assert_eq!(o.releases[0].version, "1.1.0");
    // No alert was raised on the way.
    assert!(it
        .alerts(&session)
        .await
        .unwrap()
        .iter()
        .all(|a| a.kind != "release_held"));
}

#[tokio::test]
async fn canaries_crashing_twice_as_often_hold_the_release_with_an_alert_until_rolled_back() {
    let (_dir, _b, url, it, session) = it_desk().await;
    let mut now = T0;
    let mut sims = fleet_on_1_0(&url, &session, &mut now, 48).await;

    assert_eq!(publish(&url, &session, "1.1.0", 12.0).await, 200);
    assert_eq!(update_ring(&url, &mut sims, "canary", now).await, 2);
    // 1.1.0 crashes every 2 hours instead of 4.
    for s in sims.iter_mut().filter(|s| s.ring == "canary") {
        s.crash_every = Some(24);
        s.beats = 0;
    }
    run_for(&mut sims, &mut now, 7).await;

    let o = it.rollout(&session).await.unwrap();
    let canary = ring(&o, "canary");
    assert_eq!(canary.state, RingState::Held, "{canary:#?}");
    let d = canary.last_decision.as_ref().unwrap();
    assert_eq!(d.kind, DecisionKind::Held);
    let c = d.comparison.as_ref().unwrap();
    let worse: Vec<_> = c.worse().map(|m| m.metric.as_str()).collect();
    assert_eq!(worse, ["crash_restarts_per_station_hour"], "{c:#?}");
    let m = &c.metrics[0];
    let ratio = m.candidate_rate.unwrap() / m.baseline_rate.unwrap();
    assert!(
        (1.6..=3.0).contains(&ratio),
        "about twice as often: {ratio}"
    );
    // Held at canary: early and general stay on 1.0.0, and the canaries get nothing more.
    assert_eq!(ring(&o, "early").version.as_deref(), Some("1.0.0"));
    assert_eq!(offered(&url, "early", "1.0.0").await, None);
    assert_eq!(
        offered(&url, "canary", "1.0.0").await,
        None,
        "held: not offered"
    );

    // The alert: the fleet's, on every desk.
    let alerts = it.alerts(&session).await.unwrap();
    let held = alerts
        .iter()
        .find(|a| a.kind == "release_held")
        .expect("an alert");
    assert_eq!(held.key, "release_held/canary/1.1.0");
    assert_eq!(held.station_id, packbench::training::ROLLOUT_ALERT_STATION);
    assert!(
        held.message.contains("1.1.0") && held.message.contains("crash restarts"),
        "{}",
        held.message
    );
    // More heartbeats neither clear it nor raise it again.
    run_for(&mut sims, &mut now, 1).await;
    let alerts = it.alerts(&session).await.unwrap();
    assert_eq!(
        alerts.iter().filter(|a| a.kind == "release_held").count(),
        1
    );

    // A supervisor rolls the canaries back: 1.0.0, marked as a roll-back, for stations on any
    // other version only.
    let back = RolloutAction {
        action: RolloutActionKind::RollBack,
        reason: "canaries crash".into(),
    };
    let r = it
        .rollout_action("rollback-canary-1", &session, "canary", &back)
        .await
        .unwrap();
    assert_eq!(
        (r.state, r.version.as_deref()),
        (RingState::RolledBack, Some("1.0.0"))
    );
    let m = offered(&url, "canary", "1.1.0")
        .await
        .expect("the roll-back");
    assert_eq!((m.version.as_str(), m.rollback), ("1.0.0", true));
    assert_eq!(m.signature, "signature-of-1.0.0");
    assert_eq!(
        offered(&url, "canary", "1.0.0").await,
        None,
        "already there"
    );
    assert_eq!(
        offered(&url, "early", "1.0.0").await,
        None,
        "other rings untouched"
    );
    assert!(
        it.alerts(&session)
            .await
            .unwrap()
            .iter()
            .all(|a| a.kind != "release_held"),
        "acted on: cleared"
    );
    let o = it.rollout(&session).await.unwrap();
    let d = ring(&o, "canary").last_decision.clone().unwrap();
    assert_eq!(
        (d.kind, d.version.as_str()),
        (DecisionKind::RolledBack, "1.0.0")
    );
    assert!(d.by.is_some());

    // Nothing older than 1.0.0 to roll back to.
    let again = it
        .rollout_action("rollback-canary-2", &session, "canary", &back)
        .await;
    match again {
        Err(BackendError::Rejected { status, code, .. }) => {
            assert_eq!((status, code.as_str()), (409, "nothing_to_roll_back"))
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_supervisor_holds_and_resumes_a_ring_and_only_newer_releases_publish() {
    let (_dir, _b, url, it, session) = it_desk().await;
    let mut now = T0;
    let mut sims = fleet_on_1_0(&url, &session, &mut now, 48).await;
    assert_eq!(publish(&url, &session, "1.1.0", 12.0).await, 200);
    // Not newer: refused.
    assert_eq!(publish(&url, &session, "1.0.5", 1.0).await, 409);
    // A ring that is no ring name is refused in a heartbeat, and in the update path.
    let bad = client(&url, "ST-BAD");
    let hb = Heartbeat {
        station_id: "ST-BAD".into(),
        packer_id: None,
        trolley: None,
        slot: None,
        step: None,
        counters: ShiftCounters::default(),
        devices: vec![],
        outbox: OutboxHealth::default(),
        app_version: "1.0.0".into(),
        sent_at_ms: now,
        alerts: vec![],
        ring: Some("Night Shift".into()),
        run: Some(RunHealth::default()),
    };
    match bad.heartbeat("hb-bad-ring-1", &hb).await {
        Err(BackendError::Rejected { status, code, .. }) => {
            assert_eq!((status, code.as_str()), (422, "invalid_body"))
        }
        other => panic!("{other:?}"),
    }
    let r = reqwest::Client::new()
        .get(format!("{url}/v1/updates/Night%20Shift/linux-x86_64/1.0.0"))
        .bearer_auth(TOKEN)
        .header("x-station-id", "ST-ASK")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);

    let hold = RolloutAction {
        action: RolloutActionKind::Hold,
        reason: "printer firmware check".into(),
    };
    let r = it
        .rollout_action("hold-canary", &session, "canary", &hold)
        .await
        .unwrap();
    assert_eq!(r.state, RingState::Held);
    assert_eq!(r.held_reason.as_deref(), Some("printer firmware check"));
    assert_eq!(
        offered(&url, "canary", "1.0.0").await,
        None,
        "held: not offered"
    );
    // Held by hand: a soak that would pass moves nothing on.
    assert_eq!(update_ring(&url, &mut sims, "canary", now).await, 0);
    let resume = RolloutAction {
        action: RolloutActionKind::Resume,
        reason: "firmware fine".into(),
    };
    let r = it
        .rollout_action("resume-canary", &session, "canary", &resume)
        .await
        .unwrap();
    assert_eq!(r.state, RingState::Soaking);
    assert_eq!(update_ring(&url, &mut sims, "canary", now).await, 2);
    run_for(&mut sims, &mut now, 7).await;
    let o = it.rollout(&session).await.unwrap();
    assert_eq!(ring(&o, "early").version.as_deref(), Some("1.1.0"));

    // A named group sits after canary, before early: once a station reports from it, the
    // canaries' soaked release is promoted to it too.
    let mut night = vec![Sim::new(&url, "ST-N1", "night-shift", "1.0.0")];
    run_for(&mut night, &mut now, 1).await;
    let o = it.rollout(&session).await.unwrap();
    let names: Vec<_> = o.rings.iter().map(|r| r.ring.as_str()).collect();
    assert_eq!(names, ["canary", "night-shift", "early", "general"]);
    let m = offered(&url, "night-shift", "1.0.0")
        .await
        .expect("promoted");
    assert_eq!(m.version, "1.1.0");
}

/// The desk at a station, through the station's own services and the embedded training backend:
/// the roll-out tab's rings and a hold and roll-back as desk actions, answered as facts.
#[tokio::test]
async fn the_desk_shows_the_roll_out_and_holds_and_rolls_back_a_ring() {
    use packbench::services::pack::PackOptions;
    use packbench_ipc::desk::{DeskAction, DeskDone, RingStep};
    let dir = tempfile::tempdir().unwrap();
    let cfg = packbench::config::Config {
        station_id: "ST-DESK".into(),
        backend_token: "training".into(),
        data_dir: dir.path().to_owned(),
        ..Default::default()
    };
    let rt = packbench::app::start_station(&cfg, PackOptions::default())
        .await
        .unwrap();
    let b = rt.embedded.as_ref().unwrap();
    for v in ["1.0.0", "1.1.0"] {
        let p = PublishRelease {
            version: v.into(),
            url: format!("https://updates.example.com/{v}.deb"),
            signature: format!("sig-{v}"),
            notes: None,
            target: None,
            soak_station_hours: None,
        };
        b.db.publish_release("IT", &format!("publish-{v}"), "IT", &p)
            .await
            .unwrap();
    }
    // Nobody signed in: no desk.
    assert!(rt.desk.rollout().await.is_err());
    let staff = demo_data::generate(demo_data::DEFAULT_SEED).packers;
    let sup = staff.iter().find(|p| p.role == "supervisor").unwrap();
    rt.pack
        .sign_in(SignInRequest::Pin {
            packer_id: sup.packer_id.clone(),
            pin: sup.pin.clone(),
        })
        .await
        .unwrap();
    let view = rt.desk.rollout().await.unwrap();
    assert_eq!(view.latest_release.as_deref(), Some("1.1.0"));
    let rings: Vec<_> = view
        .rings
        .iter()
        .map(|r| (r.ring.as_str(), r.version.as_deref()))
        .collect();
    // No station reported from canary or early: the release passed on to general, whose
    // station (this one, without [update]) runs the app's version.
    assert_eq!(
        rings,
        [
            ("canary", Some("1.1.0")),
            ("early", Some("1.1.0")),
            ("general", Some("1.1.0"))
        ]
    );
    assert_eq!(
        view.rings[0].last_decision.as_ref().unwrap().kind,
        "passed_through"
    );

    // The supervisor's actions on the general ring, and what each answers.
    let act = |step: RingStep, reason: &str| {
        rt.desk.act(DeskAction::Rollout {
            ring: "general".into(),
            step,
            reason: reason.into(),
        })
    };
    let done = |step: RingStep, version: &str| DeskDone::Rollout {
        ring: "general".into(),
        step,
        version: Some(version.into()),
    };
    assert_eq!(
        act(RingStep::Hold, "peak day").await.unwrap(),
        done(RingStep::Hold, "1.1.0")
    );
    assert_eq!(
        act(RingStep::RollBack, "labels misprint").await.unwrap(),
        done(RingStep::RollBack, "1.0.0")
    );
    let view = rt.desk.rollout().await.unwrap();
    let general = view.rings.iter().find(|r| r.ring == "general").unwrap();
    assert_eq!(general.state, "rolled_back");
    assert_eq!(general.last_decision.as_ref().unwrap().kind, "rolled_back");
    // A reason is required.
    assert!(act(RingStep::Resume, " ").await.is_err());
}
