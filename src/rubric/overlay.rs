//! Layer a user's rubric over the embedded one (ruff's and typos' `extend-*` model).
//!
//! A rule whose code (or name) is already known is updated field by field — only the keys
//! the overlay writes change — so `severity = "info"` alone is a valid override; a new code
//! adds a rule; `disable = [...]` removes rules by code or name; `extend-phrases` appends
//! phrases to a rule's list. Sections, levels and LPs merge the same way, key by key.

use super::model::{LevelSpec, LpSpec, ProbeSpec, RubricFile, RuleSpec, SectionSpec};

macro_rules! take_opt {
    ($base:ident, $over:ident; $($f:ident),+) => { $(if $over.$f.is_some() { $base.$f = $over.$f; })+ };
}
macro_rules! take_vec {
    ($base:ident, $over:ident; $($f:ident),+) => { $(if !$over.$f.is_empty() { $base.$f = $over.$f; })+ };
}

/// Merge `over` into `base`. Every value keeps the file it came from, so the compiler
/// reports a problem in whichever file wrote it.
pub fn apply(base: &mut RubricFile, over: RubricFile) {
    take_opt!(base, over; version, words_per_minute, over_factor, bands, points, half_score_cost,
        judge);
    base.dimensions.extend(over.dimensions);
    // Verdict rules are read as one list: an overlay that writes any replaces them all.
    if !over.verdicts.is_empty() {
        base.verdicts = over.verdicts;
    }
    if let Some(lex) = over.lexicon {
        let base_lex = base.lexicon.get_or_insert_with(Default::default);
        base_lex.vague.extend(lex.vague);
        base_lex.non_action.extend(lex.non_action);
        base_lex.action_before.extend(lex.action_before);
        base_lex.containers.extend(lex.containers);
    }
    base.seeds.extend(over.seeds);
    base.combined_summaries.extend(over.combined_summaries);
    for (k, v) in over.sections {
        merge_section(base.sections.entry(k).or_default(), v);
    }
    for (k, v) in over.levels {
        merge_level(base.levels.entry(k).or_default(), v);
    }
    for (k, v) in over.lps {
        merge_lp(base.lps.entry(k).or_default(), v);
    }
    for rule in over.rules {
        let known = base.rules.iter_mut().find(|r| {
            r.code.get_ref() == rule.code.get_ref()
                || (rule.name.is_some()
                    && r.name.as_ref().map(|n| n.get_ref())
                        == rule.name.as_ref().map(|n| n.get_ref()))
        });
        match known {
            Some(r) => merge_rule(r, rule),
            None => base.rules.push(rule),
        }
    }
    for probe in over.probes {
        match base.probes.iter_mut().find(|p| p.id == probe.id) {
            Some(p) => merge_probe(p, probe),
            None => base.probes.push(probe),
        }
    }
    // Disabling and extending refer to the merged rules; unknown names are reported by
    // the compiler, which knows where the overlay wrote them.
    base.disable.extend(over.disable);
    for (k, v) in over.extend_phrases {
        base.extend_phrases.entry(k).or_default().extend(v);
    }
}

fn merge_section(base: &mut SectionSpec, over: SectionSpec) {
    take_opt!(base, over; target_seconds, dimension, missing_weight);
    take_vec!(base, over; labels, cues, strong_cues, cue_patterns);
    base.origin = over.origin;
}

fn merge_level(base: &mut LevelSpec, over: LevelSpec) {
    take_opt!(base, over; answer_seconds, expects, bar, reflection);
    take_vec!(base, over; off, uncapped);
    base.severity.extend(over.severity);
    base.targets.extend(over.targets);
    base.origin = over.origin;
}

fn merge_lp(base: &mut LpSpec, over: LpSpec) {
    take_opt!(base, over; emphasize, downplay, advice);
    take_vec!(base, over; disqualifiers);
    base.weights.extend(over.weights);
    base.severity.extend(over.severity);
    base.average |= over.average;
    base.origin = over.origin;
}

fn merge_rule(base: &mut RuleSpec, over: RuleSpec) {
    take_opt!(base, over; name, kind, section, severity, dimension, weight, case_sensitive, voids_credit,
        sentence_start, skip_quoted, unless_before, unless_sentence, unless_after, unless_later, coordinated, cap, ceiling,
        max_findings, message, help, why, hears, coaching, mistake, source, summary, praise,
        clause, credit, credit_max, thin_credit_max, unrelated_credit, penalty, story);
    take_vec!(base, over; scope, phrases, patterns, exclude_captures, when, baseline, before, levels,
        only_lps, lps, cap_requires, weak, strong);
    if !over.min.is_empty() {
        base.min = over.min;
    }
    for key in over.keys {
        base.keys.retain(|k| k.get_ref() != key.get_ref());
        base.keys.push(key);
    }
    base.origin = over.origin;
}

fn merge_probe(base: &mut ProbeSpec, over: ProbeSpec) {
    *base = over;
}
