//! `starlint.toml`, `--config`, `--isolated`, `completions`, and suppression comments,
//! through the real binary in throwaway directories (config discovery depends on the
//! current directory, so these cannot run in the repository itself).
//!
//! The LP and level an answer was judged at are read back from `--format json`, so the
//! precedence tests hold whatever the rubric's rules are.

use crate::common::{finding_names, lp_levels, run_in, write, Run};
use tempfile::TempDir;

const STORY: &str = "I rebuilt the weekend rota myself and cut overtime by a third.\n";

fn story_with(front: &str) -> String {
    format!("---\n{front}\n---\n{STORY}")
}

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// The run scored its answers (exit 0 or 1: at or below the bar), with no error.
fn scored(run: &Run) {
    assert!(
        matches!(run.code, 0 | 1),
        "exit {}:\n{}",
        run.code,
        run.stderr
    );
    assert_eq!(run.stderr, "");
}

fn one(run: &Run) -> (String, String) {
    let answers = lp_levels(run);
    assert_eq!(answers.len(), 1, "{answers:?}\nstderr: {}", run.stderr);
    let (_, lp, level) = answers.into_iter().next().unwrap();
    (lp, level)
}

#[test]
fn config_is_found_from_a_nested_subdirectory() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "lp = \"think-big\"\nlevel = \"senior\"\n",
    );
    let nested = dir.path().join("stories/2024/q3");
    write(&nested, "story.md", STORY);
    let run = run_in(&nested, &["check", "--format", "json", "story.md"], None);
    scored(&run);
    assert_eq!(one(&run), ("think-big".into(), "senior".into()));
}

#[test]
fn the_nearest_config_wins_over_one_further_up() {
    let dir = tmp();
    write(dir.path(), "starlint.toml", "lp = \"think-big\"\n");
    write(dir.path(), "team/starlint.toml", "lp = \"dive-deep\"\n");
    write(dir.path(), "team/a/story.md", STORY);
    let run = run_in(
        &dir.path().join("team/a"),
        &["--format", "json", "story.md"],
        None,
    );
    assert_eq!(one(&run).0, "dive-deep", "{}", run.stderr);
}

#[test]
fn a_flag_beats_the_config() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "lp = \"think-big\"\nlevel = \"senior\"\nformat = \"jsonl\"\n",
    );
    write(dir.path(), "story.md", STORY);
    // format from the config: one JSON answer per line.
    let run = run_in(dir.path(), &["story.md"], None);
    scored(&run);
    let line: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(line["lp"], "think-big");
    // Flags win, key by key; the rest still comes from the config.
    let run = run_in(
        dir.path(),
        &["--format", "json", "--lp", "frugality", "story.md"],
        None,
    );
    assert_eq!(one(&run), ("frugality".into(), "senior".into()));
}

#[test]
fn front_matter_beats_the_config_and_a_flag_beats_front_matter() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "lp = \"think-big\"\nlevel = \"senior\"\n",
    );
    write(
        dir.path(),
        "a-front.md",
        &story_with("lp: dive-deep\nlevel: sde1"),
    );
    write(dir.path(), "b-lp-only.md", &story_with("lp: earn-trust"));
    write(dir.path(), "c-plain.md", STORY);
    let run = run_in(dir.path(), &["--format", "json", "."], None);
    scored(&run);
    let got: Vec<(String, String)> = lp_levels(&run)
        .into_iter()
        .map(|(_, lp, level)| (lp, level))
        .collect();
    assert_eq!(
        got,
        [
            ("dive-deep".into(), "sde1".into()),
            ("earn-trust".into(), "senior".into()),
            ("think-big".into(), "senior".into()),
        ]
    );
    let run = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--lp",
            "ownership",
            "--level",
            "sde2",
            ".",
        ],
        None,
    );
    let got: Vec<(String, String)> = lp_levels(&run)
        .into_iter()
        .map(|(_, lp, level)| (lp, level))
        .collect();
    assert_eq!(got, vec![("ownership".into(), "sde2".into()); 3]);
}

#[test]
fn a_jsonl_lines_fields_beat_the_config() {
    let dir = tmp();
    write(dir.path(), "starlint.toml", "lp = \"think-big\"\n");
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "a", "answer": STORY, "lp": "dive-deep"}),
        serde_json::json!({"id": "b", "answer": STORY}),
    );
    let run = run_in(
        dir.path(),
        &["--input", "jsonl", "--format", "json"],
        Some(lines.as_bytes()),
    );
    scored(&run);
    let got: Vec<(String, String)> = lp_levels(&run)
        .into_iter()
        .map(|(id, lp, _)| (id, lp))
        .collect();
    assert_eq!(
        got,
        [
            ("a".into(), "dive-deep".into()),
            ("b".into(), "think-big".into())
        ]
    );
}

#[test]
fn a_relative_rubric_resolves_against_the_configs_directory() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "rubric = \"rubrics/team.toml\"\n",
    );
    write(dir.path(), "rubrics/team.toml", "version = 1\n");
    let sub = dir.path().join("stories");
    write(&sub, "story.md", STORY);
    // From a subdirectory: `rubrics/team.toml` is found beside the config, not under stories/.
    let run = run_in(&sub, &["story.md"], None);
    scored(&run);
    // A broken rubric is named by the resolved path, at its own line and column.
    write(
        dir.path(),
        "rubrics/team.toml",
        "version = 1\nbogus = true\n",
    );
    let run = run_in(&sub, &["story.md"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("starlint: error: ../rubrics/team.toml:2:1:"),
        "{}",
        run.stderr
    );
    // A missing one is reported at the config's `rubric` key.
    write(
        dir.path(),
        "starlint.toml",
        "rubric = \"rubrics/missing.toml\"\n",
    );
    let run = run_in(&sub, &["story.md"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "starlint: error: ../starlint.toml:1:10: rubric: ../rubrics/missing.toml: "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_is_exit_2_naming_file_line_column_and_key() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "lp = \"ownership\"\ncolour = \"never\"\n",
    );
    write(dir.path(), "sub/story.md", STORY);
    let run = run_in(&dir.path().join("sub"), &["story.md"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "starlint: error: ../starlint.toml:2:1: unknown key `colour` (valid: lp, level, rubric, \
         format, fail-under, select, ignore, jobs)\n"
    );
}

#[test]
fn unknown_values_and_malformed_toml_are_exit_2_at_their_position() {
    let dir = tmp();
    write(dir.path(), "story.md", STORY);
    for (toml, expect) in [
        (
            "level = \"sde4\"\n",
            "starlint.toml:1:9: unknown level `sde4` (valid: sde1, sde2, senior)",
        ),
        (
            "\nformat = \"xml\"\n",
            "starlint.toml:2:10: unknown format `xml` (valid: human, json",
        ),
        (
            "fail-under = \"ok\"\n",
            "starlint.toml:1:14: unknown verdict `ok` (valid: no_hire,",
        ),
        (
            "lp = \"bigthink\"\n",
            "starlint.toml:1:6: unknown LP `bigthink` (valid: customer-obsession,",
        ),
        ("lp = \n", "starlint.toml:1:6: "),
        (
            "select = [\"no-such-rule\"]\n",
            "starlint.toml:1:11: unknown rule `no-such-rule` in `select`",
        ),
        (
            "\n\nignore = [ \"zz-top\"]\n",
            "starlint.toml:3:12: unknown rule `zz-top` in `ignore`",
        ),
    ] {
        write(dir.path(), "starlint.toml", toml);
        let run = run_in(dir.path(), &["story.md"], None);
        assert_eq!(run.code, 2, "{toml:?}: {}", run.stderr);
        let prefix = format!("starlint: error: {expect}");
        assert!(run.stderr.starts_with(&prefix), "{toml:?}:\n{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
}

#[test]
fn isolated_ignores_the_config_and_config_names_another() {
    let dir = tmp();
    write(dir.path(), "starlint.toml", "colour = \"never\"\n");
    write(
        dir.path(),
        "ci/strict.toml",
        "lp = \"dive-deep\"\nrubric = \"team.toml\"\n",
    );
    write(dir.path(), "ci/team.toml", "version = 1\n");
    write(dir.path(), "story.md", STORY);
    let run = run_in(
        dir.path(),
        &["--isolated", "--format", "json", "story.md"],
        None,
    );
    scored(&run);
    assert_eq!(one(&run).0, "general");
    // --config replaces discovery; its relative rubric resolves against ci/.
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            "ci/strict.toml",
            "--format",
            "json",
            "story.md",
        ],
        None,
    );
    scored(&run);
    assert_eq!(one(&run).0, "dive-deep");
    // A --config that cannot be read is an error naming it.
    let run = run_in(dir.path(), &["--config", "nope.toml", "story.md"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("starlint: error: nope.toml: "),
        "{}",
        run.stderr
    );
    // Both at once is a usage error.
    let run = run_in(
        dir.path(),
        &["--config", "ci/strict.toml", "--isolated"],
        None,
    );
    assert_eq!(run.code, 2);
}

#[test]
fn show_config_prints_each_value_with_its_origin() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "lp = \"dive-deep\"\njobs = 1\n",
    );
    write(dir.path(), "sub/.keep", "");
    let run = run_in(
        &dir.path().join("sub"),
        &["--show-config", "--level", "senior"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "lp = \"dive-deep\"  # ../starlint.toml:1:6",
        "level = \"senior\"  # --level",
        "format = \"human\"  # default",
        "jobs = 1  # ../starlint.toml:2:8",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == line),
            "{line}\n{}",
            run.stdout
        );
    }
}

#[test]
fn completions_print_a_script_for_each_shell() {
    let dir = tmp();
    for (shell, marker) in [
        ("bash", "complete -F _starlint"),
        ("zsh", "#compdef starlint"),
        ("fish", "complete -c starlint"),
        ("elvish", "starlint"),
        ("powershell", "starlint"),
    ] {
        let run = run_in(dir.path(), &["completions", shell], None);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}:\n{}", run.stdout);
        // Subcommands and check's options are completed.
        assert!(run.stdout.contains("explain"), "{shell}");
        assert!(run.stdout.contains("fail-under"), "{shell}");
    }
    let run = run_in(dir.path(), &["completions", "tcsh"], None);
    assert_eq!(run.code, 2);
}

#[test]
fn a_file_named_completions_is_still_checked_with_check() {
    let dir = tmp();
    write(dir.path(), "completions", STORY);
    let run = run_in(
        dir.path(),
        &["check", "--format", "json", "completions"],
        None,
    );
    scored(&run);
    assert_eq!(lp_levels(&run)[0].0, "completions");
}

// ---- Rule-dependent: these rely on the contract's rule names in the embedded rubric.

/// Fires `we-language` twice (both in the Action), `missing-section` (no Reflection) and
/// a few others; nothing fires before the Action's first "We".
const WE_STORY: &str = "\
Situation: Our ward's handover notes were often incomplete, and two medication doses were missed in one month.
Task: Nobody had asked me to fix it; the handover process belonged to the night team, not mine.
Action: We rewrote the handover template together. I tested it with two shift leads. I trained the night staff on it. We figured out the root cause together.
Result: Missed doses fell from two a month to zero over the next quarter.
";

fn names_in(dir: &std::path::Path, args: &[&str]) -> (Vec<String>, f64) {
    let mut full = vec!["--format", "json"];
    full.extend_from_slice(args);
    let run = run_in(dir, &full, None);
    scored(&run);
    let score = crate::common::json(&run)["answers"][0]["score"]
        .as_f64()
        .unwrap();
    (finding_names(&run), score)
}

fn count(names: &[String], name: &str) -> usize {
    names.iter().filter(|n| *n == name).count()
}

#[test]
fn the_story_fires_the_rules_these_tests_turn_off() {
    let dir = tmp();
    write(dir.path(), "story.md", WE_STORY);
    let (names, _) = names_in(dir.path(), &["story.md"]);
    assert_eq!(count(&names, "we-language"), 2, "{names:?}");
    assert_eq!(count(&names, "missing-section"), 1, "{names:?}");
    assert!(names.len() > 3, "{names:?}");
}

#[test]
fn select_and_ignore_come_from_the_config_and_flags_replace_them() {
    let dir = tmp();
    write(dir.path(), "story.md", WE_STORY);
    let (all, all_score) = names_in(dir.path(), &["story.md"]);

    write(dir.path(), "starlint.toml", "select = [\"we-language\"]\n");
    let (names, _) = names_in(dir.path(), &["story.md"]);
    assert_eq!(names, ["we-language", "we-language"]);
    // --select on the command line replaces the config's list.
    let (names, _) = names_in(dir.path(), &["--select", "missing-section", "story.md"]);
    assert_eq!(names, ["missing-section"]);

    // Prefixes and a name; rules that are off neither report nor count (their penalties
    // go; the evidence for the answer they found stays, so the score can only rise).
    write(
        dir.path(),
        "starlint.toml",
        "ignore = [\"A\", \"G\", \"missing-business-impact\"]\n",
    );
    let (names, score) = names_in(dir.path(), &["story.md"]);
    for gone in ["we-language", "missing-section", "missing-business-impact"] {
        assert_eq!(count(&names, gone), 0, "{gone}: {names:?}");
    }
    assert!(names.iter().all(|n| all.contains(n)), "{names:?}");
    assert!(score > all_score, "{score} <= {all_score}");
    // --ignore replaces the config's ignore list: we-language is back, R rules are off.
    let (names, _) = names_in(dir.path(), &["--ignore", "R", "story.md"]);
    assert_eq!(count(&names, "we-language"), 2, "{names:?}");
    assert_eq!(count(&names, "missing-section"), 1, "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with("missing-business")));
    // --isolated: every rule again.
    let (names, _) = names_in(dir.path(), &["--isolated", "story.md"]);
    assert_eq!(names, all);
}

#[test]
fn an_unknown_rule_beside_known_ones_is_named_at_its_position() {
    let dir = tmp();
    write(dir.path(), "story.md", WE_STORY);
    write(
        dir.path(),
        "starlint.toml",
        "select = [\"A\"]\nignore = [\"A001\", \"zz-top\"]\n",
    );
    let run = run_in(dir.path(), &["story.md"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "starlint: error: starlint.toml:2:19: unknown rule `zz-top` in `ignore` (a code such \
         as A001, a code prefix such as A or R0, or a name; `starlint rules` lists them)\n"
    );
    // The same mistake on the command line names the flag.
    let run = run_in(
        dir.path(),
        &["--isolated", "--select", "zz-top", "story.md"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("starlint: error: --select: unknown rule `zz-top`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_config_rubric_overlay_is_applied() {
    let dir = tmp();
    write(
        dir.path(),
        "starlint.toml",
        "rubric = \"rubrics/team.toml\"\n",
    );
    write(
        dir.path(),
        "rubrics/team.toml",
        "disable = [\"we-language\"]\n",
    );
    write(dir.path(), "stories/story.md", WE_STORY);
    let (names, _) = names_in(&dir.path().join("stories"), &["story.md"]);
    assert_eq!(count(&names, "we-language"), 0, "{names:?}");
    assert_eq!(count(&names, "missing-section"), 1, "{names:?}");
}

fn suppressed(text: &str) -> (Vec<String>, f64) {
    let dir = tmp();
    write(dir.path(), "story.md", text);
    names_in(dir.path(), &["--isolated", "story.md"])
}

#[test]
fn suppression_turns_named_rules_off_from_the_comment_on() {
    let (all, all_score) = suppressed(WE_STORY);
    // Before the first words: both occurrences are off, the other rules still report.
    let (names, score) = suppressed(&format!(
        "<!-- starlint-disable we-language -->\n{WE_STORY}"
    ));
    assert_eq!(count(&names, "we-language"), 0, "{names:?}");
    assert_eq!(count(&names, "missing-section"), 1, "{names:?}");
    assert_eq!(names.len(), all.len() - 2, "{names:?}");
    assert!(score >= all_score);
    // Between the two: only the first reports. Then enabled again before the second.
    let mid = WE_STORY.replace(
        "I trained",
        "<!-- starlint-disable handoff-language,we-language --> I trained",
    );
    let (names, _) = suppressed(&mid);
    assert_eq!(count(&names, "we-language"), 1, "{names:?}");
    let again = mid.replace(
        " We figured",
        " <!-- starlint-enable we-language --> We figured",
    );
    let (names, _) = suppressed(&again);
    assert_eq!(count(&names, "we-language"), 2, "{names:?}");
}

#[test]
fn suppression_takes_codes_and_comma_separated_lists() {
    let (names, _) = suppressed(&format!("<!-- starlint-disable A001,G001 -->\n{WE_STORY}"));
    assert_eq!(count(&names, "we-language"), 0, "{names:?}");
    assert_eq!(count(&names, "missing-section"), 0, "{names:?}");
}

#[test]
fn a_bare_disable_before_the_first_words_turns_every_rule_off() {
    let (all, all_score) = suppressed(WE_STORY);
    let (names, score) = suppressed(&format!("<!-- starlint-disable -->\n{WE_STORY}"));
    assert!(names.is_empty(), "{names:?}");
    // Nothing reported, nothing counted.
    assert!(score > all_score, "{score} <= {all_score} ({all:?})");
}

#[test]
fn a_whole_answer_rule_is_off_only_when_the_comment_stands_before_the_first_words() {
    // Named after the first words, before the Result: missing-section (no Reflection)
    // is about the whole answer, so it still reports.
    let late = WE_STORY.replace(
        "Result:",
        "<!-- starlint-disable missing-section -->\nResult:",
    );
    let (names, _) = suppressed(&late);
    assert_eq!(count(&names, "missing-section"), 1, "{names:?}");
    let (names, _) = suppressed(&format!(
        "<!-- starlint-disable missing-section -->\n{WE_STORY}"
    ));
    assert_eq!(count(&names, "missing-section"), 0, "{names:?}");
    // After front matter, the comment is still before the first words.
    let (names, _) = suppressed(&format!(
        "---\nlp: ownership\n---\n<!-- starlint-disable missing-section -->\n{WE_STORY}"
    ));
    assert_eq!(count(&names, "missing-section"), 0, "{names:?}");
}

#[test]
fn words_inside_comments_are_not_read_as_the_answer() {
    let (all, _) = suppressed(WE_STORY);
    let noted = WE_STORY.replace(
        "I tested",
        "<!-- we asked the team, we escalated it, we -->I tested",
    );
    let (names, _) = suppressed(&noted);
    assert_eq!(names, all);
}
