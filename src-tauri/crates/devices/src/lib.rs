//! Packbench's station devices. [`scale`] holds the `Scale` port and the pure protocol code;
//! [`serial`] the serial adapter; [`simulator`] simulated scales speaking the real protocols
//! over pseudo-terminals, for tests and training mode; [`printer`] the `Printer` port, its
//! transports (raw TCP, IPP/CUPS, serial, usblp) and a simulated Zebra.

pub mod printer;
pub mod scale;
pub mod serial;
pub mod simulator;

pub use scale::read_once;
