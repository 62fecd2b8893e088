//! The text an answer's matchers read, built once per answer: the text itself and a copy
//! with its ASCII letters lowercased (`make_ascii_lowercase` keeps every byte offset, so a
//! match in either is a span of the text).
//!
//! Phrases are lowercase and the automaton exact, so it reads the copy; so do the
//! case-insensitive regexes' fast forms ([`super::forms`]), whose literals are lowercase.
//! Whether the text is all ASCII, or holds a non-ASCII word character, decides which
//! form of a regex runs.

/// An answer's text and its lowercased copy.
#[derive(Debug, Clone)]
pub struct Haystack<'a> {
    text: &'a str,
    lower: String,
    ascii: bool,
    ascii_words: bool,
}

impl<'a> Haystack<'a> {
    /// The haystack of `text`.
    pub fn new(text: &'a str) -> Haystack<'a> {
        Haystack {
            text,
            lower: text.to_ascii_lowercase(),
            ascii: text.is_ascii(),
            ascii_words: !has_non_ascii_word(text),
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
    /// it is all ASCII, their ASCII forms) run on it.
    pub fn ascii_words(&self) -> bool {
        self.ascii_words
    }
}

/// True when `s` holds a character outside ASCII that the regex crate counts as a word
/// character (`\w`: letters, marks, digits, connector punctuation).
pub fn has_non_ascii_word(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}
