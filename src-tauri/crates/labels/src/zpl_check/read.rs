//! Reading the geometry of each format: `^PW`, `^LL`, `^LH`, `^JM`, `^MU`, `^PO`, field origins
//! and `^BY` modules with the length of the `^BC` data they print.

use crate::{Dpi, LabelError};

use super::facts::{Orientation, Units, ZplFacts, ZplFormatFacts};
use super::tokenize::tokenize;

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

pub(super) fn dpi_value(dpi: Dpi) -> u32 {
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
    // A `^BC` field's orientation (N, R, I, B) and whether its origin is `^FT` (the
    // barcode's own corner) rather than `^FO` (the field box's top left).
    let mut barcode: Option<u8> = None;
    let mut origin_is_ft = false;
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
                barcode = None;
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
                origin_is_ft = cmd.name == "FT";
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
                barcode = Some(o.bytes().next().unwrap_or(b'N'));
            }
            "FH" if !cmd.control => {
                fh = Some(cmd.params.first().copied().unwrap_or(b'_'));
            }
            "FD" if !cmd.control => data = cmd.params.clone(),
            "FS" if !cmd.control => {
                if let Some(f) = current.as_mut() {
                    f.fields += 1;
                    if let Some(orientation) = barcode {
                        let modules = f64::from(code128_min_modules(&unescape(&data, fh)));
                        let extent = (modules * module_dots).min(MAX_VALUE);
                        // From a `^FO` the field box lies right of and below the origin
                        // whatever the rotation. From a `^FT` the symbol starts at the origin
                        // and runs in its reading direction: right (N), down (R), left (I)
                        // or up (B); left and up cannot pass the media's far edges.
                        match (orientation, origin_is_ft) {
                            (b'R' | b'B', false) | (b'R', true) => {
                                let bottom = whole_dots(field_y + extent);
                                f.max_barcode_bottom_dots = f.max_barcode_bottom_dots.max(bottom);
                            }
                            (b'I' | b'B', true) => {}
                            _ => {
                                let right = whole_dots(field_x + extent);
                                f.max_barcode_right_dots = f.max_barcode_right_dots.max(right);
                            }
                        }
                    }
                }
                fh = None;
                barcode = None;
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
