//! SCORE: findings + the LP and level profile → a 0–100 score and a verdict.
//!
//! Every finding costs its severity's points × the rule's weight × how much the LP cares
//! about the rule's *dimension* (ownership, contribution, depth, impact, …: the LP profile's
//! weight, relative to the profile's mean over the dimensions this answer is judged on),
//! halving for each further finding of the same rule (a fourth "we" matters less than the
//! first). The score is `100 × H ÷ (H + total)`, where H (`half-score-cost` in the rubric)
//! is the total at which an answer scores 50: a first gap costs nearly its full points, and
//! many faults cannot push an answer below zero - an answer that fails ownership ten ways
//! is a No Hire, not a negative number. The curve was fitted to the labelled fixtures.
//!
//! A disqualifier of the LP caps the verdict; the score is then lowered into the capped
//! band, so the score, its band and the caps always agree (contract).

use crate::check::{Profile, RawFinding};
use crate::ids::{SectionKind, Verdict};
use crate::report::Severity;
use crate::rubric::{CompiledRubric, Dimension, Kind, Rule, RuleId};

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
    /// Each dimension the answer was judged on, with the points its findings cost.
    pub dimensions: Vec<(Dimension, f64)>,
}

/// The dimension a finding costs: a missing section costs its section's dimension.
fn dimension_of(rubric: &CompiledRubric, rule: &Rule, section: Option<SectionKind>) -> Dimension {
    match (rule.kind, section) {
        (Kind::Structure, Some(s)) => rubric.section(s).dimension,
        _ => rule.dimension,
    }
}

/// Score findings under a profile.
pub fn assess(findings: &[RawFinding], rubric: &CompiledRubric, profile: &Profile) -> Assessment {
    let lp = rubric.lp(profile.lp);
    let n_dims = Dimension::ALL.len();
    // Which dimensions take part: those an active rule can cost.
    let mut active = vec![false; n_dims];
    for rule in &rubric.rules {
        if !profile.is_on(rule.id) {
            continue;
        }
        if rule.kind == Kind::Structure {
            for s in SectionKind::ALL {
                active[rubric.section(*s).dimension as usize] = true;
            }
        } else {
            active[rule.dimension as usize] = true;
        }
    }
    let lp_mean = {
        let judged: Vec<f64> = Dimension::ALL
            .iter()
            .filter(|d| active[**d as usize])
            .map(|d| lp.weight(*d))
            .collect();
        if judged.is_empty() {
            1.0
        } else {
            judged.iter().sum::<f64>() / judged.len() as f64
        }
    };
    // Repeats decay per rule and section: a third "we" in the Action costs less than the
    // first, but a missing Result costs as much as a missing Task.
    let mut seen = vec![0i32; rubric.rules.len()];
    let mut repeats: Vec<(RuleId, Option<SectionKind>, i32)> = Vec::new();
    let mut costs = vec![0.0f64; rubric.rules.len()];
    let mut dim_cost = vec![0.0f64; n_dims];
    for f in findings {
        let rule = &rubric.rules[f.rule];
        let base = match f.severity {
            Severity::Error => rubric.points.error,
            Severity::Warning => rubric.points.warning,
            Severity::Info => rubric.points.info,
        };
        let section_weight = match (rule.kind, f.section) {
            (Kind::Structure, Some(s)) => rubric.section(s).missing_weight,
            _ => 1.0,
        };
        let d = dimension_of(rubric, rule, f.section);
        seen[f.rule] += 1;
        let nth = match repeats
            .iter_mut()
            .find(|(r, s, _)| *r == f.rule && *s == f.section)
        {
            Some((_, _, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                repeats.push((f.rule, f.section, 1));
                0
            }
        };
        let decay = 0.5f64.powi(nth);
        let cost = base * rule.weight * section_weight * decay * lp.weight(d) / lp_mean;
        costs[f.rule] += cost;
        dim_cost[d as usize] += cost;
    }
    let total: f64 = costs.iter().sum();
    let dimensions = Dimension::ALL
        .iter()
        .filter(|d| active[**d as usize] || dim_cost[**d as usize] > 0.0)
        .map(|d| (*d, dim_cost[*d as usize]))
        .collect();
    let half = rubric.half_score_cost;
    let mut score = 100.0 * half / (half + total);
    let uncapped = score.clamp(0.0, 100.0).floor();
    let fired = |id: RuleId| seen[id] > 0;
    let mut cap: Option<(Verdict, RuleId)> = None;
    let level = rubric.level(profile.level);
    for &id in &lp.disqualifiers {
        let rule = &rubric.rules[id];
        if !fired(id)
            || level.uncapped.contains(&id)
            || !rule.cap_requires.iter().all(|r| fired(*r))
        {
            continue;
        }
        let v = rule.cap.unwrap_or(Verdict::LeaningNoHire);
        if cap.is_none_or(|(c, _)| v < c) {
            cap = Some((v, id));
        }
    }
    // A ceiling is a cap every LP shares ("no second-order effect: Hire at best").
    for id in (0..rubric.rules.len()).filter(|id| fired(*id)) {
        if let Some(v) = rubric.rules[id].ceiling {
            if cap.is_none_or(|(c, _)| v < c) {
                cap = Some((v, id));
            }
        }
    }
    if let Some((v, _)) = cap {
        let ceiling = rubric.band_ceiling(v) - 1.0;
        score = score.min(ceiling.max(0.0));
    }
    let score = score.clamp(0.0, 100.0).floor();
    let mut verdict = rubric.band(score);
    if let Some((v, _)) = cap {
        verdict = verdict.min(v);
    }
    // Name the cap only when it bound: a No Hire by score was not "capped" at Hire.
    let cap = cap.filter(|(v, _)| rubric.band(uncapped) > *v);
    let mut costs: Vec<(RuleId, f64)> = costs
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0.0)
        .collect();
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    // `score` is clamped to 0..=100 and floored, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let score = score as u32;
    Assessment {
        score,
        verdict,
        capped_by: cap.map(|(_, id)| id),
        costs,
        dimensions,
    }
}
