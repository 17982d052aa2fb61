//! Label render benchmark (a binary, not a timed test): how long the station takes to turn
//! label data into the 4x6 label it prints, as ZPL at 203 and 300 dpi and as PDF. The sample
//! label (`assets/samples/label-data.json`) and a few variations (a short address, long names
//! that must be fitted, a single parcel with no QR content of its own), each rendered many
//! times through `packbench_labels::render`, the entry point the CLI and the training carrier use.
//!
//!     cargo bench --bench label_render [-- RENDERS]     (default 1000 per format and variation)
//!
//! Targets: ZPL <= 1 ms, PDF <= 20 ms (mean and p95, release build).

use std::time::{Duration, Instant};

use packbench_labels::{render, Dpi, Format, LabelData, ParcelOf};

const SAMPLE: &str = include_str!("../../assets/samples/label-data.json");

fn variations() -> Vec<(&'static str, LabelData)> {
    let sample: LabelData = serde_json::from_str(SAMPLE).expect("the sample label data reads");
    let mut short = sample.clone();
    short.recipient.name = "Jan Kowal".into();
    short.recipient.company = None;
    short.recipient.street_lines = vec!["ul. Polna 1".into()];
    short.recipient.phone = None;
    short.service = "Classic".into();
    let mut long = sample.clone();
    long.recipient.name = "Aleksandra Konstantynopolitańczykiewiczówna-Szczebrzeszyńska".into();
    long.recipient.company = Some(
        "Przedsiębiorstwo Handlowo-Usługowe „Grzegorz Brzęczyszczykiewicz i Wspólnicy” s.c.".into(),
    );
    long.recipient.street_lines = vec![
        "ul. Księcia Józefa Poniatowskiego 118/120 lok. 45".into(),
        "wejście od podwórza, domofon 45, piętro 6".into(),
    ];
    long.service = "Classic, doręczenie następnego dnia, sobota, ubezpieczenie 5000 PLN".into();
    let mut single = sample.clone();
    single.parcel = Some(ParcelOf { index: 1, count: 1 });
    single.qr_content = None;
    single.tracking_number = "JJD0002249876543210".into();
    vec![
        ("sample", sample),
        ("short address", short),
        ("long names", long),
        ("single parcel", single),
    ]
}

struct Figures {
    mean: Duration,
    p50: Duration,
    p95: Duration,
    bytes: usize,
}

fn measure(data: &LabelData, format: Format, dpi: Dpi, n: usize) -> Figures {
    // A few unmeasured renders first: page cache, allocator, lazily parsed fonts.
    for _ in 0..5 {
        render(data, format, dpi).expect("the label renders");
    }
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for _ in 0..n {
        let t = Instant::now();
        let out = render(data, format, dpi).expect("the label renders");
        times.push(t.elapsed());
        bytes = std::hint::black_box(out).len();
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / n as u32;
    let at = |q: f64| times[((n as f64 * q).ceil() as usize).clamp(1, n) - 1];
    Figures {
        mean,
        p50: at(0.50),
        p95: at(0.95),
        bytes,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    if cfg!(debug_assertions) {
        println!("label_render: a debug build; figures are meaningful only with `cargo bench`");
    }
    let kinds = [
        ("zpl 203", Format::Zpl, Dpi::D203, 1.0),
        ("zpl 300", Format::Zpl, Dpi::D300, 1.0),
        ("pdf", Format::Pdf, Dpi::D203, 20.0),
    ];
    println!("label_render: {n} renders per format and variation; times in ms");
    println!(
        "{:<9} {:<14} {:>8} {:>8} {:>8} {:>8}  target",
        "format", "variation", "mean", "p50", "p95", "bytes"
    );
    let mut missed = Vec::new();
    for (kind, format, dpi, target_ms) in kinds {
        for (name, data) in variations() {
            let f = measure(&data, format, dpi, n);
            let ok = ms(f.p95) <= target_ms;
            println!(
                "{kind:<9} {name:<14} {:>8.3} {:>8.3} {:>8.3} {:>8}  <= {target_ms} ms {}",
                ms(f.mean),
                ms(f.p50),
                ms(f.p95),
                f.bytes,
                if ok { "ok" } else { "MISSED" }
            );
            if !ok {
                missed.push(format!("{kind} {name}"));
            }
        }
    }
    if missed.is_empty() {
        println!("label_render: every target met");
    } else {
        println!("label_render: targets missed: {}", missed.join(", "));
    }
}
