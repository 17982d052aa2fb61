//! The HTTP contract between a station and the warehouse backend: paths, headers, wire types and
//! error codes. The training backend serves it; the station's client speaks it. Domain types that
//! travel unchanged (the manifest) come from `packbench-core`.

use serde::{Deserialize, Serialize};

/// Every request names its station in this header, beside its bearer token.
pub const STATION_HEADER: &str = "x-station-id";

pub fn claim_path(trolley: &str) -> String {
    format!("/v1/trolleys/{trolley}/claim")
}

pub fn release_path(trolley: &str) -> String {
    format!("/v1/trolleys/{trolley}/release")
}

/// A supervisor's read of a trolley's manifest, without claiming it.
pub fn trolley_path(trolley: &str) -> String {
    format!("/v1/trolleys/{trolley}")
}

pub const HEALTH_PATH: &str = "/v1/health";

/// Stable error codes of the backend API.
pub mod codes {
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const TROLLEY_UNKNOWN: &str = "trolley_unknown";
    pub const TROLLEY_CLAIMED: &str = "trolley_claimed";
    pub const TROLLEY_NOT_CLAIMED: &str = "trolley_not_claimed";
    pub const INTERNAL: &str = "internal";
}

/// The body of every 4xx/5xx answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// For `trolley_claimed`: the station that holds the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}
