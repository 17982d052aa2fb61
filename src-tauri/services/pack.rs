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

use std::sync::Arc;
use std::time::Duration;

use packbench_core::carton::{cartonize, CartonOptions, ItemToPack, PackRequest};
use packbench_core::pack_flow::{
    self, apply, Effect, FlowError, FlowView, LabelStatus, PackEvent, PackState, ParcelStatus,
    Role, Step, WeightVerdict,
};
use packbench_core::weight_gate::{self, Tolerances, WeightCheck};
use packbench_core::OrderLine;
use packbench_core::TrolleyCode;
use packbench_devices::printer::PrintJob;
use packbench_ipc::{actions, FlowResponse, PackagingSuggestion};
use serde::Serialize;
use tokio::sync::{watch, Mutex, Notify, RwLock};
use tracing::{info, instrument, warn};

use super::outbox::movement_item;
use super::outbox::QueuedShipment;
use super::Station;
use crate::clock::now_ms;
use crate::contract::{self, CatalogueEntry, LabelFormat, Shipment, SignInRequest};
use crate::error::StationError;
use crate::ports::{
    BackendError, FlowStore, LabelOutput, NewOutboxItem, OutboxKind, PrintRecord, PrintStatus,
    ReleaseTrolley, StoreError, VoidShipment, WeighScale,
};
use base64::Engine as _;
use packbench_devices::printer::ContentType;

/// How the station runs the flow.
#[derive(Clone, Debug)]
pub struct PackOptions {
    /// Where units of orders in exception go (the station's exception tote or shelf).
    pub exception_location: String,
    /// How long an order waits at "label requested" before it is held as label pending.
    pub label_wait: Duration,
    /// The label format asked of the backend for the label printer.
    pub label_format: LabelFormat,
    /// How far a parcel may weigh from what should be in it, per client.
    pub tolerances: Tolerances,
    /// How long the weighing step waits for a parcel on the scale.
    pub weigh_timeout: Duration,
}

impl Default for PackOptions {
    fn default() -> Self {
        PackOptions {
            exception_location: "EXC".into(),
            label_wait: Duration::from_secs(4),
            label_format: LabelFormat::Zpl203,
            tolerances: Tolerances::default(),
            weigh_timeout: Duration::from_secs(20),
        }
    }
}

pub struct PackService {
    station: Station,
    store: Arc<dyn FlowStore>,
    printer: Arc<dyn LabelOutput>,
    /// The document printer for packing slips, when the station has one.
    documents: Option<Arc<dyn LabelOutput>>,
    scale: Arc<dyn WeighScale>,
    opts: PackOptions,
    state: Mutex<PackState>,
    /// The packaging catalogue, fetched from the backend when first needed.
    catalogue: RwLock<Vec<CatalogueEntry>>,
    /// The last weight check's sentence, for the screen.
    last_weight: std::sync::Mutex<Option<(ParcelRef, WeightCheck)>>,
    /// The order whose label printed last (the action sheet's "reprint").
    last_labelled: std::sync::Mutex<Option<String>>,
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
        printer: Arc<dyn LabelOutput>,
        documents: Option<Arc<dyn LabelOutput>>,
        scale: Arc<dyn WeighScale>,
        opts: PackOptions,
    ) -> Result<Arc<Self>, StationError> {
        let delivered = station.outbox_delivered.clone();
        let state = match store.load_pack_state().await? {
            Some((rev, json)) => {
                let s: PackState = serde_json::from_str(&json).map_err(|e| {
                    StoreError(format!(
                        "the saved pack state (step {rev}) cannot be read ({e}); call IT before packing on"
                    ))
                })?;
                if s.station.station_id != station.station_id {
                    return Err(StoreError(format!(
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
            opts,
            state: Mutex::new(state),
            catalogue: RwLock::new(Vec::new()),
            last_weight: std::sync::Mutex::new(None),
            refusal: std::sync::Mutex::new(None),
            other_box: std::sync::Mutex::new(None),
            last_labelled: std::sync::Mutex::new(None),
            changed: watch::channel(0).0,
            delivered,
            supervisor_session: std::sync::Mutex::new(None),
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

    /// A scan from the packer's scanner, whatever the step: a badge when nobody is signed in,
    /// the trolley again while its claim is unanswered (asks again), else a flow scan.
    #[instrument(skip(self), fields(station = %self.station.station_id))]
    pub async fn scan(&self, raw: &str) -> Result<FlowView, StationError> {
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

    /// The scale's name, for the status bar and heartbeats.
    pub fn scale_name(&self) -> String {
        self.scale.describe()
    }

    /// Keeps a refusal for the screen (scans from devices other than the screen's own).
    pub fn note_refusal(&self, e: packbench_ipc::IpcError) {
        let mut r = self.refusal.lock().unwrap_or_else(|p| p.into_inner());
        let n = r.as_ref().map_or(1, |(n, _)| n + 1);
        *r = Some((n, e));
    }

    /// The screen: the flow, the packaging suggestion and the weight figures.
    pub async fn screen(&self) -> FlowResponse {
        let st = self.state().await;
        let expected_weight_g = match st.step {
            Step::Weigh { .. } => self.expected_weight(&st).await.map(|(g, _)| g),
            _ => None,
        };
        let weight_check = match st.step {
            // Only the parcel now on the scale's own check.
            Step::Weigh { .. } => self
                .last_weight
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
                .filter(|(r, _)| Some(r) == packaged_parcel(&st).as_ref())
                .map(|(_, check)| check),
            _ => None,
        };
        let device_refusal = self
            .refusal
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let other_box = match st.step {
            Step::ChoosePackaging => self
                .other_box
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
            _ => None,
        };
        let last_label_order = self
            .last_labelled
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        FlowResponse {
            view: st.view(),
            suggestion: self.suggestion(&st).await,
            expected_weight_g,
            weight_check,
            device_refusal,
            other_box,
            last_label_order,
        }
    }

    /// The packaging catalogue; fetched once from the backend, kept for offline use.
    pub async fn catalogue(&self) -> Vec<CatalogueEntry> {
        {
            let c = self.catalogue.read().await;
            if !c.is_empty() {
                return c.clone();
            }
        }
        match self.station.backend.packaging_catalogue().await {
            Ok(c) => {
                *self.catalogue.write().await = c.clone();
                c
            }
            Err(e) => {
                warn!(error = %e, "no packaging catalogue: no suggestions until the backend answers");
                Vec::new()
            }
        }
    }

    /// What to box: the parcel being boxed at the packaging step, or the rest of the order
    /// while units are being verified.
    async fn suggestion(&self, st: &PackState) -> Option<PackagingSuggestion> {
        let slot = st.current_order()?;
        let prog = st.current()?;
        let items: Vec<ItemToPack> = match st.step {
            Step::ChoosePackaging => {
                let parcel = prog
                    .parcels
                    .iter()
                    .find(|p| p.status == ParcelStatus::Closed)?;
                items_of(&slot.order.lines, |l| parcel.units_of(l.line_no))
            }
            Step::VerifyUnits => items_of(&slot.order.lines, |l| {
                prog.line(l.line_no)
                    .map_or(0, |p| p.required - p.exception - p.dispatched)
            }),
            _ => return None,
        };
        if items.is_empty() {
            return None;
        }
        let cat = self.catalogue().await;
        let packagings: Vec<_> = cat.iter().map(|c| c.spec.clone()).collect();
        let req = PackRequest {
            client: slot.order.client.clone(),
            items,
        };
        let result = cartonize(&packagings, &req, &CartonOptions::default());
        let first = result.parcels.first()?;
        let entry = cat.iter().find(|c| c.spec.id == first.packaging_id)?;
        Some(PackagingSuggestion {
            packaging_id: entry.spec.id.clone(),
            name: entry.name.clone(),
            barcode: entry.barcode.clone(),
            kind: entry.spec.kind,
            inner_mm: entry.spec.inner_mm,
            explanation: result.explanation,
        })
    }

    /// Boxes the closed parcel in `packaging_id`; a box other than the suggested one needs a
    /// reason (recorded for supervisors).
    pub async fn choose_packaging(
        &self,
        packaging_id: &str,
        reason: Option<String>,
    ) -> Result<FlowView, StationError> {
        let st = self.state().await;
        let suggested = self.suggestion(&st).await.map(|s| s.packaging_id);
        self.handle(PackEvent::PackagingChosen {
            packaging_id: packaging_id.to_owned(),
            suggested_id: suggested,
            override_reason: reason,
        })
        .await
    }

    /// What the parcel on the scale should weigh (units plus tare), and its client.
    async fn expected_weight(&self, st: &PackState) -> Option<(u64, String)> {
        let slot = st.current_order()?;
        let parcel = st
            .current()?
            .parcels
            .iter()
            .find(|p| p.status == ParcelStatus::Packaged)?;
        let packaging = parcel.packaging.as_ref()?;
        let tare = self
            .catalogue()
            .await
            .iter()
            .find(|c| c.spec.id == packaging.packaging_id)
            .map_or(0, |c| c.spec.tare_g);
        let units = slot
            .order
            .lines
            .iter()
            .map(|l| (l.item.weight_g, parcel.units_of(l.line_no)));
        Some((
            weight_gate::expected_weight_g(units, tare),
            slot.order.client.clone(),
        ))
    }

    /// Reads the scale and puts the weight through the gate: accepted, or a mismatch that
    /// blocks the label until the parcel is weighed again or a supervisor overrides.
    pub async fn weigh(&self) -> Result<FlowView, StationError> {
        let st = self.state().await;
        let Some((expected, client)) = self.expected_weight(&st).await else {
            return Err(StationError::Flow(FlowError::NotNow(
                "There is no boxed parcel to weigh.".into(),
            )));
        };
        self.scale
            .place(u32::try_from(expected).unwrap_or(u32::MAX));
        // Waits (bounded) for the parcel to be put on the scale and settle.
        let deadline = tokio::time::Instant::now() + self.opts.weigh_timeout;
        let measured = loop {
            let g = self
                .scale
                .read_stable()
                .await
                .map_err(StationError::Device)?;
            if g > 0 {
                break g;
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(StationError::Device(format!(
                    "Nothing on the scale ({}): put the parcel on the scale and weigh again.",
                    self.scale.describe()
                )));
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        };
        let check = weight_gate::check(
            expected,
            u64::from(measured),
            self.opts.tolerances.for_client(&client),
        );
        *self.last_weight.lock().unwrap_or_else(|p| p.into_inner()) =
            packaged_parcel(&st).map(|r| (r, check.clone()));
        info!(
            expected,
            measured,
            accepted = check.accepted,
            "parcel weighed"
        );
        self.handle(PackEvent::ParcelWeighed {
            measured_g: measured,
            verdict: check.verdict(),
        })
        .await
    }

    /// A supervisor accepts the parcel the gate refused: their badge is checked with the
    /// backend (a packer's badge is refused), and the override is recorded with the reason.
    pub async fn override_weight(
        &self,
        supervisor_badge: &str,
        reason: &str,
    ) -> Result<FlowView, StationError> {
        let st = self.state().await;
        let Step::Weigh {
            last_mismatch_g: Some(_),
        } = st.step
        else {
            return Err(StationError::Flow(FlowError::NotNow(
                "No weight to override: weigh the parcel first.".into(),
            )));
        };
        let who = self.verify_supervisor(supervisor_badge).await?;
        self.override_weight_by(&who.packer_id, reason).await
    }

    /// Accepts the refused parcel on a supervisor's word given elsewhere (the desk approved
    /// the station's request): recorded like a badge override, under that supervisor's id.
    pub async fn override_weight_by(
        &self,
        supervisor_id: &str,
        reason: &str,
    ) -> Result<FlowView, StationError> {
        let st = self.state().await;
        let Step::Weigh {
            last_mismatch_g: Some(measured),
        } = st.step
        else {
            return Err(StationError::Flow(FlowError::NotNow(
                "No weight to override: weigh the parcel first.".into(),
            )));
        };
        let expected = self.expected_weight(&st).await.map_or(0, |(g, _)| g);
        self.handle(PackEvent::ParcelWeighed {
            measured_g: measured,
            verdict: WeightVerdict::OverriddenBySupervisor {
                supervisor_id: supervisor_id.to_owned(),
                reason: reason.to_owned(),
                expected_g: u32::try_from(expected).unwrap_or(u32::MAX),
            },
        })
        .await
    }

    /// The refused parcel a supervisor is asked about remotely: (order, parcel number,
    /// expected g, measured g, packer), or `None` unless the gate refused one just now.
    pub async fn weight_in_question(&self) -> Option<(String, u32, u32, u32, String)> {
        let st = self.state().await;
        let Step::Weigh {
            last_mismatch_g: Some(measured),
        } = st.step
        else {
            return None;
        };
        let expected = self.expected_weight(&st).await?.0;
        let (order_id, parcel_no) = packaged_parcel(&st)?;
        Some((
            order_id,
            parcel_no,
            u32::try_from(expected).unwrap_or(u32::MAX),
            measured,
            st.packer.as_ref()?.packer_id.clone(),
        ))
    }

    /// The signed-in supervisor's sign-in (with its session token), if a supervisor is
    /// signed in through this station since it started.
    pub fn supervisor_session(&self) -> Option<contract::SignedIn> {
        self.supervisor_session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Checks a supervisor's badge with the backend: a packer's badge, or an unknown one, is
    /// refused.
    pub async fn verify_supervisor(&self, badge: &str) -> Result<contract::Packer, StationError> {
        let who = self
            .station
            .backend
            .sign_in(&SignInRequest::Badge {
                badge: badge.trim().to_owned(),
            })
            .await
            .map_err(|e| match e {
                BackendError::Rejected { code, .. } if code == contract::codes::SIGN_IN_FAILED => {
                    StationError::InvalidScan(
                        "This badge is not known: a supervisor must scan their own badge.".into(),
                    )
                }
                other => other.into(),
            })?
            .packer;
        if who.role != contract::Role::Supervisor {
            return Err(StationError::InvalidScan(format!(
                "{} is not a supervisor: a supervisor must scan their own badge.",
                who.name
            )));
        }
        Ok(who)
    }

    /// An action code from the action sheet.
    async fn action_scan(&self, code: &str) -> Result<FlowView, StationError> {
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
                    .last_labelled
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

    /// Signs a packer in with the backend, then into the flow.
    pub async fn sign_in(&self, req: SignInRequest) -> Result<FlowView, StationError> {
        let signed = self
            .station
            .backend
            .sign_in(&req)
            .await
            .map_err(|e| match e {
                BackendError::Rejected { code, .. } if code == contract::codes::SIGN_IN_FAILED => {
                    StationError::InvalidScan(match &req {
                        SignInRequest::Badge { .. } => {
                            "This badge is not known. Scan your own badge, or ask a supervisor."
                                .into()
                        }
                        SignInRequest::Pin { .. } => "Wrong id or PIN. Try again.".into(),
                    })
                }
                other => other.into(),
            })?;
        let p = signed.packer.clone();
        let packer = pack_flow::Packer {
            language: p.language,
            packer_id: p.packer_id,
            role: match p.role {
                contract::Role::Packer => Role::Packer,
                contract::Role::Supervisor => Role::Supervisor,
            },
        };
        let supervisor = packer.role == Role::Supervisor;
        let view = self.handle(PackEvent::SignedIn { packer }).await?;
        *self
            .supervisor_session
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = supervisor.then_some(signed);
        Ok(view)
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
    async fn step(&self, ev: PackEvent) -> Result<Vec<Effect>, StationError> {
        let mut st = self.state.lock().await;
        let (next, fx) = apply(&st, ev)?;
        let writes = writes_for(&st, next.revision, &fx, self.opts.label_format)?;
        let json = serde_json::to_string(&next)
            .map_err(|e| StoreError(format!("pack state not serialisable: {e}")))?;
        self.store
            .commit_step(next.revision, &json, &writes, now_ms())
            .await?;
        *st = next;
        drop(st);
        self.changed.send_modify(|r| *r += 1);
        if !writes.is_empty() {
            self.station.outbox_wake.notify_one();
        }
        Ok(fx)
    }

    async fn carry_out(&self, fx: Vec<Effect>) -> Result<(), StationError> {
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
    async fn claim(&self, trolley: TrolleyCode) -> Result<(), StationError> {
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

    /// Waits for the order's label; past `label_wait` the order is held as label pending.
    async fn await_label(&self, order_id: &str) -> Result<(), StationError> {
        let mut rx = self.changed.subscribe();
        let waiting = |s: &PackState| awaiting_label(s, order_id);
        let deadline = tokio::time::Instant::now() + self.opts.label_wait;
        self.delivered.notify_one();
        loop {
            if !waiting(&*self.state.lock().await) {
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => continue,
                Ok(Err(_)) | Err(_) => break,
            }
        }
        match self
            .step(PackEvent::LabelPending {
                order_id: order_id.to_owned(),
            })
            .await
        {
            Ok(_) => {
                info!(
                    order = order_id,
                    "label pending: the backend has not answered yet"
                );
                Ok(())
            }
            // The label printed between the last look and now.
            Err(StationError::Flow(FlowError::LabelNotExpected(_) | FlowError::NotNow(_))) => {
                Ok(())
            }
            Err(e) => Err(e),
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

    /// One pass: print what the backend has created, tell the flow about labels printed and
    /// releases confirmed, and ask again for a claim left unanswered.
    pub async fn catch_up(&self) -> Result<(), StationError> {
        for s in self.store.shipments_to_print().await? {
            self.print_shipment(&s.effect_key, &s.payload_json, &s.response_json)
                .await?;
        }
        self.reconcile_labels().await?;
        let (step, trolley) = {
            let st = self.state.lock().await;
            (
                st.step.clone(),
                st.trolley
                    .as_ref()
                    .map(|t| (t.trolley().clone(), t.all_done())),
            )
        };
        if let Some((t, true)) = &trolley {
            if self.store.release_delivered(t.as_str()).await? {
                match self
                    .step(PackEvent::TrolleyReleased { trolley: t.clone() })
                    .await
                {
                    Ok(_) => info!(trolley = %t, "trolley released"),
                    Err(StationError::Flow(FlowError::ReleaseNotPending(_))) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if let Step::ClaimingTrolley { trolley } = step {
            if let Err(e) = self.claim(trolley).await {
                info!(error = %e, "claim still unanswered");
            }
        }
        Ok(())
    }

    /// Prints the first copy of a delivered shipment's labels, once.
    async fn print_shipment(
        &self,
        effect_key: &str,
        payload_json: &str,
        response_json: &str,
    ) -> Result<(), StationError> {
        let req = serde_json::from_str::<QueuedShipment>(payload_json)
            .map_err(|e| StoreError(format!("queued shipment {effect_key} unreadable: {e}")))?
            .request;
        let docs = label_documents(response_json);
        let (tracking, jobs) = match docs {
            Ok(d) => d,
            Err(e) => {
                warn!(order = %req.order_id, error = %e, "the backend's shipment has no usable label");
                (Vec::new(), Vec::new())
            }
        };
        let record = PrintRecord {
            shipment_key: effect_key.to_owned(),
            copy: 0,
            order_id: req.order_id.clone(),
            trolley: req.trolley.to_string(),
            status: PrintStatus::Printing,
            tracking_numbers: tracking,
            error: None,
        };
        if !self.store.begin_print(&record, now_ms()).await? {
            return Ok(());
        }
        crate::crashpoint::hit("before sending a label");
        let result = self.send_jobs(effect_key, 0, jobs).await;
        crate::crashpoint::hit("after sending a label, before recording it");
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.as_str())),
        };
        self.store
            .finish_print(effect_key, 0, status, error, now_ms())
            .await?;
        match result {
            Ok(()) => {
                *self.last_labelled.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(req.order_id.clone());
                info!(order = %req.order_id, "label printed");
                // The packing slip follows on the document printer; a failure there never
                // holds the label or the flow back.
                if let Err(e) = self.print_slip(effect_key, &req, response_json).await {
                    warn!(order = %req.order_id, error = %e, "packing slip not printed");
                }
            }
            Err(e) => {
                warn!(order = %req.order_id, printer = %self.printer.describe(), error = %e, "label did not print")
            }
        }
        Ok(())
    }

    async fn send_jobs(&self, key: &str, copy: u32, jobs: Vec<PrintJob>) -> Result<(), String> {
        if jobs.is_empty() {
            return Err("the backend sent no label document".into());
        }
        for mut job in jobs {
            // A carrier's ZPL made for another resolution or size than the label printer's is
            // caught here, with what is wrong, instead of printing a useless label.
            label_fits(&job, self.opts.label_format)?;
            job.job_id = format!("{key}#{}c{copy}", job.job_id);
            self.printer.print(job).await?;
        }
        Ok(())
    }

    /// An order's label print jobs, its first label job, and the label documents the backend
    /// sent for it (what reprints and the preview use).
    async fn printed_label(
        &self,
        order_id: &str,
    ) -> Result<(Vec<PrintRecord>, PrintRecord, Vec<PrintJob>), StationError> {
        let jobs = self.store.print_jobs_of(order_id).await?;
        let first = jobs
            .iter()
            .find(|j| j.copy == 0 && !j.shipment_key.ends_with(SLIP_SUFFIX))
            .cloned()
            .ok_or_else(|| {
                StationError::InvalidScan(format!("Order {order_id} has no label yet."))
            })?;
        let response = self
            .station
            .outbox
            .delivered_response(&first.shipment_key)
            .await?
            .unwrap_or_default();
        let (_, docs) =
            label_documents(&response).map_err(|e| BackendError::InvalidResponse(e.to_string()))?;
        Ok((jobs, first, docs))
    }

    /// Exactly what went to the label printer for an order, as PNG images (ZPL rasterised by
    /// labelize at the printer's resolution, 4x6 in).
    pub async fn label_preview(&self, order_id: &str) -> Result<Vec<Vec<u8>>, StationError> {
        let (_, _, docs) = self.printed_label(order_id).await?;
        let dpmm = match self.opts.label_format {
            LabelFormat::Zpl300 => 12,
            _ => 8,
        };
        let mut images = Vec::new();
        for d in docs {
            if d.content_type != ContentType::Zpl {
                return Err(StationError::Device(
                    "PDF labels are not previewed on screen; open the print spool".into(),
                ));
            }
            let png = labelize::render_png(
                &d.data,
                labelize::RenderOptions {
                    width_mm: Some(101.6),
                    height_mm: Some(152.4),
                    dpmm,
                    ..Default::default()
                },
            )
            .map_err(|e| StationError::Device(format!("label preview: {e}")))?;
            images.push(png.bytes);
        }
        Ok(images)
    }

    /// Prints an order's packing slip once (recorded as its own print job), on A4, from the
    /// manifest (names, ordered quantities, gift message) and the backend's shipment (address).
    async fn print_slip(
        &self,
        shipment_key: &str,
        req: &pack_flow::ShipmentRequest,
        response_json: &str,
    ) -> Result<(), String> {
        let Some(documents) = &self.documents else {
            return Ok(());
        };
        let sh: Shipment = serde_json::from_str(response_json).map_err(|e| e.to_string())?;
        let ship_to = sh
            .label_data
            .first()
            .map(|l| l.recipient.clone())
            .ok_or("the backend sent no address for the slip")?;
        let order = {
            let st = self.state.lock().await;
            st.trolley
                .as_ref()
                .and_then(|t| {
                    t.manifest
                        .slots
                        .iter()
                        .find(|s| s.order.order_id == req.order_id)
                })
                .map(|s| s.order.clone())
        };
        let shipped = |line_no: u32| -> u32 {
            req.parcels
                .iter()
                .flat_map(|p| &p.contents)
                .filter(|c| c.line_no == line_no)
                .map(|c| c.qty)
                .sum()
        };
        let lines: Vec<packbench_labels::SlipLine> = match &order {
            Some(o) => o
                .lines
                .iter()
                .map(|l| packbench_labels::SlipLine {
                    sku: l.item.sku.clone(),
                    name: l.item.name.clone(),
                    qty_ordered: l.qty,
                    qty_shipped: shipped(l.line_no),
                    unit_price_minor: None,
                })
                .collect(),
            None => req
                .parcels
                .iter()
                .flat_map(|p| &p.contents)
                .map(|c| packbench_labels::SlipLine {
                    sku: c.sku.clone(),
                    name: c.sku.clone(),
                    qty_ordered: c.qty,
                    qty_shipped: c.qty,
                    unit_price_minor: None,
                })
                .collect(),
        };
        let client = order
            .as_ref()
            .map_or_else(String::new, |o| o.client.clone());
        let data = packbench_labels::PackingSlipData {
            client_id: client
                .to_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
            client_name: client,
            order_ref: req.order_id.clone(),
            date: crate::clock::today_utc(),
            ship_to,
            lines,
            parcel: None,
            gift_message: order.as_ref().and_then(|o| o.gift_message.clone()),
            currency: None,
            returns_note: "Returns: within 30 days, with this slip in the parcel.".into(),
        };
        let pdf = packbench_labels::render_packing_slip(&data, packbench_labels::Paper::A4)
            .map_err(|e| e.to_string())?;
        let key = format!("{shipment_key}{SLIP_SUFFIX}");
        let record = PrintRecord {
            shipment_key: key.clone(),
            copy: 0,
            order_id: req.order_id.clone(),
            trolley: req.trolley.to_string(),
            status: PrintStatus::Printing,
            tracking_numbers: Vec::new(),
            error: None,
        };
        if !self
            .store
            .begin_print(&record, now_ms())
            .await
            .map_err(|e| e.to_string())?
        {
            return Ok(());
        }
        let job = PrintJob::pdf(
            format!("{key}c0"),
            format!("{} packing slip", req.order_id),
            pdf,
        );
        let result = documents.print(job).await;
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.as_str())),
        };
        self.store
            .finish_print(&key, 0, status, error, now_ms())
            .await
            .map_err(|e| e.to_string())?;
        result
    }

    /// Tells the flow about every label printed (or possibly printed) for an order it still
    /// waits on: the print and the flow step are separate commits, and a crash may fall between.
    async fn reconcile_labels(&self) -> Result<(), StationError> {
        let waiting: Vec<(String, String)> = {
            let st = self.state.lock().await;
            let mut w: Vec<(String, String)> = st
                .pending_labels
                .iter()
                .map(|p| (p.order_id.clone(), p.trolley.to_string()))
                .collect();
            if let (Some(t), Some(cur)) = (&st.trolley, st.current()) {
                if cur.label == LabelStatus::Requested {
                    if let Some(slot) = st.current_order() {
                        w.push((slot.order.order_id.clone(), t.trolley().to_string()));
                    }
                }
            }
            w
        };
        for (order_id, trolley) in waiting {
            let jobs = self.store.print_jobs_of(&order_id).await?;
            let Some(done) = jobs.iter().find(|j| {
                j.trolley == trolley
                    && matches!(j.status, PrintStatus::Printed | PrintStatus::Uncertain)
            }) else {
                continue;
            };
            match self
                .step(PackEvent::LabelPrinted {
                    order_id: order_id.clone(),
                    tracking_numbers: done.tracking_numbers.clone(),
                })
                .await
            {
                Ok(_) => {}
                Err(StationError::Flow(FlowError::LabelNotExpected(_) | FlowError::NotNow(_))) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Prints another copy of an order's label (the packer asked: torn, smudged, not printed).
    pub async fn reprint(&self, order_id: &str) -> Result<u32, StationError> {
        let (jobs, first, docs) = self.printed_label(order_id).await?;
        let copy = jobs
            .iter()
            .filter(|j| j.shipment_key == first.shipment_key)
            .map(|j| j.copy)
            .max()
            .unwrap_or(0)
            + 1;
        let record = PrintRecord {
            copy,
            status: PrintStatus::Printing,
            error: None,
            ..first.clone()
        };
        self.store.begin_print(&record, now_ms()).await?;
        let result = self.send_jobs(&first.shipment_key, copy, docs).await;
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.as_str())),
        };
        self.store
            .finish_print(&first.shipment_key, copy, status, error, now_ms())
            .await?;
        result.map_err(|e| StationError::Device(format!("{}: {e}", self.printer.describe())))?;
        self.reconcile_labels().await?;
        Ok(copy)
    }
}

/// Marks a packing slip's print job (beside its shipment's label jobs).
const SLIP_SUFFIX: &str = "#slip";

/// Whether the flow still waits on this order's label (open order, label requested).
fn awaiting_label(s: &PackState, order_id: &str) -> bool {
    s.current_order()
        .is_some_and(|o| o.order.order_id == order_id)
        && s.current()
            .is_some_and(|p| p.label == LabelStatus::Requested)
}

fn item(kind: OutboxKind, key: String, trolley: &str, payload: &impl Serialize) -> NewOutboxItem {
    NewOutboxItem {
        effect_key: key,
        kind,
        trolley: trolley.to_owned(),
        payload_json: serde_json::to_string(payload).expect("effects serialise"),
    }
}

/// The outbox writes for a step's effects. `before` is the state the step started from (it
/// holds the trolley and claim of effects that do not name them); `revision` the step's own.
pub fn writes_for(
    before: &PackState,
    revision: u64,
    fx: &[Effect],
    label_format: LabelFormat,
) -> Result<Vec<NewOutboxItem>, StationError> {
    let held = before.trolley.as_ref();
    let trolley_of = || {
        held.map(|t| t.trolley().to_string())
            .ok_or_else(|| StoreError("a parcel record without a trolley".into()))
    };
    let mut out = Vec::new();
    for e in fx {
        match e {
            Effect::ClaimTrolley { .. } => {}
            Effect::WithdrawClaim { trolley } => out.push(item(
                OutboxKind::Release,
                format!("wd:{trolley}@{}#{revision}", before.station.station_id),
                trolley.as_str(),
                &ReleaseTrolley {
                    trolley: trolley.to_string(),
                    withdrawn: true,
                },
            )),
            Effect::RecordMovement(m) => out.push(movement_item(m)),
            Effect::RecordException(r) => out.push(item(
                OutboxKind::Exception,
                r.key.clone(),
                r.trolley.as_str(),
                r,
            )),
            Effect::RouteOrderToException(o) => out.push(item(
                OutboxKind::OrderException,
                o.key.clone(),
                o.trolley.as_str(),
                o,
            )),
            Effect::RecordPackagingOverride(p) => out.push(item(
                OutboxKind::PackagingOverride,
                p.key.clone(),
                &trolley_of()?,
                p,
            )),
            // A mismatch alone is not recorded: the re-weigh or the supervisor's override is.
            Effect::RecordWeightOverride(w)
                if !matches!(w.verdict, WeightVerdict::OverriddenBySupervisor { .. }) => {}
            Effect::RecordWeightOverride(w) => out.push(item(
                OutboxKind::WeightOverride,
                w.key.clone(),
                &trolley_of()?,
                w,
            )),
            Effect::CreateShipment(s) => out.push(item(
                OutboxKind::Shipment,
                s.key.clone(),
                s.trolley.as_str(),
                &QueuedShipment {
                    request: s.clone(),
                    label_format,
                },
            )),
            Effect::CancelShipment { key, order_id } => out.push(item(
                OutboxKind::VoidShipment,
                format!("void:{key}"),
                &trolley_of()?,
                &VoidShipment {
                    shipment_effect_key: key.clone(),
                    order_id: order_id.clone(),
                },
            )),
            Effect::ReleaseTrolley { trolley } => {
                let claim = held.map(|t| t.claim.clone()).unwrap_or_default();
                out.push(item(
                    OutboxKind::Release,
                    format!("rel:{claim}"),
                    trolley.as_str(),
                    &ReleaseTrolley {
                        trolley: trolley.to_string(),
                        withdrawn: false,
                    },
                ))
            }
        }
    }
    Ok(out)
}

/// The tracking numbers and label documents of a created shipment, as print jobs (job id
/// `p<parcel>`), from the backend's answer.
pub fn label_documents(response_json: &str) -> Result<(Vec<String>, Vec<PrintJob>), String> {
    let sh: Shipment = serde_json::from_str(response_json)
        .map_err(|e| format!("the shipment answer cannot be read: {e}"))?;
    let tracking = sh
        .parcels
        .iter()
        .map(|p| p.tracking_number.clone())
        .collect();
    let mut jobs = Vec::new();
    for l in &sh.labels {
        let data = base64::engine::general_purpose::STANDARD
            .decode(&l.content_base64)
            .map_err(|e| format!("label of parcel {} is not base64: {e}", l.parcel_no))?;
        let content = match l.format {
            LabelFormat::Zpl203 | LabelFormat::Zpl300 => ContentType::Zpl,
            LabelFormat::Pdf => ContentType::Pdf,
        };
        jobs.push(PrintJob::new(
            format!("p{}", l.parcel_no),
            format!("{} parcel {}", sh.order_id, l.parcel_no),
            content,
            data,
        ));
    }
    Ok((tracking, jobs))
}

/// Units of an order's lines as cartonization items (`qty_of` per line; lines at 0 left out).
fn items_of(lines: &[OrderLine], qty_of: impl Fn(&OrderLine) -> u32) -> Vec<ItemToPack> {
    lines
        .iter()
        .filter_map(|l| {
            let qty = qty_of(l);
            (qty > 0).then(|| ItemToPack {
                qty,
                ..ItemToPack::from_line(l)
            })
        })
        .collect()
}

/// An order's parcel, as the screen's weight line refers to it.
type ParcelRef = (String, u32);

/// The parcel waiting on the scale (boxed, not yet weighed), if any.
fn packaged_parcel(st: &PackState) -> Option<ParcelRef> {
    let order = st.current_order()?.order.order_id.clone();
    let parcel = st
        .current()?
        .parcels
        .iter()
        .find(|p| p.status == ParcelStatus::Packaged)?;
    Some((order, parcel.parcel_no))
}

/// Whether a ZPL label suits the station's label printer (4x6 at the station's resolution);
/// PDF documents are not checked here.
pub fn label_fits(job: &PrintJob, printer: LabelFormat) -> Result<(), String> {
    if job.content_type != ContentType::Zpl {
        return Ok(());
    }
    let dpi = match printer {
        LabelFormat::Zpl300 => packbench_labels::Dpi::D300,
        _ => packbench_labels::Dpi::D203,
    };
    packbench_labels::check_zpl_for_printer(
        &job.data,
        packbench_labels::PrinterProfile::four_by_six(dpi),
    )
    .map(|_| ())
    .map_err(|e| {
        format!(
            "the label for {} does not suit the label printer: {e}",
            job.name
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_zpl(dpi: packbench_labels::Dpi) -> Vec<u8> {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/samples/label-data.json"
        ))
        .unwrap();
        let data: packbench_labels::LabelData = serde_json::from_str(&json).unwrap();
        packbench_labels::render(&data, packbench_labels::Format::Zpl, dpi).unwrap()
    }

    #[test]
    fn a_carrier_label_for_another_resolution_is_refused_before_printing() {
        let at300 = PrintJob::zpl(
            "p1",
            "SO-1 parcel 1",
            sample_zpl(packbench_labels::Dpi::D300),
        );
        let at203 = PrintJob::zpl(
            "p1",
            "SO-1 parcel 1",
            sample_zpl(packbench_labels::Dpi::D203),
        );
        assert!(label_fits(&at203, LabelFormat::Zpl203).is_ok());
        assert!(label_fits(&at300, LabelFormat::Zpl300).is_ok());
        let err = label_fits(&at300, LabelFormat::Zpl203).unwrap_err();
        assert!(
            err.contains("SO-1 parcel 1") && err.contains("does not suit"),
            "{err}"
        );
        let pdf = PrintJob::pdf("p1", "SO-1 parcel 1", b"%PDF-1.7".to_vec());
        assert!(label_fits(&pdf, LabelFormat::Zpl203).is_ok());
    }
}
