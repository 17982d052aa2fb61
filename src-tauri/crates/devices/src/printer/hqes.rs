//! Zebra host query, error and warning status (`~HQES`), pure. The ZPL Programming Guide
//! ("~HQ Host Query", Error Flags and Warning Flags tables) has the printer answer with one
//! `STX ... ETX` block of text lines:
//!
//! ```text
//! <STX><CR><LF>PRINTER STATUS<CR><LF>   ERRORS:         1 00000000 00000005<CR><LF>
//!    WARNINGS:       0 00000000 00000000<CR><LF><ETX>
//! ```
//!
//! Each line gives a flag (1: something is set), then two groups of 8 hex nibbles; nibbles
//! count from the right of the second group. Errors, nibble 1: 1 media out, 2 ribbon out, 4 head
//! open, 8 cutter fault; nibble 2: 1 printhead over temperature, 2 motor over temperature, 4 bad
//! printhead element, 8 printhead detection error; nibble 3: 1 invalid firmware configuration,
//! 2 printhead thermistor open. Warnings, nibble 1: 1 media needs calibrating, 2 clean the
//! printhead, 4 replace the printhead. Unlike `~HS`, the printer answers it whatever its state.

use crate::printer::Condition;

/// The request, on the job's port or line.
pub const ERRORS_AND_WARNINGS_REQUEST: &[u8] = b"~HQES";

/// Error bits of the second group (nibble 1 is bits 0-3).
pub mod error_bits {
    pub const MEDIA_OUT: u32 = 0x1;
    pub const RIBBON_OUT: u32 = 0x2;
    pub const HEAD_OPEN: u32 = 0x4;
    pub const CUTTER_FAULT: u32 = 0x8;
    pub const PRINTHEAD_OVER_TEMPERATURE: u32 = 0x10;
    pub const MOTOR_OVER_TEMPERATURE: u32 = 0x20;
    pub const BAD_PRINTHEAD_ELEMENT: u32 = 0x40;
    pub const PRINTHEAD_DETECTION_ERROR: u32 = 0x80;
    pub const INVALID_FIRMWARE_CONFIG: u32 = 0x100;
    pub const PRINTHEAD_THERMISTOR_OPEN: u32 = 0x200;
}

/// Warning bits of the second group.
pub mod warning_bits {
    pub const NEED_TO_CALIBRATE_MEDIA: u32 = 0x1;
    pub const CLEAN_PRINTHEAD: u32 = 0x2;
    pub const REPLACE_PRINTHEAD: u32 = 0x4;
}

/// What `~HQES` says: the second (low) group of each line. The first group holds flags of
/// kiosk printers Packbench does not drive; it is parsed, not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErrorsAndWarnings {
    pub errors: u32,
    pub warnings: u32,
}

/// Why a reply is not an `~HQES` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HqesError(pub String);

impl std::fmt::Display for HqesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads `ERRORS: f gggggggg gggggggg` (label already matched): the flag and the low group.
fn flags_line(rest: &str, label: &str) -> Result<u32, HqesError> {
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let [flag, high, low] = fields.as_slice() else {
        return Err(HqesError(format!(
            "the {label} line has {} fields, expected 3",
            fields.len()
        )));
    };
    let hex = |g: &str| {
        if g.len() == 8 {
            u32::from_str_radix(g, 16).ok()
        } else {
            None
        }
    };
    let (Some(_), Some(low)) = (hex(high), hex(low)) else {
        return Err(HqesError(format!(
            "the {label} line's groups \"{high} {low}\" are not 8 hex digits each"
        )));
    };
    match *flag {
        "0" | "1" => Ok(low),
        other => Err(HqesError(format!(
            "the {label} line's flag is \"{other}\", expected 0 or 1"
        ))),
    }
}

impl ErrorsAndWarnings {
    /// Parses the text of one `STX ... ETX` block (without STX and ETX).
    pub fn parse(block: &[u8]) -> Result<ErrorsAndWarnings, HqesError> {
        let text = std::str::from_utf8(block)
            .map_err(|_| HqesError("the ~HQES answer is not text".into()))?;
        let mut errors = None;
        let mut warnings = None;
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("ERRORS:") {
                errors = Some(flags_line(rest, "ERRORS")?);
            } else if let Some(rest) = line.strip_prefix("WARNINGS:") {
                warnings = Some(flags_line(rest, "WARNINGS")?);
            }
        }
        match (errors, warnings) {
            (Some(errors), Some(warnings)) => Ok(ErrorsAndWarnings { errors, warnings }),
            (None, _) => Err(HqesError("the ~HQES answer has no ERRORS line".into())),
            (_, None) => Err(HqesError("the ~HQES answer has no WARNINGS line".into())),
        }
    }

    /// Whether a block is an `~HQES` answer rather than a `~HS` line.
    pub fn looks_like(block: &[u8]) -> bool {
        block.windows(7).any(|w| w == b"ERRORS:")
    }

    /// The answer a printer in this state sends, framed.
    pub fn encode(&self) -> Vec<u8> {
        let flag = |v: u32| u8::from(v != 0);
        format!(
            "\x02\r\nPRINTER STATUS\r\n   ERRORS:         {} 00000000 {:08X}\r\n   WARNINGS:       {} 00000000 {:08X}\r\n\x03",
            flag(self.errors),
            self.errors,
            flag(self.warnings),
            self.warnings
        )
        .into_bytes()
    }

    /// The conditions these flags report, worst first.
    pub fn conditions(&self) -> Vec<Condition> {
        use error_bits::*;
        use warning_bits::*;
        let e = |bit: u32| self.errors & bit != 0;
        let w = |bit: u32| self.warnings & bit != 0;
        [
            (e(HEAD_OPEN), Condition::HeadOpen),
            (e(MEDIA_OUT), Condition::PaperOut),
            (e(RIBBON_OUT), Condition::RibbonOut),
            (e(CUTTER_FAULT), Condition::CutterFault),
            (e(PRINTHEAD_OVER_TEMPERATURE), Condition::HeadTooHot),
            (e(MOTOR_OVER_TEMPERATURE), Condition::MotorTooHot),
            (e(BAD_PRINTHEAD_ELEMENT), Condition::BadPrintheadElement),
            (
                e(PRINTHEAD_DETECTION_ERROR),
                Condition::PrintheadNotDetected,
            ),
            (
                e(INVALID_FIRMWARE_CONFIG) || e(PRINTHEAD_THERMISTOR_OPEN),
                Condition::HardwareFault,
            ),
            (w(NEED_TO_CALIBRATE_MEDIA), Condition::NeedsCalibration),
            (w(CLEAN_PRINTHEAD), Condition::CleanPrinthead),
            (w(REPLACE_PRINTHEAD), Condition::ReplacePrinthead),
        ]
        .into_iter()
        .filter_map(|(on, c)| on.then_some(c))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }

    #[test]
    fn the_guides_example_reads_as_media_out_and_head_open() {
        // ZPL Programming Guide, ~HQ, Error Flags table: "Media Out ... 00000001",
        // "Head Open ... 00000004"; 5 is both.
        let e = ErrorsAndWarnings::parse(&block(
            "\r\nPRINTER STATUS\r\n   ERRORS:         1 00000000 00000005\r\n   WARNINGS:       0 00000000 00000000\r\n",
        ))
        .unwrap();
        assert_eq!(e.errors, 5);
        assert_eq!(
            e.conditions(),
            vec![Condition::HeadOpen, Condition::PaperOut]
        );
    }

    #[test]
    fn every_error_and_warning_bit_has_its_condition() {
        use error_bits::*;
        use warning_bits::*;
        let cases = [
            (MEDIA_OUT, 0, Condition::PaperOut),
            (RIBBON_OUT, 0, Condition::RibbonOut),
            (HEAD_OPEN, 0, Condition::HeadOpen),
            (CUTTER_FAULT, 0, Condition::CutterFault),
            (PRINTHEAD_OVER_TEMPERATURE, 0, Condition::HeadTooHot),
            (MOTOR_OVER_TEMPERATURE, 0, Condition::MotorTooHot),
            (BAD_PRINTHEAD_ELEMENT, 0, Condition::BadPrintheadElement),
            (
                PRINTHEAD_DETECTION_ERROR,
                0,
                Condition::PrintheadNotDetected,
            ),
            (INVALID_FIRMWARE_CONFIG, 0, Condition::HardwareFault),
            (PRINTHEAD_THERMISTOR_OPEN, 0, Condition::HardwareFault),
            (0, NEED_TO_CALIBRATE_MEDIA, Condition::NeedsCalibration),
            (0, CLEAN_PRINTHEAD, Condition::CleanPrinthead),
            (0, REPLACE_PRINTHEAD, Condition::ReplacePrinthead),
        ];
        for (errors, warnings, want) in cases {
            let s = ErrorsAndWarnings { errors, warnings };
            let framed = s.encode();
            let inner = &framed[1..framed.len() - 1];
            let back = ErrorsAndWarnings::parse(inner).unwrap();
            assert_eq!(back, s);
            assert_eq!(back.conditions(), vec![want]);
        }
        assert!(ErrorsAndWarnings::default().conditions().is_empty());
    }

    #[test]
    fn malformed_answers_say_what_is_wrong() {
        let bad = [
            ("PRINTER STATUS\r\n", "no ERRORS line"),
            ("ERRORS: 1 00000000 00000001\r\n", "no WARNINGS line"),
            (
                "ERRORS: 1 00000000 0001\r\nWARNINGS: 0 00000000 00000000",
                "not 8 hex digits",
            ),
            (
                "ERRORS: 2 00000000 00000001\r\nWARNINGS: 0 00000000 00000000",
                "expected 0 or 1",
            ),
            (
                "ERRORS: 1 00000000\r\nWARNINGS: 0 00000000 00000000",
                "2 fields",
            ),
        ];
        for (text, want) in bad {
            let e = ErrorsAndWarnings::parse(text.as_bytes()).unwrap_err();
            assert!(e.0.contains(want), "{text:?}: {e}");
        }
    }
}
