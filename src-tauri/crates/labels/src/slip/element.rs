//! The laid-out slip: pages of positioned text and filled shapes, in mm from each page's
//! top-left, public so tests and previews can inspect what will print.

use crate::font::FontWeight;

/// A laid-out slip: pages top to bottom, coordinates in mm from the page's top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct SlipLayout {
    pub width_mm: f64,
    pub height_mm: f64,
    pub pages: Vec<Vec<SlipElement>>,
}

/// One thing printed on a slip page.
#[derive(Debug, Clone, PartialEq)]
pub enum SlipElement {
    /// Text left-aligned at `x_mm` on `baseline_mm`; `width_mm` as measured.
    Text {
        x_mm: f64,
        baseline_mm: f64,
        size_mm: f64,
        weight: FontWeight,
        text: String,
        width_mm: f64,
    },
    /// A filled rectangle (rules, frames); `gray` 0 = black, 1 = white.
    Fill {
        x_mm: f64,
        y_mm: f64,
        width_mm: f64,
        height_mm: f64,
        gray: f64,
    },
    /// A filled polygon (logo shapes).
    Poly { points: Vec<(f64, f64)>, gray: f64 },
}
