//! NCI / Weigh-Tronix SCP-01. Requests end CR: `W` weight, `S` status, `Z` zero.
//! Replies: weight `<LF>xxxx.xxuu<CR><LF>hh<CR><ETX>`, status `<LF>hh<CR><ETX>`, unknown command
//! `<LF>?<CR><ETX>`. Status bytes, as Weigh-Tronix's SCP-01 table gives them: byte 1 bit0
//! motion, bit1 at zero, bit2 RAM error, bit3 EEPROM error, bit6 always 0; byte 2 bit0 under
//! capacity, bit1 over capacity, bit2 ROM error, bit3 faulty calibration, bit6 "byte follows";
//! optional byte 3 bits0-1 range (00 low, 11 high), bit2 net weight, bit3 initial zero error;
//! bits 4-5 always 1, so `00` is all clear. 7-bit ASCII: the parity bit is masked off.
//! `Z` is answered with a status; the zero took when that status shows "at zero" (a scale
//! ignores `Z` with a load outside its zero range). Frames are read from their ETX backwards,
//! so noise before a frame is skipped; an empty weight field means the frame was a status.

use super::codec::{Decoded, Fault, FrameDecoder, Garbled, Sample, ScaleEvent};
use super::units::{Unit, WeightValue};

pub const WEIGH: &[u8] = b"W\r";
pub const STATUS: &[u8] = b"S\r";
pub const ZERO: &[u8] = b"Z\r";

const LF: u8 = b'\n';
const CR: u8 = b'\r';
const ETX: u8 = 0x03;

/// The status flags of bytes 1 and 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    pub motion: bool,
    pub at_zero: bool,
    pub ram_error: bool,
    pub eeprom_error: bool,
    pub under_capacity: bool,
    pub over_capacity: bool,
    pub rom_error: bool,
    pub bad_calibration: bool,
    /// Byte 3, when the scale sends one.
    pub extended: Option<Extended>,
}

/// The optional third status byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extended {
    pub high_range: bool,
    pub net: bool,
    pub initial_zero_error: bool,
}

impl Status {
    /// Two bytes, or three with [`Status::extended`] (byte 2 then says "byte follows").
    pub fn to_bytes(self) -> Vec<u8> {
        let bit = |b: bool, n: u8| u8::from(b) << n;
        let mut out = vec![
            0x30 | bit(self.motion, 0)
                | bit(self.at_zero, 1)
                | bit(self.ram_error, 2)
                | bit(self.eeprom_error, 3),
            0x30 | bit(self.under_capacity, 0)
                | bit(self.over_capacity, 1)
                | bit(self.rom_error, 2)
                | bit(self.bad_calibration, 3)
                | bit(self.extended.is_some(), 6),
        ];
        if let Some(x) = self.extended {
            out.push(
                0x30 | if x.high_range { 0b11 } else { 0 }
                    | bit(x.net, 2)
                    | bit(x.initial_zero_error, 3),
            );
        }
        out
    }

    /// Reads 2 or 3 status bytes: bits 4-5 always set, byte 1's bit 6 always clear. Bit 6 of
    /// byte 2 ("byte follows") is not required before a third byte: the frame's CR ends it.
    pub fn parse(bytes: &[u8]) -> Option<Status> {
        let (a, b, c) = match bytes {
            [a, b] => (*a, *b, None),
            [a, b, c] => (*a, *b, Some(*c)),
            _ => return None,
        };
        let fixed_bits = |b: u8| b & 0x30 == 0x30 && b & 0x80 == 0;
        if !fixed_bits(a) || a & 0x40 != 0 || !fixed_bits(b) || c.is_some_and(|c| !fixed_bits(c)) {
            return None;
        }
        Some(Status {
            motion: a & 1 != 0,
            at_zero: a & 2 != 0,
            ram_error: a & 4 != 0,
            eeprom_error: a & 8 != 0,
            under_capacity: b & 1 != 0,
            over_capacity: b & 2 != 0,
            rom_error: b & 4 != 0,
            bad_calibration: b & 8 != 0,
            extended: c.map(|c| Extended {
                high_range: c & 0b11 == 0b11,
                net: c & 4 != 0,
                initial_zero_error: c & 8 != 0,
            }),
        })
    }

    fn fault(&self) -> Option<ScaleEvent> {
        // Worst first: a memory or calibration fault makes any weight meaningless.
        let fault = [
            (self.ram_error, Fault::Ram),
            (self.eeprom_error, Fault::Eeprom),
            (self.rom_error, Fault::Rom),
            (self.bad_calibration, Fault::Calibration),
            (
                self.extended.is_some_and(|x| x.initial_zero_error),
                Fault::InitialZero,
            ),
        ]
        .into_iter()
        .find_map(|(on, f)| on.then_some(f));
        if let Some(f) = fault {
            Some(ScaleEvent::Fault(f))
        } else if self.over_capacity {
            Some(ScaleEvent::Overload)
        } else if self.under_capacity {
            Some(ScaleEvent::Underload)
        } else {
            None
        }
    }
}

/// What fills the weight field when there is no number (over/under capacity).
pub const OVER_FIELD: &str = "^^^^^^^";
pub const UNDER_FIELD: &str = "_______";

/// One NCI reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// A weight field (or `None` when the scale printed no number) and the status.
    Weight {
        weight: Option<(WeightValue, Unit)>,
        status: Status,
    },
    Status(Status),
    /// `?`: command not understood.
    Unknown,
}

impl Reply {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![LF];
        match self {
            Reply::Weight { weight, status } => {
                let field = match weight {
                    Some((v, u)) => format!("{:>7}{}", v.to_string(), u.symbol().to_uppercase()),
                    None if status.over_capacity => OVER_FIELD.to_string(),
                    None => UNDER_FIELD.to_string(),
                };
                out.extend_from_slice(field.as_bytes());
                out.extend_from_slice(&[CR, LF]);
                out.extend_from_slice(&status.to_bytes());
            }
            Reply::Status(status) => out.extend_from_slice(&status.to_bytes()),
            Reply::Unknown => out.push(b'?'),
        }
        out.extend_from_slice(&[CR, ETX]);
        out
    }

    /// Parses a frame up to (not including) ETX, reading it from its end so that noise in
    /// front of the frame's first LF is ignored.
    pub fn parse(frame: &[u8]) -> Option<Reply> {
        let body = frame.strip_suffix(&[CR])?;
        let last_lf = body.iter().rposition(|&b| b == LF)?;
        let field = &body[last_lf + 1..];
        if field == b"?" {
            return Some(Reply::Unknown);
        }
        let status = Status::parse(field)?;
        let Some(before) = body[..last_lf].strip_suffix(&[CR]) else {
            return Some(Reply::Status(status));
        };
        // A CR with no LF before it is noise in front of a status frame.
        let Some(weight_lf) = before.iter().rposition(|&b| b == LF) else {
            return Some(Reply::Status(status));
        };
        let text = std::str::from_utf8(&before[weight_lf + 1..]).ok()?;
        let text = text.trim();
        if text.is_empty() {
            // No weight field is ever empty: the CR LF in front were noise.
            return Some(Reply::Status(status));
        }
        if text.bytes().all(|b| matches!(b, b'^' | b'_' | b'-')) {
            return Some(Reply::Weight {
                weight: None,
                status,
            });
        }
        let split = text.find(|c: char| c.is_ascii_alphabetic())?;
        let value = WeightValue::parse(&text[..split])?;
        let unit = Unit::parse(&text[split..])?;
        Some(Reply::Weight {
            weight: Some((value, unit)),
            status,
        })
    }

    pub fn event(&self) -> ScaleEvent {
        match self {
            Reply::Unknown => {
                ScaleEvent::NotUnderstood("the scale answered '?' (unknown command)".into())
            }
            Reply::Status(s) | Reply::Weight { status: s, .. } => {
                if let Some(fault) = s.fault() {
                    return fault;
                }
                match self {
                    Reply::Weight {
                        weight: Some((value, unit)),
                        ..
                    } => ScaleEvent::Weight(Sample {
                        value: *value,
                        unit: *unit,
                        stable: !s.motion,
                        net: s.extended.map(|x| x.net),
                    }),
                    Reply::Weight { weight: None, .. } => {
                        ScaleEvent::Fault(Fault::Other("no weight value in the reply".into()))
                    }
                    _ if s.motion => ScaleEvent::Motion,
                    // A status reply answers `Z` here: it worked when the scale is at zero.
                    _ if s.at_zero => ScaleEvent::Done,
                    _ => ScaleEvent::Refused(
                        "the scale is not at zero (the load may be outside the zero range)".into(),
                    ),
                }
            }
        }
    }
}

/// Longest frame kept (a weight reply is 17 bytes).
pub const MAX_FRAME: usize = 32;

/// Collects bytes up to each ETX and parses the frame from its end.
#[derive(Debug, Default)]
pub struct Decoder {
    frame: Vec<u8>,
}

impl FrameDecoder for Decoder {
    fn push(&mut self, byte: u8) -> Option<Decoded> {
        let byte = byte & 0x7f;
        if byte == ETX {
            let frame = std::mem::take(&mut self.frame);
            return Some(match Reply::parse(&frame) {
                Some(r) => Ok(r.event()),
                None => Err(Garbled::from_bytes(&frame)),
            });
        }
        if self.frame.len() >= MAX_FRAME {
            // Keep the newest bytes: a frame is read from its end.
            self.frame.remove(0);
        }
        self.frame.push(byte);
        None
    }

    fn reset(&mut self) {
        self.frame.clear();
    }

    fn buffered(&self) -> usize {
        self.frame.len()
    }
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

    fn not_zero() -> ScaleEvent {
        ScaleEvent::Refused(
            "the scale is not at zero (the load may be outside the zero range)".into(),
        )
    }

    #[test]
    fn reply_table() {
        let cases: Vec<(&[u8], ScaleEvent)> = vec![
            (b"\n0001.23LB\r\n00\r\x03", weight(true, 123, 2, Unit::Lb)),
            (b"\n  1.234KG\r\n00\r\x03", weight(true, 1234, 3, Unit::Kg)),
            (b"\n  1.234kg\r\n10\r\x03", weight(false, 1234, 3, Unit::Kg)),
            (b"\n 0012.5OZ\r\n00\r\x03", weight(true, 125, 1, Unit::Oz)),
            (b"\n   1250G\r\n00\r\x03", weight(true, 1250, 0, Unit::G)),
            (b"\n  1250 G \r\n00\r\x03", weight(true, 1250, 0, Unit::G)),
            (b"\n-001.23LB\r\n00\r\x03", weight(true, -123, 2, Unit::Lb)),
            (b"\n0000.00LB\r\n20\r\x03", weight(true, 0, 2, Unit::Lb)),
            (b"\n^^^^^^^\r\n02\r\x03", ScaleEvent::Overload),
            (b"\n_______\r\n01\r\x03", ScaleEvent::Underload),
            (b"\n0001.00LB\r\n02\r\x03", ScaleEvent::Overload),
            (
                b"\n-------\r\n00\r\x03",
                ScaleEvent::Fault(Fault::Other("no weight value in the reply".into())),
            ),
            // Status replies: every bit.
            (b"\n00\r\x03", not_zero()),
            (b"\n10\r\x03", ScaleEvent::Motion),
            (b"\n20\r\x03", ScaleEvent::Done),
            (b"\n40\r\x03", ScaleEvent::Fault(Fault::Ram)),
            (b"\n80\r\x03", ScaleEvent::Fault(Fault::Eeprom)),
            (b"\n01\r\x03", ScaleEvent::Underload),
            (b"\n02\r\x03", ScaleEvent::Overload),
            (b"\n04\r\x03", ScaleEvent::Fault(Fault::Rom)),
            (b"\n08\r\x03", ScaleEvent::Fault(Fault::Calibration)),
            (b"\n<4\r\x03", ScaleEvent::Fault(Fault::Ram)),
            // A third byte: byte 2 says one follows (bit 6).
            (b"\n2p0\r\x03", ScaleEvent::Done),
            (b"\n0p0\r\x03", not_zero()),
            (b"\n0p8\r\x03", ScaleEvent::Fault(Fault::InitialZero)),
            (b"\n200\r\x03", ScaleEvent::Done),
            (
                b"\n?\r\x03",
                ScaleEvent::NotUnderstood("the scale answered '?' (unknown command)".into()),
            ),
            // Noise before the frame, and the parity bit set.
            (b"#~\x7f\n20\r\x03", ScaleEvent::Done),
            (
                b"xy\n\n  1.234KG\r\n00\r\x03",
                weight(true, 1234, 3, Unit::Kg),
            ),
            (b"\x8a\xb2\xb0\x8d\x83", ScaleEvent::Done),
        ];
        assert_each_decodes_to(decode, cases);
    }

    #[test]
    fn status_bits_map_one_to_one() {
        for a in 0u8..16 {
            for b in 0u8..16 {
                let s = Status::parse(&[0x30 | a, 0x30 | b]).unwrap();
                assert_eq!(s.to_bytes(), [0x30 | a, 0x30 | b]);
            }
        }
        assert_eq!(Status::parse(b"0"), None);
        // Byte 1's bit 6 is "always 0".
        assert_eq!(Status::parse(b"p0"), None);
        assert_eq!(Status::parse(b"0000"), None);
        assert_eq!(Status::parse(b"0@"), None);
    }

    #[test]
    fn malformed_frames_are_garbled() {
        assert_each_garbled(
            decode,
            [
                &b"\x03"[..],
                b"\n00\x03",
                b"00\r\x03",
                b"\n0\r\x03",
                b"\nXY\r\x03",
                b"\n  1.234\r\n00\r\x03",
                b"\n  1.234ST\r\n00\r\x03",
                b"\n1.2.3KG\r\n00\r\x03",
            ],
        );
    }

    #[test]
    fn bounded_and_resynchronises() {
        let mut d = Decoder::default();
        assert!(decode_all(&mut d, &[b'9'; 5000]).is_empty());
        assert!(d.buffered() <= MAX_FRAME);
        assert_eq!(
            decode_all(&mut d, b"\n02\r\x03"),
            vec![Ok(ScaleEvent::Overload)]
        );
    }

    #[test]
    fn encode_round_trips() {
        let r = Reply::Weight {
            weight: Some((WeightValue::new(123, 2), Unit::Lb)),
            status: Status::default(),
        };
        assert_eq!(r.encode(), b"\n   1.23LB\r\n00\r\x03");
        assert_eq!(Reply::Unknown.encode(), b"\n?\r\x03");
    }
}
