//! The end of a human report: the follow-up questions this answer invites, with what a
//! strong reply contains, and the one line a candidate reads last - the three fixes that
//! cost the score most (`costliest`), which is also the line left on screen after a paste.

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

/// "Fix first: 1. A003 handoff-language (line 8) 2. …", then where to read more.
pub fn fix_first(w: &mut dyn Write, p: Paint, r: &AnswerReport, width: usize) -> io::Result<()> {
    let fixes = top_fixes(r);
    let Some(first) = fixes.first() else {
        return Ok(());
    };
    writeln!(w)?;
    let list: Vec<String> = fixes
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{}. {} {}", i + 1, f.code, f.name))
        .collect();
    // Continuation lines line up under the first fix; on a terminal too narrow for that,
    // the fixes start on the next line.
    if list.iter().any(|i| 11 + i.chars().count() > width) {
        writeln!(w, "{}", p.paint(style::BOLD, "Fix first:"))?;
        writeln!(w, "{}", wrap_items(&list, width, "  ", 2, "   "))?;
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
                    "Why each matters and more examples: starlint explain {}",
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
