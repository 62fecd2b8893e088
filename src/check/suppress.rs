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

/// Which rules are off at a point, as the directives before it leave them. A directive
/// for named rules sets theirs; a bare one sets every rule's; the later setting wins.
struct Sweep {
    seq: u64,
    /// `(off, when)` set by the last bare directive.
    all: (bool, u64),
    /// `(off, when)` per rule, set by the last directive naming it.
    rules: Vec<(bool, u64)>,
}

impl Sweep {
    fn new(n_rules: usize) -> Sweep {
        Sweep {
            seq: 0,
            all: (false, 0),
            rules: vec![(false, 0); n_rules],
        }
    }

    fn apply(&mut self, d: &Directive) {
        self.seq += 1;
        let set = (!d.enable, self.seq);
        if d.rules.is_empty() {
            self.all = set;
        }
        for &r in &d.rules {
            if let Some(slot) = self.rules.get_mut(r) {
                *slot = set;
            }
        }
    }

    fn off(&self, rule: usize) -> bool {
        let own = self.rules.get(rule).copied().unwrap_or((false, 0));
        if own.1 > self.all.1 {
            own.0
        } else {
            self.all.0
        }
    }
}

/// Drop findings whose rule is off where they lie. `first_words` is the offset of the
/// answer's first words (after front matter and comments).
///
/// One sweep over the findings in position order and the directives in text order, so
/// an answer with thousands of comments costs O((F + D) log F), not F × D.
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
    let at = |f: &RawFinding| f.span.start.max(first_words);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| at(&findings[i]));
    let mut keep = vec![true; findings.len()];
    let mut sweep = Sweep::new(rubric.rules.len());
    let mut next = 0;
    for i in order {
        let f = &findings[i];
        while let Some(d) = ds.get(next).filter(|d| d.at <= at(f)) {
            sweep.apply(d);
            next += 1;
        }
        keep[i] = !sweep.off(f.rule);
    }
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}
