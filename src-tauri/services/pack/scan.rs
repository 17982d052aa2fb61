//! Scans at the station: a raw scan becomes a pack-flow event (or an action code), and a
//! refusal that did not come through the screen is kept for it.

use packbench_core::pack_flow::{self, FlowError, FlowView, PackEvent, Step};
use packbench_ipc::actions;
use tracing::instrument;

use crate::contract::SignInRequest;
use crate::error::StationError;

use super::*;

impl PackService {
    /// A scan from the packer's scanner, whatever the step: a badge when nobody is signed in,
    /// the trolley again while its claim is unanswered (asks again), else a flow scan.
    #[instrument(skip(self), fields(station = %self.station.station_id))]
    pub async fn scan(&self, raw: &str) -> Result<FlowView, StationError> {
        let answer = self.handle_scan(raw).await;
        // Counted for the roll-out's health check: a release that refuses more scans per unit
        // than the one before is held.
        if matches!(
            answer,
            Err(StationError::InvalidScan(_) | StationError::Flow(_))
        ) {
            self.station.run.scan_refused();
        }
        answer
    }

    async fn handle_scan(&self, raw: &str) -> Result<FlowView, StationError> {
        if actions::is_action(raw) {
            return self.action_scan(raw.trim()).await;
        }
        let step = self.state.lock().await.step.clone();
        match step {
            Step::SignIn => {
                self.sign_in(SignInRequest::Badge {
                    badge: raw.trim().to_owned(),
                })
                .await
            }
            Step::ClaimingTrolley { trolley } => {
                self.claim(trolley).await?;
                Ok(self.view().await)
            }
            Step::ChoosePackaging => {
                let code = raw.trim();
                let cat = self.catalogue().await;
                let Some(entry) = cat.iter().find(|c| c.barcode == code || c.spec.id == code)
                else {
                    return Err(StationError::InvalidScan(format!(
                        "\"{code}\" is not a box, mailer or bag of this station. Scan the packaging's barcode."
                    )));
                };
                let id = entry.spec.id.clone();
                let r = self.choose_packaging(&id, None).await;
                if let Err(StationError::Flow(FlowError::PackagingReasonRequired { .. })) = &r {
                    // The screen offers reasons for this box; the packer picks one.
                    *self.other_box.lock().unwrap_or_else(|p| p.into_inner()) = Some(id);
                }
                r
            }
            _ => {
                self.handle(PackEvent::Scanned {
                    raw: raw.to_owned(),
                })
                .await
            }
        }
    }

    /// Keeps a refusal for the screen (scans from devices other than the screen's own).
    pub fn note_refusal(&self, e: packbench_ipc::IpcError) {
        let mut r = self.refusal.lock().unwrap_or_else(|p| p.into_inner());
        let n = r.as_ref().map_or(1, |(n, _)| n + 1);
        *r = Some((n, e));
    }

    /// An action code from the action sheet.
    pub(super) async fn action_scan(&self, code: &str) -> Result<FlowView, StationError> {
        let line_event = |reason| async move {
            let st = self.state().await;
            let line = st
                .current()
                .and_then(|p| p.lines.iter().find(|l| l.remaining() > 0))
                .map(|l| l.line_no)
                .ok_or_else(|| {
                    StationError::Flow(FlowError::NotNow(
                        "No unit is left to report: short and damaged apply to units not yet scanned."
                            .into(),
                    ))
                })?;
            Ok::<_, StationError>(PackEvent::ReportException {
                line_no: line,
                reason,
                units: 1,
                found_barcode: None,
            })
        };
        let ev = match code {
            actions::CLOSE_PARCEL => PackEvent::CloseParcel,
            actions::TAKE_SLOT => PackEvent::TakeSuggestedSlot,
            actions::SIGN_OUT => PackEvent::SignedOut,
            actions::REOPEN => PackEvent::ReopenParcel,
            actions::CANCEL_UNIT => PackEvent::CancelCapture,
            actions::LEAVE_SLOT => PackEvent::LeaveSlot,
            actions::SHORT => line_event(pack_flow::ExceptionReason::Short).await?,
            actions::DAMAGED => line_event(pack_flow::ExceptionReason::Damaged).await?,
            actions::REPRINT => {
                let order = self
                    .reprint_order
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone()
                    .ok_or_else(|| {
                        StationError::InvalidScan(
                            "No label printed yet: nothing to reprint.".into(),
                        )
                    })?;
                self.reprint(&order).await?;
                return Ok(self.view().await);
            }
            other => {
                return Err(StationError::InvalidScan(format!(
                "\"{other}\" is an action this scanner cannot do here: use the screen's scanner."
            )))
            }
        };
        self.handle(ev).await
    }
}
