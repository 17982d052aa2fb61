//! The packer's commands: scans, actions and the flow's screen, and the printed label's preview.

use std::sync::Arc;

use packbench_ipc::{
    FlowResponse, GetFlowRequest, IpcError, PackAction, PackActionRequest, PackScanRequest,
};
use tauri::{Manager, State};
use tracing::instrument;

use crate::app::KioskLock;
use crate::services::pack::{self, ActionOutcome, PackService};
use crate::services::remote_override::RemoteOverride;

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
    remote: State<'_, Arc<RemoteOverride>>,
    app: tauri::AppHandle<R>,
) -> Result<FlowResponse, IpcError> {
    pack.record_span_fields().await;
    if pack::act(&pack, &remote, req.action).await? == ActionOutcome::CloseApp {
        app.state::<KioskLock>().unlock();
        app.exit(0);
    }
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
