//! Every form in which a scanner hands over GS1 data: AIM symbology identifiers (`]C1` GS1-128,
//! `]e0` DataBar, `]d2` DataMatrix, `]Q3` QR, `]J1` DotCode; `]E0`/`]E4` EAN/UPC, optionally
//! with a `|]e0` composite), a leading FNC1 and GS separators, the bracketed human-readable
//! form, and GS1 Digital Link URIs in plain QR/DataMatrix/DotCode (`]Q1`, `]d1`, `]J0`).

use super::digital_link::{has_dl_scheme, looks_like_uri, parse_digital_link};
use super::element::{check_pairs, parse_bracketed, parse_raw, Element, GS};
use super::error::{Gs1Error, Gs1ErrorKind as K};
use super::linters::Rule;

/// How the scan carried its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanForm {
    /// AIs run together with GS separators (GS1-128, DataBar, GS1 DataMatrix/QR/DotCode).
    ElementString,
    /// `(01)...(10)...` or `[01]...[10]...`.
    Bracketed,
    DigitalLink,
    /// An EAN-13/UPC-A/EAN-8 symbol: its GTIN as (01), plus a composite's AIs if any.
    EanUpc,
}

/// A scan read as GS1 data: its AIs in scan order, values as encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gs1Message {
    /// The AIM symbology identifier, if the scanner sent one.
    pub symbology: Option<String>,
    pub form: ScanForm,
    pub elements: Vec<Element>,
}

impl Gs1Message {
    /// `(AI, value)` pairs in scan order.
    pub fn ais(&self) -> impl Iterator<Item = (&str, &str)> {
        self.elements
            .iter()
            .map(|e| (e.ai.as_str(), e.value.as_str()))
    }
}

/// Which rules between AIs apply to a single scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// Check the associations the dictionary requires (`req=`) within this one scan. GS1
    /// evaluates them "over the combined data received from all GS1 carriers marking a
    /// physical item", so a caller that has the item's other codes checks them itself.
    pub requisites: bool,
}

/// Reads raw scanner bytes (the CLI's input): text or a `gs1_not_text` refusal.
pub fn parse_scan_bytes(raw: &[u8], opts: ParseOptions) -> Result<Gs1Message, Gs1Error> {
    match std::str::from_utf8(raw) {
        Ok(s) => parse_scan(s, opts),
        Err(e) => {
            let pos = String::from_utf8_lossy(&raw[..e.valid_up_to()])
                .chars()
                .count();
            Err(Gs1Error::new(K::NotText, pos))
        }
    }
}

/// Reads one scan, whatever its form; positions in errors count characters.
pub fn parse_scan(scan: &str, opts: ParseOptions) -> Result<Gs1Message, Gs1Error> {
    parse_form(scan, opts).map_err(|mut e| {
        let byte = e.pos.min(scan.len());
        let byte = (0..=byte)
            .rev()
            .find(|&b| scan.is_char_boundary(b))
            .unwrap_or(0);
        e.pos = scan[..byte].chars().count();
        e
    })
}

/// AIM symbology characters of barcodes that carry no GS1 data in the modifier used.
const OTHER_SYMBOLOGIES: &str = "ACdEeFGHIJLMOPQRSz";

fn parse_form(scan: &str, opts: ParseOptions) -> Result<Gs1Message, Gs1Error> {
    if scan.is_empty() {
        return Err(Gs1Error::new(K::Empty, 0));
    }
    let (symbology, body, base) = match scan.as_bytes() {
        [b']', s, m, ..] if s.is_ascii_alphabetic() && m.is_ascii_alphanumeric() => {
            (Some(&scan[..3]), &scan[3..], 3)
        }
        [b']', ..] => {
            let id: String = scan.chars().take(3).collect();
            return Err(Gs1Error::new(K::UnknownSymbology(id), 0));
        }
        _ => (None, scan, 0),
    };
    let message = |form, elements| Gs1Message {
        symbology: symbology.map(str::to_owned),
        form,
        elements,
    };
    let (form, elements) = match symbology {
        None => unmarked(body, base)?,
        Some("]C1" | "]e0" | "]d2" | "]Q3" | "]J1") => {
            let (lead, b) = strip_fnc1(body);
            if b.is_empty() {
                return Err(Gs1Error::new(K::Empty, scan.len()));
            }
            if b.starts_with('(') {
                (
                    ScanForm::Bracketed,
                    parse_bracketed(b, base + lead, '(', ')')?,
                )
            } else {
                (ScanForm::ElementString, parse_raw(b, base + lead)?)
            }
        }
        Some(id @ ("]E0" | "]E4")) => (ScanForm::EanUpc, ean_upc(id, body, base)?),
        // Plain text with a mixed-case scheme is plain text, as GS1's scan-data rules say.
        Some("]Q1" | "]d1" | "]J0") if has_dl_scheme(body) => {
            (ScanForm::DigitalLink, parse_digital_link(body, base)?)
        }
        Some(id) if OTHER_SYMBOLOGIES.contains(&id[1..2]) => {
            return Err(Gs1Error::new(K::NotGs1, 0));
        }
        Some(id) => return Err(Gs1Error::new(K::UnknownSymbology(id.to_owned()), 0)),
    };
    check_pairs(&elements, opts.requisites)?;
    Ok(message(form, elements))
}

/// Leading FNC1s (GS) belong to the symbology, not to the data.
fn strip_fnc1(body: &str) -> (usize, &str) {
    let b = body.trim_start_matches(GS);
    (body.len() - b.len(), b)
}

/// A scan without a symbology identifier: a Digital Link, the bracketed form, or the raw form.
fn unmarked(body: &str, base: usize) -> Result<(ScanForm, Vec<Element>), Gs1Error> {
    let (lead, b) = strip_fnc1(body);
    let base = base + lead;
    if b.is_empty() {
        return Err(Gs1Error::new(K::Empty, base));
    }
    Ok(if looks_like_uri(b) {
        (ScanForm::DigitalLink, parse_digital_link(b, base)?)
    } else if b.starts_with('(') {
        (ScanForm::Bracketed, parse_bracketed(b, base, '(', ')')?)
    } else if b.starts_with('[') {
        (ScanForm::Bracketed, parse_bracketed(b, base, '[', ']')?)
    } else {
        (ScanForm::ElementString, parse_raw(b, base)?)
    })
}

/// EAN-13/UPC-A (`]E0`, 13 digits) or EAN-8 (`]E4`, 8 digits) with a valid check digit, as
/// (01); a 2D composite follows after `|]e0`.
fn ean_upc(id: &str, body: &str, base: usize) -> Result<Vec<Element>, Gs1Error> {
    let (code, composite) = match body.split_once('|') {
        Some((c, rest)) => (c, Some(rest)),
        None => (body, None),
    };
    let want = if id == "]E4" { 8 } else { 13 };
    let err = |kind, at: usize| Gs1Error::at_ai(kind, "01", code, base + at);
    if code.is_empty() {
        return Err(Gs1Error::new(K::Empty, base));
    }
    if let Some(at) = code.bytes().position(|b| !b.is_ascii_digit()) {
        return Err(err(K::Rule(Rule::NotDigit), at));
    }
    if code.len() < want {
        return Err(err(K::TooShort { min: want }, code.len()));
    }
    if code.len() > want {
        return Err(err(K::TooLong { max: want }, want));
    }
    let Some(gtin) = super::gtin14(code) else {
        return Err(err(K::Rule(Rule::CheckDigit), want - 1));
    };
    let mut out = vec![Element {
        ai: "01".to_owned(),
        value: gtin,
        pos: base,
    }];
    if let Some(c) = composite {
        let at = base + code.len() + 1;
        let Some(cc) = c.strip_prefix("]e0") else {
            return Err(Gs1Error::new(K::NotGs1, at));
        };
        let (lead, cc) = strip_fnc1(cc);
        out.extend(parse_raw(cc, at + 3 + lead)?);
    }
    Ok(out)
}
