//! What can go wrong reading a serial scanner, with stable codes and messages a packer or IT
//! can act on.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScannerError {
    #[error("The scanner on {port} sent something that is not a barcode ({reason}: \"{sample}\"). Scan again; if it keeps happening, check the scanner's serial settings ({settings}) and that it ends codes with {terminator}.")]
    Unreadable {
        port: String,
        reason: String,
        sample: String,
        settings: String,
        terminator: String,
    },
    #[error("The scanner on {port} sent {len} characters without an end of code ({terminator}); at most {max} are read. Check that the scanner ends codes with {terminator}.")]
    TooLong {
        port: String,
        len: usize,
        max: usize,
        terminator: String,
    },
    #[error("Cannot open the scanner port {port} ({detail}): check the cable and the port setting; Packbench keeps trying.")]
    PortUnavailable { port: String, detail: String },
    #[error("Lost the connection to the scanner on {port} ({detail}): check the cable; Packbench reconnects by itself.")]
    Disconnected { port: String, detail: String },
    #[error("Scanner settings are wrong: {0}. Call IT.")]
    InvalidConfig(String),
}

impl ScannerError {
    /// A stable snake_case code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ScannerError::Unreadable { .. } => "scanner_unreadable",
            ScannerError::TooLong { .. } => "scanner_too_long",
            ScannerError::PortUnavailable { .. } => "scanner_port_unavailable",
            ScannerError::Disconnected { .. } => "scanner_disconnected",
            ScannerError::InvalidConfig(_) => "scanner_invalid_config",
        }
    }
}

/// Serialises as `{"code": "...", "message": "..."}`, the shape errors cross IPC in.
impl Serialize for ScannerError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serialize_coded(serializer, "ScannerError", self.code(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = ScannerError::Disconnected {
            port: "/dev/ttyACM0".into(),
            detail: "the port closed".into(),
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "scanner_disconnected",
                "message": "Lost the connection to the scanner on /dev/ttyACM0 (the port closed): check the cable; Packbench reconnects by itself."
            })
        );
    }
}
