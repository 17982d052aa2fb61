//! Commands of the station itself: its status bar, and the product pictures of order lines.

use std::sync::Arc;

use packbench_ipc::{BacklogView, GetStationRequest, GetStationResponse, IpcError};
use tauri::State;
use tracing::instrument;

use crate::services::pack::PackService;
use crate::services::sku_images::SkuImages;
use crate::services::Station;

#[tauri::command]
#[instrument(skip(station, pack), fields(station = %station.station_id, packer), err(level = "warn"))]
pub async fn get_station(
    req: GetStationRequest,
    station: State<'_, Station>,
    pack: State<'_, Arc<PackService>>,
) -> Result<GetStationResponse, IpcError> {
    pack.record_span_fields().await;
    let _ = req;
    // The trolley the pack flow holds (none once it is released).
    let current = pack.state().await.trolley.map(|t| t.manifest);
    let b = station.backlog().await?;
    let health = station
        .health
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
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
        notice: station.notice.clone(),
        online: health.online,
        devices: health.devices,
    })
}

/// A product's picture for the order lines, as a `data:` URI (none when there is no picture).
#[tauri::command]
#[instrument(skip(images), err(level = "warn"))]
pub async fn sku_image(
    req: packbench_ipc::SkuImageRequest,
    images: State<'_, Arc<SkuImages>>,
) -> Result<packbench_ipc::SkuImageResponse, IpcError> {
    let image = images.data_uri(&req.sku).await;
    Ok(packbench_ipc::SkuImageResponse {
        sku: req.sku,
        image,
    })
}
