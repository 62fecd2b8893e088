//! Per-rule fixtures, as ruff keeps them: `fixtures/rules/<rule-name>/` holds answers where
//! the rule fires (`fires-*.md`) and answers where it must not (`clean-*.md`), the clean
//! ones from many fields. Each is judged with that rule alone on (its front matter gives
//! the LP and level the rule needs), and its findings are snapshotted, so a change in what
//! a rule finds shows up in review (`cargo insta review`). A `fires-` answer must have a
//! finding and a `clean-` answer none, and every rule has at least one of each. A `credit`
//! rule never reports a finding: for it, "fires" means the answer earned its credit (the
//! evidence *for* is snapshotted instead).

use starlint::input::{Origin, Source};
use starlint::rubric::{default_rubric, CompiledRubric};
use starlint::{check_answer, Context};
use std::cell::RefCell;

fn rules_dir() -> std::path::PathBuf {
    crate::common::fixture("rules")
}

/// The findings of `rule` alone on the answer `text`, one per line, and how many; for a
/// `credit` rule, the credit it earned instead.
fn findings(cx: &mut Context, rule: usize, name: &str, text: String) -> (usize, String) {
    cx.selected = vec![false; cx.rubric.rules.len()];
    cx.selected[rule] = true;
    let src = Source::from_text(Origin(name.to_string()), text).unwrap();
    let report = check_answer(&src, cx);
    let quote = |start: u32, end: u32| -> String {
        src.text
            .get(start as usize..end as usize)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(80)
            .collect()
    };
    if cx.rubric.rules[rule].kind == starlint::rubric::Kind::Credit {
        let code = &cx.rubric.rules[rule].code;
        let mut out = String::new();
        let mut n = 0;
        for d in &report.dimensions {
            for e in &d.evidence {
                if e.rule.as_deref() == Some(code.as_str()) && e.points > 0.0 {
                    n += 1;
                    out.push_str(&format!(
                        "{}:{} credit {code} [{}] {:.3} “{}”\n",
                        e.span.line,
                        e.span.column,
                        d.name.id(),
                        e.points,
                        quote(e.span.start, e.span.end)
                    ));
                }
            }
        }
        if out.is_empty() {
            out.push_str("no credit\n");
        }
        return (n, out);
    }
    let mut out = String::new();
    for f in &report.findings {
        let quoted = quote(f.span.start, f.span.end);
        let section = f.section.map_or("answer", |s| s.id());
        out.push_str(&format!(
            "{}:{} {} {} {} [{section}] “{quoted}”\n    {}\n",
            f.span.line, f.span.column, f.severity, f.code, f.name, f.message
        ));
    }
    if out.is_empty() {
        out.push_str("no findings\n");
    }
    (report.findings.len(), out)
}

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_clean() {
    let rubric = default_rubric().unwrap();
    let mut problems = Vec::new();
    for rule in &rubric.rules {
        let dir = rules_dir().join(&rule.name);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for prefix in ["fires-", "clean-"] {
            if !names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".md"))
            {
                problems.push(format!("{}: no {prefix}*.md", dir.display()));
            }
        }
    }
    for entry in std::fs::read_dir(rules_dir()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if rubric.rules.iter().all(|r| r.name != name) {
            problems.push(format!("fixtures/rules/{name}: no rule of that name"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_fixtures() {
    let rubric: CompiledRubric = default_rubric().unwrap();
    let cx = RefCell::new(Context::new(rubric));
    insta::glob!("../../fixtures/rules", "*/*.md", |path| {
        let rule_name = path
            .parent()
            .and_then(std::path::Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap();
        let file = path.file_name().and_then(|n| n.to_str()).unwrap();
        let mut cx = cx.borrow_mut();
        let rule = cx
            .rubric
            .rules
            .iter()
            .position(|r| r.name == rule_name)
            .unwrap_or_else(|| panic!("fixtures/rules/{rule_name}: no rule of that name"));
        let text = std::fs::read_to_string(path).unwrap();
        let (n, rendered) = findings(&mut cx, rule, file, text);
        if file.starts_with("fires-") {
            assert!(n > 0, "{rule_name}/{file} should fire:\n{rendered}");
        } else if file.starts_with("clean-") {
            assert_eq!(n, 0, "{rule_name}/{file} should be clean:\n{rendered}");
        } else {
            panic!("{rule_name}/{file}: name it fires-*.md or clean-*.md");
        }
        insta::assert_snapshot!(rendered);
    });
}
