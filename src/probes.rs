//! Likely follow-up questions, chosen by what the answer contains or lacks.
//!
//! A probe is offered when its trigger rules fired (or its guard rules stayed clean) and,
//! if it quotes the answer, only when the answer has the thing it quotes: the number, the
//! team, the mechanism. It never asks about a number the answer does not give, nor what
//! the answer already answers (its `answered` pattern), and it quotes whole numbers and
//! whole phrases: "1.4 days", not "1".

use crate::check::{Profile, RawFinding};
use crate::matcher::Haystack;
use crate::report::ProbeReport;
use crate::rubric::wording::Wording;
use crate::rubric::CompiledRubric;
use crate::segment::Document;
use crate::text::Span;

const MAX_PROBES: usize = 3;
const MAX_CAPTURE_CHARS: usize = 70;

/// Choose up to three probes.
pub fn choose(
    doc: &Document,
    hay: &Haystack,
    findings: &[RawFinding],
    rubric: &CompiledRubric,
    profile: &Profile,
) -> Vec<ProbeReport> {
    let fired = |id: usize| findings.iter().any(|f| f.rule == id);
    let mut out = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    for p in &rubric.probes {
        if out.len() == MAX_PROBES {
            break;
        }
        if p.group.as_deref().is_some_and(|g| groups.contains(&g)) {
            continue;
        }
        if p.only_lps
            .as_ref()
            .is_some_and(|l| !l.contains(&profile.lp))
            || p.levels
                .as_ref()
                .is_some_and(|l| !l.contains(&profile.level))
        {
            continue;
        }
        if !p.when_rules.is_empty() && !p.when_rules.iter().any(|r| fired(*r)) {
            continue;
        }
        if p.unless_rules
            .iter()
            .any(|r| fired(*r) || !profile.is_on(*r))
        {
            continue;
        }
        // The probe in the candidate's field's words, where the wording has them.
        let own = Wording::get().probe(&p.id, profile.field);
        if p.answered
            .as_ref()
            .is_some_and(|re| re.may_match(hay) && re.captures(hay, doc.body).is_some())
        {
            continue;
        }
        let mut question = own
            .and_then(|w| w.question.clone())
            .unwrap_or_else(|| p.question.clone());
        if let Some(re) = &p.capture {
            let regions: Vec<Span> = if p.capture_in.is_empty() {
                vec![doc.body]
            } else {
                doc.sections
                    .iter()
                    .filter(|s| p.capture_in.contains(&s.kind))
                    .map(|s| s.body)
                    .collect()
            };
            // Literals the capture needs and the answer lacks: nothing to quote, and no
            // regex to compile.
            if !re.may_match(hay) {
                continue;
            }
            let found = regions.iter().find_map(|r| {
                let g = re.captures(hay, *r)?;
                let span = g.first.unwrap_or(g.all);
                let (start, end) =
                    crate::text::whole(doc.text, span.start as usize, span.end as usize);
                Some(doc.text[start..end].to_string())
            });
            let Some(found) = found else { continue };
            question = question.replace("{capture}", &tidy(&found));
        }
        let question = question.replace("….", "…");
        if question.contains("{capture}") {
            continue;
        }
        if let Some(g) = p.group.as_deref() {
            groups.push(g);
        }
        out.push(ProbeReport {
            id: p.id.clone(),
            question,
            probes: p.tests.clone(),
            strong: own
                .and_then(|w| w.strong.clone())
                .unwrap_or_else(|| p.strong.clone()),
        });
    }
    out
}

/// Trim a captured phrase to a readable length at a word boundary, without end punctuation.
fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::shorten(s.trim_end_matches(['.', ',', ';', ':']), MAX_CAPTURE_CHARS)
}
