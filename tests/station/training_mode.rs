//! Training mode through the station's services (the app's wiring, no webview): the training
//! backend's hints endpoint, a whole trolley packed by scanning only what the hints offer, and
//! a station on a backend without training mode, which never gets a hint.

use std::path::Path;
use std::time::{Duration, Instant};

use packbench::app::{start_station, StationRuntime};
use packbench::config::Config;
use packbench::ports::{BackendApi, SupervisorApi};
use packbench::services::pack::PackOptions;
use packbench::training::{self, hints, RunningBackend};
use packbench_core::gs1;
use packbench_core::pack_flow::StepKind;
use packbench_ipc::i18n::Lang;
use packbench_ipc::training::{HintKind, HintTarget};
use packbench_labels::symbol::Symbology;

use crate::support::{client, options, TOKEN};

async fn station(dir: &Path, url: &str) -> StationRuntime {
    let cfg = Config {
        station_id: "ST-TRAIN".into(),
        backend_url: Some(url.into()),
        backend_token: TOKEN.into(),
        data_dir: dir.join("station"),
        source: None,
        ..Default::default()
    };
    start_station(
        &cfg,
        PackOptions {
            label_wait: Duration::from_millis(300),
            ..PackOptions::default()
        },
    )
    .await
    .expect("the station starts")
}

#[tokio::test]
async fn the_training_backend_tells_what_there_is_to_scan() {
    let dir = tempfile::tempdir().unwrap();
    let backend = training::start(options(dir.path())).await.unwrap();
    let api = client(&backend.url(), "ST-A");
    let h = api
        .training_hints(None)
        .await
        .unwrap()
        .expect("training mode");
    assert_eq!(h.crew.len(), 18);
    let supervisors = h
        .crew
        .iter()
        .filter(|c| c.role == packbench::contract::Role::Supervisor)
        .count();
    assert_eq!(supervisors, 3);
    assert!(h.crew.last().unwrap().role == packbench::contract::Role::Supervisor);
    assert_eq!(h.free_trolleys.first().map(String::as_str), Some("TR-0001"));
    assert!(h.trolley.is_none());

    // Each unit's code is what the station reads: the SKU's GTIN, or GS1 data with it.
    let t1: packbench_core::TrolleyCode = "TR-0001".parse().unwrap();
    let manifest = api.trolley_manifest(&t1).await.unwrap();
    let h = api.training_hints(Some(&t1)).await.unwrap().unwrap();
    let codes = h.trolley.expect("the trolley's codes");
    assert_eq!(codes.slots.len(), manifest.slots.len());
    for (s, m) in codes.slots.iter().zip(&manifest.slots) {
        assert_eq!(s.order_id, m.order.order_id);
        for (l, ml) in s.lines.iter().zip(&m.order.lines) {
            assert_eq!(l.units.len() as u32, ml.qty);
            for u in &l.units {
                let gtin = match u.symbology {
                    Symbology::Gs1DataMatrix => {
                        gs1::parse_element_string(&u.scan).unwrap().gtin.unwrap()
                    }
                    _ => gs1::gtin14(&u.scan).unwrap(),
                };
                assert_eq!(Some(gtin), gs1::gtin14(&ml.item.barcodes[0]));
            }
        }
    }

    // A claimed trolley is free only for its holder.
    api.claim_trolley(&t1).await.unwrap();
    let mine = api.training_hints(None).await.unwrap().unwrap();
    let theirs = client(&backend.url(), "ST-B")
        .training_hints(None)
        .await
        .unwrap()
        .unwrap();
    assert!(mine.free_trolleys.contains(&"TR-0001".to_owned()));
    assert!(!theirs.free_trolleys.contains(&"TR-0001".to_owned()));
    // Unknown trolleys are refused as such.
    let t9: packbench_core::TrolleyCode = "TR-9999".parse().unwrap();
    assert!(api.training_hints(Some(&t9)).await.is_err());
}

async fn targets(rt: &StationRuntime, lang: Lang) -> Vec<HintTarget> {
    let r = rt.training_hints.for_screen(lang).await;
    assert!(r.training);
    r.targets
}

fn first(targets: &[HintTarget], kind: HintKind) -> Option<HintTarget> {
    targets.iter().find(|t| t.kind == kind).cloned()
}

fn action(targets: &[HintTarget], code: &str) -> Option<HintTarget> {
    targets
        .iter()
        .find(|t| t.kind == HintKind::Action && t.scan == code)
        .cloned()
}

async fn wait_step(rt: &StationRuntime, want: &[StepKind]) -> StepKind {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let step = rt.pack.state().await.view().step;
        if want.contains(&step) {
            return step;
        }
        assert!(
            Instant::now() < deadline,
            "still at {step:?}, waiting for {want:?}"
        );
        // Woken by the flow's next committed step (bounded: a missed wake costs 200 ms).
        rt.pack.wait_changed(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trolley_is_packed_by_scanning_only_what_the_hints_offer() {
    let dir = tempfile::tempdir().unwrap();
    let backend = training::start(options(dir.path())).await.unwrap();
    let rt = station(dir.path(), &backend.url()).await;

    let t = targets(&rt, Lang::En).await;
    assert!(t.iter().all(|t| t.kind == HintKind::Badge), "{t:?}");
    assert!(t
        .iter()
        .all(|t| t.barcode.starts_with("data:image/svg+xml;base64,")));
    let packer = t
        .iter()
        .find(|t| t.detail.as_deref().is_some_and(|d| d.starts_with("packer")))
        .unwrap();
    rt.pack
        .scan(&packer.scan)
        .await
        .expect("the badge from the hints");

    let t = targets(&rt, Lang::En).await;
    let trolley = first(&t, HintKind::Trolley).expect("a free trolley");
    assert_eq!(trolley.scan, "TR-0001");
    rt.pack.scan(&trolley.scan).await.unwrap();

    let mut parcels = 0;
    for _ in 0..500 {
        let step = rt.pack.state().await.view().step;
        let t = targets(&rt, Lang::En).await;
        match step {
            StepKind::ScanSlot => {
                let slot = first(&t, HintKind::Slot).expect("the next slot");
                rt.pack.scan(&slot.scan).await.unwrap();
            }
            StepKind::VerifyUnits => match first(&t, HintKind::Unit) {
                Some(unit) => {
                    rt.pack.scan(&unit.scan).await.unwrap();
                }
                None => {
                    let close = action(&t, "PB-CLOSE-PARCEL").expect("close parcel offered");
                    rt.pack.scan(&close.scan).await.unwrap();
                }
            },
            StepKind::ChoosePackaging => {
                let bx = first(&t, HintKind::Box).expect("the suggested box");
                rt.pack.scan(&bx.scan).await.unwrap();
            }
            StepKind::Weigh => {
                // The screen weighs by itself; the training scale holds what was packed.
                rt.pack.weigh().await.unwrap();
                parcels += 1;
                wait_step(
                    &rt,
                    &[
                        StepKind::ScanSlot,
                        StepKind::ScanTrolley,
                        StepKind::VerifyUnits,
                    ],
                )
                .await;
            }
            StepKind::ScanTrolley => break,
            _ => {
                wait_step(
                    &rt,
                    &[
                        StepKind::ScanSlot,
                        StepKind::ScanTrolley,
                        StepKind::VerifyUnits,
                        StepKind::ChoosePackaging,
                        StepKind::Weigh,
                    ],
                )
                .await;
            }
        }
    }
    let api = client(&backend.url(), "ST-AUDIT");
    let t1: packbench_core::TrolleyCode = "TR-0001".parse().unwrap();
    let manifest = api.trolley_manifest(&t1).await.unwrap();
    assert!(parcels >= manifest.slots.len(), "{parcels} parcels");
    for s in &manifest.slots {
        let shipped = api.shipments_for_order(&s.order.order_id).await.unwrap();
        assert_eq!(shipped.len(), 1, "order {} shipped once", s.order.order_id);
    }
    // Back at the trolley step, TR-0001 is no longer offered.
    let t = targets(&rt, Lang::En).await;
    assert!(t.iter().all(|t| t.scan != "TR-0001"), "{t:?}");
}

#[tokio::test]
async fn a_station_on_a_backend_without_training_mode_never_gets_hints() {
    let dir = tempfile::tempdir().unwrap();
    let real: RunningBackend = hints::start_without_training_mode(options(dir.path()))
        .await
        .unwrap();
    assert_eq!(
        client(&real.url(), "ST-X")
            .training_hints(None)
            .await
            .unwrap(),
        None
    );
    let rt = station(dir.path(), &real.url()).await;
    let none = rt.training_hints.for_screen(Lang::En).await;
    assert!(!none.training && none.targets.is_empty(), "{none:?}");
    // Past sign-in too (the badge from the demo data: this backend gives no hints).
    let w = training::demo_data::generate(training::demo_data::DEFAULT_SEED);
    let badge = &w.packers.iter().find(|p| p.role == "packer").unwrap().badge;
    rt.pack.scan(badge).await.unwrap();
    rt.pack.scan("TR-0001").await.unwrap();
    for lang in [Lang::En, Lang::Pl] {
        let none = rt.training_hints.for_screen(lang).await;
        assert!(!none.training && none.targets.is_empty(), "{none:?}");
    }
}
