//! RENDER: one report model, small emitters (typos' reporters, ruff's emitters).
//!
//! An [`Emitter`] gets each answer as it is finished and the summary at the end. Document
//! formats (SARIF, JUnit) buffer until `finish`; streaming formats write at once. A new
//! format is one file here and one arm in [`Format::emitter`].

pub mod human;
pub mod json;

use crate::ids::Verdict;
use crate::report::{AnswerReport, Summary};
use crate::rubric::CompiledRubric;
use std::io::{self, Write};

/// Writes reports in one format.
pub trait Emitter {
    /// One finished answer.
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Report formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people (default).
    Human,
    /// One JSON document.
    Json,
    /// One JSON answer per line, as each is finished.
    Jsonl,
}

/// What an emitter may need besides the reports.
#[derive(Debug, Clone, Copy)]
pub struct EmitOptions<'a> {
    /// The compiled rubric (rule lists for SARIF, rule columns for CSV).
    pub rubric: &'a CompiledRubric,
    /// `--fail-under`: the verdict below which an answer fails.
    pub fail_under: Verdict,
    /// Human format: colour, width, quiet.
    pub human: &'a human::HumanOptions,
}

impl Format {
    /// The emitter for this format.
    pub fn emitter<'a>(self, opts: EmitOptions<'a>) -> Box<dyn Emitter + 'a> {
        match self {
            Format::Human => Box::new(human::HumanEmitter::new(opts.human.clone())),
            Format::Json => Box::new(json::JsonEmitter::default()),
            Format::Jsonl => Box::new(json::JsonlEmitter),
        }
    }

    /// True for formats meant for people (errors are not repeated in the report body).
    pub fn is_human(self) -> bool {
        self == Format::Human
    }
}
