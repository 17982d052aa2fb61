//! English words for a device's problem codes, as stations' heartbeats report them (the devices
//! crate's codes, unchanged), for the alert `message` a station sends with its heartbeat: the
//! text the backend logs and posts to the webhook, and the desk's fallback. The desk itself
//! names faults in the supervisor's language (`desk-fault-<code>` in `assets/i18n`).

/// A short description of a device problem code; the code itself when it is not known here.
pub fn describe(code: &str) -> &str {
    match code {
        "paper_out" => "out of labels",
        "ribbon_out" => "out of ribbon",
        "head_open" => "printhead open",
        "paused" => "paused",
        "cutter_fault" => "cutter fault",
        "head_too_hot" => "printhead too hot",
        "motor_too_hot" => "motor too hot",
        "media_jam" => "labels jammed",
        "bad_printhead_element" => "bad printhead element",
        "printhead_not_detected" => "printhead not detected",
        "hardware_fault" => "hardware fault",
        "corrupt_memory" => "memory fault",
        "offline" => "offline",
        "not_answering" => "connected but not answering (see its display)",
        "unreachable" => "cannot be reached (power or cable)",
        "scale_disconnected" => "disconnected",
        "scale_port_unavailable" => "not connected",
        "scale_no_answer" => "not answering",
        "scale_overload" => "overloaded",
        "scale_underload" => "below zero",
        "scale_needs_zero" => "needs zeroing",
        "scale_busy" => "busy",
        "scale_ram_error" => "RAM error",
        "scale_eeprom_error" => "EEPROM error",
        "scale_rom_error" => "ROM error",
        "scale_calibration_error" => "calibration faulty",
        "scale_initial_zero_error" => "no zero at start-up",
        "scale_fault" => "reports a fault",
        "scale_transmission_error" | "scale_unreadable" | "scale_not_understood" => {
            "communication error (settings)"
        }
        other => other,
    }
}
