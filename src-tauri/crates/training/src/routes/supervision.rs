//! Supervision routes: station heartbeats, and the supervisor's reads of stations, throughput and packed orders.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use packbench_contract::{
    codes, AlertRecord, ApiError, Heartbeat, HeartbeatReceipt, IdempotencyHeader,
    PackedOrdersQuery, SessionHeader, StationHeader, StationStatus, Throughput, ThroughputQuery,
    PACKED_ORDERS_MAX_WINDOW_MS,
};
use packbench_core::desk::PackedOrder;

use super::error::{err, ApiErr};
use super::extract::{ApiJson, ApiQuery, AppState, IdempotencyKey, Station, Supervisor};
use super::responses::{BodyRefused, KeyMissing, KeyReused, StationAuth, SupervisorAuth};

#[utoipa::path(post, path = "/v1/heartbeats", tag = "station",
    description = "A station's periodic heartbeat: who packs what, shift counters, device \
        health, the outbox backlog, the app version. The latest per station shows on \
        `/v1/stations`; all are kept. Idempotent per key.",
    params(StationHeader, IdempotencyHeader),
    request_body = Heartbeat,
    responses(
        (status = 200, description = "Received", body = HeartbeatReceipt),
        KeyMissing,
        StationAuth,
        (status = 403, description = "The body names another station (`station_mismatch`)", body = ApiError),
        KeyReused,
        BodyRefused,
    ),
    security(("bearer" = [])))]
pub(crate) async fn heartbeats(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(h): ApiJson<Heartbeat>,
) -> Result<Json<HeartbeatReceipt>, ApiErr> {
    Ok(Json(st.db.record_heartbeat(&station, &key, &h).await?))
}

#[utoipa::path(get, path = "/v1/stations", tag = "supervisor",
    description = "Every station's latest heartbeat; `stale` when none came for 60 s.",
    params(StationHeader, SessionHeader),
    responses(
        (status = 200, description = "The stations", body = Vec<StationStatus>),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn stations(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
) -> Result<Json<Vec<StationStatus>>, ApiErr> {
    Ok(Json(st.db.stations(packbench_sqlite::now_ms()).await?))
}

#[utoipa::path(get, path = "/v1/alerts", tag = "supervisor",
    description = "The open alerts of the site, the same for every desk: those stations raise \
        in their heartbeats (devices, queue) while they raise them, and `station_offline` for a \
        station silent for 60 s. Most severe first, then oldest. Each raise is also posted once \
        to the site's webhook, if one is set.",
    params(StationHeader, SessionHeader),
    responses(
        (status = 200, description = "The open alerts", body = Vec<AlertRecord>),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn alerts(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
) -> Result<Json<Vec<AlertRecord>>, ApiErr> {
    Ok(Json(st.db.open_alerts(packbench_sqlite::now_ms()).await?))
}

#[utoipa::path(get, path = "/v1/throughput", tag = "supervisor",
    description = "Work per packer or per station in `[from_ms, to_ms)`: orders, lines, units \
        and parcels moved, exceptions recorded.",
    params(ThroughputQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Throughput", body = Throughput),
        (status = 400, description = "Missing or malformed query (`bad_request`)", body = ApiError),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn throughput(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<ThroughputQuery>,
) -> Result<Json<Throughput>, ApiErr> {
    if !(0..=10_000_000_000_000).contains(&q.from_ms)
        || !(0..=10_000_000_000_000).contains(&q.to_ms)
    {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "from_ms and to_ms are 0 to 10^13",
        ));
    }
    Ok(Json(
        st.db.throughput(q.from_ms, q.to_ms, q.group_by).await?,
    ))
}

#[utoipa::path(get, path = "/v1/packed-orders", tag = "supervisor",
    description = "Orders whose last parcel was recorded in `[from_ms, to_ms)`, a window over 8 \
        days cut to its last 8 days and an empty one (`to_ms <= from_ms`) answering none, \
        oldest first, each with the station and packer of its last parcel, the units, lines and \
        parcels moved and the exceptions recorded: the facts a desk weighs work by.",
    params(PackedOrdersQuery, StationHeader, SessionHeader),
    responses(
        (status = 200, description = "Packed orders", body = Vec<PackedOrder>),
        (status = 400, description = "Missing or malformed query (`bad_request`)", body = ApiError),
        SupervisorAuth,
    ),
    security(("bearer" = [])))]
pub(crate) async fn packed_orders(
    State(st): State<Arc<AppState>>,
    _: Supervisor,
    ApiQuery(q): ApiQuery<PackedOrdersQuery>,
) -> Result<Json<Vec<PackedOrder>>, ApiErr> {
    if !(0..=10_000_000_000_000).contains(&q.from_ms)
        || !(0..=10_000_000_000_000).contains(&q.to_ms)
    {
        return Err(err(
            StatusCode::BAD_REQUEST,
            codes::BAD_REQUEST,
            "from_ms and to_ms are 0 to 10^13",
        ));
    }
    if q.to_ms <= q.from_ms {
        return Ok(Json(Vec::new()));
    }
    // Every schema-valid window is answered: a long one is cut to its last 8 days.
    let from_ms = q.from_ms.max(q.to_ms - PACKED_ORDERS_MAX_WINDOW_MS);
    Ok(Json(st.db.packed_orders(from_ms, q.to_ms).await?))
}
