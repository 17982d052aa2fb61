//! What a scan means at the station. A scanner delivers a string; before anything acts on it the
//! station decides what kind of code it is, so a slot label scanned at the trolley prompt gets a
//! precise refusal instead of a lookup of a trolley that does not exist.

use crate::trolley::{SlotCode, TrolleyCode};

/// Scans longer than this are a stuck key or a scanner in a wrong mode, not a barcode.
pub const MAX_SCAN_LEN: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scan {
    Trolley(TrolleyCode),
    Slot(SlotCode),
    /// Anything else: an item barcode, a box, an action code. Kept verbatim (only trimmed of
    /// the line ending), since GS1 data carries meaningful separators.
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("The scan was empty. Scan the barcode again.")]
    Empty,
    #[error(
        "The scan was {0} characters long, too long for a barcode. Check the scanner's settings."
    )]
    TooLong(usize),
    #[error(
        "The scan holds control characters other than GS separators. Check the scanner's settings."
    )]
    ControlCharacters,
}

/// Classifies one scan. Trailing CR/LF/TAB (scanner suffixes) and surrounding spaces go; ASCII
/// 29 (GS, the GS1 field separator) is kept; any other control character is refused.
pub fn classify_scan(raw: &str) -> Result<Scan, ScanError> {
    let s = raw.trim_matches(|c: char| c == '\r' || c == '\n' || c == '\t' || c == ' ');
    if s.is_empty() {
        return Err(ScanError::Empty);
    }
    let len = s.chars().count();
    if len > MAX_SCAN_LEN {
        return Err(ScanError::TooLong(len));
    }
    if s.chars().any(|c| c.is_control() && c != '\u{1d}') {
        return Err(ScanError::ControlCharacters);
    }
    if let Ok(t) = s.parse::<TrolleyCode>() {
        return Ok(Scan::Trolley(t));
    }
    if let Ok(slot) = s.parse::<SlotCode>() {
        return Ok(Scan::Slot(slot));
    }
    Ok(Scan::Other(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_are_classified() {
        assert_eq!(
            classify_scan("TR-0007\r\n"),
            Ok(Scan::Trolley("TR-0007".parse().unwrap()))
        );
        assert_eq!(
            classify_scan("tr-0007-03"),
            Ok(Scan::Slot("TR-0007-03".parse().unwrap()))
        );
        assert_eq!(
            classify_scan("4006381333931"),
            Ok(Scan::Other("4006381333931".into()))
        );
        assert_eq!(
            classify_scan("]C1010400638133393110ABC\u{1d}17261231\n"),
            Ok(Scan::Other("]C1010400638133393110ABC\u{1d}17261231".into()))
        );
    }

    #[test]
    fn bad_scans_are_refused_with_a_reason() {
        assert_eq!(classify_scan(" \r\n"), Err(ScanError::Empty));
        assert_eq!(
            classify_scan(&"9".repeat(300)),
            Err(ScanError::TooLong(300))
        );
        assert_eq!(
            classify_scan("TR-00\u{7}07"),
            Err(ScanError::ControlCharacters)
        );
    }
}
