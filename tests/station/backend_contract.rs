//! The backend contract's newer endpoints, client against the real training backend on
//! loopback: exceptions, overrides, shipments and labels, releases, heartbeats, supervisor
//! reads, SKU images; and the client's retry policy against a scripted loopback server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use packbench::adapters::http_backend::{HttpBackend, HttpBackendOptions, RetryPolicy};
use packbench::contract::{
    ForceRelease, Heartbeat, LabelFormat, LineException, LineExceptionReason, MovementBatch,
    MovementEntry, MovementLine, NewShipment, OrderException, OrderExceptionReason, OutboxHealth,
    OverrideKind, OverrideRecord, ParcelContentLine, ParcelRequest, ShiftCounters, ShipmentStatus,
    SignInRequest, ThroughputGroup, WeightDecision,
};
use packbench::ports::{BackendApi, BackendError, SupervisorApi};
use packbench::training::demo_data;
use packbench_core::Manifest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::support::{backend, backend_on, client, code, TOKEN};

/// A fresh key per call site and purpose.
fn key(what: &str) -> String {
    format!("test-key-{what}")
}

fn refused<T: std::fmt::Debug>(r: Result<T, BackendError>) -> (u16, String) {
    match r {
        Err(BackendError::Rejected { status, code, .. }) => (status, code),
        Err(BackendError::TrolleyUnknown(_)) => (404, "trolley_unknown".into()),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Signs in the first demo packer or supervisor and returns the session token.
async fn session_of(c: &HttpBackend, role: &str) -> (String, String) {
    let staff = demo_data::generate(demo_data::DEFAULT_SEED).packers;
    let p = staff.iter().find(|p| p.role == role).unwrap();
    let s = c
        .sign_in(&SignInRequest::Badge {
            badge: p.badge.clone(),
        })
        .await
        .unwrap();
    assert_eq!(s.packer_id, p.packer_id);
    assert!(s.session_token.len() >= 32);
    assert!(s.expires_at_ms > packbench::clock::now_ms());
    (s.packer_id.clone(), s.session_token)
}

fn line_exception(
    m: &Manifest,
    slot: usize,
    units: u32,
    reason: LineExceptionReason,
) -> LineException {
    let s = &m.slots[slot];
    let l = &s.order.lines[0];
    LineException {
        trolley: m.trolley.to_string(),
        slot: s.slot,
        order_id: s.order.order_id.clone(),
        line_no: l.line_no,
        sku: l.item.sku.clone(),
        units,
        reason,
        from_location: s.location.clone(),
        to_location: (reason != LineExceptionReason::Short).then(|| "EXC-ST-A".to_owned()),
        found_barcode: None,
        packer_id: "PK-0001".into(),
    }
}

fn movement(m: &Manifest, slot: usize, qty: u32, parcel: &str) -> MovementBatch {
    let s = &m.slots[slot];
    let l = &s.order.lines[0];
    MovementBatch {
        trolley: m.trolley.to_string(),
        order_id: s.order.order_id.clone(),
        parcel_id: parcel.into(),
        packer_id: "PK-0001".into(),
        movements: vec![MovementLine {
            line_no: l.line_no,
            sku: l.item.sku.clone(),
            qty,
        }],
    }
}

/// Raw requests, for what the typed client never sends (unknown fields, missing keys).
async fn raw_post(
    url: &str,
    path: &str,
    key: Option<&str>,
    body: &str,
) -> (u16, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{url}{path}"))
        .bearer_auth(TOKEN)
        .header("x-station-id", "ST-A")
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn exceptions_and_movements_together_never_exceed_what_the_slot_held() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let m = a.claim_trolley(&code("TR-0001")).await.unwrap();
    let held = m.slots[0].order.lines[0].qty;

    // All units of slot 1's first line are damaged: none may then leave for a parcel.
    let e = line_exception(&m, 0, held, LineExceptionReason::Damaged);
    let r = a.record_exception(&key("exc-1"), &e).await.unwrap();
    assert_eq!(
        a.record_exception(&key("exc-1"), &e).await.unwrap(),
        r,
        "replay"
    );
    let mut other = e.clone();
    other.units = 1;
    assert_eq!(
        refused(a.record_exception(&key("exc-1"), &other).await),
        (409, "idempotency_key_reused".into())
    );
    assert_eq!(
        refused(
            a.record_movements(&key("mv-1"), &movement(&m, 0, 1, "P-1"))
                .await
        ),
        (409, "quantity_exceeds_slot".into())
    );
    let order = &m.slots[0].order.order_id;
    assert_eq!(b.db.dispatched_units(order, 1).await.unwrap(), 0);
    assert_eq!(
        b.db.excepted_units(order, 1).await.unwrap(),
        i64::from(held)
    );

    // Slot 2: every unit packed, then a short on top is refused and changes nothing.
    let held2 = m.slots[1].order.lines[0].qty;
    a.record_movements(&key("mv-2"), &movement(&m, 1, held2, "P-2"))
        .await
        .unwrap();
    assert_eq!(
        refused(
            a.record_exception(
                &key("exc-2"),
                &line_exception(&m, 1, 1, LineExceptionReason::Short)
            )
            .await
        ),
        (409, "quantity_exceeds_slot".into())
    );
    let order2 = &m.slots[1].order.order_id;
    assert_eq!(b.db.excepted_units(order2, 1).await.unwrap(), 0);

    // Bad input: wrong slot, short units "put" somewhere, unknown fields, no key.
    let mut wrong_slot = line_exception(&m, 2, 1, LineExceptionReason::Short);
    wrong_slot.slot = m.slots[3].slot;
    assert_eq!(
        refused(a.record_exception(&key("exc-3"), &wrong_slot).await),
        (409, "slot_mismatch".into())
    );
    let mut elsewhere = line_exception(&m, 2, 1, LineExceptionReason::Short);
    elsewhere.from_location = "TR-0001-99".into();
    assert_eq!(
        refused(a.record_exception(&key("exc-4"), &elsewhere).await),
        (409, "slot_mismatch".into())
    );
    let mut json =
        serde_json::to_value(line_exception(&m, 2, 1, LineExceptionReason::Short)).unwrap();
    json["colour"] = "red".into();
    let (status, body) = raw_post(
        &b.url(),
        "/v1/exceptions",
        Some("test-key-raw-1"),
        &json.to_string(),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (422, Some("invalid_body")));
    json["units"] = (-3).into();
    json.as_object_mut().unwrap().remove("colour");
    let (status, _) = raw_post(
        &b.url(),
        "/v1/exceptions",
        Some("test-key-raw-2"),
        &json.to_string(),
    )
    .await;
    assert_eq!(status, 422);
    let (status, body) = raw_post(&b.url(), "/v1/exceptions", None, "{}").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("idempotency_key_missing"))
    );
    assert_eq!(
        b.db.excepted_units(&m.slots[2].order.order_id, 1)
            .await
            .unwrap(),
        0
    );

    // The whole order goes to exception.
    let oe = OrderException {
        trolley: "TR-0001".into(),
        slot: m.slots[0].slot,
        order_id: order.clone(),
        reason: OrderExceptionReason::Damaged,
        to_location: "EXC-ST-A".into(),
        packer_id: "PK-0001".into(),
    };
    let r = a.record_order_exception(&key("oexc-1"), &oe).await.unwrap();
    assert_eq!(
        a.record_order_exception(&key("oexc-1"), &oe).await.unwrap(),
        r
    );

    // Another station, not holding the trolley, is refused.
    let other_station = client(&b.url(), "ST-B");
    assert_eq!(
        refused(
            other_station
                .record_order_exception(&key("oexc-2"), &oe)
                .await
        ),
        (409, "trolley_not_claimed".into())
    );

    let (_, sv) = session_of(&a, "supervisor").await;
    // Short units went nowhere, whatever the station said; damaged ones without a place went
    // to the station's exception location.
    let mut short_put = line_exception(&m, 2, 1, LineExceptionReason::Short);
    short_put.to_location = Some("EXC-ST-A".into());
    a.record_exception(&key("exc-5"), &short_put).await.unwrap();
    let mut unplaced = line_exception(&m, 3, 1, LineExceptionReason::Damaged);
    unplaced.to_location = None;
    a.record_exception(&key("exc-6"), &unplaced).await.unwrap();

    let open = a.open_exceptions(&sv).await.unwrap();
    assert_eq!(open.lines.len(), 3);
    assert_eq!(open.lines[0].exception, e);
    assert_eq!(open.lines[1].exception.to_location, None);
    assert_eq!(
        open.lines[2].exception.to_location.as_deref(),
        Some("EXC-ST-A")
    );
    assert_eq!(open.lines[0].station, "ST-A");
    assert_eq!(open.orders.len(), 1);
    assert_eq!(open.orders[0].exception, oe);
}

#[tokio::test]
async fn overrides_are_recorded_and_supervisors_list_them_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let m = a.trolley_manifest(&code("TR-0004")).await.unwrap();
    let order = m.slots[0].order.order_id.clone();
    let (sv_id, sv) = session_of(&a, "supervisor").await;

    let packaging = OverrideRecord::Packaging {
        order_id: order.clone(),
        parcel_no: 1,
        suggested_id: "BX-S".into(),
        chosen_id: "BX-M".into(),
        reason: "BX-S out of stock at the bench".into(),
        packer_id: "PK-0001".into(),
    };
    let r = a.record_override(&key("ov-1"), &packaging).await.unwrap();
    assert_eq!(
        a.record_override(&key("ov-1"), &packaging).await.unwrap(),
        r
    );
    let weight = OverrideRecord::Weight {
        order_id: order.clone(),
        parcel_no: 1,
        measured_g: 1450,
        expected_g: 1200,
        decision: WeightDecision::Overridden {
            supervisor_id: sv_id.clone(),
            reason: "wet cardboard".into(),
        },
        packer_id: "PK-0001".into(),
    };
    a.record_override(&key("ov-2"), &weight).await.unwrap();

    let mut bad_box = packaging.clone();
    if let OverrideRecord::Packaging { chosen_id, .. } = &mut bad_box {
        *chosen_id = "BX-NOPE".into();
    }
    assert_eq!(
        refused(a.record_override(&key("ov-3"), &bad_box).await),
        (404, "packaging_unknown".into())
    );
    let mut not_sv = weight.clone();
    if let OverrideRecord::Weight {
        decision: WeightDecision::Overridden { supervisor_id, .. },
        ..
    } = &mut not_sv
    {
        *supervisor_id = "PK-0001".into();
    }
    let reweighed = OverrideRecord::Weight {
        order_id: order.clone(),
        parcel_no: 2,
        measured_g: 900,
        expected_g: 880,
        decision: WeightDecision::Accepted {},
        packer_id: "PK-0001".into(),
    };
    assert_eq!(
        refused(a.record_override(&key("ov-4"), &not_sv).await),
        (404, "supervisor_unknown".into())
    );
    let mut unknown_order = packaging.clone();
    if let OverrideRecord::Packaging { order_id, .. } = &mut unknown_order {
        *order_id = "SO-1".into();
    }
    assert_eq!(
        refused(a.record_override(&key("ov-6"), &unknown_order).await),
        (404, "order_unknown".into())
    );

    a.record_override(&key("ov-7"), &reweighed).await.unwrap();

    let all = a.overrides(&sv, None).await.unwrap();
    assert_eq!(all.len(), 3);
    let w = a.overrides(&sv, Some(OverrideKind::Weight)).await.unwrap();
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].record, weight);
    assert_eq!(w[1].record, reweighed);
    let p = a
        .overrides(&sv, Some(OverrideKind::Packaging))
        .await
        .unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].record, packaging);
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pads = chunk.iter().filter(|&&c| c == b'=').count();
        let mut n = 0u32;
        for &c in chunk {
            n = (n << 6) | u32::from(if c == b'=' { 0 } else { val(c) });
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pads]);
    }
    out
}

fn shipment_for(m: &Manifest, slot: usize, format: LabelFormat) -> NewShipment {
    let o = &m.slots[slot].order;
    NewShipment {
        order_id: o.order_id.clone(),
        trolley: m.trolley.to_string(),
        carrier: o.carrier.clone(),
        service: o.service.clone(),
        parcels: vec![ParcelRequest {
            parcel_no: 1,
            packaging_id: "BX-M".into(),
            weight_g: 1250,
            length_mm: 300,
            width_mm: 220,
            height_mm: 150,
            contents: o
                .lines
                .iter()
                .map(|l| ParcelContentLine {
                    line_no: l.line_no,
                    sku: l.item.sku.clone(),
                    qty: l.qty,
                })
                .collect(),
        }],
        label_format: format,
    }
}

#[tokio::test]
async fn shipments_carry_labels_that_parse_and_a_void_lets_the_order_ship_again() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let m = a.claim_trolley(&code("TR-0002")).await.unwrap();

    let req = shipment_for(&m, 0, LabelFormat::Zpl203);
    let s = a.create_shipment(&key("sh-1"), &req).await.unwrap();
    assert_eq!(s.status, ShipmentStatus::Active);
    assert_eq!(s.order_id, req.order_id);
    assert_eq!(s.parcels.len(), 1);
    assert_eq!(s.labels.len(), 1);
    assert_eq!(s.label_data.len(), 1);
    let zpl = String::from_utf8(decode_base64(&s.labels[0].content_base64)).unwrap();
    assert!(zpl.starts_with("^XA"), "{}", &zpl[..20.min(zpl.len())]);
    assert!(zpl.contains(&s.parcels[0].tracking_number));
    let data = &s.label_data[0];
    assert_eq!(data.tracking_number, s.parcels[0].tracking_number);
    assert_eq!(data.sscc.as_str(), s.parcels[0].sscc);
    assert_eq!(data.recipient, demo_data::ship_to(&req.order_id));
    assert!(!data.sender.name.is_empty());
    // The station could print the same label itself from the data.
    let own = packbench_labels::render(
        data,
        packbench_labels::Format::Zpl,
        packbench_labels::Dpi::D203,
    )
    .unwrap();
    assert_eq!(own, zpl.as_bytes());

    assert_eq!(
        a.create_shipment(&key("sh-1"), &req).await.unwrap(),
        s,
        "replay"
    );
    assert_eq!(
        refused(a.create_shipment(&key("sh-2"), &req).await),
        (409, "shipment_exists".into())
    );

    let voided = a
        .void_shipment(&key("void-1"), &s.shipment_id)
        .await
        .unwrap();
    assert_eq!(voided.status, ShipmentStatus::Voided);
    assert_eq!(voided.parcels, s.parcels);
    // Voiding again (another key) is harmless.
    assert_eq!(
        a.void_shipment(&key("void-2"), &s.shipment_id)
            .await
            .unwrap()
            .status,
        ShipmentStatus::Voided
    );
    assert_eq!(
        refused(a.void_shipment(&key("void-3"), "SH-999999").await),
        (404, "shipment_unknown".into())
    );

    let mut pdf_req = req.clone();
    pdf_req.label_format = LabelFormat::Pdf;
    let again = a.create_shipment(&key("sh-3"), &pdf_req).await.unwrap();
    assert_ne!(again.shipment_id, s.shipment_id);
    assert_ne!(
        again.parcels[0].tracking_number,
        s.parcels[0].tracking_number
    );
    assert!(decode_base64(&again.labels[0].content_base64).starts_with(b"%PDF"));

    let listed = a.shipments_for_order(&req.order_id).await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.status).collect::<Vec<_>>(),
        [ShipmentStatus::Voided, ShipmentStatus::Active]
    );

    // Two parcels at 300 dpi, the units split between them.
    let slot = (1..m.slots.len())
        .find(|&i| m.slots[i].order.units() >= 2)
        .expect("an order of two units or more");
    let mut two = shipment_for(&m, slot, LabelFormat::Zpl300);
    let mut second = two.parcels[0].clone();
    second.parcel_no = 2;
    let first_line = &mut two.parcels[0].contents[0];
    if first_line.qty >= 2 {
        first_line.qty -= 1;
        second.contents = vec![ParcelContentLine {
            qty: 1,
            ..first_line.clone()
        }];
    } else {
        second.contents = vec![two.parcels[0].contents.pop().unwrap()];
    }
    two.parcels.push(second);
    let s2 = a.create_shipment(&key("sh-4"), &two).await.unwrap();
    assert_eq!(s2.parcels.len(), 2);
    for l in &s2.labels {
        let zpl = String::from_utf8(decode_base64(&l.content_base64)).unwrap();
        assert!(zpl.starts_with("^XA"));
    }
    assert_eq!(
        s2.label_data[1].parcel.map(|p| (p.index, p.count)),
        Some((2, 2))
    );

    // Refusals change nothing.
    let spare = if slot == 2 { 3 } else { 2 };
    let mut over = shipment_for(&m, spare, LabelFormat::Pdf);
    over.parcels[0].contents[0].qty += 1;
    assert_eq!(
        refused(a.create_shipment(&key("sh-5"), &over).await),
        (409, "quantity_exceeds_order".into())
    );
    let mut no_box = shipment_for(&m, spare, LabelFormat::Pdf);
    no_box.parcels[0].packaging_id = "BX-NOPE".into();
    assert_eq!(
        refused(a.create_shipment(&key("sh-6"), &no_box).await),
        (404, "packaging_unknown".into())
    );
    let mut heavy = shipment_for(&m, spare, LabelFormat::Pdf);
    heavy.parcels[0].weight_g = 0;
    assert_eq!(
        refused(a.create_shipment(&key("sh-7"), &heavy).await),
        (422, "invalid_body".into())
    );
    let mut foreign = shipment_for(&m, spare, LabelFormat::Pdf);
    foreign.order_id = "SO-100001".into();
    if m.slots.iter().all(|s| s.order.order_id != "SO-100001") {
        assert_eq!(
            refused(a.create_shipment(&key("sh-8"), &foreign).await),
            (409, "order_not_on_trolley".into())
        );
    }
    assert_eq!(
        refused(
            client(&b.url(), "ST-B")
                .create_shipment(&key("sh-9"), &shipment_for(&m, spare, LabelFormat::Pdf))
                .await
        ),
        (409, "trolley_not_claimed".into())
    );
    assert!(a
        .shipments_for_order(&m.slots[spare].order.order_id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn releases_take_a_key_and_supervisors_force_release_stale_claims() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let other = client(&b.url(), "ST-B");
    a.claim_trolley(&code("TR-0005")).await.unwrap();

    let (status, body) = raw_post(&b.url(), "/v1/trolleys/TR-0005/release", None, "").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("idempotency_key_missing"))
    );
    assert_eq!(
        refused(other.release_trolley(&key("rel-b"), &code("TR-0005")).await),
        (409, "trolley_not_claimed".into())
    );
    let r = a
        .release_trolley(&key("rel-a"), &code("TR-0005"))
        .await
        .unwrap();
    assert_eq!(r.released, "TR-0005");
    // A retry after the answer was lost gets the same answer, not "not claimed".
    assert_eq!(
        a.release_trolley(&key("rel-a"), &code("TR-0005"))
            .await
            .unwrap(),
        r
    );

    a.claim_trolley(&code("TR-0005")).await.unwrap();
    let why = ForceRelease {
        reason: "ST-A crashed".into(),
    };
    let (_, packer) = session_of(&other, "packer").await;
    let (sv_id, sv) = session_of(&other, "supervisor").await;
    assert_eq!(
        refused(
            other
                .force_release(&key("force-1"), &packer, &code("TR-0005"), &why)
                .await
        ),
        (403, "role_forbidden".into())
    );
    assert_eq!(
        refused(
            other
                .force_release(&key("force-2"), "no-such-session", &code("TR-0005"), &why)
                .await
        ),
        (401, "session_invalid".into())
    );
    other
        .force_release(&key("force-3"), &sv, &code("TR-0005"), &why)
        .await
        .unwrap();
    assert_eq!(
        other
            .claim_trolley(&code("TR-0005"))
            .await
            .unwrap()
            .claimed_by,
        "ST-B"
    );
    // Supervisors read every release once (the retried one is one), forced ones by whom.
    let releases = other
        .releases_of_trolley(&sv, &code("TR-0005"))
        .await
        .unwrap();
    let seen: Vec<_> = releases
        .iter()
        .map(|r| (r.holder.as_str(), r.forced_by.as_deref(), r.packed))
        .collect();
    assert_eq!(
        seen,
        [("ST-A", None, false), ("ST-A", Some(sv_id.as_str()), false)]
    );
    assert!(other
        .releases_of_trolley(&sv, &code("TR-0006"))
        .await
        .unwrap()
        .is_empty());
}

/// A write whose station hangs up while the backend waits for its database is still carried
/// out (its key then stands for it), and the writes after it are answered: a handler dropped
/// half-way must leave nothing behind (the crash drill, which kills stations mid-request, saw
/// writes fail with HTTP 500 until the backend restarted).
#[tokio::test(flavor = "multi_thread")]
async fn a_write_whose_station_hangs_up_completes_and_later_writes_are_answered() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("training.sqlite");
    let b = backend_on(&db).await;
    let a = client(&b.url(), "ST-A");
    a.heartbeat(&key("hb-before"), &heartbeat("ST-A"))
        .await
        .unwrap();

    // Another writer holds the database, so the backend's next write waits in `BEGIN`.
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    // The station gives up waiting and hangs up.
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let hung_up = impatient
        .post(format!("{}/v1/heartbeats", b.url()))
        .bearer_auth(TOKEN)
        .header("x-station-id", "ST-A")
        .header("idempotency-key", key("hb-hung-up"))
        .json(&heartbeat("ST-A"))
        .send()
        .await;
    assert!(
        hung_up.as_ref().is_err_and(|e| e.is_timeout()),
        "{hung_up:?}"
    );
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();

    // Every later write is answered, on whichever pooled connection it gets.
    for i in 0..12 {
        a.heartbeat(&key(&format!("hb-after-{i}")), &heartbeat("ST-A"))
            .await
            .unwrap_or_else(|e| panic!("write {i} after the hang-up: {e}"));
    }
    // The hung-up write was carried out: its key now stands for that heartbeat alone.
    assert_eq!(
        refused(a.heartbeat(&key("hb-hung-up"), &heartbeat("ST-A")).await).1,
        "idempotency_key_reused"
    );
}

fn heartbeat(station: &str) -> Heartbeat {
    Heartbeat {
        station_id: station.into(),
        packer_id: Some("PK-0001".into()),
        trolley: Some("TR-0001".into()),
        slot: Some(3),
        step: Some("scan_unit".into()),
        counters: ShiftCounters {
            orders_packed: 12,
            units_packed: 30,
            parcels: 13,
            exceptions: 1,
        },
        devices: vec![packbench::contract::DeviceHealth {
            kind: packbench::contract::DeviceKind::LabelPrinter,
            name: "Zebra ZD421".into(),
            ready: false,
            problems: vec!["paper_out".into()],
        }],
        outbox: OutboxHealth {
            pending: 2,
            failed: 0,
            oldest_pending_age_ms: Some(1500),
        },
        app_version: "0.1.0".into(),
        sent_at_ms: packbench::clock::now_ms() as u64,
        alerts: vec![],
        ring: None,
        run: None,
    }
}

#[tokio::test]
async fn heartbeats_show_on_the_stations_read_with_a_stale_flag() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let h = heartbeat("ST-A");
    let r = a.heartbeat(&key("hb-1"), &h).await.unwrap();
    assert_eq!(a.heartbeat(&key("hb-1"), &h).await.unwrap(), r, "replay");
    assert_eq!(
        refused(a.heartbeat(&key("hb-2"), &heartbeat("ST-Z")).await),
        (403, "station_mismatch".into())
    );
    let (status, body) = raw_post(
        &b.url(),
        "/v1/heartbeats",
        None,
        &serde_json::to_string(&h).unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("idempotency_key_missing"))
    );

    let mut later = h.clone();
    later.counters.orders_packed = 13;
    a.heartbeat(&key("hb-3"), &later).await.unwrap();

    let (_, sv) = session_of(&a, "supervisor").await;
    let stations = a.stations(&sv).await.unwrap();
    assert_eq!(stations.len(), 1);
    assert_eq!(stations[0].station_id, "ST-A");
    assert_eq!(stations[0].heartbeat, later, "the latest heartbeat");
    assert!(!stations[0].stale);
    // Seen a minute and more ago: stale.
    let stale =
        b.db.stations(stations[0].last_seen_ms + 60_001)
            .await
            .unwrap();
    assert!(stale[0].stale);
}

#[tokio::test]
async fn supervisor_reads_refuse_packers_and_missing_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let (_, packer) = session_of(&a, "packer").await;
    let (_, sv) = session_of(&a, "supervisor").await;
    let now = packbench::clock::now_ms();

    let m = a.claim_trolley(&code("TR-0006")).await.unwrap();
    let held = m.slots[0].order.lines[0].qty;
    a.record_movements(&key("mv-tp"), &movement(&m, 0, held, "P-TP"))
        .await
        .unwrap();
    a.record_exception(
        &key("exc-tp"),
        &line_exception(&m, 1, 1, LineExceptionReason::Short),
    )
    .await
    .unwrap();

    for path in [
        "/v1/stations".to_owned(),
        format!("/v1/throughput?from_ms=0&to_ms={now}&group_by=packer"),
        "/v1/exceptions?status=open".to_owned(),
        "/v1/overrides?kind=weight".to_owned(),
        "/v1/movements?trolley=TR-0006".to_owned(),
        "/v1/releases?trolley=TR-0006".to_owned(),
        format!(
            "/v1/packed-orders?from_ms={}&to_ms={}",
            now - 1000,
            now + 60_000
        ),
        "/v1/weight-override-requests?status=pending".to_owned(),
    ] {
        for (session, want) in [
            (None, 401),
            (Some("not-a-session"), 401),
            (Some(packer.as_str()), 403),
            (Some(sv.as_str()), 200),
        ] {
            let mut req = reqwest::Client::new()
                .get(format!("{}{path}", b.url()))
                .bearer_auth(TOKEN)
                .header("x-station-id", "ST-A");
            if let Some(s) = session {
                req = req.header("x-packer-session", s);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status().as_u16(), want, "{path} with {session:?}");
            let body: serde_json::Value = resp.json().await.unwrap();
            match want {
                401 => assert_eq!(body["code"], "session_invalid", "{path}"),
                403 => assert_eq!(body["code"], "role_forbidden", "{path}"),
                _ => {}
            }
        }
    }

    let end = packbench::clock::now_ms() + 1;
    let t = a
        .throughput(&sv, now - 1000, end, ThroughputGroup::Packer)
        .await
        .unwrap();
    assert_eq!(t.rows.len(), 1);
    let row = &t.rows[0];
    assert_eq!(row.key, "PK-0001");
    assert_eq!(
        (
            row.orders,
            row.units,
            row.lines,
            row.parcels,
            row.exceptions
        ),
        (1, i64::from(held), 1, 1, 1)
    );
    let by_station = a
        .throughput(&sv, now - 1000, end, ThroughputGroup::Station)
        .await
        .unwrap();
    assert_eq!(by_station.rows[0].key, "ST-A");
    let empty = a
        .throughput(&sv, 0, 1, ThroughputGroup::Station)
        .await
        .unwrap();
    assert!(empty.rows.is_empty());

    // Per-order facts: the slot's order, one line and one parcel; the exception was another
    // order's.
    let packed = a.packed_orders(&sv, now - 1000, end).await.unwrap();
    assert_eq!(packed.len(), 1, "{packed:?}");
    let o = &packed[0];
    assert_eq!(
        (
            o.order_id.as_str(),
            o.station.as_str(),
            o.packer_id.as_str(),
            o.units,
            o.lines,
            o.parcels,
            o.exceptions
        ),
        (
            m.slots[0].order.order_id.as_str(),
            "ST-A",
            "PK-0001",
            held,
            1,
            1,
            0
        )
    );
    assert!(o.completed_at_ms >= now - 1000 && o.completed_at_ms < end);
    assert!(a.packed_orders(&sv, 0, 1).await.unwrap().is_empty());
    // A window over 8 days is cut to its last 8 days; one ending before it starts holds none.
    assert_eq!(a.packed_orders(&sv, 0, end).await.unwrap(), packed);
    let long_ago = now - 30 * 24 * 3600 * 1000;
    assert!(a
        .packed_orders(&sv, long_ago, now - 9 * 24 * 3600 * 1000)
        .await
        .unwrap()
        .is_empty());
    assert!(a.packed_orders(&sv, end, now).await.unwrap().is_empty());

    let by_trolley = a.movements_of_trolley(&sv, &code("TR-0006")).await.unwrap();
    assert_eq!(by_trolley.len(), 1);
    assert_eq!(by_trolley[0].qty, held);
    let by_order = a
        .movements_of_order(&sv, &m.slots[0].order.order_id)
        .await
        .unwrap();
    assert_eq!(by_order, by_trolley);
    // Both filters at once, or neither (every movement); an order id with a control character
    // is refused. Every request the contract's schema allows gets an answer.
    let get = |path: String| {
        reqwest::Client::new()
            .get(format!("{}{path}", b.url()))
            .bearer_auth(TOKEN)
            .header("x-station-id", "ST-A")
            .header("x-packer-session", sv.as_str())
            .send()
    };
    let order = &m.slots[0].order.order_id;
    let both: Vec<MovementEntry> = get(format!("/v1/movements?trolley=TR-0006&order_id={order}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(both, by_trolley);
    let all: Vec<MovementEntry> = get("/v1/movements".into())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(by_trolley.iter().all(|e| all.contains(e)));
    let bad = get("/v1/movements?order_id=SO%01".into()).await.unwrap();
    assert_eq!(bad.status(), 400);
}

/// A station asks for a remote weight override; a supervisor approves it once (a packer may
/// not); the asking station, and only it, reads the decision.
#[tokio::test]
async fn weight_override_requests_are_asked_decided_once_and_read_back() {
    use packbench::contract::{
        NewWeightOverrideRequest, WeightRequestDecision, WeightRequestStatus,
    };
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let desk = client(&b.url(), "ST-DESK");
    let (_, packer) = session_of(&desk, "packer").await;
    let (sv_id, sv) = session_of(&desk, "supervisor").await;
    let m = a.claim_trolley(&code("TR-0007")).await.unwrap();
    let ask = NewWeightOverrideRequest {
        order_id: m.slots[0].order.order_id.clone(),
        parcel_no: 1,
        expected_g: 1000,
        measured_g: 1450,
        packer_id: "PK-0001".into(),
    };
    let r = a.request_weight_override(&key("wr-1"), &ask).await.unwrap();
    assert_eq!(r.status, WeightRequestStatus::Pending);
    // A retry under the same key is the same request.
    let again = a.request_weight_override(&key("wr-1"), &ask).await.unwrap();
    assert_eq!(again, r);
    let unknown = NewWeightOverrideRequest {
        order_id: "SO-NOPE".into(),
        ..ask.clone()
    };
    assert_eq!(
        refused(a.request_weight_override(&key("wr-2"), &unknown).await),
        (404, "order_unknown".into())
    );

    let pending = desk.pending_weight_requests(&sv).await.unwrap();
    assert_eq!(pending, vec![r.clone()]);
    assert_eq!(
        refused(desk.pending_weight_requests(&packer).await),
        (403, "role_forbidden".into())
    );
    let yes = WeightRequestDecision {
        approve: true,
        reason: "wet cardboard, contents checked".into(),
    };
    assert_eq!(
        refused(
            desk.decide_weight_request(&key("d-0"), &packer, &r.request_id, &yes)
                .await
        ),
        (403, "role_forbidden".into())
    );
    let decided = desk
        .decide_weight_request(&key("d-1"), &sv, &r.request_id, &yes)
        .await
        .unwrap();
    assert_eq!(decided.status, WeightRequestStatus::Approved);
    assert_eq!(decided.supervisor_id.as_deref(), Some(sv_id.as_str()));
    // The same decision retried answers the same; another decision is refused.
    assert_eq!(
        desk.decide_weight_request(&key("d-1"), &sv, &r.request_id, &yes)
            .await
            .unwrap(),
        decided
    );
    let no = WeightRequestDecision {
        approve: false,
        reason: "changed my mind".into(),
    };
    assert_eq!(
        refused(
            desk.decide_weight_request(&key("d-2"), &sv, &r.request_id, &no)
                .await
        ),
        (409, "request_decided".into())
    );
    assert_eq!(
        refused(
            desk.decide_weight_request(&key("d-3"), &sv, "WR-0000009999", &no)
                .await
        ),
        (404, "request_unknown".into())
    );
    assert!(desk.pending_weight_requests(&sv).await.unwrap().is_empty());
    // The asking station reads the decision; another station cannot see its request.
    assert_eq!(a.weight_request(&r.request_id).await.unwrap(), decided);
    assert_eq!(
        refused(desk.weight_request(&r.request_id).await),
        (404, "request_unknown".into())
    );
}

#[tokio::test]
async fn sku_images_are_served_as_the_committed_svgs() {
    let dir = tempfile::tempdir().unwrap();
    let b = backend(&dir).await;
    let a = client(&b.url(), "ST-A");
    let svg = a.sku_image("LUM-0001").await.unwrap();
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/skus/LUM-0001.svg"
    ))
    .unwrap();
    assert_eq!(svg, committed);
    let resp = reqwest::Client::new()
        .get(format!("{}/v1/skus/NWA-0002/image", b.url()))
        .bearer_auth(TOKEN)
        .header("x-station-id", "ST-A")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "image/svg+xml");
    assert_eq!(
        refused(a.sku_image("NOPE-0001").await),
        (404, "sku_unknown".into())
    );

    // The manifest names each SKU's picture, each order's ship-to, and some gift messages.
    let mut gifts = 0;
    for t in 1..=10 {
        let m = a
            .trolley_manifest(&code(&format!("TR-{t:04}")))
            .await
            .unwrap();
        for s in &m.slots {
            let to = s.order.ship_to.as_ref().expect("a ship-to address");
            assert_eq!(
                to,
                &packbench_core::ShipTo {
                    name: demo_data::ship_to(&s.order.order_id).name,
                    company: demo_data::ship_to(&s.order.order_id).company,
                    street_lines: demo_data::ship_to(&s.order.order_id).street_lines,
                    postal_code: demo_data::ship_to(&s.order.order_id).postal_code,
                    city: demo_data::ship_to(&s.order.order_id).city,
                    country_code: demo_data::ship_to(&s.order.order_id).country_code,
                    phone: demo_data::ship_to(&s.order.order_id).phone,
                }
            );
            gifts += usize::from(s.order.gift_message.is_some());
            for l in &s.order.lines {
                let path = l.item.image.as_deref().unwrap();
                assert_eq!(path, format!("/v1/skus/{}/image", l.item.sku));
            }
        }
    }
    assert!(gifts > 0, "some demo orders are gifts");
    let m = a.trolley_manifest(&code("TR-0001")).await.unwrap();
    let sku = &m.slots[0].order.lines[0].item.sku;
    assert_eq!(
        a.sku_image(sku).await.unwrap(),
        std::fs::read(format!(
            "{}/assets/skus/{sku}.svg",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    );
}

/// A loopback server answering the n-th request with `script[n]` (the last one for ever
/// after), counting requests.
async fn scripted_server(script: Vec<&'static str>) -> (String, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = l.accept().await else {
                return;
            };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let answer = script[n.min(script.len() - 1)];
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(answer.as_bytes()).await;
                let _ = s.shutdown().await;
            });
        }
    });
    (url, count)
}

const UNAVAILABLE: &str =
    "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
const BAD_REQUEST: &str = "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 37\r\nconnection: close\r\n\r\n{\"code\":\"bad_request\",\"message\":\"no\"}";
const EMPTY_LIST: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]";
const RECEIPT: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 46\r\nconnection: close\r\n\r\n{\"movement_ids\":[7],\"from_location\":\"TR-0001\"}";

fn quick_retries(url: &str) -> HttpBackend {
    HttpBackend::new(
        url,
        "ST-A",
        TOKEN,
        HttpBackendOptions {
            retry: RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
            },
            ..HttpBackendOptions::default()
        },
    )
    .unwrap()
}

#[tokio::test]
async fn only_reads_and_keyed_writes_are_retried_and_only_on_transient_failures() {
    // A GET answered 503 twice then 200 succeeds on the third attempt.
    let (url, count) = scripted_server(vec![UNAVAILABLE, UNAVAILABLE, EMPTY_LIST]).await;
    assert!(quick_retries(&url)
        .packaging_catalogue()
        .await
        .unwrap()
        .is_empty());
    assert_eq!(count.load(Ordering::SeqCst), 3);

    // Sign-in carries no key: one attempt only.
    let (url, count) = scripted_server(vec![UNAVAILABLE, EMPTY_LIST]).await;
    let r = quick_retries(&url)
        .sign_in(&SignInRequest::Badge {
            badge: "BADGE100000".into(),
        })
        .await;
    assert!(matches!(r, Err(BackendError::Unreachable(_))), "{r:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // A keyed write is retried until it gets through.
    let (url, count) = scripted_server(vec![UNAVAILABLE, UNAVAILABLE, RECEIPT]).await;
    let batch = MovementBatch {
        trolley: "TR-0001".into(),
        order_id: "SO-100001".into(),
        parcel_id: "P-1".into(),
        packer_id: "PK-0001".into(),
        movements: vec![MovementLine {
            line_no: 1,
            sku: "LUM-0001".into(),
            qty: 1,
        }],
    };
    let receipt = quick_retries(&url)
        .record_movements(&key("retry-1"), &batch)
        .await
        .unwrap();
    assert_eq!(receipt.movement_ids, [7]);
    assert_eq!(count.load(Ordering::SeqCst), 3);

    // ... but at most max_attempts times.
    let (url, count) = scripted_server(vec![UNAVAILABLE]).await;
    assert!(quick_retries(&url)
        .record_movements(&key("retry-2"), &batch)
        .await
        .is_err());
    assert_eq!(count.load(Ordering::SeqCst), 3);

    // A 400 is an answer, not a passing failure: never retried.
    let (url, count) = scripted_server(vec![BAD_REQUEST, EMPTY_LIST]).await;
    assert_eq!(
        refused(quick_retries(&url).packaging_catalogue().await),
        (400, "bad_request".into())
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // A keyless POST (the claim) answered 503 is tried once.
    let (url, count) = scripted_server(vec![UNAVAILABLE]).await;
    assert!(quick_retries(&url)
        .claim_trolley(&code("TR-0001"))
        .await
        .is_err());
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // Nothing listening: a keyed write tries max_attempts times, then says unreachable.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", l.local_addr().unwrap());
    drop(l);
    assert!(matches!(
        quick_retries(&dead)
            .heartbeat(&key("retry-3"), &heartbeat("ST-A"))
            .await,
        Err(BackendError::Unreachable(_))
    ));
}

/// One raw HTTP/1.1 answer, its content length counted.
fn raw_answer(status: &str, headers: &[&str], body: &str) -> &'static str {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    let text = format!(
        "{head}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    Box::leak(text.into_boxed_str())
}

/// What became of one queued movement write answered `answer` by a proxy in front of the
/// backend: the pass's report, the write's `last_error`, whether it is due again 29 s and 31 s
/// later, and how many requests the proxy saw.
async fn queued_write_answered(
    answer: &'static str,
) -> (
    packbench::services::outbox::DeliveryReport,
    String,
    bool,
    bool,
    usize,
) {
    use packbench::adapters::SqliteStationStore;
    use packbench::ports::{NewOutboxItem, Outbox, OutboxWrite};
    use packbench::services::outbox::deliver_due;

    let (url, count) = scripted_server(vec![answer]).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite");
    let store = SqliteStationStore::open(&path).await.unwrap();
    let write = NewOutboxItem {
        effect_key: "mv:proxy".into(),
        trolley: "TR-0001".into(),
        write: OutboxWrite::Movements(movement_batch()),
    };
    store.enqueue(&[write], 0).await.unwrap();
    let report = deliver_due(&quick_retries(&url), &store, 0).await.unwrap();
    let pool = packbench::adapters::sqlite_store::open_pool(&path, 1)
        .await
        .unwrap();
    let last_error: Option<String> = sqlx::query_scalar("SELECT last_error FROM outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    let due_at_29_s = !store.due(29_000, 10).await.unwrap().is_empty();
    let due_at_31_s = !store.due(31_000, 10).await.unwrap().is_empty();
    (
        report,
        last_error.unwrap_or_default(),
        due_at_29_s,
        due_at_31_s,
        count.load(Ordering::SeqCst),
    )
}

fn movement_batch() -> MovementBatch {
    MovementBatch {
        trolley: "TR-0001".into(),
        order_id: "SO-100001".into(),
        parcel_id: "P-1".into(),
        packer_id: "PK-0001".into(),
        movements: vec![MovementLine {
            line_no: 1,
            sku: "LUM-0001".into(),
            qty: 1,
        }],
    }
}

/// A proxy in front of the backend answers what proxies answer. An answer the same request
/// would get again (an HTML error or sign-in page, truncated JSON, a redirect) sets the write
/// aside for a supervisor with the status and the answer's first bytes, so it never blocks its
/// trolley's queue; a gateway error is retried; "come back in 30 s" (RFC 9110 §10.2.3,
/// `Retry-After`) is honoured, not hammered.
#[tokio::test]
async fn a_hostile_proxy_never_blocks_a_queue_for_ever() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let gateway = raw_answer("502 Bad Gateway", &["content-type: text/html"], html);
    let (r, _, _, due_later, seen) = queued_write_answered(gateway).await;
    assert_eq!(
        (r.delivered, r.retried, r.failed),
        (0, 1, 0),
        "a gateway error passes"
    );
    assert!(due_later);
    assert_eq!(seen, 3, "the transport's own retries");

    let set_aside: [(&str, &'static str, &[&str]); 4] = [
        (
            "an HTML 404",
            raw_answer(
                "404 Not Found",
                &["content-type: text/html"],
                "<html><body><h1>Not Found</h1></body></html>",
            ),
            &["HTTP 404", "content-type text/html", "Not Found"],
        ),
        (
            "truncated JSON",
            raw_answer(
                "200 OK",
                &["content-type: application/json"],
                "{\"movement_ids\":[7],\"from_lo",
            ),
            &["HTTP 200", "not the expected JSON", "movement_ids"],
        ),
        (
            "a sign-in page with 200",
            raw_answer(
                "200 OK",
                &["content-type: text/html; charset=utf-8"],
                "<!DOCTYPE html><html><body>Sign in to the corporate proxy</body></html>",
            ),
            &["HTTP 200", "text/html", "Sign in to the corporate proxy"],
        ),
        (
            "a redirect to a sign-in page",
            raw_answer(
                "302 Found",
                &["location: https://sso.example.com/login?next=/v1/movements"],
                "",
            ),
            &["HTTP 302", "redirect to https://sso.example.com/login"],
        ),
    ];
    for (what, answer, says) in set_aside {
        let (r, error, due_29, due_31, seen) = queued_write_answered(answer).await;
        assert_eq!(
            (r.delivered, r.retried, r.failed),
            (0, 0, 1),
            "{what}: set aside, not retried"
        );
        assert!(!due_29 && !due_31, "{what}: never due again by itself");
        assert_eq!(seen, 1, "{what}: asked once");
        for s in says {
            assert!(error.contains(s), "{what}: {s:?} missing from {error:?}");
        }
    }

    let busy = raw_answer(
        "503 Service Unavailable",
        &["retry-after: 30", "content-type: text/plain"],
        "maintenance",
    );
    let (r, error, due_29, due_31, seen) = queued_write_answered(busy).await;
    assert_eq!((r.delivered, r.retried, r.failed), (0, 1, 0));
    assert!(!due_29 && due_31, "due again after 30 s, not sooner");
    assert_eq!(
        seen, 1,
        "not asked again within the 30 s the backend asked for"
    );
    assert!(error.contains("30 s"), "{error}");
}

/// A chat webhook on loopback that refuses the first `refuse` posts (500) and keeps the texts of
/// those it accepts.
async fn flaky_webhook(
    refuse: usize,
) -> (
    String,
    std::sync::Arc<std::sync::Mutex<(usize, Vec<String>)>>,
) {
    use axum::routing::post;
    let seen = std::sync::Arc::new(std::sync::Mutex::new((0usize, Vec::<String>::new())));
    let sink = seen.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(move |axum::Json(v): axum::Json<serde_json::Value>| {
            let sink = sink.clone();
            async move {
                let mut s = sink.lock().unwrap();
                s.0 += 1;
                if s.0 <= refuse {
                    return axum::http::StatusCode::INTERNAL_SERVER_ERROR;
                }
                s.1.push(v["text"].as_str().unwrap_or_default().to_owned());
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), seen)
}

/// Waits (polling) until `cond` holds, for at most 30 s.
async fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !cond() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The backend's alert posts once `n` of them are recorded as delivered (the webhook's sink
/// answers before the backend records the delivery), for at most 30 s.
async fn delivered_posts(
    b: &packbench::training::RunningBackend,
    n: usize,
) -> Vec<(String, u32, bool)> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let posts = b.db.alert_posts().await.unwrap();
        if posts.iter().filter(|p| p.2).count() >= n {
            return posts;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{n} deliveries never recorded: {posts:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Alerts live in the backend: a station's heartbeat raises its own (by the station's rules),
/// every supervisor reads the same list with the same raise time, the webhook gets each raise
/// once although it failed twice first (retried with backoff), a lasting alert is not posted
/// again, one gone from the heartbeat clears, and a silent station is raised offline by the
/// backend and posted once. A station may not raise `station_offline` itself.
#[tokio::test]
async fn alerts_are_the_backends_one_list_and_each_is_posted_once_despite_failures() {
    let dir = tempfile::tempdir().unwrap();
    let (hook, seen) = flaky_webhook(2).await;
    let b = packbench::training::start(packbench::training::TrainingOptions {
        webhook_url: Some(hook),
        ..crate::support::options(dir.path())
    })
    .await
    .unwrap();
    let a = client(&b.url(), "ST-A");
    let mut h = heartbeat("ST-A");
    h.alerts = packbench::services::heartbeat::own_alerts(&h, &Default::default());
    assert_eq!(h.alerts.len(), 1, "{:?}", h.alerts);
    a.heartbeat(&key("al-1"), &h).await.unwrap();

    let (_, sv1) = session_of(&a, "supervisor").await;
    let (_, sv2) = session_of(&client(&b.url(), "ST-DESK"), "supervisor").await;
    let one = a.alerts(&sv1).await.unwrap();
    assert_eq!(one, a.alerts(&sv2).await.unwrap(), "every desk, one list");
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(
        (one[0].kind.as_str(), one[0].station_id.as_str()),
        ("printer_out_of_labels", "ST-A")
    );
    assert!(
        one[0].message.contains("out of labels"),
        "{}",
        one[0].message
    );
    let (_, packer) = session_of(&a, "packer").await;
    assert_eq!(refused(a.alerts(&packer).await).0, 403);

    // Refused twice, then delivered: one post, three attempts.
    eventually("the alert is delivered", || {
        seen.lock().unwrap().1.len() == 1
    })
    .await;
    let posts = delivered_posts(&b, 1).await;
    assert_eq!(posts.len(), 1);
    assert_eq!((posts[0].1, posts[0].2), (3, true), "{posts:?}");
    assert!(seen.lock().unwrap().1[0].starts_with("Packbench CRITICAL: ST-A"));

    // The condition lasts: same raise, no second post.
    a.heartbeat(&key("al-2"), &h).await.unwrap();
    let again = a.alerts(&sv1).await.unwrap();
    assert_eq!(again[0].raised_at_ms, one[0].raised_at_ms);
    // The roll loaded: the next heartbeat carries no alert, and it clears.
    let mut fixed = h.clone();
    fixed.devices[0].ready = true;
    fixed.devices[0].problems.clear();
    fixed.alerts = packbench::services::heartbeat::own_alerts(&fixed, &Default::default());
    assert!(fixed.alerts.is_empty());
    a.heartbeat(&key("al-3"), &fixed).await.unwrap();
    assert!(a.alerts(&sv1).await.unwrap().is_empty());

    // Its last heartbeat five minutes old: the backend raises it offline, and posts it once.
    {
        use sqlx::ConnectOptions;
        let mut db = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.path().join("training.sqlite"))
            .connect()
            .await
            .unwrap();
        sqlx::query("UPDATE heartbeats SET received_at_ms = received_at_ms - 300000")
            .execute(&mut db)
            .await
            .unwrap();
    }
    let offline = a.alerts(&sv1).await.unwrap();
    assert_eq!(offline.len(), 1, "{offline:?}");
    assert_eq!(offline[0].kind, "station_offline");
    assert!(
        offline[0].message.contains("5 min"),
        "{}",
        offline[0].message
    );
    assert_eq!(a.alerts(&sv2).await.unwrap(), offline, "raised once");
    eventually("the offline alert is delivered", || {
        seen.lock().unwrap().1.len() == 2
    })
    .await;
    assert!(seen.lock().unwrap().1[1].contains("ST-A is offline"));
    // Heard from again: cleared.
    a.heartbeat(&key("al-4"), &fixed).await.unwrap();
    assert!(a.alerts(&sv1).await.unwrap().is_empty());

    let mut forged = fixed.clone();
    forged.alerts = vec![packbench::contract::StationAlert {
        key: "station_offline/ST-B".into(),
        kind: "station_offline".into(),
        severity: packbench::contract::AlertSeverity::Critical,
        message: "ST-B is offline".into(),
    }];
    assert_eq!(refused(a.heartbeat(&key("al-5"), &forged).await).0, 422);
    let posts = delivered_posts(&b, 2).await;
    assert_eq!(
        posts.iter().filter(|p| p.2).count(),
        2,
        "each raise posted once: {posts:?}"
    );
}
