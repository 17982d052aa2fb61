//! SSCC-18, the GS1 Serial Shipping Container Code that identifies one parcel or pallet:
//! built from its parts with the GS1 mod-10 check digit, or checked when read from label data.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an SSCC could not be built or accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SsccError {
    #[error("the extension digit must be 0-9, got {0}")]
    ExtensionDigit(u8),
    #[error("the GS1 company prefix must be 6 to 12 digits, got {0:?}")]
    CompanyPrefix(String),
    #[error("the serial reference must be digits filling the SSCC to 17 digits ({expected} for this company prefix), got {got:?}")]
    SerialReference { expected: usize, got: String },
    #[error("an SSCC is 18 digits, got {0:?}")]
    Format(String),
    #[error("SSCC {sscc} has check digit {got}, expected {expected}")]
    CheckDigit { sscc: String, got: u8, expected: u8 },
}

/// An SSCC-18 whose check digit is known to be right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sscc(String);

impl Sscc {
    /// Builds an SSCC from its extension digit, GS1 company prefix and serial reference
    /// (prefix and serial together are 16 digits; the serial is left-padded with zeros
    /// when shorter, as a serial counter usually is).
    pub fn new(extension_digit: u8, company_prefix: &str, serial: u64) -> Result<Self, SsccError> {
        if extension_digit > 9 {
            return Err(SsccError::ExtensionDigit(extension_digit));
        }
        if !(6..=12).contains(&company_prefix.len()) || !all_digits(company_prefix) {
            return Err(SsccError::CompanyPrefix(company_prefix.to_owned()));
        }
        let serial_len = 16 - company_prefix.len();
        let serial_text = format!("{serial:0serial_len$}");
        if serial_text.len() != serial_len {
            return Err(SsccError::SerialReference {
                expected: serial_len,
                got: serial_text,
            });
        }
        let body = format!("{extension_digit}{company_prefix}{serial_text}");
        let check = gs1_check_digit(&body).expect("17 ASCII digits");
        Ok(Self(format!("{body}{check}")))
    }

    /// Accepts an 18-digit SSCC (as printed or scanned, without the AI) after checking its check digit.
    pub fn parse(text: &str) -> Result<Self, SsccError> {
        if text.len() != 18 || !all_digits(text) {
            return Err(SsccError::Format(text.to_owned()));
        }
        let expected = gs1_check_digit(&text[..17]).expect("17 ASCII digits");
        let got = text.as_bytes()[17] - b'0';
        if got != expected {
            return Err(SsccError::CheckDigit {
                sscc: text.to_owned(),
                got,
                expected,
            });
        }
        Ok(Self(text.to_owned()))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The GS1 element string the barcode carries: AI 00 followed by the 18 digits.
    pub fn element_string(&self) -> String {
        format!("00{}", self.0)
    }

    /// The human-readable line printed under the barcode: "(00) 1 0614141 123456789 7" style,
    /// grouped as extension, the 16 digits of prefix and serial in fours, and the check digit.
    pub fn human_readable(&self) -> String {
        let d = &self.0;
        format!(
            "(00) {} {} {} {} {} {}",
            &d[0..1],
            &d[1..5],
            &d[5..9],
            &d[9..13],
            &d[13..17],
            &d[17..18]
        )
    }
}

impl fmt::Display for Sscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Sscc {
    type Error = SsccError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sscc> for String {
    fn from(value: Sscc) -> Self {
        value.0
    }
}

/// The GS1 mod-10 check digit of a digit string (GTIN, GLN, SSCC without its check digit):
/// weights 3 and 1 alternate from the rightmost digit. `None` for an empty or non-digit input.
pub fn gs1_check_digit(digits: &str) -> Option<u8> {
    if digits.is_empty() || !all_digits(digits) {
        return None;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    Some(((10 - sum % 10) % 10) as u8)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_published_gs1_examples() {
        // GS1's SSCC example (00) 1 0614141 123456789 7, and two GTIN-13s printed on retail goods.
        let cases = [
            ("10614141123456789", 7),
            ("590123412345", 7),
            ("400638133393", 1),
            ("0", 0),
            ("1", 7),
        ];
        for (digits, check) in cases {
            assert_eq!(gs1_check_digit(digits), Some(check), "{digits}");
        }
        assert_eq!(gs1_check_digit(""), None);
        assert_eq!(gs1_check_digit("12a4"), None);
    }

    #[test]
    fn builds_the_gs1_example_from_its_parts() {
        let sscc = Sscc::new(1, "0614141", 123_456_789).unwrap();
        assert_eq!(sscc.as_str(), "106141411234567897");
        assert_eq!(sscc.element_string(), "00106141411234567897");
        assert_eq!(sscc.human_readable(), "(00) 1 0614 1411 2345 6789 7");
    }

    #[test]
    fn pads_short_serials_and_refuses_long_ones() {
        let sscc = Sscc::new(3, "5901234", 42).unwrap();
        assert_eq!(&sscc.as_str()[..17], "35901234000000042");
        assert_eq!(Sscc::parse(sscc.as_str()), Ok(sscc));
        assert!(matches!(
            Sscc::new(0, "590123412345", 123_456),
            Err(SsccError::SerialReference { expected: 4, .. })
        ));
        assert_eq!(
            Sscc::new(10, "5901234", 1),
            Err(SsccError::ExtensionDigit(10))
        );
        assert!(matches!(
            Sscc::new(0, "59012", 1),
            Err(SsccError::CompanyPrefix(_))
        ));
        assert!(matches!(
            Sscc::new(0, "59O1234", 1),
            Err(SsccError::CompanyPrefix(_))
        ));
    }

    #[test]
    fn parse_refuses_a_wrong_check_digit_and_bad_format() {
        assert_eq!(
            Sscc::parse("106141411234567898"),
            Err(SsccError::CheckDigit {
                sscc: "106141411234567898".into(),
                got: 8,
                expected: 7
            })
        );
        assert!(matches!(
            Sscc::parse("10614141123456789"),
            Err(SsccError::Format(_))
        ));
        assert!(matches!(
            Sscc::parse("10614141123456789X"),
            Err(SsccError::Format(_))
        ));
    }

    #[test]
    fn every_single_digit_error_is_caught() {
        let good = "106141411234567897";
        for pos in 0..18 {
            for d in b'0'..=b'9' {
                let mut bytes = good.as_bytes().to_vec();
                if bytes[pos] == d {
                    continue;
                }
                bytes[pos] = d;
                let text = String::from_utf8(bytes).unwrap();
                assert!(Sscc::parse(&text).is_err(), "{text} accepted");
            }
        }
    }

    #[test]
    fn serde_checks_on_the_way_in() {
        let sscc: Sscc = serde_json::from_str("\"106141411234567897\"").unwrap();
        assert_eq!(
            serde_json::to_string(&sscc).unwrap(),
            "\"106141411234567897\""
        );
        assert!(serde_json::from_str::<Sscc>("\"106141411234567890\"").is_err());
    }
}
