//! SCORE: findings + the LP and level profile → a 0–100 score and a verdict.
//!
//! Every finding costs points: its severity's base points × the rule's weight × the LP's
//! weight for the rule's dimension, halving for each further finding of the same rule (a
//! fourth "we" matters less than the first). The score is 100 minus the cost, clamped.
//! A disqualifier of the LP caps the verdict; the score is then lowered into the capped
//! band, so the score, its band and the caps always agree (contract).

use crate::check::{Profile, RawFinding};
use crate::ids::Verdict;
use crate::report::Severity;
use crate::rubric::{CompiledRubric, Kind, RuleId};

/// The score and verdict of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// 0–100.
    pub score: u32,
    /// The verdict its band and caps give.
    pub verdict: Verdict,
    /// The disqualifier that capped it, if any.
    pub capped_by: Option<RuleId>,
    /// Points each rule cost, largest first.
    pub costs: Vec<(RuleId, f64)>,
}

/// Score findings under a profile.
pub fn assess(findings: &[RawFinding], rubric: &CompiledRubric, profile: &Profile) -> Assessment {
    let lp = rubric.lp(profile.lp);
    let mut seen = vec![0i32; rubric.rules.len()];
    let mut costs = vec![0.0f64; rubric.rules.len()];
    for f in findings {
        let rule = &rubric.rules[f.rule];
        let base = match f.severity {
            Severity::Error => rubric.points.error,
            Severity::Warning => rubric.points.warning,
            Severity::Info => rubric.points.info,
        };
        let dimension = match (rule.kind, f.section) {
            (Kind::Structure, Some(s)) => rubric.section(s).dimension,
            _ => rule.dimension,
        };
        let decay = 0.5f64.powi(seen[f.rule]);
        seen[f.rule] += 1;
        costs[f.rule] += base * rule.weight * lp.weight(dimension) * decay;
    }
    let total: f64 = costs.iter().sum();
    let mut score = (100.0 - total).clamp(0.0, 100.0);
    let fired = |id: RuleId| seen[id] > 0;
    let mut cap: Option<(Verdict, RuleId)> = None;
    for &id in &lp.disqualifiers {
        let rule = &rubric.rules[id];
        if !fired(id) || !rule.cap_requires.iter().all(|r| fired(*r)) {
            continue;
        }
        let v = rule.cap.unwrap_or(Verdict::LeaningNoHire);
        if cap.is_none_or(|(c, _)| v < c) {
            cap = Some((v, id));
        }
    }
    if let Some((v, _)) = cap {
        let ceiling = rubric.band_ceiling(v) - 1.0;
        score = score.min(ceiling.max(0.0));
    }
    let score = score.round();
    let mut verdict = rubric.band(score);
    if let Some((v, _)) = cap {
        verdict = verdict.min(v);
    }
    let mut costs: Vec<(RuleId, f64)> = costs
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0.0)
        .collect();
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    // `score` is clamped to 0..=100 and rounded, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let score = score as u32;
    Assessment {
        score,
        verdict,
        capped_by: cap.map(|(_, id)| id),
        costs,
    }
}
