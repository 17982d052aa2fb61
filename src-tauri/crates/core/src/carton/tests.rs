//! The engine's promises, checked two ways: properties over random orders and catalogues
//! (every placement valid, every unit accounted for once, same answer twice) and table tests
//! of the client and handling rules and of the explanation.

use proptest::prelude::*;

use super::geometry::{is_allowed_orientation, orientations_within, volume_mm3, Cuboid};
use super::*;
use crate::manifest::SkuFlags;

fn item(sku: &str, dims_mm: [u32; 3], weight_g: u32, qty: u32) -> ItemToPack {
    ItemToPack {
        sku: sku.to_owned(),
        dims_mm,
        weight_g,
        qty,
        flags: SkuFlags::default(),
        ship_alone: false,
    }
}

fn soft(id: &str, kind: PackagingKind, inner_mm: [u32; 3], cost: f64) -> Packaging {
    Packaging {
        kind,
        ..Packaging::new_box(id, inner_mm, 10, 5_000, cost)
    }
}

fn req(client: &str, items: Vec<ItemToPack>) -> PackRequest {
    PackRequest {
        client: client.to_owned(),
        items,
    }
}

fn cheapest() -> CartonOptions {
    CartonOptions::default()
}

/// Every check a result must pass whatever the input; returns the first broken promise.
fn violations(catalogue: &[Packaging], r: &PackRequest, c: &Cartonization) -> Result<(), String> {
    let find = |sku: &str| r.items.iter().find(|i| i.sku == sku);
    let mut counted: Vec<(String, u32)> = Vec::new();
    let mut count = |sku: &str, n: u32| match counted.iter_mut().find(|(s, _)| s == sku) {
        Some((_, k)) => *k += n,
        None => counted.push((sku.to_owned(), n)),
    };
    for (pi, p) in c.parcels.iter().enumerate() {
        let pk = catalogue
            .iter()
            .find(|k| k.id == p.packaging_id)
            .ok_or(format!("parcel {pi}: unknown packaging {}", p.packaging_id))?;
        if p.units.is_empty() {
            return Err(format!("parcel {pi} is empty"));
        }
        let mut weight = u64::from(pk.tare_g);
        let mut rooms: Vec<Cuboid> = Vec::new();
        for u in &p.units {
            let it = find(&u.sku).ok_or(format!("parcel {pi}: unknown sku {}", u.sku))?;
            count(&u.sku, 1);
            weight += u64::from(it.weight_g);
            if !is_allowed_orientation(it.dims_mm, it.flags.keep_upright, u.dims_mm) {
                return Err(format!("{} turned to {:?}, not allowed", u.sku, u.dims_mm));
            }
            if pk.kind.is_soft() && (it.flags.fragile || it.flags.liquid) {
                return Err(format!("{} (fragile/liquid) in a {:?}", u.sku, pk.kind));
            }
            let room = Cuboid {
                pos_mm: u.pos_mm,
                dims_mm: u.dims_mm,
            };
            if !room.inside(pk.inner_mm) {
                return Err(format!("{} at {:?} sticks out of {}", u.sku, room, pk.id));
            }
            if let Some(o) = rooms.iter().find(|o| o.overlaps(&room)) {
                return Err(format!("{} at {:?} overlaps {:?}", u.sku, room, o));
            }
            rooms.push(room);
        }
        if weight > u64::from(pk.max_gross_g) || weight != p.gross_weight_g {
            return Err(format!(
                "parcel {pi}: gross {weight} g (max {})",
                pk.max_gross_g
            ));
        }
        let alone: Vec<&str> = p
            .units
            .iter()
            .filter(|u| find(&u.sku).is_some_and(|i| i.ship_alone))
            .map(|u| u.sku.as_str())
            .collect();
        if !alone.is_empty() && p.units.len() > 1 {
            return Err(format!("parcel {pi}: {alone:?} must ship alone"));
        }
    }
    for u in &c.unpacked {
        count(&u.sku, u.qty);
        // Unpacked only when no packaging takes a unit on its own.
        let it = find(&u.sku).ok_or("unknown unpacked sku")?;
        let fits_some = catalogue.iter().any(|pk| {
            !orientations_within(it.dims_mm, it.flags.keep_upright, pk.inner_mm).is_empty()
                && u64::from(pk.tare_g) + u64::from(it.weight_g) <= u64::from(pk.max_gross_g)
                && pk.stocked
                && !(pk.kind.is_soft() && (it.flags.fragile || it.flags.liquid))
                && (pk.allowed_clients.is_empty() || pk.allowed_clients.contains(&r.client))
                && !pk.forbidden_clients.contains(&r.client)
        });
        if fits_some {
            return Err(format!(
                "{} left unpacked though a packaging takes it",
                u.sku
            ));
        }
    }
    for it in &r.items {
        let want: u32 = r
            .items
            .iter()
            .filter(|i| i.sku == it.sku)
            .map(|i| i.qty)
            .sum();
        let got = counted
            .iter()
            .find(|(s, _)| *s == it.sku)
            .map_or(0, |(_, n)| *n);
        if want != got {
            return Err(format!("{}: ordered {want}, accounted {got}", it.sku));
        }
    }
    Ok(())
}

fn arb_catalogue() -> impl Strategy<Value = Vec<Packaging>> {
    prop::collection::vec(
        (
            [20u32..400, 20u32..400, 10u32..400],
            0u32..300,
            500u32..20_000,
            1u32..50,
            0u8..4,
            any::<bool>(),
        ),
        1..5,
    )
    .prop_map(|boxes| {
        boxes
            .into_iter()
            .enumerate()
            .map(|(i, (inner, tare, max, cost, kind, branded))| Packaging {
                kind: [
                    PackagingKind::Box,
                    PackagingKind::Box,
                    PackagingKind::Mailer,
                    PackagingKind::Polybag,
                ][kind as usize],
                allowed_clients: if branded && i > 0 {
                    vec!["Acme".into()]
                } else {
                    vec![]
                },
                ..Packaging::new_box(&format!("P{i}"), inner, tare, max, f64::from(cost))
            })
            .collect()
    })
}

fn arb_items() -> impl Strategy<Value = Vec<ItemToPack>> {
    prop::collection::vec(
        (
            [5u32..250, 5u32..250, 2u32..200],
            1u32..4_000,
            1u32..5,
            any::<[bool; 3]>(),
            0u8..10,
        ),
        1..6,
    )
    .prop_map(|lines| {
        lines
            .into_iter()
            .enumerate()
            .map(
                |(i, (dims, w, qty, [fragile, liquid, upright], alone))| ItemToPack {
                    flags: SkuFlags {
                        fragile,
                        liquid,
                        keep_upright: upright,
                        ..SkuFlags::default()
                    },
                    ship_alone: alone == 0,
                    ..item(&format!("S{i}"), dims, w, qty)
                },
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_result_is_valid_and_complete(
        catalogue in arb_catalogue(),
        items in arb_items(),
        acme in any::<bool>(),
        fewest in any::<bool>(),
    ) {
        let r = req(if acme { "Acme" } else { "Other" }, items);
        let opts = CartonOptions {
            objective: if fewest { Objective::FewestParcels } else { Objective::CheapestTotal },
        };
        let c = cartonize(&catalogue, &r, &opts);
        if let Err(e) = violations(&catalogue, &r, &c) {
            prop_assert!(false, "{e}\n{c:#?}");
        }
        let total: f64 = c.parcels.iter().map(|p| p.cost).sum();
        prop_assert!((c.total_cost - total).abs() < 1e-9);
        prop_assert_eq!(c.explanation.chosen.len(), c.parcels.len());
        // Same input, same answer, to the last millimetre.
        prop_assert_eq!(cartonize(&catalogue, &r, &opts), c);
    }

    #[test]
    fn the_quick_eligibility_check_agrees_with_the_reasons(
        catalogue in arb_catalogue(),
        items in arb_items(),
    ) {
        for p in &catalogue {
            for it in &items {
                prop_assert_eq!(
                    super::rules::item_allowed(p, it),
                    super::rules::item_rejections(p, it).is_empty()
                );
            }
        }
    }

    #[test]
    fn identical_small_units_share_one_box_when_they_fill_it_exactly(
        d in [10u32..60, 10u32..60, 10u32..60],
        n in [1u32..4, 1u32..4, 1u32..4],
    ) {
        // n0 x n1 x n2 units tile the box exactly: the placer must find the tiling.
        let inner = [d[0] * n[0], d[1] * n[1], d[2] * n[2]];
        let catalogue = vec![Packaging::new_box("EXACT", inner, 0, 1_000_000, 1.0)];
        let r = req("Acme", vec![item("U", d, 1, n[0] * n[1] * n[2])]);
        let c = cartonize(&catalogue, &r, &cheapest());
        prop_assert_eq!(c.parcels.len(), 1, "{:?}", c.explanation.sentence());
        prop_assert!((c.parcels[0].fill_pct - 100.0).abs() < 1e-9);
    }
}

#[test]
fn fragile_and_liquid_units_never_go_in_a_mailer_or_polybag() {
    let catalogue = vec![
        soft("MAILER", PackagingKind::Mailer, [300, 200, 30], 0.5),
        soft("POLY", PackagingKind::Polybag, [300, 200, 30], 0.4),
        Packaging::new_box("BOX", [300, 200, 100], 150, 5_000, 2.0),
    ];
    let plain = req("Acme", vec![item("MUG", [100, 80, 20], 300, 1)]);
    assert_eq!(
        cartonize(&catalogue, &plain, &cheapest()).parcels[0].packaging_id,
        "POLY"
    );

    for flags in [
        SkuFlags {
            fragile: true,
            ..SkuFlags::default()
        },
        SkuFlags {
            liquid: true,
            ..SkuFlags::default()
        },
    ] {
        let r = req(
            "Acme",
            vec![ItemToPack {
                flags,
                ..item("MUG", [100, 80, 20], 300, 1)
            }],
        );
        let c = cartonize(&catalogue, &r, &cheapest());
        assert_eq!(c.parcels[0].packaging_id, "BOX");
        let ruled: Vec<&str> = c
            .explanation
            .cheaper_ruled_out
            .iter()
            .map(|x| x.packaging_id.as_str())
            .collect();
        assert_eq!(ruled, ["POLY", "MAILER"]);
        assert!(c.explanation.cheaper_ruled_out.iter().all(|x| matches!(
            x.reasons[..],
            [Rejection::SoftPackaging { ref sku, .. }] if sku == "MUG"
        )));
        assert!(
            c.explanation.sentence().contains("cannot take"),
            "{}",
            c.explanation
        );
    }
}

#[test]
fn a_branded_box_is_used_only_for_its_client() {
    let mut branded = Packaging::new_box("ACME-BOX", [300, 200, 100], 100, 5_000, 1.0);
    branded.allowed_clients = vec!["Acme".into()];
    let mut banned = Packaging::new_box("CHEAP", [300, 200, 100], 100, 5_000, 0.5);
    banned.forbidden_clients = vec!["Acme".into(), "Globex".into()];
    let catalogue = vec![
        branded,
        banned,
        Packaging::new_box("PLAIN", [300, 200, 100], 100, 5_000, 3.0),
    ];
    let items = vec![item("BOOK", [200, 150, 30], 400, 2)];

    let acme = cartonize(&catalogue, &req("Acme", items.clone()), &cheapest());
    assert_eq!(acme.parcels[0].packaging_id, "ACME-BOX");
    assert_eq!(
        acme.explanation.cheaper_ruled_out[0].reasons,
        vec![Rejection::ForbiddenForClient {
            client: "Acme".into()
        }]
    );
    let initech = cartonize(&catalogue, &req("Initech", items.clone()), &cheapest());
    assert_eq!(initech.parcels[0].packaging_id, "CHEAP");
    let globex = cartonize(&catalogue, &req("Globex", items), &cheapest());
    assert_eq!(globex.parcels[0].packaging_id, "PLAIN");
    let why: Vec<&Rejection> = globex
        .explanation
        .cheaper_ruled_out
        .iter()
        .flat_map(|r| &r.reasons)
        .collect();
    assert!(why.iter().any(|r| matches!(r, Rejection::ReservedForOtherClients { allowed_clients, .. } if allowed_clients == &["Acme"])));
    assert!(why
        .iter()
        .any(|r| matches!(r, Rejection::ForbiddenForClient { .. })));
}

#[test]
fn units_that_must_ship_alone_get_a_parcel_each() {
    let catalogue = vec![
        Packaging::new_box("S", [200, 200, 200], 100, 10_000, 1.0),
        Packaging::new_box("L", [400, 400, 400], 200, 20_000, 3.0),
    ];
    let tv = ItemToPack {
        ship_alone: true,
        ..item("TV", [150, 150, 50], 2_000, 3)
    };
    let c = cartonize(
        &catalogue,
        &req("Acme", vec![tv, item("CABLE", [50, 50, 20], 100, 4)]),
        &cheapest(),
    );
    assert_eq!(c.parcels.len(), 4, "{}", c.explanation);
    let tv_parcels: Vec<&Parcel> = c
        .parcels
        .iter()
        .filter(|p| p.units.iter().any(|u| u.sku == "TV"))
        .collect();
    assert_eq!(tv_parcels.len(), 3);
    assert!(tv_parcels
        .iter()
        .all(|p| p.units.len() == 1 && p.packaging_id == "S"));
    let cables = c
        .parcels
        .iter()
        .find(|p| p.units[0].sku == "CABLE")
        .unwrap();
    assert_eq!(cables.units.len(), 4);
}

#[test]
fn an_oversize_unit_is_reported_unpacked_and_the_rest_still_ships() {
    let catalogue = vec![
        Packaging::new_box("S", [200, 150, 100], 100, 10_000, 1.0),
        Packaging::new_box("M", [400, 300, 200], 200, 10_000, 2.0),
    ];
    let r = req(
        "Acme",
        vec![
            item("SKI", [1_700, 100, 60], 2_500, 1),
            item("WAX", [100, 50, 30], 150, 2),
        ],
    );
    let c = cartonize(&catalogue, &r, &cheapest());
    assert_eq!(c.unpacked.len(), 1);
    assert_eq!((c.unpacked[0].sku.as_str(), c.unpacked[0].qty), ("SKI", 1));
    let m = c.unpacked[0]
        .ruled_out
        .iter()
        .find(|x| x.packaging_id == "M")
        .unwrap();
    assert_eq!(
        m.reasons,
        vec![Rejection::TooSmall {
            sku: "SKI".into(),
            side: BoxSide::Length,
            item_mm: 1_700,
            inner_mm: 400
        }]
    );
    assert_eq!(c.parcels.len(), 1);
    assert_eq!(c.parcels[0].units.len(), 2);
    assert!(
        c.explanation.sentence().contains("SKI x1"),
        "{}",
        c.explanation
    );
    violations(&catalogue, &r, &c).unwrap();
}

#[test]
fn an_order_too_heavy_for_one_box_is_split_within_the_weight_limit() {
    let catalogue = vec![Packaging::new_box("B", [500, 500, 500], 500, 10_000, 2.0)];
    let r = req("Acme", vec![item("KETTLEBELL", [150, 150, 150], 4_000, 4)]);
    let c = cartonize(&catalogue, &r, &cheapest());
    assert_eq!(c.parcels.len(), 2, "{}", c.explanation);
    assert!(c
        .parcels
        .iter()
        .all(|p| p.gross_weight_g <= 10_000 && p.units.len() == 2));
    violations(&catalogue, &r, &c).unwrap();
    // One box holds them all once the limit allows it.
    let roomy = vec![Packaging::new_box("B", [500, 500, 500], 500, 20_000, 2.0)];
    assert_eq!(cartonize(&roomy, &r, &cheapest()).parcels.len(), 1);
}

#[test]
fn the_explanation_names_the_side_that_rules_out_a_cheaper_box() {
    let catalogue = vec![
        Packaging::new_box("FLAT", [350, 250, 15], 20, 1_000, 0.9),
        Packaging::new_box("SHORT", [200, 150, 120], 100, 3_000, 1.5),
        Packaging::new_box("CUBE", [300, 300, 300], 200, 10_000, 4.0),
    ];
    let c = cartonize(
        &catalogue,
        &req("Acme", vec![item("BOOK", [240, 170, 25], 600, 1)]),
        &cheapest(),
    );
    assert_eq!(c.parcels[0].packaging_id, "CUBE");
    let reasons = |id: &str| {
        c.explanation
            .cheaper_ruled_out
            .iter()
            .find(|r| r.packaging_id == id)
            .unwrap()
            .reasons
            .clone()
    };
    assert_eq!(
        reasons("FLAT"),
        vec![Rejection::TooSmall {
            sku: "BOOK".into(),
            side: BoxSide::Height,
            item_mm: 25,
            inner_mm: 15
        }]
    );
    // 240 > 200 on the longest side: the box's length.
    assert_eq!(
        reasons("SHORT"),
        vec![Rejection::TooSmall {
            sku: "BOOK".into(),
            side: BoxSide::Length,
            item_mm: 240,
            inner_mm: 200
        }]
    );
    let s = c.explanation.sentence();
    assert!(s.starts_with("Pack in CUBE"), "{s}");
    assert!(s.contains("needs 25 mm where its height is 15 mm"), "{s}");
    // The structured form survives a round trip, for the supervisor's screen.
    let json = serde_json::to_string(&c.explanation).unwrap();
    assert_eq!(
        serde_json::from_str::<Explanation>(&json).unwrap(),
        c.explanation
    );
    assert!(json.contains(r#""rule":"too_small""#), "{json}");
}

#[test]
fn cheaper_boxes_too_light_or_too_small_together_are_explained() {
    let catalogue = vec![
        Packaging::new_box("LIGHT", [400, 400, 400], 100, 1_000, 1.0),
        Packaging::new_box("SNUG", [100, 100, 100], 50, 10_000, 2.0),
        Packaging::new_box("BIG", [400, 400, 400], 200, 10_000, 5.0),
    ];
    let cans = req("Acme", vec![item("CAN", [60, 60, 60], 400, 6)]);
    // Cheapest total: three light boxes (3.0) beat the big one (5.0).
    let cheap = cartonize(&catalogue, &cans, &cheapest());
    assert_eq!(
        cheap
            .parcels
            .iter()
            .map(|p| p.packaging_id.as_str())
            .collect::<Vec<_>>(),
        ["LIGHT"; 3]
    );
    let c = cartonize(
        &catalogue,
        &cans,
        &CartonOptions {
            objective: Objective::FewestParcels,
        },
    );
    assert_eq!(c.parcels.len(), 1);
    assert_eq!(c.parcels[0].packaging_id, "BIG");
    let r = &c.explanation.cheaper_ruled_out;
    assert_eq!(
        r[0].reasons,
        vec![Rejection::TooHeavy {
            gross_g: 2_500,
            max_gross_g: 1_000
        }]
    );
    assert_eq!(
        r[1].reasons,
        vec![Rejection::NotEnoughVolume {
            items_mm3: 6 * 216_000,
            inner_mm3: 1_000_000
        }]
    );
}

#[test]
fn keep_upright_units_only_turn_about_the_vertical() {
    let catalogue = vec![Packaging::new_box("LOW", [300, 300, 100], 50, 5_000, 1.0)];
    let bottle = item("BOTTLE", [80, 80, 250], 900, 1);
    let lying = cartonize(&catalogue, &req("Acme", vec![bottle.clone()]), &cheapest());
    assert_eq!(lying.parcels.len(), 1);
    assert_eq!(lying.parcels[0].units[0].dims_mm[2], 80);
    let upright = ItemToPack {
        flags: SkuFlags {
            keep_upright: true,
            ..SkuFlags::default()
        },
        ..bottle
    };
    let c = cartonize(&catalogue, &req("Acme", vec![upright]), &cheapest());
    assert!(c.parcels.is_empty());
    assert_eq!(
        c.unpacked[0].ruled_out[0].reasons,
        vec![Rejection::TooSmall {
            sku: "BOTTLE".into(),
            side: BoxSide::Height,
            item_mm: 250,
            inner_mm: 100
        }]
    );
}

#[test]
fn unstocked_packaging_is_skipped() {
    let mut gone = Packaging::new_box("GONE", [300, 300, 300], 100, 5_000, 0.1);
    gone.stocked = false;
    let catalogue = vec![
        gone,
        Packaging::new_box("HERE", [300, 300, 300], 100, 5_000, 1.0),
    ];
    let c = cartonize(
        &catalogue,
        &req("Acme", vec![item("X", [10, 10, 10], 10, 1)]),
        &cheapest(),
    );
    assert_eq!(c.parcels[0].packaging_id, "HERE");
    assert_eq!(
        c.explanation.cheaper_ruled_out[0].reasons,
        vec![Rejection::NotStocked]
    );
}

#[test]
fn the_objective_decides_between_one_big_box_and_two_small_ones() {
    // Two small boxes cost less than the big one; the big one is a single parcel.
    let catalogue = vec![
        Packaging::new_box("SMALL", [200, 200, 100], 50, 5_000, 1.0),
        Packaging::new_box("BIG", [400, 200, 100], 80, 10_000, 3.0),
    ];
    let r = req("Acme", vec![item("BRICK", [200, 200, 100], 1_000, 2)]);
    let cheap = cartonize(&catalogue, &r, &cheapest());
    assert_eq!(cheap.parcels.len(), 2);
    assert!((cheap.total_cost - 2.0).abs() < 1e-9);
    let few = cartonize(
        &catalogue,
        &r,
        &CartonOptions {
            objective: Objective::FewestParcels,
        },
    );
    assert_eq!(few.parcels.len(), 1);
    assert_eq!(few.parcels[0].packaging_id, "BIG");
}

#[test]
fn items_from_an_order_line_keep_their_flags() {
    let line = crate::manifest::OrderLine {
        line_no: 1,
        qty: 3,
        item: crate::manifest::SkuInfo {
            sku: "VASE".into(),
            name: "Vase".into(),
            barcodes: vec![],
            dims_mm: [100, 100, 300],
            weight_g: 800,
            flags: SkuFlags {
                fragile: true,
                keep_upright: true,
                ..SkuFlags::default()
            },
            image: None,
        },
    };
    let it = ItemToPack::from_line(&line);
    assert_eq!(
        (it.qty, it.dims_mm, it.flags.fragile, it.flags.keep_upright),
        (3, [100, 100, 300], true, true)
    );
    assert_eq!(volume_mm3(it.dims_mm), 3_000_000);
}

mod bench_format_tests {
    use super::super::bench_format::*;
    use super::*;

    const INSTANCE: &str = r#"{
      "format": "cartonization-instance/v1", "name": "t", "seed": 1, "units": {"length": "mm"},
      "boxes": [
        {"id": "BX-S", "kind": "box", "inner": [220, 160, 90], "outer": [226, 166, 96],
         "tare_g": 100, "max_weight_g": 5000, "cost": 3.95},
        {"id": "BX-L", "kind": "mailer", "inner": [400, 400, 300], "tare_g": 300, "max_weight_g": 20000, "cost": 7.5}
      ],
      "orders": [
        {"id": "O1", "note": "ignored", "items": [
          {"sku": "A", "dims": [371, 331, 59], "weight": 690, "qty": 2},
          {"sku": "B", "dims": [96, 104, 118.5], "weight": 505, "upright": true}]},
        {"id": "O2", "items": [{"sku": "HUGE", "dims": [1000, 10, 10], "weight": 1}, {"sku": "C", "dims": [10, 10, 10], "weight": 1}]},
        {"id": "O3", "items": [{"sku": "D", "dims": [10, 10, 10], "weight": 1}, {"sku": "D", "dims": [20, 10, 10], "weight": 1}]}
      ]}"#;

    #[test]
    fn an_instance_is_solved_into_result_lines() {
        let inst: Instance = serde_json::from_str(INSTANCE).unwrap();
        let lines = solve_instance(
            &inst,
            &CartonOptions {
                objective: Objective::FewestParcels,
            },
        )
        .unwrap();
        assert_eq!(lines.len(), 3);

        let o1 = &lines[0];
        assert_eq!(o1.status, None);
        assert_eq!(o1.boxes.len(), 1);
        assert_eq!(o1.boxes[0].box_id, "BX-L");
        assert_eq!(o1.boxes[0].items.len(), 3);
        // Fractional millimetres round up for the unit: 118.5 -> 119, kept vertical.
        let b = o1.boxes[0].items.iter().find(|u| u.sku == "B").unwrap();
        assert_eq!(b.dims[2], 119);

        assert_eq!(
            lines[1].unpacked,
            vec![SkuQty {
                sku: "HUGE".into(),
                qty: 1
            }]
        );
        assert_eq!(lines[1].boxes[0].box_id, "BX-S");
        assert!(lines[2]
            .status
            .as_deref()
            .unwrap()
            .starts_with("error: order O3: sku D"));

        let json = serde_json::to_string(o1).unwrap();
        assert!(
            json.starts_with(r#"{"order_id":"O1","boxes":[{"box_id":"BX-L","items":[{"sku":"#),
            "{json}"
        );
        assert!(!json.contains("status"));
        assert_eq!(serde_json::from_str::<ResultLine>(&json).unwrap(), *o1);
    }

    #[test]
    fn malformed_instances_are_refused() {
        let mut inst: Instance = serde_json::from_str(INSTANCE).unwrap();
        inst.boxes[0].inner[1] = -3.0;
        assert!(matches!(
            catalogue(&inst),
            Err(InstanceError::OutOfRange { .. })
        ));
        inst.format = "something-else".into();
        assert!(matches!(
            catalogue(&inst),
            Err(InstanceError::WrongFormat(_))
        ));
    }
}
