//! `packbench carton`: runs the cartonization engine over a benchmark instance file and writes a
//! result file (the formats of the cartonization benchmark: `packbench_core::carton::bench_format`).
//! For benchmarks, and for IT to try a packaging catalogue against real orders. File I/O and
//! timing live here; the engine in the core has none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use packbench_core::carton::bench_format::{self, Instance, MetaFields, ResultLine, ResultMeta};
use packbench_core::carton::{CartonOptions, Objective};

#[derive(Debug, Args)]
pub struct CartonArgs {
    /// Instance file (`cartonization-instance/v1` JSON: boxes and orders).
    #[arg(long)]
    pub instance: PathBuf,
    /// Result file to write (JSON Lines: a meta line, then one line per order).
    #[arg(long)]
    pub out: PathBuf,
    /// What to minimise first: total packaging cost, or the number of parcels.
    #[arg(long, value_enum, default_value_t = ObjectiveArg::CheapestTotal)]
    pub objective: ObjectiveArg,
    /// Solve every order N times, check the answers agree, keep the fastest time.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ObjectiveArg {
    CheapestTotal,
    FewestParcels,
}

pub fn run(args: CartonArgs) -> anyhow::Result<()> {
    let inst = read_instance(&args.instance)?;
    let cat =
        bench_format::catalogue(&inst).with_context(|| args.instance.display().to_string())?;
    let opts = CartonOptions {
        objective: match args.objective {
            ObjectiveArg::CheapestTotal => Objective::CheapestTotal,
            ObjectiveArg::FewestParcels => Objective::FewestParcels,
        },
    };

    let wall = Instant::now();
    let mut lines: Vec<ResultLine> = Vec::with_capacity(inst.orders.len());
    for rep in 0..args.repeat {
        for (i, order) in inst.orders.iter().enumerate() {
            let t = Instant::now();
            let mut line = bench_format::solve_order(&cat, order, &opts);
            line.time_ms = t.elapsed().as_secs_f64() * 1000.0;
            if rep == 0 {
                lines.push(line);
                continue;
            }
            let first = &mut lines[i];
            let fastest = first.time_ms.min(line.time_ms);
            line.time_ms = first.time_ms;
            if line != *first {
                bail!(
                    "order {}: run {} differs from run 1 (not deterministic)",
                    order.id,
                    rep + 1
                );
            }
            first.time_ms = fastest;
        }
    }
    let wall_s = wall.elapsed().as_secs_f64() / f64::from(args.repeat);

    let meta = ResultMeta {
        meta: MetaFields {
            solver: "packbench-carton".into(),
            engine: format!(
                "packbench {} ({:?})",
                env!("CARGO_PKG_VERSION"),
                opts.objective
            ),
            instance: inst.name.clone(),
            wall_s,
        },
    };
    write_results(&args.out, &meta, &lines)?;
    eprintln!(
        "{} orders in {wall_s:.3} s -> {}",
        lines.len(),
        args.out.display()
    );
    Ok(())
}

fn read_instance(path: &Path) -> anyhow::Result<Instance> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a cartonization instance", path.display()))
}

fn write_results(path: &Path, meta: &ResultMeta, lines: &[ResultLine]) -> anyhow::Result<()> {
    let ctx = || format!("cannot write {}", path.display());
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).with_context(ctx)?);
    writeln!(out, "{}", serde_json::to_string(meta)?).with_context(ctx)?;
    for l in lines {
        writeln!(out, "{}", serde_json::to_string(l)?).with_context(ctx)?;
    }
    out.flush().with_context(ctx)
}
