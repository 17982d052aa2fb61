//! The packer's buttons: each action becomes a call of the pack flow's use cases or one pack
//! event, so the command that receives it stays a few lines.

use std::sync::Arc;

use packbench_core::pack_flow::PackEvent;
use packbench_ipc::PackAction;

use super::PackService;
use crate::contract::SignInRequest;
use crate::error::StationError;
use crate::services::remote_override::RemoteOverride;

/// What the shell must do after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionOutcome {
    /// The screen shows the flow's new state.
    Done,
    /// A supervisor closed the app: the shell unlocks the kiosk and exits.
    CloseApp,
}

/// Carries out one of the packer's actions.
pub async fn act(
    pack: &PackService,
    remote: &Arc<RemoteOverride>,
    action: PackAction,
) -> Result<ActionOutcome, StationError> {
    let ev = match action {
        PackAction::CloseApp { supervisor_badge } => {
            let who = pack.verify_supervisor(&supervisor_badge).await?;
            tracing::info!(supervisor = %who.packer_id, "app closed by a supervisor");
            return Ok(ActionOutcome::CloseApp);
        }
        PackAction::SignInPin { packer_id, pin } => {
            pack.sign_in(SignInRequest::Pin { packer_id, pin }).await?;
            return Ok(ActionOutcome::Done);
        }
        PackAction::Reprint { order_id } => {
            pack.reprint(&order_id).await?;
            return Ok(ActionOutcome::Done);
        }
        PackAction::ChoosePackaging {
            packaging_id,
            reason,
        } => {
            pack.choose_packaging(&packaging_id, reason).await?;
            return Ok(ActionOutcome::Done);
        }
        PackAction::Weigh => {
            pack.weigh().await?;
            return Ok(ActionOutcome::Done);
        }
        PackAction::OverrideWeight {
            supervisor_badge,
            reason,
        } => {
            pack.override_weight(&supervisor_badge, &reason).await?;
            return Ok(ActionOutcome::Done);
        }
        PackAction::AskSupervisor => {
            remote.ask().await?;
            return Ok(ActionOutcome::Done);
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
    Ok(ActionOutcome::Done)
}
