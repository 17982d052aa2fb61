//! Runs the cartonization engine over a benchmark instance file and writes a result file
//! (formats: the benchmark's FORMAT.md). All file I/O and timing live here, not in the core.
//!
//! cargo run -p packbench-core --release --example carton_bench -- \
//!     INSTANCE.json OUT.jsonl [--objective fewest-parcels|cheapest-total] [--repeat N]
//!
//! With `--repeat N` every order is solved N times; its `time_ms` is the fastest of them (the
//! machine is shared, so the minimum is the least noisy figure), and the runs must agree exactly.

use std::io::Write;
use std::time::Instant;

use packbench_core::carton::bench_format::{self, Instance, MetaFields, ResultMeta};
use packbench_core::carton::{CartonOptions, Objective};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = CartonOptions::default();
    let mut repeat = 1usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--objective" {
            opts.objective = match it.next().map(String::as_str) {
                Some("fewest-parcels") => Objective::FewestParcels,
                Some("cheapest-total") => Objective::CheapestTotal,
                other => die(&format!("unknown objective {other:?}")),
            };
        } else if a == "--repeat" {
            repeat = it
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n >= 1)
                .unwrap_or_else(|| die("--repeat needs a number from 1"));
        } else {
            pos.push(a.clone());
        }
    }
    let [inst_path, out_path] = pos.as_slice() else {
        die("usage: carton_bench INSTANCE.json OUT.jsonl [--objective fewest-parcels|cheapest-total]");
    };
    let text =
        std::fs::read_to_string(inst_path).unwrap_or_else(|e| die(&format!("{inst_path}: {e}")));
    let inst: Instance =
        serde_json::from_str(&text).unwrap_or_else(|e| die(&format!("{inst_path}: {e}")));
    let cat = bench_format::catalogue(&inst).unwrap_or_else(|e| die(&format!("{inst_path}: {e}")));

    let wall = Instant::now();
    let mut lines: Vec<bench_format::ResultLine> = Vec::with_capacity(inst.orders.len());
    for rep in 0..repeat {
        for (i, order) in inst.orders.iter().enumerate() {
            let t = Instant::now();
            let mut line = bench_format::solve_order(&cat, order, &opts);
            line.time_ms = t.elapsed().as_secs_f64() * 1000.0;
            if rep == 0 {
                lines.push(line);
                continue;
            }
            let first = &mut lines[i];
            let ms = first.time_ms.min(line.time_ms);
            line.time_ms = first.time_ms;
            if line != *first {
                die(&format!(
                    "order {}: run {} differs from run 1 (not deterministic)",
                    order.id,
                    rep + 1
                ));
            }
            first.time_ms = ms;
        }
    }
    let wall_s = wall.elapsed().as_secs_f64() / repeat as f64;

    let file = std::fs::File::create(out_path).unwrap_or_else(|e| die(&format!("{out_path}: {e}")));
    let mut out = std::io::BufWriter::new(file);
    let meta = ResultMeta {
        meta: MetaFields {
            solver: "packbench-carton".into(),
            engine: format!(
                "packbench-core {} ({:?})",
                env!("CARGO_PKG_VERSION"),
                opts.objective
            ),
            instance: inst.name.clone(),
            wall_s,
        },
    };
    let mut write =
        |s: String| writeln!(out, "{s}").unwrap_or_else(|e| die(&format!("{out_path}: {e}")));
    write(serde_json::to_string(&meta).expect("meta serialises"));
    for l in &lines {
        write(serde_json::to_string(l).expect("result line serialises"));
    }
    eprintln!("{} orders in {:.3} s", lines.len(), wall_s);
}

fn die(msg: &str) -> ! {
    eprintln!("carton_bench: {msg}");
    std::process::exit(2);
}
