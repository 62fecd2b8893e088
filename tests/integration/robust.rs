//! Bad input through the real binary: every way an answer can fail to be text, every odd
//! path, every odd shape of text, and a closed stdout. Each case gets either a verdict or
//! the contract's exit-2 error line (`starlint: error: <path>: <reason>`), and in a batch
//! every other answer is still scored and reported, on stderr and in the JSON.
//!
//! Files are made in a `tempfile` directory and named relative to it, so the messages
//! are stable. Tests run as root, so no case relies on permissions.

use crate::common::{fixture, run_in, Run};
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const GOOD: &str = "Situation: Our ward's handover notes were often missing allergies.\n\
Task: Nobody had asked me to, but I decided to fix the handover sheet myself.\n\
Action: I pulled a month of incident reports. I interviewed six nurses. I redesigned the \
sheet with a mandatory allergy box. I trained each shift. I audited the sheets weekly. \
I fixed the gaps I found.\n\
Result: Missing allergy entries fell from 14 a month to 1, saving about 20 hours of \
follow-up a month, and two other wards adopted the sheet as their standard.\n\
Reflection: I learned that a form shapes behaviour more than a reminder does, so I now \
look at the tool before I blame the people.\n";

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout))
}

/// The JSON answers, by source.
fn answer<'a>(doc: &'a Value, source: &str) -> &'a Value {
    doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"] == source)
        .unwrap_or_else(|| panic!("no answer for {source} in {doc}"))
}

/// An answer the contract's way: `verdict` and `score` null, no sections or findings,
/// and `error` holding the reason.
fn assert_error_entry(doc: &Value, source: &str, reason: &str) {
    let a = answer(doc, source);
    assert!(a["verdict"].is_null(), "{a}");
    assert!(a["score"].is_null(), "{a}");
    assert_eq!(a["sections"], Value::Array(vec![]), "{a}");
    assert_eq!(a["findings"], Value::Array(vec![]), "{a}");
    let error = a["error"].as_str().unwrap_or_default();
    assert!(
        error.contains(reason),
        "{source}: error {error:?} lacks {reason:?}"
    );
}

fn assert_scored(doc: &Value, source: &str) {
    let a = answer(doc, source);
    assert!(a["verdict"].is_string(), "{source} has no verdict: {a}");
    assert!(a["error"].is_null(), "{a}");
}

fn no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
}

/// Check `name` alone in `dir`; expect the contract's error line with `reason`.
fn assert_refused(dir: &Path, name: &str, reason: &str) {
    let run = run_in(dir, &["check", name], None);
    no_panic(&run);
    assert_eq!(run.code, 2, "{name}: {run:?}");
    let line = format!("starlint: error: {name}: {reason}");
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&line)),
        "{name}: expected a line starting {line:?}, got:\n{}",
        run.stderr
    );
    let run = run_in(dir, &["check", "--format", "json", name], None);
    assert_eq!(run.code, 2);
    assert_error_entry(&json(&run), name, reason);
}

/// Check `name` alone; expect a verdict (exit 0 or 1) and return the JSON answer.
fn assert_verdict(dir: &Path, name: &str) -> Value {
    let run = run_in(dir, &["check", "--format", "json", name], None);
    no_panic(&run);
    assert!(run.code == 0 || run.code == 1, "{name}: {run:?}");
    assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
    let doc = json(&run);
    assert_scored(&doc, name);
    answer(&doc, name).clone()
}

#[test]
fn empty_and_whitespace_answers_are_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    fs::write(dir.path().join("blank.md"), " \n\t\r\n  \n").unwrap();
    fs::write(
        dir.path().join("matter.md"),
        "---\nlp: ownership\n---\n\n  \n",
    )
    .unwrap();
    for name in ["empty.md", "blank.md", "matter.md"] {
        assert_refused(dir.path(), name, "empty");
    }
}

#[test]
fn binary_invalid_utf8_and_utf16_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("nul.md"), b"Situation: fine\0 then a NUL").unwrap();
    fs::write(d.join("latin1.md"), b"Situation: caf\xe9 au lait").unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in "Situation: hello".encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    fs::write(d.join("utf16le.md"), le).unwrap();
    fs::write(d.join("utf16be.md"), be).unwrap();
    // A UTF-8 byte-order mark is dropped, and the byte offset counts it.
    fs::write(d.join("bom-bad.md"), b"\xEF\xBB\xBFab\xff").unwrap();
    assert_refused(d, "nul.md", "binary");
    assert_refused(d, "latin1.md", "not valid UTF-8 at byte 14");
    assert_refused(d, "utf16le.md", "UTF-16 (little-endian) byte-order mark");
    assert_refused(d, "utf16be.md", "UTF-16 (big-endian) byte-order mark");
    assert_refused(d, "bom-bad.md", "not valid UTF-8 at byte 5");
}

#[test]
fn over_the_cap_is_refused_from_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    // Sparse: costs no disk and no time. The byte count in the message comes from the
    // metadata; a read would only know "more than 64 MiB".
    let f = fs::File::create(&path).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    drop(f);
    assert_refused(dir.path(), "huge.md", "too large (67108865 bytes");
}

#[test]
fn missing_paths_and_broken_links() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(dir.path(), "nowhere.md", "No such file or directory");
    std::os::unix::fs::symlink("gone.md", dir.path().join("dangling.md")).unwrap();
    assert_refused(
        dir.path(),
        "dangling.md",
        "broken symbolic link to `gone.md`: No such file or directory",
    );
}

#[test]
fn a_directory_with_nothing_to_read_yields_no_answers() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("stories")).unwrap();
    fs::write(dir.path().join("stories/notes.pdf"), "not an answer").unwrap();
    assert_refused(dir.path(), "stories", "no answers found");
    // Beside a good answer it is still reported, and the good one is still scored.
    fs::write(dir.path().join("good.md"), GOOD).unwrap();
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "good.md", "stories"],
        None,
    );
    assert_eq!(run.code, 2, "{run:?}");
    let doc = json(&run);
    assert_scored(&doc, "good.md");
    assert_error_entry(&doc, "stories", "no answers found");
}

#[test]
fn a_bad_file_among_good_ones_is_reported_and_the_rest_scored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("batch");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("a-good.md"), GOOD).unwrap();
    fs::write(d.join("b-empty.md"), "\n\n").unwrap();
    fs::write(d.join("c-binary.txt"), b"\0\0\0").unwrap();
    fs::write(d.join("d-latin1.star"), b"caf\xe9").unwrap();
    std::os::unix::fs::symlink("missing.md", d.join("e-dangling.md")).unwrap();
    fs::write(d.join("f-good.md"), GOOD.replace("ward's", "clinic's")).unwrap();
    let bad = [
        ("batch/b-empty.md", "empty"),
        ("batch/c-binary.txt", "binary"),
        ("batch/d-latin1.star", "not valid UTF-8 at byte 3"),
        ("batch/e-dangling.md", "broken symbolic link"),
    ];
    for format in ["human", "json", "jsonl"] {
        let run = run_in(dir.path(), &["check", "--format", format, "batch"], None);
        no_panic(&run);
        assert_eq!(run.code, 2, "{format}: {run:?}");
        for (name, reason) in bad {
            let line = format!("starlint: error: {name}: {reason}");
            assert!(
                run.stderr.contains(&line),
                "{format}: no {line:?} in\n{}",
                run.stderr
            );
        }
        assert_eq!(run.stderr.lines().count(), bad.len(), "{}", run.stderr);
        match format {
            "json" => {
                let doc = json(&run);
                assert_eq!(doc["summary"]["answers"], 6);
                assert_eq!(doc["summary"]["errors"], 4);
                assert_scored(&doc, "batch/a-good.md");
                assert_scored(&doc, "batch/f-good.md");
                for (name, reason) in bad {
                    assert_error_entry(&doc, name, reason);
                }
            }
            "jsonl" => assert_eq!(run.stdout.lines().count(), 6),
            _ => {
                assert!(run.stdout.contains("batch/a-good.md"));
                assert!(run.stdout.contains("batch/f-good.md"));
            }
        }
    }
}

#[test]
fn symlink_loops_do_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("loop");
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("sub/story.md"), GOOD).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/again.md")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::os::unix::fs::symlink("sub/story.md", d.join("link.md")).unwrap();
    let run = run_in(dir.path(), &["check", "--format", "json", "loop"], None);
    no_panic(&run);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let doc = json(&run);
    // The file and the link to it; the links to directories are not followed.
    let sources: Vec<&str> = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["loop/link.md", "loop/sub/story.md"]);
}

#[test]
fn a_directory_where_a_file_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("notes.md")).unwrap();
    fs::write(dir.path().join("notes.md/inner.md"), GOOD).unwrap();
    // A directory named like a file is walked (the contract's directory PATH) ...
    let run = run_in(dir.path(), &["check", "--format", "json", "notes.md"], None);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    assert_scored(&json(&run), "notes.md/inner.md");
    // ... but a rubric must be a file.
    let run = run_in(dir.path(), &["rubric", "check", "notes.md"], None);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("starlint: error: notes.md: is a directory"),
        "{}",
        run.stderr
    );
    let run = run_in(
        dir.path(),
        &["check", "--rubric", "notes.md", "notes.md"],
        None,
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("notes.md: is a directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_named_pipe_is_read_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("story.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipping");
        return;
    }
    // The writer blocks until starlint opens the pipe; if starlint never did, the test
    // would still end (the thread is left behind with the process).
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(GOOD.as_bytes()).unwrap();
        })
    };
    assert_verdict(dir.path(), "story.md");
    writer.join().unwrap();
}

#[test]
fn process_substitution_is_read() {
    if !Path::new("/bin/bash").exists() {
        eprintln!("bash is not available; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.md"), GOOD).unwrap();
    let out = Command::new("/bin/bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "{} check --format json <(cat story.md)",
            env!("CARGO_BIN_EXE_starlint")
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{out:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    let a = &doc["answers"][0];
    assert!(a["source"].as_str().unwrap().starts_with("/dev/fd/"), "{a}");
    assert!(a["verdict"].is_string(), "{a}");
}

#[test]
fn odd_structures_get_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: &[(&str, String)] = &[
        (
            "labels-only.md",
            "Situation:\nTask:\nAction:\nResult:\nReflection:\n".into(),
        ),
        (
            "out-of-order.md",
            "Result: It fell from 14 to 1.\nAction: I rebuilt the sheet.\n\
             Situation: Notes were missing.\nTask: I owned it.\n"
                .into(),
        ),
        (
            "repeated.md",
            "Action: I pulled the reports.\nAction: I rebuilt the sheet.\n\
             Action: I trained the shifts.\nSituation: Notes were missing.\n"
                .into(),
        ),
        (
            "nothing.md",
            "Hello there. The weather is nice today.".into(),
        ),
    ];
    for (name, text) in cases {
        fs::write(d.join(name), text).unwrap();
        let a = assert_verdict(d, name);
        assert_spans_hold(text, &a);
    }
    // Small talk and labels alone are scored, not refused: neither tells an event, so each
    // gets the one `not-an-answer` finding, No Hire and 0 (contract), and no section of
    // the labels-only answer has words.
    for name in ["nothing.md", "labels-only.md"] {
        let a = assert_verdict(d, name);
        let names: Vec<&str> = a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["not-an-answer"], "{name}: {a}");
        assert_eq!(a["verdict"], "no_hire", "{a}");
        assert_eq!(a["score"], 0, "{a}");
    }
    let a = assert_verdict(d, "labels-only.md");
    for s in a["sections"].as_array().unwrap() {
        assert_eq!(s["words"], 0, "{s}");
    }
    // An answer with its sections out of order or a label said three times is still read:
    // the first-person actions are found wherever they are.
    for name in ["out-of-order.md", "repeated.md"] {
        let a = assert_verdict(d, name);
        assert!(a["sections"].as_array().unwrap().len() >= 2, "{name}: {a}");
    }
}

/// Spans of findings and sections lie inside the text, on character boundaries, and a
/// finding's line and column are those of its start.
fn assert_spans_hold(text: &str, a: &Value) {
    let check = |start: usize, end: usize| {
        assert!(
            start <= end && end <= text.len(),
            "{start}..{end} of {}",
            text.len()
        );
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    };
    for s in a["sections"].as_array().unwrap() {
        check(
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
    }
    for f in a["findings"].as_array().unwrap() {
        let span = &f["span"];
        let start = span["start"].as_u64().unwrap() as usize;
        check(start, span["end"].as_u64().unwrap() as usize);
        let before = &text[..start];
        let line = 1 + before.matches('\n').count() + before.matches('\r').count()
            - before.matches("\r\n").count();
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = 1 + text[line_start..start].chars().count();
        assert_eq!(
            (
                span["line"].as_u64().unwrap() as usize,
                span["column"].as_u64().unwrap() as usize
            ),
            (line, column),
            "{f}"
        );
    }
}

#[test]
fn unicode_and_line_ends_get_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: &[(&str, String)] = &[
        (
            "zero-width.md",
            "Situation:\u{200B} Our\u{200D} ward\u{FEFF} had gaps.\nAction: We\u{200B} fixed \
             it.\u{2060}\n"
                .into(),
        ),
        (
            "bidi.md",
            "Situation: \u{202E}we fixed it\u{202C} \u{2067}our team\u{2069}.\nAction: \u{200F}We \
             rebuilt the rota.\u{200E}\n"
                .into(),
        ),
        (
            "emoji.md",
            "Situation: 🚑🏥 the ward 👩🏽‍⚕️ was short.\nAction: We 🔧 fixed it 🎉. I 📈 cut delays.\n"
                .into(),
        ),
        (
            "combining.md",
            "Situation: Cafe\u{301} nai\u{308}ve re\u{301}sume\u{301}.\nAction: We\u{301} fixed \
             the Z\u{336}\u{335}\u{334}algo.\n"
                .into(),
        ),
        (
            "cjk.md",
            "情况：我们的团队有问题。\nAction: 我修复了它。We fixed it. 結果：減った。\n".into(),
        ),
        (
            "arabic.md",
            "Situation: كان لدينا مشكلة في الجناح.\nAction: We fixed it. قمت بإصلاح النظام.\n"
                .into(),
        ),
        (
            "crlf.md",
            "Situation: Handover notes on our ward were often missing.\r\nTask: I owned it, though \
             nobody had asked me.\r\nAction: We fixed it. I rebuilt the handover sheet and \
             trained the night shift.\r\n"
                .into(),
        ),
        (
            "lone-cr.md",
            "Situation: Handover notes on our ward were often missing.\rTask: I owned it, though \
             nobody had asked me.\rAction: We fixed it. I rebuilt the handover sheet and trained \
             the night shift.\r"
                .into(),
        ),
        (
            "mixed-ends.md",
            "Situation: Notes were missing.\r\rTask: I owned it.\n\r\nAction: We fixed it.\n\r"
                .into(),
        ),
    ];
    for (name, text) in cases {
        fs::write(d.join(name), text).unwrap();
        let a = assert_verdict(d, name);
        assert_spans_hold(text, &a);
    }
    // Line ends of every kind count as line ends: the "We" of the Action is on line 3.
    for name in ["crlf.md", "lone-cr.md"] {
        let a = assert_verdict(d, name);
        let we = a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "we-language")
            .unwrap_or_else(|| panic!("{name}: no we-language in {a}"));
        assert_eq!(
            (we["span"]["line"].as_u64(), we["span"]["column"].as_u64()),
            (Some(3), Some(9))
        );
    }
    // The human report renders them all without a panic.
    let names: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    let mut args = vec!["check"];
    args.extend(&names);
    let run = run_in(d, &args, None);
    no_panic(&run);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
}

#[test]
fn many_sentences_long_lines_and_big_answers_are_scored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 100,000 one-word sentences.
    let words: String = (0..100_000).map(|i| format!("Word{i}. ")).collect();
    fs::write(d.join("sentences.md"), &words).unwrap();
    // A 5 MB line with no punctuation, trigger words throughout.
    let vocab = [
        "we",
        "our",
        "team",
        "escalated",
        "they",
        "handled",
        "it",
        "helped",
        "with",
        "a",
        "lot",
        "improved",
        "things",
        "I",
        "fixed",
        "the",
        "rota",
    ];
    let mut line = String::with_capacity(5_000_100);
    let mut i = 0usize;
    while line.len() < 5_000_000 {
        line.push_str(vocab[(i * 7 + i / 3) % vocab.len()]);
        line.push(' ');
        i += 1;
    }
    fs::write(d.join("line.md"), &line).unwrap();
    for name in ["sentences.md", "line.md"] {
        let a = assert_verdict(d, name);
        // Findings are capped per rule: at most max-findings (50 by default) and one
        // "N more like this not shown".
        let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
        for f in a["findings"].as_array().unwrap() {
            *per_rule
                .entry(f["name"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        assert!(per_rule.values().all(|&n| n <= 51), "{name}: {per_rule:?}");
    }
    // The human report cuts the 5 MB line to a window around each finding.
    let run = run_in(d, &["check", "line.md"], None);
    no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.len() < 1_000_000,
        "{} bytes of report",
        run.stdout.len()
    );
}

/// A story repeated to `bytes`: thousands of labelled sections, findings everywhere.
fn big_answer_is_scored(bytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let story = std::fs::read_to_string(fixture("stories/nursing-weekly-rota.md")).unwrap();
    let mut big = String::with_capacity(bytes + story.len() + 1);
    while big.len() < bytes {
        big.push_str(&story);
        big.push('\n');
    }
    fs::write(dir.path().join("big.md"), &big).unwrap();
    let a = assert_verdict(dir.path(), "big.md");
    assert!(a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "answer-length"));
}

#[test]
fn a_one_megabyte_answer_is_scored() {
    big_answer_is_scored(1_000_000);
}

/// Over two minutes in a debug build on two cores, so not in the default run:
/// `cargo test --release -- --ignored twenty`.
#[test]
#[ignore = "slow in a debug build; run with --release -- --ignored"]
fn a_twenty_megabyte_answer_is_scored() {
    big_answer_is_scored(20_000_000);
}

#[test]
fn findings_per_rule_are_capped_with_a_count_of_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let action: String = (0..200).map(|i| format!("We changed step {i}. ")).collect();
    let text = format!("Situation: The rota was late.\nAction: {action}\n");
    fs::write(dir.path().join("we.md"), &text).unwrap();
    let a = assert_verdict(dir.path(), "we.md");
    let we: Vec<&Value> = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] == "we-language")
        .collect();
    assert_eq!(we.len(), 51, "50 shown and one for the rest");
    let more = we
        .iter()
        .filter(|f| f["message"] == "150 more like this not shown")
        .count();
    assert_eq!(more, 1, "{we:?}");
    assert_spans_hold(&text, &a);
}

/// Spawn `args` with stdout piped, read one line, close the pipe, and wait.
fn close_early(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = crate::common::command(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(!first.is_empty());
    drop(out);
    let done = child.wait_with_output().unwrap();
    (
        done.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&done.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("many");
    fs::create_dir(&d).unwrap();
    // Enough output to fill a pipe's buffer, so the writes after the close do fail.
    for i in 0..60 {
        fs::write(d.join(format!("{i:02}.md")), GOOD).unwrap();
    }
    for args in [
        &["rubric", "dump"][..],
        &["check", "many"][..],
        &["check", "--format", "json", "many"][..],
        &["check", "--format", "jsonl", "many"][..],
    ] {
        let (code, stderr) = close_early(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    // And through a shell, as a user types it.
    let out = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "{} check --format json many | head -1",
            env!("CARGO_BIN_EXE_starlint")
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
