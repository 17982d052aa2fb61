//! Serial printers (RS-232, USB-serial, a pty): the job is written to the line; Zebra printers
//! answer `~HQES` and `~HS` on it. The port opens at the first call and, after an I/O error, again at the
//! next one, so a replugged printer comes back without a restart.

use crate::printer::raw_tcp::millis;
use crate::printer::status_query::{self, StatusReader};
use crate::printer::{
    check_before_send, JobReceipt, JobState, PrintJob, Printer, PrinterError, PrinterName,
    PrinterStatus, PrinterUri, Role, Stage, Transport,
};
use serialport::{ClearBuffer, SerialPort};
use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

/// A printer on `serial:///dev/ttyX?baud=N` (8 data bits, no parity, 1 stop bit).
pub struct SerialPrinter {
    uri: PrinterUri,
    path: String,
    baud: u32,
    port: Option<Box<dyn SerialPort>>,
}

impl SerialPrinter {
    pub fn new(uri: PrinterUri) -> Result<Self, PrinterError> {
        match &uri.transport {
            Transport::Serial { path, baud } => Ok(SerialPrinter {
                path: path.clone(),
                baud: *baud,
                uri,
                port: None,
            }),
            _ => Err(PrinterError::InvalidUri {
                uri: uri.to_string(),
                reason: "not a serial:// printer".into(),
            }),
        }
    }

    fn name(&self, role: Role) -> PrinterName {
        PrinterName::new(role, self.uri.as_str())
    }

    fn port(&mut self, role: Role) -> Result<&mut Box<dyn SerialPort>, PrinterError> {
        if self.port.is_none() {
            let port = serialport::new(&self.path, self.baud)
                .flow_control(serialport::FlowControl::None)
                .timeout(self.uri.options.connect_timeout)
                .open()
                .map_err(|e| {
                    let printer = self.name(role);
                    match e.kind() {
                        serialport::ErrorKind::Io(ErrorKind::NotFound) => PrinterError::NotFound {
                            printer,
                            detail: format!("no device {}", self.path),
                        },
                        serialport::ErrorKind::Io(ErrorKind::PermissionDenied) => {
                            PrinterError::PermissionDenied {
                                printer,
                                detail: format!("{}: {}", self.path, e.description),
                            }
                        }
                        serialport::ErrorKind::NoDevice => PrinterError::Unreachable {
                            printer,
                            detail: format!("{} is in use or gone: {}", self.path, e.description),
                        },
                        _ => PrinterError::Unreachable {
                            printer,
                            detail: format!("{}: {}", self.path, e.description),
                        },
                    }
                })?;
            self.port = Some(port);
        }
        Ok(self.port.as_mut().expect("just opened"))
    }

    /// Drops the port after an I/O error: the next call reopens it.
    fn lost(
        &mut self,
        role: Role,
        stage: Stage,
        timeout: Duration,
        e: std::io::Error,
    ) -> PrinterError {
        self.port = None;
        if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) {
            PrinterError::Timeout {
                printer: self.name(role),
                stage,
                timeout_ms: millis(timeout),
            }
        } else {
            PrinterError::ConnectionLost {
                printer: self.name(role),
                detail: e.to_string(),
            }
        }
    }
}

impl Printer for SerialPrinter {
    fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    fn send(&mut self, job: &PrintJob) -> Result<JobReceipt, PrinterError> {
        job.validate()?;
        check_before_send(self, job)?;
        let role = job.content_type.role();
        let timeout = self.uri.options.io_timeout;
        let port = self.port(role)?;
        let result = port
            .set_timeout(timeout)
            .map_err(std::io::Error::from)
            .and_then(|()| port.write_all(&job.data))
            .and_then(|()| port.flush());
        result.map_err(|e| self.lost(role, Stage::Write, timeout, e))?;
        Ok(JobReceipt {
            job_id: job.job_id.clone(),
            printer: self.uri.to_string(),
            bytes_sent: job.data.len(),
            state: JobState::Written,
            queue_job_id: None,
        })
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        let role = Role::Unknown;
        let timeout = self.uri.options.status_timeout;
        let port = self.port(role)?;
        // Old bytes on the line must not pass for this answer.
        let sent = port
            .clear(ClearBuffer::Input)
            .and_then(|()| port.set_timeout(timeout))
            .map_err(std::io::Error::from)
            .and_then(|()| port.write_all(&status_query::request()))
            .and_then(|()| port.flush());
        sent.map_err(|e| self.lost(role, Stage::Status, timeout, e))?;
        let deadline = Instant::now() + timeout;
        let mut reader = StatusReader::default();
        let mut buf = [0u8; 256];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let port = self.port(role)?;
            let read = port
                .set_timeout(left)
                .map_err(std::io::Error::from)
                .and_then(|()| port.read(&mut buf));
            match read {
                Ok(0) => {}
                Ok(n) => {
                    if reader.push(&buf[..n]) {
                        break;
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
                Err(e) => return Err(self.lost(role, Stage::Status, timeout, e)),
            }
        }
        reader.outcome(self.name(role), timeout)
    }
}
