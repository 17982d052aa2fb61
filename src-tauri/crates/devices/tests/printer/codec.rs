//! Zebra `~HS` replies and IPP state reasons, parsed by table; garbage never panics.

use packbench_devices::printer::ipp::status_from_ipp;
use packbench_devices::printer::zebra::{HostStatus, HostStatusReader};
use packbench_devices::printer::{Condition, PrinterName, PrinterState, Role};
use proptest::prelude::*;

/// An idle ZD420 as the manual prints it, with the fields a test sets spliced in.
fn reply(paper_out: u8, pause: u8, buffer_full: u8, head_up: u8, ribbon_out: u8) -> Vec<u8> {
    format!(
        "\x02030,{paper_out},{pause},1218,000,{buffer_full},0,0,000,0,0,0\x03\r\n\x02001,0,{head_up},{ribbon_out},0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n"
    )
    .into_bytes()
}

#[test]
fn host_status_lines_parse_to_flags() {
    let table: [(Vec<u8>, HostStatus); 6] = [
        (
            reply(0, 0, 0, 0, 0),
            HostStatus {
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
        (
            reply(1, 0, 0, 0, 0),
            HostStatus {
                paper_out: true,
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
        (
            reply(0, 1, 0, 0, 0),
            HostStatus {
                paused: true,
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
        (
            reply(0, 0, 1, 0, 0),
            HostStatus {
                buffer_full: true,
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
        (
            reply(0, 0, 0, 1, 0),
            HostStatus {
                head_open: true,
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
        (
            reply(1, 1, 0, 1, 1),
            HostStatus {
                paper_out: true,
                paused: true,
                head_open: true,
                ribbon_out: true,
                label_length_dots: 1218,
                ..Default::default()
            },
        ),
    ];
    for (bytes, expected) in table {
        assert_eq!(
            HostStatus::parse(&bytes),
            Ok(expected),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
    }
    // Counters and the second line's other flags.
    let busy = b"\x02030,0,0,0812,003,0,0,1,000,0,1,0\x03\r\n\x02001,0,0,0,1,2,6,1,00000042,1,000\x03\r\n\x021234,0\x03\r\n";
    let hs = HostStatus::parse(busy).unwrap();
    assert_eq!(hs.formats_in_buffer, 3);
    assert!(hs.partial_format && hs.under_temperature && hs.thermal_transfer && hs.label_waiting);
    assert_eq!(hs.labels_remaining, 42);
    assert_eq!(hs.to_status().state, PrinterState::Printing);
}

#[test]
fn host_status_is_lenient_about_framing_noise() {
    let mut noisy = b"\r\n\xffjunk".to_vec();
    noisy.extend(
        b"\x02 030, 1 ,0,1218,000,0,0,0,000,0,0,0 \x03\n\x02001,0,0,0,0,2,6,0,00000000,1,000,extra\x03\x021234,0\x03trailing"
    );
    let hs = HostStatus::parse(&noisy).unwrap();
    assert!(hs.paper_out);
}

#[test]
fn malformed_host_status_is_an_error_naming_the_problem() {
    let table: [(&[u8], &str); 7] = [
        (b"", "0 of the 3 status lines arrived"),
        (b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n", "1 of the 3"),
        (
            b"\x02030,0,0,1218\x03\x02001,0,0,0,0,2,6,0,00000000,1,000\x03\x021234,0\x03",
            "line 1 has 4 fields, expected 12",
        ),
        (
            b"\x02030,2,0,1218,000,0,0,0,000,0,0,0\x03\x02001,0,0,0,0,2,6,0,00000000,1,000\x03\x021234,0\x03",
            "line 1 field 2 (paper out) is \"2\"",
        ),
        (
            b"\x02030,0,0,12x8,000,0,0,0,000,0,0,0\x03\x02001,0,0,0,0,2,6,0,00000000,1,000\x03\x021234,0\x03",
            "(label length) is \"12x8\"",
        ),
        (
            b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\x02001,0,\xff,0,0,2,6,0,00000000,1,000\x03\x021234,0\x03",
            "line 2 is not text",
        ),
        (b"\x02030\x02", "a line started inside a line"),
    ];
    for (bytes, reason) in table {
        let e = HostStatus::parse(bytes).expect_err(reason);
        assert!(
            e.0.contains(reason),
            "\"{}\" does not say \"{reason}\"",
            e.0
        );
    }
}

#[test]
fn conditions_map_to_refusals_a_packer_can_act_on() {
    let name = PrinterName::new(Role::Label, "tcp://10.0.0.7:9100");
    let refusal = |hs: HostStatus| {
        hs.to_status()
            .refusal(&name)
            .map(|e| (e.code(), e.to_string()))
    };
    assert_eq!(refusal(HostStatus::default()), None);
    assert_eq!(
        refusal(HostStatus {
            paper_out: true,
            ..Default::default()
        }),
        Some((
            "printer_out_of_paper",
            "Label printer tcp://10.0.0.7:9100 is out of labels: load a roll and press Feed."
                .into()
        ))
    );
    // The head first: closing it may be all a "paper out" needs.
    let both = HostStatus {
        paper_out: true,
        head_open: true,
        ..Default::default()
    };
    assert_eq!(refusal(both).unwrap().0, "printer_head_open");
    for (hs, code) in [
        (
            HostStatus {
                paused: true,
                ..Default::default()
            },
            "printer_paused",
        ),
        (
            HostStatus {
                ribbon_out: true,
                ..Default::default()
            },
            "printer_ribbon_out",
        ),
        (
            HostStatus {
                over_temperature: true,
                ..Default::default()
            },
            "printer_fault",
        ),
    ] {
        assert_eq!(refusal(hs).unwrap().0, code);
    }
    // A full buffer or a cold head delays printing but does not stop it.
    let slow = HostStatus {
        buffer_full: true,
        under_temperature: true,
        ..Default::default()
    };
    assert!(slow.to_status().can_print());
}

#[test]
fn ipp_state_reasons_map_to_conditions() {
    let s = |state, reasons: &[&str]| {
        let reasons: Vec<String> = reasons.iter().map(|r| r.to_string()).collect();
        status_from_ipp(Some(state), &reasons, None)
    };
    assert_eq!(s(3, &["none"]).conditions, vec![]);
    assert!(s(3, &["none"]).can_print());
    assert_eq!(
        s(5, &["media-empty-error"]).conditions,
        vec![Condition::PaperOut]
    );
    assert_eq!(
        s(5, &["media-needed"]).conditions,
        vec![Condition::PaperOut]
    );
    assert_eq!(s(5, &["paused"]).conditions, vec![Condition::Paused]);
    assert_eq!(
        s(5, &["cover-open-error"]).conditions,
        vec![Condition::HeadOpen]
    );
    assert_eq!(
        s(4, &["toner-empty-error"]).conditions,
        vec![Condition::RibbonOut]
    );
    assert_eq!(
        s(4, &["media-low-warning", "media-jam-error"]).conditions,
        vec![
            Condition::MediaJam,
            Condition::Other("media-low-warning".into())
        ]
    );
    assert!(s(4, &["media-low-warning", "cups-waiting-for-job-completed"]).can_print());
    let doc = PrinterName::new(Role::Document, "cups://office");
    assert_eq!(
        s(5, &["media-empty-error"])
            .refusal(&doc)
            .unwrap()
            .to_string(),
        "Document printer cups://office is out of paper: load paper in the tray."
    );
    // Stopped for a reason Packbench does not know still refuses, with the queue's message.
    let stopped = status_from_ipp(Some(5), &["none".into()], Some("Filter failed".into()));
    let e = stopped.refusal(&doc).unwrap();
    assert_eq!(e.code(), "printer_not_ready");
    assert!(e.to_string().contains("Filter failed"), "{e}");
}

fn any_status() -> impl Strategy<Value = HostStatus> {
    (
        any::<[bool; 12]>(),
        0u32..10_000,
        0u32..1_000,
        0u32..100_000_000,
    )
        .prop_map(|(f, len, formats, remaining)| HostStatus {
            paper_out: f[0],
            paused: f[1],
            label_length_dots: len,
            formats_in_buffer: formats,
            buffer_full: f[2],
            partial_format: f[3],
            corrupt_ram: f[4],
            under_temperature: f[5],
            over_temperature: f[6],
            head_open: f[7],
            ribbon_out: f[8],
            thermal_transfer: f[9],
            label_waiting: f[10],
            labels_remaining: remaining,
        })
}

proptest! {
    #[test]
    fn host_status_round_trips(hs in any_status()) {
        prop_assert_eq!(HostStatus::parse(&hs.encode()), Ok(hs));
    }

    #[test]
    fn host_status_arrives_in_any_chunks(hs in any_status(), cuts in proptest::collection::vec(1usize..20, 1..40)) {
        let bytes = hs.encode();
        let mut reader = HostStatusReader::default();
        let mut result = None;
        let mut at = 0;
        for cut in cuts.iter().cycle() {
            if at >= bytes.len() { break; }
            let end = (at + cut).min(bytes.len());
            if let Some(r) = reader.push(&bytes[at..end]) { result = Some(r); break; }
            at = end;
        }
        prop_assert_eq!(result, Some(Ok(hs)));
    }

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = HostStatus::parse(&bytes);
        let mut reader = HostStatusReader::default();
        for chunk in bytes.chunks(7) {
            if reader.push(chunk).is_some() { break; }
        }
    }

    #[test]
    fn framed_garbage_never_panics(lines in proptest::collection::vec("[0-9,\\- a-z\u{80}-\u{ff}]{0,40}", 3)) {
        let mut bytes = Vec::new();
        for l in &lines {
            bytes.push(2);
            bytes.extend(l.as_bytes());
            bytes.extend(b"\x03\r\n");
        }
        let _ = HostStatus::parse(&bytes);
    }
}
