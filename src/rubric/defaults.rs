//! What a rubric means when it leaves a value out: one place for every default, so the
//! embedded rubric, an overlay and the docs agree on them.

use super::compiled::Dimension;
use super::model::{Bands, Points};
use crate::report::Severity;

/// Speaking rate (the contract's 150 words per minute).
pub const WORDS_PER_MINUTE: f64 = 150.0;
/// "Well over" a target: this many times it.
pub const OVER_FACTOR: f64 = 1.5;
/// The total cost at which an answer scores 50.
pub const HALF_SCORE_COST: f64 = 120.0;
/// A section's target speaking time, in seconds.
pub const TARGET_SECONDS: f64 = 30.0;
/// A level's target answer length, [low, high] seconds.
pub const ANSWER_SECONDS: [f64; 2] = [120.0, 150.0];
/// What a missing section's points are multiplied by.
pub const MISSING_WEIGHT: f64 = 1.0;
/// What a rule's points are multiplied by.
pub const RULE_WEIGHT: f64 = 1.0;
/// An LP's weight for a dimension it does not name.
pub const LP_WEIGHT: f64 = 1.0;
/// Most findings one answer reports for one rule.
pub const MAX_FINDINGS: usize = 50;
/// A rule's severity.
pub const SEVERITY: Severity = Severity::Warning;
/// The dimension a rule (or a missing section) costs.
pub const DIMENSION: Dimension = Dimension::Delivery;
/// Fewer words than this is not an answer (contract).
pub const MIN_WORDS: u32 = 20;
/// Each further finding of one rule costs this fraction of the one before.
pub const REPEAT_DECAY: f64 = 0.7;
/// The most credit a `count` or `credit` rule gives one answer, when it does not say.
pub const CREDIT_MAX: f64 = 1000.0;
/// Credit per counted hit, or for a satisfied `require` rule, when the rule does not say.
pub const CREDIT: f64 = 0.0;
/// A dimension's parameters when the rubric does not give them.
pub const DIMENSION_PARAMS: crate::judge::DimensionParams = crate::judge::DimensionParams {
    target: 2.0,
    base: 0.0,
    earned_full: 0.0,
    strong: 0.75,
    adequate: 0.45,
};

/// The verdict bands (contract: 85, 70, 50).
pub const BANDS: Bands = Bands {
    strong_hire: 85.0,
    hire: 70.0,
    leaning_no_hire: 50.0,
};

/// What one finding costs its dimension, per severity (in the dimension's credit units).
pub const POINTS: Points = Points {
    error: 1.0,
    warning: 0.5,
    info: 0.1,
};
