//! The reply logic of simulated scales, pure: time is passed in, randomness is a seeded
//! generator. A load put on the platter reads as motion (swinging) for `settle_time`, then
//! stable with up to `noise_g` of jitter. The reading holds still during the last third of the
//! motion, so an adapter that ignored the stability flag would be caught. The pty simulator
//! and training mode drive it.

use super::mt_sics;
use super::nci;
use super::toledo_8217;
use super::toledo_continuous;
use super::units::{Unit, WeightValue};
use super::Protocol;
use std::time::Duration;

/// A state the scale can be forced into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Normal,
    Overload,
    Underload,
    /// An internal fault (NCI: RAM error; MT-SICS: `EL`; 8217: needs zero; continuous: silent).
    Fault,
}

/// Line trouble the simulator can inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Garbage {
    Off,
    /// Random bytes (1 to 16) before every reply or frame.
    NoiseBefore,
    /// Random bytes instead of every reply or frame.
    Replace,
    /// Only the first half of every reply or frame.
    Truncate,
}

/// What the display shows at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Display {
    Moving(i64),
    Stable(i64),
    Over,
    Under,
    Fault,
}

#[derive(Debug, Clone)]
pub struct SimScale {
    pub protocol: Protocol,
    pub unit: Unit,
    pub decimals: u8,
    pub settle_time: Duration,
    /// Largest jitter of a stable reading, in grams.
    pub noise_g: u32,
    /// Largest swing of a moving reading, in grams.
    pub swing_g: u32,
    pub capacity_g: i64,
    /// Largest load that zero accepts (2% of capacity on most scales).
    pub zero_range_g: i64,
    pub condition: Condition,
    pub garbage: Garbage,
    /// Answers nothing (a dead scale, a cut cable).
    pub silent: bool,
    /// Continuous output: append the checksum byte.
    pub checksum: bool,
    load_g: i64,
    zero_g: i64,
    tare_g: i64,
    changed_at: Duration,
    rng: u64,
    request: Vec<u8>,
}

impl SimScale {
    /// An empty 30 kg scale showing kg with 3 decimals, settling in 300 ms, no noise.
    pub fn new(protocol: Protocol) -> Self {
        SimScale {
            protocol,
            unit: Unit::Kg,
            decimals: 3,
            settle_time: Duration::from_millis(300),
            noise_g: 0,
            swing_g: 40,
            capacity_g: 30_000,
            zero_range_g: 600,
            condition: Condition::Normal,
            garbage: Garbage::Off,
            silent: false,
            checksum: false,
            load_g: 0,
            zero_g: 0,
            tare_g: 0,
            changed_at: Duration::ZERO,
            rng: 0x9E37_79B9_7F4A_7C15,
            request: Vec::new(),
        }
    }

    pub fn seed(&mut self, seed: u64) {
        self.rng = seed | 1;
    }

    /// Puts `grams` on the platter at `now`: the display moves, then settles.
    pub fn set_load_g(&mut self, grams: i64, now: Duration) {
        self.load_g = grams;
        self.changed_at = now;
    }

    pub fn load_g(&self) -> i64 {
        self.load_g
    }

    /// What the display shows once settled: load less zero and tare.
    pub fn net_g(&self) -> i64 {
        self.load_g - self.zero_g - self.tare_g
    }

    pub fn tare_g(&self) -> i64 {
        self.tare_g
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn jitter(&mut self, amplitude: u32) -> i64 {
        if amplitude == 0 {
            return 0;
        }
        let span = u64::from(amplitude) * 2 + 1;
        (self.next_random() % span) as i64 - i64::from(amplitude)
    }

    fn moving(&self, now: Duration) -> bool {
        now.saturating_sub(self.changed_at) < self.settle_time
    }

    fn display(&mut self, now: Duration) -> Display {
        match self.condition {
            Condition::Overload => return Display::Over,
            Condition::Underload => return Display::Under,
            Condition::Fault => return Display::Fault,
            Condition::Normal => {}
        }
        if self.load_g - self.zero_g > self.capacity_g {
            return Display::Over;
        }
        let net = self.net_g();
        if self.moving(now) {
            // Swinging at first; in the last third the number already holds still but the
            // scale's own motion detector has not released yet, as on real scales.
            let elapsed = now.saturating_sub(self.changed_at);
            if elapsed * 3 >= self.settle_time * 2 {
                return Display::Moving(net);
            }
            let swing = self.swing_g.max(1);
            Display::Moving(net + self.jitter(swing))
        } else {
            let noise = self.noise_g;
            Display::Stable(net + self.jitter(noise))
        }
    }

    fn value(&self, grams: i64) -> WeightValue {
        WeightValue::from_grams(grams, self.unit, self.decimals)
    }

    /// Zero: accepted when steady and within the zero range.
    fn do_zero(&mut self, now: Duration) -> Result<(), ZeroRefusal> {
        if self.moving(now) {
            return Err(ZeroRefusal::Moving);
        }
        if (self.load_g - self.zero_g).abs() > self.zero_range_g {
            return Err(ZeroRefusal::OutOfRange);
        }
        self.zero_g = self.load_g;
        self.tare_g = 0;
        Ok(())
    }

    /// Tare: accepted when steady with something on the platter.
    fn do_tare(&mut self, now: Duration) -> Result<i64, ZeroRefusal> {
        if self.moving(now) {
            return Err(ZeroRefusal::Moving);
        }
        if self.load_g - self.zero_g <= 0 {
            return Err(ZeroRefusal::OutOfRange);
        }
        self.tare_g = self.load_g - self.zero_g;
        Ok(self.tare_g)
    }

    /// Feeds bytes from the host; returns what the scale sends back (possibly nothing).
    pub fn receive(&mut self, bytes: &[u8], now: Duration) -> Vec<u8> {
        let mut out = Vec::new();
        for &b in bytes {
            let b = match self.protocol {
                Protocol::MtSics => b,
                _ => b & 0x7f,
            };
            let request = match self.protocol {
                Protocol::MtSics if b == b'\n' => Some(std::mem::take(&mut self.request)),
                Protocol::Nci if b == b'\r' => Some(std::mem::take(&mut self.request)),
                Protocol::MtSics | Protocol::Nci => {
                    if b != b'\r' && self.request.len() < 32 {
                        self.request.push(b);
                    }
                    None
                }
                Protocol::Toledo8217 | Protocol::ToledoContinuous => Some(vec![b]),
            };
            if let Some(request) = request {
                let reply = self.answer(&request, now);
                if !reply.is_empty() && !self.silent {
                    let reply = self.spoil(reply);
                    out.extend(reply);
                }
            }
        }
        out
    }

    /// The next frame a continuous-output scale sends (empty when it sends nothing).
    pub fn stream_frame(&mut self, now: Duration) -> Vec<u8> {
        if self.protocol != Protocol::ToledoContinuous || self.silent {
            return Vec::new();
        }
        let display = self.display(now);
        let mut frame = match display {
            Display::Moving(g) | Display::Stable(g) => {
                let Some(mut f) = toledo_continuous::Frame::from_value(self.value(g), self.unit)
                else {
                    return Vec::new();
                };
                f.motion = matches!(display, Display::Moving(_));
                f.net = self.tare_g != 0;
                f.tare = self.value(self.tare_g).mantissa.unsigned_abs().min(999_999) as u32;
                f
            }
            Display::Over | Display::Under => {
                let mut f = toledo_continuous::Frame::from_value(self.value(0), self.unit)
                    .expect("zero fits a frame");
                f.out_of_range = true;
                f.negative = self.condition == Condition::Underload;
                f
            }
            Display::Fault => return Vec::new(),
        };
        frame.tare %= 1_000_000;
        let bytes = frame.encode(self.checksum);
        self.spoil(bytes)
    }

    fn spoil(&mut self, reply: Vec<u8>) -> Vec<u8> {
        match self.garbage {
            Garbage::Off => reply,
            Garbage::NoiseBefore => {
                let n = 1 + (self.next_random() % 16) as usize;
                let mut out: Vec<u8> = (0..n).map(|_| self.next_random() as u8).collect();
                out.extend(reply);
                out
            }
            Garbage::Replace => (0..reply.len()).map(|_| self.next_random() as u8).collect(),
            Garbage::Truncate => reply[..reply.len() / 2].to_vec(),
        }
    }

    fn answer(&mut self, request: &[u8], now: Duration) -> Vec<u8> {
        match self.protocol {
            Protocol::MtSics => self.answer_mt_sics(request, now),
            Protocol::Nci => self.answer_nci(request, now),
            Protocol::Toledo8217 => self.answer_8217(request, now),
            Protocol::ToledoContinuous => {
                match request {
                    b"Z" => {
                        let _ = self.do_zero(now);
                    }
                    b"T" => {
                        let _ = self.do_tare(now);
                    }
                    b"C" => self.tare_g = 0,
                    _ => {}
                }
                Vec::new()
            }
        }
    }

    fn answer_mt_sics(&mut self, request: &[u8], now: Duration) -> Vec<u8> {
        use mt_sics::{Reply, Status};
        let command = String::from_utf8_lossy(request).trim().to_string();
        let reply = match command.as_str() {
            "" => return Vec::new(),
            "SI" | "S" => match self.display(now) {
                Display::Stable(g) => Reply::Weight {
                    stable: true,
                    value: self.value(g),
                    unit: self.unit,
                },
                // `S` waits for stability on a real scale; here it answers busy at once.
                Display::Moving(_) if command == "S" => Reply::WeighFailed(Status::Busy),
                Display::Moving(g) => Reply::Weight {
                    stable: false,
                    value: self.value(g),
                    unit: self.unit,
                },
                Display::Over => Reply::WeighFailed(Status::Above),
                Display::Under => Reply::WeighFailed(Status::Below),
                Display::Fault => Reply::Error('L'),
            },
            "Z" => match self.do_zero(now) {
                Ok(()) => Reply::Zero(Status::Done),
                Err(ZeroRefusal::Moving) => Reply::Zero(Status::Busy),
                Err(ZeroRefusal::OutOfRange) => Reply::Zero(Status::Above),
            },
            "T" => match self.do_tare(now) {
                Ok(t) => Reply::Tare {
                    value: self.value(t),
                    unit: self.unit,
                },
                Err(ZeroRefusal::Moving) => Reply::TareFailed(Status::Busy),
                Err(ZeroRefusal::OutOfRange) => Reply::TareFailed(Status::Below),
            },
            _ => Reply::Error('S'),
        };
        reply.encode()
    }

    fn answer_nci(&mut self, request: &[u8], now: Duration) -> Vec<u8> {
        use nci::{Reply, Status};
        let status_for = |display: Display| Status {
            motion: matches!(display, Display::Moving(_)),
            at_zero: display == Display::Stable(0),
            ram_error: display == Display::Fault,
            over_capacity: display == Display::Over,
            under_capacity: display == Display::Under,
            ..Status::default()
        };
        let reply = match request {
            b"W" => {
                let d = self.display(now);
                let weight = match d {
                    Display::Moving(g) | Display::Stable(g) => Some((self.value(g), self.unit)),
                    _ => None,
                };
                Reply::Weight {
                    weight,
                    status: status_for(d),
                }
            }
            b"S" => {
                let d = self.display(now);
                Reply::Status(status_for(d))
            }
            b"Z" => {
                let _ = self.do_zero(now);
                let d = self.display(now);
                Reply::Status(status_for(d))
            }
            _ => Reply::Unknown,
        };
        reply.encode()
    }

    fn answer_8217(&mut self, request: &[u8], now: Duration) -> Vec<u8> {
        use toledo_8217::{Reply, Status};
        let reply = match request {
            b"W" => match self.display(now) {
                Display::Stable(g) if g >= 0 => Reply::Weight(self.value(g)),
                Display::Stable(_) | Display::Under => Reply::Status(Status {
                    negative: true,
                    ..Status::default()
                }),
                Display::Moving(_) => Reply::Status(Status {
                    motion: true,
                    ..Status::default()
                }),
                Display::Over => Reply::Status(Status {
                    over_capacity: true,
                    ..Status::default()
                }),
                Display::Fault => Reply::Status(Status {
                    outside_zero_range: true,
                    ..Status::default()
                }),
            },
            b"Z" => match self.do_zero(now) {
                Ok(()) => Reply::Status(Status {
                    centre_of_zero: true,
                    ..Status::default()
                }),
                Err(ZeroRefusal::Moving) => Reply::Status(Status {
                    motion: true,
                    ..Status::default()
                }),
                Err(ZeroRefusal::OutOfRange) => Reply::Status(Status {
                    outside_zero_range: true,
                    ..Status::default()
                }),
            },
            _ => return Vec::new(),
        };
        reply.encode()
    }
}

enum ZeroRefusal {
    Moving,
    OutOfRange,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::codec::{decode_all, ScaleEvent};

    const T0: Duration = Duration::ZERO;
    fn at(ms: u64) -> Duration {
        Duration::from_millis(ms)
    }

    fn ask(sim: &mut SimScale, request: &[u8], now: Duration) -> Vec<ScaleEvent> {
        let bytes = sim.receive(request, now);
        let mut d = sim.protocol.decoder(sim.unit);
        decode_all(d.as_mut(), &bytes)
            .into_iter()
            .map(|r| r.expect("simulator frames decode"))
            .collect()
    }

    fn grams(events: &[ScaleEvent]) -> Vec<(i64, bool)> {
        events
            .iter()
            .map(|e| match e {
                ScaleEvent::Weight(s) => (s.grams(), s.stable),
                other => panic!("not a weight: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn moves_then_settles_in_each_request_protocol() {
        for p in [Protocol::MtSics, Protocol::Nci] {
            let mut sim = SimScale::new(p);
            sim.set_load_g(1234, T0);
            let req = p.weigh_request().unwrap();
            let moving = grams(&ask(&mut sim, req, at(10)));
            assert!(!moving[0].1, "{p}: moving first");
            assert_eq!(
                grams(&ask(&mut sim, req, at(400))),
                vec![(1234, true)],
                "{p}"
            );
        }
        let mut sim = SimScale::new(Protocol::Toledo8217);
        sim.set_load_g(1234, T0);
        assert_eq!(ask(&mut sim, b"W", at(10)), vec![ScaleEvent::Motion]);
        assert_eq!(grams(&ask(&mut sim, b"W", at(400))), vec![(1234, true)]);
    }

    #[test]
    fn continuous_frames_follow_the_load() {
        let mut sim = SimScale::new(Protocol::ToledoContinuous);
        sim.set_load_g(2500, T0);
        let mut d = sim.protocol.decoder(Unit::Kg);
        let first = decode_all(d.as_mut(), &sim.stream_frame(at(5)));
        assert!(matches!(first[..], [Ok(ScaleEvent::Weight(s))] if !s.stable));
        let later = decode_all(d.as_mut(), &sim.stream_frame(at(500)));
        assert!(matches!(later[..], [Ok(ScaleEvent::Weight(s))] if s.stable && s.grams() == 2500));
    }

    #[test]
    fn zero_and_tare_change_what_is_shown() {
        let mut sim = SimScale::new(Protocol::MtSics);
        sim.set_load_g(100, T0);
        assert_eq!(
            ask(&mut sim, b"Z\r\n", at(10)),
            vec![ScaleEvent::Refused("the weight was not steady".into())]
        );
        assert_eq!(ask(&mut sim, b"Z\r\n", at(400)), vec![ScaleEvent::Done]);
        assert_eq!(grams(&ask(&mut sim, b"SI\r\n", at(400))), vec![(0, true)]);
        sim.set_load_g(350, at(400));
        assert_eq!(ask(&mut sim, b"T\r\n", at(800)), vec![ScaleEvent::Done]);
        assert_eq!(sim.tare_g(), 250);
        sim.set_load_g(1350, at(800));
        assert_eq!(
            grams(&ask(&mut sim, b"SI\r\n", at(1200))),
            vec![(1000, true)]
        );
        sim.set_load_g(5000, at(1200));
        assert_eq!(
            ask(&mut sim, b"Z\r\n", at(1600)),
            vec![ScaleEvent::Refused(
                "the load is above the zero range".into()
            )]
        );
        assert_eq!(
            ask(&mut sim, b"XYZ\r\n", at(1600)),
            vec![ScaleEvent::NotUnderstood(
                "MT-SICS syntax error (ES)".into()
            )]
        );
    }

    #[test]
    fn conditions_are_reported() {
        let cases = [
            (Protocol::MtSics, Condition::Overload, ScaleEvent::Overload),
            (
                Protocol::MtSics,
                Condition::Underload,
                ScaleEvent::Underload,
            ),
            (Protocol::Nci, Condition::Overload, ScaleEvent::Overload),
            (Protocol::Nci, Condition::Underload, ScaleEvent::Underload),
            (
                Protocol::Nci,
                Condition::Fault,
                ScaleEvent::Fault(crate::scale::Fault::Ram),
            ),
            (
                Protocol::Toledo8217,
                Condition::Overload,
                ScaleEvent::Overload,
            ),
            (
                Protocol::Toledo8217,
                Condition::Underload,
                ScaleEvent::Underload,
            ),
            (
                Protocol::Toledo8217,
                Condition::Fault,
                ScaleEvent::NeedsZero,
            ),
        ];
        for (p, c, want) in cases {
            let mut sim = SimScale::new(p);
            sim.condition = c;
            assert_eq!(
                ask(&mut sim, p.weigh_request().unwrap(), at(500)),
                vec![want],
                "{p} {c:?}"
            );
        }
        let mut sim = SimScale::new(Protocol::MtSics);
        sim.set_load_g(31_000, T0);
        assert_eq!(
            ask(&mut sim, b"SI\r\n", at(500)),
            vec![ScaleEvent::Overload]
        );
    }

    #[test]
    fn silent_scale_says_nothing() {
        let mut sim = SimScale::new(Protocol::Nci);
        sim.silent = true;
        assert!(sim.receive(b"W\r", at(500)).is_empty());
    }
}
