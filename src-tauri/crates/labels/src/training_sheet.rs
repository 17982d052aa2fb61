//! The training pack: an A4 (or Letter) PDF of every code a trainee scans to pack one trolley
//! with a real scanner — badges, the trolley, slot by slot the units in the order they come,
//! the boxes, the action codes — in sections under headings, two codes a row. Rendered by the
//! packing slip's PDF writer, fonts embedded, like the action sheet.

use crate::font::{text_width_mm, FontWeight};
use crate::slip::{to_pdf, Paper, SlipElement, SlipLayout};
use crate::symbol::{encode, Symbol, Symbology, GS};
use crate::LabelError;

/// One code on the sheet: what the trainee reads, and what the scanner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCode {
    pub label: String,
    pub scan: String,
    pub symbology: Symbology,
}

/// Codes under one heading ("Slot 3 — SO-100042").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSection {
    pub title: String,
    pub codes: Vec<SheetCode>,
}

const MARGIN: f64 = 15.0;
const QUIET_MM: f64 = 4.0;
const CODE_H: f64 = 15.0;
const CELL_H: f64 = CODE_H + 14.0;
const HEADING_H: f64 = 10.0;
/// Linear modules: 0.4 mm reads well at arm's length; narrower only when a code needs it.
const LINEAR_MODULE_MM: f64 = 0.4;
const MIN_LINEAR_MODULE_MM: f64 = 0.25;

/// What the human-readable line under a code says (GS shown as `<GS>`).
pub fn readable(scan: &str) -> String {
    scan.replace(GS, "<GS>")
}

/// Cuts `text` to fit `width_mm` at `size_mm`, with an ellipsis when cut.
fn fit(text: &str, weight: FontWeight, size_mm: f64, width_mm: f64) -> String {
    if text_width_mm(text, weight, size_mm) <= width_mm {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && text_width_mm(&format!("{out}…"), weight, size_mm) > width_mm {
        out.pop();
    }
    format!("{out}…")
}

fn text(x: f64, baseline: f64, size: f64, weight: FontWeight, t: &str) -> SlipElement {
    SlipElement::Text {
        x_mm: x,
        baseline_mm: baseline,
        size_mm: size,
        weight,
        text: t.to_owned(),
        width_mm: text_width_mm(t, weight, size),
    }
}

/// The symbol's dark modules as filled rectangles, its top-left corner at (x, y).
fn draw(
    symbol: &Symbol,
    x: f64,
    y: f64,
    max_w: f64,
    out: &mut Vec<SlipElement>,
) -> Result<f64, LabelError> {
    if symbol.is_linear() {
        let module = (max_w / symbol.width as f64).min(LINEAR_MODULE_MM);
        if module < MIN_LINEAR_MODULE_MM {
            return Err(LabelError::Barcode {
                what: "training sheet",
                detail: format!(
                    "a code of {} modules is too wide for the sheet",
                    symbol.width
                ),
            });
        }
        for (c, n) in symbol.runs(0) {
            out.push(SlipElement::Fill {
                x_mm: x + c as f64 * module,
                y_mm: y,
                width_mm: n as f64 * module,
                height_mm: CODE_H,
                gray: 0.0,
            });
        }
        Ok(symbol.width as f64 * module)
    } else {
        let module = CODE_H / symbol.rows() as f64;
        for r in 0..symbol.rows() {
            for (c, n) in symbol.runs(r) {
                out.push(SlipElement::Fill {
                    x_mm: x + c as f64 * module,
                    y_mm: y + r as f64 * module,
                    width_mm: n as f64 * module,
                    height_mm: module,
                    gray: 0.0,
                });
            }
        }
        Ok(symbol.width as f64 * module)
    }
}

/// Lays the sections out: a heading row each, then their codes two a row, pages as needed.
pub fn layout_training_sheet(
    title: &str,
    sections: &[SheetSection],
    paper: Paper,
) -> Result<SlipLayout, LabelError> {
    let (w, h) = paper.size_mm();
    let col_w = (w - 2.0 * MARGIN) / 2.0;
    let top = MARGIN + 12.0;
    let bottom = h - MARGIN;
    let mut pages: Vec<Vec<SlipElement>> = Vec::new();
    let mut y = bottom; // forces a first page
    let new_page = |pages: &mut Vec<Vec<SlipElement>>| {
        let n = pages.len() + 1;
        let head = format!("{title} ({n})");
        pages.push(vec![text(
            MARGIN,
            MARGIN + 6.0,
            6.0,
            FontWeight::Bold,
            &head,
        )]);
        top
    };
    for section in sections {
        // A heading never ends a page alone.
        if y + HEADING_H + CELL_H > bottom {
            y = new_page(&mut pages);
        }
        let els = pages.last_mut().expect("a page");
        let heading = fit(&section.title, FontWeight::Bold, 5.0, w - 2.0 * MARGIN);
        els.push(text(MARGIN, y + 6.5, 5.0, FontWeight::Bold, &heading));
        els.push(SlipElement::Fill {
            x_mm: MARGIN,
            y_mm: y + 8.0,
            width_mm: w - 2.0 * MARGIN,
            height_mm: 0.3,
            gray: 0.0,
        });
        y += HEADING_H;
        for (i, code) in section.codes.iter().enumerate() {
            let col = i % 2;
            if col == 0 && i > 0 {
                y += CELL_H;
            }
            if y + CELL_H > bottom {
                y = new_page(&mut pages);
            }
            let els = pages.last_mut().expect("a page");
            let x = MARGIN + col as f64 * col_w + QUIET_MM;
            let inner = col_w - 2.0 * QUIET_MM;
            let label = fit(&code.label, FontWeight::Bold, 4.0, inner);
            els.push(text(x, y + 4.5, 4.0, FontWeight::Bold, &label));
            let symbol = encode(code.symbology, &code.scan)?;
            draw(&symbol, x, y + 6.5, inner, els)?;
            let human = fit(&readable(&code.scan), FontWeight::Regular, 3.0, inner);
            els.push(text(
                x,
                y + 6.5 + CODE_H + 4.0,
                3.0,
                FontWeight::Regular,
                &human,
            ));
        }
        if !section.codes.is_empty() {
            y += CELL_H;
        }
    }
    Ok(SlipLayout {
        width_mm: w,
        height_mm: h,
        pages,
    })
}

/// The training pack as a PDF.
pub fn render_training_sheet(
    title: &str,
    sections: &[SheetSection],
    paper: Paper,
) -> Result<Vec<u8>, LabelError> {
    to_pdf(&layout_training_sheet(title, sections, paper)?, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(label: &str, scan: &str, symbology: Symbology) -> SheetCode {
        SheetCode {
            label: label.into(),
            scan: scan.into(),
            symbology,
        }
    }

    #[test]
    fn sections_flow_over_pages_and_every_code_is_drawn() {
        let sections: Vec<SheetSection> = (1..=12)
            .map(|n| SheetSection {
                title: format!("Slot {n}"),
                codes: vec![
                    code("Sign in", "BADGE000001", Symbology::Code128),
                    code(
                        "Unit",
                        "]d20105012345000019\u{1d}21S1",
                        Symbology::Gs1DataMatrix,
                    ),
                    code("Box", "PKG-BOX-S", Symbology::Code128),
                ],
            })
            .collect();
        let layout = layout_training_sheet("Training", &sections, Paper::A4).unwrap();
        assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
        let texts: Vec<String> = layout
            .pages
            .iter()
            .flatten()
            .filter_map(|e| match e {
                SlipElement::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.iter().filter(|t| *t == "PKG-BOX-S").count(), 12);
        assert!(texts.iter().any(|t| t.contains("<GS>21S1")));
        for page in &layout.pages {
            for e in page {
                if let SlipElement::Fill {
                    y_mm, height_mm, ..
                } = e
                {
                    assert!(y_mm + height_mm <= layout.height_mm - MARGIN + 0.01);
                }
            }
        }
    }
}
