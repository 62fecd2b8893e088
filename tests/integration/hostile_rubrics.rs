//! Broken and hostile rubrics through the real binary, both as `starlint rubric check FILE`
//! and as `starlint check --rubric FILE`: each problem is one `starlint: error:
//! file:line:column: message` line, every problem of a file is reported in the same run,
//! and the exit code is 2. The broken rubrics live in `fixtures/rubrics/`; the ones that
//! must be big to be hostile (a megabyte of phrases, a thousand regexes) are generated in a
//! temporary directory instead of being committed.

use crate::common::{run, run_in, Run};
use std::fs;

const ANSWER: &[u8] = b"Situation: The rota was late.\nAction: I rebuilt it.\n";

/// Run both commands on `path` (relative to the repository root); both must refuse the
/// rubric with exactly `expected` (each a line's text after `starlint: error: `).
fn assert_rubric_errors(path: &str, expected: &[&str]) {
    let want: Vec<String> = expected
        .iter()
        .map(|e| format!("starlint: error: {e}"))
        .collect();
    for args in [
        vec!["rubric", "check", path],
        vec!["check", "--rubric", path, "-"],
    ] {
        let r: Run = run(&args, Some(ANSWER));
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        let got: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(got, want, "{args:?}");
    }
}

#[test]
fn malformed_toml_names_file_line_and_column() {
    assert_rubric_errors(
        "fixtures/rubrics/malformed.toml",
        &["fixtures/rubrics/malformed.toml:5:24: invalid basic string, expected `\"`"],
    );
}

#[test]
fn unknown_fields_are_named() {
    let p = "fixtures/rubrics/unknown-field.toml";
    let r = run(&["rubric", "check", p], None);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "starlint: error: {p}:4:1: unknown field `severty`, expected one of `code`"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn duplicate_codes_and_names_in_one_file() {
    let p = "fixtures/rubrics/duplicate.toml";
    assert_rubric_errors(
        p,
        &[
            "fixtures/rubrics/duplicate.toml:12:8: duplicate rule code `X001` (first defined on line 3)",
            "fixtures/rubrics/duplicate.toml:22:8: duplicate rule name `custom-two` (first defined on line 13)",
        ],
    );
}

#[test]
fn an_invalid_regex_names_its_rule_and_place() {
    assert_rubric_errors(
        "fixtures/rubrics/bad-regex.toml",
        &["fixtures/rubrics/bad-regex.toml:7:29: rule X010 (bad-pattern): invalid regex: unclosed group (at character 1 of the pattern)"],
    );
}

#[test]
fn a_regex_over_the_size_limit_names_its_rule() {
    assert_rubric_errors(
        "fixtures/rubrics/huge-regex.toml",
        &["fixtures/rubrics/huge-regex.toml:8:13: rule X011 (huge-pattern): invalid regex: regex is too big (compiled size over 2097152 bytes)"],
    );
}

#[test]
fn references_to_things_that_do_not_exist_all_at_once() {
    let p = "fixtures/rubrics/unknown-refs.toml";
    let lps = "customer-obsession, ownership, invent-and-simplify, are-right-a-lot, \
               learn-and-be-curious, hire-and-develop-the-best, insist-on-the-highest-standards, \
               think-big, bias-for-action, frugality, earn-trust, dive-deep, have-backbone, \
               deliver-results, strive-to-be-earths-best-employer, \
               success-and-scale-bring-broad-responsibility, general";
    let e = |s: String| format!("{p}:{s}");
    let expected = [
        e("3:12: `disable` names unknown rule `no-such-rule`".into()),
        e("9:11: unknown section `plot` (valid: situation, task, action, result, reflection)".into()),
        e("14:12: rule X020 (dangling-refs): unknown severity `fatal` (valid: error, warning, info)".into()),
        e("15:13: rule X020 (dangling-refs): unknown dimension `charisma` (valid: ownership, action, depth, result, reflection, lp, delivery)".into()),
        e("10:11: unknown level `sde9` (valid: sde1, sde2, senior)".into()),
        e(format!("11:13: unknown LP `customer-obession`; did you mean `customer-obsession`? (valid: {lps})")),
        e(format!("12:8: unknown LP `thinking-big`; did you mean `think-big`? (valid: {lps})")),
        e("13:7: unknown verdict `maybe_hire` (valid: no_hire, leaning_no_hire, hire, strong_hire)".into()),
        e("16:17: unknown rule `no-such-rule`".into()),
        e("22:8: unknown rule `missing-everything`".into()),
        e("25:18: unknown rule `not-a-rule`".into()),
        e("1:1: probe `dangling-probe`: unknown rule `ghost-rule`".into()),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_rubric_errors(p, &expected);
}

#[test]
fn keys_of_another_kind_are_refused_where_they_are_written() {
    let p = "fixtures/rubrics/wrong-kind-keys.toml";
    let own = "phrases, patterns, clause, voids-credit, case-sensitive, sentence-start, skip-quoted, unless-before, \
               unless-sentence, unless-after, unless-later, exclude-captures";
    let e = |s: String| format!("{p}:{s}");
    let expected = [
        e(format!("17:1: rule A001 (we-language): `before` does not apply to a `match` rule (its own keys: {own})")),
        e(format!("10:1: rule X040 (kind-mixup): `coordinated` does not apply to a `match` rule (its own keys: {own})")),
        e(format!("11:1: rule X040 (kind-mixup): `min` does not apply to a `match` rule (its own keys: {own})")),
        e("23:1: rule X041 (structure-with-phrases): `phrases` does not apply to a `structure` rule (its own keys: none beyond those every rule takes)".into()),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_rubric_errors(p, &expected);
}

#[test]
fn numbers_out_of_range_are_refused_in_the_overlay() {
    let p = "fixtures/rubrics/bad-numbers.toml";
    assert_rubric_errors(
        p,
        &[
            &format!("{p}:6:1: points.warning must be a finite number, 0 or more (not -7)"),
            &format!("{p}:6:1: points.info must be a finite number, 0 or more (not NaN)"),
            &format!("{p}:4:19: half-score-cost must be positive"),
            &format!("{p}:13:10: rule A001: weight must be a finite number, 0 or more (not inf)"),
            &format!(
                "{p}:17:19: rule A002: thin-credit-max must be a finite number, 0 or more (not -1)"
            ),
        ],
    );
}

#[test]
fn a_new_code_may_not_take_a_built_in_name() {
    let p = "fixtures/rubrics/reused-name.toml";
    assert_rubric_errors(
        p,
        &[&format!(
            "{p}:5:8: rule X050: the name `we-language` belongs to rule A001; give the new \
             rule its own name, or use code A001 to change that rule"
        )],
    );
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    fs::write(dir.path().join("deep.toml"), deep).unwrap();
    let r = run_in(dir.path(), &["rubric", "check", "deep.toml"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.starts_with("starlint: error: deep.toml:1:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("max recursion depth"), "{}", r.stderr);
}

#[test]
fn a_megabyte_of_phrases_is_refused_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    // 60,000 distinct two-word phrases: over the 1 MiB limit on all phrases together.
    let phrases: Vec<String> = (0..60_000)
        .map(|i| format!("\"synergy number{i:06}\""))
        .collect();
    let toml = format!(
        "[[rule]]\ncode = \"X030\"\nname = \"many-phrases\"\nkind = \"match\"\nsection = \"action\"\n\
         phrases = [{}]\nmessage = \"m\"\nhelp = \"Do it\"\n",
        phrases.join(", ")
    );
    fs::write(dir.path().join("phrases.toml"), toml).unwrap();
    let r = run_in(dir.path(), &["rubric", "check", "phrases.toml"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(
        r.stderr,
        "starlint: error: phrases.toml:2:8: rule X030 (many-phrases): its phrases take the \
         rubric's phrases past 1048576 bytes (the limit)\n"
    );
}

#[test]
fn too_many_regexes_are_refused_once() {
    let dir = tempfile::tempdir().unwrap();
    let patterns: Vec<String> = (0..1_000).map(|i| format!("'''\\bword{i}\\b'''")).collect();
    let toml = format!(
        "[[rule]]\ncode = \"X031\"\nname = \"many-patterns\"\nkind = \"match\"\nsection = \"action\"\n\
         patterns = [{}]\nmessage = \"m\"\nhelp = \"Do it\"\n",
        patterns.join(", ")
    );
    fs::write(dir.path().join("patterns.toml"), toml).unwrap();
    let r = run_in(dir.path(), &["rubric", "check", "patterns.toml"], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("starlint: error: patterns.toml:6:")
            && r.stderr
                .contains("rule X031 (many-patterns): the rubric holds more than 1000 regexes"),
        "{}",
        r.stderr
    );
}

#[test]
fn unreadable_rubric_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("latin1.toml"), b"# caf\xe9\n").unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "version = 1\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    fs::write(d.join("utf16.toml"), utf16).unwrap();
    fs::create_dir(d.join("dir.toml")).unwrap();
    let cases = [
        ("missing.toml", "missing.toml: No such file or directory"),
        ("latin1.toml", "latin1.toml: not valid UTF-8 at byte 5"),
        (
            "utf16.toml",
            "utf16.toml: UTF-16 (little-endian) byte-order mark",
        ),
        ("dir.toml", "dir.toml: is a directory"),
    ];
    for (file, reason) in cases {
        for args in [
            vec!["rubric", "check", file],
            vec!["check", "--rubric", file, "-"],
        ] {
            let r = run_in(d, &args, Some(ANSWER));
            assert_eq!(r.code, 2, "{args:?}: {r:?}");
            assert!(
                r.stderr.starts_with(&format!("starlint: error: {reason}")),
                "{args:?}: {}",
                r.stderr
            );
        }
    }
    // A UTF-8 byte-order mark and an empty file are fine overlays.
    fs::write(d.join("bom.toml"), b"\xEF\xBB\xBFversion = 1\n").unwrap();
    fs::write(d.join("empty.toml"), b"").unwrap();
    for file in ["bom.toml", "empty.toml"] {
        let r = run_in(d, &["rubric", "check", file], None);
        assert_eq!(r.code, 0, "{file}: {r:?}");
    }
}
