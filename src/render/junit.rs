//! `junit`: JUnit XML, so CI systems that chart test results chart answers too.
//!
//! One `<testcase>` per answer in one `<testsuite name="starlint">`: it fails (a
//! `<failure>`) when the verdict is below `--fail-under`, with the findings as the failure
//! text; it errors (an `<error>`) when the answer could not be read; a passing answer keeps
//! its findings in `<system-out>`. The XML is written by hand (a few elements do not need
//! a crate), so escaping is done here: markup characters become entities (all five in
//! attributes; `&`, `<` and `>` in text, where quotes are harmless and stay readable), tab,
//! CR and LF in attributes become character references so that attribute-value
//! normalisation keeps them, and characters XML 1.0 forbids become U+FFFD. JUnit is a
//! document format (the counts come first), so test cases wait in a [`Spill`] (memory,
//! then an anonymous temporary file) until `finish`: memory stays flat however many
//! answers there are.

use super::location::{self, Region};
use super::spill::Spill;
use super::Emitter;
use crate::ids::FailUnder;
use crate::report::{AnswerReport, Summary};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The JUnit emitter.
#[derive(Debug)]
pub struct JunitEmitter {
    fail_under: FailUnder,
    cases: Spill,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl JunitEmitter {
    /// An emitter failing answers below `fail_under`.
    pub fn new(fail_under: FailUnder) -> JunitEmitter {
        JunitEmitter {
            fail_under,
            cases: Spill::new(),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }
}

/// True for characters XML 1.0 allows in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Escape text content: `&`, `<` and `>` (so `]]>` cannot occur) become entities; quotes
/// need no escaping outside attributes and stay readable.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c, false);
    }
    out
}

/// Escape a double-quoted attribute value: all five markup characters, and tab, LF and CR
/// as character references, which attribute-value normalisation would otherwise turn into
/// spaces.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c, true);
    }
    out
}

fn push_escaped(out: &mut String, c: char, attr: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' if attr => out.push_str("&quot;"),
        '\'' if attr => out.push_str("&apos;"),
        '\t' if attr => out.push_str("&#9;"),
        '\n' if attr => out.push_str("&#10;"),
        // A CR anywhere would be read back as LF (end-of-line handling); keep it as written.
        '\r' => out.push_str("&#13;"),
        c if allowed(c) => out.push(c),
        _ => out.push('\u{FFFD}'),
    }
}

/// The verdict as people read it, with the score: `Leaning No Hire (62/100)`.
fn verdict_line(r: &AnswerReport) -> String {
    let verdict = r.verdict.map_or("No verdict", |v| v.human());
    match r.score {
        Some(s) => format!("{verdict} ({s}/100)"),
        None => verdict.to_string(),
    }
}

/// The findings of an answer as plain text, one block each.
fn findings_text(r: &AnswerReport) -> String {
    let mut out = format!(
        "{} for {} at {}\n",
        verdict_line(r),
        r.lp.human(),
        r.level_name
    );
    if let Some(b) = &r.bar_raiser {
        let _ = writeln!(out, "Bar Raiser thinks: {b}");
    }
    for (
        f,
        Region {
            start_line,
            start_column,
            ..
        },
    ) in r.findings.iter().zip(location::regions(r))
    {
        let _ = write!(
            out,
            "\n{} {} at {start_line}:{start_column}: {}\n  help: {}\n",
            f.code, f.name, f.message, f.help
        );
    }
    out
}

impl Emitter for JunitEmitter {
    fn answer(&mut self, _w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        self.tests += 1;
        let mut case = String::new();
        let c = &mut case;
        let _ = write!(
            c,
            "    <testcase name=\"{}\" classname=\"starlint.{}\"",
            escape_attr(&r.source),
            r.lp.id()
        );
        if let Some(reason) = &r.error {
            self.errors += 1;
            let _ = write!(
                c,
                ">\n      <error message=\"{}\" type=\"unreadable\">{}: {}</error>\n    </testcase>\n",
                escape_attr(reason),
                escape_text(&r.source),
                escape_text(reason)
            );
            return self.cases.push(case.as_bytes());
        }
        let text = escape_text(&findings_text(r));
        match r.verdict {
            Some(v) if self.fail_under.fails(r.verdict, r.score) => {
                self.failures += 1;
                let message = format!("{} is below {}", verdict_line(r), self.fail_under);
                let _ = write!(
                    c,
                    ">\n      <failure message=\"{}\" type=\"{}\">{text}</failure>\n    </testcase>\n",
                    escape_attr(&message),
                    v.id()
                );
            }
            _ => {
                let _ = write!(
                    c,
                    ">\n      <system-out>{text}</system-out>\n    </testcase>\n"
                );
            }
        }
        self.cases.push(case.as_bytes())
    }

    fn finish(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.tests, self.failures, self.errors
        );
        write!(
            w,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"starlint\" {counts}>\n  \
             <testsuite name=\"starlint\" {counts}>\n"
        )?;
        self.cases.drain_into(w)?;
        w.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Verdict;
    use crate::render::testdata;
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use std::collections::BTreeMap;

    /// One element as read back: its name, attributes (unescaped) and text.
    #[derive(Debug)]
    struct Element {
        name: String,
        attrs: BTreeMap<String, String>,
        text: String,
    }

    fn element(e: &quick_xml::events::BytesStart) -> Element {
        let mut attrs = BTreeMap::new();
        for a in e.attributes() {
            let a = a.unwrap();
            let k = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
            attrs.insert(k, a.unescape_value().unwrap().into_owned());
        }
        Element {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs,
            text: String::new(),
        }
    }

    /// Parse a JUnit document with a real XML reader, failing on malformed XML.
    fn parse(xml: &str) -> Vec<Element> {
        let mut reader = Reader::from_str(xml);
        let mut out: Vec<Element> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => {
                    out.push(element(&e));
                    stack.push(out.len() - 1);
                }
                Event::Empty(e) => out.push(element(&e)),
                Event::End(_) => {
                    stack.pop();
                }
                Event::Text(t) => {
                    if let Some(&i) = stack.last() {
                        out[i].text.push_str(&t.unescape().unwrap());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    fn render(reports: &[AnswerReport], fail_under: Verdict) -> String {
        render_under(reports, FailUnder::Verdict(fail_under))
    }

    fn render_under(reports: &[AnswerReport], fail_under: FailUnder) -> String {
        let mut e = JunitEmitter::new(fail_under);
        let mut out = Vec::new();
        for r in reports {
            e.answer(&mut out, r).unwrap();
        }
        assert!(out.is_empty(), "JUnit writes nothing before finish");
        e.finish(&mut out, &Summary::of(reports)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snapshot_and_parse_back() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let xml = render(&reports, Verdict::Hire);
        insta::assert_snapshot!(xml);
        let els = parse(&xml);
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "testsuites",
                "testsuite",
                "testcase",
                "failure",
                "testcase",
                "error"
            ]
        );
        let suite = &els[1];
        assert_eq!(suite.attrs["tests"], "2");
        assert_eq!(suite.attrs["failures"], "1");
        assert_eq!(suite.attrs["errors"], "1");
        assert_eq!(els[2].attrs["name"], testdata::SOURCE);
        assert_eq!(els[2].attrs["classname"], "starlint.think-big");
        assert_eq!(
            els[3].attrs["message"],
            "Leaning No Hire (62/100) is below Hire"
        );
        // The message with markup characters and a newline survives the round trip.
        let f = &reports[0].findings[2];
        assert!(els[3].text.contains(&format!("at 2:43: {}\n", f.message)));
        assert!(els[3].text.contains("A901 test-we-actor at 2:26: "));
        assert_eq!(els[5].attrs["message"], "binary");
    }

    #[test]
    fn a_passing_answer_keeps_its_findings_in_system_out() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let els = parse(&render(&reports[..1], Verdict::LeaningNoHire));
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["testsuites", "testsuite", "testcase", "system-out"]);
        assert_eq!(els[1].attrs["failures"], "0");
        assert!(els[3].text.contains("L901 test-stock-lesson"));
        let none = parse(&render(&[], Verdict::Hire));
        assert_eq!(none[1].attrs["tests"], "0");
    }

    #[test]
    fn a_score_bar_fails_answers_below_it() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        // The scored answer has 62: below 70, not below 60.
        let els = parse(&render_under(
            &reports[..1],
            FailUnder::Score(crate::ids::Score::points(70)),
        ));
        assert_eq!(els[3].name, "failure");
        assert_eq!(
            els[3].attrs["message"],
            "Leaning No Hire (62/100) is below a score of 70"
        );
        let els = parse(&render_under(
            &reports[..1],
            FailUnder::Score(crate::ids::Score::points(60)),
        ));
        assert_eq!(els[3].name, "system-out");
    }

    #[test]
    fn escaping_keeps_xml_well_formed() {
        let nasty = "a&b<c>d\"e'f\u{0}g\u{1b}h\u{FFFE}i\r\nj\tk";
        let xml = format!("<r a=\"{}\">{}</r>", escape_attr(nasty), escape_text(nasty));
        let els = parse(&xml);
        let clean = "a&b<c>d\"e'f\u{FFFD}g\u{FFFD}h\u{FFFD}i\r\nj\tk";
        assert_eq!(els[0].attrs["a"], clean);
        assert_eq!(els[0].text, clean);
    }
}
