//! The faults a red-team run found (issue 21), each through the real binary: what `-o`
//! writes over, temporary files left by a stopped run, readers without a bound, `--jobs`
//! without a cap, SARIF that held every answer until the end, control characters and
//! spreadsheet formulas reaching their readers raw, config files skipped silently,
//! COLUMNS ignored, write errors that did not name the output, and a UTF-32 byte-order
//! mark called UTF-16.

use crate::common::{command, run_in, write, Run};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use tempfile::TempDir;

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

fn with_story() -> TempDir {
    let dir = tmp();
    write(dir.path(), "story.md", STORY);
    dir
}

/// `starlint --isolated ARGS` in `dir` with `stdin` from a file (such as `/dev/zero`).
fn run_with_stdin_file(dir: &Path, args: &[&str], stdin: &Path) -> Run {
    let out = command(dir)
        .arg("--isolated")
        .args(args)
        .stdin(File::open(stdin).expect("open stdin file"))
        .output()
        .expect("run starlint");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// The hidden temporary reports in `dir`.
fn temp_reports(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".starlint-report-"))
        .collect()
}

/// One JSON line per answer, `n` of them.
fn jsonl(n: usize) -> String {
    let answer = serde_json::to_string(STORY).unwrap();
    (0..n)
        .map(|i| format!("{{\"id\": \"a{i}\", \"answer\": {answer}}}\n"))
        .collect()
}

#[cfg(unix)]
#[test]
fn output_into_a_fifo_or_through_a_link_keeps_them_what_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let dir = with_story();
    // A FIFO is written into, not renamed over.
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--format",
            "concise",
            "-o",
            "pipe",
            "story.md",
        ],
        None,
    );
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    let got = reader.join().unwrap();
    assert!(got.contains("story.md: "), "{got}");
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A link's target is replaced; the link stays a link.
    std::fs::write(dir.path().join("real.json"), "old").unwrap();
    std::os::unix::fs::symlink("real.json", dir.path().join("link.json")).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--format",
            "json",
            "-o",
            "link.json",
            "story.md",
        ],
        None,
    );
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    assert!(std::fs::symlink_metadata(dir.path().join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let report = std::fs::read_to_string(dir.path().join("real.json")).unwrap();
    assert!(report.starts_with("{\n  \"version\": 1,"), "{report}");
    // A device is written in place: /dev/stdout here is the test's pipe.
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--format",
            "concise",
            "-o",
            "/dev/stdout",
            "story.md",
        ],
        None,
    );
    assert!(r.stdout.contains("story.md: "), "{}{}", r.stdout, r.stderr);
    assert!(temp_reports(dir.path()).is_empty());
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = with_story();
    for args in [
        &["-o", "story.md", "story.md"][..],
        &["-o", "./story.md", "."],
        &["--input", "jsonl", "-o", "story.md", "story.md"],
    ] {
        let mut full = vec!["--isolated", "--format", "json"];
        full.extend_from_slice(args);
        let r = run_in(dir.path(), &full, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains(": is also an input (") && r.stderr.contains("not overwriting it"),
            "{}",
            r.stderr
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("story.md")).unwrap(),
            STORY
        );
    }
    // Nor the rubric or the config.
    write(dir.path(), "rubric.toml", "");
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--rubric",
            "rubric.toml",
            "-o",
            "rubric.toml",
            "story.md",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("rubric.toml")).unwrap(),
        ""
    );
    assert!(temp_reports(dir.path()).is_empty());
}

/// Start a batch writing to `-o out.json` from a standard input that stays open, so the
/// run is still going when it is signalled; returns it once its temporary report exists.
#[cfg(unix)]
fn running_batch(dir: &Path) -> Child {
    let mut child = command(dir)
        .args([
            "--isolated",
            "--input",
            "jsonl",
            "--format",
            "json",
            "-o",
            "out.json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .as_mut()
        .unwrap()
        .write_all(jsonl(3).as_bytes())
        .unwrap();
    // Wait (a bounded number of times) for the temporary report to be created.
    for _ in 0..3000 {
        if !temp_reports(dir).is_empty() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the temporary report never appeared");
}

#[cfg(unix)]
#[test]
fn a_stopped_run_leaves_no_temporary_report() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, number) in [("TERM", 15), ("INT", 2)] {
        let dir = tmp();
        let mut child = running_batch(dir.path());
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "ended by SIG{signal}");
        assert!(temp_reports(dir.path()).is_empty(), "SIG{signal}");
        assert!(!dir.path().join("out.json").exists(), "SIG{signal}");
    }
}

#[cfg(unix)]
#[test]
fn every_reader_is_bounded_and_names_its_limit() {
    let dir = with_story();
    let zero = Path::new("/dev/zero");
    let r = run_in(dir.path(), &["--config", "/dev/zero", "story.md"], None);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "starlint: error: /dev/zero: too large for a config file (the limit is 1 MiB)\n"
        )
    );
    let r = run_in(
        dir.path(),
        &["--isolated", "--rubric", "/dev/zero", "story.md"],
        None,
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "starlint: error: /dev/zero: too large for a rubric (the limit is 8 MiB)\n"
        )
    );
    // JSON lines: a NUL byte is binary data, not a line without end.
    let r = run_with_stdin_file(dir.path(), &["--input", "jsonl", "--format", "json"], zero);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "starlint: error: <stdin>:1: binary data (a NUL byte), not JSON lines; the rest of \
         <stdin> is not read\n"
    );
    // One answer on standard input stops at the 64 MiB cap.
    let r = run_with_stdin_file(dir.path(), &["--format", "json"], zero);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "starlint: error: <stdin>: too large (more than 64 MiB read; the limit is 64 MiB)\n"
    );
    // `rubric check` reads rubrics the same way.
    let r = run_in(dir.path(), &["rubric", "check", "/dev/zero"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the limit is 8 MiB"), "{}", r.stderr);
}

#[test]
fn an_over_long_json_line_is_an_error_for_that_line_only() {
    let dir = tmp();
    let long = format!(
        "{{\"id\": \"long\", \"answer\": \"{}\"}}\n",
        "a ".repeat(33 * 1024 * 1024)
    );
    let mut text = jsonl(1);
    text.push_str(&long);
    text.push_str(&jsonl(1).replace("a0", "a2"));
    write(dir.path(), "in.jsonl", &text);
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--input",
            "jsonl",
            "--format",
            "json",
            "in.jsonl",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "starlint: error: in.jsonl:2: line too large (the limit is 64 MiB per line); skipped\n"
    );
    let doc = crate::common::json(&r);
    let sources: Vec<&str> = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["a0", "in.jsonl:2", "a2"]);
}

#[test]
fn jobs_are_capped_with_a_note() {
    let dir = with_story();
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--jobs",
            "100000",
            "--format",
            "concise",
            "story.md",
        ],
        None,
    );
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(
        r.stderr,
        format!(
            "starlint: note: --jobs 100000 is more than this machine can use ({cores} {}); \
             using {}\n",
            if cores == 1 { "core" } else { "cores" },
            cores * 4
        )
    );
    assert!(r.stdout.contains("story.md: "));
}

#[test]
fn sarif_results_are_written_while_the_input_is_still_arriving() {
    let dir = tmp();
    let mut child = command(dir.path())
        .args([
            "--isolated",
            "--input",
            "jsonl",
            "--format",
            "sarif",
            "--jobs",
            "2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // More answers than one batch chunk, and the input left open.
    stdin.write_all(jsonl(300).as_bytes()).unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            if line.contains("\"ruleId\"") {
                let _ = tx.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    // Results arrive before the input ends (bounded wait, not a timing assertion).
    let early = rx.recv_timeout(Duration::from_secs(300));
    drop(stdin);
    let out = reader.join().unwrap();
    child.wait().unwrap();
    assert!(
        early.is_ok(),
        "no result was written before the input ended"
    );
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["artifacts"].as_array().unwrap().len(), 300);
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 300, "{}", results.len());
    for r in results {
        let i = r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]
            .as_u64()
            .unwrap();
        assert!(i < 300);
    }
}

#[test]
fn junit_larger_than_its_memory_buffer_is_whole() {
    // Enough test cases to pass the 1 MiB kept in memory, so the rest goes through the
    // temporary file and back.
    let dir = tmp();
    write(dir.path(), "in.jsonl", &jsonl(1000));
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--input",
            "jsonl",
            "--format",
            "junit",
            "in.jsonl",
        ],
        None,
    );
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    assert!(r.stdout.len() > 1024 * 1024, "{}", r.stdout.len());
    let mut reader = quick_xml::Reader::from_str(&r.stdout);
    let mut cases = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"testcase" => {
                let name = e
                    .attributes()
                    .map(Result::unwrap)
                    .find(|a| a.key.as_ref() == b"name")
                    .unwrap();
                cases.push(String::from_utf8(name.value.to_vec()).unwrap());
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let want: Vec<String> = (0..1000).map(|i| format!("a{i}")).collect();
    assert_eq!(cases, want);
    assert!(r
        .stdout
        .contains("<testsuite name=\"starlint\" tests=\"1000\""));
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let dir = tmp();
    let evil = "Situation: Our ward lost notes.\nAction: We escalated \u{1b}]0;PWNED\u{7} it \
                \u{9b}2J and \u{202e}fixed it.\r Result: fine.\n";
    let name = "evil\u{1b}[2Jname.md";
    write(dir.path(), name, evil);
    write(dir.path(), "empty\u{7}.md", "");
    for format in ["human", "concise"] {
        let r = run_in(
            dir.path(),
            &["--isolated", "--color", "never", "--format", format, "."],
            None,
        );
        assert_eq!(r.code, 2);
        for (stream, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            let raw: Vec<char> = text
                .chars()
                .filter(|&c| {
                    (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)
                })
                .collect();
            assert!(raw.is_empty(), "{format} {stream}: {raw:?}\n{text}");
        }
        assert!(
            r.stdout.contains("evil␛[2Jname.md"),
            "{format}:\n{}",
            r.stdout
        );
        assert!(r.stderr.contains("empty␇.md: empty"), "{}", r.stderr);
    }
    // From standard input, the title-setting sequence is shown, not obeyed.
    let r = run_in(
        dir.path(),
        &["--isolated", "--color", "never"],
        Some(
            b"Situation: Our ward's handover notes were often incomplete last winter.\n\
              Action: We escalated \x1b]0;PWNED\x07 it. I rebuilt the handover sheet and \
              trained the night staff on it.",
        ),
    );
    assert!(
        r.stdout.contains("We escalated ␛]0;PWNED␇ it."),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains('\u{1b}'));
}

#[test]
fn csv_cells_that_would_be_formulas_are_defused() {
    let dir = tmp();
    let answer = serde_json::to_string(STORY).unwrap();
    write(
        dir.path(),
        "in.jsonl",
        &format!(
            "{{\"id\": \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"answer\": {answer}}}\n\
             {{\"id\": \"@SUM(A1)\", \"answer\": {answer}}}\n\
             {{\"id\": -3, \"answer\": {answer}}}\n\
             {{\"id\": \"+1\", \"answer\": 5}}\n"
        ),
    );
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--input",
            "jsonl",
            "--format",
            "csv",
            "in.jsonl",
        ],
        None,
    );
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let first: Vec<String> = reader
        .records()
        .map(|row| row.unwrap()[0].to_string())
        .collect();
    assert_eq!(
        first,
        ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'-3", "'+1"]
    );
}

#[test]
fn a_config_that_is_a_directory_or_a_broken_link_is_an_error() {
    let dir = with_story();
    std::fs::create_dir(dir.path().join("starlint.toml")).unwrap();
    let r = run_in(dir.path(), &["story.md"], None);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "starlint: error: starlint.toml: is a directory, not a config file\n"
        )
    );
    #[cfg(unix)]
    {
        let dir = with_story();
        std::os::unix::fs::symlink("gone.toml", dir.path().join("starlint.toml")).unwrap();
        let r = run_in(dir.path(), &["story.md"], None);
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            "starlint: error: starlint.toml: broken symbolic link to `gone.toml`: No such file \
             or directory\n"
        );
    }
}

/// True for a line of the human report that may be wider than the terminal: the quoted
/// answer (`12 | …` and its underline), a path (` --> …`, the answer's own name), or a
/// finding's header whose code and name alone are wider.
fn may_be_wider(line: &str, width: usize) -> bool {
    let t = line.trim_start();
    let gutter = t
        .split_once('|')
        .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
    let header = ["error[", "warning[", "info["]
        .iter()
        .any(|p| t.starts_with(p) && t.ends_with("]:"));
    gutter || t.starts_with("--> ") || t.ends_with(".md") || (header && t.chars().count() > width)
}

#[test]
fn columns_40_is_respected() {
    let root = crate::common::root();
    for (width, path) in [
        ("40", "fixtures/seeds/000-weak.md"),
        ("40", "fixtures/seeds/000-strong-senior.md"),
        ("40", "fixtures/stories"),
        ("60", "fixtures/seeds/000-weak.md"),
    ] {
        let out = command(&root)
            .env("COLUMNS", width)
            .args(["--isolated", "--color", "never", path])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let w: usize = width.parse().unwrap();
        let wide: Vec<&str> = stdout
            .lines()
            .filter(|l| l.chars().count() > w && !may_be_wider(l, w))
            .collect();
        assert!(
            wide.is_empty(),
            "COLUMNS={width} {path}:\n{}",
            wide.join("\n")
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn write_errors_name_the_output() {
    let dir = with_story();
    let r = run_in(
        dir.path(),
        &[
            "--isolated",
            "--format",
            "json",
            "-o",
            "/dev/full",
            "story.md",
        ],
        None,
    );
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            2,
            "starlint: error: writing /dev/full: No space left on device\n"
        )
    );
    let out = command(dir.path())
        .args(["--isolated", "--format", "json", "story.md"])
        .stdout(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "starlint: error: writing standard output: No space left on device\n"
    );
}

#[test]
fn a_utf32_byte_order_mark_is_named_as_utf32() {
    let dir = tmp();
    let mut le = vec![0xFF, 0xFE, 0, 0];
    let mut be = vec![0, 0, 0xFE, 0xFF];
    for c in "I fixed it.".chars() {
        le.extend_from_slice(&u32::from(c).to_le_bytes());
        be.extend_from_slice(&u32::from(c).to_be_bytes());
    }
    std::fs::write(dir.path().join("le.md"), le).unwrap();
    std::fs::write(dir.path().join("be.md"), be).unwrap();
    let r = run_in(dir.path(), &["--isolated", "le.md", "be.md"], None);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "starlint: error: le.md: UTF-32 (little-endian) byte-order mark: save the file as UTF-8\n\
         starlint: error: be.md: UTF-32 (big-endian) byte-order mark: save the file as UTF-8\n"
    );
    // In JSON lines too, where the whole input is refused at once.
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    bytes.extend("{}".chars().flat_map(|c| u32::from(c).to_le_bytes()));
    std::fs::write(dir.path().join("in.jsonl"), bytes).unwrap();
    let r = run_in(
        dir.path(),
        &["--isolated", "--input", "jsonl", "in.jsonl"],
        None,
    );
    assert_eq!(
        r.stderr,
        "starlint: error: in.jsonl:1: UTF-32 (little-endian) byte-order mark: save the file as \
         UTF-8\n"
    );
}

/// Peak resident memory of one run, in KiB, read from `/usr/bin/time -f %M`.
fn peak_kib(dir: &Path, args: &[&str], stdin: Option<&Path>) -> u64 {
    let mut c = std::process::Command::new("/usr/bin/time");
    c.current_dir(dir)
        .args([
            "-f",
            "%M",
            "-o",
            "peak.txt",
            env!("CARGO_BIN_EXE_starlint"),
            "--isolated",
        ])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(p) = stdin {
        c.stdin(File::open(p).unwrap());
    }
    let status = c.status().expect("/usr/bin/time is needed for this test");
    assert!(status.code().is_some_and(|c| c <= 2), "{status}");
    let mut text = String::new();
    File::open(dir.join("peak.txt"))
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text.trim().parse().unwrap()
}

/// Run by hand, on an optimised build: `cargo test --release -- --ignored memory`.
///
/// The answer is a real one (`fixtures/sample.md`) repeated to 64 MiB: about 650,000
/// sentences under 215,000 labels, read without keeping their tokens
/// (`nlp::read_clauses`). Peak RSS is about 620 MiB, close to the budget: what is left is
/// the text and its ASCII copy, the rubric's hits, the clauses and the checks' per-sentence
/// tables. An answer of millions of three-word sentences ("We fixed it." again and again)
/// is not measured: the section inference keeps two small vectors per sentence
/// (`src/segment/infer.rs`, `assign`).
#[test]
#[ignore = "slow: 12 s on an optimised build, 85 s on a debug one; needs /usr/bin/time"]
fn memory_a_64_mib_answer_stays_within_ten_times_its_size() {
    let dir = tmp();
    let size = 64 * 1024 * 1024;
    let sample = std::fs::read_to_string(crate::common::fixture("sample.md")).unwrap();
    let mut text = sample.repeat(size / sample.len() + 1);
    let cut = text[..size].rfind('\n').unwrap_or(size);
    text.truncate(cut + 1);
    write(dir.path(), "big.md", &text);
    let kib = peak_kib(dir.path(), &["--format", "json", "big.md"], None);
    assert!(
        kib * 1024 < 10 * size as u64,
        "peak {} MiB for a 64 MiB answer",
        kib / 1024
    );
}

/// Run by hand, on an optimised build: `cargo test --release -- --ignored memory`.
#[test]
#[ignore = "slow: minutes; needs /usr/bin/time"]
fn memory_sarif_and_junit_stay_flat_as_answers_grow() {
    let dir = tmp();
    write(dir.path(), "small.jsonl", &jsonl(10_000));
    write(dir.path(), "large.jsonl", &jsonl(100_000));
    for format in ["sarif", "junit"] {
        let args = |f: &'static str| ["--input", "jsonl", "--format", format, "-o", "out", f];
        let small = peak_kib(dir.path(), &args("small.jsonl"), None);
        let large = peak_kib(dir.path(), &args("large.jsonl"), None);
        // Ten times the answers: the same memory, give or take the ids remembered to
        // find repeats (a few megabytes).
        assert!(
            large < small + 16 * 1024,
            "{format}: {small} KiB for 10,000 answers, {large} KiB for 100,000"
        );
    }
}
