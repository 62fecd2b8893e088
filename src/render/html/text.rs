//! An answer's text in its blocks, its findings in place.
//!
//! The text is cut into blocks, one per section found (the gaps between them, if they hold
//! words, are blocks too), each named by its section so an inferred Action is as visible
//! as a labelled one. A finding about words becomes a `<mark data-rule="CODE">` around
//! them whose `title` holds the rule and message (a tooltip on hover; the first piece of
//! each mark is focusable and shows it on focus too). A finding about a whole section
//! (a Result with no measure) is a note at the top of that section's block rather than a
//! highlight over all of it; a finding about something absent has no place in the text.
//!
//! Spans are byte offsets into the text: each is clamped to the text and widened to
//! character boundaries before slicing, so no span can split a character or panic. Marks
//! may overlap and may cross a section boundary: the text is cut at every mark and block
//! edge, and each piece opens and closes the marks that cover it, so the HTML always
//! nests.

use super::escape::Esc;
use crate::report::{AnswerReport, Finding, SectionReport};
use std::fmt::Write as _;

/// How far into a section a finding may start and still be about the whole section (a
/// label such as `**Situation/Task:** ` comes before the body).
const LABEL_ROOM: usize = 40;

/// The largest character boundary of `text` at or before `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `text` at or after `i`.
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A stretch of the text shown under one heading: a section, or words between sections.
pub(super) struct Block<'r> {
    /// First byte shown (leading whitespace skipped).
    start: usize,
    /// One past the last byte shown (trailing whitespace skipped).
    end: usize,
    section: Option<&'r SectionReport>,
}

/// Where a finding is shown in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Marked around its words.
    Words { start: usize, end: usize },
    /// A note at the top of block `n`.
    Block(usize),
    /// A note above the whole text.
    Whole,
    /// Nowhere in the text (an empty span: something absent).
    Nowhere,
}

/// `start..end` with the surrounding whitespace of `text` left out.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = text.get(start..end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    (start + lead, start + lead + body.len())
}

/// The blocks of `text` from `body` on (after any front matter).
pub(super) fn blocks<'r>(text: &str, body: usize, sections: &'r [SectionReport]) -> Vec<Block<'r>> {
    let mut sorted: Vec<&SectionReport> = sections.iter().collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut out = Vec::new();
    let mut at = floor_boundary(text, body);
    let mut push = |start: usize, end: usize, section: Option<&'r SectionReport>| {
        let (start, end) = trimmed(text, start, end);
        if start < end {
            out.push(Block {
                start,
                end,
                section,
            });
        }
    };
    for s in sorted {
        let start = floor_boundary(text, s.start as usize).max(at);
        let end = ceil_boundary(text, s.end as usize).max(start);
        if start > at {
            push(at, start, None);
        }
        push(start, end, Some(s));
        at = end;
    }
    if at < text.len() {
        push(at, text.len(), None);
    }
    out
}

pub(super) fn place(text: &str, f: &Finding, blocks: &[Block]) -> Place {
    let start = floor_boundary(text, f.span.start as usize);
    let end = ceil_boundary(text, f.span.end as usize);
    if start >= end {
        return Place::Nowhere;
    }
    let (start, end) = trimmed(text, start, end);
    if start >= end {
        return Place::Nowhere;
    }
    let first = blocks.first().map_or(0, |b| b.start);
    let last = blocks.last().map_or(0, |b| b.end);
    let one_section = blocks.len() == 1 && blocks[0].section.is_some();
    if !blocks.is_empty() && !one_section && start <= first + LABEL_ROOM && end >= last {
        return Place::Whole;
    }
    // Over the whole of the section it starts in (perhaps beyond): a note there.
    if let Some(n) = blocks.iter().position(|b| {
        b.section.is_some() && start >= b.start && start <= b.start + LABEL_ROOM && end >= b.end
    }) {
        return Place::Block(n);
    }
    Place::Words { start, end }
}

/// The tooltip of a finding: `A001 we-language (warning): message`.
fn tip(f: &Finding) -> String {
    format!("{} {} ({}): {}", f.code, f.name, f.severity, f.message)
}

/// A note for a finding about a whole block (or the whole answer).
fn note(out: &mut String, f: &Finding, id: &str) {
    let _ = writeln!(
        out,
        r#"<p class="sec-note sev-{sev}" id="{id}" data-rule="{code}"><span class="sev">{sev}</span> <span class="code">{code}</span> {name}: {msg}</p>"#,
        sev = f.severity,
        code = Esc(&f.code),
        name = Esc(&f.name),
        msg = Esc(&f.message),
    );
}

/// The text in its blocks, findings marked in place.
pub(super) fn write(
    out: &mut String,
    r: &AnswerReport,
    anchor: &str,
    blocks: &[Block],
    places: &[Place],
) {
    let text = r.text.as_str();
    out.push_str(r#"<div class="text">"#);
    for (k, f) in r.findings.iter().enumerate() {
        if places[k] == Place::Whole {
            note(out, f, &format!("{anchor}-f{k}"));
        }
    }
    // Marks, as (start, end, finding), outermost first where they start together.
    let mut marks: Vec<(usize, usize, usize)> = places
        .iter()
        .enumerate()
        .filter_map(|(k, p)| match *p {
            Place::Words { start, end } => Some((start, end, k)),
            _ => None,
        })
        .collect();
    marks.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut points: Vec<usize> = blocks
        .iter()
        .flat_map(|b| [b.start, b.end])
        .chain(marks.iter().flat_map(|m| [m.0, m.1]))
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new(); // indices into `marks`
    let mut opened = vec![false; marks.len()];
    let mut bi = 0;
    let mut open: Option<usize> = None;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        active.retain(|&m| marks[m].1 > a);
        while next < marks.len() && marks[next].0 <= a {
            if marks[next].1 > a {
                active.push(next);
            }
            next += 1;
        }
        while bi < blocks.len() && blocks[bi].end <= a {
            bi += 1;
        }
        if bi >= blocks.len() || blocks[bi].start > a {
            continue; // whitespace between blocks
        }
        if open != Some(bi) {
            if open.is_some() {
                out.push_str("</div></div>\n");
            }
            open_block(out, r, anchor, blocks, bi, places);
            open = Some(bi);
        }
        active.sort_unstable();
        for &m in &active {
            let f = &r.findings[marks[m].2];
            let _ = write!(
                out,
                r#"<mark class="sev-{}" data-rule="{}" title="{}""#,
                f.severity,
                Esc(&f.code),
                Esc(&tip(f))
            );
            if !opened[m] {
                opened[m] = true;
                let _ = write!(out, r#" id="{anchor}-f{}" tabindex="0""#, marks[m].2);
            }
            out.push('>');
        }
        let _ = write!(out, "{}", Esc(text.get(a..b).unwrap_or("")));
        for _ in &active {
            out.push_str("</mark>");
        }
    }
    if open.is_some() {
        out.push_str("</div></div>\n");
    }
    out.push_str("</div>\n");
}

/// Open block `n`: its heading, the notes about all of it, and its body.
fn open_block(
    out: &mut String,
    r: &AnswerReport,
    anchor: &str,
    blocks: &[Block],
    n: usize,
    places: &[Place],
) {
    let b = &blocks[n];
    match b.section {
        Some(s) => {
            let _ = write!(
                out,
                r#"<div class="sec" data-section="{}"><div class="sec-label">{} · {}</div>"#,
                s.name.id(),
                s.name.human(),
                if s.labelled { "labelled" } else { "inferred" }
            );
        }
        None => out.push_str(r#"<div class="sec"><div class="sec-label">Not in a section</div>"#),
    }
    for (k, f) in r.findings.iter().enumerate() {
        if places[k] == Place::Block(n) {
            note(out, f, &format!("{anchor}-f{k}"));
        }
    }
    out.push_str(r#"<div class="sec-body">"#);
}
