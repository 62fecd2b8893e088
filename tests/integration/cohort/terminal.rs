//! On a terminal (a pseudo-terminal made by the test, so this runs the same under CI): a
//! machine-format batch written to a file ends with the cohort summary on standard error,
//! for the person who ran it; `--quiet` keeps it off. Unix only: that is where ptys are.

#![cfg(unix)]

use expectrl::{Eof, Expect, Session};
use std::process::Command;
use std::time::Duration;

/// Run `starlint check ARGS --format jsonl DIR > OUT` with standard error on a pty;
/// returns what the terminal showed and the report file's text.
fn on_terminal(extra: &[&str]) -> (String, String) {
    let dir = crate::batch::answers_dir(12);
    let out = dir.path().join("report.jsonl");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"exec "$0" check --isolated --format jsonl "$@" . > "$OUT""#)
        .arg(env!("CARGO_BIN_EXE_starlint"))
        .args(extra)
        .env("OUT", &out)
        .current_dir(dir.path())
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("TERM", "xterm-256color");
    let mut p = Session::spawn(cmd).expect("spawn on a pty");
    p.set_expect_timeout(Some(Duration::from_secs(120)));
    let shown = p.expect(Eof).expect("the run, then end of output");
    let shown = String::from_utf8_lossy(shown.as_bytes()).into_owned();
    let _ = p.get_process().wait();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    (shown, report)
}

#[test]
fn a_machine_format_on_a_terminal_ends_with_the_summary_on_stderr() {
    let (shown, report) = on_terminal(&[]);
    assert_eq!(report.lines().count(), 12, "the report is untouched");
    assert!(!report.contains("answers:"));
    assert!(shown.contains("12 answers: "), "{shown}");
    assert!(
        shown.contains("Score distribution (answers per ten points):"),
        "{shown}"
    );
    assert!(
        shown.contains("Most common findings (answers affected):"),
        "{shown}"
    );
}

#[test]
fn quiet_keeps_the_terminal_summary_off() {
    let (shown, report) = on_terminal(&["--quiet"]);
    assert_eq!(report.lines().count(), 12);
    assert!(!shown.contains("answers: "), "{shown}");
}
