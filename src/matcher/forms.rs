//! A regex's *ASCII form*, *required literals* and *bad set*: what lets it run on an
//! all-ASCII copy of any answer, derived from the pattern alone.
//!
//! The rubric writes `\b`, `\w` and `\d` and is case-insensitive, so the regex crate reads
//! them the Unicode way: a Unicode `\b` makes its lazy DFA give up at the first non-ASCII
//! byte (a curly apostrophe, a `£`), and Unicode classes make every pattern several times
//! slower to compile. But regex semantics only ask of a character which classes hold it
//! and whether it is a word character. So an answer is read in a copy where ASCII letters
//! are lowercased and every other character is an ASCII *stand-in* ([`stand_in`]): a word
//! character becomes `_`, a curly apostrophe `'`, a curly double quote `"`, a space such
//! as the non-breaking one the vertical tab (in `\s`, and named by no pattern), the pound
//! and euro signs `$` (the rubric writes currency as `[£$€]`, so an answer in pounds is
//! still read in its copy), anything else the control character SUB. For almost every pattern a character and its stand-in
//! answer alike (an accented letter and `_` are both in `\w`, `[^.]` and `\S`, neither in
//! `\s`, `[a-z]` or `\d`; `’` and `'` are both in `['’]`), so the pattern matches in the
//! copy exactly as it does in the answer, one character for one. The characters a pattern
//! tells apart from their stand-ins are its *bad set* (non-ASCII digits for `\d`, the
//! Kelvin sign for a folded `k`, `’` for a bare `'`, letters and symbols it names): an
//! answer holding one of them is searched with the pattern as written.
//!
//! On that copy every class may be cut to ASCII and every word boundary made ASCII: the
//! ASCII form, quick to compile and to run. The required literals are sets such that
//! every match contains a literal of each set: where none of a set's literals occurs in
//! the lowercased answer, the regex cannot match and is neither compiled nor run
//! ([`super::Matcher`]).
//!
//! This file is also compiled into `build.rs`, which derives the embedded rubric's forms
//! ahead of time (`OUT_DIR`, read by `matcher/built.rs`): parsing and folding ~250 patterns
//! would otherwise be most of a pasted answer's run. It depends on nothing but
//! regex-syntax for that reason.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::sync::OnceLock;

/// What a pattern becomes on the ASCII copy of an answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// The ASCII form's source (`None`: the pattern does not parse; it is compiled as
    /// written, which reports why). A class of ASCII ranges compiles to one state, where
    /// `[^.;]` or `\s` compile to UTF-8 automata.
    pub ascii: Option<String>,
    /// Sets of lowercase literals every match contains one of (each set); empty for a
    /// case-sensitive pattern or one with no useful set.
    pub required: Vec<Vec<String>>,
    /// The non-ASCII characters the pattern tells apart from their stand-ins, as sorted
    /// inclusive ranges; `None` when the copy cannot serve it at all (it is case-sensitive
    /// or reads bytes).
    pub bad: Option<Vec<(char, char)>>,
}

/// The ASCII character a non-ASCII character `c` stands as in an answer's ASCII copy.
pub fn stand_in(c: char) -> char {
    if regex_syntax::is_word_character(c) {
        '_'
    } else if matches!(c, '\u{2018}' | '\u{2019}') {
        '\''
    } else if matches!(c, '\u{201C}' | '\u{201D}') {
        '"'
    } else if c.is_whitespace() {
        '\u{B}'
    } else if matches!(c, '\u{2010}' | '\u{2011}') {
        '-'
    } else if matches!(c, '£' | '€') {
        '$'
    } else {
        '\u{1A}'
    }
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
    // A scoped `(?-i:[A-Z][a-z]+)` in a case-insensitive pattern asks for a capital, which
    // a lowercased text never holds: such a pattern is searched only as written.
    if ci && !folds_case(&hir) {
        return Forms::default();
    }
    let bad = if ci { bad_chars(&hir) } else { None };
    // The pattern as a text with no non-ASCII word character reads it; then cut to ASCII.
    // The required literals come from this form, before the cut: cut to ASCII, `['’]`
    // becomes `'` and merges into a literal (`couldn't`) that an answer's `couldn’t`,
    // read in its ASCII copy, matches but the automaton, reading the answer, would not
    // find.
    let fast = map(hir, &|c| shrink(c, absent), &ascii_look);
    let required = if ci { required_sets(&fast) } else { Vec::new() };
    let mut keep = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
    if ci {
        keep.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
    }
    let ascii = map(
        fast,
        &|mut c| {
            c.intersect(&keep);
            c
        },
        &|l| l,
    );
    Forms {
        ascii: Some(ascii.to_string()),
        required,
        bad: bad.map(|c| c.ranges().iter().map(|r| (r.start(), r.end())).collect()),
    }
}

/// What a text with no non-ASCII word character cannot hold: non-ASCII word characters,
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

/// Does every ASCII letter `h` names come with its other case, as a case-insensitive
/// parse makes it? A case-sensitive literal stays a literal; a case-sensitive class lacks
/// a letter's twin.
fn folds_case(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => !lit.0.iter().any(u8::is_ascii_alphabetic),
        HirKind::Class(Class::Unicode(c)) => (b'a'..=b'z').all(|l| {
            let (lower, upper) = (char::from(l), char::from(l.to_ascii_uppercase()));
            holds(c, lower) == holds(c, upper)
        }),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| !(r.start()..=r.end()).any(|b| b.is_ascii_alphabetic())),
        HirKind::Repetition(r) => folds_case(&r.sub),
        HirKind::Capture(c) => folds_case(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(folds_case),
    }
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

/// The non-ASCII characters, grouped by stand-in: `(stand-in, the characters it stands
/// for)`. Built once.
fn groups() -> Option<&'static [(char, ClassUnicode); 6]> {
    static GROUPS: OnceLock<Option<[(char, ClassUnicode); 6]>> = OnceLock::new();
    GROUPS
        .get_or_init(|| {
            let words = absent(false)?.clone();
            let set = |a: char, b: char| {
                ClassUnicode::new([ClassUnicodeRange::new(a, a), ClassUnicodeRange::new(b, b)])
            };
            let apostrophes = set('\u{2018}', '\u{2019}');
            let quotes = set('\u{201C}', '\u{201D}');
            let currency = set('£', '€');
            // `char::is_whitespace` is Unicode's White_Space, as the regex crate's `\s`.
            let hir = regex_syntax::Parser::new().parse(r"[\s--\x00-\x7F]").ok()?;
            let HirKind::Class(Class::Unicode(spaces)) = hir.into_kind() else {
                return None;
            };
            let mut other = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]);
            for g in [&words, &apostrophes, &quotes, &spaces, &currency] {
                other.difference(g);
            }
            Some([
                ('_', words),
                ('\'', apostrophes),
                ('"', quotes),
                ('\u{B}', spaces),
                ('$', currency),
                ('\u{1A}', other),
            ])
        })
        .as_ref()
}

fn holds(c: &ClassUnicode, ch: char) -> bool {
    let i = c.ranges().partition_point(|r| r.end() < ch);
    c.ranges().get(i).is_some_and(|r| r.start() <= ch)
}

/// The non-ASCII characters that some class, literal or assertion of `h` (a
/// case-insensitive pattern, as parsed) tells apart from their stand-ins: an answer
/// holding none of them may be matched in the ASCII copy. `None` when the copy cannot
/// serve at all (the pattern reads bytes).
fn bad_chars(h: &Hir) -> Option<ClassUnicode> {
    let groups = groups()?;
    let mut bad = ClassUnicode::empty();
    let mut ok = true;
    collect_bad(h, groups, &mut bad, &mut ok);
    ok.then_some(bad)
}

fn collect_bad(h: &Hir, groups: &[(char, ClassUnicode); 6], bad: &mut ClassUnicode, ok: &mut bool) {
    let again = |h: &Hir, bad: &mut ClassUnicode, ok: &mut bool| collect_bad(h, groups, bad, ok);
    match h.kind() {
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                for c in s.chars() {
                    if !c.is_ascii() {
                        // It names the character: its stand-in would match it too.
                        bad.push(ClassUnicodeRange::new(c, c));
                    } else if let Some((_, g)) = groups.iter().find(|(s, _)| *s == c) {
                        // It names a stand-in: the characters standing as it would match.
                        bad.union(g);
                    }
                }
            }
            Err(_) => *ok = false,
        },
        HirKind::Class(Class::Unicode(c)) => {
            for (stand_in, g) in groups {
                let mut differ = g.clone();
                if holds(c, *stand_in) {
                    // The characters of the group the class lacks.
                    differ.difference(c);
                } else {
                    // The characters of the group the class holds.
                    differ.intersect(c);
                }
                bad.union(&differ);
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
                // An ASCII word boundary of its own tells word characters from `_`.
                bad.union(&groups[0].1);
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
