//! The embedded rubric's phrase list, in automaton order, known before the rubric is read.
//!
//! Building the aho-corasick automaton over the ~2,500 phrases was, after the regexes, the
//! biggest part of a pasted answer's start-up, and it could only begin once the rubric was
//! parsed and compiled. With the list kept here (`phrase_cache.json`, turned into a static
//! by `build.rs`), [`super::build`] builds the automaton on a second thread while the rubric
//! is parsed and compiled on the first; the compiler uses it only if the rubric's phrases
//! turn out to be exactly this list, and builds its own otherwise (a user's overlay), so a
//! stale file costs time, never correctness. A unit test fails when the file no longer
//! matches the embedded rubric, and rewrites it with `STARLINT_BLESS=1`.

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
}
