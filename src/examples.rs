//! A rule's own examples as tests (Harper's `test "bad" "good"` lines): every weak example
//! must fire its rule and no strong example may. `starlint rubric check` runs this on a
//! user's rubric, and a unit test runs it on the embedded one, so a rule cannot ship with
//! examples that disagree with it. An example is judged as the whole of its rule's
//! section ([`check_snippet`]), through the same pipeline as an answer; this module sits
//! above the rubric and the pipeline for that reason.

use crate::check::{self, Profile};
use crate::ids::{Level, Lp, SectionKind};
use crate::matcher::Haystack;
use crate::rubric::CompiledRubric;
use crate::segment;
use crate::text::Span;

/// Check `text` as if it were the whole of `section` (or the whole answer when `None`):
/// the seed-line table and the rubric's own weak/strong examples are judged this way.
/// Returns the names of the rules that fired.
pub fn check_snippet(
    text: &str,
    section: Option<SectionKind>,
    lp: Lp,
    level: Level,
    rubric: &CompiledRubric,
) -> Vec<String> {
    let body = Span::new(0, text.len());
    let hay = Haystack::new(text);
    let mut scan = rubric.scan(&hay, body);
    let mut doc = segment::document(text, body, rubric, &scan.hits);
    let grouped = check::group(&mut scan, rubric);
    if let Some(kind) = section {
        let span = body.trim(text);
        doc.sections = vec![segment::Section {
            kind,
            span,
            body: span,
            labelled: true,
            words: segment::count_words(text),
        }];
        doc.sections_disjoint = true;
    }
    let selected = vec![true; rubric.rules.len()];
    let profile = Profile::new(rubric, lp, level, &selected);
    let (analysis, story) = crate::story::read_document(&doc, &rubric.lexicon);
    let checked = check::run(
        &doc,
        (&analysis, &story),
        &hay,
        (&scan, grouped),
        rubric,
        &profile,
    );
    // A `credit` rule "fires" on an example when it earns credit there.
    let mut names: Vec<String> = checked
        .findings
        .iter()
        .map(|f| f.rule)
        .chain(
            checked
                .credits
                .iter()
                .map(|c| c.rule)
                .filter(|r| rubric.rules[*r].kind == crate::rubric::Kind::Credit),
        )
        .map(|r| rubric.rules[r].name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Every weak example must fire its rule and no strong example may (Harper's `test` lines);
/// for a `credit` rule, every strong example must earn its credit and no weak one may.
pub fn example_problems(rubric: &CompiledRubric) -> Vec<String> {
    let mut out = Vec::new();
    for r in &rubric.rules {
        let lp = r
            .only_lps
            .as_ref()
            .and_then(|l| l.first().copied())
            .unwrap_or(Lp::General);
        let level = r
            .only_levels
            .as_ref()
            .and_then(|l| l.first().copied())
            .unwrap_or(Level::Sde2);
        // A rule about several sections is shown its examples as the first of them.
        let section = r.section.or_else(|| r.scope.sections.first().copied());
        let credit = r.kind == crate::rubric::Kind::Credit;
        for w in &r.weak {
            if check_snippet(w, section, lp, level, rubric).contains(&r.name) == credit {
                out.push(format!(
                    "rule {} ({}): weak example {}: {w}",
                    r.code,
                    r.name,
                    if credit {
                        "earns credit"
                    } else {
                        "does not fire"
                    }
                ));
            }
        }
        for s in &r.strong {
            if check_snippet(s, section, lp, level, rubric).contains(&r.name) != credit {
                out.push(format!(
                    "rule {} ({}): strong example {}: {s}",
                    r.code,
                    r.name,
                    if credit { "earns no credit" } else { "fires" }
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_rubric_examples_hold() {
        let rubric = crate::rubric::default_rubric().expect("default rubric compiles");
        let problems = super::example_problems(&rubric);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
