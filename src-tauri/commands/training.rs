//! Training mode's command: the touch targets for the current step (none on a real backend).

use std::sync::Arc;

use packbench_ipc::i18n::Lang;
use packbench_ipc::training::{TrainingHintsRequest, TrainingHintsResponse};
use packbench_ipc::IpcError;
use tauri::State;
use tracing::instrument;

use crate::services::training_hints::TrainingHintsService;

#[tauri::command]
#[instrument(skip_all, err(level = "warn"))]
pub async fn training_hints(
    req: TrainingHintsRequest,
    hints: State<'_, Arc<TrainingHintsService>>,
) -> Result<TrainingHintsResponse, IpcError> {
    Ok(hints.for_screen(Lang::from_tag(&req.lang)).await)
}
