//! The serial adapter against the simulated Zebra on a real pty.

use crate::{label_zpl, DEADLINE};
use packbench_devices::printer::sim::{SimulatedSerialZebra, StatusReply};
use packbench_devices::printer::{open_printer, Condition, JobState, PrintJob};

fn zebra() -> SimulatedSerialZebra {
    SimulatedSerialZebra::start().expect("a pty pair")
}

#[test]
fn jobs_go_down_the_line_byte_exact_after_a_status_check() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    let a = PrintJob::zpl("ORD-1-1", "Parcel 1", label_zpl("JJD000390007"));
    let b = PrintJob::zpl("ORD-1-2", "Parcel 2", label_zpl("JJD000390008"));
    let r = printer.send(&a).unwrap();
    assert_eq!((r.state, r.bytes_sent), (JobState::Written, a.data.len()));
    printer.send(&b).unwrap();
    let expected = [a.data.clone(), b.data.clone()].concat();
    assert_eq!(sim.wait_for_printed(expected.len(), DEADLINE), expected);
    let mut line = b"~HQES~HS".to_vec();
    line.extend(&a.data);
    line.extend(b"~HQES~HS");
    line.extend(&b.data);
    assert_eq!(sim.received(), line);
}

#[test]
fn status_and_refusal_over_the_line() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    assert!(printer.status().unwrap().can_print());
    sim.update(|s| s.head_open = true);
    assert_eq!(
        printer.status().unwrap().conditions,
        vec![Condition::HeadOpen]
    );
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_head_open");
    assert!(e
        .to_string()
        .starts_with(&format!("Label printer {} has its head open", sim.uri())));
    assert_eq!(sim.printed(), b"");
    assert_eq!(sim.status_requests(), 3);
}

#[test]
fn a_silent_line_times_out_and_garbage_is_unreadable() {
    let sim = zebra();
    let uri = format!("serial://{}?status_timeout_ms=300", sim.path());
    let mut printer = open_printer(&uri).unwrap();
    sim.set_status_reply(StatusReply::Silent);
    assert_eq!(
        printer.status().unwrap_err().code(),
        "printer_not_answering"
    );
    sim.set_status_reply(StatusReply::Garbage(b"\x02\x02\x02".to_vec()));
    assert_eq!(
        printer.status().unwrap_err().code(),
        "printer_status_unreadable"
    );
    // The next answer is read fresh, not mixed with the old bytes.
    sim.set_status_reply(StatusReply::Answer);
    assert!(printer.status().unwrap().can_print());
}

#[test]
fn a_missing_device_is_not_found() {
    let mut printer = open_printer("serial:///dev/ttyPACKBENCH-NOPE?baud=9600").unwrap();
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_not_found");
    assert!(
        e.to_string().contains("no device /dev/ttyPACKBENCH-NOPE"),
        "{e}"
    );
}
