//! Zebra host status (`~HS`), pure: the printer answers with three `STX ... ETX CR LF` lines of
//! comma-separated fields (ZPL Programming Guide, "~HS Host Status Return"). Parsing is
//! lenient about spacing and trailing fields, strict about flags, and never panics.

use crate::printer::{Condition, PrinterStatus};

/// The request, on the job's port or line.
pub const HOST_STATUS_REQUEST: &[u8] = b"~HS";

const STX: u8 = 0x02;
const ETX: u8 = 0x03;
/// Longer than any real line; past this a "line" is garbage.
const MAX_LINE: usize = 128;

/// What the three lines say (the fields Packbench uses; the rest are checked, not kept).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HostStatus {
    pub paper_out: bool,
    pub paused: bool,
    pub label_length_dots: u32,
    pub formats_in_buffer: u32,
    pub buffer_full: bool,
    pub partial_format: bool,
    pub corrupt_ram: bool,
    pub under_temperature: bool,
    pub over_temperature: bool,
    pub head_open: bool,
    pub ribbon_out: bool,
    pub thermal_transfer: bool,
    pub label_waiting: bool,
    pub labels_remaining: u32,
}

/// Why a reply is not a host status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostStatusError(pub String);

impl std::fmt::Display for HostStatusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl HostStatus {
    /// Parses a whole reply: bytes before the first STX and after the third line are ignored.
    pub fn parse(reply: &[u8]) -> Result<HostStatus, HostStatusError> {
        let mut reader = HostStatusReader::default();
        match reader.push(reply) {
            Some(result) => result,
            None => Err(HostStatusError(format!(
                "{} of the 3 status lines arrived",
                reader.lines.len()
            ))),
        }
    }

    pub(crate) fn from_lines(lines: &[Vec<u8>]) -> Result<HostStatus, HostStatusError> {
        let fields = |i: usize, min: usize| -> Result<Vec<String>, HostStatusError> {
            let text = std::str::from_utf8(&lines[i])
                .map_err(|_| HostStatusError(format!("line {} is not text", i + 1)))?;
            let f: Vec<String> = text.split(',').map(|s| s.trim().to_string()).collect();
            if f.len() < min {
                return Err(HostStatusError(format!(
                    "line {} has {} fields, expected {min}",
                    i + 1,
                    f.len()
                )));
            }
            Ok(f)
        };
        let flag = |line: usize, f: &[String], i: usize, what: &str| match f[i].as_str() {
            "0" => Ok(false),
            "1" => Ok(true),
            other => Err(HostStatusError(format!(
                "line {line} field {} ({what}) is \"{other}\", expected 0 or 1",
                i + 1
            ))),
        };
        let number = |line: usize, f: &[String], i: usize, what: &str| {
            f[i].parse::<u32>().map_err(|_| {
                HostStatusError(format!(
                    "line {line} field {} ({what}) is \"{}\", expected a number",
                    i + 1,
                    f[i]
                ))
            })
        };
        let l1 = fields(0, 12)?;
        let l2 = fields(1, 11)?;
        let l3 = fields(2, 2)?;
        number(1, &l1, 0, "interface settings")?;
        number(2, &l2, 0, "function settings")?;
        if l3[0].is_empty() {
            return Err(HostStatusError("line 3 has no password field".into()));
        }
        Ok(HostStatus {
            paper_out: flag(1, &l1, 1, "paper out")?,
            paused: flag(1, &l1, 2, "pause")?,
            label_length_dots: number(1, &l1, 3, "label length")?,
            formats_in_buffer: number(1, &l1, 4, "formats in buffer")?,
            buffer_full: flag(1, &l1, 5, "buffer full")?,
            partial_format: flag(1, &l1, 7, "partial format")?,
            corrupt_ram: flag(1, &l1, 9, "corrupt RAM")?,
            under_temperature: flag(1, &l1, 10, "under temperature")?,
            over_temperature: flag(1, &l1, 11, "over temperature")?,
            head_open: flag(2, &l2, 2, "head up")?,
            ribbon_out: flag(2, &l2, 3, "ribbon out")?,
            thermal_transfer: flag(2, &l2, 4, "thermal transfer")?,
            label_waiting: flag(2, &l2, 7, "label waiting")?,
            labels_remaining: number(2, &l2, 8, "labels remaining")?,
        })
    }

    /// The reply a printer in this state sends (for the simulator and round-trip tests).
    pub fn encode(&self) -> Vec<u8> {
        let b = |x: bool| if x { '1' } else { '0' };
        format!(
            "\x02030,{},{},{:04},{:03},{},0,{},000,{},{},{}\x03\r\n\x02001,0,{},{},{},2,6,{},{:08},1,000\x03\r\n\x021234,0\x03\r\n",
            b(self.paper_out),
            b(self.paused),
            self.label_length_dots,
            self.formats_in_buffer,
            b(self.buffer_full),
            b(self.partial_format),
            b(self.corrupt_ram),
            b(self.under_temperature),
            b(self.over_temperature),
            b(self.head_open),
            b(self.ribbon_out),
            b(self.thermal_transfer),
            b(self.label_waiting),
            self.labels_remaining,
        )
        .into_bytes()
    }

    /// The conditions this status reports, worst first.
    pub fn conditions(&self) -> Vec<Condition> {
        let mut c = Vec::new();
        let mut add = |on: bool, cond: Condition| {
            if on {
                c.push(cond)
            }
        };
        add(self.head_open, Condition::HeadOpen);
        add(self.paper_out, Condition::PaperOut);
        add(self.ribbon_out, Condition::RibbonOut);
        add(self.paused, Condition::Paused);
        add(self.over_temperature, Condition::HeadTooHot);
        add(self.corrupt_ram, Condition::CorruptMemory);
        add(self.under_temperature, Condition::HeadTooCold);
        add(self.buffer_full, Condition::BufferFull);
        c
    }

    pub fn to_status(&self) -> PrinterStatus {
        PrinterStatus::from_conditions(self.conditions(), self.holds_work())
    }

    /// Formats waiting, a label waiting to be taken, or a format half received.
    pub fn holds_work(&self) -> bool {
        self.formats_in_buffer > 0 || self.label_waiting || self.partial_format
    }
}

/// Collects a host status from bytes as they arrive.
#[derive(Debug, Default)]
pub struct HostStatusReader {
    lines: Vec<Vec<u8>>,
    current: Option<Vec<u8>>,
    /// Bytes seen that were not inside a line: a hint for "garbage" messages.
    stray: usize,
}

impl HostStatusReader {
    /// Feeds bytes; `Some` once three lines are in (or a line is garbage).
    pub fn push(&mut self, bytes: &[u8]) -> Option<Result<HostStatus, HostStatusError>> {
        for &b in bytes {
            match (&mut self.current, b) {
                (None, STX) => self.current = Some(Vec::new()),
                (None, b'\r' | b'\n') => {}
                (None, _) => self.stray += 1,
                (Some(_), STX) => {
                    return Some(Err(HostStatusError("a line started inside a line".into())))
                }
                (Some(line), ETX) => {
                    self.lines.push(std::mem::take(line));
                    self.current = None;
                    if self.lines.len() == 3 {
                        return Some(HostStatus::from_lines(&self.lines));
                    }
                }
                (Some(line), b) => {
                    if line.len() >= MAX_LINE {
                        return Some(Err(HostStatusError(format!(
                            "a line is longer than {MAX_LINE} bytes"
                        ))));
                    }
                    line.push(b);
                }
            }
        }
        None
    }

    /// Whether anything at all arrived.
    pub fn heard_anything(&self) -> bool {
        self.stray > 0 || !self.lines.is_empty() || self.current.is_some()
    }
}

/// Bytes shown in a message: printable ASCII, the rest escaped, at most `max` bytes.
pub fn printable(bytes: &[u8], max: usize) -> String {
    let mut s = String::new();
    for &b in bytes.iter().take(max) {
        match b {
            0x20..=0x7e => s.push(b as char),
            STX => s.push_str("<STX>"),
            ETX => s.push_str("<ETX>"),
            b'\r' => s.push_str("<CR>"),
            b'\n' => s.push_str("<LF>"),
            _ => s.push_str(&format!("<{b:02X}>")),
        }
    }
    if bytes.len() > max {
        s.push('…');
    }
    s
}
