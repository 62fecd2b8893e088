//! Terminal-safe copies of reports, for the formats people read on a terminal (`human`,
//! `concise`).
//!
//! Everything a report quotes from its input (the answer's text, its file name or id,
//! the words a message quotes, the question) may hold control characters; here each one
//! becomes a visible stand-in ([`crate::text::controls`]), and every span is moved with the
//! bytes so the underlines still fall on the same words. A report with nothing to
//! neutralise is borrowed, not copied. Machine formats are left alone: JSON, SARIF, JUnit
//! and CSV escape by their own rules, and a consumer must get the text as written.

use crate::report::{AnswerReport, Summary};
use crate::text::controls::{has_controls, neutralise_line, neutralise_prose, neutralise_text};
use std::borrow::Cow;

/// A name or a one-line message: every control shown, line breaks too.
fn line(s: &mut String) {
    if let Cow::Owned(o) = neutralise_line(s) {
        *s = o;
    }
}

/// Prose the report wraps itself: controls shown, line breaks kept (they are layout).
fn prose(s: &mut String) {
    if let Cow::Owned(o) = neutralise_prose(s) {
        *s = o;
    }
}

fn opt_prose(s: &mut Option<String>) {
    if let Some(s) = s {
        prose(s);
    }
}

/// True when prose holds a control character other than layout.
fn prose_unsafe(s: &str) -> bool {
    matches!(neutralise_prose(s), Cow::Owned(_))
}

fn unsafe_strings(r: &AnswerReport) -> bool {
    let opt = |s: &Option<String>| s.as_deref().is_some_and(prose_unsafe);
    has_controls(&r.source)
        || opt(&r.bar_raiser)
        || opt(&r.question)
        || r.error.as_deref().is_some_and(has_controls)
        || opt(&r.capped_by)
        || r.costliest.iter().any(|s| has_controls(s))
        || r.findings
            .iter()
            .any(|f| prose_unsafe(&f.message) || prose_unsafe(&f.help))
        || r.probes.iter().any(|p| {
            prose_unsafe(&p.question) || prose_unsafe(&p.probes) || prose_unsafe(&p.strong)
        })
}

/// `r` with every control character it quotes made visible.
pub fn report(r: &AnswerReport) -> Cow<'_, AnswerReport> {
    let text = neutralise_text(&r.text);
    if text.is_none() && !unsafe_strings(r) {
        return Cow::Borrowed(r);
    }
    let mut out = r.clone();
    if let Some(n) = text {
        for s in &mut out.sections {
            s.start = n.map(s.start);
            s.end = n.map(s.end);
        }
        for f in &mut out.findings {
            f.span.start = n.map(f.span.start);
            f.span.end = n.map(f.span.end);
        }
        out.text = n.text;
    }
    let mut source = out.source.to_string();
    line(&mut source);
    out.source = source.into();
    opt_prose(&mut out.bar_raiser);
    opt_prose(&mut out.question);
    if let Some(e) = &mut out.error {
        line(e);
    }
    opt_prose(&mut out.capped_by);
    out.costliest.iter_mut().for_each(line);
    for f in &mut out.findings {
        prose(&mut f.message);
        prose(&mut f.help);
    }
    for p in &mut out.probes {
        prose(&mut p.question);
        prose(&mut p.probes);
        prose(&mut p.strong);
    }
    Cow::Owned(out)
}

/// `s` with the names and messages it quotes made visible.
pub fn summary(s: &Summary) -> Cow<'_, Summary> {
    let any = s
        .weakest
        .iter()
        .any(|w| has_controls(&w.source) || w.top.as_deref().is_some_and(has_controls))
        || s.failed
            .iter()
            .any(|(a, b)| has_controls(a) || has_controls(b))
        || s.by_rule.keys().any(|k| has_controls(k));
    if !any {
        return Cow::Borrowed(s);
    }
    let mut out = s.clone();
    for w in &mut out.weakest {
        line(&mut w.source);
        if let Some(top) = &mut w.top {
            line(top);
        }
    }
    for (a, b) in &mut out.failed {
        line(a);
        line(b);
    }
    out.by_rule = out
        .by_rule
        .into_iter()
        .map(|(k, v)| (neutralise_line(&k).into_owned(), v))
        .collect();
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testdata;

    #[test]
    fn clean_reports_are_borrowed() {
        let rubric = testdata::rubric();
        let reports = testdata::reports(&rubric);
        assert!(matches!(report(&reports[0]), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible_and_spans_follow_their_words() {
        let rubric = testdata::rubric();
        let mut r = testdata::reports(&rubric).remove(0);
        // An escape sequence at the very start: every span after it moves by 2 bytes per
        // control character, and still covers the same words.
        let before: Vec<String> = r
            .findings
            .iter()
            .map(|f| r.text[f.span.start as usize..f.span.end as usize].to_string())
            .collect();
        let shift = "\u{1b}]0;PWNED\u{7}";
        r.text = format!("{shift}{}", r.text);
        let n = u32::try_from(shift.len()).unwrap();
        for f in &mut r.findings {
            f.span.start += n;
            f.span.end += n;
        }
        r.source = "a\u{1b}[2Jb.md".into();
        r.findings[0].message = "“\u{9b}31m” hides it".into();
        let safe = report(&r);
        assert!(safe.text.starts_with("␛]0;PWNED␇"));
        assert_eq!(&*safe.source, "a␛[2Jb.md");
        assert_eq!(safe.findings[0].message, "“\u{fffd}31m” hides it");
        let after: Vec<String> = safe
            .findings
            .iter()
            .map(|f| safe.text[f.span.start as usize..f.span.end as usize].to_string())
            .collect();
        assert_eq!(before, after);
    }
}
