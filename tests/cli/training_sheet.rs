//! `packbench training-sheet` as a trainee's supervisor runs it: the PDF read back with real
//! tools (`pdftotext`, `pdftoppm` and `zbarimg`): every code of the trolley is on it, in the
//! station's language, and the printed barcodes scan as the codes the station expects.

use std::process::Command;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::ports::BackendApi;
use packbench::training::{self, TrainingOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_training_sheet_holds_every_code_of_the_trolley() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("station");
    let out = dir.path().join("pack.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args(["--data-dir"])
        .arg(&data)
        .args([
            "training-sheet",
            "--trolley",
            "TR-0001",
            "--lang",
            "pl",
            "--out",
        ])
        .arg(&out)
        .env_remove("PACKBENCH_CONFIG")
        .env_remove("PACKBENCH_BACKEND_URL")
        .env("PACKBENCH_BACKEND_TOKEN", "training")
        .status()
        .unwrap();
    assert!(status.success());

    // The codes the sheet must hold, from the same training database's hints.
    let backend = training::start(TrainingOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: data.join("training-backend.sqlite"),
        token: "training".into(),
        webhook_url: None,
    })
    .await
    .unwrap();
    let api = HttpBackend::new(
        &backend.url(),
        "ST-01",
        "training",
        HttpBackendOptions::default(),
    )
    .unwrap();
    let t: packbench_core::TrolleyCode = "TR-0001".parse().unwrap();
    let hints = api.training_hints(Some(&t)).await.unwrap().unwrap();

    let text = String::from_utf8(
        Command::new("pdftotext")
            .args(["-layout"])
            .arg(&out)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("pakiet szkoleniowy"), "Polish title");
    assert!(text.contains("Zaloguj się"), "Polish headings");
    for c in &hints.crew {
        assert!(text.contains(&c.badge), "badge of {}", c.name);
    }
    for s in &hints.trolley.as_ref().unwrap().slots {
        assert!(text.contains(&s.location), "slot {}", s.location);
        for l in &s.lines {
            for u in &l.units {
                let shown = packbench_labels::training_sheet::readable(&u.scan);
                // Long GS1 strings may be cut at the column's edge: their start is there.
                let head: String = shown.chars().take(24).collect();
                assert!(text.contains(&head), "unit {shown}");
            }
        }
    }
    assert!(text.contains("PB-CLOSE-PARCEL"));

    // The first page's barcodes scan back as the badges.
    let png = dir.path().join("page");
    let ok = Command::new("pdftoppm")
        .args(["-r", "200", "-f", "1", "-l", "1", "-png"])
        .arg(&out)
        .arg(&png)
        .status()
        .unwrap();
    assert!(ok.success());
    let page = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .unwrap();
    let scanned = String::from_utf8(
        Command::new("zbarimg")
            .args(["--quiet", "--raw"])
            .arg(&page)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let first = &hints.crew[0].badge;
    assert!(
        scanned.lines().any(|l| l == first),
        "{first} not scanned in {scanned}"
    );
}
