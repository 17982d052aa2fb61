//! The packaging suggestion's "why" and the scale's verdict in the packer's language, condensed
//! for a glance at arm's length: the chosen parcel(s) in one line, at most two cheaper
//! packagings with the first reason each was ruled out, and the weight against its allowance.
//! The station sends the engine's structured [`Explanation`] and [`WeightCheck`]; the screen
//! words them here, so every language reads the same figures.

use packbench_core::carton::{BoxSide, Explanation, Handling, PackagingKind, Rejection};
use packbench_core::weight_gate::WeightCheck;

use crate::i18n::{fill, Lang};

/// How many ruled-out packagings the screen names; the rest are counted.
pub const RULED_OUT_SHOWN: usize = 2;

pub struct ExplainWords {
    pub one_parcel: &'static str,
    pub parcels: &'static str,
    pub parcel_units: &'static str,
    pub not_box: &'static str,
    pub more_ruled_out: &'static str,
    pub unpacked: &'static str,
    pub not_stocked: &'static str,
    pub reserved: &'static str,
    pub forbidden: &'static str,
    pub fragile_soft: &'static str,
    pub liquid_soft: &'static str,
    pub too_small: &'static str,
    pub sides: [&'static str; 3],
    pub too_heavy: &'static str,
    pub volume: &'static str,
    pub no_fit: &'static str,
    pub kinds: [&'static str; 3],
    pub weight_ok: &'static str,
    pub weight_light: &'static str,
    pub weight_heavy: &'static str,
    /// Decimal separator.
    pub decimal: char,
}

pub static EN: ExplainWords = ExplainWords {
    one_parcel: "{box}: {fill}% full, {kg} kg",
    parcels: "{n} parcels: {list}",
    parcel_units: "{box} ({units} pcs)",
    not_box: "Not {box}: {why}",
    more_ruled_out: "{n} more ruled out",
    unpacked: "No packaging takes {list}: ship separately",
    not_stocked: "not in stock",
    reserved: "reserved for {clients}",
    forbidden: "not allowed for {client}",
    fragile_soft: "{sku} is fragile and needs a box",
    liquid_soft: "{sku} is a liquid and needs a box",
    too_small: "{sku} needs {item} mm, its {side} is {inner} mm",
    sides: ["length", "width", "height"],
    too_heavy: "{kg} kg is over its {max} kg limit",
    volume: "the units take {l} l, it holds {cap} l",
    no_fit: "the units do not fit in it together",
    kinds: ["Box", "Mailer", "Polybag"],
    weight_ok: "{m} g measured, {e} g expected: within {a} g",
    weight_light: "{m} g measured, {e} g expected: {d} g too light (allowed {a} g)",
    weight_heavy: "{m} g measured, {e} g expected: {d} g too heavy (allowed {a} g)",
    decimal: '.',
};

pub static PL: ExplainWords = ExplainWords {
    one_parcel: "{box}: wypełnienie {fill}%, {kg} kg",
    parcels: "{n} paczki: {list}",
    parcel_units: "{box} ({units} szt.)",
    not_box: "Nie {box}: {why}",
    more_ruled_out: "odrzucono jeszcze {n}",
    unpacked: "Żadne opakowanie nie mieści {list}: wyślij osobno",
    not_stocked: "brak na stanie",
    reserved: "zarezerwowane dla {clients}",
    forbidden: "niedozwolone dla {client}",
    fragile_soft: "{sku} jest kruchy i wymaga kartonu",
    liquid_soft: "{sku} to płyn i wymaga kartonu",
    too_small: "{sku} potrzebuje {item} mm, a {side} to {inner} mm",
    sides: ["długość", "szerokość", "wysokość"],
    too_heavy: "{kg} kg przekracza limit {max} kg",
    volume: "produkty zajmują {l} l, mieści {cap} l",
    no_fit: "produkty nie mieszczą się w nim razem",
    kinds: ["Karton", "Koperta", "Foliopak"],
    weight_ok: "zmierzono {m} g, oczekiwano {e} g: w granicach {a} g",
    weight_light: "zmierzono {m} g, oczekiwano {e} g: o {d} g za lekka (dozwolone {a} g)",
    weight_heavy: "zmierzono {m} g, oczekiwano {e} g: o {d} g za ciężka (dozwolone {a} g)",
    decimal: ',',
};

pub static RO: ExplainWords = ExplainWords {
    one_parcel: "{box}: plin {fill}%, {kg} kg",
    parcels: "{n} colete: {list}",
    parcel_units: "{box} ({units} buc.)",
    not_box: "Nu {box}: {why}",
    more_ruled_out: "încă {n} excluse",
    unpacked: "Niciun ambalaj nu cuprinde {list}: expediați separat",
    not_stocked: "nu este în stoc",
    reserved: "rezervat pentru {clients}",
    forbidden: "nepermis pentru {client}",
    fragile_soft: "{sku} este fragil și cere o cutie",
    liquid_soft: "{sku} este lichid și cere o cutie",
    too_small: "{sku} are nevoie de {item} mm, {side} este {inner} mm",
    sides: ["lungimea", "lățimea", "înălțimea"],
    too_heavy: "{kg} kg depășește limita de {max} kg",
    volume: "produsele ocupă {l} l, încap {cap} l",
    no_fit: "produsele nu încap împreună",
    kinds: ["Cutie", "Plic", "Pungă"],
    weight_ok: "măsurat {m} g, așteptat {e} g: în limita de {a} g",
    weight_light: "măsurat {m} g, așteptat {e} g: cu {d} g prea ușor (admis {a} g)",
    weight_heavy: "măsurat {m} g, așteptat {e} g: cu {d} g prea greu (admis {a} g)",
    decimal: ',',
};

impl Lang {
    pub fn explain_words(self) -> &'static ExplainWords {
        match self {
            Lang::En => &EN,
            Lang::Pl => &PL,
            Lang::Ro => &RO,
        }
    }
}

impl ExplainWords {
    /// `value` with `places` decimals and this language's separator.
    pub fn number(&self, value: f64, places: usize) -> String {
        let s = format!("{value:.places$}");
        if self.decimal == '.' {
            s
        } else {
            s.replace('.', &self.decimal.to_string())
        }
    }

    pub fn kind(&self, kind: PackagingKind) -> &'static str {
        match kind {
            PackagingKind::Box => self.kinds[0],
            PackagingKind::Mailer => self.kinds[1],
            PackagingKind::Polybag => self.kinds[2],
        }
    }

    /// One reason a packaging was ruled out.
    pub fn rejection(&self, r: &Rejection) -> String {
        match r {
            Rejection::NotStocked => self.not_stocked.into(),
            Rejection::ReservedForOtherClients {
                allowed_clients, ..
            } => fill(self.reserved, &[("clients", &allowed_clients.join(", "))]),
            Rejection::ForbiddenForClient { client } => fill(self.forbidden, &[("client", client)]),
            Rejection::SoftPackaging { sku, handling, .. } => fill(
                match handling {
                    Handling::Fragile => self.fragile_soft,
                    Handling::Liquid => self.liquid_soft,
                },
                &[("sku", sku)],
            ),
            Rejection::TooSmall {
                sku,
                side,
                item_mm,
                inner_mm,
            } => fill(
                self.too_small,
                &[
                    ("sku", sku),
                    ("item", &item_mm.to_string()),
                    (
                        "side",
                        self.sides[match side {
                            BoxSide::Length => 0,
                            BoxSide::Width => 1,
                            BoxSide::Height => 2,
                        }],
                    ),
                    ("inner", &inner_mm.to_string()),
                ],
            ),
            Rejection::TooHeavy {
                gross_g,
                max_gross_g,
            } => fill(
                self.too_heavy,
                &[
                    ("kg", &self.number(*gross_g as f64 / 1000.0, 1)),
                    ("max", &self.number(f64::from(*max_gross_g) / 1000.0, 1)),
                ],
            ),
            Rejection::NotEnoughVolume {
                items_mm3,
                inner_mm3,
            } => fill(
                self.volume,
                &[
                    ("l", &self.number(*items_mm3 as f64 / 1e6, 1)),
                    ("cap", &self.number(*inner_mm3 as f64 / 1e6, 1)),
                ],
            ),
            Rejection::NoArrangementFound => self.no_fit.into(),
        }
    }

    /// The explanation as at most `2 + RULED_OUT_SHOWN + 1` short lines: the parcels, the
    /// cheaper packagings ruled out (first reason each, cheapest first), how many more were,
    /// and units no packaging takes.
    pub fn packaging(&self, e: &Explanation) -> Vec<String> {
        let mut lines = Vec::new();
        match e.chosen.as_slice() {
            [] => {}
            [c] => lines.push(fill(
                self.one_parcel,
                &[
                    ("box", &c.packaging_id),
                    ("fill", &format!("{:.0}", c.fill_pct)),
                    ("kg", &self.number(c.gross_weight_g as f64 / 1000.0, 2)),
                ],
            )),
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|c| {
                        fill(
                            self.parcel_units,
                            &[("box", &c.packaging_id), ("units", &c.units.to_string())],
                        )
                    })
                    .collect();
                lines.push(fill(
                    self.parcels,
                    &[("n", &many.len().to_string()), ("list", &list.join(", "))],
                ));
            }
        }
        for r in e.cheaper_ruled_out.iter().take(RULED_OUT_SHOWN) {
            let why = r
                .reasons
                .first()
                .map_or_else(|| self.no_fit.to_owned(), |x| self.rejection(x));
            lines.push(fill(
                self.not_box,
                &[("box", &r.packaging_id), ("why", &why)],
            ));
        }
        let more = e.cheaper_ruled_out.len().saturating_sub(RULED_OUT_SHOWN);
        if more > 0 {
            lines.push(fill(self.more_ruled_out, &[("n", &more.to_string())]));
        }
        if !e.unpacked.is_empty() {
            let list: Vec<String> = e
                .unpacked
                .iter()
                .map(|u| format!("{} ×{}", u.sku, u.qty))
                .collect();
            lines.push(fill(self.unpacked, &[("list", &list.join(", "))]));
        }
        lines
    }

    /// The scale's verdict in one line.
    pub fn weight(&self, c: &WeightCheck) -> String {
        let template = if c.accepted {
            self.weight_ok
        } else if c.deviation_g < 0 {
            self.weight_light
        } else {
            self.weight_heavy
        };
        fill(
            template,
            &[
                ("m", &c.measured_g.to_string()),
                ("e", &c.expected_g.to_string()),
                ("a", &c.allowance_g.to_string()),
                ("d", &c.deviation_g.unsigned_abs().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use packbench_core::carton::{ChosenParcel, RuledOut, SkuCount};

    use super::*;

    const LANGS: [Lang; 3] = [Lang::En, Lang::Pl, Lang::Ro];

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
            let w = lang.explain_words();
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
            assert!(texts[5].contains(w.sides[2]));
            let kg = w.number(12.345, 1);
            assert!(texts[6].contains(&kg), "{}: {}", lang.tag(), texts[6]);
            assert!(texts[7].contains(&w.number(9.9, 1)) && texts[7].contains(&w.number(7.25, 1)));
        }
        assert_eq!(EN.number(12.345, 1), "12.3");
        assert_eq!(PL.number(12.345, 1), "12,3");
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
            let w = lang.explain_words();
            let lines = w.packaging(&explanation(5));
            assert_eq!(lines.len(), 1 + RULED_OUT_SHOWN + 1, "{lines:?}");
            assert!(lines[0].contains("BX-M") && lines[0].contains("62%"));
            assert!(lines[0].contains(&w.number(1.24, 2)), "{}", lines[0]);
            assert!(lines[1].contains("CHEAP-0") && lines[2].contains("CHEAP-1"));
            // Only the first reason of each.
            assert!(!lines[1].contains(w.not_stocked), "{}", lines[1]);
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
            let lines = lang.explain_words().packaging(&e);
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
            let w = lang.explain_words();
            let (l, h, o) = (w.weight(&light), w.weight(&heavy), w.weight(&ok));
            assert!(
                l.contains("1020") && l.contains("1240") && l.contains("220"),
                "{l}"
            );
            assert!(h.contains("100"), "{h}");
            assert!(l != h && h != o && !o.contains('{'), "{l} / {h} / {o}");
        }
        assert!(EN.weight(&light).contains("220 g too light"));
        assert!(EN.weight(&heavy).contains("100 g too heavy"));
    }
}
