//! Suppression comments in the answer itself, as markdownlint has them:
//! `<!-- starlint-disable we-language,A003 -->` turns those rules off from that point,
//! `<!-- starlint-enable ... -->` turns them on again, and a bare
//! `<!-- starlint-disable -->` turns every rule off (a bare enable, every rule on).
//! Selectors are codes, code prefixes or names, as `--select` reads them, separated by
//! commas or spaces. A rule that is off where its span lies does not report; a rule about
//! the whole answer (its span starts at the answer's first words or before) is off when
//! the comment stands before the first words. This runs after the checks and before
//! scoring, as ruff applies `noqa`: a suppressed finding neither reports nor counts.
//!
//! The comments themselves are found (and blanked out before analysis) by
//! [`crate::input::comments`].

use super::RawFinding;
use crate::rubric::CompiledRubric;

#[derive(Debug, Clone, PartialEq)]
struct Directive {
    at: u32,
    enable: bool,
    /// Rule ids; empty means every rule.
    rules: Vec<usize>,
}

/// The rule ids a selector in a comment names: a code (`A001`), a code prefix (`A`) or a
/// name (`we-language`), exactly as `--select` reads them.
fn rubric_ids(rubric: &CompiledRubric, selector: &str) -> Vec<usize> {
    rubric
        .rules
        .iter()
        .filter(|r| r.selected_by(selector))
        .map(|r| r.id)
        .collect()
}

/// Every `starlint-disable` / `starlint-enable` comment of `text`, in text order.
/// Selectors are separated by commas and/or white space. A selector that names no rule is
/// ignored (as markdownlint ignores unknown names); a comment whose selectors all name
/// nothing is ignored too, so a typo never turns every rule off.
fn directives(text: &str, resolve: &dyn Fn(&str) -> Vec<usize>) -> Vec<Directive> {
    let mut out = Vec::new();
    for c in crate::input::comments::spans(text) {
        let inner = text
            .get(c.start as usize + 4..c.end as usize - 3)
            .unwrap_or("")
            .trim();
        let (enable, rest) = if let Some(r) = inner.strip_prefix("starlint-disable") {
            (false, r)
        } else if let Some(r) = inner.strip_prefix("starlint-enable") {
            (true, r)
        } else {
            continue;
        };
        // `starlint-disable-next-line` and the like are not ours.
        if rest.starts_with(|ch: char| !ch.is_whitespace()) {
            continue;
        }
        let mut rules = Vec::new();
        for name in rest
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            rules.extend(resolve(name));
        }
        if !rules.is_empty() || rest.trim().is_empty() {
            out.push(Directive {
                at: c.start,
                enable,
                rules,
            });
        }
    }
    out
}

/// Which rules are off at a point, as the directives before it leave them. A directive
/// for named rules sets theirs; a bare one sets every rule's; the later setting wins.
struct Sweep {
    seq: u64,
    /// `(off, when)` set by the last bare directive.
    all: (bool, u64),
    /// `(off, when)` per rule, set by the last directive naming it.
    rules: Vec<(bool, u64)>,
}

impl Sweep {
    fn new(n_rules: usize) -> Sweep {
        Sweep {
            seq: 0,
            all: (false, 0),
            rules: vec![(false, 0); n_rules],
        }
    }

    fn apply(&mut self, d: &Directive) {
        self.seq += 1;
        let set = (!d.enable, self.seq);
        if d.rules.is_empty() {
            self.all = set;
        }
        for &r in &d.rules {
            if let Some(slot) = self.rules.get_mut(r) {
                *slot = set;
            }
        }
    }

    fn off(&self, rule: usize) -> bool {
        let own = self.rules.get(rule).copied().unwrap_or((false, 0));
        if own.1 > self.all.1 {
            own.0
        } else {
            self.all.0
        }
    }
}

/// Drop findings whose rule is off where they lie. `first_words` is the offset of the
/// answer's first words (after front matter and comments).
///
/// A finding is judged at its span's start, but never before `first_words`: a finding
/// about the whole answer, or about a missing section, points at the start of the answer,
/// so it is off exactly when the comment stands before the first words, and a comment
/// further down cannot reach back to it.
///
/// One sweep over the findings in position order and the directives in text order, so
/// an answer with thousands of comments costs O((F + D) log F), not F × D.
pub fn apply(
    text: &str,
    first_words: u32,
    findings: Vec<RawFinding>,
    rubric: &CompiledRubric,
) -> Vec<RawFinding> {
    apply_with(text, first_words, findings, &|s| rubric_ids(rubric, s))
}

fn apply_with(
    text: &str,
    first_words: u32,
    findings: Vec<RawFinding>,
    resolve: &dyn Fn(&str) -> Vec<usize>,
) -> Vec<RawFinding> {
    let ds = directives(text, resolve);
    if ds.is_empty() {
        return findings;
    }
    let at = |f: &RawFinding| f.span.start.max(first_words);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| at(&findings[i]));
    let mut keep = vec![true; findings.len()];
    let n_rules = ds
        .iter()
        .flat_map(|d| d.rules.iter())
        .max()
        .map_or(0, |&r| r + 1);
    let mut sweep = Sweep::new(n_rules);
    let mut next = 0;
    for i in order {
        let f = &findings[i];
        while let Some(d) = ds.get(next).filter(|d| d.at <= at(f)) {
            sweep.apply(d);
            next += 1;
        }
        keep[i] = !sweep.off(f.rule);
    }
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::text::Span;

    // A stand-in rubric: 0 = A001 we-language, 1 = A002 handoff-language,
    // 2 = G001 missing-section (about the whole answer).
    const RULES: &[(&str, &str)] = &[
        ("A001", "we-language"),
        ("A002", "handoff-language"),
        ("G001", "missing-section"),
    ];
    const WE: usize = 0;
    const HANDOFF: usize = 1;
    const MISSING: usize = 2;

    fn resolve(selector: &str) -> Vec<usize> {
        let s = selector.trim();
        RULES
            .iter()
            .enumerate()
            .filter(|(_, (code, name))| {
                name.eq_ignore_ascii_case(s)
                    || (code.len() >= s.len() && code[..s.len()].eq_ignore_ascii_case(s))
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn finding(rule: usize, text: &str, needle: &str) -> RawFinding {
        let start = text.find(needle).unwrap();
        RawFinding {
            rule,
            severity: Severity::Warning,
            section: None,
            span: Span::new(start, start + needle.len()),
            message: String::new(),
            help: String::new(),
            note: String::new(),
            costs: true,
        }
    }

    fn at_start(rule: usize) -> RawFinding {
        RawFinding {
            span: Span::new(0, 0),
            ..finding(rule, "", "")
        }
    }

    /// The rules that still report, given findings and the offset of the first words.
    fn kept(text: &str, first: &str, findings: Vec<RawFinding>) -> Vec<usize> {
        let first_words = u32::try_from(text.find(first).unwrap()).unwrap();
        apply_with(text, first_words, findings, &resolve)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    const TEXT: &str =
        "We met. <!-- starlint-disable we-language,handoff-language --> We escalated. \
                        <!-- starlint-enable we-language --> We escalated again.";

    fn three(text: &str) -> Vec<RawFinding> {
        vec![
            finding(WE, text, "We met"),
            finding(WE, text, "We escalated."),
            finding(HANDOFF, text, "escalated."),
            finding(WE, text, "We escalated again"),
            finding(HANDOFF, text, "escalated again"),
        ]
    }

    #[test]
    fn comma_separated_names_turn_those_rules_off_from_that_point() {
        // Before the comment: on. After it: both off, until `enable` turns one back on.
        assert_eq!(kept(TEXT, "We met", three(TEXT)), vec![WE, WE]);
        let spans: Vec<u32> = apply_with(TEXT, 0, three(TEXT), &resolve)
            .iter()
            .map(|f| f.span.start)
            .collect();
        assert_eq!(
            spans,
            vec![0, TEXT.find("We escalated again").unwrap() as u32]
        );
    }

    #[test]
    fn names_may_be_separated_by_spaces_and_commas() {
        let text = "<!-- starlint-disable  we-language , handoff-language\n-->We escalated.";
        let f = vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert!(kept(text, "We", f).is_empty());
    }

    #[test]
    fn codes_and_code_prefixes_select_rules_too() {
        let text = "<!-- starlint-disable A001 --> We escalated.";
        let f = || vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert_eq!(kept(text, "We", f()), vec![HANDOFF]);
        let text = "<!-- starlint-disable a --> We escalated.";
        let f = vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert!(kept(text, "We", f).is_empty());
    }

    #[test]
    fn a_bare_disable_turns_every_rule_off_and_a_bare_enable_every_rule_on() {
        let text = "We. <!-- starlint-disable --> We escalated. <!-- starlint-enable --> We.";
        let last = text.rfind("We.").unwrap();
        let f = vec![
            finding(WE, text, "We. "),
            finding(WE, text, "We escalated"),
            finding(HANDOFF, text, "escalated"),
            RawFinding {
                span: Span::new(last, last + 2),
                ..finding(WE, text, "We")
            },
        ];
        let out = apply_with(text, 0, f, &resolve);
        let starts: Vec<usize> = out.iter().map(|f| f.span.start as usize).collect();
        assert_eq!(starts, vec![0, last]);
    }

    #[test]
    fn enable_one_rule_after_disabling_all() {
        let text =
            "<!-- starlint-disable --><!-- starlint-enable handoff-language --> We escalated.";
        let f = vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert_eq!(kept(text, "We", f), vec![HANDOFF]);
    }

    #[test]
    fn unknown_names_are_ignored_and_never_mean_every_rule() {
        let text = "<!-- starlint-disable no-such-rule --> We escalated.";
        let f = vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert_eq!(kept(text, "We", f), vec![WE, HANDOFF]);
        // A known name beside an unknown one still counts.
        let text = "<!-- starlint-disable no-such-rule, we-language --> We escalated.";
        let f = vec![finding(WE, text, "We"), finding(HANDOFF, text, "escalated")];
        assert_eq!(kept(text, "We", f), vec![HANDOFF]);
    }

    #[test]
    fn other_comments_and_lookalike_directives_do_nothing() {
        let text =
            "<!-- a note --> <!-- starlint-disable-next-line --> <!-- starlint-disabled --> We.";
        assert_eq!(kept(text, "We", vec![finding(WE, text, "We")]), vec![WE]);
        // An unterminated comment is not a directive.
        let text = "We. <!-- starlint-disable";
        assert_eq!(kept(text, "We", vec![finding(WE, text, "We")]), vec![WE]);
    }

    #[test]
    fn whole_answer_rules_are_off_only_when_the_comment_stands_before_the_first_words() {
        // Before the first words: the whole-answer finding (span at the start) is off.
        let text = "<!-- starlint-disable missing-section -->\nSituation: it broke.";
        assert!(kept(text, "Situation", vec![at_start(MISSING)]).is_empty());
        // A bare disable before the first words too.
        let text = "<!-- starlint-disable -->\nSituation: it broke.";
        assert!(kept(text, "Situation", vec![at_start(MISSING)]).is_empty());
        // After the first words: it still reports, though the comment names it.
        let text = "Situation: it broke. <!-- starlint-disable missing-section --> More.";
        assert_eq!(
            kept(text, "Situation", vec![at_start(MISSING)]),
            vec![MISSING]
        );
        // With front matter, "before the first words" means after the front matter.
        let text = "---\nlp: ownership\n---\n<!-- starlint-disable G001 -->\nIt broke.";
        assert!(kept(text, "It broke", vec![at_start(MISSING)]).is_empty());
    }

    #[test]
    fn a_finding_is_judged_where_its_span_lies() {
        // Off at the comment, on again later: a span before, between and after.
        let text = "We a. <!-- starlint-disable A001 --> We b. <!-- starlint-enable A001 --> We c.";
        let f = vec![
            finding(WE, text, "We a"),
            finding(WE, text, "We b"),
            finding(WE, text, "We c"),
        ];
        let out = apply_with(text, 0, f, &resolve);
        let starts: Vec<usize> = out.iter().map(|f| f.span.start as usize).collect();
        assert_eq!(starts, vec![0, text.find("We c").unwrap()]);
    }
}
