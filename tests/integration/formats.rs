//! Every machine format through the real binary: the output parses (SARIF against the
//! official schema, JUnit with an XML reader, CSV with a CSV reader, GitHub commands with
//! a small parser), agrees with the JSON report of the same run, and the exit code is the
//! contract's — 0, 1 or 2 — whatever the format.
//!
//! The assertions are structural (counts, validity, fields present) rather than exact
//! findings, because the rubric is still being tuned; the exact renderings are the unit
//! snapshots in `src/render/`. The JSON report of the same inputs is the reference the
//! other formats are counted against, and it is checked against the inputs itself.

use crate::common::{fixture, root, run, run_in, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FORMATS: [&str; 6] = ["sarif", "github", "junit", "csv", "json", "jsonl"];
const WEAK: &str = "fixtures/seeds/000-weak.md";
const STRONG: &str = "fixtures/seeds/000-strong-general.md";
const VERDICTS: [&str; 4] = ["no_hire", "leaning_no_hire", "hire", "strong_hire"];

/// One answer as the JSON report gives it.
#[derive(Debug)]
struct Answer {
    source: String,
    verdict: Option<String>,
    findings: usize,
    error: Option<String>,
}

/// The JSON report of `args` run in `dir`: the reference the other formats must match.
fn reference(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Vec<Answer> {
    let mut full = vec!["check", "--format", "json"];
    full.extend_from_slice(args);
    let out = run_in(dir, &full, stdin);
    let doc: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("json output does not parse: {e}\n{}", out.stdout));
    let answers: Vec<Answer> = doc["answers"]
        .as_array()
        .expect("answers is an array")
        .iter()
        .map(|a| Answer {
            source: a["source"].as_str().expect("source").to_string(),
            verdict: a["verdict"].as_str().map(String::from),
            findings: a["findings"].as_array().expect("findings").len(),
            error: a["error"].as_str().map(String::from),
        })
        .collect();
    assert_eq!(doc["summary"]["answers"], answers.len());
    for a in &answers {
        // The contract's error case: no verdict, no findings, the reason in `error`.
        assert_eq!(a.verdict.is_none(), a.error.is_some(), "{a:?}");
        if a.error.is_some() {
            assert_eq!(a.findings, 0);
        }
    }
    answers
}

fn rank(verdict: &str) -> usize {
    VERDICTS
        .iter()
        .position(|v| *v == verdict)
        .unwrap_or_else(|| panic!("unknown verdict {verdict}"))
}

/// The rule codes of the embedded rubric, in order.
fn rule_codes() -> Vec<String> {
    let out = run(&["rules", "--format", "json"], None);
    let rules: Value = serde_json::from_str(&out.stdout).expect("rules json");
    rules
        .as_array()
        .expect("rules array")
        .iter()
        .map(|r| r["code"].as_str().expect("code").to_string())
        .collect()
}

fn sarif_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixture("schemas/sarif-2.1.0.json")).expect("schema");
    let schema: Value = serde_json::from_str(&text).expect("schema json");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Check SARIF output; returns the artifact URIs in order.
fn check_sarif(out: &str, answers: &[Answer]) -> Vec<String> {
    let log: Value = serde_json::from_str(out).expect("sarif parses");
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let codes: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        rule_codes(),
        "the driver lists every rubric rule in order"
    );
    let results = run["results"].as_array().expect("results");
    let findings: usize = answers.iter().map(|a| a.findings).sum();
    assert_eq!(results.len(), findings, "one result per finding");
    for r in results {
        let i = usize::try_from(r["ruleIndex"].as_u64().expect("ruleIndex")).unwrap();
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let n = |k: &str| region[k].as_u64().unwrap_or_else(|| panic!("{k} missing"));
        assert!(n("startLine") >= 1 && n("startColumn") >= 1);
        assert!(
            (n("endLine"), n("endColumn")) >= (n("startLine"), n("startColumn")),
            "{region}"
        );
    }
    let inv = &run["invocations"][0];
    let unreadable = answers.iter().filter(|a| a.error.is_some()).count();
    assert_eq!(inv["executionSuccessful"], unreadable == 0);
    let notes = inv["toolExecutionNotifications"].as_array().expect("notes");
    assert_eq!(notes.len(), unreadable);
    for n in notes {
        assert_eq!(n["level"], "error");
        assert!(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }
    run["artifacts"]
        .as_array()
        .expect("artifacts")
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap().to_string())
        .collect()
}

/// A GitHub workflow command, parsed and un-escaped as the runner reads it.
struct Command {
    name: String,
    props: BTreeMap<String, String>,
}

fn parse_command(line: &str) -> Command {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, _data) = rest.split_once("::").expect("a second ::");
    let (name, props) = head.split_once(' ').unwrap_or((head, ""));
    assert!(["error", "warning", "notice"].contains(&name), "{line}");
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            let v = v
                .replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%");
            (k.to_string(), v)
        })
        .collect();
    Command {
        name: name.into(),
        props,
    }
}

fn check_github(out: &str, answers: &[Answer]) {
    let cmds: Vec<Command> = out.lines().map(parse_command).collect();
    let title = |c: &Command| c.props.get("title").cloned().unwrap_or_default();
    let verdicts = cmds
        .iter()
        .filter(|c| title(c) == "starlint verdict")
        .count();
    let unreadable: Vec<&Command> = cmds.iter().filter(|c| title(c) == "starlint").collect();
    let findings: Vec<&Command> = cmds
        .iter()
        .filter(|c| !title(c).starts_with("starlint"))
        .collect();
    assert_eq!(
        verdicts,
        answers.iter().filter(|a| a.error.is_none()).count()
    );
    assert_eq!(
        unreadable.len(),
        answers.iter().filter(|a| a.error.is_some()).count()
    );
    assert!(unreadable.iter().all(|c| c.name == "error"));
    assert_eq!(
        findings.len(),
        answers.iter().map(|a| a.findings).sum::<usize>()
    );
    for f in findings {
        for k in ["file", "line", "col", "endLine", "endColumn"] {
            assert!(f.props.contains_key(k), "{k} missing");
        }
        assert!(f.props["line"].parse::<u32>().unwrap() >= 1);
    }
}

/// Elements of an XML document as (name, attributes), read with quick-xml.
fn xml_elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.unescape_value().unwrap().into_owned(),
                        )
                    })
                    .collect();
                out.push((
                    String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                    attrs,
                ));
            }
            Event::Text(t) => {
                t.unescape().expect("text unescapes");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn check_junit(out: &str, answers: &[Answer], fail_under: &str) {
    let els = xml_elements(out);
    let count = |name: &str| els.iter().filter(|(n, _)| n == name).count();
    let below = answers
        .iter()
        .filter(|a| {
            a.verdict
                .as_deref()
                .is_some_and(|v| rank(v) < rank(fail_under))
        })
        .count();
    let unreadable = answers.iter().filter(|a| a.error.is_some()).count();
    assert_eq!(els[0].0, "testsuites");
    let suite = &els.iter().find(|(n, _)| n == "testsuite").expect("suite").1;
    assert_eq!(suite["tests"], answers.len().to_string());
    assert_eq!(suite["failures"], below.to_string());
    assert_eq!(suite["errors"], unreadable.to_string());
    assert_eq!(count("testcase"), answers.len());
    assert_eq!(count("failure"), below);
    assert_eq!(count("error"), unreadable);
    let names: Vec<&str> = els
        .iter()
        .filter(|(n, _)| n == "testcase")
        .map(|(_, a)| a["name"].as_str())
        .collect();
    let sources: Vec<&str> = answers.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(names, sources);
}

fn check_csv(out: &str, answers: &[Answer]) {
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().expect("header").clone();
    let fixed = ["source", "lp", "level", "verdict", "score", "error"];
    assert_eq!(header.iter().take(6).collect::<Vec<_>>(), fixed);
    assert_eq!(header.len(), fixed.len() + rule_codes().len() + 1);
    assert_eq!(header.iter().next_back(), Some("extra"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), answers.len(), "one row per answer");
    for (row, a) in rows.iter().zip(answers) {
        assert_eq!(&row[0], a.source);
        assert_eq!(&row[3], a.verdict.as_deref().unwrap_or(""));
        assert_eq!(&row[5], a.error.as_deref().unwrap_or(""));
        if a.error.is_none() {
            let sum: usize = row
                .iter()
                .skip(6)
                .take(rule_codes().len())
                .map(|c| c.parse::<usize>().unwrap())
                .sum();
            assert_eq!(sum, a.findings, "{}", a.source);
        }
    }
}

fn check_json(out: &str, answers: &[Answer]) {
    let doc: Value = serde_json::from_str(out).expect("json parses");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["answers"].as_array().unwrap().len(), answers.len());
}

fn check_jsonl(out: &str, answers: &[Answer]) {
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl line parses"))
        .collect();
    assert_eq!(lines.len(), answers.len());
    // JSON lines stream each answer as it is finished, so only the set is fixed.
    let mut got: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = answers.iter().map(|a| a.source.as_str()).collect();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
}

/// Run every format on `args` in `dir` and check output and exit code.
fn every_format(dir: &Path, args: &[&str], fail_under: &str, code: i32) -> Vec<Answer> {
    let mut with_bar = args.to_vec();
    with_bar.extend(["--fail-under", fail_under]);
    let answers = reference(dir, &with_bar, None);
    for format in FORMATS {
        let mut full = vec!["check", "--format", format];
        full.extend_from_slice(&with_bar);
        let out: Run = run_in(dir, &full, None);
        assert_eq!(
            out.code, code,
            "--format {format}: exit code\nstderr: {}",
            out.stderr
        );
        match format {
            "sarif" => {
                check_sarif(&out.stdout, &answers);
            }
            "github" => check_github(&out.stdout, &answers),
            "junit" => check_junit(&out.stdout, &answers, fail_under),
            "csv" => check_csv(&out.stdout, &answers),
            "json" => check_json(&out.stdout, &answers),
            "jsonl" => check_jsonl(&out.stdout, &answers),
            _ => unreachable!(),
        }
    }
    answers
}

#[test]
fn exit_0_when_every_answer_is_at_or_above_the_bar() {
    // Every verdict is at or above No Hire, whatever the rubric makes of the seeds.
    let answers = every_format(&root(), &[WEAK, STRONG], "no_hire", 0);
    assert_eq!(answers.len(), 2);
    assert!(answers.iter().all(|a| a.error.is_none()));
}

#[test]
fn exit_1_when_an_answer_is_below_the_bar() {
    // The weak seed is below Strong Hire however the rubric is tuned.
    let answers = every_format(&root(), &[WEAK, STRONG], "strong_hire", 1);
    assert!(answers[0].findings > 0, "the weak seed has findings");
}

#[test]
fn exit_2_when_an_input_is_unreadable_and_the_rest_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(STRONG), dir.path().join("good.md")).unwrap();
    std::fs::write(dir.path().join("binary.md"), b"Situation: \0\x01\x02").unwrap();
    let answers = every_format(dir.path(), &["."], "no_hire", 2);
    assert_eq!(answers.len(), 2);
    let bad: Vec<&Answer> = answers.iter().filter(|a| a.error.is_some()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].error.as_deref(), Some("binary"));
    assert!(answers
        .iter()
        .any(|a| a.source.ends_with("good.md") && a.verdict.is_some()));
    // SARIF names them relative to the working directory.
    let out = run_in(dir.path(), &["check", "--format", "sarif", "."], None);
    let uris = check_sarif(&out.stdout, &answers);
    assert_eq!(uris, ["binary.md", "good.md"]);
    assert!(out.stderr.contains("starlint: error: ./binary.md: binary"));
}

#[test]
fn stdin_and_paths_outside_the_working_directory_get_stable_uris() {
    let text = std::fs::read(root().join(WEAK)).unwrap();
    for args in [
        &["check", "--format", "sarif", "-"][..],
        &["check", "--format", "sarif"],
    ] {
        let out = run(args, Some(&text));
        let answers = reference(&root(), &["-"], Some(&text));
        assert_eq!(answers[0].source, "<stdin>");
        let uris = check_sarif(&out.stdout, &answers);
        assert_eq!(uris, ["stdin"], "{args:?}");
        let log: Value = serde_json::from_str(&out.stdout).unwrap();
        let result_uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"];
        assert_eq!(result_uri, "stdin");
    }
    // GitHub has no file to annotate for standard input.
    let out = run(&["check", "--format", "github", "-"], Some(&text));
    assert!(out.stdout.lines().all(|l| !l.contains("file=")));

    let dir = tempfile::tempdir().unwrap();
    let abs = root().join(WEAK);
    let abs = abs.to_str().unwrap();
    let out = run_in(dir.path(), &["check", "--format", "sarif", abs], None);
    let answers = reference(dir.path(), &[abs], None);
    let uris = check_sarif(&out.stdout, &answers);
    assert_eq!(uris.len(), 1);
    assert!(uris[0].starts_with("file:///"), "{uris:?}");
    assert!(uris[0].ends_with("/fixtures/seeds/000-weak.md"));
}

/// The names in `dir`, sorted (to see that no temporary file is left behind).
fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn output_file_gets_the_same_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let weak = fixture("seeds/000-weak.md");
    let weak = weak.to_str().unwrap();
    for format in ["sarif", "json", "human"] {
        let on_stdout = run_in(dir.path(), &["check", "--format", format, weak], None);
        let name = format!("report.{format}");
        let to_file = run_in(
            dir.path(),
            &["check", "--format", format, "-o", &name, weak],
            None,
        );
        assert_eq!(to_file.code, on_stdout.code, "{format}: {}", to_file.stderr);
        assert_eq!(
            to_file.code, 1,
            "the weak seed answer fails the default bar"
        );
        assert_eq!(to_file.stdout, "", "{format}: nothing on stdout");
        let written = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert_eq!(
            written, on_stdout.stdout,
            "{format}: same bytes as on stdout"
        );
    }
    assert_eq!(
        names_in(dir.path()),
        vec!["report.human", "report.json", "report.sarif"],
        "no temporary file is left"
    );
    // Piped or not, a file gets no colour escapes under --color auto.
    let human = std::fs::read_to_string(dir.path().join("report.human")).unwrap();
    assert!(!human.contains('\u{1b}'));
}

#[test]
fn a_run_that_stops_early_leaves_the_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.json"), "previous report\n").unwrap();
    let sample = root().join("fixtures/sample.md");
    // A usage error stops the run before any report: the old file stays, no temporary
    // file is left.
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "no-such-rule",
            "-o",
            "report.json",
            sample.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.json")).unwrap(),
        "previous report\n"
    );
    assert_eq!(names_in(dir.path()), vec!["report.json"]);
    // An unreadable input is part of a complete report (exit 2): it replaces the old one.
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "-o", "report.json", "empty"],
        None,
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(names_in(dir.path()), vec!["empty", "report.json"]);
}

#[test]
fn an_unwritable_output_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "-o",
            "no/such/dir/report.json",
            root().join("fixtures/sample.md").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "starlint: error: --output-file no/such/dir/report.json: cannot write there:"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}
