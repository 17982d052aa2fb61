//! `packbench zpl-check` and `packbench preview`: a carrier's ZPL label judged against the
//! label printer and the labels loaded in it, as the station judges it before printing (where
//! the renderer says ink falls), and drawn as the station's preview draws it. For IT checking
//! a carrier's labels against a printer set-up.

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
