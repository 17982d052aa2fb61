//! Everything that can go wrong printing, each with a stable code for the UI and IPC and a
//! message a packer (or IT, for set-up problems) can act on.

use serde::{Serialize, Serializer};
use std::fmt;

/// What a printer is for, as far as a message goes: the media and the fixes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Label,
    Document,
    /// A status query, before any job says which.
    Unknown,
}

/// A printer as a message names it: "Label printer tcp://10.0.0.7:9100".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterName {
    pub role: Role,
    pub uri: String,
}

impl PrinterName {
    pub fn new(role: Role, uri: impl Into<String>) -> Self {
        PrinterName {
            role,
            uri: uri.into(),
        }
    }
}

impl fmt::Display for PrinterName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.role {
            Role::Label => "Label printer",
            Role::Document => "Document printer",
            Role::Unknown => "Printer",
        };
        write!(f, "{kind} {}", self.uri)
    }
}

/// The step of a job that ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Connect,
    Write,
    /// The printer took the bytes but did not close the connection (raw TCP `waiteof`).
    Finish,
    Status,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Connect => "answer the connection",
            Stage::Write => "take the job",
            Stage::Finish => "confirm the job",
            Stage::Status => "answer the status request",
        })
    }
}

fn secs(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

fn out_of_media(p: &PrinterName) -> String {
    match p.role {
        Role::Label => format!("{p} is out of labels: load a roll and press Feed."),
        Role::Document => format!("{p} is out of paper: load paper in the tray."),
        Role::Unknown => format!("{p} is out of labels or paper: load media and press Feed."),
    }
}

fn head_open(p: &PrinterName) -> String {
    match p.role {
        Role::Document => format!("{p} has a cover open: close it and print again."),
        _ => {
            format!("{p} has its head open: close the printhead until it clicks, then press Feed.")
        }
    }
}

fn ribbon_out(p: &PrinterName) -> String {
    match p.role {
        Role::Document => format!("{p} is out of toner or ink: replace it and print again."),
        _ => format!("{p} is out of ribbon: load a ribbon, close the head and press Feed."),
    }
}

/// What the packer does for a stopping condition other than the four with their own variant.
fn fault(p: &PrinterName, c: &crate::printer::Condition) -> String {
    use crate::printer::Condition as C;
    match c {
        C::CutterFault => format!("{p} reports a cutter fault: open the head, clear the cutter of labels and close it, then press Feed."),
        C::HeadTooHot => format!("{p} stopped because its printhead is too hot: let it cool for a few minutes, then press Feed."),
        C::MotorTooHot => format!("{p} stopped because its motor is too hot: let it cool for a few minutes, then press Feed."),
        C::MediaJam => format!("{p} has a media jam: open the head, clear the jammed labels, close it and press Feed."),
        C::BadPrintheadElement | C::PrintheadNotDetected | C::HardwareFault | C::CorruptMemory => {
            format!("{p} reports a hardware fault ({}): switch it off and on; if it stays, call IT.", c.describe())
        }
        other => format!("{p} cannot print ({}): check the printer's display; if it stays, call IT.", other.describe()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrinterError {
    #[error("The printer setting \"{uri}\" is wrong: {reason}. Call IT.")]
    InvalidUri { uri: String, reason: String },
    #[error("This print job cannot be sent: {0}.")]
    InvalidJob(String),
    #[error("{printer} cannot be reached ({detail}): check that it is switched on and its cable is plugged in; if it stays, call IT.")]
    Unreachable {
        printer: PrinterName,
        detail: String,
    },
    #[error("{printer} does not exist ({detail}): check the printer setting. Call IT.")]
    NotFound {
        printer: PrinterName,
        detail: String,
    },
    #[error("Packbench may not use {printer} ({detail}): the station's user needs access to the device. Call IT.")]
    PermissionDenied {
        printer: PrinterName,
        detail: String,
    },
    #[error("{}", out_of_media(.printer))]
    OutOfPaper { printer: PrinterName },
    #[error("{}", head_open(.printer))]
    HeadOpen { printer: PrinterName },
    #[error(
        "{printer} is paused: press Pause on the printer (or resume its queue) and print again."
    )]
    Paused { printer: PrinterName },
    #[error("{}", ribbon_out(.printer))]
    RibbonOut { printer: PrinterName },
    #[error(
        "{printer} cannot print ({reason}): check the printer's display; if it stays, call IT."
    )]
    NotReady {
        printer: PrinterName,
        reason: String,
    },
    /// A condition that stops printing, reported by the printer (`~HQES`, `~HS`, IPP).
    #[error("{}", fault(.printer, .condition))]
    Fault {
        printer: PrinterName,
        condition: crate::printer::Condition,
    },
    /// The printer took the connection but answered neither `~HQES` nor `~HS` in time: a real
    /// Zebra keeps quiet like this in some error states, so its display says why.
    #[error("{printer} is connected but does not answer (no status within {}): check the printer's display for an error, fix it, then press Feed.", secs(*.timeout_ms))]
    NotAnswering {
        printer: PrinterName,
        timeout_ms: u64,
    },
    #[error("{printer} did not {stage} within {}: check that it is on and not jammed, then print again.", secs(*.timeout_ms))]
    Timeout {
        printer: PrinterName,
        stage: Stage,
        timeout_ms: u64,
    },
    #[error("{printer} refused the job ({detail}). Call IT.")]
    Rejected {
        printer: PrinterName,
        detail: String,
    },
    #[error("{printer} answered the status request with data Packbench cannot read (\"{sample}\"): check that it is a Zebra-compatible printer, or turn the status check off. Call IT.")]
    StatusUnreadable {
        printer: PrinterName,
        sample: String,
    },
    #[error("{printer} cannot report its status over this connection.")]
    StatusUnsupported { printer: PrinterName },
    #[error("Lost the connection to {printer} ({detail}): check the cable and print again.")]
    ConnectionLost {
        printer: PrinterName,
        detail: String,
    },
}

impl PrinterError {
    /// A stable snake_case code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            PrinterError::InvalidUri { .. } => "printer_invalid_uri",
            PrinterError::InvalidJob(_) => "printer_invalid_job",
            PrinterError::Unreachable { .. } => "printer_unreachable",
            PrinterError::NotFound { .. } => "printer_not_found",
            PrinterError::PermissionDenied { .. } => "printer_permission_denied",
            PrinterError::OutOfPaper { .. } => "printer_out_of_paper",
            PrinterError::HeadOpen { .. } => "printer_head_open",
            PrinterError::Paused { .. } => "printer_paused",
            PrinterError::RibbonOut { .. } => "printer_ribbon_out",
            PrinterError::NotReady { .. } => "printer_not_ready",
            PrinterError::Fault { .. } => "printer_fault",
            PrinterError::NotAnswering { .. } => "printer_not_answering",
            PrinterError::Timeout { .. } => "printer_timeout",
            PrinterError::Rejected { .. } => "printer_rejected",
            PrinterError::StatusUnreadable { .. } => "printer_status_unreadable",
            PrinterError::StatusUnsupported { .. } => "printer_status_unsupported",
            PrinterError::ConnectionLost { .. } => "printer_connection_lost",
        }
    }

    /// The code of the printer's state this error stands for, in the vocabulary of
    /// [`Condition::code`](crate::printer::Condition::code) (`paper_out`, `head_open`,
    /// `cutter_fault`...) plus `not_answering` and `unreachable`: what status reports, the
    /// heartbeat and the screen share. Errors of set-up or of the job keep their own code.
    pub fn fault_code(&self) -> &'static str {
        use crate::printer::Condition;
        match self {
            PrinterError::OutOfPaper { .. } => Condition::PaperOut.code(),
            PrinterError::HeadOpen { .. } => Condition::HeadOpen.code(),
            PrinterError::Paused { .. } => Condition::Paused.code(),
            PrinterError::RibbonOut { .. } => Condition::RibbonOut.code(),
            PrinterError::Fault { condition, .. } => condition.code(),
            PrinterError::NotAnswering { .. }
            | PrinterError::Timeout {
                stage: Stage::Status,
                ..
            } => "not_answering",
            PrinterError::Unreachable { .. }
            | PrinterError::ConnectionLost { .. }
            | PrinterError::Timeout {
                stage: Stage::Connect,
                ..
            } => "unreachable",
            other => other.code(),
        }
    }

    /// True for what the packer fixes at the printer (media, head, pause, ribbon).
    pub fn is_packer_fixable(&self) -> bool {
        matches!(
            self,
            PrinterError::OutOfPaper { .. }
                | PrinterError::HeadOpen { .. }
                | PrinterError::Paused { .. }
                | PrinterError::RibbonOut { .. }
                | PrinterError::NotAnswering { .. }
        ) || matches!(
            self,
            PrinterError::Fault { condition, .. } if matches!(
                condition,
                crate::printer::Condition::CutterFault
                    | crate::printer::Condition::HeadTooHot
                    | crate::printer::Condition::MotorTooHot
                    | crate::printer::Condition::MediaJam
            )
        )
    }
}

/// Serialises as `{"code": "...", "message": "..."}`, the shape errors cross IPC in.
impl Serialize for PrinterError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serialize_coded(serializer, "PrinterError", self.code(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = PrinterError::OutOfPaper {
            printer: PrinterName::new(Role::Label, "tcp://10.0.0.7:9100"),
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "printer_out_of_paper",
                "message": "Label printer tcp://10.0.0.7:9100 is out of labels: load a roll and press Feed."
            })
        );
        let t = PrinterError::Timeout {
            printer: PrinterName::new(Role::Document, "cups://office"),
            stage: Stage::Connect,
            timeout_ms: 1500,
        };
        assert_eq!(t.code(), "printer_timeout");
        assert_eq!(
            t.to_string(),
            "Document printer cups://office did not answer the connection within 1.5 s: check that it is on and not jammed, then print again."
        );
    }
}
