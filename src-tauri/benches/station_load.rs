//! Load benchmark (a binary, not a timed test): N simulated stations packing concurrently
//! against one training backend over loopback HTTP. Each station signs a packer in, claims its
//! own trolley and records one movement batch per order line, as a station's outbox would.
//! Prints requests/s, p50/p99/max latency per kind and errors.
//!
//!     cargo bench --bench station_load [-- STATIONS]     (default 50)

use std::time::{Duration, Instant};

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::contract::{MovementBatch, MovementLine, SignInRequest};
use packbench::ports::BackendApi;
use packbench::training::{self, demo_data, TrainingOptions};

#[derive(Default)]
struct Samples {
    sign_in: Vec<Duration>,
    claim: Vec<Duration>,
    movements: Vec<Duration>,
    errors: Vec<String>,
}

async fn station(api: HttpBackend, n: usize, badge: String) -> Samples {
    let mut s = Samples::default();
    let t = Instant::now();
    match api.sign_in(&SignInRequest::Badge { badge }).await {
        Ok(_) => s.sign_in.push(t.elapsed()),
        Err(e) => s.errors.push(format!("sign-in: {e}")),
    }
    let trolley = format!("TR-{:04}", n + 1).parse().expect("trolley code");
    let t = Instant::now();
    let manifest = match api.claim_trolley(&trolley).await {
        Ok(m) => {
            s.claim.push(t.elapsed());
            m
        }
        Err(e) => {
            s.errors.push(format!("claim {trolley}: {e}"));
            return s;
        }
    };
    for slot in &manifest.slots {
        for line in &slot.order.lines {
            let batch = MovementBatch {
                trolley: manifest.trolley.to_string(),
                order_id: slot.order.order_id.clone(),
                parcel_id: format!("{}-P1", slot.order.order_id),
                packer_id: "PK-BENCH".into(),
                movements: vec![MovementLine {
                    line_no: line.line_no,
                    sku: line.item.sku.clone(),
                    qty: line.qty,
                }],
            };
            let key = uuid::Uuid::now_v7().to_string();
            let t = Instant::now();
            match api.record_movements(&key, &batch).await {
                Ok(_) => s.movements.push(t.elapsed()),
                Err(e) => s
                    .errors
                    .push(format!("movements {}: {e}", slot.order.order_id)),
            }
        }
    }
    s
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn row(kind: &str, mut v: Vec<Duration>) {
    v.sort();
    println!(
        "{kind:<10} {:>7} {:>9.2} {:>9.2} {:>9.2}",
        v.len(),
        pct(&v, 0.50),
        pct(&v, 0.99),
        v.last()
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(f64::NAN)
    );
}

fn main() {
    let stations: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50)
        .clamp(1, demo_data::TROLLEYS);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        let backend = training::start(TrainingOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            db_path: dir.path().join("training.sqlite"),
            token: "bench".into(),
            webhook_url: None,
        })
        .await
        .expect("training backend");
        let staff = demo_data::generate(demo_data::DEFAULT_SEED).packers;
        // Clients first: building one loads the TLS roots, CPU work that would otherwise be
        // counted in other stations' latencies.
        let clients: Vec<_> = (0..stations)
            .map(|n| {
                let id = format!("ST-{n:02}");
                HttpBackend::new(&backend.url(), &id, "bench", HttpBackendOptions::default())
                    .expect("client")
            })
            .collect();
        let started = Instant::now();
        let tasks: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(n, api)| tokio::spawn(station(api, n, staff[n % staff.len()].badge.clone())))
            .collect();
        let mut all = Samples::default();
        for t in tasks {
            let s = t.await.expect("station task");
            all.sign_in.extend(s.sign_in);
            all.claim.extend(s.claim);
            all.movements.extend(s.movements);
            all.errors.extend(s.errors);
        }
        let wall = started.elapsed().as_secs_f64();
        let total = all.sign_in.len() + all.claim.len() + all.movements.len() + all.errors.len();
        println!("{stations} stations, one training backend (SQLite), loopback HTTP");
        println!(
            "{total} requests in {wall:.2} s: {:.0} requests/s, {} errors",
            total as f64 / wall,
            all.errors.len()
        );
        println!(
            "{:<10} {:>7} {:>9} {:>9} {:>9}",
            "kind", "count", "p50 ms", "p99 ms", "max ms"
        );
        row("sign-in", all.sign_in);
        row("claim", all.claim);
        row("movements", all.movements);
        for e in all.errors.iter().take(5) {
            println!("error: {e}");
        }
    });
}
