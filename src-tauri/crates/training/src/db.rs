//! The training backend's SQLite store: migrations, the demo seed, manifests, atomic claims.

use std::collections::HashMap;
use std::path::Path;

use packbench_core::{Manifest, Order, OrderLine, SkuFlags, SkuInfo, Slot, TrolleyCode};
use sha2::{Digest, Sha256};
use sqlx::{Row, SqlitePool};

use super::demo_data::{self, DemoWarehouse};
use super::TrainingError;
use packbench_contract::{CatalogueEntry, Packer, Role, SignInRequest};
use packbench_core::carton::Packaging;
use packbench_sqlite::now_ms;
use packbench_sqlite::open_pool;

#[derive(Clone)]
pub struct TrainingDb {
    pub(super) pool: SqlitePool,
    /// One writer at a time, queued in the process: SQLite allows one writer anyway, and
    /// writers left to SQLite's busy handler sleep in steps of up to 100 ms under load.
    pub(super) writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error("trolley {0} is unknown")]
    Unknown(String),
    #[error("trolley {trolley} is claimed by {holder}")]
    ClaimedBy { trolley: String, holder: String },
    #[error("trolley {0} is already packed")]
    Packed(String),
    #[error("trolley {0} is not claimed by this station")]
    NotHolder(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The label crate's address as the manifest carries it.
fn ship_to_of(a: packbench_labels::Address) -> packbench_core::ShipTo {
    packbench_core::ShipTo {
        name: a.name,
        company: a.company,
        street_lines: a.street_lines,
        postal_code: a.postal_code,
        city: a.city,
        country_code: a.country_code,
        phone: a.phone,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn pin_hash(salt: &str, pin: &str) -> String {
    hex(&Sha256::digest(format!("{salt}:{pin}")))
}

impl TrainingDb {
    /// Opens the database, migrating it and seeding the demo warehouse if it is new.
    pub async fn open(path: &Path) -> Result<Self, TrainingError> {
        Self::open_sized(path, demo_data::TROLLEYS).await
    }

    /// As `open`, seeding `trolleys` captured trolleys into a new database (benchmarks).
    pub async fn open_sized(path: &Path, trolleys_wanted: usize) -> Result<Self, TrainingError> {
        let db_err = |source| TrainingError::Db {
            path: path.to_owned(),
            source,
        };
        let pool = open_pool(path, 8).await.map_err(db_err)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|source| TrainingError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        let db = TrainingDb {
            pool,
            writer: Default::default(),
        };
        let trolleys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM trolleys")
            .fetch_one(&db.pool)
            .await
            .map_err(db_err)?;
        let packaging: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM packaging")
            .fetch_one(&db.pool)
            .await
            .map_err(db_err)?;
        if packaging == 0 {
            db.seed_packaging(&demo_data::packaging_catalogue())
                .await
                .map_err(db_err)?;
        }
        let packers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM packers")
            .fetch_one(&db.pool)
            .await
            .map_err(db_err)?;
        if trolleys == 0 || packers == 0 {
            let demo = demo_data::generate_sized(demo_data::DEFAULT_SEED, trolleys_wanted);
            if trolleys == 0 {
                db.seed(&demo).await.map_err(db_err)?;
            }
            if packers == 0 {
                db.seed_packers(&demo).await.map_err(db_err)?;
            }
        }
        Ok(db)
    }

    async fn seed_packaging(&self, catalogue: &[CatalogueEntry]) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        for e in catalogue {
            let p = &e.spec;
            let kind = serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            sqlx::query(
                "INSERT INTO packaging (id, name, barcode, kind, length_mm, width_mm, height_mm, tare_g, max_gross_g,
                   cost, stocked, allowed_clients, forbidden_clients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&p.id)
            .bind(&e.name)
            .bind(&e.barcode)
            .bind(kind)
            .bind(p.inner_mm[0])
            .bind(p.inner_mm[1])
            .bind(p.inner_mm[2])
            .bind(p.tare_g)
            .bind(p.max_gross_g)
            .bind(p.cost)
            .bind(p.stocked)
            .bind(serde_json::to_string(&p.allowed_clients).unwrap_or_default())
            .bind(serde_json::to_string(&p.forbidden_clients).unwrap_or_default())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The packaging catalogue, cheapest first.
    pub async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, name, barcode, kind, length_mm, width_mm, height_mm, tare_g, max_gross_g, cost,
                    stocked, allowed_clients, forbidden_clients
             FROM packaging ORDER BY cost, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
                Ok(CatalogueEntry {
                    name: r.get(1),
                    barcode: r.get(2),
                    spec: Packaging {
                        id: r.get(0),
                        kind: serde_json::from_value(serde_json::Value::String(r.get(3)))
                            .map_err(decode)?,
                        inner_mm: [
                            r.get::<i64, _>(4) as u32,
                            r.get::<i64, _>(5) as u32,
                            r.get::<i64, _>(6) as u32,
                        ],
                        tare_g: r.get::<i64, _>(7) as u32,
                        max_gross_g: r.get::<i64, _>(8) as u32,
                        cost: r.get(9),
                        stocked: r.get(10),
                        allowed_clients: serde_json::from_str(&r.get::<String, _>(11))
                            .map_err(decode)?,
                        forbidden_clients: serde_json::from_str(&r.get::<String, _>(12))
                            .map_err(decode)?,
                    },
                })
            })
            .collect()
    }

    async fn seed_packers(&self, w: &DemoWarehouse) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        for p in &w.packers {
            let salt = hex(&Sha256::digest(format!(
                "packbench-training/{}",
                p.packer_id
            )))[..16]
                .to_owned();
            sqlx::query(
                "INSERT INTO packers (packer_id, name, role, language, badge, pin_salt, pin_sha256)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&p.packer_id)
            .bind(&p.name)
            .bind(p.role)
            .bind(p.language)
            .bind(&p.badge)
            .bind(&salt)
            .bind(pin_hash(&salt, &p.pin))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The packer with this badge, or with this id and PIN; `None` when nothing matches (the
    /// caller does not learn which part was wrong).
    pub async fn sign_in(&self, req: &SignInRequest) -> Result<Option<Packer>, sqlx::Error> {
        let row = match req {
            SignInRequest::Badge { badge } => {
                sqlx::query("SELECT packer_id, name, role, language FROM packers WHERE badge = ?")
                    .bind(badge.trim())
                    .fetch_optional(&self.pool)
                    .await?
            }
            SignInRequest::Pin { packer_id, pin } => {
                let row = sqlx::query(
                    "SELECT packer_id, name, role, language, pin_salt, pin_sha256 FROM packers WHERE packer_id = ?",
                )
                .bind(packer_id.trim())
                .fetch_optional(&self.pool)
                .await?;
                row.filter(|r| pin_hash(&r.get::<String, _>(4), pin) == r.get::<String, _>(5))
            }
        };
        Ok(row.map(|r| Packer {
            packer_id: r.get(0),
            name: r.get(1),
            role: role_of(&r.get::<String, _>(2)),
            language: r.get(3),
        }))
    }

    async fn seed(&self, w: &DemoWarehouse) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        for c in &w.clients {
            sqlx::query("INSERT INTO clients (client_id, name, vertical) VALUES (?, ?, ?)")
                .bind(&c.client_id)
                .bind(&c.name)
                .bind(&c.vertical)
                .execute(&mut *tx)
                .await?;
        }
        for s in &w.skus {
            sqlx::query(
                "INSERT INTO skus (sku, client_id, name, length_mm, width_mm, height_mm, weight_g,
                   fragile, liquid, keep_upright, dangerous_goods, lot_expiry_required, serial_required)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&s.sku)
            .bind(&s.client_id)
            .bind(&s.name)
            .bind(s.dims_mm[0])
            .bind(s.dims_mm[1])
            .bind(s.dims_mm[2])
            .bind(s.weight_g)
            .bind(s.flags.fragile)
            .bind(s.flags.liquid)
            .bind(s.flags.keep_upright)
            .bind(s.flags.dangerous_goods)
            .bind(s.flags.lot_expiry_required)
            .bind(s.flags.serial_required)
            .execute(&mut *tx)
            .await?;
            for (rank, b) in s.barcodes.iter().enumerate() {
                sqlx::query("INSERT INTO sku_barcodes (barcode, sku, rank) VALUES (?, ?, ?)")
                    .bind(b)
                    .bind(&s.sku)
                    .bind(rank as i64)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for t in &w.trolleys {
            sqlx::query("INSERT INTO trolleys (trolley) VALUES (?)")
                .bind(&t.trolley)
                .execute(&mut *tx)
                .await?;
            for (i, o) in t.orders.iter().enumerate() {
                sqlx::query("INSERT INTO orders (order_id, client_id, carrier, service, ship_to_json, gift_message, lang) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(&o.order_id)
                    .bind(&o.client_id)
                    .bind(&o.carrier)
                    .bind(&o.service)
                    .bind(serde_json::to_string(&o.ship_to).unwrap_or_default())
                    .bind(&o.gift_message)
                    .bind(&o.lang)
                    .execute(&mut *tx)
                    .await?;
                for (n, (sku, qty)) in o.lines.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO order_lines (order_id, line_no, sku, qty) VALUES (?, ?, ?, ?)",
                    )
                    .bind(&o.order_id)
                    .bind(n as i64 + 1)
                    .bind(sku)
                    .bind(qty)
                    .execute(&mut *tx)
                    .await?;
                }
                let slot = i + 1;
                sqlx::query("INSERT INTO trolley_slots (trolley, slot, location, order_id) VALUES (?, ?, ?, ?)")
                    .bind(&t.trolley)
                    .bind(slot as i64)
                    .bind(format!("{}-{slot:02}", t.trolley))
                    .bind(&o.order_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await
    }

    /// Claims `trolley` for `station` in one statement, so two stations can never both win.
    /// A station re-claiming a trolley it holds gets the manifest again.
    pub async fn claim(
        &self,
        trolley: &TrolleyCode,
        station: &str,
    ) -> Result<Manifest, ClaimError> {
        let lane = self.writer.lock().await;
        let done = sqlx::query(
            "UPDATE trolleys SET status = 'packing', claimed_by = ?1, claimed_at_ms = ?2
             WHERE trolley = ?3 AND status != 'packed' AND (claimed_by IS NULL OR claimed_by = ?1)",
        )
        .bind(station)
        .bind(now_ms())
        .bind(trolley.as_str())
        .execute(&self.pool)
        .await?;
        drop(lane);
        if done.rows_affected() == 0 {
            return Err(self.why_not_claimable(trolley).await?);
        }
        self.manifest(trolley).await
    }

    async fn why_not_claimable(&self, trolley: &TrolleyCode) -> Result<ClaimError, sqlx::Error> {
        let row = sqlx::query("SELECT status, claimed_by FROM trolleys WHERE trolley = ?")
            .bind(trolley.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            None => ClaimError::Unknown(trolley.to_string()),
            Some(r) if r.get::<String, _>(0) == "packed" => ClaimError::Packed(trolley.to_string()),
            Some(r) => ClaimError::ClaimedBy {
                trolley: trolley.to_string(),
                holder: r.get::<Option<String>, _>(1).unwrap_or_default(),
            },
        })
    }

    /// Gives a claimed trolley back; only its holder may.
    pub async fn release(&self, trolley: &TrolleyCode, station: &str) -> Result<(), ClaimError> {
        let done = sqlx::query(
            "UPDATE trolleys SET status = 'captured', claimed_by = NULL, claimed_at_ms = NULL
             WHERE trolley = ? AND claimed_by = ?",
        )
        .bind(trolley.as_str())
        .bind(station)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.why_not_claimable(trolley).await? {
            ClaimError::Unknown(t) => Err(ClaimError::Unknown(t)),
            _ => Err(ClaimError::NotHolder(trolley.to_string())),
        }
    }

    /// The trolley's manifest as it stands (claimed or not).
    pub async fn manifest(&self, trolley: &TrolleyCode) -> Result<Manifest, ClaimError> {
        let head = sqlx::query("SELECT claimed_by FROM trolleys WHERE trolley = ?")
            .bind(trolley.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| ClaimError::Unknown(trolley.to_string()))?;
        let claimed_by: Option<String> = head.get(0);

        let lines = sqlx::query(
            "SELECT ts.slot, ts.location, o.order_id, c.name, o.carrier, o.service,
                    l.line_no, l.qty, s.sku, s.name, s.length_mm, s.width_mm, s.height_mm, s.weight_g,
                    s.fragile, s.liquid, s.keep_upright, s.dangerous_goods, s.lot_expiry_required,
                    s.serial_required, o.ship_to_json, o.gift_message, o.lang
             FROM trolley_slots ts
             JOIN orders o ON o.order_id = ts.order_id
             JOIN clients c ON c.client_id = o.client_id
             JOIN order_lines l ON l.order_id = o.order_id
             JOIN skus s ON s.sku = l.sku
             WHERE ts.trolley = ?
             ORDER BY ts.slot, l.line_no",
        )
        .bind(trolley.as_str())
        .fetch_all(&self.pool)
        .await?;

        let barcodes = sqlx::query(
            "SELECT b.sku, b.barcode FROM sku_barcodes b
             WHERE b.sku IN (SELECT l.sku FROM trolley_slots ts JOIN order_lines l ON l.order_id = ts.order_id
                             WHERE ts.trolley = ?)
             ORDER BY b.sku, b.rank",
        )
        .bind(trolley.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut by_sku: HashMap<String, Vec<String>> = HashMap::new();
        for r in barcodes {
            by_sku.entry(r.get(0)).or_default().push(r.get(1));
        }

        let mut slots: Vec<Slot> = Vec::new();
        for r in lines {
            let slot_no: i64 = r.get(0);
            let sku: String = r.get(8);
            let image = packbench_contract::sku_image_path(&sku);
            let line = OrderLine {
                line_no: r.get::<i64, _>(6) as u32,
                qty: r.get::<i64, _>(7) as u32,
                item: SkuInfo {
                    barcodes: by_sku.get(&sku).cloned().unwrap_or_default(),
                    sku,
                    name: r.get(9),
                    dims_mm: [
                        r.get::<i64, _>(10) as u32,
                        r.get::<i64, _>(11) as u32,
                        r.get::<i64, _>(12) as u32,
                    ],
                    weight_g: r.get::<i64, _>(13) as u32,
                    flags: SkuFlags {
                        fragile: r.get(14),
                        liquid: r.get(15),
                        keep_upright: r.get(16),
                        dangerous_goods: r.get(17),
                        lot_expiry_required: r.get(18),
                        serial_required: r.get(19),
                    },
                    image: Some(image),
                },
            };
            match slots.last_mut() {
                Some(s) if i64::from(s.slot) == slot_no => s.order.lines.push(line),
                _ => slots.push(Slot {
                    slot: slot_no as u8,
                    location: r.get(1),
                    order: Order {
                        order_id: r.get(2),
                        client: r.get(3),
                        carrier: r.get(4),
                        service: r.get(5),
                        lines: vec![line],
                        // Orders seeded before addresses existed get their demo address.
                        ship_to: Some(ship_to_of(
                            r.get::<Option<String>, _>(20)
                                .and_then(|j| serde_json::from_str(&j).ok())
                                .unwrap_or_else(|| demo_data::ship_to(&r.get::<String, _>(2))),
                        )),
                        gift_message: r.get(21),
                        lang: r.get(22),
                    },
                }),
            }
        }
        Ok(Manifest {
            trolley: trolley.clone(),
            claimed_by: claimed_by.unwrap_or_default(),
            slots,
        })
    }

    /// A SKU's name and dimensions (for its picture).
    pub async fn sku_facts(&self, sku: &str) -> Result<Option<(String, [u32; 3])>, sqlx::Error> {
        let row =
            sqlx::query("SELECT name, length_mm, width_mm, height_mm FROM skus WHERE sku = ?")
                .bind(sku)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| {
            (
                r.get(0),
                [
                    r.get::<i64, _>(1) as u32,
                    r.get::<i64, _>(2) as u32,
                    r.get::<i64, _>(3) as u32,
                ],
            )
        }))
    }

    /// Every trolley code, in order (demo listings, tests).
    pub async fn trolley_codes(&self) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT trolley FROM trolleys ORDER BY trolley")
            .fetch_all(&self.pool)
            .await
    }
}

/// A packer's role as the `packers` table keeps it (`supervisor`, else a packer).
pub(crate) fn role_of(stored: &str) -> Role {
    if stored == "supervisor" {
        Role::Supervisor
    } else {
        Role::Packer
    }
}
