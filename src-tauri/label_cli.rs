//! `packbench label`: renders label data (the backend's label-data JSON) to ZPL or PDF, as the
//! station would print it. For IT checking a printer and for carriers' test labels.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use packbench_labels::{Dpi, Format, LabelData};

#[derive(Debug, Args)]
pub struct LabelArgs {
    /// Label data, JSON (example: assets/samples/label-data.json).
    #[arg(long)]
    pub data: PathBuf,
    /// zpl (thermal printers) or pdf.
    #[arg(long)]
    pub format: String,
    /// Printer resolution: 203 or 300 dots per inch.
    #[arg(long, default_value_t = 203)]
    pub dpi: u32,
    /// Where to write the label.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: LabelArgs) -> anyhow::Result<()> {
    let format: Format = args.format.parse()?;
    let dpi = Dpi::try_from(args.dpi)?;
    let text = std::fs::read_to_string(&args.data)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    let data: LabelData = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid label data", args.data.display()))?;
    let bytes = packbench_labels::render(&data, format, dpi)
        .with_context(|| format!("cannot render {}", args.data.display()))?;
    std::fs::write(&args.out, bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
