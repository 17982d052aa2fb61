//! The label as a pure layout model: text runs, filled boxes and barcodes positioned in
//! millimetres (y downwards from the top-left corner) on a 101.6 x 152.4 mm label. Barcode
//! modules and positions sit on the printer's dot grid so every renderer prints the same bars.

mod barcode;
mod label;
mod model;
mod text;

pub use label::{format_weight, layout};
pub use model::{
    Bounds, Element, FilledBox, Layout, LinearBarcode, QrSymbol, TextRun, LABEL_HEIGHT_MM,
    LABEL_WIDTH_MM, LINEAR_QUIET_MODULES, QR_QUIET_MODULES,
};
