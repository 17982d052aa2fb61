//! End-to-end: device faults as the packer and the supervisor meet them, in the real app with a
//! simulated Zebra on raw TCP (silent to `~HS` when out of labels, answering `~HQES`, as the ZPL
//! Programming Guide says) and a simulated MT-SICS scale on a pty that is unplugged and
//! plugged back. The station's own heartbeats carry the faults to the backend, where the
//! supervisor's desk, opened in the same app, names them.

use crate::webdriver;

use std::path::Path;
use std::time::{Duration, Instant};

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::cli::drill::unit_scan;
use packbench::training;
use packbench_core::Manifest;
use packbench_devices::printer::sim::SimulatedZebra;
use packbench_devices::scale::{sim::SimScale, Protocol};
use packbench_devices::simulator::SimulatedScale;
use packbench_ipc::i18n::Lang;
use webdriver::*;

const STATION: &str = "ST-E2E-DEV";

/// A scale on a new pty, reachable at `link` (as `/dev/serial/by-id/...` would be).
fn plug_scale(link: &Path) -> SimulatedScale {
    let sim = SimulatedScale::start(SimScale::new(Protocol::MtSics)).expect("a pty pair");
    sim.link_at(link).unwrap();
    sim
}

/// A device's words in the status bar are the packer's language's words for its code.
fn in_some_language(code: &str, text: &str) -> bool {
    Lang::ALL
        .iter()
        .any(|l| l.words().device_problem(code).as_deref() == Some(text))
}

/// Waits until the status bar shows the device of `kind` ready or not; on a timeout, says what
/// it shows instead.
async fn device_shown(
    client: &fantoccini::Client,
    kind: &str,
    ready: bool,
) -> fantoccini::elements::Element {
    use fantoccini::Locator;
    let css = format!(".device[data-kind='{kind}'][data-ready='{ready}']");
    match client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&css))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            let seen = client
                .execute(
                    "return [...document.querySelectorAll('.device')].map(d => d.outerHTML).join('\\n')",
                    vec![],
                )
                .await
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .unwrap_or_default();
            panic!("{css} never shown ({e}); the status bar shows:\n{seen}")
        }
    }
}

/// Packs the next slot's order whole, in one parcel, on the suggested box, at the expected
/// weight: the scans a packer makes. Returns the order's id.
async fn pack_next_order(
    client: &fantoccini::Client,
    manifest: &Manifest,
    scale: &SimulatedScale,
) -> String {
    let order_id = box_next_order(client, manifest).await;
    scale.set_load_g(expected_weight_g(client).await);
    wait_gone(client, "#step[data-step='weigh']").await;
    scale.set_load_g(0);
    order_id
}

/// Takes the next slot, scans its order's units, closes the parcel and scans the suggested
/// box: the parcel is ready for the scale. Returns the order's id.
async fn box_next_order(client: &fantoccini::Client, manifest: &Manifest) -> String {
    use fantoccini::Locator;
    scan_wait(client, "PB-TAKE-SLOT").await;
    step_shown(client, "verify_units").await;
    let order_id = order_shown(client).await;
    let order = &manifest
        .slots
        .iter()
        .find(|s| s.order.order_id == order_id)
        .expect("the shown order is on the trolley")
        .order;
    for l in &order.lines {
        for n in 1..=l.qty {
            scan_wait(client, &unit_scan(&order.order_id, l, n)).await;
        }
    }
    scan_wait(client, "PB-CLOSE-PARCEL").await;
    step_shown(client, "choose_packaging").await;
    let bx = client
        .find(Locator::Css("#suggestion .barcode"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    scanner_burst(client, &bx).await;
    step_shown(client, "weigh").await;
    order_id
}

/// The answers the screen has shown so far (`main`'s `data-answered`).
async fn answers(client: &fantoccini::Client) -> u64 {
    wait_for(client, "main[data-answered]")
        .await
        .attr("data-answered")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap()
}

/// A printer out of labels mid-trolley and a scale unplugged, as the packer sees them (in their
/// language, on the status bar; the order waits with its label pending) and as the supervisor
/// sees them on the desk (each fault by name, with the station); then the roll loaded and the
/// cable back: the scale is ready again by itself and the waiting order's label prints once.
#[tokio::test(flavor = "multi_thread")]
async fn device_faults_reach_the_packer_and_the_desk_by_name_and_the_waiting_label_prints_once() {
    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let api = HttpBackend::new(
        &backend.url(),
        "ST-AUDIT",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();
    // A trolley of four or more slots, its first four orders small.
    let manifest = demo_trolley(&api, 1, |m| {
        m.slots.len() >= 4 && m.slots.iter().take(4).all(|s| s.order.units() <= 6)
    })
    .await;

    let zebra = SimulatedZebra::start().unwrap();
    let link = dir.path().join("ttyScale");
    let scale = plug_scale(&link);
    let config = dir.path().join("station.toml");
    std::fs::write(
        &config,
        format!(
            "[scale]\nport = \"{}\"\nprotocol = \"mt-sics\"\n\n[printers]\nlabel = \"{}?status_timeout_ms=800\"\n",
            link.display(),
            zebra.uri()
        ),
    )
    .unwrap();
    let driver = start_driver(
        &backend.url(),
        STATION,
        &dir.path().join("station"),
        &config,
    );
    let (supervisor, desk_lang) = {
        let w = training::demo_data::generate(training::demo_data::DEFAULT_SEED);
        let sv = w.packers.iter().find(|p| p.role == "supervisor").unwrap();
        (sv.badge.clone(), Lang::from_tag(sv.language))
    };
    let zebra = std::sync::Arc::new(zebra);
    let z = zebra.clone();
    let run = with_app(move |client| async move {
        let zebra = z;
        let wait_jobs = |n: usize| {
            let zebra = zebra.clone();
            async move {
                tokio::task::spawn_blocking(move || zebra.wait_for_jobs(n, WAIT).len())
                    .await
                    .unwrap()
            }
        };
        step_shown(&client, "sign_in").await;
        scan_wait(&client, &packer_badge()).await;
        step_shown(&client, "scan_trolley").await;
        scan_wait(&client, &manifest.trolley.to_string()).await;
        step_shown(&client, "scan_slot").await;
        device_shown(&client, "label_printer", true).await;

        pack_next_order(&client, &manifest, &scale).await;
        assert_eq!(wait_jobs(1).await, 1, "the first order's label printed");

        // The roll runs out: the next order is packed, and its label waits.
        zebra.update(|s| s.paper_out = true);
        let waiting = pack_next_order(&client, &manifest, &scale).await;
        step_shown(&client, "scan_slot").await;
        wait_for(&client, "#labels-pending[data-count='1']").await;
        let printer = wait_for(
            &client,
            ".device[data-kind='label_printer'][data-ready='false'][data-problems='paper_out']",
        )
        .await;
        let words = printer.text().await.unwrap();
        assert!(in_some_language("paper_out", &words), "{words}");
        assert_eq!(zebra.jobs().len(), 1, "nothing sent to a printer out of labels");
        screenshot(&client, "devices-01-out-of-labels.png").await;

        // The scale's cable pulled.
        // Its by-id link goes with it, as udev removes it.
        scale.unplug();
        assert!(!link.exists());
        let shown = device_shown(&client, "scale", false).await;
        let code = shown.attr("data-problems").await.unwrap().unwrap_or_default();
        assert!(
            ["scale_disconnected", "scale_port_unavailable", "scale_no_answer"]
                .contains(&code.as_str()),
            "{code}"
        );
        let words = shown.text().await.unwrap();
        assert!(in_some_language(&code, &words), "{code}: {words}");
        screenshot(&client, "devices-02-scale-unplugged.png").await;

        // The supervisor walks over: the desk names both faults and the station.
        scan_wait(&client, "PB-SIGN-OUT").await;
        step_shown(&client, "sign_in").await;
        scan_wait(&client, &supervisor).await;
        wait_for(&client, "#desk").await;
        let paper = wait_for(
            &client,
            &format!("#alerts li.alert[data-kind='printer_out_of_labels'][data-station='{STATION}']"),
        )
        .await;
        // The desk speaks the supervisor's language.
        let w = desk_lang.words();
        let text = paper.text().await.unwrap();
        // The sentence around the printer's name.
        let said = w.fmt(
            "desk-alert-printer-out-of-labels",
            &[("station", STATION.into()), ("printer", "\u{1}".into())],
        );
        let (before, after) = said.split_once('\u{1}').unwrap();
        assert!(text.contains(before) && text.contains(after), "{text}");
        let unplugged = wait_for(
            &client,
            &format!("#alerts li.alert[data-kind='device_not_ready'][data-station='{STATION}']"),
        )
        .await;
        let text = unplugged.text().await.unwrap();
        let described = packbench_ipc::desk_words::fault_name(&w, &code);
        assert!(
            text.contains(STATION)
                && text.contains(&w.device_kind("scale"))
                && text.contains(&described),
            "{text}"
        );
        let row = wait_for(
            &client,
            &format!("tr.station[data-station='{STATION}'][data-healthy='false'] .device[data-kind='scale']"),
        )
        .await;
        let text = row.text().await.unwrap();
        assert!(text.contains(&described), "{text}");
        screenshot(&client, "devices-03-desk.png").await;
        wait_for(&client, "#desk-sign-out").await.click().await.unwrap();
        step_shown(&client, "sign_in").await;

        // The roll loaded and the cable back: the scale is ready by itself, and the packer's
        // reprint prints the waiting order's label, once.
        zebra.update(|s| s.paper_out = false);
        let scale = plug_scale(&link);
        scan_wait(&client, &packer_badge()).await;
        step_shown(&client, "scan_slot").await;
        device_shown(&client, "scale", true).await;
        scan_wait(&client, "PB-REPRINT").await;
        assert_eq!(wait_jobs(2).await, 2);
        wait_gone(&client, "#labels-pending").await;
        let second = String::from_utf8_lossy(&zebra.jobs()[1]).into_owned();
        assert!(second.contains(&waiting), "the waiting order's label: {second}");
        screenshot(&client, "devices-04-recovered.png").await;

        // Packing goes on as before: the next order prints as it is packed, and nothing twice.
        pack_next_order(&client, &manifest, &scale).await;
        assert_eq!(wait_jobs(3).await, 3);

        // The cable pulled again with the next parcel boxed: the station keeps asking the
        // scale by itself, a pause apart (asked as fast as it refuses, the kiosk would beep and
        // log without end while the cable is out), and weighs once the cable is back.
        box_next_order(&client, &manifest).await;
        let expected = expected_weight_g(&client).await;
        scale.unplug();
        wait_for(&client, "#error[data-code]").await;
        let (first, since) = (answers(&client).await, Instant::now());
        while answers(&client).await < first + 3 {
            assert!(since.elapsed() < WAIT, "the scale is not asked again");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let took = since.elapsed();
        assert!(
            took >= Duration::from_secs(3),
            "three more tries of an unplugged scale within {took:?}"
        );
        let scale = plug_scale(&link);
        scale.set_load_g(expected);
        wait_gone(&client, "#step[data-step='weigh']").await;
        assert_eq!(wait_jobs(4).await, 4);
    })
    .await;
    drop(driver);
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
    // Nothing printed again after the waits (the catch-up and the reprint are one print).
    assert_eq!(zebra.jobs().len(), 4);
}
