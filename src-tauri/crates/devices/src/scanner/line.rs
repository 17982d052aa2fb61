//! Splitting a scanner's byte stream into codes, pure: bytes in, one code per terminator out.
//! Holds at most `max_len` bytes whatever arrives, never panics, and reports junk (overlong
//! lines, bytes that are not text) instead of passing it on as a code.

use super::Terminator;
use crate::scale::codec::printable;

/// A line that is not a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Junk {
    /// More than `max` bytes before the terminator; `len` is how many came.
    TooLong { len: usize, max: usize },
    /// Not UTF-8 text, or control characters other than the GS1 / ISO 15434 separators.
    NotText {
        reason: &'static str,
        sample: String,
    },
}

/// Control characters a code may carry: EOT, FS, GS, RS (GS1 and ISO 15434 formats), TAB, and
/// the line breaks of multi-line 2D codes where the terminator leaves them as data.
fn allowed_control(c: char) -> bool {
    matches!(
        c,
        '\u{4}' | '\t' | '\r' | '\n' | '\u{1c}' | '\u{1d}' | '\u{1e}'
    )
}

/// One code per terminator. Empty lines are skipped.
#[derive(Debug, Clone)]
pub struct LineDecoder {
    terminator: Terminator,
    max_len: usize,
    buf: Vec<u8>,
    /// Bytes past `max_len` in the current line.
    overflow: usize,
    /// CR LF mode: a CR came and may start the terminator.
    pending_cr: bool,
    /// CR mode: the last byte ended a line with CR; an LF now belongs to it.
    after_cr: bool,
}

impl LineDecoder {
    pub fn new(terminator: Terminator, max_len: usize) -> Self {
        LineDecoder {
            terminator,
            max_len: max_len.max(1),
            buf: Vec::new(),
            overflow: 0,
            pending_cr: false,
            after_cr: false,
        }
    }

    /// Bytes held (never more than `max_len`).
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Forgets any partial line (after reopening the port).
    pub fn reset(&mut self) {
        self.buf.clear();
        self.overflow = 0;
        self.pending_cr = false;
        self.after_cr = false;
    }

    /// Feeds one byte; returns a code or junk when it ended a line.
    pub fn push(&mut self, b: u8) -> Option<Result<String, Junk>> {
        match self.terminator {
            Terminator::Cr => {
                let after_cr = std::mem::replace(&mut self.after_cr, false);
                match b {
                    b'\n' if after_cr => None,
                    b'\r' => {
                        self.after_cr = true;
                        self.end_line()
                    }
                    _ => self.data(b),
                }
            }
            Terminator::Lf => match b {
                b'\n' => {
                    if self.overflow == 0 && self.buf.last() == Some(&b'\r') {
                        self.buf.pop();
                    }
                    self.end_line()
                }
                _ => self.data(b),
            },
            Terminator::CrLf => {
                if std::mem::replace(&mut self.pending_cr, false) {
                    if b == b'\n' {
                        return self.end_line();
                    }
                    self.data(b'\r');
                }
                if b == b'\r' {
                    self.pending_cr = true;
                    None
                } else {
                    self.data(b)
                }
            }
        }
    }

    /// Feeds all of `bytes` and collects what comes out.
    pub fn push_all(&mut self, bytes: &[u8]) -> Vec<Result<String, Junk>> {
        bytes.iter().filter_map(|&b| self.push(b)).collect()
    }

    fn data(&mut self, b: u8) -> Option<Result<String, Junk>> {
        if self.buf.len() < self.max_len {
            self.buf.push(b);
        } else {
            self.overflow = self.overflow.saturating_add(1);
        }
        None
    }

    fn end_line(&mut self) -> Option<Result<String, Junk>> {
        let bytes = std::mem::take(&mut self.buf);
        let overflow = std::mem::replace(&mut self.overflow, 0);
        if overflow > 0 {
            return Some(Err(Junk::TooLong {
                len: bytes.len().saturating_add(overflow),
                max: self.max_len,
            }));
        }
        if bytes.is_empty() {
            return None;
        }
        let not_text = |reason| {
            Some(Err(Junk::NotText {
                reason,
                sample: printable(&bytes),
            }))
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return not_text("not text");
        };
        if text.chars().any(|c| c.is_control() && !allowed_control(c)) {
            return not_text("control characters");
        }
        Some(Ok(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(t: Terminator, bytes: &[u8]) -> Vec<Result<String, Junk>> {
        LineDecoder::new(t, 16).push_all(bytes)
    }

    fn ok(s: &str) -> Result<String, Junk> {
        Ok(s.to_owned())
    }

    #[test]
    fn one_code_per_terminator() {
        use Terminator::*;
        assert_eq!(codes(Cr, b"TR-0001\rABC\r"), [ok("TR-0001"), ok("ABC")]);
        assert_eq!(codes(Cr, b"TR-0001\r\nABC\r\n"), [ok("TR-0001"), ok("ABC")]);
        assert_eq!(codes(Lf, b"TR-0001\nABC\r\n"), [ok("TR-0001"), ok("ABC")]);
        assert_eq!(
            codes(CrLf, b"TR-0001\r\nA\rB\nC\r\n"),
            [ok("TR-0001"), ok("A\rB\nC")]
        );
        // Blank lines are no codes; GS separators stay.
        assert_eq!(codes(Cr, b"\r\r]C110A\x1d21B\r"), [ok("]C110A\u{1d}21B")]);
        // A partial code waits for its terminator.
        let mut d = LineDecoder::new(Cr, 16);
        assert!(d.push_all(b"TR-00").is_empty());
        assert_eq!(d.push_all(b"01\r"), [ok("TR-0001")]);
    }

    #[test]
    fn junk_is_reported_and_the_next_code_reads() {
        let got = codes(Terminator::Cr, b"\x00\xff\x13\rTR-0001\r");
        assert!(
            matches!(&got[0], Err(Junk::NotText { sample, .. }) if sample == "<00><FF><13>"),
            "{got:?}"
        );
        assert_eq!(got[1], ok("TR-0001"));
        let got = codes(Terminator::Lf, b"0123456789ABCDEFGHIJ\nTR-0001\n");
        assert_eq!(
            got,
            [Err(Junk::TooLong { len: 20, max: 16 }), ok("TR-0001")]
        );
        let got = codes(Terminator::Cr, b"A\x07B\r");
        assert!(matches!(
            &got[0],
            Err(Junk::NotText {
                reason: "control characters",
                ..
            })
        ));
    }
}
