//! Build the embedded rubric's regex *gates*: for each fast form in
//! `src/rubric/regex_cache.json`, a forward DFA, serialised, that says whether the regex
//! can match a text at all. The cache itself becomes Rust statics beside them.
//!
//! A pasted answer's run is mostly compiling the regexes it needs (the regex crate builds
//! forward and reverse NFAs per pattern at run time), and most of the regexes an answer
//! reaches past the literal gates then match nothing. A DFA cannot be compiled at build
//! time by the regex crate, but regex-automata's can, and it answers "does this match
//! anywhere?" exactly; a regex is compiled only when its DFA says yes. Patterns whose DFA
//! would be large (bounded repetitions over wide classes multiply states) get none and are
//! compiled as before, so the binary grows by a bounded amount.
//!
//! The blob: `u32` count, then per cache entry (in file order) a `u32` offset and `u32`
//! length (0: no gate), then the sparse DFAs; all integers little-endian.

// A build script fails the build by panicking, with the message it gives.
#![allow(clippy::expect_used)]

use regex_automata::dfa::{dense, StartKind};
use std::path::PathBuf;

/// A gate bigger than this (sparse bytes) is not kept: the regex compiles as before.
const MAX_GATE_BYTES: usize = 32 * 1024;
/// Give up determinising a pattern past this much memory (it would not be kept anyway).
const DETERMINIZE_LIMIT: usize = 2 * 1024 * 1024;

fn main() {
    let cache = "src/rubric/regex_cache.json";
    println!("cargo:rerun-if-changed={cache}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(cache).unwrap_or_default();
    // A cache that does not parse gets no gates (and fails its own unit test).
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let gates: Vec<Vec<u8>> = entries
        .iter()
        .map(|e| {
            e.pointer("/derived/fast_source")
                .and_then(|s| s.as_str())
                .and_then(|s| gate(s, big_endian))
                .unwrap_or_default()
        })
        .collect();
    let mut out = Vec::new();
    let count = u32::try_from(gates.len()).expect("fewer than 2^32 patterns");
    out.extend(count.to_le_bytes());
    let mut offset = 4 + 8 * gates.len();
    for g in &gates {
        out.extend(
            u32::try_from(offset)
                .expect("blob under 4 GiB")
                .to_le_bytes(),
        );
        out.extend(
            u32::try_from(g.len())
                .expect("gate under 4 GiB")
                .to_le_bytes(),
        );
        offset += g.len();
    }
    for g in &gates {
        out.extend(g);
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("regex_gates.bin"), out).expect("write the gates");
    std::fs::write(dir.join("regex_cache_table.rs"), table(&entries)).expect("write the table");
}

/// The cache as Rust statics (`src/rubric/regex_cache.rs` includes them): parsing the JSON
/// at run time was 4% of a pasted answer's instructions. `{:?}` writes valid Rust string
/// and character literals.
fn table(entries: &[serde_json::Value]) -> String {
    use std::fmt::Write;
    let mut out = String::from("static ENTRIES: &[CachedEntry] = &[\n");
    for e in entries {
        let source = e["source"].as_str().unwrap_or_default();
        let ci = e["case_insensitive"].as_bool().unwrap_or_default();
        let d = &e["derived"];
        let fast = d["fast_source"]
            .as_str()
            .map_or("None".to_string(), |s| format!("Some({s:?})"));
        let mut required = String::new();
        for set in d["required"].as_array().into_iter().flatten() {
            let lits: Vec<String> = set
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str())
                .map(|l| format!("{l:?}"))
                .collect();
            let _ = write!(required, "&[{}],", lits.join(","));
        }
        let bad = match d["bad"].as_array() {
            None => "None".to_string(),
            Some(ranges) => {
                let rs: Vec<String> = ranges
                    .iter()
                    .filter_map(|r| {
                        let a = r[0].as_str()?.chars().next()?;
                        let b = r[1].as_str()?.chars().next()?;
                        Some(format!("({a:?},{b:?})"))
                    })
                    .collect();
                format!("Some(&[{}])", rs.join(","))
            }
        };
        let _ = writeln!(
            out,
            "    CachedEntry {{ source: {source:?}, case_insensitive: {ci}, fast_source: {fast}, \
             required: &[{required}], bad: {bad} }},"
        );
    }
    out.push_str("];\n");
    out
}

/// The serialised forward DFA of `source`, if it builds and is small enough.
fn gate(source: &str, big_endian: bool) -> Option<Vec<u8>> {
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Unanchored)
                .minimize(false)
                .determinize_size_limit(Some(DETERMINIZE_LIMIT))
                .dfa_size_limit(Some(DETERMINIZE_LIMIT)),
        )
        .build(source)
        .ok()?;
    let sparse = dfa.to_sparse().ok()?;
    let bytes = if big_endian {
        sparse.to_bytes_big_endian()
    } else {
        sparse.to_bytes_little_endian()
    };
    (bytes.len() <= MAX_GATE_BYTES).then_some(bytes)
}
