//! Training mode's part of the contract: what only a training backend serves, so a newcomer can
//! practise without knowing the demo data. A real warehouse backend does not implement it and
//! answers 404, which is how a station knows it is not on a training backend (no hints shown).
//! Not in `openapi.json`: it is no part of what a warehouse backend must provide.

use packbench_labels::symbol::Symbology;
use serde::{Deserialize, Serialize};

use super::Role;

/// `GET` (optionally `?trolley=TR-0001`): the crew's badges, the trolleys free to claim, and
/// with a trolley its units' codes slot by slot.
pub const TRAINING_HINTS_PATH: &str = "/v1/training/hints";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingHints {
    /// Packers first, then supervisors.
    pub crew: Vec<CrewMember>,
    /// Trolleys this station may claim now (free, or already its own), in order.
    pub free_trolleys: Vec<String>,
    /// The asked trolley's codes, when `?trolley=` was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trolley: Option<TrolleyCodes>,
}

/// One of the demo crew, with what their badge's barcode holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrewMember {
    pub packer_id: String,
    pub name: String,
    pub role: Role,
    /// Their screen language (`en`, `pl`, `ro`).
    pub language: String,
    pub badge: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrolleyCodes {
    pub trolley: String,
    pub slots: Vec<SlotCodes>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotCodes {
    pub slot: u8,
    /// The slot's own barcode (like `TR-0001-03`).
    pub location: String,
    pub order_id: String,
    pub lines: Vec<LineCodes>,
}

/// What is physically in the slot for one order line: one code per unit, in the order a
/// trainee takes them (units with a serial each carry their own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCodes {
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub units: Vec<UnitCode>,
}

/// A unit's barcode: the string the scanner sends, and how it is printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCode {
    pub scan: String,
    pub symbology: Symbology,
}
