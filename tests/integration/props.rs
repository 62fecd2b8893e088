//! Property tests on the library (`starlint::check_answer`): for arbitrary Unicode and for
//! "label soup" (random mixes of labels, headings, bold, bullets, line ends of every kind,
//! suppression comments, quotes and words), scoring never panics and every report is
//! well-formed: spans inside the text and on character boundaries, sections disjoint and
//! in text order, each finding's line and column those of its start.
//!
//! The default case count is small (64) so `cargo test` stays quick in a debug build on
//! two cores; `PROPTEST_CASES=5000 cargo test --release props` runs a longer search.

use proptest::prelude::*;
use proptest::test_runner::Config;
use starlint::ids::{Level, Lp};
use starlint::input::{Origin, Source};
use starlint::rubric::default_rubric;
use starlint::Context;
use std::sync::OnceLock;

fn context() -> &'static Context {
    static CX: OnceLock<Context> = OnceLock::new();
    CX.get_or_init(|| Context::new(default_rubric().expect("default rubric compiles")))
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Line and column of byte `at`, the slow way: lines end at LF, CRLF or a lone CR.
fn line_col(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let breaks = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count();
    (
        u32::try_from(breaks + 1).unwrap(),
        u32::try_from(column + 1).unwrap(),
    )
}

/// Score `text` (when it is an answer at all) and check the report's invariants.
fn check(text: &str, lp: Lp, level: Level) -> Result<(), TestCaseError> {
    let Ok(src) = Source::from_text(Origin("prop".into()), text.to_string()) else {
        // Empty, or front matter with a bad value: refused before scoring, never a panic.
        return Ok(());
    };
    let mut cx = context().clone();
    cx.flag_lp = Some(lp);
    cx.flag_level = Some(starlint::ids::GivenLevel {
        level,
        name: level.plain(),
    });
    let report = starlint::check_answer(&src, &cx);
    let text = src.text.as_str();
    let len = text.len();
    prop_assert!(report.verdict.is_some() && report.score.is_some());
    prop_assert!(report.score.unwrap_or_default().tenths() <= 1000);
    let mut last_end = 0u32;
    for s in &report.sections {
        prop_assert!(
            s.start <= s.end && s.end as usize <= len,
            "section {s:?} of {len}"
        );
        prop_assert!(
            text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
        );
        prop_assert!(
            s.start >= last_end,
            "sections overlap or are out of order: {:?}",
            report.sections
        );
        last_end = s.end;
    }
    for f in &report.findings {
        let (start, end) = (f.span.start as usize, f.span.end as usize);
        prop_assert!(start <= end && end <= len, "finding {f:?} of {len}");
        prop_assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{f:?}"
        );
        prop_assert_eq!(
            (f.span.line, f.span.column),
            line_col(text, start),
            "{:?}",
            f
        );
    }
    // The findings serialise (the JSON emitter's path) without trouble.
    prop_assert!(serde_json::to_string(&report).is_ok());
    Ok(())
}

fn lp() -> impl Strategy<Value = Lp> {
    prop::sample::select(Lp::ALL.to_vec())
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

/// One piece of label soup.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "Situation:",
        "S:",
        "## Task",
        "**Action**",
        "**Result:**",
        "Reflection -",
        "> **Task:**",
        "1. Action:",
        "Situation/Task:",
        "Context —",
        "Lessons learned:",
        "- ",
        "* ",
        "• ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        ". ",
        "! ",
        "? ",
        "\"",
        "“",
        "”",
        "'",
        "’",
        ":",
        "(",
        ")",
        "we",
        "We",
        "our team",
        "us",
        "I",
        "I fixed",
        "I pulled the logs",
        "escalated",
        "they handled it",
        "from 14 to 3 minutes",
        "by 40%",
        "$8,000",
        "the team was happy",
        "improved a lot",
        "I learned communication is important",
        "nobody had asked me",
        "my manager suggested",
        "I had some free time",
        "not",
        "didn't",
        "but I brought a fix",
        "<!-- starlint-disable -->",
        "<!-- starlint-disable we-language -->",
        "<!-- starlint-enable -->",
        "<!--",
        "-->",
        "---",
        "\u{200B}",
        "\u{202E}",
        "\u{FEFF}",
        "é",
        "e\u{301}",
        "👩🏽‍⚕️",
        "情况",
        "مشكلة",
    ]);
    prop_oneof![
        4 => fixed.prop_map(str::to_string),
        1 => "[a-z]{1,12}",
        1 => any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>(), lp in lp(), level in level()) {
        check(&text, lp, level)?;
    }

    #[test]
    fn label_soup_reports_hold(parts in prop::collection::vec(piece(), 0..160), lp in lp(), level in level()) {
        check(&parts.concat(), lp, level)?;
    }

    #[test]
    fn soup_after_front_matter_holds(
        parts in prop::collection::vec(piece(), 0..80),
        lp in lp(),
        level in level(),
    ) {
        let text = format!("---\nlp: {}\nlevel: {}\n---\n{}", lp.id(), level.id(), parts.concat());
        check(&text, lp, level)?;
    }
}
