//! The packing slip: an A4 or Letter PDF that goes into the parcel. Pure layout model first
//! (pages of positioned text and filled shapes, public so tests and previews can inspect it),
//! then a PDF with DejaVu Sans embedded (subset); same data and paper give the same bytes.
//!
//! A gift slip (an order with a gift message) never shows prices. Lines flow over as many
//! pages as needed, each continuation page repeats the table header, and every page carries
//! "Page N of M".

use std::collections::BTreeSet;
use std::str::FromStr;

use printpdf::{
    Color, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use serde::{Deserialize, Serialize};

use crate::data::{Address, ParcelOf};
use crate::font::{text_width_mm, vertical_extent, FontWeight, BOLD_TTF, REGULAR_TTF};
use crate::LabelError;

/// Paper the slip is printed on (office laser printer at the pack station).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in = 215.9 x 279.4 mm.
    Letter,
}

impl Paper {
    /// (width, height) in mm, portrait.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

impl FromStr for Paper {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(LabelError::InvalidField {
                field: "paper",
                reason: format!("{s:?} is not a paper size: use a4 or letter"),
            }),
        }
    }
}

/// Everything printed on one packing slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackingSlipData {
    /// The client (shop) id: picks its logo from `assets/logos/<id>.logo`.
    pub client_id: String,
    /// The client's name as printed, also the fallback when it has no logo.
    pub client_name: String,
    /// The shop's order reference.
    pub order_ref: String,
    /// Order (or packing) date as printed, e.g. "2026-11-26".
    pub date: String,
    pub ship_to: Address,
    pub lines: Vec<SlipLine>,
    /// Parcel n of m when the order ships in several parcels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parcel: Option<ParcelOf>,
    /// A gift message makes this a gift slip: the message in a box and no prices anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_message: Option<String>,
    /// ISO 4217 currency of the line prices; needed when any line has a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// How to return goods, printed at the end.
    pub returns_note: String,
}

/// One order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlipLine {
    pub sku: String,
    pub name: String,
    pub qty_ordered: u32,
    pub qty_shipped: u32,
    /// Unit price in minor units (cents, grosze); printed only on a non-gift slip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price_minor: Option<u64>,
}

impl SlipLine {
    /// Fewer shipped than ordered.
    pub fn is_short(&self) -> bool {
        self.qty_shipped < self.qty_ordered
    }
}

impl PackingSlipData {
    /// Has a (non-blank) gift message.
    pub fn is_gift(&self) -> bool {
        self.gift_message
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty())
    }

    /// Whether the price column is printed: never on a gift slip, else when any line has one.
    pub fn shows_prices(&self) -> bool {
        !self.is_gift() && self.lines.iter().any(|l| l.unit_price_minor.is_some())
    }
}

/// Longest gift message accepted (it must fit its box on the first page).
pub const MAX_GIFT_MESSAGE_CHARS: usize = 600;

/// Checks what must be present and consistent.
pub fn validate_slip(data: &PackingSlipData) -> Result<(), LabelError> {
    let invalid =
        |field: &'static str, reason: String| Err(LabelError::InvalidField { field, reason });
    for (field, value) in [
        ("order_ref", &data.order_ref),
        ("date", &data.date),
        ("client_name", &data.client_name),
        ("ship_to.name", &data.ship_to.name),
        ("ship_to.city", &data.ship_to.city),
        ("ship_to.country_code", &data.ship_to.country_code),
    ] {
        if value.trim().is_empty() {
            return invalid(field, "must not be empty".into());
        }
    }
    if data.lines.is_empty() {
        return invalid("lines", "a packing slip lists at least one line".into());
    }
    for (i, l) in data.lines.iter().enumerate() {
        if l.sku.trim().is_empty() {
            return invalid("lines.sku", format!("line {} has no SKU", i + 1));
        }
        if l.qty_shipped > l.qty_ordered {
            return invalid(
                "lines.qty_shipped",
                format!(
                    "line {} ({}) ships {} of {} ordered",
                    i + 1,
                    l.sku,
                    l.qty_shipped,
                    l.qty_ordered
                ),
            );
        }
    }
    if let Some(p) = data.parcel {
        if p.index == 0 || p.index > p.count {
            return invalid(
                "parcel",
                format!("parcel {} of {} does not exist", p.index, p.count),
            );
        }
    }
    if let Some(m) = &data.gift_message {
        if m.chars().count() > MAX_GIFT_MESSAGE_CHARS {
            return invalid(
                "gift_message",
                format!("at most {MAX_GIFT_MESSAGE_CHARS} characters"),
            );
        }
    }
    if data.shows_prices() && data.currency.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return invalid("currency", "lines have prices but no currency".into());
    }
    Ok(())
}

// ---------- layout model ----------

/// A laid-out slip: pages top to bottom, coordinates in mm from the page's top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct SlipLayout {
    pub width_mm: f64,
    pub height_mm: f64,
    pub pages: Vec<Vec<SlipElement>>,
}

/// One thing printed on a slip page.
#[derive(Debug, Clone, PartialEq)]
pub enum SlipElement {
    /// Text left-aligned at `x_mm` on `baseline_mm`; `width_mm` as measured.
    Text {
        x_mm: f64,
        baseline_mm: f64,
        size_mm: f64,
        weight: FontWeight,
        text: String,
        width_mm: f64,
    },
    /// A filled rectangle (rules, frames); `gray` 0 = black, 1 = white.
    Fill {
        x_mm: f64,
        y_mm: f64,
        width_mm: f64,
        height_mm: f64,
        gray: f64,
    },
    /// A filled polygon (logo shapes).
    Poly { points: Vec<(f64, f64)>, gray: f64 },
}

const MARGIN: f64 = 15.0;
const BODY: f64 = 3.5;
const SMALL: f64 = 3.0;
const LEADING: f64 = 1.3;
const CELL_PAD: f64 = 1.2;
const COL_GAP: f64 = 2.0;
const FOOTER_MM: f64 = 12.0;
const LOGO_MAX_H: f64 = 16.0;
const LOGO_MAX_W: f64 = 80.0;

struct Page {
    elements: Vec<SlipElement>,
}

impl Page {
    fn text(&mut self, x: f64, baseline: f64, size: f64, weight: FontWeight, text: &str) {
        if text.is_empty() {
            return;
        }
        self.elements.push(SlipElement::Text {
            x_mm: x,
            baseline_mm: baseline,
            size_mm: size,
            weight,
            text: text.to_owned(),
            width_mm: text_width_mm(text, weight, size),
        });
    }
    fn text_right(&mut self, right: f64, baseline: f64, size: f64, weight: FontWeight, t: &str) {
        let w = text_width_mm(t, weight, size);
        self.text(right - w, baseline, size, weight, t);
    }
    fn fill(&mut self, x: f64, y: f64, w: f64, h: f64, gray: f64) {
        self.elements.push(SlipElement::Fill {
            x_mm: x,
            y_mm: y,
            width_mm: w,
            height_mm: h,
            gray,
        });
    }
    /// A frame of `t` mm thick lines inside (x, y, w, h).
    fn frame(&mut self, x: f64, y: f64, w: f64, h: f64, t: f64) {
        self.fill(x, y, w, t, 0.0);
        self.fill(x, y + h - t, w, t, 0.0);
        self.fill(x, y, t, h, 0.0);
        self.fill(x + w - t, y, t, h, 0.0);
    }
}

fn ascent(size: f64, weight: FontWeight) -> f64 {
    vertical_extent(weight).0 * size
}

fn line_height(size: f64) -> f64 {
    size * LEADING
}

/// Greedy word wrap to `width` mm; a word longer than a line is broken between characters.
pub fn wrap_text(text: &str, weight: FontWeight, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width_mm(&candidate, weight, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it if it is wider than a line.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && text_width_mm(&next, weight, size) > width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
    }
    // A trailing empty paragraph is not a line.
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Keeps at most `max` lines, the last one ending in an ellipsis when lines were dropped.
fn cap_lines(
    mut lines: Vec<String>,
    max: usize,
    weight: FontWeight,
    size: f64,
    width: f64,
) -> Vec<String> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max.max(1));
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && text_width_mm(&format!("{last}…"), weight, size) > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// Formats minor units as "1234.50 PLN".
fn money(minor: u64, currency: &str) -> String {
    format!("{}.{:02} {currency}", minor / 100, minor % 100)
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

struct Column {
    title: &'static str,
    x: f64,
    width: f64,
    align: Align,
}

fn columns(content_left: f64, content_width: f64, prices: bool) -> Vec<Column> {
    let sku = 36.0;
    let qty = 17.0;
    let status = 20.0;
    let price = if prices { 26.0 } else { 0.0 };
    let n_cols = if prices { 6.0 } else { 5.0 };
    let name = content_width - sku - 2.0 * qty - status - price - (n_cols - 1.0) * COL_GAP;
    let mut cols = Vec::new();
    let mut x = content_left;
    let mut push = |title, width, align| {
        cols.push(Column {
            title,
            x,
            width,
            align,
        });
        x += width + COL_GAP;
    };
    push("SKU", sku, Align::Left);
    push("Item", name, Align::Left);
    push("Ordered", qty, Align::Right);
    push("Shipped", qty, Align::Right);
    push("Note", status, Align::Left);
    if prices {
        push("Unit price", price, Align::Right);
    }
    cols
}

/// Lays the slip out on pages of `paper`.
pub fn layout_packing_slip(data: &PackingSlipData, paper: Paper) -> Result<SlipLayout, LabelError> {
    validate_slip(data)?;
    let (width, height) = paper.size_mm();
    let left = MARGIN;
    let right = width - MARGIN;
    let content_width = right - left;
    let bottom = height - MARGIN - FOOTER_MM;
    let prices = data.shows_prices();
    let currency = data.currency.clone().unwrap_or_default();
    let cols = columns(left, content_width, prices);
    let body_lh = line_height(BODY);
    use FontWeight::{Bold, Regular};

    let mut pages: Vec<Page> = Vec::new();
    let mut page = Page {
        elements: Vec::new(),
    };

    // --- First page header: logo (or name), title, order facts ---
    let mut y = MARGIN;
    let logo_bottom = match crate::slip_logo::logo(&data.client_id) {
        Some(logo) => {
            let scale = (LOGO_MAX_H / logo.height_mm).min(LOGO_MAX_W / logo.width_mm);
            logo.draw(&mut page.elements, left, y, scale);
            y + logo.height_mm * scale
        }
        None => {
            let lines = cap_lines(
                wrap_text(&data.client_name, Bold, 7.0, 90.0),
                2,
                Bold,
                7.0,
                90.0,
            );
            let mut b = y;
            for l in &lines {
                b += ascent(7.0, Bold);
                page.text(left, b, 7.0, Bold, l);
                b += line_height(7.0) - ascent(7.0, Bold);
            }
            b
        }
    };
    let mut ry = y + ascent(6.0, Bold);
    page.text_right(right, ry, 6.0, Bold, "PACKING SLIP");
    ry += 2.0;
    let parcel_text = match data.parcel {
        Some(p) if p.count > 1 => format!("Parcel {} of {}", p.index, p.count),
        _ => "Parcel 1 of 1".to_owned(),
    };
    for t in [
        format!("Order {}", data.order_ref),
        format!("Date {}", data.date),
        parcel_text,
    ] {
        ry += body_lh;
        let t = cap_lines(wrap_text(&t, Regular, BODY, 85.0), 1, Regular, BODY, 85.0).remove(0);
        page.text_right(right, ry, BODY, Regular, &t);
    }
    y = logo_bottom.max(ry + 2.0) + 6.0;

    // --- Ship to ---
    y += ascent(BODY, Bold);
    page.text(left, y, BODY, Bold, "Ship to");
    let addr = &data.ship_to;
    let mut addr_lines = vec![addr.name.clone()];
    addr_lines.extend(addr.company.clone());
    addr_lines.extend(addr.street_lines.iter().cloned());
    addr_lines.push(
        format!("{} {}", addr.postal_code, addr.city)
            .trim()
            .to_owned(),
    );
    addr_lines.push(addr.country_code.clone());
    addr_lines.extend(addr.phone.clone());
    let mut wrapped_addr = Vec::new();
    for l in &addr_lines {
        wrapped_addr.extend(wrap_text(l, Regular, BODY, 100.0));
    }
    for l in cap_lines(wrapped_addr, 10, Regular, BODY, 100.0) {
        y += body_lh;
        page.text(left, y, BODY, Regular, &l);
    }
    y += 6.0;

    // --- Gift message box ---
    if data.is_gift() {
        let msg = data.gift_message.as_deref().unwrap_or_default();
        let inner = content_width - 8.0;
        let lines = cap_lines(
            wrap_text(msg.trim(), Regular, BODY, inner),
            12,
            Regular,
            BODY,
            inner,
        );
        let box_h = 4.0 + body_lh * (lines.len() as f64 + 1.0) + 3.0;
        page.frame(left, y, content_width, box_h, 0.4);
        let mut b = y + 3.0 + ascent(BODY, Bold);
        page.text(left + 4.0, b, BODY, Bold, "Gift message");
        for l in &lines {
            b += body_lh;
            page.text(left + 4.0, b, BODY, Regular, l);
        }
        y += box_h + 6.0;
    }

    // --- Table ---
    let header = |page: &mut Page, y: f64| -> f64 {
        let b = y + ascent(BODY, Bold) + CELL_PAD;
        for c in &cols {
            match c.align {
                Align::Left => page.text(c.x, b, BODY, Bold, c.title),
                Align::Right => page.text_right(c.x + c.width, b, BODY, Bold, c.title),
            }
        }
        let rule_y = y + body_lh + 2.0 * CELL_PAD;
        page.fill(left, rule_y, content_width, 0.4, 0.0);
        rule_y + 0.4
    };
    let continuation = |page: &mut Page| -> f64 {
        let b = MARGIN + ascent(4.0, Bold);
        let t = format!("Packing slip, order {} (continued)", data.order_ref);
        let t = cap_lines(
            wrap_text(&t, Bold, 4.0, content_width),
            1,
            Bold,
            4.0,
            content_width,
        )
        .remove(0);
        page.text(left, b, 4.0, Bold, &t);
        b + 6.0
    };
    y = header(&mut page, y);
    // The most lines a row may have so that it fits a continuation page on its own.
    let max_row_lines = (((bottom - (MARGIN + 12.0 + body_lh + 2.0 * CELL_PAD)) - 2.0 * CELL_PAD)
        / body_lh)
        .floor()
        .max(1.0) as usize;
    let mut total_ordered: u64 = 0;
    let mut total_shipped: u64 = 0;
    let mut short_lines = 0usize;
    for line in &data.lines {
        total_ordered += u64::from(line.qty_ordered);
        total_shipped += u64::from(line.qty_shipped);
        let note = if line.is_short() {
            short_lines += 1;
            format!("SHORT {}", line.qty_ordered - line.qty_shipped)
        } else {
            String::new()
        };
        let mut cells: Vec<(Vec<String>, FontWeight)> = vec![
            (wrap_text(&line.sku, Regular, BODY, cols[0].width), Regular),
            (wrap_text(&line.name, Regular, BODY, cols[1].width), Regular),
            (vec![line.qty_ordered.to_string()], Regular),
            (
                vec![line.qty_shipped.to_string()],
                if line.is_short() { Bold } else { Regular },
            ),
            (vec![note], Bold),
        ];
        if prices {
            let p = line
                .unit_price_minor
                .map(|m| money(m, &currency))
                .unwrap_or_else(|| "–".to_owned());
            cells.push((wrap_text(&p, Regular, BODY, cols[5].width), Regular));
        }
        for (i, (lines, weight)) in cells.iter_mut().enumerate() {
            *lines = cap_lines(
                std::mem::take(lines),
                max_row_lines,
                *weight,
                BODY,
                cols[i].width,
            );
        }
        let n = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1).max(1);
        let row_h = n as f64 * body_lh + 2.0 * CELL_PAD;
        if y + row_h > bottom {
            pages.push(std::mem::replace(
                &mut page,
                Page {
                    elements: Vec::new(),
                },
            ));
            let top = continuation(&mut page);
            y = header(&mut page, top);
        }
        if line.is_short() {
            page.fill(left, y, content_width, row_h, 0.9);
        }
        for (i, (lines, weight)) in cells.iter().enumerate() {
            let c = &cols[i];
            let mut b = y + CELL_PAD + ascent(BODY, *weight);
            for l in lines {
                match c.align {
                    Align::Left => page.text(c.x, b, BODY, *weight, l),
                    Align::Right => page.text_right(c.x + c.width, b, BODY, *weight, l),
                }
                b += body_lh;
            }
        }
        y += row_h;
        page.fill(left, y, content_width, 0.15, 0.5);
        y += 0.15;
    }

    // --- Totals and returns note (kept together) ---
    let mut tail: Vec<(String, FontWeight)> = Vec::new();
    let mut totals = format!(
        "{} lines, {} units ordered, {} shipped",
        data.lines.len(),
        total_ordered,
        total_shipped
    );
    if short_lines > 0 {
        totals.push_str(&format!(
            "; {short_lines} short line{}: the rest follows separately",
            if short_lines == 1 { "" } else { "s" }
        ));
    }
    for l in wrap_text(&totals, Bold, BODY, content_width) {
        tail.push((l, Bold));
    }
    tail.push((String::new(), Regular));
    tail.push(("Returns".to_owned(), Bold));
    for l in cap_lines(
        wrap_text(&data.returns_note, Regular, BODY, content_width),
        20,
        Regular,
        BODY,
        content_width,
    ) {
        tail.push((l, Regular));
    }
    let tail_h = 4.0 + tail.len() as f64 * body_lh;
    if y + tail_h > bottom {
        pages.push(std::mem::replace(
            &mut page,
            Page {
                elements: Vec::new(),
            },
        ));
        y = continuation(&mut page);
    }
    y += 4.0;
    for (l, w) in &tail {
        y += body_lh;
        page.text(left, y, BODY, *w, l);
    }
    pages.push(page);

    // --- Footers: page N of M ---
    let count = pages.len();
    let footer_base = height - MARGIN;
    let footer_left = cap_lines(
        wrap_text(
            &format!("{} · order {}", data.client_name, data.order_ref),
            Regular,
            SMALL,
            content_width - 40.0,
        ),
        1,
        Regular,
        SMALL,
        content_width - 40.0,
    )
    .remove(0);
    for (i, p) in pages.iter_mut().enumerate() {
        p.fill(left, footer_base - 5.0, content_width, 0.2, 0.0);
        p.text(left, footer_base, SMALL, Regular, &footer_left);
        p.text_right(
            right,
            footer_base,
            SMALL,
            Regular,
            &format!("Page {} of {}", i + 1, count),
        );
    }
    Ok(SlipLayout {
        width_mm: width,
        height_mm: height,
        pages: pages.into_iter().map(|p| p.elements).collect(),
    })
}

/// Renders the packing slip PDF. Pure: same data and paper give the same bytes.
pub fn render_packing_slip(data: &PackingSlipData, paper: Paper) -> Result<Vec<u8>, LabelError> {
    let layout = layout_packing_slip(data, paper)?;
    to_pdf(&layout, &format!("Packing slip {}", data.order_ref))
}

/// The PDF for a laid-out slip.
pub fn to_pdf(layout: &SlipLayout, title: &str) -> Result<Vec<u8>, LabelError> {
    let height = layout.height_mm;
    let mut doc = PdfDocument::new(title);
    let used = |weight: FontWeight| -> BTreeSet<char> {
        layout
            .pages
            .iter()
            .flatten()
            .filter_map(|e| match e {
                SlipElement::Text {
                    weight: w, text, ..
                } if *w == weight => Some(text.chars()),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let regular = crate::pdf::add_font(
        &mut doc,
        REGULAR_TTF,
        &used(FontWeight::Regular),
        "PBSLPR+DejaVuSans",
    )?;
    let bold = crate::pdf::add_font(
        &mut doc,
        BOLD_TTF,
        &used(FontWeight::Bold),
        "PBSLPB+DejaVuSans-Bold",
    )?;
    let gray = |g: f64| Color::Rgb(Rgb::new(g as f32, g as f32, g as f32, None));
    let pt = |x: f64, y_top: f64| Point::new(Mm(x as f32), Mm((height - y_top) as f32));
    let mut pages = Vec::new();
    for elements in &layout.pages {
        let mut ops = vec![Op::SetOutlineColor { col: gray(0.0) }];
        for e in elements {
            match e {
                SlipElement::Text {
                    x_mm,
                    baseline_mm,
                    size_mm,
                    weight,
                    text,
                    ..
                } => {
                    let font = match weight {
                        FontWeight::Regular => regular.clone(),
                        FontWeight::Bold => bold.clone(),
                    };
                    ops.extend([
                        Op::SetFillColor { col: gray(0.0) },
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(font),
                            size: Pt(Mm(*size_mm as f32).into_pt().0),
                        },
                        Op::SetTextCursor {
                            pos: pt(*x_mm, *baseline_mm),
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        },
                        Op::EndTextSection,
                    ]);
                }
                SlipElement::Fill {
                    x_mm,
                    y_mm,
                    width_mm,
                    height_mm,
                    gray: g,
                } => {
                    let mut rect = Rect::from_xywh(
                        Mm(*x_mm as f32).into(),
                        Mm((height - y_mm - height_mm) as f32).into(),
                        Mm(*width_mm as f32).into(),
                        Mm(*height_mm as f32).into(),
                    );
                    rect.mode = Some(PaintMode::Fill);
                    ops.push(Op::SetFillColor { col: gray(*g) });
                    ops.push(Op::DrawRectangle { rectangle: rect });
                }
                SlipElement::Poly { points, gray: g } => {
                    let ring = PolygonRing {
                        points: points
                            .iter()
                            .map(|&(x, y)| printpdf::LinePoint {
                                p: pt(x, y),
                                bezier: false,
                            })
                            .collect(),
                    };
                    ops.push(Op::SetFillColor { col: gray(*g) });
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![ring],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
            }
        }
        pages.push(PdfPage::new(
            Mm(layout.width_mm as f32),
            Mm(height as f32),
            ops,
        ));
    }
    let mut warnings = Vec::new();
    let mut lopdf_doc = doc
        .with_pages(pages)
        .to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    lopdf_doc.trailer.remove(b"ID");
    lopdf_doc.compress();
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .map_err(|e| LabelError::Pdf(e.to_string()))?;
    Ok(bytes)
}
