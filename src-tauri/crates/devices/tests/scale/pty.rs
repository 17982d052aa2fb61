//! The serial adapter against simulated scales over real ptys: the adapter's bytes go through a
//! tty and the simulator's replies come back the same way. Waits are deadlines, never sleeps.

use packbench_devices::scale::sim::{Condition, Garbage, SimScale};
use packbench_devices::scale::{Protocol, Scale, ScaleConfig, ScaleError, Unit};
use packbench_devices::serial::SerialScale;
use packbench_devices::simulator::SimulatedScale;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const SETTLE: Duration = Duration::from_millis(300);
const TIMEOUT: Duration = Duration::from_secs(3);

fn sim(protocol: Protocol) -> SimulatedScale {
    let mut s = SimScale::new(protocol);
    s.settle_time = SETTLE;
    SimulatedScale::start(s).expect("a pty pair")
}

fn config(port: &str, protocol: Protocol) -> ScaleConfig {
    let mut c = ScaleConfig::new(port, protocol);
    c.poll_interval_ms = 20;
    c.reply_timeout_ms = 300;
    c.timeout_ms = TIMEOUT.as_millis() as u64;
    c
}

fn scale_for(sim: &SimulatedScale, protocol: Protocol) -> SerialScale {
    SerialScale::open(config(sim.path(), protocol)).expect("the pty opens")
}

/// A stable reading after the load is put on; checks it came after the motion phase.
fn weigh_after_motion(protocol: Protocol, grams: i64) {
    let sim = sim(protocol);
    let mut scale = scale_for(&sim, protocol);
    let put_at = Instant::now();
    sim.set_load_g(grams);
    let reading = scale
        .read_stable(TIMEOUT)
        .unwrap_or_else(|e| panic!("{protocol}: {e}"));
    assert_eq!(reading.grams, grams, "{protocol}");
    assert!(reading.stable);
    assert!(
        put_at.elapsed() >= SETTLE,
        "{protocol}: a reading during motion was taken as stable"
    );
}

#[test]
fn mt_sics_reads_a_stable_weight_after_motion() {
    weigh_after_motion(Protocol::MtSics, 1234);
}

#[test]
fn nci_reads_a_stable_weight_after_motion() {
    weigh_after_motion(Protocol::Nci, 2750);
}

#[test]
fn toledo_8217_reads_a_stable_weight_after_motion() {
    weigh_after_motion(Protocol::Toledo8217, 15_020);
}

#[test]
fn toledo_continuous_reads_a_stable_weight_after_motion() {
    weigh_after_motion(Protocol::ToledoContinuous, 640);
}

#[test]
fn the_adapter_sends_exactly_the_protocol_requests() {
    for (protocol, request) in [
        (Protocol::MtSics, &b"SI\r\n"[..]),
        (Protocol::Nci, b"W\r"),
        (Protocol::Toledo8217, b"W"),
    ] {
        let sim = sim(protocol);
        sim.set_load_g(500);
        let mut scale = scale_for(&sim, protocol);
        scale.read_stable(TIMEOUT).unwrap();
        let sent = sim.received();
        assert!(!sent.is_empty(), "{protocol}");
        assert!(
            sent.chunks(request.len()).all(|c| c == request),
            "{protocol}: sent {sent:?}"
        );
        // Moving replies came first, so it asked again until the scale flagged the weight
        // stable.
        assert!(sent.len() / request.len() > 1, "{protocol}");
    }
    let sim = sim(Protocol::ToledoContinuous);
    sim.set_load_g(500);
    scale_for(&sim, Protocol::ToledoContinuous)
        .read_stable(TIMEOUT)
        .unwrap();
    assert!(
        sim.received().is_empty(),
        "continuous output is never polled"
    );
}

/// MT-SICS answers `SI` (weigh immediately) with `S S <value> <unit>` when the weight is stable
/// and `S D ...` while it moves (Mettler Toledo, MT-SICS Reference Manual, `SI`; the frames as
/// `shared/TESTING.md` lists them): the balance's own stability decides, so by default the first
/// `S S` is the weight, one request; a settle rule of three asks three times.
#[test]
fn a_weight_the_scale_flags_stable_is_used_at_once_unless_a_settle_rule_asks_for_more() {
    for readings in [1u32, 3] {
        let mut s = SimScale::new(Protocol::MtSics);
        s.settle_time = Duration::ZERO;
        s.noise_g = 0;
        let sim = SimulatedScale::start(s).unwrap();
        sim.set_load_g(1500);
        let mut c = config(sim.path(), Protocol::MtSics);
        c.settle.readings = readings;
        let r = SerialScale::open(c).unwrap().read_stable(TIMEOUT).unwrap();
        assert_eq!(r.grams, 1500);
        let asked = sim.received().len() / b"SI\r\n".len();
        assert_eq!(asked, readings as usize, "settle_readings = {readings}");
    }
}

#[test]
fn noisy_scale_in_pounds_settles_within_the_band() {
    let mut s = SimScale::new(Protocol::Nci);
    s.unit = Unit::Lb;
    s.decimals = 2;
    s.noise_g = 2;
    s.settle_time = Duration::from_millis(100);
    let sim = SimulatedScale::start(s).unwrap();
    sim.set_load_g(4536);
    let r = scale_for(&sim, Protocol::Nci).read_stable(TIMEOUT).unwrap();
    assert_eq!(r.unit, Unit::Lb);
    // 0.01 lb display steps (4.5 g) plus 2 g of noise.
    assert!((r.grams - 4536).abs() <= 5, "{r:?}");
}

#[test]
fn noise_larger_than_the_band_never_settles() {
    let sim = sim(Protocol::MtSics);
    sim.update(|s| s.noise_g = 50);
    sim.set_load_g(1000);
    let mut c = config(sim.path(), Protocol::MtSics);
    // A settle rule over the scale's flag (for scales that flag stability early).
    c.settle.readings = 3;
    c.settle.band_g = 2;
    let mut scale = SerialScale::open(c).unwrap();
    let err = scale.read_stable(Duration::from_millis(1200)).unwrap_err();
    assert_eq!(err, ScaleError::NotSettled { timeout_ms: 1200 });
}

#[test]
fn mt_sics_zero_and_tare() {
    let sim = sim(Protocol::MtSics);
    let mut scale = scale_for(&sim, Protocol::MtSics);
    sim.set_load_g(120); // dust on an empty platter
    let refused = scale.zero().unwrap_err();
    assert_eq!(refused.code(), "scale_cannot_execute", "{refused}");
    scale.read_stable(TIMEOUT).unwrap();
    scale.zero().unwrap();
    assert_eq!(scale.read_stable(TIMEOUT).unwrap().grams, 0);
    sim.set_load_g(120 + 350); // an empty box
    scale.read_stable(TIMEOUT).unwrap();
    scale.tare().unwrap();
    sim.set_load_g(120 + 350 + 1000);
    assert_eq!(scale.read_stable(TIMEOUT).unwrap().grams, 1000);
    sim.set_load_g(9000);
    scale.read_stable(TIMEOUT).unwrap();
    let err = scale.zero().unwrap_err();
    assert!(err.to_string().contains("above the zero range"), "{err}");
}

#[test]
fn nci_and_8217_zero_but_cannot_tare() {
    for protocol in [Protocol::Nci, Protocol::Toledo8217] {
        let sim = sim(protocol);
        let mut scale = scale_for(&sim, protocol);
        sim.set_load_g(80);
        scale.read_stable(TIMEOUT).unwrap();
        scale.zero().unwrap_or_else(|e| panic!("{protocol}: {e}"));
        assert_eq!(scale.read_stable(TIMEOUT).unwrap().grams, 0, "{protocol}");
        let err = scale.tare().unwrap_err();
        assert_eq!(err.code(), "scale_not_supported", "{protocol}");
        sim.set_load_g(5000);
        scale.read_stable(TIMEOUT).unwrap();
        let err = scale.zero().unwrap_err();
        assert!(
            matches!(
                err,
                ScaleError::CannotExecute { .. } | ScaleError::NeedsZero
            ),
            "{protocol}: {err}"
        );
    }
}

#[test]
fn continuous_zero_and_tare_are_confirmed_by_the_frames() {
    let sim = sim(Protocol::ToledoContinuous);
    let mut scale = scale_for(&sim, Protocol::ToledoContinuous);
    sim.set_load_g(200);
    scale.read_stable(TIMEOUT).unwrap();
    scale.zero().unwrap();
    assert_eq!(scale.read_stable(TIMEOUT).unwrap().grams, 0);
    sim.set_load_g(200 + 400);
    scale.read_stable(TIMEOUT).unwrap();
    scale.tare().unwrap();
    sim.set_load_g(200 + 400 + 2500);
    let r = scale.read_stable(TIMEOUT).unwrap();
    assert_eq!((r.grams, r.net), (2500, Some(true)));
    assert_eq!(sim.received(), b"ZT");
    // Zero with a parcel on: the scale ignores it and the adapter says so.
    let mut c = config(sim.path(), Protocol::ToledoContinuous);
    c.timeout_ms = 500;
    drop(scale);
    let err = SerialScale::open(c).unwrap().zero().unwrap_err();
    assert_eq!(err.code(), "scale_cannot_execute", "{err}");
}

#[test]
fn overload_underload_and_faults_are_reported_at_once() {
    let cases = [
        (Protocol::MtSics, Condition::Overload, "scale_overload"),
        (Protocol::MtSics, Condition::Underload, "scale_underload"),
        (Protocol::Nci, Condition::Overload, "scale_overload"),
        (Protocol::Nci, Condition::Underload, "scale_underload"),
        (Protocol::Nci, Condition::Fault, "scale_ram_error"),
        (Protocol::Toledo8217, Condition::Overload, "scale_overload"),
        (
            Protocol::Toledo8217,
            Condition::Underload,
            "scale_underload",
        ),
        (Protocol::Toledo8217, Condition::Fault, "scale_needs_zero"),
        (
            Protocol::ToledoContinuous,
            Condition::Overload,
            "scale_overload",
        ),
        (
            Protocol::ToledoContinuous,
            Condition::Underload,
            "scale_underload",
        ),
    ];
    for (protocol, condition, code) in cases {
        let sim = sim(protocol);
        sim.update(|s| s.condition = condition);
        let started = Instant::now();
        let err = scale_for(&sim, protocol).read_stable(TIMEOUT).unwrap_err();
        assert_eq!(err.code(), code, "{protocol} {condition:?}: {err}");
        assert!(
            started.elapsed() < TIMEOUT / 2,
            "{protocol}: waited for the timeout"
        );
    }
    let sim = sim(Protocol::MtSics);
    sim.update(|s| s.condition = Condition::Overload);
    let err = scale_for(&sim, Protocol::MtSics)
        .read_stable(TIMEOUT)
        .unwrap_err();
    assert_eq!(err.to_string(), "Scale overloaded: take the parcel off.");
}

#[test]
fn garbage_is_reported_then_the_scale_recovers() {
    for protocol in Protocol::ALL {
        for garbage in [Garbage::Replace, Garbage::Truncate] {
            let sim = sim(protocol);
            sim.set_load_g(700);
            sim.update(|s| s.garbage = garbage);
            let mut scale = scale_for(&sim, protocol);
            let err = scale.read_stable(Duration::from_millis(800)).unwrap_err();
            assert_eq!(
                err.code(),
                "scale_unreadable",
                "{protocol} {garbage:?}: {err}"
            );
            sim.update(|s| s.garbage = Garbage::Off);
            let r = scale.read_stable(TIMEOUT);
            assert_eq!(r.map(|r| r.grams), Ok(700), "{protocol} {garbage:?}");
        }
    }
}

#[test]
fn noise_before_every_frame_is_skipped() {
    for protocol in Protocol::ALL {
        let sim = sim(protocol);
        sim.update(|s| {
            s.garbage = Garbage::NoiseBefore;
            s.seed(u64::from(protocol.name().len() as u32) * 7919);
        });
        sim.set_load_g(3210);
        let r = scale_for(&sim, protocol).read_stable(Duration::from_secs(5));
        assert_eq!(r.map(|r| r.grams), Ok(3210), "{protocol}");
    }
}

#[test]
fn a_silent_scale_times_out_with_a_clear_message() {
    for protocol in Protocol::ALL {
        let sim = sim(protocol);
        sim.update(|s| s.silent = true);
        let mut scale = scale_for(&sim, protocol);
        let started = Instant::now();
        let err = scale.read_stable(Duration::from_millis(700)).unwrap_err();
        let took = started.elapsed();
        assert_eq!(
            err,
            ScaleError::NoAnswer {
                port: sim.path().to_string(),
                timeout_ms: 700
            },
            "{protocol}"
        );
        assert!(
            took >= Duration::from_millis(700) && took < Duration::from_millis(1700),
            "{took:?}"
        );
        assert!(err.to_string().starts_with(&format!(
            "No answer from the scale on {} within 0.7 s: check the cable",
            sim.path()
        )));
        let err = scale.zero().unwrap_err();
        assert_eq!(err.code(), "scale_no_answer", "{protocol}");
    }
}

#[test]
fn wrong_protocol_is_an_error_not_a_hang() {
    let nci = sim(Protocol::Nci);
    nci.set_load_g(100);
    let err = scale_for(&nci, Protocol::MtSics)
        .read_stable(Duration::from_millis(800))
        .unwrap_err();
    assert_eq!(err.code(), "scale_unreadable", "{err}");
    // An MT-SICS scale waits for the LF that NCI requests never send: it stays silent.
    let sics = sim(Protocol::MtSics);
    let err = scale_for(&sics, Protocol::Nci)
        .read_stable(Duration::from_millis(800))
        .unwrap_err();
    assert_eq!(err.code(), "scale_no_answer", "{err}");
    assert_eq!(sics.received().first(), Some(&b'W'));
}

static LINKS: AtomicU32 = AtomicU32::new(0);

/// A stable device path, like `/dev/serial/by-id/...`, that can be pointed at a new pty.
struct Link(PathBuf);

impl Link {
    fn new() -> Link {
        let n = LINKS.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("packbench-scale-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Link(dir.join("ttyScale"))
    }
    fn point_at(&self, sim: &SimulatedScale) {
        sim.link_at(&self.0).unwrap();
    }
    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[test]
fn reconnects_after_the_scale_is_unplugged_and_replugged() {
    for protocol in Protocol::ALL {
        let link = Link::new();
        let first = sim(protocol);
        first.set_load_g(1111);
        link.point_at(&first);
        let mut scale = SerialScale::new(config(&link.path(), protocol)).unwrap();
        assert_eq!(
            scale.read_stable(TIMEOUT).unwrap().grams,
            1111,
            "{protocol}"
        );

        first.unplug();
        let err = scale.read_stable(TIMEOUT).unwrap_err();
        assert_eq!(err.code(), "scale_disconnected", "{protocol}: {err}");
        assert!(!scale.is_connected());
        // Still unplugged: the device is gone.
        let err = scale.read_stable(TIMEOUT).unwrap_err();
        assert_eq!(err.code(), "scale_port_unavailable", "{protocol}: {err}");

        let second = sim(protocol);
        second.set_load_g(2222);
        link.point_at(&second);
        assert_eq!(
            scale.read_stable(TIMEOUT).unwrap().grams,
            2222,
            "{protocol}"
        );
    }
}

/// Waits until `condition` holds, or fails the test at `within`.
fn wait_until(within: Duration, what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + within;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(2)); // poll interval of the condition
    }
}

#[test]
fn stale_frames_are_not_taken_for_a_new_weight() {
    let mut s = SimScale::new(Protocol::ToledoContinuous);
    s.settle_time = Duration::from_millis(150);
    let sim = SimulatedScale::start(s).unwrap();
    let mut scale = scale_for(&sim, Protocol::ToledoContinuous);
    sim.set_load_g(1000);
    // Let the line fill with stable 1000 g frames nobody reads.
    let at_load = sim.sent_bytes();
    wait_until(Duration::from_secs(3), "old frames are queued", || {
        sim.sent_bytes() >= at_load + 17 * 12
    });
    sim.set_load_g(2000);
    assert_eq!(scale.read_stable(TIMEOUT).unwrap().grams, 2000);
}

#[test]
fn checksummed_continuous_output_reads() {
    let mut s = SimScale::new(Protocol::ToledoContinuous);
    s.checksum = true;
    s.settle_time = Duration::from_millis(100);
    let sim = SimulatedScale::start(s).unwrap();
    sim.set_load_g(4321);
    let r = scale_for(&sim, Protocol::ToledoContinuous)
        .read_stable(TIMEOUT)
        .unwrap();
    assert_eq!(r.grams, 4321);
}

#[test]
fn read_once_is_what_the_cli_prints() {
    let sim = sim(Protocol::Toledo8217);
    sim.set_load_g(1234);
    let config = ScaleConfig::from_cli(sim.path(), "toledo-8217", Some(9600), TIMEOUT).unwrap();
    let reading = packbench_devices::read_once(&config).unwrap();
    assert_eq!(
        serde_json::to_value(&reading).unwrap(),
        serde_json::json!({"grams": 1234, "stable": true, "unit": "kg", "value": "1.234", "net": null})
    );
    let missing = ScaleConfig::from_cli("/dev/does-not-exist", "nci", None, TIMEOUT).unwrap();
    let err = packbench_devices::read_once(&missing).unwrap_err();
    assert_eq!(err.code(), "scale_port_unavailable");
    assert!(err
        .to_string()
        .starts_with("Cannot open the scale port /dev/does-not-exist"));
}
