//! Tests of the station's GS1 reading: the pack flow's fields, the forms a scanner sends,
//! localised refusals, and property tests of the AIs the station acts on.

use super::*;
use crate::gs1::linters::Rule;

const GTIN: &str = "04006381333931";

#[test]
fn element_strings_with_aim_prefixes_and_separators_parse() {
    for raw in [
        "]C1010400638133393110LOT-7\u{1d}17261231\u{1d}21SN123",
        "]d2010400638133393117261231\u{1d}10LOT-7\u{1d}21SN123",
        "]Q3\u{1d}010400638133393121SN123\u{1d}10LOT-7\u{1d}17261231",
        "010400638133393110LOT-7\u{1d}1726123121SN123",
        "(01)04006381333931(10)LOT-7(17)261231(21)SN123",
    ] {
        let d = parse_element_string(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        assert_eq!(d.gtin.as_deref(), Some(GTIN), "{raw:?}");
        assert_eq!(d.lot.as_deref(), Some("LOT-7"), "{raw:?}");
        assert_eq!(d.serial.as_deref(), Some("SN123"), "{raw:?}");
        assert_eq!(
            d.expiry,
            Some(Gs1Date {
                yy: 26,
                mm: 12,
                dd: 31
            }),
            "{raw:?}"
        );
        assert!(d.other.is_empty(), "{raw:?}");
    }
}

#[test]
fn a_lot_running_into_the_next_ai_without_a_separator_is_one_lot() {
    // Without GS after a variable field, everything up to the end is that field's value.
    let d = parse_element_string("]C11012345172612").unwrap();
    assert_eq!(d.lot.as_deref(), Some("12345172612"));
    assert_eq!(d.expiry, None);
}

#[test]
fn other_known_ais_are_kept_and_unknown_ones_refused() {
    let d = parse_element_string("]C10104006381333931310300125015261130").unwrap();
    assert_eq!(
        d.other,
        vec![
            ("3103".to_owned(), "001250".to_owned()),
            ("15".to_owned(), "261130".to_owned())
        ]
    );
    // (89) is no AI; (99) is a company-internal one, kept as data (issue 16).
    let e = parse_element_string("]C18912345").unwrap_err();
    assert_eq!(
        (e.code(), e.ai.as_deref()),
        ("gs1_unknown_ai", Some("8912"))
    );
    let d = parse_element_string("]C19912345").unwrap();
    assert_eq!(d.other, vec![("99".to_owned(), "12345".to_owned())]);
}

/// Each refusal with its stable code and the AI it names.
#[test]
fn malformed_element_strings_are_refused_with_the_reason() {
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        ("]C1", "gs1_empty", None),
        ("]C1010400638133393", "gs1_value_too_short", Some("01")),
        ("]C10104006381333932", "gs1_check_digit", Some("01")),
        ("]C117261331", "gs1_date_month", Some("17")),
        ("]C117250230", "gs1_date_day", Some("17")),
        ("]C110\u{1d}17261231", "gs1_value_empty", Some("10")),
        (
            "]C110ABCDEFGHIJKLMNOPQRSTU",
            "gs1_value_too_long",
            Some("10"),
        ),
        ("]C110AB#C", "gs1_bad_character", Some("10")),
        // The same AI twice is refused when the values differ (GS1 allows identical ones).
        ("]C11726123117261130", "gs1_ai_repeated", Some("17")),
        ("]C101040063813339AB", "gs1_not_numeric", Some("01")),
        ("(01)04006381333931(10", "gs1_malformed", None),
        // Found by fuzzing: a multi-byte character where an AI could be.
        ("!\u{c98}", "gs1_unknown_ai", Some("!\u{c98}")),
        ("(!\u{c98})1", "gs1_malformed", None),
    ];
    for (raw, code, ai) in cases {
        let e = parse_element_string(raw).unwrap_err();
        assert_eq!((e.code(), e.ai.as_deref()), (code, ai), "{raw:?}: {e}");
    }
}

#[test]
fn day_zero_and_leap_days_are_dates() {
    assert_eq!(
        parse_element_string("]C117280229").unwrap().expiry,
        Some(Gs1Date {
            yy: 28,
            mm: 2,
            dd: 29
        })
    );
    assert!(parse_element_string("]C117270229").is_err());
    assert!(parse_element_string("]C117261100").is_ok());
}

#[test]
fn two_digit_years_resolve_in_the_gs1_window() {
    let d = |yy| Gs1Date { yy, mm: 1, dd: 1 };
    assert_eq!(d(26).year(2026), 2026);
    assert_eq!(d(76).year(2026), 2076);
    assert_eq!(d(77).year(2026), 1977);
    assert_eq!(d(1).year(2099), 2101);
    assert_eq!(d(98).year(2001), 1998);
}

#[test]
fn plain_barcodes_are_not_taken_for_element_strings() {
    for plain in [
        "4006381333931",
        "04006381333931",
        "ACME-SKU-0102",
        "0104006381333931",
    ] {
        assert!(!looks_like_element_string(plain), "{plain}");
    }
    for gs1 in [
        "]C110ABC",
        "]d2010400638133393110A",
        "010400638133393110ABC",
        "(10)ABC",
        "10ABC\u{1d}21X",
    ] {
        assert!(looks_like_element_string(gs1), "{gs1:?}");
    }
}

#[test]
fn gtins_widen_to_14_digits() {
    assert_eq!(gtin14("4006381333931").as_deref(), Some(GTIN));
    assert_eq!(gtin14("036000291452").as_deref(), Some("00036000291452"));
    assert_eq!(gtin14("4006381333932"), None);
    assert_eq!(gtin14("ACME-1"), None);
}

#[test]
fn known_gtins_validate() {
    for good in [
        "4006381333931",
        "5901234123457",
        "036000291452",
        "96385074",
        "10012345678902",
    ] {
        assert!(is_valid_gtin(good), "{good}");
    }
    // "⁴A®®" is 8 bytes: it used to panic when split before its last byte.
    for bad in [
        "4006381333932",
        "400638133393",
        "40063813339x1",
        "",
        "123",
        "\u{2074}A\u{ae}\u{ae}",
    ] {
        assert!(!is_valid_gtin(bad), "{bad}");
    }
}

#[test]
fn gtin13_completion_matches_validation() {
    assert_eq!(gtin13("400638133393").as_deref(), Some("4006381333931"));
    assert_eq!(gtin13("40063813339"), None);
    // Every completion validates, and no other last digit does.
    for n in 0..500u64 {
        let first = format!("{:012}", n * 7_919_993);
        let full = gtin13(&first).unwrap();
        assert!(is_valid_gtin(&full));
        for d in 0..10 {
            let other = format!("{first}{d}");
            assert_eq!(is_valid_gtin(&other), other == full);
        }
    }
}

#[test]
fn sscc_check_digit() {
    // GS1 example SSCC 106141411234567897 (without the AI).
    assert_eq!(check_digit("10614141123456789"), Some(7));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn cset82() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(
                "ABCXYZabcxyz0189!\"%&'()*+,-./:;<=>?_"
                    .chars()
                    .collect::<Vec<_>>(),
            ),
            1..=20,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn arb_data() -> impl Strategy<Value = Gs1Data> {
        (
            prop::option::of((0u64..10_000_000_000_000).prop_map(|n| {
                let first = format!("{n:013}");
                format!("{first}{}", check_digit(&first).unwrap())
            })),
            prop::option::of(cset82()),
            prop::option::of(
                (0u8..100, 1u8..=12, 0u8..=28).prop_map(|(yy, mm, dd)| Gs1Date { yy, mm, dd }),
            ),
            prop::option::of(cset82()),
        )
            .prop_map(|(gtin, lot, expiry, serial)| Gs1Data {
                gtin,
                lot,
                expiry,
                serial,
                sscc: None,
                other: Vec::new(),
            })
    }

    /// Encodes as a scanner would: fixed fields as they come, variable ones followed by GS
    /// unless last.
    fn encode(d: &Gs1Data, prefix: &str, order: &[usize]) -> String {
        let mut fields: Vec<(bool, String)> = Vec::new();
        for &i in order {
            match i {
                0 => fields.extend(d.gtin.iter().map(|g| (false, format!("01{g}")))),
                1 => fields.extend(d.lot.iter().map(|l| (true, format!("10{l}")))),
                2 => fields.extend(d.expiry.iter().map(|e| (false, format!("17{e}")))),
                _ => fields.extend(d.serial.iter().map(|x| (true, format!("21{x}")))),
            }
        }
        let mut out = prefix.to_owned();
        let n = fields.len();
        for (k, (variable, f)) in fields.into_iter().enumerate() {
            out += &f;
            if variable && k + 1 < n {
                out.push(GS);
            }
        }
        out
    }

    /// `n` random digits and their GS1 check digit.
    fn with_check_digit(n: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(0u8..10, n).prop_map(|ds| {
            let body: String = ds.into_iter().map(|d| char::from(b'0' + d)).collect();
            format!("{body}{}", check_digit(&body).unwrap())
        })
    }

    fn days_in_month(yy: u8, mm: u8) -> u8 {
        match mm {
            2 if yy.is_multiple_of(4) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Drops each field that the dictionary's `ex=` forbids next to an earlier one.
    fn without_exclusive_pairs(fields: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        for (ai, v) in fields {
            let mut trial: Vec<Element> = out
                .iter()
                .map(|(a, v)| Element {
                    ai: (*a).to_owned(),
                    value: v.clone(),
                    pos: 0,
                })
                .collect();
            trial.push(Element {
                ai: ai.to_owned(),
                value: v.clone(),
                pos: 0,
            });
            if check_pairs(&trial, false).is_ok() {
                out.push((ai, v));
            }
        }
        out
    }

    fn date() -> impl Strategy<Value = String> {
        (0u8..100, 1u8..=12, 0u8..=31)
            .prop_map(|(yy, mm, dd)| format!("{yy:02}{mm:02}{:02}", dd.min(days_in_month(yy, mm))))
    }

    /// One field of every AI the station must read: SSCC, GTIN, contained GTIN, lot,
    /// production, best-before and expiry dates, serial, count, order number, ship-to
    /// postcode.
    fn arb_field() -> impl Strategy<Value = (&'static str, String)> {
        prop_oneof![
            with_check_digit(17).prop_map(|v| ("00", v)),
            with_check_digit(13).prop_map(|v| ("01", v)),
            with_check_digit(13).prop_map(|v| ("02", v)),
            cset82().prop_map(|v| ("10", v)),
            date().prop_map(|v| ("11", v)),
            date().prop_map(|v| ("15", v)),
            date().prop_map(|v| ("17", v)),
            cset82().prop_map(|v| ("21", v)),
            "[0-9]{1,8}".prop_map(|v| ("37", v)),
            (cset82(), cset82())
                .prop_map(|(a, b)| ("400", format!("{a}{b}").chars().take(30).collect())),
            cset82().prop_map(|v| ("420", v)),
        ]
    }

    /// AIs of the GS1 predefined-length table: no separator needed after them.
    fn predefined_length(ai: &str) -> bool {
        matches!(&ai[..2], "00" | "01" | "02" | "11" | "15" | "17")
    }

    proptest! {
        // One in 16 round-trip cases is empty and skipped: allow for that many rejects.
        #![proptest_config(ProptestConfig {
            cases: crate::fuzz_cases(),
            max_global_rejects: crate::fuzz_cases(),
            ..ProptestConfig::default()
        })]

        #[test]
        fn every_station_ai_round_trips_with_separators_only_where_needed(
            fields in prop::collection::vec(arb_field(), 1..8),
            prefix in prop::sample::select(vec!["", "]C1", "]d2", "]Q3", "]C1\u{1d}"]),
            gs_after_fixed in any::<bool>(),
        ) {
            let mut seen = std::collections::HashSet::new();
            let fields: Vec<_> = fields.into_iter().filter(|(ai, _)| seen.insert(*ai)).collect();
            // GS1 forbids some pairs ((01) with (02) or (37)): keep the first of each.
            let fields = without_exclusive_pairs(fields);
            let mut raw = prefix.to_owned();
            let mut want = Gs1Data::default();
            for (k, (ai, v)) in fields.iter().enumerate() {
                raw += ai;
                raw += v;
                let last = k + 1 == fields.len();
                if !last && (!predefined_length(ai) || gs_after_fixed) {
                    raw.push(GS);
                }
                match *ai {
                    "00" => want.sscc = Some(v.clone()),
                    "01" => want.gtin = Some(v.clone()),
                    "10" => want.lot = Some(v.clone()),
                    "17" => want.expiry = Gs1Date::parse(v),
                    "21" => want.serial = Some(v.clone()),
                    _ => want.other.push(((*ai).to_owned(), v.clone())),
                }
            }
            prop_assert_eq!(parse_element_string(&raw), Ok(want.clone()), "{:?}", raw);
            // The bracketed human-readable form carries the same data (where no value
            // holds a bracket of its own).
            if fields.iter().all(|(_, v)| !v.contains('(')) {
                let bracketed: String =
                    fields.iter().map(|(ai, v)| format!("({ai}){v}")).collect();
                prop_assert_eq!(parse_element_string(&bracketed), Ok(want), "{:?}", bracketed);
            }
        }

        #[test]
        fn a_wrong_check_digit_is_refused_for_sscc_gtin_and_contained_gtin(
            (ai, v) in prop_oneof![
                with_check_digit(17).prop_map(|v| ("00", v)),
                with_check_digit(13).prop_map(|v| ("01", v)),
                with_check_digit(13).prop_map(|v| ("02", v)),
            ],
            bump in 1u8..10,
        ) {
            let mut bad = v.into_bytes();
            let last = bad.len() - 1;
            bad[last] = b'0' + (bad[last] - b'0' + bump) % 10;
            let bad = String::from_utf8(bad).unwrap();
            let err = parse_element_string(&format!("]C1{ai}{bad}")).unwrap_err();
            prop_assert_eq!(&err.kind, &Gs1ErrorKind::Rule(Rule::CheckDigit), "{:?}", err);
        }

        #[test]
        fn element_strings_round_trip(
            d in arb_data(),
            prefix in prop::sample::select(vec!["]C1", "]d2", "]Q3", "]C1\u{1d}"]),
            order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        ) {
            prop_assume!(d.gtin.is_some() || d.lot.is_some() || d.expiry.is_some() || d.serial.is_some());
            let raw = encode(&d, prefix, &order);
            prop_assert!(looks_like_element_string(&raw));
            prop_assert_eq!(parse_element_string(&raw), Ok(d));
        }

        #[test]
        fn any_input_parses_or_is_refused_without_panicking(raw in any::<String>()) {
            let _ = looks_like_element_string(&raw);
            if let Err(e) = parse_element_string(&raw) {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn refusals_name_the_ai_the_rule_and_the_position_in_each_language() {
    let opts = ParseOptions { requisites: false };
    let e = parse_scan("]C10104006381333931\u{1d}17251399", opts).unwrap_err();
    assert_eq!(e.code(), "gs1_date_month");
    assert_eq!(
        e.message_in("en"),
        "(17) 251399: month 13 does not exist (character 25 of the scan)"
    );
    assert_eq!(
        e.message_in("pl-PL"),
        "(17) 251399: miesi\u{105}c 13 nie istnieje (znak 25 skanu)"
    );
    assert_eq!(
        e.message_in("ro"),
        "(17) 251399: luna 13 nu exist\u{103} (caracterul 25 al scan\u{103}rii)"
    );
}

#[test]
fn every_scanner_form_reads_the_same_ais() {
    let want = vec![("01", "09506000134352"), ("10", "ABC"), ("17", "271231")];
    let opts = ParseOptions { requisites: true };
    for scan in [
        "]d2010950600013435210ABC\u{1d}17271231",
        "]Q3\u{1d}010950600013435210ABC\u{1d}17271231",
        "]J1010950600013435210ABC\u{1d}17271231",
        "(01)09506000134352(10)ABC(17)271231",
        "[01]09506000134352[10]ABC[17]271231",
        "https://id.example.com/01/09506000134352/10/ABC?17=271231",
        "]Q1HTTPS://id.example.com/01/09506000134352/10/ABC?17=271231",
    ] {
        let m = parse_scan(scan, opts).unwrap_or_else(|e| panic!("{scan:?}: {e}"));
        assert_eq!(m.ais().collect::<Vec<_>>(), want, "{scan:?}");
    }
    // A lot that holds brackets: read by (10)'s rules, not cut at the bracket.
    let m = parse_scan("(01)09506000134352(10)AB(C)1(17)271231", opts).unwrap();
    assert_eq!(m.ais().nth(1), Some(("10", "AB(C)1")));
    let e = parse_scan("]Q1HtTps://id.example.com/01/09506000134352", opts).unwrap_err();
    assert_eq!(e.code(), "gs1_not_gs1");
    let e = parse_scan("HtTps://id.example.com/01/09506000134352", opts).unwrap_err();
    assert_eq!(e.code(), "gs1_dl_scheme");
}
