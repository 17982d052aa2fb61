//! Simulated scales on pseudo-terminals: a thread plays the scale on the pty's master end with
//! [`SimScale`]'s reply logic, and the app opens the slave end's path like any serial port, so
//! the adapter's real bytes go through a real tty. Used by the tests, later by training mode.

use crate::scale::sim::SimScale;
use serialport::{SerialPort, TTYPort};
use std::io::{ErrorKind, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

struct Shared {
    sim: Mutex<SimScale>,
    received: Mutex<Vec<u8>>,
    stop: AtomicBool,
    sent: AtomicUsize,
    epoch: Instant,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A scale played by a thread on a pty. Dropping it (or [`SimulatedScale::unplug`]) stops the
/// thread, closes the pty and removes the links made to it, as pulling the scale's cable would
/// (udev removes a USB adapter's `/dev/serial/by-id` link with it).
pub struct SimulatedScale {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    path: String,
    links: Links,
}

/// The links made to a simulator's pty, removed when it goes: a link left behind would name a
/// pty number the kernel soon gives to another device (another test's simulator), which an app
/// reopening the link would then hold.
#[derive(Default)]
struct Links(Mutex<Vec<std::path::PathBuf>>);

impl Links {
    fn make(&self, target: &str, link: &std::path::Path) -> std::io::Result<()> {
        symlink_replacing(target, link)?;
        lock(&self.0).push(link.to_owned());
        Ok(())
    }

    /// Removes each link that still names `target` (a newer device may have taken it over).
    fn remove(&self, target: &str) {
        for link in lock(&self.0).drain(..) {
            if std::fs::read_link(&link).is_ok_and(|t| t == std::path::Path::new(target)) {
                let _ = std::fs::remove_file(&link);
            }
        }
    }
}

/// How often a continuous-output scale sends a frame (the simulator's tick is finer).
pub const FRAME_INTERVAL: Duration = Duration::from_millis(20);
const TICK: Duration = Duration::from_millis(5);

impl SimulatedScale {
    /// Starts playing `sim` on a new pty pair.
    pub fn start(sim: SimScale) -> Result<Self, serialport::Error> {
        let (mut master, slave) = TTYPort::pair()?;
        let path = slave.name().ok_or_else(|| {
            serialport::Error::new(serialport::ErrorKind::Unknown, "the pty has no path")
        })?;
        master.set_timeout(TICK)?;
        let shared = Arc::new(Shared {
            sim: Mutex::new(sim),
            received: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            sent: AtomicUsize::new(0),
            epoch: Instant::now(),
        });
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("simulated-scale".into())
            // The slave end stays open in the thread so that the master never sees a hang-up
            // while the app closes and reopens its own end.
            .spawn(move || run(master, slave, thread_shared))
            .map_err(|e| {
                serialport::Error::new(serialport::ErrorKind::Io(e.kind()), e.to_string())
            })?;
        Ok(SimulatedScale {
            shared,
            thread: Some(thread),
            path,
            links: Links::default(),
        })
    }

    /// The path the app opens (`/dev/pts/N`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Makes `link` a symbolic link to this pty (replacing any file there), like a
    /// `/dev/serial/by-id/...` name: a setting that survives replugging, and a fixed path for
    /// a simulator run from a binary.
    pub fn link_at(&self, link: &std::path::Path) -> std::io::Result<()> {
        self.links.make(&self.path, link)
    }

    /// The simulator's clock, as [`SimScale`] sees it.
    pub fn now(&self) -> Duration {
        self.shared.epoch.elapsed()
    }

    /// Puts a load on the platter now: it moves for the settle time, then settles.
    pub fn set_load_g(&self, grams: i64) {
        let now = self.now();
        lock(&self.shared.sim).set_load_g(grams, now);
    }

    /// Changes anything else: noise, settle time, condition, garbage, silence...
    pub fn update<R>(&self, f: impl FnOnce(&mut SimScale) -> R) -> R {
        f(&mut lock(&self.shared.sim))
    }

    /// Every byte the app has sent so far.
    pub fn received(&self) -> Vec<u8> {
        lock(&self.shared.received).clone()
    }

    /// How many bytes the scale has written to the line so far.
    pub fn sent_bytes(&self) -> usize {
        self.shared.sent.load(Ordering::SeqCst)
    }

    /// Stops the scale and closes its end of the line.
    pub fn unplug(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.links.remove(&self.path);
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SimulatedScale {
    fn drop(&mut self) {
        self.stop();
    }
}

fn run(mut master: TTYPort, slave: TTYPort, shared: Arc<Shared>) {
    let mut buf = [0u8; 256];
    let mut next_frame = Duration::ZERO;
    while !shared.stop.load(Ordering::SeqCst) {
        let reply = match master.read(&mut buf) {
            Ok(n) if n > 0 => {
                lock(&shared.received).extend_from_slice(&buf[..n]);
                let now = shared.epoch.elapsed();
                lock(&shared.sim).receive(&buf[..n], now)
            }
            Ok(_) => Vec::new(),
            Err(e) if e.kind() == ErrorKind::TimedOut => Vec::new(),
            Err(_) => {
                // Not expected while the slave is held open; avoid spinning if it happens.
                std::thread::sleep(TICK);
                Vec::new()
            }
        };
        send(&mut master, &reply, &shared);
        let now = shared.epoch.elapsed();
        if now >= next_frame {
            next_frame = now + FRAME_INTERVAL;
            let frame = lock(&shared.sim).stream_frame(now);
            send(&mut master, &frame, &shared);
        }
    }
    drop(slave);
    drop(master);
}

/// Writes to the line. A full buffer (nobody reading) times the write out and the bytes are
/// lost, as they would be on a real line.
fn send(master: &mut TTYPort, bytes: &[u8], shared: &Shared) {
    if !bytes.is_empty() && master.write_all(bytes).is_ok() {
        shared.sent.fetch_add(bytes.len(), Ordering::SeqCst);
    }
}

/// A serial barcode scanner on a pty: "scanning" writes a code and its terminator on the
/// master end, and the app reads the slave end's path like any serial port. Dropping it (or
/// [`SimulatedScanner::unplug`]) closes the pty, as pulling the cable would.
pub struct SimulatedScanner {
    master: Mutex<TTYPort>,
    // Held open so that the master never sees a hang-up while the app reopens its end.
    _slave: TTYPort,
    path: String,
    links: Links,
}

impl Drop for SimulatedScanner {
    fn drop(&mut self) {
        self.links.remove(&self.path);
    }
}

impl SimulatedScanner {
    pub fn start() -> Result<Self, serialport::Error> {
        let (mut master, slave) = TTYPort::pair()?;
        let path = slave.name().ok_or_else(|| {
            serialport::Error::new(serialport::ErrorKind::Unknown, "the pty has no path")
        })?;
        master.set_timeout(Duration::from_secs(1))?;
        Ok(SimulatedScanner {
            master: Mutex::new(master),
            _slave: slave,
            path,
            links: Links::default(),
        })
    }

    /// The path the app opens (`/dev/pts/N`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Makes `link` a symbolic link to this pty (see [`SimulatedScale::link_at`]).
    pub fn link_at(&self, link: &std::path::Path) -> std::io::Result<()> {
        self.links.make(&self.path, link)
    }

    /// Sends raw bytes on the line (noise, half codes).
    pub fn send(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut m = lock(&self.master);
        m.write_all(bytes)?;
        m.flush()
    }

    /// Scans `code`: sends it and the terminator.
    pub fn scan(&self, code: &str, terminator: crate::scanner::Terminator) -> std::io::Result<()> {
        let mut bytes = code.as_bytes().to_vec();
        bytes.extend_from_slice(terminator.bytes());
        self.send(&bytes)
    }

    /// Closes the line (and removes its links).
    pub fn unplug(self) {}
}

/// Makes `link` a symbolic link to `target`, replacing any file there.
fn symlink_replacing(target: &str, link: &std::path::Path) -> std::io::Result<()> {
    match std::fs::remove_file(link) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::os::unix::fs::symlink(target, link)
}
