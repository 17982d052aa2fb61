//! The training backend's HTTP routes, one file per resource (matching the store's modules):
//! thin handlers over [`TrainingDb`](crate::TrainingDb) that read the station, key, query or
//! body through [`extract`] and answer refusals as [`ApiError`](packbench_contract::ApiError)
//! JSON through [`error`]. Each handler's OpenAPI description stands above it.

pub(crate) mod error;
pub(crate) mod exceptions;
pub(crate) mod extract;
pub(crate) mod movements;
pub(crate) mod responses;
pub(crate) mod rollout;
pub(crate) mod shipments;
pub(crate) mod sku_images;
pub(crate) mod station;
pub(crate) mod supervision;
pub(crate) mod trolleys;
pub(crate) mod weight_requests;
