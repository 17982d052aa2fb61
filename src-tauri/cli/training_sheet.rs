//! `packbench training-sheet`: the training pack to print — every code needed to pack one
//! trolley with a real scanner (badges, the trolley, slot by slot the units in the order they
//! come and the box the station will suggest, all boxes, the action codes), in the station's
//! language. The codes come from the station's backend's training mode (the embedded training
//! backend when none is configured), exactly as the screen's hints show them.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use packbench_core::carton::{cartonize, CartonOptions, ItemToPack, PackRequest};
use packbench_core::TrolleyCode;
use packbench_ipc::i18n::Lang;
use packbench_labels::symbol::Symbology;
use packbench_labels::training_sheet::{render_training_sheet, SheetCode, SheetSection};
use packbench_labels::Paper;

use crate::config::{self, Overrides};
use crate::contract::training::TrainingHints;
use crate::contract::{CatalogueEntry, Role};
use crate::ports::BackendApi;

#[derive(Debug, Args)]
pub struct TrainingSheetArgs {
    /// The trolley to pack (default: the first one free to claim).
    #[arg(long)]
    pub trolley: Option<String>,
    /// The sheet's language: en, pl, ro, uk, bg or lt (default: the station's).
    #[arg(long, value_parser = super::args::lang())]
    pub lang: Option<String>,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = super::args::paper())]
    pub paper: String,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: TrainingSheetArgs, overrides: &Overrides) -> anyhow::Result<()> {
    let cfg = config::load(overrides)?;
    let paper: Paper = args.paper.parse()?;
    let lang = Lang::from_tag(args.lang.as_deref().unwrap_or(&cfg.language));
    let rt = tokio::runtime::Runtime::new()?;
    let pdf = rt.block_on(async {
        // As the app does: the configured backend, else the embedded training backend on the
        // station's own training database.
        let (api, _embedded) = crate::app::connect_backend(&cfg).await?;
        let free = api
            .training_hints(None)
            .await?
            .context("this backend has no training mode (a real warehouse backend): the training sheet needs the training backend")?;
        let code = match &args.trolley {
            Some(t) => t.clone(),
            None => free
                .free_trolleys
                .first()
                .cloned()
                .context("no trolley is free to claim")?,
        };
        let trolley: TrolleyCode = code.parse().map_err(|e| anyhow::anyhow!("{code}: {e}"))?;
        let hints = api
            .training_hints(Some(&trolley))
            .await?
            .context("the training backend stopped answering training hints")?;
        let manifest = api.trolley_manifest(&trolley).await?;
        let catalogue = api.packaging_catalogue().await?;
        let sections = sheet(&hints, &manifest, &catalogue, lang)?;
        let title = lang.words().text("training-sheet-title");
        render_training_sheet(&format!("{title} — {code}"), &sections, paper)
            .context("cannot render the training sheet")
    })?;
    std::fs::write(&args.out, pdf).with_context(|| format!("cannot write {}", args.out.display()))
}

fn code128(label: impl Into<String>, scan: &str) -> SheetCode {
    SheetCode {
        label: label.into(),
        scan: scan.to_owned(),
        symbology: Symbology::Code128,
    }
}

/// The sheet's sections, in the order a trainee uses them.
pub fn sheet(
    hints: &TrainingHints,
    manifest: &packbench_core::Manifest,
    catalogue: &[CatalogueEntry],
    lang: Lang,
) -> anyhow::Result<Vec<SheetSection>> {
    let w = lang.words();
    let codes = hints
        .trolley
        .as_ref()
        .context("the training backend gave no codes for the trolley")?;
    let action = |code: &str| {
        let label = packbench_ipc::actions::sheet(&w)
            .into_iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_owned(), |(_, l)| l);
        code128(label, code)
    };
    let mut sections = vec![
        SheetSection {
            title: w.text("training-sheet-sign-in"),
            codes: hints
                .crew
                .iter()
                .map(|c| {
                    let role = w.text(match c.role {
                        Role::Packer => "role-packer",
                        Role::Supervisor => "role-supervisor",
                    });
                    code128(format!("{} ({role}, {})", c.name, c.language), &c.badge)
                })
                .collect(),
        },
        SheetSection {
            title: w.text("training-sheet-trolley"),
            codes: vec![code128(codes.trolley.clone(), &codes.trolley)],
        },
    ];
    let packagings: Vec<_> = catalogue.iter().map(|c| c.spec.clone()).collect();
    for s in &codes.slots {
        let slot_title = w.fmt("training-sheet-slot", &[("slot", s.slot.into())]);
        let mut list = vec![code128(slot_title.clone(), &s.location)];
        for l in &s.lines {
            let qty = l.units.len();
            for (i, u) in l.units.iter().enumerate() {
                list.push(SheetCode {
                    label: format!("{} ({}/{qty})", l.name, i + 1),
                    scan: u.scan.clone(),
                    symbology: u.symbology,
                });
            }
        }
        list.push(action(packbench_ipc::actions::CLOSE_PARCEL));
        // The box the station suggests for the whole order.
        if let Some(slot) = manifest.slots.iter().find(|m| m.slot == s.slot) {
            let items: Vec<ItemToPack> =
                slot.order.lines.iter().map(ItemToPack::from_line).collect();
            let req = PackRequest {
                client: slot.order.client.clone(),
                items,
            };
            let result = cartonize(&packagings, &req, &CartonOptions::default());
            for p in &result.parcels {
                if let Some(e) = catalogue.iter().find(|c| c.spec.id == p.packaging_id) {
                    list.push(code128(
                        format!("{}: {}", w.text("training-suggested-box"), e.name),
                        &e.barcode,
                    ));
                }
            }
        }
        sections.push(SheetSection {
            title: format!("{slot_title} — {} — {}", s.location, s.order_id),
            codes: list,
        });
    }
    sections.push(SheetSection {
        title: w.text("training-sheet-boxes"),
        codes: catalogue
            .iter()
            .map(|c| code128(c.name.clone(), &c.barcode))
            .collect(),
    });
    sections.push(SheetSection {
        title: w.text("training-sheet-actions"),
        codes: packbench_ipc::actions::sheet(&w)
            .into_iter()
            .map(|(code, label)| code128(label, code))
            .collect(),
    });
    Ok(sections)
}
