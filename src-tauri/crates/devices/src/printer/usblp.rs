//! USB printers through the kernel's `usblp` driver (`/dev/usb/lp0`): the job is written to
//! the device file. The driver gives no status Packbench reads, so none is checked.

use crate::printer::raw_tcp::millis;
use crate::printer::{
    JobReceipt, JobState, PrintJob, Printer, PrinterError, PrinterName, PrinterStatus, PrinterUri,
    Role, Stage, Transport,
};
use std::io::{ErrorKind, Write};
use std::sync::mpsc;

/// A printer on `usblp:///dev/usb/lpN`.
pub struct UsbLpPrinter {
    uri: PrinterUri,
    path: String,
}

impl UsbLpPrinter {
    pub fn new(uri: PrinterUri) -> Result<Self, PrinterError> {
        match &uri.transport {
            Transport::UsbLp { path } => Ok(UsbLpPrinter {
                path: path.clone(),
                uri,
            }),
            _ => Err(PrinterError::InvalidUri {
                uri: uri.to_string(),
                reason: "not a usblp:// printer".into(),
            }),
        }
    }
}

impl Printer for UsbLpPrinter {
    fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    fn send(&mut self, job: &PrintJob) -> Result<JobReceipt, PrinterError> {
        job.validate()?;
        let printer = PrinterName::new(job.content_type.role(), self.uri.as_str());
        let timeout = self.uri.options.io_timeout;
        let path = self.path.clone();
        let data = job.data.clone();
        // A write to a printer that stopped taking data blocks in the driver: the write runs
        // on a thread of its own so the station gets its timeout (the thread ends when the
        // driver gives up or the printer wakes).
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("usblp-write".into())
            .spawn(move || {
                // Append, never create: a missing device must not become a new file.
                let result = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .map_err(|e| (true, e))
                    .and_then(|mut f| {
                        f.write_all(&data)
                            .and_then(|()| f.flush())
                            .map_err(|e| (false, e))
                    });
                let _ = tx.send(result);
            })
            .map_err(|e| PrinterError::ConnectionLost {
                printer: printer.clone(),
                detail: e.to_string(),
            })?;
        match rx.recv_timeout(timeout) {
            Ok(Ok(())) => Ok(JobReceipt {
                job_id: job.job_id.clone(),
                printer: self.uri.to_string(),
                bytes_sent: job.data.len(),
                state: JobState::Written,
                queue_job_id: None,
            }),
            Ok(Err((opening, e))) => Err(device_error(printer, &self.path, opening, e)),
            Err(_) => Err(PrinterError::Timeout {
                printer,
                stage: Stage::Write,
                timeout_ms: millis(timeout),
            }),
        }
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        Err(PrinterError::StatusUnsupported {
            printer: PrinterName::new(Role::Unknown, self.uri.as_str()),
        })
    }
}

/// The error for a device file that would not open or take the bytes.
pub(crate) fn device_error(
    printer: PrinterName,
    path: &str,
    opening: bool,
    e: std::io::Error,
) -> PrinterError {
    const ENXIO: i32 = 6;
    const ENODEV: i32 = 19;
    match (e.kind(), e.raw_os_error()) {
        (ErrorKind::NotFound, _) => PrinterError::NotFound {
            printer,
            detail: format!("no device {path}"),
        },
        (ErrorKind::PermissionDenied, _) => PrinterError::PermissionDenied {
            printer,
            detail: format!("{path}: {e}"),
        },
        (_, Some(ENXIO | ENODEV)) => PrinterError::Unreachable {
            printer,
            detail: format!("{path} is not connected"),
        },
        _ if opening => PrinterError::Unreachable {
            printer,
            detail: format!("{path}: {e}"),
        },
        _ => PrinterError::ConnectionLost {
            printer,
            detail: format!("{path}: {e}"),
        },
    }
}
