//! GS1 identifiers: check digits for GTINs and SSCCs (the mod-10 rule of the GS1 General
//! Specifications, section 7.9), and element strings (AI-tagged data such as GTIN, lot, expiry
//! and serial, as GS1-128, GS1 DataMatrix and GS1 QR codes carry them).

use serde::{Deserialize, Serialize};

/// The GS1 mod-10 check digit for the given digits (all but the check digit): weights 3 and 1
/// alternate from the rightmost digit. `None` if anything is not an ASCII digit.
pub fn check_digit(digits: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let d = u32::from(c - b'0');
        sum += if i % 2 == 0 { 3 * d } else { d };
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether `code` is a GTIN-8, -12, -13 or -14 with a correct check digit.
pub fn is_valid_gtin(code: &str) -> bool {
    // ASCII digits first: only then is splitting off the last byte on a character boundary.
    matches!(code.len(), 8 | 12 | 13 | 14)
        && code.bytes().all(|b| b.is_ascii_digit())
        && code
            .split_at(code.len() - 1)
            .1
            .parse::<u8>()
            .ok()
            .zip(check_digit(&code[..code.len() - 1]))
            .is_some_and(|(given, want)| given == want)
}

/// Whether `code` is an 18-digit SSCC with a correct check digit.
pub fn is_valid_sscc(code: &str) -> bool {
    code.len() == 18
        && code.bytes().all(|b| b.is_ascii_digit())
        && check_digit(&code[..17]) == Some(code.as_bytes()[17] - b'0')
}

/// Completes 12 digits into a GTIN-13.
pub fn gtin13(first12: &str) -> Option<String> {
    if first12.len() != 12 {
        return None;
    }
    check_digit(first12).map(|c| format!("{first12}{c}"))
}

/// The group separator (ASCII 29) a scanner transmits for FNC1 between variable-length fields.
pub const GS: char = '\u{1d}';

/// AIM symbology identifiers that announce GS1 data: GS1-128, GS1 DataMatrix, GS1 QR Code and
/// GS1 DataBar.
const GS1_AIM_PREFIXES: [&str; 4] = ["]C1", "]d2", "]Q3", "]e0"];

/// A date field (YYMMDD) of an element string. GS1 allows day 00, meaning the month's last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Gs1Date {
    pub yy: u8,
    pub mm: u8,
    pub dd: u8,
}

impl Gs1Date {
    /// The full year, by the GS1 rule (General Specifications 7.12): a two-digit year lies
    /// within 49 years before and 50 years after `reference_year` (the current year).
    pub fn year(&self, reference_year: u16) -> u16 {
        let century = reference_year / 100 * 100;
        let diff = i32::from(self.yy) - i32::from(reference_year % 100);
        let century = if diff >= 51 {
            century.saturating_sub(100)
        } else if diff <= -50 {
            century + 100
        } else {
            century
        };
        century + u16::from(self.yy)
    }
}

impl std::fmt::Display for Gs1Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}{:02}{:02}", self.yy, self.mm, self.dd)
    }
}

/// What one GS1 element string carried. The station uses GTIN, lot, expiry and serial; any
/// other recognised AI is kept verbatim, in scan order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gs1Data {
    /// AI (01), 14 digits with a valid check digit.
    pub gtin: Option<String>,
    /// AI (10), batch or lot number.
    pub lot: Option<String>,
    /// AI (17), expiration date.
    pub expiry: Option<Gs1Date>,
    /// AI (21), serial number.
    pub serial: Option<String>,
    /// AI (00), the 18-digit SSCC of a logistic unit (a parcel, a pallet), check digit valid.
    #[serde(default)]
    pub sscc: Option<String>,
    pub other: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Gs1Error {
    #[error("The GS1 code is empty.")]
    Empty,
    #[error("The GS1 code holds an application identifier the station does not know at \"{0}\".")]
    UnknownAi(String),
    #[error("GS1 field ({ai}) should be {want} characters long, but is {got}.")]
    WrongLength { ai: String, want: usize, got: usize },
    #[error("GS1 field ({ai}) is longer than the {max} characters allowed.")]
    TooLong { ai: String, max: usize },
    #[error("GS1 field ({ai}) is empty.")]
    EmptyValue { ai: String },
    #[error("GS1 field ({ai}) must hold digits only.")]
    NotNumeric { ai: String },
    #[error("GS1 field ({ai}) holds a character GS1 does not allow.")]
    BadCharacter { ai: String },
    #[error("The GTIN {0} in the GS1 code has a wrong check digit.")]
    BadCheckDigit(String),
    #[error("The SSCC {0} in the GS1 code has a wrong check digit.")]
    BadSsccCheckDigit(String),
    #[error("GS1 field ({ai}) holds {value}, which is not a date (YYMMDD).")]
    BadDate { ai: String, value: String },
    #[error("GS1 field ({0}) appears twice in one code.")]
    DuplicateAi(String),
    #[error("The bracketed GS1 text is malformed near \"{0}\".")]
    Malformed(String),
}

#[derive(Clone, Copy)]
enum Len {
    Fixed(usize),
    UpTo(usize),
}

#[derive(Clone, Copy)]
struct AiSpec {
    len: Len,
    numeric: bool,
    date: bool,
}

/// The AIs the station recognises, by their digits. Fixed-length AIs of the GS1 predefined-
/// length table need no separator after them; the others end at a GS or at the end.
fn ai_spec(ai: &str) -> Option<AiSpec> {
    let fixed_n = |n| AiSpec {
        len: Len::Fixed(n),
        numeric: true,
        date: false,
    };
    let var = |n, numeric| AiSpec {
        len: Len::UpTo(n),
        numeric,
        date: false,
    };
    let date = AiSpec {
        len: Len::Fixed(6),
        numeric: true,
        date: true,
    };
    Some(match ai {
        "00" => fixed_n(18),
        "01" | "02" => fixed_n(14),
        "10" | "21" | "22" | "420" => var(20, false),
        "11" | "12" | "13" | "15" | "16" | "17" => date,
        "20" => fixed_n(2),
        "30" | "37" => var(8, true),
        "240" | "241" | "250" | "251" | "400" | "401" => var(30, false),
        "410" | "411" | "412" | "413" | "414" | "415" => fixed_n(13),
        // Digits first: only then is slicing at byte 2 on a character boundary.
        _ if ai.len() == 4
            && ai.bytes().all(|b| b.is_ascii_digit())
            && matches!(&ai[..2], "31" | "32" | "33" | "34" | "35" | "36") =>
        {
            fixed_n(6)
        }
        _ => return None,
    })
}

/// The AI at the start of `s`: the shortest prefix (2 to 4 digits) the station recognises.
fn ai_at(s: &str) -> Option<(&str, AiSpec)> {
    (2..=4)
        .filter(|&n| s.len() >= n && s.is_char_boundary(n))
        .find_map(|n| ai_spec(&s[..n]).map(|spec| (&s[..n], spec)))
}

/// GS1 character set 82 (General Specifications figure 7.11-1), the characters allowed in
/// alphanumeric fields.
fn is_cset82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

fn days_in_month(yy: u8, mm: u8) -> u8 {
    match mm {
        2 if yy.is_multiple_of(4) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_date(ai: &str, v: &str) -> Result<Gs1Date, Gs1Error> {
    let bad = || Gs1Error::BadDate {
        ai: ai.to_owned(),
        value: v.to_owned(),
    };
    let n = |i: usize| v[i..i + 2].parse::<u8>().map_err(|_| bad());
    let (yy, mm, dd) = (n(0)?, n(2)?, n(4)?);
    if !(1..=12).contains(&mm) || dd > days_in_month(yy, mm) {
        return Err(bad());
    }
    Ok(Gs1Date { yy, mm, dd })
}

fn check_value(ai: &str, spec: AiSpec, v: &str) -> Result<(), Gs1Error> {
    let ai_s = || ai.to_owned();
    let got = v.chars().count();
    match spec.len {
        Len::Fixed(want) if got != want => {
            return Err(Gs1Error::WrongLength {
                ai: ai_s(),
                want,
                got,
            })
        }
        Len::UpTo(_) if got == 0 => return Err(Gs1Error::EmptyValue { ai: ai_s() }),
        Len::UpTo(max) if got > max => return Err(Gs1Error::TooLong { ai: ai_s(), max }),
        _ => {}
    }
    if spec.numeric && !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Gs1Error::NotNumeric { ai: ai_s() });
    }
    if !v.chars().all(is_cset82) {
        return Err(Gs1Error::BadCharacter { ai: ai_s() });
    }
    Ok(())
}

fn store(out: &mut Gs1Data, ai: &str, spec: AiSpec, v: &str) -> Result<(), Gs1Error> {
    check_value(ai, spec, v)?;
    let dup = || Gs1Error::DuplicateAi(ai.to_owned());
    let put = |slot: &mut Option<String>| {
        if slot.is_some() {
            return Err(dup());
        }
        *slot = Some(v.to_owned());
        Ok(())
    };
    match ai {
        "00" => {
            if !is_valid_sscc(v) {
                return Err(Gs1Error::BadSsccCheckDigit(v.to_owned()));
            }
            put(&mut out.sscc)
        }
        "01" => {
            if !is_valid_gtin(v) {
                return Err(Gs1Error::BadCheckDigit(v.to_owned()));
            }
            put(&mut out.gtin)
        }
        "10" => put(&mut out.lot),
        "21" => put(&mut out.serial),
        "17" => {
            if out.expiry.is_some() {
                return Err(dup());
            }
            out.expiry = Some(parse_date(ai, v)?);
            Ok(())
        }
        _ => {
            if spec.date {
                parse_date(ai, v)?;
            }
            // (02), the GTIN of the trade items a logistic unit contains.
            if ai == "02" && !is_valid_gtin(v) {
                return Err(Gs1Error::BadCheckDigit(v.to_owned()));
            }
            if out.other.iter().any(|(a, _)| a == ai) {
                return Err(dup());
            }
            out.other.push((ai.to_owned(), v.to_owned()));
            Ok(())
        }
    }
}

/// Whether a scan is meant as a GS1 element string rather than a plain barcode: it carries a
/// GS1 AIM prefix, a GS separator, the bracketed human-readable form, or starts with a GTIN
/// (01) followed by more data. A bare EAN-13 or a client code never qualifies.
pub fn looks_like_element_string(scan: &str) -> bool {
    GS1_AIM_PREFIXES.iter().any(|p| scan.starts_with(p))
        || scan.contains(GS)
        || (scan.starts_with('(') && scan[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (scan.len() > 16
            && scan.starts_with("01")
            && scan.as_bytes()[..16].iter().all(u8::is_ascii_digit))
}

/// Parses a GS1 element string as a scanner delivers it: an optional AIM symbology prefix
/// (`]C1`, `]d2`, `]Q3`, `]e0`), then AI-value pairs, variable-length values ended by GS
/// (ASCII 29, the scanner's rendering of FNC1) or the end. The bracketed human-readable form,
/// `(01)04006381333931(10)ABC`, is accepted too, as some scanners are set up to send it.
pub fn parse_element_string(scan: &str) -> Result<Gs1Data, Gs1Error> {
    let body = GS1_AIM_PREFIXES
        .iter()
        .find_map(|p| scan.strip_prefix(p))
        .unwrap_or(scan);
    // A leading FNC1 is part of the symbology, not of the data.
    let body = body.trim_start_matches(GS);
    if body.is_empty() {
        return Err(Gs1Error::Empty);
    }
    let mut out = Gs1Data::default();
    if body.starts_with('(') {
        parse_bracketed(body, &mut out)?;
        return Ok(out);
    }
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(GS) {
            rest = r;
            continue;
        }
        let (ai, spec) = ai_at(rest).ok_or_else(|| Gs1Error::UnknownAi(clip(rest)))?;
        let after = &rest[ai.len()..];
        let (value, next) = match spec.len {
            Len::Fixed(n) => {
                let end = after.char_indices().nth(n).map_or(after.len(), |(i, _)| i);
                let end = after[..end].find(GS).unwrap_or(end);
                (&after[..end], &after[end..])
            }
            Len::UpTo(_) => {
                let end = after.find(GS).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        store(&mut out, ai, spec, value)?;
        rest = next;
    }
    Ok(out)
}

fn parse_bracketed(body: &str, out: &mut Gs1Data) -> Result<(), Gs1Error> {
    let mut rest = body;
    while !rest.is_empty() {
        let r = rest
            .strip_prefix('(')
            .ok_or_else(|| Gs1Error::Malformed(clip(rest)))?;
        let close = r.find(')').ok_or_else(|| Gs1Error::Malformed(clip(rest)))?;
        let ai = &r[..close];
        let spec = ai_spec(ai).ok_or_else(|| Gs1Error::UnknownAi(ai.to_owned()))?;
        let after = &r[close + 1..];
        let end = after.find('(').unwrap_or(after.len());
        store(out, ai, spec, after[..end].trim_end_matches(GS))?;
        rest = &after[end..];
    }
    Ok(())
}

fn clip(s: &str) -> String {
    s.chars().take(12).collect()
}

/// A GTIN-8/12/13/14 widened to 14 digits, so that a UPC-A, an EAN-13 and the (01) of a GS1
/// code for the same item compare equal. `None` for anything that is not a valid GTIN.
pub fn gtin14(code: &str) -> Option<String> {
    is_valid_gtin(code).then(|| format!("{code:0>14}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            parse_element_string("]C19912345"),
            Err(Gs1Error::UnknownAi("9912345".into()))
        );
    }

    #[test]
    fn malformed_element_strings_are_refused_with_the_reason() {
        use Gs1Error::*;
        let cases: Vec<(&str, Gs1Error)> = vec![
            ("]C1", Empty),
            (
                "]C1010400638133393",
                WrongLength {
                    ai: "01".into(),
                    want: 14,
                    got: 13,
                },
            ),
            (
                "]C10104006381333932",
                BadCheckDigit("04006381333932".into()),
            ),
            (
                "]C117261331",
                BadDate {
                    ai: "17".into(),
                    value: "261331".into(),
                },
            ),
            (
                "]C117250230",
                BadDate {
                    ai: "17".into(),
                    value: "250230".into(),
                },
            ),
            ("]C110\u{1d}17261231", EmptyValue { ai: "10".into() }),
            (
                "]C110ABCDEFGHIJKLMNOPQRSTU",
                TooLong {
                    ai: "10".into(),
                    max: 20,
                },
            ),
            ("]C110AB#C", BadCharacter { ai: "10".into() }),
            ("]C11726123117261231", DuplicateAi("17".into())),
            ("]C101040063813339AB", NotNumeric { ai: "01".into() }),
            ("(01)04006381333931(10", Malformed("(10".into())),
            // Found by fuzzing: a multi-byte character where an AI could be.
            ("!\u{c98}", UnknownAi("!\u{c98}".into())),
            ("(!\u{c98})1", UnknownAi("!\u{c98}".into())),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_element_string(raw), Err(want), "{raw:?}");
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

        fn date() -> impl Strategy<Value = String> {
            (0u8..100, 1u8..=12, 0u8..=31).prop_map(|(yy, mm, dd)| {
                format!("{yy:02}{mm:02}{:02}", dd.min(days_in_month(yy, mm)))
            })
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
                        "17" => want.expiry = Some(parse_date("17", v).unwrap()),
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
                prop_assert!(matches!(err, Gs1Error::BadCheckDigit(_) | Gs1Error::BadSsccCheckDigit(_)), "{:?}", err);
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
}
