//! The coach's views of a batch through the real binary: `--summary` (only the cohort
//! summary) and the summary after a human batch, `--statistics` in text and JSON, the
//! `--format html` page (its counts, its escaping, and the switch to the worst 500 past
//! 2,000 answers), and the summary on standard error after a machine format, which only
//! a terminal gets. What the page looks like in a browser is tests/browser/'s job.

mod html;
mod statistics;
mod terminal;

use crate::common::{fixture, run_in, Run};
use serde_json::Value;

/// The fixture directories of a realistic cohort: many LPs, all three levels.
pub fn cohort_dirs() -> Vec<String> {
    ["seeds", "stories", "calibration"]
        .iter()
        .map(|d| fixture(d).display().to_string())
        .collect()
}

/// `starlint check ARGS… DIRS…` from the repository root, with no config file.
pub fn check(args: &[&str], dirs: &[String]) -> Run {
    let mut all = vec!["check", "--isolated"];
    all.extend_from_slice(args);
    all.extend(dirs.iter().map(String::as_str));
    run_in(&crate::common::root(), &all, None)
}

/// The JSON report of the cohort, to check the other views against.
pub fn cohort_json() -> Value {
    let run = check(&["--format", "json"], &cohort_dirs());
    serde_json::from_str(&run.stdout).expect("the JSON report")
}

/// The summary's lines from its first line (`N answers: …`) on.
fn summary_lines(out: &str) -> Vec<&str> {
    out.lines()
        .skip_while(|l| !l.contains(" answers: "))
        .collect()
}

#[test]
fn summary_alone_is_the_whole_cohort_summary_and_nothing_else() {
    let dirs = cohort_dirs();
    let doc = cohort_json();
    let run = check(&["--summary", "--color", "never"], &dirs);
    assert_eq!(
        run.code, 1,
        "exit codes as for check: some answers are below Hire"
    );
    let out = &run.stdout;
    assert!(!out.contains("Bar Raiser thinks:"), "no report: {out}");
    let v = &doc["summary"]["by_verdict"];
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{} answers: {} Strong Hire, {} Hire, {} Leaning No Hire, {} No Hire, 0 errors",
            doc["answers"].as_array().unwrap().len(),
            v["strong_hire"],
            v["hire"],
            v["leaning_no_hire"],
            v["no_hire"]
        ),
        "the summary is all there is, from its first line"
    );
    for heading in [
        "Score: mean ",
        "Score distribution (answers per ten points):",
        "By Leadership Principle  ",
        "By level  ",
        "Most common findings (answers affected):",
        "Weakest answers:",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(heading)),
            "{heading}: {out}"
        );
    }
    // The histogram's ten bins hold every answer.
    let bins: u64 = out
        .lines()
        .skip_while(|l| !l.starts_with("Score distribution"))
        .skip(1)
        .take(10)
        .map(|l| l.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(bins as usize, doc["answers"].as_array().unwrap().len());
    // The breakdown by level counts each level's answers.
    for level in ["sde1", "sde2", "senior"] {
        let n = doc["answers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["level"] == level)
            .count();
        let label = match level {
            "sde1" => "SDE1",
            "sde2" => "SDE2",
            _ => "senior",
        };
        let row = out
            .lines()
            .find(|l| l.trim_start().starts_with(label) && l.starts_with("  "))
            .unwrap_or_else(|| panic!("no {label} row: {out}"));
        assert_eq!(
            row.split_whitespace().nth(1).unwrap(),
            n.to_string(),
            "{row}"
        );
    }
}

#[test]
fn summary_hints_are_whole_words() {
    let dir = crate::batch::answers_dir(12);
    for columns in ["40", "60", "100"] {
        let run = crate::common::command(dir.path())
            .env("COLUMNS", columns)
            .args(["check", "--isolated", "--summary", "."])
            .output()
            .unwrap();
        let out = String::from_utf8(run.stdout).unwrap();
        let width: usize = columns.parse().unwrap();
        let hints: Vec<&str> = out
            .lines()
            .skip_while(|l| !l.starts_with("Weakest answers:"))
            .filter(|l| l.starts_with("       "))
            .collect();
        assert!(!hints.is_empty(), "{out}");
        for line in &hints {
            assert!(line.chars().count() <= width, "{columns}: {line:?}");
        }
        // Joined back, the hints hold only words of the rubric's messages: a word cut
        // at the edge ("assignm") would be a word no message has.
        let json = run_in(
            dir.path(),
            &["check", "--isolated", "--format", "json", "."],
            None,
        );
        let doc: Value = serde_json::from_str(&json.stdout).unwrap();
        let mut words = std::collections::HashSet::new();
        for a in doc["answers"].as_array().unwrap() {
            for f in a["findings"].as_array().unwrap() {
                for field in ["code", "name", "message"] {
                    for w in f[field].as_str().unwrap().split_whitespace() {
                        words.insert(w.trim_end_matches(':').to_string());
                    }
                }
            }
        }
        for w in hints.iter().flat_map(|l| l.split_whitespace()) {
            assert!(
                words.contains(w.trim_end_matches(':')),
                "{w:?} is cut: {out}"
            );
        }
    }
}

#[test]
fn summary_is_text_only_and_quiet_human_batches_have_none() {
    let dirs = cohort_dirs();
    let run = check(&["--summary", "--format", "json"], &dirs);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("starlint: error: --summary prints the cohort summary as text"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let human = check(&["--color", "never"], &dirs);
    let tail = summary_lines(&human.stdout);
    assert!(tail
        .iter()
        .any(|l| l.starts_with("By Leadership Principle")));
    assert!(tail.iter().any(|l| l.starts_with("Score distribution")));
    let quiet = check(&["--color", "never", "--quiet"], &dirs);
    assert!(
        summary_lines(&quiet.stdout).is_empty(),
        "--quiet: no summary"
    );
}

#[test]
fn a_machine_format_off_a_terminal_gets_no_summary_on_stderr() {
    let run = check(&["--format", "jsonl"], &cohort_dirs());
    assert_eq!(run.code, 1);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
