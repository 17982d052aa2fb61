//! `packbench scale ...`: IT's tools for a station's scale. `read` prints one stable weight (or
//! a clear error and a non-zero exit); `simulate` runs a scale speaking a real protocol on a
//! pseudo-terminal, for training and for trying a configuration without hardware.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use packbench_devices::scale::sim::SimScale;
use packbench_devices::scale::{Protocol, ScaleConfig};
use packbench_devices::simulator::SimulatedScale;

#[derive(Debug, Subcommand)]
pub enum ScaleCommand {
    /// Read one stable weight from a serial scale.
    Read {
        /// Serial port path, like /dev/ttyUSB0 (ptys are not auto-detected: give the path).
        #[arg(long)]
        port: String,
        /// mt-sics | nci | toledo-8217 | toledo-continuous
        #[arg(long, value_parser = super::args::scale_protocol())]
        protocol: String,
        /// Baud rate; default: the protocol's usual (9600).
        #[arg(long, value_parser = clap::value_parser!(u32).range(300..=921_600))]
        baud: Option<u32>,
        /// Give up after this many milliseconds without a stable weight.
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(100..=60_000))]
        timeout_ms: u64,
        /// Print JSON (`{"grams": N, "stable": true, ...}`, or `{"code", "message"}` on failure).
        #[arg(long)]
        json: bool,
    },
    /// Run a simulated scale on a pseudo-terminal until interrupted; prints its port path.
    Simulate {
        /// mt-sics | nci | toledo-8217 | toledo-continuous
        #[arg(long, value_parser = super::args::scale_protocol())]
        protocol: String,
        /// Also make this path a symlink to the port (a stable name for configs).
        #[arg(long)]
        link: Option<PathBuf>,
        /// The load on the platter, in grams.
        #[arg(long, default_value_t = 1250, value_parser = clap::value_parser!(i64).range(-100_000..=1_000_000))]
        grams: i64,
    },
}

pub fn run(cmd: ScaleCommand) -> ExitCode {
    match cmd {
        ScaleCommand::Read {
            port,
            protocol,
            baud,
            timeout_ms,
            json,
        } => read(&port, &protocol, baud, timeout_ms, json),
        ScaleCommand::Simulate {
            protocol,
            link,
            grams,
        } => simulate(&protocol, link, grams),
    }
}

fn read(port: &str, protocol: &str, baud: Option<u32>, timeout_ms: u64, json: bool) -> ExitCode {
    let result = ScaleConfig::from_cli(port, protocol, baud, Duration::from_millis(timeout_ms))
        .and_then(|cfg| packbench_devices::read_once(&cfg));
    match result {
        Ok(r) if json => {
            println!(
                "{}",
                serde_json::to_string(&r).expect("a reading serialises")
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            println!("{} g{}", r.grams, if r.stable { " (stable)" } else { "" });
            ExitCode::SUCCESS
        }
        Err(e) => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&e).expect("an error serialises")
                );
            }
            eprintln!("packbench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn simulate(protocol: &str, link: Option<PathBuf>, grams: i64) -> ExitCode {
    let started = protocol
        .parse::<Protocol>()
        .map_err(|e| e.to_string())
        .and_then(|p| SimulatedScale::start(SimScale::new(p)).map_err(|e| e.to_string()));
    let sim = match started {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("packbench: cannot start the simulated scale: {e}");
            return ExitCode::FAILURE;
        }
    };
    sim.set_load_g(grams);
    if let Some(link) = &link {
        if let Err(e) = sim.link_at(link) {
            eprintln!("packbench: cannot link {}: {e}", link.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{}",
        link.as_ref()
            .map(|l| l.display().to_string())
            .unwrap_or_else(|| sim.path().to_owned())
    );
    // Serve until the process is stopped; the simulator runs on its own thread.
    loop {
        std::thread::park();
    }
}
