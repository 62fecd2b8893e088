//! Follow-up probes through the real binary: what a probe quotes back is the answer's own
//! words, whole.

use crate::common::{json, run};

/// The questions of the one answer read from standard input.
fn questions(answer: &str) -> Vec<String> {
    let out = run(
        &["check", "--format", "json", "--fail-under", "no_hire", "-"],
        Some(answer.as_bytes()),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    json(&out)["answers"][0]["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| p["question"].as_str().expect("question").to_string())
        .collect()
}

/// A contraction after "we" is quoted whole, with the words after it, whichever
/// apostrophe the candidate typed: not "You said “we couldn”".
#[test]
fn a_quoted_we_clause_keeps_its_contraction() {
    for apostrophe in ["'", "\u{2019}"] {
        let answer = format!(
            "Situation: Our warehouse shipped late orders every week.\n\n\
             Task: I had to get dispatch back on time.\n\n\
             Action: We couldn{apostrophe}t hire more pickers, so I mapped a new pick route \
             and trained the team on it for a month.\n\n\
             Result: Late orders fell from 40 a week to 12 within a month.\n"
        );
        let asked = questions(&answer);
        let quoted = format!("You said “We couldn{apostrophe}t hire more pickers”");
        assert!(
            asked.iter().any(|q| q.starts_with(&quoted)),
            "{quoted} not in {asked:#?}"
        );
    }
}
