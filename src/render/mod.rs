//! RENDER: one report model, small emitters (typos' reporters, ruff's emitters).
//!
//! An [`Emitter`] gets each answer as it is finished and the summary at the end. Document
//! formats (SARIF, JUnit) buffer until `finish`; streaming formats write at once. A new
//! format is one file here and one arm in [`Format::emitter`]; `location` holds what the
//! CI formats share (artifact paths and finding regions).

pub mod cohort;
pub mod concise;
pub mod csv;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod location;
pub mod safe;
pub mod sarif;
mod spill;
pub mod statistics;
pub mod summary;
#[cfg(test)]
pub(crate) mod testdata;

use crate::ids::FailUnder;
use crate::report::{AnswerReport, Summary};
use crate::rubric::CompiledRubric;
use std::io::{self, Write};

/// Writes reports in one format.
pub trait Emitter: Send {
    /// One finished answer.
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Report formats (`--format`); each value's doc line is its `--help` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people (default).
    Human,
    /// One JSON document.
    Json,
    /// One JSON answer per line, as each is finished.
    Jsonl,
    /// SARIF 2.1.0, for code scanning and editor viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: one test case per answer, failing below --fail-under.
    Junit,
    /// CSV: one row per answer, one column of finding counts per rule.
    Csv,
    /// One line per finding (path:line:column: CODE name: message), then one per answer.
    Concise,
    /// One self-contained HTML page for a batch: charts, a sortable table of every answer,
    /// and the answers with their findings highlighted.
    Html,
}

/// What an emitter may need besides the reports.
#[derive(Debug, Clone, Copy)]
pub struct EmitOptions<'a> {
    /// The compiled rubric (rule lists for SARIF, rule columns for CSV).
    pub rubric: &'a CompiledRubric,
    /// `--fail-under`: the verdict or score below which an answer fails.
    pub fail_under: FailUnder,
    /// Human format: colour, width, quiet.
    pub human: &'a human::HumanOptions,
}

impl Format {
    /// The emitter for this format.
    pub fn emitter<'a>(self, opts: EmitOptions<'a>) -> Box<dyn Emitter + 'a> {
        match self {
            Format::Human => Box::new(human::HumanEmitter::new(opts.human.clone(), opts.rubric)),
            Format::Json => Box::new(json::JsonEmitter::default()),
            Format::Jsonl => Box::new(json::JsonlEmitter),
            Format::Sarif => Box::new(sarif::SarifEmitter::new(opts.rubric)),
            Format::Github => Box::new(github::GithubEmitter::new(opts.fail_under)),
            Format::Junit => Box::new(junit::JunitEmitter::new(opts.fail_under)),
            Format::Csv => Box::new(csv::CsvEmitter::new(opts.rubric)),
            Format::Concise => Box::new(concise::ConciseEmitter::new(opts.fail_under)),
            Format::Html => Box::new(html::HtmlEmitter::new(opts.rubric, opts.fail_under)),
        }
    }

    /// True for formats meant for people (errors are not repeated in the report body).
    pub fn is_human(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Summary;
    use clap::ValueEnum;

    /// Every format through `Format::emitter`, on the one fixed set of reports.
    fn render(format: Format) -> String {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let human = human::HumanOptions::default();
        let mut e = format.emitter(EmitOptions {
            rubric: &rubric,
            fail_under: FailUnder::default(),
            human: &human,
        });
        let mut out = Vec::new();
        for r in &reports {
            e.answer(&mut out, r).unwrap();
        }
        e.finish(&mut out, &Summary::of(&reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_format_renders_the_fixture() {
        for f in Format::value_variants() {
            let out = render(*f);
            assert!(!out.is_empty(), "{f:?} wrote nothing");
            assert!(
                out.ends_with('\n'),
                "{f:?} does not end its output with a newline"
            );
        }
    }

    #[test]
    fn json_and_jsonl_snapshots() {
        let json = render(Format::Json);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["answers"][1]["verdict"], serde_json::Value::Null);
        assert_eq!(doc["answers"][1]["error"], "binary");
        insta::assert_snapshot!("json", json);
        let jsonl = render(Format::Jsonl);
        for line in jsonl.lines() {
            let _: serde_json::Value = serde_json::from_str(line).unwrap();
        }
        insta::assert_snapshot!("jsonl", jsonl);
    }

    #[test]
    fn human_snapshot() {
        insta::assert_snapshot!("human", render(Format::Human));
    }
}
