//! The serial scale adapter: speaks a [`Protocol`] over a serial port (RS-232, USB-serial, a
//! pty). It opens the port lazily and, after any I/O error, drops it and opens it again at the
//! next call, so an unplugged and replugged scale comes back without a restart.

use crate::scale::codec::{printable, Decoded, FrameDecoder};
use crate::scale::{
    Action, Parity, Reading, Scale, ScaleConfig, ScaleError, ScaleEvent, ScaleHealth,
    SerialSettings, Settler,
};
use serialport::{ClearBuffer, SerialPort};
use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

/// Reads one stable weight from the scale `config` describes: the function behind
/// `packbench scale read`. Opens the port, weighs within `config.timeout_ms`, closes it.
pub fn read_once(config: &ScaleConfig) -> Result<Reading, ScaleError> {
    let mut scale = SerialScale::open(config.clone())?;
    scale.read_stable(config.timeout())
}

/// Opens a serial port with these settings (no flow control, reads time out after 100 ms).
pub(crate) fn open_port(
    path: &str,
    s: &SerialSettings,
) -> Result<Box<dyn SerialPort>, serialport::Error> {
    serialport::new(path, s.baud)
        .data_bits(match s.data_bits {
            5 => serialport::DataBits::Five,
            6 => serialport::DataBits::Six,
            7 => serialport::DataBits::Seven,
            _ => serialport::DataBits::Eight,
        })
        .parity(match s.parity {
            Parity::None => serialport::Parity::None,
            Parity::Even => serialport::Parity::Even,
            Parity::Odd => serialport::Parity::Odd,
        })
        .stop_bits(if s.stop_bits == 2 {
            serialport::StopBits::Two
        } else {
            serialport::StopBits::One
        })
        .flow_control(serialport::FlowControl::None)
        .timeout(Duration::from_millis(100))
        .open()
}

/// A scale on a serial line.
pub struct SerialScale {
    config: ScaleConfig,
    port: Option<Box<dyn SerialPort>>,
    decoder: Box<dyn FrameDecoder>,
    pending: VecDeque<Decoded>,
    /// When the scale last answered with something other than a fault.
    last_good: Option<Instant>,
    last_fault: Option<ScaleError>,
    /// The device number the path named when the port was opened.
    opened_device: Option<u64>,
}

/// What came in during one operation, to tell "nothing" from "garbage" from "moving".
#[derive(Default)]
struct Heard {
    bytes: usize,
    last_bytes: Vec<u8>,
    garbled: Option<String>,
    answered: bool,
    /// The last "cannot weigh now" answer (MT-SICS `S I`, `EL`), for the error at the deadline.
    refusal: Option<ScaleEvent>,
}

impl Heard {
    fn note_bytes(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len();
        self.last_bytes.extend_from_slice(bytes);
        let excess = self.last_bytes.len().saturating_sub(24);
        self.last_bytes.drain(..excess);
    }
}

impl SerialScale {
    /// Checks the settings; the port is opened at the first call.
    pub fn new(config: ScaleConfig) -> Result<Self, ScaleError> {
        config.validate()?;
        let decoder = config.protocol.decoder(config.unit());
        Ok(SerialScale {
            config,
            port: None,
            decoder,
            pending: VecDeque::new(),
            last_good: None,
            last_fault: None,
            opened_device: None,
        })
    }

    /// Checks the settings and opens the port now.
    pub fn open(config: ScaleConfig) -> Result<Self, ScaleError> {
        let mut scale = SerialScale::new(config)?;
        scale.connect()?;
        Ok(scale)
    }

    pub fn config(&self) -> &ScaleConfig {
        &self.config
    }

    /// Whether the port is open (it closes after an I/O error until the next call).
    pub fn is_connected(&self) -> bool {
        self.port.is_some()
    }

    /// How the scale is doing, as the last exchange left it.
    pub fn health(&self) -> ScaleHealth {
        ScaleHealth {
            port_open: self.port.is_some(),
            last_fault: self.last_fault.clone(),
            last_good_age: self.last_good.map(|t| t.elapsed()),
        }
    }

    /// Asks the scale for one weight (or, for continuous output, listens for a frame) within
    /// the reply timeout, reopening the port if it was lost: any sensible answer means the
    /// scale is there; a status fault, silence or a lost port is kept as the last fault.
    pub fn probe(&mut self) -> ScaleHealth {
        let until = Instant::now() + Duration::from_millis(self.config.reply_timeout_ms.max(1));
        let result = (|| {
            self.discard_input()?;
            if let Some(bytes) = self.config.protocol.weigh_request() {
                self.send(bytes)?;
            }
            let mut heard = Heard::default();
            match self.next_answer(until, &mut heard)? {
                Some(_) => Ok(()),
                None => Err(self.out_of_time(
                    &heard,
                    Duration::from_millis(self.config.reply_timeout_ms),
                    false,
                )),
            }
        })();
        // Silent, and the configured path now names another device (a `/dev/serial/by-id/...`
        // link follows the scale to its new node when it is replugged): the old descriptor will
        // never answer again, so the next probe opens the path afresh.
        if matches!(result, Err(ScaleError::NoAnswer { .. })) && self.path_moved() {
            self.port = None;
        }
        self.note(&result);
        self.health()
    }

    /// Keeps what an exchange showed of the scale's health.
    fn note<T>(&mut self, result: &Result<T, ScaleError>) {
        match result {
            Ok(_) => self.last_fault = None,
            // Still, slow or refused: the scale is there and answering.
            Err(
                ScaleError::NotSettled { .. }
                | ScaleError::CannotExecute { .. }
                | ScaleError::NotSupported { .. }
                | ScaleError::Busy,
            ) => {}
            Err(e) => self.last_fault = Some(e.clone()),
        }
    }

    /// The device number the configured path names now (following links), if it exists.
    fn device_of_path(&self) -> Option<u64> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(&self.config.port).ok().map(|m| m.rdev())
    }

    /// Whether the configured path names another device than the open port's (or none).
    fn path_moved(&self) -> bool {
        self.device_of_path() != self.opened_device
    }

    fn connect(&mut self) -> Result<&mut Box<dyn SerialPort>, ScaleError> {
        if self.port.is_none() {
            self.opened_device = self.device_of_path();
            let port = open_port(&self.config.port, &self.config.serial).map_err(|e| {
                ScaleError::PortUnavailable {
                    port: self.config.port.clone(),
                    detail: e.to_string(),
                }
            })?;
            self.decoder.reset();
            self.pending.clear();
            self.port = Some(port);
        }
        Ok(self.port.as_mut().expect("just opened"))
    }

    /// Closes the port after an I/O error; the next call reopens it.
    fn lost(&mut self, detail: impl ToString) -> ScaleError {
        self.port = None;
        ScaleError::Disconnected {
            port: self.config.port.clone(),
            detail: detail.to_string(),
        }
    }

    /// Drops whatever arrived before now: old frames must not pass for a new weight.
    fn discard_input(&mut self) -> Result<(), ScaleError> {
        let result = self.connect()?.clear(ClearBuffer::Input);
        self.decoder.reset();
        self.pending.clear();
        result.map_err(|e| self.lost(e))
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), ScaleError> {
        self.discard_input()?;
        let write_timeout = Duration::from_millis(self.config.reply_timeout_ms.max(100));
        let port = self.connect()?;
        let result = match port.set_timeout(write_timeout) {
            Ok(()) => port.write_all(bytes),
            Err(e) => Err(e.into()),
        };
        result.map_err(|e| self.lost(e))
    }

    /// The next decoded frame, or `None` at `until`.
    fn next_event(
        &mut self,
        until: Instant,
        heard: &mut Heard,
    ) -> Result<Option<Decoded>, ScaleError> {
        loop {
            if let Some(d) = self.pending.pop_front() {
                return Ok(Some(d));
            }
            let now = Instant::now();
            if now >= until {
                return Ok(None);
            }
            let wait = (until - now).max(Duration::from_millis(1));
            let port = self.connect()?;
            let mut buf = [0u8; 256];
            let result = match port.set_timeout(wait) {
                Ok(()) => port.read(&mut buf),
                Err(e) => Err(e.into()),
            };
            match result {
                Ok(0) => return Err(self.lost("the port closed")),
                Ok(n) => {
                    heard.note_bytes(&buf[..n]);
                    for &b in &buf[..n] {
                        if let Some(d) = self.decoder.push(b) {
                            self.pending.push_back(d);
                        }
                    }
                }
                Err(e) if e.kind() == ErrorKind::TimedOut || e.kind() == ErrorKind::Interrupted => {
                }
                Err(e) => return Err(self.lost(e)),
            }
        }
    }

    /// The next event the scale answered, or `None` at `until`: garbled frames are kept in
    /// `heard` for the error, and a reply that is itself an error (overload...) is returned as one.
    fn next_answer(
        &mut self,
        until: Instant,
        heard: &mut Heard,
    ) -> Result<Option<ScaleEvent>, ScaleError> {
        while let Some(decoded) = self.next_event(until, heard)? {
            match decoded {
                Ok(event) => {
                    heard.answered = true;
                    return match self.event_error(&event) {
                        Some(e) => Err(e),
                        None => {
                            self.last_good = Some(Instant::now());
                            Ok(Some(event))
                        }
                    };
                }
                Err(garbled) => heard.garbled = Some(garbled.0),
            }
        }
        Ok(None)
    }

    /// The error when an operation ran out of time.
    fn out_of_time(&self, heard: &Heard, timeout: Duration, settling: bool) -> ScaleError {
        let timeout_ms = timeout.as_millis() as u64;
        match &heard.refusal {
            Some(ScaleEvent::Busy) if settling => return ScaleError::Busy,
            Some(ScaleEvent::Refused(reason)) if settling => {
                return ScaleError::CannotExecute {
                    action: Action::Weigh,
                    reason: reason.clone(),
                }
            }
            _ => {}
        }
        if heard.answered && settling {
            ScaleError::NotSettled { timeout_ms }
        } else if heard.bytes > 0 {
            ScaleError::Unreadable {
                port: self.config.port.clone(),
                settings: format!("{} {}", self.config.protocol, self.config.serial),
                sample: heard
                    .garbled
                    .clone()
                    .unwrap_or_else(|| printable(&heard.last_bytes)),
            }
        } else {
            ScaleError::NoAnswer {
                port: self.config.port.clone(),
                timeout_ms,
            }
        }
    }

    /// Errors any reply may carry, whatever was asked.
    fn event_error(&self, event: &ScaleEvent) -> Option<ScaleError> {
        Some(match event {
            ScaleEvent::Overload => ScaleError::Overload,
            ScaleEvent::Underload => ScaleError::Underload,
            ScaleEvent::NeedsZero => ScaleError::NeedsZero,
            ScaleEvent::Fault(fault) => ScaleError::DeviceFault(fault.clone()),
            ScaleEvent::TransmissionError => ScaleError::TransmissionError {
                port: self.config.port.clone(),
                settings: format!("{} {}", self.config.protocol, self.config.serial),
            },
            ScaleEvent::NotUnderstood(detail) => ScaleError::NotUnderstood {
                port: self.config.port.clone(),
                protocol: self.config.protocol.to_string(),
                detail: detail.clone(),
            },
            _ => return None,
        })
    }

    fn run_command(&mut self, action: Action) -> Result<(), ScaleError> {
        let protocol = self.config.protocol;
        let bytes = protocol
            .command(action)
            .ok_or_else(|| ScaleError::NotSupported {
                action,
                protocol: protocol.to_string(),
            })?;
        let timeout = self.config.timeout();
        let deadline = Instant::now() + timeout;
        let mut heard = Heard::default();
        self.send(bytes)?;
        while let Some(event) = self.next_answer(deadline, &mut heard)? {
            if protocol.answers_commands() {
                match event {
                    ScaleEvent::Done => return Ok(()),
                    ScaleEvent::Motion => {
                        return Err(ScaleError::CannotExecute {
                            action,
                            reason: "the weight was not steady".into(),
                        })
                    }
                    ScaleEvent::Refused(reason) => {
                        return Err(ScaleError::CannotExecute { action, reason })
                    }
                    ScaleEvent::Busy => {
                        return Err(ScaleError::CannotExecute {
                            action,
                            reason: "the scale is busy".into(),
                        })
                    }
                    _ => {}
                }
            } else if let ScaleEvent::Weight(s) = event {
                // Continuous output does not answer: the frames that follow show the effect.
                let done = match action {
                    Action::Zero => {
                        s.stable
                            && s.net != Some(true)
                            && s.grams().unsigned_abs() <= u64::from(self.config.settle.band_g)
                    }
                    _ => s.stable && s.net == Some(true),
                };
                if done {
                    return Ok(());
                }
            }
        }
        if heard.answered {
            return Err(ScaleError::CannotExecute {
                action,
                reason: format!(
                    "the scale did not confirm it within {} ms",
                    timeout.as_millis()
                ),
            });
        }
        Err(self.out_of_time(&heard, timeout, false))
    }
}

impl Scale for SerialScale {
    fn read_stable(&mut self, timeout: Duration) -> Result<Reading, ScaleError> {
        let result = self.weigh_stable(timeout);
        self.note(&result);
        result
    }

    fn zero(&mut self) -> Result<(), ScaleError> {
        let result = self.run_command(Action::Zero);
        self.note(&result);
        result
    }

    fn tare(&mut self) -> Result<(), ScaleError> {
        let result = self.run_command(Action::Tare);
        self.note(&result);
        result
    }
}

impl SerialScale {
    fn weigh_stable(&mut self, timeout: Duration) -> Result<Reading, ScaleError> {
        let deadline = Instant::now() + timeout;
        let request = self.config.protocol.weigh_request();
        let reply_timeout = Duration::from_millis(self.config.reply_timeout_ms.max(1));
        let poll = Duration::from_millis(self.config.poll_interval_ms);
        let mut settler = Settler::new(self.config.settle);
        let mut heard = Heard::default();
        self.discard_input()?;
        loop {
            let round_until = match request {
                Some(bytes) => {
                    self.send(bytes)?;
                    deadline.min(Instant::now() + reply_timeout)
                }
                None => deadline,
            };
            let mut answered = false;
            while let Some(event) = self.next_answer(round_until, &mut heard)? {
                answered = true;
                match &event {
                    ScaleEvent::Weight(sample) if settler.push_sample(sample) => {
                        return Ok(Reading::from_sample(sample));
                    }
                    ScaleEvent::Weight(_) => heard.refusal = None,
                    ScaleEvent::Motion => {
                        settler.reset();
                        heard.refusal = None;
                    }
                    ScaleEvent::Busy | ScaleEvent::Refused(_) => {
                        settler.reset();
                        heard.refusal = Some(event);
                    }
                    _ => {}
                }
                if request.is_some() {
                    break;
                }
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(self.out_of_time(&heard, timeout, true));
            }
            if answered {
                // Pace the polls like a display's update rate; never past the deadline.
                std::thread::sleep(poll.min(deadline - now));
            }
        }
    }
}
