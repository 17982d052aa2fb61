//! `packbench zpl-check` and `packbench preview`: a carrier's ZPL label judged against the
//! label printer and the labels loaded in it, as the station judges it before printing (where
//! the renderer says ink falls), and drawn as the station's preview draws it; and
//! `packbench label-media`: what a Zebra says of its labels (SGD `getvar`), held against the
//! station's settings. For IT checking a carrier's labels against a printer set-up.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use packbench_labels::zpl_draw::{ink_extents, preview_pngs};
use packbench_labels::{check_zpl_with_ink, Dpi, Media, PrinterProfile, ZplFacts};

use crate::config::{self, Overrides};

/// The label printer a check is for: flags first, then the station's `[printers]` settings.
#[derive(Debug, Args)]
pub struct PrinterArgs {
    /// The label printer's resolution: 203 or 300 dots per inch. Default: the station's
    /// `[printers] label_dpi`, else 203.
    #[arg(long)]
    pub dpi: Option<u32>,
    /// The labels loaded in the printer, width x length: 4x6in, 4x8in, 100x150mm, 103x199mm...
    /// Default: the station's `[printers] label_media`, else 4x6in.
    #[arg(long)]
    pub media: Option<String>,
}

#[derive(Debug, Args)]
pub struct ZplCheckArgs {
    /// The ZPL file (a carrier's label).
    #[arg(long)]
    pub zpl: PathBuf,
    #[command(flatten)]
    pub printer: PrinterArgs,
}

#[derive(Debug, Args)]
pub struct LabelMediaArgs {
    /// The label printer (raw TCP, a Zebra). Default: the station's `[printers] label`.
    #[arg(long)]
    pub printer: Option<String>,
    #[command(flatten)]
    pub station_printer: PrinterArgs,
    /// How long to wait for each answer, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub timeout_ms: u64,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The ZPL file (a carrier's label).
    #[arg(long)]
    pub zpl: PathBuf,
    #[command(flatten)]
    pub printer: PrinterArgs,
    /// Where to write the preview (PNG). A file of several formats gives NAME-2.png, ...
    #[arg(long)]
    pub out: PathBuf,
}

impl PrinterArgs {
    /// The printer to check against. The station's config is read only for what the flags
    /// leave open, and a station without a config file has the defaults.
    fn profile(&self, station: &Overrides) -> anyhow::Result<PrinterProfile> {
        let configured = if self.dpi.is_none() || self.media.is_none() {
            Some(config::load(station).context("cannot read the station's config")?)
        } else {
            None
        };
        let dpi = match self.dpi {
            Some(d) => Dpi::try_from(d).map_err(|e| anyhow::anyhow!("--dpi {d}: {e}"))?,
            None => configured
                .as_ref()
                .and_then(|c| c.printers.label_dpi)
                .unwrap_or_default(),
        };
        let media = match &self.media {
            Some(m) => m.parse::<Media>().context("--media")?,
            None => configured
                .as_ref()
                .map(|c| c.printers.label_media)
                .unwrap_or_default(),
        };
        Ok(PrinterProfile::new(dpi, media))
    }
}

fn dpi_value(dpi: Dpi) -> u32 {
    match dpi {
        Dpi::D203 => 203,
        Dpi::D300 => 300,
    }
}

fn describe(p: &PrinterProfile) -> String {
    format!("{} labels on a {} dpi printer", p.media, dpi_value(p.dpi))
}

/// The station's verdict on a label: its facts, or why it does not suit the printer.
fn judge(zpl: &[u8], path: &Path, printer: PrinterProfile) -> anyhow::Result<ZplFacts> {
    // A label the renderer cannot draw is judged by its field origins alone, as the station does.
    let ink = ink_extents(zpl, printer.dpi, printer.media).unwrap_or_default();
    check_zpl_with_ink(zpl, printer, &ink)
        .with_context(|| format!("{} does not suit {}", path.display(), describe(&printer)))
}

pub fn run_zpl_check(args: ZplCheckArgs, station: &Overrides) -> anyhow::Result<()> {
    let zpl =
        std::fs::read(&args.zpl).with_context(|| format!("cannot read {}", args.zpl.display()))?;
    let printer = args.printer.profile(station)?;
    let facts = judge(&zpl, &args.zpl, printer)?;
    println!(
        "{}: {} label format(s), fit for {}",
        args.zpl.display(),
        facts.formats.len(),
        describe(&printer)
    );
    Ok(())
}

/// Asks the label printer for its print width, label length and resolution and says where
/// they disagree with the station's settings: exit 1 when they do.
pub fn run_label_media(args: LabelMediaArgs, station: &Overrides) -> anyhow::Result<ExitCode> {
    let printer = args.station_printer.profile(station)?;
    let uri = match args.printer {
        Some(u) => u,
        None => config::load(station)
            .context("cannot read the station's config")?
            .printers
            .label
            .context("no label printer: give --printer tcp://host:9100 or set [printers] label")?,
    };
    let report = packbench_devices::printer::sgd::ask_media(
        &uri,
        std::time::Duration::from_millis(args.timeout_ms),
    )?;
    let said =
        |v: Option<u32>, unit: &str| v.map_or("not said".to_owned(), |d| format!("{d} {unit}"));
    println!(
        "{uri}: print width {}, label length {}, resolution {}",
        said(report.print_width_dots, "dots"),
        said(report.label_length_dots, "dots"),
        said(report.dpi, "dpi")
    );
    let wrong = packbench_labels::zpl_check::disagreements(
        &printer,
        report.print_width_dots,
        report.label_length_dots,
        report.dpi,
    );
    if wrong.is_empty() {
        println!("agrees with the station: {}", describe(&printer));
        return Ok(ExitCode::SUCCESS);
    }
    for w in &wrong {
        eprintln!("packbench: {w}");
    }
    eprintln!("load the labels the station is set for, or set [printers] label_media and label_dpi to the printer's");
    Ok(ExitCode::FAILURE)
}

/// The file the `n`th preview (from 0) goes to: OUT, then OUT-2.png, OUT-3.png...
fn preview_path(out: &Path, n: usize) -> PathBuf {
    if n == 0 {
        return out.to_owned();
    }
    let stem = out
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("preview");
    out.with_file_name(format!("{stem}-{}.png", n + 1))
}

/// Writes the preview, then exits 1 with the reason when the label does not suit the printer
/// (the preview still shows IT what the carrier sent).
pub fn run_preview(args: PreviewArgs, station: &Overrides) -> anyhow::Result<ExitCode> {
    let zpl =
        std::fs::read(&args.zpl).with_context(|| format!("cannot read {}", args.zpl.display()))?;
    let printer = args.printer.profile(station)?;
    let pngs = preview_pngs(&zpl, printer.dpi, printer.media)
        .with_context(|| format!("cannot preview {}", args.zpl.display()))?;
    let mut written = Vec::new();
    for (n, png) in pngs.iter().enumerate() {
        let path = preview_path(&args.out, n);
        std::fs::write(&path, png).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path.display().to_string());
    }
    match judge(&zpl, &args.zpl, printer) {
        Ok(_) => {
            println!(
                "{}: previewed in {}; fit for {}",
                args.zpl.display(),
                written.join(", "),
                describe(&printer)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("packbench: {e:#}");
            eprintln!("(the preview is in {})", written.join(", "));
            Ok(ExitCode::FAILURE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn further_formats_are_numbered_beside_the_first() {
        let out = Path::new("/tmp/x/label.png");
        assert_eq!(preview_path(out, 0), out);
        assert_eq!(preview_path(out, 1), Path::new("/tmp/x/label-2.png"));
    }
}
