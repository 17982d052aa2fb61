//! The settle rule: a weight is used only when the scale flags it stable **and** the last N
//! stable readings all lie within a band. Any moving reading starts the count again. The band
//! is never narrower than one display division (a 10 g scale may flicker by 10 g when stable).
//!
//! By default N is 1: the scale's own stability flag decides, as its maker intends (MT-SICS
//! answers `S S` only once its motion detector is at rest; NCI's status byte and Toledo's
//! status carry the motion bit), so the weight is used the moment the scale reports it stable.
//! A scale known to flag stability early gets `[scale] settle_readings = 3` (or more): that
//! many stable readings in a row within `settle_band_g`.

use super::codec::Sample;
use super::units::WeightValue;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// N consecutive stable readings whose spread (max - min) is at most `band_g` grams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettleRule {
    pub readings: u32,
    pub band_g: u32,
}

impl SettleRule {
    /// The most readings a station may ask for: ten polls is a second at the default pace.
    pub const MAX_READINGS: u32 = 10;
}

impl Default for SettleRule {
    /// The scale's stability flag alone (one stable reading); the band applies from two.
    fn default() -> Self {
        SettleRule {
            readings: 1,
            band_g: 5,
        }
    }
}

/// Applies a [`SettleRule`] to a stream of readings.
#[derive(Debug, Clone)]
pub struct Settler {
    rule: SettleRule,
    window: VecDeque<i64>,
}

impl Settler {
    pub fn new(rule: SettleRule) -> Self {
        Settler {
            rule,
            window: VecDeque::new(),
        }
    }

    /// Forgets every reading so far.
    pub fn reset(&mut self) {
        self.window.clear();
    }

    /// Adds a reading; true when the weight has settled (this reading is then the result).
    pub fn push(&mut self, grams: i64, stable: bool) -> bool {
        self.push_within(grams, stable, self.rule.band_g)
    }

    /// Adds a sample, with the band widened to one display division when that is wider.
    pub fn push_sample(&mut self, sample: &Sample) -> bool {
        let division = WeightValue::division_g(sample.value.decimals, sample.unit);
        self.push_within(
            sample.grams(),
            sample.stable,
            self.rule.band_g.max(division),
        )
    }

    fn push_within(&mut self, grams: i64, stable: bool, band_g: u32) -> bool {
        if !stable {
            self.window.clear();
            return false;
        }
        self.window.push_back(grams);
        // Keep the longest run of recent readings that fits in the band.
        while self.spread() > i128::from(band_g) {
            self.window.pop_front();
        }
        let n = self.rule.readings.max(1) as usize;
        while self.window.len() > n {
            self.window.pop_front();
        }
        self.window.len() >= n
    }

    fn spread(&self) -> i128 {
        let max = self.window.iter().max().copied().unwrap_or(0);
        let min = self.window.iter().min().copied().unwrap_or(0);
        i128::from(max) - i128::from(min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: SettleRule, readings: &[(i64, bool)]) -> Option<usize> {
        let mut s = Settler::new(rule);
        readings.iter().position(|&(g, st)| s.push(g, st))
    }

    #[test]
    fn the_band_is_at_least_one_division() {
        use crate::scale::units::Unit;
        let sample = |m: i64| Sample {
            value: WeightValue::new(m, 2),
            unit: Unit::Kg,
            stable: true,
            net: None,
        };
        let mut s = Settler::new(SettleRule {
            readings: 3,
            band_g: 2,
        });
        // 10 g divisions flickering by one division settle...
        assert!(!s.push_sample(&sample(150)));
        assert!(!s.push_sample(&sample(151)));
        assert!(s.push_sample(&sample(150)));
        // ...two divisions do not.
        let mut s = Settler::new(SettleRule {
            readings: 3,
            band_g: 2,
        });
        assert!(![150, 152, 150, 152]
            .iter()
            .any(|&m| s.push_sample(&sample(m))));
    }

    type Case = (
        &'static str,
        SettleRule,
        &'static [(i64, bool)],
        Option<usize>,
    );

    #[test]
    fn settle_rule_table() {
        let r3 = SettleRule {
            readings: 3,
            band_g: 2,
        };
        let cases: &[Case] = &[
            (
                "three equal stable",
                r3,
                &[(100, true), (100, true), (100, true)],
                Some(2),
            ),
            ("two are not enough", r3, &[(100, true), (100, true)], None),
            (
                "motion restarts the count",
                r3,
                &[
                    (100, true),
                    (100, true),
                    (100, false),
                    (100, true),
                    (100, true),
                    (100, true),
                ],
                Some(5),
            ),
            (
                "within the band",
                r3,
                &[(100, true), (102, true), (101, true)],
                Some(2),
            ),
            (
                "outside the band restarts from the outlier",
                r3,
                &[
                    (100, true),
                    (100, true),
                    (110, true),
                    (110, true),
                    (111, true),
                ],
                Some(4),
            ),
            (
                "drifting never settles",
                r3,
                &[
                    (100, true),
                    (103, true),
                    (106, true),
                    (109, true),
                    (112, true),
                ],
                None,
            ),
            (
                "the default: the scale's own flag, the first stable reading",
                SettleRule::default(),
                &[(100, false), (130, false), (120, true)],
                Some(2),
            ),
            (
                "one reading rule",
                SettleRule {
                    readings: 1,
                    band_g: 0,
                },
                &[(5, false), (5, true)],
                Some(1),
            ),
            (
                "zero readings means one",
                SettleRule {
                    readings: 0,
                    band_g: 0,
                },
                &[(5, true)],
                Some(0),
            ),
            ("never stable", r3, &[(1, false); 10], None),
        ];
        for (name, rule, readings, want) in cases {
            assert_eq!(run(*rule, readings), *want, "{name}");
        }
    }
}
