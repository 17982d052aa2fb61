//! The scale's health between weighings, over real ptys: closing the pty (the cable pulled)
//! shows as a lost port, a new pty at the same link (the cable back) recovers by itself, and
//! a scale that stops answering or shows a fault says so.

use packbench_devices::scale::sim::{Condition, SimScale};
use packbench_devices::scale::{Protocol, ScaleConfig};
use packbench_devices::serial::SerialScale;
use packbench_devices::simulator::SimulatedScale;

fn plug(protocol: Protocol, link: &std::path::Path) -> SimulatedScale {
    let sim = SimulatedScale::start(SimScale::new(protocol)).expect("a pty pair");
    sim.link_at(link).unwrap();
    sim
}

#[test]
fn an_unplugged_scale_shows_and_a_replugged_one_recovers_in_each_protocol() {
    let dir = tempfile::tempdir().unwrap();
    for protocol in Protocol::ALL {
        let link = dir.path().join(format!("scale-{protocol}"));
        let sim = plug(protocol, &link);
        let mut c = ScaleConfig::new(link.to_str().unwrap(), protocol);
        c.reply_timeout_ms = 300;
        let mut scale = SerialScale::new(c).unwrap();
        assert_eq!(
            scale.health().problem(),
            Some("scale_port_unavailable"),
            "not opened yet"
        );
        let h = scale.probe();
        assert!(h.ready(), "{protocol}: {h:?}");
        assert!(h.last_good_age.unwrap() < std::time::Duration::from_secs(1));

        sim.unplug();
        let h = scale.probe();
        assert!(!h.ready(), "{protocol}: {h:?}");
        let code = h.problem().unwrap();
        assert!(
            [
                "scale_disconnected",
                "scale_port_unavailable",
                "scale_no_answer"
            ]
            .contains(&code),
            "{protocol}: {code}"
        );
        // Still gone at the next probe: the port cannot be reopened.
        let h = scale.probe();
        assert!(!h.port_open, "{protocol}: {h:?}");
        assert_eq!(h.problem(), Some("scale_port_unavailable"), "{protocol}");

        let _back = plug(protocol, &link);
        let h = scale.probe();
        assert!(h.ready(), "{protocol}: reopened after the replug: {h:?}");
    }
}

/// The link follows the scale to a new device node while the old node is still open but will
/// never answer (a USB adapter replugged; the old pty number reused by another device): a
/// silent probe notices that the path names another device and the next one opens it.
#[test]
fn a_link_repointed_at_a_replugged_scale_is_followed_although_the_old_port_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("scale");
    let old = plug(Protocol::MtSics, &link);
    let mut c = ScaleConfig::new(link.to_str().unwrap(), Protocol::MtSics);
    c.reply_timeout_ms = 300;
    let mut scale = SerialScale::new(c).unwrap();
    assert!(scale.probe().ready());
    old.update(|s| s.silent = true);
    let new = plug(Protocol::MtSics, &link);
    let h = scale.probe();
    assert_eq!(
        h.problem(),
        Some("scale_no_answer"),
        "still on the old node: {h:?}"
    );
    let h = scale.probe();
    assert!(h.ready(), "the link followed to the new node: {h:?}");
    // A scale that is merely silent on the same node keeps its port.
    new.update(|s| s.silent = true);
    let h = scale.probe();
    assert!(
        h.port_open && h.problem() == Some("scale_no_answer"),
        "{h:?}"
    );
}

#[test]
fn a_silent_or_faulty_scale_is_not_ready() {
    let sim = SimulatedScale::start(SimScale::new(Protocol::Nci)).unwrap();
    let mut c = ScaleConfig::new(sim.path(), Protocol::Nci);
    c.reply_timeout_ms = 300;
    let mut scale = SerialScale::new(c).unwrap();
    assert!(scale.probe().ready());
    sim.update(|s| s.silent = true);
    let h = scale.probe();
    assert_eq!(h.problem(), Some("scale_no_answer"), "{h:?}");
    assert!(h.port_open, "silent is not unplugged");
    sim.update(|s| {
        s.silent = false;
        s.condition = Condition::Fault;
    });
    assert_eq!(scale.probe().problem(), Some("scale_ram_error"));
    sim.update(|s| s.condition = Condition::Overload);
    assert_eq!(scale.probe().problem(), Some("scale_overload"));
    sim.update(|s| s.condition = Condition::Normal);
    assert!(scale.probe().ready());
}
