//! Lays a packing slip out on its paper: the header with the client's logo or name, the
//! addresses, the lines table flowing over pages with its header repeated, the totals or the
//! gift message, and "Page N of M".

use packbench_ipc::i18n::{Lang, Words};

use crate::font::{text_width_mm, vertical_extent, FontWeight};
use crate::LabelError;

use super::data::{validate_slip, PackingSlipData, Paper};
use super::element::{SlipElement, SlipLayout};

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

/// Formats minor units as "1234.50 PLN" (a decimal comma where the language writes one).
fn money(w: &Words, minor: u64, currency: &str) -> String {
    format!("{} {currency}", w.number(minor as f64 / 100.0, 2))
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

struct Column {
    title: String,
    x: f64,
    width: f64,
    align: Align,
}

fn columns(w: &Words, content_left: f64, content_width: f64, prices: bool) -> Vec<Column> {
    let sku = 36.0;
    let qty = 17.0;
    let status = 20.0;
    let price = if prices { 26.0 } else { 0.0 };
    let n_cols = if prices { 6.0 } else { 5.0 };
    let name = content_width - sku - 2.0 * qty - status - price - (n_cols - 1.0) * COL_GAP;
    let mut cols = Vec::new();
    let mut x = content_left;
    let mut push = |id: &str, width, align| {
        cols.push(Column {
            title: w.text(id),
            x,
            width,
            align,
        });
        x += width + COL_GAP;
    };
    push("slip-column-sku", sku, Align::Left);
    push("slip-column-item", name, Align::Left);
    push("slip-column-ordered", qty, Align::Right);
    push("slip-column-shipped", qty, Align::Right);
    push("slip-column-note", status, Align::Left);
    if prices {
        push("slip-column-unit-price", price, Align::Right);
    }
    cols
}

/// Lays the slip out on pages of `paper`.
pub fn layout_packing_slip(data: &PackingSlipData, paper: Paper) -> Result<SlipLayout, LabelError> {
    validate_slip(data)?;
    let w = Lang::from_tag(data.lang.as_deref().unwrap_or_default()).words();
    let (width, height) = paper.size_mm();
    let left = MARGIN;
    let right = width - MARGIN;
    let content_width = right - left;
    let bottom = height - MARGIN - FOOTER_MM;
    let prices = data.shows_prices();
    let currency = data.currency.clone().unwrap_or_default();
    let cols = columns(&w, left, content_width, prices);
    let body_lh = line_height(BODY);
    use FontWeight::{Bold, Regular};

    let mut pages: Vec<Page> = Vec::new();
    let mut page = Page {
        elements: Vec::new(),
    };

    // --- First page header: logo (or name), title, order facts ---
    let mut y = MARGIN;
    let logo_bottom = match super::logo::logo(&data.client_id) {
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
    page.text_right(right, ry, 6.0, Bold, &w.text("slip-title"));
    ry += 2.0;
    let (index, count) = match data.parcel {
        Some(p) if p.count > 1 => (p.index, p.count),
        _ => (1, 1),
    };
    let parcel_text = w.fmt(
        "slip-parcel-of",
        &[("index", index.into()), ("count", count.into())],
    );
    for t in [
        w.fmt("slip-order", &[("order", (&data.order_ref).into())]),
        w.fmt("slip-date", &[("date", (&data.date).into())]),
        parcel_text,
    ] {
        ry += body_lh;
        let t = cap_lines(wrap_text(&t, Regular, BODY, 85.0), 1, Regular, BODY, 85.0).remove(0);
        page.text_right(right, ry, BODY, Regular, &t);
    }
    y = logo_bottom.max(ry + 2.0) + 6.0;

    // --- Ship to ---
    y += ascent(BODY, Bold);
    page.text(left, y, BODY, Bold, &w.text("slip-ship-to"));
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
        page.text(left + 4.0, b, BODY, Bold, &w.text("slip-gift-message"));
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
            // A heading longer than its column (a long translation) is set smaller.
            let natural = text_width_mm(&c.title, Bold, BODY);
            let size = if natural > c.width {
                BODY * c.width / natural
            } else {
                BODY
            };
            match c.align {
                Align::Left => page.text(c.x, b, size, Bold, &c.title),
                Align::Right => page.text_right(c.x + c.width, b, size, Bold, &c.title),
            }
        }
        let rule_y = y + body_lh + 2.0 * CELL_PAD;
        page.fill(left, rule_y, content_width, 0.4, 0.0);
        rule_y + 0.4
    };
    let continuation = |page: &mut Page| -> f64 {
        let b = MARGIN + ascent(4.0, Bold);
        let t = w.fmt("slip-continued", &[("order", (&data.order_ref).into())]);
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
            w.fmt(
                "slip-short",
                &[("count", (line.qty_ordered - line.qty_shipped).into())],
            )
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
                .map(|m| money(&w, m, &currency))
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
    let mut totals = w.fmt(
        "slip-totals",
        &[
            ("lines", data.lines.len().into()),
            ("ordered", total_ordered.into()),
            ("shipped", total_shipped.into()),
        ],
    );
    if short_lines > 0 {
        totals += "; ";
        totals += &w.fmt("slip-short-lines", &[("count", short_lines.into())]);
    }
    for l in wrap_text(&totals, Bold, BODY, content_width) {
        tail.push((l, Bold));
    }
    tail.push((String::new(), Regular));
    tail.push((w.text("slip-returns"), Bold));
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
            &w.fmt(
                "slip-footer",
                &[
                    ("client", (&data.client_name).into()),
                    ("order", (&data.order_ref).into()),
                ],
            ),
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
            &w.fmt(
                "slip-page-of",
                &[("page", (i + 1).into()), ("count", count.into())],
            ),
        );
    }
    Ok(SlipLayout {
        width_mm: width,
        height_mm: height,
        pages: pages.into_iter().map(|p| p.elements).collect(),
    })
}
