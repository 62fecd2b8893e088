//! Derive from the embedded rubric, ahead of time and into `OUT_DIR`, what the crate would
//! otherwise compute at every start: its regex forms and its parsed model.
//!
//! Each regex of `rubrics/default.toml` gets its ASCII form, required literals and bad
//! set (`src/matcher/forms.rs`, compiled in here as it is into the crate) in a
//! sorted table, `OUT_DIR/regex_forms.rs`, which `src/matcher/built.rs` includes. Deriving them at run
//! time (parsing and case-folding ~250 patterns) would be most of a pasted answer's run.
//! Nothing derived is committed, so editing the rubric needs no extra step: the next build
//! derives the table again. A pattern this walk misses is derived at run time instead
//! (correct, only slower); a unit test checks that none is missed.
//!
//! The rubric itself is parsed into the crate's own model (`src/rubric/model.rs`) and
//! written as MessagePack, `OUT_DIR/default_rubric.msgpack`, with each rule's keys and
//! every position into the TOML: reading it back is several times faster than parsing
//! the TOML, and a unit test checks the two agree.
//!
//! The field wording files (`rubrics/fields*.toml`) are written as MessagePack too,
//! `OUT_DIR/<name>.msgpack`, for the same reason.
//!
//! Harper's Brill tagger model (the `harper-brill` crate) is read here too, not at run
//! time: its frequency dictionary and its patches as Rust statics, `OUT_DIR/brill_model.rs`
//! (`src/nlp/brill.rs` includes it). The crate keeps the model private behind one call
//! that tags a whole sentence; with the model in hand the crate tags with the same rules,
//! faster, and loads the dictionary without parsing JSON. It is English grammar, not
//! rubric data, and nothing is committed.

// A build script fails the build by panicking, with the message it gives.
#![allow(clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
#[path = "src/matcher/forms.rs"]
mod forms;

/// The rubric's model, the very file the crate uses.
#[allow(dead_code)]
#[path = "src/rubric/model.rs"]
mod model;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use toml::{Table, Value};

const RUBRIC: &str = "rubrics/default.toml";

fn main() {
    println!("cargo:rerun-if-changed={RUBRIC}");
    println!("cargo:rerun-if-changed=src/matcher/forms.rs");
    println!("cargo:rerun-if-changed=src/rubric/model.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("brill_model.rs"), brill()).expect("write brill_model.rs");
    let text = std::fs::read_to_string(RUBRIC).expect("read rubrics/default.toml");
    // A rubric that does not parse gets an empty table; the crate reports its error.
    let rubric: Table = toml::from_str(&text).unwrap_or_default();
    let mut table = String::from("static BUILT: &[Built] = &[\n");
    for (source, ci) in regexes(&rubric) {
        let f = forms::derive(&source, ci);
        let sets: Vec<String> = f.required.iter().map(|set| format!("&{set:?}")).collect();
        let _ = writeln!(
            table,
            "    Built {{ source: {source:?}, case_insensitive: {ci}, ascii: {:?}, required: &[{}], bad: {} }},",
            f.ascii,
            sets.join(", "),
            f.bad.map_or_else(|| "None".to_string(), |b| format!("Some(&{b:?})")),
        );
    }
    table.push_str("];\n");
    std::fs::write(dir.join("regex_forms.rs"), table).expect("write regex_forms.rs");
    std::fs::write(dir.join("default_rubric.msgpack"), msgpack(&text))
        .expect("write default_rubric.msgpack");
    for name in WORDING {
        let path = format!("rubrics/{name}.toml");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).expect("read a field wording file");
        std::fs::write(dir.join(format!("{name}.msgpack")), wording(&text))
            .expect("write a field wording file");
    }
}

/// The field wording files (`src/rubric/wording.rs`), written as MessagePack as well.
const WORDING: [&str; 3] = ["fields-rules-1", "fields-rules-2", "fields"];

/// A field wording file as MessagePack (tables as maps): parsing some 270 kB of TOML was
/// a seventh of a pasted answer's run. Empty when it does not parse; the crate then parses
/// the TOML and reports why.
fn wording(text: &str) -> Vec<u8> {
    toml::from_str::<Value>(text)
        .ok()
        .and_then(|v| rmp_serde::to_vec_named(&v).ok())
        .unwrap_or_default()
}

/// The rubric parsed into the model, with each rule's keys, as MessagePack (structs as
/// maps with their field names, as serde_spanned reads them back); empty when it does not
/// parse, and the crate then parses the TOML and reports the error as it would.
fn msgpack(text: &str) -> Vec<u8> {
    let parsed = toml::de::DeTable::parse(text).ok().and_then(|root| {
        let keys = model::rule_keys(root.get_ref());
        let file: model::RubricFile =
            serde::Deserialize::deserialize(toml::de::Deserializer::from(root)).ok()?;
        Some((file, keys))
    });
    let mut out = Vec::new();
    if let Some(parsed) = parsed {
        let mut ser = rmp_serde::Serializer::new(&mut out).with_struct_map();
        if serde::Serialize::serialize(&parsed, &mut ser).is_err() {
            out.clear();
        }
    }
    out
}

/// Every regex of the rubric with its case flag, sorted: the rules' `patterns` (unless
/// `case-sensitive`), and the case-insensitive `when`, `before`, `unless-*`,
/// `coordinated`, section `cue-patterns` and probe `capture` and `answered`.
fn regexes(rubric: &Table) -> BTreeSet<(String, bool)> {
    let mut out = BTreeSet::new();
    let strings = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let tables = |key: &str| -> Vec<Table> {
        rubric
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|t| t.as_table().cloned()).collect())
            .unwrap_or_default()
    };
    for rule in tables("rule") {
        let ci = !rule
            .get("case-sensitive")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        out.extend(strings(rule.get("patterns")).into_iter().map(|s| (s, ci)));
        for key in [
            "when",
            "before",
            "unless-before",
            "unless-sentence",
            "unless-after",
            "unless-later",
            "coordinated",
        ] {
            out.extend(strings(rule.get(key)).into_iter().map(|s| (s, true)));
        }
    }
    for probe in tables("probe") {
        out.extend(strings(probe.get("capture")).into_iter().map(|s| (s, true)));
        out.extend(
            strings(probe.get("answered"))
                .into_iter()
                .map(|s| (s, true)),
        );
    }
    if let Some(sections) = rubric.get("sections").and_then(Value::as_table) {
        for section in sections.values().filter_map(Value::as_table) {
            out.extend(
                strings(section.get("cue-patterns"))
                    .into_iter()
                    .map(|s| (s, true)),
            );
        }
    }
    out
}

/// Harper's Brill tagger model as Rust: `static DICT: &[(&str, Pos)]`, the dictionary,
/// and `static PATCHES: &[Patch]`, in the model's order (the order they apply in).
fn brill() -> String {
    let model = serde_json::to_value(&*harper_brill::brill_tagger()).expect("serialise the model");
    let mapping = model["base"]["mapping"]
        .as_object()
        .expect("the model has a frequency dictionary");
    let mut out = String::from("static DICT: &[(&str, Pos)] = &[\n");
    for (word, tag) in mapping {
        let _ = writeln!(out, "    ({word:?}, Pos::{}),", pos(tag));
    }
    out.push_str("];\n\nstatic PATCHES: &[Patch] = &[\n");
    for p in model["patches"].as_array().expect("the model has patches") {
        let _ = writeln!(
            out,
            "    Patch {{ from: Pos::{}, to: Pos::{}, all: &[{}] }},",
            pos(&p["from"]),
            pos(&p["to"]),
            criteria(&p["criteria"]).join(", "),
        );
    }
    out.push_str("];\n");
    out
}

/// The crate's `Pos` variant for a serialised UPOS tag.
fn pos(tag: &serde_json::Value) -> &'static str {
    match tag.as_str().expect("a tag is a string") {
        "ADJ" => "Adj",
        "ADP" => "Adp",
        "ADV" => "Adv",
        "AUX" => "Aux",
        "CCONJ" => "Cconj",
        "DET" => "Det",
        "INTJ" => "Intj",
        "NOUN" => "Noun",
        "NUM" => "Num",
        "PART" => "Part",
        "PRON" => "Pron",
        "PROPN" => "Propn",
        "PUNCT" => "Punct",
        "SCONJ" => "Sconj",
        "SYM" => "Sym",
        "VERB" => "Verb",
        other => panic!("an unknown part of speech in the tagger model: {other}"),
    }
}

/// A patch criterion as `Criterion` expressions that must all hold (`src/nlp/brill.rs`):
/// a combined criterion is its two parts. The pinned model has no noun-phrase criterion
/// (starlint tags without noun-phrase flags); a model with one, or with any other kind,
/// fails the build rather than tagging differently.
fn criteria(c: &serde_json::Value) -> Vec<String> {
    let (kind, body) = c
        .as_object()
        .and_then(|o| o.iter().next())
        .expect("a criterion is a one-key object");
    let int = |k: &str| body[k].as_i64().expect("an offset is an integer");
    match kind.as_str() {
        "WordIsTaggedWith" => vec![format!(
            "Criterion::Tagged {{ at: {}, pos: Pos::{} }}",
            int("relative"),
            pos(&body["is_tagged"])
        )],
        "AnyWordIsTaggedWith" => vec![format!(
            "Criterion::AnyTagged {{ to: {}, pos: Pos::{} }}",
            int("max_relative"),
            pos(&body["is_tagged"])
        )],
        "SandwichTaggedWith" => vec![format!(
            "Criterion::Between {{ before: Pos::{}, after: Pos::{} }}",
            pos(&body["prev_word_tagged"]),
            pos(&body["post_word_tagged"])
        )],
        "WordIs" => vec![format!(
            "Criterion::Word {{ at: {}, word: {:?} }}",
            int("relative"),
            body["word"].as_str().expect("a word is a string")
        )],
        "Combined" => {
            let mut both = criteria(&body["a"]);
            both.extend(criteria(&body["b"]));
            both
        }
        other => panic!("an unknown patch criterion in the tagger model: {other}"),
    }
}
