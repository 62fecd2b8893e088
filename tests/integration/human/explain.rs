//! `starlint explain` reads on its own for every rule, and a closed standard output
//! (`starlint rules --format json | head -1`) ends the run quietly with 0.

use crate::common::{command, root, run};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn every_rule_explains_itself_under_the_fixed_headings() {
    let rules: Value = serde_json::from_str(&run(&["rules", "--format", "json"], None).stdout)
        .expect("rules json");
    let rules = rules.as_array().expect("a list of rules");
    assert!(!rules.is_empty());
    for rule in rules {
        let code = rule["code"].as_str().expect("code");
        let name = rule["name"].as_str().expect("name");
        // Every rule by code; by name too for the contract's first few (a run costs a
        // rubric build, so not all twice).
        let by_name = ["missing-section", "we-language", "handoff-language"].contains(&name);
        let keys: &[&str] = if by_name { &[code, name] } else { &[code] };
        for &key in keys {
            let out = run(&["explain", key], None);
            assert_eq!(out.code, 0, "{key}: {}", out.stderr);
            assert!(
                out.stdout.starts_with(&format!("# {name} ({code})\n")),
                "{}",
                out.stdout
            );
            for heading in [
                "\nSection:",
                "\nSeverity:",
                "\nLPs:",
                "\nLevels:",
                "\n## Why a Bar Raiser cares\n",
                "\n## What they hear\n",
                "\n## Weak\n",
                "\n## Strong\n",
                "\n## Source\n",
                "\nRubric:",
            ] {
                assert!(
                    out.stdout.contains(heading),
                    "{key}: no {heading:?}\n{}",
                    out.stdout
                );
            }
            assert!(!out.stdout.contains("{match}") && !out.stdout.contains("{missing}"));
            for line in out.stdout.lines() {
                assert!(line.chars().count() <= 88, "{key}: {line:?}");
            }
        }
    }
    let out = run(&["explain", "no-such-rule"], None);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .starts_with("starlint: error: unknown rule `no-such-rule`"));
}

/// Read one line of `args`' output, close the pipe, and expect a quiet exit 0.
fn close_after_one_line(args: &[&str]) {
    let mut child = command(&root())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn starlint");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("one line");
    } // the read end closes here, as `head -1` does
    let out = child.wait_with_output().expect("wait");
    assert!(!first.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "{args:?} complained about the closed pipe"
    );
    assert_eq!(out.status.code(), Some(0), "{args:?}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // Each writes well over a pipe's 64 KiB buffer, so the write after `head` leaves fails.
    close_after_one_line(&["rules", "--format", "json"]);
    close_after_one_line(&[
        "check",
        "--format",
        "json",
        "fixtures/stories",
        "fixtures/calibration",
    ]);
    close_after_one_line(&[
        "check",
        "--color",
        "never",
        "fixtures/stories",
        "fixtures/calibration",
    ]);
}
