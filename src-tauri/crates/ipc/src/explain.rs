//! The packaging suggestion's "why" and the scale's verdict in the packer's language, condensed
//! for a glance at arm's length: the chosen parcel(s) in one line, at most two cheaper
//! packagings with the first reason each was ruled out, and the weight against its allowance.
//! The station sends the engine's structured [`Explanation`] and [`WeightCheck`]; the screen
//! words them here with the `explain-*`, `rejection-*` and `weight-*` messages, so every
//! language reads the same figures.

use packbench_core::carton::{BoxSide, Explanation, Handling, PackagingKind, Rejection};
use packbench_core::weight_gate::WeightCheck;

use crate::i18n::{Arg, Words};

/// How many ruled-out packagings the screen names; the rest are counted.
pub const RULED_OUT_SHOWN: usize = 2;

impl Words {
    /// "Box", "Mailer", "Polybag" in this language.
    pub fn packaging_kind(&self, kind: PackagingKind) -> String {
        self.text(match kind {
            PackagingKind::Box => "packaging-box",
            PackagingKind::Mailer => "packaging-mailer",
            PackagingKind::Polybag => "packaging-polybag",
        })
    }

    /// One reason a packaging was ruled out.
    pub fn rejection(&self, r: &Rejection) -> String {
        match r {
            Rejection::NotStocked => self.text("rejection-not-stocked"),
            Rejection::ReservedForOtherClients {
                allowed_clients, ..
            } => self.fmt(
                "rejection-reserved",
                &[("clients", allowed_clients.join(", ").into())],
            ),
            Rejection::ForbiddenForClient { client } => {
                self.fmt("rejection-forbidden", &[("client", client.into())])
            }
            Rejection::SoftPackaging { sku, handling, .. } => self.fmt(
                match handling {
                    Handling::Fragile => "rejection-fragile-soft",
                    Handling::Liquid => "rejection-liquid-soft",
                },
                &[("sku", sku.into())],
            ),
            Rejection::TooSmall {
                sku,
                side,
                item_mm,
                inner_mm,
            } => self.fmt(
                "rejection-too-small",
                &[
                    ("sku", sku.into()),
                    ("item", (*item_mm).into()),
                    ("side", self.box_side(*side).into()),
                    ("inner", (*inner_mm).into()),
                ],
            ),
            Rejection::TooHeavy {
                gross_g,
                max_gross_g,
            } => self.fmt(
                "rejection-too-heavy",
                &[
                    ("kg", Arg::decimal(*gross_g as f64 / 1000.0, 1)),
                    ("max", Arg::decimal(f64::from(*max_gross_g) / 1000.0, 1)),
                ],
            ),
            Rejection::NotEnoughVolume {
                items_mm3,
                inner_mm3,
            } => self.fmt(
                "rejection-volume",
                &[
                    ("litres", Arg::decimal(*items_mm3 as f64 / 1e6, 1)),
                    ("capacity", Arg::decimal(*inner_mm3 as f64 / 1e6, 1)),
                ],
            ),
            Rejection::NoArrangementFound => self.text("rejection-no-fit"),
        }
    }

    /// "length", "width", "height" as a too-small reason names the box's side.
    pub fn box_side(&self, side: BoxSide) -> String {
        self.text(match side {
            BoxSide::Length => "box-side-length",
            BoxSide::Width => "box-side-width",
            BoxSide::Height => "box-side-height",
        })
    }

    /// The explanation as at most `2 + RULED_OUT_SHOWN + 1` short lines: the parcels, the
    /// cheaper packagings ruled out (first reason each, cheapest first), how many more were,
    /// and units no packaging takes.
    pub fn packaging(&self, e: &Explanation) -> Vec<String> {
        let mut lines = Vec::new();
        match e.chosen.as_slice() {
            [] => {}
            [c] => lines.push(self.fmt(
                "explain-one-parcel",
                &[
                    ("box", (&c.packaging_id).into()),
                    ("fill", Arg::decimal(c.fill_pct, 0)),
                    ("kg", Arg::decimal(c.gross_weight_g as f64 / 1000.0, 2)),
                ],
            )),
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|c| {
                        self.fmt(
                            "explain-parcel-units",
                            &[("box", (&c.packaging_id).into()), ("units", c.units.into())],
                        )
                    })
                    .collect();
                lines.push(self.fmt(
                    "explain-parcels",
                    &[
                        ("count", many.len().into()),
                        ("list", list.join(", ").into()),
                    ],
                ));
            }
        }
        for r in e.cheaper_ruled_out.iter().take(RULED_OUT_SHOWN) {
            let why = r
                .reasons
                .first()
                .map_or_else(|| self.text("rejection-no-fit"), |x| self.rejection(x));
            lines.push(self.fmt(
                "explain-not-box",
                &[("box", (&r.packaging_id).into()), ("why", why.into())],
            ));
        }
        let more = e.cheaper_ruled_out.len().saturating_sub(RULED_OUT_SHOWN);
        if more > 0 {
            lines.push(self.fmt("explain-more-ruled-out", &[("count", more.into())]));
        }
        if !e.unpacked.is_empty() {
            let list: Vec<String> = e
                .unpacked
                .iter()
                .map(|u| format!("{} ×{}", u.sku, u.qty))
                .collect();
            lines.push(self.fmt("explain-unpacked", &[("list", list.join(", ").into())]));
        }
        lines
    }

    /// The scale's verdict in one line.
    pub fn weight(&self, c: &WeightCheck) -> String {
        let id = if c.accepted {
            "weight-ok"
        } else if c.deviation_g < 0 {
            "weight-light"
        } else {
            "weight-heavy"
        };
        self.fmt(
            id,
            &[
                ("measured", c.measured_g.into()),
                ("expected", c.expected_g.into()),
                ("allowance", c.allowance_g.into()),
                ("deviation", c.deviation_g.unsigned_abs().into()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use packbench_core::carton::{ChosenParcel, RuledOut, SkuCount};

    use super::*;

    use crate::i18n::Lang;

    const LANGS: [Lang; 7] = [
        Lang::En,
        Lang::Pl,
        Lang::Ro,
        Lang::Uk,
        Lang::Bg,
        Lang::Lt,
        Lang::Pseudo,
    ];

    fn every_rejection() -> Vec<Rejection> {
        vec![
            Rejection::NotStocked,
            Rejection::ReservedForOtherClients {
                client: "Acme".into(),
                allowed_clients: vec!["Nordic Home".into(), "Pagebound".into()],
            },
            Rejection::ForbiddenForClient {
                client: "Acme".into(),
            },
            Rejection::SoftPackaging {
                sku: "SKU-9".into(),
                kind: PackagingKind::Mailer,
                handling: Handling::Fragile,
            },
            Rejection::SoftPackaging {
                sku: "SKU-8".into(),
                kind: PackagingKind::Polybag,
                handling: Handling::Liquid,
            },
            Rejection::TooSmall {
                sku: "SKU-7".into(),
                side: BoxSide::Height,
                item_mm: 321,
                inner_mm: 150,
            },
            Rejection::TooHeavy {
                gross_g: 12_345,
                max_gross_g: 10_000,
            },
            Rejection::NotEnoughVolume {
                items_mm3: 9_900_000,
                inner_mm3: 7_250_000,
            },
            Rejection::NoArrangementFound,
        ]
    }

    #[test]
    fn every_reason_is_worded_in_every_language_with_its_figures() {
        for lang in LANGS {
            let w = lang.words();
            let texts: Vec<String> = every_rejection().iter().map(|r| w.rejection(r)).collect();
            for t in &texts {
                assert!(!t.contains('{') && !t.is_empty(), "{}: {t}", lang.tag());
            }
            // Different reasons read differently.
            let mut unique = texts.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), texts.len(), "{}: {texts:?}", lang.tag());
            assert!(texts[1].contains("Nordic Home, Pagebound"));
            assert!(texts[3].contains("SKU-9") && texts[4].contains("SKU-8"));
            assert!(texts[5].contains("321") && texts[5].contains("150"));
            assert!(texts[5].contains(&w.box_side(BoxSide::Height)));
            let kg = w.number(12.345, 1);
            assert!(texts[6].contains(&kg), "{}: {}", lang.tag(), texts[6]);
            assert!(texts[7].contains(&w.number(9.9, 1)) && texts[7].contains(&w.number(7.25, 1)));
        }
        assert_eq!(Lang::En.words().number(12.345, 1), "12.3");
        assert_eq!(Lang::Pl.words().number(12.345, 1), "12,3");
        assert_eq!(
            Lang::Lt.words().rejection(&every_rejection()[6]),
            "12,3 kg viršija 10,0 kg ribą"
        );
    }

    fn explanation(ruled_out: usize) -> Explanation {
        Explanation {
            chosen: vec![ChosenParcel {
                packaging_id: "BX-M".into(),
                cost: 0.9,
                units: 3,
                fill_pct: 61.6,
                gross_weight_g: 1_240,
            }],
            cheaper_ruled_out: (0..ruled_out)
                .map(|i| RuledOut {
                    packaging_id: format!("CHEAP-{i}"),
                    cost: 0.1 * i as f64,
                    reasons: vec![
                        Rejection::TooHeavy {
                            gross_g: 1_240,
                            max_gross_g: 1_000 + i as u32,
                        },
                        Rejection::NotStocked,
                    ],
                })
                .collect(),
            unpacked: vec![],
        }
    }

    #[test]
    fn the_explanation_is_condensed_to_the_cheapest_two_and_a_count() {
        for lang in LANGS {
            let w = lang.words();
            let lines = w.packaging(&explanation(5));
            assert_eq!(lines.len(), 1 + RULED_OUT_SHOWN + 1, "{lines:?}");
            assert!(
                lines[0].contains("BX-M") && lines[0].contains("62"),
                "{}",
                lines[0]
            );
            assert!(lines[0].contains(&w.number(1.24, 2)), "{}", lines[0]);
            assert!(lines[1].contains("CHEAP-0") && lines[2].contains("CHEAP-1"));
            // Only the first reason of each.
            assert!(
                !lines[1].contains(&w.text("rejection-not-stocked")),
                "{}",
                lines[1]
            );
            assert!(lines[3].contains('3'), "{}", lines[3]);
            assert_eq!(w.packaging(&explanation(2)).len(), 3);
            assert_eq!(w.packaging(&explanation(0)).len(), 1);
        }
    }

    #[test]
    fn several_parcels_and_unpacked_units_are_listed() {
        let mut e = explanation(0);
        e.chosen.push(ChosenParcel {
            packaging_id: "ML-L".into(),
            cost: 0.3,
            units: 1,
            fill_pct: 20.0,
            gross_weight_g: 300,
        });
        e.unpacked.push(SkuCount {
            sku: "SKU-BIG".into(),
            qty: 2,
        });
        for lang in LANGS {
            let lines = lang.words().packaging(&e);
            assert_eq!(lines.len(), 2, "{lines:?}");
            assert!(
                lines[0].starts_with('2') && lines[0].contains("BX-M") && lines[0].contains("ML-L")
            );
            assert!(
                lines[0].contains("(3 ") && lines[0].contains("(1 "),
                "{}",
                lines[0]
            );
            assert!(lines[1].contains("SKU-BIG ×2"), "{}", lines[1]);
        }
    }

    #[test]
    fn the_weight_line_says_light_heavy_or_within() {
        let tol = packbench_core::weight_gate::Tolerance::default();
        let light = packbench_core::weight_gate::check(1_240, 1_020, tol);
        let heavy = packbench_core::weight_gate::check(500, 600, tol);
        let ok = packbench_core::weight_gate::check(500, 505, tol);
        for lang in LANGS {
            let w = lang.words();
            let (l, h, o) = (w.weight(&light), w.weight(&heavy), w.weight(&ok));
            assert!(
                l.contains("1020") && l.contains("1240") && l.contains("220"),
                "{l}"
            );
            assert!(h.contains("100"), "{h}");
            assert!(l != h && h != o && !o.contains('{'), "{l} / {h} / {o}");
        }
        assert!(Lang::En.words().weight(&light).contains("220 g too light"));
        assert!(Lang::En.words().weight(&heavy).contains("100 g too heavy"));
    }
}
