//! Scales: the [`Scale`] port, its settings and readings, and the pure protocol code (frame
//! encoding and decoding, unit conversion, the settle rule, simulator reply logic). Nothing in
//! this module does I/O; the serial adapter is [`crate::serial::SerialScale`] and the pty
//! simulator [`crate::simulator::SimulatedScale`].

pub mod codec;
pub mod error;
pub mod health;
pub mod mt_sics;
pub mod nci;
pub mod settle;
pub mod sim;
pub mod toledo_8217;
pub mod toledo_continuous;
pub mod units;

pub use codec::{Fault, FrameDecoder, Garbled, Sample, ScaleEvent};
pub use error::{Action, ScaleError};
pub use health::ScaleHealth;
pub use settle::{SettleRule, Settler};
pub use units::{Unit, WeightValue};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The station's scale, as the packing flow needs it. Calls block for at most their timeout.
pub trait Scale: Send {
    /// A weight the scale flags stable and that passes the settle rule, within `timeout`.
    fn read_stable(&mut self, timeout: Duration) -> Result<Reading, ScaleError>;
    /// Sets the scale's zero (empty platter).
    fn zero(&mut self) -> Result<(), ScaleError>;
    /// Tares the current load (an empty box, say) so that readings become net.
    fn tare(&mut self) -> Result<(), ScaleError>;
}

/// One weight reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// The weight in whole grams (rounded as [`units`] documents).
    pub grams: i64,
    pub stable: bool,
    /// The unit the scale reported in.
    pub unit: Unit,
    /// The number as the scale sent it, in `unit` ("1.234").
    pub value: String,
    /// Whether a tare was applied, when the protocol says.
    pub net: Option<bool>,
}

impl Reading {
    pub fn from_sample(sample: &Sample) -> Reading {
        Reading {
            grams: sample.grams(),
            stable: sample.stable,
            unit: sample.unit,
            value: sample.value.to_string(),
            net: sample.net,
        }
    }
}

/// The scale protocols Packbench speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    MtSics,
    Nci,
    #[serde(rename = "toledo-8217")]
    Toledo8217,
    ToledoContinuous,
}

impl Protocol {
    pub const ALL: [Protocol; 4] = [
        Protocol::MtSics,
        Protocol::Nci,
        Protocol::Toledo8217,
        Protocol::ToledoContinuous,
    ];

    /// The name used in settings and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::MtSics => "mt-sics",
            Protocol::Nci => "nci",
            Protocol::Toledo8217 => "toledo-8217",
            Protocol::ToledoContinuous => "toledo-continuous",
        }
    }

    /// Factory settings of the common models: MT-SICS 9600 8N1; NCI, Toledo 8217 and Toledo
    /// continuous 9600 7E1.
    pub fn default_serial(self) -> SerialSettings {
        match self {
            Protocol::MtSics => SerialSettings::new(9600, 8, Parity::None, 1),
            _ => SerialSettings::new(9600, 7, Parity::Even, 1),
        }
    }

    /// The bytes asking for one weight now; `None` for a scale that streams.
    pub fn weigh_request(self) -> Option<&'static [u8]> {
        match self {
            Protocol::MtSics => Some(mt_sics::WEIGH_NOW),
            Protocol::Nci => Some(nci::WEIGH),
            Protocol::Toledo8217 => Some(toledo_8217::WEIGH),
            Protocol::ToledoContinuous => None,
        }
    }

    /// The bytes of a zero or tare command; `None` when the protocol has none.
    pub fn command(self, action: Action) -> Option<&'static [u8]> {
        match (self, action) {
            (_, Action::Weigh) => self.weigh_request(),
            (Protocol::MtSics, Action::Zero) => Some(mt_sics::ZERO),
            (Protocol::MtSics, Action::Tare) => Some(mt_sics::TARE),
            (Protocol::Nci, Action::Zero) => Some(nci::ZERO),
            (Protocol::Toledo8217, Action::Zero) => Some(toledo_8217::ZERO),
            (Protocol::ToledoContinuous, Action::Zero) => Some(toledo_continuous::ZERO),
            (Protocol::ToledoContinuous, Action::Tare) => Some(toledo_continuous::TARE),
            (Protocol::Nci | Protocol::Toledo8217, Action::Tare) => None,
        }
    }

    /// Whether the scale answers a command (all but continuous output, whose commands are
    /// confirmed by the frames that follow).
    pub fn answers_commands(self) -> bool {
        self != Protocol::ToledoContinuous
    }

    /// A fresh decoder. `unit` is used only by protocols whose frames carry none (Toledo 8217).
    pub fn decoder(self, unit: Unit) -> Box<dyn FrameDecoder> {
        match self {
            Protocol::MtSics => Box::new(mt_sics::Decoder::default()),
            Protocol::Nci => Box::new(nci::Decoder::default()),
            Protocol::Toledo8217 => Box::new(toledo_8217::Decoder::new(unit)),
            Protocol::ToledoContinuous => Box::new(toledo_continuous::Decoder::default()),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Protocol {
    type Err = ScaleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                ScaleError::InvalidConfig(format!(
                    "unknown scale protocol \"{s}\" (use mt-sics, nci, toledo-8217 or toledo-continuous)"
                ))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Parity {
    None,
    Even,
    Odd,
}

/// Baud rate and framing of a serial line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerialSettings {
    pub baud: u32,
    /// 5 to 8.
    pub data_bits: u8,
    pub parity: Parity,
    /// 1 or 2.
    pub stop_bits: u8,
}

impl SerialSettings {
    pub fn new(baud: u32, data_bits: u8, parity: Parity, stop_bits: u8) -> Self {
        SerialSettings {
            baud,
            data_bits,
            parity,
            stop_bits,
        }
    }

    pub fn validate(&self) -> Result<(), ScaleError> {
        if self.baud == 0 || self.baud > 4_000_000 {
            return Err(ScaleError::InvalidConfig(format!(
                "baud rate {} is not valid",
                self.baud
            )));
        }
        if !(5..=8).contains(&self.data_bits) {
            return Err(ScaleError::InvalidConfig(format!(
                "{} data bits is not valid (5 to 8)",
                self.data_bits
            )));
        }
        if !(1..=2).contains(&self.stop_bits) {
            return Err(ScaleError::InvalidConfig(format!(
                "{} stop bits is not valid (1 or 2)",
                self.stop_bits
            )));
        }
        Ok(())
    }
}

/// `9600 7E1`.
impl fmt::Display for SerialSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = match self.parity {
            Parity::None => 'N',
            Parity::Even => 'E',
            Parity::Odd => 'O',
        };
        write!(f, "{} {}{}{}", self.baud, self.data_bits, p, self.stop_bits)
    }
}

/// Everything needed to talk to one scale. Serde-friendly for the station's settings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleConfig {
    /// A device path: `/dev/ttyUSB0`, a `/dev/serial/by-id/...` link, a pty.
    pub port: String,
    pub protocol: Protocol,
    pub serial: SerialSettings,
    /// How long the serial adapter's one-shot read waits for a stable weight, and zero/tare for their answer.
    pub timeout_ms: u64,
    /// How long to wait for the answer to one request before asking again.
    pub reply_timeout_ms: u64,
    /// Pause between weight requests while waiting for the weight to settle.
    pub poll_interval_ms: u64,
    pub settle: SettleRule,
    /// The scale's unit, for protocols whose frames carry none (Toledo 8217; default kg).
    pub unit: Option<Unit>,
}

impl ScaleConfig {
    /// The protocol's default serial settings, a 2 s timeout, polls every 50 ms (a display's
    /// 20 updates a second: a weight the scale flags stable is seen within one).
    pub fn new(port: impl Into<String>, protocol: Protocol) -> Self {
        ScaleConfig {
            port: port.into(),
            protocol,
            serial: protocol.default_serial(),
            timeout_ms: 2000,
            reply_timeout_ms: 500,
            poll_interval_ms: 50,
            settle: SettleRule::default(),
            unit: None,
        }
    }

    /// What the CLI gets: a port, a protocol name, an optional baud rate, a timeout.
    pub fn from_cli(
        port: &str,
        protocol: &str,
        baud: Option<u32>,
        timeout: Duration,
    ) -> Result<Self, ScaleError> {
        let mut config = ScaleConfig::new(port, protocol.parse()?);
        if let Some(baud) = baud {
            config.serial.baud = baud;
        }
        config.timeout_ms = timeout.as_millis().min(u128::from(u64::MAX)) as u64;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ScaleError> {
        if self.port.trim().is_empty() {
            return Err(ScaleError::InvalidConfig("no scale port is set".into()));
        }
        self.serial.validate()
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    pub fn unit(&self) -> Unit {
        self.unit.unwrap_or(Unit::Kg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_names_round_trip() {
        for p in Protocol::ALL {
            assert_eq!(p.name().parse::<Protocol>().unwrap(), p);
            assert_eq!(serde_json::to_value(p).unwrap(), p.name());
        }
        let e = "dibal".parse::<Protocol>().unwrap_err();
        assert_eq!(e.code(), "scale_invalid_config");
        assert!(e
            .to_string()
            .contains("mt-sics, nci, toledo-8217 or toledo-continuous"));
    }

    #[test]
    fn defaults_per_protocol() {
        assert_eq!(
            Protocol::Toledo8217.default_serial().to_string(),
            "9600 7E1"
        );
        assert_eq!(Protocol::MtSics.default_serial().to_string(), "9600 8N1");
        let c = ScaleConfig::from_cli("/dev/ttyUSB0", "nci", Some(19200), Duration::from_secs(3))
            .unwrap();
        assert_eq!(c.serial.to_string(), "19200 7E1");
        assert_eq!(c.timeout_ms, 3000);
        assert!(ScaleConfig::from_cli("", "nci", None, Duration::from_secs(1)).is_err());
        assert!(ScaleConfig::from_cli("/dev/x", "nci", Some(0), Duration::from_secs(1)).is_err());
    }

    #[test]
    fn tare_support_per_protocol() {
        assert!(Protocol::MtSics.command(Action::Tare).is_some());
        assert!(Protocol::ToledoContinuous.command(Action::Tare).is_some());
        assert!(Protocol::Nci.command(Action::Tare).is_none());
        assert!(Protocol::Toledo8217.command(Action::Tare).is_none());
        for p in Protocol::ALL {
            assert!(p.command(Action::Zero).is_some());
        }
    }

    #[test]
    fn reading_json_shape() {
        let r = Reading {
            grams: 1234,
            stable: true,
            unit: Unit::Kg,
            value: "1.234".into(),
            net: None,
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"grams": 1234, "stable": true, "unit": "kg", "value": "1.234", "net": null})
        );
    }
}
