//! The printer layer's integration tests: the pure parts by table and property (URIs, Zebra
//! `~HS`, IPP reasons), then each transport against real parts: the simulated Zebra over TCP
//! and a pty, a file standing in for a usblp device, and a private `cupsd` per test.

mod codec;
mod cups;
mod fault_states;
mod raw_tcp;
mod serial;
mod uri;
mod usblp;

use std::time::Duration;

/// Generous for a loaded 2-core machine; every wait is a deadline, never a sleep.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// A small label, as a carrier would send it.
pub fn label_zpl(tracking: &str) -> Vec<u8> {
    format!("^XA^PW812^LL1218^FO50,50^A0N,40,40^FD{tracking}^FS^FO50,120^BCN,120,Y,N,N^FD{tracking}^FS^XZ\r\n")
        .into_bytes()
}
