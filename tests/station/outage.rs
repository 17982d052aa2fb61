//! Backend outages at a station: the backend in its own process, stopped and started again as
//! a crashed or unplugged server would be. A trolley packed offline holds its labels and writes
//! until the backend returns; a claim left unanswered is asked again without refusing the packer.

use std::time::Duration;

use packbench::error::StationError;
use packbench_core::pack_flow::StepKind;

use crate::pack_flow::{badge, config, start};
use crate::support::{BackendProcess, TOKEN};

/// With the backend down, a trolley already pulled is packed to the end: every order's label
/// is held as "label pending" and its writes queue. When the backend is back, the labels print
/// by themselves, the writes are delivered, and the trolley is released.
#[tokio::test(flavor = "multi_thread")]
async fn an_outage_holds_labels_pending_and_they_print_when_the_backend_returns() {
    use packbench::cli::drill::{pack_trolleys, verify, DrillReport};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("training.sqlite");
    let (b, url) = BackendProcess::start(&db, "127.0.0.1:0");
    let data = dir.path().join("station");
    let rt = start(&config("ST-OFF", &data, &url)).await;
    rt.pack.scan(&badge()).await.unwrap();
    rt.pack.scan("TR-0006").await.unwrap();
    // The catalogue is fetched while the backend is up (the station keeps it).
    assert!(!rt.pack.catalogue().await.is_empty());
    drop(b);

    let pack = rt.pack.clone();
    let runtime = std::sync::Arc::new(rt);
    let packing = tokio::spawn({
        let runtime = runtime.clone();
        async move { pack_trolleys(&runtime, vec!["TR-0006".parse().unwrap()]).await }
    });
    // Wait (bounded) until every slot is done: the trolley waits for its release.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let st = pack.state().await;
        if st.step_kind() == StepKind::ReleasingTrolley {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "packing offline stalled at {:?}",
            st.view()
        );
        pack.wait_changed(Duration::from_millis(200)).await;
    }
    let v = pack.view().await;
    assert!(v.pending_labels > 0, "{v:?}");
    let backlog = runtime.station.backlog().await.unwrap();
    assert!(backlog.pending > 0 && backlog.failed == 0, "{backlog:?}");
    assert_eq!(
        std::fs::read_dir(data.join("print-spool")).unwrap().count(),
        0,
        "nothing printed offline"
    );

    let (_b2, url2) = BackendProcess::start(&db, &url);
    assert_eq!(url2, url);
    tokio::time::timeout(Duration::from_secs(120), packing)
        .await
        .expect("the station caught up once the backend was back")
        .unwrap()
        .unwrap();
    let st = pack.state().await;
    assert!(
        st.pending_labels.is_empty() && st.trolley.is_none(),
        "{:?}",
        st.view()
    );
    // One file per parcel label (`<shipment key>#p<parcel>c<copy>`, sanitised): every pending
    // order's shipment printed, each copy 0 once.
    let shipments: std::collections::BTreeSet<String> = std::fs::read_dir(data.join("print-spool"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .inspect(|name| assert!(name.ends_with("c0.zpl"), "{name}"))
        .map(|name| name.rsplit_once("_p").unwrap().0.to_owned())
        .collect();
    assert_eq!(
        shipments.len() as u32,
        v.pending_labels,
        "each pending label printed"
    );
    let mut report = DrillReport::default();
    verify(&url, TOKEN, &["TR-0006".to_owned()], &mut report)
        .await
        .unwrap();
    assert_eq!((report.lost, report.duplicates), (0, 0), "{report:?}");
}

/// A claim left unanswered by an outage is asked again by two hands at once when the backend
/// returns: the packer scans the trolley again while the station's own catch-up asks too. One
/// answer becomes the flow's claim; the other is no refusal for the packer.
#[tokio::test(flavor = "multi_thread")]
async fn a_claim_asked_twice_at_once_after_an_outage_is_one_claim_and_no_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("training.sqlite");
    let (b, url) = BackendProcess::start(&db, "127.0.0.1:0");
    let rt = start(&config("ST-TWICE", &dir.path().join("station"), &url)).await;
    rt.pack.scan(&badge()).await.unwrap();
    drop(b);
    let e = rt.pack.scan("TR-0007").await.unwrap_err();
    assert!(matches!(e, StationError::Backend(_)), "{e:?}");
    assert_eq!(rt.pack.view().await.step, StepKind::ClaimingTrolley);

    let (_b2, url2) = BackendProcess::start(&db, &url);
    assert_eq!(url2, url);
    let (scanned, resumed) = tokio::join!(rt.pack.scan("TR-0007"), rt.pack.resume());
    scanned.expect("the packer's scan is answered with the claim");
    resumed.expect("the catch-up's claim is no refusal");
    let st = rt.pack.state().await;
    assert_eq!(st.step_kind(), StepKind::ScanSlot, "{:?}", st.view());
    assert_eq!(st.trolley.as_ref().unwrap().trolley().as_str(), "TR-0007");
}
