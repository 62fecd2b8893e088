//! Rubric regexes, each compiled twice: as written, and a fast form that gives the same
//! matches on the text nearly every answer is written in.
//!
//! The rubric writes `\b`, `\w` and `\d` and is case-insensitive, so the regex crate reads
//! them the Unicode way, and a Unicode `\b` makes its lazy DFA give up at the first
//! non-ASCII byte: a curly apostrophe or a `£` sends the rest of the search to the
//! (far slower) PikeVM. The fast form is built from the parsed pattern (regex-syntax's
//! HIR, after case folding) on two facts about the answer, checked once per answer:
//!
//! - it holds no non-ASCII *word* character (letters with accents and the like; curly
//!   quotes, `£`, dashes and non-breaking spaces are fine), so every Unicode word
//!   boundary is an ASCII one and no class can meet a non-ASCII word character;
//! - for a case-insensitive pattern, it is matched against a copy of the answer with ASCII
//!   letters lowercased (`make_ascii_lowercase` keeps every byte offset), so no class
//!   can meet `A`–`Z` either.
//!
//! Characters the text cannot hold may be added to or taken out of any class without
//! changing a match, so each class becomes whichever of the two is smaller: `\w` becomes
//! `[0-9_a-z]`, a folded `[Kk\u{212A}]` becomes the literal `k` (good for the literal
//! prefilter), `[^.]` stays as it is. Word boundaries become `(?-u:\b)`. When an answer
//! does hold a non-ASCII word character, the regex as written runs instead; it is compiled
//! on first use for the embedded rubric (a unit test compiles every one) and eagerly for a
//! user's rubric, whose errors must be reported at load.

use crate::text::Span;
use regex::{Captures, Regex, RegexBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::sync::OnceLock;

/// Compiled regexes may use this much memory each; a bigger one is an error naming its rule.
pub(crate) const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// The text an answer's regexes run on.
#[derive(Debug, Clone, Copy)]
pub struct Hay<'a> {
    /// The text as analysed; every offset indexes it.
    pub text: &'a str,
    /// `text` with ASCII letters lowercased (same length, same offsets).
    pub lower: &'a str,
    /// The fast forms are exact here: no non-ASCII word character in the text.
    pub fast: bool,
}

impl<'a> Hay<'a> {
    /// A hay for `text`, whose lowercased copy is `lower` and whose `region` is what the
    /// regexes will read.
    pub fn new(text: &'a str, lower: &'a str, region: Span) -> Hay<'a> {
        let fast = lower.len() == text.len() && !has_non_ascii_word(region.slice(text));
        Hay { text, lower, fast }
    }
}

/// True when `s` holds a character outside ASCII that the regex crate counts as a word
/// character (`\w`: letters, marks, digits, connector punctuation).
pub fn has_non_ascii_word(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}

/// One rubric regex in its forms, each compiled on first use.
#[derive(Debug, Clone)]
pub struct Re {
    source: String,
    case_insensitive: bool,
    /// The fast form's source (`None` if the pattern did not parse).
    fast_source: Option<String>,
    /// The fast form; `None` inside when it does not compile (the general one runs).
    fast: OnceLock<Option<Regex>>,
    /// The general form's source: for a case-insensitive pattern its lowercase twin,
    /// Unicode word boundaries and classes kept, to read the lowercased copy (exact on any
    /// text, and with plain lowercase literals for the prefilter); `None` for the pattern
    /// as written, reading the text as written.
    general_source: Option<String>,
    /// The general form and whether it reads the lowercased copy.
    general: OnceLock<Option<(Regex, bool)>>,
    /// Sets of literals such that every fast-form match, read in the lowercased copy,
    /// contains a literal of each set (empty: no such sets).
    required: Vec<Vec<String>>,
}

/// Compile `source` as written (the regex crate's own error on failure).
fn build_as_written(source: &str, ci: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .case_insensitive(ci)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// Compile a generated (already case-folded) source.
fn build_plain(source: &str) -> Option<Regex> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .ok()
}

impl Re {
    /// Prepare `source`: parse it and derive the fast and general forms' sources, to be
    /// compiled on first use. With `eager` (a user's rubric), the pattern as written is
    /// compiled now, becomes the general form, and its error is returned; a pattern that
    /// does not parse is compiled as written at once too, so an invalid regex is always
    /// reported with the regex crate's own message.
    pub fn new(source: &str, case_insensitive: bool, eager: bool) -> Result<Re, regex::Error> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(source)
            .ok();
        let general = OnceLock::new();
        if eager || hir.is_none() {
            let _ = general.set(Some((build_as_written(source, case_insensitive)?, false)));
        }
        let general_source = match (&hir, case_insensitive) {
            (Some(h), true) => Some(rewrite(h.clone(), upper(), false).to_string()),
            _ => None,
        };
        let fast = hir.and_then(|h| Some(rewrite(h, absent(case_insensitive)?, true)));
        let required = match (&fast, case_insensitive) {
            (Some(h), true) => required_sets(h),
            _ => Vec::new(),
        };
        Ok(Re {
            source: source.to_string(),
            case_insensitive,
            fast_source: fast.map(|h| h.to_string()),
            fast: OnceLock::new(),
            general_source,
            general,
            required,
        })
    }

    /// The regex as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Sets of literals (lowercase) such that every match of the fast form, read in the
    /// lowercased copy, contains a literal of each set: on a text where the fast form runs,
    /// a set none of whose literals occurs means the regex cannot match. Empty when the
    /// pattern has no useful set (or is case-sensitive).
    pub fn required(&self) -> &[Vec<String>] {
        &self.required
    }

    /// The general form (built on first use) and whether it reads the lowercased copy.
    fn general(&self) -> Option<(&Regex, bool)> {
        self.general
            .get_or_init(|| {
                if let Some(re) = self.general_source.as_deref().and_then(build_plain) {
                    return Some((re, true));
                }
                build_as_written(&self.source, self.case_insensitive)
                    .ok()
                    .map(|re| (re, false))
            })
            .as_ref()
            .map(|(re, lower)| (re, *lower))
    }

    /// The regex to run on `hay` and the text it reads.
    fn pick<'h>(&self, hay: &Hay<'h>) -> Option<(&Regex, &'h str)> {
        let fast = || {
            self.fast
                .get_or_init(|| self.fast_source.as_deref().and_then(build_plain))
                .as_ref()
        };
        match hay.fast.then(fast).flatten() {
            Some(re) => Some((
                re,
                if self.case_insensitive {
                    hay.lower
                } else {
                    hay.text
                },
            )),
            _ => self
                .general()
                .map(|(re, lower)| (re, if lower { hay.lower } else { hay.text })),
        }
    }

    /// Does it match inside `span` of the hay (the slice alone, as `Regex::is_match`)?
    /// A span that is not a slice of the text reads as empty, as [`Span::slice`] does.
    pub fn is_match(&self, hay: &Hay, span: Span) -> bool {
        self.pick(hay)
            .is_some_and(|(re, t)| re.is_match(span.slice(t)))
    }

    /// Every non-overlapping match inside `span`, as spans of the text.
    pub fn find_iter<'s>(&'s self, hay: &Hay<'s>, span: Span) -> impl Iterator<Item = Span> + 's {
        let base = span.start as usize;
        self.pick(hay).into_iter().flat_map(move |(re, t)| {
            re.find_iter(span.slice(t))
                .map(move |m| Span::new(base + m.start(), base + m.end()))
        })
    }

    /// Every match inside `span` with its capture groups, as spans of the text.
    pub fn captures_iter<'s>(
        &'s self,
        hay: &Hay<'s>,
        span: Span,
    ) -> impl Iterator<Item = Groups> + 's {
        let base = span.start as usize;
        self.pick(hay).into_iter().flat_map(move |(re, t)| {
            re.captures_iter(span.slice(t))
                .map(move |c| Groups::new(&c, base))
        })
    }

    /// The first match inside `span` with its capture groups.
    pub fn captures(&self, hay: &Hay, span: Span) -> Option<Groups> {
        let (re, t) = self.pick(hay)?;
        let caps = re.captures(span.slice(t))?;
        Some(Groups::new(&caps, span.start as usize))
    }
}

/// A match and its first capture group, as spans of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Groups {
    /// The whole match.
    pub all: Span,
    /// Group 1, when it took part.
    pub first: Option<Span>,
}

impl Groups {
    fn new(c: &Captures, base: usize) -> Groups {
        let span = |m: regex::Match| Span::new(base + m.start(), base + m.end());
        Groups {
            all: c.get(0).map_or(Span::empty(base), span),
            first: c.get(1).map(span),
        }
    }
}

/// What the text cannot hold when the fast forms run on it: non-ASCII word characters,
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

/// `A`-`Z`: what a lowercased copy cannot hold.
fn upper() -> &'static ClassUnicode {
    static UPPER: OnceLock<ClassUnicode> = OnceLock::new();
    UPPER.get_or_init(|| ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]))
}

/// The fast form's source, or `None` if the pattern does not parse.
#[cfg(test)]
fn fast_source(source: &str, ci: bool) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ci)
        .build()
        .parse(source)
        .ok()?;
    Some(rewrite(hir, absent(ci)?, true).to_string())
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

/// `h` with every class shrunk against `absent`, and with ASCII word assertions when
/// `ascii` (the text then holds no non-ASCII word character).
fn rewrite(h: Hir, absent: &ClassUnicode, ascii: bool) -> Hir {
    let again = |h: Hir| rewrite(h, absent, ascii);
    match h.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(shrink(c, absent))),
        HirKind::Class(c @ Class::Bytes(_)) => Hir::class(c),
        HirKind::Look(look) if ascii => Hir::look(ascii_look(look)),
        HirKind::Look(look) => Hir::look(look),
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

/// The shortest literal a required set may hold: shorter ones occur everywhere.
const MIN_REQUIRED_LEN: usize = 2;
/// A second or third set must do better: its literals at least this long.
const MIN_FURTHER_LEN: usize = 3;
/// The most literals a required set may hold, and the most sets kept.
const MAX_REQUIRED: usize = 256;
const MAX_SETS: usize = 3;

/// Sets of literals such that every match of `h` contains a literal of each: the parts of
/// a concatenation each contribute theirs, an alternation contributes the union of its
/// branches' best sets, a repetition its body's when it must match at least once. The
/// best set (longest shortest literal, then fewest literals) is kept, and up to two more
/// whose literals are all at least three bytes.
fn required_sets(h: &Hir) -> Vec<Vec<String>> {
    let score = |set: &Vec<Vec<u8>>| {
        let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
        (std::cmp::Reverse(shortest.min(8)), set.len())
    };
    let mut sets: Vec<Vec<Vec<u8>>> = required(h)
        .into_iter()
        .filter(|set| {
            !set.is_empty()
                && set.len() <= MAX_REQUIRED
                && set.iter().all(|l| l.len() >= MIN_REQUIRED_LEN)
        })
        .collect();
    sets.sort_by_key(score);
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
                let Some(best) = required(b).into_iter().min_by_key(|set| {
                    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
                    (std::cmp::Reverse(shortest.min(8)), set.len())
                }) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Matches of `re` through the hay (fast or general form, as an answer would run it).
    fn through_hay(re: &Re, text: &str) -> Vec<Groups> {
        let lower = text.to_ascii_lowercase();
        let span = Span::new(0, text.len());
        let hay = Hay::new(text, &lower, span);
        re.captures_iter(&hay, span).collect()
    }

    /// Matches of the pattern as written, on the text as written: the ground truth.
    fn as_written(source: &str, ci: bool, text: &str) -> Vec<Groups> {
        truth(&build_as_written(source, ci).unwrap(), text)
    }

    fn truth(re: &Regex, text: &str) -> Vec<Groups> {
        re.captures_iter(text).map(|c| Groups::new(&c, 0)).collect()
    }

    #[test]
    fn fast_forms_are_ascii_and_lowercase() {
        assert_eq!(
            fast_source(r"\bWe\w+\b", true).unwrap(),
            r"(?:(?-u:\b)(?:we)[0-9_a-z]+(?-u:\b))"
        );
        let s = fast_source(r"[^.]{0,3}\d", true).unwrap();
        assert!(s.ends_with("[0-9])"), "{s}");
        let re = Re::new(r"\bWe\b", true, false).unwrap();
        assert_eq!(re.general_source.as_deref(), Some(r"(?:\b(?:we)\b)"));
    }

    #[test]
    fn same_matches_on_real_text() {
        let texts = [
            "We couldn’t ship it; Oaklands’ £8K a week went to 0. WE did it, we-ish.",
            "I didn't just escalate — I brought a fix.\u{a0}It cut costs by 10\u{a0}%.",
            "Café staff said José fixed it. We ran naïve tests; ÉTÉ and été.",
            "The KELVIN \u{212A}eep sign and long \u{17F}tep fold only in the general form.",
        ];
        for p in [
            r"\bwe\b",
            r"\b(?:couldn['’]t|could not)\b",
            r"\bi\s+(?:didn['’]t|did not)\s+just\s+\w+",
            r"[£$€]\s?\d[\w.]*",
            r"\b\w+(?:é|e)\b",
            r"\bk\w*|\bs\w*|\bété\b",
            r"(?m)^[ \t>]*(?:[-*+•])[ \t]+[A-Z][a-z]+ed\b",
        ] {
            for ci in [true, false] {
                let re = Re::new(p, ci, false).unwrap();
                for t in texts {
                    assert_eq!(through_hay(&re, t), as_written(p, ci, t), "{p} on {t}");
                }
            }
        }
    }

    /// Every regex of the embedded rubric, through the hay against the pattern as written,
    /// on generated answers (ASCII-only words, so the fast form runs; with their accents,
    /// so the general form runs; upper-cased; with non-breaking spaces; sliced): same
    /// matches, same first groups. Every pattern as written compiles here, which is what
    /// lets the embedded rubric build its general forms lazily.
    #[test]
    fn embedded_rubric_forms_match_as_written() {
        let rubric = crate::rubric::default_rubric().unwrap();
        let pool =
            crate::corpus::Pool::from_fixtures(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let mut texts: Vec<String> = Vec::new();
        for (i, a) in pool.generate(14, 11).into_iter().enumerate() {
            if has_non_ascii_word(&a.text) {
                texts.push(a.text.clone());
            } else if i % 4 == 0 {
                texts.push(format!("Renée and José: {}", a.text));
            }
            let t = a
                .text
                .replace(['é', 'ë'], "e")
                .replace('ã', "a")
                .replace('ö', "o");
            assert!(!has_non_ascii_word(&t), "{t}");
            texts.push(t.to_ascii_uppercase());
            texts.push(t.replace(' ', "\u{a0}").replacen('\u{a0}', " ", 40));
            let cut = t
                .char_indices()
                .map(|(i, _)| i)
                .nth(t.chars().count() / 3)
                .unwrap_or(0);
            texts.push(t[cut..].to_string());
            texts.push(t);
        }
        assert!(texts.iter().any(|t| has_non_ascii_word(t)));
        let mut checked = 0;
        for re in rubric.regexes() {
            let written = build_as_written(re.as_str(), re.case_insensitive).unwrap();
            for t in &texts {
                let want = truth(&written, t);
                assert_eq!(through_hay(re, t), want, "{} on {t}", re.as_str());
                if !want.is_empty() && !has_non_ascii_word(t) {
                    let lower = t.to_ascii_lowercase();
                    for set in re.required() {
                        assert!(
                            set.iter().any(|l| lower.contains(l.as_str())),
                            "{} matches without any of {set:?}",
                            re.as_str()
                        );
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn invalid_regex_reports_the_regex_crate_error() {
        let e = Re::new(r"(unclosed", true, false).unwrap_err();
        assert!(e.to_string().contains("unclosed group"), "{e}");
    }
}
