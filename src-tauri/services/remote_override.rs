//! A weight override asked of a supervisor at the desk instead of at the station: when the
//! weight gate refuses a parcel, the packer asks (button or `PB-ASK-SUPV`); the station
//! posts a request to the backend under an idempotency key and polls it. When a supervisor
//! approves, the station records the same override a badge scan would
//! ([`PackService::override_weight_by`], under the approving supervisor's id and reason); a
//! decline is shown to the packer. The request lives in memory: after a restart, or once the
//! packer weighed again and the flow moved on, it is dropped (the packer asks again if needed).

use std::sync::Arc;
use std::time::Duration;

use tracing::{debug, info};

use super::pack::{PackService, WeightInQuestion};
use crate::contract::{NewWeightOverrideRequest, WeightRequestStatus};
use crate::error::StationError;
use crate::ports::SupervisorApi;
use packbench_core::pack_flow::FlowError;

/// The request this station waits on, and the parcel it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Asked {
    request_id: String,
    order_id: String,
    parcel_no: u32,
}

pub struct RemoteOverride {
    backend: Arc<dyn SupervisorApi>,
    pack: Arc<PackService>,
    asked: tokio::sync::Mutex<Option<Asked>>,
}

impl RemoteOverride {
    pub fn new(backend: Arc<dyn SupervisorApi>, pack: Arc<PackService>) -> Self {
        RemoteOverride {
            backend,
            pack,
            asked: Default::default(),
        }
    }

    /// Asks the desk about the parcel the gate just refused; asking again for the same parcel
    /// returns the same request. Returns its id.
    pub async fn ask(&self) -> Result<String, StationError> {
        let WeightInQuestion {
            order_id,
            parcel_no,
            expected_g,
            measured_g,
            packer_id,
        } = self.pack.weight_in_question().await.ok_or_else(|| {
            StationError::Flow(FlowError::NotNow(
                "No refused weight to ask about: weigh the parcel first.".into(),
            ))
        })?;
        let mut asked = self.asked.lock().await;
        if let Some(a) = asked
            .as_ref()
            .filter(|a| a.order_id == order_id && a.parcel_no == parcel_no)
        {
            return Ok(a.request_id.clone());
        }
        let key = uuid::Uuid::now_v7().to_string();
        let r = self
            .backend
            .request_weight_override(
                &key,
                &NewWeightOverrideRequest {
                    order_id: order_id.clone(),
                    parcel_no,
                    expected_g: expected_g.max(1),
                    measured_g: measured_g.max(1),
                    packer_id,
                },
            )
            .await?;
        info!(request = %r.request_id, order = %order_id, parcel_no, "weight override asked of the desk");
        *asked = Some(Asked {
            request_id: r.request_id.clone(),
            order_id,
            parcel_no,
        });
        Ok(r.request_id)
    }

    /// The request waited on, if any.
    pub async fn pending(&self) -> Option<String> {
        self.asked
            .lock()
            .await
            .as_ref()
            .map(|a| a.request_id.clone())
    }

    /// Looks at the request once: applies an approval, shows a decline, drops a request whose
    /// parcel is no longer waiting at the gate.
    pub async fn poll_once(&self) -> Result<(), StationError> {
        let mut asked = self.asked.lock().await;
        let Some(a) = asked.clone() else {
            return Ok(());
        };
        let still = self
            .pack
            .weight_in_question()
            .await
            .is_some_and(|w| w.order_id == a.order_id && w.parcel_no == a.parcel_no);
        if !still {
            debug!(request = %a.request_id, "the parcel moved on: no longer waiting for the desk");
            *asked = None;
            return Ok(());
        }
        let r = self.backend.weight_request(&a.request_id).await?;
        match r.status {
            WeightRequestStatus::Pending => {}
            WeightRequestStatus::Approved => {
                let supervisor = r.supervisor_id.unwrap_or_default();
                let reason = r.reason.unwrap_or_default();
                self.pack.override_weight_by(&supervisor, &reason).await?;
                info!(request = %a.request_id, %supervisor, "weight override approved at the desk");
                *asked = None;
            }
            WeightRequestStatus::Declined => {
                self.pack.note_refusal(packbench_ipc::IpcError::refused(
                    "override_declined",
                    format!(
                        "{} declined the weight override: {}. Weigh again, or send the order to exception.",
                        r.supervisor_id.unwrap_or_default(),
                        r.reason.unwrap_or_default()
                    ),
                ));
                *asked = None;
            }
        }
        Ok(())
    }

    /// Polls the request waited on every `every`, for the station's life.
    pub async fn run(self: Arc<Self>, every: Duration) {
        loop {
            if let Err(e) = self.poll_once().await {
                debug!(error = %e, "weight override request not checked");
            }
            tokio::time::sleep(every).await;
        }
    }
}
