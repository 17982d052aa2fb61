//! Layout -> a one-page 4x6 in PDF with DejaVu Sans embedded (subset), barcodes drawn as
//! filled rectangles on the layout's dot grid. Output is byte-for-byte deterministic.

use printpdf::{
    Color, FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use crate::font::{FontWeight, BOLD_TTF, REGULAR_TTF};
use crate::layout::{Element, Layout};
use crate::LabelError;

/// The PDF for one label.
pub fn to_pdf(layout: &Layout) -> Result<Vec<u8>, LabelError> {
    let dpi = layout.dpi;
    let height = layout.height_mm;
    let mut doc = PdfDocument::new("Shipping label");
    // Fixed font ids (printpdf would draw random ones) keep the output deterministic.
    let regular = add_font(&mut doc, REGULAR_TTF, "LblRegular")?;
    let bold = add_font(&mut doc, BOLD_TTF, "LblBold")?;
    let black = Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None));
    let mut ops = vec![
        Op::SetFillColor { col: black.clone() },
        Op::SetOutlineColor { col: black },
    ];
    let fill = |ops: &mut Vec<Op>, x: f64, y_top: f64, w: f64, h: f64| {
        let mut rect = Rect::from_xywh(
            Mm(x as f32).into(),
            Mm((height - y_top - h) as f32).into(),
            Mm(w as f32).into(),
            Mm(h as f32).into(),
        );
        // printpdf leaves the paint mode unset, which draws nothing.
        rect.mode = Some(PaintMode::Fill);
        ops.push(Op::DrawRectangle { rectangle: rect });
    };
    for element in &layout.elements {
        match element {
            Element::Text(t) => {
                let font = match t.weight {
                    FontWeight::Regular => regular.clone(),
                    FontWeight::Bold => bold.clone(),
                };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(font),
                        size: Pt(Mm(t.size_mm as f32).into_pt().0),
                    },
                    Op::SetTextCursor {
                        pos: Point::new(Mm(t.x_mm as f32), Mm((height - t.baseline_mm) as f32)),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(t.text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Element::Box(b) => fill(&mut ops, b.x_mm, b.y_mm, b.width_mm, b.height_mm),
            Element::Code128(b) => {
                let module = b.module_mm(dpi);
                for (start, len) in dark_runs(&b.plan.modules) {
                    fill(
                        &mut ops,
                        b.x_mm + start as f64 * module,
                        b.y_mm,
                        len as f64 * module,
                        b.height_mm,
                    );
                }
            }
            Element::Qr(q) => {
                let module = q.side_mm(dpi) / q.size as f64;
                for (row, cells) in q.modules.chunks(q.size).enumerate() {
                    for (start, len) in dark_runs(cells) {
                        fill(
                            &mut ops,
                            q.x_mm + start as f64 * module,
                            q.y_mm + row as f64 * module,
                            len as f64 * module,
                            module,
                        );
                    }
                }
            }
        }
    }
    let page = PdfPage::new(Mm(layout.width_mm as f32), Mm(height as f32), ops);
    let mut warnings = Vec::new();
    let mut lopdf_doc = doc
        .with_pages(vec![page])
        .to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    // The trailer ID is random and optional (needed only for encryption).
    lopdf_doc.trailer.remove(b"ID");
    lopdf_doc.compress();
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .map_err(|e| LabelError::Pdf(e.to_string()))?;
    Ok(bytes)
}

fn add_font(doc: &mut PdfDocument, ttf: &[u8], id: &str) -> Result<FontId, LabelError> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(ttf, 0, &mut warnings)
        .ok_or_else(|| LabelError::Pdf("the bundled font did not parse".into()))?;
    let id = FontId(id.to_owned());
    doc.resources
        .fonts
        .map
        .insert(id.clone(), printpdf::font::PdfFont::new(font));
    Ok(id)
}

/// (first index, length) of each run of `true`.
fn dark_runs(cells: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if cells[i] {
            let start = i;
            while i < cells.len() && cells[i] {
                i += 1;
            }
            runs.push((start, i - start));
        } else {
            i += 1;
        }
    }
    runs
}
