//! Printer URIs: what parses to what, and what is refused with which reason.

use packbench_devices::printer::ipp::cups_endpoint;
use packbench_devices::printer::{open_printer, PrinterUri, Transport};
use std::time::Duration;

#[test]
fn valid_uris_parse_to_their_transport() {
    let tcp = |h: &str, p| Transport::RawTcp {
        host: h.into(),
        port: p,
    };
    let ipp = |h: &str, p, path: &str| Transport::Ipp {
        host: h.into(),
        port: p,
        path: path.into(),
    };
    let table: Vec<(&str, Transport)> = vec![
        ("tcp://10.0.0.7:9100", tcp("10.0.0.7", 9100)),
        ("tcp://10.0.0.7", tcp("10.0.0.7", 9100)),
        (
            "TCP://zebra-04.wh1.local:6101/",
            tcp("zebra-04.wh1.local", 6101),
        ),
        ("tcp://[::1]:9100", tcp("::1", 9100)),
        ("  tcp://printer  ", tcp("printer", 9100)),
        (
            "ipp://127.0.0.1:631/printers/labels",
            ipp("127.0.0.1", 631, "/printers/labels"),
        ),
        (
            "ipp://printserver/printers/A4-office",
            ipp("printserver", 631, "/printers/A4-office"),
        ),
        (
            "ipp://192.168.1.20/ipp/print",
            ipp("192.168.1.20", 631, "/ipp/print"),
        ),
        (
            "http://localhost:8631/printers/x",
            ipp("localhost", 8631, "/printers/x"),
        ),
        (
            "cups://Zebra_ZD420",
            Transport::Cups {
                queue: "Zebra_ZD420".into(),
            },
        ),
        (
            "serial:///dev/ttyUSB0?baud=9600",
            Transport::Serial {
                path: "/dev/ttyUSB0".into(),
                baud: 9600,
            },
        ),
        (
            "serial:///dev/serial/by-id/usb-Zebra-if00",
            Transport::Serial {
                path: "/dev/serial/by-id/usb-Zebra-if00".into(),
                baud: 9600,
            },
        ),
        (
            "serial:///dev/ttyS0?baud=115200",
            Transport::Serial {
                path: "/dev/ttyS0".into(),
                baud: 115200,
            },
        ),
        (
            "usblp:///dev/usb/lp0",
            Transport::UsbLp {
                path: "/dev/usb/lp0".into(),
            },
        ),
    ];
    for (input, expected) in table {
        let uri = PrinterUri::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(uri.transport, expected, "{input}");
        assert_eq!(uri.as_str(), input.trim());
    }
}

#[test]
fn options_parse_from_the_query() {
    let uri =
        PrinterUri::parse("tcp://p:9100?connect_timeout_ms=250&timeout_ms=1500&status_timeout_ms=300&status=off&waiteof=false")
            .unwrap();
    assert_eq!(uri.options.connect_timeout, Duration::from_millis(250));
    assert_eq!(uri.options.io_timeout, Duration::from_millis(1500));
    assert_eq!(uri.options.status_timeout, Duration::from_millis(300));
    assert!(!uri.options.check_status);
    assert!(!uri.options.wait_eof);
    let defaults = PrinterUri::parse("cups://q").unwrap().options;
    assert!(defaults.check_status && defaults.wait_eof);
    assert_eq!(defaults.connect_timeout, Duration::from_secs(3));
}

#[test]
fn invalid_uris_are_refused_naming_what_is_wrong() {
    let table = [
        ("", "it is empty"),
        ("10.0.0.7:9100", "it has no scheme"),
        ("lpd://host/queue", "\"lpd://\" is not a printer connection"),
        ("tcp://", "the host is missing"),
        ("tcp://:9100", "the host is missing"),
        (
            "tcp://host:0",
            "the port \"0\" is not a number from 1 to 65535",
        ),
        ("tcp://host:99999", "the port \"99999\""),
        ("tcp://host:abc", "the port \"abc\""),
        ("tcp://host/queue", "a tcp:// printer has no path"),
        ("tcp://::1:9100", "write an IPv6 address in brackets"),
        ("tcp://[::1:9100", "lacks its closing ']'"),
        ("tcp://user:pw@host", "user names and passwords"),
        ("tcp://ho st", "contains ' '"),
        (
            "tcp://host?baud=9600",
            "unknown setting \"baud\" for a tcp:// printer",
        ),
        (
            "tcp://host?timeout_ms=0",
            "timeout_ms=0 is not a time in milliseconds",
        ),
        ("tcp://host?timeout_ms=fast", "timeout_ms=fast"),
        ("tcp://host?status=maybe", "status=maybe must be on or off"),
        ("tcp://host?status", "setting \"status\" has no value"),
        ("ipp://host", "the queue is missing"),
        ("ipp://host:631/", "the queue is missing"),
        (
            "ipps://host/printers/q",
            "encrypted IPP (ipps://) is not supported",
        ),
        ("ipp://host?waiteof=false", "unknown setting \"waiteof\""),
        ("cups://", "the queue name is missing"),
        ("cups://server/queue", "cups:// takes the queue only"),
        ("serial://", "the device path is missing"),
        ("serial://dev/ttyUSB0", "must be absolute (three slashes)"),
        (
            "serial:///dev/ttyUSB0?baud=9601",
            "baud=9601 is not a serial speed",
        ),
        ("serial:///dev/", "names a directory"),
        ("usblp://lp0", "must be absolute"),
        ("usblp:///dev/usb/lp0?baud=9600", "unknown setting \"baud\""),
        ("tcp://host#frag", "cannot contain '#'"),
    ];
    for (input, reason) in table {
        let e = PrinterUri::parse(input).expect_err(input);
        assert_eq!(e.code(), "printer_invalid_uri", "{input}");
        let message = e.to_string();
        assert!(
            message.contains(reason),
            "{input}: \"{message}\" does not say \"{reason}\""
        );
        assert!(message.ends_with("Call IT."), "{message}");
        // open_printer refuses the same way, before any I/O.
        assert_eq!(
            open_printer(input).err().unwrap().code(),
            "printer_invalid_uri"
        );
    }
}

#[test]
fn cups_queues_resolve_on_cups_server_or_localhost() {
    let table = [
        (None, "ipp://localhost:631/printers/labels"),
        (Some(""), "ipp://localhost:631/printers/labels"),
        (
            Some("/run/cups/cups.sock"),
            "ipp://localhost:631/printers/labels",
        ),
        (Some("printsrv"), "ipp://printsrv:631/printers/labels"),
        (
            Some("127.0.0.1:8631"),
            "ipp://127.0.0.1:8631/printers/labels",
        ),
        (
            Some("printsrv:631/version=1.1"),
            "ipp://printsrv:631/printers/labels",
        ),
        (Some("[::1]:631"), "ipp://[::1]:631/printers/labels"),
    ];
    for (server, expected) in table {
        assert_eq!(cups_endpoint("labels", server), expected, "{server:?}");
    }
}
