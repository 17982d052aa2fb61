//! Wire types of fleet roll-outs: the update manifest a station's ring is offered (Tauri's
//! updater format, plus `rollback`), what IT publishes, what the desk reads and does. The rules
//! (ring order, the health check) are `packbench_core::rollout`'s.

use serde::{Deserialize, Serialize};

pub use packbench_core::rollout::{
    HealthComparison, HealthFigures, HealthMetric, MetricComparison, Verdict,
};

/// The update manifest path a station asks, as Tauri's updater fills it in.
pub fn updates_path(ring: &str, target: &str, current_version: &str) -> String {
    format!("/v1/updates/{ring}/{target}/{current_version}")
}

/// Supervisor: every ring's release, stations per version and last decision.
pub const ROLLOUT_PATH: &str = "/v1/rollout";
/// IT publishes a release (to `canary`).
pub const ROLLOUT_RELEASES_PATH: &str = "/v1/rollout/releases";

/// Hold, resume or roll back one ring.
pub fn rollout_action_path(ring: &str) -> String {
    format!("/v1/rollout/{ring}/actions")
}

/// The target a release is built for when the publish names none: Tauri's `{os}-{arch}`.
pub const DEFAULT_TARGET: &str = "linux-x86_64";

/// The station's own run, in its heartbeat: counted from the process's start, for the roll-out's
/// health check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunHealth {
    /// When this process started (ms since the Unix epoch).
    #[schema(minimum = 0, maximum = 10000000000000_u64)]
    #[serde(deserialize_with = "crate::whole")]
    pub started_at_ms: u64,
    /// App starts after an unclean end (crash, kill, power cut) since the machine booted.
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub restarts_since_boot: u32,
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub orders: u32,
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub units: u32,
    /// Line and order exceptions recorded.
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub exceptions: u32,
    /// Writes the backend refused (set aside for a supervisor).
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub refused_writes: u32,
    /// Labels printed again.
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub reprints: u32,
    /// Scans the station refused.
    #[schema(minimum = 0, maximum = 1000000)]
    #[serde(default, deserialize_with = "crate::whole")]
    pub scan_refusals: u32,
}

/// The path of the update check.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct UpdatePathParams {
    /// The station's ring (`[update] ring`).
    #[param(example = "canary", pattern = "^[a-z][a-z0-9-]{0,31}$")]
    pub ring: String,
    /// Tauri's `{os}-{arch}`.
    #[param(example = "linux-x86_64", pattern = "^[a-z0-9_-]{1,64}$")]
    pub target: String,
    /// The version the station runs.
    #[param(
        example = "0.1.0",
        pattern = "^[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}([-+][0-9A-Za-z.+-]{0,40})?$"
    )]
    pub current_version: String,
}

/// A ring in the path.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct RingParam {
    #[param(example = "canary", pattern = "^[a-z][a-z0-9-]{0,31}$")]
    pub ring: String,
}

/// The release a ring is offered, in Tauri updater's dynamic format (`version`, `notes`, `url`,
/// `signature`), with the ring and whether it is a roll-back: a station installs a lower
/// version only when `rollback` is true, and only with a valid signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UpdateManifest {
    #[schema(example = "0.2.0")]
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the package is downloaded from.
    #[schema(example = "https://updates.example.com/packbench/Packbench_0.2.0_amd64.deb")]
    pub url: String,
    /// The package's minisign signature (the `.sig` file's contents).
    pub signature: String,
    pub ring: String,
    /// The ring was rolled back to this (lower) release.
    pub rollback: bool,
}

/// IT publishes a signed release: it goes to `canary` at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRelease {
    /// Newer than every release published before.
    #[schema(
        example = "0.2.0",
        pattern = "^[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}(-[0-9A-Za-z.-]{1,40})?$"
    )]
    pub version: String,
    /// http(s) URL of the package.
    #[schema(
        example = "https://updates.example.com/packbench/Packbench_0.2.0_amd64.deb",
        min_length = 8,
        max_length = 2000,
        pattern = "^https?://[^\\s\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub url: String,
    /// The `.sig` file's contents, as tauri-cli wrote it.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub signature: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub notes: Option<String>,
    /// Tauri's `{os}-{arch}` (default `linux-x86_64`).
    #[serde(default)]
    #[schema(example = "linux-x86_64", pattern = "^[a-z0-9_-]{1,64}$")]
    pub target: Option<String>,
    /// Station-hours on the release a ring needs before it may move on (default 8).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100000)]
    pub soak_station_hours: Option<f64>,
}

/// A published release.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublishedRelease {
    pub version: String,
    pub target: String,
    pub url: String,
    pub notes: Option<String>,
    pub soak_station_hours: f64,
    pub published_by: String,
    pub published_at_ms: i64,
}

/// What a supervisor or IT does to a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RolloutActionKind {
    /// Stops the ring's release: no station in it is offered it, and it moves on no further.
    Hold,
    /// Lifts a hold (or a roll-back's hold): the ring's release is offered again and soaks afresh.
    Resume,
    /// Offers the ring its previous release, marked as a roll-back, and holds the ring.
    RollBack,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolloutAction {
    pub action: RolloutActionKind,
    /// Why, for the record.
    #[schema(
        example = "label printers jam since 0.2.0",
        min_length = 1,
        max_length = 500,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub reason: String,
}

/// What happened to a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// IT published the release to this ring (canary).
    Published,
    /// The release soaked and was no worse: promoted from this ring to the next.
    Promoted,
    /// The ring has no stations: the release went through to the next ring at once.
    PassedThrough,
    /// The release soaked and was worse: held automatically, an alert raised.
    Held,
    /// A supervisor or IT held the ring.
    HeldByHand,
    Resumed,
    RolledBack,
}

/// One decision about a ring, with the health comparison behind it when there was one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RolloutDecision {
    pub ring: String,
    pub version: String,
    pub kind: DecisionKind,
    /// The supervisor or IT person; none for the backend's own decisions.
    pub by: Option<String>,
    pub reason: String,
    pub decided_at_ms: i64,
    pub comparison: Option<HealthComparison>,
}

/// How many of a ring's stations run a version (by their latest heartbeat).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VersionCount {
    pub version: String,
    pub stations: u32,
}

/// Where a ring's release stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RingState {
    /// No release offered yet.
    Waiting,
    /// Its release soaks here.
    Soaking,
    /// Its release moved on to the next ring (or this is the last ring).
    Done,
    Held,
    RolledBack,
}

/// One ring as the desk shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RingStatus {
    pub ring: String,
    pub state: RingState,
    /// The release offered to the ring.
    pub version: Option<String>,
    /// The release it had before (what a roll-back offers).
    pub previous_version: Option<String>,
    pub held_reason: Option<String>,
    /// Stations of the ring per version they run.
    pub stations: Vec<VersionCount>,
    /// The health check as it stands now, while the release soaks.
    pub soaking: Option<HealthComparison>,
    pub last_decision: Option<RolloutDecision>,
}

/// The roll-out: rings in the order a release walks them, and the releases published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RolloutOverview {
    pub rings: Vec<RingStatus>,
    /// Newest first.
    pub releases: Vec<PublishedRelease>,
    /// A rate counts as worse beyond this factor of the previous version's.
    pub worse_margin: f64,
    /// Fewer events than this never hold a release.
    pub min_events: u64,
}
