//! The drill's packer: a bot that packs trolleys at a running station through the same
//! service the screen uses, deciding each step from the saved flow state and its plan for the
//! order (`plan`), so a restart at any moment carries on to the same result.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use packbench_core::pack_flow::{PackEvent, PackState, ParcelStatus, Step, WeightVerdict};
use packbench_core::{gs1, OrderLine, TrolleyCode};

use crate::app::StationRuntime;
use crate::error::StationError;
use crate::ports::BackendError;
use crate::services::pack::PackService;
use crate::services::Station;
use crate::training::demo_data;

use super::plan::{plan_order, Boxes, OrderPlan};

/// The demo catalogue's largest stocked box open to every client: what the drill's packer
/// packs every parcel in (it fits any order's parcel).
pub fn largest_open_box() -> String {
    Boxes::demo().chosen
}

/// The outage drill's pause: once the station holds `trolley`, the bot says so
/// (`DIR/claimed`) and waits for `DIR/resume` (the drill has taken the backend down); when the
/// trolley is packed offline it writes `DIR/packed` with the number of labels pending.
#[derive(Debug)]
pub struct OutageHold {
    pub trolley: TrolleyCode,
    pub dir: PathBuf,
    resumed: AtomicBool,
    reported: AtomicBool,
}

impl OutageHold {
    pub fn new(trolley: TrolleyCode, dir: PathBuf) -> Self {
        OutageHold {
            trolley,
            dir,
            resumed: AtomicBool::new(false),
            reported: AtomicBool::new(false),
        }
    }
}

/// Packs the trolleys at a running station as the drill's packer does, then waits for every
/// write to be delivered and every label printed.
pub async fn pack_trolleys(
    station: &StationRuntime,
    trolleys: Vec<TrolleyCode>,
) -> anyhow::Result<()> {
    pack_trolleys_holding(station, trolleys, None).await
}

/// [`pack_trolleys`], pausing for the outage drill at the held trolley.
pub async fn pack_trolleys_holding(
    station: &StationRuntime,
    trolleys: Vec<TrolleyCode>,
    outage: Option<OutageHold>,
) -> anyhow::Result<()> {
    let mut bot = Bot::new(station.pack.clone(), station.station.clone(), trolleys);
    bot.outage = outage;
    bot.run().await
}

/// Plays the packer: decides every next action from the saved flow state alone, so a restart
/// at any moment carries on where the state says.
struct Bot {
    pack: Arc<PackService>,
    station: Station,
    trolleys: Vec<TrolleyCode>,
    badge: String,
    supervisor_id: String,
    boxes: Boxes,
    outage: Option<OutageHold>,
}

impl Bot {
    fn new(pack: Arc<PackService>, station: Station, trolleys: Vec<TrolleyCode>) -> Self {
        let w = demo_data::generate(demo_data::DEFAULT_SEED);
        let badge = w
            .packers
            .iter()
            .find(|p| p.role == "packer")
            .map(|p| p.badge.clone())
            .expect("the demo warehouse has packers");
        let supervisor_id = w
            .packers
            .iter()
            .find(|p| p.role == "supervisor")
            .map(|p| p.packer_id.clone())
            .expect("the demo warehouse has supervisors");
        Bot {
            pack,
            station,
            trolleys,
            badge,
            supervisor_id,
            boxes: Boxes::demo(),
            outage: None,
        }
    }

    async fn run(&self) -> anyhow::Result<()> {
        loop {
            self.tolerate(self.pack.resume().await).await?;
            let st = self.pack.state().await;
            let done = match &st.step {
                Step::SignIn => {
                    if self.all_packed(&st).await? {
                        true
                    } else {
                        self.tolerate(self.pack.scan(&self.badge).await.map(drop))
                            .await?;
                        false
                    }
                }
                Step::ScanTrolley { .. } => match self.next_trolley(&st).await? {
                    Some(t) => {
                        self.tolerate(self.pack.scan(t.as_str()).await.map(drop))
                            .await?;
                        false
                    }
                    None => true,
                },
                Step::ClaimingTrolley { .. } | Step::AwaitingLabel => {
                    self.pack.wait_changed(Duration::from_millis(200)).await;
                    false
                }
                Step::ReleasingTrolley => {
                    self.report_packed_offline(&st)?;
                    self.pack.wait_changed(Duration::from_millis(200)).await;
                    false
                }
                Step::ScanSlot => {
                    self.hold_for_outage(&st).await?;
                    self.act(PackEvent::TakeSuggestedSlot).await?;
                    false
                }
                Step::VerifyUnits => {
                    self.verify(&st).await?;
                    false
                }
                Step::ChoosePackaging => {
                    self.choose_packaging(&st).await?;
                    false
                }
                Step::Weigh { last_mismatch_g } => {
                    self.weigh(&st, *last_mismatch_g).await?;
                    false
                }
            };
            if done {
                return self.drain().await;
            }
        }
    }

    /// Backend outages are expected in the drill: wait for the flow to move (the background
    /// task retries) and go on. Anything else is a failure.
    async fn tolerate(&self, r: Result<(), StationError>) -> anyhow::Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(StationError::Backend(
                BackendError::Unreachable(_)
                | BackendError::Busy { .. }
                | BackendError::InvalidResponse(_),
            )) => {
                self.pack.wait_changed(Duration::from_millis(50)).await;
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!("the station refused the drill's step: {e}")),
        }
    }

    async fn act(&self, ev: PackEvent) -> anyhow::Result<()> {
        self.tolerate(self.pack.handle(ev).await.map(drop)).await
    }

    /// The trolley after the last one this station claimed (all before it are released).
    async fn next_trolley(&self, st: &PackState) -> anyhow::Result<Option<TrolleyCode>> {
        let last = self.station.store.current_claim().await?;
        let from = match (last, &st.trolley) {
            (Some(m), None) => self
                .trolleys
                .iter()
                .position(|t| *t == m.trolley)
                .map_or(0, |i| i + 1),
            _ => 0,
        };
        Ok(self.trolleys.get(from).cloned())
    }

    async fn all_packed(&self, st: &PackState) -> anyhow::Result<bool> {
        Ok(st.trolley.is_none() && self.next_trolley(st).await?.is_none())
    }

    /// The plan for the order being packed.
    fn plan(&self, st: &PackState) -> anyhow::Result<OrderPlan> {
        let Some(slot) = st.current_order() else {
            bail!("no open order at step {:?}", st.step);
        };
        Ok(plan_order(&slot.order, &self.boxes))
    }

    /// The next unit or exception of the plan for the open parcel, or closing it when it holds
    /// what the plan puts in it.
    async fn verify(&self, st: &PackState) -> anyhow::Result<()> {
        let (Some(slot), Some(prog)) = (st.current_order(), st.current()) else {
            bail!("verifying with no open order");
        };
        let plan = self.plan(st)?;
        let done = prog
            .parcels
            .iter()
            .filter(|p| p.status != ParcelStatus::Open)
            .count();
        let open = prog.open_parcel();
        let target = plan.parcels.get(done);
        for (line, p) in slot.order.lines.iter().zip(&prog.lines) {
            let excepted = plan.exception_units(line.line_no);
            if p.exception < excepted {
                let e = plan
                    .exceptions
                    .iter()
                    .find(|e| e.line_no == line.line_no)
                    .expect("planned");
                return self
                    .act(PackEvent::ReportException {
                        line_no: line.line_no,
                        reason: e.reason,
                        units: excepted - p.exception,
                        found_barcode: None,
                    })
                    .await;
            }
            let want = target.map_or(0, |t| t.units.get(&line.line_no).copied().unwrap_or(0));
            let have = open.map_or(0, |o| o.units_of(line.line_no));
            if have < want {
                let raw = unit_scan(&slot.order.order_id, line, p.scanned + 1);
                return self.act(PackEvent::Scanned { raw }).await;
            }
        }
        if open.is_some() {
            return self.act(PackEvent::CloseParcel).await;
        }
        bail!(
            "order {}: nothing of the plan is left to verify, yet the flow verifies",
            slot.order.order_id
        )
    }

    /// The planned box for the closed parcel, overriding the suggestion where the plan says.
    async fn choose_packaging(&self, st: &PackState) -> anyhow::Result<()> {
        let plan = self.plan(st)?;
        let Some(parcel) = st.current().and_then(|prog| {
            prog.parcels
                .iter()
                .find(|p| p.status == ParcelStatus::Closed)
        }) else {
            bail!("choosing a box with no closed parcel");
        };
        let Some(planned) = plan.parcels.get(parcel.parcel_no as usize - 1) else {
            bail!("parcel {} is not in the plan", parcel.parcel_no);
        };
        let over = planned.overrides_suggestion.clone();
        self.act(PackEvent::PackagingChosen {
            packaging_id: planned.packaging_id.clone(),
            override_reason: over
                .as_ref()
                .map(|_| "drill: the suggested box is damaged".to_owned()),
            suggested_id: over,
        })
        .await
    }

    /// Outage drill: once the held trolley is claimed, say so and wait for the backend to go.
    async fn hold_for_outage(&self, st: &PackState) -> anyhow::Result<()> {
        let Some(h) = &self.outage else {
            return Ok(());
        };
        if h.resumed.load(Ordering::Relaxed)
            || st.trolley.as_ref().map(|t| t.trolley()) != Some(&h.trolley)
        {
            return Ok(());
        }
        std::fs::write(h.dir.join("claimed"), h.trolley.as_str())?;
        while !h.dir.join("resume").exists() {
            self.pack.wait_changed(Duration::from_millis(20)).await;
        }
        h.resumed.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Outage drill: the held trolley is packed; tell the drill how many labels wait.
    fn report_packed_offline(&self, st: &PackState) -> anyhow::Result<()> {
        let Some(h) = &self.outage else {
            return Ok(());
        };
        if !h.resumed.load(Ordering::Relaxed)
            || st.trolley.as_ref().map(|t| t.trolley()) != Some(&h.trolley)
            || h.reported.swap(true, Ordering::Relaxed)
        {
            return Ok(());
        }
        std::fs::write(h.dir.join("packed"), st.pending_labels.len().to_string())?;
        Ok(())
    }

    async fn weigh(&self, st: &PackState, last_mismatch: Option<u32>) -> anyhow::Result<()> {
        let (Some(slot), Some(prog)) = (st.current_order(), st.current()) else {
            bail!("weighing with no open order");
        };
        let Some(parcel) = prog
            .parcels
            .iter()
            .find(|p| p.status == ParcelStatus::Packaged)
        else {
            bail!("weighing with no parcel");
        };
        let expected: u32 = parcel
            .units
            .iter()
            .filter_map(|u| slot.order.lines.iter().find(|l| l.line_no == u.line_no))
            .map(|l| l.item.weight_g)
            .sum::<u32>()
            + 150;
        let planned_override = self
            .plan(st)?
            .parcels
            .get(parcel.parcel_no as usize - 1)
            .is_some_and(|p| p.weight_override);
        let ev = match last_mismatch {
            // A mis-weigh, then a supervisor's override.
            Some(_) => PackEvent::ParcelWeighed {
                measured_g: expected + 400,
                verdict: WeightVerdict::OverriddenBySupervisor {
                    supervisor_id: self.supervisor_id.clone(),
                    reason: "drill: heavy packing material".into(),
                    expected_g: expected,
                },
            },
            None if planned_override => PackEvent::ParcelWeighed {
                measured_g: expected + 400,
                verdict: WeightVerdict::Mismatch {
                    expected_g: expected,
                },
            },
            None => PackEvent::ParcelWeighed {
                measured_g: expected,
                verdict: WeightVerdict::Accepted,
            },
        };
        self.act(ev).await
    }

    /// Waits until every write is delivered and every label printed.
    async fn drain(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(300);
        // Labels still pending with every write delivered and nothing moving: they will not
        // print by themselves (a shipment answer without a label, say).
        let mut stalled: Option<(u64, Instant)> = None;
        loop {
            let backlog = self.station.backlog().await?;
            let st = self.pack.state().await;
            if backlog.failed > 0 {
                bail!(
                    "{} backend writes were refused for good; see the station's log",
                    backlog.failed
                );
            }
            if backlog.pending == 0 && st.pending_labels.is_empty() && st.trolley.is_none() {
                return Ok(());
            }
            stalled = match stalled {
                Some((rev, since)) if backlog.pending == 0 && rev == st.revision => {
                    if since.elapsed() >= LABELS_STALLED {
                        bail!(
                            "{} labels pending with every write delivered, none printed for {} s; see the station's log",
                            st.pending_labels.len(),
                            LABELS_STALLED.as_secs()
                        );
                    }
                    Some((rev, since))
                }
                _ if backlog.pending == 0 => Some((st.revision, Instant::now())),
                _ => None,
            };
            if Instant::now() >= deadline {
                bail!(
                    "the outbox did not drain: {} writes pending, {} labels pending",
                    backlog.pending,
                    st.pending_labels.len()
                );
            }
            self.station.outbox_wake.notify_one();
            self.pack.wait_changed(Duration::from_millis(200)).await;
        }
    }
}

/// How long labels may stay pending with nothing left to deliver before the drain gives up.
const LABELS_STALLED: Duration = Duration::from_secs(20);

/// What a scanner reads from unit `n` of an order line: its barcode, or for a SKU that needs
/// lot/expiry or a serial, a GS1 element string carrying them (`]C1` 01 GTIN, 17, 10, 21).
pub fn unit_scan(order_id: &str, line: &OrderLine, n: u32) -> String {
    let code = &line.item.barcodes[0];
    let flags = line.item.flags;
    if !(flags.lot_expiry_required || flags.serial_required) {
        return code.clone();
    }
    let gtin = gs1::gtin14(code).unwrap_or_else(|| code.clone());
    let mut s = format!("]C101{gtin}");
    if flags.lot_expiry_required {
        s.push_str("17271231");
        s.push_str(&format!("10L{}\u{1d}", line.line_no));
    }
    if flags.serial_required {
        s.push_str(&format!(
            "21S{}x{}x{n}\u{1d}",
            order_id.replace('-', ""),
            line.line_no
        ));
    }
    s.trim_end_matches('\u{1d}').to_owned()
}
