//! One answer in full: its verdict and score, the Bar Raiser line, its sections, its text
//! with every finding in place, its findings listed worst first, and the likely follow-ups.
//!
//! The text is cut into blocks, one per section found (the gaps between them, if they hold
//! words, are blocks too), each named by its section so an inferred Action is as visible
//! as a labelled one. A finding about words becomes a `<mark data-rule="CODE">` around
//! them whose `title` holds the rule and message (a tooltip on hover; the first piece of
//! each mark is focusable and shows it on focus too). A finding about a whole section
//! (a Result with no measure) is a note at the top of that section's block rather than a
//! highlight over all of it; a finding about something absent has no place in the text
//! and is only listed.
//!
//! Spans are byte offsets into the text: each is clamped to the text and widened to
//! character boundaries before slicing, so no span can split a character or panic. Marks
//! may overlap and may cross a section boundary: the text is cut at every mark and block
//! edge, and each piece opens and closes the marks that cover it, so the HTML always
//! nests.

use super::escape::Esc;
use crate::ids::SectionKind;
use crate::report::{AnswerReport, Finding, SectionReport, Severity};
use std::fmt::Write as _;

/// How far into a section a finding may start and still be about the whole section (a
/// label such as `**Situation/Task:** ` comes before the body).
const LABEL_ROOM: usize = 40;

/// Distinct messages listed for one rule's findings before the rest are counted.
const MESSAGES: usize = 3;

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
struct Block<'r> {
    /// First byte shown (leading whitespace skipped).
    start: usize,
    /// One past the last byte shown (trailing whitespace skipped).
    end: usize,
    section: Option<&'r SectionReport>,
}

/// Where a finding is shown in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
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
fn blocks<'r>(text: &str, body: usize, sections: &'r [SectionReport]) -> Vec<Block<'r>> {
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

fn place(text: &str, f: &Finding, blocks: &[Block]) -> Place {
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

/// The human name of where a finding is about.
fn about(f: &Finding) -> &'static str {
    f.section.map_or("whole answer", SectionKind::human)
}

/// The tooltip of a finding: `A001 we-language (warning): message`.
fn tip(f: &Finding) -> String {
    format!("{} {} ({}): {}", f.code, f.name, f.severity, f.message)
}

/// Write one answer as an `<article id="{anchor}">`.
pub fn write(out: &mut String, r: &AnswerReport, anchor: &str) {
    let verdict_id = r.verdict.map_or("error", |v| v.id());
    let _ = write!(
        out,
        r#"<article class="answer" id="{anchor}" data-verdict="{verdict_id}"><header><h3><span class="verdict v-{verdict_id}">{}</span>"#,
        r.verdict.map_or("Could not read", |v| v.human())
    );
    if let Some(score) = r.score {
        let _ = write!(out, r#"<span class="score">{score}/100</span>"#);
    }
    let _ = write!(
        out,
        r#"<span class="src">{}</span></h3><span class="muted">{} · {} · {} {}</span></header>"#,
        Esc(&r.source),
        r.lp.human(),
        r.level.human(),
        r.findings.len(),
        if r.findings.len() == 1 {
            "finding"
        } else {
            "findings"
        }
    );
    if let Some(e) = &r.error {
        let _ = writeln!(
            out,
            "<p>This input could not be read: {}.</p></article>",
            Esc(e)
        );
        return;
    }
    if let Some(q) = &r.question {
        let _ = write!(out, r#"<p class="question">{}</p>"#, Esc(q));
    }
    if let Some(br) = &r.bar_raiser {
        let _ = write!(
            out,
            r#"<p class="br"><strong>Bar Raiser thinks:</strong> {}</p>"#,
            Esc(br)
        );
    }
    // ── Dimension ratings ─────────────────────────────────────────────────────────────
    // Reserved: when AnswerReport carries the Bar Raiser's dimensions (ownership, action,
    // depth, result, reflection, lp, delivery, each strong / adequate / weak / missing /
    // red_flag; the contract's "JSON: the Bar Raiser's dimensions"), they are rendered
    // here, between the Bar Raiser line and the sections, each rating as a word.
    sections_table(out, r);
    // Front matter (`lp:`, `level:`) is metadata the header already shows, not the answer.
    let body = crate::input::parse_front_matter(&r.text).map_or(0, |(_, at)| at);
    let blocks = blocks(&r.text, body, &r.sections);
    let places: Vec<Place> = r
        .findings
        .iter()
        .map(|f| place(&r.text, f, &blocks))
        .collect();
    text(out, r, anchor, &blocks, &places);
    findings_list(out, r, anchor, &places);
    if !r.probes.is_empty() {
        out.push_str(r#"<div class="probes"><h4>Likely follow-ups</h4><ul>"#);
        for p in &r.probes {
            let _ = writeln!(
                out,
                r#"<li>{} <span class="muted">({}; a strong reply: {})</span></li>"#,
                Esc(&p.question),
                Esc(&p.probes),
                Esc(&p.strong)
            );
        }
        out.push_str("</ul></div>");
    }
    out.push_str("</article>\n");
}

/// Each section's words and speaking time against its target; missing ones say so.
fn sections_table(out: &mut String, r: &AnswerReport) {
    out.push_str(
        r#"<table class="sections"><thead><tr><th>Section</th><th class="num">Words</th><th class="num">Time / target</th><th>Found</th></tr></thead><tbody>"#,
    );
    for kind in SectionKind::ALL {
        let found: Vec<&SectionReport> = r.sections.iter().filter(|s| s.name == *kind).collect();
        if found.is_empty() {
            let _ = writeln!(
                out,
                r#"<tr><td>{}</td><td class="num">–</td><td class="num">–</td><td><strong>missing</strong></td></tr>"#,
                kind.human()
            );
            continue;
        }
        for s in found {
            let over = s.seconds > s.target_seconds;
            let _ = writeln!(
                out,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num{}">{:.0} s / {:.0} s{}</td><td>{}</td></tr>"#,
                kind.human(),
                s.words,
                if over { " over" } else { "" },
                s.seconds,
                s.target_seconds,
                if over { " (over)" } else { "" },
                if s.labelled { "labelled" } else { "inferred" }
            );
        }
    }
    out.push_str("</tbody></table>");
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
fn text(out: &mut String, r: &AnswerReport, anchor: &str, blocks: &[Block], places: &[Place]) {
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

/// The findings, one entry per rule, worst first; each links to where it is shown.
fn findings_list(out: &mut String, r: &AnswerReport, anchor: &str, places: &[Place]) {
    if r.findings.is_empty() {
        out.push_str("<p><strong>No findings.</strong></p>");
        return;
    }
    // Rules in order of their worst finding, then of their first place in the text.
    let mut groups: Vec<(Severity, u32, Vec<usize>)> = Vec::new();
    for (k, f) in r.findings.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|g| r.findings[g.2[0]].code == f.code && r.findings[g.2[0]].name == f.name)
        {
            Some(g) => {
                g.0 = g.0.max(f.severity);
                g.2.push(k);
            }
            None => groups.push((f.severity, f.span.start, vec![k])),
        }
    }
    groups.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out.push_str(r#"<h4>Findings</h4><ol class="findings">"#);
    for (severity, _, ks) in &groups {
        let f = &r.findings[ks[0]];
        let _ = write!(
            out,
            r#"<li class="sev-{severity}" data-rule="{code}"><span class="sev">{severity}</span> <span class="code">{code}</span> <strong>{name}</strong>"#,
            code = Esc(&f.code),
            name = Esc(&f.name),
        );
        if ks.len() > 1 {
            let _ = write!(out, " ×{}", ks.len());
        }
        // Where they are about and what they say, each once (a rule can fire on two
        // missing sections, or on "we" and "our team").
        let mut wheres: Vec<&str> = Vec::new();
        let mut messages: Vec<&str> = Vec::new();
        for &k in ks {
            let g = &r.findings[k];
            if !wheres.contains(&about(g)) {
                wheres.push(about(g));
            }
            if !messages.contains(&g.message.as_str()) {
                messages.push(&g.message);
            }
        }
        let _ = write!(
            out,
            r#" <span class="muted">({})</span>: "#,
            wheres.join(", ")
        );
        for (i, m) in messages.iter().take(MESSAGES).enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            let _ = write!(out, "{}", Esc(m));
        }
        if messages.len() > MESSAGES {
            let _ = write!(out, "; and {} more", messages.len() - MESSAGES);
        }
        let links: Vec<usize> = ks
            .iter()
            .copied()
            .filter(|&k| places[k] != Place::Nowhere)
            .collect();
        for (i, k) in links.iter().enumerate() {
            let label = if links.len() == 1 {
                "show".to_string()
            } else {
                (i + 1).to_string()
            };
            let _ = write!(out, r##" <a href="#{anchor}-f{k}">{label}</a>"##);
        }
        if !f.help.is_empty() {
            let _ = write!(out, r#"<div class="help">{}</div>"#, Esc(&f.help));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;

    fn page() -> String {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        let mut out = String::new();
        write(&mut out, &reports[0], "a0");
        out
    }

    /// The element text of `html` with tags dropped and the five references undone.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn findings_about_words_are_marked_in_place() {
        let html = page();
        assert!(
            html.contains(r#"data-rule="A901" title="A901 test-we-actor (warning): “we” hides what you did" id="a0-f1" tabindex="0">we</mark>"#),
            "{html}"
        );
        assert!(html.contains(r#"data-rule="A902""#) && html.contains(">escalated</mark>"));
        assert!(html.contains(">communication is important</mark>"));
        // The whole-Result finding is a note on the Result block, not a highlight.
        assert!(!html.contains(r#"<mark class="sev-warning" data-rule="R901""#));
        let result = html.find(r#"data-section="result""#).unwrap();
        let note = html.find(r#"id="a0-f3" data-rule="R901""#).unwrap();
        assert!(note > result, "the note sits in the Result block");
        // The absent Task has no place in the text but is listed, and the table says so.
        assert!(html.contains(r#"<li class="sev-error" data-rule="G901">"#));
        assert!(!html.contains(r##"href="#a0-f0""##));
        assert!(html.contains("<td>Task</td><td class=\"num\">–</td><td class=\"num\">–</td><td><strong>missing</strong>"));
    }

    #[test]
    fn the_text_survives_whole() {
        let html = page();
        let start = html.find(r#"<div class="text">"#).unwrap();
        let end = html[start..].find("<h4>Findings").unwrap() + start;
        let shown = visible(&html[start..end]);
        // Every word of the answer is shown once, in order (notes and labels aside).
        for line in testdata::TEXT.lines() {
            assert!(shown.contains(line.trim()), "{line:?} not in {shown:?}");
        }
        assert!(html.contains("&lt;was&gt; done &amp; &quot;fixed&quot;"));
    }

    #[test]
    fn spans_off_char_boundaries_and_overlaps_still_nest() {
        let rubric = testdata::rubric();
        let mut r = testdata::reports(&rubric).remove(0);
        let base = r.findings[1].clone();
        // Inside "Señora" (ñ is two bytes): start and end both mid-character.
        let at = r.text.find("ñ").unwrap();
        let mut inside = base.clone();
        inside.span.start = u32::try_from(at + 1).unwrap();
        inside.span.end = u32::try_from(at + 1).unwrap() + 1;
        // One that overlaps "we" and runs past it; one past the end of the text.
        let mut overlap = base.clone();
        let we = base.span.start;
        overlap.span.start = we - 3;
        overlap.span.end = we + 10;
        let mut beyond = base;
        beyond.span.start = 10_000;
        beyond.span.end = 10_010;
        r.findings.extend([inside, overlap, beyond]);
        let mut out = String::new();
        write(&mut out, &r, "x");
        assert!(out.contains(">ñ</mark>"), "{out}");
        // Every mark opened is closed, in nesting order.
        let mut depth = 0i32;
        let mut rest = out.as_str();
        while let Some(i) = rest
            .find("<mark")
            .into_iter()
            .chain(rest.find("</mark>"))
            .min()
        {
            if rest[i..].starts_with("</mark>") {
                depth -= 1;
                rest = &rest[i + 7..];
            } else {
                depth += 1;
                rest = &rest[i + 5..];
            }
            assert!(depth >= 0);
        }
        assert_eq!(depth, 0);
        assert_eq!(out.matches("<div").count(), out.matches("</div>").count());
    }
}
