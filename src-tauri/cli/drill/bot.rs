//! The drill's packer: a bot that packs trolleys at a running station through the same
//! service the screen uses, deciding each step from the saved flow state alone.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use packbench_core::pack_flow::{
    ExceptionReason, PackEvent, PackState, ParcelStatus, Step, WeightVerdict,
};
use packbench_core::{gs1, OrderLine, TrolleyCode};

use crate::app::StationRuntime;
use crate::error::StationError;
use crate::ports::BackendError;
use crate::services::pack::PackService;
use crate::services::Station;
use crate::training::demo_data;

/// The demo catalogue's largest stocked box open to every client: what the drill's packer
/// packs every parcel in (it fits any order's parcel).
pub fn largest_open_box() -> String {
    demo_data::packaging_catalogue()
        .into_iter()
        .filter(|c| c.spec.stocked && c.spec.allowed_clients.is_empty())
        .max_by_key(|c| {
            c.spec
                .inner_mm
                .iter()
                .map(|&d| u64::from(d))
                .product::<u64>()
        })
        .map(|c| c.spec.id)
        .expect("the demo catalogue has boxes")
}

/// Packs the trolleys at a running station as the drill's packer does, then waits for every
/// write to be delivered and every label printed.
pub async fn pack_trolleys(
    station: &StationRuntime,
    trolleys: Vec<TrolleyCode>,
) -> anyhow::Result<()> {
    Bot::new(station.pack.clone(), station.station.clone(), trolleys)
        .run()
        .await
}

/// Plays the packer: decides every next action from the saved flow state alone, so a restart
/// at any moment carries on where the state says.
struct Bot {
    pack: Arc<PackService>,
    station: Station,
    trolleys: Vec<TrolleyCode>,
    badge: String,
    supervisor_id: String,
    packaging_id: String,
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
        let packaging_id = largest_open_box();
        Bot {
            pack,
            station,
            trolleys,
            badge,
            supervisor_id,
            packaging_id,
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
                    self.pack.wait_changed(Duration::from_millis(200)).await;
                    false
                }
                Step::ScanSlot => {
                    self.act(PackEvent::TakeSuggestedSlot).await?;
                    false
                }
                Step::VerifyUnits => {
                    self.verify(&st).await?;
                    false
                }
                Step::ChoosePackaging => {
                    self.act(PackEvent::PackagingChosen {
                        packaging_id: self.packaging_id.clone(),
                        suggested_id: None,
                        override_reason: None,
                    })
                    .await?;
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

    async fn verify(&self, st: &PackState) -> anyhow::Result<()> {
        let (Some(slot), Some(prog)) = (st.current_order(), st.current()) else {
            bail!("verifying with no open order");
        };
        let order_id = &slot.order.order_id;
        let open_units: u32 = prog.open_parcel().map_or(0, |p| p.units.len() as u32);
        let total: u32 = prog.lines.iter().map(|l| l.required).sum();
        // Orders of 6 units or more ship in two parcels.
        if total >= 6 && prog.parcels.len() == 1 && open_units >= total / 2 {
            return self.act(PackEvent::CloseParcel).await;
        }
        let next = slot
            .order
            .lines
            .iter()
            .zip(&prog.lines)
            .find(|(_, p)| p.remaining() > 0);
        let Some((line, p)) = next else {
            return self.act(PackEvent::CloseParcel).await;
        };
        let h = hash(&[order_id.as_bytes(), &line.line_no.to_le_bytes()]);
        if p.exception == 0 && h.is_multiple_of(9) {
            let reason = if h.is_multiple_of(2) {
                ExceptionReason::Short
            } else {
                ExceptionReason::Damaged
            };
            return self
                .act(PackEvent::ReportException {
                    line_no: line.line_no,
                    reason,
                    units: 1,
                    found_barcode: None,
                })
                .await;
        }
        let raw = unit_scan(order_id, line, p.scanned + 1);
        self.act(PackEvent::Scanned { raw }).await
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
        let h = hash(&[
            slot.order.order_id.as_bytes(),
            &parcel.parcel_no.to_le_bytes(),
        ]);
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
            None if h.is_multiple_of(7) => PackEvent::ParcelWeighed {
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

/// FNV-1a: the bot's deterministic choices.
fn hash(parts: &[&[u8]]) -> u64 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

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
