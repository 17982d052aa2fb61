//! Layout -> a one-page 4x6 in PDF with DejaVu Sans embedded (subset), barcodes drawn as
//! filled rectangles on the layout's dot grid. Output is byte-for-byte deterministic.

use printpdf::{
    Color, FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use std::collections::BTreeSet;

use crate::font::{FontWeight, BOLD_TTF, REGULAR_TTF};
use crate::layout::{Element, Layout};
use crate::LabelError;

/// The PDF for one label.
pub fn to_pdf(layout: &Layout) -> Result<Vec<u8>, LabelError> {
    let dpi = layout.dpi;
    let height = layout.height_mm;
    let mut doc = PdfDocument::new("Shipping label");
    // Fixed font ids (printpdf would draw random ones) keep the output deterministic; they
    // are the embedded names, with the six-letter tag that marks a subset font.
    let used = |weight: FontWeight| -> BTreeSet<char> {
        layout
            .elements
            .iter()
            .filter_map(|e| match e {
                Element::Text(t) if t.weight == weight => Some(t.text.chars()),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let regular = add_font(
        &mut doc,
        REGULAR_TTF,
        &used(FontWeight::Regular),
        "PBLABR+DejaVuSans",
    )?;
    let bold = add_font(
        &mut doc,
        BOLD_TTF,
        &used(FontWeight::Bold),
        "PBLABB+DejaVuSans-Bold",
    )?;
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
    save(doc, vec![page])
}

/// The document's bytes, compressed and without the trailer ID (random and optional: needed
/// only for encryption), so the same pages give the same bytes.
pub(crate) fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Result<Vec<u8>, LabelError> {
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

/// Embeds the subset of `ttf` that draws `chars` (a full DejaVu face is ~350 kB a label).
pub(crate) fn add_font(
    doc: &mut PdfDocument,
    ttf: &[u8],
    chars: &BTreeSet<char>,
    id: &str,
) -> Result<FontId, LabelError> {
    let subset = subset_font(ttf, chars)?;
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(&subset, 0, &mut warnings)
        .ok_or_else(|| LabelError::Pdf("the bundled font did not parse".into()))?;
    let id = FontId(id.to_owned());
    doc.resources
        .fonts
        .map
        .insert(id.clone(), printpdf::font::PdfFont::new(font));
    Ok(id)
}

fn subset_font(ttf: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, LabelError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let err = |e: &dyn std::fmt::Display| LabelError::Pdf(format!("font subset: {e}"));
    let face = ttf_parser::Face::parse(ttf, 0).map_err(|e| err(&e))?;
    // Glyph 0 (.notdef) first, then each used glyph once.
    let mut ids = vec![0u16];
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|&c| face.glyph_index(c))
        .map(|g| g.0)
        .filter(|&g| g != 0)
        .collect();
    ids.extend(glyphs);
    let font_file = ReadScope::new(ttf)
        .read::<FontData<'_>>()
        .map_err(|e| err(&e))?;
    let provider = font_file.table_provider(0).map_err(|e| err(&e))?;
    subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| err(&e))
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
