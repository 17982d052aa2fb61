//! Packbench's shipping labels: label data -> a pure 4x6 layout -> ZPL (203/300 dpi) or PDF.
//! Also the packing slip that goes into the parcel (`render_packing_slip`, A4 or Letter PDF)
//! and the checks of a carrier's ready ZPL against the station's printer
//! (`check_zpl_for_printer`: too wide or too long for the loaded labels, in millimetres, or
//! made for another resolution) and, with the `draw` feature, their previews and ink
//! (`zpl_draw`).
//!
//! `render` is the one entry point for callers (the CLI, the printing service); the layout
//! model is public so previews and tests can inspect what will print.
//!
//! The integration tests read the printed barcodes back with real tools: they need
//! `poppler-utils` (pdftoppm, pdftotext, pdffonts) and `zbar-tools` (zbarimg) installed.

pub mod action_sheet;
pub mod code128;
pub mod data;
pub mod font;
pub mod layout;
pub mod pdf;
pub mod slip;
pub mod sscc;
pub mod symbol;
pub mod training_sheet;
pub mod zpl;
pub mod zpl_check;
#[cfg(feature = "draw")]
pub mod zpl_draw;

use std::str::FromStr;

pub use data::{Address, LabelData, ParcelOf};
pub use layout::{layout, Layout};
pub use slip::logo as slip_logo;
pub use slip::{render_packing_slip, PackingSlipData, Paper, SlipLine};
pub use sscc::{Sscc, SsccError};
pub use zpl_check::{
    check_zpl_for_printer, check_zpl_with_ink, InkExtent, Media, MediaError, PrinterProfile,
    ZplFacts, ZplFormatFacts,
};

/// Output document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ZPL II for Zebra-class thermal printers.
    Zpl,
    /// A one-page 4x6 in PDF with its fonts embedded.
    Pdf,
}

impl FromStr for Format {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "zpl" => Ok(Format::Zpl),
            "pdf" => Ok(Format::Pdf),
            _ => Err(LabelError::UnknownFormat(s.to_owned())),
        }
    }
}

/// Print head resolution the label is made for. For PDF it sets the dot grid that barcode
/// modules snap to, so the PDF prints sharp on a printer of that resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dpi {
    /// 203 dpi (8 dots/mm).
    #[default]
    D203,
    /// 300 dpi (12 dots/mm).
    D300,
}

impl TryFrom<u32> for Dpi {
    type Error = LabelError;
    fn try_from(dpi: u32) -> Result<Self, Self::Error> {
        match dpi {
            203 => Ok(Dpi::D203),
            300 => Ok(Dpi::D300),
            other => Err(LabelError::UnsupportedDpi(other)),
        }
    }
}

/// Why a label could not be rendered. `code()` is stable for the IPC/CLI boundary.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LabelError {
    #[error("label data field `{field}` is not usable: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("the {what} does not fit on a 4x6 label: {detail}")]
    DoesNotFit { what: &'static str, detail: String },
    #[error("{what} barcode cannot be encoded: {detail}")]
    Barcode { what: &'static str, detail: String },
    #[error("unsupported print resolution {0} dpi: use 203 or 300")]
    UnsupportedDpi(u32),
    #[error("unknown label format {0:?}: use zpl or pdf")]
    UnknownFormat(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the label was made for {label_dpi} dpi but the printer prints at {printer_dpi} dpi: {evidence}")]
    WrongDpi {
        label_dpi: u32,
        printer_dpi: u32,
        evidence: String,
    },
    #[error("{evidence}")]
    TooWide {
        label_dots: u32,
        printer_dots: u32,
        evidence: String,
    },
    #[error("{evidence}")]
    TooLong {
        label_dots: u32,
        printer_dots: u32,
        evidence: String,
    },
    #[error("not a usable ZPL label: {0}")]
    NotZpl(String),
}

impl LabelError {
    /// Stable snake_case code for callers that branch on the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            LabelError::InvalidField { .. } => "label_invalid_field",
            LabelError::DoesNotFit { .. } => "label_does_not_fit",
            LabelError::Barcode { .. } => "label_barcode",
            LabelError::UnsupportedDpi(_) => "label_unsupported_dpi",
            LabelError::UnknownFormat(_) => "label_unknown_format",
            LabelError::Pdf(_) => "label_pdf",
            LabelError::WrongDpi { .. } => "label_wrong_dpi",
            LabelError::TooWide { .. } => "label_too_wide",
            LabelError::TooLong { .. } => "label_too_long",
            LabelError::NotZpl(_) => "label_not_zpl",
        }
    }
}

/// Renders one label. Pure: same data, format and dpi give the same bytes.
pub fn render(data: &LabelData, format: Format, dpi: Dpi) -> Result<Vec<u8>, LabelError> {
    let layout = layout::layout(data, dpi)?;
    match format {
        Format::Zpl => Ok(zpl::to_zpl(&layout).into_bytes()),
        Format::Pdf => pdf::to_pdf(&layout),
    }
}

/// Longest tracking number accepted (the barcode's fit is checked separately).
pub const MAX_TRACKING_LEN: usize = 48;
/// Longest 2D-code payload accepted.
pub const MAX_QR_LEN: usize = 400;

/// Checks the fields whose content goes into barcodes or must be present; free text
/// (names, addresses) is accepted as is and fitted by the layout.
pub fn validate(data: &LabelData) -> Result<(), LabelError> {
    let invalid =
        |field: &'static str, reason: String| Err(LabelError::InvalidField { field, reason });
    let t = &data.tracking_number;
    if t.is_empty() || t.len() > MAX_TRACKING_LEN {
        return invalid(
            "tracking_number",
            format!(
                "must be 1 to {MAX_TRACKING_LEN} characters, got {}",
                t.chars().count()
            ),
        );
    }
    if let Some(c) = t
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/')))
    {
        return invalid(
            "tracking_number",
            format!("{c:?} is not allowed: ASCII letters, digits, '-', '.', '/' only"),
        );
    }
    let qr = data.qr_payload();
    if qr.is_empty() || qr.len() > MAX_QR_LEN {
        return invalid(
            "qr_content",
            format!("must be 1 to {MAX_QR_LEN} characters"),
        );
    }
    if let Some(c) = qr.chars().find(|c| !(' '..='~').contains(c)) {
        return invalid("qr_content", format!("{c:?} is not printable ASCII"));
    }
    if data.weight_g == 0 {
        return invalid("weight_g", "a parcel weighs more than 0 g".into());
    }
    if let Some(p) = data.parcel {
        if p.index == 0 || p.index > p.count {
            return invalid(
                "parcel",
                format!("parcel {} of {} does not exist", p.index, p.count),
            );
        }
    }
    for (field, value) in [
        ("recipient.name", &data.recipient.name),
        ("recipient.city", &data.recipient.city),
        ("recipient.country_code", &data.recipient.country_code),
        ("sender.name", &data.sender.name),
    ] {
        if value.trim().is_empty() {
            return invalid(field, "must not be empty".into());
        }
    }
    Ok(())
}
