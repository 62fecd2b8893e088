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

/// Every hit in `region` of `text`, sorted by start offset.
pub fn scan(rubric: &CompiledRubric, text: &str, region: Span) -> Vec<Hit> {
    let mut hits = Vec::new();
    let Some(hay) = text.get(region.range()) else {
        return hits;
    };
    let base = region.start as usize;
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
    for p in &m.patterns {
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
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    hits
}

impl CompiledRubric {
    /// Run only the rubric's matching automata over `text`: the aho-corasick automaton
    /// (overlapping) and every regex once, exactly as [`scan`] runs them, with no word-edge
    /// checks, no hits built and no sorting. Returns the number of raw matches.
    ///
    /// This is the engine's own limit: benches report the whole pipeline as a ratio to it.
    pub fn run_matchers(&self, text: &str) -> usize {
        let m = &self.matchers;
        let mut n =
            m.ac.as_ref()
                .map_or(0, |ac| ac.find_overlapping_iter(text).count());
        for p in &m.patterns {
            n += if p.wants_capture {
                p.re.captures_iter(text).count()
            } else {
                p.re.find_iter(text).count()
            };
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::whole_word;

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
