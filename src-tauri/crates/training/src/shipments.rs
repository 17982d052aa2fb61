//! The training carrier: shipments for orders of claimed trolleys, with deterministic tracking
//! numbers and SSCCs and real label documents rendered by `packbench-labels`; voiding.

use std::collections::{BTreeMap, BTreeSet};

use packbench_labels::{Address, Dpi, Format, LabelData, ParcelOf, Sscc};
use sha2::{Digest, Sha256};
use sqlx::{Row, SqliteConnection};

use super::db::TrainingDb;
use super::demo_data;
use super::movements::{check_holder, check_text, normal_trolley, slot_of, WriteError};
use packbench_contract::{
    LabelDocument, LabelFormat, NewShipment, Shipment, ShipmentStatus, ShippedParcel,
};
use packbench_sqlite::now_ms;

/// The training carrier's GS1 company prefix for SSCCs.
const SSCC_COMPANY_PREFIX: &str = "5901234";

/// Standard base64 with padding (label documents travel in JSON).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A carrier's tracking number for a parcel: the carrier's initials and ten digits, the same for
/// the same shipment and parcel.
pub fn tracking_number(carrier: &str, shipment_id: &str, parcel_no: u32) -> String {
    let prefix: String = carrier
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    let h = Sha256::digest(format!("{carrier}/{shipment_id}/{parcel_no}"));
    let n = u64::from_be_bytes(h[..8].try_into().expect("8 bytes")) % 10_000_000_000;
    format!("{}{n:010}", if prefix.is_empty() { "PKB" } else { &prefix })
}

fn validate(s: &NewShipment) -> Result<String, WriteError> {
    let trolley = normal_trolley(&s.trolley)?;
    check_text("order_id", &s.order_id, 64)?;
    check_text("carrier", &s.carrier, 40)?;
    check_text("service", &s.service, 40)?;
    let bad = |m: String| Err(WriteError::Invalid(m));
    if s.parcels.is_empty() || s.parcels.len() > 20 {
        return bad("a shipment has 1-20 parcels".into());
    }
    for p in &s.parcels {
        check_text("packaging_id", &p.packaging_id, 64)?;
        if !(1..=70_000).contains(&p.weight_g) {
            return bad(format!("parcel {}: weight_g must be 1-70000", p.parcel_no));
        }
        if [p.length_mm, p.width_mm, p.height_mm]
            .iter()
            .any(|d| !(1..=3000).contains(d))
        {
            return bad(format!(
                "parcel {}: dimensions must be 1-3000 mm",
                p.parcel_no
            ));
        }
        if p.contents.is_empty() || p.contents.len() > 100 {
            return bad(format!("parcel {}: 1-100 content lines", p.parcel_no));
        }
        for c in &p.contents {
            check_text("sku", &c.sku, 64)?;
            if !(1..=10_000).contains(&c.qty) {
                return bad(format!("parcel {}: qty must be 1-10000", p.parcel_no));
            }
        }
    }
    Ok(trolley)
}

/// The routing code printed large for the hub: country, postal area and a sort lane.
fn routing_code(to: &Address) -> String {
    let area: String = to
        .postal_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(2)
        .collect();
    let lane = Sha256::digest(&to.city)[0] % 40;
    format!(
        "{}-{} {lane:02}",
        to.country_code,
        area.to_ascii_uppercase()
    )
}

impl TrainingDb {
    pub async fn create_shipment(
        &self,
        station: &str,
        key: &str,
        s: &NewShipment,
    ) -> Result<Shipment, WriteError> {
        let trolley = validate(s)?;
        self.idempotent(
            station,
            key,
            "shipments",
            s,
            async |conn: &mut SqliteConnection| {
                check_holder(conn, &trolley, station).await?;
                slot_of(conn, &trolley, &s.order_id).await?;
                check_contents(conn, s).await?;
                let active: Option<String> = sqlx::query_scalar(
                    "SELECT shipment_id FROM shipments WHERE order_id = ? AND status = 'active'",
                )
                .bind(&s.order_id)
                .fetch_optional(&mut *conn)
                .await?;
                if let Some(shipment_id) = active {
                    return Err(WriteError::ShipmentExists {
                        order: s.order_id.clone(),
                        shipment_id,
                    });
                }
                let seq: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(MAX(shipment_seq), 0) + 1 FROM shipments",
                )
                .fetch_one(&mut *conn)
                .await?;
                let shipment = make_shipment(conn, s, seq).await?;
                sqlx::query(
                    "INSERT INTO shipments (shipment_seq, shipment_id, order_id, trolley, station, status,
                       parcels, shipment_json, created_at_ms) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                )
                .bind(seq)
                .bind(&shipment.shipment_id)
                .bind(&s.order_id)
                .bind(&trolley)
                .bind(station)
                .bind(s.parcels.len() as i64)
                .bind(serde_json::to_string(&shipment).map_err(|e| WriteError::Invalid(e.to_string()))?)
                .bind(now_ms())
                .execute(&mut *conn)
                .await?;
                Ok(shipment)
            },
        )
        .await
    }

    /// Voids a shipment (voiding a voided one answers the same); its order may ship again.
    pub async fn void_shipment(
        &self,
        station: &str,
        key: &str,
        shipment_id: &str,
    ) -> Result<Shipment, WriteError> {
        self.idempotent(
            station,
            key,
            "shipments/void",
            &shipment_id,
            async |conn: &mut SqliteConnection| {
                sqlx::query(
                    "UPDATE shipments SET status = 'voided', voided_at_ms = ? WHERE shipment_id = ? AND status = 'active'",
                )
                .bind(now_ms())
                .bind(shipment_id)
                .execute(&mut *conn)
                .await?;
                let row = sqlx::query("SELECT shipment_json, status FROM shipments WHERE shipment_id = ?")
                    .bind(shipment_id)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| WriteError::ShipmentUnknown(shipment_id.to_owned()))?;
                shipment_from_row(row.get(0), row.get(1)).map_err(WriteError::Db)
            },
        )
        .await
    }

    /// An order's shipments, oldest first, voided ones included.
    pub async fn shipments_for_order(&self, order_id: &str) -> Result<Vec<Shipment>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT shipment_json, status FROM shipments WHERE order_id = ? ORDER BY shipment_seq",
        )
        .bind(order_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| shipment_from_row(r.get(0), r.get(1)))
            .collect()
    }
}

fn shipment_from_row(json: String, status: String) -> Result<Shipment, sqlx::Error> {
    let mut s: Shipment =
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    s.status = if status == "voided" {
        ShipmentStatus::Voided
    } else {
        ShipmentStatus::Active
    };
    Ok(s)
}

/// Every content line is a line of the order with its SKU, never more units in parcels than
/// ordered; every packaging id is in the catalogue.
async fn check_contents(conn: &mut SqliteConnection, s: &NewShipment) -> Result<(), WriteError> {
    let numbers: BTreeSet<u32> = s.parcels.iter().map(|p| p.parcel_no).collect();
    if numbers.len() != s.parcels.len()
        || numbers
            .iter()
            .any(|&n| n == 0 || n as usize > s.parcels.len())
    {
        return Err(WriteError::Invalid(
            "parcel_no must number the parcels 1..n, each once".into(),
        ));
    }
    let mut per_line: BTreeMap<u32, (String, u64)> = BTreeMap::new();
    for p in &s.parcels {
        let known: Option<i64> = sqlx::query_scalar("SELECT 1 FROM packaging WHERE id = ?")
            .bind(&p.packaging_id)
            .fetch_optional(&mut *conn)
            .await?;
        if known.is_none() {
            return Err(WriteError::PackagingUnknown(p.packaging_id.clone()));
        }
        for c in &p.contents {
            let e = per_line
                .entry(c.line_no)
                .or_insert_with(|| (c.sku.clone(), 0));
            if e.0 != c.sku {
                return Err(WriteError::Invalid(format!(
                    "line {} is named with two SKUs",
                    c.line_no
                )));
            }
            e.1 += u64::from(c.qty);
        }
    }
    for (line_no, (sku, asked)) in per_line {
        let row =
            sqlx::query("SELECT sku, qty FROM order_lines WHERE order_id = ? AND line_no = ?")
                .bind(&s.order_id)
                .bind(line_no)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| WriteError::LineUnknown {
                    order: s.order_id.clone(),
                    line: line_no,
                })?;
        let (expected, ordered): (String, i64) = (row.get(0), row.get(1));
        if expected != sku {
            return Err(WriteError::SkuMismatch {
                order: s.order_id.clone(),
                line: line_no,
                expected,
                got: sku,
            });
        }
        if asked > ordered as u64 {
            return Err(WriteError::ExceedsOrder {
                order: s.order_id.clone(),
                line: line_no,
                ordered,
                asked,
            });
        }
    }
    Ok(())
}

async fn make_shipment(
    conn: &mut SqliteConnection,
    s: &NewShipment,
    seq: i64,
) -> Result<Shipment, WriteError> {
    let row = sqlx::query(
        "SELECT c.name, o.ship_to_json FROM orders o JOIN clients c ON c.client_id = o.client_id
         WHERE o.order_id = ?",
    )
    .bind(&s.order_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| WriteError::OrderUnknown(s.order_id.clone()))?;
    let client: String = row.get(0);
    let recipient = match row.get::<Option<String>, _>(1) {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| WriteError::Invalid(e.to_string()))?
        }
        // Orders seeded before addresses existed get their demo address now.
        None => demo_data::ship_to(&s.order_id),
    };
    let shipment_id = format!("SH-{seq:06}");
    let count = s.parcels.len() as u16;
    let mut parcels_sorted: Vec<_> = s.parcels.iter().collect();
    parcels_sorted.sort_by_key(|p| p.parcel_no);
    let (format, dpi) = match s.label_format {
        LabelFormat::Zpl203 => (Format::Zpl, Dpi::D203),
        LabelFormat::Zpl300 => (Format::Zpl, Dpi::D300),
        LabelFormat::Pdf => (Format::Pdf, Dpi::D203),
    };
    let mut parcels = Vec::new();
    let mut labels = Vec::new();
    let mut label_data = Vec::new();
    for p in parcels_sorted {
        let tracking = tracking_number(&s.carrier, &shipment_id, p.parcel_no);
        let sscc = Sscc::new(
            3,
            SSCC_COMPANY_PREFIX,
            seq as u64 * 100 + u64::from(p.parcel_no),
        )
        .map_err(|e| WriteError::Label(e.to_string()))?;
        let data = LabelData {
            sender: demo_data::sender(&client),
            recipient: recipient.clone(),
            carrier: s.carrier.clone(),
            service: s.service.clone(),
            routing_code: routing_code(&recipient),
            tracking_number: tracking.clone(),
            weight_g: p.weight_g,
            order_ref: s.order_id.clone(),
            parcel: (count > 1).then_some(ParcelOf {
                index: p.parcel_no as u16,
                count,
            }),
            qr_content: None,
            sscc: sscc.clone(),
        };
        let doc = packbench_labels::render(&data, format, dpi)
            .map_err(|e| WriteError::Label(e.to_string()))?;
        parcels.push(ShippedParcel {
            parcel_no: p.parcel_no,
            tracking_number: tracking,
            sscc: sscc.to_string(),
        });
        labels.push(LabelDocument {
            parcel_no: p.parcel_no,
            format: s.label_format,
            content_base64: base64(&doc),
        });
        label_data.push(data);
    }
    Ok(Shipment {
        shipment_id,
        order_id: s.order_id.clone(),
        carrier: s.carrier.clone(),
        service: s.service.clone(),
        status: ShipmentStatus::Active,
        parcels,
        labels,
        label_data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), enc);
        }
    }

    #[test]
    fn tracking_numbers_are_deterministic_and_printable() {
        let a = tracking_number("Royal Mail", "SH-000001", 1);
        assert_eq!(a, tracking_number("Royal Mail", "SH-000001", 1));
        assert_ne!(a, tracking_number("Royal Mail", "SH-000001", 2));
        assert!(a.starts_with("ROY") && a.len() == 13, "{a}");
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
