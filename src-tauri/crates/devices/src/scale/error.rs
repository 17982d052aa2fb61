//! Everything that can go wrong reading a scale, each with a stable code for the UI and IPC and
//! a message a packer (or IT, for set-up problems) can act on.

use serde::{Serialize, Serializer};
use std::fmt;

/// A command a scale can be asked to carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Weigh,
    Zero,
    Tare,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Weigh => "weigh",
            Action::Zero => "zero",
            Action::Tare => "tare",
        })
    }
}

/// Seconds for messages: "2 s", "0.5 s".
fn secs(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    #[error("Scale overloaded: take the parcel off.")]
    Overload,
    #[error("The scale reads below zero: clear the platter and zero the scale.")]
    Underload,
    #[error("The weight did not settle within {}: keep the parcel still, clear of the edges, and weigh again.", secs(*.timeout_ms))]
    NotSettled { timeout_ms: u64 },
    #[error("The scale needs zeroing: take everything off the platter and press zero.")]
    NeedsZero,
    /// A fault the scale reports in its status (RAM, ROM, EEPROM, calibration, initial zero).
    #[error("{}", .0.advice())]
    DeviceFault(super::Fault),
    #[error("The scale is busy (zeroing, taring, or still settling) and did not weigh: keep the parcel still and weigh again.")]
    Busy,
    #[error("The scale on {port} received garbled data (MT-SICS ET): check its baud rate and parity against the settings ({settings}). Call IT.")]
    TransmissionError { port: String, settings: String },
    #[error("The scale could not {action}: {reason}. Take everything off the platter if zeroing, keep it still, and try again.")]
    CannotExecute { action: Action, reason: String },
    #[error("This scale ({protocol}) cannot {action} from Packbench: use the key on the scale.")]
    NotSupported { action: Action, protocol: String },
    #[error("No answer from the scale on {port} within {}: check the cable, that the scale is on, and the port setting.", secs(*.timeout_ms))]
    NoAnswer { port: String, timeout_ms: u64 },
    #[error("The scale on {port} sends data Packbench cannot read (\"{sample}\"): check the protocol and the serial settings ({settings}). Call IT.")]
    Unreadable {
        port: String,
        settings: String,
        sample: String,
    },
    #[error("The scale on {port} did not understand Packbench ({detail}): check the protocol setting ({protocol}). Call IT.")]
    NotUnderstood {
        port: String,
        protocol: String,
        detail: String,
    },
    #[error("Cannot open the scale port {port} ({detail}): check the port setting and that no other program uses it.")]
    PortUnavailable { port: String, detail: String },
    #[error("Lost the connection to the scale on {port} ({detail}): check the cable; Packbench reconnects at the next weighing.")]
    Disconnected { port: String, detail: String },
    #[error("Scale settings are wrong: {0}. Call IT.")]
    InvalidConfig(String),
}

impl ScaleError {
    /// A stable snake_case code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ScaleError::Overload => "scale_overload",
            ScaleError::Underload => "scale_underload",
            ScaleError::NotSettled { .. } => "scale_not_settled",
            ScaleError::NeedsZero => "scale_needs_zero",
            ScaleError::DeviceFault(f) => f.code(),
            ScaleError::Busy => "scale_busy",
            ScaleError::TransmissionError { .. } => "scale_transmission_error",
            ScaleError::CannotExecute { .. } => "scale_cannot_execute",
            ScaleError::NotSupported { .. } => "scale_not_supported",
            ScaleError::NoAnswer { .. } => "scale_no_answer",
            ScaleError::Unreadable { .. } => "scale_unreadable",
            ScaleError::NotUnderstood { .. } => "scale_not_understood",
            ScaleError::PortUnavailable { .. } => "scale_port_unavailable",
            ScaleError::Disconnected { .. } => "scale_disconnected",
            ScaleError::InvalidConfig(_) => "scale_invalid_config",
        }
    }

    /// True for what the packer fixes at the scale (load, stillness, zero); false for what
    /// needs the cable, the settings or IT.
    pub fn is_packer_fixable(&self) -> bool {
        matches!(
            self,
            ScaleError::Overload
                | ScaleError::Underload
                | ScaleError::NotSettled { .. }
                | ScaleError::NeedsZero
                | ScaleError::Busy
                | ScaleError::CannotExecute { .. }
                | ScaleError::DeviceFault(super::Fault::InitialZero)
        )
    }
}

/// Serialises as `{"code": "...", "message": "..."}`, the shape errors cross IPC in.
impl Serialize for ScaleError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serialize_coded(serializer, "ScaleError", self.code(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = ScaleError::NoAnswer {
            port: "/dev/ttyUSB0".into(),
            timeout_ms: 2000,
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "scale_no_answer",
                "message": "No answer from the scale on /dev/ttyUSB0 within 2 s: check the cable, that the scale is on, and the port setting."
            })
        );
        assert_eq!(
            serde_json::to_value(ScaleError::Overload).unwrap()["message"],
            "Scale overloaded: take the parcel off."
        );
        assert_eq!(
            ScaleError::NotSettled { timeout_ms: 1500 }.to_string(),
            "The weight did not settle within 1.5 s: keep the parcel still, clear of the edges, and weigh again."
        );
    }
}
