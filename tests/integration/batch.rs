//! Batch scoring through the real binary: a directory of 200 answers scores the same on one
//! thread and on two, in input order; JSON lines stream with per-line errors; CSV has one
//! row per answer; no progress bar leaks into captured output; an answer scores the same
//! alone as in a batch; the human batch ends with the cohort summary.

use crate::common::{fixture, run_in};
use serde_json::Value;
use std::path::Path;

/// The bodies of every fixture answer (front matter dropped), in a stable order.
pub fn bodies() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["seeds", "stories", "calibration"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text).to_string();
            out.push(body);
        }
    }
    out
}

/// A directory of `n` answers named 000.md … so sorted order is numeric order.
pub fn answers_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bodies = bodies();
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("{i:03}.md")),
            &bodies[i % bodies.len()],
        )
        .unwrap();
    }
    dir
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = run_in(dir, args, None);
    (
        serde_json::from_str(&out.stdout).unwrap_or(Value::Null),
        out.code,
        out.stderr,
    )
}

#[test]
fn two_hundred_answers_same_on_one_and_two_threads_in_input_order() {
    let dir = answers_dir(200);
    let base = ["check", "--format", "json", "--fail-under", "no_hire", "."];
    let (one, code1, _) = json(dir.path(), &[&base[..], &["--jobs", "1"]].concat());
    let (two, code2, _) = json(dir.path(), &[&base[..], &["--jobs", "2"]].concat());
    assert_eq!(code1, 0);
    assert_eq!(code2, 0);
    assert_eq!(
        one, two,
        "--jobs 1 and --jobs 2 must give the same document"
    );
    let sources: Vec<&str> = one["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 200);
    let expected: Vec<String> = (0..200).map(|i| format!("./{i:03}.md")).collect();
    assert_eq!(sources, expected, "JSON keeps the sorted input order");
    assert_eq!(one["summary"]["answers"], 200);
    assert!(one["summary"]["mean_score"].is_number());
    assert!(one["summary"]["by_rule"].is_object());
}

#[test]
fn an_answer_scores_the_same_alone_and_in_a_batch() {
    let dir = answers_dir(20);
    let (batch, _, _) = json(
        dir.path(),
        &["check", "--format", "json", "--jobs", "2", "."],
    );
    let (alone, _, _) = json(dir.path(), &["check", "--format", "json", "./007.md"]);
    assert_eq!(batch["answers"][7], alone["answers"][0]);
}

#[test]
fn jsonl_streams_every_line_and_a_bad_line_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for (i, body) in bodies().iter().take(12).enumerate() {
        lines.push(serde_json::json!({"id": format!("a{i}"), "answer": body}).to_string());
        if i == 4 {
            lines.push(r#"{"id": "broken", "answer": 42}"#.to_string());
            lines.push("{not json".to_string());
        }
    }
    std::fs::write(dir.path().join("in.jsonl"), lines.join("\n")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check", "--input", "jsonl", "--format", "jsonl", "in.jsonl", "--jobs", "2",
        ],
        None,
    );
    assert_eq!(out.code, 2, "a malformed line makes the run exit 2");
    let answers: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 14, "every line is reported, good or bad");
    let mut ids: Vec<String> = answers
        .iter()
        .map(|a| a["source"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let mut want: Vec<String> = (0..12).map(|i| format!("a{i}")).collect();
    want.extend(["broken".to_string(), "in.jsonl:7".to_string()]);
    want.sort();
    assert_eq!(ids, want);
    let bad = answers.iter().find(|a| a["source"] == "broken").unwrap();
    assert!(bad["verdict"].is_null() && bad["score"].is_null());
    assert_eq!(bad["error"], "\"answer\" must be a string");
    // Errors name the file and line, whatever the id.
    assert!(
        out.stderr
            .contains("starlint: error: in.jsonl:6: \"answer\" must be a string"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("starlint: error: in.jsonl:7: invalid JSON"),
        "{}",
        out.stderr
    );
    assert_eq!(
        answers.iter().filter(|a| a["verdict"].is_string()).count(),
        12
    );
}

#[test]
fn csv_has_a_row_per_answer_and_a_column_per_rule() {
    let dir = answers_dir(30);
    std::fs::write(dir.path().join("zz-binary.md"), b"bad\0file").unwrap();
    let out = run_in(dir.path(), &["check", "--format", "csv", "."], None);
    assert_eq!(out.code, 2);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(
        &headers.iter().take(6).collect::<Vec<_>>(),
        &["source", "lp", "level", "verdict", "score", "error"]
    );
    assert!(
        headers.iter().any(|h| h == "we-language")
            && headers.iter().any(|h| h == "missing-metric-delta")
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 31);
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    let bad = rows.iter().find(|r| &r[0] == "./zz-binary.md").unwrap();
    assert_eq!(&bad[5], "binary");
}

#[test]
fn no_progress_bar_in_captured_output() {
    let dir = answers_dir(40);
    for args in [
        &["check", "."][..],
        &["check", "--format", "json", "."],
        &["check", "--quiet", "."],
    ] {
        let out = run_in(dir.path(), args, None);
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.contains('\r') && !stream.contains("\u{1b}["),
                "no bar or escapes: {args:?}"
            );
            assert!(
                !stream.contains(" answers · ") && !stream.contains("ETA "),
                "no progress text: {args:?}"
            );
        }
    }
}

#[test]
fn a_human_batch_ends_with_the_cohort_summary() {
    let dir = answers_dir(12);
    let out = run_in(dir.path(), &["check", "--color", "never", "."], None);
    let tail: String = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("12 answers:"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(tail.starts_with("12 answers:"), "{}", out.stdout);
    assert!(tail.contains("Score: mean "));
    assert!(tail.contains("Most common findings (answers affected):"));
    assert!(tail.contains("Weakest answers:"));
    let quiet = run_in(
        dir.path(),
        &["check", "--color", "never", "--quiet", "."],
        None,
    );
    assert!(
        !quiet.stdout.contains("answers:"),
        "--quiet prints no summary"
    );
}
