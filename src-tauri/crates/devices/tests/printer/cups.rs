//! IPP against a real CUPS: a private `cupsd` per test on a loopback port, a raw queue whose
//! device is `socket://` to the simulated Zebra, and the bytes checked where they land.
//! Needs the packages `cups cups-client cups-bsd`.

use crate::{label_zpl, DEADLINE};
use packbench_devices::printer::sim::SimulatedZebra;
use packbench_devices::printer::{
    open_printer, Condition, IppPrinter, JobState, PrintJob, Printer, PrinterUri,
};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private scheduler: its own config, spool, logs and port; stopped (by its pid) on drop.
struct Cups {
    dir: tempfile::TempDir,
    port: u16,
    child: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Cups {
    fn start() -> Cups {
        let cupsd = ["/usr/sbin/cupsd", "/usr/local/sbin/cupsd"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("cupsd is not installed: apt-get install cups cups-client cups-bsd");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["etc", "spool", "spool/tmp", "cache", "state", "log"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        let port = free_port();
        let d = |s: &str| root.join(s).display().to_string();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "ServerRoot {}\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\nRequestRoot {}\nTempDir {}\nCacheDir {}\nStateDir {}\nAccessLog {}\nErrorLog {}\nPageLog {}\nSystemGroup root\nFileDevice Yes\n",
                d("etc"), d("spool"), d("spool/tmp"), d("cache"), d("state"),
                d("log/access_log"), d("log/error_log"), d("log/page_log"),
            ),
        )
        .unwrap();
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen 127.0.0.1:{port}\nBrowsing No\nWebInterface No\nDefaultAuthType None\nLogLevel debug\nJobRetryInterval 1\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
            ),
        )
        .unwrap();
        let child = Command::new(cupsd)
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(root.join("log/stderr")).unwrap(),
            ))
            .spawn()
            .expect("cupsd starts");
        let mut cups = Cups { dir, port, child };
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Ok(Some(status)) = cups.child.try_wait() {
                panic!("cupsd exited ({status}):\n{}", cups.logs());
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return cups;
            }
            assert!(
                Instant::now() < deadline,
                "cupsd did not listen on {port}:\n{}",
                cups.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn logs(&self) -> String {
        let read = |p: &str| std::fs::read_to_string(self.dir.path().join(p)).unwrap_or_default();
        let log = read("log/error_log");
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        format!(
            "{}\n{}",
            read("log/stderr"),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        )
    }

    /// Runs a CUPS client command against this scheduler.
    fn run(&self, program: &str, args: &[&str]) {
        let out = Command::new(program)
            .args(args)
            .env("CUPS_SERVER", self.server())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e} (apt-get install cups-client cups-bsd)"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.logs()
        );
    }

    /// A raw queue (no filters: the bytes pass untouched) printing to `device`.
    fn add_raw_queue(&self, name: &str, device: &str) {
        self.run("lpadmin", &["-p", name, "-v", device, "-E", "-m", "raw"]);
    }

    fn uri(&self, queue: &str) -> String {
        format!("ipp://{}/printers/{queue}?timeout_ms=5000", self.server())
    }
}

impl Drop for Cups {
    fn drop(&mut self) {
        // The socket backend retries forever if its printer went away: cancel first.
        let _ = Command::new("cancel")
            .arg("-a")
            .env("CUPS_SERVER", self.server())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn socket_to(sim: &SimulatedZebra) -> String {
    format!("socket://{}", sim.addr())
}

#[test]
fn a_label_printed_over_ipp_reaches_the_printer_byte_exact() {
    let sim = SimulatedZebra::start().unwrap();
    let cups = Cups::start();
    cups.add_raw_queue("zebra", &socket_to(&sim));
    let mut printer = IppPrinter::new(PrinterUri::parse(&cups.uri("zebra")).unwrap()).unwrap();
    assert!(printer.status().unwrap().can_print(), "{}", cups.logs());
    let job = PrintJob::zpl(
        "ORD-2002-1",
        "Parcel 1 of ORD-2002",
        label_zpl("1Z999AA10123456784"),
    );
    let receipt = printer.send(&job).unwrap();
    assert!(receipt.queue_job_id.is_some_and(|id| id > 0), "{receipt:?}");
    let state = printer
        .wait_for_job(&receipt, DEADLINE, Duration::from_millis(100))
        .unwrap_or_else(|e| panic!("{e}\n{}", cups.logs()));
    assert_eq!(state, JobState::Completed);
    assert_eq!(printer.job_state(&receipt).unwrap(), JobState::Completed);
    assert_eq!(sim.wait_for_jobs(1, DEADLINE), vec![job.data]);
}

#[test]
fn a_pdf_on_a_raw_queue_passes_untouched() {
    let sim = SimulatedZebra::start().unwrap();
    let cups = Cups::start();
    cups.add_raw_queue("office", &socket_to(&sim));
    let mut printer = open_printer(&cups.uri("office")).unwrap();
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    pdf.extend((0..=255u8).cycle().take(20_000));
    pdf.extend(b"\n%%EOF\n");
    let job = PrintJob::pdf("ORD-2002-slip", "Packing slip ORD-2002", pdf);
    let receipt = printer.send(&job).unwrap();
    let deadline = Instant::now() + DEADLINE;
    while !printer.job_state(&receipt).unwrap().is_final() {
        assert!(
            Instant::now() < deadline,
            "the job did not finish:\n{}",
            cups.logs()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        printer.job_state(&receipt).unwrap(),
        JobState::Completed,
        "{}",
        cups.logs()
    );
    assert_eq!(sim.wait_for_jobs(1, DEADLINE), vec![job.data]);
}

#[test]
fn a_missing_queue_is_not_found() {
    let cups = Cups::start();
    let mut printer = open_printer(&cups.uri("no-such-queue")).unwrap();
    let e = printer.status().unwrap_err();
    assert_eq!(e.code(), "printer_not_found", "{e}");
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_not_found", "{e}");
    assert!(e.to_string().starts_with("Label printer ipp://"), "{e}");
}

#[test]
fn a_paused_queue_refuses_before_sending() {
    let sim = SimulatedZebra::start().unwrap();
    let cups = Cups::start();
    cups.add_raw_queue("zebra", &socket_to(&sim));
    cups.run("cupsdisable", &["zebra"]);
    let mut printer = open_printer(&cups.uri("zebra")).unwrap();
    let status = printer.status().unwrap();
    assert!(status.conditions.contains(&Condition::Paused), "{status:?}");
    let e = printer
        .send(&PrintJob::zpl("J1", "Parcel", label_zpl("X")))
        .unwrap_err();
    assert_eq!(e.code(), "printer_paused", "{e}");
    // Nothing was queued: resuming prints nothing.
    cups.run("cupsenable", &["zebra"]);
    cups.run("lpstat", &["-o", "zebra"]);
    assert!(printer.status().unwrap().can_print());
    assert!(sim.jobs().is_empty());
}

#[test]
fn no_scheduler_is_unreachable() {
    let port = free_port();
    let mut printer = open_printer(&format!(
        "ipp://127.0.0.1:{port}/printers/zebra?timeout_ms=2000"
    ))
    .unwrap();
    let e = printer.status().unwrap_err();
    assert_eq!(e.code(), "printer_unreachable", "{e:?}");
    assert!(e.to_string().contains("is CUPS running?"), "{e}");
}
