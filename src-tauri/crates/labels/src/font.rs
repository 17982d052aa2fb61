//! The label typeface (DejaVu Sans, regular and bold) and its advance widths, so the layout
//! can measure text in millimetres without knowing how it will be printed.

use std::sync::OnceLock;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Regular or bold face of the label typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontWeight {
    Regular,
    Bold,
}

struct Face {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
}

fn face(weight: FontWeight) -> &'static Face {
    static REGULAR: OnceLock<Face> = OnceLock::new();
    static BOLD: OnceLock<Face> = OnceLock::new();
    let (cell, bytes) = match weight {
        FontWeight::Regular => (&REGULAR, REGULAR_TTF),
        FontWeight::Bold => (&BOLD, BOLD_TTF),
    };
    cell.get_or_init(|| {
        let face = ttf_parser::Face::parse(bytes, 0).expect("the bundled DejaVu font parses");
        let units_per_em = f64::from(face.units_per_em());
        Face { face, units_per_em }
    })
}

/// Ascent and descent of the face as fractions of the font size (the em).
pub fn vertical_extent(weight: FontWeight) -> (f64, f64) {
    let f = face(weight);
    (
        f64::from(f.face.ascender()) / f.units_per_em,
        -f64::from(f.face.descender()) / f.units_per_em,
    )
}

/// Width in mm of `text` set at `size_mm` (the em size), from the glyphs' advance widths.
/// A character the font lacks is measured as its missing-glyph box, as it would print.
pub fn text_width_mm(text: &str, weight: FontWeight, size_mm: f64) -> f64 {
    let f = face(weight);
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = f.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            u32::from(f.face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    f64::from(units) / f.units_per_em * size_mm
}

/// Advance width of each character of `text` as a fraction of the font size.
pub fn advances_em(text: &str, weight: FontWeight) -> Vec<(char, f64)> {
    let f = face(weight);
    text.chars()
        .map(|c| {
            let glyph = f.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            let units = f.face.glyph_hor_advance(glyph).unwrap_or(0);
            (c, f64::from(units) / f.units_per_em)
        })
        .collect()
}

/// Whether the face has a glyph for `c`.
pub fn has_glyph(c: char, weight: FontWeight) -> bool {
    face(weight).face.glyph_index(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_is_wider_and_width_scales_with_size() {
        let regular = text_width_mm("Wrocław", FontWeight::Regular, 4.0);
        let bold = text_width_mm("Wrocław", FontWeight::Bold, 4.0);
        assert!(regular > 10.0 && regular < 25.0, "{regular}");
        assert!(bold > regular);
        let double = text_width_mm("Wrocław", FontWeight::Regular, 8.0);
        assert!((double - 2.0 * regular).abs() < 1e-9);
        assert_eq!(text_width_mm("", FontWeight::Bold, 4.0), 0.0);
    }

    #[test]
    fn has_the_polish_and_romanian_letters() {
        for c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻăâîșțĂÂÎȘȚşţ".chars() {
            assert!(has_glyph(c, FontWeight::Regular), "{c}");
            assert!(has_glyph(c, FontWeight::Bold), "{c}");
        }
    }
}
