use super::*;
use crate::fuzz_cases;
use proptest::prelude::*;

/// A `keydown` as the webview reports it, `key` included: what the OS layout made of it.
#[derive(Debug, Clone)]
struct BrowserKey {
    code: &'static str,
    key: String,
    shift: bool,
    alt: bool,
    ctrl: bool,
    timestamp_ms: f64,
}

impl BrowserKey {
    /// What the decoder is given: everything but `key`.
    fn event(&self) -> KeyEvent<'_> {
        KeyEvent {
            code: self.code,
            shift: self.shift,
            alt: self.alt,
            alt_gr: false,
            ctrl: self.ctrl,
            timestamp_ms: self.timestamp_ms,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Us,
    Uk,
    Fr,
    De,
}

const LAYOUTS: [Layout; 4] = [Layout::Us, Layout::Uk, Layout::Fr, Layout::De];

/// The `key` an OS with this layout reports for a physical key (Ctrl does not change it in
/// browsers; dead keys report "Dead").
fn os_key(layout: Layout, code: &str, shift: bool) -> String {
    let pick = |plain: &str, shifted: &str| if shift { shifted } else { plain }.to_owned();
    let us = || {
        us_char(code, shift)
            .map(String::from)
            .unwrap_or_else(|| code.to_owned())
    };
    match layout {
        Layout::Us => us(),
        Layout::Uk => match code {
            "Digit2" => pick("2", "\""),
            "Digit3" => pick("3", "£"),
            "Quote" => pick("'", "@"),
            "Backslash" => pick("#", "~"),
            "Backquote" => pick("`", "¬"),
            _ => us(),
        },
        Layout::De => match code {
            "KeyY" => pick("z", "Z"),
            "KeyZ" => pick("y", "Y"),
            "Digit2" => pick("2", "\""),
            "Digit3" => pick("3", "§"),
            "Digit6" => pick("6", "&"),
            "Digit7" => pick("7", "/"),
            "Digit8" => pick("8", "("),
            "Digit9" => pick("9", ")"),
            "Digit0" => pick("0", "="),
            "Minus" => pick("ß", "?"),
            "Equal" => "Dead".into(),
            "BracketLeft" => pick("ü", "Ü"),
            "BracketRight" => pick("+", "*"),
            "Semicolon" => pick("ö", "Ö"),
            "Quote" => pick("ä", "Ä"),
            "Backslash" => pick("#", "'"),
            "Backquote" => pick("Dead", "°"),
            "Comma" => pick(",", ";"),
            "Period" => pick(".", ":"),
            "Slash" => pick("-", "_"),
            _ => us(),
        },
        Layout::Fr => match code {
            "KeyA" => pick("q", "Q"),
            "KeyQ" => pick("a", "A"),
            "KeyZ" => pick("w", "W"),
            "KeyW" => pick("z", "Z"),
            "KeyM" => pick(",", "?"),
            "Semicolon" => pick("m", "M"),
            "Digit1" => pick("&", "1"),
            "Digit2" => pick("é", "2"),
            "Digit3" => pick("\"", "3"),
            "Digit4" => pick("'", "4"),
            "Digit5" => pick("(", "5"),
            "Digit6" => pick("-", "6"),
            "Digit7" => pick("è", "7"),
            "Digit8" => pick("_", "8"),
            "Digit9" => pick("ç", "9"),
            "Digit0" => pick("à", "0"),
            "Minus" => pick(")", "°"),
            "Equal" => pick("=", "+"),
            "BracketLeft" => "Dead".into(),
            "BracketRight" => pick("$", "£"),
            "Quote" => pick("ù", "%"),
            "Backslash" => pick("*", "µ"),
            "Backquote" => pick("²", "²"),
            "Comma" => pick(";", "."),
            "Period" => pick(":", "/"),
            "Slash" => pick("!", "§"),
            _ => us(),
        },
    }
}

/// How a scanner sends one character.
#[derive(Debug, Clone, Copy)]
enum Via {
    /// The key, Shift or Ctrl as needed (Shift pressed as its own keydown first).
    Key,
    /// Alt + the decimal code on the numpad, with a leading 0 (Alt+0,2,9 for GS).
    AltCode,
}

/// The keydowns a US-layout scanner sends for `text` then Enter, `gaps_ms` apart (cycled),
/// as an OS with `layout` reports them.
fn scanner_keys(text: &str, vias: &[Via], gaps_ms: &[f64], layout: Layout) -> Vec<BrowserKey> {
    let mut t = 1000.0;
    let mut n = 0;
    let mut out = Vec::new();
    let mut key = |code: &'static str, shift: bool, alt: bool, ctrl: bool| {
        t += gaps_ms[n % gaps_ms.len()];
        n += 1;
        out.push(BrowserKey {
            code,
            key: os_key(layout, code, shift),
            shift,
            alt,
            ctrl,
            timestamp_ms: t,
        });
    };
    for (i, c) in text.chars().enumerate() {
        match vias[i % vias.len()] {
            Via::AltCode if c != '\0' => {
                key("AltLeft", false, true, false);
                for d in format!("0{}", c as u32).bytes() {
                    key(
                        [
                            "Numpad0", "Numpad1", "Numpad2", "Numpad3", "Numpad4", "Numpad5",
                            "Numpad6", "Numpad7", "Numpad8", "Numpad9",
                        ][usize::from(d - b'0')],
                        false,
                        true,
                        false,
                    );
                }
            }
            _ => {
                let k = us_keystroke(c).expect("ASCII 0-126");
                if k.ctrl {
                    key("ControlLeft", false, false, true);
                }
                if k.shift {
                    key("ShiftLeft", true, false, k.ctrl);
                }
                key(k.code, k.shift, false, k.ctrl);
            }
        }
    }
    key("Enter", false, false, false);
    out
}

fn decode(keys: &[BrowserKey]) -> Vec<WedgeOutput> {
    let mut d = WedgeDecoder::default();
    keys.iter().flat_map(|k| d.push(k.event())).collect()
}

fn scan(text: &str) -> WedgeOutput {
    WedgeOutput::Scan {
        text: text.into(),
        symbology: split_aim(text).0.map(str::to_owned),
    }
}

fn typed(text: &str, withheld: &str) -> WedgeOutput {
    WedgeOutput::Typed {
        text: text.into(),
        withheld: withheld.into(),
    }
}

const GS1: &str = "]C1010400638133393110LOT-7\u{1d}17261231\u{1d}21SN123";

#[test]
fn scans_decode_to_what_the_scanner_sent() {
    for (text, via) in [
        ("TR-0001", Via::Key),
        ("tr-0007-03", Via::Key),
        (GS1, Via::Key),
        (GS1, Via::AltCode),
        ("]d2010400638133393117261231\u{1d}10A", Via::Key),
        ("]Q3{\"a\": [1, 2]}~`|\\<>?", Via::Key),
        ("]E04006381333931", Via::Key),
    ] {
        let keys = scanner_keys(text, &[via], &[4.0, 9.0, 1.0], Layout::Us);
        assert_eq!(decode(&keys), vec![scan(text)], "{text:?} {via:?}");
    }
    // Mixed: GS by Ctrl+] and by Alt code in one scan.
    let keys = scanner_keys(GS1, &[Via::Key, Via::AltCode, Via::Key], &[3.0], Layout::Us);
    assert_eq!(decode(&keys), vec![scan(GS1)]);
}

#[test]
fn gs_comes_from_ctrl_bracket_or_alt_029() {
    let mut d = WedgeDecoder::default();
    let k = |code, ctrl, alt, t| KeyEvent {
        ctrl,
        alt,
        ..KeyEvent::plain(code, t)
    };
    let events = [
        k("Digit1", false, false, 0.0),
        k("Digit0", false, false, 5.0),
        k("ControlLeft", false, false, 7.0),
        k("BracketRight", true, false, 8.0),
        k("AltLeft", false, true, 10.0),
        k("Numpad0", false, true, 12.0),
        k("Numpad2", false, true, 14.0),
        k("Numpad9", false, true, 16.0),
        k("KeyA", false, false, 20.0),
        k("Enter", false, false, 25.0),
    ];
    let out: Vec<_> = events.into_iter().flat_map(|e| d.push(e)).collect();
    assert_eq!(out, vec![scan("10\u{1d}\u{1d}a")]);
}

#[test]
fn aim_identifiers_split_off() {
    assert_eq!(
        split_aim("]C10104006381333931"),
        (Some("]C1"), "0104006381333931")
    );
    assert_eq!(split_aim("]d2"), (Some("]d2"), ""));
    assert_eq!(
        split_aim("]E04006381333931"),
        (Some("]E0"), "4006381333931")
    );
    assert_eq!(split_aim("TR-0001"), (None, "TR-0001"));
    assert_eq!(split_aim("]1"), (None, "]1"));
    assert_eq!(split_aim("]]]x"), (None, "]]]x"));
    assert_eq!(split_aim("]é1"), (None, "]é1"));
}

#[test]
fn the_os_layout_changes_key_but_never_the_decoded_scan() {
    let text = "]C1TR-0001/Yaz;m\u{1d}@#\"'QWZ";
    let mut naive = Vec::new();
    for layout in LAYOUTS {
        let keys = scanner_keys(text, &[Via::Key], &[5.0], layout);
        assert_eq!(decode(&keys), vec![scan(text)], "{layout:?}");
        naive.push(
            keys.iter()
                .filter(|k| k.key.chars().count() == 1 && !k.ctrl)
                .map(|k| k.key.clone())
                .collect::<String>(),
        );
    }
    // Reading `key` would have gone wrong on every layout but the US one.
    let wanted: String = text.chars().filter(|c| !c.is_control()).collect();
    assert_eq!(naive[0], wanted);
    for (layout, got) in LAYOUTS.iter().zip(&naive).skip(1) {
        assert_ne!(got, &wanted, "{layout:?}");
    }
    assert!(naive[2].starts_with("$C&TR)ààà&"), "{}", naive[2]);
}

#[test]
fn slow_keys_are_typing() {
    let keys = scanner_keys("TR-0001", &[Via::Key], &[120.0, 200.0], Layout::Us);
    assert_eq!(decode(&keys), vec![typed("TR-0001", "")]);
    // Fast but too short: a person's roll, not a scan.
    let keys = scanner_keys("ok", &[Via::Key], &[10.0], Layout::Us);
    assert_eq!(decode(&keys), vec![typed("ok", "")]);
    // A pause before Enter: not a scan either (the withheld keys come back).
    let mut keys = scanner_keys("TR-0001", &[Via::Key], &[5.0], Layout::Us);
    keys.last_mut().unwrap().timestamp_ms += 500.0;
    assert_eq!(decode(&keys), vec![typed("TR-0001", "0001")]);
}

#[test]
fn typing_then_a_scan_gives_both_in_order() {
    let mut keys = scanner_keys("ab", &[Via::Key], &[300.0], Layout::Us);
    keys.pop(); // no Enter after the typing
    let t0 = keys.last().unwrap().timestamp_ms + 2000.0;
    for mut k in scanner_keys("TR-0042", &[Via::Key], &[6.0], Layout::Us) {
        k.timestamp_ms += t0;
        keys.push(k);
    }
    assert_eq!(decode(&keys), vec![typed("ab", ""), scan("TR-0042")]);
}

#[test]
fn withholding_starts_at_the_min_len_th_key_and_covers_the_terminator() {
    let mut d = WedgeDecoder::default();
    let keys = scanner_keys("ABCDEF", &[Via::Key], &[5.0], Layout::Us);
    let held: Vec<bool> = keys
        .iter()
        .filter(|k| k.code != "ShiftLeft")
        .map(|k| {
            d.push(k.event());
            d.withholding()
        })
        .collect();
    assert_eq!(held, [false, false, false, true, true, true, true]);
}

#[test]
fn a_burst_without_terminator_comes_back_as_typing_on_poll() {
    let mut d = WedgeDecoder::default();
    let mut t = 0.0;
    for code in ["Digit1", "Digit2", "Digit3", "Digit4", "Digit5"] {
        t += 5.0;
        assert!(d.push(KeyEvent::plain(code, t)).is_empty());
    }
    assert!(d.poll(t + 10.0).is_empty());
    assert_eq!(d.poll(t + 100.0), vec![typed("12345", "45")]);
    assert!(d.poll(t + 200.0).is_empty());
}

#[test]
fn other_keys_end_a_burst_and_altgr_chords_are_not_the_scanner() {
    let mut d = WedgeDecoder::default();
    d.push(KeyEvent::plain("KeyA", 0.0));
    d.push(KeyEvent::plain("KeyB", 5.0));
    assert_eq!(
        d.push(KeyEvent::plain("Backspace", 9.0)),
        vec![typed("ab", "")]
    );
    d.push(KeyEvent::plain("KeyA", 10.0));
    let altgr = KeyEvent {
        alt_gr: true,
        ..KeyEvent::plain("KeyE", 12.0)
    };
    assert_eq!(d.push(altgr), vec![typed("a", "")]);
    assert_eq!(d.buffered(), 0);
}

#[test]
fn a_stuck_key_is_bounded() {
    let mut d = WedgeDecoder::new(WedgeConfig {
        max_len: 50,
        ..WedgeConfig::default()
    });
    let mut outputs = 0;
    for i in 0..1000 {
        outputs += d.push(KeyEvent::plain("KeyX", f64::from(i))).len();
        assert!(d.buffered() <= 50);
    }
    assert_eq!(outputs, 19);
}

fn arb_code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            [
                "KeyA",
                "KeyZ",
                "Digit0",
                "Digit9",
                "Minus",
                "BracketRight",
                "Enter",
                "Tab",
                "NumpadEnter",
                "Numpad0",
                "Numpad2",
                "Numpad9",
                "NumpadAdd",
                "ShiftLeft",
                "AltLeft",
                "ControlLeft",
                "Backspace",
                "Space",
                "Quote",
                "Slash",
                "",
            ]
            .to_vec()
        )
        .prop_map(str::to_owned),
        prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
}

fn arb_timestamp() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..100_000.0f64,
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    #[test]
    fn any_event_sequence_decodes_without_panic_and_bounded(
        events in prop::collection::vec(
            (arb_code(), any::<(bool, bool, bool, bool)>(), arb_timestamp()), 0..60),
        min_len in 0usize..8, max_len in 1usize..40, max_gap_ms in 0.0..100.0f64,
    ) {
        let mut d = WedgeDecoder::new(WedgeConfig { min_len, max_gap_ms, max_len });
        for (code, (shift, alt, alt_gr, ctrl), timestamp_ms) in &events {
            let ev = KeyEvent { code, shift: *shift, alt: *alt, alt_gr: *alt_gr, ctrl: *ctrl, timestamp_ms: *timestamp_ms };
            for o in d.push(ev).into_iter().chain(d.poll(*timestamp_ms)) {
                if let WedgeOutput::Typed { text, withheld } = &o {
                    prop_assert!(text.ends_with(withheld.as_str()));
                }
            }
            prop_assert!(d.buffered() <= max_len.max(1));
        }
    }

    #[test]
    fn any_ascii_scanned_at_scanner_speed_round_trips_on_every_layout(
        text in prop::collection::vec(0u8..=126, 4..80)
            .prop_map(|b| b.into_iter().map(char::from).collect::<String>()),
        vias in prop::collection::vec(prop_oneof![Just(Via::Key), Just(Via::AltCode)], 1..8),
        gaps in prop::collection::vec(0.0..=35.0f64, 1..8),
    ) {
        for layout in LAYOUTS {
            let keys = scanner_keys(&text, &vias, &gaps, layout);
            prop_assert_eq!(decode(&keys), vec![scan(&text)], "{:?}", layout);
        }
    }
}
