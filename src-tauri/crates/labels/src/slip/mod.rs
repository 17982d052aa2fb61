//! The packing slip: an A4 or Letter PDF that goes into the parcel. Pure layout model first
//! (pages of positioned text and filled shapes, public so tests and previews can inspect it),
//! then a PDF with DejaVu Sans embedded (subset); same data and paper give the same bytes.
//!
//! A gift slip (an order with a gift message) never shows prices. Lines flow over as many
//! pages as needed, each continuation page repeats the table header, and every page carries
//! "Page N of M".

mod data;
mod element;
mod layout;
pub mod logo;
mod pdf;

pub use data::{validate_slip, PackingSlipData, Paper, SlipLine, MAX_GIFT_MESSAGE_CHARS};
pub use element::{SlipElement, SlipLayout};
pub use layout::{layout_packing_slip, wrap_text};
pub use pdf::to_pdf;

use crate::LabelError;

/// Renders the packing slip PDF. Pure: same data and paper give the same bytes.
pub fn render_packing_slip(data: &PackingSlipData, paper: Paper) -> Result<Vec<u8>, LabelError> {
    let layout = layout_packing_slip(data, paper)?;
    to_pdf(&layout, &format!("Packing slip {}", data.order_ref))
}
