//! Asking a Zebra how it is, as the ZPL Programming Guide allows: `~HQES` (error and warning
//! flags, answered in any state) then `~HS` (pause, buffer full, partial format...), on one
//! connection or line. The guide warns that "when a ~HS command is sent the printer will not
//! send a response to the host if the printer is in one of these conditions: MEDIA OUT, RIBBON
//! OUT, HEAD OPEN, REWINDER FULL, HEAD OVER-TEMPERATURE", so silence to `~HS` after an
//! `~HQES` answer is expected, and a printer that answers neither is `not_answering`, not
//! unreachable. Pure: the transports feed it the bytes they read.

use crate::printer::hqes::{error_bits, ErrorsAndWarnings, HqesError};
use crate::printer::zebra::{printable, HostStatus, HostStatusError, HOST_STATUS_REQUEST};
use crate::printer::{PrinterError, PrinterName, PrinterStatus};
use std::time::Duration;

/// Both requests, in the order the printer answers them.
pub fn request() -> Vec<u8> {
    let mut r = crate::printer::hqes::ERRORS_AND_WARNINGS_REQUEST.to_vec();
    r.extend_from_slice(HOST_STATUS_REQUEST);
    r
}

const STX: u8 = 0x02;
const ETX: u8 = 0x03;
/// Longer than an `~HQES` block (about 100 bytes); past this a frame is garbage.
const MAX_FRAME: usize = 256;

/// The `~HQES` errors after which the guide says `~HS` stays unanswered.
const SILENCING_ERRORS: u32 = error_bits::MEDIA_OUT
    | error_bits::RIBBON_OUT
    | error_bits::HEAD_OPEN
    | error_bits::PRINTHEAD_OVER_TEMPERATURE;

/// Whether unframed text holds an `~HQES` answer up to the end of its WARNINGS line.
fn loose_answer_complete(text: &[u8]) -> bool {
    let Some(at) = text.windows(9).position(|w| w == b"WARNINGS:") else {
        return false;
    };
    ErrorsAndWarnings::looks_like(text) && text[at..].contains(&b'\n')
}

/// Collects the two answers from bytes as they arrive.
#[derive(Debug, Default)]
pub struct StatusReader {
    frame: Option<Vec<u8>>,
    hs_lines: Vec<Vec<u8>>,
    hqes: Option<Result<ErrorsAndWarnings, HqesError>>,
    hs: Option<Result<HostStatus, HostStatusError>>,
    garbage: Option<String>,
    heard: Vec<u8>,
    /// Text outside any STX/ETX frame: read as an `~HQES` answer once it holds a whole
    /// WARNINGS line, in case a printer sends that answer unframed.
    loose: Vec<u8>,
}

impl StatusReader {
    /// Feeds bytes; true once nothing more is worth waiting for: both answers are in, an
    /// `~HQES` answer reports a state in which `~HS` is never answered, `~HS` answered alone
    /// (a printer without `~HQES`), or the bytes are garbage.
    pub fn push(&mut self, bytes: &[u8]) -> bool {
        self.heard.extend_from_slice(bytes);
        let excess = self.heard.len().saturating_sub(96);
        self.heard.drain(..excess);
        for &b in bytes {
            match (&mut self.frame, b) {
                (None, STX) => self.frame = Some(Vec::new()),
                (None, b) => {
                    if self.loose.len() < MAX_FRAME {
                        self.loose.push(b);
                    }
                    if b == b'\n' && self.hqes.is_none() && loose_answer_complete(&self.loose) {
                        let text = std::mem::take(&mut self.loose);
                        self.hqes = Some(ErrorsAndWarnings::parse(&text));
                    }
                }
                (Some(_), STX) => self.garbage = Some("a frame started inside a frame".into()),
                (Some(f), ETX) => {
                    let f = std::mem::take(f);
                    self.frame = None;
                    self.take_frame(f);
                }
                (Some(f), b) => {
                    if f.len() >= MAX_FRAME {
                        self.garbage = Some(format!("a frame is longer than {MAX_FRAME} bytes"));
                    } else {
                        f.push(b);
                    }
                }
            }
            if self.garbage.is_some() {
                return true;
            }
        }
        self.done()
    }

    fn take_frame(&mut self, frame: Vec<u8>) {
        if ErrorsAndWarnings::looks_like(&frame) {
            self.hqes = Some(ErrorsAndWarnings::parse(&frame));
        } else if self.hs.is_none() {
            self.hs_lines.push(frame);
            if self.hs_lines.len() == 3 {
                self.hs = Some(HostStatus::from_lines(&self.hs_lines));
            }
        }
    }

    fn done(&self) -> bool {
        match (&self.hqes, &self.hs) {
            (Some(_), Some(_)) => true,
            (Some(Err(_)), None) | (None, Some(Err(_))) => true,
            (Some(Ok(e)), None) => e.errors & SILENCING_ERRORS != 0,
            // Answers come in the order asked: `~HS` first means `~HQES` was ignored.
            (None, Some(Ok(_))) => true,
            (None, None) => false,
        }
    }

    /// What the answers say, once the exchange is over (done or timed out).
    pub fn outcome(
        self,
        printer: PrinterName,
        timeout: Duration,
    ) -> Result<PrinterStatus, PrinterError> {
        let unreadable = |why: String| PrinterError::StatusUnreadable {
            printer: printer.clone(),
            sample: format!("{why}: {}", printable(&self.heard, 48)),
        };
        if let Some(g) = &self.garbage {
            return Err(unreadable(g.clone()));
        }
        let hqes = match &self.hqes {
            Some(Err(e)) => return Err(unreadable(e.to_string())),
            Some(Ok(e)) => Some(*e),
            None => None,
        };
        let hs = match &self.hs {
            Some(Err(e)) => return Err(unreadable(e.to_string())),
            Some(Ok(h)) => Some(h.clone()),
            None => None,
        };
        match (hqes, hs) {
            (None, None) if self.heard.is_empty() => Err(PrinterError::NotAnswering {
                printer,
                timeout_ms: crate::printer::raw_tcp::millis(timeout),
            }),
            (None, None) => Err(PrinterError::StatusUnreadable {
                printer,
                sample: printable(&self.heard, 48),
            }),
            // A printer without `~HQES` (older firmware): `~HS` alone.
            (None, Some(hs)) => Ok(hs.to_status()),
            // `~HS` withheld with no `~HQES` error to explain it (a full rewinder has no
            // `~HQES` flag): the printer's display says what is wrong.
            (Some(e), None) if e.errors & SILENCING_ERRORS == 0 => {
                Err(PrinterError::NotAnswering {
                    printer,
                    timeout_ms: crate::printer::raw_tcp::millis(timeout),
                })
            }
            (Some(e), hs) => Ok(merge(&e, hs.as_ref())),
        }
    }
}

/// The `~HQES` conditions, then what only `~HS` tells (pause, buffer, memory, cold head).
fn merge(e: &ErrorsAndWarnings, hs: Option<&HostStatus>) -> PrinterStatus {
    let mut conditions = e.conditions();
    if let Some(hs) = hs {
        for c in hs.conditions() {
            if !conditions.contains(&c) {
                conditions.push(c);
            }
        }
    }
    // Worst first: what stops printing before warnings.
    conditions.sort_by_key(|c| !c.stops_printing());
    PrinterStatus::from_conditions(conditions, hs.is_some_and(HostStatus::holds_work))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printer::{Condition, PrinterState, Role};

    fn name() -> PrinterName {
        PrinterName::new(Role::Label, "tcp://zebra:9100")
    }

    fn read(bytes: &[u8]) -> (bool, Result<PrinterStatus, PrinterError>) {
        let mut r = StatusReader::default();
        let done = r.push(bytes);
        (done, r.outcome(name(), Duration::from_secs(2)))
    }

    #[test]
    fn both_answers_merge_and_the_exchange_ends() {
        let mut bytes = ErrorsAndWarnings::default().encode();
        let hs = HostStatus {
            paused: true,
            ..HostStatus::default()
        };
        bytes.extend_from_slice(&hs.encode());
        let (done, status) = read(&bytes);
        assert!(done);
        assert_eq!(status.unwrap().conditions, vec![Condition::Paused]);
    }

    #[test]
    fn media_out_ends_the_exchange_without_waiting_for_hs() {
        // ZPL Programming Guide, ~HS: "When a ~HS command is sent the printer will not send a
        // response to the host if the printer is in one of these conditions: MEDIA OUT,
        // RIBBON OUT, HEAD OPEN, REWINDER FULL, HEAD OVER-TEMPERATURE."
        let e = ErrorsAndWarnings {
            errors: error_bits::MEDIA_OUT,
            warnings: 0,
        };
        let (done, status) = read(&e.encode());
        assert!(done);
        let s = status.unwrap();
        assert_eq!(s.state, PrinterState::Stopped);
        assert_eq!(s.conditions, vec![Condition::PaperOut]);
    }

    #[test]
    fn a_cutter_fault_still_waits_for_hs() {
        let e = ErrorsAndWarnings {
            errors: error_bits::CUTTER_FAULT,
            warnings: 0,
        };
        let mut r = StatusReader::default();
        assert!(!r.push(&e.encode()));
        assert!(r.push(&HostStatus::default().encode()));
    }

    #[test]
    fn silence_is_not_answering_and_noise_is_unreadable() {
        let (done, status) = read(b"");
        assert!(!done);
        let e = status.unwrap_err();
        assert_eq!(e.fault_code(), "not_answering");
        assert!(e.to_string().contains("check the printer's display"), "{e}");
        let (_, status) = read(b"hello");
        assert_eq!(status.unwrap_err().code(), "printer_status_unreadable");
        let (done, status) = read(b"\x02ERRORS: 1 0000 1\x03");
        assert!(done);
        assert_eq!(status.unwrap_err().code(), "printer_status_unreadable");
    }

    #[test]
    fn an_unframed_hqes_answer_is_read_too() {
        let e = ErrorsAndWarnings {
            errors: error_bits::HEAD_OPEN,
            warnings: 0,
        };
        let framed = e.encode();
        let (done, status) = read(&framed[1..framed.len() - 1]);
        assert!(done, "head open: no ~HS answer to wait for");
        assert_eq!(status.unwrap().conditions, vec![Condition::HeadOpen]);
    }

    #[test]
    fn hs_alone_serves_a_printer_without_hqes() {
        let hs = HostStatus {
            paper_out: true,
            ..HostStatus::default()
        };
        let (done, status) = read(&hs.encode());
        assert!(done, "the printer answers in order: ~HQES was ignored");
        assert_eq!(status.unwrap().conditions, vec![Condition::PaperOut]);
    }
}
