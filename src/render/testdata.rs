//! The one fixed set of reports every format is snapshotted on (ruff's approach), built by
//! hand so that format tests do not move when the rubric or the engine is tuned.
//!
//! Two answers: a scored one whose findings cover the awkward cases (a line after a CRLF
//! with multi-byte characters before the span, a message holding `%`, `,`, `:` and a
//! newline, a span across lines, an empty span) and one that could not be read. The
//! rubric is a tiny inline TOML layered over the embedded one and then cut down to its
//! own rules, so whatever the default rubric holds, the rule list here stays the same.

use crate::ids::{Level, Lp, SectionKind, Verdict};
use crate::report::{AnswerReport, Finding, ProbeReport, SectionReport, SpanOut};
use crate::rubric::{self, CompiledRubric, RubricSource};
use crate::text::LineIndex;

/// The rules of the test rubric: codes and names no real rubric uses, so the overlay adds
/// them rather than merging into rules of the embedded default.
const RUBRIC: &str = r#"
version = 1

[[rule]]
code = "G901"
name = "test-missing-part"
kind = "structure"
severity = "error"
message = "no {missing} section"
help = "Add the {missing}: what you were asked to do"
why = "A Bar Raiser needs every part of the story."

[[rule]]
code = "A901"
name = "test-we-actor"
kind = "match"
section = "action"
severity = "warning"
phrases = ["we"]
lps = ["ownership", "think-big"]
message = "“{match}” hides what you did"
help = "Say what you did yourself: “I rebuilt the rota…”"
why = "The Action must show the candidate's own work."

[[rule]]
code = "A902"
name = "test-hand-off"
kind = "match"
section = "action"
severity = "error"
phrases = ["escalated"]
message = "“{match}” routes the problem to someone else"
help = "Show the fix you made, not the message you sent"
why = "Routing a problem is not solving it."

[[rule]]
code = "R901"
name = "test-no-delta"
kind = "require"
section = "result"
severity = "warning"
patterns = ["\\bfrom\\b.*\\bto\\b"]
message = "the {section} has no before → after measure"
help = "Give the number before and after: “from 14 to 3 minutes”"
why = "A result without a measure is a claim."

[[rule]]
code = "L901"
name = "test-stock-lesson"
kind = "match"
section = "reflection"
severity = "info"
phrases = ["communication is important"]
message = "a lesson anyone could say"
help = "Name what you now do differently, and where it came from"
"#;

/// The text of the scored answer: CRLF after the first two lines, multi-byte characters
/// before the Action's "we", a Result across two lines, no Task.
pub const TEXT: &str = "Situation: Our café’s weekend rota kept failing.\r\n\
Action: With Señora Díaz we rebuilt it; I escalated the rest.\r\n\
Result: Things got better\nand the team was happy.\n\
Reflection: I learned communication is important.\n";

/// The source of the scored answer: a comma, a space and a non-ASCII letter, so every
/// format's path escaping is exercised.
pub const SOURCE: &str = "stories/café rota, v2.md";

/// The source of the answer that could not be read.
pub const BAD_SOURCE: &str = "stories/binary.md";

/// The test rubric (only its own five rules, in the order written).
pub fn rubric() -> CompiledRubric {
    let overlay = RubricSource {
        name: "test-rubric.toml".into(),
        text: RUBRIC.into(),
    };
    let mut r = match rubric::build(Some(overlay)) {
        Ok(r) => r,
        Err(e) => panic!("test rubric does not compile:\n{e}"),
    };
    let codes = ["G901", "A901", "A902", "R901", "L901"];
    r.rules.retain(|rule| codes.contains(&rule.code.as_str()));
    assert_eq!(r.rules.len(), codes.len(), "test rubric lost a rule");
    for (i, rule) in r.rules.iter_mut().enumerate() {
        rule.id = i;
    }
    r
}

/// The byte span of the `nth` (0-based) occurrence of `needle` in [`TEXT`].
fn span_of(needle: &str, nth: usize) -> (usize, usize) {
    let start = TEXT
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` not in the test text"));
    (start, start + needle.len())
}

fn finding(
    rubric: &CompiledRubric,
    code: &str,
    span: (usize, usize),
    message: &str,
    help: &str,
) -> Finding {
    let Some(rule) = rubric.rules.iter().find(|r| r.code == code) else {
        panic!("no rule {code} in the test rubric");
    };
    let index = LineIndex::new(TEXT);
    let start = u32::try_from(span.0).unwrap_or(u32::MAX);
    let lc = index.line_col(TEXT, start);
    Finding {
        code: rule.code.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        section: rule.section,
        message: message.into(),
        help: help.into(),
        span: SpanOut {
            start,
            end: u32::try_from(span.1).unwrap_or(u32::MAX),
            line: lc.line,
            column: lc.column,
        },
        rule: rule.id,
    }
}

fn section(name: SectionKind, span: (usize, usize), words: u32, target: f64) -> SectionReport {
    SectionReport {
        name,
        start: u32::try_from(span.0).unwrap_or(u32::MAX),
        end: u32::try_from(span.1).unwrap_or(u32::MAX),
        words,
        seconds: f64::from(words) * 60.0 / 150.0,
        target_seconds: target,
        labelled: true,
    }
}

/// The two reports, in input order.
pub fn reports(rubric: &CompiledRubric) -> Vec<AnswerReport> {
    let line = |label: &str| {
        let (start, _) = span_of(label, 0);
        let end = TEXT[start..]
            .find("\r\n")
            .or_else(|| TEXT[start..].find("\n\n"))
            .map_or(TEXT.len(), |i| start + i);
        (start, end)
    };
    let result = {
        let (start, _) = span_of("Result:", 0);
        let (_, end) = span_of("happy.", 0);
        (start, end)
    };
    let result_body = {
        let (start, _) = span_of("Things", 0);
        (start, result.1)
    };
    let reflection = {
        let (start, _) = span_of("Reflection:", 0);
        (start, TEXT.len() - 1)
    };
    let findings = vec![
        finding(
            rubric,
            "G901",
            (0, 0),
            "no Task section",
            "Add the Task: what you were asked to do",
        ),
        finding(
            rubric,
            "A901",
            span_of("we", 1),
            "“we” hides what you did",
            "Say what you did yourself: “I rebuilt the rota…”",
        ),
        finding(
            rubric,
            "A902",
            span_of("escalated", 0),
            "“escalated” routes 100% of the problem away: to another team, then\n\
             nothing <was> done & \"fixed\"",
            "Show the fix you made, not the message you sent",
        ),
        finding(
            rubric,
            "R901",
            result_body,
            "the Result has no before → after measure",
            "Give the number before and after: “from 14 to 3 minutes”",
        ),
        finding(
            rubric,
            "L901",
            span_of("communication is important", 0),
            "a lesson anyone could say",
            "Name what you now do differently, and where it came from",
        ),
    ];
    let scored = AnswerReport {
        source: SOURCE.into(),
        lp: Lp::ThinkBig,
        level: Level::Sde2,
        level_name: "SDE2",
        field: Some(crate::field::Field::SOFTWARE),
        verdict: Some(Verdict::LeaningNoHire),
        score: Some(crate::ids::Score::points(62)),
        bar_raiser: Some(
            "Sounds competent but fails on content. 'We' in the Action, and no measure of the \
             result. Leaning No Hire for this LP."
                .into(),
        ),
        sections: vec![
            section(SectionKind::Situation, line("Situation:"), 6, 30.0),
            section(SectionKind::Action, line("Action:"), 10, 90.0),
            section(SectionKind::Result, result, 8, 20.0),
            section(SectionKind::Reflection, reflection, 5, 15.0),
        ],
        findings,
        probes: vec![ProbeReport {
            id: "we-contribution".into(),
            question: "What did you do yourself, step by step?".into(),
            probes: "Individual contribution".into(),
            strong: "First-person steps with the reasoning behind each".into(),
        }],
        dimensions: dimensions(),
        error: None,
        extra: None,
        read_at: None,
        text: TEXT.into(),
        question: Some("Tell me about a time you went beyond your role".into()),
        costliest: vec![
            "test-hand-off".into(),
            "test-missing-part".into(),
            "test-we-actor".into(),
        ],
        fix_effects: vec![
            (
                "test-hand-off".into(),
                Verdict::LeaningNoHire,
                crate::ids::Score::points(55),
            ),
            (
                "test-missing-part".into(),
                Verdict::Hire,
                crate::ids::Score::points(72),
            ),
        ],
        capped_by: None,
    };
    let failed = AnswerReport::failed(BAD_SOURCE.into(), Lp::General, Level::Sde2, "binary".into());
    vec![scored, failed]
}

/// The report span of `needle`'s `nth` occurrence in [`TEXT`].
fn span_out(needle: &str, nth: usize) -> SpanOut {
    let (start, end) = span_of(needle, nth);
    let index = LineIndex::new(TEXT);
    let s = u32::try_from(start).unwrap_or(u32::MAX);
    let lc = index.line_col(TEXT, s);
    SpanOut {
        start: s,
        end: u32::try_from(end).unwrap_or(u32::MAX),
        line: lc.line,
        column: lc.column,
    }
}

/// The dimension ratings of the scored report: one credit and one finding as evidence.
fn dimensions() -> Vec<crate::report::DimensionReport> {
    use crate::ids::{DimensionId, Rating};
    use crate::judge::Stance;
    use crate::report::{DimensionReport, EvidenceReport};
    DimensionId::ALL
        .iter()
        .map(|d| {
            let (rating, evidence) = match d {
                DimensionId::Action => (
                    Rating::Weak,
                    vec![EvidenceReport {
                        stance: Stance::Against,
                        span: span_out("we rebuilt", 0),
                        note: "'we' as the actor".into(),
                        rule: Some("T003".into()),
                        points: 0.5,
                    }],
                ),
                DimensionId::Result => (
                    Rating::Adequate,
                    vec![EvidenceReport {
                        stance: Stance::For,
                        span: span_out("Things got better", 0),
                        note: "a concrete outcome".into(),
                        rule: Some("T002".into()),
                        points: 0.5,
                    }],
                ),
                _ => (Rating::Missing, Vec::new()),
            };
            DimensionReport {
                name: *d,
                weight: if *d == DimensionId::Lp { 0.0 } else { 1.0 },
                rating,
                value: if rating == Rating::Missing { 0.0 } else { 0.3 },
                evidence,
            }
        })
        .collect()
}

#[test]
fn the_fixture_is_what_it_says() {
    let r = rubric();
    let reports = reports(&r);
    let f = &reports[0].findings;
    assert_eq!(f.len(), 5);
    // The "we" after "Señora Díaz" on line 2, after a CRLF: 27 bytes but 25 characters in.
    assert_eq!((f[1].span.line, f[1].span.column), (2, 26));
    assert_eq!(
        &TEXT[f[1].span.start as usize..f[1].span.end as usize],
        "we"
    );
    assert!(f[0].span.is_empty());
    assert!(reports[1].error.is_some());
    assert_eq!(
        r.rules.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        ["G901", "A901", "A902", "R901", "L901"]
    );
}
