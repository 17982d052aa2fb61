//! The pack flow of a station as a pure state machine: sign-in, trolley claim, slot by slot
//! unit verification (with GS1 capture), exceptions, parcels, packaging, weight, label,
//! outbound movements, and the trolley's release.
//!
//! `apply(&state, event)` returns the next state and the effects the app must carry out, or a
//! `FlowError` (stable `code()`, packer-readable message) with the state untouched. The app
//! persists the state and the effects together after every step; after a crash it reloads the
//! state and continues exactly there, and effects replayed from it carry the same idempotency
//! keys. No clock is read: the app stamps times on what it records.
//!
//! | step               | events it takes                                   | effects                          |
//! |--------------------|---------------------------------------------------|----------------------------------|
//! | `SignIn`           | `SignedIn`                                        |                                  |
//! | `ScanTrolley`      | `Scanned` (trolley), `SignedOut`                  | `ClaimTrolley`                   |
//! | `ClaimingTrolley`  | `TrolleyClaimed`, `ClaimRefused`, `ClaimCancelled`| `WithdrawClaim` (on cancel)      |
//! | `ScanSlot`         | `Scanned` (slot), `TakeSuggestedSlot`, `SignedOut`|                                  |
//! | `VerifyUnits`      | `Scanned` (item or GS1 data), `CancelCapture`, `RemoveUnit`, `CloseParcel`, `ReportException`, `OrderToException`, `LeaveSlot` | `RecordException`, `RouteOrderToException`, `CreateShipment` |
//! | `ChoosePackaging`  | `PackagingChosen`, `ReopenParcel`, `OrderToException` | `RecordPackagingOverride`    |
//! | `Weigh`            | `ParcelWeighed`, `ReopenParcel`, `OrderToException` | `RecordWeightOverride`, `CreateShipment` |
//! | `AwaitingLabel`    | `LabelPrinted`, `LabelPending`, `OrderToException`| `RecordMovement` per parcel and line, `CancelShipment`, `ReleaseTrolley` |
//! | `ReleasingTrolley` | `TrolleyReleased`, `SignedOut`                    |                                  |
//!
//! `LabelPrinted` for a label queued offline and `TrolleyReleased` are accepted at any step,
//! signed in or not: the backend answers when it can.
//!
//! Parcels: the first unit scanned opens parcel 1; `CloseParcel` sends it to packaging and the
//! scale; once it is weighed the next unit opens parcel 2. When no unit is left to verify and
//! no parcel is open, the order's shipment is requested (`CreateShipment`, "label requested").
//!
//! Exception rule: units of one line reported short, damaged or wrong-item leave the order and
//! the order continues short, as long as at least one unit of it still ships. When nothing is
//! left to ship, the whole order goes to exception. The packer can also send an open order
//! wholly to exception at any time (weight mismatch, no label, or any line reason); then every
//! unit not yet in exception, packed or not, goes to the exception location, packed parcels are
//! voided and a requested shipment is cancelled. Missing (short) units have no destination;
//! damaged units and wrong items go to the station's exception location.

mod capture;
mod effect;
mod error;
mod event;
pub mod invariants;
pub mod keys;
mod order;
mod state;
mod transition;
mod verify;
mod view;

pub use capture::{CaptureField, PackedUnit, PendingCapture, UnitCapture};
pub use effect::{
    Effect, ExceptionRecord, Movement, OrderException, PackagingOverride, ParcelContent,
    ParcelSpec, ShipmentRequest, WeightOverride,
};
pub use error::FlowError;
pub use event::{ExceptionReason, PackEvent, Packer, Role, WeightVerdict};
pub use state::{
    ClaimRefusal, LabelStatus, LineProgress, PackState, PackagingChoice, Parcel, ParcelStatus,
    PendingLabel, SlotProgress, SlotStatus, Station, Step, StepKind, TrolleyProgress, Weighing,
};
pub use transition::apply;
pub use verify::matches_barcode;
pub use view::{ExpectedScan, FlowView, LineCounts};

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
