//! Rendered output of the real binary for a fixed set of fixtures, human and JSON, as insta
//! snapshots (ruff's fully rendered diagnostics, Harper's corpus snapshots): any change in
//! what fires on these answers, or how it reads, shows up in review. The set spans fields,
//! formats (labelled, markdown headings, bullets, unlabelled, a one-liner) and verdicts.

use crate::common::run;

const FIXTURES: &[&str] = &[
    "seeds/000-strong-general.md",
    "seeds/000-weak.md",
    "seeds/all-mistakes.md",
    "stories/retail-click-collect-queue.md",
    "stories/teaching-year7-reading.md",
    "stories/nursing-discharge-flow.md",
    "calibration/charity-volunteer-wellbeing.md",
    "calibration/pharmacy-hrt-shortage.md",
];

fn name(fixture: &str) -> String {
    fixture.trim_end_matches(".md").replace('/', "__")
}

#[test]
fn human_reports() {
    for f in FIXTURES {
        let path = format!("fixtures/{f}");
        let out = run(&["check", "--color", "never", &path], None);
        assert!(out.code == 0 || out.code == 1, "{f}: {}", out.stderr);
        insta::assert_snapshot!(format!("human__{}", name(f)), out.stdout);
    }
}

#[test]
fn json_reports() {
    for f in FIXTURES {
        let path = format!("fixtures/{f}");
        let out = run(&["check", "--format", "json", &path], None);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        insta::assert_json_snapshot!(format!("json__{}", name(f)), doc);
    }
}
