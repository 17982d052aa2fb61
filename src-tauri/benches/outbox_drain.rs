//! Outbox catch-up benchmark (a binary, not a timed test): after an outage a station holds
//! 10,000 queued movements; how long until the training backend has them all, in order per
//! trolley and without duplicates? The station's real outbox (SQLite, WAL, full fsync) and its
//! real delivery loop talk to a training backend over loopback HTTP.
//!
//!     cargo bench --bench outbox_drain [-- MOVEMENTS]     (default 10000)

use std::collections::BTreeMap;
use std::time::Instant;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::adapters::SqliteStationStore;
use packbench::contract::{MovementBatch, MovementLine, SignInRequest};
use packbench::ports::{BackendApi, NewOutboxItem, Outbox, OutboxWrite, SupervisorApi};
use packbench::services::outbox::deliver_due;
use packbench::training::TrainingDb;
use packbench::training::{self, demo_data, TrainingOptions};

const TOKEN: &str = "bench-token";
const STATION: &str = "ST-BENCH";

fn main() {
    let wanted: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(wanted));
}

async fn run(wanted: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("training.sqlite");
    // Enough captured trolleys for `wanted` single-unit movements (about 30 units each).
    let trolleys = wanted / 20 + 10;
    TrainingDb::open_sized(&db, trolleys)
        .await
        .expect("seeding the training backend");
    let backend = training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: db,
        token: TOKEN.into(),
        webhook_url: None,
    })
    .await
    .expect("training backend");
    let api = HttpBackend::new(
        &backend.url(),
        STATION,
        TOKEN,
        HttpBackendOptions::default(),
    )
    .expect("client");
    // The staff are drawn after the trolleys: the same sized warehouse as the backend's.
    let w = demo_data::generate_sized(demo_data::DEFAULT_SEED, trolleys);
    let packer = &w.packers[0];
    api.sign_in(&SignInRequest::Badge {
        badge: packer.badge.clone(),
    })
    .await
    .expect("sign-in");

    // Claim trolleys and queue one movement per unit until `wanted` (the outage: nothing is
    // delivered while they queue).
    let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
        .await
        .expect("station store");
    let mut items = Vec::new();
    let mut order_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    'fill: for t in 1..=trolleys {
        let code = format!("TR-{t:04}").parse().expect("trolley code");
        let m = api.claim_trolley(&code).await.expect("claim");
        for s in &m.slots {
            for l in &s.order.lines {
                for unit in 1..=l.qty {
                    let parcel_id = format!("{}-P{}", s.order.order_id, unit);
                    let batch = MovementBatch {
                        trolley: code.to_string(),
                        order_id: s.order.order_id.clone(),
                        parcel_id: parcel_id.clone(),
                        packer_id: packer.packer_id.clone(),
                        movements: vec![MovementLine {
                            line_no: l.line_no,
                            sku: l.item.sku.clone(),
                            qty: 1,
                        }],
                    };
                    order_of
                        .entry(code.to_string())
                        .or_default()
                        .push(format!("{}/{}/{}", s.order.order_id, l.line_no, parcel_id));
                    items.push(NewOutboxItem {
                        effect_key: format!("mv:{code}:{}:{}:{unit}", s.order.order_id, l.line_no),
                        trolley: code.to_string(),
                        write: OutboxWrite::Movements(batch),
                    });
                    if items.len() == wanted {
                        break 'fill;
                    }
                }
            }
        }
    }
    assert_eq!(items.len(), wanted, "not enough units in the demo trolleys");
    for chunk in items.chunks(1000) {
        store.enqueue(chunk, 0).await.expect("enqueue");
    }
    let queued = store.backlog(0).await.expect("backlog").pending;
    println!(
        "outbox_drain: {queued} movements queued over {} trolleys",
        order_of.len()
    );

    // The backend is back: deliver everything, as the worker does.
    let started = Instant::now();
    let mut passes = 0;
    loop {
        let r = deliver_due(&api, &store, i64::MAX / 2)
            .await
            .expect("delivery");
        passes += 1;
        assert_eq!(r.failed, 0, "writes refused");
        if store.backlog(0).await.expect("backlog").pending == 0 {
            break;
        }
        assert!(passes < 1000, "the outbox does not drain");
    }
    let secs = started.elapsed().as_secs_f64();

    // Check at the backend: every movement once, in queue order per trolley.
    let sup = w
        .packers
        .iter()
        .find(|p| p.role == "supervisor")
        .expect("supervisor");
    let session = api
        .sign_in(&SignInRequest::Pin {
            packer_id: sup.packer_id.clone(),
            pin: sup.pin.clone(),
        })
        .await
        .expect("supervisor sign-in")
        .session_token;
    let (mut recorded, mut out_of_order, mut duplicates) = (0usize, 0usize, 0usize);
    for (trolley, want) in &order_of {
        let code = trolley.parse().expect("code");
        let got: Vec<String> = api
            .movements_of_trolley(&session, &code)
            .await
            .expect("movements")
            .into_iter()
            .map(|m| format!("{}/{}/{}", m.order_id, m.line_no, m.parcel_id))
            .collect();
        recorded += got.len();
        let distinct: std::collections::BTreeSet<_> = got.iter().collect();
        duplicates += got.len() - distinct.len();
        if &got != want {
            out_of_order += 1;
        }
    }
    println!(
        "outbox_drain: delivered {recorded} of {wanted} in {secs:.2} s ({:.0} movements/s, {passes} passes); duplicates {duplicates}; trolleys out of order {out_of_order}",
        recorded as f64 / secs
    );
    assert_eq!(recorded, wanted);
    assert_eq!(duplicates, 0);
    assert_eq!(out_of_order, 0);
}
