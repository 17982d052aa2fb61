//! A training backend and a station's client of it, as the integration tests start them
//! (`tests/station/`: the station, backend-contract and pack-flow tests).

#![allow(dead_code)]

use std::path::Path;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::training::{self, RunningBackend, TrainingOptions};
use packbench_core::TrolleyCode;

/// The stations' bearer token the tests' backends let in.
pub const TOKEN: &str = "test-token";

/// A training backend on a loopback port, its SQLite file in the test's directory.
pub fn options(dir: impl AsRef<Path>) -> TrainingOptions {
    TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.as_ref().join("training.sqlite"),
        token: TOKEN.into(),
        webhook_url: None,
    }
}

/// The training backend on a loopback port, its SQLite file in `dir`.
pub async fn backend(dir: impl AsRef<Path>) -> RunningBackend {
    backend_on(&dir.as_ref().join("training.sqlite")).await
}

/// The training backend on a loopback port over the SQLite file `db`.
pub async fn backend_on(db: &Path) -> RunningBackend {
    training::start(TrainingOptions {
        db_path: db.to_owned(),
        ..options(Path::new("."))
    })
    .await
    .expect("training backend starts")
}

/// A station's client of the backend at `url`.
pub fn client(url: &str, station: &str) -> HttpBackend {
    HttpBackend::new(url, station, TOKEN, HttpBackendOptions::default()).unwrap()
}

/// A trolley code the test knows is well formed.
pub fn code(s: &str) -> TrolleyCode {
    s.parse().unwrap()
}

/// A training backend in its own process (`packbench training-backend`), so stopping it closes
/// every connection, as a crashed or unplugged server would. Killed when dropped; `start`
/// returns it with the URL its first line announces.
pub struct BackendProcess(std::process::Child);

impl BackendProcess {
    /// Starts one over `db`, listening at `listen`: an address, or the URL an earlier one
    /// announced (a backend back at the same address after an outage).
    pub fn start(db: &Path, listen: &str) -> (BackendProcess, String) {
        let listen = listen.trim_start_matches("http://");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_packbench"))
            .args(["training-backend", "--listen", listen, "--db"])
            .arg(db)
            .env("PACKBENCH_TRAINING_TOKEN", TOKEN)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let line = first_line(&mut child);
        let url = line
            .strip_prefix("training backend listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        (BackendProcess(child), url)
    }
}

/// The first line a child started with a piped stdout prints (the address or link it announces
/// once ready), trimmed; the rest of its output is not read.
pub fn first_line(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("a piped stdout"))
        .read_line(&mut line)
        .unwrap();
    line.trim().to_owned()
}

impl Drop for BackendProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
