//! Print latency benchmark (a binary, not a timed test): from the weight accepted by the gate
//! (or the packer's "weigh" on a settled scale: one stable reading first) to the last byte of
//! the label at a 9100 printer; the backend creates the shipment and its label in between.
//! The real path: a station from `packbench::app::start_station` (SQLite, outbox worker, pack
//! service), a training backend in-process on loopback HTTP (it makes the shipment and renders
//! the ZPL), an MT-SICS scale simulated on a pty, and a simulated Zebra on a loopback port that
//! answers `~HS` and notes when each job's last byte arrives.
//!
//!     cargo bench --bench print_latency [-- PARCELS]     (default 200)
//!
//! Targets: p95 <= 150 ms from the weight accepted, p95 <= 100 ms from the moment the scale
//! reports the weight stable. Half the parcels are weighed with `weigh()` started as the parcel
//! goes on (the scale asked every 50 ms until it flags the weight stable, `[scale]
//! settle_readings` more where a settle rule is configured), half accepted directly, and both
//! are reported.

use std::time::{Duration, Instant};

use packbench::app::start_station;
use packbench::cli::drill::unit_scan;
use packbench::config::{Config, Printers};
use packbench::services::pack::PackOptions;
use packbench::training::{self, demo_data, TrainingOptions};
use packbench_core::pack_flow::{PackEvent, StepKind, WeightVerdict};
use packbench_devices::printer::sim::SimulatedZebra;
use packbench_devices::scale::sim::SimScale;
use packbench_devices::scale::{Protocol, ScaleConfig};
use packbench_devices::simulator::SimulatedScale;

const TOKEN: &str = "bench-token";
/// The simulated scale's settle time: it flags a new load stable this long after it is put on.
const SETTLE: Duration = Duration::from_millis(300);

fn main() {
    let wanted: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    if cfg!(debug_assertions) {
        println!("print_latency: a debug build; figures are meaningful only with `cargo bench`");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(wanted));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let n = sorted.len();
    sorted[((n as f64 * q).ceil() as usize).clamp(1, n) - 1]
}

async fn run(wanted: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let backend = training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("training.sqlite"),
        token: TOKEN.into(),
        webhook_url: None,
    })
    .await
    .expect("training backend");
    let zebra = SimulatedZebra::start().expect("simulated Zebra");
    let scale = SimulatedScale::start(SimScale::new(Protocol::MtSics)).expect("simulated scale");
    let cfg = Config {
        station_id: "ST-LATENCY".into(),
        backend_url: Some(backend.url()),
        backend_token: TOKEN.into(),
        data_dir: dir.path().join("station"),
        scale: Some(ScaleConfig::new(scale.path(), Protocol::MtSics)),
        printers: Printers {
            label: Some(zebra.uri()),
            ..Default::default()
        },
        ..Default::default()
    };
    let station = start_station(&cfg, PackOptions::default())
        .await
        .expect("the station starts");
    let pack = station.pack.clone();
    let w = demo_data::generate(demo_data::DEFAULT_SEED);
    let packer = w
        .packers
        .iter()
        .find(|p| p.role == "packer")
        .expect("a packer");
    pack.scan(&packer.badge).await.expect("badge accepted");

    let mut totals = Vec::with_capacity(wanted);
    let mut returned = Vec::with_capacity(wanted);
    let (mut weighs, mut accepted) = (Vec::new(), Vec::new());
    let mut pending = 0usize;
    let mut trolley = 0;
    let started = Instant::now();
    while totals.len() < wanted {
        // Next slot, or the next trolley once this one is released.
        loop {
            match pack.view().await.step {
                StepKind::ScanSlot => break,
                StepKind::ScanTrolley => {
                    trolley += 1;
                    assert!(trolley <= 60, "ran out of demo trolleys");
                    pack.scan(&format!("TR-{trolley:04}"))
                        .await
                        .expect("trolley claimed");
                }
                _ => pack.wait_changed(Duration::from_millis(200)).await,
            }
        }
        pack.handle(PackEvent::TakeSuggestedSlot)
            .await
            .expect("slot opened");
        let st = pack.state().await;
        let order = st.current_order().expect("an open order").order.clone();
        for line in &order.lines {
            for n in 1..=line.qty {
                pack.handle(PackEvent::Scanned {
                    raw: unit_scan(&order.order_id, line, n),
                })
                .await
                .expect("unit verified");
            }
        }
        if pack.view().await.step == StepKind::VerifyUnits {
            pack.handle(PackEvent::CloseParcel)
                .await
                .expect("parcel closed");
        }
        match pack.screen().await.suggestion {
            Some(s) => pack.scan(&s.barcode).await.map(|_| ()),
            None => {
                let any = pack
                    .catalogue()
                    .await
                    .into_iter()
                    .find(|c| c.spec.stocked && c.spec.allowed_clients.is_empty())
                    .expect("a stocked box");
                pack.choose_packaging(&any.spec.id, Some("no suggestion".into()))
                    .await
                    .map(|_| ())
            }
        }
        .expect("packaging chosen");
        let expected = pack
            .screen()
            .await
            .expected_weight_g
            .expect("an expected weight");
        // The parcel goes on the platter; the scale swings, then flags the weight stable
        // (after its settle time, 300 ms, as real scales do).
        let jobs_before = zebra.jobs().len();
        let from_weigh = totals.len() % 2 == 0;
        let placed = Instant::now();
        scale.set_load_g(expected as i64);
        // Odd parcels: the screen's weighing starts as the parcel goes on (the scale is asked
        // every 50 ms until it flags the weight stable), timed from the moment the scale
        // reports it stable. Even parcels: from the weight accepted by the gate (the same
        // event `weigh` commits) to the last byte: the station's print path.
        let (t0, v) = if from_weigh {
            let v = pack.weigh().await.expect("weighed");
            (placed + SETTLE, v)
        } else {
            tokio::time::sleep(SETTLE).await;
            let t0 = Instant::now();
            let v = pack
                .handle(PackEvent::ParcelWeighed {
                    measured_g: expected as u32,
                    verdict: WeightVerdict::Accepted,
                })
                .await
                .expect("weight accepted");
            (t0, v)
        };
        let back = t0.elapsed();
        assert_ne!(v.step, StepKind::Weigh, "an exact weight passes: {v:?}");
        let jobs = zebra.wait_for_jobs(jobs_before + 1, Duration::from_secs(30));
        assert_eq!(jobs.len(), jobs_before + 1, "one label per parcel");
        let last_byte = zebra.job_arrivals()[jobs_before];
        if v.step == StepKind::AwaitingLabel || back >= PackOptions::default().label_wait {
            pending += 1;
        }
        let took = last_byte.saturating_duration_since(t0);
        if from_weigh {
            weighs.push(took);
        } else {
            accepted.push(took);
        }
        totals.push(took);
        returned.push(back);
    }
    let wall = started.elapsed();
    println!(
        "print_latency: {} parcels over {trolley} trolleys in {:.1} s; label pending {pending}",
        totals.len(),
        wall.as_secs_f64()
    );
    report(
        "weight accepted -> last byte at the printer",
        &mut accepted,
        Some(150),
    );
    report(
        "weigh (scale reports stable) -> last byte",
        &mut weighs,
        Some(100),
    );
    report("call returned to the screen (both)", &mut returned, None);
}

fn report(what: &str, times: &mut [Duration], target_ms: Option<u64>) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    let p95 = quantile(times, 0.95);
    let verdict = match target_ms {
        None => String::new(),
        Some(t) if p95 <= Duration::from_millis(t) => format!(" (target p95 <= {t} ms: met)"),
        Some(t) => format!(" (target p95 <= {t} ms: MISSED)"),
    };
    println!(
        "print_latency: {what}, {} parcels: mean {:.1} ms, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms{verdict}",
        times.len(),
        ms(mean),
        ms(quantile(times, 0.5)),
        ms(p95),
        ms(*times.last().unwrap()),
    )
}
