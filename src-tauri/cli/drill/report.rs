//! The drill's verdict: what it did (kills by phase, restarts, runs), what the backend and the
//! label spool hold per kind of write against the packer's plan, and every failure by name,
//! printed as one JSON line.

use std::collections::BTreeMap;

use serde::Serialize;

use super::audit::KindAudit;
use crate::crashpoint::Phase;

/// The drill's verdict, printed as one JSON line.
#[derive(Debug, Default, Serialize)]
pub struct DrillReport {
    pub trolleys: usize,
    pub kills: u32,
    pub kills_by_phase: KillsByPhase,
    /// Kills that landed after the station had committed at least one pack step in that run.
    pub kills_after_work: u32,
    pub backend_restarts: u32,
    pub station_runs: u32,
    /// Per kind of write: expected (the packer's plan), recorded, lost, duplicates.
    pub kinds: BTreeMap<&'static str, KindAudit>,
    /// Units of the manifests, and what became of them (any packer's work, unit by unit).
    pub expected_units: u64,
    pub recorded_units: u64,
    pub dispatched_units: u64,
    pub exception_units: u64,
    /// Totals: over every kind once the drill has audited them (units alone before).
    pub duplicates: u64,
    pub lost: u64,
    /// Label documents in the station's spool.
    pub labels_printed: u64,
    /// Label jobs a kill cut mid-send: the packer is told to check them and reprint.
    pub labels_uncertain: u64,
    /// Spool files of those jobs the kill cut before the document's end (nothing printed).
    pub labels_cut: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outage: Option<OutageReport>,
    /// What went wrong, by name: a station death that was no kill, a hang, a kind of write
    /// lost or doubled.
    pub failures: Vec<String>,
    pub elapsed_s: f64,
    pub ok: bool,
}

/// Kills by what they cut (see [`Phase`]); `random` are the drill's own SIGKILLs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KillsByPhase {
    pub before_commit: u32,
    pub after_commit: u32,
    pub during_delivery: u32,
    pub during_printing: u32,
    pub random: u32,
}

impl KillsByPhase {
    pub fn count(&mut self, phase: Option<Phase>) {
        *match phase {
            Some(Phase::BeforeCommit) => &mut self.before_commit,
            Some(Phase::AfterCommit) => &mut self.after_commit,
            Some(Phase::Delivery) => &mut self.during_delivery,
            Some(Phase::Printing) => &mut self.during_printing,
            None => &mut self.random,
        } += 1;
    }
}

/// The `--outage` run: the trolley packed with the backend down, and the labels it held
/// pending when the backend came back (then printed and checked by the same audit).
#[derive(Debug, Default, Serialize)]
pub struct OutageReport {
    pub trolley: String,
    pub labels_pending_at_restore: u64,
}
