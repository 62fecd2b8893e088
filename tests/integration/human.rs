//! The human report through the real binary: snapshots of strong, middling and weak
//! answers at each level, colour off, at 80 and 120 columns; and the layout rules that
//! hold for every fixture whatever the rubric says - no line wider than the terminal but
//! the quoted answer line, and every line at the left margin one the report means to put
//! there, so a long or multi-line finding message can never break a header.
//!
//! The snapshots move when the rubric is tuned; review each change (`cargo insta review`)
//! rather than accepting it. Colour, the pasted-answer prompt and `explain` have their
//! own files below.

mod color;
mod explain;
mod pty;

use crate::common::{command, root};
use std::process::Stdio;

/// Strong, middling and weak answers for one level (the verdicts they get today are in
/// the snapshots; the point is one of each).
const LEVELS: [(&str, [&str; 3]); 3] = [
    (
        "sde1",
        [
            "fixtures/stories/nursing-transfer-medication.md",
            "fixtures/calibration/charity-grant-report-late.md",
            "fixtures/seeds/000-weak.md",
        ],
    ),
    (
        "sde2",
        [
            "fixtures/calibration/construction-scaffold-inspections.md",
            "fixtures/calibration/ecommerce-refund-scan-point.md",
            "fixtures/seeds/002-weak.md",
        ],
    ),
    (
        "senior",
        [
            "fixtures/seeds/003-strong-senior.md",
            "fixtures/stories/restaurant-allergen-launch.md",
            "fixtures/stories/nursing-discharge-flow.md",
        ],
    ),
];

/// Every fixture directory with answers in it.
const ALL: [&str; 3] = ["fixtures/seeds", "fixtures/stories", "fixtures/calibration"];

/// `starlint check --color never ARGS` at `columns`, standard output.
pub(crate) fn report(columns: usize, args: &[&str]) -> String {
    let out = command(&root())
        .env("COLUMNS", columns.to_string())
        .args(["check", "--color", "never"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run starlint");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn snapshots_at_each_level_and_width() {
    for (level, files) in LEVELS {
        for columns in [80, 120] {
            let mut args = vec!["--level", level];
            args.extend(files);
            insta::assert_snapshot!(format!("{level}_{columns}"), report(columns, &args));
        }
    }
}

/// A line that quotes the answer (`12 | …`): the one line allowed past the width.
fn is_quote(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(" |")
}

#[test]
fn no_line_is_wider_than_the_terminal_but_the_quoted_answer() {
    for columns in [80, 120] {
        let out = report(columns, &ALL);
        for line in out.lines() {
            assert!(
                is_quote(line) || line.chars().count() <= columns,
                "{} columns wide at COLUMNS={columns}: {line:?}",
                line.chars().count()
            );
        }
    }
}

/// The lines a report starts at the left margin; anything else there is a broken header.
const LEFT_MARGIN: [&str; 24] = [
    "fixtures/",
    "╭",
    "│",
    "╰",
    "Question:",
    "Bar Raiser thinks:",
    "For ",
    "Sections",
    "── ",
    "error[",
    "warning[",
    "info[",
    "Likely follow-ups",
    "Fix first:",
    "Why each matters",
    "No findings.",
    // The batch summary (render/cohort.rs) after two or more answers.
    "Score: mean",
    "Score distribution",
    "By ",
    "Most common findings",
    "Weakest answers:",
    "Ranked by ",
    "Could not read:",
    "─",
];

#[test]
fn every_line_at_the_left_margin_is_one_the_report_put_there() {
    for columns in [80, 120] {
        let out = report(columns, &ALL);
        for line in out.lines() {
            if line.is_empty() || line.starts_with(' ') || is_quote(line) {
                continue;
            }
            let summary = line.ends_with(" errors") && line.contains(" answers: ");
            assert!(
                summary || line.starts_with('═') || LEFT_MARGIN.iter().any(|p| line.starts_with(p)),
                "unexpected line at the left margin (COLUMNS={columns}): {line:?}"
            );
        }
    }
}

#[test]
fn every_finding_shows_code_name_message_help_and_underline() {
    let out = report(100, &["fixtures/seeds/000-weak.md"]);
    assert!(out.contains("error[A003 handoff-language]: “escalated” routes the problem"));
    assert!(out.contains("^^^^^^^^^"), "{out}");
    assert!(out.contains("= help: "));
    assert!(
        out.contains("Strong: “"),
        "help carries a strong example\n{out}"
    );
    assert!(
        out.contains(" s / 30 s"),
        "section times as `N s / 30 s`\n{out}"
    );
    assert!(out.contains("Bar Raiser thinks: "));
    assert!(out.contains("Likely follow-ups"));
    let last = out.lines().rev().find(|l| l.starts_with("Fix first:"));
    assert!(last.is_some(), "the fixes worth most come last\n{out}");
    // Findings of one rule in one section are one entry.
    assert_eq!(out.matches("[A003 handoff-language]").count(), 1, "{out}");
}

#[test]
fn level_and_lp_change_the_advice() {
    let file = "fixtures/stories/retail-click-collect-queue.md";
    let sde1 = report(100, &["--level", "sde1", "--lp", "think-big", file]);
    let senior = report(100, &["--level", "senior", "--lp", "think-big", file]);
    let customer = report(
        100,
        &["--level", "senior", "--lp", "customer-obsession", file],
    );
    assert!(sde1.contains("For Think Big at SDE1:"), "{sde1}");
    assert!(senior.contains("For Think Big at senior:"), "{senior}");
    assert!(senior.contains("Senior bar"), "{senior}");
    assert!(
        senior.contains("trade-offs"),
        "senior asks for trade-offs\n{senior}"
    );
    assert!(
        customer.contains("For Customer Obsession at senior:"),
        "{customer}"
    );
    assert!(customer.contains("customer"), "{customer}");
    let block = |s: &str| -> String {
        s.lines()
            .skip_while(|l| !l.starts_with("For "))
            .take_while(|l| !l.starts_with("Sections"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_ne!(block(&sde1), block(&senior));
    assert_ne!(block(&senior), block(&customer));
}
