//! A laid-out slip as PDF, DejaVu Sans embedded (subset); same layout gives the same bytes.

use std::collections::BTreeSet;

use printpdf::{
    Color, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt,
    Rect, Rgb, TextItem, WindingOrder,
};

use crate::font::{FontWeight, BOLD_TTF, REGULAR_TTF};
use crate::LabelError;

use super::element::{SlipElement, SlipLayout};

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
    crate::pdf::save(doc, pages)
}
