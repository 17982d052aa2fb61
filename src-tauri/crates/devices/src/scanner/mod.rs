//! Serial barcode scanners (RS-232 or USB in serial/CDC mode): the scanner sends each code and
//! a terminator (CR, LF or CR LF). [`line`] splits the byte stream into codes, pure and
//! bounded; [`SerialScanner`] reads a port and [`ScannerReader`] keeps reading across
//! unplugging and replugging.

mod error;
pub mod line;
pub mod reader;
mod serial;

pub use error::ScannerError;
pub use line::{Junk, LineDecoder};
pub use reader::{ScannerEvent, ScannerReader};
pub use serial::SerialScanner;

use crate::scale::{Parity, SerialSettings};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What ends a code on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Terminator {
    /// CR; an LF right after it is dropped too (a scanner sending CR LF to a CR setting).
    Cr,
    /// LF; a CR right before it is dropped.
    Lf,
    /// The pair CR LF; a lone CR or LF is part of the code (multi-line 2D codes).
    CrLf,
}

impl Terminator {
    pub const ALL: [Terminator; 3] = [Terminator::Cr, Terminator::Lf, Terminator::CrLf];

    pub fn name(self) -> &'static str {
        match self {
            Terminator::Cr => "cr",
            Terminator::Lf => "lf",
            Terminator::CrLf => "crlf",
        }
    }

    /// The bytes a scanner set up this way sends after a code.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Terminator::Cr => b"\r",
            Terminator::Lf => b"\n",
            Terminator::CrLf => b"\r\n",
        }
    }
}

impl fmt::Display for Terminator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Terminator::Cr => "CR",
            Terminator::Lf => "LF",
            Terminator::CrLf => "CR LF",
        })
    }
}

impl FromStr for Terminator {
    type Err = ScannerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Terminator::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                ScannerError::InvalidConfig(format!(
                    "unknown terminator \"{s}\" (use cr, lf or crlf)"
                ))
            })
    }
}

/// Everything needed to read one serial scanner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScannerConfig {
    /// A device path: `/dev/ttyACM0`, a `/dev/serial/by-id/...` link, a pty.
    pub port: String,
    pub serial: SerialSettings,
    pub terminator: Terminator,
    /// Longer lines are junk (a wrong baud rate, a stuck trigger), not codes.
    pub max_len: usize,
    /// Pause between attempts to reopen a port that is gone.
    pub reopen_interval_ms: u64,
}

/// The longest code read by default: room for large 2D codes.
pub const DEFAULT_MAX_LEN: usize = 4096;

impl ScannerConfig {
    /// 9600 8N1, CR: most scanners' factory serial settings.
    pub fn new(port: impl Into<String>) -> Self {
        ScannerConfig {
            port: port.into(),
            serial: SerialSettings::new(9600, 8, Parity::None, 1),
            terminator: Terminator::Cr,
            max_len: DEFAULT_MAX_LEN,
            reopen_interval_ms: 500,
        }
    }

    pub fn validate(&self) -> Result<(), ScannerError> {
        if self.port.trim().is_empty() {
            return Err(ScannerError::InvalidConfig("no scanner port is set".into()));
        }
        if self.max_len == 0 {
            return Err(ScannerError::InvalidConfig(
                "the longest code must be at least 1 character".into(),
            ));
        }
        self.serial
            .validate()
            .map_err(|e| ScannerError::InvalidConfig(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminators_parse_by_name() {
        for t in Terminator::ALL {
            assert_eq!(t.name().parse::<Terminator>().unwrap(), t);
            assert_eq!(serde_json::to_value(t).unwrap(), t.name());
        }
        let e = "etx".parse::<Terminator>().unwrap_err();
        assert_eq!(e.code(), "scanner_invalid_config");
        assert!(e.to_string().contains("cr, lf or crlf"), "{e}");
    }

    #[test]
    fn configs_are_checked() {
        assert!(ScannerConfig::new("/dev/ttyACM0").validate().is_ok());
        assert!(ScannerConfig::new(" ").validate().is_err());
        let mut c = ScannerConfig::new("/dev/ttyACM0");
        c.serial.baud = 0;
        assert_eq!(c.validate().unwrap_err().code(), "scanner_invalid_config");
    }
}
