//! `packbench printer status` asks a printer whether it can print; `packbench print` sends a
//! file to it as it is (ZPL or PDF). For IT setting up and checking a station's printers.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use packbench_devices::printer::{open_printer, ContentType, PrintJob, PrinterName, Role};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum PrinterCommand {
    /// Ask a printer how it is: ready, or the problems to fix (exit 1 when not ready).
    Status {
        /// tcp://host:9100, ipp://host/printers/NAME, cups://QUEUE, serial:///dev/..., usblp:///dev/usb/lp0
        #[arg(long)]
        printer: String,
        /// Print JSON: `{"ready": bool, "state", "problems": [{"code", "message"}]}`; codes
        /// such as paper_out, ribbon_out, head_open, paused, cutter_fault, head_too_hot,
        /// not_answering, unreachable.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The printer's URI (as for `packbench printer status`).
    #[arg(long)]
    pub printer: String,
    /// Print the receipt (or the error) as JSON.
    #[arg(long)]
    pub json: bool,
    /// The file to send as it is: ZPL, or a PDF (told by its first bytes).
    pub file: PathBuf,
}

/// One thing stopping (or troubling) the printer, with a stable code.
#[derive(Debug, Serialize)]
struct Problem {
    code: String,
    message: String,
}

#[derive(Debug, Serialize)]
struct StatusReport {
    printer: String,
    ready: bool,
    /// idle | printing | stopped; `null` when the printer could not be asked.
    state: Option<packbench_devices::printer::PrinterState>,
    problems: Vec<Problem>,
}

pub fn run(cmd: PrinterCommand) -> ExitCode {
    match cmd {
        PrinterCommand::Status { printer, json } => status(&printer, json),
    }
}

fn status(uri: &str, json: bool) -> ExitCode {
    let report = match open_printer(uri).and_then(|mut p| p.status()) {
        Ok(s) => {
            let name = PrinterName::new(Role::Unknown, uri);
            let refusal = s.refusal(&name);
            let mut problems: Vec<Problem> = s
                .conditions
                .iter()
                .map(|c| Problem {
                    code: c.code().to_owned(),
                    message: c.describe(),
                })
                .collect();
            if let (Some(e), true) = (&refusal, problems.is_empty()) {
                problems.push(Problem {
                    code: e.fault_code().to_owned(),
                    message: e.to_string(),
                });
            }
            StatusReport {
                printer: uri.to_owned(),
                ready: refusal.is_none(),
                state: Some(s.state),
                problems,
            }
        }
        Err(e) => StatusReport {
            printer: uri.to_owned(),
            ready: false,
            state: None,
            // `unreachable`, `not_answering`, or the set-up error's own code.
            problems: vec![Problem {
                code: e.fault_code().to_owned(),
                message: e.to_string(),
            }],
        },
    };
    if json {
        println!(
            "{}",
            serde_json::to_string(&report).expect("a status serialises")
        );
    } else if report.ready {
        println!("{uri}: ready");
    } else {
        println!("{uri}: not ready");
        for p in &report.problems {
            println!("  {}: {}", p.code, p.message);
        }
    }
    if report.ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub fn run_print(args: PrintArgs) -> ExitCode {
    let result = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))
        .and_then(|data| {
            let content_type = if data.starts_with(b"%PDF") {
                ContentType::Pdf
            } else {
                ContentType::Zpl
            };
            let name = args
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "packbench print".into());
            let job = PrintJob::new(
                format!("cli-{}", crate::clock::now_ms()),
                name,
                content_type,
                data,
            );
            let mut printer = open_printer(&args.printer).map_err(|e| e.to_string())?;
            printer.send(&job).map_err(|e| {
                if args.json {
                    println!(
                        "{}",
                        serde_json::to_string(&e).expect("an error serialises")
                    );
                }
                e.to_string()
            })
        });
    match result {
        Ok(receipt) => {
            if args.json {
                println!(
                    "{}",
                    serde_json::to_string(&receipt).expect("a receipt serialises")
                );
            } else {
                println!(
                    "sent {} bytes to {} ({:?})",
                    receipt.bytes_sent, receipt.printer, receipt.state
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("packbench: {e}");
            ExitCode::FAILURE
        }
    }
}
