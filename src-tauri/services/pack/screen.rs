//! What the packer's screen shows for the flow's current state.

use packbench_core::pack_flow::Step;
use packbench_ipc::FlowResponse;

use super::*;

impl PackService {
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
}
