//! Barcode symbols as module grids, for screens and sheets: Code 128 (codes a packer scans:
//! badges, trolleys, boxes, actions), EAN-13 (a unit's GTIN) and GS1 DataMatrix (a unit's GTIN
//! with lot, expiry or serial). One grid feeds both the on-screen SVG and the printed PDF.

use serde::{Deserialize, Serialize};

use crate::code128::Code128Plan;
use crate::LabelError;

/// The AIM symbology identifier a scanner sends before a GS1 DataMatrix's data.
pub const GS1_DATAMATRIX_AIM: &str = "]d2";
/// The GS1 separator between a variable-length field and the next.
pub const GS: char = '\u{1d}';

/// How a code is drawn so that a scanner reads back exactly its scan string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Symbology {
    Code128,
    Ean13,
    /// The scan string is `]d2` and the element string, fields separated by GS.
    Gs1DataMatrix,
}

/// A drawn symbol: `rows` of `width` modules (true = dark), quiet zones excluded. Linear
/// symbols have one row, drawn as tall bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub symbology: Symbology,
    pub width: usize,
    pub modules: Vec<bool>,
}

impl Symbol {
    pub fn rows(&self) -> usize {
        self.modules.len() / self.width.max(1)
    }

    pub fn is_linear(&self) -> bool {
        self.symbology != Symbology::Gs1DataMatrix
    }

    pub fn dark(&self, row: usize, col: usize) -> bool {
        self.modules[row * self.width + col]
    }

    /// Runs of dark modules in `row` as (first column, length): one bar or block each.
    pub fn runs(&self, row: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut c = 0;
        while c < self.width {
            if !self.dark(row, c) {
                c += 1;
                continue;
            }
            let start = c;
            while c < self.width && self.dark(row, c) {
                c += 1;
            }
            out.push((start, c - start));
        }
        out
    }
}

/// The symbol a scanner reads back as `scan`.
pub fn encode(symbology: Symbology, scan: &str) -> Result<Symbol, LabelError> {
    match symbology {
        Symbology::Code128 => {
            let plan = Code128Plan::plain(scan)?;
            Ok(Symbol {
                symbology,
                width: plan.modules.len(),
                modules: plan.modules,
            })
        }
        Symbology::Ean13 => {
            let bad = |detail: String| LabelError::Barcode {
                what: "EAN-13",
                detail,
            };
            if scan.len() != 13 || !scan.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(format!("{scan:?} is not 13 digits")));
            }
            if crate::sscc::gs1_check_digit(&scan[..12]) != Some(scan.as_bytes()[12] - b'0') {
                return Err(bad(format!("{scan:?} has a wrong check digit")));
            }
            // barcoders takes the 12 digits and adds the check digit itself.
            let sym = barcoders::sym::ean13::EAN13::new(&scan[..12])
                .map_err(|e| bad(format!("{e:?} for {scan:?}")))?;
            let modules: Vec<bool> = sym.encode().into_iter().map(|m| m == 1).collect();
            Ok(Symbol {
                symbology,
                width: modules.len(),
                modules,
            })
        }
        Symbology::Gs1DataMatrix => {
            let bad = |detail: String| LabelError::Barcode {
                what: "GS1 DataMatrix",
                detail,
            };
            let data = scan
                .strip_prefix(GS1_DATAMATRIX_AIM)
                .ok_or_else(|| bad(format!("{scan:?} does not start with ]d2")))?;
            let dm = datamatrix::DataMatrix::encode_gs1(
                data.as_bytes(),
                datamatrix::SymbolList::default(),
            )
            .map_err(|e| bad(format!("{e:?} for {data:?}")))?;
            let bitmap = dm.bitmap();
            Ok(Symbol {
                symbology,
                width: bitmap.width(),
                modules: bitmap.bits().to_vec(),
            })
        }
    }
}

/// The symbol as a standalone SVG (quiet zone included), sized in modules; the page scales it.
/// No styles or scripts: the webview's CSP allows neither in an image.
pub fn to_svg(symbol: &Symbol) -> String {
    let quiet = if symbol.is_linear() { 10 } else { 2 };
    let (w, h) = if symbol.is_linear() {
        (symbol.width + 2 * quiet, symbol.width / 3 + 2)
    } else {
        (symbol.width + 2 * quiet, symbol.rows() + 2 * quiet)
    };
    let mut path = String::new();
    if symbol.is_linear() {
        for (c, n) in symbol.runs(0) {
            path.push_str(&format!("M{} 1h{n}v{}h-{n}z", c + quiet, h - 2));
        }
    } else {
        for r in 0..symbol.rows() {
            for (c, n) in symbol.runs(r) {
                path.push_str(&format!("M{} {}h{n}v1h-{n}z", c + quiet, r + quiet));
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" shape-rendering=\"crispEdges\"><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_symbology_draws_and_refuses_what_it_cannot_carry() {
        let c = encode(Symbology::Code128, "TR-0001").unwrap();
        assert_eq!(c.rows(), 1);
        let gtin = format!(
            "501234500001{}",
            crate::sscc::gs1_check_digit("501234500001").unwrap()
        );
        let e = encode(Symbology::Ean13, &gtin).unwrap();
        assert_eq!(e.width, 95, "EAN-13 is 95 modules");
        let d = encode(
            Symbology::Gs1DataMatrix,
            "]d2010501234500001917271231101A\u{1d}21S1",
        )
        .unwrap();
        assert_eq!(d.width, d.rows(), "a square DataMatrix");
        assert!(encode(Symbology::Ean13, "50123").is_err());
        let wrong = format!("{}{}", &gtin[..12], (gtin.as_bytes()[12] - b'0' + 1) % 10);
        assert!(encode(Symbology::Ean13, &wrong).is_err());
        assert!(encode(Symbology::Gs1DataMatrix, "0105012345000019").is_err());
        assert!(encode(Symbology::Code128, "").is_err());
    }

    #[test]
    fn svg_has_one_path_and_no_style() {
        let svg = to_svg(&encode(Symbology::Code128, "PB-CLOSE-PARCEL").unwrap());
        assert!(svg.starts_with("<svg "));
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(!svg.contains("style"));
    }
}
