//! Findings, grouped by section and drawn rustc-style, made to be scanned.
//!
//! Within a section the worst come first (severity, then how much the rule cost the
//! score). Findings of one rule in one section collapse into one entry: every span is
//! underlined in one snippet (at most [`MAX_SPANS`], then "and N more like this"). Only
//! findings about words get `^^^` under those words; a finding about a whole section (a
//! Result with no metric) shows the section's first line once per section, underlined
//! with `-`, and findings about the whole answer or a missing section show no snippet,
//! so the answer is not quoted again for every gap. Info findings are two lines. Each
//! entry ends with the rule's help and a strong example from the rubric.

use super::style::{self, Paint};
use super::text::{count, excerpt, footer_lines, hang, one_line, without_citation};
use crate::ids::SectionKind;
use crate::report::{AnswerReport, Finding, Severity};
use crate::rubric::{CompiledRubric, Kind, Rule};
use crate::text::LineIndex;
use annotate_snippets::{Level, Message, Renderer, Snippet};
use std::collections::HashSet;
use std::io::{self, Write};
use std::ops::Range;

/// Spans underlined in one entry before the rest are counted instead.
pub const MAX_SPANS: usize = 3;
/// The longest strong example quoted in full; longer ones are cut after a sentence.
const MAX_EXAMPLE: usize = 240;

/// One rule's findings in one section; the first is the headline.
struct Entry<'r> {
    findings: Vec<&'r Finding>,
    rule: Option<&'r Rule>,
    severity: Severity,
    rank: usize,
}

impl Entry<'_> {
    fn first(&self) -> &Finding {
        self.findings[0]
    }

    /// About words (phrases, patterns), rather than about a whole section or answer.
    fn about_words(&self) -> bool {
        match self.rule {
            Some(r) => r.kind == Kind::Match,
            None => self.first().span.end - self.first().span.start <= 60,
        }
    }
}

/// The findings renderer.
pub struct Findings<'a> {
    /// The rubric the findings came from (rule kinds and strong examples).
    pub rubric: &'a CompiledRubric,
    /// Colour.
    pub paint: Paint,
    /// Terminal width.
    pub width: usize,
}

fn level_of(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// Lowercase letters and digits only, for comparing prose loosely.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The content words of `text` (lowercase, four letters or more): enough to tell a
/// nursing answer from a warehouse one without a stop-word list.
fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
        .collect()
}

/// Frequent words of four letters or more that say nothing about an answer's field.
const COMMON_WORDS: &[&str] = &[
    "able", "around", "asked", "better", "earlier", "gave", "give", "good", "great", "help",
    "helped", "kept", "later", "learned", "learnt", "look", "looked", "lot", "myself", "really",
    "started", "take", "told", "took", "used", "using", "about", "after", "again", "also",
    "because", "been", "before", "being", "both", "could", "didn", "does", "down", "each", "even",
    "every", "first", "from", "have", "here", "into", "just", "last", "made", "make", "many",
    "more", "most", "much", "need", "never", "next", "only", "other", "over", "same", "should",
    "since", "some", "still", "such", "team", "than", "that", "their", "them", "then", "there",
    "these", "they", "thing", "this", "those", "through", "time", "under", "until", "very", "want",
    "week", "weeks", "well", "went", "were", "what", "when", "where", "which", "while", "will",
    "with", "without", "work", "would", "year", "years", "your",
];

/// How many of `example`'s content words the answer uses; one shared word is chance, not
/// a field, so it counts as none.
fn overlap(example: &str, answer: &HashSet<String>) -> usize {
    let n = content_words(example)
        .iter()
        .filter(|w| answer.contains(*w))
        .count();
    if n >= 2 {
        n
    } else {
        0
    }
}

/// The rule's strong example that fits this finding: for a whole labelled answer, the
/// line of the section concerned; not one the help already quotes; short enough if one
/// is. Among those, the one closest to the answer's own field (most shared content words;
/// the rubric's order breaks ties), so a nurse is shown a ward, not a server. When the
/// rule has an example written for the answer's field, that one is shown.
fn strong_example(
    rule: &Rule,
    field: Option<crate::field::Field>,
    section: Option<SectionKind>,
    help: &str,
    answer: &HashSet<String>,
) -> Option<String> {
    let own: Option<&String> = field.and_then(|f| {
        crate::rubric::wording::Wording::get()
            .rule(&rule.name, f)
            .and_then(|w| w.strong.as_ref())
    });
    let examples: Vec<&String> = match own {
        Some(s) => vec![s],
        None => rule.strong.iter().collect(),
    };
    let mut candidates: Vec<String> = Vec::new();
    for s in examples {
        if s.trim().contains('\n') {
            let Some(kind) = section else { continue };
            let label = format!("{}:", kind.human().to_ascii_lowercase());
            for line in s.lines().map(str::trim) {
                if line.to_ascii_lowercase().starts_with(&label) {
                    if let Some(rest) = line.get(label.len()..) {
                        candidates.push(one_line(rest));
                    }
                }
            }
        } else if !s.trim().is_empty() {
            candidates.push(one_line(s));
        }
    }
    let help = letters(help);
    candidates.retain(|c| {
        let head: String = letters(c).chars().take(30).collect();
        !help.contains(&head)
    });
    let short: Vec<&String> = candidates
        .iter()
        .filter(|c| c.chars().count() <= MAX_EXAMPLE)
        .collect();
    let pool: Vec<&String> = if short.is_empty() {
        candidates.iter().collect()
    } else {
        short
    };
    // max_by_key keeps the last of equals; reversed, that is the rubric's first.
    let best = pool
        .iter()
        .rev()
        .max_by_key(|c| overlap(c, answer))
        .copied()?;
    Some(if best.chars().count() <= MAX_EXAMPLE {
        best.clone()
    } else {
        excerpt(best, MAX_EXAMPLE)
    })
}

impl Findings<'_> {
    fn rule_of(&self, f: &Finding) -> Option<&Rule> {
        self.rubric
            .rules
            .get(f.rule)
            .filter(|r| r.code == f.code)
            .or_else(|| self.rubric.rule(&f.code))
    }

    /// Entries by section (contract order, then the whole answer), worst first.
    fn groups<'r>(&'r self, r: &'r AnswerReport) -> Vec<(Option<SectionKind>, Vec<Entry<'r>>)> {
        let rank = |name: &str| {
            r.costliest
                .iter()
                .position(|n| n == name)
                .unwrap_or(usize::MAX)
        };
        let mut groups = Vec::new();
        for kind in SectionKind::ALL.iter().map(|k| Some(*k)).chain([None]) {
            let mut entries: Vec<Entry> = Vec::new();
            for f in r.findings.iter().filter(|f| f.section == kind) {
                if let Some(e) = entries.iter_mut().find(|e| e.first().code == f.code) {
                    e.findings.push(f);
                    e.severity = e.severity.max(f.severity);
                } else {
                    entries.push(Entry {
                        findings: vec![f],
                        rule: self.rule_of(f),
                        severity: f.severity,
                        rank: rank(&f.name),
                    });
                }
            }
            if entries.is_empty() {
                continue;
            }
            for e in &mut entries {
                e.findings
                    .sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start));
            }
            entries.sort_by_key(|e| (std::cmp::Reverse(e.severity), e.rank, e.first().span.start));
            groups.push((kind, entries));
        }
        groups
    }

    /// Write every group.
    pub fn write(&self, w: &mut dyn Write, r: &AnswerReport) -> io::Result<()> {
        let lines = LineIndex::new(&r.text);
        let answer_words = content_words(&r.text);
        for (kind, entries) in self.groups(r) {
            writeln!(w)?;
            self.heading(w, kind, &entries)?;
            let mut section_quoted = false;
            for (i, e) in entries.iter().enumerate() {
                let quote_section = !e.about_words() && !section_quoted && kind.is_some();
                // The level's advice for a Reflection goes with the first Reflection finding.
                let guidance = (i == 0 && kind == Some(SectionKind::Reflection))
                    .then(|| {
                        let field = r.field.unwrap_or(crate::field::Field::GENERAL);
                        let own = crate::rubric::wording::Wording::get()
                            .level(r.level, field)
                            .and_then(|l| l.reflection.as_deref());
                        without_citation(own.unwrap_or(&self.rubric.level(r.level).reflection))
                    })
                    .filter(|g| !g.is_empty());
                let out = self.entry(
                    r,
                    &lines,
                    e,
                    quote_section,
                    guidance.as_deref(),
                    &answer_words,
                );
                section_quoted |= out.1;
                if i > 0 {
                    writeln!(w)?;
                }
                writeln!(w, "{}", out.0)?;
            }
        }
        Ok(())
    }

    /// `── Action · 2 errors, 1 warning ─────`
    fn heading(
        &self,
        w: &mut dyn Write,
        kind: Option<SectionKind>,
        entries: &[Entry],
    ) -> io::Result<()> {
        let title = kind.map_or("Whole answer", |k| k.human());
        let mut tally = Vec::new();
        for (sev, one, many) in [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "info", "info"),
        ] {
            let n: usize = entries
                .iter()
                .flat_map(|e| &e.findings)
                .filter(|f| f.severity == sev)
                .count();
            if n > 0 {
                tally.push(count(n, one, many));
            }
        }
        let text = format!("── {title} · {} ", tally.join(", "));
        let fill = self.width.min(80).saturating_sub(text.chars().count());
        // Too narrow for any rule: the heading alone, without its trailing space.
        let text = if fill == 0 { text.trim_end() } else { &text };
        writeln!(
            w,
            "{}",
            self.paint
                .paint(style::BOLD, &format!("{text}{}", "─".repeat(fill)))
        )
    }

    /// One entry, rendered; the flag says whether it quoted its section's text.
    fn entry(
        &self,
        r: &AnswerReport,
        lines: &LineIndex,
        e: &Entry,
        quote_section: bool,
        level_guidance: Option<&str>,
        answer_words: &HashSet<String>,
    ) -> (String, bool) {
        let f = e.first();
        let id = format!("{} {}", f.code, f.name);
        let sev_word = f.severity.id();
        let prefix_len = sev_word.len() + id.len() + 4; // "error[" + id + "]: "
        let title = hang(&one_line(&f.message), self.width, prefix_len);

        // The snippet: which lines, which spans.
        let mut anns: Vec<(Range<usize>, bool)> = Vec::new(); // (absolute range, words)
        let mut hidden: Vec<&Finding> = Vec::new(); // findings whose spans are not underlined
        let mut quoted = false;
        if e.severity > Severity::Info {
            if e.about_words() {
                // Spans are underlined together only while they fit in one window of
                // the terminal (the renderer shares one window across lines); the rest
                // are counted.
                let window = self.width.saturating_sub(12);
                let col = |at: u32| lines.line_col(&r.text, at).column as usize;
                let mut cols: Option<(usize, usize)> = None;
                for g in &e.findings {
                    if g.span.start == g.span.end {
                        continue;
                    }
                    let range = g.span.start as usize..g.span.end as usize;
                    let end_col = if lines.line_of(g.span.end) == lines.line_of(g.span.start) {
                        col(g.span.end)
                    } else {
                        col(g.span.start) + 1
                    };
                    let (lo, hi) = cols.map_or((col(g.span.start), end_col), |(lo, hi)| {
                        (lo.min(col(g.span.start)), hi.max(end_col))
                    });
                    let fits_line = cols.is_none() || hi - lo <= window;
                    if anns.len() < MAX_SPANS && fits_line {
                        cols = Some((lo, hi));
                        anns.push((range, true));
                    } else {
                        hidden.push(g);
                    }
                }
            } else if quote_section && f.span.end > f.span.start {
                anns.push((f.span.start as usize..f.span.end as usize, false));
                quoted = true;
            }
        } else {
            hidden.extend(e.findings.iter().skip(1));
        }

        let first_line = anns
            .iter()
            .map(|(a, _)| lines.line_of(a.start as u32))
            .min();
        let last_line = anns
            .iter()
            .map(|(a, _)| lines.line_of(a.start as u32))
            .max();
        // The renderer indents footers by the line-number width plus one (one space when
        // there is no snippet).
        let margin = last_line.map_or(1, |l| digits(l + 1) + 1);
        let footer_prefix = margin + "= help: ".len();

        // Help, then a strong example from the rubric (not for info: keep those short).
        let mut help = one_line(&f.help);
        if e.severity > Severity::Info {
            if let Some(ex) = e
                .rule
                .and_then(|rule| strong_example(rule, r.field, f.section, &help, answer_words))
            {
                help.push_str(&format!("\u{0}Strong: “{ex}”"));
            }
            if let Some(g) = level_guidance {
                help.push_str(&format!("\u{0}At {}: {g}", r.level_name));
            }
        }
        let help = help
            .split('\u{0}')
            .map(|part| footer_lines(part, self.width, footer_prefix))
            .collect::<Vec<_>>()
            .join("\n");
        let more = (!hidden.is_empty()).then(|| {
            footer_lines(
                &more_like_this(r, &hidden),
                self.width,
                margin + "= note: ".len(),
            )
        });

        let (source, start_line, source_start) = match (first_line, last_line) {
            (Some(a), Some(b)) => {
                let s = lines.line_span(&r.text, a).start as usize;
                let end = lines.line_span(&r.text, b).end as usize;
                (r.text.get(s..end).unwrap_or(""), a + 1, s)
            }
            _ => ("", 0, 0),
        };
        let labels: Vec<String> = anns
            .iter()
            .map(|(a, words)| {
                if *words {
                    return String::new();
                }
                section_label(r, f.section, a.start)
            })
            .collect();
        let level = level_of(e.severity);
        let renderer = self.renderer(e.severity);
        // A section's underline is cut to its first sentence and to the width; if the
        // renderer's window still overflows, try shorter, then without the label.
        let budget = self.width.saturating_sub(margin + 3 + 16);
        let mut out = String::new();
        for (clip_to, with_label) in [
            (budget, true),
            (budget / 2, true),
            (budget / 2, false),
            (12, false),
        ] {
            let mut message: Message = level.title(&title).id(&id);
            if !source.is_empty() {
                let mut snippet = Snippet::source(source)
                    .line_start(start_line)
                    .origin(&r.source)
                    .fold(true);
                for ((a, words), label) in anns.iter().zip(&labels) {
                    // Each span is drawn on its own first line only.
                    let line = lines.line_of(u32::try_from(a.start).unwrap_or(u32::MAX));
                    let line_end = lines.line_span(&r.text, line).end as usize;
                    let s = a.start.saturating_sub(source_start).min(source.len());
                    let end = a
                        .end
                        .min(line_end)
                        .saturating_sub(source_start)
                        .clamp(s, source.len());
                    let ann = if *words {
                        // A long span is underlined for one window's width.
                        let keep = clip_chars(
                            source.get(s..end).unwrap_or(""),
                            self.width.saturating_sub(margin + 8),
                        );
                        Level::Error.span(s..s + keep)
                    } else {
                        let keep = clip(
                            source.get(s..end).unwrap_or(""),
                            clip_to.saturating_sub(label.len()),
                        );
                        let ann = Level::Warning.span(s..s + keep);
                        if with_label {
                            ann.label(label)
                        } else {
                            ann
                        }
                    };
                    snippet = snippet.annotation(ann);
                }
                message = message.snippet(snippet);
            }
            message = message.footer(Level::Help.title(&help));
            if let Some(m) = &more {
                message = message.footer(Level::Note.title(m));
            }
            out = renderer.render(message).to_string();
            // A header whose message moved to the next line ends in a space.
            if out.lines().any(|l| l.ends_with(' ')) {
                let end = if out.ends_with('\n') { "\n" } else { "" };
                out = out
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
                    + end;
            }
            if fits(&out, self.width) {
                break;
            }
        }
        (out, quoted)
    }

    /// Plain, or styled with the underline in the finding's own colour (annotate-snippets
    /// draws `^` only for its error level, so warnings borrow it with their own style).
    fn renderer(&self, s: Severity) -> Renderer {
        let r = if self.paint.color {
            let st = style::severity(s);
            Renderer::styled().error(st).warning(st)
        } else {
            Renderer::plain()
        };
        r.term_width(self.width)
    }
}

/// The findings of an entry that are not underlined: "also “They fixed” (line 8)", or
/// past three, "and 5 more like this, on lines 9, 12 and 14".
fn more_like_this(r: &AnswerReport, hidden: &[&Finding]) -> String {
    const NAMED: usize = 3;
    let mut lines: Vec<String> = hidden.iter().map(|f| f.span.line.to_string()).collect();
    lines.dedup();
    let on_lines = |lines: &mut Vec<String>| match lines.len() {
        1 => format!("line {}", lines[0]),
        _ => {
            let last = lines.pop().unwrap_or_default();
            format!("lines {} and {last}", lines.join(", "))
        }
    };
    let words: Vec<String> = hidden
        .iter()
        .filter_map(|f| r.text.get(f.span.start as usize..f.span.end as usize))
        .map(|t| format!("“{}”", excerpt(t, 40)))
        .collect();
    if hidden.len() <= NAMED && words.len() == hidden.len() {
        format!("also {} ({})", words.join(", "), on_lines(&mut lines))
    } else {
        format!(
            "and {} more like this, on {}",
            hidden.len(),
            on_lines(&mut lines)
        )
    }
}

/// Visible width of a rendered line: ANSI escape sequences do not count.
fn visible_len(line: &str) -> usize {
    let mut n = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            n += 1;
        }
    }
    n
}

/// True when a rendered line quotes the answer (`12 | …`): the one kind of line allowed
/// to be wider than the terminal.
fn is_quote(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(" |")
}

/// Every line but the quoted answer lines fits in `width` columns.
pub(super) fn fits(rendered: &str, width: usize) -> bool {
    rendered
        .lines()
        .all(|l| is_quote(l) || visible_len(l) <= width)
}

/// The byte length of the first `max` characters of `text` (at least one character).
fn clip_chars(text: &str, max: usize) -> usize {
    text.char_indices()
        .nth(max.max(1))
        .map_or(text.len(), |(i, _)| i)
}

/// How much of a section's first line to underline: its first sentence, at most `max`
/// bytes (on a character boundary), so the underline fits the terminal.
fn clip(line: &str, max: usize) -> usize {
    let max = max.max(12);
    let sentence = line
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && *i > 0)
        .map_or(line.len(), |(i, c)| i + c.len_utf8());
    let mut end = sentence.min(max).min(line.len());
    while end > 0 && !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].trim_end().len()
}

/// "the Result", or "read as the Result" when it was inferred.
fn section_label(r: &AnswerReport, section: Option<SectionKind>, at: usize) -> String {
    let Some(kind) = section else {
        return String::new();
    };
    r.sections
        .iter()
        .find(|s| s.name == kind && (s.start as usize..s.end as usize).contains(&at))
        .map_or_else(String::new, |s| {
            if s.labelled {
                format!("the {}", kind.human())
            } else {
                format!("read as the {}", kind.human())
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strong_example_closest_to_the_answer_is_chosen() {
        let rubric = crate::rubric::default_rubric().expect("default rubric");
        let rule = rubric
            .rules
            .iter()
            .find(|r| r.strong.iter().any(|s| s.contains("weekend overtime")))
            .expect("a rule with the rota example");
        let pick =
            |answer: &str| strong_example(rule, None, None, "", &content_words(answer)).unwrap();
        assert!(pick("I rebuilt the weekend rota to cut overtime.").contains("overtime"));
        assert!(pick("Our monitoring missed it and debugging took days.").contains("monitoring"));
        // One shared word is chance: the rubric's first example stays.
        assert_eq!(pick("The rota was late."), one_line(&rule.strong[0]));
        // Nothing shared: the rubric's first example, as before.
        assert_eq!(pick("Zzz."), one_line(&rule.strong[0]));
    }

    #[test]
    fn content_words_skip_short_words_and_case() {
        let w = content_words("We fixed the Rota; the rota was late.");
        assert!(w.contains("rota") && w.contains("fixed") && w.contains("late"));
        assert!(!w.contains("we") && !w.contains("the") && !w.contains("was"));
    }
}
