//! The updater's checks: a throw-away release key signs an update served from a loopback
//! server with a Tauri updater manifest; the signed update verifies, a tampered one or one
//! signed by another key does not. Updates wait until no trolley is held.

use std::sync::Arc;

use base64::Engine;
use packbench::config::Config;
use packbench::contract::SignInRequest;
use packbench::services::pack::PackOptions;
use packbench::services::update::{may_install_now, verify_update, UpdateError};
use packbench::training::demo_data;

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// A release key as `cargo tauri signer generate` makes one: (public key for tauri.conf.json,
/// signer).
fn release_key() -> (String, minisign::SecretKey) {
    let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    (b64(&kp.pk.to_box().unwrap().into_string()), kp.sk)
}

fn sign(sk: &minisign::SecretKey, data: &[u8]) -> String {
    let sig = minisign::sign(None, sk, data, Some("packbench 0.2.0"), None).unwrap();
    b64(&sig.into_string())
}

/// Serves `/latest.json` (the updater manifest) and the artifacts under `/files/`.
async fn serve(manifest: serde_json::Value, files: Vec<(&'static str, Vec<u8>)>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let files = Arc::new(files);
    let app = axum::Router::new()
        .route(
            "/latest.json",
            axum::routing::get(move || async move { axum::Json(manifest) }),
        )
        .route(
            "/files/{name}",
            axum::routing::get(
                move |axum::extract::Path(name): axum::extract::Path<String>| async move {
                    files
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, b)| b.clone())
                        .unwrap_or_default()
                },
            ),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// What the updater does after finding an update: fetch the manifest, download the
/// platform's artifact, verify it against the configured key.
async fn fetch_and_verify(base: &str, pubkey: &str) -> Result<(), UpdateError> {
    let manifest: serde_json::Value = reqwest::get(format!("{base}/latest.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let platform = &manifest["platforms"]["linux-x86_64"];
    let url = platform["url"].as_str().unwrap().replace("BASE", base);
    let data = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    verify_update(&data, platform["signature"].as_str().unwrap(), pubkey)
}

fn manifest(file: &str, signature: &str) -> serde_json::Value {
    serde_json::json!({
        "version": "0.2.0",
        "notes": "test release",
        "pub_date": "2026-11-26T10:00:00Z",
        "platforms": {"linux-x86_64": {"url": format!("BASE/files/{file}"), "signature": signature}}
    })
}

#[tokio::test]
async fn a_signed_update_is_accepted_and_a_tampered_one_refused() {
    let (pubkey, sk) = release_key();
    let deb = b"!<arch>\npackbench 0.2.0 package bytes".to_vec();
    let signature = sign(&sk, &deb);
    let mut tampered = deb.clone();
    *tampered.last_mut().unwrap() ^= 1;
    let (_, other_sk) = release_key();

    let base = serve(
        manifest("good.deb", &signature),
        vec![("good.deb", deb.clone())],
    )
    .await;
    fetch_and_verify(&base, &pubkey).await.unwrap();

    let base = serve(manifest("bad.deb", &signature), vec![("bad.deb", tampered)]).await;
    assert!(matches!(
        fetch_and_verify(&base, &pubkey).await,
        Err(UpdateError::NotSigned(_))
    ));

    let foreign = sign(&other_sk, &deb);
    let base = serve(
        manifest("good.deb", &foreign),
        vec![("good.deb", deb.clone())],
    )
    .await;
    assert!(matches!(
        fetch_and_verify(&base, &pubkey).await,
        Err(UpdateError::NotSigned(_))
    ));

    assert!(matches!(
        verify_update(&deb, "not a signature", &pubkey),
        Err(UpdateError::BadSignature(_))
    ));
    assert!(matches!(
        verify_update(&deb, &signature, &b64("garbage")),
        Err(UpdateError::BadPublicKey(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_never_installs_mid_trolley() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        station_id: "ST-UPD".into(),
        backend_token: "training".into(),
        data_dir: dir.path().to_owned(),
        ..Default::default()
    };
    let rt = packbench::app::start_station(&cfg, PackOptions::default())
        .await
        .unwrap();
    assert!(
        may_install_now(&rt.pack).await,
        "an idle station may update"
    );
    let w = demo_data::generate(demo_data::DEFAULT_SEED);
    let p = w.packers.iter().find(|p| p.role == "packer").unwrap();
    rt.pack
        .sign_in(SignInRequest::Pin {
            packer_id: p.packer_id.clone(),
            pin: p.pin.clone(),
        })
        .await
        .unwrap();
    assert!(
        may_install_now(&rt.pack).await,
        "signed in, no trolley: may update"
    );
    rt.pack.scan(&w.trolleys[0].trolley).await.unwrap();
    assert!(rt.pack.state().await.trolley.is_some());
    assert!(!may_install_now(&rt.pack).await, "mid-trolley: wait");
}
