//! The drill's audit: what the backend recorded for each trolley, read through its API as a
//! supervisor, against what the trolleys' manifests asked for.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context;
use packbench_core::TrolleyCode;

use super::report::DrillReport;
use crate::adapters::HttpBackend;
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
