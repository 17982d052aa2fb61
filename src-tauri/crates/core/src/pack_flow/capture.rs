//! A unit's lot, expiry and serial as captured at verification, what is still missing of them,
//! and the verified unit that carries them into a parcel and its movement.

use serde::{Deserialize, Serialize};

use crate::gs1::Gs1Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureField {
    Lot,
    Expiry,
    Serial,
}

impl CaptureField {
    pub fn label(self) -> &'static str {
        match self {
            CaptureField::Lot => "lot",
            CaptureField::Expiry => "expiry date",
            CaptureField::Serial => "serial number",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitCapture {
    pub lot: Option<String>,
    pub expiry: Option<Gs1Date>,
    pub serial: Option<String>,
}

/// A unit identified by its scan but still missing required lot, expiry or serial data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCapture {
    pub line_no: u32,
    pub capture: UnitCapture,
    pub missing: Vec<CaptureField>,
}

/// One verified unit: `unit_no` numbers the units of a line from 1 to its quantity, so that
/// "the same unit in two parcels" is a checkable statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedUnit {
    pub line_no: u32,
    pub unit_no: u32,
    pub capture: UnitCapture,
}
