//! The HTTP contract between a station and the warehouse backend: paths, headers, wire types and
//! error codes. The training backend serves it; the station's client speaks it. Domain types that
//! travel unchanged (the manifest) come from `packbench-core`.
//!
//! The OpenAPI 3.1 document beside this file (`openapi.json`) is generated from these types and
//! the training backend's annotated routes (`packbench_training::openapi`); a test keeps it current.

use serde::{Deserialize, Serialize};

mod exceptions;
mod rollout;
mod shipments;
mod supervision;
pub mod training;

pub use exceptions::*;
pub use rollout::*;
pub use shipments::*;
pub use supervision::*;

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
pub const MOVEMENTS_PATH: &str = "/v1/movements";
pub const SIGN_IN_PATH: &str = "/v1/sign-in";
pub const PACKAGING_PATH: &str = "/v1/packaging";
pub const EXCEPTIONS_PATH: &str = "/v1/exceptions";
pub const ORDER_EXCEPTIONS_PATH: &str = "/v1/order-exceptions";
pub const OVERRIDES_PATH: &str = "/v1/overrides";
pub const SHIPMENTS_PATH: &str = "/v1/shipments";
pub const HEARTBEATS_PATH: &str = "/v1/heartbeats";
pub const STATIONS_PATH: &str = "/v1/stations";
pub const ALERTS_PATH: &str = "/v1/alerts";
pub const THROUGHPUT_PATH: &str = "/v1/throughput";
/// Supervisor: per-order facts (units, lines, parcels, exceptions) of orders packed in a window.
pub const PACKED_ORDERS_PATH: &str = "/v1/packed-orders";
/// Supervisor: a trolley's releases (by its station, or forced by a supervisor).
pub const RELEASES_PATH: &str = "/v1/releases";

pub fn void_shipment_path(shipment_id: &str) -> String {
    format!("/v1/shipments/{shipment_id}/void")
}

/// A station's weight override requests (POST), a supervisor's list of them (GET).
pub const WEIGHT_REQUESTS_PATH: &str = "/v1/weight-override-requests";

/// One weight override request: the asking station polls it.
pub fn weight_request_path(request_id: &str) -> String {
    format!("/v1/weight-override-requests/{request_id}")
}

/// A supervisor approves or declines a weight override request.
pub fn weight_decision_path(request_id: &str) -> String {
    format!("/v1/weight-override-requests/{request_id}/decision")
}

/// A supervisor takes a claim away from a station.
pub fn force_release_path(trolley: &str) -> String {
    format!("/v1/trolleys/{trolley}/force-release")
}

pub fn sku_image_path(sku: &str) -> String {
    format!("/v1/skus/{sku}/image")
}

/// Supervisor endpoints name the signed-in supervisor's session in this header.
pub const SESSION_HEADER: &str = "x-packer-session";

/// Every write carries a client-made key (a UUIDv7); a retry with the same key and body gets
/// the first answer again, the same key with another body is refused.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// Request bodies larger than this are refused (413) before they are parsed.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// Stable error codes of the backend API.
pub mod codes {
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const TROLLEY_UNKNOWN: &str = "trolley_unknown";
    pub const TROLLEY_CLAIMED: &str = "trolley_claimed";
    pub const TROLLEY_NOT_CLAIMED: &str = "trolley_not_claimed";
    pub const IDEMPOTENCY_KEY_MISSING: &str = "idempotency_key_missing";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const INVALID_BODY: &str = "invalid_body";
    pub const BODY_TOO_LARGE: &str = "body_too_large";
    pub const ORDER_NOT_ON_TROLLEY: &str = "order_not_on_trolley";
    pub const LINE_UNKNOWN: &str = "line_unknown";
    pub const SKU_MISMATCH: &str = "sku_mismatch";
    pub const QUANTITY_EXCEEDS_SLOT: &str = "quantity_exceeds_slot";
    pub const SIGN_IN_FAILED: &str = "sign_in_failed";
    pub const NOT_FOUND: &str = "not_found";
    pub const TROLLEY_PACKED: &str = "trolley_packed";
    pub const ORDER_UNKNOWN: &str = "order_unknown";
    pub const SLOT_MISMATCH: &str = "slot_mismatch";
    pub const QUANTITY_EXCEEDS_ORDER: &str = "quantity_exceeds_order";
    pub const PACKAGING_UNKNOWN: &str = "packaging_unknown";
    pub const SUPERVISOR_UNKNOWN: &str = "supervisor_unknown";
    pub const SHIPMENT_EXISTS: &str = "shipment_exists";
    pub const SHIPMENT_UNKNOWN: &str = "shipment_unknown";
    pub const LABEL_FAILED: &str = "label_failed";
    pub const STATION_MISMATCH: &str = "station_mismatch";
    pub const SESSION_INVALID: &str = "session_invalid";
    pub const ROLE_FORBIDDEN: &str = "role_forbidden";
    pub const SKU_UNKNOWN: &str = "sku_unknown";
    pub const REQUEST_UNKNOWN: &str = "request_unknown";
    pub const REQUEST_DECIDED: &str = "request_decided";
    pub const INTERNAL: &str = "internal";
    /// A published release must be newer than every one before it.
    pub const RELEASE_NOT_NEWER: &str = "release_not_newer";
    /// A ring has no earlier release to roll back to.
    pub const NOTHING_TO_ROLL_BACK: &str = "nothing_to_roll_back";
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
    #[param(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
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

/// Outbound stock movements of one parcel: units of order lines leave the trolley slot's
/// location for the parcel. Recorded all or nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MovementBatch {
    #[schema(example = "TR-0042", pattern = "^[Tt][Rr]-[0-9]{4}$")]
    pub trolley: String,
    #[schema(
        example = "SO-100001",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub order_id: String,
    /// The parcel the units went into (its SSCC or the station's parcel id).
    #[schema(
        example = "PARCEL-ST-01-000123",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub parcel_id: String,
    /// The packer who packed them (their id from sign-in).
    #[schema(
        example = "PK-0007",
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    )]
    pub packer_id: String,
    #[schema(min_items = 1, max_items = 1000)]
    pub movements: Vec<MovementLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MovementLine {
    #[schema(minimum = 1)]
    #[serde(deserialize_with = "whole")]
    pub line_no: u32,
    #[schema(example = "LUM-0001", min_length = 1, max_length = 64)]
    pub sku: String,
    /// Units moved; at least 1.
    #[schema(minimum = 1, maximum = 10000)]
    #[serde(deserialize_with = "whole")]
    pub qty: u32,
}

/// The backend's receipt for a movement batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MovementReceipt {
    /// One id per movement line, in order.
    pub movement_ids: Vec<i64>,
    /// The slot location the units left.
    pub from_location: String,
}

/// The idempotency key of a write.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyHeader {
    /// A client-made unique key (UUIDv7 recommended): 8-128 printable ASCII characters (inner
    /// spaces and tabs allowed).
    #[serde(rename = "idempotency-key")]
    #[param(
        rename = "idempotency-key",
        example = "01936d3a-7c1e-7b2a-9f00-1b2c3d4e5f60",
        min_length = 8,
        max_length = 128
    )]
    pub key: String,
}

/// A packer signs in at a station by scanning their badge, or with their id and PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignInRequest {
    Badge {
        #[schema(example = "BADGE512345")]
        badge: String,
    },
    Pin {
        #[schema(example = "PK-0001")]
        packer_id: String,
        #[schema(example = "0000", min_length = 4, max_length = 8)]
        pin: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Packer,
    Supervisor,
}

/// Who signed in: their id goes on every movement they make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Packer {
    #[schema(example = "PK-0001")]
    pub packer_id: String,
    pub name: String,
    pub role: Role,
    /// The packer's screen language (BCP 47, like `pl`).
    #[schema(example = "pl")]
    pub language: String,
}

/// A whole number from any JSON number with a zero fraction (`3` or `3.0`): JSON Schema's
/// `integer` admits both, so a conforming client may send either.
pub(crate) fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<u64>,
{
    use serde::de::Error;
    let n = serde_json::Number::deserialize(d)?;
    let u = match (n.as_u64(), n.as_f64()) {
        (Some(u), _) => u,
        (None, Some(f)) if f.fract() == 0.0 && (0.0..=9.007_199_254_740_992e15).contains(&f) => {
            f as u64
        }
        _ => return Err(D::Error::custom(format!("{n} is not a whole number"))),
    };
    T::try_from(u).map_err(|_| D::Error::custom(format!("{n} is out of range")))
}

/// [`whole`] for an optional (null or absent) number.
pub(crate) fn whole_opt<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<u64>,
{
    #[derive(Deserialize)]
    struct W<T: TryFrom<u64>>(#[serde(deserialize_with = "whole")] T);
    Ok(Option::<W<T>>::deserialize(d)?.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_in_either_json_form() {
        for (json, want) in [
            ("1", Some(1)),
            ("3.0", Some(3)),
            ("1e2", Some(100)),
            ("-1", None),
            ("2.5", None),
            ("4294967296", None),
        ] {
            let body = format!(r#"{{"line_no": 1, "sku": "X", "qty": {json}}}"#);
            let got = serde_json::from_str::<MovementLine>(&body)
                .ok()
                .map(|l| l.qty);
            assert_eq!(got, want, "{json}");
        }
    }
}

/// One entry of the station's packaging catalogue: what the cartonization engine needs, plus
/// the name a packer reads and the barcode they scan to confirm the box.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CatalogueEntry {
    #[schema(example = "Box M 300x220x150")]
    pub name: String,
    #[schema(example = "PKG-BX-M")]
    pub barcode: String,
    #[serde(flatten)]
    pub spec: packbench_core::carton::Packaging,
}
