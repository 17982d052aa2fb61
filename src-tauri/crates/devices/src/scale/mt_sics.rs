//! Mettler Toledo MT-SICS: ASCII commands and replies, each line ending CR LF.
//! `SI` -> `S S      1.234 kg` (stable) or `S D ...` (moving), `S I` busy, `S +` overload,
//! `S -` underload; `Z` -> `Z A`/`Z I`/`Z +`/`Z -`; `T` -> `T S <tare> <unit>` or
//! `T I`/`T +`/`T -`; `ES`, `ET`, `EL` for syntax, transmission and logical errors.

use super::codec::{Decoded, FrameDecoder, Garbled, Sample, ScaleEvent};
use super::units::{Unit, WeightValue};

pub const WEIGH_NOW: &[u8] = b"SI\r\n";
pub const WEIGH_STABLE: &[u8] = b"S\r\n";
pub const ZERO: &[u8] = b"Z\r\n";
pub const TARE: &[u8] = b"T\r\n";

/// The status letter after a command's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `A`: done (zero) .
    Done,
    /// `I`: cannot execute now (busy, or not steady in time).
    Busy,
    /// `+`: above the range (overload, or too heavy to zero/tare).
    Above,
    /// `-`: below the range.
    Below,
}

impl Status {
    fn letter(self) -> &'static str {
        match self {
            Status::Done => "A",
            Status::Busy => "I",
            Status::Above => "+",
            Status::Below => "-",
        }
    }
    fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "A" => Status::Done,
            "I" => Status::Busy,
            "+" => Status::Above,
            "-" => Status::Below,
            _ => return None,
        })
    }
}

/// One MT-SICS reply line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// `S S` (stable) or `S D` (dynamic, moving).
    Weight {
        stable: bool,
        value: WeightValue,
        unit: Unit,
    },
    /// `S I`, `S +`, `S -` (`S A` does not exist).
    WeighFailed(Status),
    /// `Z A`, `Z I`, `Z +`, `Z -`.
    Zero(Status),
    /// `T S <tare> <unit>`.
    Tare { value: WeightValue, unit: Unit },
    /// `T I`, `T +`, `T -`.
    TareFailed(Status),
    /// `ES` syntax, `ET` transmission, `EL` logical error.
    Error(char),
}

impl Reply {
    /// The reply as the scale sends it, CR LF included.
    pub fn encode(&self) -> Vec<u8> {
        let line = match self {
            Reply::Weight {
                stable,
                value,
                unit,
            } => format!(
                "S {} {:>10} {}",
                if *stable { "S" } else { "D" },
                value.to_string(),
                unit
            ),
            Reply::WeighFailed(s) => format!("S {}", s.letter()),
            Reply::Zero(s) => format!("Z {}", s.letter()),
            Reply::Tare { value, unit } => format!("T S {:>10} {}", value.to_string(), unit),
            Reply::TareFailed(s) => format!("T {}", s.letter()),
            Reply::Error(c) => format!("E{c}"),
        };
        let mut bytes = line.into_bytes();
        bytes.extend_from_slice(b"\r\n");
        bytes
    }

    /// Parses one line (without CR LF). Strict: every token must be where MT-SICS puts it.
    pub fn parse(line: &str) -> Option<Reply> {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let weight = |v: &str, u: &str| Some((WeightValue::parse(v)?, Unit::parse(u)?));
        match tokens.as_slice() {
            ["S", s @ ("S" | "D"), v, u] => {
                let (value, unit) = weight(v, u)?;
                Some(Reply::Weight {
                    stable: *s == "S",
                    value,
                    unit,
                })
            }
            ["S", s] => match Status::parse(s)? {
                Status::Done => None,
                s => Some(Reply::WeighFailed(s)),
            },
            ["Z", s] => Some(Reply::Zero(Status::parse(s)?)),
            ["T", "S", v, u] => {
                let (value, unit) = weight(v, u)?;
                Some(Reply::Tare { value, unit })
            }
            ["T", s] => match Status::parse(s)? {
                Status::Done => None,
                s => Some(Reply::TareFailed(s)),
            },
            [e @ ("ES" | "ET" | "EL")] => Some(Reply::Error(e.as_bytes()[1] as char)),
            _ => None,
        }
    }

    /// What the reply means.
    pub fn event(&self) -> ScaleEvent {
        match *self {
            Reply::Weight {
                stable,
                value,
                unit,
            } => ScaleEvent::Weight(Sample {
                value,
                unit,
                stable,
                net: None,
            }),
            Reply::WeighFailed(Status::Above) => ScaleEvent::Overload,
            Reply::WeighFailed(Status::Below) => ScaleEvent::Underload,
            Reply::WeighFailed(_) => ScaleEvent::Busy,
            Reply::Zero(Status::Done) | Reply::Tare { .. } => ScaleEvent::Done,
            Reply::Zero(Status::Above) => {
                ScaleEvent::Refused("the load is above the zero range".into())
            }
            Reply::Zero(Status::Below) => {
                ScaleEvent::Refused("the load is below the zero range".into())
            }
            Reply::TareFailed(Status::Above) => {
                ScaleEvent::Refused("the load is above the tare range".into())
            }
            Reply::TareFailed(Status::Below) => {
                ScaleEvent::Refused("the load is below the tare range".into())
            }
            Reply::Zero(_) | Reply::TareFailed(_) => {
                ScaleEvent::Refused("the weight was not steady".into())
            }
            Reply::Error('S') => ScaleEvent::NotUnderstood("MT-SICS syntax error (ES)".into()),
            Reply::Error('T') => ScaleEvent::TransmissionError,
            Reply::Error(_) => {
                ScaleEvent::Refused("the scale cannot execute the command now (EL)".into())
            }
        }
    }
}

/// Longest line kept; MT-SICS replies used here are under 30 characters.
pub const MAX_LINE: usize = 64;

/// Splits the byte stream into lines and parses each. Control and non-ASCII bytes are noise and
/// dropped; a line that does not parse as a whole is retried from each later position, so noise
/// stuck in front of a reply does not hide it; a line too long is dropped up to the next LF.
#[derive(Debug, Default)]
pub struct Decoder {
    line: Vec<u8>,
    overflowed: bool,
}

impl FrameDecoder for Decoder {
    fn push(&mut self, byte: u8) -> Option<Decoded> {
        match byte {
            b'\n' => {
                let line = std::mem::take(&mut self.line);
                if std::mem::take(&mut self.overflowed) {
                    return Some(Err(Garbled::from_bytes(&line)));
                }
                parse_line(&line)
            }
            0x20..=0x7e if !self.overflowed => {
                if self.line.len() >= MAX_LINE {
                    self.overflowed = true;
                } else {
                    self.line.push(byte);
                }
                None
            }
            _ => None,
        }
    }

    fn reset(&mut self) {
        self.line.clear();
        self.overflowed = false;
    }

    fn buffered(&self) -> usize {
        self.line.len()
    }
}

fn parse_line(line: &[u8]) -> Option<Decoded> {
    // Only printable ASCII was kept, so this is valid UTF-8.
    let text = std::str::from_utf8(line).unwrap_or("");
    if text.trim().is_empty() {
        return None;
    }
    let reply = (0..text.len()).find_map(|start| Reply::parse(&text[start..]));
    Some(match reply {
        Some(r) => Ok(r.event()),
        None => Err(Garbled::from_bytes(line)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::codec::{
        assert_each_decodes_to, assert_each_garbled, decode_all, weight_event as weight,
    };

    fn decode(bytes: &[u8]) -> Vec<Decoded> {
        decode_all(&mut Decoder::default(), bytes)
    }

    #[test]
    fn reply_table() {
        // MT-SICS reference manual, S: "S I" command understood but currently not executable,
        // "S +" balance in overload range, "S -" in underload range; "ES" syntax error, "ET"
        // transmission error, "EL" logical error.
        let busy = ScaleEvent::Busy;
        let cases: Vec<(&[u8], ScaleEvent)> = vec![
            (b"S S      1.234 kg\r\n", weight(true, 1234, 3, Unit::Kg)),
            (b"S D      1.234 kg\r\n", weight(false, 1234, 3, Unit::Kg)),
            (b"S S     -0.012 kg\r\n", weight(true, -12, 3, Unit::Kg)),
            (b"S S     100.00 g\r\n", weight(true, 10000, 2, Unit::G)),
            (b"S S       2.20 lb\r\n", weight(true, 220, 2, Unit::Lb)),
            (b"S S       35.3 oz\r\n", weight(true, 353, 1, Unit::Oz)),
            (b"S S          0 g\r\n", weight(true, 0, 0, Unit::G)),
            (b"S S 12.5 g\n", weight(true, 125, 1, Unit::G)),
            (b"S I\r\n", busy),
            (b"S +\r\n", ScaleEvent::Overload),
            (b"S -\r\n", ScaleEvent::Underload),
            (b"Z A\r\n", ScaleEvent::Done),
            (
                b"Z I\r\n",
                ScaleEvent::Refused("the weight was not steady".into()),
            ),
            (
                b"Z +\r\n",
                ScaleEvent::Refused("the load is above the zero range".into()),
            ),
            (
                b"Z -\r\n",
                ScaleEvent::Refused("the load is below the zero range".into()),
            ),
            (b"T S      0.250 kg\r\n", ScaleEvent::Done),
            (
                b"T I\r\n",
                ScaleEvent::Refused("the weight was not steady".into()),
            ),
            (
                b"T +\r\n",
                ScaleEvent::Refused("the load is above the tare range".into()),
            ),
            (
                b"T -\r\n",
                ScaleEvent::Refused("the load is below the tare range".into()),
            ),
            (
                b"ES\r\n",
                ScaleEvent::NotUnderstood("MT-SICS syntax error (ES)".into()),
            ),
            (b"ET\r\n", ScaleEvent::TransmissionError),
            (
                b"EL\r\n",
                ScaleEvent::Refused("the scale cannot execute the command now (EL)".into()),
            ),
            // Noise in front of a reply on the same line, binary noise anywhere.
            (b"x#S S      1.234 kg\r\n", weight(true, 1234, 3, Unit::Kg)),
            (
                b"\x00\xffS S \x85     1.234 kg\r\n",
                weight(true, 1234, 3, Unit::Kg),
            ),
        ];
        assert_each_decodes_to(decode, cases);
    }

    #[test]
    fn malformed_lines_are_garbled_not_events() {
        assert_each_garbled(
            decode,
            [
                &b"S S 1.234\r\n"[..],
                b"S S 1.234 st\r\n",
                b"S X 1.234 kg\r\n",
                b"S A\r\n",
                b"T A\r\n",
                b"S S 1.2.3 kg\r\n",
                b"S S 1.234 kg extra\r\n",
                b"hello\r\n",
                b"E\r\n",
            ],
        );
    }

    #[test]
    fn partial_frames_wait_and_blank_lines_are_ignored() {
        let mut d = Decoder::default();
        assert!(decode_all(&mut d, b"S S    ").is_empty());
        assert_eq!(
            decode_all(&mut d, b"  0.500 kg\r\n"),
            vec![Ok(weight(true, 500, 3, Unit::Kg))]
        );
        assert!(decode_all(&mut d, b"\r\n\r\n").is_empty());
    }

    #[test]
    fn an_endless_line_is_bounded_and_the_next_line_reads() {
        let mut d = Decoder::default();
        let junk = vec![b'A'; 10_000];
        assert!(decode_all(&mut d, &junk).is_empty());
        assert!(d.buffered() <= MAX_LINE);
        let out = decode_all(&mut d, b"\r\nS +\r\n");
        assert!(out[0].is_err());
        assert_eq!(out[1], Ok(ScaleEvent::Overload));
    }

    #[test]
    fn encode_matches_the_manual() {
        let r = Reply::Weight {
            stable: true,
            value: WeightValue::new(1234, 3),
            unit: Unit::Kg,
        };
        assert_eq!(r.encode(), b"S S      1.234 kg\r\n");
        assert_eq!(Reply::Zero(Status::Done).encode(), b"Z A\r\n");
        assert_eq!(Reply::Error('S').encode(), b"ES\r\n");
    }
}
