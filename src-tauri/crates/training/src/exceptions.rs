//! Recording exceptions (units of a line, or whole orders, that cannot ship) and packers'
//! overrides in the training backend: validated against the trolley, idempotent per key.

use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use super::movements::{
    check_holder, check_line_units, check_text, normal_trolley, slot_of, WriteError,
};
use packbench_contract::{
    ExceptionReceipt, LineException, LineExceptionEntry, LineExceptionReason, OpenExceptions,
    OrderException, OrderExceptionEntry, OverrideEntry, OverrideKind, OverrideReceipt,
    OverrideRecord, WeightDecision,
};
use packbench_sqlite::now_ms;

fn enum_code(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The slot must be the order's and the location the slot's.
async fn check_slot(
    conn: &mut SqliteConnection,
    trolley: &str,
    order: &str,
    slot: u8,
    from_location: Option<&str>,
) -> Result<(), WriteError> {
    let (held, location) = slot_of(conn, trolley, order).await?;
    if held != i64::from(slot) {
        return Err(WriteError::SlotMismatch {
            trolley: trolley.to_owned(),
            order: order.to_owned(),
            held,
            asked: u32::from(slot),
        });
    }
    if let Some(from) = from_location {
        if from != location {
            return Err(WriteError::LocationMismatch {
                given: from.to_owned(),
                location,
            });
        }
    }
    Ok(())
}

impl TrainingDb {
    pub async fn record_line_exception(
        &self,
        station: &str,
        key: &str,
        e: &LineException,
    ) -> Result<ExceptionReceipt, WriteError> {
        let trolley = normal_trolley(&e.trolley)?;
        for (what, v) in [
            ("order_id", &e.order_id),
            ("sku", &e.sku),
            ("from_location", &e.from_location),
            ("packer_id", &e.packer_id),
        ] {
            check_text(what, v, 64)?;
        }
        for (what, v) in [
            ("to_location", &e.to_location),
            ("found_barcode", &e.found_barcode),
        ] {
            if let Some(v) = v {
                check_text(what, v, 64)?;
            }
        }
        if e.units == 0 || e.units > 10_000 || e.slot == 0 || e.slot > 99 || e.line_no == 0 {
            return Err(WriteError::Invalid(
                "units must be 1-10000, slot 1-99, line_no at least 1".into(),
            ));
        }
        // Short units are missing: they went nowhere. Others went to the given place, or to the
        // station's exception location.
        let to_location = match e.reason {
            LineExceptionReason::Short => None,
            LineExceptionReason::Damaged | LineExceptionReason::WrongItem => Some(
                e.to_location
                    .clone()
                    .unwrap_or_else(|| format!("EXC-{station}")),
            ),
        };
        self.idempotent(
            station,
            key,
            "exceptions",
            e,
            async |conn: &mut SqliteConnection| {
                check_holder(conn, &trolley, station).await?;
                check_slot(conn, &trolley, &e.order_id, e.slot, Some(&e.from_location)).await?;
                check_line_units(conn, &e.order_id, e.line_no, &e.sku, e.units).await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO line_exceptions (trolley, slot, order_id, line_no, sku, units, reason,
                       from_location, to_location, found_barcode, station, packer_id, recorded_at_ms)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING exception_id",
                )
                .bind(&trolley)
                .bind(e.slot)
                .bind(&e.order_id)
                .bind(e.line_no)
                .bind(&e.sku)
                .bind(e.units)
                .bind(enum_code(&e.reason))
                .bind(&e.from_location)
                .bind(&to_location)
                .bind(&e.found_barcode)
                .bind(station)
                .bind(&e.packer_id)
                .bind(now_ms())
                .fetch_one(&mut *conn)
                .await?;
                Ok(ExceptionReceipt { exception_id: id })
            },
        )
        .await
    }

    pub async fn record_order_exception(
        &self,
        station: &str,
        key: &str,
        e: &OrderException,
    ) -> Result<ExceptionReceipt, WriteError> {
        let trolley = normal_trolley(&e.trolley)?;
        for (what, v) in [
            ("order_id", &e.order_id),
            ("to_location", &e.to_location),
            ("packer_id", &e.packer_id),
        ] {
            check_text(what, v, 64)?;
        }
        if e.slot == 0 || e.slot > 99 {
            return Err(WriteError::Invalid("slot must be 1-99".into()));
        }
        self.idempotent(
            station,
            key,
            "order-exceptions",
            e,
            async |conn: &mut SqliteConnection| {
                check_holder(conn, &trolley, station).await?;
                check_slot(conn, &trolley, &e.order_id, e.slot, None).await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO order_exceptions (trolley, slot, order_id, reason, to_location, station,
                       packer_id, recorded_at_ms)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING exception_id",
                )
                .bind(&trolley)
                .bind(e.slot)
                .bind(&e.order_id)
                .bind(enum_code(&e.reason))
                .bind(&e.to_location)
                .bind(station)
                .bind(&e.packer_id)
                .bind(now_ms())
                .fetch_one(&mut *conn)
                .await?;
                Ok(ExceptionReceipt { exception_id: id })
            },
        )
        .await
    }

    /// Units of an order line in exception (tests, supervisor reads).
    pub async fn excepted_units(&self, order_id: &str, line_no: u32) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COALESCE(SUM(units), 0) FROM line_exceptions WHERE order_id = ? AND line_no = ?",
        )
        .bind(order_id)
        .bind(line_no)
        .fetch_one(&self.pool)
        .await
    }

    pub async fn open_exceptions(&self) -> Result<OpenExceptions, sqlx::Error> {
        let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
        let lines = sqlx::query(
            "SELECT exception_id, station, recorded_at_ms, trolley, slot, order_id, line_no, sku, units,
                    reason, from_location, to_location, found_barcode, packer_id
             FROM line_exceptions WHERE status = 'open' ORDER BY exception_id",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok(LineExceptionEntry {
                exception_id: r.get(0),
                station: r.get(1),
                recorded_at_ms: r.get(2),
                exception: LineException {
                    trolley: r.get(3),
                    slot: r.get::<i64, _>(4) as u8,
                    order_id: r.get(5),
                    line_no: r.get::<i64, _>(6) as u32,
                    sku: r.get(7),
                    units: r.get::<i64, _>(8) as u32,
                    reason: serde_json::from_value(serde_json::Value::String(r.get(9)))
                        .map_err(decode)?,
                    from_location: r.get(10),
                    to_location: r.get(11),
                    found_barcode: r.get(12),
                    packer_id: r.get(13),
                },
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let orders = sqlx::query(
            "SELECT exception_id, station, recorded_at_ms, trolley, slot, order_id, reason, to_location,
                    packer_id
             FROM order_exceptions WHERE status = 'open' ORDER BY exception_id",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok(OrderExceptionEntry {
                exception_id: r.get(0),
                station: r.get(1),
                recorded_at_ms: r.get(2),
                exception: OrderException {
                    trolley: r.get(3),
                    slot: r.get::<i64, _>(4) as u8,
                    order_id: r.get(5),
                    reason: serde_json::from_value(serde_json::Value::String(r.get(6)))
                        .map_err(decode)?,
                    to_location: r.get(7),
                    packer_id: r.get(8),
                },
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(OpenExceptions { lines, orders })
    }

    pub async fn record_override(
        &self,
        station: &str,
        key: &str,
        o: &OverrideRecord,
    ) -> Result<OverrideReceipt, WriteError> {
        let (order_id, packer_id) = match o {
            OverrideRecord::Packaging {
                order_id,
                parcel_no,
                suggested_id,
                chosen_id,
                reason,
                packer_id,
            } => {
                check_text("suggested_id", suggested_id, 64)?;
                check_text("chosen_id", chosen_id, 64)?;
                check_text("reason", reason, 200)?;
                if !(1..=99).contains(parcel_no) {
                    return Err(WriteError::Invalid("parcel_no must be 1-99".into()));
                }
                (order_id, packer_id)
            }
            OverrideRecord::Weight {
                order_id,
                parcel_no,
                measured_g,
                expected_g,
                decision,
                packer_id,
            } => {
                if !(1..=99).contains(parcel_no)
                    || !(1..=100_000).contains(measured_g)
                    || !(1..=100_000).contains(expected_g)
                {
                    return Err(WriteError::Invalid(
                        "parcel_no must be 1-99, weights 1-100000 g".into(),
                    ));
                }
                if let WeightDecision::Overridden {
                    supervisor_id,
                    reason,
                } = decision
                {
                    check_text("supervisor_id", supervisor_id, 64)?;
                    check_text("reason", reason, 200)?;
                }
                (order_id, packer_id)
            }
        };
        check_text("order_id", order_id, 64)?;
        check_text("packer_id", packer_id, 64)?;
        self.idempotent(
            station,
            key,
            "overrides",
            o,
            async |conn: &mut SqliteConnection| {
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT 1 FROM orders WHERE order_id = ?")
                        .bind(order_id)
                        .fetch_optional(&mut *conn)
                        .await?;
                if known.is_none() {
                    return Err(WriteError::OrderUnknown(order_id.clone()));
                }
                match o {
                    OverrideRecord::Packaging {
                        suggested_id,
                        chosen_id,
                        ..
                    } => {
                        for id in [suggested_id, chosen_id] {
                            let p: Option<i64> =
                                sqlx::query_scalar("SELECT 1 FROM packaging WHERE id = ?")
                                    .bind(id)
                                    .fetch_optional(&mut *conn)
                                    .await?;
                            if p.is_none() {
                                return Err(WriteError::PackagingUnknown(id.clone()));
                            }
                        }
                    }
                    OverrideRecord::Weight {
                        decision: WeightDecision::Overridden { supervisor_id: s, .. },
                        ..
                    } => {
                        let role: Option<String> =
                            sqlx::query_scalar("SELECT role FROM packers WHERE packer_id = ?")
                                .bind(s)
                                .fetch_optional(&mut *conn)
                                .await?;
                        if role.as_deref() != Some("supervisor") {
                            return Err(WriteError::SupervisorUnknown(s.clone()));
                        }
                    }
                    OverrideRecord::Weight { .. } => {}
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO overrides (kind, order_id, packer_id, station, record_json, recorded_at_ms)
                     VALUES (?, ?, ?, ?, ?, ?) RETURNING override_id",
                )
                .bind(o.kind().as_str())
                .bind(order_id)
                .bind(packer_id)
                .bind(station)
                .bind(serde_json::to_string(o).map_err(|e| WriteError::Invalid(e.to_string()))?)
                .bind(now_ms())
                .fetch_one(&mut *conn)
                .await?;
                Ok(OverrideReceipt { override_id: id })
            },
        )
        .await
    }

    pub async fn overrides(
        &self,
        kind: Option<OverrideKind>,
    ) -> Result<Vec<OverrideEntry>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT override_id, station, recorded_at_ms, record_json FROM overrides
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY override_id",
        )
        .bind(kind.map(OverrideKind::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(OverrideEntry {
                    override_id: r.get(0),
                    station: r.get(1),
                    recorded_at_ms: r.get(2),
                    record: serde_json::from_str(&r.get::<String, _>(3))
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                })
            })
            .collect()
    }
}
