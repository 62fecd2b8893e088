//! The candidate's field (contract: `--field`, front matter `field:`, JSON lines and the
//! API's `"field"`, inferred when absent): it is reported, it chooses the help and the
//! strong examples, and it never moves the verdict or the score.

use crate::common::{json, run};

const NURSE: &str = "fixtures/stories/nursing-discharge-flow.md";

fn answer(args: &[&str]) -> serde_json::Value {
    let mut full = vec!["check", "--format", "json"];
    full.extend_from_slice(args);
    let r = run(&full, None);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    json(&r)["answers"][0].clone()
}

#[test]
fn the_field_is_inferred_given_by_flag_and_never_moves_the_verdict() {
    let inferred = answer(&[NURSE]);
    assert_eq!(inferred["field"], "healthcare");
    let retail = answer(&["--field", "retail", NURSE]);
    assert_eq!(retail["field"], "retail");
    assert_eq!(retail["verdict"], inferred["verdict"]);
    assert_eq!(retail["score"], inferred["score"]);
    assert_eq!(retail["dimensions"], inferred["dimensions"]);
    let helps = |a: &serde_json::Value| -> Vec<String> {
        a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["help"].as_str().unwrap().to_string())
            .collect()
    };
    assert_ne!(
        helps(&retail),
        helps(&inferred),
        "the help follows the field"
    );
    // Software keeps the rules' own wording; the neutral fallback never speaks of webhooks.
    let general = answer(&["--field", "general", NURSE]);
    assert!(
        helps(&general).iter().all(|h| !h.contains("webhook")),
        "{:?}",
        helps(&general)
    );
}

#[test]
fn an_unknown_field_is_a_usage_error_with_a_suggestion() {
    let r = run(&["check", "--field", "helthcare", NURSE], None);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("`healthcare`"), "{}", r.stderr);
}

#[test]
fn front_matter_and_json_lines_name_the_field() {
    let story = "---\nfield: hospitality\n---\nSituation: Our ward's handover notes were often \
                 incomplete and two doses were missed.\nAction: I rewrote the handover sheet \
                 and trained the night staff on it.\nResult: Missed doses fell from two a month \
                 to none.\n";
    let r = run(&["check", "--format", "json", "-"], Some(story.as_bytes()));
    assert_eq!(json(&r)["answers"][0]["field"], "hospitality");
    let line = br#"{"id": 1, "answer": "I rewrote the handover sheet for the ward and trained the night staff on it, and missed doses fell from two a month to none over the quarter.", "field": "finance"}"#;
    let r = run(
        &["check", "--input", "jsonl", "--format", "json", "-"],
        Some(line),
    );
    assert_eq!(json(&r)["answers"][0]["field"], "finance", "{}", r.stdout);
    let bad = br#"{"id": 1, "answer": "I rewrote the sheet.", "field": "nursing"}"#;
    let r = run(
        &["check", "--input", "jsonl", "--format", "json", "-"],
        Some(bad),
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("unknown field `nursing`"), "{}", r.stderr);
}

/// Contract: with no level the people-facing text says "mid-level"; "SDE2" appears only
/// when a level was given (JSON keeps the canonical id either way).
#[test]
fn with_no_level_people_read_mid_level_not_sde2() {
    let story = "Situation: Two night shifts on our ward went short of staff in one week.\n\
                 Action: I rebuilt the rota and swapped three shifts with the day team.\n\
                 Result: Short shifts fell from two a week to none over the next month.\n";
    let plain = run(&["check", "--color", "never", "-"], Some(story.as_bytes()));
    assert!(plain.stdout.contains("mid-level"), "{}", plain.stdout);
    assert!(!plain.stdout.contains("SDE2"), "{}", plain.stdout);
    let named = run(
        &["check", "--color", "never", "--level", "sde2", "-"],
        Some(story.as_bytes()),
    );
    assert!(named.stdout.contains("SDE2"), "{}", named.stdout);
    let json = run(&["check", "--format", "json", "-"], Some(story.as_bytes()));
    assert_eq!(crate::common::json(&json)["answers"][0]["level"], "sde2");
}

/// Words only a software answer would use (issue 19's list). The people-facing text for an
/// answer from any other field may use one only when the answer itself does.
const SOFTWARE_NOTIONS: [&str; 16] = [
    "webhook",
    "SDE1",
    "SDE2",
    "SDE 2",
    "pull request",
    "code review",
    "dead letter",
    "dead-letter",
    "SLO",
    "network timeout",
    "race condition",
    "Platform team",
    "codebase",
    "deploy",
    "tech lead",
    "merge",
];

/// A notion `text` uses, as a whole word, case-insensitively ("SLO" is not "slow").
fn uses(text: &str, notion: &str) -> bool {
    let lower = text.to_lowercase();
    let n = notion.to_lowercase();
    lower.match_indices(&n).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + n.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && (notion.starts_with("deploy")
                || notion == "merge"
                || !after.is_some_and(char::is_alphanumeric))
    })
}

#[test]
fn answers_from_other_fields_hear_no_software_notions_at_any_level() {
    let mut files: Vec<String> = Vec::new();
    for dir in [
        "fixtures/stories",
        "fixtures/calibration",
        "fixtures/holdout",
        "fixtures/holdout2",
        "fixtures/corpus",
        "fixtures/gaming",
    ] {
        for e in std::fs::read_dir(crate::common::root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "txt"))
                && !p.ends_with("README.md")
            {
                files.push(format!(
                    "{dir}/{}",
                    p.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    files.sort();
    let args = |extra: &[&'static str]| -> Vec<String> {
        let mut a: Vec<String> = ["check", "--fail-under", "no_hire"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect();
        a.extend(files.iter().cloned());
        a
    };
    let go = |a: &[String]| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let r = run(&refs, None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r
    };
    // Which answers are not about software: the field starlint reads from each.
    let report = json(&go(&args(&["--format", "json"])));
    let mut other: Vec<(String, String)> = Vec::new();
    for a in report["answers"].as_array().unwrap() {
        if a["field"] != "software" {
            let source = a["source"].as_str().unwrap().to_string();
            let text = std::fs::read_to_string(crate::common::root().join(&source)).unwrap();
            other.push((source, text));
        }
    }
    assert!(other.len() > 200, "{} non-software answers", other.len());
    let mut bad = Vec::new();
    for level in [None, Some("junior"), Some("mid"), Some("senior")] {
        let extra: Vec<&'static str> = match level {
            Some(l) => vec!["--level", l],
            None => vec![],
        };
        let out = go(&args(&extra)).stdout;
        // Each report starts with the answer's path on a line of its own.
        let mut reports: std::collections::HashMap<&str, String> = Default::default();
        let mut current = None;
        for line in out.lines() {
            // The cohort summary after the last report (its level rows are the
            // fixtures' own `level:`).
            if line
                .split_once(" answers: ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            {
                current = None;
                continue;
            }
            if files.iter().any(|f| f == line) {
                current = other
                    .iter()
                    .find(|(s, _)| s == line)
                    .map(|(s, _)| s.as_str());
                continue;
            }
            if let Some(c) = current {
                let r = reports.entry(c).or_default();
                r.push_str(line);
                r.push('\n');
            }
        }
        for (source, text) in &other {
            let Some(r) = reports.get(source.as_str()) else {
                bad.push(format!("{source}: no report"));
                continue;
            };
            for n in SOFTWARE_NOTIONS {
                if uses(r, n) && !uses(text, n) {
                    bad.push(format!("{source} at {level:?}: `{n}`"));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} software notions:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// One answer from each of nine fields, with the field starlint reads from its words.
const BY_FIELD: [(&str, &str); 9] = [
    ("healthcare", "fixtures/stories/nursing-discharge-flow.md"),
    ("education", "fixtures/stories/teaching-year7-reading.md"),
    ("retail", "fixtures/stories/retail-stock-loss.md"),
    (
        "logistics",
        "fixtures/stories/logistics-rural-late-deliveries.md",
    ),
    (
        "hospitality",
        "fixtures/stories/hotel-wedding-overbooking.md",
    ),
    ("finance", "fixtures/stories/finance-duplicate-payments.md"),
    (
        "public-service",
        "fixtures/stories/council-repairs-backlog.md",
    ),
    (
        "manufacturing",
        "fixtures/stories/manufacturing-line3-scrap.md",
    ),
    ("software", "fixtures/stories/software-pricing-cache.md"),
];

/// The whole human report in each field: help, strong examples, the "For <LP> at
/// <level>" block, the Reflection guidance and the follow-ups all in that field's words
/// (reviewed snapshots), and with no level given it is named "mid-level".
#[test]
fn human_reports_in_nine_fields() {
    for (field, path) in BY_FIELD {
        assert_eq!(answer(&[path])["field"], field, "{path}");
        let r = run(&["check", "--color", "never", path], None);
        assert!(r.code == 0 || r.code == 1, "{path}: {}", r.stderr);
        insta::assert_snapshot!(format!("field__{field}"), r.stdout);
    }
    let r = run(
        &["check", "--color", "never", "--level", "mid", BY_FIELD[0].1],
        None,
    );
    assert!(r.stdout.contains("at mid-level"), "{}", r.stdout);
    assert!(!r.stdout.contains("SDE"), "{}", r.stdout);
}
