//! The drill's verdict: what it did (kills, restarts, runs) and what the backend recorded,
//! printed as one JSON line.

use serde::Serialize;

/// The drill's verdict, printed as one JSON line.
#[derive(Debug, Default, Serialize)]
pub struct DrillReport {
    pub trolleys: usize,
    pub kills: u32,
    pub sigkills: u32,
    pub crash_points: u32,
    pub backend_restarts: u32,
    pub station_runs: u32,
    pub expected_units: u64,
    pub recorded_units: u64,
    pub dispatched_units: u64,
    pub exception_units: u64,
    pub duplicates: u64,
    pub lost: u64,
    pub labels_printed: u64,
    /// Label jobs a kill cut mid-send: the packer is told to check them and reprint.
    pub labels_uncertain: u64,
    pub elapsed_s: f64,
    pub ok: bool,
}
