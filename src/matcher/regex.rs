//! One rubric regex, searched the one way its pattern and the text decide.
//!
//! A text is searched with the pattern's ASCII form ([`super::forms`]): an all-ASCII text
//! as it is (lowercased for a case-insensitive pattern), any other in its ASCII copy
//! ([`super::Haystack`]), unless it holds a character the pattern tells apart from its
//! stand-in (the pattern's bad set), or the pattern is case-sensitive; then it is searched
//! with the pattern as written. Both give the same matches (a unit test compares them for
//! every regex of the embedded rubric); the ASCII form compiles and runs several times
//! faster. Each form is compiled the first time a search needs it and kept for the rest
//! of the run; a user's rubric has its patterns compiled as written at load, so every
//! error is reported there.

use super::forms::{self, Forms};
use super::haystack::Read;
use super::Haystack;
use crate::text::Span;
use regex::{Captures, Regex, RegexBuilder};
use std::sync::OnceLock;

/// Compiled regexes may use this much memory each; a bigger one is an error naming its rule.
pub const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// A rubric regex: its source, its forms, and each form once compiled.
#[derive(Debug, Clone)]
pub struct Re {
    source: String,
    case_insensitive: bool,
    forms: Forms,
    /// The pattern as written (`None` inside: it does not compile).
    exact: OnceLock<Option<Regex>>,
    /// The ASCII form (`None` inside: there is none, or it does not compile).
    ascii: OnceLock<Option<Regex>>,
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
    fn new(c: &Captures, base: usize, read: Read) -> Groups {
        let span = |m: regex::Match| read.back(base + m.start(), base + m.end());
        Groups {
            all: c.get(0).map_or(read.back(base, base), span),
            first: c.get(1).map(span),
        }
    }
}

fn build(source: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .case_insensitive(case_insensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

impl Re {
    /// Prepare `source`. With `eager` (a user's rubric) the pattern as written is compiled
    /// now and its error returned; so is a pattern that does not parse, so an invalid
    /// regex is always reported with the regex crate's own message.
    pub fn new(source: &str, case_insensitive: bool, eager: bool) -> Result<Re, regex::Error> {
        let built = super::built::lookup(source, case_insensitive);
        let embedded = built.is_some();
        let forms = built.unwrap_or_else(|| forms::derive(source, case_insensitive));
        let exact = OnceLock::new();
        // The embedded rubric's patterns all compile (a unit test compiles them), so one
        // with no ASCII form (a case-sensitive part) is compiled when a search needs it.
        if eager || (forms.ascii.is_none() && !embedded) {
            let _ = exact.set(Some(build(source, case_insensitive)?));
        }
        Ok(Re {
            source: source.to_string(),
            case_insensitive,
            forms,
            exact,
            ascii: OnceLock::new(),
        })
    }

    /// The regex as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Is it case-insensitive?
    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// Sets of lowercase literals such that, on a text where the ASCII form runs
    /// ([`Re::ascii_form_serves`]), every match contains a literal of each set (in the
    /// lowercased copy).
    pub fn required(&self) -> &[Vec<String>] {
        &self.forms.required
    }

    /// The ASCII form, if it serves `hay`, and what it reads.
    fn derived<'h>(&'h self, hay: &'h Haystack) -> Option<(&'h str, Read<'h>)> {
        let source = self.forms.ascii.as_deref()?;
        match hay.folded() {
            None if self.case_insensitive => Some((source, Read::Same(hay.lower()))),
            None => Some((source, Read::Same(hay.text()))),
            Some(copy) => {
                let bad = self.forms.bad.as_deref()?;
                (self.case_insensitive && !copy.holds_any(bad))
                    .then_some((source, Read::Folded(copy)))
            }
        }
    }

    /// Does the ASCII form (not the pattern as written) serve `hay`? Then
    /// [`Re::required`] applies to it.
    pub fn ascii_form_serves(&self, hay: &Haystack) -> bool {
        self.derived(hay).is_some()
    }

    /// The form to search `hay` with, compiled on first use, and what it reads.
    fn pick<'h>(&'h self, hay: &'h Haystack) -> Option<(&'h Regex, Read<'h>)> {
        if let Some((source, read)) = self.derived(hay) {
            if let Some(re) = self.ascii.get_or_init(|| build(source, false).ok()) {
                return Some((re, read));
            }
        }
        self.exact
            .get_or_init(|| build(&self.source, self.case_insensitive).ok())
            .as_ref()
            .map(|re| (re, Read::Same(hay.text())))
    }

    /// Could it match anywhere in `hay`? False only when the ASCII form serves `hay` and
    /// some required literal set has no literal in it, so a search of any region would
    /// find nothing (and need not compile anything). For a regex searched once per
    /// answer; the scan has the automaton answer this for its own regexes.
    pub fn may_match(&self, hay: &Haystack) -> bool {
        !self.ascii_form_serves(hay)
            || self
                .forms
                .required
                .iter()
                .all(|set| set.iter().any(|l| hay.lower().contains(l.as_str())))
    }

    /// Does it match inside `span` (the slice alone, as `Regex::is_match` reads it)? A
    /// span that is not a slice of the text reads as empty, as [`Span::slice`] does.
    pub fn is_match(&self, hay: &Haystack, span: Span) -> bool {
        self.pick(hay)
            .is_some_and(|(re, read)| re.is_match(read.span(span).slice(read.hay())))
    }

    /// Every non-overlapping match inside `span`.
    pub fn find_iter<'h>(
        &'h self,
        hay: &'h Haystack,
        span: Span,
    ) -> impl Iterator<Item = Span> + 'h {
        self.pick(hay).into_iter().flat_map(move |(re, read)| {
            let from = read.span(span);
            let base = from.start as usize;
            re.find_iter(from.slice(read.hay()))
                .map(move |m| read.back(base + m.start(), base + m.end()))
        })
    }

    /// Every match inside `span` with its first group.
    pub fn captures_iter<'h>(
        &'h self,
        hay: &'h Haystack,
        span: Span,
    ) -> impl Iterator<Item = Groups> + 'h {
        self.pick(hay).into_iter().flat_map(move |(re, read)| {
            let from = read.span(span);
            let base = from.start as usize;
            re.captures_iter(from.slice(read.hay()))
                .map(move |c| Groups::new(&c, base, read))
        })
    }

    /// The first match inside `span` with its first group.
    pub fn captures(&self, hay: &Haystack, span: Span) -> Option<Groups> {
        let (re, read) = self.pick(hay)?;
        let from = read.span(span);
        let caps = re.captures(from.slice(read.hay()))?;
        Some(Groups::new(&caps, from.start as usize, read))
    }
}
