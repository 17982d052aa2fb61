//! The station's service errors, and how each crosses IPC as a stable `{code, message}`.

use packbench_core::ScanError;
use packbench_ipc::{ErrorCode, IpcError};

use crate::ports::{BackendError, DeviceFault, FileError, PreviewError, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum StationError {
    #[error("{0}")]
    InvalidScan(String),
    #[error(transparent)]
    Backend(#[from] BackendError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A printer or scale failed; the fault carries the device's code and what to do.
    #[error(transparent)]
    Device(#[from] DeviceFault),
    /// A label could not be drawn for the screen.
    #[error(transparent)]
    Preview(#[from] PreviewError),
    /// A file the person asked for could not be written.
    #[error(transparent)]
    File(#[from] FileError),
    /// A use case refused what was asked (a packer at the desk, a relative export path...):
    /// `reason` is a stable code, the message says what to do instead.
    #[error("{message}")]
    Refused {
        reason: &'static str,
        message: String,
    },
    /// The pack flow refused the event (a wrong scan, an action out of turn).
    #[error(transparent)]
    Flow(#[from] packbench_core::pack_flow::FlowError),
}

impl From<ScanError> for StationError {
    fn from(e: ScanError) -> Self {
        StationError::InvalidScan(e.to_string())
    }
}

impl From<StationError> for IpcError {
    fn from(e: StationError) -> Self {
        let code = match &e {
            StationError::InvalidScan(_) => ErrorCode::InvalidScan,
            StationError::Backend(b) => match b {
                BackendError::Unreachable(_) | BackendError::Busy { .. } => {
                    ErrorCode::BackendUnreachable
                }
                BackendError::TrolleyUnknown(_) => ErrorCode::TrolleyUnknown,
                BackendError::TrolleyClaimed { .. } => ErrorCode::TrolleyClaimedElsewhere,
                BackendError::Rejected { .. } => ErrorCode::BackendRejected,
                BackendError::InvalidResponse(_) => ErrorCode::BackendInvalidResponse,
            },
            StationError::Store(_) => ErrorCode::StorageFailed,
            // The device's own code (`printer_out_of_paper`, ...) travels as the reason.
            StationError::Device(f) => {
                let mut e = IpcError::new(ErrorCode::DeviceFailed, f.to_string());
                e.reason = Some(f.code.to_owned());
                return e;
            }
            StationError::Preview(_) => ErrorCode::DeviceFailed,
            StationError::File(_) => ErrorCode::StorageFailed,
            StationError::Refused { reason, message } => {
                return IpcError::refused(*reason, message.clone())
            }
            StationError::Flow(f) => return IpcError::refused(f.code(), f.to_string()),
        };
        IpcError::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_elsewhere_names_the_holder() {
        let e: IpcError = StationError::from(BackendError::TrolleyClaimed {
            trolley: "TR-0002".into(),
            holder: "ST-07".into(),
        })
        .into();
        assert_eq!(e.code, ErrorCode::TrolleyClaimedElsewhere);
        assert!(e.message.contains("ST-07"), "{}", e.message);
        assert!(e.message.contains("TR-0002"), "{}", e.message);
    }

    #[test]
    fn each_failure_has_its_own_code() {
        let cases: Vec<(StationError, ErrorCode)> = vec![
            (ScanError::Empty.into(), ErrorCode::InvalidScan),
            (
                BackendError::Unreachable("refused".into()).into(),
                ErrorCode::BackendUnreachable,
            ),
            (
                BackendError::TrolleyUnknown("TR-9999".into()).into(),
                ErrorCode::TrolleyUnknown,
            ),
            (
                BackendError::InvalidResponse("truncated".into()).into(),
                ErrorCode::BackendInvalidResponse,
            ),
            (
                BackendError::Rejected {
                    status: 401,
                    code: "unauthorized".into(),
                    message: "bad token".into(),
                }
                .into(),
                ErrorCode::BackendRejected,
            ),
            (
                StoreError::DiskFull("disk full".into()).into(),
                ErrorCode::StorageFailed,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(IpcError::from(err).code, code);
        }
    }

    #[test]
    fn a_device_fault_keeps_its_code_to_the_screen() {
        let fault = DeviceFault::from(packbench_devices::printer::PrinterError::OutOfPaper {
            printer: packbench_devices::printer::PrinterName::new(
                packbench_devices::printer::Role::Label,
                "ZD420",
            ),
        });
        let e = IpcError::from(StationError::from(fault));
        assert_eq!(e.code, ErrorCode::DeviceFailed);
        assert_eq!(e.reason.as_deref(), Some("paper_out"));
        assert!(e.message.contains("ZD420"), "{}", e.message);
    }
}
