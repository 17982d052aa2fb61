//! Movement routes: a parcel's outbound movements, and a supervisor's read of them.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use packbench_contract::{
    codes, ApiError, IdempotencyHeader, MovementBatch, MovementEntry, MovementQuery,
    MovementReceipt, SessionHeader, StationHeader,
};

use super::error::{err, ApiErr};
use super::extract::{
    trolley_code, ApiJson, ApiQuery, AppState, IdempotencyKey, Station, Supervisor,
};
use super::responses::{BodyRefused, KeyMissing, StationAuth, SupervisorAuth, TrolleyUnknown};

#[utoipa::path(post, path = "/v1/movements", tag = "movements",
    description = "Records the outbound movements of one parcel (units of order lines from the \
        trolley slot's location to the parcel), all or nothing. Validated against the trolley's \
        contents: never more units of a line than its slot held. Idempotent: a retry with the \
        same key and body returns the first receipt; the same key with another body is refused.",
    params(StationHeader, IdempotencyHeader),
    request_body = MovementBatch,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = MovementReceipt),
        KeyMissing,
        StationAuth,
        TrolleyUnknown,
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), more units than the slot held (`quantity_exceeds_slot`), key reused for another request (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), unknown line (`line_unknown`), wrong SKU for the line (`sku_mismatch`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn movements(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(batch): ApiJson<MovementBatch>,
) -> Result<Json<MovementReceipt>, ApiErr> {
    let receipt = st.db.record_movements(&station, &key, &batch).await?;
    tracing::info!(%station, order = %batch.order_id, parcel = %batch.parcel_id, lines = batch.movements.len(), "movements recorded");
    Ok(Json(receipt))
}

#[utoipa::path(get, path = "/v1/movements", tag = "supervisor",
    description = "Movements of a trolley, of an order, or of both filters at once, oldest \
        first; with neither, every movement. At most 10,000.",
    params(MovementQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Movements", body = Vec<MovementEntry>),
        (status = 400, description = "A malformed trolley code or order id (`bad_request`)", body = ApiError),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_movements(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<MovementQuery>,
) -> Result<Json<Vec<MovementEntry>>, ApiErr> {
    let trolley = match &q.trolley {
        Some(t) => Some(trolley_code(t)?.to_string()),
        None => None,
    };
    if let Some(o) = &q.order_id {
        if o.is_empty() || o.chars().count() > 64 || o.chars().any(char::is_control) {
            return Err(err(
                StatusCode::BAD_REQUEST,
                codes::BAD_REQUEST,
                "order_id must be 1-64 printable characters",
            ));
        }
    }
    Ok(Json(
        st.db
            .movements_of(trolley.as_deref(), q.order_id.as_deref())
            .await?,
    ))
}
