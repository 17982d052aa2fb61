//! The label's layout model: text runs, filled boxes and barcodes in mm on the 4x6 label, their
//! bounds, and the print head's dot grid they sit on.

use crate::code128::{Code128Part, Code128Plan};
use crate::font::{vertical_extent, FontWeight};
use crate::Dpi;

/// Label width: 4 inches.
pub const LABEL_WIDTH_MM: f64 = 101.6;
/// Label height: 6 inches.
pub const LABEL_HEIGHT_MM: f64 = 152.4;
/// Quiet zone each side of a linear barcode, in modules.
pub const LINEAR_QUIET_MODULES: u32 = 10;
/// Quiet zone around a QR code, in modules.
pub const QR_QUIET_MODULES: u32 = 4;

pub(super) const MARGIN_MM: f64 = 3.0;
pub(super) const LINE_SPACING: f64 = 1.2;
pub(super) const RULE_MM: f64 = 0.5;

/// A laid-out label.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width_mm: f64,
    pub height_mm: f64,
    pub dpi: Dpi,
    pub elements: Vec<Element>,
}

/// One thing printed on the label.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Text(TextRun),
    Box(FilledBox),
    Code128(LinearBarcode),
    Qr(QrSymbol),
}

/// One line of text, left-aligned at `x_mm`, sitting on `baseline_mm`.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x_mm: f64,
    pub baseline_mm: f64,
    /// Font size (em) in mm.
    pub size_mm: f64,
    pub weight: FontWeight,
    pub text: String,
    /// Measured width with the label typeface.
    pub width_mm: f64,
    /// Centred on the label (the text under a barcode): a renderer whose font differs from
    /// the measured one centres it itself.
    pub centred: bool,
}

/// A filled black rectangle (rules and frames are thin boxes).
#[derive(Debug, Clone, PartialEq)]
pub struct FilledBox {
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// A Code 128 or GS1-128 symbol; `x_mm` is its first bar, quiet zones lie outside.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearBarcode {
    pub x_mm: f64,
    pub y_mm: f64,
    pub height_mm: f64,
    /// Module width: a whole number of printer dots.
    pub module_dots: u32,
    pub plan: Code128Plan,
    /// What a scanner reads (for GS1-128 the element string without FNC1).
    pub data: String,
}

/// A QR code (model 2, byte mode, error correction M); `x_mm`, `y_mm` is its first module.
#[derive(Debug, Clone, PartialEq)]
pub struct QrSymbol {
    pub x_mm: f64,
    pub y_mm: f64,
    pub module_dots: u32,
    /// Modules per side.
    pub size: usize,
    /// Row-major, true = dark.
    pub modules: Vec<bool>,
    pub payload: String,
}

/// An axis-aligned extent in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Dpi {
    /// Dots per mm of the print head (Zebra's 8 and 12 dots/mm).
    pub fn dots_per_mm(self) -> u32 {
        match self {
            Dpi::D203 => 8,
            Dpi::D300 => 12,
        }
    }

    /// Printable width and length in dots: 4x6 in at 203 dots per inch, and 1.5 times that
    /// at 300 (the 12/8 dots-per-mm ratio); the odd dot short of the media never prints.
    pub fn label_dots(self) -> (u32, u32) {
        match self {
            Dpi::D203 => (812, 1218),
            Dpi::D300 => (1218, 1827),
        }
    }

    pub(super) fn mm(self, dots: u32) -> f64 {
        f64::from(dots) / f64::from(self.dots_per_mm())
    }

    /// The most dots that fit in `mm` (never rounds up past it).
    pub(super) fn dots_within(self, mm: f64) -> u32 {
        (mm * f64::from(self.dots_per_mm()) + 1e-9).floor().max(0.0) as u32
    }
}

impl LinearBarcode {
    pub fn module_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots)
    }
    pub fn width_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots * self.plan.width_modules() as u32)
    }
    /// Whether the symbol starts with FNC1 (GS1-128).
    pub fn is_gs1(&self) -> bool {
        matches!(self.plan.parts.get(1), Some(Code128Part::Fnc1))
    }
}

impl QrSymbol {
    pub fn side_mm(&self, dpi: Dpi) -> f64 {
        dpi.mm(self.module_dots * self.size as u32)
    }
}

impl Element {
    /// The area the element needs clear, quiet zones included.
    pub fn bounds(&self, dpi: Dpi) -> Bounds {
        match self {
            Element::Text(t) => {
                let (ascent, descent) = vertical_extent(t.weight);
                Bounds {
                    left: t.x_mm,
                    top: t.baseline_mm - ascent * t.size_mm,
                    right: t.x_mm + t.width_mm,
                    bottom: t.baseline_mm + descent * t.size_mm,
                }
            }
            Element::Box(b) => Bounds {
                left: b.x_mm,
                top: b.y_mm,
                right: b.x_mm + b.width_mm,
                bottom: b.y_mm + b.height_mm,
            },
            Element::Code128(b) => {
                let quiet = dpi.mm(b.module_dots * LINEAR_QUIET_MODULES);
                Bounds {
                    left: b.x_mm - quiet,
                    top: b.y_mm,
                    right: b.x_mm + b.width_mm(dpi) + quiet,
                    bottom: b.y_mm + b.height_mm,
                }
            }
            Element::Qr(q) => {
                let quiet = dpi.mm(q.module_dots * QR_QUIET_MODULES);
                Bounds {
                    left: q.x_mm - quiet,
                    top: q.y_mm - quiet,
                    right: q.x_mm + q.side_mm(dpi) + quiet,
                    bottom: q.y_mm + q.side_mm(dpi) + quiet,
                }
            }
        }
    }
}
