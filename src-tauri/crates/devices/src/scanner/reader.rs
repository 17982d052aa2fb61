//! A thread that reads a serial scanner for as long as the station runs: codes and problems
//! come out of a channel, and an unplugged scanner is reopened every `reopen_interval_ms`
//! until it is back.

use super::{ScannerConfig, ScannerError, SerialScanner};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the reader reports, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannerEvent {
    /// The port is open (at start, and again after a replug).
    Connected,
    /// One scanned code, without its terminator.
    Code(String),
    /// Junk on the line, a lost connection, or a port that cannot be opened (reported once
    /// per outage, not at every retry).
    Problem(ScannerError),
}

/// The reading thread; dropping it stops the thread and closes the port.
pub struct ScannerReader {
    events: Receiver<ScannerEvent>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// How long one read waits before the thread checks whether it should stop.
const SLICE: Duration = Duration::from_millis(50);

impl ScannerReader {
    /// Checks the settings and starts reading.
    pub fn spawn(config: ScannerConfig) -> Result<ScannerReader, ScannerError> {
        let scanner = SerialScanner::new(config)?;
        let (tx, events) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("serial-scanner".into())
            .spawn(move || run(scanner, tx, thread_stop))
            .map_err(|e| ScannerError::InvalidConfig(format!("cannot start a thread: {e}")))?;
        Ok(ScannerReader {
            events,
            stop,
            thread: Some(thread),
        })
    }

    /// The next event, waiting at most `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<ScannerEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for ScannerReader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(mut scanner: SerialScanner, tx: Sender<ScannerEvent>, stop: Arc<AtomicBool>) {
    let reopen = Duration::from_millis(scanner.config().reopen_interval_ms.max(1));
    let mut outage_reported = false;
    let send = |e| tx.send(e).is_ok();
    while !stop.load(Ordering::SeqCst) {
        if !scanner.is_connected() {
            match scanner.connect() {
                Ok(()) => {
                    outage_reported = false;
                    if !send(ScannerEvent::Connected) {
                        return;
                    }
                }
                Err(e) => {
                    if !outage_reported && !send(ScannerEvent::Problem(e)) {
                        return;
                    }
                    outage_reported = true;
                    let until = Instant::now() + reopen;
                    while Instant::now() < until && !stop.load(Ordering::SeqCst) {
                        std::thread::sleep(SLICE.min(reopen));
                    }
                    continue;
                }
            }
        }
        let event = match scanner.next_code(SLICE) {
            Ok(None) => continue,
            Ok(Some(code)) => ScannerEvent::Code(code),
            Err(e) => {
                // A lost port is one outage with the failed reopens that follow.
                outage_reported = matches!(e, ScannerError::Disconnected { .. });
                ScannerEvent::Problem(e)
            }
        };
        if !send(event) {
            return;
        }
    }
}
