//! `starlint explain CODE|NAME`: one rule's documentation, readable on its own, as
//! `ruff rule` prints it: a title, the facts (section, severity and where it changes,
//! LPs, levels, caps), then the rubric's prose under fixed headings (*Why a Bar Raiser
//! cares*, *What they hear*, coaching, the common mistake, what to do instead, *Weak*,
//! *Strong*) and its *Source*: the seed line and where it sits in the rubric file.

use super::rules::weighting_lps;
use super::{error_line, load_rubric, unknown_rule, ExitStatus};
use crate::ids::{Level, Lp, Verdict};
use crate::render::human::wrap;
use crate::report::Severity;
use crate::rubric::{CompiledRubric, Rule};
use std::io::{self, Write};
use std::path::Path;

/// Prose width: comfortable to read, whatever the terminal.
const WIDTH: usize = 88;
/// Where the facts' values start.
const FACT: usize = 13;

/// A phrase with its "I" restored: the rubric lowercases phrases ("i was asked to").
fn with_capital_i(phrase: &str) -> String {
    let words: Vec<String> = phrase
        .split(' ')
        .map(|w| match w {
            "i" => "I".to_string(),
            _ if w.starts_with("i'") || w.starts_with("i’") => format!("I{}", &w[1..]),
            _ => w.to_string(),
        })
        .collect();
    words.join(" ")
}

/// A phrase as it would open a quoted sentence.
fn as_written(phrase: &str) -> String {
    let mut out = with_capital_i(phrase);
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + &out[1..];
    }
    out
}

/// A message or help template with its placeholders filled in as one finding would
/// have them: the rule's first phrase, its section, sample numbers.
fn example_text(r: &Rule, template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        let section = r.section.map_or("Task", |s| s.human());
        out.push_str(&match key {
            "match" | "capture" => r
                .phrases
                .first()
                .map_or_else(|| "…".to_string(), |p| as_written(p)),
            "section" | "missing" => section.to_string(),
            "level" => "SDE2".to_string(),
            "lp" => "Think Big".to_string(),
            "seconds" => "45".to_string(),
            "target" => "30".to_string(),
            "count" | "i_actions" => "2".to_string(),
            "min" => "6".to_string(),
            "extent" => "throughout".to_string(),
            "which" => "short".to_string(),
            _ => "…".to_string(),
        });
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// What the rule listens for, when it is a list of phrases (patterns stay in the rubric).
fn hears(r: &Rule) -> Option<String> {
    const SHOWN: usize = 8;
    if r.phrases.is_empty() {
        return None;
    }
    let mut list: Vec<String> = r
        .phrases
        .iter()
        .take(SHOWN)
        .map(|p| format!("“{}”", with_capital_i(p)))
        .collect();
    if r.phrases.len() > SHOWN {
        list.push(format!("and {} more", r.phrases.len() - SHOWN));
    }
    Some(list.join(" · "))
}

fn fact(o: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    let prefix = format!("{:<FACT$}", format!("{label}:"));
    writeln!(o, "{}", wrap(value, WIDTH, &prefix, FACT))
}

fn heading(o: &mut dyn Write, title: &str, body: &str) -> io::Result<()> {
    let body = body.trim();
    if body.is_empty() {
        return Ok(());
    }
    writeln!(o)?;
    writeln!(o, "## {title}")?;
    for para in body.split("\n\n") {
        writeln!(o, "{}", wrap(para, WIDTH, "", 0))?;
    }
    Ok(())
}

fn examples(o: &mut dyn Write, title: &str, list: &[String]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(o)?;
    writeln!(o, "## {title}")?;
    for e in list {
        for (i, line) in e.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let first = if i == 0 { "  > " } else { "    " };
            writeln!(o, "{}", wrap(line, WIDTH, first, 4))?;
        }
    }
    Ok(())
}

fn severity_name(s: Option<Severity>) -> &'static str {
    s.map_or("off", Severity::id)
}

/// "warning; error for Think Big; off at SDE1": the rule's severity and every LP or level
/// that changes it.
fn severities(rubric: &CompiledRubric, r: &Rule) -> String {
    let mut parts = vec![r.severity.id().to_string()];
    let mut by: Vec<(Option<Severity>, String)> = Vec::new();
    for p in &rubric.lps {
        if let Some((_, s)) = p.severity.iter().find(|(id, _)| *id == r.id) {
            by.push((*s, format!("for {}", p.lp.human())));
        }
    }
    for l in &rubric.levels {
        if l.off.contains(&r.id) {
            by.push((None, format!("at {}", l.level.human())));
        } else if let Some((_, s)) = l.severity.iter().find(|(id, _)| *id == r.id) {
            by.push((*s, format!("at {}", l.level.human())));
        }
    }
    for s in [
        Some(Severity::Error),
        Some(Severity::Warning),
        Some(Severity::Info),
        None,
    ] {
        let who: Vec<&str> = by
            .iter()
            .filter(|(x, _)| *x == s)
            .map(|(_, w)| w.as_str())
            .collect();
        if !who.is_empty() {
            parts.push(format!("{} {}", severity_name(s), who.join(", ")));
        }
    }
    parts.join("; ")
}

/// The verdict caps the rule imposes: as a disqualifier of some LPs, or for every LP.
fn caps(rubric: &CompiledRubric, r: &Rule) -> Option<String> {
    let mut parts = Vec::new();
    let lps: Vec<&str> = rubric
        .lps
        .iter()
        .filter(|p| p.disqualifiers.contains(&r.id))
        .map(|p| p.lp.human())
        .collect();
    if !lps.is_empty() {
        let v = r.cap.unwrap_or(Verdict::LeaningNoHire);
        parts.push(format!("{} at best for {}", v.human(), lps.join(" · ")));
    }
    if let Some(v) = r.ceiling {
        parts.push(format!("{} at best for any LP", v.human()));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `starlint explain CODE|NAME`.
pub fn run(key: &str, rubric: Option<&Path>) -> io::Result<ExitStatus> {
    let Some(rubric) = load_rubric(rubric) else {
        return Ok(ExitStatus::Error);
    };
    let Some(r) = rubric.rule(key) else {
        error_line(&unknown_rule(key, None, &rubric, false));
        return Ok(ExitStatus::Error);
    };
    let mut o = io::stdout().lock();
    writeln!(o, "# {} ({})", r.name, r.code)?;
    writeln!(o)?;
    writeln!(
        o,
        "{}",
        wrap(
            &format!("For example: {}", example_text(r, &r.message)),
            WIDTH,
            "",
            0
        )
    )?;
    writeln!(o)?;
    fact(
        &mut o,
        "Section",
        r.section.map_or("the whole answer", |s| s.human()),
    )?;
    fact(&mut o, "Severity", &severities(&rubric, r))?;
    let lps: Vec<&str> = weighting_lps(&rubric, r)
        .iter()
        .map(|l| l.human())
        .collect();
    let lp_text = match &r.only_lps {
        Some(only) => format!(
            "only for {}",
            only.iter()
                .map(|l| l.human())
                .collect::<Vec<_>>()
                .join(" · ")
        ),
        None if lps.is_empty() => "all, none weighting it more".to_string(),
        None if lps.len() * 2 > Lp::ALL.len() => {
            let rest: Vec<&str> = Lp::ALL
                .iter()
                .filter(|l| **l != Lp::General && !weighting_lps(&rubric, r).contains(l))
                .map(|l| l.human())
                .collect();
            if rest.is_empty() {
                "all, every one weighting it more".to_string()
            } else {
                format!("all; every LP weights it more except {}", rest.join(" · "))
            }
        }
        None => format!("all; weighted up by {}", lps.join(" · ")),
    };
    fact(&mut o, "LPs", &lp_text)?;
    let levels: Vec<&str> = r.only_levels.as_ref().map_or_else(
        || Level::ALL.iter().map(|l| l.human()).collect(),
        |l| l.iter().map(|x| x.human()).collect(),
    );
    fact(&mut o, "Levels", &levels.join(" · "))?;
    if let Some(c) = caps(&rubric, r) {
        fact(&mut o, "Caps", &c)?;
    }
    if let Some(h) = hears(r) {
        fact(&mut o, "Listens for", &h)?;
    }
    heading(&mut o, "Why a Bar Raiser cares", &r.why)?;
    heading(&mut o, "What they hear", &r.hears)?;
    heading(&mut o, "Coaching", &r.coaching)?;
    heading(&mut o, "Common mistake", &r.mistake)?;
    heading(&mut o, "Do instead", &example_text(r, &r.help))?;
    examples(&mut o, "Weak", &r.weak)?;
    examples(&mut o, "Strong", &r.strong)?;
    writeln!(o)?;
    writeln!(o, "## Source")?;
    let pages: Vec<String> = cited_seeds(&r.source)
        .into_iter()
        .filter_map(|n| {
            let title = rubric.seeds.get(&n)?;
            Some(format!("seed {n}: “{title}”"))
        })
        .collect();
    for (i, page) in pages.iter().enumerate() {
        let prefix = if i == 0 {
            format!("{:<FACT$}", "Seed pages:")
        } else {
            " ".repeat(FACT)
        };
        writeln!(o, "{}", wrap(page, WIDTH, &prefix, FACT))?;
    }
    if !r.source.trim().is_empty() {
        fact(&mut o, "Lines", &r.source)?;
    }
    fact(
        &mut o,
        "Rubric",
        &format!("{} (see `starlint rubric dump`)", r.defined_at),
    )?;
    Ok(ExitStatus::Success)
}

/// The seed numbers a rule's source line cites, in order: "seed 001", "seeds 000-004",
/// "seeds 002, 004", "seeds 001 and 003".
fn cited_seeds(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '\''))
        .filter(|w| !w.is_empty())
        .collect();
    fn number(w: &str) -> Option<&str> {
        (w.len() == 3 && w.bytes().all(|b| b.is_ascii_digit())).then_some(w)
    }
    let mut i = 0;
    while i < words.len() {
        if words[i].eq_ignore_ascii_case("seed") || words[i].eq_ignore_ascii_case("seeds") {
            i += 1;
            while i < words.len() {
                let w = words[i];
                if let Some((a, b)) = w.split_once(['-', '–']) {
                    if let (Some(a), Some(b)) = (number(a), number(b)) {
                        let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                        out.extend((a..=b.min(a + 20)).map(|n| format!("{n:03}")));
                        i += 1;
                        continue;
                    }
                }
                if let Some(n) = number(w) {
                    out.push(n.to_string());
                } else if w != "and" {
                    break;
                }
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    let mut seen = Vec::new();
    out.retain(|n| {
        let new = !seen.contains(n);
        seen.push(n.clone());
        new
    });
    out
}

#[cfg(test)]
mod tests {
    use super::cited_seeds;

    #[test]
    fn seed_numbers_are_read_from_a_source_line() {
        assert_eq!(cited_seeds("seed 001 critique: 'x'"), ["001"]);
        assert_eq!(
            cited_seeds("seeds 000-004 probe weak reply; seed 001 critique"),
            ["000", "001", "002", "003", "004"]
        );
        assert_eq!(cited_seeds("(seeds 002, 004)"), ["002", "004"]);
        assert_eq!(cited_seeds("seeds 001 and 003: 'a'"), ["001", "003"]);
        assert_eq!(
            cited_seeds("Leadership IQ study of 20,572 answers"),
            Vec::<String>::new()
        );
    }
}
