//! The rubric's follow-up questions and combined Bar Raiser phrases, resolved against its
//! rules. Choosing which probes to ask an answer is [`crate::probes`]' job.

use super::compiled::{CombinedSummary, Probe, RuleId};
use super::model::{CombinedSummarySpec, ProbeSpec};
use super::problems::Problems;
use super::resolve::Names;
use crate::ids::{Level, Lp, SectionKind};
use std::str::FromStr;

/// Every probe, highest priority first. A probe that depends on a removed rule is dropped:
/// asked on a disabled `when-rules` alone it would become unconditional, and on a disabled
/// `unless-rules` it would ask about something nobody checked.
pub(super) fn probes(p: &mut Problems, specs: &[ProbeSpec], names: &Names) -> Vec<Probe> {
    let mut probes = Vec::new();
    for spec in specs {
        let removed = |n: &String| names.is_removed(n);
        if spec
            .when_rules
            .iter()
            .chain(&spec.unless_rules)
            .any(removed)
            && (spec.when_rules.iter().all(removed) || spec.unless_rules.iter().any(removed))
        {
            continue;
        }
        probes.push(probe(p, spec, names));
    }
    probes.sort_by_key(|p| std::cmp::Reverse(p.priority));
    probes
}

fn probe(p: &mut Problems, spec: &ProbeSpec, names: &Names) -> Probe {
    let what = format!("probe `{}`", spec.id);
    let rules = |p: &mut Problems, list: &[String]| -> Vec<RuleId> {
        list.iter()
            .filter_map(|n| {
                let id = names.by_name(n);
                if id.is_none() && !names.is_removed(n) {
                    p.err_file(spec.origin, format!("{what}: unknown rule `{n}`"));
                }
                id
            })
            .collect()
    };
    let when_rules = rules(p, &spec.when_rules);
    let unless_rules = rules(p, &spec.unless_rules);
    let capture = spec
        .capture
        .as_ref()
        .and_then(|c| p.regex(c, true, &format!("{what} capture")));
    let answered = spec
        .answered
        .as_ref()
        .and_then(|c| p.regex(c, true, &format!("{what} answered")));
    let mut capture_in = Vec::new();
    for s in &spec.capture_in {
        if s != "answer" {
            match s.parse::<SectionKind>() {
                Ok(k) => capture_in.push(k),
                Err(e) => p.err_file(spec.origin, format!("{what}: {e}")),
            }
        }
    }
    Probe {
        id: spec.id.clone(),
        question: spec.question.clone(),
        tests: spec.tests.clone(),
        strong: spec.strong.clone(),
        weak: spec.weak.clone().unwrap_or_default(),
        when_rules,
        unless_rules,
        capture,
        capture_in,
        answered,
        only_lps: ids::<Lp>(p, spec, &spec.only_lps),
        levels: ids::<Level>(p, spec, &spec.levels),
        priority: spec.priority,
        group: spec.group.clone(),
    }
}

/// The ids a probe lists (`None` when it lists none: all).
fn ids<T: FromStr<Err = crate::ids::UnknownId>>(
    p: &mut Problems,
    spec: &ProbeSpec,
    list: &[String],
) -> Option<Vec<T>> {
    if list.is_empty() {
        return None;
    }
    Some(
        list.iter()
            .filter_map(|s| {
                s.parse::<T>()
                    .map_err(|e| p.err_file(spec.origin, format!("probe `{}`: {e}", spec.id)))
                    .ok()
            })
            .collect(),
    )
}

/// Every combined phrase whose rules all exist (one naming a removed rule is dropped).
pub(super) fn combined_summaries(
    p: &mut Problems,
    specs: &[CombinedSummarySpec],
    names: &Names,
) -> Vec<CombinedSummary> {
    let mut out = Vec::new();
    for c in specs {
        if c.rules.iter().any(|n| names.is_removed(n)) {
            continue;
        }
        let mut rules = Vec::new();
        for n in &c.rules {
            match names.by_name(n) {
                Some(id) => rules.push(id),
                None => p.err_file(
                    c.origin,
                    format!("combined-summary `{}`: unknown rule `{n}`", c.text),
                ),
            }
        }
        out.push(CombinedSummary {
            rules,
            text: c.text.clone(),
        });
    }
    out
}
