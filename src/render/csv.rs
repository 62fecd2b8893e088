//! `csv`: one row per answer, for a spreadsheet of a whole batch.
//!
//! The header is `source,lp,level,verdict,score,error`, then one column per rule of the
//! rubric, named by rule name, in rubric order (each cell counts that rule's findings in
//! the answer), and last `extra`: a JSON line's other keys as one JSON object, exactly as
//! written (empty for answers that did not come from JSON lines). An answer that could not
//! be read has its reason in `error` and empty verdict, score and counts (it was not
//! checked, which is not the same as zero). Fields are quoted as RFC 4180 says (only when
//! they hold a comma, a quote, CR or LF; quotes are doubled) and records end in CRLF, as
//! the RFC specifies and spreadsheets expect. A cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a CR would be read by a spreadsheet as a formula (an id such as
//! `=HYPERLINK(…)`), so it gets a leading `'`, as OWASP recommends. The format streams:
//! the header goes out with the first answer (or at `finish` when there were none) and
//! each row as its answer arrives.

use super::Emitter;
use crate::report::{AnswerReport, Summary};
use crate::rubric::CompiledRubric;
use std::collections::HashMap;
use std::io::{self, Write};

/// The CSV emitter.
#[derive(Debug)]
pub struct CsvEmitter {
    /// Rule names, in rubric order.
    names: Vec<String>,
    /// Rule name → column (after the fixed columns).
    column: HashMap<String, usize>,
    header_written: bool,
}

/// The columns before the rule columns.
const FIXED: [&str; 6] = ["source", "lp", "level", "verdict", "score", "error"];

/// The last column: a JSON line's other keys.
const EXTRA: &str = "extra";

/// A cell a spreadsheet would not run as a formula: one starting with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'` (OWASP's advice against CSV injection).
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

impl CsvEmitter {
    /// An emitter with one column per rule of `rubric`.
    pub fn new(rubric: &CompiledRubric) -> CsvEmitter {
        let names: Vec<String> = rubric.rules.iter().map(|r| r.name.clone()).collect();
        let column = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        CsvEmitter {
            names,
            column,
            header_written: false,
        }
    }

    fn header(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.header_written {
            return Ok(());
        }
        self.header_written = true;
        let fields: Vec<&str> = FIXED
            .iter()
            .copied()
            .chain(self.names.iter().map(String::as_str))
            .chain([EXTRA])
            .collect();
        write_record(w, &fields)
    }
}

/// A field as RFC 4180 writes it.
pub fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

fn write_record(w: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&quote(&defuse(f)));
    }
    line.push_str("\r\n");
    w.write_all(line.as_bytes())
}

impl Emitter for CsvEmitter {
    fn answer(&mut self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        self.header(w)?;
        let mut counts = vec![0usize; self.names.len()];
        for f in &r.findings {
            if let Some(&i) = self.column.get(&f.name) {
                counts[i] += 1;
            }
        }
        let checked = r.error.is_none();
        let counts: Vec<String> = counts
            .iter()
            .map(|n| {
                if checked {
                    n.to_string()
                } else {
                    String::new()
                }
            })
            .collect();
        let score = r.score.map(|s| s.to_string()).unwrap_or_default();
        let extra = r.extra.as_ref().map(crate::report::Extra::to_json);
        let mut fields: Vec<&str> = vec![
            &r.source,
            r.lp.id(),
            r.level.id(),
            r.verdict.map_or("", |v| v.id()),
            &score,
            r.error.as_deref().unwrap_or(""),
        ];
        fields.extend(counts.iter().map(String::as_str));
        fields.push(extra.as_deref().unwrap_or(""));
        write_record(w, &fields)
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.header(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;

    fn render(reports: &[AnswerReport]) -> String {
        let rubric = testdata::rubric();
        let mut e = CsvEmitter::new(&rubric);
        let mut out = Vec::new();
        for r in reports {
            e.answer(&mut out, r).unwrap();
        }
        e.finish(&mut out, &Summary::of(reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snapshot_and_parse_back() {
        let rubric = testdata::rubric();
        let mut reports = testdata::reports(&rubric);
        // A source with a quote and a line break, so quoting is exercised both ways.
        reports[1].source = "stories/\"odd\"\nname.md".into();
        let out = render(&reports);
        // Records end in CRLF, a quoted field keeps its bare LF; show the CRs (insta
        // normalises line endings) and check them.
        insta::assert_snapshot!(out.replace('\r', "␍"));
        assert_eq!(out.matches("\r\n").count(), 3);

        let mut reader = ::csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            [
                "source",
                "lp",
                "level",
                "verdict",
                "score",
                "error",
                "test-missing-part",
                "test-we-actor",
                "test-hand-off",
                "test-no-delta",
                "test-stock-lesson",
                "extra"
            ]
        );
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let row: Vec<&str> = rows[0].iter().collect();
        assert_eq!(
            row,
            [
                testdata::SOURCE,
                "think-big",
                "sde2",
                "leaning_no_hire",
                "62",
                "",
                "1",
                "1",
                "1",
                "1",
                "1",
                ""
            ]
        );
        assert_eq!(&rows[1][0], "stories/\"odd\"\nname.md");
        assert_eq!(&rows[1][5], "binary");
        assert!(rows[1].iter().skip(6).all(str::is_empty));
    }

    #[test]
    fn formulas_are_defused_and_extra_keys_are_one_json_cell() {
        let rubric = testdata::rubric();
        let mut reports = testdata::reports(&rubric);
        reports[0].source = "=HYPERLINK(\"http://x\",\"y\")".into();
        reports[1].source = "-2+3".into();
        let extra: crate::input::RawObject =
            serde_json::from_str(r#"{"student": "@ann", "cohort": 1.10}"#).unwrap();
        reports[0].extra = Some(crate::report::Extra(extra.0));
        let out = render(&reports);
        let mut reader = ::csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(&rows[1][0], "'-2+3");
        assert_eq!(
            rows[0].iter().next_back(),
            Some(r#"{"student":"@ann","cohort":1.10}"#)
        );
        assert_eq!(rows[1].iter().next_back(), Some(""));
        for cell in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(defuse(cell).starts_with('\''), "{cell:?}");
        }
        for cell in ["1", "x=1", "", " =1"] {
            assert_eq!(defuse(cell), cell);
        }
    }

    #[test]
    fn no_answers_still_gives_a_header() {
        let out = render(&[]);
        assert!(out.starts_with("source,lp,level,verdict,score,error,test-missing-part,"));
        assert!(out.ends_with(",extra\r\n"));
        assert_eq!(out.matches("\r\n").count(), 1);
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("a\rb"), "\"a\rb\"");
    }
}
