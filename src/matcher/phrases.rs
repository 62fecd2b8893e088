//! Phrases as the automaton holds them: lowercased, with both apostrophes, each once, with
//! the tags of everyone who listed it; and the whole-word test a phrase match must pass.
//!
//! The automaton reads the answer's lowercased copy, so a phrase is lowercased once here
//! instead of matched case-insensitively; candidates type both ' and ’, so a phrase with
//! one gets the other too. The regexes' required literals join the same automaton (they
//! carry no tag, only the gates they open), so one pass over the answer serves both.

use super::Tag;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// All phrases together may hold this many bytes (the embedded rubric has about 17 KB):
/// the automaton's memory grows with them, and a hostile rubric must get an error naming
/// the rule that crossed the line, not exhaust memory.
pub const MAX_PHRASE_BYTES: usize = 1024 * 1024;

/// One pattern of the automaton: a phrase, a regex's required literal, or both.
#[derive(Debug, Clone, Default)]
pub(super) struct Entry {
    /// Whose phrase it is (none for a literal that only gates regexes).
    pub tags: Vec<Tag>,
    /// Its first and last characters are word characters (a whole-word check applies).
    pub word_start: bool,
    pub word_end: bool,
    /// The required sets it belongs to: (index of the regex, the set's bit).
    pub opens: Vec<(usize, u8)>,
}

/// The automaton's patterns as they are added.
#[derive(Debug, Default)]
pub(super) struct Phrases {
    index: HashMap<String, usize>,
    pub texts: Vec<String>,
    pub entries: Vec<Entry>,
    /// Bytes of distinct phrases so far (see [`MAX_PHRASE_BYTES`]).
    bytes: usize,
    /// Set once a phrase was refused for the limit.
    pub over: bool,
}

impl Phrases {
    /// The entry for `v`, added if new.
    pub fn entry(&mut self, v: &str) -> usize {
        if let Some(&i) = self.index.get(v) {
            return i;
        }
        self.texts.push(v.to_string());
        self.entries.push(Entry {
            word_start: v.chars().next().is_some_and(is_word_char),
            word_end: v.chars().next_back().is_some_and(is_word_char),
            ..Entry::default()
        });
        self.index.insert(v.to_string(), self.texts.len() - 1);
        self.texts.len() - 1
    }

    /// Add phrase `p` for `tag`, with its apostrophe variants. Nothing is added once the
    /// phrases are over [`MAX_PHRASE_BYTES`].
    pub fn add(&mut self, p: &str, tag: Tag) {
        if self.over {
            return;
        }
        let lower = lowered(p);
        if lower.is_empty() || !self.variant(&lower, tag) {
            return;
        }
        for v in apostrophe_variants(&lower) {
            if !self.variant(&v, tag) {
                return;
            }
        }
    }

    /// Add one variant of a phrase for `tag`; false when it is over the limit.
    fn variant(&mut self, v: &str, tag: Tag) -> bool {
        let i = match self.index.get(v) {
            Some(&i) => i,
            None => {
                if self.bytes + v.len() > MAX_PHRASE_BYTES {
                    self.over = true;
                    return false;
                }
                self.bytes += v.len();
                self.entry(v)
            }
        };
        let tags = &mut self.entries[i].tags;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
        true
    }
}

/// `p` trimmed and lowercased, borrowed when it already is.
fn lowered(p: &str) -> Cow<'_, str> {
    let p = p.trim();
    if p.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(p.to_ascii_lowercase())
    } else {
        Cow::Borrowed(p)
    }
}

/// Apostrophe variants of a phrase already lowercased: candidates type both ' and ’.
fn apostrophe_variants(lower: &str) -> impl Iterator<Item = String> + '_ {
    let straight = lower.contains('\'');
    let curly = lower.contains('\u{2019}');
    let to_curly = straight.then(|| lower.replace('\'', "\u{2019}"));
    let to_straight = curly.then(|| lower.replace('\u{2019}', "'"));
    to_curly.into_iter().chain(to_straight)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when the match `start..end` of `text` is not part of a longer word on the sides
/// that need checking. A slash joins words too: "I/O" is one word, not "I".
pub(super) fn whole_word(
    text: &str,
    start: usize,
    end: usize,
    check_start: bool,
    check_end: bool,
) -> bool {
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

#[cfg(test)]
mod tests {
    use super::whole_word;

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
