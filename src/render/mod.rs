//! RENDER: one report model, small emitters (typos' reporters, ruff's emitters).
//!
//! An [`Emitter`] gets each answer as it is finished and the summary at the end. Document
//! formats (JSON, SARIF, JUnit) buffer until `finish`; streaming formats write at once.

pub mod human;
pub mod json;

use crate::report::{AnswerReport, Summary};
use std::io::{self, Write};

/// Writes reports in one format.
pub trait Emitter {
    /// One finished answer.
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
