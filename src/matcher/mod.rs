//! MATCH: find every phrase and every regex of a rule set in an answer, in one pass.
//!
//! One aho-corasick automaton holds every phrase (and every regex's required literals,
//! [`forms`]) and reads the answer's lowercased copy once, overlapping, so phrases of
//! different owners that overlap all match; a whole-word check then drops matches inside
//! words ("we" in "webhook", "weekly", "were"). Each regex runs once over the whole
//! answer, never per sentence, unless the automaton showed it cannot match; callers map a
//! hit to its sentence and section by binary search on offsets.
//!
//! A regex whose owner only needs to know whether something matches (a rule that fires
//! when nothing does) is added *on demand*: the scan leaves it out, and the owner asks for
//! its hits ([`Matcher::on_demand`]) only when no other hit settled the question, so a
//! pasted answer compiles only the regexes its checks need.
//!
//! The matcher knows nothing of rubrics: whoever adds a phrase or a regex gives it a
//! [`Tag`], and every hit carries the tag back.

mod built;
pub mod forms;
mod haystack;
mod phrases;
mod regex;

pub use self::regex::{Groups, Re, REGEX_SIZE_LIMIT};
pub use haystack::Haystack;
pub use phrases::MAX_PHRASE_BYTES;

use crate::text::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use phrases::{Entry, Phrases};
use rayon::prelude::*;

/// Who a phrase or regex belongs to, as its owner numbered it.
pub type Tag = u32;

/// One match of a phrase or regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The tag its phrase or regex was added with.
    pub tag: Tag,
    /// Where it matched.
    pub span: Span,
    /// The first capture group, for regexes added with `captures`; [`NO_CAPTURE`] when
    /// there is none (not an `Option`: a hit is kept per match of every phrase, and an
    /// `Option<Span>` would make it a fifth larger).
    capture: Span,
}

/// [`Hit::capture`] of a hit without one: no text ends at `u32::MAX`.
const NO_CAPTURE: Span = Span {
    start: u32::MAX,
    end: u32::MAX,
};

impl Hit {
    /// A hit without a capture.
    pub fn new(tag: Tag, span: Span) -> Self {
        Hit {
            tag,
            span,
            capture: NO_CAPTURE,
        }
    }

    /// A hit with its regex's first capture group, if it took part.
    pub fn with_capture(tag: Tag, span: Span, capture: Option<Span>) -> Self {
        Hit {
            tag,
            span,
            capture: capture.unwrap_or(NO_CAPTURE),
        }
    }

    /// The first capture group, for regexes added with `captures`.
    pub fn capture(&self) -> Option<Span> {
        (self.capture != NO_CAPTURE).then_some(self.capture)
    }
}

/// A regex of the matcher.
#[derive(Debug, Clone)]
struct Scanned {
    re: Re,
    tag: Tag,
    /// The first capture group is wanted.
    captures: bool,
    /// Left out of the scan; searched when its owner asks ([`Matcher::on_demand`]).
    on_demand: bool,
    /// One bit per required literal set ([`Re::required`]): on a text its ASCII form
    /// serves, the regex runs only when the automaton met a literal of every set.
    need: u8,
}

/// Collects phrases and regexes, then builds the [`Matcher`].
#[derive(Debug, Default)]
pub struct MatcherBuilder {
    phrases: Phrases,
    scanned: Vec<Scanned>,
}

impl MatcherBuilder {
    /// Match `phrase` (whole words, any case, either apostrophe) for `tag`.
    pub fn phrase(&mut self, phrase: &str, tag: Tag) {
        self.phrases.add(phrase, tag);
    }

    /// True once a phrase was refused because the phrases are over [`MAX_PHRASE_BYTES`];
    /// every phrase after it is refused too.
    pub fn over_limit(&self) -> bool {
        self.phrases.over
    }

    /// Match `re` for `tag` in every scan; `captures`: hits carry its first group.
    pub fn regex(&mut self, re: Re, tag: Tag, captures: bool) {
        self.add(re, tag, captures, false);
    }

    /// Match `re` for `tag` only when asked ([`Matcher::on_demand`]).
    pub fn regex_on_demand(&mut self, re: Re, tag: Tag, captures: bool) {
        self.add(re, tag, captures, true);
    }

    fn add(&mut self, re: Re, tag: Tag, captures: bool, on_demand: bool) {
        let index = self.scanned.len();
        let mut need = 0u8;
        for (j, set) in re.required().iter().enumerate().take(8) {
            let bit = 1u8 << j;
            need |= bit;
            for l in set {
                let i = self.phrases.entry(l);
                let opens = &mut self.phrases.entries[i].opens;
                if !opens.contains(&(index, bit)) {
                    opens.push((index, bit));
                }
            }
        }
        self.scanned.push(Scanned {
            re,
            tag,
            captures,
            on_demand,
            need,
        });
    }

    /// The matcher; the automaton is built here.
    pub fn build(self) -> Result<Matcher, aho_corasick::BuildError> {
        let automaton = if self.phrases.texts.is_empty() {
            None
        } else {
            // The noncontiguous NFA builds in less time than the other kinds and, for
            // overlapping search over a few kilobytes, searches as fast.
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .build(&self.phrases.texts)?,
            )
        };
        Ok(Matcher {
            automaton,
            entries: self.phrases.entries,
            scanned: self.scanned,
        })
    }
}

/// Every phrase and regex of a rule set, ready to search answers; shared read-only by
/// every worker thread.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// One per automaton pattern.
    entries: Vec<Entry>,
    scanned: Vec<Scanned>,
}

/// Regions at least this long run their regexes on several threads (see
/// [`Matcher::scan`]). Answers people write are a few kilobytes; only a pathological
/// paste gets here.
pub const PARALLEL_BYTES: usize = 1 << 20;

/// What one scan found: every hit, and which regexes the automaton left possible (for
/// the on-demand ones).
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every hit of the phrases and scanned regexes, in text order.
    pub hits: Vec<Hit>,
    /// The region scanned.
    region: Span,
    /// Per regex, the required literal sets the automaton met.
    got: Vec<u8>,
}

impl Matcher {
    /// Every hit in `region` of the haystack, sorted by start and then end offset (hits
    /// with the same span: phrases first, then regexes in the order they were added).
    pub fn scan(&self, hay: &Haystack, region: Span) -> Scan {
        self.scan_with(hay, region, region.len() >= PARALLEL_BYTES)
    }

    /// May regex `p` (whose literal sets the automaton met as `got`) match `hay`?
    fn possible(p: &Scanned, got: u8, hay: &Haystack) -> bool {
        got == p.need || !p.re.ascii_form_serves(hay)
    }

    fn scan_with(&self, hay: &Haystack, region: Span, parallel: bool) -> Scan {
        let mut hits = Vec::new();
        let text = hay.text();
        let Some(slice) = hay.lower().get(region.range()) else {
            return Scan {
                hits,
                region,
                got: vec![0; self.scanned.len()],
            };
        };
        let base = region.start as usize;
        // Which required literal sets of each regex the automaton met.
        let mut got = vec![0u8; self.scanned.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(slice) {
                let entry = &self.entries[m.pattern().as_usize()];
                for &(i, bit) in &entry.opens {
                    got[i] |= bit;
                }
                if entry.tags.is_empty() {
                    continue;
                }
                let (s, e) = (base + m.start(), base + m.end());
                if !text.is_char_boundary(s)
                    || !text.is_char_boundary(e)
                    || !phrases::whole_word(text, s, e, entry.word_start, entry.word_end)
                {
                    continue;
                }
                for &tag in &entry.tags {
                    hits.push(Hit::new(tag, Span::new(s, e)));
                }
            }
        }
        let live: Vec<&Scanned> = self
            .scanned
            .iter()
            .zip(&got)
            .filter(|(p, g)| !p.on_demand && Matcher::possible(p, **g, hay))
            .map(|(p, _)| p)
            .collect();
        if parallel {
            // A huge answer (a 20 MB paste) spreads its regexes over the pool's threads;
            // each regex's hits are joined in order, so the result is the sequential one.
            let per_regex: Vec<Vec<Hit>> = live
                .par_iter()
                .map(|p| {
                    let mut v = Vec::new();
                    regex_hits(p, hay, region, &mut v);
                    v
                })
                .collect();
            hits.extend(per_regex.into_iter().flatten());
        } else {
            for p in live {
                regex_hits(p, hay, region, &mut hits);
            }
        }
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        Scan { hits, region, got }
    }

    /// The hits of the on-demand regexes of `tag` in the scanned region, regex by regex in
    /// the order they were added (each in text order), each regex compiled and searched
    /// only when the iterator reaches it. With the scan's hits of the same tag, these are
    /// exactly the hits a scan of every regex would have found.
    pub fn on_demand<'a>(
        &'a self,
        hay: &'a Haystack,
        scan: &'a Scan,
        tag: Tag,
    ) -> impl Iterator<Item = Hit> + 'a {
        self.scanned
            .iter()
            .zip(&scan.got)
            .filter(move |(p, g)| p.on_demand && p.tag == tag && Matcher::possible(p, **g, hay))
            .flat_map(move |(p, _)| {
                let mut v = Vec::new();
                regex_hits(p, hay, scan.region, &mut v);
                v
            })
    }

    /// Only the automaton and the regexes over `text`, as [`Matcher::scan`] runs them
    /// (with `gated`, a regex the automaton rules out is skipped), with no word-edge
    /// checks, no hits built and no sorting. Returns the number of raw matches: the
    /// engine's own limit, which the benches report the pipeline against.
    pub fn count_matches(&self, text: &str, gated: bool) -> usize {
        let hay = Haystack::new(text);
        let all = Span::new(0, text.len());
        let mut n = 0;
        let mut got = vec![0u8; self.scanned.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(hay.lower()) {
                n += 1;
                for &(i, bit) in &self.entries[m.pattern().as_usize()].opens {
                    got[i] |= bit;
                }
            }
        }
        for (p, g) in self.scanned.iter().zip(&got) {
            if gated && !Matcher::possible(p, *g, &hay) {
                continue;
            }
            n += if p.captures {
                p.re.captures_iter(&hay, all).count()
            } else {
                p.re.find_iter(&hay, all).count()
            };
        }
        n
    }

    /// Every regex the matcher runs (for tests).
    #[cfg(test)]
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Re> {
        self.scanned.iter().map(|p| &p.re)
    }
}

/// Non-empty matches of one regex in `region`, appended to `hits`.
fn regex_hits(p: &Scanned, hay: &Haystack, region: Span, hits: &mut Vec<Hit>) {
    if p.captures {
        for g in p.re.captures_iter(hay, region) {
            if !g.all.is_empty() {
                hits.push(Hit::with_capture(p.tag, g.all, g.first));
            }
        }
    } else {
        for span in p.re.find_iter(hay, region) {
            if !span.is_empty() {
                hits.push(Hit::new(p.tag, span));
            }
        }
    }
}

#[cfg(test)]
mod tests;
