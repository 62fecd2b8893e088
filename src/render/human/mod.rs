//! `human`: the report a candidate reads after pasting a draft, built to be acted on in
//! ten seconds.
//!
//! Top to bottom: the verdict for the LP and level, framed and coloured ([`header`]);
//! "Bar Raiser thinks"; what this LP's interviewer at this level listens for; the section
//! table ([`sections`]); the findings grouped by section, worst first, each a rustc-style
//! snippet with its help and a strong example from the rubric ([`findings`]); likely
//! follow-ups; and, last (so it is what stays on screen), the three fixes worth most
//! ([`followups`]). Every line but the quoted answer line fits the terminal's width
//! ([`text`]). Colour never carries meaning on its own ([`style`]).

mod findings;
mod followups;
mod header;
mod sections;
mod style;
mod text;

pub use text::{wrap, wrap_items};

use super::Emitter;
use crate::ids::FailUnder;
use crate::report::{AnswerReport, Summary};
use crate::rubric::CompiledRubric;
use std::io::{self, Write};
use style::Paint;

/// Human output options.
#[derive(Debug, Clone)]
pub struct HumanOptions {
    /// Write ANSI colour.
    pub color: bool,
    /// Terminal width to wrap prose at.
    pub width: usize,
    /// Print only answers below this verdict, and no summary (`--quiet`).
    pub quiet_below: Option<FailUnder>,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
            quiet_below: None,
        }
    }
}

/// The human emitter.
#[derive(Debug)]
pub struct HumanEmitter<'a> {
    opts: HumanOptions,
    rubric: &'a CompiledRubric,
    shown: usize,
}

impl<'a> HumanEmitter<'a> {
    /// A new emitter for reports checked against `rubric`.
    pub fn new(opts: HumanOptions, rubric: &'a CompiledRubric) -> HumanEmitter<'a> {
        HumanEmitter {
            opts,
            rubric,
            shown: 0,
        }
    }

    fn paint(&self) -> Paint {
        Paint {
            color: self.opts.color,
        }
    }

    fn write_report(&mut self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        let width = self.opts.width.max(40);
        let p = self.paint();
        if self.shown > 0 {
            writeln!(w)?;
            writeln!(w, "{}", "─".repeat(width.min(80)))?;
        }
        self.shown += 1;
        if let Some(err) = &r.error {
            writeln!(
                w,
                "{}: {} {err}",
                p.paint(style::BOLD, &r.source),
                p.paint(style::verdict(None), "error:")
            )?;
            return Ok(());
        }
        writeln!(w, "{}", p.paint(style::BOLD, &r.source))?;
        header::verdict(w, p, r, self.rubric, width)?;
        header::summary(w, p, r, width)?;
        header::lens(w, p, r, self.rubric, width)?;
        sections::table(w, p, r, self.rubric, width)?;
        if r.findings.is_empty() {
            writeln!(w)?;
            writeln!(w, "No findings.")?;
        } else {
            findings::Findings {
                rubric: self.rubric,
                paint: p,
                width,
            }
            .write(w, r)?;
        }
        followups::probes(w, p, r, width)?;
        followups::fix_first(w, p, r, width)?;
        Ok(())
    }
}

impl Emitter for HumanEmitter<'_> {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        if let Some(bar) = self.opts.quiet_below {
            if report.verdict.is_some() && !bar.fails(report.verdict, report.score) {
                return Ok(());
            }
        }
        // Whatever the answer quotes (its text, name, the words a message cites) reaches
        // the terminal with its control characters made visible.
        self.write_report(w, &super::safe::report(report))
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.opts.quiet_below.is_some() || summary.answers < 2 {
            return Ok(());
        }
        let summary = super::safe::summary(summary);
        super::cohort::write_separator(w, self.opts.width)?;
        super::cohort::write_cohort(w, &summary, self.opts.width)?;
        Ok(())
    }
}
