//! Build the embedded rubric's regex DFAs: for each fast form in
//! `src/rubric/regex_cache.json`, a forward DFA (its *gate*) that says whether the regex
//! can match a text at all, and a reverse DFA that, with the gate, finds its matches. The
//! cache itself becomes Rust statics beside them.
//!
//! A pasted answer's run is mostly compiling the regexes it needs (the regex crate builds
//! NFAs per pattern at run time), and most of the regexes an answer reaches past the
//! literal gates then match nothing. A DFA cannot be compiled at build time by the regex
//! crate, but regex-automata's can, and it is exact: a regex is compiled only when its
//! gate says it matches and it has no reverse DFA (or its capture groups are wanted).
//! Patterns whose DFAs would be large (bounded repetitions over wide classes multiply
//! states) get none and are compiled as before, so the binary grows by a bounded amount.
//!
//! A pattern with no gate (its DFA does not determinise in the limit, or is too big) gets a
//! *loose* gate when it can: the DFA of the pattern with its long bounded repetitions made
//! unbounded (`[^.;]{0,50}?` becomes `[^.;]*?`), which matches wherever the pattern does
//! and more, so its "no" is exact and rules a text out as a gate's does; its "yes" only
//! sends the search on to the regex.
//!
//! A pattern with no such pair (the windowed ones, `saved [^.;]{0,50}? hours`, whose
//! unanchored DFA must track every start it has seen at once) gets an *anchored* forward
//! DFA instead when that one is small enough: it tracks one start, so it stays small, and
//! tried from each place a match could begin it finds the same matches.
//!
//! Each cache entry's lite forms (its fast form cut to ASCII, and its fast form) are
//! compiled here too, to Thompson NFAs written as plain numbers (`regex_nfas.bin`, two
//! entries per cache entry, read back by `src/rubric/lite.rs`): a pasted answer then
//! compiles no regex for its first searches.
//!
//! Each blob (`regex_gates.bin`, `regex_reverse.bin`, `regex_anchored.bin`,
//! `regex_nfas.bin`): `u32` count,
//! then per cache entry (in file order) a `u32` offset, `u32` length (0: none) and `u32`
//! kind ([`DENSE`] or [`SPARSE`]), then the DFAs, each at an offset that is a multiple of
//! 8 (a dense DFA's table is read in place as `u32`s); the header little-endian, the DFAs
//! in the target's byte order.

// A build script fails the build by panicking, with the message it gives.
#![allow(clippy::expect_used)]

/// The rubric's model, the very file the crate uses (`src/rubric/model.rs`): the embedded
/// rubric is parsed into it here and written out as MessagePack. Only its types are needed.
#[allow(dead_code)]
#[path = "src/rubric/model.rs"]
mod model;

/// Thompson NFAs as plain numbers (`src/rubric/nfa_code.rs`): the lite forms are compiled
/// here and read back by the crate, with the very code that encodes them.
#[allow(dead_code)]
#[path = "src/rubric/nfa_code.rs"]
mod nfa_code;

/// The model's `Spanned` here: read from TOML as serde_spanned's is, and written as the
/// map serde_spanned reads back from any format (`$__serde_spanned_private_*` fields), so
/// the MessagePack keeps every byte range and `file:line:column` still points into the
/// TOML.
#[derive(Debug, Clone, Default)]
struct Spanned<T> {
    span: std::ops::Range<usize>,
    value: T,
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_spanned::Spanned::<T>::deserialize(d)?;
        Ok(Spanned {
            span: s.span(),
            value: s.into_inner(),
        })
    }
}

impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("$__serde_spanned_private_Spanned", 3)?;
        st.serialize_field("$__serde_spanned_private_start", &self.span.start)?;
        st.serialize_field("$__serde_spanned_private_end", &self.span.end)?;
        st.serialize_field("$__serde_spanned_private_value", &self.value)?;
        st.end()
    }
}

use regex_automata::dfa::{dense, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::MatchKind;
use std::path::PathBuf;

/// A gate bigger than this (sparse bytes) is not kept: the regex compiles as before.
/// DFAs are read without re-checking their transitions (src/rubric/gates.rs), so a big
/// one costs binary size and the pages a search touches, not start-up: 128 KiB gives the
/// sample answer 84 M instructions against 98 M at 32 KiB and 81 M at 512 KiB.
const MAX_GATE_BYTES: usize = 128 * 1024;
/// A reverse DFA bigger than this is not kept: the regex compiles to find its matches.
const MAX_REVERSE_BYTES: usize = 128 * 1024;
/// Give up determinising a pattern past this much memory (it would not be kept anyway).
const DETERMINIZE_LIMIT: usize = 2 * 1024 * 1024;
/// An anchored DFA bigger than this is not kept. Each one spares a pasted answer that
/// reaches its pattern a compile of ~0.5-1 M instructions; at 1 MiB the 29 patterns that
/// get one add ~5 MB to the binary, read only where a search goes.
const MAX_ANCHORED_BYTES: usize = 1024 * 1024;
/// The anchored DFAs' determinising limit: sparse bytes are a fraction of the dense size.
const ANCHORED_DETERMINIZE_LIMIT: usize = 8 * 1024 * 1024;
/// A gate or anchored DFA whose dense form is at most this big is kept dense: a dense DFA
/// reads a byte in one table lookup where a sparse one searches the state's transitions,
/// about ten times faster (a pasted answer's gate searches were a quarter of its run),
/// for 3-4 times the bytes. The sample answer: 31.7 M instructions all sparse, 27.1 M at
/// 64 KiB (binary +2.6 MB), 25.4 M at 128 KiB (+4.4 MB), 24.4 M at 256 KiB (+6.3 MB).
/// Bigger ones stay sparse, so the binary grows by a bounded amount; reverse DFAs stay
/// sparse, as they read only a match's span (dense ones were +4 MB for nothing).
const MAX_DENSE_BYTES: usize = 128 * 1024;
/// Blob kinds (`src/rubric/gates.rs` reads them): sparse or [`DENSE`], and [`LOOSE`] for
/// a loose gate.
const SPARSE: u32 = 0;
const DENSE: u32 = 1;
const LOOSE: u32 = 2;
/// A loose gate makes a bounded repetition unbounded when its bound is above this: the
/// long windows (`{0,50}`) are what keep a DFA from determinising; short ones stay exact.
const LOOSE_ABOVE: u32 = 8;

fn main() {
    rubric_msgpack();
    phrase_table();
    let cache = "src/rubric/regex_cache.json";
    println!("cargo:rerun-if-changed={cache}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/rubric/nfa_code.rs");
    let text = std::fs::read_to_string(cache).unwrap_or_default();
    // A cache that does not parse gets no gates (and fails its own unit test).
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let (mut gates, mut finders, mut anchored) = (Vec::new(), Vec::new(), Vec::new());
    let mut nfas = Vec::new();
    for e in &entries {
        for form in ["/derived/ascii_source", "/derived/fast_source"] {
            let nfa = e
                .pointer(form)
                .and_then(|s| s.as_str())
                .and_then(nfa_code::compile)
                .and_then(|nfa| nfa_code::encode(&nfa))
                .unwrap_or_default();
            nfas.push((SPARSE, nfa));
        }
        let (gate, reverse, anchor) = e
            .pointer("/derived/fast_source")
            .and_then(|s| s.as_str())
            .map(|s| dfas(s, big_endian))
            .unwrap_or_default();
        gates.push(gate);
        finders.push(reverse);
        anchored.push(anchor);
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("regex_gates.bin"), blob(&gates)).expect("write the gates");
    std::fs::write(dir.join("regex_reverse.bin"), blob(&finders)).expect("write the reverse DFAs");
    std::fs::write(dir.join("regex_anchored.bin"), blob(&anchored))
        .expect("write the anchored DFAs");
    std::fs::write(dir.join("regex_nfas.bin"), blob(&nfas)).expect("write the NFAs");
    std::fs::write(dir.join("regex_cache_table.rs"), table(&entries)).expect("write the table");
}

/// The embedded rubric as MessagePack (`OUT_DIR/default_rubric.msgpack`, structs as maps
/// with their field names, as serde_spanned needs), or an empty file when it does not
/// parse: the crate then parses the TOML and reports the error as it would.
fn rubric_msgpack() {
    let path = "rubrics/default.toml";
    println!("cargo:rerun-if-changed={path}");
    println!("cargo:rerun-if-changed=src/rubric/model.rs");
    let bytes = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| toml::from_str::<model::RubricFile>(&text).ok())
        .and_then(|file| {
            let mut out = Vec::new();
            let mut ser = rmp_serde::Serializer::new(&mut out).with_struct_map();
            serde::Serialize::serialize(&file, &mut ser).ok()?;
            Some(out)
        })
        .unwrap_or_default();
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("default_rubric.msgpack"), bytes).expect("write the rubric");
}

/// `src/rubric/phrase_cache.json` as Rust statics (`src/rubric/phrase_cache.rs`); a file
/// that does not read gives an empty list, which no rubric's phrases equal.
fn phrase_table() {
    let path = "src/rubric/phrase_cache.json";
    println!("cargo:rerun-if-changed={path}");
    let phrases: Vec<String> = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let mut ends = Vec::new();
    let mut end = 0usize;
    for p in &phrases {
        end += p.len();
        ends.push(end.to_string());
    }
    let mut table = format!(
        "static PHRASES_TEXT: &str = {:?};\nstatic PHRASE_ENDS: &[u32] = &[{}];\n",
        phrases.concat(),
        ends.join(",")
    );
    table.push_str(&trie(&phrases));
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("phrase_cache_table.rs"), table).expect("write the phrase table");
}

/// The phrases as a trie, in Rust statics (`src/rubric/phrase_cache.rs` searches it):
/// node 0 is the root, whose children are `TRIE_ROOT[byte]` (0: none); node `n`'s other
/// edges are `TRIE_FIRST[n]..TRIE_FIRST[n + 1]` of `TRIE_BYTES` (sorted) and `TRIE_NEXT`,
/// or, when `TRIE_ROW[n]` is `r > 0`, `TRIE_DENSE[(r - 1) * 256 + byte]`; and
/// `TRIE_PHRASE[n]` is the phrase ending there (`u32::MAX`: none). Numbers only, so
/// the loader relocates nothing. A list with a phrase twice gets an empty trie (each
/// node ends one phrase), which the crate never uses.
fn trie(phrases: &[String]) -> String {
    const NONE: u32 = u32::MAX;
    const DENSE_CHILDREN: usize = 4;
    // Per node: sorted edges and the phrase ending there.
    let mut edges: Vec<std::collections::BTreeMap<u8, u32>> = vec![Default::default()];
    let mut ends: Vec<u32> = vec![NONE];
    let mut unique = true;
    for (i, p) in phrases.iter().enumerate() {
        let mut node = 0usize;
        for &b in p.as_bytes() {
            let next = match edges[node].get(&b) {
                Some(&n) => n as usize,
                None => {
                    let n = edges.len();
                    edges.push(Default::default());
                    ends.push(NONE);
                    edges[node].insert(b, u32::try_from(n).expect("fewer than 2^32 nodes"));
                    n
                }
            };
            node = next;
        }
        unique &= node != 0 && ends[node] == NONE;
        ends[node] = u32::try_from(i).expect("fewer than 2^32 phrases");
    }
    if !unique {
        (edges, ends) = (vec![Default::default()], vec![NONE]);
    }
    let mut root = vec![0u32; 256];
    for (&b, &n) in &edges[0] {
        root[usize::from(b)] = n;
    }
    let (mut first, mut bytes, mut next) = (Vec::new(), Vec::new(), Vec::new());
    // Nodes with many children (the first letters' nodes, mostly) also get a row of 256
    // children, read in one step instead of a binary search: the trie then reads ~40 MB/s.
    let (mut row_of, mut rows) = (Vec::new(), Vec::new());
    for e in &edges {
        first.push(bytes.len().to_string());
        for (&b, &n) in e {
            bytes.push(b.to_string());
            next.push(n.to_string());
        }
        if e.len() > DENSE_CHILDREN {
            let mut row = [0u32; 256];
            for (&b, &n) in e {
                row[usize::from(b)] = n;
            }
            rows.extend(row.iter().map(u32::to_string));
            row_of.push((rows.len() / 256).to_string());
        } else {
            row_of.push("0".to_string());
        }
    }
    first.push(bytes.len().to_string());
    let list = |v: &[String]| v.join(",");
    let root: Vec<String> = root.iter().map(u32::to_string).collect();
    let ends: Vec<String> = ends.iter().map(u32::to_string).collect();
    format!(
        "static TRIE_ROOT: [u32; 256] = [{}];\nstatic TRIE_FIRST: &[u32] = &[{}];\n\
         static TRIE_BYTES: &[u8] = &[{}];\nstatic TRIE_NEXT: &[u32] = &[{}];\n\
         static TRIE_PHRASE: &[u32] = &[{}];\nstatic TRIE_ROW: &[u32] = &[{}];\n\
         static TRIE_DENSE: &[u32] = &[{}];\n",
        list(&root),
        list(&first),
        list(&bytes),
        list(&next),
        list(&ends),
        list(&row_of),
        list(&rows)
    )
}

/// A serialised DFA and its kind ([`DENSE`] or [`SPARSE`]); empty bytes: none.
type Serialised = (u32, Vec<u8>);

/// `u32` count, then per DFA a `u32` offset, `u32` length (0: none) and `u32` kind, then
/// the DFAs, each starting at a multiple of 8.
fn blob(dfas: &[Serialised]) -> Vec<u8> {
    let align = |n: usize| n.div_ceil(8) * 8;
    let word = |n: usize| u32::try_from(n).expect("blob under 4 GiB").to_le_bytes();
    let mut out = Vec::new();
    out.extend(word(dfas.len()));
    let mut offset = align(4 + 12 * dfas.len());
    for (kind, d) in dfas {
        out.extend(word(offset));
        out.extend(word(d.len()));
        out.extend(kind.to_le_bytes());
        offset = align(offset + d.len());
    }
    for (_, d) in dfas {
        out.resize(align(out.len()), 0);
        out.extend(d);
    }
    out
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
        let ascii = d["ascii_source"]
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
             ascii_source: {ascii}, required: &[{required}], bad: {bad} }},"
        );
    }
    out.push_str("];\n");
    out
}

/// The serialised forward DFA of `source` (its gate), reverse DFA and anchored forward
/// DFA, each empty when it does not build or is too big; a loose gate where there is no
/// exact one, no reverse DFA without an exact gate, and an anchored one only where there
/// is no pair. The reverse one is configured as
/// regex-automata's `dfa::regex::Builder` configures it (anchored, every match, reversed
/// NFA), so the pair finds exactly the regex's leftmost-first matches.
fn dfas(source: &str, big_endian: bool) -> (Serialised, Serialised, Serialised) {
    let base = |limit: usize| {
        dense::Config::new()
            .minimize(false)
            .determinize_size_limit(Some(limit))
            .dfa_size_limit(Some(limit))
    };
    let serialise = |dfa: dense::DFA<Vec<u32>>, max: usize, dense_max: usize| {
        let (bytes, padding) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        if bytes.len() - padding <= dense_max {
            return Some((DENSE, bytes[padding..].to_vec()));
        }
        let sparse = dfa.to_sparse().ok()?;
        let bytes = if big_endian {
            sparse.to_bytes_big_endian()
        } else {
            sparse.to_bytes_little_endian()
        };
        (bytes.len() <= max).then_some((SPARSE, bytes))
    };
    let gate_of = |source: &str| {
        dense::Builder::new()
            .configure(base(DETERMINIZE_LIMIT).start_kind(StartKind::Unanchored))
            .build(source)
            .ok()
            .and_then(|dfa| serialise(dfa, MAX_GATE_BYTES, MAX_DENSE_BYTES))
    };
    let exact = gate_of(source);
    let gate = exact
        .clone()
        .or_else(|| {
            let loose = loosen(regex_syntax::Parser::new().parse(source).ok()?).to_string();
            let (kind, bytes) = gate_of(&loose)?;
            Some((kind | LOOSE, bytes))
        })
        .unwrap_or_default();
    let reverse = if exact.is_none() {
        Default::default()
    } else {
        dense::Builder::new()
            .configure(
                base(DETERMINIZE_LIMIT)
                    .prefilter(None)
                    .specialize_start_states(false)
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::All),
            )
            .thompson(thompson::Config::new().reverse(true))
            .build(source)
            .ok()
            .and_then(|dfa| serialise(dfa, MAX_REVERSE_BYTES, 0))
            .unwrap_or_default()
    };
    let anchored = if reverse.1.is_empty() {
        dense::Builder::new()
            .configure(base(ANCHORED_DETERMINIZE_LIMIT).start_kind(StartKind::Anchored))
            .build(source)
            .ok()
            .and_then(|dfa| serialise(dfa, MAX_ANCHORED_BYTES, MAX_DENSE_BYTES))
            .unwrap_or_default()
    } else {
        Default::default()
    };
    (gate, reverse, anchored)
}

/// `h` with every bounded repetition whose bound is above [`LOOSE_ABOVE`] made unbounded:
/// it matches every text `h` matches (and more).
fn loosen(h: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
    match h.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            max: r.max.filter(|&max| max <= LOOSE_ABOVE),
            sub: Box::new(loosen(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(loosen(*c.sub)),
            ..c
        }),
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(loosen).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(loosen).collect()),
    }
}
