//! `--statistics`: one line per rule that fired, `answers findings CODE name`, most
//! frequent first, or the same as a JSON array; counts checked against the JSON report,
//! exit codes as for `check`.

use super::{check, cohort_dirs, cohort_json};
use crate::common::run_in;
use serde_json::Value;
use std::collections::BTreeMap;

/// (answers, findings) per (code, name), from the JSON report.
fn expected() -> BTreeMap<(String, String), (usize, usize)> {
    let doc = cohort_json();
    let mut out = BTreeMap::new();
    for a in doc["answers"].as_array().unwrap() {
        let mut seen = Vec::new();
        for f in a["findings"].as_array().unwrap() {
            let key = (
                f["code"].as_str().unwrap().to_string(),
                f["name"].as_str().unwrap().to_string(),
            );
            let e: &mut (usize, usize) = out.entry(key.clone()).or_default();
            e.1 += 1;
            if !seen.contains(&key) {
                e.0 += 1;
                seen.push(key);
            }
        }
    }
    out
}

#[test]
fn one_line_per_rule_most_frequent_first() {
    let want = expected();
    let run = check(&["--statistics"], &cohort_dirs());
    assert_eq!(run.code, 1, "exit codes as for check");
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines.len(), want.len(), "{}", run.stdout);
    let mut previous = (usize::MAX, usize::MAX);
    for fields in &lines {
        assert_eq!(fields.len(), 4, "answers findings CODE name: {fields:?}");
        let answers: usize = fields[0].parse().unwrap();
        let findings: usize = fields[1].parse().unwrap();
        let key = (fields[2].to_string(), fields[3].to_string());
        assert_eq!(want[&key], (answers, findings), "{key:?}");
        assert!((answers, findings) <= previous, "most frequent first");
        previous = (answers, findings);
    }
    assert!(!run.stdout.contains("Bar Raiser"), "no reports");
}

#[test]
fn json_is_the_same_as_an_array() {
    let text = check(&["--statistics"], &cohort_dirs());
    let json = check(&["--statistics", "--format", "json"], &cohort_dirs());
    assert_eq!(json.code, 1);
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), text.stdout.lines().count());
    for (row, line) in rows.iter().zip(text.stdout.lines()) {
        assert_eq!(
            format!(
                "{} {} {} {}",
                row["answers"],
                row["findings"],
                row["code"].as_str().unwrap(),
                row["name"].as_str().unwrap()
            ),
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}

#[test]
fn exit_codes_are_checks_and_other_formats_are_refused() {
    let dir = crate::batch::answers_dir(6);
    let ok = run_in(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--statistics",
            "--fail-under",
            "no_hire",
            ".",
        ],
        None,
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    std::fs::write(dir.path().join("zz.md"), b"bad\0binary").unwrap();
    let bad = run_in(
        dir.path(),
        &["check", "--isolated", "--statistics", "."],
        None,
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("starlint: error: ./zz.md: binary"),
        "{}",
        bad.stderr
    );
    assert!(
        !bad.stdout.is_empty(),
        "the other answers are still counted"
    );
    let csv = run_in(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--statistics",
            "--format",
            "csv",
            ".",
        ],
        None,
    );
    assert_eq!(csv.code, 2);
    assert!(
        csv.stderr
            .contains("--statistics is written as text or, with --format json, as a JSON array"),
        "{}",
        csv.stderr
    );
    let both = run_in(
        dir.path(),
        &["check", "--statistics", "--summary", "."],
        None,
    );
    assert_eq!(
        both.code, 2,
        "--statistics and --summary exclude each other"
    );
}

#[test]
fn a_config_format_gives_way_to_statistics() {
    let dir = crate::batch::answers_dir(4);
    std::fs::write(dir.path().join("starlint.toml"), "format = \"csv\"\n").unwrap();
    let run = run_in(dir.path(), &["check", "--statistics", "."], None);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert_eq!(line.split_whitespace().count(), 4, "{line}");
    }
    std::fs::write(dir.path().join("starlint.toml"), "format = \"json\"\n").unwrap();
    let run = run_in(dir.path(), &["check", "--statistics", "."], None);
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(rows.is_array());
}
