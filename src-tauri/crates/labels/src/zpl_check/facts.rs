//! What the check knows of a printer and what it reads from a ZPL file: units, orientation and,
//! per `^XA..^XZ` format, its geometry in the printer's physical dots.

use crate::Dpi;

/// The printer the label is about to be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrinterProfile {
    pub dpi: Dpi,
    /// Print width in dots (^PW the printer is set up for: 812 for 4 in at 203 dpi).
    pub width_dots: u32,
    /// Label (media) length in dots (1218 for 6 in at 203 dpi).
    pub label_length_dots: u32,
}

impl PrinterProfile {
    /// A 4x6 in printer of `dpi`.
    pub fn four_by_six(dpi: Dpi) -> Self {
        let (width_dots, label_length_dots) = dpi.label_dots();
        PrinterProfile {
            dpi,
            width_dots,
            label_length_dots,
        }
    }
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
