//! What the check knows of a printer and what it reads from a ZPL file: units, orientation and,
//! per `^XA..^XZ` format, its geometry in the printer's physical dots.

use crate::Dpi;

use super::media::{mm_to_dots, Media, FOUR_INCH_HEAD_MM};

/// The printer the label is about to be sent to, and the labels loaded in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrinterProfile {
    pub dpi: Dpi,
    /// The loaded labels, as configured.
    pub media: Media,
    /// Width of the loaded labels in dots (812 for 4 in at 203 dpi).
    pub width_dots: u32,
    /// Length of the loaded labels in dots (1219 for 6 in at 203 dpi).
    pub label_length_dots: u32,
    /// How wide the print head prints, in dots: at least a 4-inch printer's 104 mm.
    pub head_width_dots: u32,
}

impl PrinterProfile {
    /// A printer of `dpi` with `media` loaded; its head is a 4-inch printer's (104 mm) unless
    /// the media is wider.
    pub fn new(dpi: Dpi, media: Media) -> Self {
        let width_dots = media.width_dots(dpi);
        PrinterProfile {
            dpi,
            media,
            width_dots,
            label_length_dots: media.length_dots(dpi),
            head_width_dots: width_dots.max(mm_to_dots(FOUR_INCH_HEAD_MM, dpi)),
        }
    }

    /// A 4x6 in printer of `dpi`.
    pub fn four_by_six(dpi: Dpi) -> Self {
        Self::new(dpi, Media::FOUR_BY_SIX_IN)
    }
}

/// Where ink falls in one format, measured by drawing it with nothing clipped and the right
/// way up (`^POI` only turns the finished label round), in the printer's dots; `None` when
/// the format draws nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InkExtent {
    /// One past the rightmost inked dot.
    pub right_dots: u32,
    /// One past the lowest inked dot.
    pub bottom_dots: u32,
}

/// Unit of measure set by `^MU`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    #[default]
    Dots,
    Inches,
    Millimetres,
}

/// Print orientation set by `^PO`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// `^PON`
    Normal,
    /// `^POI`: printed upside down.
    Inverted,
}

/// What one `^XA..^XZ` format says, in the printer's physical dots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZplFormatFacts {
    /// `^PW` (in effect for this format), converted to dots.
    pub print_width_dots: Option<u32>,
    /// `^LL`, converted to dots.
    pub label_length_dots: Option<u32>,
    /// `^JMB`: half dot density, every coordinate counts two dots.
    pub half_density: bool,
    pub units: Units,
    /// `^MU` base dpi of the format (its second parameter), if given.
    pub mu_base_dpi: Option<u32>,
    /// `^MU` conversion target dpi (its third parameter), if given.
    pub mu_target_dpi: Option<u32>,
    pub orientation: Option<Orientation>,
    /// Farthest field origin (`^FO`/`^FT` plus `^LH`), in dots.
    pub max_field_x_dots: u32,
    pub max_field_y_dots: u32,
    /// Farthest right edge of a horizontal `^BC` barcode (a lower bound from its data).
    pub max_barcode_right_dots: u32,
    /// Farthest bottom edge of a rotated (`R`/`B`) `^BC` barcode (a lower bound).
    pub max_barcode_bottom_dots: u32,
    /// Widest `^BY` module width, in dots.
    pub max_module_dots: Option<u32>,
    /// Number of `^FS`-terminated fields.
    pub fields: usize,
}

/// What a ZPL file says, one entry per format.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZplFacts {
    pub formats: Vec<ZplFormatFacts>,
}
