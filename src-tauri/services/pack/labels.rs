//! Labels: printing each delivered shipment's labels exactly once, reprints, the on-screen
//! preview, and the checks that a label suits the printer.

use packbench_core::pack_flow::{self, FlowError, LabelStatus, PackEvent, PackState, Step};
use packbench_devices::printer::PrintJob;
use tracing::{info, warn};

use crate::clock::now_ms;
use crate::contract::{LabelFormat, Shipment};
use crate::error::StationError;
use crate::ports::{
    BackendError, DeviceFault, DeviceKind, LabelRenderer, PreviewError, PrintRecord, PrintStatus,
};
use base64::Engine as _;
use packbench_devices::printer::ContentType;

use super::*;

impl PackService {
    /// Waits for the order's label; past `label_wait` the order is held as label pending.
    pub(super) async fn await_label(&self, order_id: &str) -> Result<(), StationError> {
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

    /// One pass: print what the backend has created, tell the flow about labels printed and
    /// releases confirmed, and ask again for a claim left unanswered.
    pub async fn catch_up(&self) -> Result<(), StationError> {
        for s in self.store.shipments_to_print().await? {
            self.print_shipment(&s.effect_key, &s.queued.request, s.shipment)
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
    pub(super) async fn print_shipment(
        &self,
        effect_key: &str,
        req: &pack_flow::ShipmentRequest,
        shipment: Result<Shipment, String>,
    ) -> Result<(), StationError> {
        let shipment = shipment.map_err(BackendError::InvalidResponse);
        let docs = shipment
            .as_ref()
            .map_err(Clone::clone)
            .and_then(label_documents);
        let LabelDocuments {
            tracking_numbers: tracking,
            jobs,
        } = match docs {
            Ok(d) => d,
            Err(e) => {
                warn!(order = %req.order_id, error = %e, "the backend's shipment has no usable label");
                LabelDocuments::default()
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
        crate::crashpoint::hit(crate::crashpoint::Point::BeforeLabel);
        let result = self.send_jobs(effect_key, 0, jobs).await;
        crate::crashpoint::hit(crate::crashpoint::Point::AfterLabel);
        *self.reprint_order.lock().unwrap_or_else(|p| p.into_inner()) = Some(req.order_id.clone());
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.to_string())),
        };
        self.store
            .finish_print(effect_key, 0, status, error.as_deref(), now_ms())
            .await?;
        match result {
            Ok(()) => {
                *self.last_labelled.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(req.order_id.clone());
                info!(order = %req.order_id, "label printed");
                // The packing slip follows on the document printer; a failure there never
                // holds the label or the flow back.
                let slip = match &shipment {
                    Ok(sh) => self.print_slip(effect_key, req, sh).await,
                    Err(e) => Err(e.clone().into()),
                };
                if let Err(e) = slip {
                    warn!(order = %req.order_id, error = %e, "packing slip not printed");
                }
            }
            Err(e) => {
                warn!(order = %req.order_id, printer = %self.printer.describe(), error = %e, "label did not print")
            }
        }
        Ok(())
    }

    pub(super) async fn send_jobs(
        &self,
        key: &str,
        copy: u32,
        jobs: Vec<PrintJob>,
    ) -> Result<(), DeviceFault> {
        if jobs.is_empty() {
            return Err(DeviceFault::new(
                DeviceKind::Printer,
                "label_missing",
                "The backend sent no label document. Call a supervisor.",
            ));
        }
        for mut job in jobs {
            // A carrier's ZPL made for another resolution or size than the label printer's is
            // caught here, with what is wrong, instead of printing a useless label.
            self.label_fits(&job)?;
            job.job_id = format!("{key}#{}c{copy}", job.job_id);
            self.printer.print(job).await?;
        }
        Ok(())
    }

    /// An order's label print jobs, its first label job, and the label documents the backend
    /// sent for it (what reprints and the preview use).
    pub(super) async fn printed_label(
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
        let shipment = self
            .station
            .outbox
            .delivered_shipment(&first.shipment_key)
            .await?
            .ok_or_else(|| {
                BackendError::InvalidResponse(format!(
                    "the backend's answer for order {order_id}'s shipment is missing"
                ))
            })?;
        let docs = label_documents(&shipment)?.jobs;
        Ok((jobs, first, docs))
    }

    /// The label printer as the station is set up: its resolution and the loaded labels.
    pub fn label_printer(&self) -> packbench_labels::PrinterProfile {
        packbench_labels::PrinterProfile::new(
            printer_dpi(self.opts.label_format),
            self.opts.label_media,
        )
    }

    /// Whether a document suits the label printer, judged by where its ink falls as the
    /// preview renderer draws it.
    pub fn label_fits(&self, job: &PrintJob) -> Result<(), DeviceFault> {
        label_fits(job, self.label_printer(), Some(self.renderer.as_ref()))
    }

    /// Exactly what went to the label printer for an order, as PNG images (each ZPL format
    /// drawn at the printer's resolution on the loaded labels).
    pub async fn label_preview(&self, order_id: &str) -> Result<Vec<Vec<u8>>, StationError> {
        let (_, _, docs) = self.printed_label(order_id).await?;
        let printer = self.label_printer();
        let mut images = Vec::new();
        for d in docs {
            if d.content_type != ContentType::Zpl {
                return Err(PreviewError(
                    "PDF labels are not previewed on screen; open the print spool".into(),
                )
                .into());
            }
            images.extend(
                self.renderer
                    .render_pngs(&d.data, printer.dpi, printer.media)?,
            );
        }
        Ok(images)
    }

    /// Tells the flow about every label printed (or possibly printed) for an order it still
    /// waits on: the print and the flow step are separate commits, and a crash may fall between.
    pub(super) async fn reconcile_labels(&self) -> Result<(), StationError> {
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
        self.station.run.reprinted();
        let result = self.send_jobs(&first.shipment_key, copy, docs).await;
        let (status, error) = match &result {
            Ok(()) => (PrintStatus::Printed, None),
            Err(e) => (PrintStatus::Failed, Some(e.to_string())),
        };
        self.store
            .finish_print(
                &first.shipment_key,
                copy,
                status,
                error.as_deref(),
                now_ms(),
            )
            .await?;
        result?;
        self.reconcile_labels().await?;
        Ok(copy)
    }
}

/// Marks a packing slip's print job (beside its shipment's label jobs).
pub(super) const SLIP_SUFFIX: &str = "#slip";

/// Whether the flow still waits on this order's label (open order, label requested).
pub(super) fn awaiting_label(s: &PackState, order_id: &str) -> bool {
    s.current_order()
        .is_some_and(|o| o.order.order_id == order_id)
        && s.current()
            .is_some_and(|p| p.label == LabelStatus::Requested)
}

/// A created shipment's tracking numbers and its label documents as print jobs.
#[derive(Debug, Clone, Default)]
pub struct LabelDocuments {
    pub tracking_numbers: Vec<String>,
    /// One job per label document, job id `p<parcel>`.
    pub jobs: Vec<PrintJob>,
}

/// The tracking numbers and label documents of a created shipment.
pub fn label_documents(sh: &Shipment) -> Result<LabelDocuments, BackendError> {
    let tracking_numbers = sh
        .parcels
        .iter()
        .map(|p| p.tracking_number.clone())
        .collect();
    let mut jobs = Vec::new();
    for l in &sh.labels {
        let data = base64::engine::general_purpose::STANDARD
            .decode(&l.content_base64)
            .map_err(|e| {
                BackendError::InvalidResponse(format!(
                    "label of parcel {} is not base64: {e}",
                    l.parcel_no
                ))
            })?;
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
    Ok(LabelDocuments {
        tracking_numbers,
        jobs,
    })
}

/// The resolution of a label printer asked for labels of `format`.
pub fn printer_dpi(format: LabelFormat) -> packbench_labels::Dpi {
    match format {
        LabelFormat::Zpl300 => packbench_labels::Dpi::D300,
        _ => packbench_labels::Dpi::D203,
    }
}

/// Whether a ZPL label suits the station's label printer and the labels loaded in it; with a
/// renderer, by where its ink falls, else by its field origins and barcodes. A label the
/// renderer cannot draw is judged without it. PDF documents are not checked here.
pub fn label_fits(
    job: &PrintJob,
    printer: packbench_labels::PrinterProfile,
    renderer: Option<&dyn LabelRenderer>,
) -> Result<(), DeviceFault> {
    if job.content_type != ContentType::Zpl {
        return Ok(());
    }
    let ink = renderer
        .and_then(|r| r.ink(&job.data, printer.dpi, printer.media).ok())
        .unwrap_or_default();
    packbench_labels::check_zpl_with_ink(&job.data, printer, &ink)
        .map(|_| ())
        .map_err(|e| {
            DeviceFault::new(
                DeviceKind::Printer,
                "label_does_not_fit",
                format!(
                    "the label for {} does not suit the label printer: {e}",
                    job.name
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use packbench_labels::{Dpi, Media, PrinterProfile};

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
        let p203 = PrinterProfile::four_by_six(Dpi::D203);
        let p300 = PrinterProfile::four_by_six(Dpi::D300);
        assert!(label_fits(&at203, p203, None).is_ok());
        assert!(label_fits(&at300, p300, None).is_ok());
        let err = label_fits(&at300, p203, None).unwrap_err().message;
        assert!(
            err.contains("SO-1 parcel 1") && err.contains("does not suit"),
            "{err}"
        );
        let pdf = PrintJob::pdf("p1", "SO-1 parcel 1", b"%PDF-1.7".to_vec());
        assert!(label_fits(&pdf, p203, None).is_ok());
    }

    /// A renderer that reports ink down to `bottom_dots`, as a drawn 199 mm label would.
    struct InkTo {
        bottom_dots: u32,
    }

    impl LabelRenderer for InkTo {
        fn render_pngs(&self, _: &[u8], _: Dpi, _: Media) -> Result<Vec<Vec<u8>>, PreviewError> {
            Err(PreviewError("not drawn in this test".into()))
        }
        fn ink(
            &self,
            _: &[u8],
            _: Dpi,
            _: Media,
        ) -> Result<Vec<Option<packbench_labels::InkExtent>>, PreviewError> {
            Ok(vec![Some(packbench_labels::InkExtent {
                right_dots: 790,
                bottom_dots: self.bottom_dots,
            })])
        }
    }

    #[test]
    fn where_the_ink_falls_decides_against_the_loaded_labels() {
        // No ^PW or ^LL: only the ink tells the label's length.
        let job = PrintJob::zpl(
            "p1",
            "SO-2 parcel 1",
            b"^XA^FO20,20^GFA,1,1,1,00^FS^XZ".to_vec(),
        );
        let long = InkTo { bottom_dots: 1590 };
        let four_by_six = PrinterProfile::four_by_six(Dpi::D203);
        assert!(label_fits(&job, four_by_six, None).is_ok());
        let err = label_fits(&job, four_by_six, Some(&long)).unwrap_err();
        assert_eq!(err.code, "label_does_not_fit");
        assert!(
            err.message.contains("198.8 mm long") && err.message.contains("152.4 mm long"),
            "{}",
            err.message
        );
        let dhl = PrinterProfile::new(Dpi::D203, "103x199mm".parse().unwrap());
        assert!(label_fits(&job, dhl, Some(&long)).is_ok());
    }
}
