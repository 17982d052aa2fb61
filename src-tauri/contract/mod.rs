//! The HTTP contract between a station and the warehouse backend: paths, headers, wire types and
//! error codes. The training backend serves it; the station's client speaks it. Domain types that
//! travel unchanged (the manifest) come from `packbench-core`.
//!
//! The OpenAPI 3.1 document beside this file (`openapi.json`) is generated from these types and
//! the training backend's annotated routes (`crate::training::openapi`); a test keeps it current.

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ApiError {
    /// Stable snake_case code (see [`codes`]); clients branch on it, never on the message.
    #[schema(example = "trolley_claimed")]
    pub code: String,
    pub message: String,
    /// For `trolley_claimed`: the station that holds the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// The answer to a release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Released {
    #[schema(example = "TR-0042")]
    pub released: String,
}

/// The trolley path parameter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TrolleyParam {
    /// A trolley code: `TR-` and four digits (case-insensitive).
    #[param(example = "TR-0042")]
    pub trolley: String,
}

/// The calling station, on every authenticated request (beside `Authorization: Bearer`).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct StationHeader {
    /// The station's id: 1-32 letters, digits, `-` or `_`.
    #[serde(rename = "x-station-id")]
    #[param(
        rename = "x-station-id",
        example = "ST-01",
        pattern = "^[A-Za-z0-9_-]{1,32}$"
    )]
    pub station_id: String,
}
