//! The packing slip on the document printer, once per order.

use packbench_core::pack_flow::{self};
use packbench_devices::printer::PrintJob;
use packbench_ipc::i18n::Lang;

use crate::clock::now_ms;
use crate::contract::Shipment;
use crate::error::StationError;
use crate::ports::{BackendError, DeviceFault, DeviceKind, PrintRecord, PrintStatus};

use super::*;

impl PackService {
    /// Prints an order's packing slip once (recorded as its own print job), on A4, from the
    /// manifest (names, ordered quantities, gift message) and the backend's shipment (address),
    /// in the order's language when the station speaks it, else in the station's.
    pub(super) async fn print_slip(
        &self,
        shipment_key: &str,
        req: &pack_flow::ShipmentRequest,
        sh: &Shipment,
    ) -> Result<(), StationError> {
        let Some(documents) = &self.documents else {
            return Ok(());
        };
        let ship_to = sh
            .label_data
            .first()
            .map(|l| l.recipient.clone())
            .ok_or_else(|| {
                BackendError::InvalidResponse("the backend sent no address for the slip".into())
            })?;
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
        let lang = slip_language(
            order.as_ref().and_then(|o| o.lang.as_deref()),
            self.opts.language,
        );
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
            returns_note: lang.words().text("slip-returns-note"),
            lang: Some(lang.tag().to_owned()),
        };
        let pdf = packbench_labels::render_packing_slip(&data, packbench_labels::Paper::A4)
            .map_err(|e| {
                DeviceFault::new(
                    DeviceKind::Printer,
                    "slip_not_rendered",
                    format!("The packing slip cannot be drawn ({e}). Call IT."),
                )
            })?;
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
        if !self.store.begin_print(&record, now_ms()).await? {
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
            Err(e) => (PrintStatus::Failed, Some(e.to_string())),
        };
        self.store
            .finish_print(&key, 0, status, error.as_deref(), now_ms())
            .await?;
        Ok(result?)
    }
}

/// The slip's language: the order's when it is one the station speaks, else the station's.
pub fn slip_language(order: Option<&str>, station: Lang) -> Lang {
    order
        .and_then(Lang::parse)
        .filter(|l| *l != Lang::Pseudo)
        .unwrap_or(station)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slip_speaks_the_orders_language_when_the_station_does() {
        assert_eq!(slip_language(Some("pl-PL"), Lang::En), Lang::Pl);
        assert_eq!(slip_language(Some("lt"), Lang::Ro), Lang::Lt);
        assert_eq!(slip_language(Some("de"), Lang::Ro), Lang::Ro);
        assert_eq!(slip_language(Some("en-XA"), Lang::Uk), Lang::Uk);
        assert_eq!(slip_language(None, Lang::Bg), Lang::Bg);
    }
}
