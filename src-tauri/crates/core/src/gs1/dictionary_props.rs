//! Property tests over the whole dictionary: valid values for any AI, built component by
//! component from the dictionary's own specification, round-trip through the raw and
//! bracketed forms; any bytes get an answer.

use super::*;
use crate::gs1::dictionary::{dictionary, AiEntry, Component, Cset};
use crate::gs1::element::check_value;
use crate::gs1::linters::Linter;
use proptest::prelude::*;

const CSET82: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const CSET39: &[u8] = b"#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const CSET64: &[u8] = b"-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/// A value for one component from `seed` bytes: random characters of its set and
/// length, then the linters that constrain more than the set are satisfied by
/// construction where simple (check digits, dates, times, codes); the rest are
/// filtered by the full check afterwards.
fn component_value(c: &Component, seed: &[u8]) -> String {
    let set = match c.cset {
        Cset::N => &b"0123456789"[..],
        Cset::X => CSET82,
        Cset::Y => CSET39,
        Cset::Z => CSET64,
    };
    let len = c.min + usize::from(seed[0]) % (c.max - c.min + 1);
    let mut v: Vec<u8> = (0..len)
        .map(|i| set[usize::from(seed[1 + i % (seed.len() - 1)]) * (i + 1) % set.len()])
        .collect();
    let digit = |k: usize| b'0' + (seed[k % seed.len()] % 10);
    for l in &c.linters {
        match l {
            Linter::Csum => {
                let body = String::from_utf8(v[..len - 1].to_vec()).unwrap();
                v[len - 1] = b'0' + check_digit(&body).unwrap();
            }
            Linter::Yymmdd | Linter::Yymmd0 | Linter::Yyyymmdd | Linter::Yyyymmd0 => {
                let at = len - 4;
                v[at..].copy_from_slice(
                    format!("{:02}{:02}", 1 + seed[2] % 12, 1 + seed[3] % 28).as_bytes(),
                );
            }
            Linter::Hhmi => {
                v.copy_from_slice(format!("{:02}{:02}", seed[2] % 24, seed[3] % 60).as_bytes())
            }
            Linter::Hh => v.copy_from_slice(format!("{:02}", seed[2] % 24).as_bytes()),
            Linter::Mi | Linter::Ss => v.copy_from_slice(format!("{:02}", seed[3] % 60).as_bytes()),
            Linter::Iso3166 | Linter::Iso3166999 => v.copy_from_slice(b"616"),
            Linter::Iso4217 => v.copy_from_slice(b"985"),
            Linter::Iso3166Alpha2 => v.copy_from_slice(b"RO"),
            Linter::YesNo | Linter::Winding | Linter::Iso5218 => v[0] = b'1',
            Linter::Zero => v[0] = b'0',
            Linter::NonZero | Linter::NoZeroPrefix => v[0] = b'1' + seed[4 % seed.len()] % 9,
            Linter::Hyphen => v.iter_mut().for_each(|b| *b = b'-'),
            Linter::GcpPos1 => (0..4.min(len)).for_each(|i| v[i] = digit(i)),
            Linter::GcpPos2 => (1..5.min(len)).for_each(|i| v[i] = digit(i)),
            _ => {}
        }
    }
    String::from_utf8(v).unwrap()
}

fn value_for(e: &AiEntry, seed: &[u8]) -> Option<String> {
    let mut v = String::new();
    for (k, c) in e.components.iter().enumerate() {
        if c.optional && seed[k % seed.len()].is_multiple_of(2) {
            break;
        }
        v += &component_value(c, &seed[k % 4..]);
    }
    check_value(e, &v, 0).is_ok().then_some(v)
}

/// Up to eight AIs of the dictionary with valid values and no exclusive pair.
fn ai_list() -> impl Strategy<Value = Vec<(String, String)>> {
    let n = dictionary().entries.len();
    prop::collection::vec((0..n, prop::collection::vec(any::<u8>(), 8..16)), 1..8).prop_map(
        |picks| {
            let mut out: Vec<Element> = Vec::new();
            for (i, seed) in picks {
                let e = &dictionary().entries[i];
                let Some(value) = value_for(e, &seed) else {
                    continue;
                };
                if out.iter().any(|o| o.ai == e.ai) {
                    continue;
                }
                out.push(Element {
                    ai: e.ai.to_owned(),
                    value,
                    pos: 0,
                });
                if check_pairs(&out, false).is_err() {
                    out.pop();
                }
            }
            out.into_iter().map(|e| (e.ai, e.value)).collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::fuzz_cases(),
        max_global_rejects: crate::fuzz_cases(),
        ..ProptestConfig::default()
    })]

    /// Any valid AI list -> element string (GS only where the dictionary needs one) ->
    /// parse -> the same list; and the same through the bracketed form.
    #[test]
    fn any_valid_ai_list_round_trips(list in ai_list(), aim in prop::sample::select(vec!["]C1", "]d2", "]Q3", "]e0", "]J1", ""])) {
        prop_assume!(!list.is_empty());
        let mut raw = aim.to_owned();
        for (k, (ai, v)) in list.iter().enumerate() {
            raw += ai;
            raw += v;
            let needs_gs = !dictionary().get(ai).unwrap().predefined_length;
            if needs_gs && k + 1 < list.len() {
                raw.push(GS);
            }
        }
        let got: Vec<(String, String)> = parse_scan(&raw, ParseOptions { requisites: false })
            .map_err(|e| TestCaseError::fail(format!("{raw:?}: {e}")))?
            .ais()
            .map(|(a, v)| (a.to_owned(), v.to_owned()))
            .collect();
        prop_assert_eq!(&got, &list, "{:?}", raw);

        let bracketed: String = list.iter().map(|(ai, v)| format!("({ai}){}", v.replace('(', "\\("))).collect();
        let got: Vec<(String, String)> = parse_scan(&bracketed, ParseOptions { requisites: false })
            .map_err(|e| TestCaseError::fail(format!("{bracketed:?}: {e}")))?
            .ais()
            .map(|(a, v)| (a.to_owned(), v.to_owned()))
            .collect();
        prop_assert_eq!(&got, &list, "{:?}", bracketed);
    }

    /// Any bytes get an answer (the AIs, or a refusal with a code and a message in each
    /// language), never a panic.
    #[test]
    fn any_bytes_get_an_answer(raw in prop::collection::vec(any::<u8>(), 0..120), aim in prop::sample::select(vec!["", "]C1", "]d2", "]Q1", "]E0", "(", "https://a/01/"])) {
        let mut bytes = aim.as_bytes().to_vec();
        bytes.extend(raw);
        for requisites in [false, true] {
            if let Err(e) = parse_scan_bytes(&bytes, ParseOptions { requisites }) {
                prop_assert!(e.code().starts_with("gs1_"));
                for lang in ["en", "pl", "ro"] {
                    prop_assert!(!e.message_in(lang).is_empty());
                }
            }
        }
    }
}
