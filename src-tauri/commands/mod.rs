//! Tauri IPC commands: each reads one request, calls one service, maps the result. Errors cross
//! as `packbench_ipc::IpcError` (`{code, message}`).

pub mod training;

use std::sync::Arc;

use packbench_core::pack_flow::PackEvent;
use packbench_ipc::{
    BacklogView, FlowResponse, GetFlowRequest, GetStationRequest, GetStationResponse, IpcError,
    PackAction, PackActionRequest, PackScanRequest,
};
use tauri::{Manager, State};

/// In kiosk mode the window refuses to close until a supervisor unlocks it.
#[derive(Default)]
pub struct KioskLock(std::sync::atomic::AtomicBool);

impl KioskLock {
    pub fn unlock(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn unlocked(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
use tracing::instrument;

use crate::contract::SignInRequest;
use crate::services::pack::PackService;
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

#[tauri::command]
#[instrument(skip(pack), fields(station, packer), err(level = "warn"))]
pub async fn pack_scan(
    req: PackScanRequest,
    pack: State<'_, Arc<PackService>>,
) -> Result<FlowResponse, IpcError> {
    pack.record_span_fields().await;
    pack.scan(&req.scan).await?;
    Ok(pack.screen().await)
}

#[tauri::command]
// `req` is not recorded as it is: a sign-in carries a PIN, an override a supervisor's badge.
#[instrument(skip_all, fields(station, packer, action = action_name(&req.action)), err(level = "warn"))]
pub async fn pack_action<R: tauri::Runtime>(
    req: PackActionRequest,
    pack: State<'_, Arc<PackService>>,
    app: tauri::AppHandle<R>,
) -> Result<FlowResponse, IpcError> {
    pack.record_span_fields().await;
    let ev = match req.action {
        PackAction::CloseApp { supervisor_badge } => {
            let who = pack.verify_supervisor(&supervisor_badge).await?;
            tracing::info!(supervisor = %who.packer_id, "app closed by a supervisor");
            app.state::<KioskLock>().unlock();
            app.exit(0);
            return Ok(pack.screen().await);
        }
        PackAction::SignInPin { packer_id, pin } => {
            pack.sign_in(SignInRequest::Pin { packer_id, pin }).await?;
            return Ok(pack.screen().await);
        }
        PackAction::Reprint { order_id } => {
            pack.reprint(&order_id).await?;
            return Ok(pack.screen().await);
        }
        PackAction::ChoosePackaging {
            packaging_id,
            reason,
        } => {
            pack.choose_packaging(&packaging_id, reason).await?;
            return Ok(pack.screen().await);
        }
        PackAction::Weigh => {
            pack.weigh().await?;
            return Ok(pack.screen().await);
        }
        PackAction::OverrideWeight {
            supervisor_badge,
            reason,
        } => {
            pack.override_weight(&supervisor_badge, &reason).await?;
            return Ok(pack.screen().await);
        }
        PackAction::AskSupervisor => {
            let remote = app.state::<Arc<crate::services::remote_override::RemoteOverride>>();
            remote.ask().await?;
            return Ok(pack.screen().await);
        }
        PackAction::SignOut => PackEvent::SignedOut,
        PackAction::TakeSuggestedSlot => PackEvent::TakeSuggestedSlot,
        PackAction::LeaveSlot => PackEvent::LeaveSlot,
        PackAction::CancelCapture => PackEvent::CancelCapture,
        PackAction::RemoveUnit { line_no } => PackEvent::RemoveUnit { line_no },
        PackAction::CloseParcel => PackEvent::CloseParcel,
        PackAction::ReopenParcel => PackEvent::ReopenParcel,
        PackAction::ReportException {
            line_no,
            reason,
            units,
        } => PackEvent::ReportException {
            line_no,
            reason,
            units,
            found_barcode: None,
        },
        PackAction::OrderToException { reason } => PackEvent::OrderToException { reason },
    };
    pack.handle(ev).await?;
    Ok(pack.screen().await)
}

#[tauri::command]
#[instrument(skip(pack), fields(station, packer), err(level = "warn"))]
pub async fn get_flow(
    req: GetFlowRequest,
    pack: State<'_, Arc<PackService>>,
) -> Result<FlowResponse, IpcError> {
    pack.record_span_fields().await;
    let _ = req;
    Ok(pack.screen().await)
}

/// The action's wire name (`sign_in_pin`, `close_parcel`...), without its values.
fn action_name(action: &PackAction) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v["action"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[tauri::command]
#[instrument(skip(pack), err(level = "warn"))]
pub async fn label_preview(
    req: packbench_ipc::LabelPreviewRequest,
    pack: State<'_, Arc<PackService>>,
) -> Result<packbench_ipc::LabelPreviewResponse, IpcError> {
    use base64::Engine as _;
    let images = pack
        .label_preview(&req.order_id)
        .await?
        .into_iter()
        .map(|png| {
            format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(png)
            )
        })
        .collect();
    Ok(packbench_ipc::LabelPreviewResponse {
        order_id: req.order_id,
        images,
    })
}

/// A product's picture for the order lines, as a `data:` URI (none when there is no picture).
#[tauri::command]
#[instrument(skip(images), err(level = "warn"))]
pub async fn sku_image(
    req: packbench_ipc::SkuImageRequest,
    images: State<'_, Arc<crate::services::sku_images::SkuImages>>,
) -> Result<packbench_ipc::SkuImageResponse, IpcError> {
    let image = images.data_uri(&req.sku).await;
    Ok(packbench_ipc::SkuImageResponse {
        sku: req.sku,
        image,
    })
}

/// The supervisor's desk: stations, alerts and weight requests (polled).
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_overview(
    req: packbench_ipc::desk::DeskOverviewRequest,
    desk: State<'_, Arc<crate::services::desk::DeskService>>,
) -> Result<packbench_ipc::desk::DeskOverviewResponse, IpcError> {
    let _ = req;
    desk.overview().await
}

/// The desk's productivity charts' figures.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_productivity(
    req: packbench_ipc::desk::DeskProductivityRequest,
    desk: State<'_, Arc<crate::services::desk::DeskService>>,
) -> Result<packbench_ipc::desk::DeskProductivityResponse, IpcError> {
    desk.productivity(req.period).await
}

/// Exceptions and overrides, filtered.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_records(
    req: packbench_ipc::desk::DeskRecordsRequest,
    desk: State<'_, Arc<crate::services::desk::DeskService>>,
) -> Result<packbench_ipc::desk::DeskRecordsResponse, IpcError> {
    desk.records(&req.filter).await
}

/// Exceptions and overrides, filtered, written as CSV.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_export(
    req: packbench_ipc::desk::DeskExportRequest,
    desk: State<'_, Arc<crate::services::desk::DeskService>>,
) -> Result<packbench_ipc::desk::DeskExportResponse, IpcError> {
    desk.export(&req.filter, req.path.as_deref()).await
}

/// A supervisor's action from the desk.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_action(
    req: packbench_ipc::desk::DeskActionRequest,
    desk: State<'_, Arc<crate::services::desk::DeskService>>,
) -> Result<packbench_ipc::desk::DeskActionResponse, IpcError> {
    Ok(packbench_ipc::desk::DeskActionResponse {
        message: desk.act(req.action).await?,
    })
}
