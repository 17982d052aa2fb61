//! Property tests: the decoders never panic and stay bounded on any bytes; every frame the
//! simulators can send decodes to what was meant, even after line noise.

use packbench_devices::scale::codec::{decode_all, Decoded, FrameDecoder};
use packbench_devices::scale::settle::{SettleRule, Settler};
use packbench_devices::scale::{mt_sics, nci, toledo_8217, toledo_continuous};
use packbench_devices::scale::{Protocol, ScaleEvent, Unit, WeightValue};
use proptest::prelude::*;

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(Unit::ALL.to_vec())
}

fn value(max_digits: u32, max_decimals: u8) -> impl Strategy<Value = WeightValue> {
    (0..10i64.pow(max_digits), 0..=max_decimals, any::<bool>())
        .prop_map(|(m, d, neg)| WeightValue::new(if neg { -m } else { m }, d))
}

fn max_buffer(p: Protocol) -> usize {
    match p {
        Protocol::MtSics => mt_sics::MAX_LINE,
        Protocol::Nci => nci::MAX_FRAME,
        Protocol::Toledo8217 => toledo_8217::MAX_FRAME,
        Protocol::ToledoContinuous => toledo_continuous::FRAME_LEN,
    }
}

fn last_event(decoder: &mut dyn FrameDecoder, bytes: &[u8]) -> Option<Decoded> {
    decode_all(decoder, bytes).pop()
}

/// Property-test cases per fuzz target: 100,000 in the test command, unless
/// `PACKBENCH_FUZZ_CASES` says otherwise (a quicker local run).
pub fn fuzz_cases() -> u32 {
    std::env::var("PACKBENCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// Line bytes: anything, weighted towards what scale frames are made of, so the decoders'
/// deeper states are reached and not only their resynchronisation.
fn line_bytes() -> impl Strategy<Value = Vec<u8>> {
    let frame_byte = prop::sample::select(b"\x02\x03\r\n 0123456789.-+?SDIZTEkglbozW0".to_vec());
    prop::collection::vec(prop_oneof![any::<u8>(), frame_byte], 0..400)
}

/// Decodes `bytes` in one go and in the chunks `cuts` makes (as reads split them): the same
/// events either way, no panic, and never more held than the protocol's longest frame.
fn decode_chunked(
    p: Protocol,
    bytes: &[u8],
    cuts: &[prop::sample::Index],
) -> Result<(), TestCaseError> {
    let mut whole = p.decoder(Unit::Kg);
    let mut want = Vec::new();
    for &b in bytes {
        want.extend(whole.push(b));
        prop_assert!(whole.buffered() <= max_buffer(p));
    }
    let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
    at.sort_unstable();
    at.push(bytes.len());
    let mut chunked = p.decoder(Unit::Kg);
    let mut got = Vec::new();
    let mut start = 0;
    for end in at {
        got.extend(decode_all(chunked.as_mut(), &bytes[start..end]));
        prop_assert!(chunked.buffered() <= max_buffer(p));
        start = end;
    }
    prop_assert_eq!(got, want);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    #[test]
    fn fuzz_mt_sics_frames(bytes in line_bytes(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12)) {
        decode_chunked(Protocol::MtSics, &bytes, &cuts)?;
    }

    #[test]
    fn fuzz_nci_frames(bytes in line_bytes(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12)) {
        decode_chunked(Protocol::Nci, &bytes, &cuts)?;
    }

    #[test]
    fn fuzz_toledo_8217_frames(bytes in line_bytes(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12)) {
        decode_chunked(Protocol::Toledo8217, &bytes, &cuts)?;
    }

    #[test]
    fn fuzz_toledo_continuous_frames(bytes in line_bytes(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12)) {
        decode_chunked(Protocol::ToledoContinuous, &bytes, &cuts)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_never_panic_and_stay_bounded(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        p in prop::sample::select(Protocol::ALL.to_vec()),
    ) {
        let mut d = p.decoder(Unit::Kg);
        for &b in &bytes {
            d.push(b);
            prop_assert!(d.buffered() <= max_buffer(p));
        }
    }

    #[test]
    fn mt_sics_weights_round_trip(v in value(7, 4), u in unit(), stable in any::<bool>(),
                                  noise in prop::collection::vec(any::<u8>(), 0..80)) {
        let reply = mt_sics::Reply::Weight { stable, value: v, unit: u };
        let mut bytes = noise;
        bytes.extend_from_slice(b"\r\n");
        bytes.extend(reply.encode());
        let got = last_event(&mut mt_sics::Decoder::default(), &bytes);
        prop_assert_eq!(got, Some(Ok(reply.event())));
        prop_assert_eq!(mt_sics::Reply::parse(std::str::from_utf8(&reply.encode()).unwrap().trim_end()), Some(reply));
    }

    #[test]
    fn nci_replies_round_trip(v in value(6, 3), u in unit(), a in 0u8..16, b in 0u8..16,
                              has_weight in any::<bool>(),
                              noise in prop::collection::vec(any::<u8>(), 0..80)) {
        let status = nci::Status::parse(&[0x30 | a, 0x30 | b]).unwrap();
        let reply = if has_weight {
            nci::Reply::Weight { weight: Some((v, u)), status }
        } else {
            nci::Reply::Status(status)
        };
        // Noise ending "<LF>junk<CR>" would turn a status frame into a bad weight frame, so
        // resynchronisation is promised from the next frame boundary (ETX) on.
        let mut bytes = noise;
        bytes.push(0x03);
        bytes.extend(reply.encode());
        let got = last_event(&mut nci::Decoder::default(), &bytes);
        prop_assert_eq!(got, Some(Ok(reply.event())));
    }

    #[test]
    fn toledo_8217_replies_round_trip(m in 0i64..1_000_000, d in 0u8..=3, s in 0u8..64,
                                      is_weight in any::<bool>(), u in unit(),
                                      noise in prop::collection::vec(any::<u8>(), 0..80)) {
        let reply = if is_weight && WeightValue::new(m, d).to_string().len() <= 7 {
            toledo_8217::Reply::Weight(WeightValue::new(m, d))
        } else {
            toledo_8217::Reply::Status(toledo_8217::Status::from_byte(s))
        };
        let mut bytes = noise;
        bytes.extend(reply.encode());
        let got = last_event(&mut toledo_8217::Decoder::new(u), &bytes);
        prop_assert_eq!(got, Some(Ok(reply.event(u))));
    }

    #[test]
    fn toledo_continuous_frames_round_trip(m in -999_999i64..=999_999, d in 0u8..=5, u in unit(),
                                           net in any::<bool>(), motion in any::<bool>(),
                                           out_of_range in any::<bool>(), tare in 0u32..1_000_000,
                                           checksum in any::<bool>(),
                                           noise in prop::collection::vec(any::<u8>(), 0..80)) {
        let mut frame = toledo_continuous::Frame::from_value(WeightValue::new(m, d), u).unwrap();
        frame.net = net;
        frame.motion = motion;
        frame.out_of_range = out_of_range;
        frame.tare = tare;
        let mut decoder = toledo_continuous::Decoder::default();
        let mut bytes = noise;
        // Two frames: with checksums, the first teaches the decoder that they are present.
        bytes.extend(frame.encode(checksum));
        bytes.extend(frame.encode(checksum));
        let got = last_event(&mut decoder, &bytes);
        prop_assert_eq!(got, Some(Ok(frame.event())));
        prop_assert_eq!(toledo_continuous::Frame::parse(&frame.encode(false)), Some(frame));
    }

    #[test]
    fn weight_text_parses_or_not_without_panic(text in "[-+ 0-9.a-zA-Z]{0,24}") {
        if let Some(v) = WeightValue::parse(&text) {
            prop_assert_eq!(WeightValue::parse(&v.to_string()), Some(v));
            for u in Unit::ALL {
                let _ = v.to_grams(u);
            }
        }
        let _ = mt_sics::Reply::parse(&text);
        let _ = nci::Reply::parse(text.as_bytes());
        let _ = toledo_8217::Reply::parse(text.as_bytes());
    }

    #[test]
    fn grams_survive_a_display_round_trip(g in -10_000_000i64..10_000_000, u in unit(), d in 0u8..=4) {
        let shown = WeightValue::from_grams(g, u, d);
        let back = shown.to_grams(u);
        // Off by at most half a display step, rounded up.
        let step_mg: i64 = match u { Unit::G => 1000, Unit::Kg => 1_000_000, Unit::Lb => 453_592, Unit::Oz => 28_350 }
            / 10i64.pow(u32::from(d));
        prop_assert!((back - g).abs() * 1000 <= step_mg / 2 + 1000, "{g} g -> {shown} {u} -> {back} g");
        if u == Unit::G || (u == Unit::Kg && d >= 3) {
            prop_assert_eq!(back, g);
        }
        prop_assert_eq!(WeightValue::parse(&shown.to_string()), Some(shown));
    }

    #[test]
    fn settled_means_n_stable_readings_in_the_band(
        readings in prop::collection::vec((990i64..1010, prop::bool::weighted(0.8)), 1..40),
        n in 1u32..5, band in 0u32..10,
    ) {
        let mut s = Settler::new(SettleRule { readings: n, band_g: band });
        for i in 0..readings.len() {
            if s.push(readings[i].0, readings[i].1) {
                let n = n as usize;
                prop_assert!(i + 1 >= n);
                let last = &readings[i + 1 - n..=i];
                prop_assert!(last.iter().all(|r| r.1));
                let max = last.iter().map(|r| r.0).max().unwrap();
                let min = last.iter().map(|r| r.0).min().unwrap();
                prop_assert!(max - min <= i64::from(band));
            }
        }
    }
}

#[test]
fn sim_replies_decode_for_every_load() {
    use packbench_devices::scale::sim::SimScale;
    use std::time::Duration;
    for p in Protocol::ALL {
        for grams in [0i64, 1, 999, 1000, 12_345, 29_999] {
            let mut sim = SimScale::new(p);
            sim.set_load_g(grams, Duration::ZERO);
            let later = Duration::from_secs(1);
            let bytes = match p.weigh_request() {
                Some(req) => sim.receive(req, later),
                None => sim.stream_frame(later),
            };
            let events = decode_all(p.decoder(Unit::Kg).as_mut(), &bytes);
            match events.as_slice() {
                [Ok(ScaleEvent::Weight(s))] => {
                    assert_eq!((s.grams(), s.stable), (grams, true), "{p}")
                }
                other => panic!("{p} {grams}: {other:?}"),
            }
        }
    }
}
