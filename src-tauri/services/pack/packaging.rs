//! The packaging step: the catalogue, the suggested packaging (cartonization) and the
//! packer's choice.

use packbench_core::carton::{cartonize, CartonOptions, ItemToPack, PackRequest};
use packbench_core::pack_flow::{FlowView, PackEvent, PackState, ParcelStatus, Step};
use packbench_core::OrderLine;
use packbench_ipc::PackagingSuggestion;
use tracing::warn;

use crate::contract::CatalogueEntry;
use crate::error::StationError;

use super::*;

impl PackService {
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
    pub(super) async fn suggestion(&self, st: &PackState) -> Option<PackagingSuggestion> {
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
}

/// Units of an order's lines as cartonization items (`qty_of` per line; lines at 0 left out).
pub(super) fn items_of(lines: &[OrderLine], qty_of: impl Fn(&OrderLine) -> u32) -> Vec<ItemToPack> {
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
