//! A weight override asked of a supervisor at the desk instead of at the station: when the
//! weight gate refuses a parcel, the packer asks (button or `PB-ASK-SUPV`); the station
//! posts a request to the backend under an idempotency key and polls it. When a supervisor
//! approves, the station records the same override a badge scan would
//! ([`PackService::override_weight_by`], under the approving supervisor's id and reason); a
//! decline is shown to the packer. The request waited on is kept in the station's database, so
//! a restart goes on waiting for the answer; once the packer weighed again and the flow moved
//! on, it is dropped (the packer asks again if needed).

use std::sync::Arc;
use std::time::Duration;

use tracing::{debug, info, warn};

use super::pack::{PackService, WeightInQuestion};
use crate::contract::{NewWeightOverrideRequest, WeightRequestStatus};
use crate::error::StationError;
use crate::ports::{DeskRequest, FlowStore, SupervisorApi};
use packbench_core::pack_flow::FlowError;

/// The request this station waits on, and the parcel it is about.
type Asked = DeskRequest;

pub struct RemoteOverride {
    backend: Arc<dyn SupervisorApi>,
    pack: Arc<PackService>,
    store: Arc<dyn FlowStore>,
    asked: tokio::sync::Mutex<Option<Asked>>,
}

impl RemoteOverride {
    /// Picks up the request the station was waiting on when it stopped, if any.
    pub async fn new(
        backend: Arc<dyn SupervisorApi>,
        pack: Arc<PackService>,
        store: Arc<dyn FlowStore>,
    ) -> Self {
        let asked = match store.load_desk_request().await {
            Ok(a) => a,
            Err(e) => {
                warn!(error = %e, "the weight override asked before the restart is not readable; the packer can ask again");
                None
            }
        };
        if let Some(a) = &asked {
            info!(request = %a.request_id, order = %a.order_id, "still waiting for the desk's answer");
        }
        RemoteOverride {
            backend,
            pack,
            store,
            asked: tokio::sync::Mutex::new(asked),
        }
    }

    /// Waits on `now` (or on nothing), in memory and in the database. A database that cannot
    /// keep it (a full disk) costs only the wait across a restart: it is logged, not refused.
    async fn keep(&self, asked: &mut Option<Asked>, now: Option<Asked>) {
        if let Err(e) = self.store.save_desk_request(now.as_ref()).await {
            warn!(error = %e, "the weight override waited on is not saved; a restart would forget it");
        }
        *asked = now;
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
        let now = Some(Asked {
            request_id: r.request_id.clone(),
            order_id,
            parcel_no,
        });
        self.keep(&mut asked, now).await;
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
            self.keep(&mut asked, None).await;
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
                self.keep(&mut asked, None).await;
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
                self.keep(&mut asked, None).await;
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
