//! What any scale frame means once decoded, whatever the protocol, and the streaming decoder
//! contract every protocol implements: bytes in, events out, bounded memory, never a panic.

use super::units::{Unit, WeightValue};

/// One weight as the scale sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub value: WeightValue,
    pub unit: Unit,
    /// The scale's own stability flag.
    pub stable: bool,
    /// Net (tare applied) when the protocol says; `None` when it does not tell.
    pub net: Option<bool>,
}

impl Sample {
    pub fn grams(&self) -> i64 {
        self.value.to_grams(self.unit)
    }
}

/// The meaning of one decoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaleEvent {
    Weight(Sample),
    /// Moving, and the frame carries no weight.
    Motion,
    Overload,
    Underload,
    /// The scale has no valid zero (for example not zeroed at power-up).
    NeedsZero,
    /// The scale reports an internal fault (RAM, ROM, calibration...).
    Fault(Fault),
    /// Understood but not carried out now: another command runs, or the weight did not settle
    /// in the scale's own time (MT-SICS `S I`).
    Busy,
    /// The scale received garbled bytes (MT-SICS `ET`): baud rate or parity differ.
    TransmissionError,
    /// A command was carried out.
    Done,
    /// A command was understood but could not be carried out now; the text says why.
    Refused(String),
    /// The scale did not understand the command (wrong protocol?).
    NotUnderstood(String),
}

/// An internal fault a scale reports in its status (NCI SCP-01 status bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Ram,
    Eeprom,
    Rom,
    /// "Faulty calibration".
    Calibration,
    /// The scale could not take its zero when switched on.
    InitialZero,
    /// Anything else, in words.
    Other(String),
}

impl Fault {
    /// A stable code, part of [`ScaleError::code`](super::ScaleError::code)'s vocabulary.
    pub fn code(&self) -> &'static str {
        match self {
            Fault::Ram => "scale_ram_error",
            Fault::Eeprom => "scale_eeprom_error",
            Fault::Rom => "scale_rom_error",
            Fault::Calibration => "scale_calibration_error",
            Fault::InitialZero => "scale_initial_zero_error",
            Fault::Other(_) => "scale_fault",
        }
    }

    /// What the packer does about it.
    pub fn advice(&self) -> String {
        match self {
            Fault::Ram => "The scale reports a memory (RAM) error: switch it off and on again; if it stays, call IT.".into(),
            Fault::Eeprom => "The scale reports a settings memory (EEPROM) error: switch it off and on again; if it stays, call IT.".into(),
            Fault::Rom => "The scale reports a program memory (ROM) error: switch it off and on again; if it stays, call IT.".into(),
            Fault::Calibration => "The scale reports a faulty calibration: do not weigh parcels on it; call IT to have it calibrated.".into(),
            Fault::InitialZero => "The scale could not find zero when it was switched on: take everything off the platter, switch it off and on again.".into(),
            Fault::Other(what) => format!("The scale reports a fault ({what}): switch it off and on again; if it stays, call IT."),
        }
    }
}

/// A frame that could not be read: its bytes, shortened and made printable for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Garbled(pub String);

impl Garbled {
    pub fn from_bytes(bytes: &[u8]) -> Garbled {
        Garbled(printable(bytes))
    }
}

/// Bytes as printable text for messages and logs: at most 40 bytes, others escaped.
pub fn printable(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes.iter().take(40) {
        match b {
            b'\r' => s.push_str("<CR>"),
            b'\n' => s.push_str("<LF>"),
            0x02 => s.push_str("<STX>"),
            0x03 => s.push_str("<ETX>"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("<{b:02X}>")),
        }
    }
    if bytes.len() > 40 {
        s.push_str("...");
    }
    s
}

pub type Decoded = Result<ScaleEvent, Garbled>;

/// A streaming decoder: fed one byte at a time, it yields an event or a garbled frame whenever
/// a frame ends. Implementations keep at most a few dozen bytes and resynchronise on the next
/// frame start after anything they cannot read.
pub trait FrameDecoder: Send {
    fn push(&mut self, byte: u8) -> Option<Decoded>;
    /// Forgets any partial frame.
    fn reset(&mut self);
    /// Bytes currently held (for tests of the bound).
    fn buffered(&self) -> usize;
}

/// Feeds all of `bytes` and collects what comes out.
pub fn decode_all(decoder: &mut dyn FrameDecoder, bytes: &[u8]) -> Vec<Decoded> {
    bytes.iter().filter_map(|&b| decoder.push(b)).collect()
}

/// Asserts that each input, fed to a fresh decoder, gives exactly its event (the protocols'
/// reply tables).
#[cfg(test)]
pub(crate) fn assert_each_decodes_to<'a>(
    decode: impl Fn(&[u8]) -> Vec<Decoded>,
    cases: impl IntoIterator<Item = (&'a [u8], ScaleEvent)>,
) {
    for (bytes, want) in cases {
        assert_eq!(decode(bytes), vec![Ok(want)], "{}", printable(bytes));
    }
}

/// Asserts that each input, fed to a fresh decoder, gives one garbled frame and no event.
#[cfg(test)]
pub(crate) fn assert_each_garbled<'a>(
    decode: impl Fn(&[u8]) -> Vec<Decoded>,
    inputs: impl IntoIterator<Item = &'a [u8]>,
) {
    for bytes in inputs {
        let out = decode(bytes);
        assert_eq!(out.len(), 1, "{}", printable(bytes));
        assert!(out[0].is_err(), "{} -> {out:?}", printable(bytes));
    }
}

/// A plain (tare-less) weight event, for the protocols' table tests.
#[cfg(test)]
pub(crate) fn weight_event(stable: bool, m: i64, d: u8, unit: Unit) -> ScaleEvent {
    ScaleEvent::Weight(Sample {
        value: WeightValue::new(m, d),
        unit,
        stable,
        net: None,
    })
}
