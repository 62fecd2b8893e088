//! A regex's *fast form* and *required literals*: what a pattern becomes on a text that
//! holds no non-ASCII word character, derived from the pattern alone.
//!
//! The rubric writes `\b`, `\w` and `\d` and is case-insensitive, so the regex crate reads
//! them the Unicode way, and a Unicode `\b` makes its lazy DFA give up at the first
//! non-ASCII byte (a curly apostrophe, a `£`); Unicode classes also make every pattern
//! several times slower to compile. On a text with no non-ASCII *word* character
//! (accented letters and the like; curly quotes, dashes and non-breaking spaces are fine),
//! whose ASCII letters are lowercased for a case-insensitive pattern, characters the text
//! cannot hold may be added to or taken out of any class without changing a match, and
//! every Unicode word boundary is an ASCII one. So the fast form is the pattern parsed
//! (case folding applied), each class shrunk to whichever of the two is smaller (`\w`
//! becomes `[0-9_a-z]`, a folded `[Kk\u{212A}]` the literal `k`) and `\b` made `(?-u:\b)`:
//! the same matches as the pattern as written, far cheaper to compile and to run.
//!
//! The required literals are sets such that every match of the fast form, read in the
//! lowercased text, contains a literal of each set: where none of a set's literals occurs,
//! the regex cannot match and is neither compiled nor run ([`super::Matcher`]).
//!
//! A text *with* accented letters is read in a copy where each non-ASCII word character
//! is one `_` ([`super::Haystack`]). Regex semantics only ask of a character which classes
//! hold it and whether it is a word character, and for almost every pattern an accented
//! letter and `_` answer alike (both in `\w`, `[^.]` and `\S`, neither in `\s`, `[a-z]` or
//! `\d`), so the fast form matches there exactly as the pattern does on the text, one
//! character for one. The characters a pattern treats differently from `_` (non-ASCII
//! digits for `\d`, the Kelvin sign for a folded `k`, letters the pattern names) are its
//! `bad` set: a text holding one of them is searched with the pattern as written.
//!
//! This file is also compiled into `build.rs`, which derives the embedded rubric's forms
//! ahead of time (`OUT_DIR`, read by `matcher/built.rs`): parsing and folding ~250 patterns
//! would otherwise be most of a pasted answer's run. It depends on nothing but
//! regex-syntax for that reason.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::sync::OnceLock;

/// What a pattern becomes on a text with no non-ASCII word character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// The fast form's source (`None`: the pattern does not parse; it is compiled as
    /// written, which reports why).
    pub fast: Option<String>,
    /// The fast form with every class cut to what an all-ASCII text can hold (for a
    /// case-insensitive pattern, without `A`-`Z`): the form for such a text. A class of
    /// ASCII ranges compiles to one state, where `[^.;]` or `\s` compile to UTF-8
    /// automata, so this one compiles in about half the time.
    pub ascii: Option<String>,
    /// Sets of lowercase literals every fast-form match contains one of (each set);
    /// empty for a case-sensitive pattern or one with no useful set.
    pub required: Vec<Vec<String>>,
    /// The non-ASCII word characters the pattern does not treat as it treats `_`, as
    /// inclusive ranges; `None` when the folded copy cannot serve the pattern at all (it
    /// is case-sensitive, names `_`, reads bytes or uses ASCII word boundaries itself).
    pub bad: Option<Vec<(char, char)>>,
}

/// Derive the forms of `source` (case-insensitive when `ci`).
pub fn derive(source: &str, ci: bool) -> Forms {
    let Some(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(ci)
        .build()
        .parse(source)
        .ok()
    else {
        return Forms::default();
    };
    let Some(absent) = absent(ci) else {
        return Forms::default();
    };
    let bad = if ci { bad_chars(&hir) } else { None };
    let fast = map(hir, &|c| shrink(c, absent), &ascii_look);
    let required = if ci { required_sets(&fast) } else { Vec::new() };
    let mut ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
    if ci {
        ascii.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
    }
    Forms {
        ascii: Some(
            map(
                fast.clone(),
                &|mut c| {
                    c.intersect(&ascii);
                    c
                },
                &|l| l,
            )
            .to_string(),
        ),
        fast: Some(fast.to_string()),
        required,
        bad: bad.map(|c| c.ranges().iter().map(|r| (r.start(), r.end())).collect()),
    }
}

/// What the text cannot hold when the fast form runs on it: non-ASCII word characters,
/// and `A`-`Z` too for case-insensitive patterns (their text is lowercased). Built once.
fn absent(ci: bool) -> Option<&'static ClassUnicode> {
    static ABSENT: OnceLock<Option<[ClassUnicode; 2]>> = OnceLock::new();
    let both = ABSENT.get_or_init(|| {
        let hir = regex_syntax::Parser::new().parse(r"[\w--\x00-\x7F]").ok()?;
        let HirKind::Class(Class::Unicode(words)) = hir.into_kind() else {
            return None;
        };
        let mut upper = words.clone();
        upper.union(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
        Some([words, upper])
    });
    both.as_ref()
        .map(|[words, upper]| if ci { upper } else { words })
}

/// `h` rebuilt with `class` applied to every Unicode class and `look` to every assertion.
fn map(h: Hir, class: &dyn Fn(ClassUnicode) -> ClassUnicode, look: &dyn Fn(Look) -> Look) -> Hir {
    let again = |h: Hir| map(h, class, look);
    match h.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(class(c))),
        HirKind::Class(bytes) => Hir::class(bytes),
        HirKind::Look(l) => Hir::look(look(l)),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(again(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(again(*c.sub)),
            ..c
        }),
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(again).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(again).collect()),
    }
}

/// `class` with characters of `absent` added or taken out, whichever leaves fewer ranges
/// (the text holds none of them, so either matches the same).
fn shrink(class: ClassUnicode, absent: &ClassUnicode) -> ClassUnicode {
    // Only the absent ranges that meet the class matter; find them by binary search, so a
    // small class (a folded letter) costs a few steps, not a pass over every range.
    let ranges = absent.ranges();
    let mut meet = Vec::new();
    for r in class.ranges() {
        let from = ranges.partition_point(|a| a.end() < r.start());
        meet.extend(ranges[from..].iter().take_while(|a| a.start() <= r.end()));
    }
    if meet.is_empty() {
        return class;
    }
    let mut without = class.clone();
    without.difference(&ClassUnicode::new(meet));
    if without.ranges().len() <= class.ranges().len() {
        return without;
    }
    let mut with = class;
    with.union(absent);
    if with.ranges().len() < without.ranges().len() {
        with
    } else {
        without
    }
}

/// A Unicode word assertion as its ASCII twin (they agree on text with no non-ASCII word
/// character).
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// The non-ASCII word characters that some class or literal of `h` (a case-insensitive
/// pattern, as parsed) does not treat as it treats `_`: a text holding none of them may be
/// matched in the folded copy. `None` when the copy cannot serve at all (the pattern names
/// `_`, reads bytes or uses ASCII word boundaries of its own).
fn bad_chars(h: &Hir) -> Option<ClassUnicode> {
    let words = absent(false)?;
    let mut bad = ClassUnicode::empty();
    let mut ok = true;
    collect_bad(h, words, &mut bad, &mut ok);
    ok.then_some(bad)
}

fn collect_bad(h: &Hir, words: &ClassUnicode, bad: &mut ClassUnicode, ok: &mut bool) {
    let again = |h: &Hir, bad: &mut ClassUnicode, ok: &mut bool| collect_bad(h, words, bad, ok);
    match h.kind() {
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                for c in s.chars() {
                    if c == '_' {
                        *ok = false;
                    } else if !c.is_ascii() && regex_syntax::is_word_character(c) {
                        bad.push(ClassUnicodeRange::new(c, c));
                    }
                }
            }
            Err(_) => *ok = false,
        },
        HirKind::Class(Class::Unicode(c)) => {
            let holds_underscore = {
                let i = c.ranges().partition_point(|r| r.end() < '_');
                c.ranges().get(i).is_some_and(|r| r.start() <= '_')
            };
            if holds_underscore {
                // The word characters the class lacks (few classes hold `_`: \w, [^.]).
                let mut lacks = words.clone();
                lacks.difference(c);
                bad.union(&lacks);
            } else {
                // The word characters the class holds, found by halves: most classes
                // are a folded letter.
                let ranges = words.ranges();
                for r in c.ranges() {
                    let from = ranges.partition_point(|w| w.end() < r.start());
                    for w in ranges[from..].iter().take_while(|w| w.start() <= r.end()) {
                        bad.push(ClassUnicodeRange::new(
                            w.start().max(r.start()),
                            w.end().min(r.end()),
                        ));
                    }
                }
            }
        }
        HirKind::Class(Class::Bytes(_)) => *ok = false,
        HirKind::Look(look) => {
            if !matches!(
                look,
                Look::Start
                    | Look::End
                    | Look::StartLF
                    | Look::EndLF
                    | Look::StartCRLF
                    | Look::EndCRLF
                    | Look::WordUnicode
                    | Look::WordUnicodeNegate
                    | Look::WordStartUnicode
                    | Look::WordEndUnicode
                    | Look::WordStartHalfUnicode
                    | Look::WordEndHalfUnicode
            ) {
                *ok = false;
            }
        }
        HirKind::Empty => {}
        HirKind::Repetition(r) => again(&r.sub, bad, ok),
        HirKind::Capture(c) => again(&c.sub, bad, ok),
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            for h in v {
                again(h, bad, ok);
            }
        }
    }
}

/// The shortest literal a required set may hold: shorter ones occur everywhere.
const MIN_REQUIRED_LEN: usize = 2;
/// A second or third set must do better: its literals at least this long.
const MIN_FURTHER_LEN: usize = 3;
/// The most literals a required set may hold, and the most sets kept.
const MAX_REQUIRED: usize = 256;
const MAX_SETS: usize = 3;

/// How good a set is as a gate: longest shortest literal, then fewest literals.
fn score(set: &[Vec<u8>]) -> (std::cmp::Reverse<usize>, usize) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (std::cmp::Reverse(shortest.min(8)), set.len())
}

/// Sets of literals such that every match of `h` contains a literal of each: the parts of
/// a concatenation each contribute theirs, an alternation contributes the union of its
/// branches' best sets, a repetition its body's when it must match at least once. The
/// best set is kept, and up to two more whose literals are all at least three bytes.
fn required_sets(h: &Hir) -> Vec<Vec<String>> {
    let mut sets: Vec<Vec<Vec<u8>>> = required(h)
        .into_iter()
        .filter(|set| {
            !set.is_empty()
                && set.len() <= MAX_REQUIRED
                && set
                    .iter()
                    .all(|l| l.len() >= MIN_REQUIRED_LEN && !l.contains(&b'_'))
        })
        .collect();
    sets.sort_by_key(|s| score(s));
    let mut keep: Vec<Vec<String>> = Vec::new();
    for set in sets {
        let further = !keep.is_empty();
        if keep.len() == MAX_SETS || (further && set.iter().any(|l| l.len() < MIN_FURTHER_LEN)) {
            continue;
        }
        let Ok(set) = set.into_iter().map(String::from_utf8).collect() else {
            continue;
        };
        keep.push(set);
    }
    keep
}

/// The conjunction of literal sets `h` requires (each match contains a literal of every
/// set); empty when it requires nothing.
fn required(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(lit) => vec![vec![lit.0.to_vec()]],
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if n > 4 {
                return Vec::new();
            }
            vec![c
                .iter()
                .flat_map(|r| (r.start()..=r.end()).map(|ch| ch.to_string().into_bytes()))
                .collect()]
        }
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Concat(parts) => parts.iter().flat_map(required).collect(),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for b in branches {
                // Each branch's best set stands for the branch.
                let Some(best) = required(b).into_iter().min_by_key(|s| score(s)) else {
                    return Vec::new();
                };
                union.extend(best);
            }
            union.sort();
            union.dedup();
            vec![union]
        }
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(_) | HirKind::Repetition(_) => {
            Vec::new()
        }
    }
}
