//! MATCH: run the rubric's compiled matchers once over an answer.
//!
//! One pass of the phrase finder (a trie, or an automaton) finds every phrase of every rule and every
//! section cue (overlapping, so phrases of different rules that overlap all fire), then a
//! whole-word check drops matches inside words ("we" in "webhook", "weekly", "were").
//! Each regex runs once over the whole answer, never per sentence; checks map a hit to its
//! sentence and section by binary search on offsets.

use crate::rubric::{CompiledRubric, Hay, HayBuf, Owner, Pattern};
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

/// Can `p` match, given the required literal sets the automaton met (`got`)? The sets
/// hold for the fast form only.
fn may_match(p: &Pattern, got: u8, hay: &Hay) -> bool {
    got == p.need || !p.re.runs_fast(hay)
}

/// Regions at least this long run their regexes on several threads (see [`scan`]).
/// Answers people write are a few kilobytes; only a pathological paste gets here.
pub(crate) const PARALLEL_BYTES: usize = 1 << 20;

/// Non-empty matches of one regex in `region`, appended to `hits`.
fn pattern_hits(p: &Pattern, hay: &Hay, region: Span, hits: &mut Vec<Hit>) {
    if p.wants_capture {
        for g in p.re.captures_iter(hay, region) {
            if g.all.is_empty() {
                continue;
            }
            hits.push(Hit {
                owner: p.owner,
                span: g.all,
                capture: g.first,
            });
        }
    } else {
        for span in p.re.find_iter(hay, region) {
            if span.is_empty() {
                continue;
            }
            hits.push(Hit {
                owner: p.owner,
                span,
                capture: None,
            });
        }
    }
}

/// Every hit in `region` of the hay, sorted by start offset.
pub fn scan(rubric: &CompiledRubric, hay: &Hay, region: Span) -> Vec<Hit> {
    scan_with(rubric, hay, region, region.len() >= PARALLEL_BYTES)
}

fn scan_with(rubric: &CompiledRubric, hay: &Hay, region: Span, parallel: bool) -> Vec<Hit> {
    let mut hits = Vec::new();
    let text = hay.text;
    // Phrases are lowercase and the automaton exact: it reads the lowercased copy.
    let Some(slice) = hay.lower().get(region.range()) else {
        return hits;
    };
    let base = region.start as usize;
    let m = &rubric.matchers;
    // Which required literal sets of each regex the automaton met.
    let mut got = vec![0u8; m.patterns.len()];
    if let Some(finder) = &m.phrase_finder {
        finder.for_each(slice.as_bytes(), |phrase, start, end| {
            let entry = &m.ac_entries[phrase];
            for &(i, bit) in &entry.opens {
                got[i] |= bit;
            }
            if entry.owners.is_empty() {
                return;
            }
            let (s, e) = (base + start, base + end);
            if !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
                || !whole_word(text, s, e, entry.word_start, entry.word_end)
            {
                return;
            }
            for owner in &entry.owners {
                hits.push(Hit {
                    owner: *owner,
                    span: Span::new(s, e),
                    capture: None,
                });
            }
        });
    }
    // A regex not compiled yet whose gate finds no match in the region is left out: it
    // would compile only to find nothing.
    let live: Vec<&Pattern> = m
        .patterns
        .iter()
        .zip(&got)
        .filter(|(p, g)| {
            may_match(p, **g, hay)
                && ((!p.wants_capture && p.re.finder_serves(hay, region))
                    || !p.re.ruled_out(hay, region))
        })
        .map(|(p, _)| p)
        .collect();
    use rayon::prelude::*;
    // Regexes compile on first use, and compiling is most of the first answer's time (a
    // pasted answer's whole run): whatever is not compiled yet is compiled on every thread
    // of the pool at once. Later answers find them ready and skip this.
    if live.iter().any(|p| !p.re.ready(hay)) {
        live.par_iter()
            .for_each(|p| p.re.warm(hay, region, p.wants_capture));
    }
    if parallel {
        // A huge answer (a 20 MB paste) spreads its regexes over the pool's threads. Each
        // regex's hits are the same either way and are joined in pattern order before the
        // stable sort, so the result is identical to the sequential pass.
        let per_pattern: Vec<Vec<Hit>> = live
            .par_iter()
            .map(|p| {
                let mut v = Vec::new();
                pattern_hits(p, hay, region, &mut v);
                v
            })
            .collect();
        hits.extend(per_pattern.into_iter().flatten());
    } else {
        for p in live {
            pattern_hits(p, hay, region, &mut hits);
        }
    }
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    hits
}

impl CompiledRubric {
    /// Run only the rubric's matching automata over `text`, exactly as [`scan`] runs them:
    /// the copies of the text the regex forms read ([`HayBuf`]), the phrase finder
    /// (overlapping), then every regex once that the phrase finder does not rule out
    /// (a required literal set with no literal in the text), with no word-edge checks, no
    /// hits built and no sorting. Returns the number of raw matches.
    ///
    /// This is the engine's own limit: benches report the whole pipeline as a ratio to it.
    pub fn run_matchers(&self, text: &str) -> usize {
        self.run_automata(text, true)
    }

    /// [`CompiledRubric::run_matchers`] without the literal gates: the automaton, then
    /// every regex once, as if none could be ruled out.
    pub fn run_every_matcher(&self, text: &str) -> usize {
        self.run_automata(text, false)
    }

    fn run_automata(&self, text: &str, gates: bool) -> usize {
        let buf = HayBuf::new(text);
        let all = Span::new(0, text.len());
        let hay = Hay::new(text, &buf);
        let m = &self.matchers;
        let mut n = 0;
        let mut got = vec![0u8; m.patterns.len()];
        if let Some(finder) = &m.phrase_finder {
            finder.for_each(hay.lower().as_bytes(), |phrase, _, _| {
                n += 1;
                for &(i, bit) in &m.ac_entries[phrase].opens {
                    got[i] |= bit;
                }
            });
        }
        for (p, g) in m.patterns.iter().zip(&got) {
            if gates && !may_match(p, *g, &hay) {
                continue;
            }
            n += if p.wants_capture {
                p.re.captures_iter(&hay, all).count()
            } else {
                p.re.find_iter(&hay, all).count()
            };
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::{scan_with, whole_word};
    use crate::rubric::{Hay, HayBuf};
    use crate::text::Span;

    #[test]
    fn the_parallel_pass_finds_exactly_the_sequential_hits() {
        let rubric = crate::rubric::default_rubric().expect("default rubric");
        // Accented words send some patterns to the folded copy or the general form.
        let story = "Situation: our team had a problem at the café. Task: nobody had asked me. \
            Action: We escalated it; I pulled the logs and cut it from 14 to 3 minutes. They \
            handled it. Result: it improved a lot and José was happy. I learned a lot.\n";
        let text = story.repeat(40);
        let buf = HayBuf::new(&text);
        let hay = Hay::new(&text, &buf);
        let region = Span::new(0, text.len());
        let one = scan_with(&rubric, &hay, region, false);
        let many = scan_with(&rubric, &hay, region, true);
        assert!(one.len() > 100);
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
