//! End-to-end: the real `packbench` binary in a real WebKitGTK webview, driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), against a training backend this test runs.
//! Needs a display (the README's test command runs it under Xvfb). The WebDriver ports are
//! fixed, so this binary holds the only end-to-end test.

#[path = "support/webdriver.rs"]
mod webdriver;

use fantoccini::{Client, Locator};
use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::ports::BackendApi;
use packbench::training;
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
    use packbench::drill::{unit_scan, verify, DrillReport};
    use packbench_devices::scale::sim::SimScale;
    use packbench_devices::scale::Protocol;
    use packbench_devices::simulator::SimulatedScale;

    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let api = HttpBackend::new(
        &backend.url(),
        "ST-AUDIT",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();

    // A trolley of 8+ slots whose GS1 scans need no separator, with orders of 2+ units.
    let mut chosen = None;
    for n in 4..=60 {
        let code: packbench_core::TrolleyCode = format!("TR-{n:04}").parse().unwrap();
        let m = api.trolley_manifest(&code).await.unwrap();
        let both = m
            .slots
            .iter()
            .flat_map(|s| &s.order.lines)
            .any(|l| l.item.flags.lot_expiry_required && l.item.flags.serial_required);
        let multi = m.slots.iter().filter(|s| s.order.units() >= 2).count();
        if m.slots.len() >= 8 && m.units() <= 40 && !both && multi >= 2 {
            chosen = Some(m);
            break;
        }
    }
    let manifest = chosen.expect("a demo trolley fit for the test");
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

    let scale =
        std::sync::Arc::new(SimulatedScale::start(SimScale::new(Protocol::MtSics)).unwrap());
    let config = dir.path().join("station.toml");
    std::fs::write(
        &config,
        format!(
            "[scale]\nport = \"{}\"\nprotocol = \"mt-sics\"\n",
            scale.path()
        ),
    )
    .unwrap();
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
            let order_id = client
                .find(Locator::Css("#step"))
                .await
                .unwrap()
                .attr("data-order")
                .await
                .unwrap()
                .unwrap();
            let order = manifest
                .slots
                .iter()
                .find(|s| s.order.order_id == order_id)
                .unwrap()
                .order
                .clone();
            if i == 0 {
                // Each line shows its product's picture, from the backend, as a data: URI.
                let img = wait_for(&client, "#order-lines li.count img.thumb").await;
                let src = img.attr("src").await.unwrap().unwrap();
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
                let expected: i64 = wait_for(&client, "#weight[data-expected]")
                    .await
                    .attr("data-expected")
                    .await
                    .unwrap()
                    .unwrap()
                    .parse()
                    .unwrap();
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
