//! GS1 identifiers and codes: check digits for GTINs and SSCCs (the mod-10 rule of the GS1
//! General Specifications, section 7.9), and every AI of GS1's Syntax Dictionary in every form
//! a scanner sends (element strings, the bracketed form, GS1 Digital Link URIs, EAN/UPC).
//! The station's own view of a code ([`Gs1Data`]: GTIN, lot, expiry, serial, SSCC, the rest in
//! scan order) is built from the full parse ([`Gs1Message`]).

mod code_lists;
mod coupon;
pub mod dictionary;
pub mod digital_link;
pub mod element;
pub mod error;
pub mod forms;
pub mod linters;

use serde::{Deserialize, Serialize};

pub use dictionary::{dictionary, Dictionary};
pub use element::{check_pairs, Element, GS};
pub use error::{DlProblem, Gs1Error, Gs1ErrorKind};
pub use forms::{parse_scan, parse_scan_bytes, Gs1Message, ParseOptions, ScanForm};

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

/// AIM symbology identifiers that announce GS1 data: GS1-128, GS1 DataMatrix, GS1 QR Code,
/// GS1 DataBar, GS1 DotCode, and EAN/UPC (whose GTIN the parser reads as (01)).
const GS1_AIM_PREFIXES: [&str; 7] = ["]C1", "]d2", "]Q3", "]e0", "]J1", "]E0", "]E4"];

/// A date field (YYMMDD) of an element string. GS1 allows day 00, meaning the month's last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Gs1Date {
    pub yy: u8,
    pub mm: u8,
    pub dd: u8,
}

impl Gs1Date {
    /// From six digits YYMMDD (already checked by the dictionary's date linter).
    pub fn parse(v: &str) -> Option<Gs1Date> {
        let b = v.as_bytes();
        if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
        Some(Gs1Date {
            yy: n(0),
            mm: n(2),
            dd: n(4),
        })
    }

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
    /// Every other AI (company-internal (91)-(99) among them), in scan order.
    pub other: Vec<(String, String)>,
}

impl Gs1Data {
    /// The station's fields out of a full parse. A repeated AI (same value) counts once.
    pub fn from_message(m: &Gs1Message) -> Gs1Data {
        let mut d = Gs1Data::default();
        for (ai, v) in m.ais() {
            let slot = match ai {
                "00" => &mut d.sscc,
                "01" => &mut d.gtin,
                "10" => &mut d.lot,
                "21" => &mut d.serial,
                "17" => {
                    d.expiry = d.expiry.or_else(|| Gs1Date::parse(v));
                    continue;
                }
                _ => {
                    if !d.other.iter().any(|(a, _)| a == ai) {
                        d.other.push((ai.to_owned(), v.to_owned()));
                    }
                    continue;
                }
            };
            slot.get_or_insert_with(|| v.to_owned());
        }
        d
    }
}

/// Whether a scan is meant as GS1 data rather than a plain barcode: it carries a GS1 AIM
/// prefix, a GS separator, the bracketed human-readable form, a web address (a GS1 Digital
/// Link), or starts with a GTIN (01) followed by more data. A bare EAN-13 or a client code
/// never qualifies.
pub fn looks_like_element_string(scan: &str) -> bool {
    let (aim, body) = crate::wedge::split_aim(scan);
    GS1_AIM_PREFIXES.iter().any(|p| scan.starts_with(p))
        || (matches!(aim, Some("]Q1" | "]d1" | "]J0")) && digital_link::looks_like_uri(body))
        || digital_link::looks_like_uri(scan)
        || scan.contains(GS)
        || (scan.starts_with('(') && scan[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (scan.len() > 16
            && scan.starts_with("01")
            && scan.as_bytes()[..16].iter().all(u8::is_ascii_digit))
}

/// Parses a scan for the pack flow: any form [`parse_scan`] reads, every rule of the
/// dictionary applied but the associations an AI requires (`req=`), which the flow checks
/// over all the codes of the unit ([`check_requisites`]).
pub fn parse_element_string(scan: &str) -> Result<Gs1Data, Gs1Error> {
    parse_scan(scan, ParseOptions { requisites: false }).map(|m| Gs1Data::from_message(&m))
}

/// The associations the dictionary requires (`req=`), checked over all the AIs known of one
/// item (its scans together).
pub fn check_requisites(elements: &[Element]) -> Result<(), Gs1Error> {
    check_pairs(elements, true)
}

/// A GTIN-8/12/13/14 widened to 14 digits, so that a UPC-A, an EAN-13 and the (01) of a GS1
/// code for the same item compare equal. `None` for anything that is not a valid GTIN.
pub fn gtin14(code: &str) -> Option<String> {
    is_valid_gtin(code).then(|| format!("{code:0>14}"))
}

#[cfg(test)]
mod dictionary_props;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;
