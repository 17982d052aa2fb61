//! The station's pack flow end to end through its services (the app's wiring, no webview):
//! the real training backend over HTTP, the station's SQLite on disk, labels into a spool.
//! Faults are real too: a full filesystem (a small tmpfs), files made immutable, a damaged
//! database file.

use std::path::Path;
use std::time::Duration;

use packbench::adapters::SqliteStationStore;
use packbench::app::{start_station, StationRuntime};
use packbench::cli::drill::unit_scan;
use packbench::config::Config;
use packbench::error::StationError;
use packbench::ports::{BackendApi, NewOutboxItem, Outbox, OutboxWrite, SupervisorApi};
use packbench::services::pack::PackOptions;
use packbench::training::demo_data;
use packbench_core::pack_flow::{PackEvent, StepKind};

use crate::support::{backend, TOKEN};

pub(crate) fn config(station: &str, data_dir: &Path, url: &str) -> Config {
    Config {
        station_id: station.into(),
        backend_url: Some(url.into()),
        backend_token: TOKEN.into(),
        data_dir: data_dir.to_owned(),
        source: None,
        ..Default::default()
    }
}

pub(crate) fn badge() -> String {
    demo_data::generate(demo_data::DEFAULT_SEED)
        .packers
        .iter()
        .find(|p| p.role == "packer")
        .unwrap()
        .badge
        .clone()
}

pub(crate) async fn start(cfg: &Config) -> StationRuntime {
    start_station(
        cfg,
        PackOptions {
            label_wait: Duration::from_millis(300),
            ..PackOptions::default()
        },
    )
    .await
    .expect("the station starts")
}

/// Signs in, claims TR-0001 and opens its first slot; returns the first unit's barcode.
async fn open_first_slot(rt: &StationRuntime) -> String {
    rt.pack.scan(&badge()).await.expect("badge accepted");
    let v = rt.pack.scan("TR-0001").await.expect("trolley claimed");
    assert_eq!(v.step, StepKind::ScanSlot, "{v:?}");
    let v = rt.pack.handle(PackEvent::TakeSuggestedSlot).await.unwrap();
    assert_eq!(v.step, StepKind::VerifyUnits);
    let st = rt.pack.state().await;
    let line = &st.current_order().unwrap().order.lines[0];
    line.item.barcodes[0].clone()
}

/// A tmpfs of `kib` KiB mounted for the test's life.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(at: &Path, kib: u32) -> Tmpfs {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "mounting a tmpfs needs root (the test command runs as root in CI)"
        );
        Tmpfs(at.to_owned())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Takes the suggested slot, scans every unit of its order and closes the parcel (the order
/// is then at the packaging step); returns the order id.
async fn take_slot_and_scan_every_unit(pack: &packbench::services::pack::PackService) -> String {
    pack.handle(PackEvent::TakeSuggestedSlot).await.unwrap();
    let order = pack.state().await.current_order().unwrap().order.clone();
    for line in &order.lines {
        for n in 1..=line.qty {
            pack.handle(PackEvent::Scanned {
                raw: unit_scan(&order.order_id, line, n),
            })
            .await
            .unwrap();
        }
    }
    if pack.view().await.step == StepKind::VerifyUnits {
        pack.handle(PackEvent::CloseParcel).await.unwrap();
    }
    order.order_id
}

/// Fills the filesystem holding `dir` to the last byte; returns the filler to delete.
fn fill(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&block[..1]).is_ok() {}
    let _ = f.sync_all();
    path
}

#[tokio::test]
async fn a_full_disk_refuses_the_step_clearly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let data = dir.path().join("station");
    let _fs = Tmpfs::mount(&data, 2048);
    let rt = start(&config("ST-FULL", &data, &b.url())).await;
    let unit = open_first_slot(&rt).await;
    let before = rt.pack.state().await;

    let filler = fill(&data);
    let err = rt
        .pack
        .handle(PackEvent::Scanned { raw: unit.clone() })
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StationError::Store(_)), "{err:?}");
    assert!(msg.contains("disk is full"), "{msg}");
    // Nothing half-done shows as done: the flow is where it was.
    assert_eq!(rt.pack.state().await, before);

    std::fs::remove_file(filler).unwrap();
    rt.pack
        .handle(PackEvent::Scanned { raw: unit })
        .await
        .expect("with space again the same scan is taken");
    assert_eq!(rt.pack.state().await.revision, before.revision + 1);
}

#[tokio::test]
async fn a_read_only_database_refuses_the_step_and_keeps_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let data = dir.path().join("station");
    let rt = start(&config("ST-RO", &data, &b.url())).await;
    let unit = open_first_slot(&rt).await;
    let before = rt.pack.state().await;

    // The database and its log become unwritable (the shared-memory index stays: it is memory
    // SQLite maps, and a mapping that cannot be written is a crash, not an error).
    let files: Vec<_> = ["station.sqlite", "station.sqlite-wal"]
        .iter()
        .map(|f| data.join(f))
        .filter(|p| p.exists())
        .collect();
    let chattr = |flag: &str| {
        for f in &files {
            let ok = std::process::Command::new("chattr")
                .arg(flag)
                .arg(f)
                .status()
                .unwrap()
                .success();
            assert!(ok, "chattr {flag} {} (needs root and ext4)", f.display());
        }
    };
    chattr("+i");
    let r = rt
        .pack
        .handle(PackEvent::Scanned { raw: unit.clone() })
        .await;
    chattr("-i");
    let err = r.unwrap_err();
    assert!(matches!(err, StationError::Store(_)), "{err:?}");
    assert!(
        err.to_string().contains("call IT") || err.to_string().contains("Call IT"),
        "{err}"
    );
    assert_eq!(rt.pack.state().await, before);
}

#[tokio::test]
async fn a_damaged_station_database_is_moved_aside_not_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite");
    let junk = b"this is not a database, it was overwritten by something else\n".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    let (store, moved) = SqliteStationStore::open_or_recover(&path).await.unwrap();
    let moved = moved.expect("the damaged file is reported");
    assert!(moved.path.exists(), "the old file is kept for IT");
    assert_eq!(
        std::fs::read(&moved.path).unwrap(),
        junk,
        "the old file is untouched"
    );
    assert_eq!(moved.recovered_writes, 0);
    assert_eq!(store.backlog(0).await.unwrap().pending, 0);
}

#[tokio::test]
async fn a_foreign_database_is_moved_aside_and_its_queued_writes_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite");
    // A station database of an older, unknown layout: its migration history is foreign, but
    // its outbox still holds a write the backend never got.
    {
        let old = SqliteStationStore::open(&path).await.unwrap();
        old.enqueue(
            &[NewOutboxItem {
                effect_key: "mv:TR-0001@ST#1:O-1:p1:l1".into(),
                trolley: "TR-0001".into(),
                write: OutboxWrite::Movements(packbench::contract::MovementBatch {
                    trolley: "TR-0001".into(),
                    order_id: "O-1".into(),
                    parcel_id: "O-1-P1".into(),
                    packer_id: "PK-1".into(),
                    movements: vec![packbench::contract::MovementLine {
                        line_no: 1,
                        sku: "SKU-1".into(),
                        qty: 1,
                    }],
                }),
            }],
            5,
        )
        .await
        .unwrap();
    }
    let key_before = sqlite_scalar(&path, "SELECT idempotency_key FROM outbox").await;
    sqlite_exec(
        &path,
        "UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 1",
    )
    .await;

    let (store, moved) = SqliteStationStore::open_or_recover(&path).await.unwrap();
    let moved = moved.expect("the foreign file is reported");
    assert!(
        moved.reason.contains("not a Packbench station database"),
        "{}",
        moved.reason
    );
    assert_eq!(moved.recovered_writes, 1);
    let due = store.due(i64::MAX, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        due[0].idempotency_key, key_before,
        "the write keeps its idempotency key"
    );
}

async fn sqlite_scalar(path: &Path, sql: &str) -> String {
    let pool = packbench::adapters::sqlite_store::open_pool(path, 1)
        .await
        .unwrap();
    let v: String = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    v
}

async fn sqlite_exec(path: &Path, sql: &str) {
    let pool = packbench::adapters::sqlite_store::open_pool(path, 1)
        .await
        .unwrap();
    sqlx::query(sql).execute(&pool).await.unwrap();
    pool.close().await;
}

#[tokio::test]
async fn a_read_only_data_directory_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let data = dir.path().join("station");
    std::fs::create_dir_all(&data).unwrap();
    assert!(std::process::Command::new("chattr")
        .args(["+i"])
        .arg(&data)
        .status()
        .unwrap()
        .success());
    let r = start_station(&config("ST-RO2", &data, &b.url()), PackOptions::default()).await;
    std::process::Command::new("chattr")
        .args(["-i"])
        .arg(&data)
        .status()
        .unwrap();
    let msg = format!(
        "{:#}",
        r.err().expect("no station without a writable data dir")
    );
    assert!(msg.contains(&data.display().to_string()), "{msg}");
    assert!(msg.contains("cannot be written"), "{msg}");
}

/// The drill's audit reads what the backend holds: a trolley nobody packed is all lost; once
/// the station has packed it (same services as the app, the drill's packer) nothing is lost or
/// doubled, every shipment has its label spooled once, and the trolley is packed for good.
#[tokio::test(flavor = "multi_thread")]
async fn a_packed_trolley_is_recorded_exactly_once_and_the_audit_can_tell() {
    use packbench::cli::drill::{pack_trolleys, verify, DrillReport};

    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let trolleys = vec!["TR-0004".to_owned()];

    let mut before = DrillReport::default();
    verify(&b.url(), TOKEN, &trolleys, &mut before)
        .await
        .unwrap();
    assert!(before.expected_units > 0);
    assert_eq!(before.lost, before.expected_units, "{before:?}");
    assert_eq!(before.recorded_units, 0);

    let data = dir.path().join("station");
    let rt = start(&config("ST-PACK", &data, &b.url())).await;
    pack_trolleys(&rt, vec!["TR-0004".parse().unwrap()])
        .await
        .unwrap();

    let mut after = DrillReport::default();
    verify(&b.url(), TOKEN, &trolleys, &mut after)
        .await
        .unwrap();
    use packbench::ports::BackendApi;
    assert_eq!(after.lost, 0, "{after:?}");
    assert_eq!(after.duplicates, 0, "{after:?}");
    assert_eq!(after.recorded_units, after.expected_units);
    assert_eq!(
        after.dispatched_units + after.exception_units,
        after.expected_units
    );
    assert!(
        after.exception_units > 0,
        "the drill's packer reports some shorts: {after:?}"
    );

    let labels = std::fs::read_dir(data.join("print-spool")).unwrap().count();
    assert!(labels > 0);
    // The screen's preview is what the label printer got: a 4x6 label at 203 dpi whose
    // tracking barcode reads back.
    let order = rt
        .pack
        .screen()
        .await
        .last_label_order
        .expect("a label printed");
    let pngs = rt.pack.label_preview(&order).await.unwrap();
    assert!(!pngs.is_empty());
    let png = &pngs[0];
    assert_eq!(&png[1..4], b"PNG");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(
        (810..=815).contains(&w) && (1216..=1222).contains(&h),
        "{w}x{h}"
    );
    let file = dir.path().join("preview.png");
    std::fs::write(&file, png).unwrap();
    let read = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Scode128.enable"])
        .arg(&file)
        .output()
        .unwrap();
    let read = String::from_utf8_lossy(&read.stdout);
    let api = packbench::adapters::HttpBackend::new(&b.url(), "ST-READ", TOKEN, Default::default())
        .unwrap();
    let shipped = api.shipments_for_order(&order).await.unwrap();
    let tracking = &shipped[0].parcels[0].tracking_number;
    assert!(
        read.lines().any(|l| l == tracking),
        "{tracking} not in {read:?}"
    );

    // The station's heartbeat tells supervisors what it did.
    let hb = rt.heartbeat().await.unwrap();
    assert_eq!(hb.station_id, "ST-PACK");
    assert!(
        hb.counters.orders_packed > 0 && hb.counters.parcels >= hb.counters.orders_packed,
        "{hb:?}"
    );
    assert_eq!(u64::from(hb.counters.units_packed), after.dispatched_units);
    assert_eq!(hb.outbox.pending, 0);
    assert!(hb.devices.iter().all(|d| d.ready), "{hb:?}");
    rt.station
        .backend
        .heartbeat("hb-test-1", &hb)
        .await
        .unwrap();
    // The trolley is packed: no station can claim it again.
    let other =
        packbench::adapters::HttpBackend::new(&b.url(), "ST-LATE", TOKEN, Default::default())
            .unwrap();
    assert!(other
        .claim_trolley(&"TR-0004".parse().unwrap())
        .await
        .is_err());
}

/// The weight gate at a station with a serial scale (MT-SICS, simulated on a pty, read by the
/// real driver): a parcel heavier than its units and box is refused, a packer's badge cannot
/// override, a supervisor's can (with a reason); a box other than the suggested one needs a
/// reason. Both overrides reach the backend for supervisors.
#[tokio::test(flavor = "multi_thread")]
async fn the_weight_gate_blocks_a_wrong_weight_until_a_supervisor_overrides() {
    use packbench::contract::{OverrideKind, OverrideRecord, SignInRequest, WeightDecision};
    use packbench_devices::scale::sim::SimScale;
    use packbench_devices::scale::{Protocol, ScaleConfig};
    use packbench_devices::simulator::SimulatedScale;

    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let scale = SimulatedScale::start(SimScale::new(Protocol::MtSics)).unwrap();
    let cfg = Config {
        scale: Some(ScaleConfig::new(scale.path(), Protocol::MtSics)),
        ..config("ST-GATE", &dir.path().join("station"), &b.url())
    };
    let rt = start(&cfg).await;
    let pack = rt.pack.clone();
    pack.scan(&badge()).await.unwrap();
    pack.scan("TR-0008").await.unwrap();

    // Verify every unit of the first order, then box it.
    let first = take_slot_and_scan_every_unit(&pack).await;
    let s = pack.screen().await;
    assert_eq!(s.view.step, StepKind::ChoosePackaging);
    let suggestion = s.suggestion.expect("a packaging suggestion");
    // The screen gets the engine's reasons to word in the packer's language, and what to draw.
    assert_eq!(
        suggestion.explanation.chosen[0].packaging_id, suggestion.packaging_id,
        "{suggestion:?}"
    );
    assert!(
        suggestion.inner_mm.iter().all(|&mm| mm > 0),
        "{suggestion:?}"
    );
    pack.scan(&suggestion.barcode).await.unwrap();
    let expected = pack
        .screen()
        .await
        .expected_weight_g
        .expect("an expected weight");

    // 500 g too heavy: refused, the label stays blocked.
    scale.set_load_g(expected as i64 + 500);
    let v = pack.weigh().await.unwrap();
    assert_eq!(v.step, StepKind::Weigh);
    assert_eq!(v.last_weight_mismatch_g, Some(expected as u32 + 500));
    let check = pack
        .screen()
        .await
        .weight_check
        .expect("the scale's verdict");
    assert!(!check.accepted && check.deviation_g == 500, "{check:?}");
    // A packer's badge does not override.
    let err = pack
        .override_weight(&badge(), "looks fine")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a supervisor"), "{err}");
    let w = demo_data::generate(demo_data::DEFAULT_SEED);
    let sup = w.packers.iter().find(|p| p.role == "supervisor").unwrap();
    let v = pack
        .override_weight(&sup.badge, "Extra packing material")
        .await
        .unwrap();
    assert_ne!(v.step, StepKind::Weigh, "{v:?}");

    // The next order: another box than the suggested one needs a reason.
    while pack.view().await.step != StepKind::ScanSlot {
        pack.wait_changed(Duration::from_millis(200)).await;
    }
    let second = take_slot_and_scan_every_unit(&pack).await;
    let s = pack.screen().await;
    let suggested = s.suggestion.unwrap();
    let other = pack
        .catalogue()
        .await
        .into_iter()
        .find(|c| {
            c.spec.id != suggested.packaging_id
                && c.spec.allowed_clients.is_empty()
                && c.spec.stocked
        })
        .unwrap();
    let err = pack.scan(&other.barcode).await.unwrap_err();
    assert_eq!(
        packbench_ipc::IpcError::from(err).reason.as_deref(),
        Some("packaging_reason_required")
    );
    pack.choose_packaging(&other.spec.id, Some("suggested box out of stock".into()))
        .await
        .unwrap();
    let expected = pack.screen().await.expected_weight_g.unwrap();
    scale.set_load_g(expected as i64);
    assert_ne!(
        pack.weigh().await.unwrap().step,
        StepKind::Weigh,
        "an exact weight passes"
    );

    // Supervisors see both overrides at the backend, once each.
    let api = packbench::adapters::HttpBackend::new(&b.url(), "ST-SUP", TOKEN, Default::default())
        .unwrap();
    let session = api
        .sign_in(&SignInRequest::Pin {
            packer_id: sup.packer_id.clone(),
            pin: sup.pin.clone(),
        })
        .await
        .unwrap()
        .session_token;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let (weights, boxes) = loop {
        let weights = api
            .overrides(&session, Some(OverrideKind::Weight))
            .await
            .unwrap();
        let boxes = api
            .overrides(&session, Some(OverrideKind::Packaging))
            .await
            .unwrap();
        if !weights.is_empty() && !boxes.is_empty() {
            break (weights, boxes);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "overrides never reached the backend"
        );
        rt.station.outbox_wake.notify_one();
        pack.wait_changed(Duration::from_millis(200)).await;
    };
    assert_eq!(weights.len(), 1);
    match &weights[0].record {
        OverrideRecord::Weight {
            order_id,
            measured_g,
            expected_g,
            decision,
            ..
        } => {
            assert_eq!(order_id, &first);
            assert!(*measured_g > *expected_g, "{measured_g} vs {expected_g}");
            assert!(*expected_g > 0);
            assert!(
                matches!(decision, WeightDecision::Overridden { supervisor_id, .. } if supervisor_id == &sup.packer_id)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(boxes.len(), 1);
    match &boxes[0].record {
        OverrideRecord::Packaging {
            order_id,
            suggested_id,
            chosen_id,
            reason,
            ..
        } => {
            assert_eq!(order_id, &second);
            assert_eq!(suggested_id, &suggested.packaging_id);
            assert_eq!(chosen_id, &other.spec.id);
            assert_eq!(reason, "suggested box out of stock");
        }
        other => panic!("{other:?}"),
    }
}

/// The action sheet prints every action code as a barcode a scanner reads back: rendered to
/// PDF by `packbench action-sheet`, rasterised by poppler, decoded by zbar.
#[test]
fn the_action_sheet_scans_back_to_every_action_code() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sheet.pdf");
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_packbench"))
        .args(["action-sheet", "--lang", "pl", "--out"])
        .arg(&pdf)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let png = dir.path().join("sheet");
    assert!(std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap()
        .success());
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Scode128.enable"])
        .arg(dir.path().join("sheet.png"))
        .output()
        .unwrap();
    let read: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    let want: std::collections::BTreeSet<String> =
        packbench_ipc::actions::sheet(&packbench_ipc::i18n::Lang::Pl.words())
            .into_iter()
            .map(|(c, _)| c.to_owned())
            .collect();
    assert_eq!(read, want);
}

/// One station process per data directory: a second start is refused, naming the directory.
#[tokio::test]
async fn a_second_station_on_the_same_data_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let data = dir.path().join("station");
    let first = start(&config("ST-ONE", &data, &b.url())).await;
    let err = start_station(&config("ST-ONE", &data, &b.url()), PackOptions::default())
        .await
        .err()
        .expect("a second station is refused");
    assert!(format!("{err:#}").contains("already running"), "{err:#}");
    drop(first);
}

/// With a document printer configured, every shipped order's packing slip (a PDF) reaches it
/// exactly once, after its label; catching up again sends nothing more.
#[tokio::test(flavor = "multi_thread")]
async fn each_order_gets_one_packing_slip_on_the_document_printer() {
    use std::io::Read;
    use std::sync::{Arc, Mutex};

    // A raw 9100 document printer on loopback: one job per connection.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let jobs: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let seen = jobs.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut c) = conn else { return };
            let mut buf = Vec::new();
            let _ = c.read_to_end(&mut buf);
            seen.lock().unwrap().push(buf);
        }
    });

    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let data = dir.path().join("station");
    let mut cfg = config("ST-SLIP", &data, &b.url());
    cfg.printers.document = Some(format!("tcp://127.0.0.1:{port}?status=off"));
    let rt = start(&cfg).await;
    packbench::cli::drill::pack_trolleys(&rt, vec!["TR-0009".parse().unwrap()])
        .await
        .unwrap();
    let shipments: std::collections::BTreeSet<String> = std::fs::read_dir(data.join("print-spool"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .rsplit_once("_p")
                .unwrap()
                .0
                .to_owned()
        })
        .collect();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while jobs.lock().unwrap().len() < shipments.len() {
        assert!(std::time::Instant::now() < deadline, "slips missing");
        rt.pack.wait_changed(Duration::from_millis(100)).await;
    }
    rt.pack.catch_up().await.unwrap();
    let jobs = jobs.lock().unwrap();
    assert_eq!(jobs.len(), shipments.len(), "one slip per shipped order");
    assert!(jobs.iter().all(|j| j.starts_with(b"%PDF")));
}

/// The remote weight override: at a refused weight the station asks the desk, a supervisor
/// approves there, and the station records the override under that supervisor's id and reason
/// (the same record a badge scan makes). The desk's commands refuse a packer's sign-in and
/// answer a supervisor's.
#[tokio::test(flavor = "multi_thread")]
async fn a_weight_override_asked_of_the_desk_is_applied_when_a_supervisor_approves() {
    use packbench::contract::{
        OverrideKind, OverrideRecord, ShipmentStatus, WeightDecision, WeightRequestDecision,
    };
    use packbench_devices::scale::sim::SimScale;
    use packbench_devices::scale::{Protocol, ScaleConfig};
    use packbench_devices::simulator::SimulatedScale;
    use packbench_ipc::desk::{DeskAction, DeskDone};

    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let scale = SimulatedScale::start(SimScale::new(Protocol::MtSics)).unwrap();
    let site = packbench_core::site_time::SiteTime::new(
        "Europe/Warsaw",
        packbench_core::site_time::SiteTime::default_shifts(),
    )
    .unwrap();
    let cfg = Config {
        scale: Some(ScaleConfig::new(scale.path(), Protocol::MtSics)),
        site: site.clone(),
        ..config("ST-ASK", &dir.path().join("station"), &b.url())
    };
    let rt = start(&cfg).await;
    let pack = rt.pack.clone();
    let w = demo_data::generate(demo_data::DEFAULT_SEED);
    let sup = w.packers.iter().find(|p| p.role == "supervisor").unwrap();
    // A supervisor signed in here: the desk answers; signed out: it refuses.
    pack.scan(&sup.badge).await.unwrap();
    assert_eq!(
        rt.desk.overview().await.unwrap().supervisor_id,
        sup.packer_id
    );
    // Productivity on the site's clock: the shift running now in Warsaw, labelled locally.
    use packbench_ipc::desk::Period;
    let p = rt.desk.productivity(Period::Shift).await.unwrap();
    assert_eq!(p.zone, "Europe/Warsaw");
    let running = site.shift_at(p.buckets[0].0);
    assert_eq!(p.shift.as_ref().unwrap().name, running.shift.name);
    assert_eq!(p.bucket_labels.len(), p.buckets.len());
    assert_eq!(p.bucket_labels[0], running.shift.start.to_string());
    let week = rt.desk.productivity(Period::Week).await.unwrap();
    assert_eq!((week.buckets.len(), week.shift), (7, None));
    assert_eq!(week.bucket_labels[6], site.day_label(week.buckets[6].0));
    pack.handle(PackEvent::SignedOut).await.unwrap();
    let refused = packbench_ipc::IpcError::from(rt.desk.overview().await.unwrap_err());
    assert_eq!(
        refused.reason.as_deref(),
        Some("supervisor_only"),
        "{refused:?}"
    );
    // A packer's sign-in is refused too.
    pack.scan(&badge()).await.unwrap();
    let refused = packbench_ipc::IpcError::from(rt.desk.overview().await.unwrap_err());
    assert_eq!(
        refused.reason.as_deref(),
        Some("supervisor_only"),
        "{refused:?}"
    );
    // Nothing refused yet: nothing to ask about.
    assert!(rt.remote_override.ask().await.is_err());

    pack.scan("TR-0009").await.unwrap();
    let packed = take_slot_and_scan_every_unit(&pack).await;
    let s = pack.screen().await;
    pack.scan(&s.suggestion.unwrap().barcode).await.unwrap();
    let expected = pack.screen().await.expected_weight_g.unwrap();
    scale.set_load_g(expected as i64 + 700);
    assert_eq!(pack.weigh().await.unwrap().step, StepKind::Weigh);

    let id = rt.remote_override.ask().await.unwrap();
    assert_eq!(rt.remote_override.ask().await.unwrap(), id, "asked once");
    rt.remote_override.poll_once().await.unwrap();
    // What a restart builds: the service anew over the station's database. It goes on waiting
    // for the same request (and the answer is applied once, by whichever polls first).
    let restarted = || async {
        packbench::services::remote_override::RemoteOverride::new(
            std::sync::Arc::new(
                packbench::adapters::HttpBackend::new(
                    &b.url(),
                    "ST-ASK",
                    TOKEN,
                    Default::default(),
                )
                .unwrap(),
            ),
            pack.clone(),
            rt.store.clone(),
        )
        .await
    };
    let resumed = restarted().await;
    assert_eq!(
        resumed.pending().await,
        Some(id.clone()),
        "kept across a restart"
    );
    resumed.poll_once().await.unwrap();
    assert_eq!(
        pack.view().await.step,
        StepKind::Weigh,
        "pending: still blocked"
    );

    // A supervisor at another station's desk approves.
    let desk =
        packbench::adapters::HttpBackend::new(&b.url(), "ST-DESK", TOKEN, Default::default())
            .unwrap();
    let session = desk
        .sign_in(&packbench::contract::SignInRequest::Badge {
            badge: sup.badge.clone(),
        })
        .await
        .unwrap()
        .session_token;
    let pending = desk.pending_weight_requests(&session).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (
            pending[0].order_id.as_str(),
            pending[0].measured_g,
            pending[0].expected_g
        ),
        (packed.as_str(), expected as u32 + 700, expected as u32)
    );
    desk.decide_weight_request(
        "desk-decision-1",
        &session,
        &id,
        &WeightRequestDecision {
            approve: true,
            reason: "double-walled box, checked".into(),
        },
    )
    .await
    .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while pack.view().await.step == StepKind::Weigh {
        assert!(
            std::time::Instant::now() < deadline,
            "the approval was never applied"
        );
        resumed.poll_once().await.unwrap();
        pack.wait_changed(Duration::from_millis(200)).await;
    }
    assert_eq!(resumed.pending().await, None);
    assert_eq!(
        restarted().await.pending().await,
        None,
        "forgotten once answered"
    );

    // The override reaches the backend under the approving supervisor.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let weight = loop {
        let o = desk
            .overrides(&session, Some(OverrideKind::Weight))
            .await
            .unwrap();
        if let Some(o) = o.into_iter().next() {
            break o;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no weight override delivered"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    match weight.record {
        OverrideRecord::Weight {
            decision:
                WeightDecision::Overridden {
                    supervisor_id,
                    reason,
                },
            order_id,
            ..
        } => {
            assert_eq!(supervisor_id, sup.packer_id);
            assert_eq!(reason, "double-walled box, checked");
            assert_eq!(order_id, packed);
        }
        other => panic!("{other:?}"),
    }

    // A supervisor at a desk station reprints the order's labels at that station's printer,
    // then voids the label at the backend.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while desk.shipments_for_order(&packed).await.unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the order never shipped"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let desk_dir = dir.path().join("desk");
    let desk_rt = start(&config("ST-DESK2", &desk_dir, &b.url())).await;
    desk_rt.pack.scan(&sup.badge).await.unwrap();
    let said = desk_rt
        .desk
        .act(DeskAction::Reprint {
            order_id: packed.clone(),
        })
        .await
        .unwrap();
    assert!(
        matches!(said, DeskDone::Reprinted { labels: 1, .. }),
        "{said:?}"
    );
    let spooled: Vec<String> = std::fs::read_dir(desk_dir.join("print-spool"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(spooled.len(), 1, "{spooled:?}");
    // Exactly the label document the backend holds for the order's shipment.
    use base64::Engine as _;
    let live = &desk.shipments_for_order(&packed).await.unwrap()[0];
    let want = base64::engine::general_purpose::STANDARD
        .decode(&live.labels[0].content_base64)
        .unwrap();
    let got = std::fs::read(desk_dir.join("print-spool").join(&spooled[0])).unwrap();
    assert_eq!(got, want, "the reprinted label is the backend's document");
    let said = desk_rt
        .desk
        .act(DeskAction::VoidLabel {
            order_id: packed.clone(),
        })
        .await
        .unwrap();
    assert!(matches!(said, DeskDone::Voided { .. }), "{said:?}");
    let shipments = desk.shipments_for_order(&packed).await.unwrap();
    assert_eq!(shipments.len(), 1);
    assert_eq!(shipments[0].status, ShipmentStatus::Voided);
    // Nothing live is left to reprint or void: refused with the reason.
    let err = desk_rt
        .desk
        .act(DeskAction::Reprint {
            order_id: packed.clone(),
        })
        .await
        .unwrap_err();
    let err = packbench_ipc::IpcError::from(err);
    assert_eq!(err.reason.as_deref(), Some("no_live_shipment"), "{err:?}");
}

/// Takes the next slot and packs its order in the largest stocked box, weighed on the training
/// scale; returns the order id.
async fn pack_next_order(pack: &packbench::services::pack::PackService) -> String {
    let packaging_id = packbench::cli::drill::largest_open_box();
    let order_id = take_slot_and_scan_every_unit(pack).await;
    pack.handle(PackEvent::PackagingChosen {
        packaging_id,
        suggested_id: None,
        override_reason: None,
    })
    .await
    .unwrap();
    pack.weigh().await.unwrap();
    order_id
}

/// The label printer runs out of labels mid-trolley: a simulated Zebra on raw TCP that, as its
/// ZPL Programming Guide says, flags "media out" in `~HQES` and keeps quiet to `~HS`. The
/// order's label is not sent and the heartbeat names the fault; the order waits as label
/// pending while the packer goes on; once the roll is loaded, the action sheet's reprint prints
/// that order's label (not the last one that printed), once.
#[tokio::test(flavor = "multi_thread")]
async fn out_of_labels_mid_trolley_the_order_waits_and_prints_once_after_the_roll_is_loaded() {
    use packbench_devices::printer::sim::SimulatedZebra;

    let dir = tempfile::tempdir().unwrap();
    let b = backend(dir.path()).await;
    let zebra = SimulatedZebra::start().unwrap();
    let mut cfg = config("ST-ROLL", &dir.path().join("station"), &b.url());
    cfg.printers.label = Some(format!("{}?status_timeout_ms=800", zebra.uri()));
    let rt = start(&cfg).await;
    let pack = rt.pack.clone();
    pack.scan(&badge()).await.unwrap();
    pack.scan("TR-0001").await.unwrap();

    let first = pack_next_order(&pack).await;
    assert_eq!(zebra.wait_for_jobs(1, Duration::from_secs(30)).len(), 1);

    zebra.update(|s| s.paper_out = true);
    let second = pack_next_order(&pack).await;
    assert_ne!(first, second);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while pack.view().await.pending_labels == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the order never waited"
        );
        pack.wait_changed(Duration::from_millis(200)).await;
    }
    let v = pack.view().await;
    assert_eq!(v.step, StepKind::ScanSlot, "the packer goes on: {v:?}");
    assert_eq!(
        zebra.jobs().len(),
        1,
        "nothing sent to a printer out of labels"
    );
    let hb = rt.heartbeat().await.unwrap();
    let printer = hb
        .devices
        .iter()
        .find(|d| d.name.contains("tcp://"))
        .unwrap();
    assert_eq!(
        (printer.ready, printer.problems.clone()),
        (false, vec!["paper_out".to_owned()])
    );

    // The roll loaded, the packer scans reprint: the waiting order's label, once.
    zebra.update(|s| s.paper_out = false);
    pack.scan("PB-REPRINT").await.unwrap();
    assert_eq!(zebra.wait_for_jobs(2, Duration::from_secs(30)).len(), 2);
    let v = pack.view().await;
    assert_eq!(
        v.pending_labels, 0,
        "the waiting order has its label: {v:?}"
    );
    pack.catch_up().await.unwrap();
    assert_eq!(
        zebra.jobs().len(),
        2,
        "printed once, not again by the catch-up"
    );
}
