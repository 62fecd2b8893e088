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
    /// The weighted mean of the dimensions' values, 0 to 1 (before bands and caps).
    pub overall: f64,
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
            unrelated: false,
            appended: false,
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
            unrelated: c.unrelated,
            appended: c.appended,
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
        overall: j.overall,
        costs,
        dimensions: j.dimensions,
    }
}

/// What fixing one rule's findings, after the fixes ranked before it, would make of the
/// answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The rule.
    pub rule: RuleId,
    /// The verdict the answer would then get.
    pub verdict: Verdict,
    /// The score it would then get.
    pub score: crate::ids::Score,
}

/// How many fixes "Fix first" ranks.
const RANKED: usize = 3;

/// The fixes worth most, in order: at each step the fired rule whose fix (with the ones
/// already chosen) moves the answer furthest - to a higher verdict, else out from under a
/// red flag, else to a higher weighted mean of the dimension ratings - ties going to what
/// costs most now. Fixing means the rule's findings are gone and, for an absence
/// (`require`), the credit the missing part earns is there; the ratings are judged again,
/// so a red flag or a missing Result outranks a nit with a large penalty. Several red flags
/// only move the verdict together, which is why the steps build on each other.
pub fn fixes(
    checked: &Checked,
    rubric: &CompiledRubric,
    profile: &Profile,
    now: &Assessment,
) -> Vec<Fix> {
    let mut remaining: Vec<RuleId> = now
        .costs
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| {
            !rubric.rules[*id].is_not_an_answer() && checked.findings.iter().any(|f| f.rule == *id)
        })
        .collect();
    let mut fixed = checked.clone();
    let mut out = Vec::new();
    while out.len() < RANKED && !remaining.is_empty() {
        let mut best: Option<(usize, Checked, Assessment)> = None;
        for (i, rule) in remaining.iter().enumerate() {
            let trial = without(&fixed, *rule, rubric);
            let after = assess(&trial, rubric, profile);
            let better = best.as_ref().is_none_or(|(_, _, b)| {
                after
                    .verdict
                    .cmp(&b.verdict)
                    .then(b.red_flags().cmp(&after.red_flags()))
                    .then(after.overall.total_cmp(&b.overall))
                    .is_gt()
            });
            if better {
                best = Some((i, trial, after));
            }
        }
        let Some((i, trial, after)) = best else { break };
        out.push(Fix {
            rule: remaining.remove(i),
            verdict: after.verdict,
            score: after.score,
        });
        fixed = trial;
    }
    out
}

/// `checked` with `rule` fixed: its findings gone, and for an absence its credit earned.
fn without(checked: &Checked, rule: RuleId, rubric: &CompiledRubric) -> Checked {
    let spec = &rubric.rules[rule];
    let mut out = Checked {
        findings: checked
            .findings
            .iter()
            .filter(|f| f.rule != rule)
            .cloned()
            .collect(),
        credits: checked.credits.clone(),
        counts: checked.counts.clone(),
    };
    if spec.kind == Kind::Require && spec.credit > 0.0 {
        if let Some(first) = checked.findings.iter().find(|f| f.rule == rule) {
            out.credits.push(crate::check::RawCredit {
                rule,
                span: first.span,
                points: spec.credit.min(spec.credit_max),
                unrelated: false,
                appended: false,
            });
        }
    }
    out
}

impl Assessment {
    /// Distinct rules whose evidence caps the verdict.
    fn red_flags(&self) -> usize {
        let mut rules: Vec<usize> = self
            .dimensions
            .iter()
            .flat_map(|d| &d.evidence)
            .filter(|e| e.cap.is_some())
            .filter_map(|e| e.rule)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules.len()
    }
}

/// The assessment of a text that is not an answer: No Hire, 0, every dimension missing.
pub fn not_an_answer(findings: &[crate::check::RawFinding], rubric: &CompiledRubric) -> Assessment {
    let j = judge::Judgement::not_an_answer();
    Assessment {
        score: j.score,
        verdict: j.verdict,
        capped_by: None,
        overall: j.overall,
        costs: findings
            .iter()
            .filter(|f| rubric.rules[f.rule].is_not_an_answer())
            .map(|f| (f.rule, 0.0))
            .collect(),
        dimensions: j.dimensions,
    }
}
