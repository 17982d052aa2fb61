//! Tauri IPC commands: each reads one request, calls one service, maps the result. Errors cross
//! as `packbench_ipc::IpcError` (`{code, message}`).

use packbench_ipc::{
    BacklogView, ClaimTrolleyRequest, ClaimTrolleyResponse, GetStationRequest, GetStationResponse,
    IpcError,
};
use tauri::State;
use tracing::instrument;

use crate::services::{self, Station};

#[tauri::command]
#[instrument(skip(station), fields(station = %station.station_id), err(level = "warn"))]
pub async fn claim_trolley(
    req: ClaimTrolleyRequest,
    station: State<'_, Station>,
) -> Result<ClaimTrolleyResponse, IpcError> {
    let manifest = services::claim_trolley(&station, &req.scan).await?;
    Ok(ClaimTrolleyResponse { manifest })
}

#[tauri::command]
#[instrument(skip(station), fields(station = %station.station_id), err(level = "warn"))]
pub async fn get_station(
    req: GetStationRequest,
    station: State<'_, Station>,
) -> Result<GetStationResponse, IpcError> {
    let _ = req;
    let current = station.current_trolley().await?;
    let b = station.backlog().await?;
    Ok(GetStationResponse {
        station_id: station.station_id.clone(),
        backend: station.backend_label.clone(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        current,
        backlog: BacklogView {
            pending: b.pending,
            failed: b.failed,
            oldest_pending_age_ms: b.oldest_pending_age_ms,
        },
    })
}
