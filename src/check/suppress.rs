//! Suppression comments in the answer itself, as markdownlint has them:
//! `<!-- starlint-disable we-language,A003 -->` turns those rules off from that point,
//! `<!-- starlint-enable ... -->` turns them on again, and a bare
//! `<!-- starlint-disable -->` turns every rule off. A rule that is off where its span
//! lies does not report; a rule about the whole answer (its span starts at the answer's
//! first words or before) is off when the comment stands before the first words.
//!
//! HTML comments are also blanked out before analysis, so the rule names inside them
//! ("we-language") are never read as the answer's words.

use super::RawFinding;
use crate::rubric::CompiledRubric;
use crate::text::Span;

#[derive(Debug, Clone, PartialEq)]
struct Directive {
    at: u32,
    enable: bool,
    /// Rule ids; empty means every rule.
    rules: Vec<usize>,
}

/// A copy of `text` with every HTML comment replaced by spaces (same byte length), or
/// `None` when there is none.
pub fn mask_comments(text: &str) -> Option<String> {
    if !text.contains("<!--") {
        return None;
    }
    let mut out = text.as_bytes().to_vec();
    for span in comments(text) {
        for (i, b) in text[span.range()].bytes().enumerate() {
            // Keep line breaks so lines and columns stay the same; blank everything else,
            // byte by byte (multi-byte characters become several spaces, still valid UTF-8).
            if b != b'\n' && b != b'\r' {
                out[span.start as usize + i] = b' ';
            }
        }
    }
    String::from_utf8(out).ok()
}

fn comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let Some(j) = text[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        out.push(Span::new(start, end));
        from = end;
    }
    out
}

fn directives(text: &str, rubric: &CompiledRubric, unknown: &mut Vec<String>) -> Vec<Directive> {
    let mut out = Vec::new();
    for c in comments(text) {
        let inner = text[c.start as usize + 4..c.end as usize - 3].trim();
        let (enable, rest) = if let Some(r) = inner.strip_prefix("starlint-disable") {
            (false, r)
        } else if let Some(r) = inner.strip_prefix("starlint-enable") {
            (true, r)
        } else {
            continue;
        };
        if rest.starts_with(|ch: char| !ch.is_whitespace()) {
            continue;
        }
        let mut rules = Vec::new();
        for name in rest
            .split([',', ' ', '\t', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let ids: Vec<usize> = rubric
                .rules
                .iter()
                .filter(|r| r.selected_by(name))
                .map(|r| r.id)
                .collect();
            if ids.is_empty() {
                unknown.push(name.to_string());
            }
            rules.extend(ids);
        }
        if !rules.is_empty() || rest.trim().is_empty() {
            out.push(Directive {
                at: c.start,
                enable,
                rules,
            });
        }
    }
    out
}

fn off_at(directives: &[Directive], at: u32, rule: usize) -> bool {
    let mut off = false;
    for d in directives.iter().take_while(|d| d.at <= at) {
        if d.rules.is_empty() || d.rules.contains(&rule) {
            off = !d.enable;
        }
    }
    off
}

/// Drop findings whose rule is off where they lie. `first_words` is the offset of the
/// answer's first words (after front matter and comments).
pub fn apply(
    text: &str,
    first_words: u32,
    findings: Vec<RawFinding>,
    rubric: &CompiledRubric,
) -> Vec<RawFinding> {
    let mut unknown = Vec::new();
    let ds = directives(text, rubric, &mut unknown);
    if ds.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter(|f| !off_at(&ds, f.span.start.max(first_words), f.rule))
        .collect()
}
