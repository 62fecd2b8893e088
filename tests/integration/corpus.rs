//! The corpus tripwire (Harper snapshots whole books): every fixture answer through the
//! whole pipeline, its report snapshotted as JSON. Any change in what fires on real
//! answers from any field, in a score, a verdict, a section or a probe, shows up here in
//! review, so a rule tuned for one answer cannot quietly change another.

use starlint::input::{Origin, Source};
use starlint::rubric::default_rubric;
use starlint::{check_answer, Context};

#[test]
fn every_fixture_answer() {
    let cx = Context::new(default_rubric().unwrap());
    let root = crate::common::root();
    insta::glob!(
        "../../fixtures",
        "{calibration,holdout,holdout2,seeds,stories}/*.md",
        |path| {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(path).unwrap();
            let src = Source::from_text(Origin(name), text).unwrap();
            let report = check_answer(&src, &cx);
            insta::assert_compact_json_snapshot!(report);
        }
    );
}

/// A placeholder left in what the reader sees ("A {which} answer for the level"), for every
/// corpus answer under its own LP and every fixture under its front matter's.
#[test]
fn no_report_shows_a_placeholder() {
    let cx = Context::new(default_rubric().unwrap());
    let root = crate::common::root();
    let index: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("fixtures/corpus/index.toml")).unwrap())
            .unwrap();
    let mut sources = Vec::new();
    for e in index["answer"].as_array().unwrap() {
        let file = e["file"].as_str().unwrap();
        let text = std::fs::read_to_string(root.join("fixtures/corpus").join(file)).unwrap();
        let lp = e["lp"].as_str().and_then(|l| l.parse().ok());
        sources.push(Source::with_meta(Origin(file.into()), text, lp, None).unwrap());
    }
    for dir in ["calibration", "holdout", "holdout2", "stories", "pairs"] {
        for entry in std::fs::read_dir(root.join("fixtures").join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "md" || x == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Ok(src) = Source::from_text(Origin(path.display().to_string()), text) {
                    sources.push(src);
                }
            }
        }
    }
    let placeholder = |s: &str| {
        s.match_indices('{').any(|(i, _)| {
            let rest = &s[i + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            !name.is_empty() && rest[name.len()..].starts_with('}')
        })
    };
    let mut bad = Vec::new();
    for src in &sources {
        let report = serde_json::to_value(check_answer(src, &cx)).unwrap();
        let mut texts = vec![report["bar_raiser"].as_str().unwrap_or("").to_string()];
        for f in report["findings"].as_array().into_iter().flatten() {
            for k in ["message", "help"] {
                texts.extend(f[k].as_str().map(str::to_string));
            }
        }
        bad.extend(
            texts
                .into_iter()
                .filter(|t| placeholder(t))
                .map(|t| format!("{}: {t}", src.origin.0)),
        );
    }
    assert!(sources.len() > 300, "{} sources", sources.len());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
