//! The GS1 syntax tests ("linters") the dictionary names: character sets, check digits, dates
//! and times, ISO code lists, and the structured values (coupons, IBAN, piece of total...).
//! Each returns the rule broken and where in the component it was found. They follow GS1's
//! reference implementations (`gs1-syntax-engine/src/c-lib/syntax/lint_*.c`); the code lists
//! are read out of those files' tables (`assets/gs1/vendor/lint/`), not re-typed.

use super::code_lists::{bit_set, code_lists, iso3166, iso3166alpha2, num3};
use super::dictionary::Cset;

/// A linter named in the dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linter {
    Csum,
    CsumAlpha,
    GcpPos1,
    GcpPos2,
    Yymmd0,
    Yymmdd,
    Yyyymmd0,
    Yyyymmdd,
    Hhmi,
    Hh,
    Mi,
    Ss,
    Iso3166,
    Iso3166999,
    Iso3166Alpha2,
    Iso4217,
    Iso5218,
    Iban,
    Pcenc,
    YesNo,
    Hyphen,
    Latitude,
    Longitude,
    ImporterIdx,
    PackageType,
    MediaType,
    PosInSeqSlash,
    PieceOfTotal,
    NonZero,
    Zero,
    Winding,
    NoZeroPrefix,
    HasNonDigit,
    CouponCode,
    CouponPosOffer,
}

impl Linter {
    pub fn from_name(name: &str) -> Option<Linter> {
        use Linter::*;
        Some(match name {
            "csum" => Csum,
            "csumalpha" => CsumAlpha,
            "gcppos1" => GcpPos1,
            "gcppos2" => GcpPos2,
            "yymmd0" => Yymmd0,
            "yymmdd" => Yymmdd,
            "yyyymmd0" => Yyyymmd0,
            "yyyymmdd" => Yyyymmdd,
            "hhmi" => Hhmi,
            "hh" => Hh,
            "mi" => Mi,
            "ss" => Ss,
            "iso3166" => Iso3166,
            "iso3166999" => Iso3166999,
            "iso3166alpha2" => Iso3166Alpha2,
            "iso4217" => Iso4217,
            "iso5218" => Iso5218,
            "iban" => Iban,
            "pcenc" => Pcenc,
            "yesno" => YesNo,
            "hyphen" => Hyphen,
            "latitude" => Latitude,
            "longitude" => Longitude,
            "importeridx" => ImporterIdx,
            "packagetype" => PackageType,
            "mediatype" => MediaType,
            "posinseqslash" => PosInSeqSlash,
            "pieceoftotal" => PieceOfTotal,
            "nonzero" => NonZero,
            "zero" => Zero,
            "winding" => Winding,
            "nozeroprefix" => NoZeroPrefix,
            "hasnondigit" => HasNonDigit,
            "couponcode" => CouponCode,
            "couponposoffer" => CouponPosOffer,
            _ => return None,
        })
    }
}

/// The rule a value broke. `Display`-free on purpose: messages are worded per language in
/// `error.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    NotDigit,
    NotCset82,
    NotCset39,
    NotCset64,
    Cset64Padding,
    CheckDigit,
    CheckPair,
    TooShortForCheckPair,
    CompanyPrefix,
    Month(u8),
    Day { day: u8, month: u8 },
    Hour(u8),
    Minute(u8),
    Second(u8),
    Country,
    Currency,
    CodeNotAllowed,
    Iban,
    PercentEscape,
    Coupon,
    PieceOfTotal,
    ZeroNotAllowed,
    MustBeZero,
    ZeroPrefix,
    NeedsNonDigit,
    OutOfRange,
}

/// A rule broken at `pos` (byte offset, all values being ASCII by then) within a component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub rule: Rule,
    pub pos: usize,
}

fn fault(rule: Rule, pos: usize) -> Result<(), Fault> {
    Err(Fault { rule, pos })
}

/// The characters of GS1 CSET 82 (General Specifications figure 7.11-1).
pub fn is_cset82(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(&b)
}

fn is_cset39(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase() || b"#-/".contains(&b)
}

pub(super) fn is_cset64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// The character-set test of a component type.
pub fn check_cset(cset: Cset, data: &str) -> Result<(), Fault> {
    let bytes = data.as_bytes();
    let (ok, rule): (fn(u8) -> bool, Rule) = match cset {
        Cset::N => (|b: u8| b.is_ascii_digit(), Rule::NotDigit),
        Cset::X => (is_cset82, Rule::NotCset82),
        Cset::Y => (is_cset39, Rule::NotCset39),
        Cset::Z => {
            let pads = bytes.iter().rev().take_while(|&&b| b == b'=').count();
            if pads > 2 || (pads > 0 && !bytes.len().is_multiple_of(3)) {
                return fault(Rule::Cset64Padding, bytes.len() - pads);
            }
            return match bytes[..bytes.len() - pads]
                .iter()
                .position(|&b| !is_cset64(b))
            {
                Some(p) => fault(Rule::NotCset64, p),
                None => Ok(()),
            };
        }
    };
    match bytes.iter().position(|&b| !ok(b)) {
        Some(p) => fault(rule, p),
        None => Ok(()),
    }
}

fn digits(data: &str) -> Result<(), Fault> {
    check_cset(Cset::N, data)
}

/// The GS1 mod-10 check digit over all of `data` but its last digit.
fn csum(data: &str) -> Result<(), Fault> {
    digits(data)?;
    let (body, last) = data.split_at(data.len().saturating_sub(1));
    match super::check_digit(body) {
        Some(c) if last.as_bytes().first() == Some(&(b'0' + c)) => Ok(()),
        _ => fault(Rule::CheckDigit, data.len().saturating_sub(1)),
    }
}

/// The check character pair of GMN/MUDI (General Specifications 7.9.5).
fn csumalpha(data: &str) -> Result<(), Fault> {
    const CSET32: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    const CSET82: &[u8] =
        b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    let b = data.as_bytes();
    if b.len() < 2 {
        return fault(Rule::TooShortForCheckPair, 0);
    }
    let n = b.len() - 2;
    // GS1's reference covers the 97 primes of the longest GMN (25 characters) and more.
    if n > 97 {
        return fault(Rule::CheckPair, 0);
    }
    if n == 0 {
        return if b == b"22" {
            Ok(())
        } else {
            fault(Rule::CheckPair, 0)
        };
    }
    let primes = primes(n);
    let mut sum = 0u32;
    for (pos, &c) in b[..n].iter().enumerate() {
        let Some(w) = CSET82.iter().position(|&x| x == c) else {
            return fault(Rule::NotCset82, pos);
        };
        sum += w as u32 * primes[n - 1 - pos];
    }
    let sum = (sum % 1021) as usize;
    if b[n] == CSET32[sum >> 5] && b[n + 1] == CSET32[sum & 31] {
        Ok(())
    } else {
        fault(Rule::CheckPair, n)
    }
}

/// The first `n` primes.
fn primes(n: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(n);
    let mut k = 2u32;
    while out.len() < n {
        if out
            .iter()
            .take_while(|&&p| p * p <= k)
            .all(|&p| !k.is_multiple_of(p))
        {
            out.push(k);
        }
        k += 1;
    }
    out
}

fn gcppos(data: &str, from: usize) -> Result<(), Fault> {
    let b = &data.as_bytes()[from.min(data.len())..];
    if b.len() < 4 {
        return fault(Rule::CompanyPrefix, from);
    }
    match b[..4].iter().position(|c| !c.is_ascii_digit()) {
        Some(p) => fault(Rule::CompanyPrefix, from + p),
        None => Ok(()),
    }
}

/// Exactly `n` digits (the dictionary's component lengths see to it; the linters' own tests
/// try others).
fn length(data: &str, n: usize) -> Result<(), Fault> {
    digits(data)?;
    if data.len() != n {
        return fault(Rule::OutOfRange, 0);
    }
    Ok(())
}

fn two(data: &[u8], at: usize) -> u8 {
    (data[at] - b'0') * 10 + (data[at + 1] - b'0')
}

fn days_in_month(year: u32, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// YYYYMMDD (`at` = offset of MM); day 00 allowed if `day_zero`.
fn date(data: &str, year: u32, at: usize, day_zero: bool) -> Result<(), Fault> {
    let b = data.as_bytes();
    let (mm, dd) = (two(b, at), two(b, at + 2));
    if !(1..=12).contains(&mm) {
        return fault(Rule::Month(mm), at);
    }
    if (dd == 0 && !day_zero) || dd > days_in_month(year, mm) {
        return fault(Rule::Day { day: dd, month: mm }, at + 2);
    }
    Ok(())
}

/// YYMMDD. The century does not matter but for 2000 (a leap year) and 2100 (not), and
/// two-digit years resolve within 2000-2049 while the station runs (GS1 GenSpecs 7.12).
fn yymmdd(data: &str, day_zero: bool) -> Result<(), Fault> {
    length(data, 6)?;
    let year = 2000 + u32::from(two(data.as_bytes(), 0));
    date(data, year, 2, day_zero)
}

fn yyyymmdd(data: &str, day_zero: bool) -> Result<(), Fault> {
    length(data, 8)?;
    let b = data.as_bytes();
    let year = u32::from(two(b, 0)) * 100 + u32::from(two(b, 2));
    date(data, year, 4, day_zero)
}

fn bounded(data: &str, max: u8, rule: fn(u8) -> Rule) -> Result<(), Fault> {
    length(data, 2)?;
    let v = two(data.as_bytes(), 0);
    if v > max {
        return fault(rule(v), 0);
    }
    Ok(())
}

fn hhmi(data: &str) -> Result<(), Fault> {
    length(data, 4)?;
    bounded(&data[..2], 23, Rule::Hour)?;
    bounded(&data[2..], 59, Rule::Minute).map_err(|f| Fault {
        pos: f.pos + 2,
        ..f
    })
}

fn iban(data: &str) -> Result<(), Fault> {
    let b = data.as_bytes();
    if b.len() < 4 {
        return fault(Rule::Iban, 0);
    }
    if !iso3166alpha2(&data[..2]) {
        return fault(Rule::Country, 0);
    }
    if b.len() > 34 || b.len() <= 10 {
        return fault(Rule::Iban, 0);
    }
    let mut sum = 0u32;
    for i in 0..b.len() {
        let pos = (i + 4) % b.len();
        let c = b[pos];
        let w = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return fault(Rule::NotCset82, pos),
        };
        sum = (sum * if w < 10 { 10 } else { 100 } + w) % 97;
    }
    if sum == 1 {
        Ok(())
    } else {
        fault(Rule::Iban, 2)
    }
}

fn pcenc(data: &str) -> Result<(), Fault> {
    let b = data.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() {
                return fault(Rule::PercentEscape, i);
            }
            if !b[i + 1].is_ascii_hexdigit() || !b[i + 2].is_ascii_hexdigit() {
                return fault(Rule::PercentEscape, i);
            }
            i += 2;
        }
        i += 1;
    }
    Ok(())
}

fn posinseqslash(data: &str) -> Result<(), Fault> {
    let bad = || fault(Rule::OutOfRange, 0);
    let Some((p, e)) = data.split_once('/') else {
        return bad();
    };
    let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !num(p) || !num(e) {
        return bad();
    }
    if p.starts_with('0') {
        return fault(Rule::ZeroPrefix, 0);
    }
    if e.starts_with('0') {
        return fault(Rule::ZeroPrefix, p.len() + 1);
    }
    if p.len() > e.len() || (p.len() == e.len() && p > e) {
        return bad();
    }
    Ok(())
}

fn pieceoftotal(data: &str) -> Result<(), Fault> {
    digits(data)?;
    let half = data.len() / 2;
    if data.is_empty() || !data.len().is_multiple_of(2) {
        return fault(Rule::PieceOfTotal, 0);
    }
    let (p, t) = data.split_at(half);
    if p.bytes().all(|b| b == b'0') {
        return fault(Rule::PieceOfTotal, 0);
    }
    if t.bytes().all(|b| b == b'0') || p > t {
        return fault(Rule::PieceOfTotal, half);
    }
    Ok(())
}

impl Linter {
    /// Applies the linter to one component's data (already of the right length and
    /// character set).
    pub fn check(self, data: &str) -> Result<(), Fault> {
        use Linter::*;
        let b = data.as_bytes();
        match self {
            Csum => csum(data),
            CsumAlpha => csumalpha(data),
            GcpPos1 => gcppos(data, 0),
            GcpPos2 => gcppos(data, 1),
            Yymmd0 => yymmdd(data, true),
            Yymmdd => yymmdd(data, false),
            Yyyymmd0 => yyyymmdd(data, true),
            Yyyymmdd => yyyymmdd(data, false),
            Hhmi => hhmi(data),
            Hh => bounded(data, 23, Rule::Hour),
            Mi => bounded(data, 59, Rule::Minute),
            Ss => bounded(data, 59, Rule::Second),
            Iso3166 if iso3166(data) => Ok(()),
            Iso3166999 if data == "999" || iso3166(data) => Ok(()),
            Iso3166 | Iso3166999 => fault(Rule::Country, 0),
            Iso3166Alpha2 if iso3166alpha2(data) => Ok(()),
            Iso3166Alpha2 => fault(Rule::Country, 0),
            Iso4217 if num3(data).is_some_and(|v| bit_set(&code_lists().iso4217, 64, v)) => Ok(()),
            Iso4217 => fault(Rule::Currency, 0),
            Iso5218 if matches!(b, [b'0' | b'1' | b'2' | b'9']) => Ok(()),
            YesNo if matches!(b, [b'0' | b'1']) => Ok(()),
            Winding if matches!(b, [b'0' | b'1' | b'9']) => Ok(()),
            Iso5218 | YesNo | Winding => fault(Rule::CodeNotAllowed, 0),
            Iban => iban(data),
            Pcenc => pcenc(data),
            Hyphen => match b.iter().position(|&c| c != b'-') {
                Some(p) => fault(Rule::CodeNotAllowed, p),
                None if b.is_empty() => fault(Rule::CodeNotAllowed, 0),
                None => Ok(()),
            },
            Latitude | Longitude => {
                digits(data)?;
                let max = if self == Latitude {
                    1_800_000_000
                } else {
                    3_600_000_000
                };
                match data.parse::<u64>() {
                    Ok(v) if b.len() == 10 && v <= max => Ok(()),
                    _ => fault(Rule::OutOfRange, 0),
                }
            }
            ImporterIdx if matches!(b, [c] if is_cset64(*c)) => Ok(()),
            ImporterIdx => fault(Rule::CodeNotAllowed, 0),
            PackageType if code_lists().packagetypes.binary_search(&data).is_ok() => Ok(()),
            PackageType => fault(Rule::CodeNotAllowed, 0),
            MediaType => {
                let ok = b.len() == 2
                    && b.iter().all(u8::is_ascii_digit)
                    && bit_set(&code_lists().mediatype, 8, usize::from(two(b, 0)));
                if ok {
                    Ok(())
                } else {
                    fault(Rule::CodeNotAllowed, 0)
                }
            }
            PosInSeqSlash => posinseqslash(data),
            PieceOfTotal => pieceoftotal(data),
            NonZero if b.iter().all(|&c| c == b'0') => fault(Rule::ZeroNotAllowed, 0),
            NonZero => digits(data),
            Zero if !b.is_empty() && b.iter().all(|&c| c == b'0') => Ok(()),
            Zero => fault(Rule::MustBeZero, 0),
            NoZeroPrefix => {
                digits(data)?;
                if b.first() == Some(&b'0') {
                    return fault(Rule::ZeroPrefix, 0);
                }
                Ok(())
            }
            HasNonDigit if b.iter().all(u8::is_ascii_digit) => fault(Rule::NeedsNonDigit, 0),
            HasNonDigit => Ok(()),
            CouponCode => super::coupon::coupon_code(data),
            CouponPosOffer => super::coupon::coupon_pos_offer(data),
        }
    }
}
