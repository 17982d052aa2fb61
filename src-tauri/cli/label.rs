//! `packbench label` renders label data (the backend's label-data JSON) to ZPL or PDF, as the
//! station would print it; `packbench slip` renders a packing slip (carriers' ZPL: `zpl.rs`).
//! For IT checking printers and labels.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use packbench_labels::{Dpi, Format, LabelData, PackingSlipData, Paper};

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

#[derive(Debug, Args)]
pub struct SlipArgs {
    /// Packing-slip data, JSON (example: assets/samples/packing-slip.json).
    #[arg(long)]
    pub data: PathBuf,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = super::args::paper())]
    pub paper: String,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ActionSheetArgs {
    /// The packer's language: en, pl, ro, uk, bg or lt.
    #[arg(long, default_value = "en", value_parser = super::args::lang())]
    pub lang: String,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = super::args::paper())]
    pub paper: String,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
}

fn read_json<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    what: &str,
) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid {what}", path.display()))
}

pub fn run_slip(args: SlipArgs) -> anyhow::Result<()> {
    let paper: Paper = args.paper.parse()?;
    let data: PackingSlipData = read_json(&args.data, "packing-slip data")?;
    let pdf = packbench_labels::render_packing_slip(&data, paper)
        .with_context(|| format!("cannot render {}", args.data.display()))?;
    std::fs::write(&args.out, pdf).with_context(|| format!("cannot write {}", args.out.display()))
}

/// `packbench action-sheet`: the printable page of action barcodes for packers.
pub fn run_action_sheet(args: ActionSheetArgs) -> anyhow::Result<()> {
    use packbench_ipc::i18n::Lang;
    let paper: Paper = args.paper.parse()?;
    let w = Lang::from_tag(&args.lang).words();
    let actions: Vec<packbench_labels::action_sheet::SheetAction> =
        packbench_ipc::actions::sheet(&w)
            .into_iter()
            .map(
                |(code, label)| packbench_labels::action_sheet::SheetAction {
                    label,
                    code: code.to_owned(),
                },
            )
            .collect();
    let pdf = packbench_labels::action_sheet::render_action_sheet(
        &w.text("action-sheet-title"),
        &actions,
        paper,
    )
    .context("cannot render the action sheet")?;
    std::fs::write(&args.out, pdf).with_context(|| format!("cannot write {}", args.out.display()))
}

pub fn run(args: LabelArgs) -> anyhow::Result<()> {
    let format: Format = args.format.parse()?;
    let dpi = Dpi::try_from(args.dpi)?;
    let data: LabelData = read_json(&args.data, "label data")?;
    let bytes = packbench_labels::render(&data, format, dpi)
        .with_context(|| format!("cannot render {}", args.data.display()))?;
    std::fs::write(&args.out, bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
