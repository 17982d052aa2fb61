//! Signed updates through the real tauri-plugin-updater code path (`updater_builder()`, `check`,
//! `download`) on the app's own builder with the mock runtime: a throw-away release key signs
//! updates as tauri-cli does, a loopback server serves the updater manifest and the package.
//! A correctly signed update is found and verified; tampered bytes, another key's signature, an
//! older signed package announced as newer and a signature naming no version are refused;
//! nothing newer means no update. The update task installs only between trolleys, and the
//! webview cannot reach the updater.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use packbench::app::StationRuntime;
use packbench::config::{Config, UpdateSettings};
use packbench::contract::SignInRequest;
use packbench::services::update::{self, may_install_now};
use packbench::training::demo_data;
use serde_json::json;
use tauri::test::{get_ipc_response, MockRuntime};

use crate::mock_app::{self, app};

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// The update task, its update downloaded, holds it while the packer's trolley is claimed:
/// still running half a second on, nothing installed.
async fn waits_for_the_trolley(
    task: &mut tokio::task::JoinHandle<()>,
    installed: &Mutex<Vec<Installed>>,
) {
    assert!(
        tokio::time::timeout(Duration::from_millis(500), task)
            .await
            .is_err(),
        "the task must wait for the trolley"
    );
    assert!(
        installed.lock().unwrap().is_empty(),
        "installed mid-trolley"
    );
}

/// A release key as `cargo tauri signer generate` makes one: (public key for the station
/// config's `update.pubkey`, signer).
fn release_key() -> (String, minisign::SecretKey) {
    let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    (b64(&kp.pk.to_box().unwrap().into_string()), kp.sk)
}

/// Signs a package as tauri-cli does (`sign_updaters`): the trusted comment names the file and
/// the version it was built as, and the `.sig` file holds the base64 of the signature box.
fn sign(sk: &minisign::SecretKey, data: &[u8], version: &str) -> String {
    let comment =
        format!("timestamp:1795000000\tfile:Packbench_{version}_amd64.deb\tversion:{version}");
    let sig = minisign::sign(
        None,
        sk,
        data,
        Some(&comment),
        Some("signature from tauri secret key"),
    )
    .unwrap();
    b64(&sig.into_string())
}

/// A loopback update server: `/latest.json` (the updater manifest, its `BASE` replaced by the
/// server's URL) and the package at `/files/<name>`. The watch counts downloads served.
async fn serve(
    manifest: serde_json::Value,
    name: &'static str,
    package: Vec<u8>,
) -> (String, tokio::sync::watch::Receiver<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest.to_string().replace("BASE", &base)).unwrap();
    let (served, downloads) = tokio::sync::watch::channel(0usize);
    let served = Arc::new(served);
    let app = axum::Router::new()
        .route(
            "/latest.json",
            axum::routing::get(move || async move { axum::Json(manifest) }),
        )
        .route(
            "/files/{name}",
            axum::routing::get(
                move |axum::extract::Path(file): axum::extract::Path<String>| async move {
                    assert_eq!(file, name, "the updater asked for the announced file");
                    served.send_modify(|n| *n += 1);
                    package.clone()
                },
            ),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, downloads)
}

/// The updater manifest tauri's docs describe (static format), for this machine's target.
fn manifest(version: &str, file: &str, signature: &str) -> serde_json::Value {
    json!({
        "version": version,
        "notes": "test release",
        "pub_date": "2026-11-26T10:00:00Z",
        "platforms": {"linux-x86_64": {"url": format!("BASE/files/{file}"), "signature": signature}}
    })
}

fn settings(base: &str, pubkey: &str, every: Duration) -> UpdateSettings {
    UpdateSettings {
        endpoints: vec![format!("{base}/latest.json").parse().unwrap()],
        pubkey: pubkey.to_owned(),
        check_every: every,
        ring: "general".into(),
    }
}

/// A station on the embedded training backend, its config's `[update]` set to `update`.
async fn station(dir: &std::path::Path, update: Option<UpdateSettings>) -> StationRuntime {
    mock_app::station(&Config {
        update,
        ..mock_app::embedded("ST-UPD", dir)
    })
    .await
}

/// This build's version (tauri.conf.json has none: the app and the .deb take Cargo's).
const CURRENT: &str = env!("CARGO_PKG_VERSION");

/// The minor release `ahead` after this build's.
/// Signs the demo warehouse's first packer in at the station; the demo warehouse, for its
/// trolleys.
async fn sign_in_demo_packer(rt: &StationRuntime) -> demo_data::DemoWarehouse {
    let w = demo_data::generate(demo_data::DEFAULT_SEED);
    let p = w.packers.iter().find(|p| p.role == "packer").unwrap();
    rt.pack
        .sign_in(SignInRequest::Pin {
            packer_id: p.packer_id.clone(),
            pin: p.pin.clone(),
        })
        .await
        .unwrap();
    w
}

fn next_version(ahead: u64) -> String {
    let mut parts = CURRENT.split('.').map(|p| p.parse::<u64>().unwrap());
    let (major, minor) = (parts.next().unwrap(), parts.next().unwrap());
    format!("{major}.{}.0", minor + ahead)
}

/// A package that looks like a .deb (`!<arch>` ar archive with `debian-binary`).
fn package(version: &str) -> Vec<u8> {
    format!("!<arch>\ndebian-binary   1795000000  0     0     100644  4         `\n2.0\npackbench {version}").into_bytes()
}

#[test]
fn the_plugin_accepts_a_signed_update_and_refuses_tampered_foreign_replayed_or_unversioned_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (pubkey, sk) = release_key();
    let (_, other_sk) = release_key();
    let next = next_version(1);
    let later = next_version(2);
    let deb = package(&next);
    let signature = sign(&sk, &deb, &next);
    let check = |app: tauri::AppHandle<MockRuntime>, base: String| async move {
        // The endpoint differs per scenario; the key is the one the plugin was built with.
        let s = settings(&base, "", Duration::from_secs(3600));
        update::check_and_download(&app, &s).await
    };
    tauri::async_runtime::block_on(async {
        let registered = settings("http://127.0.0.1:9", &pubkey, Duration::from_secs(3600));
        let app = app(station(dir.path(), Some(registered)).await);
        let h = app.handle().clone();
        assert_eq!(h.package_info().version.to_string(), CURRENT);

        // Signed by the release key: found, downloaded, verified.
        let (base, downloads) = serve(
            manifest(&next, "good.deb", &signature),
            "good.deb",
            deb.clone(),
        )
        .await;
        let (found, bytes) = check(h.clone(), base)
            .await
            .unwrap()
            .expect("a newer release");
        assert_eq!(
            (found.version.as_str(), bytes),
            (next.as_str(), deb.clone())
        );
        assert_eq!(*downloads.borrow(), 1);

        // One byte changed: the download is refused.
        let mut tampered = deb.clone();
        *tampered.last_mut().unwrap() ^= 1;
        let (base, downloads) =
            serve(manifest(&next, "bad.deb", &signature), "bad.deb", tampered).await;
        let err = check(h.clone(), base)
            .await
            .err()
            .expect("tampered bytes refused");
        assert!(
            matches!(err, tauri_plugin_updater::Error::Minisign(_)),
            "{err}"
        );
        assert_eq!(*downloads.borrow(), 1, "it was downloaded, then refused");

        // Signed by another key: refused.
        let foreign = sign(&other_sk, &deb, &next);
        let (base, _) = serve(
            manifest(&next, "good.deb", &foreign),
            "good.deb",
            deb.clone(),
        )
        .await;
        let err = check(h.clone(), base)
            .await
            .err()
            .expect("another key's signature refused");
        assert!(
            matches!(err, tauri_plugin_updater::Error::Minisign(_)),
            "{err}"
        );

        // The genuine `next` package announced as a later release: its signature names `next`,
        // so it is refused (a manifest cannot replay an old signed release as a new one).
        let (base, _) = serve(
            manifest(&later, "good.deb", &signature),
            "good.deb",
            deb.clone(),
        )
        .await;
        let err = check(h.clone(), base)
            .await
            .err()
            .expect("a replayed older release refused");
        assert!(
            matches!(
                err,
                tauri_plugin_updater::Error::SignedVersionMismatch { .. }
            ),
            "{err}"
        );

        // Signed by the release key but naming no version (minisign's default comment): with
        // requireSignedVersion it cannot vouch for the announced one, refused.
        let bare = b64(&minisign::sign(None, &sk, &deb[..], None, None)
            .unwrap()
            .into_string());
        let (base, _) = serve(manifest(&next, "good.deb", &bare), "good.deb", deb.clone()).await;
        let err = check(h.clone(), base)
            .await
            .err()
            .expect("an unversioned signature refused");
        assert!(
            matches!(err, tauri_plugin_updater::Error::MissingSignedVersion),
            "{err}"
        );

        // Nothing newer than this build: no update, nothing downloaded.
        for version in [CURRENT, "0.0.0"] {
            let old = package(version);
            let (base, downloads) = serve(
                manifest(version, "old.deb", &sign(&sk, &old, version)),
                "old.deb",
                old,
            )
            .await;
            assert!(
                check(h.clone(), base).await.unwrap().is_none(),
                "{version} is no update"
            );
            assert_eq!(*downloads.borrow(), 0);
        }
        drop(app);
    });
}

#[test]
fn the_webview_cannot_reach_the_updater() {
    let dir = tempfile::tempdir().unwrap();
    let (pubkey, _) = release_key();
    tauri::async_runtime::block_on(async {
        let s = settings("http://127.0.0.1:9", &pubkey, Duration::from_secs(3600));
        let app = app(station(dir.path(), Some(s)).await);
        let main = mock_app::main_window(&app);
        for cmd in ["check", "download", "install", "download_and_install"] {
            let req = mock_app::request(
                &format!("plugin:updater|{cmd}"),
                mock_app::LOCAL,
                json!({"rid": 1}),
            );
            let refusal = get_ipc_response(&main, req)
                .expect_err("the updater is not granted to the webview")
                .to_string();
            assert!(
                refusal.contains("not allowed"),
                "plugin:updater|{cmd}: {refusal}"
            );
        }
    });
}

/// What the test's installer was given: the update's version and the package bytes.
type Installed = (String, Vec<u8>);

#[test]
fn the_update_task_installs_a_verified_update_only_between_trolleys() {
    let dir = tempfile::tempdir().unwrap();
    let (pubkey, sk) = release_key();
    let next = next_version(1);
    let deb = package(&next);
    let signature = sign(&sk, &deb, &next);
    tauri::async_runtime::block_on(async {
        let (base, mut downloads) = serve(
            manifest(&next, "good.deb", &signature),
            "good.deb",
            deb.clone(),
        )
        .await;
        // Checks every 50 ms so the test does not wait an hour.
        let s = settings(&base, &pubkey, Duration::from_millis(50));
        let rt = station(dir.path(), None).await;
        let app = tauri::test::mock_builder()
            .plugin(update::plugin(&s))
            .build(tauri::generate_context!())
            .unwrap();

        // A packer holds a trolley.
        let w = sign_in_demo_packer(&rt).await;
        assert!(
            may_install_now(&rt.pack).await,
            "signed in, no trolley: may update"
        );
        let trolley = w.trolleys[0].trolley.clone();
        rt.pack.scan(&trolley).await.unwrap();
        assert!(!may_install_now(&rt.pack).await, "mid-trolley: wait");

        let installed: Arc<Mutex<Vec<Installed>>> = Arc::default();
        let record = installed.clone();
        let install: update::Install =
            Arc::new(move |u: &tauri_plugin_updater::Update, b: &[u8]| {
                record.lock().unwrap().push((u.version.clone(), b.to_vec()));
                Ok(())
            });
        let mut task = tokio::spawn(update::run(
            app.handle().clone(),
            rt.pack.clone(),
            s,
            None,
            install,
        ));

        // The update is found and downloaded, but the trolley is still held: not installed.
        downloads.wait_for(|n| *n >= 1).await.unwrap();
        waits_for_the_trolley(&mut task, &installed).await;
        assert_eq!(
            *downloads.borrow(),
            1,
            "a verified update is kept while waiting, not fetched again"
        );

        // The packer finishes the trolley; the update installs, then the task ends.
        packbench::cli::drill::pack_trolleys(&rt, vec![trolley.parse().unwrap()])
            .await
            .unwrap();
        tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .expect("installed once the trolley was done")
            .unwrap();
        assert!(may_install_now(&rt.pack).await);
        assert_eq!(*installed.lock().unwrap(), vec![(next, deb)]);
        drop(app);
    });
}

/// The embedded training backend's roll-out: IT publishes `0.0.1` (before any station reported:
/// it passes through every ring) and then this build's version to canary, and the station in
/// canary asks the backend's roll-out endpoint.
async fn rollout_station(
    dir: &std::path::Path,
    old_url: &str,
    old_signature: &str,
) -> (StationRuntime, update::RolloutEndpoint) {
    use packbench::contract::PublishRelease;
    let rt = station(dir, None).await;
    let b = rt.embedded.as_ref().unwrap();
    let publish = |version: &str, url: &str, signature: &str| PublishRelease {
        version: version.into(),
        url: url.into(),
        signature: signature.into(),
        notes: None,
        target: None,
        soak_station_hours: Some(1.0),
    };
    b.db.publish_release(
        "IT",
        "publish-old",
        "IT",
        &publish("0.0.1", old_url, old_signature),
    )
    .await
    .unwrap();
    b.db.publish_release(
        "IT",
        "publish-current",
        "IT",
        &publish(CURRENT, "https://updates.example.com/current.deb", "unused"),
    )
    .await
    .unwrap();
    let endpoint = update::RolloutEndpoint::new(&b.url(), "canary", "ST-UPD", "training").unwrap();
    (rt, endpoint)
}

fn roll_back_canary(rt: &StationRuntime, key: &str) {
    use packbench::contract::{RolloutAction, RolloutActionKind};
    let b = rt.embedded.as_ref().unwrap();
    let action = RolloutAction {
        action: RolloutActionKind::RollBack,
        reason: "canaries crash".into(),
    };
    tauri::async_runtime::block_on(b.db.rollout_action("IT", key, "IT", "canary", &action))
        .unwrap();
}

#[test]
fn a_roll_back_is_installed_only_when_marked_as_one_and_only_with_a_valid_signature() {
    let dir = tempfile::tempdir().unwrap();
    let (pubkey, sk) = release_key();
    let (_, other_sk) = release_key();
    let old = package("0.0.1");
    let (base, downloads) = tauri::async_runtime::block_on(serve(
        manifest("0.0.1", "old.deb", "unused"),
        "old.deb",
        old.clone(),
    ));
    let old_url = format!("{base}/files/old.deb");
    let s = settings("http://127.0.0.1:9", &pubkey, Duration::from_secs(3600));

    // The ring offers this build's own version: nothing to take, nothing downloaded.
    let (rt, endpoint) = tauri::async_runtime::block_on(rollout_station(
        dir.path(),
        &old_url,
        &sign(&sk, &old, "0.0.1"),
    ));
    let app = tauri::test::mock_builder()
        .plugin(update::plugin(&s))
        .build(tauri::generate_context!())
        .unwrap();
    let h = app.handle().clone();
    let mut answered = false;
    let found =
        tauri::async_runtime::block_on(update::check_once(&h, &s, Some(&endpoint), &mut answered))
            .unwrap();
    assert!(found.is_none());
    assert!(answered, "the backend offers roll-outs");
    assert_eq!(*downloads.borrow(), 0);

    // Rolled back: 0.0.1, lower than this build, is taken as a roll-back and verified.
    roll_back_canary(&rt, "rollback-1");
    let found =
        tauri::async_runtime::block_on(update::check_once(&h, &s, Some(&endpoint), &mut answered))
            .unwrap()
            .expect("the roll-back");
    assert!(found.rollback);
    assert_eq!(
        (found.update.version.as_str(), found.bytes),
        ("0.0.1", old.clone())
    );
    assert!(
        found.update.headers.is_empty(),
        "the backend's token never goes to the package's host"
    );
    assert_eq!(*downloads.borrow(), 1);
    drop(app);
    drop(rt);

    // The same roll-back signed by another key: downloaded, then refused.
    let dir = tempfile::tempdir().unwrap();
    let (rt, endpoint) = tauri::async_runtime::block_on(rollout_station(
        dir.path(),
        &old_url,
        &sign(&other_sk, &old, "0.0.1"),
    ));
    roll_back_canary(&rt, "rollback-1");
    let app = tauri::test::mock_builder()
        .plugin(update::plugin(&s))
        .build(tauri::generate_context!())
        .unwrap();
    let err = tauri::async_runtime::block_on(update::check_once(
        &app.handle().clone(),
        &s,
        Some(&endpoint),
        &mut false,
    ))
    .err()
    .expect("another key's roll-back refused");
    assert!(
        matches!(err, tauri_plugin_updater::Error::Minisign(_)),
        "{err}"
    );
    assert_eq!(*downloads.borrow(), 2);
    drop(app);
}

#[test]
fn a_backend_without_roll_outs_leaves_the_configured_endpoints_to_decide() {
    let (pubkey, sk) = release_key();
    let next = next_version(1);
    let deb = package(&next);
    tauri::async_runtime::block_on(async {
        let (base, _) = serve(
            manifest(&next, "good.deb", &sign(&sk, &deb, &next)),
            "good.deb",
            deb.clone(),
        )
        .await;
        let s = settings(&base, &pubkey, Duration::from_secs(3600));
        // The loopback server has no /v1/updates: 404, as a warehouse backend without them.
        let endpoint = update::RolloutEndpoint::new(&base, "canary", "ST-UPD", "t").unwrap();
        let app = tauri::test::mock_builder()
            .plugin(update::plugin(&s))
            .build(tauri::generate_context!())
            .unwrap();
        let mut answered = false;
        let found = update::check_once(&app.handle().clone(), &s, Some(&endpoint), &mut answered)
            .await
            .unwrap()
            .expect("the configured endpoint's release");
        assert!(!answered && !found.rollback);
        assert_eq!(found.update.version, next);
        // A static manifest offering an older release is no update, roll-back or not.
        let old = package("0.0.1");
        let mut m = manifest("0.0.1", "old.deb", &sign(&sk, &old, "0.0.1"));
        m["rollback"] = json!(true);
        let (base, downloads) = serve(m, "old.deb", old).await;
        let s = settings(&base, &pubkey, Duration::from_secs(3600));
        let found = update::check_once(&app.handle().clone(), &s, None, &mut false)
            .await
            .unwrap();
        assert!(found.is_none());
        assert_eq!(*downloads.borrow(), 0);
        drop(app);
    });
}

#[test]
fn a_roll_back_waits_for_the_trolley_like_any_update() {
    let dir = tempfile::tempdir().unwrap();
    let (pubkey, sk) = release_key();
    let old = package("0.0.1");
    tauri::async_runtime::block_on(async {
        let (base, mut downloads) = serve(
            manifest("0.0.1", "old.deb", "unused"),
            "old.deb",
            old.clone(),
        )
        .await;
        let (rt, endpoint) = rollout_station(
            dir.path(),
            &format!("{base}/files/old.deb"),
            &sign(&sk, &old, "0.0.1"),
        )
        .await;
        let b = rt.embedded.as_ref().unwrap();
        b.db.rollout_action(
            "IT",
            "rollback-1",
            "IT",
            "canary",
            &packbench::contract::RolloutAction {
                action: packbench::contract::RolloutActionKind::RollBack,
                reason: "canaries crash".into(),
            },
        )
        .await
        .unwrap();
        let s = settings("http://127.0.0.1:9", &pubkey, Duration::from_millis(50));
        let app = tauri::test::mock_builder()
            .plugin(update::plugin(&s))
            .build(tauri::generate_context!())
            .unwrap();

        // A packer holds a trolley.
        let w = sign_in_demo_packer(&rt).await;
        let trolley = w.trolleys[0].trolley.clone();
        rt.pack.scan(&trolley).await.unwrap();

        let installed: Arc<Mutex<Vec<Installed>>> = Arc::default();
        let record = installed.clone();
        let install: update::Install =
            Arc::new(move |u: &tauri_plugin_updater::Update, b: &[u8]| {
                record.lock().unwrap().push((u.version.clone(), b.to_vec()));
                Ok(())
            });
        let mut task = tokio::spawn(update::run(
            app.handle().clone(),
            rt.pack.clone(),
            s,
            Some(endpoint),
            install,
        ));
        downloads.wait_for(|n| *n >= 1).await.unwrap();
        waits_for_the_trolley(&mut task, &installed).await;

        packbench::cli::drill::pack_trolleys(&rt, vec![trolley.parse().unwrap()])
            .await
            .unwrap();
        tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .expect("installed once the trolley was done")
            .unwrap();
        assert_eq!(*installed.lock().unwrap(), vec![("0.0.1".to_owned(), old)]);
        drop(app);
    });
}
