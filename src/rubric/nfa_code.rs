//! Thompson NFAs written out as plain numbers and read back: shared by `build.rs`, which
//! compiles the embedded rubric's lite forms ahead of time, and the crate, which reads
//! them back instead of compiling (`src/rubric/lite.rs`).
//!
//! A pasted answer's few lite compiles were a sixth of its run, and most of that was
//! parsing the pattern, translating it and compiling the NFA. The NFA that comes out is a
//! pure function of the pattern, and regex-automata's NFA [`Builder`] rebuilds it from
//! its states, so only the states need to be kept: adding the compiled NFA's states to a
//! fresh builder in order, with no empty states among them, gives back the same NFA
//! (the same states, starts and groups; a unit test checks every embedded pattern).
//!
//! This file uses nothing but regex-automata, so that `build.rs` can include it.

use regex_automata::nfa::thompson::{self, Builder, State, Transition, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};

/// How big a lite form's NFA may grow, as the crate's regexes are allowed to.
pub(crate) const NFA_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// Encoded NFAs bigger than this are not kept: reading them back would save little
/// beside what their bytes cost in the binary.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests encode
pub(crate) const MAX_ENCODED_BYTES: usize = 96 * 1024;

/// Compile `source` to the NFA the lite form searches with: the one regex-automata's meta
/// regex would build for its PikeVM (UTF-8 empty matches, every capture group, no
/// shrinking); `None` when it does not compile.
pub(crate) fn compile(source: &str) -> Option<NFA> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(true)
                .shrink(false)
                .which_captures(thompson::WhichCaptures::All)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
        )
        .build(source)
        .ok()
}

const BYTE_RANGE: u32 = 0;
const SPARSE: u32 = 1;
const LOOK: u32 = 2;
const UNION: u32 = 3;
const BINARY_UNION: u32 = 4;
const CAPTURE_START: u32 = 5;
const CAPTURE_END: u32 = 6;
const FAIL: u32 = 7;
const MATCH: u32 = 8;

/// `nfa` as little-endian `u32`s: the state count, the anchored and unanchored starts,
/// the pattern's start, then each state as a tag and its fields. `None` for what this
/// format does not hold (several patterns, named groups, a reversed or non-UTF-8 NFA,
/// dense states, which the compiler does not make) and for NFAs over
/// [`MAX_ENCODED_BYTES`].
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn encode(nfa: &NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 || nfa.is_reverse() || !nfa.is_utf8() {
        return None;
    }
    let pid = PatternID::ZERO;
    let info = nfa.group_info();
    if info.pattern_names(pid).any(|name| name.is_some()) {
        return None;
    }
    let mut w: Vec<u32> = vec![
        u32::try_from(nfa.states().len()).ok()?,
        nfa.start_anchored().as_u32(),
        nfa.start_unanchored().as_u32(),
        nfa.start_pattern(pid)?.as_u32(),
    ];
    let range = |w: &mut Vec<u32>, t: &Transition| {
        w.push(u32::from(t.start) | u32::from(t.end) << 8);
        w.push(t.next.as_u32());
    };
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                w.push(BYTE_RANGE);
                range(&mut w, trans);
            }
            State::Sparse(sparse) => {
                w.push(SPARSE);
                w.push(u32::try_from(sparse.transitions.len()).ok()?);
                for t in sparse.transitions.iter() {
                    range(&mut w, t);
                }
            }
            State::Dense(_) => return None,
            State::Look { look, next } => w.extend([LOOK, look.as_repr(), next.as_u32()]),
            State::Union { alternates } => {
                w.push(UNION);
                w.push(u32::try_from(alternates.len()).ok()?);
                w.extend(alternates.iter().map(|s| s.as_u32()));
            }
            State::BinaryUnion { alt1, alt2 } => {
                w.extend([BINARY_UNION, alt1.as_u32(), alt2.as_u32()]);
            }
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                if *pattern_id != pid {
                    return None;
                }
                let start = info.slot(pid, group_index.as_usize())? == slot.as_usize();
                let tag = if start { CAPTURE_START } else { CAPTURE_END };
                w.extend([tag, group_index.as_u32(), next.as_u32()]);
            }
            State::Fail => w.push(FAIL),
            State::Match { .. } => w.push(MATCH),
        }
    }
    let bytes: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
    (bytes.len() <= MAX_ENCODED_BYTES).then_some(bytes)
}

/// The NFA [`encode`] wrote; `None` when the bytes do not read as one. Bytes that are
/// not `encode`'s output give `None`, never a panic: state ids past the count, a group
/// ended before it starts and counts past the bytes left are refused before the
/// builder, which asserts on them, sees them.
pub(crate) fn decode(bytes: &[u8]) -> Option<NFA> {
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let mut at = 0;
    let mut next = || {
        let w = words.get(at).copied();
        at += 1;
        w
    };
    let len = usize::try_from(next()?).ok()?;
    let id = |x: u32| {
        let x = usize::try_from(x).ok().filter(|&x| x < len)?;
        StateID::new(x).ok()
    };
    // A count can be no more than the words left (each item takes at least one).
    let count = |n: u32| usize::try_from(n).ok().filter(|&n| n <= words.len());
    let (anchored, unanchored, pattern) = (id(next()?)?, id(next()?)?, id(next()?)?);
    let mut b = Builder::new();
    b.set_utf8(true);
    b.set_size_limit(Some(NFA_SIZE_LIMIT)).ok()?;
    b.start_pattern().ok()?;
    // Groups started so far: the builder records a group when it starts.
    let mut groups = 0u32;
    for _ in 0..len {
        let added = match next()? {
            BYTE_RANGE => {
                let (bytes, to) = (next()?, id(next()?)?);
                b.add_range(transition(bytes, to)?)
            }
            SPARSE => {
                let n = count(next()?)?;
                let mut ts = Vec::with_capacity(n);
                for _ in 0..n {
                    let (bytes, to) = (next()?, id(next()?)?);
                    ts.push(transition(bytes, to)?);
                }
                b.add_sparse(ts)
            }
            LOOK => {
                let look = Look::from_repr(next()?)?;
                b.add_look(id(next()?)?, look)
            }
            UNION => {
                let n = count(next()?)?;
                let mut alternates = Vec::with_capacity(n);
                for _ in 0..n {
                    alternates.push(id(next()?)?);
                }
                b.add_union(alternates)
            }
            BINARY_UNION => {
                let (a, z) = (id(next()?)?, id(next()?)?);
                b.add_union(vec![a, z])
            }
            CAPTURE_START => {
                let group = next()?;
                groups = groups.max(group.checked_add(1)?);
                b.add_capture_start(id(next()?)?, group, None)
            }
            CAPTURE_END => {
                let group = next()?;
                if group >= groups {
                    return None;
                }
                b.add_capture_end(id(next()?)?, group)
            }
            FAIL => b.add_fail(),
            MATCH => b.add_match(),
            _ => return None,
        };
        added.ok()?;
    }
    if at != words.len() {
        return None;
    }
    b.finish_pattern(pattern).ok()?;
    b.build(anchored, unanchored).ok()
}

/// The transition `encode` packed as `start | end << 8`; `None` for anything else (the
/// builder asserts `start <= end`).
fn transition(bytes: u32, next: StateID) -> Option<Transition> {
    let [start, end, 0, 0] = bytes.to_le_bytes() else {
        return None;
    };
    (start <= end).then_some(Transition { start, end, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `encode` writes reads back; bytes that are not its output (cut short, any
    /// word changed) give `None` or some NFA, never a panic.
    #[test]
    fn decode_refuses_what_encode_did_not_write() {
        let nfa =
            compile(r"(?:(?-u:\b)i[\t ]+((?:[a-z]+ed)|(?:took)))|(a|b|c){2}x").expect("compiles");
        let bytes = encode(&nfa).expect("encodes");
        assert_eq!(decode(&bytes).expect("decodes").states(), nfa.states());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let words = bytes.len() / 4;
        for at in 0..words {
            for value in [
                0u32,
                1,
                2,
                3,
                4,
                5,
                6,
                7,
                8,
                9,
                255,
                0x100,
                0xFF00,
                0xFFFF,
                u32::MAX,
            ] {
                let mut bad = bytes.clone();
                bad[4 * at..4 * at + 4].copy_from_slice(&value.to_le_bytes());
                let _ = decode(&bad);
            }
        }
        assert!(decode(&[0xFF; 64]).is_none());
        assert!(decode(&[]).is_none());
    }
}
