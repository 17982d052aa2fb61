//! The `Printer` port and its adapters, one per technology: [`RawTcpPrinter`] (JetDirect 9100),
//! [`IppPrinter`] (IPP and CUPS queues), [`SerialPrinter`], [`UsbLpPrinter`]; [`zebra`] and
//! [`hqes`] hold the pure `~HS` and `~HQES` codecs, [`status_query`] the exchange that asks
//! both, and [`sim`] a simulated Zebra speaking them over TCP or a pty.

mod error;
pub mod hqes;
pub mod ipp;
pub mod raw_tcp;
pub mod serial;
pub mod sgd;
pub mod sim;
pub mod status_query;
pub mod uri;
pub mod usblp;
pub mod zebra;

pub use error::{PrinterError, PrinterName, Role, Stage};
pub use ipp::IppPrinter;
pub use raw_tcp::RawTcpPrinter;
pub use serial::SerialPrinter;
pub use uri::{Options, PrinterUri, Transport};
pub use usblp::UsbLpPrinter;

use serde::Serialize;

/// What a job's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentType {
    /// Zebra Programming Language, for label printers.
    Zpl,
    Pdf,
}

impl ContentType {
    /// The IPP `document-format`. ZPL goes to CUPS raw, untouched by filters.
    pub fn ipp_format(self) -> &'static str {
        match self {
            ContentType::Zpl => "application/vnd.cups-raw",
            ContentType::Pdf => "application/pdf",
        }
    }

    pub fn role(self) -> Role {
        match self {
            ContentType::Zpl => Role::Label,
            ContentType::Pdf => Role::Document,
        }
    }
}

/// One document to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// Made by the station (an order or parcel reference plus a counter): ties a receipt, a
    /// log line and a reprint to the same job.
    pub job_id: String,
    /// Shown in print queues.
    pub name: String,
    pub content_type: ContentType,
    pub data: Vec<u8>,
}

impl PrintJob {
    pub fn new(
        job_id: impl Into<String>,
        name: impl Into<String>,
        content_type: ContentType,
        data: impl Into<Vec<u8>>,
    ) -> Self {
        PrintJob {
            job_id: job_id.into(),
            name: name.into(),
            content_type,
            data: data.into(),
        }
    }

    pub fn zpl(
        job_id: impl Into<String>,
        name: impl Into<String>,
        zpl: impl Into<Vec<u8>>,
    ) -> Self {
        PrintJob::new(job_id, name, ContentType::Zpl, zpl)
    }

    pub fn pdf(
        job_id: impl Into<String>,
        name: impl Into<String>,
        pdf: impl Into<Vec<u8>>,
    ) -> Self {
        PrintJob::new(job_id, name, ContentType::Pdf, pdf)
    }

    /// Refuses what no printer should be sent.
    pub fn validate(&self) -> Result<(), PrinterError> {
        if self.data.is_empty() {
            return Err(PrinterError::InvalidJob(format!(
                "job {} has no content",
                self.job_id
            )));
        }
        if self.job_id.trim().is_empty() {
            return Err(PrinterError::InvalidJob("the job has no id".into()));
        }
        Ok(())
    }
}

/// Where a job stands, as far as the transport can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Raw TCP: the printer took every byte and closed the connection.
    Delivered,
    /// Serial, usblp, raw TCP without `waiteof`: every byte was written; no confirmation.
    Written,
    /// IPP job states (RFC 8011 `job-state`).
    Pending,
    Held,
    Processing,
    Stopped,
    Canceled,
    Aborted,
    Completed,
}

impl JobState {
    pub fn from_ipp(state: i32) -> Option<JobState> {
        Some(match state {
            3 => JobState::Pending,
            4 => JobState::Held,
            5 => JobState::Processing,
            6 => JobState::Stopped,
            7 => JobState::Canceled,
            8 => JobState::Aborted,
            9 => JobState::Completed,
            _ => return None,
        })
    }

    /// No further change will come.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Delivered
                | JobState::Written
                | JobState::Canceled
                | JobState::Aborted
                | JobState::Completed
        )
    }
}

/// What the printer said when it took the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobReceipt {
    /// The client's id from the [`PrintJob`].
    pub job_id: String,
    pub printer: String,
    pub bytes_sent: usize,
    pub state: JobState,
    /// The queue's job id, over IPP.
    pub queue_job_id: Option<i32>,
}

/// The printer's overall state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrinterState {
    Idle,
    Printing,
    Stopped,
}

/// Something the printer reports about itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    PaperOut,
    HeadOpen,
    Paused,
    /// Ribbon, or toner or ink on a document printer.
    RibbonOut,
    MediaJam,
    HeadTooHot,
    HeadTooCold,
    CorruptMemory,
    BufferFull,
    Offline,
    /// `~HQES` error flags beyond the `~HS` ones.
    CutterFault,
    MotorTooHot,
    BadPrintheadElement,
    PrintheadNotDetected,
    /// Invalid firmware configuration or printhead thermistor open: a service call.
    HardwareFault,
    /// `~HQES` warnings: the printer still prints.
    NeedsCalibration,
    CleanPrinthead,
    ReplacePrinthead,
    /// A condition reported by name (an IPP `printer-state-reasons` keyword).
    Other(String),
}

impl Condition {
    /// Whether a job sent now would not print.
    pub fn stops_printing(&self) -> bool {
        !matches!(
            self,
            Condition::HeadTooCold
                | Condition::BufferFull
                | Condition::NeedsCalibration
                | Condition::CleanPrinthead
                | Condition::ReplacePrinthead
                | Condition::Other(_)
        )
    }

    /// A stable snake_case code for scripts and the UI (`other` for a queue's own keyword).
    pub fn code(&self) -> &'static str {
        match self {
            Condition::PaperOut => "paper_out",
            Condition::HeadOpen => "head_open",
            Condition::Paused => "paused",
            Condition::RibbonOut => "ribbon_out",
            Condition::MediaJam => "media_jam",
            Condition::HeadTooHot => "head_too_hot",
            Condition::HeadTooCold => "head_too_cold",
            Condition::CorruptMemory => "corrupt_memory",
            Condition::BufferFull => "buffer_full",
            Condition::Offline => "offline",
            Condition::CutterFault => "cutter_fault",
            Condition::MotorTooHot => "motor_too_hot",
            Condition::BadPrintheadElement => "bad_printhead_element",
            Condition::PrintheadNotDetected => "printhead_not_detected",
            Condition::HardwareFault => "hardware_fault",
            Condition::NeedsCalibration => "needs_calibration",
            Condition::CleanPrinthead => "clean_printhead",
            Condition::ReplacePrinthead => "replace_printhead",
            Condition::Other(_) => "other",
        }
    }

    /// A short description: "out of media", "head or cover open"...
    pub fn describe(&self) -> String {
        match self {
            Condition::PaperOut => "out of media".into(),
            Condition::HeadOpen => "head or cover open".into(),
            Condition::Paused => "paused".into(),
            Condition::RibbonOut => "out of ribbon or toner".into(),
            Condition::MediaJam => "media jam".into(),
            Condition::HeadTooHot => "printhead too hot".into(),
            Condition::HeadTooCold => "printhead too cold".into(),
            Condition::CorruptMemory => "memory corrupt".into(),
            Condition::BufferFull => "receive buffer full".into(),
            Condition::Offline => "offline".into(),
            Condition::CutterFault => "cutter fault".into(),
            Condition::MotorTooHot => "motor too hot".into(),
            Condition::BadPrintheadElement => "bad printhead element".into(),
            Condition::PrintheadNotDetected => "printhead not detected".into(),
            Condition::HardwareFault => "hardware fault (firmware or printhead sensor)".into(),
            Condition::NeedsCalibration => "media needs calibrating".into(),
            Condition::CleanPrinthead => "printhead needs cleaning".into(),
            Condition::ReplacePrinthead => "printhead needs replacing".into(),
            Condition::Other(k) => k.clone(),
        }
    }
}

/// A printer's answer to "can you print?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrinterStatus {
    pub state: PrinterState,
    /// Worst first.
    pub conditions: Vec<Condition>,
    /// A message from the printer or queue, if it gave one.
    pub detail: Option<String>,
}

impl PrinterStatus {
    pub fn ready() -> Self {
        PrinterStatus {
            state: PrinterState::Idle,
            conditions: Vec::new(),
            detail: None,
        }
    }

    /// A printer's status from what it reports: stopped by any condition that stops printing,
    /// else printing while it holds work (`busy`), else idle.
    pub fn from_conditions(conditions: Vec<Condition>, busy: bool) -> Self {
        let state = if conditions.iter().any(Condition::stops_printing) {
            PrinterState::Stopped
        } else if busy {
            PrinterState::Printing
        } else {
            PrinterState::Idle
        };
        PrinterStatus {
            state,
            conditions,
            detail: None,
        }
    }

    pub fn can_print(&self) -> bool {
        self.refusal(&PrinterName::new(Role::Unknown, "")).is_none()
    }

    /// The error a job gets when sent to a printer in this state, naming the first thing the
    /// packer must fix.
    pub fn refusal(&self, printer: &PrinterName) -> Option<PrinterError> {
        let printer = printer.clone();
        if let Some(c) = self.conditions.iter().find(|c| c.stops_printing()) {
            return Some(match c {
                Condition::PaperOut => PrinterError::OutOfPaper { printer },
                Condition::HeadOpen => PrinterError::HeadOpen { printer },
                Condition::Paused => PrinterError::Paused { printer },
                Condition::RibbonOut => PrinterError::RibbonOut { printer },
                other => PrinterError::Fault {
                    printer,
                    condition: other.clone(),
                },
            });
        }
        if self.state == PrinterState::Stopped {
            return Some(PrinterError::NotReady {
                printer,
                reason: self
                    .detail
                    .clone()
                    .unwrap_or_else(|| "it reports stopped".into()),
            });
        }
        None
    }
}

/// The port: a printer the station sends jobs to.
pub trait Printer: Send {
    /// The address it was opened with.
    fn uri(&self) -> &PrinterUri;

    /// Checks the printer can print (where the transport tells), then sends the job. A job
    /// refused for the printer's state was not sent at all.
    fn send(&mut self, job: &PrintJob) -> Result<JobReceipt, PrinterError>;

    /// Asks the printer how it is; `printer_status_unsupported` where the transport cannot.
    fn status(&mut self) -> Result<PrinterStatus, PrinterError>;

    /// Where a sent job stands now. Transports without job tracking repeat the receipt.
    fn job_state(&mut self, receipt: &JobReceipt) -> Result<JobState, PrinterError> {
        Ok(receipt.state)
    }
}

/// Opens the printer a config URI names, checking it first. Network adapters connect per job
/// and device adapters open the device per call, so this does no I/O: a printer switched off
/// now is reported at the first job or status request.
pub fn open_printer(uri: &str) -> Result<Box<dyn Printer>, PrinterError> {
    let uri = PrinterUri::parse(uri)?;
    Ok(match &uri.transport {
        Transport::RawTcp { .. } => Box::new(RawTcpPrinter::new(uri)?),
        Transport::Ipp { .. } | Transport::Cups { .. } => Box::new(IppPrinter::new(uri)?),
        Transport::Serial { .. } => Box::new(SerialPrinter::new(uri)?),
        Transport::UsbLp { .. } => Box::new(UsbLpPrinter::new(uri)?),
    })
}

/// Checks the status before a job when the printer's options ask for it.
pub(crate) fn check_before_send(
    printer: &mut dyn Printer,
    job: &PrintJob,
) -> Result<(), PrinterError> {
    if !printer.uri().options.check_status {
        return Ok(());
    }
    let name = PrinterName::new(job.content_type.role(), printer.uri().as_str());
    let status = printer
        .status()
        .map_err(|e| with_role(e, job.content_type.role()))?;
    match status.refusal(&name) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Re-labels an error from a status request with the role the job gives.
pub(crate) fn with_role(mut e: PrinterError, role: Role) -> PrinterError {
    use PrinterError::*;
    match &mut e {
        Unreachable { printer, .. }
        | NotFound { printer, .. }
        | PermissionDenied { printer, .. }
        | OutOfPaper { printer }
        | HeadOpen { printer }
        | Paused { printer }
        | RibbonOut { printer }
        | NotReady { printer, .. }
        | Fault { printer, .. }
        | NotAnswering { printer, .. }
        | Timeout { printer, .. }
        | Rejected { printer, .. }
        | StatusUnreadable { printer, .. }
        | StatusUnsupported { printer }
        | ConnectionLost { printer, .. } => printer.role = role,
        InvalidUri { .. } | InvalidJob(_) => {}
    }
    e
}
