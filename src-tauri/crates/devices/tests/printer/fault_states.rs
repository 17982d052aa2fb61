//! Printers in each fault state, as the ZPL Programming Guide describes them, over a real
//! loopback socket and a real pty. The guide, of `~HS`: "When a ~HS command is sent the
//! printer will not send a response to the host if the printer is in one of these conditions:
//! MEDIA OUT, RIBBON OUT, HEAD OPEN, REWINDER FULL, HEAD OVER-TEMPERATURE." `~HQES` answers in
//! every state with its error flags (nibble 1: 1 media out, 2 ribbon out, 4 head open, 8 cutter
//! fault; nibble 2: 1 printhead over-temperature, 2 motor over-temperature, 4 bad printhead
//! element, 8 printhead detection error).

use crate::{label_zpl, DEADLINE};
use packbench_devices::printer::sim::{
    SimulatedSerialZebra, SimulatedZebra, StatusReply, ZebraState,
};
use packbench_devices::printer::{open_printer, PrintJob, PrinterState};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

type Set = fn(&mut ZebraState);

/// Each state, the code status reports, and whether the guide has `~HS` go unanswered.
fn states() -> Vec<(&'static str, Set, &'static str, bool)> {
    vec![
        ("media out", |s| s.paper_out = true, "paper_out", true),
        ("ribbon out", |s| s.ribbon_out = true, "ribbon_out", true),
        ("head open", |s| s.head_open = true, "head_open", true),
        (
            "head over-temperature",
            |s| s.over_temperature = true,
            "head_too_hot",
            true,
        ),
        (
            "cutter fault",
            |s| s.cutter_fault = true,
            "cutter_fault",
            false,
        ),
        (
            "motor over-temperature",
            |s| s.motor_over_temperature = true,
            "motor_too_hot",
            false,
        ),
        (
            "bad printhead element",
            |s| s.bad_printhead_element = true,
            "bad_printhead_element",
            false,
        ),
        (
            "printhead detection error",
            |s| s.printhead_detection_error = true,
            "printhead_not_detected",
            false,
        ),
        ("paused", |s| s.paused = true, "paused", false),
    ]
}

/// Sends `request` on a fresh connection and returns what came back within `wait`.
fn ask(sim: &SimulatedZebra, request: &[u8], wait: Duration) -> Vec<u8> {
    let mut s = TcpStream::connect(sim.addr()).unwrap();
    s.write_all(request).unwrap();
    let deadline = Instant::now() + wait;
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || got.ends_with(b"\x03") && request == b"~HQES" {
            break;
        }
        s.set_read_timeout(Some(left)).unwrap();
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    got
}

#[test]
fn the_simulated_zebra_keeps_quiet_to_hs_where_the_guide_says_and_always_answers_hqes() {
    let sim = SimulatedZebra::start().unwrap();
    for (what, set, _, silent) in states() {
        sim.update(|s| *s = ZebraState::default());
        sim.update(set);
        // "the printer will not send a response to the host if the printer is in one of
        // these conditions: MEDIA OUT, RIBBON OUT, HEAD OPEN, REWINDER FULL, HEAD
        // OVER-TEMPERATURE"
        let hs = ask(&sim, b"~HS", Duration::from_millis(300));
        assert_eq!(hs.is_empty(), silent, "{what}: ~HS answered {hs:?}");
        let hqes = ask(&sim, b"~HQES", DEADLINE);
        let text = String::from_utf8(hqes).unwrap();
        assert!(
            text.starts_with('\u{2}') && text.contains("PRINTER STATUS") && text.ends_with('\u{3}'),
            "{what}: {text:?}"
        );
    }
    sim.update(|s| {
        *s = ZebraState::default();
        s.rewinder_full = true;
    });
    assert!(
        ask(&sim, b"~HS", Duration::from_millis(300)).is_empty(),
        "rewinder full"
    );
}

#[test]
fn each_fault_state_is_reported_with_its_code_over_tcp() {
    let sim = SimulatedZebra::start().unwrap();
    let mut printer = open_printer(&format!("{}?status_timeout_ms=1500", sim.uri())).unwrap();
    let job = PrintJob::zpl("ORD-9-1", "Parcel", label_zpl("JJD0009"));
    for (what, set, code, silent) in states() {
        sim.update(|s| *s = ZebraState::default());
        sim.update(set);
        let started = Instant::now();
        let status = printer.status().unwrap_or_else(|e| panic!("{what}: {e}"));
        let codes: Vec<&str> = status.conditions.iter().map(|c| c.code()).collect();
        assert_eq!(codes, vec![code], "{what}");
        assert_eq!(status.state, PrinterState::Stopped, "{what}");
        if silent {
            // The ~HQES answer explains the silence: no waiting out the ~HS timeout.
            assert!(started.elapsed() < Duration::from_millis(1500), "{what}");
        }
        let refused = printer.send(&job).unwrap_err();
        assert_eq!(refused.fault_code(), code, "{what}: {refused}");
    }
    assert!(
        sim.jobs().is_empty(),
        "no job went to a printer in a fault state"
    );
}

#[test]
fn silence_is_not_answering_and_no_listener_is_unreachable() {
    let sim = SimulatedZebra::start().unwrap();
    let mut printer = open_printer(&format!("{}?status_timeout_ms=300", sim.uri())).unwrap();
    sim.set_status_reply(StatusReply::Silent);
    let e = printer.status().unwrap_err();
    assert_eq!(e.fault_code(), "not_answering", "{e}");
    assert!(e.to_string().contains("check the printer's display"), "{e}");
    // A full rewinder silences ~HS and has no ~HQES flag: the display says what is wrong.
    sim.set_status_reply(StatusReply::Answer);
    sim.update(|s| s.rewinder_full = true);
    assert_eq!(printer.status().unwrap_err().fault_code(), "not_answering");
    // Older firmware answers ~HS only.
    sim.update(|s| *s = ZebraState::default());
    sim.set_status_reply(StatusReply::HostStatusOnly);
    assert!(printer.status().unwrap().can_print());

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut gone = open_printer(&format!("tcp://127.0.0.1:{port}")).unwrap();
    assert_eq!(gone.status().unwrap_err().fault_code(), "unreachable");
}

#[test]
fn each_fault_state_is_reported_over_a_serial_line() {
    let sim = SimulatedSerialZebra::start().unwrap();
    let mut printer =
        open_printer(&format!("serial://{}?status_timeout_ms=1500", sim.path())).unwrap();
    for (what, set, code, _) in states() {
        sim.update(|s| *s = ZebraState::default());
        sim.update(set);
        let status = printer.status().unwrap_or_else(|e| panic!("{what}: {e}"));
        let codes: Vec<&str> = status.conditions.iter().map(|c| c.code()).collect();
        assert_eq!(codes, vec![code], "{what}");
    }
    sim.update(|s| *s = ZebraState::default());
    assert!(printer.status().unwrap().can_print());
}
