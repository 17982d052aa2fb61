//! The pack flow of a station as a pure state machine: sign-in, trolley claim, slot by slot
//! unit verification (with GS1 capture), exceptions, parcels, packaging, weight, label,
//! outbound movements, and the trolley's release.
//!
//! `apply(&state, event)` returns the next state and the effects the app must carry out. The
//! app persists the state and the effects together after every step; after a crash it reloads
//! the state and continues exactly there, and effects replayed from it carry the same
//! idempotency keys.
//!
//! Exception rule: units of one line reported short, damaged or wrong-item leave the order and
//! the order continues short, as long as at least one unit of it still ships. When nothing is
//! left to ship, the whole order goes to exception. The packer can also send an open order
//! wholly to exception at any time (weight mismatch, no label, or any line reason); then every
//! unit not yet in exception, packed or not, goes to the exception location and any requested
//! shipment is cancelled.

mod effect;
mod error;
mod event;
pub mod invariants;
pub mod keys;
mod order;
mod state;
mod transition;
mod verify;

pub use effect::{
    Effect, ExceptionRecord, Movement, OrderException, PackagingOverride, ParcelContent,
    ParcelSpec, ShipmentRequest, WeightOverride,
};
pub use error::FlowError;
pub use event::{ExceptionReason, PackEvent, Packer, Role, WeightVerdict};
pub use state::{
    CaptureField, ClaimRefusal, ExpectedScan, FlowView, LabelStatus, LineCounts, LineProgress,
    PackState, PackagingChoice, PackedUnit, Parcel, ParcelStatus, PendingCapture, PendingLabel,
    SlotProgress, SlotStatus, Station, Step, StepKind, TrolleyProgress, UnitCapture, Weighing,
};
pub use transition::apply;
pub use verify::matches_barcode;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
