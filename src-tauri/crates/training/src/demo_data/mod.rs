//! A deterministic demo warehouse that looks like a real 3PL: five client brands in different
//! verticals, their SKUs (plausible sizes and weights, valid GTIN-13s, handling flags), orders,
//! and captured trolleys of 8 to 24 slots. The same seed always gives the same warehouse, so
//! tests, trainees and demos see identical data.

use packbench_core::gs1;
use packbench_core::SkuFlags;

use packbench_labels::Address;

mod addresses;
mod clients;
mod packaging;
mod rng;

pub use addresses::{gift_message, sender, ship_to};
pub use packaging::packaging_catalogue;
pub use rng::Rng;

use clients::{CLIENTS, EDITIONS};

pub const DEFAULT_SEED: u64 = 0x5eed_0042;
pub const TROLLEYS: usize = 60;
pub const SKUS_PER_CLIENT: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoClient {
    pub client_id: String,
    pub name: String,
    pub vertical: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSku {
    pub sku: String,
    pub client_id: String,
    pub name: String,
    pub dims_mm: [u32; 3],
    pub weight_g: u32,
    pub flags: SkuFlags,
    pub barcodes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrder {
    pub order_id: String,
    pub client_id: String,
    pub carrier: String,
    pub service: String,
    /// (sku, qty), in line order.
    pub lines: Vec<(String, u32)>,
    pub ship_to: Address,
    pub gift_message: Option<String>,
    /// The customer's language, from the address's country (`pl`, `ro`, `en`, `de`): some
    /// the station speaks, `de` it does not (its slips print in the station's language).
    pub lang: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTrolley {
    pub trolley: String,
    /// Slot n+1 holds `orders[n]`.
    pub orders: Vec<DemoOrder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPacker {
    pub packer_id: String,
    pub name: String,
    /// `packer` or `supervisor`.
    pub role: &'static str,
    /// The packer's screen language: `en`, `pl`, `ro`, `uk`, `bg` or `lt`.
    pub language: &'static str,
    /// What the badge's barcode holds.
    pub badge: String,
    /// Four digits, kept in clear only in the demo data (the database stores a salted hash).
    pub pin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoWarehouse {
    pub clients: Vec<DemoClient>,
    pub skus: Vec<DemoSku>,
    pub trolleys: Vec<DemoTrolley>,
    pub packers: Vec<DemoPacker>,
}

/// The demo staff: (name, language, role).
const STAFF: &[(&str, &str, &str)] = &[
    ("Anna Kowalska", "pl", "packer"),
    ("Piotr Nowak", "pl", "packer"),
    ("Magdalena Wiśniewska", "pl", "packer"),
    ("Tomasz Wójcik", "pl", "packer"),
    ("Ioana Popescu", "ro", "packer"),
    ("Andrei Ionescu", "ro", "packer"),
    ("Elena Dumitru", "ro", "packer"),
    ("Mihai Stan", "ro", "packer"),
    ("Sarah Collins", "en", "packer"),
    ("James Patel", "en", "packer"),
    ("Grace Okafor", "en", "packer"),
    ("Daniel Murphy", "en", "packer"),
    ("Olena Kovalenko", "uk", "packer"),
    ("Georgi Petrov", "bg", "packer"),
    ("Rūta Kazlauskienė", "lt", "packer"),
    ("Katarzyna Zielińska", "pl", "supervisor"),
    ("Ștefan Georgescu", "ro", "supervisor"),
    ("Helen Walsh", "en", "supervisor"),
];

const CARRIERS: &[(&str, &str)] = &[
    ("DPD", "Classic"),
    ("DHL", "Paket"),
    ("UPS", "Standard"),
    ("InPost", "Kurier"),
    ("Royal Mail", "Tracked 48"),
];

/// Builds the demo warehouse for `seed`.
pub fn generate(seed: u64) -> DemoWarehouse {
    generate_sized(seed, TROLLEYS)
}

/// Builds the demo warehouse for `seed` with `trolleys` captured trolleys (benchmarks want
/// more than the 60 of the demo). The first 60 trolleys are the same either way; the staff,
/// drawn after them, are not.
pub fn generate_sized(seed: u64, trolleys_wanted: usize) -> DemoWarehouse {
    let mut rng = Rng::new(seed);
    let clients: Vec<DemoClient> = CLIENTS
        .iter()
        .map(|c| DemoClient {
            client_id: c.id.into(),
            name: c.name.into(),
            vertical: c.vertical.into(),
        })
        .collect();

    let mut skus = Vec::new();
    for c in CLIENTS {
        for i in 0..SKUS_PER_CLIENT {
            let fam = &c.families[i % c.families.len()];
            let variant = fam.variants[(i / c.families.len()) % fam.variants.len()];
            // Beyond the families' variants, editions keep names unique.
            let round = i / (c.families.len() * fam.variants.len());
            let name = if round == 0 {
                format!("{} {}", fam.noun, variant)
            } else {
                format!(
                    "{} {} ({})",
                    fam.noun,
                    variant,
                    EDITIONS[(round - 1) % EDITIONS.len()]
                )
            };
            let mut dims = [0u32; 3];
            for (d, (lo, hi)) in dims.iter_mut().zip(fam.dims) {
                *d = rng.range(lo, hi);
            }
            let gtin = gs1::gtin13(&format!("{}{:06}", c.prefix, i + 1)).expect("12 digits");
            let mut barcodes = vec![gtin];
            if rng.chance(20) {
                barcodes.push(format!("{}-{:05}", c.id, i + 1));
            }
            skus.push(DemoSku {
                sku: format!("{}-{:04}", c.id, i + 1),
                client_id: c.id.into(),
                name,
                dims_mm: dims,
                weight_g: rng.range(fam.weight_g.0, fam.weight_g.1),
                flags: fam.flags,
                barcodes,
            });
        }
    }

    let mut trolleys = Vec::new();
    let mut order_no = 100_001u32;
    for t in 0..trolleys_wanted {
        // Capture groups similar orders: a trolley serves one client, sometimes two.
        let main = rng.range(0, CLIENTS.len() as u32 - 1) as usize;
        let other = rng.range(0, CLIENTS.len() as u32 - 1) as usize;
        let slots = rng.range(8, 24);
        let mut orders = Vec::new();
        for _ in 0..slots {
            let ci = if rng.chance(80) { main } else { other };
            let client_skus: Vec<&DemoSku> = skus
                .iter()
                .filter(|s| s.client_id == CLIENTS[ci].id)
                .collect();
            let n_lines = *rng.pick(&[1, 1, 1, 2, 2, 3, 4]);
            let mut lines: Vec<(String, u32)> = Vec::new();
            while lines.len() < n_lines {
                let s = rng.pick(&client_skus);
                if lines.iter().all(|(k, _)| k != &s.sku) {
                    lines.push((s.sku.clone(), *rng.pick(&[1, 1, 1, 1, 2, 2, 3])));
                }
            }
            let (carrier, service) = *rng.pick(CARRIERS);
            let ship_to = ship_to(&format!("SO-{order_no}"));
            let lang = match ship_to.country_code.as_str() {
                "PL" => Some("pl"),
                "RO" => Some("ro"),
                "GB" => Some("en"),
                "DE" => Some("de"),
                _ => None,
            };
            orders.push(DemoOrder {
                order_id: format!("SO-{order_no}"),
                client_id: CLIENTS[ci].id.into(),
                carrier: carrier.into(),
                service: service.into(),
                ship_to,
                gift_message: gift_message(&format!("SO-{order_no}")),
                lang: lang.map(str::to_owned),
                lines,
            });
            order_no += 1;
        }
        trolleys.push(DemoTrolley {
            trolley: format!("TR-{:04}", t + 1),
            orders,
        });
    }
    let packers = STAFF
        .iter()
        .enumerate()
        .map(|(i, &(name, language, role))| DemoPacker {
            packer_id: format!(
                "{}-{:04}",
                if role == "supervisor" { "SV" } else { "PK" },
                i + 1
            ),
            name: name.into(),
            role,
            language,
            badge: format!("BADGE{:06}", 100_000 + rng.range(0, 899_999)),
            pin: format!("{:04}", rng.range(0, 9999)),
        })
        .collect();
    DemoWarehouse {
        clients,
        skus,
        trolleys,
        packers,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_warehouse() {
        assert_eq!(generate(DEFAULT_SEED), generate(DEFAULT_SEED));
        assert_ne!(generate(DEFAULT_SEED).trolleys, generate(7).trolleys);
    }

    #[test]
    fn the_demo_warehouse_looks_like_a_3pl() {
        let w = generate(DEFAULT_SEED);
        assert_eq!(w.clients.len(), 5);
        let verticals: BTreeSet<_> = w.clients.iter().map(|c| c.vertical.as_str()).collect();
        assert_eq!(verticals.len(), 5);
        assert!(w.skus.len() >= 300);
        assert!(w.trolleys.len() >= 50);

        let skus: BTreeSet<_> = w.skus.iter().map(|s| s.sku.as_str()).collect();
        assert_eq!(skus.len(), w.skus.len(), "SKU codes are unique");
        let names: BTreeSet<_> = w.skus.iter().map(|s| (&s.client_id, &s.name)).collect();
        assert_eq!(names.len(), w.skus.len(), "SKU names are unique per client");
        let mut barcodes = BTreeSet::new();
        for s in &w.skus {
            assert!(gs1::is_valid_gtin(&s.barcodes[0]), "{}", s.barcodes[0]);
            for b in &s.barcodes {
                assert!(barcodes.insert(b.clone()), "barcode {b} used twice");
            }
            assert!(s.dims_mm.iter().all(|&d| (5..=600).contains(&d)), "{s:?}");
            assert!((10..=20_000).contains(&s.weight_g), "{s:?}");
        }
        for flag in [
            |f: &SkuFlags| f.fragile,
            |f: &SkuFlags| f.liquid,
            |f: &SkuFlags| f.keep_upright,
            |f: &SkuFlags| f.lot_expiry_required,
            |f: &SkuFlags| f.serial_required,
        ] {
            assert!(w.skus.iter().any(|s| flag(&s.flags)));
        }

        let badges: BTreeSet<_> = w.packers.iter().map(|p| &p.badge).collect();
        assert_eq!(badges.len(), w.packers.len(), "badges are unique");
        assert!(w.packers.iter().any(|p| p.role == "supervisor"));
        for lang in ["en", "pl", "ro", "uk", "bg", "lt"] {
            assert!(w
                .packers
                .iter()
                .any(|p| p.language == lang && p.role == "packer"));
        }
        assert!(w
            .packers
            .iter()
            .all(|p| p.pin.len() == 4 && p.pin.bytes().all(|b| b.is_ascii_digit())));

        let mut orders = BTreeSet::new();
        for t in &w.trolleys {
            assert!((8..=24).contains(&t.orders.len()), "{}", t.trolley);
            for o in &t.orders {
                assert!(
                    orders.insert(o.order_id.clone()),
                    "order {} twice",
                    o.order_id
                );
                assert!(!o.lines.is_empty());
                for (sku, qty) in &o.lines {
                    let s = w.skus.iter().find(|s| &s.sku == sku).unwrap();
                    assert_eq!(
                        s.client_id, o.client_id,
                        "order lines belong to the order's client"
                    );
                    assert!(*qty > 0);
                }
            }
        }
    }
}
