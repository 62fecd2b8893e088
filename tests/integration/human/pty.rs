//! The paste moment, on a real pseudo-terminal: `starlint` with no arguments prompts on
//! the terminal, reads the pasted answer until end of input (Ctrl-D), and prints the
//! report. The test makes its own terminal (expectrl), so it runs the same under `CI=true`
//! with no terminal attached to the test process. Unix only: that is where ptys are.

#![cfg(unix)]

use crate::common::root;
use expectrl::{ControlCode, Eof, Expect, Session};
use std::process::Command;
use std::time::Duration;

const ANSWER: &str = "I noticed the webhook was dropping sometimes.\n\
I escalated it to the Platform team by sending a Slack message.\n\
They fixed the problem after some time.\n\
The drop rate improved and the team was happy.\n";

/// Start `starlint` on a pty with `env`, paste the answer, press Ctrl-D, and return what
/// the terminal showed after the prompt, and the exit code.
fn paste(env: &[(&str, &str)]) -> (String, Option<i32>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_starlint"));
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("COLUMNS", "100");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = Session::spawn(cmd).expect("spawn starlint on a pty");
    // A loaded 2-core CI machine can be slow to start a debug binary.
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("Paste your answer, then press Ctrl-D")
        .expect("the prompt");
    for line in ANSWER.lines() {
        p.send_line(line).expect("type a line");
    }
    p.send(ControlCode::EndOfTransmission).expect("Ctrl-D");
    let rest = p.expect(Eof).expect("the report, then end of output");
    let shown = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    let status = p.get_process().wait().expect("wait for starlint");
    let code = match status {
        expectrl::process::unix::WaitStatus::Exited(_, code) => Some(code),
        _ => None,
    };
    (shown, code)
}

#[test]
fn a_pasted_answer_gets_its_verdict() {
    let (shown, code) = paste(&[("TERM", "xterm-256color")]);
    assert!(
        shown.contains("NO HIRE") || shown.contains("LEANING NO HIRE"),
        "{shown}"
    );
    assert!(shown.contains("Bar Raiser thinks:"), "{shown}");
    assert!(shown.contains("Fix first:"), "{shown}");
    assert!(shown.contains("<stdin>"), "{shown}");
    // A terminal gets colour by default.
    assert!(
        shown.contains("\u{1b}["),
        "no colour on a terminal:\n{shown}"
    );
    assert_eq!(code, Some(1), "a weak answer is below Hire");
}

#[test]
fn no_color_is_honoured_on_a_terminal() {
    let (shown, _) = paste(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
    assert!(shown.contains("Bar Raiser thinks:"), "{shown}");
    assert!(
        !shown.contains("\u{1b}["),
        "colour despite NO_COLOR:\n{shown}"
    );
}
