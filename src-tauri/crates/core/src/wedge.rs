//! Keyboard-wedge scanners: a USB scanner that poses as a keyboard "types" each code and then
//! Enter or Tab. [`WedgeDecoder`] turns the key events back into the text the scanner meant,
//! and tells scans (fast bursts) from a person typing.
//!
//! It reads `KeyboardEvent.code` (the physical key) through the US layout, the layout scanners
//! are set up for, and never the OS's `key`: on a UK, AZERTY or QWERTZ desktop the OS turns the
//! scanner's keystrokes into other characters (`TR-0001` arrives as `TR)ààà&` on AZERTY), while
//! the physical keys stay those of the US layout. Caps Lock does not matter either: only the
//! scanner's own Shift counts.

/// One key press (a `keydown`), as the webview reports it. Only the physical key and the
/// modifiers are read; the OS's idea of the character (`key`) is deliberately absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyEvent<'a> {
    /// `KeyboardEvent.code`: "KeyA", "Digit1", "Minus", "Enter", "Tab", "Numpad0"...
    pub code: &'a str,
    pub shift: bool,
    /// Alt held: with numpad digits, an Alt code (Alt+0,2,9 is GS).
    pub alt: bool,
    /// AltGr (`getModifierState("AltGraph")`): a US-layout scanner never uses it.
    pub alt_gr: bool,
    pub ctrl: bool,
    /// `KeyboardEvent.timeStamp`, in milliseconds.
    pub timestamp_ms: f64,
}

impl<'a> KeyEvent<'a> {
    /// A key with no modifiers.
    pub fn plain(code: &'a str, timestamp_ms: f64) -> Self {
        KeyEvent {
            code,
            shift: false,
            alt: false,
            alt_gr: false,
            ctrl: false,
            timestamp_ms,
        }
    }
}

/// What tells a scan from typing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WedgeConfig {
    /// A scan has at least this many characters before its Enter/Tab.
    pub min_len: usize,
    /// ... and no gap between keys longer than this (scanners send a key every few ms; people
    /// rarely type two keys within 35 ms and never a whole code).
    pub max_gap_ms: f64,
    /// A burst longer than this is a stuck key, not a barcode: it is handed back as typing.
    pub max_len: usize,
}

impl Default for WedgeConfig {
    fn default() -> Self {
        WedgeConfig {
            min_len: 4,
            max_gap_ms: 35.0,
            max_len: 4096,
        }
    }
}

/// What a key event completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WedgeOutput {
    /// A burst at scanner speed ended by Enter or Tab. `text` is exactly what the scanner sent
    /// (AIM prefix and GS separators kept, terminator dropped); `symbology` its AIM prefix.
    Scan {
        text: String,
        symbology: Option<String>,
    },
    /// Keys typed at human speed (read through the US layout, so only indicative on other
    /// layouts: the page got these keys as usual). `withheld` is the tail of `text` whose
    /// keys were held back from the page while they looked like a scan (see
    /// [`WedgeDecoder::withholding`]); whoever held them back must now put them in.
    Typed { text: String, withheld: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Char(char),
    /// Enter or Tab: the end of a scan.
    Terminator,
    /// Shift, Ctrl, Meta...: pressed around the keys that matter, never in the text.
    Modifier,
    /// Alt pressed: an Alt code may follow.
    AltDown,
    /// A numpad digit with Alt held: part of an Alt code.
    AltDigit(u8),
    /// Anything else (arrows, Backspace, F-keys, AltGr chords): a person at the keyboard.
    Other,
}

/// Decodes a stream of key events. Feed every `keydown` but auto-repeats (a scanner never
/// holds a key; a held Shift would pass for a fast burst) to [`WedgeDecoder::push`]; bounded
/// memory (`max_len`), never panics, whatever the events.
#[derive(Debug, Clone)]
pub struct WedgeDecoder {
    cfg: WedgeConfig,
    /// Characters since the last output.
    buf: String,
    chars: usize,
    /// All gaps inside `buf` were at scanner speed.
    fast: bool,
    /// Byte index in `buf` from which keys were withheld.
    withheld_from: Option<usize>,
    /// The last key of the burst (character or Alt-code digit).
    last_ms: Option<f64>,
    /// An Alt code being entered: its value so far and whether all its keys came at
    /// scanner speed (`None`: it began the burst).
    alt_code: Option<(u32, Option<bool>)>,
    /// A modifier came slowly since the last key.
    slow_modifier: bool,
    /// The last event pushed was withheld.
    withholding: bool,
}

impl Default for WedgeDecoder {
    fn default() -> Self {
        WedgeDecoder::new(WedgeConfig::default())
    }
}

impl WedgeDecoder {
    pub fn new(cfg: WedgeConfig) -> Self {
        WedgeDecoder {
            cfg,
            buf: String::new(),
            chars: 0,
            fast: true,
            withheld_from: None,
            last_ms: None,
            alt_code: None,
            slow_modifier: false,
            withholding: false,
        }
    }

    pub fn config(&self) -> WedgeConfig {
        self.cfg
    }

    /// Characters held, waiting for the burst to end (for tests of the bound).
    pub fn buffered(&self) -> usize {
        self.chars
    }

    /// Whether the key just pushed should be kept from the page: it continues a burst already
    /// long and fast enough to be a scan, or it ended a scan. Only the burst's first
    /// `min_len - 1` keys reach the page; a caller that withholds keys must undo those on
    /// [`WedgeOutput::Scan`] and put [`WedgeOutput::Typed`]'s `withheld` back in.
    pub fn withholding(&self) -> bool {
        self.withholding
    }

    /// Feeds one `keydown`. Returns what this key completed, in order: usually nothing,
    /// sometimes two outputs (an Alt code that ends a typed run, then the scan or typed run
    /// this key ends).
    pub fn push(&mut self, ev: KeyEvent<'_>) -> Vec<WedgeOutput> {
        self.withholding = false;
        let mut out = Vec::new();
        let key = classify(&ev);
        let ts = ev.timestamp_ms;
        if key == Key::Modifier || key == Key::AltDown {
            if key == Key::AltDown {
                // Alt goes down afresh for each Alt code: the previous one is complete.
                self.finish_alt_code(&mut out);
            }
            // Modifiers are keys the scanner sends too: a slow one slows the burst.
            if let Some(fast) = self.paced(ts) {
                self.slow_modifier |= !fast;
                self.last_ms = Some(ts);
            }
            self.withholding = self.withheld_from.is_some();
            return out;
        }
        if let Key::AltDigit(d) = key {
            let gap = self.gap(ts);
            let (value, first_gap) = match self.alt_code {
                Some((value, first)) => (value, first.map(|f| f && gap != Some(false))),
                None => (0, gap),
            };
            self.alt_code = Some(((value * 10 + u32::from(d)) % 256, first_gap));
            self.last_ms = Some(ts);
            self.withholding = self.withheld_from.is_some();
            return out;
        }
        // Any other key ends an Alt code (Alt is released before the next key).
        self.finish_alt_code(&mut out);
        match key {
            Key::Char(c) => {
                let gap = self.gap(ts);
                self.add_char(c, gap, &mut out);
                self.last_ms = Some(ts);
                self.withholding = self.withheld_from.is_some();
            }
            Key::Terminator => {
                let gap = self.gap(ts);
                let is_scan =
                    self.fast && self.chars >= self.cfg.min_len.max(1) && gap == Some(true);
                if is_scan {
                    let text = std::mem::take(&mut self.buf);
                    self.reset();
                    self.withholding = true;
                    out.push(WedgeOutput::Scan {
                        symbology: split_aim(&text).0.map(str::to_owned),
                        text,
                    });
                } else {
                    self.flush_typed(&mut out);
                }
                self.last_ms = None;
            }
            _ => {
                self.flush_typed(&mut out);
                self.last_ms = None;
            }
        }
        out
    }

    /// Call when no key has come for a while (`now_ms` on the events' clock): a burst that
    /// stopped without Enter/Tab is typing after all, and any withheld keys come back.
    pub fn poll(&mut self, now_ms: f64) -> Vec<WedgeOutput> {
        let mut out = Vec::new();
        let idle = self
            .last_ms
            .is_some_and(|last| now_ms - last > self.cfg.max_gap_ms);
        if idle && (self.withheld_from.is_some() || self.alt_code.is_some()) {
            self.finish_alt_code(&mut out);
            self.flush_typed(&mut out);
        }
        out
    }

    /// Whether `ts` follows the last key at scanner speed; `None` after no key.
    fn paced(&self, ts: f64) -> Option<bool> {
        self.last_ms.map(|last| ts - last <= self.cfg.max_gap_ms)
    }

    /// Like [`Self::paced`], counting the modifiers pressed since the last key; clears them.
    fn gap(&mut self, ts: f64) -> Option<bool> {
        let fast = self.paced(ts).map(|f| f && !self.slow_modifier);
        self.slow_modifier = false;
        fast
    }

    fn finish_alt_code(&mut self, out: &mut Vec<WedgeOutput>) {
        let Some((value, gap)) = self.alt_code.take() else {
            return;
        };
        // Alt+0 gives nothing on Windows; values are bytes (Latin-1 above 127).
        if let Some(b) = u8::try_from(value).ok().filter(|&v| v != 0) {
            self.add_char(char::from(b), gap, out);
        }
    }

    fn add_char(&mut self, c: char, gap: Option<bool>, out: &mut Vec<WedgeOutput>) {
        let fast_gap = gap == Some(true);
        if self.chars > 0 {
            if fast_gap && !self.fast {
                // A fast run starts at the last character: what came before was typed.
                let last = self.buf.pop().expect("chars > 0");
                self.chars -= 1;
                self.flush_typed(out);
                self.push_char(last);
            } else if !fast_gap && self.fast && self.chars >= 2 {
                // A fast run broke off without Enter/Tab: it was not a scan.
                self.flush_typed(out);
            } else if !fast_gap {
                self.fast = false;
            }
        }
        if self.chars >= self.cfg.max_len {
            self.flush_typed(out);
        }
        self.push_char(c);
        if self.fast && self.withheld_from.is_none() && self.chars >= self.cfg.min_len.max(2) {
            self.withheld_from = Some(self.buf.len() - c.len_utf8());
        }
    }

    fn push_char(&mut self, c: char) {
        self.buf.push(c);
        self.chars += 1;
    }

    fn flush_typed(&mut self, out: &mut Vec<WedgeOutput>) {
        let text = std::mem::take(&mut self.buf);
        let withheld = self
            .withheld_from
            .and_then(|i| text.get(i..))
            .unwrap_or_default()
            .to_owned();
        self.reset();
        if !text.is_empty() {
            out.push(WedgeOutput::Typed { text, withheld });
        }
    }

    fn reset(&mut self) {
        self.buf.clear();
        self.chars = 0;
        self.fast = true;
        self.withheld_from = None;
        self.alt_code = None;
        self.slow_modifier = false;
    }
}

fn classify(ev: &KeyEvent<'_>) -> Key {
    match ev.code {
        "ShiftLeft" | "ShiftRight" | "ControlLeft" | "ControlRight" | "MetaLeft" | "MetaRight"
        | "CapsLock" | "NumLock" | "OSLeft" | "OSRight" => return Key::Modifier,
        "AltLeft" | "AltRight" => return Key::AltDown,
        "Enter" | "NumpadEnter" | "Tab" => return Key::Terminator,
        _ => {}
    }
    if ev.alt_gr {
        return Key::Other;
    }
    if ev.alt {
        return match ev.code.strip_prefix("Numpad").map(str::as_bytes) {
            Some([d @ b'0'..=b'9']) if !ev.ctrl => Key::AltDigit(d - b'0'),
            _ => Key::Other,
        };
    }
    let Some(c) = us_char(ev.code, ev.shift) else {
        return Key::Other;
    };
    if ev.ctrl {
        // Ctrl with @, A-Z, [, \, ], ^, _ gives the control characters 0-31 (Ctrl+] is GS).
        return match c {
            '@'..='_' => Key::Char(char::from(c as u8 - 0x40)),
            'a'..='z' => Key::Char(char::from(c as u8 - 0x60)),
            _ => Key::Other,
        };
    }
    Key::Char(c)
}

/// The character a physical key gives on the US layout, with or without Shift. The numpad is
/// read as with Num Lock on (scanners in keypad mode assume it).
pub fn us_char(code: &str, shift: bool) -> Option<char> {
    const SHIFTED_DIGITS: &[u8; 10] = b")!@#$%^&*(";
    let single = |rest: &str| match rest.as_bytes() {
        [b] => Some(*b),
        _ => None,
    };
    if let Some(l) = code.strip_prefix("Key").and_then(single) {
        return l
            .is_ascii_uppercase()
            .then(|| char::from(if shift { l } else { l.to_ascii_lowercase() }));
    }
    if let Some(d) = code.strip_prefix("Digit").and_then(single) {
        return d.is_ascii_digit().then(|| {
            char::from(if shift {
                SHIFTED_DIGITS[usize::from(d - b'0')]
            } else {
                d
            })
        });
    }
    if let Some(d) = code.strip_prefix("Numpad").and_then(single) {
        return d.is_ascii_digit().then_some(char::from(d));
    }
    let (plain, shifted) = match code {
        "Space" => (' ', ' '),
        "Minus" => ('-', '_'),
        "Equal" => ('=', '+'),
        "BracketLeft" => ('[', '{'),
        "BracketRight" => (']', '}'),
        "Backslash" => ('\\', '|'),
        "Semicolon" => (';', ':'),
        "Quote" => ('\'', '"'),
        "Backquote" => ('`', '~'),
        "Comma" => (',', '<'),
        "Period" => ('.', '>'),
        "Slash" => ('/', '?'),
        "NumpadAdd" => ('+', '+'),
        "NumpadSubtract" => ('-', '-'),
        "NumpadMultiply" => ('*', '*'),
        "NumpadDivide" => ('/', '/'),
        "NumpadDecimal" => ('.', '.'),
        _ => return None,
    };
    Some(if shift { shifted } else { plain })
}

/// One key a US-layout scanner presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keystroke {
    pub code: &'static str,
    pub shift: bool,
    pub ctrl: bool,
}

const US_CODES: [&str; 12] = [
    "Space",
    "Minus",
    "Equal",
    "BracketLeft",
    "BracketRight",
    "Backslash",
    "Semicolon",
    "Quote",
    "Backquote",
    "Comma",
    "Period",
    "Slash",
];
const LETTER_CODES: [&str; 26] = [
    "KeyA", "KeyB", "KeyC", "KeyD", "KeyE", "KeyF", "KeyG", "KeyH", "KeyI", "KeyJ", "KeyK", "KeyL",
    "KeyM", "KeyN", "KeyO", "KeyP", "KeyQ", "KeyR", "KeyS", "KeyT", "KeyU", "KeyV", "KeyW", "KeyX",
    "KeyY", "KeyZ",
];
const DIGIT_CODES: [&str; 10] = [
    "Digit0", "Digit1", "Digit2", "Digit3", "Digit4", "Digit5", "Digit6", "Digit7", "Digit8",
    "Digit9",
];

/// The key a US-layout scanner presses for an ASCII character (0-126): printable characters
/// as on the keyboard, control characters as Ctrl chords (GS = Ctrl+]). `None` otherwise.
/// What the simulators and tests type.
pub fn us_keystroke(c: char) -> Option<Keystroke> {
    let codes = LETTER_CODES
        .iter()
        .chain(DIGIT_CODES.iter())
        .chain(US_CODES.iter());
    let find = |want: char| {
        codes.clone().find_map(|&code| {
            [false, true]
                .into_iter()
                .find(|&shift| us_char(code, shift) == Some(want))
                .map(|shift| Keystroke {
                    code,
                    shift,
                    ctrl: false,
                })
        })
    };
    match c {
        '\u{0}'..='\u{1f}' => {
            find(char::from(c as u8 + 0x40)).map(|k| Keystroke { ctrl: true, ..k })
        }
        ' '..='~' => find(c),
        _ => None,
    }
}

/// Splits an AIM symbology identifier (`]` + symbology character + modifier: `]C1` GS1-128,
/// `]d2` GS1 DataMatrix, `]Q3` GS1 QR, `]E0` EAN-13...) off the front of a scan.
pub fn split_aim(scan: &str) -> (Option<&str>, &str) {
    match scan.as_bytes() {
        [b']', s, m, ..] if s.is_ascii_alphabetic() && m.is_ascii_alphanumeric() => {
            (Some(&scan[..3]), &scan[3..])
        }
        _ => (None, scan),
    }
}

#[cfg(test)]
mod tests;
