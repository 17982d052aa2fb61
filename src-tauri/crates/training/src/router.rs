//! The training backend's URL map: every path of the contract to its handler in [`routes`], the
//! contract itself at `/v1/openapi.json`, and the answers for bodies over the limit and for
//! unknown paths. Every request runs to its end even when its client hangs up.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use packbench_contract::training::TRAINING_HINTS_PATH;
use packbench_contract::{codes, MAX_REQUEST_BYTES};

use crate::routes::error::err;
use crate::routes::extract::AppState;
use crate::routes::{
    exceptions, movements, rollout, shipments, sku_images, station, supervision, trolleys,
    weight_requests,
};
use crate::TrainingDb;

pub fn router(db: TrainingDb, token: String) -> Router {
    Router::new()
        .route("/v1/health", get(station::health))
        .route("/v1/trolleys/{trolley}", get(trolleys::trolley))
        .route("/v1/trolleys/{trolley}/claim", post(trolleys::claim))
        .route("/v1/trolleys/{trolley}/release", post(trolleys::release))
        .route(
            "/v1/trolleys/{trolley}/force-release",
            post(trolleys::force_release),
        )
        .route("/v1/releases", get(trolleys::list_releases))
        .route(
            "/v1/movements",
            post(movements::movements).get(movements::list_movements),
        )
        .route(
            "/v1/exceptions",
            post(exceptions::exceptions).get(exceptions::list_exceptions),
        )
        .route("/v1/order-exceptions", post(exceptions::order_exceptions))
        .route(
            "/v1/overrides",
            post(exceptions::overrides).get(exceptions::list_overrides),
        )
        .route(
            "/v1/shipments",
            post(shipments::shipments).get(shipments::list_shipments),
        )
        .route(
            "/v1/shipments/{shipment_id}/void",
            post(shipments::void_shipment),
        )
        .route("/v1/heartbeats", post(supervision::heartbeats))
        .route("/v1/stations", get(supervision::stations))
        .route("/v1/alerts", get(supervision::alerts))
        .route("/v1/throughput", get(supervision::throughput))
        .route("/v1/packed-orders", get(supervision::packed_orders))
        .route(
            "/v1/weight-override-requests",
            post(weight_requests::request_weight_override)
                .get(weight_requests::list_weight_requests),
        )
        .route(
            "/v1/weight-override-requests/{request_id}",
            get(weight_requests::weight_request),
        )
        .route(
            "/v1/weight-override-requests/{request_id}/decision",
            post(weight_requests::decide_weight_request),
        )
        .route(
            "/v1/updates/{ring}/{target}/{current_version}",
            get(rollout::update),
        )
        .route("/v1/rollout", get(rollout::overview))
        .route("/v1/rollout/releases", post(rollout::publish))
        .route("/v1/rollout/{ring}/actions", post(rollout::action))
        .route("/v1/skus/{sku}/image", get(sku_images::sku_image))
        .route("/v1/sign-in", post(station::sign_in))
        .route("/v1/packaging", get(station::packaging))
        .route("/v1/openapi.json", get(openapi))
        .route(TRAINING_HINTS_PATH, get(crate::hints::hints))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(middleware::from_fn(run_to_the_end))
        .fallback(|| async { err(StatusCode::NOT_FOUND, codes::NOT_FOUND, "no such endpoint") })
        .with_state(Arc::new(AppState { db, token }))
}

/// Runs the request in a task of its own, so a client that hangs up (a station killed or cut
/// off mid-request) never drops a handler half-way: its write is carried out and answered to
/// no one, and its retry gets that answer. Dropped handlers were behind the drill's HTTP 500s
/// ("begin_with at non-zero transaction depth", "database is locked") that held a station's
/// queue until the backend restarted.
async fn run_to_the_end(req: Request, next: Next) -> Response {
    match tokio::spawn(next.run(req)).await {
        Ok(r) => r,
        Err(e) => err(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            format!("the request's task failed: {e}"),
        )
        .into_response(),
    }
}

/// The contract itself, for tools (schemathesis, client generators).
async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}
