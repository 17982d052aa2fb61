//! The pack flow at a station, crash-safe. Every scan, button and device reading becomes a
//! [`PackEvent`] applied by the pure state machine of [`packbench_core::pack_flow`]; the next
//! state and the backend writes it causes are committed in one transaction
//! ([`FlowStore::commit_step`]) before anyone is told the step is done, so a crash at any point
//! resumes at the last committed step with its writes queued exactly once.
//!
//! Only two calls are made inline, because the packer waits for their answer: sign-in and the
//! trolley claim. Every other backend write (movements, exceptions, overrides, shipments, voids,
//! releases) goes through the outbox, delivered in order per trolley under its idempotency key.
//! An order's label prints when the outbox has delivered its shipment: the background task
//! ([`PackService::run`]) records the print job before sending it (so a retried job never prints
//! twice) and then tells the flow `LabelPrinted`. When the backend cannot create the shipment in
//! time, the order is held as "label pending", the packer goes on, and the label prints by
//! itself when the backend is back.

mod buttons;
mod labels;
mod packaging;
mod scan;
mod screen;
mod sign_in;
mod slip;
mod weigh;
mod writes;

pub use buttons::{act, ActionOutcome};
use labels::SLIP_SUFFIX;
pub use labels::{label_documents, label_fits, LabelDocuments};
pub use weigh::WeightInQuestion;
use weigh::{packaged_parcel, ParcelRef};
pub use writes::writes_for;

use std::sync::Arc;
use std::time::Duration;

use packbench_core::pack_flow::{self, apply, Effect, FlowView, PackEvent, PackState, Step};
use packbench_core::weight_gate::{Tolerances, WeightCheck};
use packbench_core::TrolleyCode;
use serde::Serialize;
use tokio::sync::{watch, Mutex, Notify, RwLock};
use tracing::{info, instrument, warn};

use super::Station;
use crate::clock::now_ms;
use crate::contract::{self, CatalogueEntry, LabelFormat};
use crate::error::StationError;
use crate::ports::{BackendError, FlowStore, LabelRenderer, Printer, SavedStep, Scale, StoreError};

/// How the station runs the flow.
#[derive(Clone, Debug)]
pub struct PackOptions {
    /// Where units of orders in exception go (the station's exception tote or shelf).
    pub exception_location: String,
    /// How long an order waits at "label requested" before it is held as label pending.
    pub label_wait: Duration,
    /// The label format asked of the backend for the label printer.
    pub label_format: LabelFormat,
    /// The labels loaded in the label printer (`[printers] label_media`).
    pub label_media: packbench_labels::Media,
    /// How far a parcel may weigh from what should be in it, per client.
    pub tolerances: Tolerances,
    /// How long the weighing step waits for a parcel on the scale.
    pub weigh_timeout: Duration,
    /// The station's language (`language` in the config): packing slips of orders whose
    /// language the station does not speak are printed in it.
    pub language: packbench_ipc::i18n::Lang,
}

impl Default for PackOptions {
    fn default() -> Self {
        PackOptions {
            exception_location: "EXC".into(),
            label_wait: Duration::from_secs(4),
            label_format: LabelFormat::Zpl203,
            label_media: packbench_labels::Media::default(),
            tolerances: Tolerances::default(),
            weigh_timeout: Duration::from_secs(20),
            language: packbench_ipc::i18n::Lang::En,
        }
    }
}

pub struct PackService {
    station: Station,
    store: Arc<dyn FlowStore>,
    printer: Arc<dyn Printer>,
    /// The document printer for packing slips, when the station has one.
    documents: Option<Arc<dyn Printer>>,
    scale: Arc<dyn Scale>,
    /// Draws printed labels for the screen.
    renderer: Arc<dyn LabelRenderer>,
    opts: PackOptions,
    state: Mutex<PackState>,
    /// The packaging catalogue, fetched from the backend when first needed.
    catalogue: RwLock<Vec<CatalogueEntry>>,
    /// The last weight check's sentence, for the screen.
    last_weight: std::sync::Mutex<Option<(ParcelRef, WeightCheck)>>,
    /// The order whose label printed last (the screen's preview).
    last_labelled: std::sync::Mutex<Option<String>>,
    /// The order the action sheet's "reprint" is for: the last whose first label was sent to
    /// the printer, printed or not (the packer reloads labels, then scans reprint).
    reprint_order: std::sync::Mutex<Option<String>>,
    /// A box other than the suggested one, scanned at the packaging step, waiting for the
    /// packer's reason.
    other_box: std::sync::Mutex<Option<String>>,
    /// The last refusal of a scan that did not come through the screen (a serial scanner),
    /// numbered so the screen shows each once.
    refusal: std::sync::Mutex<Option<(u64, packbench_ipc::IpcError)>>,
    /// Bumped after every committed step, for waiters (label pending, the UI).
    changed: watch::Sender<u64>,
    /// Wakes the background task: the outbox delivered something.
    delivered: Arc<Notify>,
    /// The signed-in supervisor's sign-in with its session token, for the supervisor's desk:
    /// in memory only (never saved, logged or shown); none for a packer.
    supervisor_session: std::sync::Mutex<Option<contract::SignedIn>>,
    /// Held while a claim is asked: the packer's scan and the background catch-up may both
    /// ask for the same unanswered claim, and only one answer may become the flow's event.
    claiming: Mutex<()>,
}

/// A label job found half-sent after a crash: the packer is told to check it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UncertainLabel {
    pub order_id: String,
    pub trolley: String,
}

impl PackService {
    /// Loads the saved flow (or starts a signed-out one), settles print jobs a crash left
    /// half-sent, and catches up with what the outbox delivered meanwhile.
    pub async fn open(
        station: Station,
        store: Arc<dyn FlowStore>,
        printer: Arc<dyn Printer>,
        documents: Option<Arc<dyn Printer>>,
        scale: Arc<dyn Scale>,
        renderer: Arc<dyn LabelRenderer>,
        opts: PackOptions,
    ) -> Result<Arc<Self>, StationError> {
        let delivered = station.outbox_delivered.clone();
        let state = match store.load_pack_state().await? {
            Some(SavedStep { state: s, .. }) => {
                if s.station.station_id != station.station_id {
                    return Err(StoreError::Corrupt(format!(
                        "this station's database belongs to station {}, not {}; call IT",
                        s.station.station_id, station.station_id
                    ))
                    .into());
                }
                s
            }
            None => PackState::new(pack_flow::Station {
                station_id: station.station_id.clone(),
                exception_location: opts.exception_location.clone(),
            }),
        };
        let uncertain = store.settle_interrupted_prints(now_ms()).await?;
        for u in &uncertain {
            warn!(order = %u.order_id, trolley = %u.trolley, "a label was being sent when the station stopped: it may not have printed");
        }
        let svc = Arc::new(PackService {
            station,
            store,
            printer,
            documents,
            scale,
            renderer,
            opts,
            state: Mutex::new(state),
            catalogue: RwLock::new(Vec::new()),
            last_weight: std::sync::Mutex::new(None),
            refusal: std::sync::Mutex::new(None),
            other_box: std::sync::Mutex::new(None),
            last_labelled: std::sync::Mutex::new(None),
            reprint_order: std::sync::Mutex::new(None),
            changed: watch::channel(0).0,
            delivered,
            supervisor_session: std::sync::Mutex::new(None),
            claiming: Mutex::new(()),
        });
        svc.catch_up().await?;
        Ok(svc)
    }

    /// Picks up where a restart left the flow: asks again for an unanswered claim, and waits
    /// again for the label of an order whose shipment was requested.
    pub async fn resume(&self) -> Result<(), StationError> {
        let (step, order) = {
            let st = self.state.lock().await;
            (
                st.step.clone(),
                st.current_order().map(|s| s.order.order_id.clone()),
            )
        };
        match (step, order) {
            (Step::ClaimingTrolley { trolley }, _) => self.claim(trolley).await,
            (Step::AwaitingLabel, Some(order_id)) => self.await_label(&order_id).await,
            _ => Ok(()),
        }
    }

    /// Waits until the flow changes (a step committed) or `timeout` passes.
    pub async fn wait_changed(&self, timeout: Duration) {
        let mut rx = self.changed.subscribe();
        let _ = tokio::time::timeout(timeout, rx.changed()).await;
    }

    /// Records `station` and `packer` (when one is signed in) on the current span, so traces
    /// of IPC commands say who packed where.
    pub async fn record_span_fields(&self) {
        let span = tracing::Span::current();
        span.record("station", self.station.station_id.as_str());
        if let Some(p) = &self.state.lock().await.packer {
            span.record("packer", p.packer_id.as_str());
        }
    }

    pub async fn state(&self) -> PackState {
        self.state.lock().await.clone()
    }

    pub async fn view(&self) -> FlowView {
        self.state.lock().await.view()
    }

    /// Applies one event and carries out what it asks for.
    #[instrument(skip(self, ev), fields(station = %self.station.station_id))]
    pub async fn handle(&self, ev: PackEvent) -> Result<FlowView, StationError> {
        if matches!(ev, PackEvent::SignedOut) {
            // The supervisor's session goes with them.
            *self
                .supervisor_session
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = None;
        }
        let fx = self.step(ev).await?;
        self.carry_out(fx).await?;
        Ok(self.view().await)
    }

    /// Applies one event and commits the state with its writes; the caller carries out the
    /// inline effects.
    pub(super) async fn step(&self, ev: PackEvent) -> Result<Vec<Effect>, StationError> {
        let mut st = self.state.lock().await;
        let (next, fx) = apply(&st, ev)?;
        let writes = writes_for(&st, next.revision, &fx, self.opts.label_format)?;
        self.store
            .commit_step(next.revision, &next, &writes, now_ms())
            .await?;
        *st = next;
        drop(st);
        self.changed.send_modify(|r| *r += 1);
        if !writes.is_empty() {
            self.station.outbox_wake.notify_one();
        }
        Ok(fx)
    }

    pub(super) async fn carry_out(&self, fx: Vec<Effect>) -> Result<(), StationError> {
        for e in fx {
            match e {
                Effect::ClaimTrolley { trolley } => self.claim(trolley).await?,
                Effect::CreateShipment(req) => self.await_label(&req.order_id).await?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Asks the backend for the trolley; the answer (manifest or refusal) is a flow event.
    ///
    /// One claim at a time: a claim that another caller answered while this one waited for
    /// its turn is done (the flow is no longer claiming that trolley), not a refusal.
    pub(super) async fn claim(&self, trolley: TrolleyCode) -> Result<(), StationError> {
        let _turn = self.claiming.lock().await;
        if !matches!(&self.state.lock().await.step, Step::ClaimingTrolley { trolley: t } if *t == trolley)
        {
            return Ok(());
        }
        match self.station.backend.claim_trolley(&trolley).await {
            Ok(manifest) => {
                self.station.store.save_claim(&manifest).await?;
                info!(trolley = %trolley, slots = manifest.slots.len(), "trolley claimed");
                self.step(PackEvent::TrolleyClaimed { manifest }).await?;
                Ok(())
            }
            Err(BackendError::TrolleyClaimed { trolley: t, holder }) => {
                self.step(PackEvent::ClaimRefused {
                    trolley: trolley.clone(),
                    holder: holder.clone(),
                })
                .await?;
                Err(BackendError::TrolleyClaimed { trolley: t, holder }.into())
            }
            Err(e @ (BackendError::TrolleyUnknown(_) | BackendError::Rejected { .. })) => {
                self.step(PackEvent::ClaimCancelled).await?;
                Err(e.into())
            }
            // Unreachable or unreadable: the step stays "claiming"; scanning the trolley again
            // asks again, and a restart asks again by itself.
            Err(e) => Err(e.into()),
        }
    }

    /// Runs for the station's life: prints labels of delivered shipments and confirms releases,
    /// whenever the outbox delivers something (and every `poll` in any case).
    pub async fn run(self: Arc<Self>, poll: Duration) {
        loop {
            if let Err(e) = self.catch_up().await {
                warn!(error = %e, "pack flow catch-up failed; retrying");
            }
            let _ = tokio::time::timeout(poll, self.delivered.notified()).await;
        }
    }
}
