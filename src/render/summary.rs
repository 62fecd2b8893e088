//! `--summary`: only the cohort summary ([`super::cohort`]), none of the reports. For a coach
//! with 2,000 answers who wants the shape of the class, not 2,000 reports: verdict counts,
//! the score histogram, the breakdown by LP and level, the top findings and the weakest
//! answers. Unreadable inputs still get their error line on standard error (the batch
//! does that), and the summary lists them too.

use super::Emitter;
use crate::report::{AnswerReport, Summary};
use std::io::{self, Write};

/// The summary-only emitter.
#[derive(Debug)]
pub struct SummaryEmitter {
    width: usize,
}

impl SummaryEmitter {
    /// An emitter wrapping to `width` columns.
    pub fn new(width: usize) -> SummaryEmitter {
        SummaryEmitter { width }
    }
}

impl Emitter for SummaryEmitter {
    fn answer(&mut self, _w: &mut dyn Write, _report: &AnswerReport) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        super::cohort::write_cohort(w, summary, self.width)
    }
}
