//! A closed parcel's packaging (an override of the suggestion needs a reason) and its weighing
//! (a mismatch blocks the label; a supervisor's override is recorded).

use super::Ctx;
use crate::pack_flow::effect::{Effect, PackagingOverride, WeightOverride};
use crate::pack_flow::error::FlowError;
use crate::pack_flow::event::{blank, ExceptionReason, Role, WeightVerdict};
use crate::pack_flow::keys;
use crate::pack_flow::state::{PackagingChoice, ParcelStatus, Step, Weighing};

impl Ctx<'_> {
    pub(super) fn choose_packaging(
        &mut self,
        packaging_id: String,
        suggested_id: Option<String>,
        override_reason: Option<String>,
    ) -> Result<(), FlowError> {
        if blank(&packaging_id) {
            return Err(FlowError::PackagingMissing);
        }
        let override_reason = override_reason.filter(|r| !blank(r));
        let overridden = suggested_id.as_ref().filter(|s| **s != packaging_id);
        let record = match (overridden, &override_reason) {
            (Some(s), None) => {
                return Err(FlowError::PackagingReasonRequired {
                    chosen: packaging_id,
                    suggested: s.clone(),
                })
            }
            (Some(s), Some(r)) => Some((s.clone(), r.clone())),
            (None, _) => None,
        };
        let order_id = self.order().order_id.clone();
        let claim = self.t.claim.clone();
        let (revision, packer_id) = (self.revision, self.packer.packer_id.clone());
        let p = self.parcel_at(ParcelStatus::Closed)?;
        p.status = ParcelStatus::Packaged;
        p.packaging = Some(PackagingChoice {
            packaging_id: packaging_id.clone(),
            suggested_id,
            override_reason,
        });
        let parcel_no = p.parcel_no;
        *self.step = Step::Weigh {
            last_mismatch_g: None,
        };
        if let Some((suggested_id, reason)) = record {
            self.fx
                .push(Effect::RecordPackagingOverride(PackagingOverride {
                    key: keys::packaging_override(&claim, &order_id, parcel_no, revision),
                    order_id,
                    parcel_no,
                    suggested_id,
                    chosen_id: packaging_id,
                    reason,
                    packer_id,
                }));
        }
        Ok(())
    }

    pub(super) fn weigh(
        &mut self,
        measured_g: u32,
        verdict: WeightVerdict,
    ) -> Result<(), FlowError> {
        if measured_g == 0 {
            return Err(FlowError::WeightInvalid);
        }
        match &verdict {
            WeightVerdict::Mismatch { .. } => {
                *self.step = Step::Weigh {
                    last_mismatch_g: Some(measured_g),
                };
                return Ok(());
            }
            WeightVerdict::Accepted => {}
            WeightVerdict::OverriddenBySupervisor {
                supervisor_id,
                reason,
                ..
            } => {
                if blank(supervisor_id)
                    || (*supervisor_id == self.packer.packer_id
                        && self.packer.role != Role::Supervisor)
                {
                    return Err(FlowError::SupervisorRequired);
                }
                if blank(reason) {
                    return Err(FlowError::OverrideReasonRequired);
                }
            }
        }
        let order_id = self.order().order_id.clone();
        let claim = self.t.claim.clone();
        let (revision, packer_id) = (self.revision, self.packer.packer_id.clone());
        let p = self.parcel_at(ParcelStatus::Packaged)?;
        p.status = ParcelStatus::Sealed;
        p.weighing = Some(Weighing {
            measured_g,
            verdict: verdict.clone(),
        });
        let parcel_no = p.parcel_no;
        if verdict != WeightVerdict::Accepted {
            self.fx.push(Effect::RecordWeightOverride(WeightOverride {
                key: keys::weight_override(&claim, &order_id, parcel_no, revision),
                order_id,
                parcel_no,
                measured_g,
                verdict,
                packer_id,
            }));
        }
        self.advance(ExceptionReason::Short);
        Ok(())
    }
}
