//! The station's devices as its use cases need them: a printer for labels and documents, and a
//! scale. Their faults cross this port typed, with the devices crate's stable code, so the screen,
//! the heartbeat and the desk can name "out of labels" rather than a generic device failure.

use async_trait::async_trait;
use packbench_devices::printer::{PrintJob, PrinterError};
use packbench_devices::scale::ScaleError;

/// Which kind of device a fault came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    Printer,
    Scale,
}

/// A printer or scale fault: the devices crate's stable code (`printer_out_of_paper`,
/// `scale_overload`, ...) and a message that says what the packer should do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DeviceFault {
    pub device: DeviceKind,
    pub code: &'static str,
    pub message: String,
}

impl DeviceFault {
    pub fn new(device: DeviceKind, code: &'static str, message: impl Into<String>) -> Self {
        DeviceFault {
            device,
            code,
            message: message.into(),
        }
    }

    /// The same fault, its message prefixed with the device's name (for a scale, whose own
    /// messages do not name it).
    pub fn named(mut self, name: &str) -> Self {
        self.message = format!("{name}: {}", self.message);
        self
    }
}

/// A printer fault carries the printer's state code (`paper_out`, `head_open`,
/// `not_answering`...), the one its status, the heartbeat and the screen share.
impl From<PrinterError> for DeviceFault {
    fn from(e: PrinterError) -> Self {
        DeviceFault::new(DeviceKind::Printer, e.fault_code(), e.to_string())
    }
}

impl From<ScaleError> for DeviceFault {
    fn from(e: ScaleError) -> Self {
        DeviceFault::new(DeviceKind::Scale, e.code(), e.to_string())
    }
}

/// Whether a device can work now, and the stable codes of what stops it (`paper_out`,
/// `scale_disconnected`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub ready: bool,
    pub problems: Vec<String>,
}

impl Readiness {
    pub fn ready() -> Self {
        Readiness {
            ready: true,
            problems: Vec::new(),
        }
    }
}

/// A printer the station sends label and document jobs to.
#[async_trait]
pub trait Printer: Send + Sync {
    /// Sends one job; the fault says what the packer should do (load labels, close the head...).
    async fn print(&self, job: PrintJob) -> Result<(), DeviceFault>;
    /// The printer's name for messages and logs.
    fn describe(&self) -> String;
    /// Whether it can print now, and what stops it.
    async fn health(&self) -> Readiness {
        Readiness::ready()
    }
}

/// The station's scale, as the pack flow uses it.
#[async_trait]
pub trait Scale: Send + Sync {
    /// One stable weight in grams (0: nothing on the platter); the fault says what the packer
    /// should do.
    async fn read_stable(&self) -> Result<u32, DeviceFault>;
    /// A training scale: the parcel now on the platter weighs about this much. Real scales
    /// ignore it.
    fn place(&self, _grams: u32) {}
    /// The scale's name for messages and logs.
    fn describe(&self) -> String;
    /// Whether it can weigh now (port open, answering, no fault), as last checked.
    async fn health(&self) -> Readiness;
}
