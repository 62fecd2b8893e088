//! The embedded rubric's phrase list, in automaton order, and a trie of it, both known
//! before the rubric is read.
//!
//! Building the aho-corasick automaton over the ~2,500 phrases was, after the regexes, the
//! biggest part of a pasted answer's start-up (~14 M instructions). With the list kept here
//! (`phrase_cache.json`, turned into statics by `build.rs`, which also builds the trie),
//! the compiler uses the trie whenever the rubric's phrases turn out to be exactly this
//! list, and builds an automaton otherwise (a user's overlay), so a stale file costs time,
//! never correctness. The trie reads ~40 MB/s against the automaton's ~45 (a cohort's
//! batch is ~2 % phrases), and finds the same occurrences (a test compares them on every
//! fixture). A unit test fails when the file no longer matches the embedded rubric, and
//! rewrites it with `STARLINT_BLESS=1`.

// `PHRASES_TEXT` (every phrase, one after another) and `PHRASE_ENDS` (where each ends):
// one string and numbers rather than a table of `&str`, which the loader would have to
// relocate, 2,500 pointers, at every start, `--version` included.
include!(concat!(env!("OUT_DIR"), "/phrase_cache_table.rs"));

/// The cached phrases, in automaton order.
pub(crate) fn phrases() -> impl Iterator<Item = &'static str> + Clone {
    PHRASE_ENDS.iter().scan(0usize, |start, &end| {
        let end = end as usize;
        let phrase = PHRASES_TEXT.get(*start..end).unwrap_or_default();
        *start = end;
        Some(phrase)
    })
}

/// How many phrases the cache holds.
pub(crate) fn count() -> usize {
    PHRASE_ENDS.len()
}

/// Does the trie hold the phrases (build.rs leaves it empty for a list with duplicates)?
pub(crate) fn has_trie() -> bool {
    TRIE_ROOT.iter().any(|&n| n != 0)
}

/// Every occurrence of every cached phrase in `hay`, overlapping, as `(phrase index,
/// start, end)`: what an aho-corasick automaton over [`phrases`] finds with
/// `find_overlapping_iter`, in order of start and then end rather than of end. From each
/// byte it follows the answer's next bytes down the trie, usually one or two steps.
pub(crate) fn for_each_match(hay: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    for (start, &b) in hay.iter().enumerate() {
        let mut node = TRIE_ROOT[usize::from(b)] as usize;
        let mut end = start + 1;
        while node != 0 {
            if let Some(&phrase) = TRIE_PHRASE.get(node).filter(|&&p| p != u32::MAX) {
                found(phrase as usize, start, end);
            }
            let Some(&next_byte) = hay.get(end) else {
                break;
            };
            node = child(node, next_byte);
            end += 1;
        }
    }
}

/// The index of `phrase` in the cached list, if it is there: one walk down the trie.
pub(crate) fn lookup(phrase: &str) -> Option<usize> {
    let mut bytes = phrase.bytes();
    let mut node = TRIE_ROOT[usize::from(bytes.next()?)] as usize;
    for b in bytes {
        if node == 0 {
            return None;
        }
        node = child(node, b);
    }
    TRIE_PHRASE
        .get(node)
        .filter(|&&p| node != 0 && p != u32::MAX)
        .map(|&p| p as usize)
}

/// The child of trie node `node` on `byte`, or 0 (the root: no child).
fn child(node: usize, byte: u8) -> usize {
    if let Some(&row) = TRIE_ROW.get(node).filter(|&&r| r != 0) {
        let at = (row as usize - 1) * 256 + usize::from(byte);
        return TRIE_DENSE.get(at).map_or(0, |&n| n as usize);
    }
    let (Some(&from), Some(&to)) = (TRIE_FIRST.get(node), TRIE_FIRST.get(node + 1)) else {
        return 0;
    };
    let (from, to) = (from as usize, to as usize);
    let Some(bytes) = TRIE_BYTES.get(from..to) else {
        return 0;
    };
    match bytes.binary_search(&byte) {
        Ok(i) => TRIE_NEXT.get(from + i).map_or(0, |&n| n as usize),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrase_cache_is_current() {
        let rubric = crate::rubric::default_rubric().expect("the embedded rubric compiles");
        let phrases = &rubric.matchers.phrases;
        let json = serde_json::to_string_pretty(phrases).expect("serialise") + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rubric/phrase_cache.json");
        if std::env::var_os("STARLINT_BLESS").is_some() {
            std::fs::write(path, &json).expect("write the cache");
            return;
        }
        assert!(
            phrases.iter().eq(super::phrases()),
            "src/rubric/phrase_cache.json is stale: run `STARLINT_BLESS=1 cargo test --lib phrase_cache` and commit it"
        );
        assert!(phrases.len() > 1000, "{} phrases", phrases.len());
    }

    /// Every cached phrase is found at its index, and nothing else is: prefixes, longer
    /// texts and the empty string are not phrases.
    #[test]
    fn lookup_finds_each_phrase_at_its_index() {
        let mut n = 0;
        for (i, p) in super::phrases().enumerate() {
            assert_eq!(super::lookup(p), Some(i), "{p:?}");
            let longer = format!("{p}\u{1}");
            assert_eq!(super::lookup(&longer), None);
            if let Some((cut, _)) = p.char_indices().last().filter(|&(c, _)| c > 0) {
                let prefix = &p[..cut];
                let want = super::phrases().position(|q| q == prefix);
                assert_eq!(super::lookup(prefix), want, "{prefix:?}");
            }
            n += 1;
        }
        assert!(n > 1000, "{n} phrases");
        for text in ["", "zzzz", "\u{1}"] {
            assert_eq!(super::lookup(text), None, "{text:?}");
        }
    }

    /// The trie finds exactly what an aho-corasick automaton over the same phrases finds
    /// (overlapping, every phrase at every place), on every fixture's lowercased text and
    /// on texts with non-ASCII letters, phrases at both ends and overlaps.
    #[test]
    fn the_trie_finds_what_the_automaton_finds() {
        assert!(super::has_trie());
        let ac = crate::rubric::compile::phrase_automaton(super::phrases()).expect("builds");
        let mut texts: Vec<String> = crate::rubric::test_texts::fixture_texts()
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        assert!(texts.len() > 50, "{} fixtures", texts.len());
        texts.extend(
            [
                "",
                "we",
                "not my team, nobody asked, no ticket; we weekly were well",
                "café → the naïve owner's £40 and €12 -> 3 => done. i escalated",
                "i i i we we we the the the one-one ",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for text in &texts {
            let mut want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let mut got = Vec::new();
            super::for_each_match(text.as_bytes(), |p, s, e| got.push((s, e, p)));
            want.sort_unstable();
            // The trie reports by start, then end; one phrase ends at each node.
            assert!(got.windows(2).all(|w| w[0] < w[1]), "order on {text:?}");
            assert_eq!(got, want, "on {text:?}");
            found += got.len();
        }
        assert!(found > 10_000, "{found} occurrences");
    }
}
