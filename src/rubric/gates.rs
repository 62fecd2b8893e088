//! The embedded rubric's regex DFAs, built by `build.rs` and searched here: per fast
//! form, a forward DFA (the *gate*) that says whether a regex can match a text at all,
//! and a reverse DFA that, with the gate, finds its matches (a [`Finder`]). A pattern
//! with no such pair may have an anchored forward DFA instead, which finds its matches
//! by being tried from each place one could begin.
//!
//! A pasted answer's run was mostly the regex crate compiling patterns (NFAs, at run
//! time), most of which then matched nothing. A DFA can be built ahead of time and read
//! back without compiling anything, and it is exact, so a regex is compiled only when no
//! DFA can answer: its gate says it matches and it has no reverse DFA or capture groups
//! are wanted, or the text is long enough that compiling is cheap beside reading it (see
//! [`GATE_MAX_BYTES`]). Patterns whose DFAs would be big have none and compile as before.

use regex_automata::dfa::{dense, sparse, Automaton};
use regex_automata::{Anchored, Input, Match, MatchError};

/// A blob as `build.rs` wrote it, at an address that is a multiple of 8: its dense DFAs'
/// tables are read in place as `u32`s, which must be aligned.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u64; 0],
    bytes: B,
}

/// Embed a blob of `OUT_DIR`, aligned (see [`Aligned`]).
macro_rules! blob {
    ($name:literal) => {{
        static ALIGNED: &Aligned<[u8]> = &Aligned {
            _align: [],
            bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/", $name)),
        };
        &ALIGNED.bytes
    }};
}

/// What `build.rs` wrote: `u32` count, per cache entry a `u32` offset, length (0: no
/// gate) and kind ([`DENSE`] or sparse), then the DFAs (serialised in the target's byte
/// order, each at an offset that is a multiple of 8).
static BLOB: &[u8] = blob!("regex_gates.bin");

/// The reverse DFAs, laid out as [`BLOB`]: with a gate, they find a regex's matches.
static REVERSE: &[u8] = blob!("regex_reverse.bin");

/// The kind bit of a dense DFA in a blob (`build.rs` keeps the small ones dense: a byte
/// is one table lookup, about ten times faster than a sparse DFA's transition search).
const DENSE: usize = 1;
/// The kind bit of a loose gate: the DFA of the pattern with its long bounded repetitions
/// unbounded (`build.rs`), for a pattern whose own DFA is too big. It matches wherever
/// the pattern does, so its "no" rules a text out exactly; it finds nothing.
const LOOSE: usize = 2;

/// Texts longer than this skip the gates: compiling a regex costs well under a
/// millisecond, reading 64 KiB with its gate about as much, and a long text is likely to
/// need the regex anyway.
pub(crate) const GATE_MAX_BYTES: usize = 64 * 1024;

/// Searches a regex's gate serves before the regex is compiled anyway: enough for a
/// pasted answer or a folder of stories, few beside a batch of thousands, where the
/// regex crate's literal prefilters read faster than a sparse DFA.
pub(crate) const GATE_SEARCHES: u32 = 64;

/// A DFA read in place from the binary, dense or sparse as `build.rs` kept it.
#[derive(Debug, Clone)]
pub(crate) enum Dfa {
    Dense(dense::DFA<&'static [u32]>),
    Sparse(sparse::DFA<&'static [u8]>),
}

impl Dfa {
    /// The DFA to search with: one dynamic call per search, whose loop is the kind's own.
    fn get(&self) -> &dyn Automaton {
        match self {
            Dfa::Dense(d) => d,
            Dfa::Sparse(d) => d,
        }
    }
}

/// A regex's gate: its fast form as a DFA, read in place from the binary, or a loose
/// gate ([`LOOSE`]).
#[derive(Debug, Clone)]
pub(crate) struct Gate(Dfa);

/// The anchored forward DFAs, laid out as [`BLOB`], for patterns with no reverse DFA.
static ANCHORED: &[u8] = blob!("regex_anchored.bin");

/// Spans longer than this are not searched with an anchored DFA: it is tried from each
/// place a match could begin, so its cost grows with the span times how far each try
/// reads, and compiling the regex is cheaper past a pasted answer's length.
pub(crate) const ANCHORED_MAX_BYTES: usize = 16 * 1024;

/// A regex's leftmost-first matches, found by DFAs built ahead of time, exactly as the
/// regex finds them.
// One per pattern, read in place: boxing the pair would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub(crate) enum Finder {
    /// The forward DFA (the gate) and the reverse one, as regex-automata's DFA regex
    /// uses them ([`pair_search`]): the forward search finds where the leftmost match
    /// ends, the reverse one where it starts.
    Pair { forward: Dfa, reverse: Dfa },
    /// An anchored forward DFA, tried from each place a match could begin, leftmost
    /// first: the first place it matches from is the leftmost match's start, and it
    /// ends where the regex's leftmost-first match from there ends.
    Anchored(Dfa),
}

fn le_u32(blob: &[u8], at: usize) -> Option<usize> {
    let b: [u8; 4] = blob.get(at..at + 4)?.try_into().ok()?;
    usize::try_from(u32::from_le_bytes(b)).ok()
}

/// The serialised DFA of cache entry `index` in `blob` and its kind, if it has one.
fn bytes(blob: &'static [u8], index: usize) -> Option<(usize, &'static [u8])> {
    if index >= le_u32(blob, 0)? {
        return None;
    }
    let at = 4 + 12 * index;
    let (offset, len) = (le_u32(blob, at)?, le_u32(blob, at + 4)?);
    if len == 0 {
        return None;
    }
    Some((le_u32(blob, at + 8)?, blob.get(offset..offset + len)?))
}

/// Deserialise a DFA of `blob`; `None` when there is none or its header does not read.
///
/// Checking every transition (`from_bytes`) costs about as much as a pasted answer's
/// whole search, ~10 % of its run, and proves nothing new: the bytes are `build.rs`'s
/// output for this very build, made by the same regex-automata (`Cargo.lock` holds one),
/// and `every_dfa_passes_the_full_check` runs the full check on each of them.
#[allow(unsafe_code)]
fn read(blob: &'static [u8], index: usize) -> Option<Dfa> {
    let (kind, bytes) = bytes(blob, index)?;
    // SAFETY: `bytes` is a DFA serialised by `to_bytes_*` of the same crate version in
    // build.rs and embedded unchanged (include_bytes!), the case the crate documents as
    // safe; the header, version, sizes, alignment and byte order are still checked here.
    if kind & DENSE != 0 {
        unsafe { dense::DFA::from_bytes_unchecked(bytes) }
            .ok()
            .map(|(dfa, _)| Dfa::Dense(dfa))
    } else {
        unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
            .ok()
            .map(|(dfa, _)| Dfa::Sparse(dfa))
    }
}

/// The lite forms' NFAs (`src/rubric/nfa_code.rs`), laid out as [`BLOB`] with two entries
/// per cache entry: its fast form cut to ASCII, then its fast form.
static NFAS: &[u8] = blob!("regex_nfas.bin");

/// The encoded lite-form NFA of cache entry `index` (`ascii`: of the form cut to ASCII),
/// if build.rs kept one.
pub(crate) fn nfa(index: usize, ascii: bool) -> Option<&'static [u8]> {
    bytes(NFAS, 2 * index + usize::from(!ascii)).map(|(_, b)| b)
}

/// The gate of cache entry `index`, if it has one.
pub(crate) fn load(index: usize) -> Option<Gate> {
    read(BLOB, index).map(Gate)
}

/// Is the gate of cache entry `index` a loose one (for tests)?
#[cfg(test)]
pub(crate) fn is_loose(index: usize) -> bool {
    bytes(BLOB, index).is_some_and(|(kind, _)| kind & LOOSE != 0)
}

/// The finder of cache entry `index`: its gate and reverse DFA, or its anchored DFA.
pub(crate) fn finder(index: usize) -> Option<Finder> {
    // build.rs makes a reverse DFA only beside an exact gate; a loose one finds nothing.
    let exact = bytes(BLOB, index).is_some_and(|(kind, _)| kind & LOOSE == 0);
    if let (true, Some(reverse), Some(forward)) = (exact, read(REVERSE, index), read(BLOB, index)) {
        return Some(Finder::Pair { forward, reverse });
    }
    read(ANCHORED, index).map(Finder::Anchored)
}

impl Finder {
    /// Can this finder search a span of `len` bytes (an anchored one only a short span)?
    pub(crate) fn serves(&self, len: usize) -> bool {
        match self {
            Finder::Pair { .. } => true,
            Finder::Anchored(_) => len <= ANCHORED_MAX_BYTES,
        }
    }

    /// Every non-overlapping match in `hay`, in order, as the regex's `find_iter` gives
    /// them; `None` if a search could not finish (the regex then searches instead).
    pub(crate) fn find_all(&self, hay: &str) -> Option<Vec<regex_automata::Span>> {
        let mut it = regex_automata::util::iter::Searcher::new(Input::new(hay));
        let mut found = Vec::new();
        let mut firsts = FirstBytes::default();
        loop {
            let next = match self {
                Finder::Pair { forward, reverse } => {
                    it.try_advance(|input| pair_search(forward.get(), reverse.get(), input))
                }
                Finder::Anchored(dfa) => {
                    it.try_advance(|input| leftmost(dfa.get(), input, &mut firsts))
                }
            };
            match next {
                Ok(Some(m)) => found.push(m.span()),
                Ok(None) => return Some(found),
                Err(_) => return None,
            }
        }
    }

    /// The first match in `hay`, as [`Finder::find_all`] gives it, without looking for the
    /// others; `None` if the search could not finish.
    pub(crate) fn find_first(&self, hay: &str) -> Option<Option<regex_automata::Span>> {
        let input = Input::new(hay);
        let found = match self {
            Finder::Pair { forward, reverse } => pair_search(forward.get(), reverse.get(), &input),
            Finder::Anchored(dfa) => leftmost(dfa.get(), &input, &mut FirstBytes::default()),
        };
        found.ok().map(|m| m.map(|m| m.span()))
    }

    /// Is there a match in `hay`? `None` if the search could not finish.
    pub(crate) fn is_match(&self, hay: &str) -> Option<bool> {
        match self {
            Finder::Pair { forward, .. } => forward
                .get()
                .try_search_fwd(&Input::new(hay).earliest(true))
                .ok()
                .map(|m| m.is_some()),
            Finder::Anchored(dfa) => {
                leftmost(dfa.get(), &Input::new(hay), &mut FirstBytes::default())
                    .ok()
                    .map(|m| m.is_some())
            }
        }
    }
}

/// The leftmost-first match of an anchored DFA in `input`'s span: tried from each start
/// in turn, the first that matches is the leftmost match's start, and the anchored search
/// from there ends where the leftmost-first match does. A start whose first byte leads
/// the DFA to its dead state is skipped without a search (most are: the rubric's patterns
/// begin with a word), and that is looked up in `firsts`, so a try costs a few steps.
fn leftmost(
    dfa: &dyn Automaton,
    input: &Input,
    firsts: &mut FirstBytes,
) -> Result<Option<Match>, MatchError> {
    let hay = input.haystack();
    let end = input.end();
    for start in input.start()..=end {
        if let Some(&byte) = hay.get(start).filter(|_| start < end) {
            let before = start.checked_sub(1).and_then(|b| hay.get(b)).copied();
            if !firsts.live(dfa, before, byte)? {
                continue;
            }
        }
        let at = input.clone().span(start..end).anchored(Anchored::Yes);
        if let Some(m) = dfa.try_search_fwd(&at)? {
            return Ok(Some(Match::new(m.pattern(), start..m.offset())));
        }
    }
    Ok(None)
}

/// Whether an anchored search can get past its first byte, remembered over one search's
/// tries: where the search starts depends only on the byte before (its look-behind: a
/// word byte, a line end, the text's start...), and whether the first step is dead on
/// that start state and the byte. A text has few distinct bytes and the DFA few start
/// states, so this asks the DFA a few hundred times where trying each place asked it
/// thousands (a sparse DFA's step is a search through its transitions).
#[derive(Default)]
struct FirstBytes {
    /// Per byte before (256: none, the text's start), 1 + the index of its start state in
    /// `starts`; 0: not asked yet.
    start_of: Vec<u8>,
    starts: Vec<regex_automata::util::primitives::StateID>,
    /// Per start state, per first byte: 0 not asked, 1 dead, 2 live.
    live: Vec<[u8; 256]>,
}

impl FirstBytes {
    fn live(
        &mut self,
        dfa: &dyn Automaton,
        before: Option<u8>,
        byte: u8,
    ) -> Result<bool, MatchError> {
        if self.start_of.is_empty() {
            self.start_of = vec![0; 257];
        }
        let key = before.map_or(256, usize::from);
        let index = match self.start_of[key] {
            0 => {
                let config = regex_automata::util::start::Config::new()
                    .anchored(Anchored::Yes)
                    .look_behind(before);
                // As `start_state_forward`'s error, one the caller treats as "search did
                // not finish" (the regex then searches instead).
                let state = dfa
                    .start_state(&config)
                    .map_err(|_| MatchError::gave_up(0))?;
                let index = match self.starts.iter().position(|&s| s == state) {
                    Some(i) => i,
                    None => {
                        self.starts.push(state);
                        self.live.push([0; 256]);
                        self.starts.len() - 1
                    }
                };
                // More distinct start states than a byte counts are not remembered.
                if let Ok(mark) = u8::try_from(index + 1) {
                    self.start_of[key] = mark;
                }
                index
            }
            mark => usize::from(mark) - 1,
        };
        let seen = &mut self.live[index][usize::from(byte)];
        if *seen == 0 {
            let next = dfa.next_state(self.starts[index], byte);
            *seen = if dfa.is_dead_state(next) { 1 } else { 2 };
        }
        Ok(*seen == 2)
    }
}

/// The leftmost-first match in `input`'s span by a forward DFA and a reverse one, as
/// regex-automata's `dfa::regex::Regex::try_search` finds it (which needs both DFAs of
/// one type): the forward search finds where the match ends, an anchored reverse search
/// from there where it starts.
fn pair_search(
    forward: &dyn Automaton,
    reverse: &dyn Automaton,
    input: &Input,
) -> Result<Option<Match>, MatchError> {
    let Some(end) = forward.try_search_fwd(input)? else {
        return Ok(None);
    };
    // An empty match at the start: a reverse search cannot go past the start.
    if input.start() == end.offset() {
        return Ok(Some(Match::new(end.pattern(), end.offset()..end.offset())));
    }
    if input.get_anchored().is_anchored() || forward.is_always_start_anchored() {
        return Ok(Some(Match::new(end.pattern(), input.start()..end.offset())));
    }
    let back = input
        .clone()
        .span(input.start()..end.offset())
        .anchored(Anchored::Yes)
        .earliest(false);
    // The reverse DFA matches wherever the forward one does; if it did not, the regex
    // would search instead.
    let start = reverse
        .try_search_rev(&back)?
        .ok_or_else(|| MatchError::gave_up(end.offset()))?;
    Ok(Some(Match::new(
        end.pattern(),
        start.offset()..end.offset(),
    )))
}

impl Gate {
    /// Can the regex match somewhere in `hay` (the text its fast form would read)? A
    /// search the DFA cannot finish says yes.
    pub(crate) fn may_match(&self, hay: &str) -> bool {
        self.0
            .get()
            .try_search_fwd(&Input::new(hay).earliest(true))
            .map_or(true, |m| m.is_some())
    }
}

/// How many cache entries have a DFA in `blob` (for tests).
#[cfg(test)]
fn count_in(blob: &'static [u8]) -> usize {
    (0..le_u32(blob, 0).unwrap_or(0))
        .filter(|&i| bytes(blob, i).is_some())
        .count()
}

/// How many cache entries have a gate (for tests and benches).
#[cfg(test)]
pub(crate) fn count() -> usize {
    count_in(BLOB)
}

/// How many cache entries have a finder (both DFAs, or an anchored one), for tests.
#[cfg(test)]
pub(crate) fn finder_count() -> usize {
    (0..le_u32(REVERSE, 0).unwrap_or(0))
        .filter(|&i| {
            (bytes(BLOB, i).is_some_and(|(kind, _)| kind & LOOSE == 0)
                && bytes(REVERSE, i).is_some())
                || bytes(ANCHORED, i).is_some()
        })
        .count()
}

/// How many cache entries have an anchored finder, for tests.
#[cfg(test)]
pub(crate) fn anchored_count() -> usize {
    count_in(ANCHORED)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What makes [`read`]'s unchecked deserialisation sound: every DFA in both blobs
    /// passes the full check, transitions included, and has the same shape either way.
    #[test]
    fn every_dfa_passes_the_full_check() {
        let mut checked = 0;
        let mut dense_ones = 0;
        for blob in [BLOB, REVERSE, ANCHORED] {
            for i in 0..le_u32(blob, 0).unwrap_or(0) {
                let Some((kind, b)) = bytes(blob, i) else {
                    continue;
                };
                let fail = |e| panic!("DFA {i} fails the full check: {e}");
                let (usage, n) = if kind & DENSE != 0 {
                    dense_ones += 1;
                    dense::DFA::from_bytes(b)
                        .map(|(d, n)| (d.memory_usage(), n))
                        .unwrap_or_else(fail)
                } else {
                    sparse::DFA::from_bytes(b)
                        .map(|(d, n)| (d.memory_usage(), n))
                        .unwrap_or_else(fail)
                };
                assert_eq!(n, b.len(), "DFA {i} has trailing bytes");
                let fast = match read(blob, i).expect("reads unchecked") {
                    Dfa::Dense(d) => d.memory_usage(),
                    Dfa::Sparse(d) => d.memory_usage(),
                };
                assert_eq!(usage, fast);
                checked += 1;
            }
        }
        assert!(checked > 300, "only {checked} DFAs checked");
        assert!(dense_ones > 100, "only {dense_ones} dense DFAs");
    }
}
