//! The text an answer's matchers read, built once per answer: the text itself, a copy
//! with its ASCII letters lowercased (`make_ascii_lowercase` keeps every byte offset, so a
//! match in either is a span of the text), and, when the text holds accented letters, a
//! *folded* copy of that in which each non-ASCII word character is one `_`.
//!
//! Phrases are lowercase and the automaton exact, so it reads the lowercased copy; so do
//! the case-insensitive regexes' fast forms ([`super::forms`]), whose literals are
//! lowercase. A text with accented letters is read by those forms in the folded copy,
//! where they run as fast as on any other text; offsets in it map back to the text
//! through the folded characters ([`Read`]).

use crate::text::Span;

/// One non-ASCII word character replaced by `_` in the folded copy.
#[derive(Debug, Clone, Copy)]
struct Fold {
    /// Its end in the text.
    text_end: u32,
    /// Its end (the `_`'s) in the folded copy.
    folded_end: u32,
    /// Bytes dropped up to and including it.
    dropped: u32,
}

/// The lowercased copy with every non-ASCII word character folded to `_`.
#[derive(Debug, Clone, Default)]
pub(super) struct Folded {
    text: String,
    folds: Vec<Fold>,
    /// The distinct non-ASCII word characters of the text, sorted.
    words: Vec<char>,
}

/// An answer's text and its copies.
#[derive(Debug, Clone)]
pub struct Haystack<'a> {
    text: &'a str,
    lower: String,
    ascii: bool,
    /// `None` when the text holds no non-ASCII word character.
    folded: Option<Folded>,
}

impl<'a> Haystack<'a> {
    /// The haystack of `text`.
    pub fn new(text: &'a str) -> Haystack<'a> {
        let lower = text.to_ascii_lowercase();
        let folded = has_non_ascii_word(text).then(|| fold(&lower));
        Haystack {
            text,
            lower,
            ascii: text.is_ascii(),
            folded,
        }
    }

    /// The text as analysed; every offset indexes it.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text with ASCII letters lowercased (same length, same offsets).
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// The text is all ASCII, so the regexes' ASCII forms run on it.
    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// The text holds no non-ASCII word character, so the regexes' fast forms (or, when
    /// it is all ASCII, their ASCII forms) run on it as it is.
    pub fn ascii_words(&self) -> bool {
        self.folded.is_none()
    }

    /// The folded copy, when the text holds non-ASCII word characters.
    pub(super) fn folded(&self) -> Option<&Folded> {
        self.folded.as_ref()
    }
}

impl Folded {
    /// Does the text hold a character of `bad` (sorted, disjoint inclusive ranges)?
    pub(super) fn holds_any(&self, bad: &[(char, char)]) -> bool {
        self.words.iter().any(|&c| {
            let i = bad.partition_point(|r| r.1 < c);
            bad.get(i).is_some_and(|r| r.0 <= c)
        })
    }
}

fn fold(lower: &str) -> Folded {
    let mut f = Folded {
        text: String::with_capacity(lower.len()),
        ..Folded::default()
    };
    let mut dropped = 0u32;
    for (i, c) in lower.char_indices() {
        if c.is_ascii() || !regex_syntax::is_word_character(c) {
            f.text.push(c);
            continue;
        }
        f.text.push('_');
        dropped += u32::try_from(c.len_utf8() - 1).unwrap_or(0);
        f.folds.push(Fold {
            text_end: u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX),
            folded_end: u32::try_from(f.text.len()).unwrap_or(u32::MAX),
            dropped,
        });
        if let Err(at) = f.words.binary_search(&c) {
            f.words.insert(at, c);
        }
    }
    f
}

/// Which copy a regex form reads, and how offsets map between it and the text.
#[derive(Debug, Clone, Copy)]
pub(super) enum Read<'h> {
    /// The text or the lowercased copy: offsets as in the text.
    Same(&'h str),
    /// The folded copy.
    Folded(&'h Folded),
}

impl<'h> Read<'h> {
    /// The string read.
    pub fn hay(self) -> &'h str {
        match self {
            Read::Same(t) => t,
            Read::Folded(f) => &f.text,
        }
    }

    /// `span` of the text (on character boundaries, not inside a folded character) in
    /// the string read.
    pub fn span(self, span: Span) -> Span {
        Span::new(self.read_offset(span.start), self.read_offset(span.end))
    }

    /// A span of the string read, `start..end`, as a span of the text.
    pub fn back(self, start: usize, end: usize) -> Span {
        Span::new(self.text_offset(start), self.text_offset(end))
    }

    fn read_offset(self, at: u32) -> usize {
        match self {
            Read::Same(_) => at as usize,
            Read::Folded(f) => {
                let i = f.folds.partition_point(|x| x.text_end <= at);
                let dropped = i.checked_sub(1).map_or(0, |i| f.folds[i].dropped);
                (at - dropped) as usize
            }
        }
    }

    fn text_offset(self, at: usize) -> usize {
        match self {
            Read::Same(_) => at,
            Read::Folded(f) => {
                let at32 = u32::try_from(at).unwrap_or(u32::MAX);
                let i = f.folds.partition_point(|x| x.folded_end <= at32);
                at + i.checked_sub(1).map_or(0, |i| f.folds[i].dropped as usize)
            }
        }
    }
}

/// True when `s` holds a character outside ASCII that the regex crate counts as a word
/// character (`\w`: letters, marks, digits, connector punctuation).
pub fn has_non_ascii_word(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}

#[cfg(test)]
mod tests {
    use super::{Haystack, Read};

    #[test]
    fn the_folded_copy_maps_offsets_back() {
        let t = "Zoë’s café: naïve José cut it by 10 %. Renée’s team—fine.";
        let hay = Haystack::new(t);
        let f = hay.folded().unwrap();
        assert_eq!(f.words, ['é', 'ë', 'ï']);
        assert_eq!(
            f.text,
            "zo_’s caf_: na_ve jos_ cut it by 10 %. ren_e’s team—fine."
        );
        let read = Read::Folded(f);
        let cut = t.find("cut").unwrap();
        let span = read.span(crate::text::Span::new(cut, cut + 3));
        assert_eq!(span.slice(read.hay()), "cut");
        assert_eq!(
            read.back(span.start as usize, span.end as usize).slice(t),
            "cut"
        );
        assert!(Haystack::new("plain ’quotes’ £5").ascii_words());
    }
}
