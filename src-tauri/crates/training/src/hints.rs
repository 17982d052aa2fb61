//! Training mode, the training backend's side: `GET /v1/training/hints` tells a station what a
//! trainee can scan — the demo crew's badges, the trolleys free to claim, and a trolley's unit
//! codes as the units would carry them (a GTIN, or a GS1 DataMatrix with lot, expiry and serial
//! where the SKU needs them). A real backend has no such endpoint, so stations on one show no
//! hints; [`start_without_training_mode`] serves the same backend without it, for that test.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use packbench_core::{gs1, Manifest, OrderLine};
use packbench_labels::symbol::{Symbology, GS, GS1_DATAMATRIX_AIM};
use serde::Deserialize;
use sqlx::Row;

use crate::routes::error::{err, ApiErr};
use crate::routes::extract::{ApiQuery, AppState, Station};
use crate::{RunningBackend, TrainingDb, TrainingError, TrainingOptions};
use packbench_contract::codes;
use packbench_contract::training::{
    CrewMember, LineCodes, SlotCodes, TrainingHints, TrolleyCodes, UnitCode, TRAINING_HINTS_PATH,
};

/// The code a trainee scans for unit `n` (from 1) of `line`: its GTIN-13 as printed, or, when
/// the SKU needs lot and expiry or a serial, a GS1 DataMatrix as a scanner sends it (`]d2`,
/// fixed-length fields first, GS after a variable-length field that is not last). Serials are
/// unique per order, line and unit; the lot is the SKU's; the expiry `expiry_yymmdd`.
pub fn unit_code(order_id: &str, line: &OrderLine, n: u32, expiry_yymmdd: &str) -> UnitCode {
    let code = line.item.barcodes.first().cloned().unwrap_or_default();
    let flags = line.item.flags;
    if !(flags.lot_expiry_required || flags.serial_required) {
        let symbology = if code.len() == 13 && gs1::is_valid_gtin(&code) {
            Symbology::Ean13
        } else {
            Symbology::Code128
        };
        return UnitCode {
            scan: code,
            symbology,
        };
    }
    let gtin = gs1::gtin14(&code).unwrap_or(code);
    let mut fields = format!("01{gtin}");
    if flags.lot_expiry_required {
        fields.push_str(&format!("17{expiry_yymmdd}10LOT-{}", line.item.sku));
        if flags.serial_required {
            fields.push(GS);
        }
    }
    if flags.serial_required {
        let serial: String = format!("{}L{}U{n}", order_id.replace('-', ""), line.line_no)
            .chars()
            .take(20)
            .collect();
        fields.push_str(&format!("21{serial}"));
    }
    UnitCode {
        scan: format!("{GS1_DATAMATRIX_AIM}{fields}"),
        symbology: Symbology::Gs1DataMatrix,
    }
}

/// Every unit code of the trolley, slot by slot, line by line.
pub fn trolley_codes(manifest: &Manifest, expiry_yymmdd: &str) -> TrolleyCodes {
    TrolleyCodes {
        trolley: manifest.trolley.to_string(),
        slots: manifest
            .slots
            .iter()
            .map(|s| SlotCodes {
                slot: s.slot,
                location: s.location.clone(),
                order_id: s.order.order_id.clone(),
                lines: s
                    .order
                    .lines
                    .iter()
                    .map(|l| LineCodes {
                        line_no: l.line_no,
                        sku: l.item.sku.clone(),
                        name: l.item.name.clone(),
                        units: (1..=l.qty)
                            .map(|n| unit_code(&s.order.order_id, l, n, expiry_yymmdd))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The expiry printed on training units: the 31 December two years after `now_ms`'s year,
/// so a unit is never out of date during practice.
pub fn training_expiry(now_ms: i64) -> String {
    let (year, _, _) = packbench_core::calendar::civil_from_days(now_ms.div_euclid(86_400_000));
    format!("{:02}1231", (year + 2).rem_euclid(100))
}

impl TrainingDb {
    /// The crew: packers first, then supervisors, each with their badge.
    pub async fn crew(&self) -> Result<Vec<CrewMember>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT packer_id, name, role, language, badge FROM packers
             ORDER BY role = 'supervisor', packer_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| CrewMember {
                packer_id: r.get(0),
                name: r.get(1),
                role: crate::db::role_of(&r.get::<String, _>(2)),
                language: r.get(3),
                badge: r.get(4),
            })
            .collect())
    }

    /// Trolleys `station` may claim now: captured ones, and any it holds itself.
    pub async fn claimable_trolleys(&self, station: &str) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT trolley FROM trolleys WHERE status = 'captured' OR claimed_by = ?
             ORDER BY trolley",
        )
        .bind(station)
        .fetch_all(&self.pool)
        .await
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct HintsQuery {
    trolley: Option<String>,
}

pub(crate) async fn hints(
    State(st): State<Arc<AppState>>,
    Station(station): Station,
    ApiQuery(q): ApiQuery<HintsQuery>,
) -> Result<Json<TrainingHints>, ApiErr> {
    let crew = st.db.crew().await?;
    let free_trolleys = st.db.claimable_trolleys(&station).await?;
    let trolley = match q.trolley {
        Some(raw) => {
            let code = raw.parse().map_err(|e: packbench_core::TrolleyCodeError| {
                err(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, e.to_string())
            })?;
            let manifest = st.db.manifest(&code).await?;
            Some(trolley_codes(
                &manifest,
                &training_expiry(packbench_sqlite::now_ms()),
            ))
        }
        None => None,
    };
    Ok(Json(TrainingHints {
        crew,
        free_trolleys,
        trolley,
    }))
}

/// The training backend as a real warehouse backend looks to a station: everything but
/// training mode (`/v1/training/hints` answers 404 like any unknown path).
pub async fn start_without_training_mode(
    opts: TrainingOptions,
) -> Result<RunningBackend, TrainingError> {
    crate::serve(opts, |app| {
        Router::new()
            .route(
                TRAINING_HINTS_PATH,
                get(|| async { err(StatusCode::NOT_FOUND, codes::NOT_FOUND, "no such endpoint") }),
            )
            .fallback_service(app)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use packbench_core::{SkuFlags, SkuInfo};

    fn line(flags: SkuFlags, qty: u32) -> OrderLine {
        OrderLine {
            line_no: 2,
            qty,
            item: SkuInfo {
                sku: "LUM-0007".into(),
                name: "Serum".into(),
                barcodes: vec!["4006381333931".into()],
                dims_mm: [30, 30, 100],
                weight_g: 100,
                flags,
                image: None,
            },
        }
    }

    #[test]
    fn unit_codes_parse_as_the_station_parses_scans() {
        let plain = unit_code("SO-1", &line(SkuFlags::default(), 1), 1, "281231");
        assert_eq!(plain.scan, "4006381333931");
        assert_eq!(plain.symbology, Symbology::Ean13);
        for (lot, serial) in [(true, false), (false, true), (true, true)] {
            let flags = SkuFlags {
                lot_expiry_required: lot,
                serial_required: serial,
                ..SkuFlags::default()
            };
            let codes: Vec<UnitCode> = (1..=3)
                .map(|n| unit_code("SO-100042", &line(flags, 3), n, "281231"))
                .collect();
            for c in &codes {
                assert_eq!(c.symbology, Symbology::Gs1DataMatrix);
                let d = gs1::parse_element_string(&c.scan).unwrap_or_else(|e| panic!("{c:?}: {e}"));
                assert_eq!(d.gtin.as_deref(), Some("04006381333931"));
                assert_eq!(d.lot.is_some(), lot, "{c:?}");
                assert_eq!(d.expiry.is_some(), lot, "{c:?}");
                assert_eq!(d.serial.is_some(), serial, "{c:?}");
                packbench_labels::symbol::encode(c.symbology, &c.scan).unwrap();
            }
            let distinct: std::collections::BTreeSet<&str> =
                codes.iter().map(|c| c.scan.as_str()).collect();
            assert_eq!(distinct.len(), if serial { 3 } else { 1 });
        }
    }

    #[test]
    fn training_units_expire_two_years_on() {
        // 2026-12-02 and 2024-02-29 (UTC).
        assert_eq!(training_expiry(1_796_256_000_000), "281231");
        assert_eq!(training_expiry(1_709_164_800_000), "261231");
    }
}
