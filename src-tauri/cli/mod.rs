//! The `packbench` command line: with no subcommand it runs the station app; subcommands serve
//! IT and benchmarks (`training-backend`, ...). Settings come from flags, then `PACKBENCH_*`
//! environment variables, then the config file. This module holds the clap types and the
//! dispatch; each subcommand family lives in a file of its own beside it.

pub mod args;
pub mod carton;
pub mod doctor;
pub mod drill;
pub mod gs1;
pub mod label;
pub mod printer;
pub mod scale;
pub mod token;
pub mod training_sheet;
pub mod zpl;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Overrides, TRAINING_TOKEN};

#[derive(Debug, Parser)]
#[command(name = "packbench", version, about = "Packbench: the pack-station app", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub station: StationArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct StationArgs {
    /// Station config file (TOML). Default: the user's, else /etc/packbench/station.toml.
    #[arg(long, env = "PACKBENCH_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// This station's id, as the backend knows it (like ST-01).
    #[arg(long, env = "PACKBENCH_STATION_ID", global = true)]
    pub station_id: Option<String>,
    /// Base URL of the warehouse backend. Without one, the embedded training backend runs.
    #[arg(long, env = "PACKBENCH_BACKEND_URL", global = true)]
    pub backend_url: Option<String>,
    /// Where the station keeps its database and logs.
    #[arg(long, env = "PACKBENCH_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the station app (the default).
    Run,
    /// Serve the training backend standalone, so several stations can share one.
    TrainingBackend {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// SQLite file; created and seeded with the demo warehouse when new.
        #[arg(long)]
        db: PathBuf,
        /// Bearer token stations must present.
        #[arg(long, env = "PACKBENCH_TRAINING_TOKEN", default_value = TRAINING_TOKEN, hide_env_values = true)]
        token: String,
        /// The site's chat webhook (Slack-compatible): each alert raised is posted there once.
        #[arg(long, value_parser = crate::config::webhook_url)]
        webhook_url: Option<String>,
    },
    /// Suggest packaging for every order of a benchmark instance file (cartonization).
    Carton(carton::CartonArgs),
    /// Render label data to a 4x6 shipping label in ZPL (203/300 dpi) or PDF.
    Label(label::LabelArgs),
    /// Render a packing slip (PDF, A4 or Letter).
    Slip(label::SlipArgs),
    /// Print this: the packers' action sheet (a PDF page of action barcodes).
    ActionSheet(label::ActionSheetArgs),
    /// Check that a carrier's ZPL label suits the label printer and its labels (size, resolution).
    ZplCheck(zpl::ZplCheckArgs),
    /// Draw a carrier's ZPL label as the station previews it (PNG); exit 1 with the reason when
    /// it does not suit the label printer and its labels.
    Preview(zpl::PreviewArgs),
    /// Ask the label printer (a Zebra, SGD getvar) what labels it holds; compare with the config.
    LabelMedia(zpl::LabelMediaArgs),
    /// Crash drill: pack demo trolleys while killing the station; check nothing is lost or doubled.
    Drill(drill::DrillArgs),
    /// The headless station the drill runs (no webview; the app's services).
    #[command(hide = true)]
    DrillStation(drill::DrillStationArgs),
    /// Scales: read one stable weight, or run a simulated scale (for IT and training).
    #[command(subcommand)]
    Scale(scale::ScaleCommand),
    /// Check the station's set-up: config, scale, printers, backend, outbox; says what to fix.
    Doctor(doctor::DoctorArgs),
    /// Printers: ask one for its status.
    #[command(subcommand)]
    Printer(printer::PrinterCommand),
    /// Send a file (ZPL or PDF) to a printer as it is.
    Print(printer::PrintArgs),
    /// GS1 codes: `gs1 parse` reads scans from standard input and says what each carries.
    #[command(subcommand)]
    Gs1(gs1::Gs1Command),
    /// Print this: a trainee's pack of every code needed to pack one trolley (PDF).
    TrainingSheet(training_sheet::TrainingSheetArgs),
    /// The station's backend token in the OS keyring: `token set` reads it from standard input.
    #[command(subcommand)]
    Token(token::TokenCommand),
}

impl StationArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config_file: self.config.clone(),
            station_id: self.station_id.clone(),
            backend_url: self.backend_url.clone(),
            // A secret: from the environment only, never a flag (flags show in `ps`).
            backend_token: std::env::var("PACKBENCH_BACKEND_TOKEN")
                .ok()
                .filter(|t| !t.is_empty())
                .map(Into::into),
            data_dir: self.data_dir.clone(),
            otlp_endpoint: std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT").ok(),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None | Some(Command::Run) => config::load(&cli.station.overrides())
            .map_err(anyhow::Error::from)
            .and_then(crate::app::run),
        Some(Command::TrainingBackend {
            listen,
            db,
            token,
            webhook_url,
        }) => crate::app::serve_training_backend(listen, db, token, webhook_url),
        Some(Command::Carton(args)) => carton::run(args),
        Some(Command::Label(args)) => label::run(args),
        Some(Command::Slip(args)) => label::run_slip(args),
        Some(Command::ZplCheck(args)) => zpl::run_zpl_check(args, &cli.station.overrides()),
        Some(Command::Preview(args)) => {
            return exit(zpl::run_preview(args, &cli.station.overrides()))
        }
        Some(Command::LabelMedia(args)) => {
            return exit(zpl::run_label_media(args, &cli.station.overrides()))
        }
        Some(Command::ActionSheet(args)) => label::run_action_sheet(args),
        Some(Command::Scale(cmd)) => return scale::run(cmd),
        Some(Command::Drill(args)) => return exit(drill::run(args)),
        Some(Command::DrillStation(args)) => {
            return exit(
                config::load(&cli.station.overrides())
                    .map_err(anyhow::Error::from)
                    .and_then(|cfg| drill::run_station(cfg, args)),
            )
        }
        Some(Command::Printer(cmd)) => return printer::run(cmd),
        Some(Command::Print(args)) => return printer::run_print(args),
        Some(Command::Token(cmd)) => return exit(token::run(cmd, &cli.station.overrides())),
        Some(Command::Gs1(cmd)) => return gs1::run(cmd),
        Some(Command::TrainingSheet(args)) => training_sheet::run(args, &cli.station.overrides()),
        Some(Command::Doctor(args)) => return doctor::run(args, &cli.station.overrides()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("packbench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn exit(r: anyhow::Result<ExitCode>) -> ExitCode {
    r.unwrap_or_else(|e| {
        eprintln!("packbench: {e:#}");
        ExitCode::FAILURE
    })
}
