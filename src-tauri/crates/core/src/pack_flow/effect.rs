//! What the app must do after a step: talk to the backend, print, record. Effects that write to
//! the backend carry a deterministic idempotency key (see `keys`), so a step replayed after a
//! crash asks for the same writes and the backend can drop the duplicates.

use serde::{Deserialize, Serialize};

use crate::trolley::TrolleyCode;

use super::capture::UnitCapture;
use super::event::{ExceptionReason, WeightVerdict};

/// One outbound movement fact: units of one order line moved from the slot's location into one
/// parcel. One per (parcel, line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub key: String,
    pub trolley: TrolleyCode,
    pub slot: u8,
    pub order_id: String,
    pub parcel_no: u32,
    pub line_no: u32,
    pub sku: String,
    pub qty: u32,
    pub from_location: String,
    pub packer_id: String,
    pub station_id: String,
    /// Lot, expiry and serial of each unit, where captured.
    pub captures: Vec<UnitCapture>,
}

/// Units of one line that went to exception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionRecord {
    pub key: String,
    pub trolley: TrolleyCode,
    pub slot: u8,
    pub order_id: String,
    pub line_no: u32,
    pub sku: String,
    pub units: u32,
    pub reason: ExceptionReason,
    pub from_location: String,
    /// Where the units were put: the station's exception location, or `None` when they are
    /// missing (short).
    pub to_location: Option<String>,
    pub found_barcode: Option<String>,
    pub packer_id: String,
    pub station_id: String,
}

/// A whole order routed to exception (its units are in `ExceptionRecord`s of the same step).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderException {
    pub key: String,
    pub trolley: TrolleyCode,
    pub slot: u8,
    pub order_id: String,
    pub reason: ExceptionReason,
    pub to_location: String,
    pub packer_id: String,
    pub station_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelContent {
    pub line_no: u32,
    pub sku: String,
    pub qty: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelSpec {
    pub parcel_no: u32,
    pub packaging_id: String,
    pub weight_g: u32,
    pub contents: Vec<ParcelContent>,
}

/// "Label requested": create the order's shipment, then print its label and packing slip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentRequest {
    pub key: String,
    pub trolley: TrolleyCode,
    pub slot: u8,
    pub order_id: String,
    pub carrier: String,
    pub service: String,
    pub parcels: Vec<ParcelSpec>,
}

/// A box other than the suggested one, with the packer's reason, for supervisors to see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackagingOverride {
    pub key: String,
    pub order_id: String,
    pub parcel_no: u32,
    pub suggested_id: String,
    pub chosen_id: String,
    pub reason: String,
    pub packer_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightOverride {
    pub key: String,
    pub order_id: String,
    pub parcel_no: u32,
    pub measured_g: u32,
    pub verdict: WeightVerdict,
    pub packer_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    ClaimTrolley {
        trolley: TrolleyCode,
    },
    /// The packer gave up on a claim whose answer never came: release it if the backend granted
    /// it to this station; nothing to do otherwise.
    WithdrawClaim {
        trolley: TrolleyCode,
    },
    RecordException(ExceptionRecord),
    RouteOrderToException(OrderException),
    RecordPackagingOverride(PackagingOverride),
    RecordWeightOverride(WeightOverride),
    CreateShipment(ShipmentRequest),
    /// Void the order's shipment if the backend created one (the order went to exception while
    /// its label was awaited).
    CancelShipment {
        key: String,
        order_id: String,
    },
    RecordMovement(Movement),
    /// Every slot is dispatched or in exception: give the trolley back.
    ReleaseTrolley {
        trolley: TrolleyCode,
    },
}
