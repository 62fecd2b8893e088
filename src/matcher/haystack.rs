//! The text an answer's matchers read, built once per answer: the text itself, a copy
//! with its ASCII letters lowercased (`make_ascii_lowercase` keeps every byte offset, so a
//! match in either is a span of the text), and, when the text is not all ASCII, an ASCII
//! copy of that in which each other character is its one-byte stand-in
//! ([`super::forms::stand_in`]: `_` for a word character, `'` for a curly apostrophe …).
//!
//! Phrases are lowercase and the automaton exact, so it reads the lowercased copy; so do
//! the case-insensitive regexes' ASCII forms ([`super::forms`]), whose literals are
//! lowercase. On a text that is not all ASCII those forms read the ASCII copy, where they
//! run as fast as on any other text; offsets in it map back to the text through the
//! characters replaced ([`Read`]).

use crate::text::Span;

/// One non-ASCII character replaced by its stand-in in the ASCII copy.
#[derive(Debug, Clone, Copy)]
struct Fold {
    /// Its end in the text.
    text_end: u32,
    /// Its end (the stand-in's) in the ASCII copy.
    folded_end: u32,
    /// Bytes dropped up to and including it.
    dropped: u32,
}

/// The lowercased copy with every non-ASCII character replaced by its stand-in.
#[derive(Debug, Clone, Default)]
pub(super) struct Folded {
    text: String,
    folds: Vec<Fold>,
    /// The distinct non-ASCII characters of the text, sorted.
    chars: Vec<char>,
}

/// An answer's text and its copies.
#[derive(Debug, Clone)]
pub struct Haystack<'a> {
    text: &'a str,
    lower: String,
    /// `None` when the text is all ASCII.
    folded: Option<Folded>,
}

impl<'a> Haystack<'a> {
    /// The haystack of `text`.
    pub fn new(text: &'a str) -> Haystack<'a> {
        let lower = text.to_ascii_lowercase();
        let folded = (!text.is_ascii()).then(|| fold(&lower));
        Haystack {
            text,
            lower,
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

    /// The text is all ASCII, so the regexes' ASCII forms read it as it is.
    pub fn ascii(&self) -> bool {
        self.folded.is_none()
    }

    /// The ASCII copy, when the text is not all ASCII.
    pub(super) fn folded(&self) -> Option<&Folded> {
        self.folded.as_ref()
    }
}

impl Folded {
    /// Does the text hold a character of `bad` (sorted, disjoint inclusive ranges)?
    pub(super) fn holds_any(&self, bad: &[(char, char)]) -> bool {
        self.chars.iter().any(|&c| {
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
        if c.is_ascii() {
            f.text.push(c);
            continue;
        }
        f.text.push(super::forms::stand_in(c));
        dropped += u32::try_from(c.len_utf8() - 1).unwrap_or(0);
        f.folds.push(Fold {
            text_end: u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX),
            folded_end: u32::try_from(f.text.len()).unwrap_or(u32::MAX),
            dropped,
        });
        if let Err(at) = f.chars.binary_search(&c) {
            f.chars.insert(at, c);
        }
    }
    f
}

/// Which copy a regex form reads, and how offsets map between it and the text.
#[derive(Debug, Clone, Copy)]
pub(super) enum Read<'h> {
    /// The text or the lowercased copy: offsets as in the text.
    Same(&'h str),
    /// The ASCII copy.
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

#[cfg(test)]
mod tests {
    use super::{Haystack, Read};

    #[test]
    fn the_folded_copy_maps_offsets_back() {
        let t = "Zoë’s café: naïve José cut it by 10 %. Renée’s team—fine.";
        let hay = Haystack::new(t);
        let f = hay.folded().unwrap();
        assert_eq!(f.chars, ['é', 'ë', 'ï', '—', '’']);
        assert_eq!(
            f.text,
            "zo_'s caf_: na_ve jos_ cut it by 10 %. ren_e's team\u{1a}fine."
        );
        let read = Read::Folded(f);
        let cut = t.find("cut").unwrap();
        let span = read.span(crate::text::Span::new(cut, cut + 3));
        assert_eq!(span.slice(read.hay()), "cut");
        assert_eq!(
            read.back(span.start as usize, span.end as usize).slice(t),
            "cut"
        );
        assert!(!Haystack::new("plain ’quotes’ £5").ascii());
        assert!(Haystack::new("plain 'quotes' $5").ascii());
    }
}
