//! The weighing step: the scale's stable reading checked against the expected weight, and the
//! supervisor's overrides of a refused weight.

use std::time::Duration;

use packbench_core::pack_flow::{
    FlowError, FlowView, PackEvent, PackState, ParcelStatus, Step, WeightVerdict,
};
use packbench_core::weight_gate::{self};
use tracing::info;

use crate::error::StationError;
use crate::ports::{DeviceFault, DeviceKind};

use super::*;

impl PackService {
    /// The scale's name, for the status bar and heartbeats.
    pub fn scale_name(&self) -> String {
        self.scale.describe()
    }

    /// Whether the scale can weigh now, for the status bar and heartbeats.
    pub async fn scale_health(&self) -> crate::ports::Readiness {
        self.scale.health().await
    }

    /// What the parcel on the scale should weigh (units plus tare), and its client.
    pub(super) async fn expected_weight(&self, st: &PackState) -> Option<(u64, String)> {
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
                return Err(DeviceFault::new(
                    DeviceKind::Scale,
                    "scale_empty",
                    format!(
                        "Nothing on the scale ({}): put the parcel on the scale and weigh again.",
                        self.scale.describe()
                    ),
                )
                .into());
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

    /// The refused parcel a supervisor is asked about remotely, or `None` unless the gate
    /// refused one just now.
    pub async fn weight_in_question(&self) -> Option<WeightInQuestion> {
        let st = self.state().await;
        let Step::Weigh {
            last_mismatch_g: Some(measured),
        } = st.step
        else {
            return None;
        };
        let expected = self.expected_weight(&st).await?.0;
        let (order_id, parcel_no) = packaged_parcel(&st)?;
        Some(WeightInQuestion {
            order_id,
            parcel_no,
            expected_g: u32::try_from(expected).unwrap_or(u32::MAX),
            measured_g: measured,
            packer_id: st.packer.as_ref()?.packer_id.clone(),
        })
    }
}

/// A parcel the weight gate refused, as a supervisor is asked about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightInQuestion {
    pub order_id: String,
    pub parcel_no: u32,
    pub expected_g: u32,
    pub measured_g: u32,
    pub packer_id: String,
}

/// An order's parcel, as the screen's weight line refers to it.
pub(super) type ParcelRef = (String, u32);

/// The parcel waiting on the scale (boxed, not yet weighed), if any.
pub(super) fn packaged_parcel(st: &PackState) -> Option<ParcelRef> {
    let order = st.current_order()?.order.order_id.clone();
    let parcel = st
        .current()?
        .parcels
        .iter()
        .find(|p| p.status == ParcelStatus::Packaged)?;
    Some((order, parcel.parcel_no))
}
