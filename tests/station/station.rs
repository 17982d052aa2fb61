//! Integration tests of the station against the real training backend: HTTP on loopback,
//! SQLite on disk, the station's own store. One binary for the crate's integration tests.

use std::time::Duration;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions};
use packbench::adapters::SqliteStationStore;
use packbench::config::Config;
use packbench::ports::{BackendApi, BackendError, StationStore};
use packbench::training::{self, RunningBackend, TrainingOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A child process (a simulated scale) stopped when the test ends,
/// whether it passes or panics.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

use crate::support::{backend, client, code, first_line, BackendProcess, TOKEN};

#[tokio::test]
async fn a_trolley_is_claimed_once_and_refused_to_other_stations() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let other = client(&b.url(), "ST-B");

    let m = a.claim_trolley(&code("TR-0001")).await.unwrap();
    assert_eq!(m.trolley, code("TR-0001"));
    assert_eq!(m.claimed_by, "ST-A");
    assert!((8..=24).contains(&m.slots.len()), "{} slots", m.slots.len());
    assert!(m.problems().is_empty());
    // The manifest is the backend's: the same as a plain read of the trolley.
    assert_eq!(other.trolley_manifest(&code("TR-0001")).await.unwrap(), m);

    match other.claim_trolley(&code("TR-0001")).await {
        Err(BackendError::TrolleyClaimed { trolley, holder }) => {
            assert_eq!(trolley, "TR-0001");
            assert_eq!(holder, "ST-A");
        }
        r => panic!("second station got {r:?}"),
    }
    // The holder may claim again (a restart resumes its trolley).
    assert_eq!(a.claim_trolley(&code("TR-0001")).await.unwrap(), m);

    // Only the holder releases; then the trolley is free for others.
    assert!(other
        .release_trolley("release-0001-b", &code("TR-0001"))
        .await
        .is_err());
    a.release_trolley("release-0001-a", &code("TR-0001"))
        .await
        .unwrap();
    let m2 = other.claim_trolley(&code("TR-0001")).await.unwrap();
    assert_eq!(m2.claimed_by, "ST-B");
}

#[tokio::test]
async fn twenty_stations_claiming_at_once_give_exactly_one_winner() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let c = client(&b.url(), &format!("ST-{i:02}"));
            tokio::spawn(async move { (i, c.claim_trolley(&code("TR-0003")).await) })
        })
        .collect();
    let mut winners = Vec::new();
    let mut holders = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            (i, Ok(m)) => {
                assert_eq!(m.claimed_by, format!("ST-{i:02}"));
                winners.push(i)
            }
            (_, Err(BackendError::TrolleyClaimed { holder, .. })) => holders.push(holder),
            (_, Err(e)) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "winners: {winners:?}");
    let winner = format!("ST-{:02}", winners[0]);
    assert_eq!(holders.len(), 19);
    assert!(holders.iter().all(|h| *h == winner), "{holders:?}");
}

#[tokio::test]
async fn unknown_trolleys_bad_tokens_and_dead_backends_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    assert!(matches!(
        a.claim_trolley(&code("TR-9999")).await,
        Err(BackendError::TrolleyUnknown(t)) if t == "TR-9999"
    ));

    let wrong = HttpBackend::new(
        &b.url(),
        "ST-A",
        "not-the-token",
        HttpBackendOptions::default(),
    )
    .unwrap();
    assert!(matches!(
        wrong.claim_trolley(&code("TR-0001")).await,
        Err(BackendError::Rejected { status: 401, ref code, .. }) if code == "unauthorized"
    ));
    let bad_station = client(&b.url(), "ST A/../");
    assert!(matches!(
        bad_station.claim_trolley(&code("TR-0001")).await,
        Err(BackendError::Rejected { status: 401, .. })
    ));

    // Nothing listens on a port we just freed.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", l.local_addr().unwrap());
    drop(l);
    assert!(matches!(
        client(&dead, "ST-A").claim_trolley(&code("TR-0001")).await,
        Err(BackendError::Unreachable(_))
    ));
}

/// A loopback "backend" that answers every connection with `answer` (or never answers).
async fn hostile_server(answer: Option<&'static [u8]>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = l.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                match answer {
                    Some(a) => {
                        let _ = s.write_all(a).await;
                        let _ = s.shutdown().await;
                    }
                    // Hold the connection open, say nothing.
                    None => std::future::pending::<()>().await,
                }
            });
        }
    });
    url
}

#[tokio::test]
async fn hostile_answers_become_clear_errors_not_hangs() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n{\"trolle",
            "truncated JSON",
        ),
        (
            b"HTTP/1.1 200 OK\r\ncontent-length: 13\r\n\r\n{\"slots\": 42}",
            "wrong types",
        ),
        (b"garbage\x00\xff not http at all", "not HTTP"),
        (
            b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{}",
            "body shorter than announced",
        ),
    ];
    for (answer, what) in cases {
        let url = hostile_server(Some(answer)).await;
        let r = client(&url, "ST-A").claim_trolley(&code("TR-0001")).await;
        assert!(
            matches!(
                r,
                Err(BackendError::InvalidResponse(_)) | Err(BackendError::Unreachable(_))
            ),
            "{what}: {r:?}"
        );
    }
    let url = hostile_server(Some(
        b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\n\r\noops",
    ))
    .await;
    assert!(matches!(
        client(&url, "ST-A").claim_trolley(&code("TR-0001")).await,
        Err(BackendError::Unreachable(_))
    ));

    let url = hostile_server(None).await;
    let slow = HttpBackend::new(
        &url,
        "ST-A",
        TOKEN,
        HttpBackendOptions {
            connect_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_millis(300),
            ..HttpBackendOptions::default()
        },
    )
    .unwrap();
    assert!(matches!(
        slow.claim_trolley(&code("TR-0001")).await,
        Err(BackendError::Unreachable(m)) if m.contains("in time")
    ));
}

#[tokio::test]
async fn the_wired_station_claims_stores_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        station_id: "ST-W".into(),
        backend_url: None,
        backend_token: TOKEN.into(),
        data_dir: dir.path().to_owned(),
        source: None,
        ..Default::default()
    };
    let (station, embedded) = packbench::app::wire_station(&cfg).await.unwrap();
    let embedded = embedded.expect("no backend URL: the training backend runs in-process");
    assert_eq!(station.backend_label, "training");

    // The app claims through the pack flow (tests/pack_flow.rs); here the wired parts are
    // used as it uses them: the scan parsed, the backend asked, the claim saved.
    assert!("TR-0001-02".parse::<packbench_core::TrolleyCode>().is_err());
    let m = station
        .backend
        .claim_trolley(&"tr-0005\n".trim().parse().unwrap())
        .await
        .unwrap();
    station.store.save_claim(&m).await.unwrap();
    assert_eq!(m.claimed_by, "ST-W");
    assert_eq!(station.current_trolley().await.unwrap(), Some(m.clone()));
    drop(station);
    drop(embedded);

    // After a restart the station's own database still knows the trolley.
    let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
        .await
        .unwrap();
    assert_eq!(store.current_claim().await.unwrap(), Some(m));
    // And the training database kept the claim: another station is refused.
    let b = backend_at(&dir).await;
    let r = client(&b.url(), "ST-X")
        .claim_trolley(&code("TR-0005"))
        .await;
    assert!(matches!(r, Err(BackendError::TrolleyClaimed { holder, .. }) if holder == "ST-W"));
}

/// The embedded backend's database, reopened after the station that ran it stopped.
async fn backend_at(dir: &tempfile::TempDir) -> RunningBackend {
    crate::support::backend_on(&dir.path().join("training-backend.sqlite")).await
}

#[test]
fn help_lists_the_subcommands() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_packbench"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for sub in ["run", "training-backend"] {
        assert!(text.contains(sub), "--help lacks {sub}:\n{text}");
    }
}

/// The standalone training backend (`packbench training-backend`), as IT runs it for several
/// stations: it serves the contract and logs to a file beside its database.
#[tokio::test]
async fn the_standalone_training_backend_serves_stations_and_logs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared").join("training.sqlite");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let (_backend, url) = BackendProcess::start(&db, "127.0.0.1:0");

    let a = client(&url, "ST-A");
    let m = a.claim_trolley(&code("TR-0010")).await.unwrap();
    assert_eq!(m.claimed_by, "ST-A");
    assert!(matches!(
        client(&url, "ST-B").claim_trolley(&code("TR-0010")).await,
        Err(BackendError::TrolleyClaimed { holder, .. }) if holder == "ST-A"
    ));

    // The file writer is asynchronous: wait (bounded) for the start-up line to arrive.
    let log_dir = dir.path().join("shared").join("logs");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let first = loop {
        let logs: Vec<_> = std::fs::read_dir(&log_dir)
            .expect("a logs directory beside the database")
            .map(|e| e.unwrap().path())
            .collect();
        assert!(logs.len() <= 1, "{logs:?}");
        let text = logs
            .first()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.contains("listening")) {
            break serde_json::from_str::<serde_json::Value>(line).expect("JSON log lines");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no start-up line in {log_dir:?}: {text}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(first["level"], "INFO", "{first}");
    assert!(
        first["fields"]["addr"]
            .as_str()
            .is_some_and(|a| url.ends_with(a)),
        "{first}"
    );
}

/// `packbench scale simulate` and `packbench scale read`, across processes over a pty, for each
/// protocol: the CLI IT uses to check a station's scale.
#[test]
fn the_scale_cli_reads_each_protocol_from_a_simulated_scale() {
    use std::process::{Command, Stdio};

    let exe = env!("CARGO_BIN_EXE_packbench");
    let dir = tempfile::tempdir().unwrap();
    for (i, protocol) in ["mt-sics", "nci", "toledo-8217", "toledo-continuous"]
        .into_iter()
        .enumerate()
    {
        let link = dir.path().join(format!("scale-{protocol}"));
        let grams = 1000 + 111 * i as i64;
        let mut sim = Command::new(exe)
            .args([
                "scale",
                "simulate",
                "--protocol",
                protocol,
                "--grams",
                &grams.to_string(),
                "--link",
            ])
            .arg(&link)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let first = first_line(&mut sim);
        let _sim = KillOnDrop(sim);
        assert_eq!(first, link.display().to_string());

        let out = Command::new(exe)
            .args(["scale", "read", "--protocol", protocol, "--json", "--port"])
            .arg(&link)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{protocol}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["grams"], grams, "{protocol}: {r}");
        assert_eq!(r["stable"], true, "{protocol}: {r}");
    }

    let out = Command::new(exe)
        .args([
            "scale",
            "read",
            "--protocol",
            "mt-sics",
            "--json",
            "--timeout-ms",
            "500",
            "--port",
        ])
        .arg(dir.path().join("no-such-port"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["code"], "scale_port_unavailable", "{e}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-port"));

    let out = Command::new(exe)
        .args([
            "scale",
            "read",
            "--protocol",
            "weighmaster",
            "--port",
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("mt-sics"),
        "the error lists the protocols"
    );
}

mod movements {
    use packbench::contract::{MovementBatch, MovementLine, IDEMPOTENCY_HEADER, STATION_HEADER};
    use packbench_core::Manifest;

    use super::*;

    fn batch(m: &Manifest, slot: usize, parcel: &str, qty: u32) -> MovementBatch {
        let s = &m.slots[slot];
        MovementBatch {
            trolley: m.trolley.to_string(),
            order_id: s.order.order_id.clone(),
            parcel_id: parcel.into(),
            packer_id: "PK-0001".into(),
            movements: vec![MovementLine {
                line_no: s.order.lines[0].line_no,
                sku: s.order.lines[0].item.sku.clone(),
                qty,
            }],
        }
    }

    fn rejected_code(r: Result<impl std::fmt::Debug, BackendError>) -> String {
        match r {
            Err(BackendError::Rejected { code, .. }) => code,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn movements_are_validated_against_the_slot_and_recorded_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(&dir).await;
        let a = client(&b.url(), "ST-A");
        let m = a.claim_trolley(&code("TR-0007")).await.unwrap();
        let line = &m.slots[0].order.lines[0];
        let (order, line_no, held) = (m.slots[0].order.order_id.clone(), line.line_no, line.qty);

        let all = batch(&m, 0, "PARCEL-1", held);
        let first = a.record_movements("key-0000001", &all).await.unwrap();
        assert_eq!(first.movement_ids.len(), 1);
        assert_eq!(first.from_location, m.slots[0].location);
        assert_eq!(
            b.db.dispatched_units(&order, line_no).await.unwrap(),
            i64::from(held)
        );

        // A retry (same key, same body) gets the same receipt and moves nothing more.
        assert_eq!(
            a.record_movements("key-0000001", &all).await.unwrap(),
            first
        );
        assert_eq!(
            b.db.dispatched_units(&order, line_no).await.unwrap(),
            i64::from(held)
        );

        // The same key for another request is refused.
        let other = batch(&m, 0, "PARCEL-2", held);
        assert_eq!(
            rejected_code(a.record_movements("key-0000001", &other).await),
            "idempotency_key_reused"
        );
        // One unit more than the slot held is refused, under a fresh key too.
        assert_eq!(
            rejected_code(
                a.record_movements("key-0000002", &batch(&m, 0, "P", 1))
                    .await
            ),
            "quantity_exceeds_slot"
        );

        let mut wrong_sku = batch(&m, 1, "P", 1);
        wrong_sku.movements[0].sku = "NOT-A-SKU".into();
        assert_eq!(
            rejected_code(a.record_movements("key-0000003", &wrong_sku).await),
            "sku_mismatch"
        );
        let mut no_line = batch(&m, 1, "P", 1);
        no_line.movements[0].line_no = 99;
        assert_eq!(
            rejected_code(a.record_movements("key-0000004", &no_line).await),
            "line_unknown"
        );
        let mut elsewhere = batch(&m, 1, "P", 1);
        elsewhere.order_id = "SO-999999".into();
        assert_eq!(
            rejected_code(a.record_movements("key-0000005", &elsewhere).await),
            "order_not_on_trolley"
        );
        let mut zero = batch(&m, 1, "P", 1);
        zero.movements[0].qty = 0;
        assert_eq!(
            rejected_code(a.record_movements("key-0000006", &zero).await),
            "invalid_body"
        );
        // A station that does not hold the trolley cannot move its stock.
        assert_eq!(
            rejected_code(
                client(&b.url(), "ST-B")
                    .record_movements("key-0000007", &batch(&m, 1, "P", 1))
                    .await
            ),
            "trolley_not_claimed"
        );
        // A batch is all or nothing: a bad second line leaves the good first one unrecorded.
        let mut mixed = batch(&m, 1, "P", 1);
        mixed.movements.push(MovementLine {
            line_no: 99,
            sku: "X".into(),
            qty: 1,
        });
        assert_eq!(
            rejected_code(a.record_movements("key-0000008", &mixed).await),
            "line_unknown"
        );
        let s1 = &m.slots[1].order;
        assert_eq!(
            b.db.dispatched_units(&s1.order_id, s1.lines[0].line_no)
                .await
                .unwrap(),
            0
        );
    }

    #[tokio::test]
    async fn concurrent_retries_of_one_write_record_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(&dir).await;
        let a = client(&b.url(), "ST-A");
        let m = a.claim_trolley(&code("TR-0008")).await.unwrap();
        let one = batch(&m, 0, "PARCEL-1", 1);
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let (a, one) = (a.clone(), one.clone());
                tokio::spawn(async move { a.record_movements("key-concurrent-1", &one).await })
            })
            .collect();
        let mut receipts = Vec::new();
        for t in tasks {
            receipts.push(t.await.unwrap().unwrap());
        }
        assert!(receipts.windows(2).all(|w| w[0] == w[1]), "{receipts:?}");
        let s = &m.slots[0].order;
        assert_eq!(
            b.db.dispatched_units(&s.order_id, s.lines[0].line_no)
                .await
                .unwrap(),
            1
        );
    }

    /// Raw HTTP with hostile bodies and headers: each gets a 4xx with a stable JSON code, and
    /// nothing is recorded.
    #[tokio::test]
    async fn bad_writes_get_stable_codes_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(&dir).await;
        let a = client(&b.url(), "ST-A");
        let m = a.claim_trolley(&code("TR-0009")).await.unwrap();
        let good = serde_json::to_value(batch(&m, 0, "PARCEL-1", 1)).unwrap();
        let http = reqwest::Client::new();
        let post = |key: Option<&str>, body: Vec<u8>| {
            let mut r = http
                .post(format!("{}/v1/movements", b.url()))
                .bearer_auth(TOKEN)
                .header(STATION_HEADER, "ST-A")
                .header("content-type", "application/json")
                .body(body);
            if let Some(k) = key {
                r = r.header(IDEMPOTENCY_HEADER, k);
            }
            r.send()
        };
        let mut unknown_field = good.clone();
        unknown_field["surprise"] = serde_json::json!(1);
        let mut negative = good.clone();
        negative["movements"][0]["qty"] = serde_json::json!(-3);
        let mut wrong_type = good.clone();
        wrong_type["movements"] = serde_json::json!("lots");
        let cases: Vec<(Option<&str>, Vec<u8>, u16, &str)> = vec![
            (
                None,
                good.to_string().into_bytes(),
                400,
                "idempotency_key_missing",
            ),
            (
                Some("short"),
                good.to_string().into_bytes(),
                400,
                "idempotency_key_missing",
            ),
            (
                Some("key-bad-0001"),
                b"{\"trolley\": \"TR-00".to_vec(),
                422,
                "invalid_body",
            ),
            (
                Some("key-bad-0002"),
                unknown_field.to_string().into_bytes(),
                422,
                "invalid_body",
            ),
            (
                Some("key-bad-0003"),
                negative.to_string().into_bytes(),
                422,
                "invalid_body",
            ),
            (
                Some("key-bad-0004"),
                wrong_type.to_string().into_bytes(),
                422,
                "invalid_body",
            ),
            (
                Some("key-bad-0005"),
                vec![b' '; 2 * 1024 * 1024],
                413,
                "body_too_large",
            ),
        ];
        for (key, body, status, want) in cases {
            let resp = post(key, body).await.unwrap();
            assert_eq!(resp.status().as_u16(), status, "{want}");
            let e: serde_json::Value = resp.json().await.unwrap();
            assert_eq!(e["code"], want, "{e}");
            assert!(!e["message"].as_str().unwrap().is_empty());
        }
        let s = &m.slots[0].order;
        assert_eq!(
            b.db.dispatched_units(&s.order_id, s.lines[0].line_no)
                .await
                .unwrap(),
            0
        );
        // And the good body still works afterwards.
        assert_eq!(
            post(Some("key-good-0001"), good.to_string().into_bytes())
                .await
                .unwrap()
                .status(),
            200
        );
    }
}

#[tokio::test]
async fn packers_sign_in_by_badge_or_pin_and_failures_say_nothing_more() {
    use packbench::contract::{Role, SignInRequest};
    use packbench::training::demo_data;

    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let staff = demo_data::generate(demo_data::DEFAULT_SEED).packers;
    for p in &staff {
        let by_badge = a
            .sign_in(&SignInRequest::Badge {
                badge: p.badge.clone(),
            })
            .await
            .unwrap();
        assert_eq!(by_badge.packer_id, p.packer_id);
        assert_eq!(by_badge.name, p.name);
        assert_eq!(by_badge.language, p.language);
        let role = if p.role == "supervisor" {
            Role::Supervisor
        } else {
            Role::Packer
        };
        assert_eq!(by_badge.role, role);
        let by_pin = a
            .sign_in(&SignInRequest::Pin {
                packer_id: p.packer_id.clone(),
                pin: p.pin.clone(),
            })
            .await
            .unwrap();
        assert_eq!(by_pin.packer, by_badge.packer);
    }
    let p = &staff[0];
    let wrong_pin = format!("{:04}", (p.pin.parse::<u32>().unwrap() + 1) % 10_000);
    for req in [
        SignInRequest::Pin {
            packer_id: p.packer_id.clone(),
            pin: wrong_pin,
        },
        SignInRequest::Pin {
            packer_id: "PK-9999".into(),
            pin: p.pin.clone(),
        },
        SignInRequest::Badge {
            badge: "BADGE000000".into(),
        },
    ] {
        match a.sign_in(&req).await {
            Err(BackendError::Rejected {
                status: 401,
                code,
                message,
            }) => {
                assert_eq!(code, "sign_in_failed");
                assert!(!message.contains(&p.pin));
            }
            r => panic!("{req:?} gave {r:?}"),
        }
    }
}

/// `packbench carton`: the benchmark/IT command over the cartonization engine.
#[test]
fn the_carton_cli_packs_an_instance_file_into_verifiable_results() {
    use std::collections::HashMap;

    let dir = tempfile::tempdir().unwrap();
    let instance = serde_json::json!({
        "format": "cartonization-instance/v1",
        "name": "cli-test",
        "boxes": [
            {"id": "SMALL", "kind": "box", "inner": [100, 100, 100], "tare_g": 100, "max_weight_g": 2000, "cost": 1.0},
            {"id": "BIG", "kind": "box", "inner": [300, 300, 300], "tare_g": 400, "max_weight_g": 20000, "cost": 3.0}
        ],
        "orders": [
            {"id": "O1", "items": [{"sku": "CUBE", "dims": [50, 50, 50], "weight": 100, "qty": 2}]},
            {"id": "O2", "items": [{"sku": "CRATE", "dims": [200, 200, 200], "weight": 3000, "qty": 1}]},
            {"id": "O3", "items": [{"sku": "POLE", "dims": [400, 10, 10], "weight": 50, "qty": 1}]},
            {"id": "O4", "items": [{"sku": "VASE", "dims": [90, 90, 150], "weight": 500, "qty": 1, "upright": true}]}
        ]
    });
    let inst_path = dir.path().join("instance.json");
    std::fs::write(&inst_path, instance.to_string()).unwrap();
    let out_path = dir.path().join("result.jsonl");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args([
            "carton",
            "--objective",
            "cheapest-total",
            "--repeat",
            "2",
            "--instance",
        ])
        .arg(&inst_path)
        .arg("--out")
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let text = std::fs::read_to_string(&out_path).unwrap();
    let mut lines = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap());
    let meta = lines.next().unwrap();
    assert_eq!(meta["meta"]["instance"], "cli-test");
    let by_order: HashMap<String, serde_json::Value> = lines
        .map(|l| (l["order_id"].as_str().unwrap().to_owned(), l))
        .collect();
    assert_eq!(by_order.len(), 4);
    let inner = |id: &str| {
        if id == "SMALL" {
            [100, 100, 100]
        } else {
            [300, 300, 300]
        }
    };
    let boxes_of = |o: &str| -> Vec<String> {
        by_order[o]["boxes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["box_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(boxes_of("O1"), ["SMALL"], "the cheapest box that fits");
    assert_eq!(boxes_of("O2"), ["BIG"]);
    assert_eq!(boxes_of("O3"), Vec::<String>::new());
    assert_eq!(
        by_order["O3"]["unpacked"],
        serde_json::json!([{"sku": "POLE", "qty": 1}])
    );
    assert_eq!(
        boxes_of("O4"),
        ["BIG"],
        "kept upright, the vase is too tall for SMALL"
    );
    for (order, line) in &by_order {
        assert!(line["time_ms"].as_f64().unwrap() >= 0.0);
        for b in line["boxes"].as_array().unwrap() {
            let lim = inner(b["box_id"].as_str().unwrap());
            for u in b["items"].as_array().unwrap() {
                for axis in 0..3 {
                    let (p, d) = (
                        u["pos"][axis].as_u64().unwrap(),
                        u["dims"][axis].as_u64().unwrap(),
                    );
                    assert!(p + d <= lim[axis], "{order}: {u} outside {lim:?}");
                }
            }
        }
    }
    let vase = &by_order["O4"]["boxes"][0]["items"][0];
    assert_eq!(vase["dims"][2], 150, "upright: height stays vertical");

    // A broken instance gets a message naming the file, and a failure exit.
    std::fs::write(&inst_path, "{\"format\": ").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args(["carton", "--instance"])
        .arg(&inst_path)
        .arg("--out")
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("instance.json"));
}

/// `packbench label`: the sample label data renders to ZPL at both resolutions and to PDF.
/// (The labels crate's own tests read the barcodes back; this checks the command's plumbing.)
#[test]
fn the_label_cli_renders_the_sample_in_each_format() {
    let exe = env!("CARGO_BIN_EXE_packbench");
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/label-data.json"
    );
    let dir = tempfile::tempdir().unwrap();
    for (format, dpi, head, size) in [
        ("zpl", "203", &b"^XA"[..], &["^PW812\n", "^LL1218\n"][..]),
        ("zpl", "300", b"^XA", &["^PW1218\n", "^LL1827\n"]),
        ("pdf", "203", b"%PDF", &[]),
    ] {
        let out = dir.path().join(format!("label-{dpi}.{format}"));
        let run = std::process::Command::new(exe)
            .args([
                "label", "--data", sample, "--format", format, "--dpi", dpi, "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{format}/{dpi}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(head), "{format}/{dpi}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(size.iter().all(|s| text.contains(s)), "{format}/{dpi}");
    }
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"sender\": 1}").unwrap();
    for args in [
        vec!["--format", "zpl", "--dpi", "203"],
        vec!["--format", "bmp", "--dpi", "203"],
        vec!["--format", "zpl", "--dpi", "600"],
    ] {
        let run = std::process::Command::new(exe)
            .arg("label")
            .args(&args)
            .arg("--data")
            .arg(if args[1] == "zpl" && args[3] == "203" {
                bad.as_os_str()
            } else {
                std::ffi::OsStr::new(sample)
            })
            .arg("--out")
            .arg(dir.path().join("x"))
            .output()
            .unwrap();
        assert!(!run.status.success(), "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

/// The packaging catalogue as the backend serves it, and the cartonization engine over it for
/// every order of the demo warehouse: all units packed, the rules kept.
#[tokio::test]
async fn the_demo_catalogue_packs_every_demo_order_within_the_rules() {
    use std::collections::BTreeSet;

    use packbench_core::carton::{
        cartonize, CartonOptions, ItemToPack, PackRequest, PackagingKind,
    };

    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let catalogue = a.packaging_catalogue().await.unwrap();
    assert!(catalogue.len() >= 12, "{} entries", catalogue.len());
    let kinds: BTreeSet<_> = catalogue.iter().map(|e| e.spec.kind).collect();
    assert_eq!(kinds.len(), 3, "boxes, mailers and polybags");
    let barcodes: BTreeSet<_> = catalogue.iter().map(|e| e.barcode.as_str()).collect();
    assert_eq!(barcodes.len(), catalogue.len(), "one barcode per packaging");
    assert!(
        catalogue
            .windows(2)
            .all(|w| w[0].spec.cost <= w[1].spec.cost),
        "cheapest first"
    );
    let branded: Vec<_> = catalogue
        .iter()
        .filter(|e| !e.spec.allowed_clients.is_empty())
        .collect();
    assert_eq!(branded.len(), 1);
    let specs: Vec<_> = catalogue.iter().map(|e| e.spec.clone()).collect();
    let kind_of = |id: &str| specs.iter().find(|p| p.id == id).unwrap();

    let mut orders = 0;
    for t in b.db.trolley_codes().await.unwrap() {
        let m = b.db.manifest(&code(&t)).await.unwrap();
        for slot in &m.slots {
            let order = &slot.order;
            let req = PackRequest {
                client: order.client.clone(),
                items: order.lines.iter().map(ItemToPack::from_line).collect(),
            };
            let c = cartonize(&specs, &req, &CartonOptions::default());
            assert!(
                c.unpacked.is_empty(),
                "{}: {:?}",
                order.order_id,
                c.unpacked
            );
            let packed: usize = c.parcels.iter().map(|p| p.units.len()).sum();
            assert_eq!(packed as u64, order.units(), "{}", order.order_id);
            for p in &c.parcels {
                let spec = kind_of(&p.packaging_id);
                assert!(
                    spec.stocked,
                    "{}: {} is not stocked",
                    order.order_id, spec.id
                );
                if !spec.allowed_clients.is_empty() {
                    assert!(
                        spec.allowed_clients.contains(&order.client),
                        "{}",
                        order.order_id
                    );
                }
                assert!(
                    !spec.forbidden_clients.contains(&order.client),
                    "{}",
                    order.order_id
                );
                if spec.kind != PackagingKind::Box {
                    for u in &p.units {
                        let line = order.lines.iter().find(|l| l.item.sku == u.sku).unwrap();
                        let f = line.item.flags;
                        assert!(
                            !f.fragile && !f.liquid,
                            "{}: {} in a {:?}",
                            order.order_id,
                            u.sku,
                            spec.kind
                        );
                    }
                }
            }
            assert!(!c.explanation.sentence().is_empty());
            orders += 1;
        }
    }
    assert!(orders > 500, "{orders} orders");
}

mod outbox {
    use packbench::ports::{NewOutboxItem, Outbox};
    use packbench::services::outbox::{deliver_due, movement_item};
    use packbench_core::pack_flow::Movement;
    use packbench_core::Manifest;

    use super::*;

    fn movement(m: &Manifest, slot: usize, qty: u32) -> Movement {
        let s = &m.slots[slot];
        let l = &s.order.lines[0];
        Movement {
            key: format!(
                "mv:{}:{}:p1:l{}:{qty}",
                m.trolley, s.order.order_id, l.line_no
            ),
            trolley: m.trolley.clone(),
            slot: s.slot,
            order_id: s.order.order_id.clone(),
            parcel_no: 1,
            line_no: l.line_no,
            sku: l.item.sku.clone(),
            qty,
            from_location: s.location.clone(),
            packer_id: "PK-0001".into(),
            station_id: "ST-A".into(),
            captures: vec![],
        }
    }

    async fn dispatched(b: &RunningBackend, m: &Manifest, slot: usize) -> i64 {
        let o = &m.slots[slot].order;
        b.db.dispatched_units(&o.order_id, o.lines[0].line_no)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn queued_movements_survive_an_outage_and_reach_the_backend_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(&dir).await;
        let addr = b.addr;
        let a = client(&b.url(), "ST-A");
        let m = a.claim_trolley(&code("TR-0011")).await.unwrap();
        let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
            .await
            .unwrap();
        let qty = |slot: usize| m.slots[slot].order.lines[0].qty;
        let items: Vec<NewOutboxItem> = vec![
            movement_item(&movement(&m, 0, qty(0))),
            movement_item(&movement(&m, 1, qty(1))),
        ];
        let t0 = 1_000_000;
        assert_eq!(store.enqueue(&items, t0).await.unwrap(), 2);
        assert_eq!(
            store.enqueue(&items, t0).await.unwrap(),
            0,
            "an effect is queued once"
        );

        // The backend goes down.
        drop(b);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(addr).is_ok() {
            assert!(
                std::time::Instant::now() < deadline,
                "the backend did not stop"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let r = deliver_due(&a, &store, t0).await.unwrap();
        assert_eq!(
            (r.delivered, r.retried, r.failed),
            (0, 1, 0),
            "only the trolley's oldest write is tried"
        );
        let backlog = store.backlog(t0 + 5_000).await.unwrap();
        assert_eq!((backlog.pending, backlog.failed), (2, 0));
        assert_eq!(backlog.oldest_pending_age_ms, Some(5_000));
        let r = deliver_due(&a, &store, t0 + 1).await.unwrap();
        assert_eq!(
            (r.delivered, r.retried),
            (0, 0),
            "nothing is retried before its time"
        );

        // The backend returns, same address and database.
        let b = training::start(TrainingOptions {
            listen: addr,
            db_path: dir.path().join("training.sqlite"),
            token: TOKEN.into(),
            webhook_url: None,
        })
        .await
        .unwrap();
        // A station crash after the backend recorded the first write but before the station
        // marked it delivered: the write reaches the backend once more on restart.
        let later = t0 + 10 * 60 * 1000;
        let first = store.due(later, 10).await.unwrap().remove(0);
        let Ok(packbench::ports::OutboxWrite::Movements(batch)) = first.write else {
            panic!("the first write is a movement: {:?}", first.write)
        };
        a.record_movements(&first.idempotency_key, &batch)
            .await
            .unwrap();

        let r = deliver_due(&a, &store, later).await.unwrap();
        assert_eq!((r.delivered, r.retried, r.failed), (2, 0, 0));
        assert_eq!(
            store.backlog(later).await.unwrap(),
            packbench::ports::Backlog::default()
        );
        assert_eq!(
            dispatched(&b, &m, 0).await,
            i64::from(qty(0)),
            "recorded exactly once"
        );
        assert_eq!(dispatched(&b, &m, 1).await, i64::from(qty(1)));
        assert_eq!(
            deliver_due(&a, &store, later + 1).await.unwrap().delivered,
            0
        );
    }

    #[tokio::test]
    async fn a_refused_write_is_set_aside_and_does_not_block_its_trolley() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(&dir).await;
        let a = client(&b.url(), "ST-A");
        let m = a.claim_trolley(&code("TR-0012")).await.unwrap();
        let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
            .await
            .unwrap();
        let too_many = m.slots[0].order.lines[0].qty + 1;
        let items = vec![
            movement_item(&movement(&m, 0, too_many)),
            movement_item(&movement(&m, 1, 1)),
        ];
        store.enqueue(&items, 0).await.unwrap();
        let r = deliver_due(&a, &store, 0).await.unwrap();
        assert_eq!((r.delivered, r.retried, r.failed), (1, 0, 1));
        let backlog = store.backlog(0).await.unwrap();
        assert_eq!((backlog.pending, backlog.failed), (0, 1));
        assert_eq!(dispatched(&b, &m, 0).await, 0);
        assert_eq!(dispatched(&b, &m, 1).await, 1);
    }
}

/// A pack step's state and its backend writes are saved together, once.
#[tokio::test]
async fn a_pack_step_saves_its_state_and_writes_together_and_only_once() {
    use packbench::contract::{MovementBatch, MovementLine};
    use packbench::ports::{FlowStore, NewOutboxItem, Outbox, OutboxWrite, SavedStep};
    use packbench_core::pack_flow::{PackState, Station};

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
        .await
        .unwrap();
    assert_eq!(store.load_pack_state().await.unwrap(), None);
    let write = |k: &str| NewOutboxItem {
        effect_key: k.into(),
        trolley: "TR-0001".into(),
        write: OutboxWrite::Movements(MovementBatch {
            trolley: "TR-0001".into(),
            order_id: "SO-1".into(),
            parcel_id: "SO-1-P1".into(),
            packer_id: "PK-1".into(),
            movements: vec![MovementLine {
                line_no: 1,
                sku: k.into(),
                qty: 1,
            }],
        }),
    };
    let state = |revision: u64| PackState {
        revision,
        ..PackState::new(Station {
            station_id: "ST-1".into(),
            exception_location: "EXC-ST-1".into(),
        })
    };
    assert_eq!(
        store
            .commit_step(1, &state(1), &[write("a"), write("b")], 0)
            .await
            .unwrap(),
        2
    );
    // The same step again (a retried apply after a crash) is refused and queues nothing.
    assert!(store
        .commit_step(1, &state(1), &[write("c")], 0)
        .await
        .is_err());
    assert_eq!(store.backlog(0).await.unwrap().pending, 2);
    assert_eq!(
        store
            .commit_step(2, &state(2), &[write("b"), write("d")], 0)
            .await
            .unwrap(),
        1
    );
    drop(store);
    let store = SqliteStationStore::open(&dir.path().join("station.sqlite"))
        .await
        .unwrap();
    assert_eq!(
        store.load_pack_state().await.unwrap(),
        Some(SavedStep {
            revision: 2,
            state: state(2)
        })
    );
    // What was queued reads back as it was written.
    let due = store.due(0, 10).await.unwrap();
    assert_eq!(due.len(), 1, "one write per trolley is due at a time");
    assert_eq!(due[0].write, Ok(write("a").write));
    assert_eq!(store.backlog(0).await.unwrap().pending, 3);
}

/// `packbench slip` and `packbench zpl-check`: a slip PDF on both papers, and a 300-dpi label
/// refused for a 203-dpi printer while passing on its own.
#[test]
fn the_slip_and_zpl_check_commands_work_on_the_samples() {
    let exe = env!("CARGO_BIN_EXE_packbench");
    let dir = tempfile::tempdir().unwrap();
    let slip = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/packing-slip.json"
    );
    for paper in ["a4", "letter"] {
        let out = dir.path().join(format!("slip-{paper}.pdf"));
        let run = std::process::Command::new(exe)
            .args(["slip", "--data", slip, "--paper", paper, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{paper}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    }
    let label = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/label-data.json"
    );
    let zpl300 = dir.path().join("label-300.zpl");
    let run = std::process::Command::new(exe)
        .args([
            "label", "--data", label, "--format", "zpl", "--dpi", "300", "--out",
        ])
        .arg(&zpl300)
        .output()
        .unwrap();
    assert!(run.status.success());
    let check = |dpi: &str| {
        std::process::Command::new(exe)
            .args(["zpl-check", "--dpi", dpi, "--zpl"])
            .arg(&zpl300)
            .output()
            .unwrap()
    };
    assert!(check("300").status.success());
    let wrong = check("203");
    assert!(!wrong.status.success());
    let msg = String::from_utf8_lossy(&wrong.stderr);
    assert!(msg.contains("300") && msg.contains("203"), "{msg}");
}
