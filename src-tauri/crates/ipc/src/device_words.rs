//! The device fault codes a packer can meet: the printer's state codes (`paper_out`,
//! `head_open`, `not_answering`...) and the scale's (`scale_disconnected`, `scale_overload`...),
//! the devices crate's, unchanged. Each has a `fault-<code>` message in every language
//! (`Words::device_problem`) saying what the device has and what to do; printer lines end in
//! the reprint scan where reprinting is the next step.

/// Every device fault code a packer can meet, for tests and the README's table.
pub const CODES: &[&str] = &[
    "paper_out",
    "ribbon_out",
    "head_open",
    "paused",
    "cutter_fault",
    "head_too_hot",
    "motor_too_hot",
    "media_jam",
    "bad_printhead_element",
    "printhead_not_detected",
    "hardware_fault",
    "corrupt_memory",
    "offline",
    "not_answering",
    "unreachable",
    "scale_disconnected",
    "scale_port_unavailable",
    "scale_no_answer",
    "scale_overload",
    "scale_underload",
    "scale_not_settled",
    "scale_needs_zero",
    "scale_busy",
    "scale_ram_error",
    "scale_eeprom_error",
    "scale_rom_error",
    "scale_calibration_error",
    "scale_initial_zero_error",
    "scale_fault",
    "scale_transmission_error",
    "scale_unreadable",
    "scale_not_understood",
    "scale_cannot_execute",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::REPRINT;
    use crate::i18n::{message_id, Lang};

    #[test]
    fn device_words_cover_every_code() {
        for lang in Lang::ALL {
            let w = lang.words();
            for code in CODES {
                let line = w
                    .device_problem(code)
                    .unwrap_or_else(|| panic!("{}: no {}", lang.tag(), message_id("fault", code)));
                // Where a reprint is the next step, the scan is named as the station reads it.
                if line.contains("PB-REPRINT") {
                    assert!(line.ends_with(REPRINT), "{} {code}", lang.tag());
                }
                assert!(
                    line.contains(" — "),
                    "{} {code}: what, then what to do",
                    lang.tag()
                );
            }
        }
    }
}
