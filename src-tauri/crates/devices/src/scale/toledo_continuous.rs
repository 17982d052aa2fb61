//! Toledo continuous output: the scale streams `<STX> SWA SWB SWC` + 6-digit weight + 6-digit
//! tare + `<CR>`, optionally followed by a checksum (two's complement of the 7-bit sum of the
//! frame, so the whole frame plus checksum sums to 0 mod 128).
//! SWA bits 0-2: decimal point position; SWB bit0 net, bit1 negative, bit2 out of range,
//! bit3 motion, bit4 kg (else lb); SWC bits 0-2 unit extension (1 grams, 3 ounces, 0 = as SWB).
//! Parsed leniently: spare bits are ignored, because vendors differ on them. Weights are never
//! requested; the remote commands `Z` (zero), `T` (tare) and `C` (clear tare) are single bytes.

use super::codec::{Decoded, FrameDecoder, Garbled, Sample, ScaleEvent};
use super::units::{Unit, WeightValue};

pub const ZERO: &[u8] = b"Z";
pub const TARE: &[u8] = b"T";
pub const CLEAR_TARE: &[u8] = b"C";

const STX: u8 = 0x02;
const CR: u8 = b'\r';
/// STX + 3 status bytes + 12 digits + CR.
pub const FRAME_LEN: usize = 17;

/// One continuous-output frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Weight digits as printed (0..=999_999), without sign.
    pub weight: u32,
    pub tare: u32,
    /// SWA bits 0-2.
    pub decimal_code: u8,
    pub net: bool,
    pub negative: bool,
    pub out_of_range: bool,
    pub motion: bool,
    pub unit: Unit,
}

impl Frame {
    /// A frame for `value` in `unit`; `None` when it does not fit the 6 digits and 5 decimals.
    pub fn from_value(value: WeightValue, unit: Unit) -> Option<Frame> {
        let weight = u32::try_from(value.mantissa.unsigned_abs()).ok()?;
        if weight > 999_999 || value.decimals > 5 {
            return None;
        }
        Some(Frame {
            weight,
            tare: 0,
            decimal_code: value.decimals + 2,
            net: false,
            negative: value.mantissa < 0,
            out_of_range: false,
            motion: false,
            unit,
        })
    }

    /// The displayed weight (signed).
    pub fn value(&self) -> WeightValue {
        let (mut mantissa, decimals) = match self.decimal_code & 7 {
            0 => (i64::from(self.weight) * 100, 0),
            1 => (i64::from(self.weight) * 10, 0),
            code => (i64::from(self.weight), code - 2),
        };
        if self.negative {
            mantissa = -mantissa;
        }
        WeightValue { mantissa, decimals }
    }

    pub fn encode(&self, with_checksum: bool) -> Vec<u8> {
        let (unit_kg, swc_unit) = match self.unit {
            Unit::Kg => (true, 0),
            Unit::Lb => (false, 0),
            Unit::G => (true, 1),
            Unit::Oz => (false, 3),
        };
        let bit = |b: bool, n: u8| u8::from(b) << n;
        // SWA: bits 3-4 = increment size 1 (0b01), bit 5 always set.
        let swa = 0x20 | 0x08 | (self.decimal_code & 7);
        let swb = 0x20
            | bit(self.net, 0)
            | bit(self.negative, 1)
            | bit(self.out_of_range, 2)
            | bit(self.motion, 3)
            | bit(unit_kg, 4);
        let swc = 0x20 | swc_unit;
        let mut out = vec![STX, swa, swb, swc];
        out.extend_from_slice(
            format!("{:06}{:06}", self.weight % 1_000_000, self.tare % 1_000_000).as_bytes(),
        );
        out.push(CR);
        if with_checksum {
            out.push(checksum(&out));
        }
        out
    }

    /// Parses exactly one frame, STX to CR included, no checksum.
    pub fn parse(bytes: &[u8]) -> Option<Frame> {
        if bytes.len() != FRAME_LEN || bytes[0] != STX || bytes[FRAME_LEN - 1] != CR {
            return None;
        }
        let (swa, swb, swc) = (bytes[1], bytes[2], bytes[3]);
        let digits = |field: &[u8]| -> Option<u32> {
            field.iter().try_fold(0u32, |acc, &b| match b {
                b'0'..=b'9' => Some(acc * 10 + u32::from(b - b'0')),
                b' ' => Some(acc * 10),
                _ => None,
            })
        };
        let weight = digits(&bytes[4..10])?;
        let tare = digits(&bytes[10..16])?;
        let unit = match swc & 7 {
            0 if swb & 0x10 != 0 => Unit::Kg,
            0 => Unit::Lb,
            1 => Unit::G,
            3 => Unit::Oz,
            _ => return None,
        };
        Some(Frame {
            weight,
            tare,
            decimal_code: swa & 7,
            net: swb & 1 != 0,
            negative: swb & 2 != 0,
            out_of_range: swb & 4 != 0,
            motion: swb & 8 != 0,
            unit,
        })
    }

    pub fn event(&self) -> ScaleEvent {
        if self.out_of_range {
            return if self.negative {
                ScaleEvent::Underload
            } else {
                ScaleEvent::Overload
            };
        }
        ScaleEvent::Weight(Sample {
            value: self.value(),
            unit: self.unit,
            stable: !self.motion,
            net: Some(self.net),
        })
    }
}

/// Two's complement of the 7-bit sum.
pub fn checksum(bytes: &[u8]) -> u8 {
    let sum = bytes.iter().fold(0u8, |acc, &b| acc.wrapping_add(b & 0x7f));
    sum.wrapping_neg() & 0x7f
}

/// Streams frames. A frame is reported as soon as its CR arrives, unless the scale has been
/// seen sending checksums: then it is held until its checksum byte and dropped if that is wrong.
#[derive(Debug, Default)]
pub struct Decoder {
    frame: Vec<u8>,
    in_frame: bool,
    /// The checksum expected after the last complete frame, and that frame when held.
    after_cr: Option<(u8, Option<Frame>)>,
    checksums: bool,
}

impl Decoder {
    fn finish(&mut self, frame: Vec<u8>) -> Option<Decoded> {
        let parsed = Frame::parse(&frame);
        let sum = checksum(&frame);
        match parsed {
            None => Some(Err(Garbled::from_bytes(&frame))),
            Some(f) if self.checksums => {
                self.after_cr = Some((sum, Some(f)));
                None
            }
            Some(f) => {
                self.after_cr = Some((sum, None));
                Some(Ok(f.event()))
            }
        }
    }
}

impl FrameDecoder for Decoder {
    fn push(&mut self, byte: u8) -> Option<Decoded> {
        let byte = byte & 0x7f;
        if let Some((expected, held)) = self.after_cr.take() {
            if byte == expected {
                self.checksums = true;
                return held.map(|f| Ok(f.event()));
            }
            if held.is_some() {
                // A frame whose checksum is missing or wrong is not trusted.
                self.checksums = byte != STX;
                if byte != STX {
                    return Some(Err(Garbled("Toledo frame with a wrong checksum".into())));
                }
            }
        }
        if byte == STX {
            self.frame.clear();
            self.frame.push(STX);
            self.in_frame = true;
            return None;
        }
        if !self.in_frame {
            return None;
        }
        self.frame.push(byte);
        if byte == CR || self.frame.len() >= FRAME_LEN {
            self.in_frame = false;
            let frame = std::mem::take(&mut self.frame);
            return self.finish(frame);
        }
        None
    }

    fn reset(&mut self) {
        self.frame.clear();
        self.in_frame = false;
        self.after_cr = None;
    }

    fn buffered(&self) -> usize {
        self.frame.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::codec::decode_all;

    fn sample(m: i64, d: u8, unit: Unit, stable: bool, net: bool) -> ScaleEvent {
        ScaleEvent::Weight(Sample {
            value: WeightValue::new(m, d),
            unit,
            stable,
            net: Some(net),
        })
    }

    fn frame(swa: u8, swb: u8, swc: u8, digits: &str) -> Vec<u8> {
        let mut f = vec![STX, swa, swb, swc];
        f.extend_from_slice(digits.as_bytes());
        f.push(CR);
        f
    }

    #[test]
    fn frame_table() {
        let cases: Vec<(Vec<u8>, ScaleEvent)> = vec![
            (
                frame(0x25, 0x30, 0x20, "001234000000"),
                sample(1234, 3, Unit::Kg, true, false),
            ),
            (
                frame(0x24, 0x20, 0x20, "000220000000"),
                sample(220, 2, Unit::Lb, true, false),
            ),
            (
                frame(0x22, 0x20, 0x21, "001250000000"),
                sample(1250, 0, Unit::G, true, false),
            ),
            (
                frame(0x23, 0x20, 0x23, "000353000000"),
                sample(353, 1, Unit::Oz, true, false),
            ),
            (
                frame(0x21, 0x30, 0x20, "000123000000"),
                sample(1230, 0, Unit::Kg, true, false),
            ),
            (
                frame(0x20, 0x30, 0x20, "000123000000"),
                sample(12300, 0, Unit::Kg, true, false),
            ),
            (
                frame(0x27, 0x30, 0x20, "123456000000"),
                sample(123456, 5, Unit::Kg, true, false),
            ),
            (
                frame(0x25, 0x38, 0x20, "001234000000"),
                sample(1234, 3, Unit::Kg, false, false),
            ),
            (
                frame(0x25, 0x31, 0x20, "001000000250"),
                sample(1000, 3, Unit::Kg, true, true),
            ),
            (
                frame(0x25, 0x32, 0x20, "000012000000"),
                sample(-12, 3, Unit::Kg, true, false),
            ),
            (
                frame(0x25, 0x34, 0x20, "999999000000"),
                ScaleEvent::Overload,
            ),
            (
                frame(0x25, 0x36, 0x20, "000000000000"),
                ScaleEvent::Underload,
            ),
            // Lenient: spare bits set, bit 5 missing, spaces for leading zeros.
            (
                frame(0x4d, 0x70, 0x00, "  1234      "),
                sample(1234, 3, Unit::Kg, true, false),
            ),
        ];
        for (bytes, want) in cases {
            let out = decode_all(&mut Decoder::default(), &bytes);
            assert_eq!(
                out,
                vec![Ok(want)],
                "{}",
                crate::scale::codec::printable(&bytes)
            );
        }
    }

    #[test]
    fn malformed_frames_are_garbled() {
        for bytes in [
            frame(0x25, 0x30, 0x20, "00123x000000"),
            frame(0x25, 0x30, 0x22, "001234000000"),
            frame(0x25, 0x30, 0x20, "0012340000"),
            b"\x02\x25\x30\x20001234000000000\r".to_vec(),
        ] {
            let out = decode_all(&mut Decoder::default(), &bytes);
            assert!(
                !out.is_empty() && out.iter().all(|r| r.is_err()),
                "{bytes:?} -> {out:?}"
            );
        }
    }

    #[test]
    fn checksums_are_learnt_then_enforced() {
        let f = Frame::from_value(WeightValue::new(1234, 3), Unit::Kg).unwrap();
        let good = f.encode(true);
        assert_eq!(good.iter().fold(0u8, |a, &b| a.wrapping_add(b)) & 0x7f, 0);
        let mut d = Decoder::default();
        // First frame: reported at CR, its checksum teaches the decoder.
        assert_eq!(decode_all(&mut d, &good).len(), 1);
        assert_eq!(decode_all(&mut d, &good), vec![Ok(f.event())]);
        let mut bad = good.clone();
        bad[6] = b'9';
        let out = decode_all(&mut d, &bad);
        assert!(out.len() == 1 && out[0].is_err(), "{out:?}");
        assert_eq!(decode_all(&mut d, &good), vec![Ok(f.event())]);
    }

    #[test]
    fn without_checksums_frames_follow_each_other() {
        let f = Frame::from_value(WeightValue::new(-500, 3), Unit::Lb).unwrap();
        let mut bytes = f.encode(false);
        bytes.extend(f.encode(false));
        let out = decode_all(&mut Decoder::default(), &bytes);
        assert_eq!(out, vec![Ok(f.event()), Ok(f.event())]);
    }

    #[test]
    fn bounded_and_resynchronises_on_stx() {
        let mut d = Decoder::default();
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 251) as u8 | 0x40).collect();
        decode_all(&mut d, &noise);
        assert!(d.buffered() <= FRAME_LEN);
        let f = Frame::from_value(WeightValue::new(7, 0), Unit::G).unwrap();
        let mut bytes = b"\x02\x25junk".to_vec();
        bytes.extend(f.encode(false));
        assert_eq!(decode_all(&mut d, &bytes).last(), Some(&Ok(f.event())));
    }
}
