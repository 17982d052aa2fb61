//! Weights as scales print them (a decimal string and a unit) and their exact conversion to
//! integer grams. No floating point: a decimal is a mantissa and a count of decimals.
//!
//! Rounding rule: the exact value in grams is computed as a fraction (1 lb = 453.59237 g and
//! 1 oz = 28.349523125 g exactly, by international definition) and rounded to the nearest whole
//! gram, halves away from zero: 0.0005 kg -> 1 g, -0.0005 kg -> -1 g, 1 lb -> 454 g,
//! 1 oz -> 28 g, 0.01 lb -> 5 g (4.5359237 g).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A unit a scale reports in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    G,
    Kg,
    Lb,
    Oz,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::G, Unit::Kg, Unit::Lb, Unit::Oz];

    /// The symbol as MT-SICS prints it (lower case).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::G => "g",
            Unit::Kg => "kg",
            Unit::Lb => "lb",
            Unit::Oz => "oz",
        }
    }

    /// Reads a unit symbol, case-insensitively ("KG", "lbs", "g").
    pub fn parse(s: &str) -> Option<Unit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "g" => Some(Unit::G),
            "kg" => Some(Unit::Kg),
            "lb" | "lbs" => Some(Unit::Lb),
            "oz" => Some(Unit::Oz),
            _ => None,
        }
    }

    /// Grams per unit as an exact fraction (numerator, denominator).
    fn grams_fraction(self) -> (i128, i128) {
        match self {
            Unit::G => (1, 1),
            Unit::Kg => (1000, 1),
            Unit::Lb => (45_359_237, 100_000),
            Unit::Oz => (28_349_523_125, 1_000_000_000),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Most digits a weight may have: more is not a weight, and it keeps the arithmetic in range.
pub const MAX_DIGITS: usize = 15;
/// Most decimals a weight may have.
pub const MAX_DECIMALS: u8 = 9;

/// A decimal number as a scale prints it: `mantissa / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeightValue {
    pub mantissa: i64,
    pub decimals: u8,
}

impl WeightValue {
    pub fn new(mantissa: i64, decimals: u8) -> Self {
        WeightValue { mantissa, decimals }
    }

    /// Parses `[+-]digits[.digits]` (leading and trailing spaces allowed). `None` for anything
    /// else, including more than [`MAX_DIGITS`] digits or [`MAX_DECIMALS`] decimals.
    pub fn parse(s: &str) -> Option<WeightValue> {
        let s = s.trim();
        let (negative, digits) = match s.as_bytes().first()? {
            b'-' => (true, s[1..].trim_start()),
            b'+' => (false, s[1..].trim_start()),
            _ => (false, s),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !all_digits(frac_part) {
            return None;
        }
        let count = int_part.len() + frac_part.len();
        if count == 0 || count > MAX_DIGITS || frac_part.len() > MAX_DECIMALS as usize {
            return None;
        }
        let mut mantissa: i64 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa * 10 + i64::from(b - b'0');
        }
        Some(WeightValue {
            mantissa: if negative { -mantissa } else { mantissa },
            decimals: frac_part.len() as u8,
        })
    }

    /// The value in whole grams, rounded half away from zero (see the module docs).
    pub fn to_grams(self, unit: Unit) -> i64 {
        let (num, den) = unit.grams_fraction();
        let den = den * 10i128.pow(u32::from(self.decimals));
        round_div(i128::from(self.mantissa) * num, den) as i64
    }

    /// One display division (the last digit's step) in grams, rounded up: 0.01 lb -> 5 g,
    /// 0.005 kg is not a division (divisions here are powers of ten), 0.001 kg -> 1 g.
    pub fn division_g(decimals: u8, unit: Unit) -> u32 {
        let (num, den) = unit.grams_fraction();
        let den = den * 10i128.pow(u32::from(decimals.min(MAX_DECIMALS)));
        ((num + den - 1) / den).clamp(1, i128::from(u32::MAX)) as u32
    }

    /// The nearest value with `decimals` decimals to `grams` (half away from zero). Simulators
    /// use it to print a weight the way a real display would.
    pub fn from_grams(grams: i64, unit: Unit, decimals: u8) -> WeightValue {
        let (num, den) = unit.grams_fraction();
        let mantissa = round_div(
            i128::from(grams) * den * 10i128.pow(u32::from(decimals)),
            num,
        );
        WeightValue {
            mantissa: mantissa as i64,
            decimals,
        }
    }
}

impl fmt::Display for WeightValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let abs = self.mantissa.unsigned_abs();
        if self.decimals == 0 {
            return write!(f, "{sign}{abs}");
        }
        let p = 10u64.pow(u32::from(self.decimals));
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / p,
            abs % p,
            width = self.decimals as usize
        )
    }
}

/// `n / d` rounded to the nearest integer, halves away from zero (`d > 0`).
fn round_div(n: i128, d: i128) -> i128 {
    let q = (n.abs() * 2 + d) / (2 * d);
    if n < 0 {
        -q
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_half_away_from_zero() {
        let cases: &[(&str, Unit, i64)] = &[
            ("1.234", Unit::Kg, 1234),
            ("0.0005", Unit::Kg, 1),
            ("0.0004", Unit::Kg, 0),
            ("-0.0005", Unit::Kg, -1),
            ("-0.0004", Unit::Kg, 0),
            ("12.5", Unit::G, 13),
            ("-12.5", Unit::G, -13),
            ("1", Unit::Lb, 454),
            ("0.01", Unit::Lb, 5),
            ("2.20", Unit::Lb, 998),
            ("1", Unit::Oz, 28),
            ("16", Unit::Oz, 454),
            ("0.5", Unit::Oz, 14),
            ("30.000", Unit::Kg, 30000),
            ("+7", Unit::G, 7),
            ("- 0.010", Unit::Kg, -10),
            ("100", Unit::Kg, 100_000),
            ("999999999999999", Unit::Kg, 999_999_999_999_999_000),
        ];
        for (text, unit, grams) in cases {
            let v = WeightValue::parse(text).unwrap_or_else(|| panic!("{text} parses"));
            assert_eq!(v.to_grams(*unit), *grams, "{text} {unit}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_weight() {
        for text in [
            "",
            " ",
            "-",
            ".",
            "1.2.3",
            "1,2",
            "kg",
            "0x10",
            "1e3",
            "--1",
            "1 2",
            "1234567890123456",
            "0.1234567890",
        ] {
            assert_eq!(WeightValue::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn formats_with_its_decimals() {
        assert_eq!(WeightValue::new(1234, 3).to_string(), "1.234");
        assert_eq!(WeightValue::new(-5, 3).to_string(), "-0.005");
        assert_eq!(WeightValue::new(42, 0).to_string(), "42");
        assert_eq!(
            WeightValue::from_grams(1000, Unit::Lb, 2).to_string(),
            "2.20"
        );
        assert_eq!(
            WeightValue::from_grams(-1234, Unit::Kg, 3).to_string(),
            "-1.234"
        );
    }

    #[test]
    fn divisions_round_up_to_whole_grams() {
        assert_eq!(WeightValue::division_g(3, Unit::Kg), 1);
        assert_eq!(WeightValue::division_g(2, Unit::Kg), 10);
        assert_eq!(WeightValue::division_g(2, Unit::Lb), 5);
        assert_eq!(WeightValue::division_g(1, Unit::Oz), 3);
        assert_eq!(WeightValue::division_g(0, Unit::G), 1);
        assert_eq!(WeightValue::division_g(4, Unit::G), 1);
    }

    #[test]
    fn unit_symbols_round_trip() {
        for u in Unit::ALL {
            assert_eq!(Unit::parse(u.symbol()), Some(u));
            assert_eq!(Unit::parse(&u.symbol().to_uppercase()), Some(u));
        }
        assert_eq!(Unit::parse("lbs"), Some(Unit::Lb));
        assert_eq!(Unit::parse("t"), None);
    }
}
