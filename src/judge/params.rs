//! The numbers a judgement uses, as the rubric writes them: each dimension's target and
//! rating thresholds, the verdict rules and the score bands.

use crate::ids::{DimensionId, Rating, Verdict};
use serde::Deserialize;

/// How one dimension turns evidence into a value and a rating.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DimensionParams {
    /// The credit a strong answer shows in this dimension (value 1).
    pub target: f64,
    /// Credit every answer starts with (delivery starts full and loses points).
    #[serde(default)]
    pub base: f64,
    /// For a dimension that starts full: the weighted mean of the earned dimensions' values
    /// from which it counts in full in the overall; below, it counts in proportion (0: always
    /// in full).
    #[serde(default)]
    pub earned_full: f64,
    /// Value at or above which the dimension is strong.
    pub strong: f64,
    /// Value at or above which it is adequate (below: weak, or missing with no credit).
    pub adequate: f64,
}

/// One verdict rule: the verdict holds when every condition does.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VerdictRule {
    /// The verdict.
    pub verdict: Verdict,
    /// The weighted mean of the values must reach this.
    #[serde(default)]
    pub min_overall: f64,
    /// These dimensions must be rated at least this (when the LP and level weigh them).
    #[serde(default)]
    pub at_least: std::collections::BTreeMap<DimensionId, Rating>,
    /// Every dimension weighted at least `core-weight` must be rated at least this.
    pub core_at_least: Option<Rating>,
    /// What makes a dimension core for `core-at-least`.
    #[serde(default = "one")]
    pub core_weight: f64,
}

fn one() -> f64 {
    1.0
}

/// The lowest score of each verdict's band (contract defaults 85, 70, 50).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// Strong Hire at or above.
    pub strong_hire: f64,
    /// Hire at or above.
    pub hire: f64,
    /// Leaning No Hire at or above; below is No Hire.
    pub leaning_no_hire: f64,
}

impl Bands {
    /// The band `[low, high]` of `v`, in whole points.
    pub fn range(&self, v: Verdict) -> (u32, u32) {
        // Bands are checked finite and within 0..=100 when the rubric loads.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let at = |x: f64| x.clamp(0.0, 100.0).ceil() as u32;
        match v {
            Verdict::StrongHire => (at(self.strong_hire), 100),
            Verdict::Hire => (at(self.hire), at(self.strong_hire).saturating_sub(1)),
            Verdict::LeaningNoHire => (at(self.leaning_no_hire), at(self.hire).saturating_sub(1)),
            Verdict::NoHire => (0, at(self.leaning_no_hire).saturating_sub(1)),
        }
    }

    /// The score a fraction `t` (0 to 1) of the way up `v`'s band, to a tenth of a point
    /// (the band's last whole point is its top: Hire runs from 70 to 84.9).
    pub fn place(&self, v: Verdict, t: f64) -> crate::ids::Score {
        let (lo, hi) = self.range(v);
        let top = if v == Verdict::StrongHire {
            hi * 10
        } else {
            hi * 10 + 9
        };
        let span = f64::from(top.saturating_sub(lo * 10));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let up = (span * t.clamp(0.0, 1.0)).floor() as u32;
        crate::ids::Score::from_tenths((lo * 10 + up).min(top))
    }

    /// The verdict whose band holds `score`.
    pub fn verdict(&self, score: f64) -> Verdict {
        if score >= self.strong_hire {
            Verdict::StrongHire
        } else if score >= self.hire {
            Verdict::Hire
        } else if score >= self.leaning_no_hire {
            Verdict::LeaningNoHire
        } else {
            Verdict::NoHire
        }
    }
}

/// Everything a judgement needs from the rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Per dimension, in the contract's order.
    pub dimensions: [DimensionParams; 7],
    /// From the highest verdict down; the first that holds is the verdict.
    pub verdicts: Vec<VerdictRule>,
    /// Score bands.
    pub bands: Bands,
}

impl Params {
    /// The verdict the rules give, with the overall value at which its rule starts (0 for
    /// the No Hire every answer falls to).
    pub fn verdict_of(&self, dims: &[super::Dimension], overall: f64) -> (Verdict, f64) {
        self.verdicts
            .iter()
            .find(|rule| rule.holds(dims, overall))
            .map_or((Verdict::NoHire, 0.0), |rule| {
                (rule.verdict, rule.min_overall)
            })
    }

    /// The overall value at which `v`'s rule starts (0 for a verdict with no rule).
    pub fn floor_of(&self, v: Verdict) -> f64 {
        self.verdicts
            .iter()
            .find(|r| r.verdict == v)
            .map_or(0.0, |r| r.min_overall)
    }
}

impl VerdictRule {
    fn holds(&self, dims: &[super::Dimension], overall: f64) -> bool {
        if overall < self.min_overall {
            return false;
        }
        let judged = |d: &&super::Dimension| d.weight > 0.0;
        let named = self.at_least.iter().all(|(id, min)| {
            dims.iter()
                .filter(judged)
                .find(|d| d.id == *id)
                .is_none_or(|d| d.rating >= *min)
        });
        let core = self.core_at_least.is_none_or(|min| {
            dims.iter()
                .filter(judged)
                .filter(|d| d.weight >= self.core_weight)
                .all(|d| d.rating >= min)
        });
        named && core
    }
}
