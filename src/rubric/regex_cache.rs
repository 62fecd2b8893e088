//! The embedded rubric's regexes, already parsed and rewritten.
//!
//! [`Re::new`](super::Re::new) parses each pattern, case-folds it and derives its fast form,
//! required literals and `bad` set; for the ~200 patterns of the embedded rubric that was
//! most of the time a single pasted answer took, start-up included. The result is a pure
//! function of the pattern and its case flag, so it is kept here, derived ahead of time,
//! and looked up instead. Only the embedded rubric uses it (a user's rubric is derived and
//! compiled at load, so its errors are reported there); a pattern missing from the file is
//! derived as before, so a stale file costs time, never correctness. A unit test fails when
//! the file no longer matches the rubric, and rewrites it with `STARLINT_BLESS=1`.

use super::fastre::Derived;

/// The derived forms, as `regex_cache_is_current` writes them.
#[cfg(test)]
const CACHE_JSON: &str = include_str!("regex_cache.json");

/// One entry of the file, as `build.rs` writes it into Rust statics (no parsing at run
/// time).
struct CachedEntry {
    source: &'static str,
    case_insensitive: bool,
    fast_source: Option<&'static str>,
    ascii_source: Option<&'static str>,
    required: &'static [&'static [&'static str]],
    bad: Option<&'static [(char, char)]>,
}

include!(concat!(env!("OUT_DIR"), "/regex_cache_table.rs"));

/// Every cached pattern (source and case flag), in file order.
#[cfg(test)]
pub(crate) fn patterns() -> Vec<(String, bool)> {
    ENTRIES
        .iter()
        .map(|e| (e.source.to_string(), e.case_insensitive))
        .collect()
}

/// The derived forms of an embedded-rubric pattern and its entry's index, if the file
/// has them.
pub(crate) fn get(source: &str, case_insensitive: bool) -> Option<(usize, Derived)> {
    #[cfg(test)]
    tests::record(source, case_insensitive);
    // The entries are sorted by source, then case flag (the test that keeps the file current
    // writes them from a sorted set): a binary search, where building a hash map of them
    // first cost ~1 M instructions at every start.
    let i = ENTRIES
        .binary_search_by(|e| (e.source, e.case_insensitive).cmp(&(source, case_insensitive)))
        .ok()?;
    let e = ENTRIES.get(i)?;
    Some((
        i,
        Derived::cached(e.fast_source, e.ascii_source, e.required, e.bad),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::fastre::derive_source;
    use serde::Serialize;
    use std::cell::RefCell;
    use std::collections::BTreeSet;

    thread_local! {
        /// What this thread's compilations asked for: other tests compile rubrics of their
        /// own on other threads, and only the embedded rubric's patterns belong in the file.
        static ASKED: RefCell<BTreeSet<(String, bool)>> = const { RefCell::new(BTreeSet::new()) };
    }

    pub(super) fn record(source: &str, case_insensitive: bool) {
        ASKED.with(|a| {
            a.borrow_mut()
                .insert((source.to_string(), case_insensitive))
        });
    }

    #[derive(Serialize)]
    struct Entry {
        source: String,
        case_insensitive: bool,
        derived: Derived,
    }

    /// [`get`] binary-searches the entries.
    #[test]
    fn entries_are_sorted_by_source_then_case() {
        assert!(ENTRIES.len() > 200);
        assert!(ENTRIES.windows(2).all(|w| {
            (w[0].source, w[0].case_insensitive) < (w[1].source, w[1].case_insensitive)
        }));
        for (i, e) in ENTRIES.iter().enumerate() {
            assert_eq!(get(e.source, e.case_insensitive).map(|(j, _)| j), Some(i));
        }
        assert!(get("not a cached pattern", true).is_none());
    }

    #[test]
    fn regex_cache_is_current() {
        ASKED.with(|a| a.borrow_mut().clear());
        crate::rubric::default_rubric().expect("the embedded rubric compiles");
        let asked = ASKED.with(|a| a.borrow().clone());
        let entries: Vec<Entry> = asked
            .into_iter()
            .map(|(source, ci)| {
                let derived = derive_source(&source, ci);
                Entry {
                    source,
                    case_insensitive: ci,
                    derived,
                }
            })
            .collect();
        let json = serde_json::to_string_pretty(&entries).expect("serialise") + "\n";
        if std::env::var_os("STARLINT_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rubric/regex_cache.json");
            std::fs::write(path, &json).expect("write the cache");
            return;
        }
        assert!(
            CACHE_JSON == json,
            "src/rubric/regex_cache.json is stale for the embedded rubric: rewrite it with \
             `STARLINT_BLESS=1 cargo test --lib regex_cache` and commit it"
        );
    }
}
