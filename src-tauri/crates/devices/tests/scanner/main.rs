//! The serial scanner adapter against a simulated scanner over real ptys: codes per
//! terminator however the bytes are split, junk reported, and reading that survives the
//! scanner being unplugged and plugged back in.

use packbench_devices::scanner::{
    ScannerConfig, ScannerError, ScannerEvent, ScannerReader, SerialScanner, Terminator,
};
use packbench_devices::simulator::SimulatedScanner;
use std::path::PathBuf;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(3);

fn config(port: &str, terminator: Terminator) -> ScannerConfig {
    let mut c = ScannerConfig::new(port);
    c.terminator = terminator;
    c.max_len = 64;
    c.reopen_interval_ms = 50;
    c
}

/// Reads codes until `n` arrived (junk included), or fails at `WAIT`.
fn read_n(scanner: &mut SerialScanner, n: usize) -> Vec<Result<String, ScannerError>> {
    let mut got = Vec::new();
    while got.len() < n {
        match scanner.next_code(WAIT) {
            Ok(Some(code)) => got.push(Ok(code)),
            Ok(None) => panic!("no code within {WAIT:?}; got {got:?}"),
            Err(e) => got.push(Err(e)),
        }
    }
    got
}

#[test]
fn one_code_per_terminator_however_the_bytes_arrive() {
    const GS1: &str = "]C1010400638133393110LOT-7\u{1d}17261231";
    for t in Terminator::ALL {
        let sim = SimulatedScanner::start().unwrap();
        let mut scanner = SerialScanner::new(config(sim.path(), t)).unwrap();
        scanner.connect().unwrap();
        sim.scan("TR-0001", t).unwrap();
        // Byte by byte, the terminator split too.
        let mut bytes = GS1.as_bytes().to_vec();
        bytes.extend_from_slice(t.bytes());
        for b in bytes {
            sim.send(&[b]).unwrap();
        }
        sim.send(format!("A{}B{}", t.name(), t.name()).as_bytes())
            .unwrap();
        sim.send(t.bytes()).unwrap();
        let got = read_n(&mut scanner, 3);
        assert_eq!(
            got,
            vec![
                Ok("TR-0001".to_owned()),
                Ok(GS1.to_owned()),
                Ok(format!("A{}B{}", t.name(), t.name()))
            ],
            "{t}"
        );
    }
}

#[test]
fn junk_is_reported_clearly_and_reading_goes_on() {
    let sim = SimulatedScanner::start().unwrap();
    let mut scanner = SerialScanner::new(config(sim.path(), Terminator::Cr)).unwrap();
    scanner.connect().unwrap();
    sim.send(b"\xfe\x00\x80\x13\r").unwrap();
    sim.send(&[b'9'; 500]).unwrap();
    sim.send(b"\rTR-0002\r").unwrap();
    let got = read_n(&mut scanner, 3);
    let e = got[0].clone().unwrap_err();
    assert_eq!(e.code(), "scanner_unreadable", "{e}");
    assert!(e.to_string().contains("<FE><00><80><13>"), "{e}");
    assert!(e.to_string().contains("9600 8N1"), "{e}");
    let e = got[1].clone().unwrap_err();
    assert_eq!(
        e,
        ScannerError::TooLong {
            port: sim.path().to_owned(),
            len: 500,
            max: 64,
            terminator: "CR".into()
        }
    );
    assert_eq!(got[2], Ok("TR-0002".to_owned()));
    assert!(scanner.is_connected());
}

#[test]
fn a_missing_port_is_reported() {
    let mut scanner = SerialScanner::new(config("/dev/does-not-exist", Terminator::Cr)).unwrap();
    let e = scanner.next_code(WAIT).unwrap_err();
    assert_eq!(e.code(), "scanner_port_unavailable");
    assert!(e.to_string().contains("/dev/does-not-exist"), "{e}");
}

/// A stable device path, like `/dev/serial/by-id/...`, that can be pointed at a new pty.
struct Link(PathBuf);

impl Link {
    fn new() -> Link {
        let dir = tempfile::tempdir().unwrap().keep();
        Link(dir.join("ttyScanner"))
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn next(reader: &ScannerReader) -> ScannerEvent {
    reader
        .next_event(WAIT)
        .unwrap_or_else(|| panic!("no scanner event within {WAIT:?}"))
}

#[test]
fn the_reader_survives_unplugging_and_replugging() {
    let link = Link::new();
    let first = SimulatedScanner::start().unwrap();
    first.link_at(&link.0).unwrap();
    let reader = ScannerReader::spawn(config(&link.0.to_string_lossy(), Terminator::CrLf)).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Connected);
    first.scan("TR-0001", Terminator::CrLf).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Code("TR-0001".into()));
    // Half a code, then the cable comes out: the half is never taken for a code. The by-id
    // link goes with the device (and a parallel test may get the same pty number).
    first.send(b"TR-00").unwrap();
    std::fs::remove_file(&link.0).unwrap();
    first.unplug();
    match next(&reader) {
        ScannerEvent::Problem(e) => assert_eq!(e.code(), "scanner_disconnected", "{e}"),
        other => panic!("{other:?}"),
    }
    // Failed reopens are not reported again and again.
    assert_eq!(reader.next_event(Duration::from_millis(300)), None);

    let second = SimulatedScanner::start().unwrap();
    second.link_at(&link.0).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Connected);
    second.scan("TR-0002", Terminator::CrLf).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Code("TR-0002".into()));
}

#[test]
fn a_reader_started_before_the_scanner_is_plugged_in_reports_once_then_connects() {
    let link = Link::new();
    let reader = ScannerReader::spawn(config(&link.0.to_string_lossy(), Terminator::Lf)).unwrap();
    match next(&reader) {
        ScannerEvent::Problem(e) => assert_eq!(e.code(), "scanner_port_unavailable", "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(reader.next_event(Duration::from_millis(200)), None);
    let sim = SimulatedScanner::start().unwrap();
    sim.link_at(&link.0).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Connected);
    sim.scan("4006381333931", Terminator::Lf).unwrap();
    assert_eq!(next(&reader), ScannerEvent::Code("4006381333931".into()));
}

mod fuzz {
    use packbench_devices::scanner::{Junk, LineDecoder, Terminator};
    use proptest::prelude::*;

    /// Property-test cases per fuzz target: 100,000 in the test command, unless
    /// `PACKBENCH_FUZZ_CASES` says otherwise.
    fn fuzz_cases() -> u32 {
        std::env::var("PACKBENCH_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000)
    }

    fn terminator() -> impl Strategy<Value = Terminator> {
        prop::sample::select(Terminator::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

        #[test]
        fn any_bytes_in_any_chunks_stay_bounded_and_decode_alike(
            bytes in prop::collection::vec(
                prop_oneof![any::<u8>(), prop::sample::select(b"\r\n\r\nA1\x1d".to_vec())], 0..600),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            t in terminator(),
            max_len in 1usize..64,
        ) {
            let mut whole = LineDecoder::new(t, max_len);
            let mut want = Vec::new();
            for &b in &bytes {
                want.extend(whole.push(b));
                prop_assert!(whole.buffered() <= max_len);
            }
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            at.push(bytes.len());
            let mut chunked = LineDecoder::new(t, max_len);
            let mut got = Vec::new();
            let mut start = 0;
            for end in at {
                got.extend(chunked.push_all(&bytes[start..end]));
                start = end;
            }
            prop_assert_eq!(&got, &want);
            for line in got {
                match line {
                    Ok(code) => prop_assert!(!code.is_empty() && code.len() <= max_len),
                    Err(Junk::TooLong { len, max }) => prop_assert!(len > max && max == max_len),
                    Err(Junk::NotText { sample, .. }) => prop_assert!(!sample.is_empty()),
                }
            }
        }

        #[test]
        fn codes_round_trip_with_every_terminator(
            codes in prop::collection::vec("[ -~\u{1d}]{1,40}", 0..10),
            t in terminator(),
        ) {
            let mut bytes = Vec::new();
            for c in &codes {
                bytes.extend_from_slice(c.as_bytes());
                bytes.extend_from_slice(t.bytes());
            }
            let got = LineDecoder::new(t, 64).push_all(&bytes);
            prop_assert_eq!(got, codes.into_iter().map(Ok).collect::<Vec<_>>());
        }
    }
}
