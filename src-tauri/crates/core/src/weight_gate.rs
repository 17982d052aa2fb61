//! The weight gate: a parcel's measured weight against what should be in it (units plus
//! packaging tare), within a tolerance. A mismatch blocks the label until the parcel is
//! re-weighed or a supervisor overrides it; this module only judges, the pack flow enforces.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::pack_flow::WeightVerdict;

/// How far a parcel may weigh from its expected weight: the larger of an absolute allowance and
/// a share of the expected weight (small parcels need the grams, heavy ones the percentage).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    pub abs_g: u32,
    /// Percent of the expected weight, 0 to 100.
    pub pct: f64,
}

impl Default for Tolerance {
    /// 30 g or 5 %, whichever is more: catches a missing mug or book, not packing paper.
    fn default() -> Self {
        Tolerance {
            abs_g: 30,
            pct: 5.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ToleranceError {
    #[error("tolerance percent must be from 0 to 100, not {0}")]
    Percent(String),
    /// Beyond this the gate would wave through a missing item in most parcels.
    #[error("tolerance in grams must be from 0 to {max} g, not {0} g: a larger one lets most parcels through whatever they hold", max = Tolerance::MAX_ABS_G)]
    Grams(u32),
}

impl Tolerance {
    /// The largest absolute tolerance a config may set.
    pub const MAX_ABS_G: u32 = 2_000;

    pub fn validate(&self) -> Result<(), ToleranceError> {
        if !(self.pct.is_finite() && (0.0..=100.0).contains(&self.pct)) {
            return Err(ToleranceError::Percent(self.pct.to_string()));
        }
        if self.abs_g > Self::MAX_ABS_G {
            return Err(ToleranceError::Grams(self.abs_g));
        }
        Ok(())
    }

    /// Which config key a validation error is about (`pct` or `abs_g`).
    pub fn key_of(e: &ToleranceError) -> &'static str {
        match e {
            ToleranceError::Percent(_) => "pct",
            ToleranceError::Grams(_) => "abs_g",
        }
    }

    /// The allowed deviation, in grams, for a parcel expected to weigh `expected_g`.
    pub fn allowance_g(&self, expected_g: u64) -> u64 {
        let share = (expected_g as f64 * self.pct / 100.0).floor() as u64;
        share.max(u64::from(self.abs_g))
    }
}

/// Tolerances per client (some clients ship light, variable goods), with a default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerances {
    #[serde(default)]
    pub default: Tolerance,
    #[serde(default)]
    pub per_client: BTreeMap<String, Tolerance>,
}

impl Tolerances {
    pub fn for_client(&self, client: &str) -> Tolerance {
        self.per_client.get(client).copied().unwrap_or(self.default)
    }
}

/// The expected gross weight: every unit's weight times its quantity, plus the packaging tare.
pub fn expected_weight_g(units: impl IntoIterator<Item = (u32, u32)>, tare_g: u32) -> u64 {
    units
        .into_iter()
        .map(|(weight_g, qty)| u64::from(weight_g) * u64::from(qty))
        .sum::<u64>()
        + u64::from(tare_g)
}

/// The gate's judgement, with the figures a packer and a supervisor see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightCheck {
    pub expected_g: u64,
    pub measured_g: u64,
    pub allowance_g: u64,
    /// measured - expected: negative when the parcel is light (something missing).
    pub deviation_g: i64,
    pub accepted: bool,
}

impl WeightCheck {
    /// The verdict the pack flow takes.
    pub fn verdict(&self) -> WeightVerdict {
        if self.accepted {
            WeightVerdict::Accepted
        } else {
            WeightVerdict::Mismatch {
                expected_g: u32::try_from(self.expected_g).unwrap_or(u32::MAX),
            }
        }
    }
}

pub fn check(expected_g: u64, measured_g: u64, tol: Tolerance) -> WeightCheck {
    let allowance_g = tol.allowance_g(expected_g);
    let deviation_g = measured_g as i64 - expected_g as i64;
    WeightCheck {
        expected_g,
        measured_g,
        allowance_g,
        deviation_g,
        accepted: deviation_g.unsigned_abs() <= allowance_g,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn expected_weight_is_units_plus_tare() {
        assert_eq!(expected_weight_g([(120, 2), (455, 1)], 90), 785);
        assert_eq!(expected_weight_g([], 90), 90);
        assert_eq!(
            expected_weight_g([(u32::MAX, u32::MAX)], 0),
            u64::from(u32::MAX) * u64::from(u32::MAX)
        );
    }

    #[test]
    fn the_gate_accepts_within_the_larger_allowance_only() {
        let tol = Tolerance {
            abs_g: 30,
            pct: 5.0,
        };
        // (expected, measured, accepted): 30 g rules below 600 g, 5 % above.
        for (expected, measured, ok) in [
            (300, 330, true),
            (300, 331, false),
            (300, 269, false),
            (300, 270, true),
            (2000, 2100, true),
            (2000, 2101, false),
            (2000, 1899, false),
            (0, 30, true),
        ] {
            let c = check(expected, measured, tol);
            assert_eq!(c.accepted, ok, "{expected} vs {measured}: {c:?}");
            assert_eq!(c.verdict() == WeightVerdict::Accepted, ok);
        }
    }

    #[test]
    fn a_mismatch_says_light_or_heavy_and_by_how_much() {
        let c = check(1240, 1020, Tolerance::default());
        assert!(!c.accepted);
        assert_eq!(c.deviation_g, -220);
        assert_eq!(c.verdict(), WeightVerdict::Mismatch { expected_g: 1240 });
        assert_eq!(check(500, 600, Tolerance::default()).deviation_g, 100);
    }

    #[test]
    fn clients_can_have_their_own_tolerance() {
        let mut t = Tolerances::default();
        t.per_client.insert(
            "Pagebound Books".into(),
            Tolerance {
                abs_g: 10,
                pct: 1.0,
            },
        );
        assert_eq!(t.for_client("Pagebound Books").abs_g, 10);
        assert_eq!(t.for_client("Anyone else"), Tolerance::default());
        let parsed: Tolerances =
            serde_json::from_str(r#"{"per_client": {"X": {"abs_g": 5, "pct": 2.5}}}"#).unwrap();
        assert_eq!(parsed.default, Tolerance::default());
        assert!(serde_json::from_str::<Tolerances>(r#"{"defualt": {}}"#).is_err());
        assert!(Tolerance {
            abs_g: 0,
            pct: 150.0
        }
        .validate()
        .is_err());
        assert!(Tolerance {
            abs_g: 0,
            pct: f64::NAN
        }
        .validate()
        .is_err());
        // An absurd absolute tolerance would switch the gate off.
        let huge = Tolerance {
            abs_g: 1_000_000,
            pct: 5.0,
        };
        assert_eq!(huge.validate(), Err(ToleranceError::Grams(1_000_000)));
        assert_eq!(Tolerance::key_of(&huge.validate().unwrap_err()), "abs_g");
        assert!(Tolerance {
            abs_g: Tolerance::MAX_ABS_G,
            pct: 100.0
        }
        .validate()
        .is_ok());
    }

    proptest! {
        #[test]
        fn acceptance_is_exactly_the_allowance(expected in 0u64..200_000, measured in 0u64..200_000, abs in 0u32..500, pct in 0.0f64..20.0) {
            let tol = Tolerance { abs_g: abs, pct };
            let c = check(expected, measured, tol);
            prop_assert_eq!(c.accepted, expected.abs_diff(measured) <= c.allowance_g);
            prop_assert!(c.allowance_g >= u64::from(abs));
            // The exact expected weight always passes; a wider tolerance never rejects more.
            prop_assert!(check(expected, expected, tol).accepted);
            let wider = Tolerance { abs_g: abs + 10, pct: pct + 1.0 };
            prop_assert!(!c.accepted || check(expected, measured, wider).accepted);
        }
    }
}
