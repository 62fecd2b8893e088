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
