//! `--statistics`: instead of the reports, one line per rule that fired,
//! `answers findings CODE name` (answers it fired on, findings in all), most frequent
//! first, as ruff's `--statistics` does; with `--format json`, the same as a JSON array.
//!
//! Nothing is written per answer: the counts come from the run's summary
//! ([`crate::report::cohort::Cohort`]), so memory does not grow with the batch. The
//! numbers are right-aligned so the column reads at a glance; fields stay separated by
//! whitespace for `awk` and `cut -w`.

use super::Emitter;
use crate::report::{AnswerReport, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// How the statistics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatisticsFormat {
    /// One line per rule.
    Text,
    /// One JSON array.
    Json,
}

/// The statistics emitter.
#[derive(Debug)]
pub struct StatisticsEmitter {
    format: StatisticsFormat,
}

impl StatisticsEmitter {
    /// An emitter writing `format`.
    pub fn new(format: StatisticsFormat) -> StatisticsEmitter {
        StatisticsEmitter { format }
    }
}

/// One rule in the JSON array.
#[derive(Debug, Serialize)]
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    answers: usize,
    findings: usize,
}

impl Emitter for StatisticsEmitter {
    fn answer(&mut self, _w: &mut dyn Write, _report: &AnswerReport) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rules = summary.cohort.rules_by_frequency();
        match self.format {
            StatisticsFormat::Json => {
                let rows: Vec<Row> = rules
                    .iter()
                    .map(|r| Row {
                        code: &r.code,
                        name: &r.name,
                        answers: r.answers,
                        findings: r.findings,
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *w, &rows).map_err(io::Error::other)?;
                w.write_all(b"\n")
            }
            StatisticsFormat::Text => {
                let width = |n: usize| n.max(1).ilog10() as usize + 1;
                let aw = rules.iter().map(|r| width(r.answers)).max().unwrap_or(1);
                let fw = rules.iter().map(|r| width(r.findings)).max().unwrap_or(1);
                for r in rules {
                    writeln!(
                        w,
                        "{:>aw$} {:>fw$} {} {}",
                        r.answers, r.findings, r.code, r.name
                    )?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;

    fn render(format: StatisticsFormat) -> String {
        let rubric = testdata::rubric();
        let mut reports = testdata::reports(&rubric);
        // A second scored answer with one of the first's rules, so the order is decided
        // by the answers a rule fired on before its findings.
        let mut second = reports[0].clone();
        second.findings.retain(|f| f.name == "test-no-delta");
        reports.push(second);
        let mut e = StatisticsEmitter::new(format);
        let mut out = Vec::new();
        for r in &reports {
            e.answer(&mut out, r).unwrap();
        }
        e.finish(&mut out, &Summary::of(&reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_lines_are_answers_findings_code_name_most_frequent_first() {
        let text = render(StatisticsFormat::Text);
        let first = text.lines().next().unwrap();
        let fields: Vec<&str> = first.split_whitespace().collect();
        assert_eq!(fields, ["2", "2", "R901", "test-no-delta"], "{text}");
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(f.len(), 4, "{line}");
            assert!(f[0].parse::<usize>().is_ok() && f[1].parse::<usize>().is_ok());
        }
        insta::assert_snapshot!(text);
    }

    #[test]
    fn json_is_the_same_rows_as_an_array() {
        let json: serde_json::Value =
            serde_json::from_str(&render(StatisticsFormat::Json)).unwrap();
        let text = render(StatisticsFormat::Text);
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), text.lines().count());
        for (row, line) in rows.iter().zip(text.lines()) {
            let f: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(row["answers"].to_string(), f[0]);
            assert_eq!(row["findings"].to_string(), f[1]);
            assert_eq!(row["code"], f[2]);
            assert_eq!(row["name"], f[3]);
        }
    }
}
