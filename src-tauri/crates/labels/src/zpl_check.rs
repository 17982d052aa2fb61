//! Checks of a carrier's ready ZPL label before it goes, unchanged, to the station's printer:
//! was it made for this printer's resolution and width?
//!
//! The reader is a tolerant tokenizer, not a ZPL interpreter: it follows the prefix changes
//! (`^CC`/`~CC` caret, `^CT`/`~CT` tilde, `^CD`/`~CD` delimiter), splits the file into
//! `^XA..^XZ` formats and reads the commands that set or reveal the geometry: `^PW`, `^LL`,
//! `^LH`, `^JM` (half density), `^MU` (units and dpi conversion), `^PO` (orientation),
//! `^FO`/`^FT` origins and `^BY` module widths with the length of the `^BC` data they
//! print. Field data is skipped to the next prefix, so `^FH` escapes (`_5E` for a caret)
//! are data, never commands. Any bytes give an answer or an error, never a panic.

use crate::{Dpi, LabelError};

/// The printer the label is about to be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrinterProfile {
    pub dpi: Dpi,
    /// Print width in dots (^PW the printer is set up for: 812 for 4 in at 203 dpi).
    pub width_dots: u32,
    /// Label (media) length in dots (1218 for 6 in at 203 dpi).
    pub label_length_dots: u32,
}

impl PrinterProfile {
    /// A 4x6 in printer of `dpi`.
    pub fn four_by_six(dpi: Dpi) -> Self {
        let (width_dots, label_length_dots) = dpi.label_dots();
        PrinterProfile {
            dpi,
            width_dots,
            label_length_dots,
        }
    }
}

/// Unit of measure set by `^MU`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    #[default]
    Dots,
    Inches,
    Millimetres,
}

/// Print orientation set by `^PO`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// `^PON`
    Normal,
    /// `^POI`: printed upside down.
    Inverted,
}

/// What one `^XA..^XZ` format says, in the printer's physical dots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZplFormatFacts {
    /// `^PW` (in effect for this format), converted to dots.
    pub print_width_dots: Option<u32>,
    /// `^LL`, converted to dots.
    pub label_length_dots: Option<u32>,
    /// `^JMB`: half dot density, every coordinate counts two dots.
    pub half_density: bool,
    pub units: Units,
    /// `^MU` base dpi of the format (its second parameter), if given.
    pub mu_base_dpi: Option<u32>,
    /// `^MU` conversion target dpi (its third parameter), if given.
    pub mu_target_dpi: Option<u32>,
    pub orientation: Option<Orientation>,
    /// Farthest field origin (`^FO`/`^FT` plus `^LH`), in dots.
    pub max_field_x_dots: u32,
    pub max_field_y_dots: u32,
    /// Farthest right edge of a horizontal `^BC` barcode (a lower bound from its data).
    pub max_barcode_right_dots: u32,
    /// Farthest bottom edge of a rotated (`R`/`B`) `^BC` barcode (a lower bound).
    pub max_barcode_bottom_dots: u32,
    /// Widest `^BY` module width, in dots.
    pub max_module_dots: Option<u32>,
    /// Number of `^FS`-terminated fields.
    pub fields: usize,
}

/// What a ZPL file says, one entry per format.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZplFacts {
    pub formats: Vec<ZplFormatFacts>,
}

/// One command as read: its prefix (`^` or `~` role), two-letter name (upper case) and
/// parameters as raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZplCommand {
    /// True for a control (`~`-role) command.
    pub control: bool,
    pub name: String,
    pub params: Vec<u8>,
    /// The parameter delimiter in effect (`,` unless `^CD` changed it).
    pub delimiter: u8,
}

/// Splits ZPL into commands, following prefix changes. Text outside commands is dropped.
pub fn tokenize(zpl: &[u8]) -> Vec<ZplCommand> {
    let mut caret = b'^';
    let mut tilde = b'~';
    let mut delimiter = b',';
    let mut out = Vec::new();
    let mut i = 0;
    while i < zpl.len() {
        let b = zpl[i];
        if b != caret && b != tilde {
            i += 1;
            continue;
        }
        let control = b == tilde && b != caret;
        if i + 3 > zpl.len() {
            break;
        }
        let name: String = zpl[i + 1..i + 3]
            .iter()
            .map(|&c| (c as char).to_ascii_uppercase())
            .collect();
        let mut j = i + 3;
        // Prefix changes take exactly the next byte as the new character.
        if matches!(name.as_str(), "CC" | "CT" | "CD") {
            let param = zpl.get(j).copied();
            if let Some(p) = param {
                match name.as_str() {
                    "CC" => caret = p,
                    "CT" => tilde = p,
                    "CD" => delimiter = p,
                    _ => {}
                }
                j += 1;
            }
            out.push(ZplCommand {
                control,
                name,
                params: param.map(|p| vec![p]).unwrap_or_default(),
                delimiter,
            });
            i = j;
            continue;
        }
        let start = j;
        while j < zpl.len() && zpl[j] != caret && zpl[j] != tilde {
            j += 1;
        }
        out.push(ZplCommand {
            control,
            name,
            params: zpl[start..j].to_vec(),
            delimiter,
        });
        i = j;
    }
    out
}

/// Largest coordinate considered (anything bigger is nonsense and is clamped).
const MAX_VALUE: f64 = 1.0e7;

fn params(raw: &[u8], delimiter: u8) -> Vec<String> {
    String::from_utf8_lossy(raw)
        .split(delimiter as char)
        .map(|s| s.trim().to_owned())
        .collect()
}

fn number(s: Option<&String>) -> Option<f64> {
    let v: f64 = s?.parse().ok()?;
    v.is_finite().then(|| v.clamp(0.0, MAX_VALUE))
}

/// Whole dots of a converted value: a fraction of a dot (4 in = 812.8 dots at 8 dots/mm)
/// does not print, so it is dropped.
fn whole_dots(v: f64) -> u32 {
    (v + 1e-6).floor().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn dpi_value(dpi: Dpi) -> u32 {
    match dpi {
        Dpi::D203 => 203,
        Dpi::D300 => 300,
    }
}

/// Settings that persist from one format to the next (as on the printer).
#[derive(Clone, Copy)]
struct Settings {
    units: Units,
    half_density: bool,
    mu_base: Option<u32>,
    mu_target: Option<u32>,
    pw: Option<f64>,
    ll: Option<f64>,
    orientation: Option<Orientation>,
}

impl Settings {
    /// Physical dots for a value in the current units.
    fn dots(&self, v: f64, printer_dpi: Dpi) -> f64 {
        let per_mm = f64::from(printer_dpi.dots_per_mm());
        let base = match self.units {
            Units::Dots => v,
            Units::Inches => v * per_mm * 25.4,
            Units::Millimetres => v * per_mm,
        };
        let conv = match (self.units, self.mu_base, self.mu_target) {
            (Units::Dots, Some(b), Some(t)) if b > 0 => f64::from(t) / f64::from(b),
            _ => 1.0,
        };
        let density = if self.half_density { 2.0 } else { 1.0 };
        (base * conv * density).clamp(0.0, MAX_VALUE)
    }
}

/// Modules of a Code 128 symbol for `data` (after `^FH` unescaping), a lower bound: every
/// run of digits packed two to a symbol character; `>x` invocation pairs count as nothing.
fn code128_min_modules(data: &[u8]) -> u32 {
    let mut chars = 0u32;
    let mut digits = 0u32;
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'>' {
            i += 2;
            continue;
        }
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            chars += 1 + digits.div_ceil(2);
            digits = 0;
        }
        i += 1;
    }
    chars += digits.div_ceil(2);
    // start + data + check + stop (13 modules) + 2 quiet-free.
    chars
        .saturating_add(2)
        .saturating_mul(11)
        .saturating_add(13)
}

/// Data length after `^FH` escapes (`<indicator>XX` is one byte).
fn unescape(data: &[u8], indicator: Option<u8>) -> Vec<u8> {
    let Some(ind) = indicator else {
        return data.to_vec();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        if data[i] == ind
            && i + 2 < data.len()
            && data[i + 1].is_ascii_hexdigit()
            && data[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&data[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
            i += 3;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

/// Reads the facts of every format in `zpl` for a printer of `dpi`.
pub fn read_zpl(zpl: &[u8], dpi: Dpi) -> Result<ZplFacts, LabelError> {
    let mut settings = Settings {
        units: Units::Dots,
        half_density: false,
        mu_base: None,
        mu_target: None,
        pw: None,
        ll: None,
        orientation: None,
    };
    let mut facts = ZplFacts::default();
    let mut current: Option<ZplFormatFacts> = None;
    // Per-format and per-field state.
    let mut home = (0.0f64, 0.0f64);
    let mut module_dots: f64 = 2.0;
    let mut field_x: f64 = 0.0;
    let mut field_y: f64 = 0.0;
    let mut fh: Option<u8> = None;
    let mut barcode_horizontal: Option<bool> = None;
    let mut data: Vec<u8> = Vec::new();

    let finish = |f: &mut ZplFormatFacts, s: &Settings| {
        f.print_width_dots = s.pw.map(|v| whole_dots(s.dots(v, dpi)));
        f.label_length_dots = s.ll.map(|v| whole_dots(s.dots(v, dpi)));
        f.half_density = s.half_density;
        f.units = s.units;
        f.mu_base_dpi = s.mu_base;
        f.mu_target_dpi = s.mu_target;
        f.orientation = s.orientation;
    };

    for cmd in tokenize(zpl) {
        let p = params(&cmd.params, cmd.delimiter);
        let first = p.first().map(String::as_str).unwrap_or("");
        match cmd.name.as_str() {
            "XA" if !cmd.control => {
                current = Some(ZplFormatFacts::default());
                home = (0.0, 0.0);
                module_dots = 2.0;
                fh = None;
                barcode_horizontal = None;
                data.clear();
            }
            "XZ" if !cmd.control => {
                if let Some(mut f) = current.take() {
                    finish(&mut f, &settings);
                    facts.formats.push(f);
                }
            }
            "PW" => settings.pw = number(p.first()),
            "LL" => settings.ll = number(p.first()),
            "JM" => match first.to_ascii_uppercase().as_str() {
                "A" => settings.half_density = false,
                "B" => settings.half_density = true,
                _ => {}
            },
            "MU" => {
                settings.units = match first.to_ascii_uppercase().chars().next() {
                    Some('I') => Units::Inches,
                    Some('M') => Units::Millimetres,
                    Some('D') => Units::Dots,
                    _ => settings.units,
                };
                settings.mu_base = number(p.get(1)).map(|v| v as u32).filter(|&v| v > 0);
                settings.mu_target = number(p.get(2)).map(|v| v as u32).filter(|&v| v > 0);
            }
            "PO" => {
                settings.orientation = match first.to_ascii_uppercase().as_str() {
                    "N" => Some(Orientation::Normal),
                    "I" => Some(Orientation::Inverted),
                    _ => settings.orientation,
                }
            }
            "LH" => {
                home = (
                    settings.dots(number(p.first()).unwrap_or(0.0), dpi),
                    settings.dots(number(p.get(1)).unwrap_or(0.0), dpi),
                );
            }
            "FO" | "FT" if !cmd.control => {
                field_x = home.0 + settings.dots(number(p.first()).unwrap_or(0.0), dpi);
                field_y = home.1 + settings.dots(number(p.get(1)).unwrap_or(0.0), dpi);
                if let Some(f) = current.as_mut() {
                    f.max_field_x_dots = f.max_field_x_dots.max(whole_dots(field_x));
                    f.max_field_y_dots = f.max_field_y_dots.max(whole_dots(field_y));
                }
            }
            "BY" if !cmd.control => {
                if let Some(w) = number(p.first()).filter(|&w| w >= 1.0) {
                    // Module widths are dots, scaled by ^MU conversion and ^JMB only.
                    let mut s = settings;
                    s.units = Units::Dots;
                    module_dots = s.dots(w.floor(), dpi);
                    if let Some(f) = current.as_mut() {
                        let m = whole_dots(module_dots);
                        f.max_module_dots = Some(f.max_module_dots.map_or(m, |o| o.max(m)));
                    }
                }
            }
            "BC" if !cmd.control => {
                let o = first.to_ascii_uppercase();
                barcode_horizontal = Some(matches!(o.as_str(), "" | "N" | "I"));
            }
            "FH" if !cmd.control => {
                fh = Some(cmd.params.first().copied().unwrap_or(b'_'));
            }
            "FD" if !cmd.control => data = cmd.params.clone(),
            "FS" if !cmd.control => {
                if let Some(f) = current.as_mut() {
                    f.fields += 1;
                    if let Some(horizontal) = barcode_horizontal {
                        let modules = f64::from(code128_min_modules(&unescape(&data, fh)));
                        let extent = (modules * module_dots).min(MAX_VALUE);
                        if horizontal {
                            let right = whole_dots(field_x + extent);
                            f.max_barcode_right_dots = f.max_barcode_right_dots.max(right);
                        } else {
                            let bottom = whole_dots(field_y + extent);
                            f.max_barcode_bottom_dots = f.max_barcode_bottom_dots.max(bottom);
                        }
                    }
                }
                fh = None;
                barcode_horizontal = None;
                data.clear();
            }
            _ => {}
        }
    }
    if let Some(mut f) = current.take() {
        // A format without ^XZ: still checked.
        finish(&mut f, &settings);
        facts.formats.push(f);
    }
    if facts.formats.is_empty() {
        return Err(LabelError::NotZpl(
            "no ^XA format start found (is this ZPL?)".into(),
        ));
    }
    Ok(facts)
}

/// Whether `dots` at `from` dpi is about `target` dots at `to` dpi (within 3 %).
fn same_size_at(dots: u32, from: u32, to: u32, target: u32) -> bool {
    let scaled = f64::from(dots) * f64::from(to) / f64::from(from);
    target > 0 && (scaled - f64::from(target)).abs() <= 0.03 * f64::from(target)
}

fn inches(dots: u32, dpi: u32) -> String {
    format!("{:.2} in", f64::from(dots) / f64::from(dpi))
}

/// Reads the label and refuses one made for another resolution, or wider or longer than
/// the printer's label. `ZplFacts` tells what was found when it fits.
pub fn check_zpl_for_printer(zpl: &[u8], printer: PrinterProfile) -> Result<ZplFacts, LabelError> {
    let facts = read_zpl(zpl, printer.dpi)?;
    let p_dpi = dpi_value(printer.dpi);
    let other = if p_dpi == 203 { 300 } else { 203 };
    let w = printer.width_dots;
    let l = printer.label_length_dots;
    for (i, f) in facts.formats.iter().enumerate() {
        let at = if facts.formats.len() > 1 {
            format!(" (format {} of {})", i + 1, facts.formats.len())
        } else {
            String::new()
        };
        let wrong = |label_dpi: u32, evidence: String| LabelError::WrongDpi {
            label_dpi,
            printer_dpi: p_dpi,
            evidence: format!("{evidence}{at}"),
        };
        // ^MU says what it was made for.
        let near = |a: u32, b: u32| a.abs_diff(b) <= 5;
        if let Some(t) = f.mu_target_dpi {
            if !near(t, p_dpi) {
                return Err(wrong(
                    t,
                    format!("^MU converts the format to {t} dpi, the printer is {p_dpi} dpi"),
                ));
            }
        } else if let Some(b) = f.mu_base_dpi {
            if !near(b, p_dpi) && (near(b, 203) || near(b, 200) || near(b, 300)) {
                return Err(wrong(
                    if near(b, 300) { 300 } else { 203 },
                    format!("^MU declares a {b}-dpi format without conversion to {p_dpi} dpi"),
                ));
            }
        }
        // Width: ^PW, then the farthest field origin, then barcode right edges.
        if let Some(pw) = f.print_width_dots {
            if pw > w {
                if same_size_at(pw, other, p_dpi, w)
                    || (other == 300 && u64::from(pw) * 203 / 300 <= u64::from(w))
                {
                    return Err(wrong(
                        other,
                        format!(
                            "^PW{pw} is {} at {other} dpi; this printer's {w} dots are {}",
                            inches(pw, other),
                            inches(w, p_dpi)
                        ),
                    ));
                }
                return Err(LabelError::TooWide {
                    label_dots: pw,
                    printer_dots: w,
                    evidence: format!(
                        "^PW{pw} ({}) is wider than the print head's {w} dots ({}){at}",
                        inches(pw, p_dpi),
                        inches(w, p_dpi)
                    ),
                });
            }
            if pw < w && other == 203 && same_size_at(pw, 203, p_dpi, w) {
                let ll_agrees = f.label_length_dots.is_none_or(|ll| {
                    same_size_at(ll, 203, p_dpi, l) || u64::from(ll) < u64::from(l) * 3 / 4
                });
                if ll_agrees {
                    return Err(wrong(
                        203,
                        format!(
                            "^PW{pw} is the full {} width at 203 dpi, but only {} on this {p_dpi}-dpi printer of {w} dots",
                            inches(pw, 203),
                            inches(pw, p_dpi)
                        ),
                    ));
                }
            }
        }
        for (what, edge) in [
            ("a field starts at x =", f.max_field_x_dots),
            (
                "a barcode (by its ^BY module width and data) reaches x =",
                f.max_barcode_right_dots,
            ),
        ] {
            if edge > w {
                if other == 300 && u64::from(edge) * 203 / 300 <= u64::from(w) {
                    return Err(wrong(
                        300,
                        format!(
                            "{what} {edge} dots, past this printer's {w}-dot width but inside {} at 300 dpi",
                            inches(w, p_dpi)
                        ),
                    ));
                }
                return Err(LabelError::TooWide {
                    label_dots: edge,
                    printer_dots: w,
                    evidence: format!("{what} {edge} dots, past the print head's {w} dots{at}"),
                });
            }
        }
        // Length: ^LL and the lowest field origin.
        for (what, len) in [
            ("^LL", f.label_length_dots.unwrap_or(0)),
            ("a field starts at y =", f.max_field_y_dots),
            ("a rotated barcode reaches y =", f.max_barcode_bottom_dots),
        ] {
            if u64::from(len) > u64::from(l) + u64::from(l) / 50 {
                if other == 300 && u64::from(len) * 203 / 300 <= u64::from(l) + u64::from(l) / 50 {
                    return Err(wrong(
                        300,
                        format!(
                            "{what} {len} dots is {} at 300 dpi; this printer's labels are {l} dots ({})",
                            inches(len, 300),
                            inches(l, p_dpi)
                        ),
                    ));
                }
                return Err(LabelError::TooLong {
                    label_dots: len,
                    printer_dots: l,
                    evidence: format!(
                        "{what} {len} dots ({}) is past the {l}-dot label ({}){at}",
                        inches(len, p_dpi),
                        inches(l, p_dpi)
                    ),
                });
            }
        }
    }
    Ok(facts)
}
