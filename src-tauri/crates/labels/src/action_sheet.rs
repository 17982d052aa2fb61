//! The packer's action sheet: a printed A4 page of Code 128 barcodes, one per station action
//! (close parcel, short, damaged, reprint, sign out, language...), so that everything a packer
//! does can be done with the scanner. Laid out like a packing slip and rendered by the same
//! PDF writer, fonts embedded.

use crate::code128::Code128Plan;
use crate::font::{text_width_mm, FontWeight};
use crate::slip::{to_pdf, Paper, SlipElement, SlipLayout};
use crate::LabelError;

/// One action: what the packer reads, and the code the scanner reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetAction {
    pub label: String,
    pub code: String,
}

/// Module width: 0.4 mm reads well with any scanner at arm's length.
const MODULE_MM: f64 = 0.4;
const BAR_H: f64 = 14.0;
const MARGIN: f64 = 15.0;
const QUIET_MM: f64 = 5.0;
/// The action's label, when it fits its column.
const LABEL_MM: f64 = 4.5;

/// Lays out `actions` in two columns on A4 (or Letter) pages, under `title`.
pub fn layout_action_sheet(
    title: &str,
    actions: &[SheetAction],
    paper: Paper,
) -> Result<SlipLayout, LabelError> {
    let (w, h) = paper.size_mm();
    let col_w = (w - 2.0 * MARGIN) / 2.0;
    // Nine rows a page on A4: every action and every language's code on one sheet.
    let cell_h = BAR_H + 14.0;
    let top = MARGIN + 14.0;
    let rows_per_page = ((h - top - MARGIN) / cell_h).floor().max(1.0) as usize;
    let mut pages: Vec<Vec<SlipElement>> = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        let page = i / (2 * rows_per_page);
        if page == pages.len() {
            pages.push(vec![SlipElement::Text {
                x_mm: MARGIN,
                baseline_mm: MARGIN + 6.0,
                size_mm: 6.0,
                weight: FontWeight::Bold,
                text: title.to_owned(),
                width_mm: text_width_mm(title, FontWeight::Bold, 6.0),
            }]);
        }
        let slot = i % (2 * rows_per_page);
        let (col, row) = (slot % 2, slot / 2);
        let x = MARGIN + col as f64 * col_w + QUIET_MM;
        let y = top + row as f64 * cell_h;
        let plan = Code128Plan::plain(&a.code)?;
        let bar_w = plan.width_modules() as f64 * MODULE_MM;
        if bar_w + 2.0 * QUIET_MM > col_w {
            return Err(LabelError::Barcode {
                what: "Code 128",
                detail: format!("action code {:?} is too long for the sheet", a.code),
            });
        }
        let els = pages.last_mut().expect("a page");
        // A long translation is set smaller rather than run into the next column.
        let room = col_w - QUIET_MM - 2.0;
        let natural = text_width_mm(&a.label, FontWeight::Bold, LABEL_MM);
        let size_mm = if natural > room {
            LABEL_MM * room / natural
        } else {
            LABEL_MM
        };
        els.push(SlipElement::Text {
            x_mm: x,
            baseline_mm: y + 5.0,
            size_mm,
            weight: FontWeight::Bold,
            text: a.label.clone(),
            width_mm: text_width_mm(&a.label, FontWeight::Bold, size_mm),
        });
        // Runs of dark modules become one bar each.
        let mut m = 0;
        while m < plan.modules.len() {
            if !plan.modules[m] {
                m += 1;
                continue;
            }
            let start = m;
            while m < plan.modules.len() && plan.modules[m] {
                m += 1;
            }
            els.push(SlipElement::Fill {
                x_mm: x + start as f64 * MODULE_MM,
                y_mm: y + 7.0,
                width_mm: (m - start) as f64 * MODULE_MM,
                height_mm: BAR_H,
                gray: 0.0,
            });
        }
        els.push(SlipElement::Text {
            x_mm: x,
            baseline_mm: y + 7.0 + BAR_H + 4.0,
            size_mm: 3.0,
            weight: FontWeight::Regular,
            text: a.code.clone(),
            width_mm: text_width_mm(&a.code, FontWeight::Regular, 3.0),
        });
    }
    Ok(SlipLayout {
        width_mm: w,
        height_mm: h,
        pages,
    })
}

/// The action sheet as a PDF.
pub fn render_action_sheet(
    title: &str,
    actions: &[SheetAction],
    paper: Paper,
) -> Result<Vec<u8>, LabelError> {
    to_pdf(&layout_action_sheet(title, actions, paper)?, title)
}
