//! The habits users bring from ruff, clippy and Vale (contract, second round), through the
//! real binary: "did you mean" for every kind of unknown value, a mistyped subcommand,
//! `--format concise`, `--exit-zero`, `--ignore-suppressions`, `--fail-under` as a score,
//! `--question`, `starlint init`, the front-matter key rule, JSON-lines extras and ids,
//! the `github` error level, and completions that offer values instead of file names.

use crate::common::{json, run_in, write, Run};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// A short answer with a "we" in its Action (A001 we-language fires on it).
const STORY: &str = "Situation: Our ward's weekend handovers kept losing patient notes.\n\
Task: Nobody owned the handover sheet, so I took it on.\n\
Action: We rebuilt the sheet. I tested it with two charge nurses and I trained the night \
shift.\n\
Result: Missed notes fell from 9 a week to 1, and the ward adopted the sheet as its \
standard.\n\
Reflection: I learned to test a fix with the people who use it before rolling it out.\n";

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// A directory holding `story.md`.
fn with_story() -> TempDir {
    let dir = tmp();
    write(dir.path(), "story.md", STORY);
    dir
}

/// `starlint ARGS` in `dir`, ignoring any config file (`--isolated` goes where `check`
/// takes it; other subcommands read no config).
fn run(dir: &Path, args: &[&str]) -> Run {
    let full: Vec<&str> = match args.first() {
        Some(&"check") => [&["check", "--isolated"][..], &args[1..]].concat(),
        Some(&("init" | "explain" | "rules")) => args.to_vec(),
        _ => [&["--isolated"][..], args].concat(),
    };
    run_in(dir, &full, None)
}

/// A usage error: exit 2, nothing on stdout, exactly one line on stderr.
fn usage_error(r: &Run) -> &str {
    assert_eq!(r.code, 2, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "", "a usage error scores nothing");
    assert_eq!(r.stderr.lines().count(), 1, "one line:\n{}", r.stderr);
    r.stderr.trim_end()
}

#[test]
fn unknown_values_get_the_closest_valid_one_in_one_line() {
    let dir = with_story();
    let lp = run(dir.path(), &["--lp", "ownershp", "story.md"]);
    let lp = usage_error(&lp);
    assert!(
        lp.starts_with(
            "starlint: error: --lp: unknown LP `ownershp`; did you mean `ownership`? (valid: \
             customer-obsession, ownership,"
        ),
        "{lp}"
    );
    let level = run(dir.path(), &["--level", "senoir", "story.md"]);
    assert_eq!(
        usage_error(&level),
        "starlint: error: --level: unknown level `senoir`; did you mean `senior`? (valid: sde1, \
         sde2, senior)"
    );
    let format = run(dir.path(), &["--format", "jsn", "story.md"]);
    assert_eq!(
        usage_error(&format),
        "starlint: error: --format: unknown format `jsn`; did you mean `json`? (valid: human, \
         json, jsonl, sarif, github, junit, csv, concise, html)"
    );
    // 50-odd rule names are not dumped: the closest one is suggested instead.
    for (args, prefix) in [
        (
            &["--select", "we-languag", "story.md"][..],
            "starlint: error: --select: unknown rule `we-languag`; did you mean `we-language`?",
        ),
        (
            &["explain", "we-languag"][..],
            "starlint: error: unknown rule `we-languag`; did you mean `we-language`?",
        ),
    ] {
        let r = run(dir.path(), args);
        let line = usage_error(&r);
        assert!(line.starts_with(prefix), "{line}");
        assert!(!line.contains("handoff-language"), "no list: {line}");
        assert!(line.ends_with("`starlint rules` lists them)"), "{line}");
    }
    // A config key.
    write(dir.path(), "starlint.toml", "levle = \"senior\"\n");
    let key = run_in(dir.path(), &["story.md"], None);
    assert_eq!(
        usage_error(&key),
        "starlint: error: starlint.toml:1:1: unknown key `levle`; did you mean `level`? (valid: \
         lp, level, rubric, format, fail-under, select, ignore, jobs)"
    );
    // An option.
    let option = run(dir.path(), &["--fail-undr", "hire", "story.md"]);
    assert!(usage_error(&option).starts_with(
        "starlint: error: unknown option `--fail-undr`; did you mean `--fail-under`?"
    ));
}

#[test]
fn usage_errors_read_as_one_table() {
    let dir = with_story();
    let cases: &[&[&str]] = &[
        &["--lp", "thinkbig", "story.md"],
        &["--level", "sde9", "story.md"],
        &["--fail-under", "hier", "story.md"],
        &["--fail-under", "101", "story.md"],
        &["--color", "nevr", "story.md"],
        &["--input", "jsonlines", "story.md"],
        &["--ignore", "R0,missing-metrc-delta", "story.md"],
        &["chek", "story.md"],
        &["rulse"],
    ];
    let mut table = String::new();
    for args in cases {
        let r = run(dir.path(), args);
        table.push_str(&format!(
            "$ starlint {}\n{}\n",
            args.join(" "),
            usage_error(&r)
        ));
    }
    insta::assert_snapshot!(table);
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_unless_it_is_a_path() {
    let dir = with_story();
    let r = run(dir.path(), &["chek", "story.md"]);
    assert_eq!(
        usage_error(&r),
        "starlint: error: unknown command `chek`; did you mean `check`? (to score a file named \
         `chek`, write `starlint check chek`)"
    );
    let r = run(dir.path(), &["explian", "A001"]);
    assert!(usage_error(&r).contains("did you mean `explain`?"));
    // A file of that name is a file to score.
    write(dir.path(), "chek", STORY);
    let r = run(dir.path(), &["--format", "json", "chek"]);
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    assert_eq!(json(&r)["answers"][0]["source"], "chek");
    // So is any path given to `check` explicitly.
    let r = run(dir.path(), &["check", "--format", "json", "chek"]);
    assert_eq!(json(&r)["answers"][0]["source"], "chek");
}

#[test]
fn init_writes_a_commented_starter_once() {
    let dir = tmp();
    let r = run(dir.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("starlint.toml")).unwrap();
    assert!(text.starts_with("# starlint.toml"), "{text}");
    assert!(text.contains("# fail-under = \"hire\""), "{text}");
    // The starter changes nothing until a line is uncommented: the settings are the
    // defaults, read from the file.
    let shown = run_in(dir.path(), &["--show-config"], None);
    assert!(
        shown.stdout.contains("level = \"sde2\"  # default"),
        "{}",
        shown.stdout
    );
    // A second run refuses to overwrite it, and leaves it as it was.
    std::fs::write(dir.path().join("starlint.toml"), "lp = \"dive-deep\"\n").unwrap();
    let again = run(dir.path(), &["init"]);
    assert_eq!(
        usage_error(&again),
        "starlint: error: starlint.toml already exists; not overwriting it (edit it, or remove \
         it first)"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("starlint.toml")).unwrap(),
        "lp = \"dive-deep\"\n"
    );
}

#[test]
fn an_empty_select_or_an_ignore_of_everything_is_a_usage_error() {
    let dir = with_story();
    let r = run(dir.path(), &["--select=", "story.md"]);
    assert!(usage_error(&r)
        .starts_with("starlint: error: --select: leaves no rule on, so nothing would be checked"));
    let r = run(dir.path(), &["--ignore", "G,S,T,A,R,L", "story.md"]);
    assert!(usage_error(&r).starts_with("starlint: error: --ignore: leaves no rule on"));
    // From the config file, named at the key.
    write(dir.path(), "starlint.toml", "select = []\n");
    let r = run_in(dir.path(), &["story.md"], None);
    assert!(usage_error(&r).starts_with("starlint: error: starlint.toml:1:10: leaves no rule on"));
}

#[test]
fn concise_is_one_line_per_finding_then_one_per_answer() {
    let dir = with_story();
    write(dir.path(), "bad.md", "");
    let r = run(dir.path(), &["--format", "concise", "story.md", "bad.md"]);
    assert_eq!(r.code, 2);
    let doc = json(&run(dir.path(), &["--format", "json", "story.md"]));
    let findings = doc["answers"][0]["findings"].as_array().unwrap();
    let mut want: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "story.md:{}:{}: {} {}: {}",
                f["span"]["line"],
                f["span"]["column"],
                f["code"].as_str().unwrap(),
                f["name"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let a = &doc["answers"][0];
    let verdict = match a["verdict"].as_str().unwrap() {
        "strong_hire" => "Strong Hire",
        "hire" => "Hire",
        "leaning_no_hire" => "Leaning No Hire",
        _ => "No Hire",
    };
    let mut last = format!("story.md: {verdict} ({}/100)", a["score"]);
    if !matches!(verdict, "Hire" | "Strong Hire") {
        last.push_str(", below Hire");
    }
    want.push(last);
    let got: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(got, want);
    assert!(
        want.iter().any(|l| l.contains(" A001 we-language: ")),
        "{want:?}"
    );
    // The unreadable file is reported once, on stderr.
    assert_eq!(r.stderr, "starlint: error: bad.md: empty\n");
}

/// The exit code, the verdict and the score of `story.md` under `args`.
fn outcome(dir: &Path, args: &[&str]) -> (i32, String, f64) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    full.push("story.md");
    let r = run(dir, &full);
    let doc = json(&r);
    let a = &doc["answers"][0];
    (
        r.code,
        a["verdict"].as_str().unwrap().to_string(),
        a["score"].as_f64().unwrap(),
    )
}

#[test]
fn fail_under_takes_a_score_and_exit_zero_keeps_failures_at_zero() {
    let dir = with_story();
    let (_, _, score) = outcome(dir.path(), &[]);
    let at = score.to_string();
    let above = (score + 1.0).to_string();
    assert_eq!(outcome(dir.path(), &["--fail-under", &at]).0, 0);
    assert_eq!(outcome(dir.path(), &["--fail-under", &above]).0, 1);
    assert_eq!(
        outcome(dir.path(), &["--fail-under", &above, "--exit-zero"]).0,
        0
    );
    assert_eq!(outcome(dir.path(), &["--fail-under", "strong_hire"]).0, {
        let (_, v, _) = outcome(dir.path(), &[]);
        i32::from(v != "strong_hire")
    });
    // From the config file too, as a number.
    write(
        dir.path(),
        "starlint.toml",
        &format!("fail-under = {above}\n"),
    );
    let r = run_in(dir.path(), &["--format", "json", "story.md"], None);
    assert_eq!(r.code, 1);
    // --exit-zero never hides an error.
    write(dir.path(), "empty.md", " \n");
    let r = run(dir.path(), &["--exit-zero", "story.md", "empty.md"]);
    assert_eq!(r.code, 2);
}

#[test]
fn github_reports_a_failing_verdict_as_an_error() {
    let dir = with_story();
    let (_, _, score) = outcome(dir.path(), &[]);
    let verdict_line = |bar: String| {
        let r = run(
            dir.path(),
            &["--format", "github", "--fail-under", &bar, "story.md"],
        );
        r.stdout
            .lines()
            .find(|l| l.contains("title=starlint verdict"))
            .unwrap()
            .to_string()
    };
    assert!(verdict_line((score + 1.0).to_string()).starts_with("::error "));
    assert!(verdict_line(score.to_string()).starts_with("::notice "));
}

#[test]
fn ignore_suppressions_scores_what_the_comments_hide() {
    let dir = tmp();
    write(
        dir.path(),
        "story.md",
        &format!("<!-- starlint-disable we-language -->\n{STORY}"),
    );
    let names = |args: &[&str]| {
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        full.push("story.md");
        crate::common::finding_names(&run(dir.path(), &full))
    };
    assert!(!names(&[]).contains(&"we-language".to_string()));
    assert!(names(&["--ignore-suppressions"]).contains(&"we-language".to_string()));
}

#[test]
fn question_flag_wins_over_front_matter() {
    let dir = tmp();
    write(
        dir.path(),
        "story.md",
        &format!("---\nquestion: From the front matter?\n---\n{STORY}"),
    );
    let q = |args: &[&str]| {
        let mut full = vec!["--color", "never"];
        full.extend_from_slice(args);
        full.push("story.md");
        let r = run(dir.path(), &full);
        r.stdout
            .lines()
            .find(|l| l.starts_with("Question: "))
            .map(str::to_string)
    };
    assert_eq!(q(&[]).as_deref(), Some("Question: From the front matter?"));
    assert_eq!(
        q(&["--question", "Tell me about a handover you fixed."]).as_deref(),
        Some("Question: Tell me about a handover you fixed.")
    );
}

#[test]
fn a_near_miss_of_a_front_matter_key_is_an_error_and_other_keys_are_ignored() {
    let dir = tmp();
    write(
        dir.path(),
        "typo.md",
        &format!("---\ntitle: Handover\nlevle: senior\n---\n{STORY}"),
    );
    write(
        dir.path(),
        "fine.md",
        &format!("---\ntitle: Handover\ntags: nursing\nlevel: senior\n---\n{STORY}"),
    );
    let r = run(dir.path(), &["--format", "json", "typo.md", "fine.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "starlint: error: typo.md: front matter line 3: unknown key `levle`; did you mean \
         `level`? (starlint reads lp, level, field, question; other keys are ignored)\n"
    );
    // The other story is still scored, at the level its front matter gives.
    let doc = json(&r);
    assert_eq!(doc["answers"][1]["level"], "senior");
    assert!(doc["answers"][1]["verdict"].is_string());
}

#[test]
fn json_lines_return_extra_keys_and_ids_exactly_as_written() {
    let dir = tmp();
    let answer = serde_json::to_string(STORY).unwrap();
    write(
        dir.path(),
        "cohort.jsonl",
        &format!(
            "\u{feff}{{\"id\": 1.10, \"student\": \"Ann\", \"answer\": {answer}, \"cohort\": 3.50, \
             \"tags\": [\"a\", {{\"b\": 1e3}}]}}\n\
             {{\"id\": \"007\", \"answer\": {answer}}}\n\
             {{\"id\": 12, \"answer\": 5, \"student\": \"Bo\"}}\n"
        ),
    );
    let r = run(
        dir.path(),
        &["--input", "jsonl", "--format", "json", "cohort.jsonl"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    // The id is the number as written, and the first line was read despite the BOM.
    assert!(r.stdout.contains("\"source\":1.10,"), "{}", r.stdout);
    let doc = json(&r);
    let answers = doc["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert!(answers[0]["verdict"].is_string());
    assert_eq!(
        answers[0]["extra"],
        serde_json::json!({"student": "Ann", "cohort": 3.50, "tags": ["a", {"b": 1000.0}]})
    );
    assert!(
        r.stdout
            .contains(r#""extra":{"student":"Ann","cohort":3.50,"tags":["a", {"b": 1e3}]}"#),
        "{}",
        r.stdout
    );
    assert_eq!(answers[1]["source"], "007");
    assert_eq!(answers[1]["extra"], serde_json::json!({}));
    // A bad line keeps its id and its extra keys, and its error names file and line.
    assert_eq!(answers[2]["source"], 12);
    assert_eq!(answers[2]["extra"], serde_json::json!({"student": "Bo"}));
    assert_eq!(
        r.stderr,
        "starlint: error: cohort.jsonl:3: \"answer\" must be a string\n"
    );
    // JSON lines and CSV carry the same.
    let lines = run(
        dir.path(),
        &["--input", "jsonl", "--format", "jsonl", "cohort.jsonl"],
    );
    assert!(lines.stdout.contains("\"source\":1.10,"));
    let csv = run(
        dir.path(),
        &["--input", "jsonl", "--format", "csv", "cohort.jsonl"],
    );
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next_back(), Some("extra"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "1.10");
    assert_eq!(
        rows[0].iter().next_back(),
        Some(r#"{"student":"Ann","cohort":3.50,"tags":["a", {"b": 1e3}]}"#)
    );
    assert_eq!(rows[1].iter().next_back(), Some("{}"));
    // A file answer has no extra.
    write(dir.path(), "story.md", STORY);
    let doc = json(&run(dir.path(), &["--format", "json", "story.md"]));
    assert!(doc["answers"][0].get("extra").is_none());
}

#[test]
fn json_lines_errors_name_file_and_line_and_a_repeated_id_is_a_warning() {
    let dir = tmp();
    let answer = serde_json::to_string(STORY).unwrap();
    write(
        dir.path(),
        "a.jsonl",
        &format!("{{\"id\": \"x1\", \"answer\": {answer}}}\n{{bad\n"),
    );
    write(
        dir.path(),
        "b.jsonl",
        &format!("{{bad\n{{\"id\": \"x1\", \"answer\": {answer}}}\n"),
    );
    let r = run(
        dir.path(),
        &["--input", "jsonl", "--format", "json", "a.jsonl", "b.jsonl"],
    );
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stderr);
    assert!(
        lines[0].starts_with("starlint: error: a.jsonl:2: invalid JSON"),
        "{}",
        r.stderr
    );
    assert!(
        lines[1].starts_with("starlint: error: b.jsonl:1: invalid JSON"),
        "{}",
        r.stderr
    );
    assert_eq!(
        lines[2],
        "starlint: warning: b.jsonl:2: id `x1` was already used by an earlier answer; both are \
         scored"
    );
    // Both answers with that id are scored; the bad lines are reported by where they are.
    let doc = json(&r);
    let sources: Vec<&Value> = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["source"])
        .collect();
    assert_eq!(
        sources,
        [
            &Value::from("x1"),
            &Value::from("a.jsonl:2"),
            &Value::from("b.jsonl:1"),
            &Value::from("x1")
        ]
    );
    assert_eq!(doc["summary"]["errors"], 2);
}

#[test]
fn completions_offer_values_and_rule_names_not_files() {
    let dir = tmp();
    let r = run_in(dir.path(), &["completions", "bash"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // bash: each option's values are a `compgen -W` word list, not `compgen -f` (files).
    let values_of = |flag: &str| -> String {
        let at = r
            .stdout
            .find(&format!("                {flag})\n"))
            .unwrap_or_else(|| panic!("{flag} has no case"));
        let body = &r.stdout[at..];
        body.lines().nth(1).unwrap_or_default().to_string()
    };
    for (flag, some) in [
        ("--lp", "ownership"),
        ("--level", "senior"),
        ("--fail-under", "strong_hire"),
        ("--format", "concise"),
        ("--select", "we-language"),
        ("--ignore", "A001"),
    ] {
        let line = values_of(flag);
        assert!(line.contains("compgen -W"), "{flag}: {line}");
        assert!(line.contains(some), "{flag}: {line}");
        assert!(!line.contains("compgen -f"), "{flag}: {line}");
    }
}
