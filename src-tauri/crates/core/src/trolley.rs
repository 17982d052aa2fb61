//! Trolley and slot barcodes: `TR-0042` names a trolley, `TR-0042-07` its slot 7.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Most trolleys in the field have 8 to 24 slots; a slot number above this is a misread.
pub const MAX_SLOTS: u8 = 99;

/// A validated trolley code, always in canonical upper-case form (`TR-0042`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrolleyCode(String);

/// A validated slot code: its trolley plus a slot number from 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlotCode {
    pub trolley: TrolleyCode,
    pub slot: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrolleyCodeError {
    #[error("\"{0}\" is not a trolley code (expected TR- and 4 digits, like TR-0042)")]
    NotATrolley(String),
    #[error("\"{0}\" is not a slot code (expected a trolley code, a dash and a slot number, like TR-0042-07)")]
    NotASlot(String),
}

impl TrolleyCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of slot `n` of this trolley, as printed on the slot's label.
    pub fn slot(&self, n: u8) -> SlotCode {
        SlotCode {
            trolley: self.clone(),
            slot: n,
        }
    }
}

fn is_trolley(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7 && b.starts_with(b"TR-") && b[3..].iter().all(u8::is_ascii_digit)
}

impl FromStr for TrolleyCode {
    type Err = TrolleyCodeError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let s = raw.trim().to_ascii_uppercase();
        if is_trolley(&s) {
            Ok(TrolleyCode(s))
        } else {
            Err(TrolleyCodeError::NotATrolley(raw.trim().to_owned()))
        }
    }
}

impl TryFrom<String> for TrolleyCode {
    type Error = TrolleyCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<TrolleyCode> for String {
    fn from(c: TrolleyCode) -> String {
        c.0
    }
}

impl fmt::Display for TrolleyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for SlotCode {
    type Err = TrolleyCodeError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let s = raw.trim().to_ascii_uppercase();
        let err = || TrolleyCodeError::NotASlot(raw.trim().to_owned());
        let (trolley, slot) = s.rsplit_once('-').ok_or_else(err)?;
        if !is_trolley(trolley) || slot.is_empty() || slot.len() > 2 {
            return Err(err());
        }
        let slot: u8 = slot.parse().map_err(|_| err())?;
        if slot == 0 || slot > MAX_SLOTS {
            return Err(err());
        }
        Ok(SlotCode {
            trolley: TrolleyCode(trolley.to_owned()),
            slot,
        })
    }
}

impl fmt::Display for SlotCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.trolley, self.slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trolley_codes_are_canonicalised() {
        for (raw, want) in [
            ("TR-0042", "TR-0042"),
            ("tr-0042", "TR-0042"),
            ("  TR-0001\r\n", "TR-0001"),
        ] {
            assert_eq!(
                raw.parse::<TrolleyCode>().unwrap().as_str(),
                want,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn malformed_trolley_codes_are_refused() {
        for raw in [
            "",
            "TR-",
            "TR-42",
            "TR-00042",
            "TX-0042",
            "TR-00A2",
            "TR-0042-07",
            "TR–0042",
        ] {
            let err = raw.parse::<TrolleyCode>().unwrap_err();
            assert!(matches!(err, TrolleyCodeError::NotATrolley(_)), "{raw:?}");
        }
    }

    #[test]
    fn slot_codes_parse_and_print_round_trip() {
        let s: SlotCode = "tr-0042-7".parse().unwrap();
        assert_eq!(s.trolley.as_str(), "TR-0042");
        assert_eq!(s.slot, 7);
        assert_eq!(s.to_string(), "TR-0042-07");
        assert_eq!(s.to_string().parse::<SlotCode>().unwrap(), s);
        assert_eq!(s.trolley.slot(7), s);
    }

    #[test]
    fn malformed_slot_codes_are_refused() {
        for raw in [
            "TR-0042",
            "TR-0042-",
            "TR-0042-00",
            "TR-0042-100",
            "TR-0042-x1",
            "TR-42-01",
        ] {
            assert!(raw.parse::<SlotCode>().is_err(), "{raw:?}");
        }
    }

    #[test]
    fn trolley_code_deserialisation_validates() {
        let ok: TrolleyCode = serde_json::from_str("\"tr-0003\"").unwrap();
        assert_eq!(ok.as_str(), "TR-0003");
        assert!(serde_json::from_str::<TrolleyCode>("\"nope\"").is_err());
    }
}
