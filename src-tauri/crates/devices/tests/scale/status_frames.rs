//! Every status a scale protocol reports, as its manual writes the frame, played on a real pty
//! to the serial adapter: each ends as a typed error with its own code (or a reading with its
//! net flag). The frames are written from the manuals, not from the decoders; java-nci's
//! `NCIDeviceRxtxStatusTest` (status bytes built as `1 << bit | 1 << 4 | 1 << 5`) was the
//! cross-check for the NCI bytes.

use packbench_devices::scale::{Protocol, Scale, ScaleConfig};
use packbench_devices::serial::SerialScale;
use serialport::{SerialPort, TTYPort};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A scale that answers every request (any bytes ending the protocol's terminator) with
/// `frame`, on a pty, until dropped.
struct Parrot {
    path: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Parrot {
    fn start(frame: &'static [u8], request_end: u8) -> Parrot {
        let (mut master, slave) = TTYPort::pair().expect("a pty pair");
        let path = slave.name().unwrap();
        master.set_timeout(Duration::from_millis(5)).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stop_t = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let _slave = slave;
            let mut buf = [0u8; 64];
            while !stop_t.load(Ordering::SeqCst) {
                if let Ok(n) = master.read(&mut buf) {
                    // Toledo 8217 requests have no terminator: each byte is one request.
                    let requests = buf[..n]
                        .iter()
                        .filter(|&&b| request_end == 0 || b == request_end)
                        .count();
                    for _ in 0..requests {
                        let _ = master.write_all(frame);
                    }
                }
            }
        });
        Parrot {
            path,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Parrot {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn weigh(
    protocol: Protocol,
    frame: &'static [u8],
) -> Result<packbench_devices::scale::Reading, packbench_devices::scale::ScaleError> {
    let end = match protocol {
        Protocol::MtSics => b'\n',
        Protocol::Nci => b'\r',
        _ => 0,
    };
    let parrot = Parrot::start(frame, end);
    let mut c = ScaleConfig::new(&parrot.path, protocol);
    c.reply_timeout_ms = 200;
    c.poll_interval_ms = 20;
    c.timeout_ms = 700;
    let mut scale = SerialScale::open(c).expect("the pty opens");
    scale.read_stable(Duration::from_millis(700))
}

fn assert_codes(protocol: Protocol, table: &[(&'static [u8], &str)]) {
    for (frame, code) in table {
        let e = weigh(protocol, frame).expect_err(code);
        assert_eq!(e.code(), *code, "{protocol} {frame:?}: {e}");
        assert!(!e.to_string().is_empty());
    }
}

/// Weigh-Tronix SCP-01 (NCI standard), "Request status": byte 1 bit 0 "1 = Scale in motion",
/// bit 1 "1 = Scale at zero", bit 2 "1 = RAM error", bit 3 "1 = EEPROM error"; byte 2 bit 0
/// "1 = Under capacity", bit 1 "1 = Over capacity", bit 2 "1 = ROM error", bit 3 "1 = Faulty
/// calibration", bit 6 "1 = Byte follows"; byte 3 bit 2 "1 = Net weight", bit 3 "1 = Initial
/// zero error"; bits 4 and 5 "Always 1". Weight reply `<LF>xxxx.xxuu<CR><LF>hh...<CR><ETX>`.
#[test]
fn nci_status_bytes_each_have_their_code() {
    assert_codes(
        Protocol::Nci,
        &[
            (b"\n0001.00LB\r\n10\r\x03", "scale_not_settled"),
            (b"\n_______\r\n01\r\x03", "scale_underload"),
            (b"\n^^^^^^^\r\n02\r\x03", "scale_overload"),
            (b"\n0000.00LB\r\n40\r\x03", "scale_ram_error"),
            (b"\n0000.00LB\r\n80\r\x03", "scale_eeprom_error"),
            (b"\n0000.00LB\r\n04\r\x03", "scale_rom_error"),
            (b"\n0000.00LB\r\n08\r\x03", "scale_calibration_error"),
            (b"\n0000.00LB\r\n0p8\r\x03", "scale_initial_zero_error"),
            (b"\n?\r\x03", "scale_not_understood"),
        ],
    );
    // At zero, gross: a stable zero. Net (byte 3 bit 2): the reading says so.
    let zero = weigh(Protocol::Nci, b"\n0000.00LB\r\n20\r\x03").unwrap();
    assert_eq!((zero.grams, zero.net), (0, None));
    let net = weigh(Protocol::Nci, b"\n0001.00LB\r\n0p4\r\x03").unwrap();
    assert_eq!((net.grams, net.net), (454, Some(true)));
    let gross = weigh(Protocol::Nci, b"\n0001.00LB\r\n0p0\r\x03").unwrap();
    assert_eq!(gross.net, Some(false));
    // The parity bit set on every byte (7E1 read as 8 bits), as java-nci's tests send it.
    let parity = weigh(
        Protocol::Nci,
        b"\x8a\xb0\xb0\xb0\xb1\xae\xb0\xb0\xcc\xc2\x8d\x8a\xb0\xb0\x8d\x83",
    )
    .unwrap();
    assert_eq!(parity.grams, 454);
}

/// Toledo 8217 status `<STX>?s<CR>` (bit 0 motion, bit 1 over capacity, bit 2 negative, bit 3
/// outside zero capture range, bit 4 centre of zero, bit 5 net; bit 6 set so the byte is
/// printable), as the project's TESTING.md transcribes the 8217 manual.
#[test]
fn toledo_8217_status_bits_each_have_their_code() {
    assert_codes(
        Protocol::Toledo8217,
        &[
            (b"\x02?A\r", "scale_not_settled"),
            (b"\x02?B\r", "scale_overload"),
            (b"\x02?D\r", "scale_underload"),
            (b"\x02?H\r", "scale_needs_zero"),
        ],
    );
    let w = weigh(Protocol::Toledo8217, b"\x02001.234\r").unwrap();
    assert_eq!(w.grams, 1234);
}

/// MT-SICS reference manual, `SI`/`S` responses: "S I" command understood but not executable
/// at present, "S +" balance in overload range, "S -" balance in underload range; error
/// responses "ES" syntax error, "ET" transmission error, "EL" logical error.
#[test]
fn mt_sics_error_replies_each_have_their_code() {
    assert_codes(
        Protocol::MtSics,
        &[
            (b"S I\r\n", "scale_busy"),
            (b"S +\r\n", "scale_overload"),
            (b"S -\r\n", "scale_underload"),
            (b"ES\r\n", "scale_not_understood"),
            (b"ET\r\n", "scale_transmission_error"),
            (b"EL\r\n", "scale_cannot_execute"),
            (b"S D      1.234 kg\r\n", "scale_not_settled"),
        ],
    );
}
