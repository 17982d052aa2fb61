//! The label as a pure layout model: text runs, filled boxes and barcodes positioned in
//! millimetres (y downwards from the top-left corner) on a 101.6 x 152.4 mm label. Barcode
//! modules and positions sit on the printer's dot grid so every renderer prints the same bars.

use crate::code128::{Code128Part, Code128Plan};
use crate::data::{Address, LabelData};
use crate::font::{advances_em, text_width_mm, vertical_extent, FontWeight};
use crate::{Dpi, LabelError};

/// Label width: 4 inches.
pub const LABEL_WIDTH_MM: f64 = 101.6;
/// Label height: 6 inches.
pub const LABEL_HEIGHT_MM: f64 = 152.4;
/// Quiet zone each side of a linear barcode, in modules.
pub const LINEAR_QUIET_MODULES: u32 = 10;
/// Quiet zone around a QR code, in modules.
pub const QR_QUIET_MODULES: u32 = 4;

const MARGIN_MM: f64 = 3.0;
const LINE_SPACING: f64 = 1.2;
const RULE_MM: f64 = 0.5;

/// A laid-out label.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width_mm: f64,
    pub height_mm: f64,
    pub dpi: Dpi,
    pub elements: Vec<Element>,
}

/// One thing printed on the label.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Text(TextRun),
    Box(FilledBox),
    Code128(LinearBarcode),
    Qr(QrSymbol),
}

/// One line of text, left-aligned at `x_mm`, sitting on `baseline_mm`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x_mm: f64,
    pub baseline_mm: f64,
    /// Font size (em) in mm.
    pub size_mm: f64,
    pub weight: FontWeight,
    pub text: String,
    /// Measured width with the label typeface.
    pub width_mm: f64,
    /// Centred on the label (the text under a barcode): a renderer whose font differs from
    /// the measured one centres it itself.
    pub centred: bool,
}

/// A filled black rectangle (rules and frames are thin boxes).
#[derive(Debug, Clone, PartialEq)]
pub struct FilledBox {
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// A Code 128 or GS1-128 symbol; `x_mm` is its first bar, quiet zones lie outside.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearBarcode {
    pub x_mm: f64,
    pub y_mm: f64,
    pub height_mm: f64,
    /// Module width: a whole number of printer dots.
    pub module_dots: u32,
    pub plan: Code128Plan,
    /// What a scanner reads (for GS1-128 the element string without FNC1).
    pub data: String,
}

/// A QR code (model 2, byte mode, error correction M); `x_mm`, `y_mm` is its first module.
#[derive(Debug, Clone, PartialEq)]
pub struct QrSymbol {
    pub x_mm: f64,
    pub y_mm: f64,
    pub module_dots: u32,
    /// Modules per side.
    pub size: usize,
    /// Row-major, true = dark.
    pub modules: Vec<bool>,
    pub payload: String,
}

/// An axis-aligned extent in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Dpi {
    /// Dots per mm of the print head (Zebra's 8 and 12 dots/mm).
    pub fn dots_per_mm(self) -> u32 {
        match self {
            Dpi::D203 => 8,
            Dpi::D300 => 12,
        }
    }

    /// Printable width and length in dots: 4x6 in at 203 dots per inch, and 1.5 times that
    /// at 300 (the 12/8 dots-per-mm ratio); the odd dot short of the media never prints.
    pub fn label_dots(self) -> (u32, u32) {
        match self {
            Dpi::D203 => (812, 1218),
            Dpi::D300 => (1218, 1827),
        }
    }

    fn mm(self, dots: u32) -> f64 {
        f64::from(dots) / f64::from(self.dots_per_mm())
    }

    /// The most dots that fit in `mm` (never rounds up past it).
    fn dots_within(self, mm: f64) -> u32 {
        (mm * f64::from(self.dots_per_mm()) + 1e-9).floor().max(0.0) as u32
    }
}

impl LinearBarcode {
    pub fn module_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots)
    }
    pub fn width_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots * self.plan.width_modules() as u32)
    }
    /// Whether the symbol starts with FNC1 (GS1-128).
    pub fn is_gs1(&self) -> bool {
        matches!(self.plan.parts.get(1), Some(Code128Part::Fnc1))
    }
}

impl QrSymbol {
    pub fn side_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots * self.size as u32)
    }
}

impl Element {
    /// The area the element needs clear, quiet zones included.
    pub fn bounds(&self, dpi: Dpi) -> Bounds {
        match self {
            Element::Text(t) => {
                let (ascent, descent) = vertical_extent(t.weight);
                Bounds {
                    left: t.x_mm,
                    top: t.baseline_mm - ascent * t.size_mm,
                    right: t.x_mm + t.width_mm,
                    bottom: t.baseline_mm + descent * t.size_mm,
                }
            }
            Element::Box(b) => Bounds {
                left: b.x_mm,
                top: b.y_mm,
                right: b.x_mm + b.width_mm,
                bottom: b.y_mm + b.height_mm,
            },
            Element::Code128(b) => {
                let quiet = dpi.mm(b.module_dots * LINEAR_QUIET_MODULES);
                Bounds {
                    left: b.x_mm - quiet,
                    top: b.y_mm,
                    right: b.x_mm + b.width_mm(dpi) + quiet,
                    bottom: b.y_mm + b.height_mm,
                }
            }
            Element::Qr(q) => {
                let quiet = dpi.mm(q.module_dots * QR_QUIET_MODULES);
                Bounds {
                    left: q.x_mm - quiet,
                    top: q.y_mm - quiet,
                    right: q.x_mm + q.side_mm(dpi) + quiet,
                    bottom: q.y_mm + q.side_mm(dpi) + quiet,
                }
            }
        }
    }
}

/// One text field fitted into a column: shrinks from `max_size` to `min_size`, wraps onto
/// up to `max_lines`, and only then cuts the last line with an ellipsis.
struct Field<'a> {
    text: &'a str,
    weight: FontWeight,
    max_size: f64,
    min_size: f64,
    max_lines: usize,
}

impl Field<'_> {
    /// Worst-case height this field can take, for checking zone budgets.
    fn max_height(&self) -> f64 {
        self.max_lines as f64 * self.max_size * LINE_SPACING
    }
}

/// Places fields one under another from `top` in a column; returns the y below the last line.
fn place_fields(out: &mut Vec<Element>, x: f64, top: f64, width: f64, fields: &[Field]) -> f64 {
    let mut y = top;
    for field in fields {
        let text = clean_text(field.text);
        if text.is_empty() {
            continue;
        }
        let (size, lines) = fit(&text, field, width);
        let (ascent, _) = vertical_extent(field.weight);
        for line in lines {
            let width_mm = text_width_mm(&line, field.weight, size);
            out.push(Element::Text(TextRun {
                x_mm: x,
                baseline_mm: y + ascent * size,
                size_mm: size,
                weight: field.weight,
                text: line,
                width_mm,
                centred: false,
            }));
            y += size * LINE_SPACING;
        }
    }
    y
}

/// Control characters (tabs, newlines, escapes) become spaces and runs of spaces collapse:
/// a printer must never see a control byte from label data.
fn clean_text(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn fit(text: &str, field: &Field, width: f64) -> (f64, Vec<String>) {
    let advances = advances_em(text, field.weight);
    let space = advances_em(" ", field.weight)[0].1;
    let mut size = field.max_size;
    loop {
        let lines = wrap(&advances, space, width / size);
        if lines.len() <= field.max_lines {
            return (size, lines);
        }
        if size <= field.min_size {
            break;
        }
        size = (size - 0.2).max(field.min_size);
    }
    let size = field.min_size;
    let mut lines = wrap(&advances, space, width / size);
    lines.truncate(field.max_lines);
    let last = lines.last_mut().expect("text is not empty");
    while !last.is_empty() && text_width_mm(&format!("{last}…"), field.weight, size) > width {
        last.pop();
    }
    let trimmed = last.trim_end().to_owned();
    *last = format!("{trimmed}…");
    (size, lines)
}

/// Greedy word wrap of characters with their advances (in em) into lines at most `max_em`
/// wide; a word wider than a line is broken between characters.
fn wrap(advances: &[(char, f64)], space: f64, max_em: f64) -> Vec<String> {
    // Lines are re-measured exactly by the caller; this slack absorbs float summation.
    let max_em = max_em - 1e-9;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_em = 0.0;
    for word in advances.split(|&(c, _)| c == ' ').filter(|w| !w.is_empty()) {
        let word_em: f64 = word.iter().map(|&(_, w)| w).sum();
        let joined = if line.is_empty() {
            word_em
        } else {
            line_em + space + word_em
        };
        if joined <= max_em {
            if !line.is_empty() {
                line.push(' ');
            }
            line.extend(word.iter().map(|&(c, _)| c));
            line_em = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_em = 0.0;
        }
        for &(c, w) in word {
            if !line.is_empty() && line_em + w > max_em {
                lines.push(std::mem::take(&mut line));
                line_em = 0.0;
            }
            line.push(c);
            line_em += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn rule(out: &mut Vec<Element>, y: f64) {
    out.push(Element::Box(FilledBox {
        x_mm: MARGIN_MM,
        y_mm: y,
        width_mm: LABEL_WIDTH_MM - 2.0 * MARGIN_MM,
        height_mm: RULE_MM,
    }));
}

fn caption(text: &str) -> Field<'_> {
    Field {
        text,
        weight: FontWeight::Bold,
        max_size: 2.2,
        min_size: 2.2,
        max_lines: 1,
    }
}

fn postal_line(a: &Address) -> String {
    format!("{} {}", a.postal_code.trim(), a.city.trim())
}

fn street(a: &Address) -> String {
    a.street_lines.join(", ")
}

// Zone tops in mm; each zone's fields are sized so their worst case fits above the next rule.
const SENDER_TOP: f64 = 2.5;
const RECIPIENT_TOP: f64 = 19.5;
const CARRIER_TOP: f64 = 59.0;
const TRACKING_TOP: f64 = 76.0;
const REFS_TOP: f64 = 101.5;
const SSCC_TOP: f64 = 125.0;

/// Lays out `data` for a printer of `dpi`. Fails when a field is invalid or a barcode
/// cannot fit at a scannable module width.
pub fn layout(data: &LabelData, dpi: Dpi) -> Result<Layout, LabelError> {
    crate::validate(data)?;
    let mut out = Vec::new();
    let content_w = LABEL_WIDTH_MM - 2.0 * MARGIN_MM;

    // Sender: small, one line per field.
    let s = &data.sender;
    let small = |text, weight, max_size| Field {
        text,
        weight,
        max_size,
        min_size: 1.6,
        max_lines: 1,
    };
    let sender_street = street(s);
    let sender_city = format!("{} {}", postal_line(s), s.country_code.trim());
    let sender_fields = [
        caption("FROM"),
        small(&s.name, FontWeight::Bold, 2.8),
        small(s.company.as_deref().unwrap_or(""), FontWeight::Regular, 2.6),
        small(&sender_street, FontWeight::Regular, 2.6),
        small(&sender_city, FontWeight::Regular, 2.6),
    ];
    check_budget(&sender_fields, SENDER_TOP, RECIPIENT_TOP - 1.0);
    place_fields(&mut out, MARGIN_MM, SENDER_TOP, content_w, &sender_fields);
    rule(&mut out, RECIPIENT_TOP - 1.0);

    // Recipient: large.
    let r = &data.recipient;
    let recipient_street = street(r);
    let recipient_city = postal_line(r);
    let country_phone = match r.phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => format!("{}   tel. {p}", r.country_code.trim()),
        _ => r.country_code.trim().to_owned(),
    };
    let recipient_fields = [
        caption("TO"),
        Field {
            text: &r.name,
            weight: FontWeight::Bold,
            max_size: 4.6,
            min_size: 2.6,
            max_lines: 2,
        },
        Field {
            text: r.company.as_deref().unwrap_or(""),
            weight: FontWeight::Regular,
            max_size: 3.6,
            min_size: 2.2,
            max_lines: 1,
        },
        Field {
            text: &recipient_street,
            weight: FontWeight::Regular,
            max_size: 3.8,
            min_size: 2.2,
            max_lines: 2,
        },
        Field {
            text: &recipient_city,
            weight: FontWeight::Bold,
            max_size: 4.6,
            min_size: 2.6,
            max_lines: 1,
        },
        Field {
            text: &country_phone,
            weight: FontWeight::Regular,
            max_size: 3.2,
            min_size: 2.0,
            max_lines: 1,
        },
    ];
    check_budget(&recipient_fields, RECIPIENT_TOP, CARRIER_TOP - 1.0);
    place_fields(
        &mut out,
        MARGIN_MM,
        RECIPIENT_TOP,
        content_w,
        &recipient_fields,
    );
    rule(&mut out, CARRIER_TOP - 1.0);

    // Carrier and service on the left, routing code large on the right.
    let parcel = data
        .parcel
        .map(|p| format!("Parcel {}/{}", p.index, p.count))
        .unwrap_or_default();
    let left_w = 52.0;
    let carrier_fields = [
        Field {
            text: &data.carrier,
            weight: FontWeight::Bold,
            max_size: 4.2,
            min_size: 2.4,
            max_lines: 1,
        },
        Field {
            text: &data.service,
            weight: FontWeight::Regular,
            max_size: 3.4,
            min_size: 2.2,
            max_lines: 1,
        },
        Field {
            text: &parcel,
            weight: FontWeight::Regular,
            max_size: 3.0,
            min_size: 3.0,
            max_lines: 1,
        },
    ];
    check_budget(&carrier_fields, CARRIER_TOP, TRACKING_TOP - 1.0);
    place_fields(&mut out, MARGIN_MM, CARRIER_TOP, left_w, &carrier_fields);
    let routing_x = MARGIN_MM + left_w + 2.0;
    let routing_rows = [
        caption("ROUTING"),
        Field {
            text: &data.routing_code,
            weight: FontWeight::Bold,
            max_size: 10.0,
            min_size: 3.0,
            max_lines: 1,
        },
    ];
    check_budget(&routing_rows, CARRIER_TOP, TRACKING_TOP - 1.0);
    place_fields(
        &mut out,
        routing_x,
        CARRIER_TOP,
        LABEL_WIDTH_MM - MARGIN_MM - routing_x,
        &routing_rows,
    );
    rule(&mut out, TRACKING_TOP - 1.0);

    // Tracking barcode, centred, with its number under it.
    let y = place_fields(
        &mut out,
        MARGIN_MM,
        TRACKING_TOP,
        content_w,
        &[caption("TRACKING")],
    );
    let tracking = Code128Plan::plain(&data.tracking_number)?;
    let bars_h = 16.0;
    out.push(Element::Code128(linear(
        tracking,
        &data.tracking_number,
        y + 0.3,
        bars_h,
        dpi,
        0.5,
        "tracking number",
    )?));
    let hrt = [Field {
        text: &data.tracking_number,
        weight: FontWeight::Bold,
        max_size: 3.2,
        min_size: 2.0,
        max_lines: 1,
    }];
    place_centred(&mut out, y + 0.3 + bars_h + 0.5, &hrt[0]);
    rule(&mut out, REFS_TOP - 1.0);

    // Weight and order reference on the left, QR code on the right.
    let weight = format_weight(data.weight_g);
    let refs_fields = [
        caption("WEIGHT"),
        Field {
            text: &weight,
            weight: FontWeight::Bold,
            max_size: 5.0,
            min_size: 5.0,
            max_lines: 1,
        },
        caption("ORDER"),
        Field {
            text: &data.order_ref,
            weight: FontWeight::Regular,
            max_size: 3.6,
            min_size: 2.2,
            max_lines: 2,
        },
    ];
    check_budget(&refs_fields, REFS_TOP, SSCC_TOP - 1.0);
    let qr_area = SSCC_TOP - 1.0 - REFS_TOP - 0.5;
    place_fields(
        &mut out,
        MARGIN_MM,
        REFS_TOP,
        content_w - qr_area - 2.0,
        &refs_fields,
    );
    out.push(Element::Qr(qr(
        data.qr_payload(),
        LABEL_WIDTH_MM - MARGIN_MM - qr_area,
        REFS_TOP,
        qr_area,
        dpi,
    )?));
    rule(&mut out, SSCC_TOP - 1.0);

    // SSCC lowest, as GS1-128 with AI 00.
    let y = place_fields(&mut out, MARGIN_MM, SSCC_TOP, content_w, &[caption("SSCC")]);
    let element_string = data.sscc.element_string();
    let sscc = Code128Plan::gs1_numeric(&element_string)?;
    let bars_h = 16.0;
    out.push(Element::Code128(linear(
        sscc,
        &element_string,
        y + 0.3,
        bars_h,
        dpi,
        0.6,
        "SSCC",
    )?));
    let hrt_text = data.sscc.human_readable();
    let hrt = Field {
        text: &hrt_text,
        weight: FontWeight::Bold,
        max_size: 3.2,
        min_size: 2.0,
        max_lines: 1,
    };
    place_centred(&mut out, y + 0.3 + bars_h + 0.5, &hrt);

    Ok(Layout {
        width_mm: LABEL_WIDTH_MM,
        height_mm: LABEL_HEIGHT_MM,
        dpi,
        elements: out,
    })
}

fn check_budget(fields: &[Field], top: f64, bottom: f64) {
    let worst: f64 = fields.iter().map(Field::max_height).sum();
    debug_assert!(
        top + worst <= bottom + 1e-9,
        "zone at {top} mm needs {worst} mm"
    );
}

/// One line centred on the label (the text under a barcode), shrunk or cut to fit.
fn place_centred(out: &mut Vec<Element>, top: f64, field: &Field) {
    let text = clean_text(field.text);
    if text.is_empty() {
        return;
    }
    let (size, lines) = fit(&text, field, LABEL_WIDTH_MM - 2.0 * MARGIN_MM);
    let line = lines.into_iter().next().expect("fit returns a line");
    let width_mm = text_width_mm(&line, field.weight, size);
    let (ascent, _) = vertical_extent(field.weight);
    out.push(Element::Text(TextRun {
        x_mm: (LABEL_WIDTH_MM - width_mm) / 2.0,
        baseline_mm: top + ascent * size,
        size_mm: size,
        weight: field.weight,
        text: line,
        width_mm,
        centred: true,
    }));
}

/// Picks the widest whole-dot module (up to `max_module_mm`, at least 0.25 mm) for which the
/// symbol and its quiet zones fit inside the margins, and centres it.
fn linear(
    plan: Code128Plan,
    data: &str,
    y: f64,
    height: f64,
    dpi: Dpi,
    max_module_mm: f64,
    what: &'static str,
) -> Result<LinearBarcode, LabelError> {
    let (page_w, _) = dpi.label_dots();
    let avail = page_w - 2 * dpi.dots_within(1.0);
    let min_dots = (0.25 * f64::from(dpi.dots_per_mm())).ceil() as u32;
    let max_dots = dpi.dots_within(max_module_mm).max(min_dots);
    let total_modules = plan.width_modules() as u32 + 2 * LINEAR_QUIET_MODULES;
    let module_dots = (min_dots..=max_dots)
        .rev()
        .find(|m| total_modules * m <= avail)
        .ok_or_else(|| LabelError::DoesNotFit {
            what,
            detail: format!(
                "{} modules need {:.1} mm at the narrowest scannable module, {:.1} mm available",
                total_modules,
                dpi.mm(total_modules * min_dots),
                dpi.mm(avail)
            ),
        })?;
    let width = plan.width_modules() as u32 * module_dots;
    let x_dots = (page_w - width) / 2;
    Ok(LinearBarcode {
        x_mm: dpi.mm(x_dots),
        y_mm: snap(y, dpi),
        height_mm: height,
        module_dots,
        plan,
        data: data.to_owned(),
    })
}

fn snap(mm: f64, dpi: Dpi) -> f64 {
    dpi.mm((mm * f64::from(dpi.dots_per_mm())).round() as u32)
}

/// A QR code in byte mode at error correction M, at the smallest version that holds the
/// payload (a Zebra given the same byte-mode field makes the same choice), with the widest
/// whole-dot module that fits `area` mm square with its quiet zone.
fn qr(payload: &str, x: f64, y: f64, area: f64, dpi: Dpi) -> Result<QrSymbol, LabelError> {
    use qrcode::bits::Bits;
    use qrcode::{EcLevel, QrCode, Version};
    let code = (1..=40)
        .find_map(|v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_byte_data(payload.as_bytes()).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
        .ok_or_else(|| LabelError::DoesNotFit {
            what: "QR code",
            detail: format!("{} bytes exceed a version 40 QR code", payload.len()),
        })?;
    let size = code.width();
    let area_dots = dpi.dots_within(area);
    let min_dots = (0.25 * f64::from(dpi.dots_per_mm())).ceil() as u32;
    let max_dots = dpi.dots_within(0.625);
    let total = size as u32 + 2 * QR_QUIET_MODULES;
    let module_dots = (min_dots..=max_dots)
        .rev()
        .find(|m| total * m <= area_dots)
        .ok_or_else(|| LabelError::DoesNotFit {
            what: "QR code",
            detail: format!("{size} modules per side do not fit {area:.1} mm at 0.25 mm a module"),
        })?;
    let quiet = QR_QUIET_MODULES * module_dots;
    let x_dots = dpi.dots_within(x) + quiet;
    let y_dots = dpi.dots_within(y) + quiet;
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok(QrSymbol {
        x_mm: dpi.mm(x_dots),
        y_mm: dpi.mm(y_dots),
        module_dots,
        size,
        modules,
        payload: payload.to_owned(),
    })
}

/// "2.35 kg" from grams.
pub fn format_weight(weight_g: u32) -> String {
    let centi_kg = (weight_g + 5) / 10;
    format!("{}.{:02} kg", centi_kg / 100, centi_kg % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_print_in_kg_rounded_to_10_g() {
        for (g, text) in [
            (2350, "2.35 kg"),
            (2999, "3.00 kg"),
            (5, "0.01 kg"),
            (994, "0.99 kg"),
            (30_000, "30.00 kg"),
        ] {
            assert_eq!(format_weight(g), text, "{g} g");
        }
    }

    #[test]
    fn control_characters_never_reach_a_text_run() {
        assert_eq!(
            clean_text(" a\tb\r\nc\u{1b}[0m  d\u{a0}e "),
            "a b c [0m d e"
        );
    }

    #[test]
    fn wrap_breaks_at_spaces_then_inside_words() {
        let adv = advances_em("aa aa aa", FontWeight::Regular);
        let space = advances_em(" ", FontWeight::Regular)[0].1;
        let a = adv[0].1;
        assert_eq!(
            wrap(&adv, space, 2.0 * a + space + 2.0 * a + 1e-6),
            ["aa aa", "aa"]
        );
        assert_eq!(wrap(&adv, space, 2.0 * a + 1e-6), ["aa", "aa", "aa"]);
        let long = advances_em("aaaaaaa", FontWeight::Regular);
        assert_eq!(wrap(&long, space, 3.5 * a), ["aaa", "aaa", "a"]);
    }
}
