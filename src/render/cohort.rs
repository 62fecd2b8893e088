//! The cohort summary at the end of a human-format batch: what a coach reads after scoring
//! a class's practice answers. Answers per verdict, mean and median score, how many answers
//! each rule fired on (most common first: "what does this cohort keep getting wrong"), the
//! weakest answers with their costliest finding, and the inputs that could not be read.

use crate::report::Summary;
use std::io::{self, Write};

/// Rules listed in the tally.
const TOP_RULES: usize = 8;

/// Write the summary; `width` bounds the rule bars and the separator.
pub fn write_cohort(w: &mut dyn Write, s: &Summary, width: usize) -> io::Result<()> {
    let v = &s.by_verdict;
    let scored = s.answers - s.errors;
    writeln!(w)?;
    writeln!(w, "{}", "═".repeat(width.min(80)))?;
    let totals = format!(
        "{} answers: {} Strong Hire, {} Hire, {} Leaning No Hire, {} No Hire, {} {}",
        s.answers,
        v.strong_hire,
        v.hire,
        v.leaning_no_hire,
        v.no_hire,
        s.errors,
        if s.errors == 1 { "error" } else { "errors" }
    );
    writeln!(w, "{}", super::human::wrap(&totals, width, "", 2))?;
    if let (Some(mean), Some(median)) = (s.mean_score, s.median_score) {
        writeln!(w, "Score: mean {mean:.1}, median {median:.0}")?;
    }
    if scored > 0 && !s.by_rule.is_empty() {
        let mut tally: Vec<(&String, &usize)> = s.by_rule.iter().collect();
        tally.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(w)?;
        writeln!(w, "Most common findings (answers affected):")?;
        let name_width = tally
            .iter()
            .take(TOP_RULES)
            .map(|(n, _)| n.len())
            .max()
            .unwrap_or(0);
        // Name, count and bar fit the width; a narrow terminal gets no bar.
        let bar_room = match width.saturating_sub(name_width + 12).min(30) {
            room @ 5.. => room,
            _ => 0,
        };
        for (name, n) in tally.iter().take(TOP_RULES) {
            let filled = (**n * bar_room).div_ceil(scored.max(1)).min(bar_room);
            let line = format!(
                "  {name:<name_width$}  {:>5}  {}",
                format!("{n}/{scored}"),
                "█".repeat(filled)
            );
            writeln!(w, "{}", line.trim_end())?;
        }
    }
    if s.weakest.len() > 1 && scored > 1 {
        writeln!(w)?;
        writeln!(w, "Weakest answers:")?;
        for a in &s.weakest {
            writeln!(
                w,
                "  {:>3}  {:<16} {}",
                a.score,
                a.verdict.human(),
                a.source
            )?;
            if let Some(top) = &a.top {
                let line: String = top.chars().take(width.saturating_sub(8).max(20)).collect();
                writeln!(w, "       {line}")?;
            }
        }
    }
    if !s.failed.is_empty() {
        writeln!(w)?;
        writeln!(w, "Could not read:")?;
        for (source, why) in &s.failed {
            writeln!(w, "  {source}: {why}")?;
        }
        if s.errors > s.failed.len() {
            writeln!(w, "  … and {} more", s.errors - s.failed.len())?;
        }
    }
    Ok(())
}
