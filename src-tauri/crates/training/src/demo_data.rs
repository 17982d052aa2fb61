//! A deterministic demo warehouse that looks like a real 3PL: five client brands in different
//! verticals, their SKUs (plausible sizes and weights, valid GTIN-13s, handling flags), orders,
//! and captured trolleys of 8 to 24 slots. The same seed always gives the same warehouse, so
//! tests, trainees and demos see identical data.

use packbench_core::carton::{Packaging, PackagingKind};
use packbench_core::gs1;
use packbench_core::SkuFlags;

use packbench_labels::Address;

use packbench_contract::CatalogueEntry;

pub const DEFAULT_SEED: u64 = 0x5eed_0042;
pub const TROLLEYS: usize = 60;
pub const SKUS_PER_CLIENT: usize = 64;

/// SplitMix64: tiny, fast and stable across releases (unlike `rand`'s default generators).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
}

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
    /// The packer's screen language: `en`, `pl` or `ro`.
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
    ("Katarzyna Zielińska", "pl", "supervisor"),
    ("Ștefan Georgescu", "ro", "supervisor"),
    ("Helen Walsh", "en", "supervisor"),
];

/// One product family of a client: names, size ranges (mm), weight range (g), flags.
struct Family {
    noun: &'static str,
    variants: &'static [&'static str],
    dims: [(u32, u32); 3],
    weight_g: (u32, u32),
    flags: SkuFlags,
}

const fn flags(fragile: bool, liquid: bool, upright: bool, lot: bool, serial: bool) -> SkuFlags {
    SkuFlags {
        fragile,
        liquid,
        keep_upright: upright,
        dangerous_goods: false,
        lot_expiry_required: lot,
        serial_required: serial,
    }
}

const NONE: SkuFlags = flags(false, false, false, false, false);

struct ClientSpec {
    id: &'static str,
    name: &'static str,
    vertical: &'static str,
    /// The client's GS1 company prefix digits (after the country prefix).
    prefix: &'static str,
    families: &'static [Family],
}

const CLIENTS: &[ClientSpec] = &[
    ClientSpec {
        id: "LUM",
        name: "Lumière Cosmetics",
        vertical: "cosmetics",
        prefix: "376014",
        families: &[
            Family {
                noun: "Hydrating Serum 30 ml",
                variants: &["Rose", "Vitamin C", "Niacinamide", "Hyaluronic"],
                dims: [(30, 40), (30, 40), (95, 120)],
                weight_g: (80, 120),
                flags: flags(true, true, true, true, false),
            },
            Family {
                noun: "Lipstick",
                variants: &["Coral", "Ruby", "Nude", "Berry", "Mauve"],
                dims: [(20, 24), (20, 24), (75, 85)],
                weight_g: (25, 35),
                flags: NONE,
            },
            Family {
                noun: "Face Cream 50 ml",
                variants: &["Day", "Night", "SPF 30", "Rich"],
                dims: [(60, 70), (60, 70), (45, 55)],
                weight_g: (140, 190),
                flags: flags(true, true, true, true, false),
            },
            Family {
                noun: "Eyeshadow Palette",
                variants: &["Warm", "Cool", "Smoky", "Pastel"],
                dims: [(120, 160), (80, 100), (10, 15)],
                weight_g: (90, 140),
                flags: flags(true, false, false, false, false),
            },
        ],
    },
    ClientSpec {
        id: "NWA",
        name: "Northwind Apparel",
        vertical: "apparel",
        prefix: "501234",
        families: &[
            Family {
                noun: "Organic T-Shirt",
                variants: &["S Black", "M Black", "L White", "XL Navy", "M Grey"],
                dims: [(280, 320), (220, 260), (20, 30)],
                weight_g: (160, 220),
                flags: NONE,
            },
            Family {
                noun: "Hoodie",
                variants: &["S Forest", "M Forest", "L Charcoal", "XL Sand"],
                dims: [(330, 380), (280, 320), (60, 80)],
                weight_g: (550, 700),
                flags: NONE,
            },
            Family {
                noun: "Merino Socks 3-Pack",
                variants: &["36-40", "41-45", "46-48"],
                dims: [(200, 220), (100, 120), (30, 40)],
                weight_g: (120, 160),
                flags: NONE,
            },
            Family {
                noun: "Denim Jacket",
                variants: &["S", "M", "L", "XL"],
                dims: [(380, 420), (300, 340), (60, 90)],
                weight_g: (850, 1100),
                flags: NONE,
            },
        ],
    },
    ClientSpec {
        id: "PGB",
        name: "Pagebound Books",
        vertical: "books",
        prefix: "978185",
        families: &[
            Family {
                noun: "Paperback",
                variants: &[
                    "The Quiet Harbour",
                    "Salt and Iron",
                    "A Map of Rain",
                    "Northern Lights",
                    "The Last Orchard",
                ],
                dims: [(178, 198), (108, 129), (18, 35)],
                weight_g: (180, 320),
                flags: NONE,
            },
            Family {
                noun: "Hardcover",
                variants: &[
                    "Atlas of Rivers",
                    "Kitchen Year",
                    "The Long Game",
                    "Field Guide to Birds",
                ],
                dims: [(234, 280), (153, 215), (25, 45)],
                weight_g: (550, 1200),
                flags: NONE,
            },
            Family {
                noun: "Notebook A5",
                variants: &["Dotted", "Lined", "Blank"],
                dims: [(210, 212), (148, 150), (12, 16)],
                weight_g: (200, 260),
                flags: NONE,
            },
        ],
    },
    ClientSpec {
        id: "VTC",
        name: "VitaCore Supplements",
        vertical: "supplements",
        prefix: "505678",
        families: &[
            Family {
                noun: "Capsules 90",
                variants: &["Vitamin D3", "Omega-3", "Magnesium", "Zinc", "Iron"],
                dims: [(60, 70), (60, 70), (100, 120)],
                weight_g: (120, 180),
                flags: flags(false, false, false, true, false),
            },
            Family {
                noun: "Whey Protein 1 kg",
                variants: &["Vanilla", "Chocolate", "Strawberry"],
                dims: [(150, 170), (150, 170), (220, 250)],
                weight_g: (1080, 1150),
                flags: flags(false, false, true, true, false),
            },
            Family {
                noun: "Liquid Drops 50 ml",
                variants: &["B12", "Iron", "Vitamin K2"],
                dims: [(40, 45), (40, 45), (110, 120)],
                weight_g: (110, 140),
                flags: flags(true, true, true, true, false),
            },
        ],
    },
    ClientSpec {
        id: "HNH",
        name: "Hearth & Home",
        vertical: "homeware",
        prefix: "871234",
        families: &[
            Family {
                noun: "Stoneware Mug",
                variants: &["Sage", "Oat", "Slate", "Terracotta"],
                dims: [(120, 130), (90, 100), (95, 105)],
                weight_g: (330, 420),
                flags: flags(true, false, false, false, false),
            },
            Family {
                noun: "Scented Candle",
                variants: &["Fig", "Cedar", "Linen", "Amber"],
                dims: [(85, 95), (85, 95), (95, 110)],
                weight_g: (380, 480),
                flags: flags(true, false, true, false, false),
            },
            Family {
                noun: "Glass Vase",
                variants: &["Tall Clear", "Round Smoke", "Bud Amber"],
                dims: [(120, 160), (120, 160), (200, 300)],
                weight_g: (700, 1400),
                flags: flags(true, false, true, false, false),
            },
            Family {
                noun: "Electric Kettle 1.7 l",
                variants: &["Matte Black", "Cream", "Steel"],
                dims: [(230, 250), (170, 190), (250, 270)],
                weight_g: (1200, 1500),
                flags: flags(false, false, true, false, true),
            },
            Family {
                noun: "Linen Tea Towel 2-Pack",
                variants: &["Stripe", "Check", "Plain"],
                dims: [(200, 220), (150, 170), (15, 25)],
                weight_g: (110, 150),
                flags: NONE,
            },
        ],
    },
];

/// Name suffixes that keep SKU names unique once a family's variants are used up.
const EDITIONS: &[&str] = &[
    "2025 Edition",
    "Limited",
    "Gift Set",
    "Travel",
    "Mini",
    "Large",
    "Refill",
    "Eco",
];

const CARRIERS: &[(&str, &str)] = &[
    ("DPD", "Classic"),
    ("DHL", "Paket"),
    ("UPS", "Standard"),
    ("InPost", "Kurier"),
    ("Royal Mail", "Tracked 48"),
];

/// The demo warehouse's packaging: (id, name, kind, inner mm, tare g, max gross g, cost EUR,
/// stocked, allowed clients, forbidden clients).
#[allow(clippy::type_complexity)]
const PACKAGING: &[(
    &str,
    &str,
    PackagingKind,
    [u32; 3],
    u32,
    u32,
    f64,
    bool,
    &[&str],
    &[&str],
)] = &[
    (
        "BX-XS",
        "Box XS 150x100x80",
        PackagingKind::Box,
        [150, 100, 80],
        60,
        2_000,
        0.35,
        true,
        &[],
        &[],
    ),
    (
        "BX-S",
        "Box S 220x160x90",
        PackagingKind::Box,
        [220, 160, 90],
        100,
        5_000,
        0.45,
        true,
        &[],
        &[],
    ),
    (
        "BX-M",
        "Box M 300x220x150",
        PackagingKind::Box,
        [300, 220, 150],
        180,
        10_000,
        0.60,
        true,
        &[],
        &[],
    ),
    (
        "BX-L",
        "Box L 400x300x200",
        PackagingKind::Box,
        [400, 300, 200],
        300,
        15_000,
        0.85,
        true,
        &[],
        &[],
    ),
    (
        "BX-XL",
        "Box XL 500x400x300",
        PackagingKind::Box,
        [500, 400, 300],
        520,
        20_000,
        1.20,
        true,
        &[],
        &[],
    ),
    (
        "BX-XXL",
        "Box XXL 600x500x400",
        PackagingKind::Box,
        [600, 500, 400],
        800,
        25_000,
        1.90,
        false,
        &[],
        &[],
    ),
    (
        "BX-CUBE",
        "Cube box 250x250x250",
        PackagingKind::Box,
        [250, 250, 250],
        220,
        12_000,
        0.70,
        true,
        &[],
        &[],
    ),
    (
        "BX-LONG",
        "Long box 600x150x150",
        PackagingKind::Box,
        [600, 150, 150],
        280,
        10_000,
        0.90,
        true,
        &[],
        &[],
    ),
    (
        "BX-BOOK",
        "Book wrap 320x240x60",
        PackagingKind::Box,
        [320, 240, 60],
        120,
        5_000,
        0.40,
        true,
        &[],
        &[],
    ),
    (
        "BX-LUM",
        "Lumière gift box 200x150x100",
        PackagingKind::Box,
        [200, 150, 100],
        140,
        3_000,
        1.10,
        true,
        &["Lumière Cosmetics"],
        &[],
    ),
    (
        "ML-S",
        "Padded mailer S 250x175",
        PackagingKind::Mailer,
        [250, 175, 10],
        20,
        1_000,
        0.18,
        true,
        &[],
        &[],
    ),
    (
        "ML-M",
        "Padded mailer M 350x250",
        PackagingKind::Mailer,
        [350, 250, 20],
        35,
        2_000,
        0.25,
        true,
        &[],
        &[],
    ),
    (
        "PB-S",
        "Polybag S 300x250",
        PackagingKind::Polybag,
        [300, 250, 50],
        8,
        2_000,
        0.06,
        true,
        &[],
        &[],
    ),
    (
        "PB-M",
        "Polybag M 400x350",
        PackagingKind::Polybag,
        [400, 350, 80],
        12,
        4_000,
        0.08,
        true,
        &[],
        &[],
    ),
    (
        "PB-L",
        "Polybag L 550x450",
        PackagingKind::Polybag,
        [550, 450, 100],
        18,
        6_000,
        0.11,
        true,
        &[],
        &["Hearth & Home"],
    ),
];

/// The demo warehouse's packaging catalogue (fixed, not seeded).
pub fn packaging_catalogue() -> Vec<CatalogueEntry> {
    let names = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
    PACKAGING
        .iter()
        .map(
            |&(
                id,
                name,
                kind,
                inner_mm,
                tare_g,
                max_gross_g,
                cost,
                stocked,
                allowed,
                forbidden,
            )| CatalogueEntry {
                name: name.into(),
                barcode: format!("PKG-{id}"),
                spec: Packaging {
                    id: id.into(),
                    kind,
                    inner_mm,
                    tare_g,
                    max_gross_g,
                    cost,
                    stocked,
                    allowed_clients: names(allowed),
                    forbidden_clients: names(forbidden),
                },
            },
        )
        .collect()
}

/// (first names, last names, streets, (postal code, city), country, phone prefix) per country.
type Country = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

const COUNTRIES: &[Country] = &[
    (
        &[
            "Agnieszka",
            "Paweł",
            "Joanna",
            "Krzysztof",
            "Monika",
            "Marek",
        ],
        &[
            "Lewandowska",
            "Kamiński",
            "Dąbrowska",
            "Zieliński",
            "Szymańska",
            "Woźniak",
        ],
        &[
            "ul. Marszałkowska",
            "ul. Piotrkowska",
            "ul. Długa",
            "al. Jana Pawła II",
            "ul. Floriańska",
        ],
        &[
            ("00-950", "Warszawa"),
            ("90-001", "Łódź"),
            ("80-831", "Gdańsk"),
            ("31-042", "Kraków"),
            ("50-101", "Wrocław"),
        ],
        "PL",
        "+48",
    ),
    (
        &["Andreea", "Radu", "Cristina", "Bogdan", "Ioana", "Vlad"],
        &[
            "Popa",
            "Constantinescu",
            "Marin",
            "Stoica",
            "Munteanu",
            "Dobre",
        ],
        &[
            "Strada Lipscani",
            "Bulevardul Unirii",
            "Strada Memorandumului",
            "Calea Victoriei",
        ],
        &[
            ("030167", "București"),
            ("400114", "Cluj-Napoca"),
            ("300085", "Timișoara"),
            ("700259", "Iași"),
        ],
        "RO",
        "+40",
    ),
    (
        &["Olivia", "Harry", "Amelia", "George", "Isla", "Oliver"],
        &["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans"],
        &[
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
            "Park Avenue",
        ],
        &[
            ("M1 1AE", "Manchester"),
            ("LS1 4DY", "Leeds"),
            ("BS1 5TR", "Bristol"),
            ("EH1 1YZ", "Edinburgh"),
            ("SW1A 1AA", "London"),
        ],
        "GB",
        "+44",
    ),
    (
        &["Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas"],
        &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
        ],
        &[
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenweg",
            "Schillerstraße",
            "Lindenallee",
        ],
        &[
            ("10115", "Berlin"),
            ("80331", "München"),
            ("50667", "Köln"),
            ("20095", "Hamburg"),
        ],
        "DE",
        "+49",
    ),
];

fn rng_for(what: &str, key: &str) -> Rng {
    let seed = key
        .bytes()
        .chain(what.bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    Rng::new(seed)
}

/// The demo ship-to address of an order: a plausible customer in Poland, Romania, the UK or
/// Germany, the same for the same order id.
pub fn ship_to(order_id: &str) -> Address {
    let mut rng = rng_for("ship-to", order_id);
    let &(firsts, lasts, streets, cities, country, phone) = rng.pick(COUNTRIES);
    let (postal_code, city) = *rng.pick(cities);
    let street = rng.pick(streets);
    let number = rng.range(1, 180);
    let street_line = if country == "GB" {
        format!("{number} {street}")
    } else {
        format!("{street} {number}")
    };
    let mut street_lines = vec![street_line];
    if rng.chance(30) {
        street_lines.push(if country == "GB" {
            format!("Flat {}", rng.range(1, 40))
        } else {
            format!("m. {}", rng.range(1, 40))
        });
    }
    Address {
        name: format!("{} {}", rng.pick(firsts), rng.pick(lasts)),
        company: rng.chance(10).then(|| "c/o Reception".to_owned()),
        street_lines,
        postal_code: postal_code.into(),
        city: city.into(),
        country_code: country.into(),
        phone: Some(format!("{phone} {}", rng.range(500_000_000, 799_999_999))),
    }
}

const GIFT_MESSAGES: &[&str] = &[
    "Happy birthday! With love, Mum and Dad",
    "Wesołych Świąt! Ściskam, Ola",
    "La mulți ani! Cu drag, Irina",
    "Congratulations on the new job - Sam",
    "Merry Christmas from all of us x",
];

/// The gift message of an order, on about one order in eight.
pub fn gift_message(order_id: &str) -> Option<String> {
    let mut rng = rng_for("gift", order_id);
    rng.chance(12)
        .then(|| (*rng.pick(GIFT_MESSAGES)).to_owned())
}

/// Who ships: the warehouse, on behalf of the client brand.
pub fn sender(client_name: &str) -> Address {
    Address {
        name: client_name.to_owned(),
        company: Some("c/o Packbench Fulfilment".into()),
        street_lines: vec!["ul. Logistyczna 12".into(), "Hala B".into()],
        postal_code: "05-850".into(),
        city: "Ożarów Mazowiecki".into(),
        country_code: "PL".into(),
        phone: Some("+48 22 100 20 30".into()),
    }
}

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
            orders.push(DemoOrder {
                order_id: format!("SO-{order_no}"),
                client_id: CLIENTS[ci].id.into(),
                carrier: carrier.into(),
                service: service.into(),
                ship_to: ship_to(&format!("SO-{order_no}")),
                gift_message: gift_message(&format!("SO-{order_no}")),
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
        for lang in ["en", "pl", "ro"] {
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
