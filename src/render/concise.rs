//! `concise`: one line per finding, then one line per answer, as ruff's concise output.
//!
//! ```text
//! stories/rota.md:7:26: A001 we-language: “we” hides what you did
//! stories/rota.md: Leaning No Hire (62/100), below Hire
//! ```
//!
//! Made for editors' problem matchers, `grep` and a quick look in a terminal: each
//! finding is `path:line:column: CODE name: message` (line and column 1-based, the column
//! in characters, as in JSON), and each answer ends with its verdict and score, saying so
//! when it is below `--fail-under`. Every name and message is one line with its control
//! characters made visible, so nothing an answer holds can move the cursor or fake a
//! line. Unreadable inputs are reported on standard error only, as in the human format.
//! The format streams: each answer is written as it arrives.

use super::Emitter;
use crate::ids::FailUnder;
use crate::report::{AnswerReport, Summary};
use crate::text::controls::neutralise_line;
use std::io::{self, Write};

/// The concise emitter.
#[derive(Debug)]
pub struct ConciseEmitter {
    fail_under: FailUnder,
}

impl ConciseEmitter {
    /// An emitter marking answers below `fail_under`.
    pub fn new(fail_under: FailUnder) -> ConciseEmitter {
        ConciseEmitter { fail_under }
    }
}

/// One line of prose: whitespace runs (newlines included) become one space.
fn flat(s: &str) -> String {
    neutralise_line(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

impl Emitter for ConciseEmitter {
    fn answer(&mut self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        let source = neutralise_line(&r.source);
        if let Some(e) = &r.error {
            return writeln!(w, "{source}: error: {}", flat(e));
        }
        let mut out = String::new();
        for f in &r.findings {
            out.push_str(&format!(
                "{source}:{}:{}: {} {}: {}\n",
                f.span.line,
                f.span.column,
                f.code,
                f.name,
                flat(&f.message)
            ));
        }
        let verdict = r.verdict.map_or("No verdict", |v| v.human());
        out.push_str(&format!("{source}: {verdict}"));
        if let Some(score) = r.score {
            out.push_str(&format!(" ({score}/100)"));
        }
        if self.fail_under.fails(r.verdict, r.score) {
            out.push_str(&format!(", below {}", self.fail_under));
        }
        out.push('\n');
        w.write_all(out.as_bytes())
    }

    fn finish(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;

    fn render(reports: &[AnswerReport], fail_under: FailUnder) -> String {
        let mut e = ConciseEmitter::new(fail_under);
        let mut out = Vec::new();
        for r in reports {
            e.answer(&mut out, r).unwrap();
        }
        e.finish(&mut out, &Summary::of(reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snapshot_and_shape() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let out = render(&reports, FailUnder::default());
        insta::assert_snapshot!(out);
        let lines: Vec<&str> = out.lines().collect();
        // Five findings and a verdict line, then the unreadable answer.
        assert_eq!(lines.len(), 7);
        for line in &lines[..5] {
            let rest = line.strip_prefix(testdata::SOURCE).unwrap();
            let parts: Vec<&str> = rest.splitn(4, ':').collect();
            assert_eq!(parts[0], "");
            assert!(parts[1].parse::<u32>().unwrap() >= 1, "{line}");
            assert!(parts[2].parse::<u32>().unwrap() >= 1, "{line}");
        }
        assert!(
            lines[1].contains(":2:26: A901 test-we-actor: "),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[5],
            format!("{}: Leaning No Hire (62/100), below Hire", testdata::SOURCE)
        );
        assert_eq!(
            render(
                &reports[..1],
                FailUnder::Score(crate::ids::Score::points(62))
            )
            .lines()
            .last(),
            Some(format!("{}: Leaning No Hire (62/100)", testdata::SOURCE).as_str())
        );
    }

    #[test]
    fn names_and_messages_cannot_move_the_cursor() {
        let rubric = testdata::rubric();
        let mut r = testdata::reports(&rubric).remove(0);
        r.source = "evil\u{1b}]0;PWNED\u{7}.md".into();
        r.findings[0].message = "“We escalated \u{1b}[2J it”\nnext".into();
        let out = render(&[r], FailUnder::default());
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.starts_with("evil␛]0;PWNED␇.md:"), "{out}");
        assert!(out.contains("“We escalated ␛[2J it” next"), "{out}");
    }
}
