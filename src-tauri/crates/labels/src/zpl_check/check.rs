//! The verdict for one printer: a label made for another resolution, or wider or longer than the
//! printer's label, is refused with the evidence.

use crate::LabelError;

use super::facts::{PrinterProfile, ZplFacts};
use super::read::{dpi_value, read_zpl};

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
