//! Harper's Brill tagger (`harper-brill`), applied here from its model.
//!
//! The tagger gives each word the part of speech its frequency dictionary holds for it,
//! then applies its patches in order: a patch turns one tag into another wherever its
//! criterion holds around the word. The crate keeps its model private behind one call
//! that tags a whole sentence, so `build.rs` reads the model out ahead of time (the
//! dictionary and the patches as Rust statics) and this module applies it with the same
//! rules, tag for tag (a test compares the two over every fixture answer).
//! Two things make it cheaper than the crate's own loop: a patch visits only the words
//! that carry the tag it changes (a bit set per tag), instead of testing every word for
//! every patch; and a word is looked up without a lowercase copy when it is already
//! lowercase. Loading is filling a hash map from the static dictionary, no parsing.

use super::tagger::Pos;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// One patch: `from` becomes `to` where every criterion of `all` holds (Harper's
/// `Combined` criteria, flattened).
struct Patch {
    from: Pos,
    to: Pos,
    all: &'static [Criterion],
}

/// When a patch applies at a word (Harper's `PatchCriteria`, read the same way).
enum Criterion {
    /// The word `at` places away is tagged `pos`.
    Tagged { at: isize, pos: Pos },
    /// A word between this one (inclusive) and `to` places away (exclusive) is tagged
    /// `pos`; for a negative `to`, from `to` places back (inclusive) to this one.
    AnyTagged { to: isize, pos: Pos },
    /// The word before is tagged `before` and the word after `after`.
    Between { before: Pos, after: Pos },
    /// The word `at` places away starts like `word` (ASCII case ignored; as Harper
    /// compares, only as far as the shorter of the two goes).
    Word { at: isize, word: &'static str },
}

// `static DICT: &[(&str, Pos)]`, the dictionary (lowercase words), and
// `static PATCHES: &[Patch]`, in the order they apply.
include!(concat!(env!("OUT_DIR"), "/brill_model.rs"));

/// Number of [`Pos`] variants: the bit sets are indexed by `Pos as usize`.
const POS_COUNT: usize = Pos::Other as usize + 1;

fn dict() -> &'static FxHashMap<&'static str, Pos> {
    static DICTIONARY: OnceLock<FxHashMap<&'static str, Pos>> = OnceLock::new();
    DICTIONARY.get_or_init(|| {
        let mut map = FxHashMap::with_capacity_and_hasher(DICT.len(), Default::default());
        map.extend(DICT.iter().copied());
        map
    })
}

/// Load the dictionary now (see [`crate::warm_up`]).
pub fn load() {
    dict();
}

/// The dictionary's tag for `word` (looked up lowercased, as Harper looks it up).
fn lookup(word: &str) -> Option<Pos> {
    let d = dict();
    if !word.is_ascii() {
        d.get(word.to_lowercase().as_str()).copied()
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        d.get(word.to_ascii_lowercase().as_str()).copied()
    } else {
        d.get(word).copied()
    }
}

/// `u` moved by `i` places, as Harper moves it.
fn offset(u: usize, i: isize) -> Option<usize> {
    if i.is_negative() {
        u.checked_sub(i.wrapping_abs() as u32 as usize)
    } else {
        u.checked_add(i as usize)
    }
}

impl Criterion {
    #[inline]
    fn holds(&self, words: &[&str], tags: &[Option<Pos>], i: usize) -> bool {
        let tagged = |k: usize, pos: Pos| tags.get(k).copied().flatten() == Some(pos);
        match *self {
            Criterion::Tagged { at, pos } => offset(i, at).is_some_and(|k| tagged(k, pos)),
            Criterion::AnyTagged { to, pos } => {
                offset(i, to).is_some_and(|far| (far.min(i)..far.max(i)).any(|k| tagged(k, pos)))
            }
            Criterion::Between { before, after } => {
                i > 0 && tagged(i - 1, before) && tagged(i + 1, after)
            }
            Criterion::Word { at, word } => offset(i, at)
                .and_then(|k| words.get(k))
                .is_some_and(|w| starts_alike(w, word)),
        }
    }
}

/// Do `w` and `word` agree, ASCII case ignored, as far as the shorter goes (Harper's
/// comparison, character by character)? For an ASCII `word` bytes give the same answer: up
/// to the first non-ASCII character of `w` its characters are bytes, and that character
/// (or its first byte) differs from any ASCII one.
fn starts_alike(w: &str, word: &str) -> bool {
    if word.is_ascii() {
        let n = w.len().min(word.len());
        return w.as_bytes()[..n].eq_ignore_ascii_case(&word.as_bytes()[..n]);
    }
    w.chars()
        .zip(word.chars())
        .all(|(a, b)| a.eq_ignore_ascii_case(&b))
}

/// Tag one sentence's words (as written); `None` where the dictionary has no entry.
pub fn tag_sentence(words: &[&str]) -> Vec<Option<Pos>> {
    let mut tags: Vec<Option<Pos>> = words.iter().map(|w| lookup(w)).collect();
    // Per tag, a bit per word that carries it: `at[pos * blocks + i / 64]`.
    let blocks = words.len().div_ceil(64);
    let mut at = vec![0u64; POS_COUNT * blocks];
    for (i, t) in tags.iter().enumerate() {
        if let Some(p) = t {
            at[*p as usize * blocks + i / 64] |= 1 << (i % 64);
        }
    }
    for patch in PATCHES {
        let (from, to) = (patch.from as usize * blocks, patch.to as usize * blocks);
        for b in 0..blocks {
            // The patch changes only the word it is at, so the words still to visit keep
            // the tag they had when the block was read.
            let mut bits = at[from + b];
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let i = b * 64 + bit;
                if patch.all.iter().all(|c| c.holds(words, &tags, i)) {
                    tags[i] = Some(patch.to);
                    at[from + b] &= !(1 << bit);
                    at[to + b] |= 1 << bit;
                }
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens::tokenize;
    use crate::text::Span;
    use harper_brill::{Tagger, UPOS};

    fn from_upos(u: UPOS) -> Pos {
        match u {
            UPOS::NOUN => Pos::Noun,
            UPOS::PROPN => Pos::Propn,
            UPOS::VERB => Pos::Verb,
            UPOS::AUX => Pos::Aux,
            UPOS::ADJ => Pos::Adj,
            UPOS::ADV => Pos::Adv,
            UPOS::ADP => Pos::Adp,
            UPOS::DET => Pos::Det,
            UPOS::PRON => Pos::Pron,
            UPOS::NUM => Pos::Num,
            UPOS::CCONJ => Pos::Cconj,
            UPOS::SCONJ => Pos::Sconj,
            UPOS::PART => Pos::Part,
            UPOS::INTJ => Pos::Intj,
            UPOS::PUNCT => Pos::Punct,
            UPOS::SYM => Pos::Sym,
        }
    }

    /// Every `.md` file under `dir`.
    fn answers(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                answers(&path, out);
            } else if path.extension().is_some_and(|x| x == "md") {
                out.extend(std::fs::read_to_string(&path));
            }
        }
    }

    /// Tags the line as Harper's own tagger does, and returns how many words it tagged.
    fn same_as_harper(line: &str) -> usize {
        let mut tokens = Vec::new();
        tokenize(line, Span::new(0, line.len()), &mut tokens);
        let words = crate::nlp::tagger::words(line, &tokens);
        let owned: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
        let harper: Vec<Option<Pos>> = harper_brill::brill_tagger()
            .tag_sentence(&owned)
            .into_iter()
            .map(|t| t.map(from_upos))
            .collect();
        assert_eq!(tag_sentence(&words), harper, "{line}");
        words.len()
    }

    #[test]
    fn tags_every_fixture_line_as_harper_does() {
        let mut texts = Vec::new();
        answers(std::path::Path::new("fixtures"), &mut texts);
        assert!(texts.len() > 300, "{} fixture answers", texts.len());
        let mut words = 0;
        for text in &texts {
            // Whole lines, so a paragraph is a long sentence of several bit-set blocks.
            for line in text.lines() {
                words += same_as_harper(line);
            }
        }
        assert!(words > 50_000, "{words} words");
    }

    #[test]
    fn starts_alike_reads_as_harper_compares() {
        let harper = |w: &str, word: &str| {
            w.chars()
                .zip(word.chars())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        };
        let words = [
            "", "t", "to", "To", "TOGETHER", "tö", "tô", "thé", "the", "Thé", "ǅ", "’s", "'s",
            "ab’c", "ab'c",
        ];
        for w in words {
            for word in words {
                assert_eq!(starts_alike(w, word), harper(w, word), "{w} {word}");
            }
        }
    }

    #[test]
    fn tags_case_and_unicode_as_harper_does() {
        for line in [
            "THE MANAGER SAID THAT TO HIM, AND THAT WAS THAT.",
            "Ǆemal rang the Café; ΣΟΦΙΑ’s team didn't wait, so I’d TOLD them to.",
            "Together we went to town to tell them that there there was a plan.",
            "Thé tô thère: t’hat, tHAT’s, « that » and thats.",
            "",
        ] {
            same_as_harper(line);
        }
    }
}
