//! One answer in full: its verdict and score, the Bar Raiser line, its sections against
//! their targets, its text with every finding in place ([`super::text`]), its findings
//! listed worst first (one entry per rule, each linking to where it is shown), and the
//! likely follow-ups.

use super::escape::Esc;
use super::text::{self, Place};
use crate::ids::SectionKind;
use crate::report::{AnswerReport, Finding, SectionReport, Severity};
use std::fmt::Write as _;

/// Distinct messages listed for one rule's findings before the rest are counted.
const MESSAGES: usize = 3;

/// The human name of where a finding is about.
fn about(f: &Finding) -> &'static str {
    f.section.map_or("whole answer", SectionKind::human)
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
        r.level_name,
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
    let blocks = text::blocks(&r.text, body, &r.sections);
    let places: Vec<Place> = r
        .findings
        .iter()
        .map(|f| text::place(&r.text, f, &blocks))
        .collect();
    text::write(out, r, anchor, &blocks, &places);
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
