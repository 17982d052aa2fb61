//! A simulated Zebra label printer speaking the real protocols, for tests and training mode:
//! [`SimulatedZebra`] on a TCP port (one connection = one job, `~HQES` and `~HS` answered on
//! the same port) and [`SimulatedSerialZebra`] on a pty. Both keep every job's bytes.
//! It answers as the ZPL Programming Guide says a printer does: `~HQES` always, and `~HS`
//! not at all "if the printer is in one of these conditions: MEDIA OUT, RIBBON OUT, HEAD OPEN,
//! REWINDER FULL, HEAD OVER-TEMPERATURE".

use crate::printer::hqes::{
    error_bits, warning_bits, ErrorsAndWarnings, ERRORS_AND_WARNINGS_REQUEST,
};
use crate::printer::zebra::{HostStatus, HOST_STATUS_REQUEST};
use serialport::{SerialPort, TTYPort};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How the simulator answers status requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusReply {
    /// As the guide says, for its [`ZebraState`].
    Answer,
    /// Nothing to either request (a printer that does not speak them, or a hung one).
    Silent,
    /// `~HS` answered as the guide says, `~HQES` ignored (firmware older than `~HQES`).
    HostStatusOnly,
    /// These bytes instead, once per request.
    Garbage(Vec<u8>),
}

/// The simulated printer's state: what `~HS` reports (reached through `Deref`, so
/// `sim.update(|s| s.paper_out = true)` works), and the `~HQES` flags `~HS` has no field for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ZebraState {
    pub host: HostStatus,
    pub cutter_fault: bool,
    pub motor_over_temperature: bool,
    pub bad_printhead_element: bool,
    pub printhead_detection_error: bool,
    /// Silences `~HS` per the guide; `~HQES` has no flag for it.
    pub rewinder_full: bool,
    pub needs_calibration: bool,
    pub clean_printhead: bool,
    pub replace_printhead: bool,
}

impl std::ops::Deref for ZebraState {
    type Target = HostStatus;
    fn deref(&self) -> &HostStatus {
        &self.host
    }
}

impl std::ops::DerefMut for ZebraState {
    fn deref_mut(&mut self) -> &mut HostStatus {
        &mut self.host
    }
}

impl ZebraState {
    /// The `~HQES` flags of this state (ZPL Programming Guide, Error and Warning Flags).
    pub fn errors_and_warnings(&self) -> ErrorsAndWarnings {
        let bit = |on: bool, b: u32| if on { b } else { 0 };
        ErrorsAndWarnings {
            errors: bit(self.host.paper_out, error_bits::MEDIA_OUT)
                | bit(self.host.ribbon_out, error_bits::RIBBON_OUT)
                | bit(self.host.head_open, error_bits::HEAD_OPEN)
                | bit(self.cutter_fault, error_bits::CUTTER_FAULT)
                | bit(
                    self.host.over_temperature,
                    error_bits::PRINTHEAD_OVER_TEMPERATURE,
                )
                | bit(
                    self.motor_over_temperature,
                    error_bits::MOTOR_OVER_TEMPERATURE,
                )
                | bit(
                    self.bad_printhead_element,
                    error_bits::BAD_PRINTHEAD_ELEMENT,
                )
                | bit(
                    self.printhead_detection_error,
                    error_bits::PRINTHEAD_DETECTION_ERROR,
                ),
            warnings: bit(
                self.needs_calibration,
                warning_bits::NEED_TO_CALIBRATE_MEDIA,
            ) | bit(self.clean_printhead, warning_bits::CLEAN_PRINTHEAD)
                | bit(self.replace_printhead, warning_bits::REPLACE_PRINTHEAD),
        }
    }

    /// Whether `~HS` goes unanswered: "MEDIA OUT, RIBBON OUT, HEAD OPEN, REWINDER FULL, HEAD
    /// OVER-TEMPERATURE" (ZPL Programming Guide, ~HS).
    pub fn silences_host_status(&self) -> bool {
        self.host.paper_out
            || self.host.ribbon_out
            || self.host.head_open
            || self.rewinder_full
            || self.host.over_temperature
    }
}

/// A status request found in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    HostStatus,
    ErrorsAndWarnings,
}

struct Shared {
    status: Mutex<(ZebraState, StatusReply)>,
    /// TCP: one entry per job connection. Serial: one entry, the whole line.
    jobs: Mutex<Vec<Vec<u8>>>,
    /// TCP: when the last byte of each job arrived, in the order of `jobs`.
    arrivals: Mutex<Vec<Instant>>,
    changed: Condvar,
    status_requests: AtomicUsize,
    hqes_requests: AtomicUsize,
    stop: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn new() -> Arc<Self> {
        Arc::new(Shared {
            status: Mutex::new((ZebraState::default(), StatusReply::Answer)),
            jobs: Mutex::new(Vec::new()),
            arrivals: Mutex::new(Vec::new()),
            changed: Condvar::new(),
            status_requests: AtomicUsize::new(0),
            hqes_requests: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        })
    }

    /// The answers to requests that arrived together, from one state: a printer answers
    /// `~HQES~HS` as it is at that moment, so a test changing the state meanwhile never gets an
    /// `~HS` answer from after the change behind an `~HQES` answer from before it.
    fn replies(&self, requests: &[Request]) -> Vec<u8> {
        let s = lock(&self.status);
        let (state, how) = (&s.0, &s.1);
        let mut out = Vec::new();
        for &request in requests {
            match request {
                Request::HostStatus => &self.status_requests,
                Request::ErrorsAndWarnings => &self.hqes_requests,
            }
            .fetch_add(1, Ordering::SeqCst);
            match (how, request) {
                (StatusReply::Silent, _) => {}
                (StatusReply::Garbage(g), _) => out.extend_from_slice(g),
                (StatusReply::HostStatusOnly, Request::ErrorsAndWarnings) => {}
                (_, Request::ErrorsAndWarnings) => {
                    out.extend_from_slice(&state.errors_and_warnings().encode())
                }
                (_, Request::HostStatus) if state.silences_host_status() => {}
                (_, Request::HostStatus) => out.extend_from_slice(&state.host.encode()),
            }
        }
        out
    }

    /// Waits until `done` holds for the jobs, or `timeout`; returns the jobs either way.
    fn wait(&self, timeout: Duration, done: impl Fn(&[Vec<u8>]) -> bool) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + timeout;
        let mut jobs = lock(&self.jobs);
        while !done(&jobs) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            jobs = self
                .changed
                .wait_timeout(jobs, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        jobs.clone()
    }
}

/// The status request starting at `data[i..]`, if a whole one does.
fn request_at(data: &[u8]) -> Option<(Request, usize)> {
    if data.starts_with(HOST_STATUS_REQUEST) {
        Some((Request::HostStatus, HOST_STATUS_REQUEST.len()))
    } else if data.starts_with(ERRORS_AND_WARNINGS_REQUEST) {
        Some((
            Request::ErrorsAndWarnings,
            ERRORS_AND_WARNINGS_REQUEST.len(),
        ))
    } else {
        None
    }
}

/// The status requests in `data[from..]`, in order, and where scanning resumes (a request
/// may be split across reads, so scanning stops short of a partial one).
fn scan_requests(data: &[u8], from: usize) -> (Vec<Request>, usize) {
    let longest = ERRORS_AND_WARNINGS_REQUEST.len();
    let mut found = Vec::new();
    let mut i = from;
    while i < data.len() {
        if let Some((r, n)) = request_at(&data[i..]) {
            found.push(r);
            i += n;
        } else if data.len() - i < longest && data[i] == b'~' {
            // Perhaps the start of a request whose rest has not arrived.
            break;
        } else {
            i += 1;
        }
    }
    (found, i)
}

/// Drops every `~HS` and `~HQES` from a stream: what is left is what would print.
pub fn without_status_requests(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if let Some((_, n)) = request_at(&data[i..]) {
            i += n;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

/// The controls both simulators share.
macro_rules! controls {
    () => {
        /// Sets what `~HS` reports from now on (the `~HQES`-only flags are kept).
        pub fn set_status(&self, status: HostStatus) {
            lock(&self.shared.status).0.host = status;
        }

        /// Changes part of the state: `sim.update(|s| s.paper_out = true)`,
        /// `sim.update(|s| s.cutter_fault = true)`.
        pub fn update(&self, f: impl FnOnce(&mut ZebraState)) {
            f(&mut lock(&self.shared.status).0)
        }

        pub fn set_status_reply(&self, reply: StatusReply) {
            lock(&self.shared.status).1 = reply;
        }

        /// How many `~HS` requests arrived.
        pub fn status_requests(&self) -> usize {
            self.shared.status_requests.load(Ordering::SeqCst)
        }

        /// How many `~HQES` requests arrived.
        pub fn errors_and_warnings_requests(&self) -> usize {
            self.shared.hqes_requests.load(Ordering::SeqCst)
        }
    };
}

/// A Zebra on `127.0.0.1:PORT`.
pub struct SimulatedZebra {
    shared: Arc<Shared>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

const TICK: Duration = Duration::from_millis(20);

impl SimulatedZebra {
    /// Listens on a free loopback port.
    pub fn start() -> std::io::Result<Self> {
        Self::bind("127.0.0.1:0")
    }

    /// Listens on `addr` (training mode may want a fixed port).
    pub fn bind(addr: &str) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let shared = Shared::new();
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("simulated-zebra".into())
            .spawn(move || accept_loop(listener, thread_shared))?;
        Ok(SimulatedZebra {
            shared,
            addr,
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `tcp://127.0.0.1:PORT`, for [`crate::printer::open_printer`].
    pub fn uri(&self) -> String {
        format!("tcp://{}", self.addr)
    }

    controls!();

    /// Every job so far, each the exact bytes of one connection.
    pub fn jobs(&self) -> Vec<Vec<u8>> {
        lock(&self.shared.jobs).clone()
    }

    /// Waits until `n` jobs have arrived or `timeout` passes; returns the jobs either way.
    pub fn wait_for_jobs(&self, n: usize, timeout: Duration) -> Vec<Vec<u8>> {
        self.shared.wait(timeout, |jobs| jobs.len() >= n)
    }

    /// When the last byte of each job so far arrived (read off the socket), in job order:
    /// what a latency measurement ends on.
    pub fn job_arrivals(&self) -> Vec<Instant> {
        let _jobs = lock(&self.shared.jobs);
        lock(&self.shared.arrivals).clone()
    }
}

impl Drop for SimulatedZebra {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wakes the blocking accept.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        let _ = std::thread::Builder::new()
            .name("simulated-zebra-conn".into())
            .spawn(move || serve(stream, shared));
    }
}

/// One connection: answer `~HS` as it comes; at the client's close, keep the bytes as a job
/// (unless they were status requests only) and close.
fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_read_timeout(Some(TICK));
    let mut data = Vec::new();
    let mut scanned = 0;
    let mut buf = [0u8; 8192];
    let mut last_byte = Instant::now();
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                last_byte = Instant::now();
                data.extend_from_slice(&buf[..n]);
                let (requests, next) = scan_requests(&data, scanned);
                scanned = next;
                let reply = shared.replies(&requests);
                if !reply.is_empty() && stream.write_all(&reply).is_err() {
                    return;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) => {}
            Err(_) => return,
        }
    }
    if !without_status_requests(&data).is_empty() {
        let mut jobs = lock(&shared.jobs);
        lock(&shared.arrivals).push(last_byte);
        jobs.push(data);
        drop(jobs);
        shared.changed.notify_all();
    }
}

/// A Zebra on a serial line, played on a pty: the app opens [`SimulatedSerialZebra::path`].
pub struct SimulatedSerialZebra {
    shared: Arc<Shared>,
    path: String,
    thread: Option<JoinHandle<()>>,
}

impl SimulatedSerialZebra {
    pub fn start() -> Result<Self, serialport::Error> {
        let (mut master, slave) = TTYPort::pair()?;
        let path = slave.name().ok_or_else(|| {
            serialport::Error::new(serialport::ErrorKind::Unknown, "the pty has no path")
        })?;
        master.set_timeout(Duration::from_millis(5))?;
        let shared = Shared::new();
        lock(&shared.jobs).push(Vec::new());
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("simulated-serial-zebra".into())
            // The slave end stays open here so the master never sees a hang-up while the app
            // closes and reopens its end.
            .spawn(move || run_serial(master, slave, thread_shared))
            .map_err(|e| {
                serialport::Error::new(serialport::ErrorKind::Io(e.kind()), e.to_string())
            })?;
        Ok(SimulatedSerialZebra {
            shared,
            path,
            thread: Some(thread),
        })
    }

    /// The pty path (`/dev/pts/N`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `serial:///dev/pts/N?baud=9600`.
    pub fn uri(&self) -> String {
        format!("serial://{}?baud=9600", self.path)
    }

    controls!();

    /// Every byte that came down the line, status requests included.
    pub fn received(&self) -> Vec<u8> {
        lock(&self.shared.jobs)[0].clone()
    }

    /// What would have printed: the line without its `~HS` requests.
    pub fn printed(&self) -> Vec<u8> {
        without_status_requests(&self.received())
    }

    /// Waits until at least `len` printable bytes arrived or `timeout` passes.
    pub fn wait_for_printed(&self, len: usize, timeout: Duration) -> Vec<u8> {
        let jobs = self.shared.wait(timeout, |jobs| {
            without_status_requests(&jobs[0]).len() >= len
        });
        without_status_requests(&jobs[0])
    }
}

impl Drop for SimulatedSerialZebra {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run_serial(mut master: TTYPort, slave: TTYPort, shared: Arc<Shared>) {
    let mut buf = [0u8; 4096];
    let mut scanned = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        match master.read(&mut buf) {
            Ok(n) if n > 0 => {
                let requests = {
                    let mut jobs = lock(&shared.jobs);
                    jobs[0].extend_from_slice(&buf[..n]);
                    let (requests, next) = scan_requests(&jobs[0], scanned);
                    scanned = next;
                    requests
                };
                shared.changed.notify_all();
                let reply = shared.replies(&requests);
                if !reply.is_empty() {
                    let _ = master.write_all(&reply);
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::TimedOut => {}
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    drop(slave);
    drop(master);
}
