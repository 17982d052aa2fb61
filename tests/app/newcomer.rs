//! End-to-end, as a newcomer: from a fresh data directory, the real app on a training backend
//! signs in and packs a whole trolley by touching only what training mode offers on the page
//! (codes and targets read from the page, never from the demo data or the backend's database),
//! then the backend's records are checked as in `e2e.rs`'s whole-trolley test; a second pass
//! does it in Polish. On a backend without training mode the page offers nothing.
//! Runs alone (fixed WebDriver ports), under Xvfb like `e2e.rs`.

use crate::webdriver;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::ports::SupervisorApi;
use webdriver::*;

async fn fetches(client: &Client) -> u64 {
    wait_for(client, "#training-state")
        .await
        .attr("data-fetches")
        .await
        .unwrap()
        .unwrap_or_default()
        .parse()
        .unwrap_or(0)
}

pub(crate) async fn step(client: &Client) -> String {
    wait_for(client, "#step")
        .await
        .attr("data-step")
        .await
        .unwrap()
        .unwrap_or_default()
}

pub(crate) async fn attr_u64(client: &Client, css: &str, attr: &str) -> u64 {
    wait_for(client, css)
        .await
        .attr(attr)
        .await
        .unwrap()
        .unwrap_or_default()
        .parse()
        .unwrap_or(0)
}

/// Waits until the targets on the page are the ones for the screen shown (every question the
/// panel asked has its answer).
pub(crate) async fn hints_current(client: &Client) {
    let deadline = Instant::now() + WAIT;
    while attr_u64(client, "#training-state", "data-asked").await
        != attr_u64(client, "#training-state", "data-fetches").await
    {
        assert!(
            Instant::now() < deadline,
            "the training hints never caught up"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

/// Touches the first target matching `css` once the targets match the screen, then waits for
/// the station's answer and the targets of the screen that follows; returns the target's code.
pub(crate) async fn touch(client: &Client, css: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        hints_current(client).await;
        let answered = attr_u64(client, "main", "data-answered").await;
        let el = wait_for(client, css).await;
        // A target re-rendered between finding and clicking is found again.
        let Ok(Some(scan)) = el.attr("data-scan").await else {
            assert!(Instant::now() < deadline, "{css} has no code");
            continue;
        };
        // In the middle of the window: at an edge the status bar may be over it.
        let _ = client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(&el).unwrap()],
            )
            .await;
        if el.click().await.is_err() {
            assert!(Instant::now() < deadline, "{css} could not be touched");
            continue;
        }
        // A touch that reached nothing (the page moved under it) gets no answer: touch again.
        let lost = Instant::now() + Duration::from_secs(10);
        while attr_u64(client, "main", "data-answered").await <= answered && Instant::now() < lost {
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        if attr_u64(client, "main", "data-answered").await <= answered {
            assert!(Instant::now() < deadline, "no answer after touching {css}");
            continue;
        }
        hints_current(client).await;
        return scan;
    }
}

/// Scrolls the training panel to the top of the window (for the README's screenshots).
async fn show_hints(client: &Client) {
    let panel = wait_for(client, "#training").await;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'start'})",
            vec![serde_json::to_value(&panel).unwrap()],
        )
        .await
        .unwrap();
}

/// A badge target of a packer (not a supervisor) who speaks `lang`.
async fn packer_badge_target(client: &Client, lang: &str) -> String {
    wait_for(client, "#training-targets button.hint-badge").await;
    for b in client
        .find_all(Locator::Css("#training-targets button.hint-badge"))
        .await
        .unwrap()
    {
        let detail = b
            .find(Locator::Css(".hint-detail"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if detail.starts_with("packer") && detail.ends_with(&format!("· {lang}")) {
            let scan = b.attr("data-scan").await.unwrap().unwrap();
            return format!("#training-targets button.hint-badge[data-scan='{scan}']");
        }
    }
    panic!("no {lang} packer offered at sign-in");
}

async fn pass(lang: &'static str, shots: bool) {
    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let (scale, config) = scale_and_config(dir.path());
    let data = dir.path().join("station");
    let driver = start_driver(&backend.url(), "ST-NEWCOMER", &data, &config);
    let sc = scale.clone();
    let run = with_app(move |client| async move {
        let scale = sc;
        step_shown(&client, "sign_in").await;
        let badge = packer_badge_target(&client, lang).await;
        if shots {
            show_hints(&client).await;
            screenshot(&client, "newcomer-1-sign-in.png").await;
        }
        touch(&client, &badge).await;
        step_shown(&client, "scan_trolley").await;
        let title = wait_for(&client, "#training .training-title")
            .await
            .text()
            .await
            .unwrap();
        let want = if lang == "pl" {
            "Tryb szkoleniowy"
        } else {
            "Training mode"
        };
        assert_eq!(title, want);
        let trolley = touch(&client, "#training-targets button.hint-trolley").await;
        let mut shot_units = shots;
        let mut shot_label = shots;
        let mut slots = 0;
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            assert!(Instant::now() < deadline, "the trolley took too long");
            hints_current(&client).await;
            match step(&client).await.as_str() {
                "scan_slot" => {
                    touch(&client, "#training-targets button.hint-slot").await;
                    slots += 1;
                }
                "verify_units" => {
                    if shot_units {
                        show_hints(&client).await;
                        screenshot(&client, "newcomer-2-units.png").await;
                        shot_units = false;
                    }
                    if client
                        .find(Locator::Css("#training-targets button.hint-unit"))
                        .await
                        .is_ok()
                    {
                        touch(&client, "#training-targets button.hint-unit").await;
                    } else {
                        touch(
                            &client,
                            "#training-targets button.hint-action[data-scan='PB-CLOSE-PARCEL']",
                        )
                        .await;
                    }
                }
                "choose_packaging" => {
                    touch(&client, "#training-targets button.hint-box").await;
                }
                "weigh" => {
                    let expected: i64 = expected_weight_g(&client).await;
                    scale.set_load_g(expected);
                    wait_gone(&client, "#step[data-step='weigh']").await;
                    scale.set_load_g(0);
                    if shot_label {
                        wait_for(&client, "#label-preview img.label-image").await;
                        screenshot(&client, "newcomer-3-label.png").await;
                        shot_label = false;
                    }
                }
                "scan_trolley" if slots > 0 => break,
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        // The packed trolley is no longer offered.
        wait_for(&client, "#training-targets button.hint-trolley").await;
        assert!(client
            .find(Locator::Css(&format!(
                "#training-targets button[data-scan='{trolley}']"
            )))
            .await
            .is_err());
        (trolley, slots)
    })
    .await;
    drop(driver);
    let (trolley, slots) = match run {
        Ok(r) => r,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    };

    // The backend holds exactly what the trolley held.
    let api = HttpBackend::new(
        &backend.url(),
        "ST-AUDIT",
        TOKEN,
        HttpBackendOptions::default(),
    )
    .unwrap();
    let code: packbench_core::TrolleyCode = trolley.parse().unwrap();
    let manifest = api.trolley_manifest(&code).await.unwrap();
    assert_eq!(slots, manifest.slots.len());
    let mut report = packbench::cli::drill::DrillReport::default();
    packbench::cli::drill::verify(
        &backend.url(),
        TOKEN,
        std::slice::from_ref(&trolley),
        &mut report,
    )
    .await
    .unwrap();
    assert_eq!((report.lost, report.duplicates), (0, 0), "{report:?}");
    assert_eq!(report.dispatched_units, manifest.units(), "{report:?}");
    for s in &manifest.slots {
        let shipped = api.shipments_for_order(&s.order.order_id).await.unwrap();
        assert_eq!(shipped.len(), 1, "order {} shipped once", s.order.order_id);
    }
    let spool = std::fs::read_dir(data.join("print-spool")).unwrap().count();
    assert!(spool >= manifest.slots.len(), "{spool} labels");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_packs_a_trolley_from_what_the_screen_offers() {
    pass("en", true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_packs_a_trolley_in_polish() {
    pass("pl", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_station_on_a_real_backend_offers_no_hints() {
    let _one = ONE_APP.lock().await;
    let (dir, _training) = start_backend().await;
    let real = packbench::training::hints::start_without_training_mode(
        packbench::training::TrainingOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            db_path: dir.path().join("real.sqlite"),
            token: TOKEN.into(),
            webhook_url: None,
        },
    )
    .await
    .unwrap();
    let (_scale, config) = scale_and_config(dir.path());
    let driver = start_driver(&real.url(), "ST-REAL", &dir.path().join("station"), &config);
    let run = with_app(|client| async move {
        step_shown(&client, "sign_in").await;
        wait_for(
            &client,
            "#training-state[data-training='false']:not([data-fetches='0'])",
        )
        .await;
        scan_wait(&client, &packer_badge()).await;
        step_shown(&client, "scan_trolley").await;
        scan_wait(&client, "TR-0001").await;
        step_shown(&client, "scan_slot").await;
        let deadline = Instant::now() + WAIT;
        while fetches(&client).await < 3 {
            assert!(
                Instant::now() < deadline,
                "the screen did not ask for hints"
            );
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        assert!(client.find(Locator::Css("#training")).await.is_err());
        assert!(client.find(Locator::Css(".hint")).await.is_err());
        assert_eq!(
            wait_for(&client, "#training-state")
                .await
                .attr("data-training")
                .await
                .unwrap()
                .as_deref(),
            Some("false")
        );
    })
    .await;
    drop(driver);
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}
