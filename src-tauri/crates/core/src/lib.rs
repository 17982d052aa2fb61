//! Packbench's domain core: the warehouse's nouns (trolleys, slots, orders, SKUs) and the rules
//! that need no I/O. Nothing here knows of Tauri, SQL, HTTP or devices, so it is fast to test and
//! compiles to wasm for the UI.

pub mod calendar;
pub mod carton;
pub mod desk;
pub mod gs1;
pub mod manifest;
pub mod pack_flow;
pub mod rollout;
pub mod scan;
pub mod site_time;
pub mod trolley;
pub mod wedge;
pub mod weight_gate;

pub use manifest::{Manifest, Order, OrderLine, ShipTo, SkuFlags, SkuInfo, Slot};
pub use scan::{classify_scan, Scan, ScanError};
pub use trolley::{SlotCode, TrolleyCode, TrolleyCodeError};

/// Property-test cases per fuzz target: 100,000 in the test command, unless
/// `PACKBENCH_FUZZ_CASES` says otherwise (a quicker local run).
#[cfg(test)]
pub(crate) fn fuzz_cases() -> u32 {
    std::env::var("PACKBENCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}
