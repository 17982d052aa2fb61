//! Toledo 8217 (9600 7E1), single-character requests: `W` weight, `Z` zero.
//! A stable weight comes back as `<STX>001.234<CR>`, with no unit (the unit is a setting of the
//! scale, so it is one of ours too). Otherwise a status `<STX>?s<CR>`: bit0 motion, bit1 over
//! capacity, bit2 negative, bit3 outside zero capture range, bit4 centre of zero, bit5 net;
//! bit 6 is normally set (so motion is `?A`) and ignored here. 7-bit: the parity bit is masked.
//! `Z` is taken to be answered with a status (centre of zero when it took; motion or outside
//! the zero range when not), as our simulator does: check against a real 8217 scale.

use super::codec::{Decoded, FrameDecoder, Garbled, Sample, ScaleEvent};
use super::units::{Unit, WeightValue};

pub const WEIGH: &[u8] = b"W";
pub const ZERO: &[u8] = b"Z";

const STX: u8 = 0x02;
const CR: u8 = b'\r';

/// The status byte's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    pub motion: bool,
    pub over_capacity: bool,
    pub negative: bool,
    pub outside_zero_range: bool,
    pub centre_of_zero: bool,
    pub net: bool,
}

impl Status {
    pub fn to_byte(self) -> u8 {
        let bit = |b: bool, n: u8| u8::from(b) << n;
        0x40 | bit(self.motion, 0)
            | bit(self.over_capacity, 1)
            | bit(self.negative, 2)
            | bit(self.outside_zero_range, 3)
            | bit(self.centre_of_zero, 4)
            | bit(self.net, 5)
    }

    pub fn from_byte(b: u8) -> Status {
        Status {
            motion: b & 1 != 0,
            over_capacity: b & 2 != 0,
            negative: b & 4 != 0,
            outside_zero_range: b & 8 != 0,
            centre_of_zero: b & 16 != 0,
            net: b & 32 != 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Weight(WeightValue),
    Status(Status),
}

impl Reply {
    /// Encodes a weight zero-padded to 7 characters (`001.234`), as the 8217 prints it.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![STX];
        match self {
            Reply::Weight(v) => out.extend_from_slice(format!("{:0>7}", v.to_string()).as_bytes()),
            Reply::Status(s) => out.extend_from_slice(&[b'?', s.to_byte()]),
        }
        out.push(CR);
        out
    }

    /// Parses what lies between STX and CR.
    pub fn parse(body: &[u8]) -> Option<Reply> {
        match body {
            [b'?', s] => Some(Reply::Status(Status::from_byte(*s))),
            _ => {
                let text = std::str::from_utf8(body).ok()?;
                if text.starts_with(' ') || text.ends_with(' ') {
                    return None;
                }
                Some(Reply::Weight(WeightValue::parse(text)?))
            }
        }
    }

    /// What the reply means, in `unit` (the scale's configured unit).
    pub fn event(&self, unit: Unit) -> ScaleEvent {
        match *self {
            Reply::Weight(value) => ScaleEvent::Weight(Sample {
                value,
                unit,
                stable: true,
                net: None,
            }),
            Reply::Status(s) if s.over_capacity => ScaleEvent::Overload,
            Reply::Status(s) if s.negative => ScaleEvent::Underload,
            Reply::Status(s) if s.outside_zero_range => ScaleEvent::NeedsZero,
            Reply::Status(s) if s.motion => ScaleEvent::Motion,
            Reply::Status(_) => ScaleEvent::Done,
        }
    }
}

/// Longest frame body kept.
pub const MAX_FRAME: usize = 16;

/// Frames run from STX to CR; a new STX always starts a new frame.
#[derive(Debug)]
pub struct Decoder {
    unit: Unit,
    body: Option<Vec<u8>>,
}

impl Decoder {
    pub fn new(unit: Unit) -> Self {
        Decoder { unit, body: None }
    }
}

impl FrameDecoder for Decoder {
    fn push(&mut self, byte: u8) -> Option<Decoded> {
        let byte = byte & 0x7f;
        if byte == STX {
            self.body = Some(Vec::new());
            return None;
        }
        let body = self.body.as_mut()?;
        if byte == CR {
            let body = self.body.take().unwrap_or_default();
            return Some(match Reply::parse(&body) {
                Some(r) => Ok(r.event(self.unit)),
                None => Err(Garbled::from_bytes(&body)),
            });
        }
        if body.len() >= MAX_FRAME {
            let body = self.body.take().unwrap_or_default();
            return Some(Err(Garbled::from_bytes(&body)));
        }
        body.push(byte);
        None
    }

    fn reset(&mut self) {
        self.body = None;
    }

    fn buffered(&self) -> usize {
        self.body.as_ref().map_or(0, Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::codec::{assert_each_decodes_to, decode_all};

    fn decode(bytes: &[u8]) -> Vec<Decoded> {
        decode_all(&mut Decoder::new(Unit::Kg), bytes)
    }

    fn weight(m: i64, d: u8) -> ScaleEvent {
        ScaleEvent::Weight(Sample {
            value: WeightValue::new(m, d),
            unit: Unit::Kg,
            stable: true,
            net: None,
        })
    }

    #[test]
    fn reply_table() {
        let cases: Vec<(&[u8], ScaleEvent)> = vec![
            (b"\x02001.234\r", weight(1234, 3)),
            (b"\x02000.000\r", weight(0, 3)),
            (b"\x0230.000\r", weight(30000, 3)),
            (b"\x020012.50\r", weight(1250, 2)),
            (b"\x0201234\r", weight(1234, 0)),
            (b"\x02?A\r", ScaleEvent::Motion),
            (b"\x02?B\r", ScaleEvent::Overload),
            (b"\x02?D\r", ScaleEvent::Underload),
            (b"\x02?H\r", ScaleEvent::NeedsZero),
            (b"\x02?P\r", ScaleEvent::Done),
            (b"\x02?`\r", ScaleEvent::Done),
            (b"\x02?@\r", ScaleEvent::Done),
            (b"\x02?C\r", ScaleEvent::Overload),
            (b"\x02?\x01\r", ScaleEvent::Motion),
            // Noise, a stray STX, the parity bit.
            (b"zz\r\x02001.234\r", weight(1234, 3)),
            (b"\x0299\x02001.234\r", weight(1234, 3)),
            (b"\x82\xb0\xb0\xb1\xae\xb2\xb3\xb4\x8d", weight(1234, 3)),
        ];
        assert_each_decodes_to(decode, cases);
    }

    #[test]
    fn every_status_bit_round_trips() {
        for bits in 0u8..64 {
            let s = Status::from_byte(0x40 | bits);
            assert_eq!(s.to_byte(), 0x40 | bits);
        }
    }

    #[test]
    fn malformed_frames_are_garbled() {
        for bytes in [
            &b"\x02\r"[..],
            b"\x02?\r",
            b"\x02?AB\r",
            b"\x02 1.234\r",
            b"\x021.2.3\r",
            b"\x02kg\r",
            b"\x0212345678901234567890\r",
        ] {
            let out = decode(bytes);
            assert!(
                !out.is_empty() && out.iter().all(|r| r.is_err()),
                "{bytes:?} -> {out:?}"
            );
        }
    }

    #[test]
    fn bounded_and_resynchronises() {
        let mut d = Decoder::new(Unit::Lb);
        let mut junk = vec![0x02];
        junk.extend_from_slice(&[b'7'; 1000]);
        let out = decode_all(&mut d, &junk);
        assert!(out.iter().all(|r| r.is_err()));
        assert!(d.buffered() <= MAX_FRAME);
        assert_eq!(
            decode_all(&mut d, b"\x02?B\r"),
            vec![Ok(ScaleEvent::Overload)]
        );
    }

    #[test]
    fn encode_matches_the_manual() {
        assert_eq!(
            Reply::Weight(WeightValue::new(1234, 3)).encode(),
            b"\x02001.234\r"
        );
        let motion = Status {
            motion: true,
            ..Status::default()
        };
        assert_eq!(Reply::Status(motion).encode(), b"\x02?A\r");
    }
}
