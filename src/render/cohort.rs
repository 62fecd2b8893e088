//! The cohort summary in text: what a coach reads after scoring a class's practice answers,
//! at the end of a human-format batch, alone with `--summary`, and on standard error after a
//! machine-format batch run on a terminal.
//!
//! Answers per verdict; mean and median score; the score distribution in ten bins; the
//! verdicts broken down by Leadership Principle and by level (every breakdown of
//! [`Cohort`](crate::report::cohort::Cohort), so a new one shows here by itself); how many
//! answers each rule fired on, most common first ("what does this cohort keep getting
//! wrong"); the weakest answers with their costliest finding, wrapped whole to the width
//! (a hint is never cut mid-word); and the inputs that could not be read.

use super::human::{wrap, wrap_items};
use crate::ids::Verdict;
use crate::report::cohort::{Breakdown, Cohort};
use crate::report::Summary;
use std::io::{self, Write};

/// Rules listed in the tally.
const TOP_RULES: usize = 8;

/// Bins of the score histogram (ten points each; the last holds 90-100).
const BINS: usize = 10;

/// A blank line and a double rule: what sets the summary apart after reports.
pub fn write_separator(w: &mut dyn Write, width: usize) -> io::Result<()> {
    writeln!(w)?;
    writeln!(w, "{}", "═".repeat(width.clamp(40, 80)))
}

/// Write the summary; `width` bounds every line (prose wraps, bars shrink).
pub fn write_cohort(w: &mut dyn Write, s: &Summary, width: usize) -> io::Result<()> {
    let width = width.max(40);
    let v = &s.by_verdict;
    let scored = s.answers - s.errors;
    let counts = format!(
        "{} answers: {} Strong Hire, {} Hire, {} Leaning No Hire, {} No Hire, {} {}",
        s.answers,
        v.strong_hire,
        v.hire,
        v.leaning_no_hire,
        v.no_hire,
        s.errors,
        if s.errors == 1 { "error" } else { "errors" }
    );
    writeln!(w, "{}", wrap(&counts, width, "", 2))?;
    if let (Some(mean), Some(median)) = (s.mean_score, s.median_score) {
        writeln!(w, "Score: mean {mean:.1}, median {median:.0}")?;
    }
    if scored > 0 {
        histogram(w, &s.cohort, width)?;
        for b in &s.cohort.breakdowns {
            breakdown(w, b, width)?;
        }
    }
    if scored > 0 && !s.cohort.rules.is_empty() {
        rules(w, &s.cohort, scored, width)?;
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
                writeln!(w, "{}", wrap(top, width, "       ", 9))?;
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

/// A bar of `n` out of `max` in `room` cells: at least one cell for anything above zero.
fn bar(n: u64, max: u64, room: usize) -> String {
    if n == 0 || max == 0 || room == 0 {
        return String::new();
    }
    let cells = (n * room as u64).div_ceil(max).clamp(1, room as u64);
    "█".repeat(usize::try_from(cells).unwrap_or(room))
}

fn histogram(w: &mut dyn Write, c: &Cohort, width: usize) -> io::Result<()> {
    let bins = c.histogram(BINS);
    let max = bins.iter().copied().max().unwrap_or(0);
    let count_width = max.max(1).ilog10() as usize + 1;
    let room = width.saturating_sub(12 + count_width).clamp(5, 40);
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        wrap("Score distribution (answers per ten points):", width, "", 2)
    )?;
    for (i, &n) in bins.iter().enumerate() {
        let (from, to) = Cohort::bin_range(i, BINS);
        let range = format!("{from}–{to}");
        let line = format!("  {range:>6}  {n:>count_width$}  {}", bar(n, max, room));
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The numeric columns of a breakdown table, and their width.
const COLUMNS: &str = "  answers   mean   strong  hire  leaning  no hire";
/// The extra column when some answers could not be read.
const ERRORS_COLUMN: &str = "  errors";
/// The narrowest label column a table is drawn with; below it, one sentence per group.
const MIN_LABEL: usize = 20;

/// One breakdown: per group, its answers, mean score and verdicts. A table when the width
/// allows one (a label too long for its column wraps onto the next lines, whole words),
/// else one wrapped sentence per group.
fn breakdown(w: &mut dyn Write, b: &Breakdown, width: usize) -> io::Result<()> {
    let errors = b.groups.iter().any(|g| g.errors > 0);
    let title = format!("By {}", b.title);
    let numbers = COLUMNS.len() + if errors { ERRORS_COLUMN.len() } else { 0 };
    let longest = b
        .groups
        .iter()
        .map(|g| g.label.chars().count() + 2)
        .max()
        .unwrap_or(0)
        .max(title.chars().count());
    let room = width.saturating_sub(numbers);
    let label_width = longest.min(room);
    writeln!(w)?;
    if room < longest.min(MIN_LABEL.max(title.chars().count())) {
        writeln!(w, "{title}:")?;
        for g in &b.groups {
            let mean = g
                .mean_score()
                .map_or_else(String::new, |m| format!(", mean {m:.1}"));
            let by = &g.by_verdict;
            // Each count stays whole on its line ("1 Leaning No Hire").
            let mut items = vec![
                format!("{}:", g.label),
                format!(
                    "{} {}{mean};",
                    g.answers,
                    if g.answers == 1 { "answer" } else { "answers" }
                ),
            ];
            let verdicts = [
                (Verdict::StrongHire, "Strong Hire"),
                (Verdict::Hire, "Hire"),
                (Verdict::LeaningNoHire, "Leaning No Hire"),
                (Verdict::NoHire, "No Hire"),
            ];
            for (v, name) in verdicts {
                items.push(format!("{} {name},", by.get(v)));
            }
            if errors {
                items.push(format!("{} could not be read", g.errors));
            }
            if let Some(last) = items.last_mut() {
                if let Some(trimmed) = last.strip_suffix(',') {
                    *last = trimmed.to_string();
                }
            }
            writeln!(w, "{}", wrap_items(&items, width, "  ", 4, " "))?;
        }
        return Ok(());
    }
    let mut header = format!("{title:<label_width$}{COLUMNS}");
    if errors {
        header.push_str(ERRORS_COLUMN);
    }
    writeln!(w, "{header}")?;
    for g in &b.groups {
        let label = wrap(&g.label, label_width, "  ", 4);
        let mut labels = label.lines();
        let first = labels.next().unwrap_or("");
        let mean = g
            .mean_score()
            .map_or_else(|| "–".to_string(), |m| format!("{m:.1}"));
        let by = &g.by_verdict;
        let mut line = format!(
            "{first:<label_width$}  {:>7}  {mean:>5}  {:>7}  {:>4}  {:>7}  {:>7}",
            g.answers,
            by.get(Verdict::StrongHire),
            by.get(Verdict::Hire),
            by.get(Verdict::LeaningNoHire),
            by.get(Verdict::NoHire),
        );
        if errors {
            line.push_str(&format!("  {:>6}", g.errors));
        }
        writeln!(w, "{line}")?;
        for more in labels {
            writeln!(w, "{more}")?;
        }
    }
    Ok(())
}

/// The most common findings, with how many answers each fired on.
fn rules(w: &mut dyn Write, c: &Cohort, scored: usize, width: usize) -> io::Result<()> {
    let tally = c.rules_by_frequency();
    let shown = &tally[..tally.len().min(TOP_RULES)];
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        wrap("Most common findings (answers affected):", width, "", 2)
    )?;
    let name_width = shown.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let count_width = format!("{scored}/{scored}").len();
    // Name, count and bar fit the width; a narrow terminal gets no bar.
    let bar_room = match width.saturating_sub(name_width + count_width + 6).min(30) {
        room @ 5.. => room,
        _ => 0,
    };
    for r in shown {
        let line = format!(
            "  {:<name_width$}  {:>count_width$}  {}",
            r.name,
            format!("{}/{scored}", r.answers),
            bar(r.answers as u64, scored as u64, bar_room)
        );
        writeln!(w, "{}", line.trim_end())?;
    }
    if tally.len() > shown.len() {
        let more = format!(
            "… and {} more (--statistics lists every rule)",
            tally.len() - shown.len()
        );
        writeln!(w, "{}", wrap(&more, width, "  ", 4))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{Level, Lp};
    use crate::report::{AnswerReport, Finding, Severity, SpanOut};

    fn scored(source: &str, lp: Lp, score: u32, verdict: Verdict, hint: &str) -> AnswerReport {
        let mut r = AnswerReport::failed(source.into(), lp, Level::Sde2, String::new());
        r.error = None;
        r.score = Some(crate::ids::Score::points(score));
        r.verdict = Some(verdict);
        r.findings = vec![Finding {
            code: "T001".into(),
            name: "missing-scope-boundary".into(),
            severity: Severity::Error,
            section: None,
            message: hint.into(),
            help: String::new(),
            span: SpanOut {
                start: 0,
                end: 0,
                line: 1,
                column: 1,
            },
            rule: 0,
        }];
        r.costliest = vec!["missing-scope-boundary".into()];
        r
    }

    fn summary() -> Summary {
        let hint = "nothing before the Action says this work was outside your team or \
                    assignment, where Think Big at this level needs ownership proof";
        let reports = vec![
            scored("a.md", Lp::ThinkBig, 34, Verdict::NoHire, hint),
            scored("b.md", Lp::ThinkBig, 72, Verdict::Hire, hint),
            scored("c.md", Lp::Ownership, 91, Verdict::StrongHire, hint),
            scored("d.md", Lp::Ownership, 55, Verdict::LeaningNoHire, hint),
            scored(
                "f.md",
                Lp::SuccessAndScale,
                66,
                Verdict::LeaningNoHire,
                hint,
            ),
            AnswerReport::failed("e.md".into(), Lp::General, Level::Sde1, "binary".into()),
        ];
        Summary::of(&reports)
    }

    fn render(width: usize) -> String {
        let mut out = Vec::new();
        write_cohort(&mut out, &summary(), width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hints_wrap_whole_and_lines_fit_the_width() {
        for width in [40, 60, 100] {
            let text = render(width);
            for line in text.lines() {
                assert!(line.chars().count() <= width.max(80), "{width}: {line}");
            }
            // Every word of the hint is printed whole, in order.
            let words: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.starts_with("Weakest answers:"))
                .filter(|l| l.starts_with("       "))
                .flat_map(str::split_whitespace)
                .collect();
            assert!(
                words
                    .join(" ")
                    .contains("assignment, where Think Big at this level needs ownership proof"),
                "{text}"
            );
        }
    }

    #[test]
    fn breakdowns_fit_the_width_as_a_table_or_as_sentences() {
        let wide = render(120);
        assert!(wide.contains("By Leadership Principle  "), "{wide}");
        assert!(
            wide.contains("  Success and Scale Bring Broad Responsibility        1   66.0"),
            "{wide}"
        );
        assert!(wide.contains("By level  "), "{wide}");
        // At 80 columns the long LP wraps inside its column, whole words.
        let table = render(80);
        assert!(table.contains("  Success and Scale        "), "{table}");
        assert!(
            table.contains("\n    Bring Broad\n    Responsibility\n"),
            "{table}"
        );
        assert!(table.contains("By level  "), "{table}");
        // At 60 there is no room for a table: one sentence per group.
        let narrow = render(60);
        assert!(narrow.contains("By Leadership Principle:\n"), "{narrow}");
        assert!(
            narrow.contains("  Ownership: 2 answers, mean 73.0; 1 Strong Hire, 0 Hire,\n    1 Leaning No Hire, 0 No Hire, 0 could not be read\n"),
            "{narrow}"
        );
    }

    #[test]
    fn the_summary_reads_well() {
        insta::assert_snapshot!(render(80));
    }
}
