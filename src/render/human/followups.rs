//! The end of a human report: the follow-up questions this answer invites, with what a
//! strong reply contains, and the one line a candidate reads last - the three fixes that
//! would move the verdict most (`costliest`, with what each would do), which is also the
//! line left on screen after a paste.

use super::style::{self, Paint};
use super::text::{wrap, wrap_items};
use crate::report::{AnswerReport, Finding};
use std::io::{self, Write};

/// "Likely follow-ups": each question and what a strong reply holds (what it tests is in
/// the machine formats; here it would only lengthen the list).
pub fn probes(w: &mut dyn Write, p: Paint, r: &AnswerReport, width: usize) -> io::Result<()> {
    if r.probes.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    writeln!(w, "{}", p.paint(style::BOLD, "Likely follow-ups"))?;
    for (i, probe) in r.probes.iter().enumerate() {
        writeln!(
            w,
            "{}",
            wrap(&probe.question, width, &format!("  {}. ", i + 1), 5)
        )?;
        if !probe.strong.trim().is_empty() {
            writeln!(
                w,
                "{}",
                wrap(&probe.strong, width, "     A strong reply: ", 5)
            )?;
        }
    }
    Ok(())
}

/// The first finding of each of the three rules that cost the score most.
fn top_fixes(r: &AnswerReport) -> Vec<&Finding> {
    r.costliest
        .iter()
        .filter_map(|name| r.findings.iter().find(|f| f.name == *name))
        .take(3)
        .collect()
}

/// What fixing rule `name`, after the fixes listed before it, would do: " → Hire" when it
/// takes the verdict higher than the step before, else " +4.5" points, else nothing.
fn effect(r: &AnswerReport, name: &str) -> String {
    let Some(at) = r.fix_effects.iter().position(|(n, _, _)| n == name) else {
        return String::new();
    };
    let (_, verdict, score) = r.fix_effects[at];
    let before = match at.checked_sub(1) {
        Some(i) => Some((r.fix_effects[i].1, r.fix_effects[i].2)),
        None => r.verdict.zip(r.score),
    };
    match before {
        Some((v, _)) if verdict > v => format!(" → {}", verdict.human()),
        Some((_, s)) if score > s => {
            let gain = f64::from(score.tenths() - s.tenths()) / 10.0;
            format!(" +{gain:.1}")
        }
        _ => String::new(),
    }
}

/// "Fix first: 1. A003 handoff-language → Hire   2. …", then how they are ranked and where
/// to read more.
pub fn fix_first(w: &mut dyn Write, p: Paint, r: &AnswerReport, width: usize) -> io::Result<()> {
    let fixes = top_fixes(r);
    let Some(first) = fixes.first() else {
        return Ok(());
    };
    writeln!(w)?;
    let list: Vec<String> = fixes
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{}. {} {}{}", i + 1, f.code, f.name, effect(r, &f.name)))
        .collect();
    // Continuation lines line up under the first fix; on a terminal too narrow for that,
    // the fixes start on the next line.
    if list.iter().any(|i| 11 + i.chars().count() > width) {
        writeln!(w, "{}", p.paint(style::BOLD, "Fix first:"))?;
        if list.iter().any(|i| 2 + i.chars().count() > width) {
            // Narrower still: one fix a line, its effect wrapped under it.
            for item in &list {
                writeln!(w, "{}", wrap(item, width, "  ", 5))?;
            }
        } else {
            writeln!(w, "{}", wrap_items(&list, width, "  ", 2, "   "))?;
        }
    } else {
        let line = wrap_items(&list, width, "Fix first: ", 11, "   ");
        let rest = line.strip_prefix("Fix first:").unwrap_or(&line);
        writeln!(w, "{}{rest}", p.paint(style::BOLD, "Fix first:"))?;
    }
    writeln!(
        w,
        "{}",
        p.paint(
            style::DIM,
            &wrap(
                &format!(
                    "Ranked by how far each fix, with the ones before it, moves the verdict (→) or the \
                     score (+). Why each matters and more examples: starlint explain {}",
                    first.code
                ),
                width,
                "",
                2
            )
        )
    )?;
    Ok(())
}
