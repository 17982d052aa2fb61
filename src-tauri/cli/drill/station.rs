//! `packbench drill-station`: the headless station the drill starts and kills, with the app's
//! services and no webview; for `--outage` it pauses once it holds the outage trolley.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use packbench_core::TrolleyCode;

use super::bot::{pack_trolleys_holding, OutageHold};
use crate::config::Config;
use crate::services::pack::PackOptions;

#[derive(Debug, Args)]
pub struct DrillStationArgs {
    /// The trolleys to pack, in order (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub trolleys: Vec<String>,
    /// The outage drill: once this trolley is claimed, write `OUTAGE_DIR/claimed` and wait for
    /// `OUTAGE_DIR/resume` before packing it (the backend is taken down meanwhile).
    #[arg(long, requires = "outage_dir")]
    pub hold_after_claim: Option<String>,
    #[arg(long)]
    pub outage_dir: Option<std::path::PathBuf>,
}

/// `packbench drill-station`: the headless station the drill kills. It packs its trolleys in
/// order, then waits for the outbox to drain and every label to print, and exits 0.
pub fn run_station(cfg: Config, args: DrillStationArgs) -> anyhow::Result<ExitCode> {
    let _log = crate::logging::init(&cfg.data_dir.join("logs"), cfg.otlp_endpoint.as_deref())?;
    let trolleys = args
        .trolleys
        .iter()
        .map(|t| {
            t.parse::<TrolleyCode>()
                .map_err(|e| anyhow::anyhow!("{t}: {e}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let outage = match (&args.hold_after_claim, &args.outage_dir) {
        (Some(t), Some(dir)) => Some(OutageHold::new(
            t.parse().map_err(|e| anyhow::anyhow!("{t}: {e}"))?,
            dir.clone(),
        )),
        _ => None,
    };
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let opts = PackOptions {
            label_wait: Duration::from_millis(300),
            ..PackOptions::default()
        };
        let station = crate::app::start_station(&cfg, opts).await?;
        pack_trolleys_holding(&station, trolleys, outage).await
    })?;
    Ok(ExitCode::SUCCESS)
}
