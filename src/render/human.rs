//! `human`: the report a candidate reads after pasting a draft.
//!
//! Top to bottom: the verdict for the LP and level; "Bar Raiser thinks"; a section table
//! (words, estimated seconds vs target as `42 s / 30 s`, a small bar, labelled or
//! inferred); findings grouped by section, most serious first, each as a rustc-style
//! snippet of the answer's own line with the words underlined (annotate-snippets), its
//! message and help; likely follow-ups; the three fixes worth most. Colour never carries
//! meaning on its own: every coloured thing is also written in words.

use super::Emitter;
use crate::ids::{SectionKind, Verdict};
use crate::report::{AnswerReport, Finding, Severity, Summary};
use crate::text::LineIndex;
use annotate_snippets::{Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// Human output options.
#[derive(Debug, Clone)]
pub struct HumanOptions {
    /// Write ANSI colour.
    pub color: bool,
    /// Terminal width to wrap prose at.
    pub width: usize,
    /// Print only answers below this verdict, and no summary (`--quiet`).
    pub quiet_below: Option<Verdict>,
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
pub struct HumanEmitter {
    opts: HumanOptions,
    shown: usize,
}

impl HumanEmitter {
    /// A new emitter.
    pub fn new(opts: HumanOptions) -> HumanEmitter {
        HumanEmitter { opts, shown: 0 }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.opts.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }
}

fn verdict_style(v: Option<Verdict>) -> Style {
    let c = match v {
        Some(Verdict::StrongHire) => AnsiColor::BrightGreen,
        Some(Verdict::Hire) => AnsiColor::Green,
        Some(Verdict::LeaningNoHire) => AnsiColor::Yellow,
        Some(Verdict::NoHire) | None => AnsiColor::Red,
    };
    Style::new().bold().fg_color(Some(c.into()))
}

/// Wrap `text` to `width` columns, indenting continuation lines by `indent` spaces.
pub fn wrap(text: &str, width: usize, first_prefix: &str, indent: usize) -> String {
    let width = width.max(30);
    let mut out = String::new();
    let mut line = first_prefix.to_string();
    let mut line_len = first_prefix.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let wl = word.chars().count();
        if !empty && line_len + 1 + wl > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            line_len = indent;
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += wl;
        empty = false;
    }
    out.push_str(line.trim_end());
    out
}

fn bar(seconds: f64, target: f64) -> String {
    const CELLS: usize = 10;
    let ratio = if target > 0.0 { seconds / target } else { 0.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = ((ratio * CELLS as f64 / 1.5).round() as usize).min(CELLS);
    format!("{}{}", "█".repeat(filled), "░".repeat(CELLS - filled))
}

impl HumanEmitter {
    fn write_report(&mut self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        let width = self.opts.width;
        let bold = Style::new().bold();
        let dim = Style::new().dimmed();
        if self.shown > 0 {
            writeln!(w)?;
            writeln!(w, "{}", "─".repeat(width.min(80)))?;
        }
        self.shown += 1;
        if let Some(err) = &r.error {
            writeln!(
                w,
                "{}: {} {err}",
                self.paint(bold, &r.source),
                self.paint(verdict_style(None), "error:")
            )?;
            return Ok(());
        }
        let verdict = r.verdict.map_or("—", |v| v.human());
        let score = r.score.map_or_else(String::new, |s| format!("{s}/100"));
        writeln!(w, "{}", self.paint(bold, &r.source))?;
        writeln!(
            w,
            "{}  score {score} · {} · {}",
            self.paint(verdict_style(r.verdict), &format!("▌ {verdict}")),
            r.lp.human(),
            r.level.human()
        )?;
        if let Some(q) = &r.question {
            writeln!(w, "{}", wrap(q, width, "Question: ", 10))?;
        }
        if let Some(b) = &r.bar_raiser {
            writeln!(w)?;
            writeln!(w, "{}", wrap(b, width, "Bar Raiser thinks: ", 2))?;
        }
        writeln!(w)?;
        writeln!(w, "{}", self.paint(bold, "Sections"))?;
        for kind in SectionKind::ALL {
            let found: Vec<_> = r.sections.iter().filter(|s| s.name == *kind).collect();
            if found.is_empty() {
                writeln!(
                    w,
                    "  {:<11} {}",
                    kind.human(),
                    self.paint(verdict_style(None), "missing")
                )?;
                continue;
            }
            let words: u32 = found.iter().map(|s| s.words).sum();
            let secs: f64 = found.iter().map(|s| s.seconds).sum();
            let target = found[0].target_seconds;
            let how = if found.iter().any(|s| s.labelled) {
                "labelled"
            } else {
                "inferred"
            };
            let over = if secs > target * 1.5 { " over" } else { "" };
            writeln!(
                w,
                "  {:<11} {:>4} words  {:>10}  {}  {}{}",
                kind.human(),
                words,
                format!("{secs:.0} s / {target:.0} s"),
                bar(secs, target),
                self.paint(dim, how),
                over
            )?;
        }
        if r.findings.is_empty() {
            writeln!(w)?;
            writeln!(w, "No findings.")?;
        } else {
            self.write_findings(w, r)?;
        }
        if !r.probes.is_empty() {
            writeln!(w)?;
            writeln!(w, "{}", self.paint(bold, "Likely follow-ups"))?;
            for (i, p) in r.probes.iter().enumerate() {
                writeln!(
                    w,
                    "{}",
                    wrap(&p.question, width, &format!("  {}. ", i + 1), 5)
                )?;
                writeln!(w, "{}", wrap(&p.probes, width, "     tests: ", 12))?;
                writeln!(w, "{}", wrap(&p.strong, width, "     strong reply: ", 12))?;
            }
        }
        let fixes = top_fixes(&r.findings);
        if !fixes.is_empty() {
            writeln!(w)?;
            let list: Vec<String> = fixes
                .iter()
                .enumerate()
                .map(|(i, f)| format!("({}) {} — {}", i + 1, f.name, f.help))
                .collect();
            writeln!(w, "{}", wrap(&list.join(" "), width, "Fix first: ", 2))?;
        }
        Ok(())
    }

    fn write_findings(&self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        let lines = LineIndex::new(&r.text);
        let renderer = if self.opts.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut groups: Vec<(Option<SectionKind>, Vec<&Finding>)> = Vec::new();
        for kind in SectionKind::ALL.iter().map(|k| Some(*k)).chain([None]) {
            let mut fs: Vec<&Finding> = r.findings.iter().filter(|f| f.section == kind).collect();
            if fs.is_empty() {
                continue;
            }
            fs.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start));
            groups.push((kind, fs));
        }
        for (kind, fs) in groups {
            writeln!(w)?;
            let title = kind.map_or_else(|| "Whole answer".to_string(), |k| k.human().to_string());
            writeln!(w, "{}", self.paint(Style::new().bold().underline(), &title))?;
            for f in fs {
                let level = match f.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                    Severity::Info => Level::Info,
                };
                let id = format!("{} {}", f.code, f.name);
                let line = lines.line_of(f.span.start);
                let line_span = lines.line_span(&r.text, line);
                let src = line_span.slice(&r.text);
                let start = (f.span.start - line_span.start) as usize;
                let end =
                    (f.span.end.min(line_span.end).max(f.span.start) - line_span.start) as usize;
                let (start, end) = (start.min(src.len()), end.min(src.len()));
                let (src, start, end) = snippet_window(src, start, end);
                let src = src.as_ref();
                let label = if f.span.is_empty() {
                    "here"
                } else if f.span.end > line_span.end {
                    "from here"
                } else {
                    ""
                };
                let help = f.help.clone();
                let explain = format!("starlint explain {}", f.code);
                let mut message = level.title(&f.message).id(&id);
                if !src.trim().is_empty() {
                    message = message.snippet(
                        Snippet::source(src)
                            .line_start(line + 1)
                            .origin(&r.source)
                            .annotation(level.span(start..end).label(label)),
                    );
                }
                let message = message
                    .footer(Level::Help.title(&help))
                    .footer(Level::Note.title(&explain));
                writeln!(w, "{}", renderer.render(message))?;
            }
        }
        Ok(())
    }
}

/// Bytes of context kept on each side of a finding when its line is long.
const SNIPPET_CONTEXT: usize = 100;
/// Lines up to this long are shown whole.
const SNIPPET_MAX: usize = 400;

/// The part of a source line a snippet shows, with the span's offsets inside it. A long
/// line (an answer with no line breaks is one line) is cut to the span and some context,
/// marked with `…`, so a megabyte line is neither printed nor copied once per finding.
/// Offsets are moved onto character boundaries.
fn snippet_window(
    src: &str,
    start: usize,
    end: usize,
) -> (std::borrow::Cow<'_, str>, usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(src.len());
        while !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    if src.len() <= SNIPPET_MAX {
        return (std::borrow::Cow::Borrowed(src), start, end);
    }
    let end = floor(end.min(start + 2 * SNIPPET_CONTEXT));
    let from = floor(start.saturating_sub(SNIPPET_CONTEXT));
    let mut to = end + SNIPPET_CONTEXT;
    while to < src.len() && !src.is_char_boundary(to) {
        to += 1;
    }
    let to = to.min(src.len());
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < src.len() { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", &src[from..to]);
    let shift = |i: usize| i - from + lead.len();
    (std::borrow::Cow::Owned(shown), shift(start), shift(end))
}

/// The three fixes worth most: one per rule, errors first, in text order.
fn top_fixes(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start));
    let mut out: Vec<&Finding> = Vec::new();
    for f in v {
        if !out.iter().any(|o| o.name == f.name) {
            out.push(f);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

impl Emitter for HumanEmitter {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        if let Some(bar) = self.opts.quiet_below {
            if report.verdict.is_some_and(|v| v >= bar) {
                return Ok(());
            }
        }
        self.write_report(w, report)
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.opts.quiet_below.is_some() || summary.answers < 2 {
            return Ok(());
        }
        let v = &summary.by_verdict;
        writeln!(w)?;
        writeln!(w, "{}", "═".repeat(self.opts.width.min(80)))?;
        writeln!(
            w,
            "{} answers: {} Strong Hire, {} Hire, {} Leaning No Hire, {} No Hire, {} errors",
            summary.answers, v.strong_hire, v.hire, v.leaning_no_hire, v.no_hire, summary.errors
        )?;
        Ok(())
    }
}
