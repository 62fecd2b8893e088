//! MATCH: run the rubric's compiled matchers once over an answer.
//!
//! One pass of the aho-corasick automaton finds every phrase of every rule and every
//! section cue (overlapping, so phrases of different rules that overlap all fire), then a
//! whole-word check drops matches inside words ("we" in "webhook", "weekly", "were").
//! Each regex runs once over the whole answer, never per sentence; checks map a hit to its
//! sentence and section by binary search on offsets.

use crate::rubric::{CompiledRubric, Owner};
use crate::text::Span;

/// One match of a phrase, pattern or cue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Whose phrase or pattern it is.
    pub(crate) owner: Owner,
    /// Where it matched.
    pub span: Span,
    /// The first capture group, for patterns that need it.
    pub capture: Option<Span>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when the match `start..end` of `text` is not part of a longer word on the sides
/// that need checking. A slash joins words too: "I/O" is one word, not "I".
fn whole_word(text: &str, start: usize, end: usize, check_start: bool, check_end: bool) -> bool {
    if check_start {
        if let Some(c) = text[..start].chars().next_back() {
            if is_word_char(c) {
                return false;
            }
            if c == '/'
                && text[..start - 1]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            {
                return false;
            }
        }
    }
    if check_end {
        let mut after = text[end..].chars();
        if let Some(c) = after.next() {
            if is_word_char(c) {
                return false;
            }
            if c == '/' && after.next().is_some_and(is_word_char) {
                return false;
            }
        }
    }
    true
}

/// Regions at least this long are scanned on several threads: the phrase automaton on
/// one, the regexes spread over the others. Each matcher's hits are the same either way
/// and are joined in the same order before the (stable) sort, so the result is identical;
/// only a huge answer (a 20 MB paste) gets its second core instead of waiting on one.
const PARALLEL_BYTES: usize = 1 << 20;

/// Every hit in `region` of `text`, sorted by start offset.
pub fn scan(rubric: &CompiledRubric, text: &str, region: Span) -> Vec<Hit> {
    scan_with(rubric, text, region, region.len() >= PARALLEL_BYTES)
}

fn scan_with(rubric: &CompiledRubric, text: &str, region: Span, parallel: bool) -> Vec<Hit> {
    let Some(hay) = text.get(region.range()) else {
        return Vec::new();
    };
    let base = region.start as usize;
    let m = &rubric.matchers;
    let mut hits = if parallel {
        use rayon::prelude::*;
        let (mut hits, per_pattern) = rayon::join(
            || phrase_hits(rubric, text, hay, base),
            || {
                m.patterns
                    .par_iter()
                    .map(|p| {
                        let mut v = Vec::new();
                        pattern_hits(p, hay, base, &mut v);
                        v
                    })
                    .collect::<Vec<Vec<Hit>>>()
            },
        );
        hits.extend(per_pattern.into_iter().flatten());
        hits
    } else {
        let mut hits = phrase_hits(rubric, text, hay, base);
        for p in &m.patterns {
            pattern_hits(p, hay, base, &mut hits);
        }
        hits
    };
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    hits
}

/// Whole-word hits of the phrase automaton in `hay` (which starts at `base` of `text`).
fn phrase_hits(rubric: &CompiledRubric, text: &str, hay: &str, base: usize) -> Vec<Hit> {
    let mut hits = Vec::new();
    let m = &rubric.matchers;
    if let Some(ac) = &m.ac {
        for mat in ac.find_overlapping_iter(hay) {
            let (owners, ws, we) = &m.ac_owners[mat.pattern().as_usize()];
            let (s, e) = (base + mat.start(), base + mat.end());
            if !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
                || !whole_word(text, s, e, *ws, *we)
            {
                continue;
            }
            for owner in owners {
                hits.push(Hit {
                    owner: *owner,
                    span: Span::new(s, e),
                    capture: None,
                });
            }
        }
    }
    hits
}

/// Non-empty matches of one regex in `hay` (which starts at `base`), appended to `hits`.
fn pattern_hits(p: &crate::rubric::Pattern, hay: &str, base: usize, hits: &mut Vec<Hit>) {
    if p.wants_capture {
        for caps in p.re.captures_iter(hay) {
            let Some(all) = caps.get(0) else { continue };
            if all.is_empty() {
                continue;
            }
            let capture = caps
                .get(1)
                .map(|c| Span::new(base + c.start(), base + c.end()));
            hits.push(Hit {
                owner: p.owner,
                span: Span::new(base + all.start(), base + all.end()),
                capture,
            });
        }
    } else {
        for mat in p.re.find_iter(hay) {
            if mat.is_empty() {
                continue;
            }
            hits.push(Hit {
                owner: p.owner,
                span: Span::new(base + mat.start(), base + mat.end()),
                capture: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{scan_with, whole_word};
    use crate::text::Span;

    #[test]
    fn parallel_scan_finds_exactly_the_sequential_hits() {
        let rubric = crate::rubric::default_rubric().expect("default rubric");
        let story = "Situation: our team had a problem. Task: nobody had asked me. Action: We \
            escalated it; I pulled the logs and fixed it from 14 to 3 minutes. They handled it. \
            Result: it improved a lot and the team was happy. I learned communication is key.\n";
        let text = story.repeat(50);
        let region = Span::new(0, text.len());
        let one = scan_with(&rubric, &text, region, false);
        let many = scan_with(&rubric, &text, region, true);
        assert!(!one.is_empty());
        assert_eq!(one, many);
    }

    #[test]
    fn whole_words_only() {
        let t = "webhook we weekly I/O CI I";
        assert!(!whole_word(t, 0, 2, true, true)); // "we" in "webhook"
        assert!(whole_word(t, 8, 10, true, true)); // "we"
        assert!(!whole_word(t, 11, 13, true, true)); // "we" in "weekly"
        assert!(!whole_word(t, 18, 19, true, true)); // "I" in "I/O"
        assert!(!whole_word(t, 23, 24, true, true)); // "I" in "CI"
        assert!(whole_word(t, 25, 26, true, true)); // "I"
    }
}
