//! `github`: GitHub Actions workflow commands, so findings show up as annotations on the
//! pull request that changed the answer.
//!
//! One `::error`/`::warning`/`::notice` line per finding (an `info` finding is a notice,
//! as GitHub has no lower level), plus one verdict line per answer (an `::error` when the
//! answer is below `--fail-under`, so a failing verdict shows as one, else a `::notice`)
//! and one `::error` line for an answer that could not be read. Values are escaped as the
//! runner's parser requires (ruff's `github.rs` does the same): in the message `%`, CR and
//! LF; in properties also `:` and `,`, which would otherwise end the value. The format
//! streams: each answer is written as soon as it arrives.

use super::location::{self, Region};
use super::Emitter;
use crate::ids::FailUnder;
use crate::report::{AnswerReport, Severity, Summary};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

/// The GitHub Actions emitter.
#[derive(Debug)]
pub struct GithubEmitter {
    cwd: Option<PathBuf>,
    fail_under: FailUnder,
}

impl GithubEmitter {
    /// An emitter writing paths relative to the working directory, failing answers below
    /// `fail_under`.
    pub fn new(fail_under: FailUnder) -> GithubEmitter {
        GithubEmitter::with_cwd(std::env::current_dir().ok(), fail_under)
    }

    /// An emitter writing paths relative to `cwd`.
    pub fn with_cwd(cwd: Option<PathBuf>, fail_under: FailUnder) -> GithubEmitter {
        GithubEmitter { cwd, fail_under }
    }
}

impl Default for GithubEmitter {
    fn default() -> Self {
        GithubEmitter::new(FailUnder::default())
    }
}

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escape a workflow command's property value: as a message, and `:` and `,` too (they
/// separate properties).
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(c),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Write one workflow command: `::cmd k=v,k=v::data`.
fn write_command(
    w: &mut dyn Write,
    cmd: &str,
    props: &[(&str, String)],
    data: &str,
) -> io::Result<()> {
    let mut line = format!("::{cmd}");
    for (i, (k, v)) in props.iter().enumerate() {
        let sep = if i == 0 { ' ' } else { ',' };
        let _ = write!(line, "{sep}{k}={}", escape_property(v));
    }
    let _ = writeln!(line, "::{}", escape_data(data));
    w.write_all(line.as_bytes())
}

impl Emitter for GithubEmitter {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        let file = location::annotation_path(&report.source, self.cwd.as_deref());
        let file_prop = || file.iter().map(|f| ("file", f.clone())).collect::<Vec<_>>();
        if let Some(reason) = &report.error {
            let mut props = file_prop();
            props.push(("title", "starlint".into()));
            return write_command(w, "error", &props, &format!("{}: {reason}", report.source));
        }
        let mut props = file_prop();
        props.push(("title", "starlint verdict".into()));
        let verdict = report.verdict.map_or("No verdict", |v| v.human());
        let score = report
            .score
            .map_or_else(String::new, |s| format!(" ({s}/100)"));
        let mut data = format!(
            "{verdict}{score} for {} at {}",
            report.lp.human(),
            report.level_name
        );
        let below = self.fail_under.fails(report.verdict, report.score);
        if below {
            let _ = write!(data, ", below {}", self.fail_under);
        }
        if let Some(b) = &report.bar_raiser {
            let _ = write!(data, " — {b}");
        }
        write_command(w, if below { "error" } else { "notice" }, &props, &data)?;
        for (f, region) in report.findings.iter().zip(location::regions(report)) {
            let Region {
                start_line,
                start_column,
                end_line,
                end_column,
            } = region;
            let mut props = file_prop();
            props.extend([
                ("line", start_line.to_string()),
                ("col", start_column.to_string()),
                ("endLine", end_line.to_string()),
                ("endColumn", end_column.to_string()),
                ("title", format!("{} {}", f.code, f.name)),
            ]);
            let data = format!("{}\nhelp: {}", f.message, f.help);
            write_command(w, command(f.severity), &props, &data)?;
        }
        Ok(())
    }

    fn finish(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;
    use std::collections::BTreeMap;

    /// A parsed workflow command: its name, un-escaped properties and message.
    #[derive(Debug)]
    struct Command {
        name: String,
        props: BTreeMap<String, String>,
        data: String,
    }

    fn unescape(s: &str) -> String {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }

    /// Parse one line as the runner does; panic on anything it would not accept.
    fn parse_command(line: &str) -> Command {
        let rest = line.strip_prefix("::").expect("starts with ::");
        let (head, data) = rest.split_once("::").expect("has a second ::");
        let (name, props) = head.split_once(' ').unwrap_or((head, ""));
        assert!(
            ["error", "warning", "notice"].contains(&name),
            "unknown command {name}"
        );
        let mut map = BTreeMap::new();
        for p in props.split(',').filter(|p| !p.is_empty()) {
            let (k, v) = p.split_once('=').expect("key=value");
            assert!(!v.contains(':') && !v.contains('\r') && !v.contains('\n'));
            assert!(
                map.insert(k.to_string(), unescape(v)).is_none(),
                "{k} twice"
            );
        }
        assert!(!data.contains('\r') && !data.contains('\n'));
        Command {
            name: name.into(),
            props: map,
            // In the message only %, CR and LF are escaped: `%3A` there is literal text.
            data: data
                .replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%25", "%"),
        }
    }

    fn render(reports: &[AnswerReport]) -> String {
        render_under(reports, FailUnder::Score(crate::ids::Score::points(50)))
    }

    fn render_under(reports: &[AnswerReport], fail_under: FailUnder) -> String {
        let mut e = GithubEmitter::with_cwd(Some(PathBuf::from("/work/repo")), fail_under);
        let mut out = Vec::new();
        for r in reports {
            e.answer(&mut out, r).unwrap();
        }
        e.finish(&mut out, &crate::report::Summary::of(reports))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snapshot_and_parse_back() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let out = render(&reports);
        insta::assert_snapshot!(out);

        let cmds: Vec<Command> = out.lines().map(parse_command).collect();
        // A verdict line, five findings, one unreadable answer.
        assert_eq!(cmds.len(), 7);
        assert_eq!(cmds[0].name, "notice");
        assert_eq!(cmds[0].props["title"], "starlint verdict");
        assert!(cmds[0]
            .data
            .starts_with("Leaning No Hire (62/100) for Think Big at SDE2 — "));
        for c in &cmds[..6] {
            assert_eq!(c.props["file"], testdata::SOURCE);
        }
        let names: Vec<&str> = cmds[1..6].iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["error", "warning", "error", "warning", "notice"]);
        let we = &cmds[2];
        assert_eq!(we.props["title"], "A901 test-we-actor");
        let at: Vec<&str> = ["line", "col", "endLine", "endColumn"]
            .iter()
            .map(|k| we.props[*k].as_str())
            .collect();
        assert_eq!(at, ["2", "26", "2", "28"]);
        let f = &reports[0].findings[2];
        assert_eq!(cmds[3].data, format!("{}\nhelp: {}", f.message, f.help));
        assert_eq!(cmds[1].props["col"], cmds[1].props["endColumn"]);
        let bad = &cmds[6];
        assert_eq!(bad.name, "error");
        assert_eq!(bad.props["file"], testdata::BAD_SOURCE);
        assert_eq!(bad.props["title"], "starlint");
        assert_eq!(bad.data, "stories/binary.md: binary");
    }

    #[test]
    fn a_verdict_below_the_bar_is_an_error_and_one_at_or_above_it_a_notice() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        // The scored answer: Leaning No Hire, 62.
        for (bar, name, data) in [
            (
                FailUnder::default(),
                "error",
                "Leaning No Hire (62/100) for Think Big at SDE2, below Hire — ",
            ),
            (
                FailUnder::Score(crate::ids::Score::points(63)),
                "error",
                "Leaning No Hire (62/100) for Think Big at SDE2, below a score of 63 — ",
            ),
            (
                FailUnder::Score(crate::ids::Score::points(62)),
                "notice",
                "Leaning No Hire (62/100) for Think Big at SDE2 — ",
            ),
        ] {
            let out = render_under(&reports[..1], bar);
            let verdict = parse_command(out.lines().next().unwrap());
            assert_eq!(verdict.name, name, "{bar:?}");
            assert!(verdict.data.starts_with(data), "{bar:?}: {}", verdict.data);
        }
    }

    #[test]
    fn stdin_has_no_file() {
        let rubric = testdata::rubric();
        let mut reports = testdata::reports(&rubric);
        reports[0].source = location::STDIN_SOURCE.into();
        let out = render(&reports[..1]);
        for c in out.lines().map(parse_command) {
            assert!(!c.props.contains_key("file"));
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50%: a,b\r\nc"), "50%25: a,b%0D%0Ac");
        assert_eq!(escape_property("50%: a,b\r\nc"), "50%25%3A a%2Cb%0D%0Ac");
    }
}
