//! JUDGE: evidence for and against, per dimension, into ratings, a verdict and a score.
//!
//! This is how a Bar Raiser decides (`../shared/JUDGEMENT.md`): for each dimension the LP
//! and level weigh (ownership, action, depth, result, reflection, the LP's own signals,
//! delivery) collect evidence for and against from the whole answer, rate the dimension
//! (strong, adequate, weak, missing, red flag), and decide from the ratings, with red
//! flags capping the verdict. Evidence *for* is credit a span of the answer earned (a
//! concrete action of the candidate's own, a before-and-after measure); evidence *against*
//! is a finding. A dimension's value is its credit less its penalties over the credit a
//! strong answer shows (its target), between 0 and 1; its rating follows from the value
//! less what unrelated sentences earned;
//! the verdict follows from the ratings by the rubric's verdict rules, read from the
//! highest verdict down; the score places the answer inside its verdict's band by the
//! weighted mean of the values, so the score always agrees with the verdict and more
//! evidence never lowers it.
//!
//! Nothing here knows a phrase or a rule: the items arrive already found, and every
//! number (targets, thresholds, verdict rules, bands) is rubric data.

mod params;
#[cfg(test)]
mod tests;

pub use params::{Bands, DimensionParams, Params, VerdictRule};

use crate::ids::{DimensionId, Rating, Verdict};
use crate::text::Span;

/// For or against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Credit the answer earned.
    For,
    /// A finding against it.
    Against,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The dimension it bears on.
    pub dimension: DimensionId,
    /// For or against.
    pub stance: Stance,
    /// The words it rests on.
    pub span: Span,
    /// What it shows, for people ("a stated scope boundary").
    pub note: String,
    /// The rule it comes from (index into the rubric's rules), if any.
    pub rule: Option<usize>,
    /// Credit (for) or penalty (against), in the dimension's points.
    pub points: f64,
    /// The highest verdict the answer can reach with this against it.
    pub cap: Option<Verdict>,
    /// A disqualifier: the dimension is rated a red flag.
    pub red_flag: bool,
    /// Credit from a sentence that shares nothing with the story (a metric or a boundary
    /// phrase appended to it): it counts in the value, never towards the rating.
    pub unrelated: bool,
    /// Unrelated credit told after the story's last sentence that belongs to it (a
    /// paragraph appended to the story): it places the answer inside its verdict's band,
    /// never in a higher one.
    pub appended: bool,
}

/// One rated dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Which dimension.
    pub id: DimensionId,
    /// What the LP and level give it (0 when it is not judged).
    pub weight: f64,
    /// Its rating.
    pub rating: Rating,
    /// Credit less penalties over the target, 0 to 1.
    pub value: f64,
    /// The evidence, in text order.
    pub evidence: Vec<Item>,
}

/// The judgement of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Every dimension, in the contract's order.
    pub dimensions: Vec<Dimension>,
    /// The weighted mean of the dimensions' values, 0 to 1.
    pub overall: f64,
    /// The verdict.
    pub verdict: Verdict,
    /// 0-100 (in tenths), inside the verdict's band.
    pub score: crate::ids::Score,
    /// The red flag that lowered the verdict, if one did.
    pub capped_by: Option<Item>,
}

impl Judgement {
    /// The judgement of a text that is not an answer: every dimension missing, No Hire, 0.
    pub fn not_an_answer() -> Judgement {
        Judgement {
            dimensions: DimensionId::ALL
                .iter()
                .map(|id| Dimension {
                    id: *id,
                    weight: 0.0,
                    rating: Rating::Missing,
                    value: 0.0,
                    evidence: Vec::new(),
                })
                .collect(),
            overall: 0.0,
            verdict: Verdict::NoHire,
            score: crate::ids::Score::default(),
            capped_by: None,
        }
    }

    /// The dimension `id`.
    pub fn dimension(&self, id: DimensionId) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

/// Rate one dimension from its evidence.
/// Returns the dimension and its value less what sentences appended to the story earned.
fn rate(
    id: DimensionId,
    weight: f64,
    mut evidence: Vec<Item>,
    p: &DimensionParams,
) -> (Dimension, f64) {
    evidence.sort_by_key(|e| (e.span.start, e.span.end));
    let credit: f64 = p.base
        + evidence
            .iter()
            .filter(|e| e.stance == Stance::For)
            .map(|e| e.points)
            .sum::<f64>();
    let penalty: f64 = evidence
        .iter()
        .filter(|e| e.stance == Stance::Against)
        .map(|e| e.points)
        .sum();
    let of = |credit: f64| {
        if p.target > 0.0 {
            (((credit - penalty) / p.target).clamp(0.0, 1.0) * 1e6).round() / 1e6
        } else {
            0.0
        }
    };
    let value = of(credit);
    // The rating rests on evidence about this story: what an unrelated sentence earned
    // polishes the value but cannot lift the rating ("appending rubric phrases to a weak
    // answer does not make it pass").
    let credit_if = |keep: fn(&Item) -> bool| -> f64 {
        evidence
            .iter()
            .filter(|e| e.stance == Stance::For && keep(e))
            .map(|e| e.points)
            .sum()
    };
    let rated = of(credit - credit_if(|e| e.unrelated));
    // The value the verdict reads: less what a paragraph appended to the story earned.
    let told = of(credit - credit_if(|e| e.appended));
    let rating = if evidence.iter().any(|e| e.red_flag) {
        Rating::RedFlag
    } else if credit <= 0.0 {
        Rating::Missing
    } else if rated >= p.strong {
        Rating::Strong
    } else if rated >= p.adequate {
        Rating::Adequate
    } else {
        Rating::Weak
    };
    (
        Dimension {
            id,
            weight,
            rating,
            value,
            evidence,
        },
        told,
    )
}

/// Judge one answer from its evidence. `weights` are the LP and level's weights per
/// dimension (contract order); a dimension with weight 0 is shown but not judged.
pub fn judge(items: Vec<Item>, weights: &[f64; 7], params: &Params) -> Judgement {
    let mut per: Vec<Vec<Item>> = vec![Vec::new(); DimensionId::ALL.len()];
    for item in items {
        per[item.dimension.index()].push(item);
    }
    let (dimensions, told): (Vec<Dimension>, Vec<f64>) = DimensionId::ALL
        .iter()
        .zip(per)
        .map(|(id, ev)| rate(*id, weights[id.index()], ev, &params.dimensions[id.index()]))
        .unzip();
    let total: f64 = dimensions.iter().map(|d| d.weight).sum();
    // Rounded, so the order evidence was summed in (text order) cannot move a score by a
    // tenth when the same evidence sits elsewhere in the text.
    // A dimension that starts full (delivery) polishes content; it cannot stand in for it:
    // it counts in full only once the weighted mean of the dimensions that are earned
    // reaches its `earned-full`, and in proportion below, so a well-delivered nothing (a
    // fragment padded past the word floor) is still nothing.
    let earned = |d: &&Dimension| params.dimensions[d.id.index()].base <= 0.0;
    let earned_weight: f64 = dimensions.iter().filter(earned).map(|d| d.weight).sum();
    // The weighted mean of `values` (one per dimension, in order).
    let mean_of = |values: &[f64]| {
        let earned_mean = if earned_weight > 0.0 {
            dimensions
                .iter()
                .zip(values)
                .filter(|(d, _)| earned(d))
                .map(|(d, v)| d.weight * v)
                .sum::<f64>()
                / earned_weight
        } else {
            1.0
        };
        let counted = |d: &Dimension, v: f64| {
            let p = &params.dimensions[d.id.index()];
            if p.base > 0.0 && p.earned_full > 0.0 {
                v * (earned_mean / p.earned_full).min(1.0)
            } else {
                v
            }
        };
        if total > 0.0 {
            let mean = dimensions
                .iter()
                .zip(values)
                .map(|(d, &v)| d.weight * counted(d, v))
                .sum::<f64>()
                / total;
            (mean * 1e6).round() / 1e6
        } else {
            0.0
        }
    };
    let values: Vec<f64> = dimensions.iter().map(|d| d.value).collect();
    let overall = mean_of(&values);
    // Like the ratings, the verdict rests on the story: what a paragraph appended to it
    // earned places the answer inside its band, never in a higher one. Nor do labels,
    // length or structure decide it: a dimension that starts full (delivery) counts at its
    // start in the verdict's mean and places the answer inside its band by what it lost.
    let told: Vec<f64> = dimensions
        .iter()
        .zip(told)
        .map(|(d, v)| {
            let p = &params.dimensions[d.id.index()];
            if p.base > 0.0 && p.target > 0.0 {
                (p.base / p.target).min(1.0)
            } else {
                v
            }
        })
        .collect();
    let (mut verdict, floor) = params.verdict_of(&dimensions, mean_of(&told));
    let capped_by = dimensions
        .iter()
        .filter(|d| d.weight > 0.0)
        .flat_map(|d| &d.evidence)
        .filter_map(|e| e.cap.map(|c| (c, e)))
        .min_by_key(|(c, e)| (*c, e.span.start))
        .filter(|(c, _)| *c <= verdict)
        .map(|(c, e)| {
            verdict = c;
            e.clone()
        });
    // Inside the band: how far `overall` lies above the overall at which this verdict's rule
    // starts, out of all the way to 1. Read up to 1 rather than to the next rule's start, an
    // answer held back by a rating (or capped) still ranks above a weaker one of its verdict.
    let floor = if capped_by.is_some() {
        params.floor_of(verdict)
    } else {
        floor
    };
    let t = if floor >= 1.0 {
        1.0
    } else {
        ((overall - floor) / (1.0 - floor)).clamp(0.0, 1.0)
    };
    let score = params.bands.place(verdict, t);
    Judgement {
        dimensions,
        overall,
        verdict,
        score,
        capped_by,
    }
}
