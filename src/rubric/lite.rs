//! The lite form of a regex: what serves a pattern's first few short searches before the
//! full regex is compiled (see [`super::fastre`]).
//!
//! It is the forward Thompson NFA searched by regex-automata's PikeVM, with nothing else:
//! no lazy DFA (whose reverse NFA doubles the compile), no prefilter, no one-pass DFA, no
//! backtracker (its visited sets took 35-45 MB more in a batch for 5 % fewer
//! instructions on one answer). Those are the meta regex's accelerations; without them it
//! is the same engine, with the same matches and groups, so the PikeVM is used directly
//! and the meta regex's own set-up (its literal analysis and strategy) is skipped too.
//!
//! For the embedded rubric, `build.rs` compiles the NFAs ahead of time and they are read
//! back here ([`super::nfa_code`]), so a pasted answer compiles no lite form at all.

use super::nfa_code;
use regex_automata::nfa::thompson::pikevm::{Cache, PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::{Input, Match};

/// A regex compiled for a few short searches.
#[derive(Debug)]
pub(crate) struct LiteRegex {
    vm: PikeVM,
    /// A search's scratch space, kept for the next search (creating one sizes its sets
    /// to the NFA); a search on another thread meanwhile makes its own.
    cache: std::sync::Mutex<Option<Cache>>,
}

impl LiteRegex {
    /// Compile `source`; `None` when it does not compile (the full regex then serves).
    pub(crate) fn new(source: &str) -> Option<LiteRegex> {
        nfa_code::compile(source).and_then(LiteRegex::of)
    }

    /// The lite form of cache entry `index` that `build.rs` compiled (`ascii`: the form
    /// cut to ASCII), if it kept one.
    pub(crate) fn cached(index: usize, ascii: bool) -> Option<LiteRegex> {
        super::gates::nfa(index, ascii)
            .and_then(nfa_code::decode)
            .and_then(LiteRegex::of)
    }

    fn of(nfa: regex_automata::nfa::thompson::NFA) -> Option<LiteRegex> {
        PikeVM::new_from_nfa(nfa).ok().map(|vm| LiteRegex {
            vm,
            cache: std::sync::Mutex::new(None),
        })
    }

    /// Run `search` with a cache: the kept one if it is free, then keep it again.
    fn with_cache<T>(&self, search: impl FnOnce(&mut Cache) -> T) -> T {
        let kept = self.cache.lock().map(|mut c| c.take()).unwrap_or(None);
        let mut cache = kept.unwrap_or_else(|| self.vm.create_cache());
        let out = search(&mut cache);
        if let Ok(mut slot) = self.cache.lock() {
            *slot = Some(cache);
        }
        out
    }

    /// Does it match anywhere in `hay`?
    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.with_cache(|cache| self.vm.is_match(cache, Input::new(hay)))
    }

    /// Every non-overlapping match in `hay`, in order.
    pub(crate) fn find_all(&self, hay: &str) -> Vec<Match> {
        self.with_cache(|cache| self.vm.find_iter(cache, Input::new(hay)).collect())
    }

    /// Every non-overlapping match in `hay` with its groups, in order.
    pub(crate) fn captures_all(&self, hay: &str) -> Vec<Captures> {
        self.with_cache(|cache| self.vm.captures_iter(cache, Input::new(hay)).collect())
    }

    /// The match that spans exactly `range` of `hay` (one a DFA found), with its groups:
    /// the search is anchored at its start and reads no further than its end, with
    /// look-around still seeing the bytes around it.
    pub(crate) fn captures_in(&self, hay: &str, range: std::ops::Range<usize>) -> Option<Captures> {
        let mut caps = self.vm.create_captures();
        let input = Input::new(hay)
            .range(range.clone())
            .anchored(regex_automata::Anchored::Yes);
        self.with_cache(|cache| self.vm.captures(cache, input, &mut caps));
        // It is that match, or the DFA and the NFA disagree: then none (the caller
        // searches the whole text instead).
        let whole = caps.get_group(0).map(|s| s.range());
        (whole == Some(range)).then_some(caps)
    }

    /// The leftmost match in `hay` with its groups, if there is one.
    pub(crate) fn captures(&self, hay: &str) -> Option<Captures> {
        let mut caps = self.vm.create_captures();
        self.with_cache(|cache| self.vm.captures(cache, Input::new(hay), &mut caps));
        caps.is_match().then_some(caps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every embedded pattern's lite forms that build.rs kept read back as the very NFA
    /// the pattern compiles to: the same states, starts and groups.
    #[test]
    fn every_cached_nfa_reads_back_as_the_compiled_one() {
        let mut kept = 0;
        for (index, (source, ci)) in super::super::regex_cache::patterns().iter().enumerate() {
            let (_, derived) = super::super::regex_cache::get(source, *ci).expect("cached");
            for (ascii, form) in [(true, derived.ascii()), (false, derived.fast())] {
                let Some(form) = form else {
                    assert!(super::super::gates::nfa(index, ascii).is_none());
                    continue;
                };
                let want = nfa_code::compile(form).expect("a cached form compiles");
                let Some(bytes) = super::super::gates::nfa(index, ascii) else {
                    // Only what encode declines (too big) is missing.
                    assert!(nfa_code::encode(&want).is_none(), "{form}");
                    continue;
                };
                let got = nfa_code::decode(bytes).expect("a kept NFA reads back");
                assert_eq!(got.states(), want.states(), "{form}");
                assert_eq!(got.start_anchored(), want.start_anchored(), "{form}");
                assert_eq!(got.start_unanchored(), want.start_unanchored(), "{form}");
                assert_eq!(
                    got.group_info().all_group_len(),
                    want.group_info().all_group_len()
                );
                let classes = |n: &regex_automata::nfa::thompson::NFA| -> Vec<u8> {
                    (0..=255).map(|b| n.byte_classes().get(b)).collect()
                };
                assert_eq!(classes(&got), classes(&want), "{form}");
                assert_eq!(got.look_set_any(), want.look_set_any(), "{form}");
                assert_eq!(got.has_empty(), want.has_empty(), "{form}");
                kept += 1;
            }
        }
        // Most forms are kept: the ASCII ones nearly all, the Unicode ones when small.
        assert!(kept > 250, "{kept}");
    }

    /// What a kept NFA finds is what compiling finds, groups included: the ASCII form on
    /// an ASCII text, the fast form on one with curly quotes, a dash and accents.
    #[test]
    fn a_cached_lite_form_finds_what_a_compiled_one_finds() {
        let ascii = "Our team shipped it, and then I rewrote the parser; we cut errors \
                     from 12% to 3% and I then checked it again.";
        let unicode = "Our team\u{2019}s caf\u{e9} shipped it \u{2014} and then I rewrote \
                       the r\u{e9}sum\u{e9} parser; we cut errors from 12% to 3% and I \
                       then checked it again.";
        let mut compared = 0;
        for (index, (source, ci)) in super::super::regex_cache::patterns().iter().enumerate() {
            let (_, derived) = super::super::regex_cache::get(source, *ci).expect("cached");
            for (is_ascii, form, text) in [
                (true, derived.ascii(), ascii),
                (false, derived.fast(), unicode),
            ] {
                let (Some(form), Some(cached)) = (form, LiteRegex::cached(index, is_ascii)) else {
                    continue;
                };
                let text = if *ci {
                    text.to_lowercase()
                } else {
                    text.to_string()
                };
                let fresh = LiteRegex::new(form).expect("compiles");
                let spans = |caps: Vec<Captures>| -> Vec<_> {
                    caps.iter()
                        .map(|c| (c.get_group(0), c.get_group(1)))
                        .collect()
                };
                assert_eq!(
                    spans(cached.captures_all(&text)),
                    spans(fresh.captures_all(&text)),
                    "{form}"
                );
                assert_eq!(cached.find_all(&text), fresh.find_all(&text), "{form}");
                assert_eq!(cached.is_match(&text), fresh.is_match(&text), "{form}");
                let first = |c: Option<Captures>| c.map(|c| (c.get_group(0), c.get_group(1)));
                assert_eq!(first(cached.captures(&text)), first(fresh.captures(&text)));
                compared += 1;
            }
        }
        assert!(compared > 400, "{compared}");
    }
}
