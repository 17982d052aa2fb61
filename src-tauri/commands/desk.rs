//! The supervisor's desk commands.

use std::sync::Arc;

use packbench_ipc::desk::{
    DeskActionRequest, DeskActionResponse, DeskExportRequest, DeskExportResponse,
    DeskOverviewRequest, DeskOverviewResponse, DeskProductivityRequest, DeskProductivityResponse,
    DeskRecordsRequest, DeskRecordsResponse, DeskRolloutRequest, DeskRolloutResponse,
};
use packbench_ipc::desk_words::done_text;
use packbench_ipc::i18n::Lang;
use packbench_ipc::IpcError;
use tauri::State;
use tracing::instrument;

use crate::services::desk::DeskService;

/// The supervisor's desk: stations, alerts and weight requests (polled).
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_overview(
    req: DeskOverviewRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskOverviewResponse, IpcError> {
    let _ = req;
    Ok(desk.overview().await?)
}

/// The desk's productivity charts' figures.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_productivity(
    req: DeskProductivityRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskProductivityResponse, IpcError> {
    Ok(desk.productivity(req.period).await?)
}

/// Exceptions and overrides, filtered.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_records(
    req: DeskRecordsRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskRecordsResponse, IpcError> {
    Ok(desk.records(&req.filter).await?)
}

/// Exceptions and overrides, filtered, written as CSV.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_export(
    req: DeskExportRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskExportResponse, IpcError> {
    Ok(desk.export(&req.filter, req.path.as_deref()).await?)
}

/// A supervisor's action from the desk.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_action(
    req: DeskActionRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskActionResponse, IpcError> {
    let done = desk.act(req.action).await?;
    Ok(DeskActionResponse {
        message: done_text(&Lang::En.words(), &done),
        done,
    })
}

/// The fleet's roll-out, ring by ring.
#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn desk_rollout(
    req: DeskRolloutRequest,
    desk: State<'_, Arc<DeskService>>,
) -> Result<DeskRolloutResponse, IpcError> {
    let _ = req;
    Ok(desk.rollout().await?)
}
