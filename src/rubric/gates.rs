//! The embedded rubric's regex gates: a forward DFA per fast form, built by `build.rs`
//! and searched here, that says whether a regex can match a text at all.
//!
//! A pasted answer's run was mostly the regex crate compiling patterns (forward and
//! reverse NFAs each, at run time) that then matched nothing: past the literal gates, the
//! sample answer compiled 63 regexes and 15 of them matched. A DFA can be built ahead of
//! time and read back without compiling anything, and it answers "is there a match?"
//! exactly, so a regex is compiled only when its gate says yes, or when the text is
//! long enough that compiling is cheap beside reading it (see [`GATE_MAX_BYTES`]).
//! Patterns whose DFA would be big have no gate and compile as before.

use regex_automata::dfa::{sparse, Automaton};
use regex_automata::Input;

/// What `build.rs` wrote: `u32` count, per cache entry a `u32` offset and length (0: no
/// gate), then the sparse DFAs (serialised in the target's byte order).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/regex_gates.bin"));

/// Texts longer than this skip the gates: compiling a regex costs well under a
/// millisecond, reading 64 KiB with its gate about as much, and a long text is likely to
/// need the regex anyway.
pub(crate) const GATE_MAX_BYTES: usize = 64 * 1024;

/// Searches a regex's gate serves before the regex is compiled anyway: enough for a
/// pasted answer or a folder of stories, few beside a batch of thousands, where the
/// regex crate's literal prefilters read faster than a sparse DFA.
pub(crate) const GATE_SEARCHES: u32 = 64;

/// A regex's gate: its fast form as a DFA, read in place from the binary.
#[derive(Debug, Clone)]
pub(crate) struct Gate(sparse::DFA<&'static [u8]>);

fn le_u32(at: usize) -> Option<usize> {
    let b: [u8; 4] = BLOB.get(at..at + 4)?.try_into().ok()?;
    usize::try_from(u32::from_le_bytes(b)).ok()
}

/// The serialised gate of cache entry `index`, if it has one.
fn bytes(index: usize) -> Option<&'static [u8]> {
    if index >= le_u32(0)? {
        return None;
    }
    let at = 4 + 8 * index;
    let (offset, len) = (le_u32(at)?, le_u32(at + 4)?);
    if len == 0 {
        return None;
    }
    BLOB.get(offset..offset + len)
}

/// The gate of cache entry `index`; `None` when it has none or it does not deserialise
/// (deserialising checks it, so a damaged blob means no gate, never a wrong answer).
pub(crate) fn load(index: usize) -> Option<Gate> {
    sparse::DFA::from_bytes(bytes(index)?)
        .ok()
        .map(|(dfa, _)| Gate(dfa))
}

impl Gate {
    /// Can the regex match somewhere in `hay` (the text its fast form would read)? A
    /// search the DFA cannot finish says yes.
    pub(crate) fn may_match(&self, hay: &str) -> bool {
        self.0
            .try_search_fwd(&Input::new(hay).earliest(true))
            .map_or(true, |m| m.is_some())
    }
}

/// How many cache entries have a gate (for tests and benches).
#[cfg(test)]
pub(crate) fn count() -> usize {
    (0..le_u32(0).unwrap_or(0))
        .filter(|&i| bytes(i).is_some())
        .count()
}
