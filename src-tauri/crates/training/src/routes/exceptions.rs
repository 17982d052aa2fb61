//! Exception routes: line and order exceptions, packers' overrides, and the supervisor's lists of them.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use packbench_contract::{
    ApiError, ExceptionQuery, ExceptionReceipt, IdempotencyHeader, LineException, OpenExceptions,
    OrderException, OverrideEntry, OverrideQuery, OverrideReceipt, OverrideRecord, SessionHeader,
    StationHeader,
};

use super::error::ApiErr;
use super::extract::{ApiJson, ApiQuery, AppState, IdempotencyKey, Station, Supervisor};
use super::responses::{
    BadQuery, BodyRefused, KeyMissing, KeyReused, StationAuth, SupervisorAuth, TrolleyUnknown,
};

#[utoipa::path(post, path = "/v1/exceptions", tag = "exceptions",
    description = "Records units of one order line that went to exception (short, damaged, \
        wrong item) instead of a parcel. Validated against the trolley: the units of a line in \
        exception and the units moved to parcels together never exceed what the slot held. \
        Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = LineException,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = ExceptionReceipt),
        KeyMissing,
        StationAuth,
        TrolleyUnknown,
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), more units than the slot held (`quantity_exceeds_slot`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), wrong slot or location (`slot_mismatch`), unknown line (`line_unknown`), wrong SKU (`sku_mismatch`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn exceptions(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(e): ApiJson<LineException>,
) -> Result<Json<ExceptionReceipt>, ApiErr> {
    let r = st.db.record_line_exception(&station, &key, &e).await?;
    tracing::info!(%station, order = %e.order_id, line = e.line_no, units = e.units, "line exception recorded");
    Ok(Json(r))
}

#[utoipa::path(post, path = "/v1/order-exceptions", tag = "exceptions",
    description = "Records a whole order routed to exception (its units are reported on \
        `/v1/exceptions`). Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = OrderException,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = ExceptionReceipt),
        KeyMissing,
        StationAuth,
        TrolleyUnknown,
        (status = 409, description = "Trolley not held by this station (`trolley_not_claimed`), key reused (`idempotency_key_reused`), order not on the trolley (`order_not_on_trolley`), wrong slot (`slot_mismatch`)", body = ApiError),
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn order_exceptions(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(e): ApiJson<OrderException>,
) -> Result<Json<ExceptionReceipt>, ApiErr> {
    let r = st.db.record_order_exception(&station, &key, &e).await?;
    tracing::info!(%station, order = %e.order_id, "order exception recorded");
    Ok(Json(r))
}

#[utoipa::path(get, path = "/v1/exceptions", tag = "supervisor",
    description = "Open exceptions: units of lines and whole orders.",
    params(ExceptionQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Open exceptions", body = OpenExceptions),
        BadQuery,
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_exceptions(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    _: ApiQuery<ExceptionQuery>,
) -> Result<Json<OpenExceptions>, ApiErr> {
    Ok(Json(st.db.open_exceptions().await?))
}

#[utoipa::path(post, path = "/v1/overrides", tag = "exceptions",
    description = "Records a packer's override for supervisors to review: another box than the \
        suggested one (`kind: packaging`), or a parcel weight outside tolerance (`kind: weight`, \
        `overridden` needs the supervisor and a reason). Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = OverrideRecord,
    responses(
        (status = 200, description = "Recorded (or recorded before under this key)", body = OverrideReceipt),
        KeyMissing,
        StationAuth,
        (status = 404, description = "No such order (`order_unknown`), packaging not in the catalogue (`packaging_unknown`), no such supervisor (`supervisor_unknown`)", body = ApiError),
        KeyReused,
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn overrides(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(o): ApiJson<OverrideRecord>,
) -> Result<Json<OverrideReceipt>, ApiErr> {
    Ok(Json(st.db.record_override(&station, &key, &o).await?))
}

#[utoipa::path(get, path = "/v1/overrides", tag = "supervisor",
    description = "Packers' overrides, of one kind or all, oldest first.",
    params(OverrideQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Overrides", body = Vec<OverrideEntry>),
        BadQuery,
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn list_overrides(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<OverrideQuery>,
) -> Result<Json<Vec<OverrideEntry>>, ApiErr> {
    Ok(Json(st.db.overrides(q.kind).await?))
}
