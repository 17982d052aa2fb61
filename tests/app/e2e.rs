//! End-to-end: the real `packbench` binary in a real WebKitGTK webview, driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), against a training backend this test runs.
//! Needs a display (the README's test command runs it under Xvfb). The WebDriver ports are
//! fixed, so every test here takes the one app slot (`ONE_APP`) in turn.

use crate::webdriver;

use std::time::Duration;

use fantoccini::{Client, Locator};
use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::ports::{BackendApi, SupervisorApi};
use packbench::training;
use serde_json::json;
use webdriver::*;

/// The slots the UI shows: (slot, order id, [(sku, qty)]).
async fn shown_slots(client: &Client) -> Vec<(u8, String, Vec<(String, u32)>)> {
    let mut out = Vec::new();
    for slot in client
        .find_all(Locator::Css("#manifest li.slot"))
        .await
        .unwrap()
    {
        let n = slot
            .attr("data-slot")
            .await
            .unwrap()
            .unwrap()
            .parse()
            .unwrap();
        let order = slot.attr("data-order").await.unwrap().unwrap();
        let mut lines = Vec::new();
        for line in slot.find_all(Locator::Css("li.line")).await.unwrap() {
            let sku = line.attr("data-sku").await.unwrap().unwrap();
            let qty = line
                .attr("data-qty")
                .await
                .unwrap()
                .unwrap()
                .parse()
                .unwrap();
            lines.push((sku, qty));
        }
        out.push((n, order, lines));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn a_packer_scans_a_trolley_and_sees_its_slots() {
    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let supervisor = HttpBackend::new(
        &backend.url(),
        "ST-OTHER",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();
    // Another station already packs TR-0002.
    supervisor
        .claim_trolley(&"TR-0002".parse().unwrap())
        .await
        .unwrap();

    // An empty config file of the test's own, so no config on this machine leaks in.
    let config = dir.path().join("station.toml");
    std::fs::write(&config, "# e2e: everything from the environment\n").unwrap();
    let driver = start_driver(
        &backend.url(),
        "ST-E2E",
        &dir.path().join("station"),
        &config,
    );

    let sup = supervisor.clone();
    let first = with_app(move |client| async move {
        let supervisor = sup;
        // The station bar shows who we are, once the UI has asked the station.
        let station = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#station-id"))
            .await
            .expect("the station bar");
        assert_eq!(station.text().await.unwrap(), "ST-E2E");
        let backlog = client.find(Locator::Css("#backlog")).await.unwrap();
        assert_eq!(
            backlog.attr("data-pending").await.unwrap().as_deref(),
            Some("0")
        );
        step_shown(&client, "sign_in").await;
        screenshot(&client, "01-sign-in.png").await;

        scan(&client, "NOT-A-BADGE").await;
        error_shown(&client, "invalid_scan").await;
        // A refusal turns the page red (and buzzes).
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("main[data-outcome='refused']"))
            .await
            .expect("the refused colour");
        scan(&client, &packer_badge()).await;
        step_shown(&client, "scan_trolley").await;

        scan(&client, "TR-0002").await;
        let msg = error_shown(&client, "trolley_claimed_elsewhere").await;
        assert!(msg.contains("ST-OTHER") && msg.contains("TR-0002"), "{msg}");
        screenshot(&client, "03-claimed-elsewhere.png").await;

        scan(&client, "TR-0001-03").await;
        let msg = error_shown(&client, "refused").await;
        assert!(msg.contains("slot") || msg.contains("trolley"), "{msg}");

        scan(&client, "TR-9999").await;
        let msg = error_shown(&client, "trolley_unknown").await;
        assert!(msg.contains("TR-9999"), "{msg}");

        scan(&client, "TR-0001").await;
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#manifest[data-trolley='TR-0001']"))
            .await
            .expect("the claimed trolley's manifest");
        let want = supervisor
            .trolley_manifest(&"TR-0001".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            want.claimed_by, "ST-E2E",
            "the app claimed the trolley in the backend"
        );
        let want: Vec<_> = want
            .slots
            .iter()
            .map(|s| {
                let lines = s
                    .order
                    .lines
                    .iter()
                    .map(|l| (l.item.sku.clone(), l.qty))
                    .collect();
                (s.slot, s.order.order_id.clone(), lines)
            })
            .collect();
        assert!(want.len() >= 8);
        assert_eq!(shown_slots(&client).await, want);
        step_shown(&client, "scan_slot").await;
        // The status bar: the backend answers heartbeats, the label printer (a spool) is ready.
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#online[data-online='true']"))
            .await
            .expect("online in the status bar");
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(
                ".device[data-kind='label_printer'][data-ready='true']",
            ))
            .await
            .expect("the label printer's state in the status bar");
        screenshot(&client, "02-trolley-TR-0001.png").await;

        // Another trolley while this one is held is refused with the reason.
        scan(&client, "TR-0003").await;
        let reason = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#error[data-reason='trolley_in_progress']"))
            .await
            .expect("a second trolley is refused while one is held");
        assert!(reason.text().await.unwrap().contains("TR-0001"));
        want
    })
    .await;
    let want = match first {
        Ok(want) => want,
        Err(e) => {
            drop(driver);
            std::panic::resume_unwind(e.into_panic());
        }
    };

    // A restart (power cut, crash): the new app process shows the trolley the station holds,
    // from its own database, before any scan.
    let resumed = with_app(move |client| async move {
        client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#manifest[data-trolley='TR-0001']"))
            .await
            .expect("the held trolley, resumed after a restart");
        assert_eq!(shown_slots(&client).await, want);
        // Signed in and at the same step, with no scan.
        step_shown(&client, "scan_slot").await;
        screenshot(&client, "04-resumed-after-restart.png").await;
    })
    .await;
    drop(driver);
    if let Err(e) = resumed {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// A whole trolley packed by scanning alone, in the real app: badge, trolley, action codes for
/// slots and parcels, units (GS1 lot/expiry/serial where needed), a short pick, an order split
/// over two parcels, boxes confirmed by their barcodes, a serial scale (simulated MT-SICS on a
/// pty) read by the app, a weight mismatch a supervisor overrides by badge, labels printed by
/// themselves and one reprint; then the backend's records are checked to be exactly right.
#[tokio::test(flavor = "multi_thread")]
async fn a_whole_trolley_is_packed_by_scanning_alone() {
    use packbench::cli::drill::{unit_scan, verify, DrillReport};

    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let api = HttpBackend::new(
        &backend.url(),
        "ST-AUDIT",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();

    // A trolley of 8+ slots, with orders of 2+ units.
    let manifest = demo_trolley(&api, 4, |m| {
        let multi = m.slots.iter().filter(|s| s.order.units() >= 2).count();
        m.slots.len() >= 8 && m.units() <= 40 && multi >= 2
    })
    .await;
    let trolley = manifest.trolley.to_string();
    let multi: Vec<String> = manifest
        .slots
        .iter()
        .filter(|s| s.order.units() >= 2)
        .map(|s| s.order.order_id.clone())
        .collect();
    let (split_order, short_order, heavy_order) = (
        multi[0].clone(),
        multi[1].clone(),
        manifest.slots[0].order.order_id.clone(),
    );

    let (scale, config) = scale_and_config(dir.path());
    let data = dir.path().join("station");
    let driver = start_driver(&backend.url(), "ST-E2E-FULL", &data, &config);

    let w = training::demo_data::generate(training::demo_data::DEFAULT_SEED);
    let supervisor = w
        .packers
        .iter()
        .find(|p| p.role == "supervisor")
        .unwrap()
        .badge
        .clone();
    let m2 = manifest.clone();
    let sc = scale.clone();
    let (split, short, heavy) = (
        split_order.clone(),
        short_order.clone(),
        heavy_order.clone(),
    );
    let run = with_app(move |client| async move {
        let manifest = m2;
        let scale = sc;
        step_shown(&client, "sign_in").await;
        scan_wait(&client, &packer_badge()).await;
        step_shown(&client, "scan_trolley").await;
        scan_wait(&client, &manifest.trolley.to_string()).await;
        step_shown(&client, "scan_slot").await;
        screenshot(&client, "full-01-trolley.png").await;
        let mut reprinted = false;
        for i in 0..manifest.slots.len() {
            scan_wait(&client, "PB-TAKE-SLOT").await;
            step_shown(&client, "verify_units").await;
            let order_id = order_shown(&client).await;
            let order = manifest
                .slots
                .iter()
                .find(|s| s.order.order_id == order_id)
                .unwrap()
                .order
                .clone();
            if i == 0 {
                // Each line shows its product's picture, from the backend, as a data: URI. Read
                // in the page: the picture arrives after the line and its element is redrawn, so
                // an element handle taken before can go stale.
                let deadline = std::time::Instant::now() + WAIT;
                let src = loop {
                    let v = client
                        .execute(
                            "const i = document.querySelector('#order-lines li.count img.thumb'); \
                             return i ? i.getAttribute('src') : null;",
                            vec![],
                        )
                        .await
                        .unwrap();
                    match v.as_str() {
                        Some(s) if s.starts_with("data:") => break s.to_owned(),
                        _ => assert!(
                            std::time::Instant::now() < deadline,
                            "no product picture shown: {v}"
                        ),
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                };
                assert!(
                    src.starts_with("data:image/svg+xml;base64,"),
                    "{}",
                    &src[..40.min(src.len())]
                );
                screenshot(&client, "full-02-verify.png").await;
            }
            let mut units: Vec<String> = Vec::new();
            for l in &order.lines {
                for n in 1..=l.qty {
                    units.push(unit_scan(&order.order_id, l, n));
                }
            }
            if order_id == short {
                // The first line's last unit is missing.
                scan_wait(&client, "PB-SHORT").await;
                wait_for(&client, "#order-lines li.count[data-exception='1']").await;
                let first_qty = order.lines[0].qty as usize;
                units.remove(first_qty - 1);
            }
            let parcels: Vec<Vec<String>> = if order_id == split {
                let rest = units.split_off(1);
                vec![units, rest]
            } else {
                vec![units]
            };
            for (p, parcel) in parcels.iter().enumerate() {
                for u in parcel {
                    scan_wait(&client, u).await;
                }
                scan_wait(&client, "PB-CLOSE-PARCEL").await;
                step_shown(&client, "choose_packaging").await;
                let bx = client
                    .find(Locator::Css("#suggestion .barcode"))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                if i == 0 && p == 0 {
                    // The box drawn, and why it was chosen, in a few lines.
                    wait_for(&client, "#suggestion svg.box-picture[data-kind] polygon").await;
                    let why = client
                        .find_all(Locator::Css("#suggestion ul.why li"))
                        .await
                        .unwrap();
                    assert!((1..=4).contains(&why.len()), "{} lines of why", why.len());
                    let first = why[0].text().await.unwrap();
                    assert!(first.contains('%') && first.contains("kg"), "{first}");
                    screenshot(&client, "full-03-packaging.png").await;
                }
                // The screen weighs as soon as the parcel is boxed: no waiting for the answer.
                scanner_burst(&client, &bx).await;
                let expected: i64 = expected_weight_g(&client).await;
                if order_id == heavy && p == 0 {
                    scale.set_load_g(expected + 500);
                    wait_for(&client, "#weight.mismatch").await;
                    wait_for(&client, "#override").await;
                    screenshot(&client, "full-04-weight-mismatch.png").await;
                    scan_wait(&client, &supervisor).await;
                } else {
                    scale.set_load_g(expected);
                }
                wait_gone(&client, "#step[data-step='weigh']").await;
                // The parcel leaves the scale.
                scale.set_load_g(0);
            }
            // The label prints by itself; the next slot follows.
            let next = if i + 1 < manifest.slots.len() {
                "scan_slot"
            } else {
                "scan_trolley"
            };
            step_shown(&client, next).await;
            if !reprinted {
                scan_wait(&client, "PB-REPRINT").await;
                reprinted = true;
                // The label as the printer got it, on screen.
                let img = wait_for(&client, "#label-preview img.label-image").await;
                let src = img.attr("src").await.unwrap().unwrap();
                assert!(
                    src.starts_with("data:image/png;base64,"),
                    "{}",
                    &src[..40.min(src.len())]
                );
                screenshot(&client, "full-05-label-printed.png").await;
            }
        }
        screenshot(&client, "full-06-trolley-done.png").await;

        // The scale's state in the status bar is its own, not a constant: a scale gone silent
        // shows in words within 10 s (probe every 2 s, heartbeat every 5 s), and comes back.
        wait_for(&client, ".device[data-kind='scale'][data-ready='true']").await;
        scale.update(|s| s.silent = true);
        let silent = wait_for(
            &client,
            ".device[data-kind='scale'][data-ready='false'][data-problems='scale_no_answer']",
        )
        .await;
        let text = silent.text().await.unwrap();
        // In the packer's language, whichever the demo packer has.
        use packbench_ipc::i18n::Lang;
        assert!(
            Lang::ALL
                .iter()
                .any(|l| l.words().device_problem("scale_no_answer").as_deref()
                    == Some(text.as_str())),
            "{text}"
        );
        screenshot(&client, "full-07-scale-silent.png").await;
        scale.update(|s| s.silent = false);
        wait_for(&client, ".device[data-kind='scale'][data-ready='true']").await;
    })
    .await;
    drop(driver);
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }

    // The backend holds exactly what was packed.
    let mut report = DrillReport::default();
    verify(
        &backend.url(),
        TOKEN,
        std::slice::from_ref(&trolley),
        &mut report,
    )
    .await
    .unwrap();
    assert_eq!((report.lost, report.duplicates), (0, 0), "{report:?}");
    assert_eq!(report.exception_units, 1, "one short unit: {report:?}");
    assert_eq!(report.dispatched_units + 1, manifest.units());
    let split_shipments = api.shipments_for_order(&split_order).await.unwrap();
    assert_eq!(split_shipments.len(), 1);
    assert_eq!(
        split_shipments[0].parcels.len(),
        2,
        "the split order shipped as two parcels"
    );
    let sup = w.packers.iter().find(|p| p.role == "supervisor").unwrap();
    let session = api
        .sign_in(&packbench::contract::SignInRequest::Pin {
            packer_id: sup.packer_id.clone(),
            pin: sup.pin.clone(),
        })
        .await
        .unwrap()
        .session_token;
    let weights = api
        .overrides(&session, Some(packbench::contract::OverrideKind::Weight))
        .await
        .unwrap();
    assert_eq!(weights.len(), 1, "{weights:?}");
    for s in &manifest.slots {
        let shipped = api.shipments_for_order(&s.order.order_id).await.unwrap();
        assert_eq!(
            shipped.len(),
            1,
            "order {} has one shipment",
            s.order.order_id
        );
    }
    // Labels: one file per parcel, plus exactly one reprint.
    let spool: Vec<String> = std::fs::read_dir(data.join("print-spool"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let parcels: usize = manifest.slots.len() + 1;
    assert_eq!(
        spool.iter().filter(|n| n.contains("c0.")).count(),
        parcels,
        "{spool:?}"
    );
    // The reprint: one more copy of each label of one order.
    let copies: Vec<&String> = spool.iter().filter(|n| n.contains("c1.")).collect();
    let order_of = |n: &str| n.rsplit_once("_p").unwrap().0.to_owned();
    let reprinted = order_of(copies.first().expect("a reprint"));
    assert!(
        copies.iter().all(|n| order_of(n) == reprinted),
        "{copies:?}"
    );
    let originals = spool
        .iter()
        .filter(|n| n.contains("c0.") && order_of(n) == reprinted)
        .count();
    assert_eq!(copies.len(), originals, "{spool:?}");
}

/// Sets a text field's value as typing would (an `input` event), without the keyboard: the
/// wedge decoder would take fast WebDriver typing for a scan.
async fn fill(client: &Client, css: &str, value: &str) {
    wait_for(client, css).await;
    client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', {bubbles: true})); \
             el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(css), json!(value)],
        )
        .await
        .expect("filling a field");
}

async fn click(client: &Client, css: &str) {
    wait_for(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// A heartbeat as a simulated station sends it, with the alerts a station raises about itself.
fn sim_heartbeat(
    station: &str,
    packer: Option<&str>,
    label_printer: (bool, &[&str]),
    outbox: (u64, Option<u64>),
) -> packbench::contract::Heartbeat {
    use packbench::contract::{DeviceHealth, DeviceKind, Heartbeat, OutboxHealth, ShiftCounters};
    let mut hb = Heartbeat {
        station_id: station.into(),
        packer_id: packer.map(str::to_owned),
        trolley: None,
        slot: None,
        step: Some("scan_trolley".into()),
        counters: ShiftCounters {
            orders_packed: 3,
            units_packed: 11,
            parcels: 3,
            exceptions: 0,
        },
        devices: vec![
            DeviceHealth {
                kind: DeviceKind::LabelPrinter,
                name: format!("Zebra ZD421 {station}"),
                ready: label_printer.0,
                problems: label_printer.1.iter().map(|p| p.to_string()).collect(),
            },
            DeviceHealth {
                kind: DeviceKind::Scale,
                name: "MT-SICS".into(),
                ready: true,
                problems: vec![],
            },
        ],
        outbox: OutboxHealth {
            pending: outbox.0,
            failed: 0,
            oldest_pending_age_ms: outbox.1,
        },
        app_version: "0.1.0".into(),
        sent_at_ms: packbench::clock::now_ms() as u64,
        alerts: vec![],
        ring: None,
        run: None,
    };
    // The alerts a station raises about itself, by the station's own rules.
    hb.alerts = packbench::services::heartbeat::own_alerts(
        &hb,
        &packbench_core::desk::AlertPolicy::default(),
    );
    hb
}

/// The supervisor's desk in the real app, against a training backend with simulated stations:
/// one gone silent holding a trolley, one whose label printer is out of labels, one with an old
/// backlog, and orders packed by two packers. The supervisor signs in by badge and sees the
/// stations (the silent one highlighted) and the alerts, the productivity chart's bars for both
/// packers, filters the overrides and exports them as CSV, releases the silent station's
/// trolley and approves a weight override a station asked for (both checked in the backend);
/// signing out leaves the desk, and a packer's sign-in neither shows it nor may call it.
#[tokio::test(flavor = "multi_thread")]
async fn the_supervisor_desk_watches_stations_and_acts() {
    use packbench::contract::{
        MovementBatch, MovementLine, NewWeightOverrideRequest, OverrideRecord, WeightRequestStatus,
    };

    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let sim = |station: &str| {
        HttpBackend::new(
            &backend.url(),
            station,
            TOKEN,
            HttpBackendOptions::default(),
        )
        .unwrap()
    };
    let (busy, paper, slow, silent) = (
        sim("ST-SIM-BUSY"),
        sim("ST-SIM-PAPER"),
        sim("ST-SIM-BACKLOG"),
        sim("ST-SIM-SILENT"),
    );
    let w = training::demo_data::generate(training::demo_data::DEFAULT_SEED);
    let packers: Vec<&training::demo_data::DemoPacker> =
        w.packers.iter().filter(|p| p.role == "packer").collect();
    let (pk1, pk2) = (packers[0].packer_id.clone(), packers[1].packer_id.clone());
    let supervisor = w.packers.iter().find(|p| p.role == "supervisor").unwrap();

    // Two releases published before any station reported its ring: both went through to
    // general, the ring of stations without [update].
    for v in ["0.0.1", "0.0.2"] {
        let p = packbench::contract::PublishRelease {
            version: v.into(),
            url: format!("https://updates.example.com/packbench/Packbench_{v}_amd64.deb"),
            signature: format!("sig-{v}"),
            notes: None,
            target: None,
            soak_station_hours: None,
        };
        backend
            .db
            .publish_release("IT", &format!("publish-{v}"), "IT", &p)
            .await
            .unwrap();
    }

    // Orders packed: the busy station packs two slots of TR-0012 for one packer, a third for
    // another (a multi-unit order), each slot's whole order in one parcel.
    let m = busy
        .claim_trolley(&"TR-0012".parse().unwrap())
        .await
        .unwrap();
    for (i, packer) in [(0usize, &pk1), (1, &pk1), (2, &pk2)] {
        let s = &m.slots[i];
        busy.record_movements(
            &uuid::Uuid::now_v7().to_string(),
            &MovementBatch {
                trolley: m.trolley.to_string(),
                order_id: s.order.order_id.clone(),
                parcel_id: format!("P-DESK-{i}"),
                packer_id: packer.clone(),
                movements: s
                    .order
                    .lines
                    .iter()
                    .map(|l| MovementLine {
                        line_no: l.line_no,
                        sku: l.item.sku.clone(),
                        qty: l.qty,
                    })
                    .collect(),
            },
        )
        .await
        .unwrap();
    }
    // Packaging overrides at two stations (one reason with a comma and quotes for the CSV).
    let boxes = busy.packaging_catalogue().await.unwrap();
    let tricky = "box \"M\" crushed, took L";
    for (client, order, reason) in [
        (&busy, &m.slots[0].order.order_id, tricky),
        (
            &paper,
            &m.slots[1].order.order_id,
            "suggested box out of stock",
        ),
    ] {
        client
            .record_override(
                &uuid::Uuid::now_v7().to_string(),
                &OverrideRecord::Packaging {
                    order_id: order.clone(),
                    parcel_no: 1,
                    suggested_id: boxes[0].spec.id.clone(),
                    chosen_id: boxes[1].spec.id.clone(),
                    reason: reason.into(),
                    packer_id: pk1.clone(),
                },
            )
            .await
            .unwrap();
    }
    // The silent station holds a trolley and last spoke five minutes ago.
    silent
        .claim_trolley(&"TR-0013".parse().unwrap())
        .await
        .unwrap();
    silent
        .heartbeat(
            &uuid::Uuid::now_v7().to_string(),
            &sim_heartbeat("ST-SIM-SILENT", Some(&pk2), (true, &[]), (0, None)),
        )
        .await
        .unwrap();
    {
        use sqlx::ConnectOptions;
        let mut db = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.path().join("training.sqlite"))
            .connect()
            .await
            .unwrap();
        sqlx::query(
            "UPDATE heartbeats SET received_at_ms = received_at_ms - 300000 WHERE station = 'ST-SIM-SILENT'",
        )
        .execute(&mut db)
        .await
        .unwrap();
    }
    // A station asks the desk for a weight override.
    let asked = busy
        .request_weight_override(
            &uuid::Uuid::now_v7().to_string(),
            &NewWeightOverrideRequest {
                order_id: m.slots[3].order.order_id.clone(),
                parcel_no: 1,
                expected_g: 1200,
                measured_g: 1650,
                packer_id: pk1.clone(),
            },
        )
        .await
        .unwrap();
    // The live stations keep sending heartbeats while the test runs.
    let beats = {
        let (busy, paper, slow, pk1) = (busy.clone(), paper.clone(), slow.clone(), pk1.clone());
        tokio::spawn(async move {
            loop {
                for (c, hb) in [
                    (
                        &busy,
                        sim_heartbeat("ST-SIM-BUSY", Some(&pk1), (true, &[]), (0, None)),
                    ),
                    (
                        &paper,
                        sim_heartbeat("ST-SIM-PAPER", None, (false, &["paper_out"]), (0, None)),
                    ),
                    (
                        &slow,
                        sim_heartbeat("ST-SIM-BACKLOG", None, (true, &[]), (42, Some(30 * 60_000))),
                    ),
                ] {
                    let _ = c.heartbeat(&uuid::Uuid::now_v7().to_string(), &hb).await;
                }
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        })
    };

    let config = dir.path().join("station.toml");
    std::fs::write(&config, "[desk]\nbacklog_alert_min = 10\n").unwrap();
    let export = dir.path().join("desk-export.csv");
    let driver = start_driver(
        &backend.url(),
        "ST-DESK",
        &dir.path().join("station"),
        &config,
    );
    let (sv_badge, packer_badge_) = (supervisor.badge.clone(), packer_badge());
    let (ex, pk1_, pk2_, request_id) = (
        export.clone(),
        pk1.clone(),
        pk2.clone(),
        asked.request_id.clone(),
    );
    let run = with_app(move |client| async move {
        step_shown(&client, "sign_in").await;
        scan_wait(&client, &sv_badge).await;
        wait_for(&client, "#desk").await;
        // Stations: every simulated one, the silent one stale, the others live.
        wait_for(
            &client,
            "tr.station[data-station='ST-SIM-SILENT'][data-stale='true']",
        )
        .await;
        wait_for(
            &client,
            "tr.station[data-station='ST-SIM-BUSY'][data-stale='false'][data-healthy='true']",
        )
        .await;
        wait_for(
            &client,
            "tr.station[data-station='ST-SIM-PAPER'][data-healthy='false']",
        )
        .await;
        wait_for(
            &client,
            "tr.station[data-station='ST-SIM-BACKLOG'][data-pending='42']",
        )
        .await;
        // Alerts: offline, out of labels, backlog.
        for (kind, station) in [
            ("station_offline", "ST-SIM-SILENT"),
            ("printer_out_of_labels", "ST-SIM-PAPER"),
            ("outbox_backlog", "ST-SIM-BACKLOG"),
        ] {
            wait_for(
                &client,
                &format!("#alerts li.alert[data-kind='{kind}'][data-station='{station}']"),
            )
            .await;
        }
        screenshot(&client, "desk-01-stations.png").await;

        // Productivity: a bar per packer in the performance chart.
        click(&client, "button.tab[data-tab='productivity']").await;
        for pk in [&pk1_, &pk2_] {
            wait_for(
                &client,
                &format!("svg[data-chart='packers'] rect.bar[data-key='{pk}']"),
            )
            .await;
        }
        wait_for(
            &client,
            "svg[data-chart='stations'] rect.bar[data-key='ST-SIM-BUSY']",
        )
        .await;
        wait_for(&client, "svg[data-chart='packers-work'] rect.column").await;
        screenshot(&client, "desk-02-productivity.png").await;
        client
            .execute(
                "document.querySelector(\"svg[data-chart='packers-work']\").scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&client, "desk-02b-productivity-work.png").await;
        // On the site's clock (UTC here: no [site] table): the shift running now is named.
        wait_for(&client, "#site-time[data-zone='UTC']:not([data-shift=''])").await;
        click(&client, "#period-week").await;
        wait_for(&client, "#period-week.active").await;
        wait_for(&client, "svg[data-chart='packers'] rect.bar").await;
        wait_for(&client, "#site-time[data-zone='UTC'][data-shift='']").await;
        click(&client, "#period-previous-shift").await;
        wait_for(&client, "#period-previous-shift.active").await;
        wait_for(&client, "#site-time:not([data-shift=''])").await;

        // Exceptions and overrides: filter by station, export the rows as CSV.
        click(&client, "button.tab[data-tab='records']").await;
        wait_for(
            &client,
            "#records tr.record[data-kind='packaging_override']",
        )
        .await;
        fill(&client, "#filter-station", "ST-SIM-BUSY").await;
        click(&client, "#apply-filter").await;
        wait_for(&client, "#records-count[data-shown='1']").await;
        fill(&client, "#export-path", ex.to_str().unwrap()).await;
        click(&client, "#export").await;
        let done = wait_for(&client, "#export-result").await;
        assert_eq!(done.attr("data-rows").await.unwrap().as_deref(), Some("1"));
        screenshot(&client, "desk-03-exceptions-overrides.png").await;

        // Actions: release the silent station's trolley, approve the weight override.
        click(&client, "button.tab[data-tab='actions']").await;
        fill(&client, "#release-trolley", "TR-0013").await;
        fill(
            &client,
            "#release-reason",
            "ST-SIM-SILENT stopped answering",
        )
        .await;
        click(&client, "#release").await;
        let msg = wait_for(&client, "#desk-message[data-ok='true']").await;
        assert!(msg.text().await.unwrap().contains("TR-0013"));
        fill(
            &client,
            "#decision-reason",
            "wet cardboard, contents checked",
        )
        .await;
        click(
            &client,
            &format!("li.weight-request[data-request='{request_id}'] button.approve"),
        )
        .await;
        wait_gone(
            &client,
            &format!("li.weight-request[data-request='{request_id}']"),
        )
        .await;
        let msg = wait_for(&client, "#desk-message[data-ok='true']").await;
        assert!(msg.text().await.unwrap().contains(&request_id));
        screenshot(&client, "desk-04-actions.png").await;

        // Roll-out: each ring's release; a roll-back from the desk answers as a fact.
        click(&client, "button.tab[data-tab='rollout']").await;
        wait_for(
            &client,
            "#rings tr.ring[data-ring='general'][data-version='0.0.2']",
        )
        .await;
        fill(&client, "#rollout-reason", "labels misprint").await;
        click(
            &client,
            "#rings tr.ring[data-ring='general'] button.roll-back",
        )
        .await;
        let msg = wait_for(&client, "#rollout-message[data-ok='true']").await;
        assert!(msg.text().await.unwrap().contains("0.0.1"));
        wait_for(
            &client,
            "#rings tr.ring[data-ring='general'][data-state='rolled_back']",
        )
        .await;
        screenshot(&client, "desk-04b-rollout.png").await;

        // Signing out leaves the desk; a packer gets the packing screen and no desk.
        click(&client, "#desk-sign-out").await;
        step_shown(&client, "sign_in").await;
        wait_gone(&client, "#desk").await;
        scan_wait(&client, &packer_badge_).await;
        step_shown(&client, "scan_trolley").await;
        assert!(
            client.find(Locator::Css("#desk")).await.is_err(),
            "a packer sees the desk"
        );
        let answer = client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 window.__TAURI__.core.invoke('desk_overview', {req: {}}) \
                   .then(() => done('answered'), e => done(JSON.stringify(e)));",
                vec![],
            )
            .await
            .unwrap();
        let answer = answer.as_str().unwrap_or_default().to_owned();
        assert!(
            answer.contains("supervisor_only"),
            "a packer's desk call: {answer}"
        );
        screenshot(&client, "desk-05-packer-no-desk.png").await;
    })
    .await;
    drop(driver);
    beats.abort();
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }

    // The backend: the claim is gone (another station may claim it), the request approved.
    let claimed = paper
        .claim_trolley(&"TR-0013".parse().unwrap())
        .await
        .expect("the released trolley can be claimed again");
    assert_eq!(claimed.claimed_by, "ST-SIM-PAPER");
    let decided = busy.weight_request(&asked.request_id).await.unwrap();
    assert_eq!(decided.status, WeightRequestStatus::Approved);
    assert_eq!(
        decided.supervisor_id.as_deref(),
        Some(supervisor.packer_id.as_str())
    );
    assert_eq!(
        decided.reason.as_deref(),
        Some("wet cardboard, contents checked")
    );
    // The CSV: a header and the busy station's override, its awkward reason intact.
    let mut csv = csv::Reader::from_path(&export).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(&rows[0][2], "packaging_override");
    assert_eq!(&rows[0][3], "ST-SIM-BUSY");
    assert_eq!(&rows[0][6], tricky);
}
