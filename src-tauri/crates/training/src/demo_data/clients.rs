//! The demo warehouse's five client brands: their verticals, GS1 prefixes and product families
//! (names, size and weight ranges, handling flags), from which the SKUs are drawn.

use packbench_core::SkuFlags;

/// One product family of a client: names, size ranges (mm), weight range (g), flags.
pub(crate) struct Family {
    pub(crate) noun: &'static str,
    pub(crate) variants: &'static [&'static str],
    pub(crate) dims: [(u32, u32); 3],
    pub(crate) weight_g: (u32, u32),
    pub(crate) flags: SkuFlags,
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

pub(crate) struct ClientSpec {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) vertical: &'static str,
    /// The client's GS1 company prefix digits (after the country prefix).
    pub(crate) prefix: &'static str,
    pub(crate) families: &'static [Family],
}

pub(crate) const CLIENTS: &[ClientSpec] = &[
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
pub(crate) const EDITIONS: &[&str] = &[
    "2025 Edition",
    "Limited",
    "Gift Set",
    "Travel",
    "Mini",
    "Large",
    "Refill",
    "Eco",
];
