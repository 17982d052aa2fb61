//! Layout -> ZPL II for Zebra-class printers at 203 or 300 dpi. Text goes through `^FH` hex
//! escapes, so `^`, `~` and `_` in label data print as characters and can never start a
//! command; `^CI28` makes the escaped bytes UTF-8. Barcodes use the printer's own `^BC` and
//! `^BQ` with the exact code sets the layout measured.

use std::fmt::Write;

use crate::code128::{Code128Part, CodeSet};
use crate::layout::{Element, Layout};
use crate::Dpi;

/// The ZPL for one label.
pub fn to_zpl(layout: &Layout) -> String {
    let dpi = layout.dpi;
    let (width, length) = dpi.label_dots();
    let mut z = String::new();
    let _ = write!(z, "^XA\n^CI28\n^PW{width}\n^LL{length}\n^LH0,0\n");
    for element in &layout.elements {
        match element {
            Element::Text(t) => {
                let x = dots(t.x_mm, dpi);
                let y = dots(t.baseline_mm, dpi);
                let h = dots(t.size_mm, dpi).max(1);
                let text = escape_field(&t.text);
                // Font 0 (CG Triumvirate Bold Condensed) is resident on every Zebra and under
                // ^CI28 prints Latin Extended-A; being condensed, its runs are narrower than
                // the DejaVu Sans widths the layout fitted, so they stay inside their zones.
                if t.centred {
                    // A one-line field block as wide as the label centres the text in the
                    // printer's own font.
                    let _ = writeln!(z, "^FT0,{y}^FB{width},1,0,C^A0N,{h},{h}^FH^FD{text}^FS");
                } else {
                    let _ = writeln!(z, "^FT{x},{y}^A0N,{h},{h}^FH^FD{text}^FS");
                }
            }
            Element::Box(b) => {
                let (w, h) = (dots(b.width_mm, dpi).max(1), dots(b.height_mm, dpi).max(1));
                let _ = writeln!(
                    z,
                    "^FO{},{}^GB{w},{h},{}^FS",
                    dots(b.x_mm, dpi),
                    dots(b.y_mm, dpi),
                    w.min(h)
                );
            }
            Element::Code128(b) => {
                let _ = writeln!(
                    z,
                    "^FO{},{}^BY{}^BCN,{},N,N,N,N^FD{}^FS",
                    dots(b.x_mm, dpi),
                    dots(b.y_mm, dpi),
                    b.module_dots,
                    dots(b.height_mm, dpi),
                    bc_field_data(&b.plan.parts)
                );
            }
            Element::Qr(q) => {
                // Model 2, magnification = module dots; "MM,B" = error correction M, manual
                // byte mode with a 4-digit byte count: the version the layout chose.
                let _ = writeln!(
                    z,
                    "^FO{},{}^BQN,2,{}^FH^FDMM,B{:04}{}^FS",
                    dots(q.x_mm, dpi),
                    dots(q.y_mm, dpi),
                    q.module_dots,
                    q.payload.len(),
                    escape_field(&q.payload)
                );
            }
        }
    }
    z.push_str("^XZ\n");
    z
}

fn dots(mm: f64, dpi: Dpi) -> u32 {
    (mm * f64::from(dpi.dots_per_mm())).round().max(0.0) as u32
}

/// `^BC` mode N field data: `>:` / `>;` start set B / C, `>6` / `>5` switch, `>8` FNC1.
/// The layout only plans letters, digits, '-', '.', '/', so no data character needs escaping.
fn bc_field_data(parts: &[Code128Part]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match (i, part) {
            (0, Code128Part::Set(CodeSet::B)) => out.push_str(">:"),
            (0, Code128Part::Set(CodeSet::C)) => out.push_str(">;"),
            (_, Code128Part::Set(CodeSet::B)) => out.push_str(">6"),
            (_, Code128Part::Set(CodeSet::C)) => out.push_str(">5"),
            (_, Code128Part::Fnc1) => out.push_str(">8"),
            (_, Code128Part::Data(d)) => out.push_str(d),
        }
    }
    out
}

/// Escapes text for a `^FH^FD` field: printable ASCII passes except `^`, `~` and `_` (the
/// command prefixes and the hex indicator); everything else becomes `_XX` per UTF-8 byte.
/// Romanian s/t with comma below become their cedilla forms, which older printer fonts
/// carry where the comma-below letters (Latin Extended-B) are not guaranteed.
pub fn escape_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            'ș' => 'ş',
            'Ș' => 'Ş',
            'ț' => 'ţ',
            'Ț' => 'Ţ',
            other => other,
        };
        if (' '..='~').contains(&c) && !matches!(c, '^' | '~' | '_') {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "_{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_command_prefixes_and_non_ascii() {
        assert_eq!(escape_field("a^XZ~JA_b"), "a_5EXZ_7EJA_5Fb");
        assert_eq!(escape_field("Łódź"), "_C5_81_C3_B3d_C5_BA");
        assert_eq!(escape_field("Ștefan"), "_C5_9Etefan");
        assert_eq!(
            escape_field("ul. Długa 5/7, m. 3"),
            "ul. D_C5_82uga 5/7, m. 3"
        );
    }

    /// Reverses `^FH` escapes as the printer does.
    fn unescape(field: &str) -> String {
        let bytes = field.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'_' {
                out.push(u8::from_str_radix(&field[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn any_text_escapes_to_inert_ascii_that_decodes_back(text in "\\PC{0,80}|[\\^~_a-z]{0,40}") {
            let escaped = escape_field(&text);
            proptest::prop_assert!(escaped.bytes().all(|b| (0x20..0x7f).contains(&b)));
            proptest::prop_assert!(!escaped.contains(['^', '~']));
            let folded: String = text
                .chars()
                .map(|c| match c { 'ș' => 'ş', 'Ș' => 'Ş', 'ț' => 'ţ', 'Ț' => 'Ţ', c => c })
                .collect();
            proptest::prop_assert_eq!(unescape(&escaped), folded);
        }
    }

    #[test]
    fn bc_data_uses_subset_invocations() {
        let plan = crate::code128::Code128Plan::plain("1Z999AA10123456784").unwrap();
        assert_eq!(bc_field_data(&plan.parts), ">:1Z999AA1>50123456784");
        let plan = crate::code128::Code128Plan::gs1_numeric("00106141411234567897").unwrap();
        assert_eq!(bc_field_data(&plan.parts), ">;>800106141411234567897");
    }
}
