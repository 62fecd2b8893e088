//! The section table: for each STAR section, its words, estimated speaking time against
//! its target (`42 s / 30 s`), a small bar full at the target with any overflow past it
//! (`██████████▒▒`), and whether it was labelled or inferred; then
//! the whole answer against the level's length. "missing", "over" and "short" are words,
//! so the table reads the same without colour.

use super::style::{self, Paint};
use crate::ids::SectionKind;
use crate::report::AnswerReport;
use crate::rubric::CompiledRubric;
use std::io::{self, Write};

const CELLS: usize = 10;
/// Cells past the target, one per tenth of it: a section over its target reads as over
/// at a glance (a bar scaled to the "too long" mark made 24 s of 20 s look short).
const OVER_CELLS: usize = 5;

/// A bar of `CELLS` cells full at the target, then up to `OVER_CELLS` of overflow (`▒`),
/// padded so the columns after it line up.
fn bar(seconds: f64, target: f64) -> String {
    let ratio = if target > 0.0 { seconds / target } else { 0.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = ((ratio * CELLS as f64).round() as usize).min(CELLS);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let extra = if ratio > 1.0 {
        (((ratio - 1.0) * CELLS as f64).round() as usize).clamp(1, OVER_CELLS)
    } else {
        0
    };
    format!(
        "{}{}{}{}",
        "█".repeat(filled),
        "░".repeat(CELLS - filled),
        "▒".repeat(extra),
        " ".repeat(OVER_CELLS - extra)
    )
}

/// Write the table.
pub fn table(
    w: &mut dyn Write,
    p: Paint,
    r: &AnswerReport,
    rubric: &CompiledRubric,
    width: usize,
) -> io::Result<()> {
    // The bar needs about 70 columns in all; narrower terminals get the numbers only.
    // Under 50, the "labelled"/"inferred" column and the heading's note go too.
    let with_bar = width >= 70;
    let with_how = width >= 50;
    let over = rubric.over_factor;
    writeln!(w)?;
    if with_how {
        writeln!(
            w,
            "{} {}",
            p.paint(style::BOLD, "Sections"),
            p.paint(
                style::DIM,
                &format!("(speaking time at {:.0} words a minute)", rubric.wpm)
            )
        )?;
    } else {
        writeln!(w, "{}", p.paint(style::BOLD, "Sections"))?;
    }
    let mut total_words = 0u32;
    let mut total_secs = 0.0f64;
    for kind in SectionKind::ALL {
        let found: Vec<_> = r.sections.iter().filter(|s| s.name == *kind).collect();
        if found.is_empty() {
            writeln!(
                w,
                "  {:<12}{}",
                kind.human(),
                p.paint(style::MISSING, "missing")
            )?;
            continue;
        }
        let words: u32 = found.iter().map(|s| s.words).sum();
        let secs: f64 = found.iter().map(|s| s.seconds).sum();
        total_words += words;
        total_secs += secs;
        let target = found[0].target_seconds;
        let how = if !with_how {
            ""
        } else if found.iter().any(|s| s.labelled) {
            "labelled"
        } else {
            "inferred"
        };
        let time = format!("{secs:.0} s / {target:.0} s");
        let flag = if secs > target * over { " over" } else { "" };
        let bar = if with_bar {
            format!("  {}", bar(secs, target))
        } else {
            String::new()
        };
        let plain = format!(
            "  {:<12}{words:>4} words  {time:>11}{bar}  {how}{flag}",
            kind.human()
        );
        if plain.trim_end().chars().count() <= width {
            writeln!(
                w,
                "{}",
                format!(
                    "  {:<12}{words:>4} words  {time:>11}{bar}  {}{flag}",
                    kind.human(),
                    p.paint(style::DIM, how),
                )
                .trim_end()
            )?;
        } else {
            // A narrow terminal: single spaces, no columns.
            writeln!(w, "  {} {words} words {time}{flag}", kind.human())?;
        }
    }
    let [lo, hi] = rubric.level(r.level).answer_seconds;
    let target = if (hi - lo).abs() < 0.5 {
        format!("{hi:.0} s")
    } else {
        format!("{lo:.0}–{hi:.0} s")
    };
    let flag = if total_secs > hi * over {
        "  over"
    } else if total_secs < lo / 2.0 {
        "  short"
    } else {
        ""
    };
    let time = format!("{total_secs:.0} s / {target}");
    let line = format!("  {:<12}{total_words:>4} words  {time:>11}{flag}", "Total");
    if line.chars().count() <= width {
        writeln!(w, "{line}")?;
    } else {
        // A narrow terminal: single spaces, no columns.
        writeln!(
            w,
            "  Total {total_words} words {time}{}",
            flag.replace("  ", " ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn a_section_over_its_target_shows_the_overflow() {
        assert_eq!(bar(24.0, 20.0), "██████████▒▒   ");
        assert_eq!(bar(10.0, 20.0), "█████░░░░░     ");
        assert_eq!(bar(20.0, 20.0), "██████████     ");
        assert_eq!(bar(20.5, 20.0), "██████████▒    ", "any overflow shows");
        assert_eq!(bar(90.0, 20.0), "██████████▒▒▒▒▒", "capped");
        assert_eq!(bar(5.0, 0.0), "░░░░░░░░░░     ");
    }
}
