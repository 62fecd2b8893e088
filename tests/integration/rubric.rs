//! The worked overlay of the coach's guide (`docs/rubric.md`) does what the guide says: it
//! passes `rubric check`, and with `check --rubric` the guide's answer gets the findings the
//! guide promises, which the built-in rubric alone does not report.

use crate::common::{root, run_in};
use serde_json::Value;

/// The code block right after the line `<!-- test: {what}` in the guide.
fn block(doc: &str, what: &str) -> String {
    let marker = format!("<!-- test: {what}");
    let at = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("no `{marker}` in the guide"));
    let fence = at
        + doc[at..]
            .find("```")
            .expect("a code block after the marker");
    let body = fence + doc[fence..].find('\n').expect("a fence line") + 1;
    let end = body + doc[body..].find("\n```").expect("the block closes");
    doc[body..=end].to_string()
}

/// The (code, name, matched text) of every finding in a `check --format json` report.
fn findings(stdout: &str, text: &str) -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_str(stdout).unwrap();
    doc["answers"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let start = f["span"]["start"].as_u64().unwrap() as usize;
            let end = f["span"]["end"].as_u64().unwrap() as usize;
            (
                f["code"].as_str().unwrap().to_string(),
                f["name"].as_str().unwrap().to_string(),
                text[start..end].to_string(),
            )
        })
        .collect()
}

#[test]
fn the_guides_worked_overlay_does_what_the_guide_says() {
    let guide = std::fs::read_to_string(root().join("docs/rubric.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let overlay = block(&guide, "overlay");
    let answer = block(&guide, "answer");
    std::fs::write(dir.path().join("coach.toml"), &overlay).unwrap();
    std::fs::write(dir.path().join("answer.md"), &answer).unwrap();

    let checked = run_in(dir.path(), &["rubric", "check", "coach.toml"], None);
    assert_eq!(checked.code, 0, "{checked:?}");
    assert!(
        checked.stdout.starts_with("coach.toml: ok ("),
        "{checked:?}"
    );
    assert!(guide.contains("answers `coach.toml: ok`"));

    let json = ["--format", "json", "--fail-under", "no_hire", "answer.md"];
    let with = run_in(
        dir.path(),
        &[&["check", "--rubric", "coach.toml"], &json[..]].concat(),
        None,
    );
    assert_eq!(with.code, 0, "{with:?}");
    let with = findings(&with.stdout, &answer);
    let without = run_in(dir.path(), &[&["check"], &json[..]].concat(), None);
    let without = findings(&without.stdout, &answer);
    for (code, name, words) in [
        ("A101", "hedged-action", "I tried to"),
        ("A001", "we-language", "The night team"),
    ] {
        let f = (code.to_string(), name.to_string(), words.to_string());
        assert!(with.contains(&f), "{f:?} not in {with:?}");
        assert!(!without.contains(&f), "{f:?} already without the overlay");
        assert!(guide.contains(&format!("`{code} {name}` finding")));
    }
}
