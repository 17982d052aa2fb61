//! The verdict for one printer and the labels loaded in it: a label wider or longer than the
//! media is refused with both sizes in millimetres; a label made for another resolution is
//! refused only on evidence of a resolution (a `^MU` conversion, or the other resolution's
//! coordinates in both directions).

use crate::{Dpi, LabelError};

use super::facts::{InkExtent, PrinterProfile, ZplFacts, ZplFormatFacts};
use super::media::{dots_to_mm, say_mm};
use super::read::{dpi_value, read_zpl};

/// Reads the label and refuses one that does not suit the printer, judging its size by the
/// field origins and barcodes the reader measures. `ZplFacts` tells what was found when it fits.
pub fn check_zpl_for_printer(zpl: &[u8], printer: PrinterProfile) -> Result<ZplFacts, LabelError> {
    check_zpl_with_ink(zpl, printer, &[])
}

/// As [`check_zpl_for_printer`], with where ink actually falls in each format (drawn by a
/// renderer, one extent per format in order). Ink is the truth about a format's content: a
/// `^FT` text origin is its baseline, a `^GF` graphic's size is in its data. When the renderer
/// counted a different number of formats, the widest and longest ink is held against every
/// format.
pub fn check_zpl_with_ink(
    zpl: &[u8],
    printer: PrinterProfile,
    ink: &[Option<InkExtent>],
) -> Result<ZplFacts, LabelError> {
    let facts = read_zpl(zpl, printer.dpi)?;
    let n = facts.formats.len();
    let overall = ink
        .iter()
        .flatten()
        .fold(None, |acc: Option<InkExtent>, e| {
            Some(acc.map_or(*e, |a| InkExtent {
                right_dots: a.right_dots.max(e.right_dots),
                bottom_dots: a.bottom_dots.max(e.bottom_dots),
            }))
        });
    for (i, f) in facts.formats.iter().enumerate() {
        let at = if n > 1 {
            format!(" (format {} of {n})", i + 1)
        } else {
            String::new()
        };
        let format_ink = if ink.is_empty() {
            None
        } else if ink.len() == n {
            Some(ink[i])
        } else {
            Some(overall)
        };
        check_format(f, printer, format_ink).map_err(|e| with_suffix(e, &at))?;
    }
    Ok(facts)
}

fn with_suffix(e: LabelError, at: &str) -> LabelError {
    match e {
        LabelError::WrongDpi {
            label_dpi,
            printer_dpi,
            evidence,
        } => LabelError::WrongDpi {
            label_dpi,
            printer_dpi,
            evidence: format!("{evidence}{at}"),
        },
        LabelError::TooWide {
            label_dots,
            printer_dots,
            evidence,
        } => LabelError::TooWide {
            label_dots,
            printer_dots,
            evidence: format!("{evidence}{at}"),
        },
        LabelError::TooLong {
            label_dots,
            printer_dots,
            evidence,
        } => LabelError::TooLong {
            label_dots,
            printer_dots,
            evidence: format!("{evidence}{at}"),
        },
        other => other,
    }
}

/// How far a format reaches, and what says so.
struct Reach {
    dots: u32,
    what: String,
}

fn farthest(candidates: impl IntoIterator<Item = (u32, String)>) -> Option<Reach> {
    candidates
        .into_iter()
        .filter(|(d, _)| *d > 0)
        .max_by_key(|(d, _)| *d)
        .map(|(dots, what)| Reach { dots, what })
}

/// The width a format takes: the wider of its `^PW` and its content. Without ink, a field
/// origin counts only when no `^PW` is set (a field starting a few dots past `^PW` is
/// ordinary), a barcode's right edge always (a cut barcode does not scan).
fn width_of(f: &ZplFormatFacts, ink: Option<Option<InkExtent>>) -> Option<Reach> {
    let pw = f
        .print_width_dots
        .map(|pw| (pw, format!("^PW{pw}")))
        .into_iter();
    match ink {
        Some(ink) => farthest(pw.chain(ink.map(|e| (e.right_dots, "its ink reaches".to_owned())))),
        None => {
            let origin = if f.print_width_dots.is_some() {
                0
            } else {
                f.max_field_x_dots
            };
            farthest(pw.chain([
                (origin, "a field starts there".to_owned()),
                (
                    f.max_barcode_right_dots,
                    "a barcode reaches there by its ^BY module and data".to_owned(),
                ),
            ]))
        }
    }
}

/// The length a format takes: the longer of its `^LL` and its content.
fn length_of(f: &ZplFormatFacts, ink: Option<Option<InkExtent>>) -> Option<Reach> {
    let ll = f
        .label_length_dots
        .map(|ll| (ll, format!("^LL{ll}")))
        .into_iter();
    match ink {
        Some(ink) => farthest(ll.chain(ink.map(|e| (e.bottom_dots, "its ink reaches".to_owned())))),
        None => farthest(ll.chain([
            (f.max_field_y_dots, "a field starts there".to_owned()),
            (
                f.max_barcode_bottom_dots,
                "a rotated barcode reaches there by its ^BY module and data".to_owned(),
            ),
        ])),
    }
}

fn other_dpi(dpi: Dpi) -> Dpi {
    match dpi {
        Dpi::D203 => Dpi::D300,
        Dpi::D300 => Dpi::D203,
    }
}

/// `dots` of the other resolution on this printer's dots.
fn at_other(dots: u32, printer: Dpi) -> u32 {
    let from = other_dpi(printer).dots_per_mm();
    u32::try_from(u64::from(dots) * u64::from(printer.dots_per_mm()) / u64::from(from))
        .unwrap_or(u32::MAX)
}

fn check_format(
    f: &ZplFormatFacts,
    printer: PrinterProfile,
    ink: Option<Option<InkExtent>>,
) -> Result<(), LabelError> {
    let dpi = printer.dpi;
    let p_dpi = dpi_value(dpi);
    let wrong = |label_dpi: u32, evidence: String| LabelError::WrongDpi {
        label_dpi,
        printer_dpi: p_dpi,
        evidence,
    };
    // ^MU says outright what the format was made for.
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

    // A little past the label's edge lands on the liner: a 4-inch head prints 104 mm, wider
    // than a 4.00 in label, and carriers' ^PW831 or origins a few dots out are ordinary.
    let grow = |dots: u32, percent: u64| {
        u32::try_from(u64::from(dots) * (100 + percent) / 100).unwrap_or(u32::MAX)
    };
    let width_limit = printer.head_width_dots.min(grow(printer.width_dots, 3));
    let length_limit = grow(printer.label_length_dots, 2);
    let width = width_of(f, ink);
    let length = length_of(f, ink);
    let too_wide = width.as_ref().filter(|w| w.dots > width_limit);
    let too_long = length.as_ref().filter(|l| l.dots > length_limit);
    let other = other_dpi(dpi);
    let other_value = dpi_value(other);
    let mm = |d: u32| say_mm(dots_to_mm(d, dpi));
    let media = format!(
        "the loaded labels are {} wide and {} long ({})",
        say_mm(printer.media.width_mm()),
        say_mm(printer.media.length_mm()),
        printer.media
    );

    // The other resolution's coordinates in both directions: a resolution, not a size.
    if let (Some(w), Some(l)) = (too_wide, too_long) {
        if at_other(w.dots, dpi) <= width_limit && at_other(l.dots, dpi) <= length_limit {
            return Err(wrong(
                other_value,
                format!(
                    "it is {} x {} at {p_dpi} dpi ({}: {} dots; {}: {} dots), and {} x {} at {other_value} dpi, which fits: {media}",
                    mm(w.dots),
                    mm(l.dots),
                    w.what,
                    w.dots,
                    l.what,
                    l.dots,
                    say_mm(dots_to_mm(w.dots, other)),
                    say_mm(dots_to_mm(l.dots, other)),
                ),
            ));
        }
    }
    if let Some(w) = too_wide {
        return Err(LabelError::TooWide {
            label_dots: w.dots,
            printer_dots: printer.width_dots,
            evidence: format!(
                "this label is {} wide ({}: {} dots at {p_dpi} dpi); {media}, and the printer prints at most {}",
                mm(w.dots),
                w.what,
                w.dots,
                mm(width_limit)
            ),
        });
    }
    if let Some(l) = too_long {
        return Err(LabelError::TooLong {
            label_dots: l.dots,
            printer_dots: printer.label_length_dots,
            evidence: format!(
                "this label is {} long ({}: {} dots at {p_dpi} dpi); {media}",
                mm(l.dots),
                l.what,
                l.dots
            ),
        });
    }
    // A lower-resolution label on a higher-resolution printer fits, printed small: only a
    // ^PW of exactly the media's width at the lower resolution says so.
    if dpi == Dpi::D300 {
        if let Some(pw) = f.print_width_dots {
            // 8 dots a millimetre against this printer's 12.
            let media_at_203 = printer.width_dots / 3 * 2;
            let ll_agrees = f.label_length_dots.is_none_or(|ll| {
                ll.abs_diff(printer.label_length_dots / 3 * 2) <= printer.label_length_dots / 100
            });
            if pw.abs_diff(media_at_203) <= 1 && ll_agrees {
                return Err(wrong(
                    203,
                    format!(
                        "^PW{pw} is the labels' full {} width at 203 dpi, but only {} on this 300-dpi printer",
                        say_mm(dots_to_mm(pw, Dpi::D203)),
                        mm(pw)
                    ),
                ));
            }
        }
    }
    Ok(())
}
