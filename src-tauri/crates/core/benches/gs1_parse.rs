//! GS1 parse time per scan, within the scan-to-feedback budget: a realistic mix of what pack
//! stations scan (GS1-128 and DataMatrix element strings, the bracketed form, Digital Link
//! QR codes, EAN-13 with its AIM id, and refusals), each timed alone.
//!
//! `cargo bench -p packbench-core --bench gs1_parse` (release). `PACKBENCH_BENCH_SCANS` sets
//! the number of timed scans (default 200,000). Prints p50/p95/p99/max per form and overall;
//! target: p95 under 20 µs.

use std::hint::black_box;
use std::time::Instant;

use packbench_core::gs1::{parse_scan, ParseOptions};

const MIX: &[(&str, &str)] = &[
    (
        "gs1-128",
        "]C1010400638133393110LOT-7\u{1d}17261231\u{1d}21SN123",
    ),
    ("gs1-128", "]C100106141411234567897"),
    ("gs1-128", "]C10104006381333931310300125015261130"),
    (
        "datamatrix",
        "]d2010950600013435217271231\u{1d}10ABC123\u{1d}21XYZ9876543210\u{1d}91INT-7",
    ),
    (
        "datamatrix",
        "]d20109506000134352712PZN-12345678\u{1d}10B-42\u{1d}17280229",
    ),
    ("bracketed", "(01)09506000134352(17)271231(10)ABC(21)SN-1"),
    (
        "digital-link",
        "]Q1https://id.example.com/01/09506000134352/10/ABC?17=271231",
    ),
    (
        "digital-link",
        "HTTPS://ID.GS1.ORG/01/09520123456788/10/ABC1/21/12345?17=180426&3103=000195",
    ),
    ("ean-upc", "]E04006381333931"),
    ("refused", "]C10104006381333932"),
    ("refused", "(17)251399"),
    ("refused", "]d201095060001343521012345678901234567890123"),
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut us: Vec<f64>) -> f64 {
    us.sort_by(f64::total_cmp);
    let p95 = percentile(&us, 0.95);
    println!(
        "{name:<13} n={:<7} p50={:>6.2} µs  p95={:>6.2} µs  p99={:>6.2} µs  max={:>7.2} µs",
        us.len(),
        percentile(&us, 0.50),
        p95,
        percentile(&us, 0.99),
        us[us.len() - 1],
    );
    p95
}

fn main() {
    let n: usize = std::env::var("PACKBENCH_BENCH_SCANS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let opts = ParseOptions { requisites: false };
    // The dictionary is parsed once, at the first scan (the app does it at start-up).
    let first = Instant::now();
    black_box(parse_scan(MIX[0].1, opts)).ok();
    println!(
        "first scan, dictionary load included: {:?}",
        first.elapsed()
    );
    let mut by_form: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut all = Vec::with_capacity(n);
    for i in 0..n {
        let (form, scan) = MIX[i % MIX.len()];
        let t = Instant::now();
        let r = black_box(parse_scan(black_box(scan), opts));
        let us = t.elapsed().as_secs_f64() * 1e6;
        assert_eq!(r.is_err(), form == "refused", "{scan:?}: {r:?}");
        all.push(us);
        match by_form.iter_mut().find(|(f, _)| *f == form) {
            Some((_, v)) => v.push(us),
            None => by_form.push((form, vec![us])),
        }
    }
    for (form, us) in by_form {
        report(form, us);
    }
    let p95 = report("all", all);
    println!(
        "target p95 < 20 µs: {}",
        if p95 < 20.0 { "met" } else { "MISSED" }
    );
}
