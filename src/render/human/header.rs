//! The top of a human report: the verdict in a frame (the one thing a candidate must see
//! first), the question, "Bar Raiser thinks", and what this LP's interviewer at this level
//! listens for, so that `--lp` and `--level` visibly change the advice.

use super::style::{self, Paint};
use super::text::{one_line, without_citation, wrap, wrap_lines};
use crate::field::Field;
use crate::ids::Verdict;
use crate::report::AnswerReport;
use crate::rubric::wording::{LevelWording, LpWording, Wording};
use crate::rubric::CompiledRubric;
use std::io::{self, Write};

/// The score needed for the next verdict up, or what holds the verdict down.
fn next_step(r: &AnswerReport, rubric: &CompiledRubric) -> Option<String> {
    let v = r.verdict?;
    if let Some(rule) = &r.capped_by {
        return Some(format!("capped by {rule}"));
    }
    // Below Hire, the bar that matters is Hire (not the next band up).
    let (next, at) = match v {
        Verdict::NoHire | Verdict::LeaningNoHire => (Verdict::Hire, rubric.bands.hire),
        Verdict::Hire => (Verdict::StrongHire, rubric.bands.strong_hire),
        Verdict::StrongHire => return None,
    };
    Some(format!("{} from {at:.0}", next.human()))
}

/// The verdict frame:
///
/// ```text
/// ╭───────────────────────────────────────────╮
/// │  LEANING NO HIRE   62/100 · Hire from 70  │
/// │  for Think Big at SDE2                    │
/// ╰───────────────────────────────────────────╯
/// ```
pub fn verdict(
    w: &mut dyn Write,
    p: Paint,
    r: &AnswerReport,
    rubric: &CompiledRubric,
    width: usize,
) -> io::Result<()> {
    let name = r.verdict.map_or("No verdict", |v| v.human()).to_uppercase();
    let mut first = vec![name.clone()];
    // `first[0]` is the name; the rest follow it after a wider gap.
    if let Some(s) = r.score {
        first.push(format!("{s}/100"));
    }
    if let Some(n) = next_step(r, rubric) {
        first.push(n);
    }
    let tail = first[1..].join(" · ");
    let inner = width.saturating_sub(6).max(20);
    // Rows of the frame; the first starts with the verdict's name. Wrapped only when the
    // terminal is too narrow for a row (wrapping would collapse the spacing).
    let mut rows: Vec<String> = Vec::new();
    let head = if tail.is_empty() {
        name.clone()
    } else {
        format!("{name}   {tail}")
    };
    let lens = format!("for {} at {}", r.lp.human(), r.level_name);
    for row in [head, lens] {
        if row.chars().count() <= inner {
            rows.push(row);
        } else {
            rows.extend(wrap_lines(&row, inner, "", 2));
        }
    }
    let box_inner = rows.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let frame = style::frame(r.verdict);
    let rule = "─".repeat(box_inner + 4);
    writeln!(w, "{}", p.paint(frame, &format!("╭{rule}╮")))?;
    for (i, line) in rows.iter().enumerate() {
        let pad = " ".repeat(box_inner - line.chars().count());
        let body = match line.strip_prefix(&name) {
            Some(rest) if i == 0 => format!("{}{rest}", p.paint(style::verdict(r.verdict), &name)),
            _ => line.clone(),
        };
        writeln!(
            w,
            "{}  {body}{pad}  {}",
            p.paint(frame, "│"),
            p.paint(frame, "│")
        )?;
    }
    writeln!(w, "{}", p.paint(frame, &format!("╰{rule}╯")))?;
    Ok(())
}

/// The question (from front matter) and "Bar Raiser thinks: …".
pub fn summary(w: &mut dyn Write, p: Paint, r: &AnswerReport, width: usize) -> io::Result<()> {
    if let Some(q) = &r.question {
        writeln!(w, "{}", wrap(q, width, "Question: ", 10))?;
    }
    if let Some(b) = &r.bar_raiser {
        writeln!(w)?;
        let text = wrap(b, width, "Bar Raiser thinks: ", 2);
        let rest = text.strip_prefix("Bar Raiser thinks:").unwrap_or(&text);
        writeln!(w, "{}{rest}", p.paint(style::BOLD, "Bar Raiser thinks:"))?;
    }
    Ok(())
}

/// "For Think Big at Senior": the LP profile's advice, emphasis and what to play down,
/// and the level's expectations and bar. (The level's Reflection guidance goes with the
/// Reflection's findings.)
pub fn lens(
    w: &mut dyn Write,
    p: Paint,
    r: &AnswerReport,
    rubric: &CompiledRubric,
    width: usize,
) -> io::Result<()> {
    let lp = rubric.lp(r.lp);
    let level = rubric.level(r.level);
    // In the candidate's field's words where the wording has them, else the rubric's.
    let field = r.field.unwrap_or(Field::GENERAL);
    let wording = Wording::get();
    let lp_own = wording.lp(r.lp, field);
    let level_own = wording.level(r.level, field);
    let lp_text = |own: fn(&LpWording) -> &Option<String>, rubric: &str| {
        without_citation(lp_own.and_then(|w| own(w).as_deref()).unwrap_or(rubric))
    };
    let level_text = |own: fn(&LevelWording) -> &Option<String>, rubric: &str| {
        without_citation(level_own.and_then(|w| own(w).as_deref()).unwrap_or(rubric))
    };
    let level_name = r.level_name;
    let bar_label = format!("{} bar", capitalised(level_name));
    let mut rows: Vec<(&str, String)> = vec![
        ("Lead with", lp_text(|w| &w.advice, &lp.advice)),
        ("Emphasize", lp_text(|w| &w.emphasize, &lp.emphasize)),
        ("Downplay", lp_text(|w| &w.downplay, &lp.downplay)),
        ("Expected", level_text(|w| &w.expects, &level.expects)),
        (&bar_label, level_text(|w| &w.bar, &level.bar)),
    ];
    rows.retain(|(_, text)| !text.trim().is_empty());
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    let title = if r.lp == crate::ids::Lp::General {
        format!("For {level_name} (no LP given):")
    } else {
        format!("For {} at {level_name}:", r.lp.human())
    };
    writeln!(w, "{}", p.paint(style::BOLD, &wrap(&title, width, "", 2)))?;
    let label_width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let indent = label_width + 4;
    for (label, text) in &rows {
        let prefix = format!("  {label:<label_width$}  ");
        let text = wrap(&one_line(text), width, &prefix, indent);
        let rest = text.get(prefix.len()..).unwrap_or("");
        writeln!(
            w,
            "  {}  {rest}",
            p.paint(style::DIM, &format!("{label:<label_width$}"))
        )?;
    }
    Ok(())
}

/// "mid-level" as a row label: "Mid-level".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
