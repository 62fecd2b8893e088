//! The seed-line table: every labelled line of the seed pages (strong examples, common
//! mistakes, weak and strong probe replies, weak answers) as a case in
//! `fixtures/seed-lines.toml`. A "fires" line must trigger every rule it illustrates; a
//! "clean" line must trigger none of the rules it is a counter-example for. Each line is
//! judged as the whole of its section (or the whole answer), as `check_snippet` does.

use serde::Deserialize;
use starlint::ids::{Level, Lp, SectionKind};
use starlint::rubric::default_rubric;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    line: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    seed: String,
    label: String,
    text: String,
    section: Option<String>,
    rules: Vec<String>,
    expect: String,
    level: Option<String>,
    lp: Option<String>,
}

#[test]
fn every_seed_line_behaves_as_labelled() {
    let raw = std::fs::read_to_string(crate::common::fixture("seed-lines.toml")).unwrap();
    let table: Table = toml::from_str(&raw).unwrap();
    let rubric = default_rubric().unwrap();
    let mut failures = Vec::new();
    for case in &table.line {
        for r in &case.rules {
            assert!(
                rubric.rule(r).is_some(),
                "{}: unknown rule `{r}`",
                case.label
            );
        }
        let section: Option<SectionKind> = case.section.as_deref().map(|s| s.parse().unwrap());
        let lp: Lp = case
            .lp
            .as_deref()
            .map_or(Lp::General, |s| s.parse().unwrap());
        let level: Level = case
            .level
            .as_deref()
            .map_or(Level::Sde2, |s| s.parse().unwrap());
        let fired = starlint::check_snippet(&case.text, section, lp, level, &rubric);
        let wrong: Vec<&String> = match case.expect.as_str() {
            "fires" => case.rules.iter().filter(|r| !fired.contains(r)).collect(),
            "clean" => case.rules.iter().filter(|r| fired.contains(r)).collect(),
            other => panic!("{}: expect must be fires or clean, not {other}", case.label),
        };
        if !wrong.is_empty() {
            failures.push(format!(
                "{} [{}] expect {} but {:?}: {}\n    fired: {:?}",
                case.seed, case.label, case.expect, wrong, case.text, fired
            ));
        }
    }
    let total = table.line.len();
    eprintln!(
        "seed-line table: {}/{} cases pass",
        total - failures.len(),
        total
    );
    assert!(
        failures.is_empty(),
        "{} of {total} seed lines misbehave:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
