//! `rules`, `rubric dump` and `rubric check` (`explain` has its own file).

use super::args::ListFormat;
use super::{error_line, load_rubric, read_rubric, ExitStatus};
use crate::ids::{Level, Lp};
use crate::rubric::{CompiledRubric, Rule, DEFAULT_RUBRIC};
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// An LP profile weight at or above this marks a dimension the LP emphasises.
const EMPHASIS: f64 = 1.5;

/// The LPs that weight a rule: those it is specific to, those for which it is a
/// disqualifier, those that raise its severity, and those that emphasise its dimension.
pub fn weighting_lps(rubric: &CompiledRubric, rule: &Rule) -> Vec<Lp> {
    if let Some(only) = &rule.only_lps {
        return only.clone();
    }
    let mut v: Vec<Lp> = rule.lps.clone();
    for p in &rubric.lps {
        let raised = p
            .severity
            .iter()
            .any(|(id, sev)| *id == rule.id && sev.is_some_and(|s| s > rule.severity));
        if p.disqualifiers.contains(&rule.id) || raised || p.weight(rule.dimension) >= EMPHASIS {
            v.push(p.lp);
        }
    }
    v.sort();
    v.dedup();
    v.retain(|l| *l != Lp::General);
    v
}

#[derive(Serialize)]
struct RuleOut<'a> {
    code: &'a str,
    name: &'a str,
    section: Option<&'static str>,
    severity: &'static str,
    kind: &'static str,
    dimension: &'static str,
    lps: Vec<&'static str>,
    levels: Vec<&'static str>,
    message: &'a str,
    help: &'a str,
    why: &'a str,
    hears: &'a str,
    weak: &'a [String],
    strong: &'a [String],
    source: &'a str,
}

fn rule_out<'a>(rubric: &CompiledRubric, r: &'a Rule) -> RuleOut<'a> {
    RuleOut {
        code: &r.code,
        name: &r.name,
        section: r.section.map(|s| s.id()),
        severity: r.severity.id(),
        kind: r.kind.id(),
        dimension: r.dimension.id(),
        lps: weighting_lps(rubric, r).iter().map(|l| l.id()).collect(),
        levels: r.only_levels.as_ref().map_or_else(
            || Level::ALL.iter().map(|l| l.id()).collect(),
            |l| l.iter().map(|x| x.id()).collect(),
        ),
        message: &r.message,
        help: &r.help,
        why: &r.why,
        hears: &r.hears,
        weak: &r.weak,
        strong: &r.strong,
        source: &r.source,
    }
}

/// `starlint rules --format json` (and `GET /api/rules`).
pub(crate) fn write_json(out: &mut dyn Write, rubric: &CompiledRubric) -> io::Result<()> {
    let v: Vec<RuleOut> = by_code(rubric)
        .into_iter()
        .map(|r| rule_out(rubric, r))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &v).map_err(io::Error::other)?;
    writeln!(out)
}

/// `starlint rules`.
pub fn list(format: ListFormat, rubric: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rubric) = load_rubric(rubric) else {
        return Ok(ExitStatus::Error);
    };
    let mut out = io::stdout().lock();
    match format {
        ListFormat::Json => write_json(&mut out, &rubric)?,
        ListFormat::Human => {
            writeln!(
                out,
                "{:<5} {:<32} {:<11} {:<8} LPs that weight it",
                "code", "name", "section", "severity"
            )?;
            for r in by_code(&rubric) {
                let lps: Vec<&str> = weighting_lps(&rubric, r).iter().map(|l| l.id()).collect();
                let levels = r.only_levels.as_ref().map(|l| {
                    format!(
                        " [{}]",
                        l.iter().map(|x| x.id()).collect::<Vec<_>>().join(",")
                    )
                });
                writeln!(
                    out,
                    "{:<5} {:<32} {:<11} {:<8} {}{}",
                    r.code,
                    r.name,
                    r.section.map_or("answer", |s| s.id()),
                    r.severity.id(),
                    lp_list(&lps),
                    levels.unwrap_or_default()
                )?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// Rules in code order, grouped as ruff groups its prefixes: whole answer (G), then the
/// sections in STAR order (S, T, A, R, L).
fn by_code(rubric: &CompiledRubric) -> Vec<&Rule> {
    let group = |code: &str| {
        "GSTARL"
            .find(code.chars().next().unwrap_or('Z'))
            .unwrap_or(9)
    };
    let mut rules: Vec<&Rule> = rubric.rules.iter().collect();
    rules.sort_by(|a, b| (group(&a.code), &a.code).cmp(&(group(&b.code), &b.code)));
    rules
}

/// The LPs column: "all" when every LP weights the rule, "-" when none weights it above
/// the others.
fn lp_list(lps: &[&str]) -> String {
    if lps.len() + 1 >= Lp::ALL.len() {
        "all".to_string()
    } else if lps.is_empty() {
        "-".to_string()
    } else {
        lps.join(", ")
    }
}

/// `starlint rubric dump`.
pub fn dump() -> io::Result<ExitStatus> {
    io::stdout().lock().write_all(DEFAULT_RUBRIC.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// `starlint rubric check FILE`.
pub fn check_file(path: &Path) -> io::Result<ExitStatus> {
    let source = match read_rubric(path) {
        Ok(s) => s,
        Err(e) => {
            error_line(&e);
            return Ok(ExitStatus::Error);
        }
    };
    let rubric = match crate::rubric::build(Some(source)) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors.0 {
                error_line(&e.to_string());
            }
            return Ok(ExitStatus::Error);
        }
    };
    let problems = crate::examples::example_problems(&rubric);
    for p in &problems {
        error_line(&format!("{}: {p}", path.display()));
    }
    if !problems.is_empty() {
        return Ok(ExitStatus::Error);
    }
    writeln!(
        io::stdout().lock(),
        "{}: ok ({} rules)",
        path.display(),
        rubric.rules.len()
    )?;
    Ok(ExitStatus::Success)
}
