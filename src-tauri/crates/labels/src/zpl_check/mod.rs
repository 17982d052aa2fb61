//! Checks of a carrier's ready ZPL label before it goes, unchanged, to the station's printer:
//! does it fit the labels loaded in it (width and length, said in millimetres), and was it made
//! for this printer's resolution (only where the file shows a resolution)?
//!
//! The reader is a tolerant tokenizer, not a ZPL interpreter: it follows the prefix changes
//! (`^CC`/`~CC` caret, `^CT`/`~CT` tilde, `^CD`/`~CD` delimiter), splits the file into
//! `^XA..^XZ` formats and reads the commands that set or reveal the geometry: `^PW`, `^LL`,
//! `^LH`, `^JM` (half density), `^MU` (units and dpi conversion), `^PO` (orientation),
//! `^FO`/`^FT` origins and `^BY` module widths with the length of the `^BC` data they
//! print. Field data is skipped to the next prefix, so `^FH` escapes (`_5E` for a caret)
//! are data, never commands. Any bytes give an answer or an error, never a panic.

mod check;
mod facts;
mod media;
mod read;
mod tokenize;

pub use check::{check_zpl_for_printer, check_zpl_with_ink};
pub use facts::{InkExtent, Orientation, PrinterProfile, Units, ZplFacts, ZplFormatFacts};
pub use media::{
    disagreements, dots_to_mm, mm_to_dots, say_mm, Media, MediaError, FOUR_INCH_HEAD_MM,
};
pub use read::read_zpl;
pub use tokenize::{tokenize, ZplCommand};
