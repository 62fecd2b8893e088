//! SCORE: findings and credit become evidence per dimension, and the judge rates the
//! dimensions and decides (see [`crate::judge`]).
//!
//! Each finding is evidence against its rule's dimension, costing the rule's penalty (a
//! repeat of the same rule costs `repeat-decay` times the one before: the fourth "we"
//! matters less than the first); a disqualifier of the LP is a red flag that caps the
//! verdict, a rule's `ceiling` caps it for every LP. Each credit a rule earned is evidence
//! for. A dimension is judged (its LP weight counts) when a rule of it is on or can earn
//! credit for this LP and level; the level may raise or lower a dimension's target (an
//! SDE1 answer shows about three actions, not six).

use crate::check::{Checked, Profile};
use crate::ids::{DimensionId, Verdict};
use crate::judge::{self, Item, Stance};
use crate::rubric::{CompiledRubric, Kind, RuleId};

/// The score and verdict of one answer, and what they rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// 0–100, inside the verdict's band.
    pub score: crate::ids::Score,
    /// The verdict.
    pub verdict: Verdict,
    /// The red flag or ceiling that lowered the verdict, if one did.
    pub capped_by: Option<RuleId>,
    /// What each fired rule costs the answer, largest first: its penalties and, for an
    /// absence, the credit it keeps from the answer, each weighted by its dimension.
    pub costs: Vec<(RuleId, f64)>,
    /// Every dimension, rated, with its evidence.
    pub dimensions: Vec<judge::Dimension>,
}

/// Judge one answer from what the checks concluded.
pub fn assess(checked: &Checked, rubric: &CompiledRubric, profile: &Profile) -> Assessment {
    let lp = rubric.lp(profile.lp);
    let level = rubric.level(profile.level);
    let mut params = rubric.judge.clone();
    for (d, target) in level.targets.iter().enumerate() {
        if let Some(t) = target {
            params.dimensions[d].target = *t;
        }
    }
    let mut weights = lp.weights;
    for d in DimensionId::ALL {
        let judged = rubric.rules.iter().any(|r| {
            r.dimension == *d
                && (profile.is_on(r.id) || (profile.credits[r.id] && r.credit > 0.0))
                && !r.is_not_an_answer()
        });
        if !judged {
            weights[d.index()] = 0.0;
        }
    }
    let fired = |id: RuleId| checked.findings.iter().any(|f| f.rule == id);
    let mut items = Vec::new();
    // Repeats decay per rule and section: a third "we" in the Action costs less than the
    // first, but a missing Result costs the same whichever other sections are missing.
    let mut seen: Vec<(RuleId, Option<crate::ids::SectionKind>, i32)> = Vec::new();
    let mut costs = vec![0.0f64; rubric.rules.len()];
    for f in &checked.findings {
        let rule = &rubric.rules[f.rule];
        let nth = match seen
            .iter_mut()
            .find(|(r, sec, _)| *r == f.rule && *sec == f.section)
        {
            Some((_, _, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                seen.push((f.rule, f.section, 1));
                0
            }
        };
        // A missing section costs its own weight's share (rubric `[sections] missing-weight`).
        let section_weight = match (rule.kind, f.section) {
            (Kind::Structure, Some(s)) => rubric.section(s).missing_weight,
            _ => 1.0,
        };
        let points = if f.costs {
            rule.penalty * section_weight * rubric.repeat_decay.powi(nth)
        } else {
            0.0
        };
        let disqualifies = lp.disqualifiers.contains(&f.rule)
            && !level.uncapped.contains(&f.rule)
            && rule.cap_requires.iter().all(|r| fired(*r));
        let cap = if disqualifies {
            Some(rule.cap.unwrap_or(Verdict::LeaningNoHire))
        } else {
            rule.ceiling
        };
        let weight = weights[rule.dimension.index()];
        costs[f.rule] += points * weight;
        if rule.kind == Kind::Require && nth == 0 {
            costs[f.rule] += rule.credit.min(rule.credit_max) * weight;
        }
        items.push(Item {
            dimension: rule.dimension,
            stance: Stance::Against,
            span: f.span,
            note: f.note.clone(),
            rule: Some(f.rule),
            points,
            cap,
            red_flag: disqualifies,
        });
    }
    // Specifics carry the weight: credit outside the candidate's own actions counts in full
    // only when those actions are concrete; a metric or a boundary phrase with no story of
    // one's own around it counts for little.
    let action_target = params.dimensions[DimensionId::Action.index()].target;
    let action_credit: f64 = checked
        .credits
        .iter()
        .filter(|c| rubric.rules[c.rule].dimension == DimensionId::Action)
        .map(|c| c.points)
        .sum();
    let action_value = if action_target > 0.0 {
        (action_credit / action_target).min(1.0)
    } else {
        1.0
    };
    let specifics = if rubric.specifics_full > 0.0 {
        let floor = rubric.specifics_floor.clamp(0.0, 1.0);
        floor + (1.0 - floor) * (action_value / rubric.specifics_full).min(1.0)
    } else {
        1.0
    };
    for c in &checked.credits {
        let rule = &rubric.rules[c.rule];
        let scale = if rule.dimension == DimensionId::Action {
            1.0
        } else {
            specifics
        };
        items.push(Item {
            dimension: rule.dimension,
            stance: Stance::For,
            span: c.span,
            note: rule.praise.clone(),
            rule: Some(c.rule),
            points: c.points * scale,
            cap: None,
            red_flag: false,
        });
    }
    let j = judge::judge(items, &weights, &params);
    let mut costs: Vec<(RuleId, f64)> = costs
        .into_iter()
        .enumerate()
        .filter(|(id, c)| *c > 0.0 || fired(*id))
        .collect();
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    Assessment {
        score: j.score,
        verdict: j.verdict,
        capped_by: j.capped_by.and_then(|i| i.rule),
        costs,
        dimensions: j.dimensions,
    }
}

/// The assessment of a text that is not an answer: No Hire, 0, every dimension missing.
pub fn not_an_answer(findings: &[crate::check::RawFinding], rubric: &CompiledRubric) -> Assessment {
    let j = judge::Judgement::not_an_answer();
    Assessment {
        score: j.score,
        verdict: j.verdict,
        capped_by: None,
        costs: findings
            .iter()
            .filter(|f| rubric.rules[f.rule].is_not_an_answer())
            .map(|f| (f.rule, 0.0))
            .collect(),
        dimensions: j.dimensions,
    }
}
