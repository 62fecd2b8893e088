//! Colour: `--color always` writes ANSI escape codes even into a pipe (and wins over
//! `NO_COLOR`); `auto` into a pipe, or with `NO_COLOR` set, writes none; `never` none.

use crate::common::{command, root};
use std::process::Stdio;

const FILE: &str = "fixtures/seeds/000-weak.md";

fn stdout_with(args: &[&str], no_color: bool) -> String {
    let mut c = command(&root());
    c.args(["check"]).args(args).arg(FILE).stdin(Stdio::null());
    if no_color {
        c.env("NO_COLOR", "1");
    }
    let out = c.output().expect("run starlint");
    assert_eq!(out.status.code(), Some(1), "the weak seed is below Hire");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn always_writes_escape_codes() {
    let out = stdout_with(&["--color", "always"], false);
    assert!(out.contains("\u{1b}["), "no escape codes:\n{out}");
    // Colour is decoration: the words are all there.
    assert!(out.contains("NO HIRE"));
    assert!(out.contains("error"));
}

#[test]
fn an_explicit_always_wins_over_no_color() {
    let out = stdout_with(&["--color", "always"], true);
    assert!(out.contains("\u{1b}["));
}

#[test]
fn auto_with_no_color_under_a_pipe_writes_none() {
    let out = stdout_with(&["--color", "auto"], true);
    assert!(
        !out.contains('\u{1b}'),
        "escape codes with NO_COLOR:\n{out}"
    );
    assert!(out.contains("Bar Raiser thinks:"));
}

#[test]
fn auto_under_a_pipe_and_never_write_none() {
    for args in [&["--color", "auto"][..], &["--color", "never"], &[]] {
        let out = stdout_with(args, false);
        assert!(!out.contains('\u{1b}'), "{args:?}:\n{out}");
    }
}
