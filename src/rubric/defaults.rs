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
pub const DIMENSION: Dimension = Dimension::Concision;

/// The verdict bands (contract: 85, 70, 50).
pub const BANDS: Bands = Bands {
    strong_hire: 85.0,
    hire: 70.0,
    leaning_no_hire: 50.0,
};

/// Points per severity.
pub const POINTS: Points = Points {
    error: 15.0,
    warning: 7.0,
    info: 2.0,
};
