//! Packbench's station devices. [`scale`] holds the `Scale` port and the pure protocol code;
//! [`serial`] the serial adapter; [`simulator`] simulated scales speaking the real protocols
//! over pseudo-terminals, for tests and training mode; [`printer`] the `Printer` port, its
//! transports (raw TCP, IPP/CUPS, serial, usblp) and a simulated Zebra; [`scanner`] serial
//! barcode scanners.

pub mod printer;
pub mod scale;
pub mod scanner;
pub mod serial;
pub mod simulator;

/// The serial adapter's one-shot read, for the CLI (`packbench scale read`).
pub use serial::read_once;

/// Writes a device error as `{"code": "...", "message": "..."}`, the shape errors cross IPC in.
pub(crate) fn serialize_coded<S: serde::Serializer>(
    serializer: S,
    name: &'static str,
    code: &str,
    message: &str,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut s = serializer.serialize_struct(name, 2)?;
    s.serialize_field("code", code)?;
    s.serialize_field("message", message)?;
    s.end()
}
