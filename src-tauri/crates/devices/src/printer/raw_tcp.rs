//! Raw TCP (JetDirect, port 9100): one connection is one job; the job is written, the
//! connection half-closed, and (like CUPS's socket backend) the printer's own close awaited as
//! its receipt. Zebra printers answer `~HQES` and `~HS` on the same port, on a connection of
//! its own.

use crate::printer::status_query::{self, StatusReader};
use crate::printer::{
    check_before_send, JobReceipt, JobState, PrintJob, Printer, PrinterError, PrinterName,
    PrinterStatus, PrinterUri, Role, Stage, Transport,
};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// A printer on `tcp://HOST:PORT`.
pub struct RawTcpPrinter {
    uri: PrinterUri,
    host: String,
    port: u16,
}

impl RawTcpPrinter {
    pub fn new(uri: PrinterUri) -> Result<Self, PrinterError> {
        match &uri.transport {
            Transport::RawTcp { host, port } => Ok(RawTcpPrinter {
                host: host.clone(),
                port: *port,
                uri,
            }),
            _ => Err(PrinterError::InvalidUri {
                uri: uri.to_string(),
                reason: "not a tcp:// printer".into(),
            }),
        }
    }

    fn name(&self, role: Role) -> PrinterName {
        PrinterName::new(role, self.uri.as_str())
    }

    fn connect(&self, role: Role) -> Result<TcpStream, PrinterError> {
        let timeout = self.uri.options.connect_timeout;
        let addrs: Vec<SocketAddr> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| PrinterError::Unreachable {
                printer: self.name(role),
                detail: format!("cannot find host {}: {e}", self.host),
            })?
            .collect();
        let mut last = None;
        for addr in &addrs {
            match TcpStream::connect_timeout(addr, timeout) {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    return Ok(stream);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(match last {
            Some(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                PrinterError::Timeout {
                    printer: self.name(role),
                    stage: Stage::Connect,
                    timeout_ms: millis(timeout),
                }
            }
            Some(e) if e.kind() == ErrorKind::ConnectionRefused => PrinterError::Unreachable {
                printer: self.name(role),
                detail: "connection refused".into(),
            },
            Some(e) => PrinterError::Unreachable {
                printer: self.name(role),
                detail: e.to_string(),
            },
            None => PrinterError::Unreachable {
                printer: self.name(role),
                detail: format!("host {} has no address", self.host),
            },
        })
    }

    fn io_error(
        &self,
        role: Role,
        stage: Stage,
        timeout: Duration,
        e: std::io::Error,
    ) -> PrinterError {
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

pub(crate) fn millis(d: Duration) -> u64 {
    d.as_millis().min(u128::from(u64::MAX)) as u64
}

impl Printer for RawTcpPrinter {
    fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    fn send(&mut self, job: &PrintJob) -> Result<JobReceipt, PrinterError> {
        job.validate()?;
        check_before_send(self, job)?;
        let role = job.content_type.role();
        let io_timeout = self.uri.options.io_timeout;
        let mut stream = self.connect(role)?;
        let write = |stream: &mut TcpStream| -> std::io::Result<()> {
            stream.set_write_timeout(Some(io_timeout))?;
            stream.write_all(&job.data)?;
            stream.flush()?;
            stream.shutdown(Shutdown::Write)
        };
        write(&mut stream).map_err(|e| self.io_error(role, Stage::Write, io_timeout, e))?;
        let state = if self.uri.options.wait_eof {
            // The printer closes once it has read everything; back-channel bytes are dropped.
            let deadline = Instant::now() + io_timeout;
            let mut buf = [0u8; 512];
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(self.io_error(
                        role,
                        Stage::Finish,
                        io_timeout,
                        ErrorKind::TimedOut.into(),
                    ));
                }
                stream
                    .set_read_timeout(Some(left))
                    .map_err(|e| self.io_error(role, Stage::Finish, io_timeout, e))?;
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.io_error(role, Stage::Finish, io_timeout, e)),
                }
            }
            JobState::Delivered
        } else {
            JobState::Written
        };
        Ok(JobReceipt {
            job_id: job.job_id.clone(),
            printer: self.uri.to_string(),
            bytes_sent: job.data.len(),
            state,
            queue_job_id: None,
        })
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        let role = Role::Unknown;
        let timeout = self.uri.options.status_timeout;
        let mut stream = self.connect(role)?;
        stream
            .set_write_timeout(Some(timeout))
            .and_then(|()| stream.write_all(&status_query::request()))
            .map_err(|e| self.io_error(role, Stage::Status, timeout, e))?;
        let mut reader = StatusReader::default();
        let deadline = Instant::now() + timeout;
        let mut buf = [0u8; 256];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            if let Err(e) = stream.set_read_timeout(Some(left)) {
                return Err(self.io_error(role, Stage::Status, timeout, e));
            }
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if reader.push(&buf[..n]) {
                        break;
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_error(role, Stage::Status, timeout, e)),
            }
        }
        let _ = stream.shutdown(Shutdown::Both);
        reader.outcome(self.name(role), timeout)
    }
}
