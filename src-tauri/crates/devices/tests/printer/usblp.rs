//! The usblp adapter: a temporary file stands in for `/dev/usb/lp0` (the adapter opens it for
//! writing, without creating it, as it would the device).

use crate::label_zpl;
use packbench_devices::printer::{open_printer, JobState, PrintJob};

#[test]
fn jobs_are_written_to_the_device_file() {
    let dev = tempfile::NamedTempFile::new().unwrap();
    let uri = format!("usblp://{}", dev.path().display());
    let mut printer = open_printer(&uri).unwrap();
    let a = PrintJob::zpl("J1", "Parcel 1", label_zpl("A1"));
    let b = PrintJob::pdf("J2", "Slip", b"%PDF-1.7\n\x00\xff binary %%EOF".to_vec());
    assert_eq!(printer.send(&a).unwrap().state, JobState::Written);
    printer.send(&b).unwrap();
    assert_eq!(
        std::fs::read(dev.path()).unwrap(),
        [a.data, b.data].concat()
    );
    assert_eq!(
        printer.status().unwrap_err().code(),
        "printer_status_unsupported"
    );
}

#[test]
fn a_missing_device_is_not_found_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    let mut printer = open_printer(&format!("usblp://{}", path.display())).unwrap();
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_not_found");
    assert!(e.to_string().starts_with("Label printer usblp://"), "{e}");
    assert!(!path.exists());
}
