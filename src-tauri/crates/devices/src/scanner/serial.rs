//! The serial scanner adapter: reads codes from a port. It opens the port lazily and, after an
//! I/O error, drops it and opens it again at the next call, like the scale adapter.

use super::{Junk, LineDecoder, ScannerConfig, ScannerError};
use serialport::{ClearBuffer, SerialPort};
use std::collections::VecDeque;
use std::io::{ErrorKind, Read};
use std::time::{Duration, Instant};

/// A scanner on a serial line.
pub struct SerialScanner {
    config: ScannerConfig,
    port: Option<Box<dyn SerialPort>>,
    decoder: LineDecoder,
    pending: VecDeque<Result<String, Junk>>,
}

impl SerialScanner {
    /// Checks the settings; the port is opened at the first call.
    pub fn new(config: ScannerConfig) -> Result<Self, ScannerError> {
        config.validate()?;
        let decoder = LineDecoder::new(config.terminator, config.max_len);
        Ok(SerialScanner {
            config,
            port: None,
            decoder,
            pending: VecDeque::new(),
        })
    }

    pub fn config(&self) -> &ScannerConfig {
        &self.config
    }

    /// Whether the port is open (it closes after an I/O error until the next call).
    pub fn is_connected(&self) -> bool {
        self.port.is_some()
    }

    /// Opens the port if it is closed. Whatever was on the line before is dropped: a half
    /// code from before an unplug must not run into the next one.
    pub fn connect(&mut self) -> Result<(), ScannerError> {
        if self.port.is_none() {
            let port =
                crate::serial::open_port(&self.config.port, &self.config.serial).map_err(|e| {
                    ScannerError::PortUnavailable {
                        port: self.config.port.clone(),
                        detail: e.to_string(),
                    }
                })?;
            let _ = port.clear(ClearBuffer::Input);
            self.decoder.reset();
            self.pending.clear();
            self.port = Some(port);
        }
        Ok(())
    }

    fn lost(&mut self, detail: impl ToString) -> ScannerError {
        self.port = None;
        ScannerError::Disconnected {
            port: self.config.port.clone(),
            detail: detail.to_string(),
        }
    }

    fn junk(&self, junk: Junk) -> ScannerError {
        let port = self.config.port.clone();
        let terminator = self.config.terminator.to_string();
        match junk {
            Junk::TooLong { len, max } => ScannerError::TooLong {
                port,
                len,
                max,
                terminator,
            },
            Junk::NotText { reason, sample } => ScannerError::Unreadable {
                port,
                reason: reason.to_owned(),
                sample,
                settings: self.config.serial.to_string(),
                terminator,
            },
        }
    }

    /// The next code, waiting at most `timeout`: `Ok(None)` when none came. A junk line is an
    /// error and the port stays open; an I/O error closes it (the next call reopens it).
    pub fn next_code(&mut self, timeout: Duration) -> Result<Option<String>, ScannerError> {
        let until = Instant::now() + timeout;
        loop {
            if let Some(line) = self.pending.pop_front() {
                return line.map(Some).map_err(|j| self.junk(j));
            }
            let now = Instant::now();
            if now >= until {
                return Ok(None);
            }
            self.connect()?;
            let port = self.port.as_mut().expect("just connected");
            let mut buf = [0u8; 256];
            let result = match port.set_timeout((until - now).max(Duration::from_millis(1))) {
                Ok(()) => port.read(&mut buf),
                Err(e) => Err(e.into()),
            };
            match result {
                Ok(0) => return Err(self.lost("the port closed")),
                Ok(n) => {
                    for &b in &buf[..n] {
                        if let Some(line) = self.decoder.push(b) {
                            self.pending.push_back(line);
                        }
                    }
                }
                Err(e) if e.kind() == ErrorKind::TimedOut || e.kind() == ErrorKind::Interrupted => {
                }
                Err(e) => return Err(self.lost(e)),
            }
        }
    }
}
