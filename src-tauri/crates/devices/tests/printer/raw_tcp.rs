//! Raw TCP against the simulated Zebra on a loopback port, and against listeners that refuse,
//! stall or talk nonsense.

use crate::{label_zpl, DEADLINE};
use packbench_devices::printer::sim::{SimulatedZebra, StatusReply};
use packbench_devices::printer::{
    open_printer, Condition, JobState, PrintJob, PrinterError, PrinterState, Stage,
};
use std::net::TcpListener;
use std::time::{Duration, Instant};

fn zebra() -> SimulatedZebra {
    SimulatedZebra::start().expect("a loopback listener")
}

#[test]
fn jobs_arrive_byte_exact_one_connection_each() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    let first = PrintJob::zpl(
        "ORD-1001-1",
        "Parcel 1 of ORD-1001",
        label_zpl("1Z999AA10123456784"),
    );
    // Every byte value, as a PDF or a ZPL graphic field may carry.
    let second = PrintJob::pdf(
        "ORD-1001-slip",
        "Packing slip",
        (0..=255u8).cycle().take(70_000).collect::<Vec<u8>>(),
    );
    let r1 = printer.send(&first).unwrap();
    let r2 = printer.send(&second).unwrap();
    assert_eq!(
        (r1.state, r1.bytes_sent, r1.job_id.as_str()),
        (JobState::Delivered, first.data.len(), "ORD-1001-1")
    );
    assert_eq!(r2.state, JobState::Delivered);
    let jobs = sim.wait_for_jobs(2, DEADLINE);
    assert_eq!(jobs, vec![first.data.clone(), second.data.clone()]);
    // The status was asked before each job, on a connection of its own.
    assert_eq!(sim.status_requests(), 2);
}

/// The simulator notes when each job's last byte arrived (the print latency bench ends there):
/// after the sender started, before the sender's receipt, one per job, in job order.
#[test]
fn the_simulator_notes_when_each_jobs_last_byte_arrived() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    let mut spans = Vec::new();
    for n in 1..=2 {
        let job = PrintJob::zpl(format!("ORD-{n}"), "label", label_zpl("1Z999AA10123456784"));
        let sent = Instant::now();
        printer.send(&job).unwrap();
        spans.push((sent, Instant::now()));
    }
    sim.wait_for_jobs(2, DEADLINE);
    let arrivals = sim.job_arrivals();
    assert_eq!(arrivals.len(), 2, "status requests are not jobs");
    for ((sent, receipt), at) in spans.iter().zip(&arrivals) {
        assert!(
            sent <= at && at <= receipt,
            "{sent:?} <= {at:?} <= {receipt:?}"
        );
    }
}

#[test]
fn status_reports_what_the_printer_says() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    let idle = printer.status().unwrap();
    assert_eq!((idle.state, idle.conditions.len()), (PrinterState::Idle, 0));
    sim.update(|s| {
        s.paper_out = true;
        s.ribbon_out = true;
    });
    let status = printer.status().unwrap();
    assert_eq!(status.state, PrinterState::Stopped);
    assert_eq!(
        status.conditions,
        vec![Condition::PaperOut, Condition::RibbonOut]
    );
    assert!(sim.jobs().is_empty(), "a status request is not a job");
}

#[test]
fn a_printer_that_cannot_print_is_refused_before_anything_is_sent() {
    let sim = zebra();
    let uri = sim.uri();
    let mut printer = open_printer(&uri).unwrap();
    let job = PrintJob::zpl("ORD-7-1", "Parcel", label_zpl("JJD0001"));
    type Set = fn(&mut packbench_devices::printer::sim::ZebraState);
    let table: [(Set, &str, String); 4] = [
        (|s| s.paper_out = true, "printer_out_of_paper", format!("Label printer {uri} is out of labels: load a roll and press Feed.")),
        (|s| s.head_open = true, "printer_head_open", format!("Label printer {uri} has its head open: close the printhead until it clicks, then press Feed.")),
        (|s| s.paused = true, "printer_paused", format!("Label printer {uri} is paused: press Pause on the printer (or resume its queue) and print again.")),
        (|s| s.ribbon_out = true, "printer_ribbon_out", format!("Label printer {uri} is out of ribbon: load a ribbon, close the head and press Feed.")),
    ];
    for (set, code, message) in table {
        sim.set_status(Default::default());
        sim.update(set);
        let e = printer.send(&job).unwrap_err();
        assert_eq!((e.code(), e.to_string()), (code, message));
        assert!(e.is_packer_fixable());
    }
    // Once fixed, the same job goes through; none of the refused ones reached the printer.
    sim.set_status(Default::default());
    printer.send(&job).unwrap();
    assert_eq!(sim.wait_for_jobs(1, DEADLINE), vec![job.data.clone()]);
    assert_eq!(sim.jobs().len(), 1);
}

#[test]
fn status_off_sends_to_a_printer_that_does_not_answer_hs() {
    let sim = zebra();
    sim.set_status_reply(StatusReply::Silent);
    let job = PrintJob::zpl("J1", "Parcel", label_zpl("X1"));
    let mut checked = open_printer(&format!("{}?status_timeout_ms=200", sim.uri())).unwrap();
    let e = checked.send(&job).unwrap_err();
    assert_eq!(
        (e.code(), e.fault_code()),
        ("printer_not_answering", "not_answering")
    );
    assert!(
        e.to_string()
            .contains("does not answer (no status within 0.2 s): check the printer's display"),
        "{e}"
    );
    let mut unchecked = open_printer(&format!("{}?status=off", sim.uri())).unwrap();
    unchecked.send(&job).unwrap();
    assert_eq!(sim.wait_for_jobs(1, DEADLINE), vec![job.data]);
}

#[test]
fn a_garbled_status_reply_is_unreadable_not_a_panic() {
    let sim = zebra();
    sim.set_status_reply(StatusReply::Garbage(
        b"\x02PRINTER READY\x03\r\n\x02??\x03\x02\xff\xfe\x03".to_vec(),
    ));
    let mut printer = open_printer(&format!("{}?status_timeout_ms=500", sim.uri())).unwrap();
    let e = printer.status().unwrap_err();
    assert_eq!(e.code(), "printer_status_unreadable");
    assert!(e.to_string().contains("<STX>PRINTER READY<ETX>"), "{e}");
}

/// A port that was free a moment ago: nothing listens there.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn nothing_listening_is_unreachable() {
    let uri = format!("tcp://127.0.0.1:{}", closed_port());
    let mut printer = open_printer(&uri).unwrap();
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_unreachable");
    assert_eq!(
        e.to_string(),
        format!("Label printer {uri} cannot be reached (connection refused): check that it is switched on and its cable is plugged in; if it stays, call IT.")
    );
    assert_eq!(printer.status().unwrap_err().code(), "printer_unreachable");
}

/// Accepts connections and never reads them, like a printer hung mid-job.
fn stalled_listener() -> (TcpListener, String) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("tcp://{}", l.local_addr().unwrap());
    (l, uri)
}

fn assert_took(started: Instant, timeout: Duration) {
    let took = started.elapsed();
    assert!(
        took >= timeout,
        "gave up after {took:?}, before {timeout:?}"
    );
    assert!(
        took < timeout + Duration::from_secs(3),
        "took {took:?} for a {timeout:?} timeout"
    );
}

#[test]
fn a_printer_that_never_reads_times_out() {
    let (_listener, uri) = stalled_listener();
    let timeout = Duration::from_millis(500);
    // A label fits in the socket buffers: the write succeeds, the printer never confirms.
    let mut printer = open_printer(&format!("{uri}?status=off&timeout_ms=500")).unwrap();
    let started = Instant::now();
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_took(started, timeout);
    assert!(
        matches!(
            e,
            PrinterError::Timeout {
                stage: Stage::Finish,
                timeout_ms: 500,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.code(), "printer_timeout");
    // A job larger than the buffers stalls in the write itself.
    let mut printer =
        open_printer(&format!("{uri}?status=off&timeout_ms=500&waiteof=false")).unwrap();
    let big = PrintJob::pdf("J2", "Slip", vec![b'%'; 32 << 20]);
    let started = Instant::now();
    let e = printer.send(&big).unwrap_err();
    assert!(
        matches!(
            e,
            PrinterError::Timeout {
                stage: Stage::Write,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // And a status request nobody answers: connected, so not answering rather than
    // unreachable.
    let mut printer = open_printer(&format!("{uri}?status_timeout_ms=300")).unwrap();
    let started = Instant::now();
    let e = printer.status().unwrap_err();
    assert_took(started, Duration::from_millis(300));
    assert!(
        matches!(
            e,
            PrinterError::NotAnswering {
                timeout_ms: 300,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn an_empty_job_is_refused() {
    let sim = zebra();
    let mut printer = open_printer(&sim.uri()).unwrap();
    let e = printer
        .send(&PrintJob::zpl("J0", "Nothing", Vec::new()))
        .unwrap_err();
    assert_eq!(e.code(), "printer_invalid_job");
    assert_eq!(sim.status_requests(), 0);
}

#[test]
fn a_printer_that_never_answers_the_connection_times_out() {
    // A listener that never accepts: once its queue is full the kernel drops further SYNs,
    // as for a printer switched off behind a switch.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    let deadline = Instant::now() + DEADLINE;
    loop {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
            Ok(s) => held.push(s),
            Err(_) => break,
        }
        assert!(Instant::now() < deadline, "the accept queue never filled");
    }
    let mut printer =
        open_printer(&format!("tcp://{addr}?connect_timeout_ms=300&status=off")).unwrap();
    let started = Instant::now();
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_took(started, Duration::from_millis(300));
    assert!(
        matches!(
            e,
            PrinterError::Timeout {
                stage: Stage::Connect,
                timeout_ms: 300,
                ..
            }
        ),
        "{e:?}"
    );
    drop(listener);
}
