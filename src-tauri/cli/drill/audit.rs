//! The drill's audit: what the backend recorded for each trolley, read through its API as a
//! supervisor. [`verify`] checks any packer's work unit by unit against the manifests (every
//! unit dispatched or in exception once); [`audit_kinds`] checks every kind of write against
//! the drill packer's own plan (`plan`), and the labels in the spool against the shipments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Context;
use packbench_core::pack_flow::ExceptionReason;
use packbench_core::{Manifest, TrolleyCode};
use serde::Serialize;

use super::plan::{plan_order, Boxes};
use super::report::DrillReport;
use crate::adapters::HttpBackend;
use crate::contract::{LineExceptionReason, OverrideRecord, ShipmentStatus};
use crate::ports::{BackendApi, SupervisorApi};
use crate::training::demo_data;

/// Counts, through the backend's API (a supervisor's reads), what each order line of the
/// trolleys got: units expected, recorded (dispatched or in exception), lost and doubled.
pub async fn verify(
    url: &str,
    token: &str,
    trolleys: &[String],
    report: &mut DrillReport,
) -> anyhow::Result<()> {
    let api = HttpBackend::new(url, "ST-AUDIT", token, Default::default())?;
    let audit = Audit::sign_in(&api).await?;
    for t in trolleys {
        let code = t
            .parse::<TrolleyCode>()
            .map_err(|e| anyhow::anyhow!("{t}: {e}"))?;
        let manifest = api.trolley_manifest(&code).await?;
        let mut want: BTreeMap<(String, u32), u64> = BTreeMap::new();
        for s in &manifest.slots {
            for l in &s.order.lines {
                want.insert((s.order.order_id.clone(), l.line_no), u64::from(l.qty));
            }
        }
        report.expected_units += want.values().sum::<u64>();
        let got = audit.recorded(&api, t).await?;
        report.dispatched_units += got.dispatched;
        report.exception_units += got.excepted;
        report.duplicates += got.duplicate_records;
        for (k, qty) in &want {
            let have = got.per_line.get(k).copied().unwrap_or(0);
            report.recorded_units += have.min(*qty);
            report.lost += qty.saturating_sub(have);
            report.duplicates += have.saturating_sub(*qty);
        }
        for k in got.per_line.keys() {
            if !want.contains_key(k) {
                report.duplicates += got.per_line[k];
            }
        }
    }
    Ok(())
}

/// What the backend recorded for one trolley, per order line.
#[derive(Debug, Default)]
struct Recorded {
    per_line: BTreeMap<(String, u32), u64>,
    dispatched: u64,
    excepted: u64,
    duplicate_records: u64,
}

/// The drill's reader of the backend's records: a supervisor's session and reads.
struct Audit {
    session: String,
}

impl Audit {
    async fn sign_in(api: &HttpBackend) -> anyhow::Result<Self> {
        let w = demo_data::generate(demo_data::DEFAULT_SEED);
        let sup = w
            .packers
            .iter()
            .find(|p| p.role == "supervisor")
            .context("the demo warehouse has supervisors")?;
        let signed = api
            .sign_in(&crate::contract::SignInRequest::Pin {
                packer_id: sup.packer_id.clone(),
                pin: sup.pin.clone(),
            })
            .await?;
        Ok(Audit {
            session: signed.session_token,
        })
    }

    async fn recorded(&self, api: &HttpBackend, trolley: &str) -> anyhow::Result<Recorded> {
        let code: TrolleyCode = trolley
            .parse()
            .map_err(|e| anyhow::anyhow!("{trolley}: {e}"))?;
        let mut r = Recorded::default();
        let mut seen = BTreeSet::new();
        for m in api.movements_of_trolley(&self.session, &code).await? {
            if !seen.insert((m.order_id.clone(), m.line_no, m.parcel_id.clone())) {
                r.duplicate_records += 1;
            }
            *r.per_line.entry((m.order_id, m.line_no)).or_default() += u64::from(m.qty);
            r.dispatched += u64::from(m.qty);
        }
        for e in api.open_exceptions(&self.session).await?.lines {
            let e = e.exception;
            if e.trolley != trolley {
                continue;
            }
            *r.per_line.entry((e.order_id, e.line_no)).or_default() += u64::from(e.units);
            r.excepted += u64::from(e.units);
        }
        Ok(r)
    }
}

/// One kind of write: what the packer's plan expects, what was recorded of it, what is missing
/// and what is there too often (or was never asked for: a unit in the wrong parcel is lost
/// from its parcel and a duplicate in the other).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindAudit {
    pub expected: u64,
    pub recorded: u64,
    pub lost: u64,
    pub duplicates: u64,
}

impl KindAudit {
    /// Compares counts per key: expected against recorded.
    pub fn compare<K: Ord>(want: &BTreeMap<K, u64>, got: &BTreeMap<K, u64>) -> Self {
        let mut a = KindAudit {
            expected: want.values().sum(),
            ..KindAudit::default()
        };
        for (k, &w) in want {
            let have = got.get(k).copied().unwrap_or(0);
            a.recorded += have.min(w);
            a.lost += w.saturating_sub(have);
            a.duplicates += have.saturating_sub(w);
        }
        for (k, &have) in got {
            if !want.contains_key(k) {
                a.duplicates += have;
            }
        }
        a
    }

    pub fn clean(&self) -> bool {
        self.lost == 0 && self.duplicates == 0
    }
}

/// What the label printer got: the label documents in the station's spool (what came out of
/// the printer, not what the station believes), and the orders whose first label job the
/// station marked `uncertain` (cut by a kill mid-send: the packer is told to check).
#[derive(Debug, Default)]
pub struct LabelEvidence {
    pub documents: Vec<(String, String)>,
    pub uncertain_orders: BTreeSet<String>,
    /// Spool files a kill cut before the document's end: nothing a printer prints (a Zebra
    /// prints a label format when its `^XZ` arrives, ZPL II Programming Guide, `^XZ`; a PDF
    /// without its `%%EOF` trailer is not a document). Their jobs are `uncertain`.
    pub cut_documents: Vec<String>,
}

/// Whether a spool file holds a whole document (see `LabelEvidence::cut_documents`).
fn is_whole_document(name: &str, body: &[u8]) -> bool {
    let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    if name.ends_with(".zpl") {
        has(b"^XZ")
    } else if name.ends_with(".pdf") {
        has(b"%%EOF")
    } else {
        true
    }
}

impl LabelEvidence {
    /// Reads the spool directory and the station's `uncertain` marks.
    pub async fn read(spool: &Path, station_db: &Path) -> anyhow::Result<Self> {
        let mut documents = Vec::new();
        let mut cut_documents = Vec::new();
        if let Ok(dir) = std::fs::read_dir(spool) {
            for e in dir {
                let e = e?;
                let name = e.file_name().to_string_lossy().into_owned();
                // Packing slips are not labels.
                if name.contains("_slip") {
                    continue;
                }
                let bytes = std::fs::read(e.path())?;
                if !is_whole_document(&name, &bytes) {
                    cut_documents.push(name);
                    continue;
                }
                documents.push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
        let mut uncertain_orders = BTreeSet::new();
        if station_db.exists() {
            let pool = crate::adapters::sqlite_store::open_pool(station_db, 1).await?;
            let rows: Vec<String> = sqlx::query_scalar(
                "SELECT order_id FROM print_jobs
                 WHERE status = 'uncertain' AND copy = 0 AND shipment_key NOT LIKE '%#slip'",
            )
            .fetch_all(&pool)
            .await?;
            pool.close().await;
            uncertain_orders.extend(rows);
        }
        Ok(LabelEvidence {
            documents,
            uncertain_orders,
            cut_documents,
        })
    }

    /// How many label documents carry this tracking number.
    fn copies_of(&self, tracking: &str) -> u64 {
        let field = format!("^FD{tracking}^FS");
        self.documents
            .iter()
            .filter(|(_, body)| body.contains(&field))
            .count() as u64
    }
}

type Counts<K> = BTreeMap<K, u64>;

/// Every kind of write of `trolleys`, as the backend holds them and the spool printed them,
/// against the drill packer's plan for each order (computed here from the manifests, never
/// read from the station). `station` is the drill station's id.
pub async fn audit_kinds(
    url: &str,
    token: &str,
    station: &str,
    trolleys: &[String],
    labels: &LabelEvidence,
) -> anyhow::Result<BTreeMap<&'static str, KindAudit>> {
    let api = HttpBackend::new(url, "ST-AUDIT", token, Default::default())?;
    let audit = Audit::sign_in(&api).await?;
    let boxes = Boxes::demo();
    let mut manifests: Vec<Manifest> = Vec::new();
    for t in trolleys {
        let code = t
            .parse::<TrolleyCode>()
            .map_err(|e| anyhow::anyhow!("{t}: {e}"))?;
        manifests.push(api.trolley_manifest(&code).await?);
    }
    let orders: BTreeSet<String> = manifests
        .iter()
        .flat_map(|m| m.slots.iter().map(|s| s.order.order_id.clone()))
        .collect();

    // What the packer's plan asks of the backend.
    let mut want_mv: Counts<(String, u32, u32)> = Counts::new();
    let mut want_lx: Counts<(String, u32, String)> = Counts::new();
    let mut want_ox: Counts<String> = Counts::new();
    let mut want_po: Counts<(String, u32, String, String)> = Counts::new();
    let mut want_wo: Counts<(String, u32)> = Counts::new();
    let mut want_sh: Counts<(String, usize)> = Counts::new();
    let want_void: Counts<String> = Counts::new();
    let mut want_rel: Counts<String> = Counts::new();
    let mut want_lb: Counts<(String, u32)> = Counts::new();
    for m in &manifests {
        want_rel.insert(m.trolley.to_string(), 1);
        for s in &m.slots {
            let plan = plan_order(&s.order, &boxes);
            let o = &plan.order_id;
            for e in &plan.exceptions {
                let reason = match e.reason {
                    ExceptionReason::Short => LineExceptionReason::Short,
                    _ => LineExceptionReason::Damaged,
                };
                *want_lx
                    .entry((o.clone(), e.line_no, format!("{reason:?}")))
                    .or_default() += u64::from(e.units);
            }
            if plan.nothing_ships() {
                want_ox.insert(o.clone(), 1);
                continue;
            }
            want_sh.insert((o.clone(), plan.parcels.len()), 1);
            for p in &plan.parcels {
                for (&line_no, &units) in &p.units {
                    want_mv.insert((o.clone(), p.parcel_no, line_no), u64::from(units));
                }
                if let Some(suggested) = &p.overrides_suggestion {
                    want_po.insert(
                        (
                            o.clone(),
                            p.parcel_no,
                            suggested.clone(),
                            p.packaging_id.clone(),
                        ),
                        1,
                    );
                }
                if p.weight_override {
                    want_wo.insert((o.clone(), p.parcel_no), 1);
                }
                want_lb.insert((o.clone(), p.parcel_no), 1);
            }
        }
    }

    // What the backend holds, through a supervisor's reads.
    let mut got_mv: Counts<(String, u32, u32)> = Counts::new();
    let mut got_rel: Counts<String> = Counts::new();
    for m in &manifests {
        for mv in api.movements_of_trolley(&audit.session, &m.trolley).await? {
            let parcel_no = mv
                .parcel_id
                .strip_prefix(&format!("{}-P", mv.order_id))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            *got_mv
                .entry((mv.order_id, parcel_no, mv.line_no))
                .or_default() += u64::from(mv.qty);
        }
        for r in api.releases_of_trolley(&audit.session, &m.trolley).await? {
            let key = if r.holder == station && r.forced_by.is_none() && r.packed {
                r.trolley
            } else {
                format!(
                    "{} (held by {}, forced by {:?}, packed {})",
                    r.trolley, r.holder, r.forced_by, r.packed
                )
            };
            *got_rel.entry(key).or_default() += 1;
        }
    }
    let trolley_names: BTreeSet<String> = manifests.iter().map(|m| m.trolley.to_string()).collect();
    let open = api.open_exceptions(&audit.session).await?;
    let mut got_lx: Counts<(String, u32, String)> = Counts::new();
    for e in open.lines {
        let e = e.exception;
        if trolley_names.contains(&e.trolley) {
            *got_lx
                .entry((e.order_id, e.line_no, format!("{:?}", e.reason)))
                .or_default() += u64::from(e.units);
        }
    }
    let mut got_ox: Counts<String> = Counts::new();
    for e in open.orders {
        if trolley_names.contains(&e.exception.trolley) {
            *got_ox.entry(e.exception.order_id).or_default() += 1;
        }
    }
    let mut got_po: Counts<(String, u32, String, String)> = Counts::new();
    let mut got_wo: Counts<(String, u32)> = Counts::new();
    for o in api.overrides(&audit.session, None).await? {
        match o.record {
            OverrideRecord::Packaging {
                order_id,
                parcel_no,
                suggested_id,
                chosen_id,
                ..
            } if orders.contains(&order_id) => {
                *got_po
                    .entry((order_id, parcel_no, suggested_id, chosen_id))
                    .or_default() += 1;
            }
            OverrideRecord::Weight {
                order_id,
                parcel_no,
                ..
            } if orders.contains(&order_id) => {
                *got_wo.entry((order_id, parcel_no)).or_default() += 1;
            }
            _ => {}
        }
    }
    let mut got_sh: Counts<(String, usize)> = Counts::new();
    let mut got_void: Counts<String> = Counts::new();
    let mut got_lb: Counts<(String, u32)> = Counts::new();
    let mut live_tracking = BTreeSet::new();
    for o in &orders {
        for sh in api.shipments_for_order(o).await? {
            match sh.status {
                ShipmentStatus::Voided => *got_void.entry(o.clone()).or_default() += 1,
                ShipmentStatus::Active => {
                    *got_sh.entry((o.clone(), sh.parcels.len())).or_default() += 1;
                    for p in &sh.parcels {
                        live_tracking.insert(p.tracking_number.clone());
                        let copies = match labels.copies_of(&p.tracking_number) {
                            0 if labels.uncertain_orders.contains(o) => 1,
                            n => n,
                        };
                        if copies > 0 {
                            *got_lb.entry((o.clone(), p.parcel_no)).or_default() += copies;
                        }
                    }
                }
            }
        }
    }
    // A label of no live shipment (a voided one, another order's) printed all the same.
    for (name, body) in &labels.documents {
        if !live_tracking
            .iter()
            .any(|t| body.contains(&format!("^FD{t}^FS")))
        {
            *got_lb
                .entry((format!("unknown label {name}"), 0))
                .or_default() += 1;
        }
    }

    Ok(BTreeMap::from([
        ("movements", KindAudit::compare(&want_mv, &got_mv)),
        ("line_exceptions", KindAudit::compare(&want_lx, &got_lx)),
        ("order_exceptions", KindAudit::compare(&want_ox, &got_ox)),
        ("packaging_overrides", KindAudit::compare(&want_po, &got_po)),
        ("weight_overrides", KindAudit::compare(&want_wo, &got_wo)),
        ("shipments", KindAudit::compare(&want_sh, &got_sh)),
        (
            "voided_shipments",
            KindAudit::compare(&want_void, &got_void),
        ),
        ("releases", KindAudit::compare(&want_rel, &got_rel)),
        ("labels", KindAudit::compare(&want_lb, &got_lb)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_counts_missing_doubled_and_unasked_records() {
        let want: Counts<&str> = [("a", 2), ("b", 1), ("c", 1)].into();
        let got: Counts<&str> = [("a", 3), ("c", 1), ("x", 1)].into();
        assert_eq!(
            KindAudit::compare(&want, &got),
            KindAudit {
                expected: 4,
                recorded: 3,
                lost: 1,
                duplicates: 2
            }
        );
        assert!(KindAudit::compare(&want, &want).clean());
        assert!(!KindAudit::compare(&want, &Counts::new()).clean());
    }

    /// Seen in a drill under load: a kill between the spool file's creation and its write left
    /// an empty label file, its job rightly `uncertain`; the audit counted the empty file as a
    /// label of no live shipment (one duplicate). A file without its format's end is no label.
    #[tokio::test]
    async fn a_spool_file_cut_before_its_end_is_no_printed_label() {
        let dir = tempfile::tempdir().unwrap();
        let whole = "^XA^FO50,50^FDROY9123452080^FS^XZ";
        std::fs::write(dir.path().join("sh_a_p1c0.zpl"), whole).unwrap();
        std::fs::write(dir.path().join("sh_b_p1c0.zpl"), "").unwrap();
        std::fs::write(dir.path().join("sh_c_p1c0.zpl"), &whole[..20]).unwrap();
        std::fs::write(dir.path().join("sh_d_p1c0.pdf"), "%PDF-1.7\n1 0 obj").unwrap();
        std::fs::write(dir.path().join("sh_a_slip.pdf"), "%PDF-1.7").unwrap();
        let ev = LabelEvidence::read(dir.path(), &dir.path().join("no-station.sqlite"))
            .await
            .unwrap();
        let names: Vec<&str> = ev.documents.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sh_a_p1c0.zpl"]);
        let mut cut = ev.cut_documents.clone();
        cut.sort();
        assert_eq!(cut, ["sh_b_p1c0.zpl", "sh_c_p1c0.zpl", "sh_d_p1c0.pdf"]);
        assert_eq!(ev.copies_of("ROY9123452080"), 1);
    }
}
