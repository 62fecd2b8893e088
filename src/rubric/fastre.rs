//! Rubric regexes in the forms that run fastest on the text at hand, with the same
//! matches as the patterns as written.
//!
//! The rubric writes `\b`, `\w` and `\d` and is case-insensitive, so the regex crate reads
//! them the Unicode way, and a Unicode `\b` makes its lazy DFA give up at the first
//! non-ASCII byte: a curly apostrophe or a `£` sends the rest of the search to the far
//! slower PikeVM. So each pattern is parsed once (regex-syntax's HIR, after case folding)
//! and rewritten:
//!
//! - **fast**: for a text with no non-ASCII *word* character (accented letters and the
//!   like; curly quotes, `£`, dashes and non-breaking spaces are fine) whose ASCII letters
//!   are lowercased (`make_ascii_lowercase` keeps every byte offset), every Unicode word
//!   boundary is an ASCII one, and characters the text cannot hold may be added to or taken
//!   out of any class without changing a match. Each class becomes whichever of the two is
//!   smaller (`\w` becomes `[0-9_a-z]`, a folded `[Kk\u{212A}]` the literal `k`, good for
//!   the literal prefilter; `[^.]` stays), and `\b` becomes `(?-u:\b)`.
//! - **folded text**: an answer with accented letters is matched in a copy where each
//!   non-ASCII word character is one `_`. Regex semantics only ask of a character which
//!   classes hold it and whether it is a word character, and for almost every pattern an
//!   accented letter and `_` answer alike (both in `\w`, `[^.]` and `\S`, neither in `\s`,
//!   `[a-z]` or `\d`), so the fast form matches there exactly as the pattern does on the
//!   answer, one character for one, and offsets map back through the replaced characters.
//!   The characters for which some class of a pattern answers differently (its `bad` set:
//!   non-ASCII digits for `\d`, the Kelvin sign and long s for folded `k` and `s`, letters
//!   the pattern names) send that pattern to the general form instead.
//! - **general**: the lowercase twin with Unicode boundaries and classes, exact on any
//!   lowercased text.
//!
//! A pattern's first searches on a short text run on a *lite* build of the fast form (a
//! forward NFA only), or find no compiling at all to do when build.rs made DFAs of it
//! (`gates.rs`); on an all-ASCII text the lite build is of the fast form cut to ASCII,
//! whose classes compile to single NFA states instead of UTF-8 automata.
//!
//! Every form is compiled on first use; for a user's rubric the pattern as written is
//! compiled at once, so its errors are reported at load exactly as before.

use crate::text::Span;
use regex::{Captures, Regex, RegexBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::borrow::Cow;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// Compiled regexes may use this much memory each; a bigger one is an error naming its rule.
pub(crate) const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// One non-ASCII word character replaced by `_` in the folded copy.
#[derive(Debug, Clone, Copy)]
struct Fold {
    /// Its end in the text.
    text_end: u32,
    /// Its end (the `_`'s) in the folded copy.
    folded_end: u32,
    /// Bytes dropped up to and including it.
    dropped: u32,
}

/// What an answer's regexes read besides the text itself, built once per answer.
#[derive(Debug, Clone, Default)]
pub struct HayBuf {
    /// The text with ASCII letters lowercased (same length, same offsets).
    lower: String,
    /// `lower` with every non-ASCII word character replaced by `_` (empty when none).
    folded: String,
    folds: Vec<Fold>,
    /// The distinct non-ASCII word characters of the text, sorted.
    words: Vec<char>,
    /// The text is all ASCII (the lite forms' ASCII builds serve it).
    ascii: bool,
}

impl HayBuf {
    /// The copies of `text` the regexes read.
    pub fn new(text: &str) -> HayBuf {
        let lower = text.to_ascii_lowercase();
        let mut buf = HayBuf {
            lower,
            ascii: text.is_ascii(),
            ..HayBuf::default()
        };
        if !has_non_ascii_word(text) {
            return buf;
        }
        let mut dropped = 0u32;
        let mut folded = String::with_capacity(text.len());
        for (i, c) in buf.lower.char_indices() {
            if c.is_ascii() || !regex_syntax::is_word_character(c) {
                folded.push(c);
                continue;
            }
            folded.push('_');
            dropped += u32::try_from(c.len_utf8() - 1).unwrap_or(0);
            buf.folds.push(Fold {
                text_end: u32::try_from(i + c.len_utf8()).unwrap_or(u32::MAX),
                folded_end: u32::try_from(folded.len()).unwrap_or(u32::MAX),
                dropped,
            });
            if let Err(at) = buf.words.binary_search(&c) {
                buf.words.insert(at, c);
            }
        }
        buf.folded = folded;
        buf
    }
}

/// The text an answer's regexes run on: the text as analysed and its [`HayBuf`].
#[derive(Debug, Clone, Copy)]
pub struct Hay<'a> {
    /// The text as analysed; every offset indexes it.
    pub text: &'a str,
    buf: &'a HayBuf,
}

impl<'a> Hay<'a> {
    /// The hay of `text`, whose copies are `buf` (built from the same text).
    pub fn new(text: &'a str, buf: &'a HayBuf) -> Hay<'a> {
        Hay { text, buf }
    }

    /// `text` with ASCII letters lowercased.
    pub fn lower(&self) -> &'a str {
        &self.buf.lower
    }

    /// The text holds no non-ASCII word character (no offsets to map).
    pub fn ascii_words(&self) -> bool {
        self.buf.words.is_empty()
    }
}

/// Which text a form reads, and how offsets map to it.
#[derive(Clone, Copy)]
enum Read<'h> {
    /// Offsets as in the text.
    Same(&'h str),
    /// The folded copy; offsets map through the folds.
    Folded(&'h HayBuf),
}

impl<'h> Read<'h> {
    fn hay(self) -> &'h str {
        match self {
            Read::Same(t) => t,
            Read::Folded(b) => &b.folded,
        }
    }

    /// A text offset (on a character boundary, not inside a folded character) in the read
    /// text.
    fn read_offset(self, at: u32) -> usize {
        match self {
            Read::Same(_) => at as usize,
            Read::Folded(b) => {
                let i = b.folds.partition_point(|f| f.text_end <= at);
                let dropped = i.checked_sub(1).map_or(0, |i| b.folds[i].dropped);
                (at - dropped) as usize
            }
        }
    }

    /// An offset of the read text as a text offset.
    fn text_offset(self, at: usize) -> usize {
        match self {
            Read::Same(_) => at,
            Read::Folded(b) => {
                let at32 = u32::try_from(at).unwrap_or(u32::MAX);
                let i = b.folds.partition_point(|f| f.folded_end <= at32);
                at + i.checked_sub(1).map_or(0, |i| b.folds[i].dropped as usize)
            }
        }
    }

    fn span(self, span: Span) -> Span {
        Span::new(self.read_offset(span.start), self.read_offset(span.end))
    }

    fn back(self, start: usize, end: usize) -> Span {
        Span::new(self.text_offset(start), self.text_offset(end))
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
    fast_source: Option<Cow<'static, str>>,
    /// The fast form cut to ASCII ([`Derived`]), for the lite form on all-ASCII texts.
    ascii_source: Option<Cow<'static, str>>,
    /// The fast form; `None` inside when it does not compile (the general one runs).
    fast: OnceLock<Option<Regex>>,
    /// The general form's source: for a case-insensitive pattern its lowercase twin,
    /// Unicode word boundaries and classes kept, to read the lowercased copy (exact on any
    /// text, and with plain lowercase literals for the prefilter); `None` for the pattern
    /// as written, reading the text as written.
    general_source: Option<String>,
    /// The general form and whether it reads the lowercased copy.
    general: OnceLock<Option<(Regex, bool)>>,
    /// The general form's source is to be derived on first use (a cached pattern).
    general_later: bool,
    /// Sets of literals such that every fast-form match, read in the lowercased copy,
    /// contains a literal of each set (empty: no such sets).
    required: Vec<Vec<String>>,
    /// Non-ASCII word characters that some class or literal of the pattern does not treat
    /// as it treats `_`; `None` when the folded copy cannot be used at all.
    bad: Option<ClassUnicode>,
    /// The regex-cache entry whose gate (a DFA of the fast form, built ahead of time)
    /// rules texts out before the fast form is compiled; `None`: no gate.
    gate_index: Option<usize>,
    /// The gate, read on first use (`None` inside: there is none).
    /// (Boxed, as the finder: a DFA's header is ~700 bytes, and a regex is moved a few
    /// times while the rubric compiles, a few hundred of them.)
    gate: OnceLock<Option<Box<super::gates::Gate>>>,
    /// Searches the gate may still serve before the regex is compiled after all.
    gate_searches: Budget,
    /// The gate with the reverse DFA built beside it, read on first use (`None` inside:
    /// there is none): it finds the matches the lite form would, with nothing compiled.
    finder: OnceLock<Option<Box<super::gates::Finder>>>,
    /// The fast form compiled lite ([`LiteRegex`]), for the first searches; dropped
    /// when the fast form is compiled.
    lite: LiteSlot,
    /// The same for all-ASCII texts, from the fast form cut to ASCII (`ascii_source`).
    lite_ascii: LiteSlot,
    /// Searches the lite form may still serve before the fast form is compiled.
    lite_searches: Budget,
}

/// A count of searches left, shared by every thread that searches with a regex.
#[derive(Debug)]
struct Budget(AtomicU32);

impl Budget {
    fn new(searches: u32) -> Budget {
        Budget(AtomicU32::new(searches))
    }

    /// Is there one left?
    fn spare(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }

    /// Take one, if there is one left.
    fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }
}

impl Clone for Budget {
    fn clone(&self) -> Budget {
        Budget(AtomicU32::new(self.0.load(Ordering::Relaxed)))
    }
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

/// Searches a lite form serves before the fast form is compiled: a pasted answer runs
/// most regexes on a region or two; a batch soon needs the full regex, whose lazy DFA and
/// prefilters search many times faster than the PikeVM.
const LITE_SEARCHES: u32 = 8;

use super::lite::LiteRegex;

/// Where a lite form lives until the fast form replaces it. It is dropped then, with its
/// search cache, rather than kept for the whole run.
#[derive(Debug, Default)]
struct LiteSlot(std::sync::Mutex<Lite>);

#[derive(Debug, Default)]
enum Lite {
    /// Not compiled yet.
    #[default]
    Unbuilt,
    /// Compiled (`None`: it failed; the fast form serves).
    Built(Option<std::sync::Arc<LiteRegex>>),
    /// Replaced by the fast form.
    Dropped,
}

impl LiteSlot {
    /// The lite form, compiled by `build` on first call; `None` once dropped.
    fn get(&self, build: impl FnOnce() -> Option<LiteRegex>) -> Option<std::sync::Arc<LiteRegex>> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Lite::Unbuilt = *slot {
            *slot = Lite::Built(build().map(std::sync::Arc::new));
        }
        match &*slot {
            Lite::Built(re) => re.clone(),
            _ => None,
        }
    }

    fn drop_it(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Lite::Dropped;
    }
}

impl Clone for LiteSlot {
    fn clone(&self) -> LiteSlot {
        let slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        LiteSlot(std::sync::Mutex::new(match &*slot {
            Lite::Unbuilt => Lite::Unbuilt,
            Lite::Built(re) => Lite::Built(re.clone()),
            Lite::Dropped => Lite::Dropped,
        }))
    }
}

/// What an all-ASCII text can hold: ASCII, without `A`-`Z` when it is lowercased (`ci`).
/// Cut to it, a class of only ASCII ranges compiles to one NFA state, where `[^.;]` or
/// `\s` as Unicode classes compile to UTF-8 automata (and a 400 KB map to build them):
/// the lite form on such a text compiles in about half the time, with the same matches.
fn ascii_keep(ci: bool) -> ClassUnicode {
    let mut keep = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
    if ci {
        keep.difference(upper());
    }
    keep
}

/// `h` with every class intersected with `keep`.
fn to_ascii(h: Hir, keep: &ClassUnicode) -> Hir {
    map_classes(
        h,
        &|c| match c {
            Class::Unicode(mut c) => {
                c.intersect(keep);
                Class::Unicode(c)
            }
            bytes => bytes,
        },
        &|look| look,
    )
}

/// `h` rebuilt with `class` applied to every class and `look` to every assertion.
fn map_classes(h: Hir, class: &dyn Fn(Class) -> Class, look: &dyn Fn(Look) -> Look) -> Hir {
    let again = |h: Hir| map_classes(h, class, look);
    match h.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(c) => Hir::class(class(c)),
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

/// What [`Re::new`] derives from a pattern before compiling anything: a pure function of
/// the source and its case flag, so the embedded rubric's are computed ahead of time and
/// kept in `src/rubric/regex_cache.json` (a unit test keeps that file current).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Derived {
    fast_source: Option<Cow<'static, str>>,
    /// The fast form with every class cut to what an all-ASCII text (lowercased, for a
    /// case-insensitive pattern) can hold: the source of the lite form on such texts, and
    /// far shorter to parse than the fast form's spelled-out Unicode classes.
    ascii_source: Option<Cow<'static, str>>,
    /// Not kept in the cache: with Unicode classes spelled out it is most of the size, and
    /// only an answer with non-ASCII word characters needs it ([`Re::general`] derives it
    /// then).
    #[serde(skip)]
    general_source: Option<String>,
    required: Vec<Vec<String>>,
    /// The `bad` class as inclusive character ranges.
    bad: Option<Vec<(char, char)>>,
}

fn parse(source: &str, case_insensitive: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(source)
        .ok()
}

/// Derive the forms of `source` (parsed as `hir`; `None` if it does not parse).
fn derive(hir: Option<Hir>, case_insensitive: bool) -> Derived {
    let general_source = match (&hir, case_insensitive) {
        (Some(h), true) => Some(rewrite(h.clone(), upper(), false).to_string()),
        _ => None,
    };
    let bad = match (&hir, case_insensitive) {
        (Some(h), true) => bad_chars(h),
        _ => None,
    };
    let fast = hir.and_then(|h| Some(rewrite(h, absent(case_insensitive)?, true)));
    let required = match (&fast, case_insensitive) {
        (Some(h), true) => required_sets(h),
        _ => Vec::new(),
    };
    Derived {
        ascii_source: fast.as_ref().map(|h| {
            to_ascii(h.clone(), &ascii_keep(case_insensitive))
                .to_string()
                .into()
        }),
        fast_source: fast.map(|h| h.to_string().into()),
        general_source,
        required,
        bad: bad.map(|c| c.ranges().iter().map(|r| (r.start(), r.end())).collect()),
    }
}

impl Derived {
    /// The forms as the regex cache holds them (its general source is derived later).
    pub(crate) fn cached(
        fast_source: Option<&'static str>,
        ascii_source: Option<&'static str>,
        required: &[&[&str]],
        bad: Option<&[(char, char)]>,
    ) -> Derived {
        Derived {
            fast_source: fast_source.map(Cow::Borrowed),
            ascii_source: ascii_source.map(Cow::Borrowed),
            general_source: None,
            required: required
                .iter()
                .map(|set| set.iter().map(|l| l.to_string()).collect())
                .collect(),
            bad: bad.map(<[_]>::to_vec),
        }
    }

    /// The fast form cut to ASCII (for tests).
    #[cfg(test)]
    pub(crate) fn ascii(&self) -> Option<&str> {
        self.ascii_source.as_deref()
    }

    /// The fast form (for tests).
    #[cfg(test)]
    pub(crate) fn fast(&self) -> Option<&str> {
        self.fast_source.as_deref()
    }
}

/// [`derive`] from the source, for the cache and its test.
pub(crate) fn derive_source(source: &str, case_insensitive: bool) -> Derived {
    derive(parse(source, case_insensitive), case_insensitive)
}

impl Re {
    /// Prepare `source`: parse it and derive the fast and general forms' sources, to be
    /// compiled on first use. With `eager` (a user's rubric), the pattern as written is
    /// compiled now, becomes the general form, and its error is returned; a pattern that
    /// does not parse is compiled as written at once too, so an invalid regex is always
    /// reported with the regex crate's own message.
    pub fn new(source: &str, case_insensitive: bool, eager: bool) -> Result<Re, regex::Error> {
        // The embedded rubric's forms were derived ahead of time (`regex_cache.json`):
        // parsing and case-folding ~200 patterns was most of a single answer's run time.
        if !eager {
            if let Some((index, d)) = super::regex_cache::get(source, case_insensitive) {
                let mut re = Re::from_derived(source, case_insensitive, d);
                re.general_later = case_insensitive;
                re.gate_index = Some(index);
                return Ok(re);
            }
        }
        let hir = parse(source, case_insensitive);
        let general = OnceLock::new();
        if eager || hir.is_none() {
            let _ = general.set(Some((build_as_written(source, case_insensitive)?, false)));
        }
        let mut re = Re::from_derived(source, case_insensitive, derive(hir, case_insensitive));
        re.general = general;
        Ok(re)
    }

    fn from_derived(source: &str, case_insensitive: bool, d: Derived) -> Re {
        Re {
            source: source.to_string(),
            case_insensitive,
            fast_source: d.fast_source,
            ascii_source: d.ascii_source,
            fast: OnceLock::new(),
            general_source: d.general_source,
            general: OnceLock::new(),
            general_later: false,
            required: d.required,
            bad: d.bad.map(|ranges| {
                ClassUnicode::new(
                    ranges
                        .into_iter()
                        .map(|(a, b)| ClassUnicodeRange::new(a, b)),
                )
            }),
            gate_index: None,
            gate: OnceLock::new(),
            finder: OnceLock::new(),
            gate_searches: Budget::new(super::gates::GATE_SEARCHES),
            lite: LiteSlot::default(),
            lite_ascii: LiteSlot::default(),
            lite_searches: Budget::new(LITE_SEARCHES),
        }
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
                let later = self
                    .general_later
                    .then(|| derive_source(&self.source, self.case_insensitive).general_source)
                    .flatten();
                let source = later.as_deref().or(self.general_source.as_deref());
                if let Some(re) = source.and_then(build_plain) {
                    return Some((re, true));
                }
                build_as_written(&self.source, self.case_insensitive)
                    .ok()
                    .map(|re| (re, false))
            })
            .as_ref()
            .map(|(re, lower)| (re, *lower))
    }

    /// Does the fast form run on `hay` (so [`Re::required`] applies)?
    pub fn runs_fast(&self, hay: &Hay) -> bool {
        let words = &hay.buf.words;
        words.is_empty()
            || (self.case_insensitive
                && self.bad.as_ref().is_some_and(|bad| {
                    !words.iter().any(|&c| {
                        let i = bad.ranges().partition_point(|r| r.end() < c);
                        bad.ranges().get(i).is_some_and(|r| r.start() <= c)
                    })
                }))
    }

    /// Will a DFA finder serve a search of `span` (with no groups), so that asking the gate
    /// first would only read the text twice? (Without a match both read it all once.)
    pub fn finder_serves(&self, hay: &Hay, span: Span) -> bool {
        self.lite_may_serve(hay, span) && self.finder().is_some_and(|f| f.serves(span.len()))
    }

    /// Is the form `hay` needs compiled already?
    pub fn ready(&self, hay: &Hay) -> bool {
        if self.runs_fast(hay) {
            self.fast.get().is_some()
        } else {
            self.general.get().is_some()
        }
    }

    /// Compile the form a search of `span` on `hay` needs, if it is not yet (ask
    /// [`Re::ruled_out`] first): the lite form while it serves, then the full one.
    /// `groups`: the search wants capture groups, which only a compiled form gives.
    pub fn warm(&self, hay: &Hay, span: Span, groups: bool) {
        if self.lite_may_serve(hay, span) {
            if !groups && self.finder().is_some_and(|f| f.serves(span.len())) {
                return;
            }
            let _ = self.lite_get(hay);
        } else {
            let _ = self.pick(hay);
        }
    }

    /// True when this regex cannot match inside `span` and that was found without
    /// compiling it: the fast form would run but is not compiled yet, the span is short,
    /// the gate has searches left, and it finds no match in what the fast form would read.
    /// Every search checks this first, so an answer compiles only the regexes that match
    /// in it; in a batch, a regex whose gate has served its searches is compiled, because
    /// the regex crate's literal prefilters then search faster than the gate's DFA.
    pub fn ruled_out(&self, hay: &Hay, span: Span) -> bool {
        let Some(index) = self.gate_index else {
            return false;
        };
        if span.len() > super::gates::GATE_MAX_BYTES
            || self.fast.get().is_some()
            || !self.runs_fast(hay)
            || !self.gate_searches.take()
        {
            return false;
        }
        let Some(gate) = self
            .gate
            .get_or_init(|| super::gates::load(index).map(Box::new))
            .as_deref()
        else {
            return false;
        };
        let read = self.fast_read(hay);
        !gate.may_match(read.span(span).slice(read.hay()))
    }

    /// What the fast form reads on `hay`.
    fn fast_read<'h>(&self, hay: &Hay<'h>) -> Read<'h> {
        match (self.case_insensitive, hay.ascii_words()) {
            (true, true) => Read::Same(&hay.buf.lower),
            (true, false) => Read::Folded(hay.buf),
            (false, _) => Read::Same(hay.text),
        }
    }

    /// The form to run on `hay` and what it reads.
    fn pick<'h>(&'h self, hay: &Hay<'h>) -> Option<(&'h Regex, Read<'h>)> {
        if self.runs_fast(hay) {
            let fast = self.fast.get_or_init(|| {
                self.lite.drop_it();
                self.lite_ascii.drop_it();
                self.fast_source.as_deref().and_then(build_plain)
            });
            if let Some(re) = fast {
                return Some((re, self.fast_read(hay)));
            }
        }
        self.general().map(|(re, lower)| {
            (
                re,
                Read::Same(if lower { &hay.buf.lower } else { hay.text }),
            )
        })
    }

    /// Does it match inside `span` of the hay (the slice alone, as `Regex::is_match`)?
    /// A span that is not a slice of the text reads as empty, as [`Span::slice`] does.
    pub fn is_match(&self, hay: &Hay, span: Span) -> bool {
        if let Some(finder) = self.finder_for(hay, span) {
            let read = self.fast_read(hay);
            if let Some(found) = finder.is_match(read.span(span).slice(read.hay())) {
                return found;
            }
        }
        if self.ruled_out(hay, span) {
            return false;
        }
        if let Some(re) = self.lite_for(hay, span) {
            let read = self.fast_read(hay);
            return re.is_match(read.span(span).slice(read.hay()));
        }
        self.pick(hay)
            .is_some_and(|(re, read)| re.is_match(read.span(span).slice(read.hay())))
    }

    /// Every non-overlapping match inside `span`, as spans of the text.
    pub fn find_iter<'s>(&'s self, hay: &Hay<'s>, span: Span) -> impl Iterator<Item = Span> + 's {
        let read = self.fast_read(hay);
        let from = read.span(span);
        let base = from.start as usize;
        let found = self
            .finder_for(hay, span)
            .and_then(|finder| finder.find_all(from.slice(read.hay())))
            .map(|found| {
                found
                    .into_iter()
                    .map(|m| read.back(base + m.start, base + m.end))
                    .collect::<Vec<Span>>()
            });
        let (lite, pick) = match found {
            Some(_) => (None, None),
            None => self.engines(hay, span),
        };
        let lite: Vec<Span> = lite.map_or_else(Vec::new, |re| {
            re.find_all(from.slice(read.hay()))
                .into_iter()
                .map(|m| read.back(base + m.start(), base + m.end()))
                .collect()
        });
        found
            .unwrap_or_default()
            .into_iter()
            .chain(lite)
            .chain(pick.into_iter().flat_map(move |(re, read)| {
                let from = read.span(span);
                let base = from.start as usize;
                re.find_iter(from.slice(read.hay()))
                    .map(move |m| read.back(base + m.start(), base + m.end()))
            }))
    }

    /// Every match inside `span` with its capture groups, as spans of the text.
    pub fn captures_iter<'s>(
        &'s self,
        hay: &Hay<'s>,
        span: Span,
    ) -> impl Iterator<Item = Groups> + 's {
        let (lite, pick) = match self.finder_groups(hay, span, false) {
            Some(found) => return found.into_iter().chain(None.into_iter().flatten()),
            None => self.engines(hay, span),
        };
        let read = self.fast_read(hay);
        let from = read.span(span);
        let base = from.start as usize;
        let lite: Vec<Groups> = lite.map_or_else(Vec::new, |re| {
            re.captures_all(from.slice(read.hay()))
                .iter()
                .map(|c| Groups::lite(c, base, read))
                .collect()
        });
        lite.into_iter().chain(
            pick.map(move |(re, read)| {
                let from = read.span(span);
                let base = from.start as usize;
                re.captures_iter(from.slice(read.hay()))
                    .map(move |c| Groups::new(&c, base, read))
            })
            .into_iter()
            .flatten(),
        )
    }

    /// The matches inside `span` with their groups (only the first with `first`), when a
    /// DFA finder serves the search: the finder finds where each match is, and the lite
    /// form finds its groups searching that match alone, anchored at its start. That
    /// gives the same groups as the lite form's search of the whole span (leftmost-first:
    /// the match a search reports is the one an anchored search from its start finds, and
    /// it ends inside the match), for a search a few dozen bytes long instead of the span.
    /// `None`: no finder serves, and the caller searches as before.
    fn finder_groups(&self, hay: &Hay, span: Span, first: bool) -> Option<Vec<Groups>> {
        let read = self.fast_read(hay);
        let from = read.span(span);
        let text = from.slice(read.hay());
        // This takes the search's one lite search; what follows uses the lite form
        // directly, so a finder that cannot finish does not take a second.
        let finder = self.finder_for(hay, span)?;
        let found = if first {
            finder.find_first(text).map(|m| m.into_iter().collect())
        } else {
            finder.find_all(text)
        };
        if found.as_ref().is_some_and(Vec::is_empty) {
            return Some(Vec::new());
        }
        let lite = self.lite_get(hay)?;
        let base = from.start as usize;
        let groups = |c: &regex_automata::util::captures::Captures| Groups::lite(c, base, read);
        let via_finder = found.and_then(|found| {
            found
                .iter()
                .map(|m| lite.captures_in(text, m.range()).map(|c| groups(&c)))
                .collect::<Option<Vec<Groups>>>()
        });
        Some(via_finder.unwrap_or_else(|| {
            // The finder could not finish: the lite form searches the whole span.
            if first {
                lite.captures(text).iter().map(groups).collect()
            } else {
                lite.captures_all(text).iter().map(groups).collect()
            }
        }))
    }

    /// The first match inside `span` with its capture groups.
    pub fn captures(&self, hay: &Hay, span: Span) -> Option<Groups> {
        if let Some(found) = self.finder_groups(hay, span, true) {
            return found.into_iter().next();
        }
        match self.engines(hay, span) {
            (Some(re), _) => {
                let read = self.fast_read(hay);
                let from = read.span(span);
                re.captures(from.slice(read.hay()))
                    .map(|caps| Groups::lite(&caps, from.start as usize, read))
            }
            (None, Some((re, read))) => {
                let from = read.span(span);
                let caps = re.captures(from.slice(read.hay()))?;
                Some(Groups::new(&caps, from.start as usize, read))
            }
            (None, None) => None,
        }
    }

    /// What runs a search of `span`: nothing (ruled out), the lite form, or the form
    /// [`Re::pick`] gives.
    fn engines<'h>(
        &'h self,
        hay: &Hay<'h>,
        span: Span,
    ) -> (
        Option<std::sync::Arc<LiteRegex>>,
        Option<(&'h Regex, Read<'h>)>,
    ) {
        if self.ruled_out(hay, span) {
            (None, None)
        } else if let Some(re) = self.lite_for(hay, span) {
            (Some(re), None)
        } else {
            (None, self.pick(hay))
        }
    }

    /// The lite form, when it may serve a search of `span` on `hay`: the fast form would
    /// run but is not compiled yet, the span is short, and the lite form has searches
    /// left (this takes one).
    fn lite_for(&self, hay: &Hay, span: Span) -> Option<std::sync::Arc<LiteRegex>> {
        if !self.lite_may_serve(hay, span) || !self.lite_searches.take() {
            return None;
        }
        self.lite_get(hay)
    }

    /// The lite form for `hay`, compiled on first use: on an all-ASCII text, the one cut
    /// to ASCII.
    fn lite_get(&self, hay: &Hay) -> Option<std::sync::Arc<LiteRegex>> {
        let source = self.fast_source.as_deref()?;
        // The embedded rubric's were compiled by build.rs (see `src/rubric/lite.rs`).
        let cached = |ascii| self.gate_index.and_then(|i| LiteRegex::cached(i, ascii));
        if hay.buf.ascii {
            self.lite_ascii
                .get(|| cached(true).or_else(|| LiteRegex::new(self.ascii_source.as_deref()?)))
        } else {
            self.lite
                .get(|| cached(false).or_else(|| LiteRegex::new(source)))
        }
    }

    /// The finder, when it may serve a search of `span` on `hay` as the lite form would
    /// (this takes one of the lite form's searches) and the pattern has one.
    fn finder_for(&self, hay: &Hay, span: Span) -> Option<&super::gates::Finder> {
        if !self.lite_may_serve(hay, span) {
            return None;
        }
        let finder = self.finder().filter(|f| f.serves(span.len()))?;
        self.lite_searches.take().then_some(finder)
    }

    /// The finder, read on first use; `None` when the pattern has none.
    fn finder(&self) -> Option<&super::gates::Finder> {
        let index = self.gate_index?;
        self.finder
            .get_or_init(|| super::gates::finder(index).map(Box::new))
            .as_deref()
    }

    fn lite_may_serve(&self, hay: &Hay, span: Span) -> bool {
        span.len() <= super::gates::GATE_MAX_BYTES
            && self.fast.get().is_none()
            && self.runs_fast(hay)
            && self.lite_searches.spare()
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
    fn new(c: &Captures, base: usize, read: Read) -> Groups {
        let span = |m: regex::Match| read.back(base + m.start(), base + m.end());
        Groups {
            all: c.get(0).map_or(read.back(base, base), span),
            first: c.get(1).map(span),
        }
    }

    fn lite(c: &regex_automata::util::captures::Captures, base: usize, read: Read) -> Groups {
        let span = |s: regex_automata::Span| read.back(base + s.start, base + s.end);
        Groups {
            all: c.get_group(0).map_or(read.back(base, base), span),
            first: c.get_group(1).map(span),
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
    map_classes(
        h,
        &|c| match c {
            Class::Unicode(c) => Class::Unicode(shrink(c, absent)),
            bytes => bytes,
        },
        &|look| if ascii { ascii_look(look) } else { look },
    )
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
            // A `_` in the folded copy may stand for another character: no such literal.
            !set.is_empty()
                && set.len() <= MAX_REQUIRED
                && set
                    .iter()
                    .all(|l| l.len() >= MIN_REQUIRED_LEN && !l.contains(&b'_'))
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
        let buf = HayBuf::new(text);
        let span = Span::new(0, text.len());
        re.captures_iter(&Hay::new(text, &buf), span).collect()
    }

    /// Matches of the pattern as written, on the text as written: the ground truth.
    fn as_written(source: &str, ci: bool, text: &str) -> Vec<Groups> {
        truth(&build_as_written(source, ci).unwrap(), text)
    }

    fn truth(re: &Regex, text: &str) -> Vec<Groups> {
        re.captures_iter(text)
            .map(|c| Groups::new(&c, 0, Read::Same(text)))
            .collect()
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
                let buf = HayBuf::new(t);
                if !want.is_empty() && re.runs_fast(&Hay::new(t, &buf)) {
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
    fn folded_copy_maps_offsets_back() {
        let t = "Zoë’s café: naïve José cut it by 10 %. Renée’s team—fine.";
        let buf = HayBuf::new(t);
        assert_eq!(buf.words, ['é', 'ë', 'ï']);
        assert_eq!(
            buf.folded,
            "zo_’s caf_: na_ve jos_ cut it by 10 %. ren_e’s team—fine."
        );
        let hay = Hay::new(t, &buf);
        for p in [
            r"\b\w+\b",
            r"\b(\w+)['’]s\b",
            r"[^.]{3}\b",
            r"\bcut\b[^.]*",
            r"\w\b",
        ] {
            let re = Re::new(p, true, false).unwrap();
            assert!(re.runs_fast(&hay), "{p}");
            assert_eq!(through_hay(&re, t), as_written(p, true, t), "{p}");
        }
        // A pattern that names an accented letter reads the text itself.
        let re = Re::new(r"caf[ée]", true, false).unwrap();
        assert!(!re.runs_fast(&hay));
        assert_eq!(through_hay(&re, t), as_written(r"caf[ée]", true, t));
        // \d holds other scripts' digits; `_` it does not.
        let re = Re::new(r"\d+", true, false).unwrap();
        let arabic = "Cut from ٣٠ to 5, said José.";
        assert!(!re.runs_fast(&Hay::new(arabic, &HayBuf::new(arabic))));
        assert_eq!(through_hay(&re, arabic), as_written(r"\d+", true, arabic));
    }

    #[test]
    fn invalid_regex_reports_the_regex_crate_error() {
        let e = Re::new(r"(unclosed", true, false).unwrap_err();
        assert!(e.to_string().contains("unclosed group"), "{e}");
    }

    use super::super::test_texts::fixture_texts;

    #[test]
    fn most_embedded_patterns_have_a_gate() {
        let n = super::super::gates::count();
        let total = super::super::regex_cache::patterns().len();
        assert!(n * 3 >= total * 2, "{n} gates for {total} patterns");
    }

    /// What the DFA tests read: every fixture, the paragraphs of every sixth alone too
    /// (DFAs see sections and windows, not only whole answers), and a text with accented
    /// words, read through the folded copy.
    fn dfa_test_texts() -> Vec<String> {
        let mut texts = fixture_texts();
        assert!(texts.len() > 50, "{} fixture texts", texts.len());
        let pieces: Vec<String> = texts
            .iter()
            .step_by(6)
            .flat_map(|t| t.split("\n\n").map(str::to_string))
            .collect();
        texts.extend(pieces);
        texts.push("Café staff at José's kitchen: I cut waste from 14 to 3 bins.".into());
        texts
    }

    /// Run `check` on every cached pattern that `load` gives a DFA for, with that DFA, the
    /// compiled fast form, what the fast form reads of each [`dfa_test_texts`] text where it
    /// runs, and the pattern's source; `check` returns a count for that text. Returns how
    /// many patterns had a DFA, how many texts were read, and the counts' sum.
    fn each_dfa_against_its_fast_form<D>(
        load: fn(usize) -> Option<D>,
        check: impl Fn(&D, &Regex, &str, &str) -> usize + Sync,
    ) -> (usize, usize, usize) {
        use rayon::prelude::*;
        let texts = dfa_test_texts();
        let bufs: Vec<HayBuf> = texts.iter().map(|t| HayBuf::new(t)).collect();
        super::super::regex_cache::patterns()
            .par_iter()
            .map(|(source, ci)| {
                let re = Re::new(source, *ci, false).unwrap();
                let Some(dfa) = re.gate_index.and_then(load) else {
                    return (0, 0, 0);
                };
                let fast = re.fast_source.as_deref().and_then(build_plain).unwrap();
                let (mut read_n, mut total) = (0, 0);
                for (text, buf) in texts.iter().zip(&bufs) {
                    let hay = Hay::new(text, buf);
                    if !re.runs_fast(&hay) {
                        continue;
                    }
                    total += check(&dfa, &fast, re.fast_read(&hay).hay(), source);
                    read_n += 1;
                }
                (1, read_n, total)
            })
            .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    }

    /// The gates (DFAs built by build.rs) must answer exactly as the fast forms do: a
    /// gate that says "no match" where the regex matches would lose a finding. A loose
    /// gate may say yes where the fast form finds nothing, never no where it matches.
    #[test]
    fn a_gate_says_no_exactly_when_its_fast_form_finds_nothing() {
        use super::super::gates::{is_loose, load};
        use std::sync::atomic::{AtomicUsize, Ordering};
        let loose_no = AtomicUsize::new(0);
        let loose_sources: Vec<String> = super::super::regex_cache::patterns()
            .iter()
            .enumerate()
            .filter(|(i, _)| is_loose(*i))
            .map(|(_, (source, _))| source.clone())
            .collect();
        let (_, checked, said_no) =
            each_dfa_against_its_fast_form(load, |gate, fast, read, source| {
                let matched = fast.is_match(read);
                let says = gate.may_match(read);
                if loose_sources.iter().any(|s| s == source) {
                    assert!(says || !matched, "{source} on {read:?}");
                    loose_no.fetch_add(usize::from(!says), Ordering::Relaxed);
                } else {
                    assert_eq!(says, matched, "{source} on {read:?}");
                }
                usize::from(!matched)
            });
        assert!(
            checked > 30_000 && said_no > checked / 2,
            "{checked} {said_no}"
        );
        // The loose gates are checked too, and rule most texts out.
        let loose_no = loose_no.into_inner();
        assert!(
            loose_sources.len() >= 10 && loose_no > 1_000,
            "{} loose gates said no {loose_no} times",
            loose_sources.len()
        );
    }

    /// A finder (the gate and a reverse DFA, built by build.rs) must find exactly what the
    /// fast form finds, match for match: it serves a pasted answer's searches.
    #[test]
    fn a_finder_finds_what_its_fast_form_finds() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let anchored_matches = AtomicUsize::new(0);
        let (finders, _, matches) = each_dfa_against_its_fast_form(
            super::super::gates::finder,
            |finder, fast, read, source| {
                let want: Vec<_> = fast.find_iter(read).map(|m| m.range()).collect();
                let got: Vec<_> = finder
                    .find_all(read)
                    .unwrap()
                    .into_iter()
                    .map(|s| s.range())
                    .collect();
                assert_eq!(got, want, "{source} on {read:?}");
                assert_eq!(finder.is_match(read), Some(!want.is_empty()));
                if matches!(finder, super::super::gates::Finder::Anchored(_)) {
                    anchored_matches.fetch_add(want.len(), Ordering::Relaxed);
                }
                want.len()
            },
        );
        assert_eq!(finders, super::super::gates::finder_count());
        assert!(finders > 150 && matches > 5_000, "{finders} {matches}");
        // The anchored finders (windowed patterns) are checked too, on texts they match.
        let anchored = anchored_matches.into_inner();
        assert!(
            super::super::gates::anchored_count() > 20 && anchored > 500,
            "{} anchored finders, {anchored} matches",
            super::super::gates::anchored_count()
        );
    }

    /// A search a finder serves compiles nothing and finds what the regex finds.
    #[test]
    fn a_finder_search_compiles_nothing() {
        let text = "I took the rota home and rewrote it, then I rang the agency. Nobody \
                    asked me to; it was not my team. Waits fell from 40 minutes to 12, which \
                    saved 6 hours a week. I learned that I should have asked sooner.";
        let buf = HayBuf::new(text);
        let hay = Hay::new(text, &buf);
        let all = Span::new(0, text.len());
        let mut served = 0;
        for (source, ci) in super::super::regex_cache::patterns() {
            let re = Re::new(&source, ci, false).unwrap();
            if re.finder().is_none() {
                continue;
            }
            let got: Vec<Span> = re.find_iter(&hay, all).collect();
            let matched = re.is_match(&hay, all);
            assert!(re.fast.get().is_none() && matches!(*re.lite.0.lock().unwrap(), Lite::Unbuilt));
            let fast = build_plain(re.fast_source.as_deref().unwrap()).unwrap();
            let want: Vec<Span> = fast
                .find_iter(hay.lower())
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            assert_eq!(got, want, "{source}");
            assert_eq!(matched, !want.is_empty(), "{source}");
            served += usize::from(!want.is_empty());
        }
        assert!(served >= 5, "{served} patterns matched");
    }

    /// An anchored finder serves short spans only: on a span past
    /// [`super::super::gates::ANCHORED_MAX_BYTES`] the regex is compiled, with the same
    /// matches.
    #[test]
    fn an_anchored_finder_leaves_long_spans_to_the_regex() {
        let (source, ci) = super::super::regex_cache::patterns()
            .into_iter()
            .find(|(s, ci)| {
                let re = Re::new(s, *ci, false).unwrap();
                matches!(re.finder(), Some(super::super::gates::Finder::Anchored(_)))
                    && re
                        .fast_source
                        .as_deref()
                        .is_some_and(|f| f.contains("saved"))
            })
            .expect("a windowed pattern about time saved has an anchored finder");
        let story = "I rebuilt the rota and saved about 6 hours a week for the ward. ";
        for (text, compiled) in [
            (story.to_string(), false),
            (
                story.repeat(super::super::gates::ANCHORED_MAX_BYTES / story.len() + 1),
                true,
            ),
        ] {
            let re = Re::new(&source, ci, false).unwrap();
            let buf = HayBuf::new(&text);
            let hay = Hay::new(&text, &buf);
            let all = Span::new(0, text.len());
            let got: Vec<Span> = re.find_iter(&hay, all).collect();
            let fast = build_plain(re.fast_source.as_deref().unwrap()).unwrap();
            let want: Vec<Span> = fast
                .find_iter(hay.lower())
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            assert!(!want.is_empty(), "{source}");
            assert_eq!(got, want, "{source}");
            let built = re.fast.get().is_some()
                || !matches!(*re.lite_ascii.0.lock().unwrap(), Lite::Unbuilt);
            assert_eq!(built, compiled, "{} bytes", text.len());
        }
    }

    #[test]
    fn a_ruled_out_regex_is_never_compiled() {
        let (source, ci) = super::super::regex_cache::patterns()
            .into_iter()
            .find(|(s, ci)| {
                Re::new(s, *ci, false)
                    .unwrap()
                    .gate_index
                    .and_then(super::super::gates::load)
                    .is_some()
            })
            .unwrap();
        let re = Re::new(&source, ci, false).unwrap();
        let text = "zzzz qqqq xxxx";
        let buf = HayBuf::new(text);
        let hay = Hay::new(text, &buf);
        let all = Span::new(0, text.len());
        assert!(re.ruled_out(&hay, all), "{source}");
        assert_eq!(re.find_iter(&hay, all).count(), 0);
        assert!(!re.is_match(&hay, all));
        assert!(re.fast.get().is_none(), "compiled although ruled out");
        // Once the gate has served its searches (a batch), the regex is compiled.
        // Gate searches so far: ruled_out's; find_iter's and is_match's too unless the
        // finder served them (it takes the lite form's searches instead).
        let mut served = if re.finder().is_some() { 1 } else { 3 };
        while re.ruled_out(&hay, all) {
            served += 1;
            assert!(served <= super::super::gates::GATE_SEARCHES);
        }
        assert_eq!(served, super::super::gates::GATE_SEARCHES);
        // Then the lite form serves its searches, and then the full regex is compiled.
        for _ in 0..=LITE_SEARCHES {
            assert_eq!(re.find_iter(&hay, all).count(), 0);
        }
        assert!(
            re.fast.get().is_some(),
            "not compiled after all those searches"
        );
        let re = Re::new(&source, ci, false).unwrap();
        // A long text skips the gate and compiles.
        let long = "zzzz ".repeat(super::super::gates::GATE_MAX_BYTES / 4);
        let buf = HayBuf::new(&long);
        let hay = Hay::new(&long, &buf);
        assert!(!re.ruled_out(&hay, Span::new(0, long.len())));
    }

    type GroupRanges = Vec<(
        Option<std::ops::Range<usize>>,
        Option<std::ops::Range<usize>>,
    )>;

    /// Every match of `re` in `hay` with its group 1, as byte ranges.
    fn groups_of(re: &Regex, hay: &str) -> GroupRanges {
        re.captures_iter(hay)
            .map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range())))
            .collect()
    }

    /// [`groups_of`] for a lite form.
    fn lite_groups_of(re: &LiteRegex, hay: &str) -> GroupRanges {
        re.captures_all(hay)
            .iter()
            .map(|c| {
                (
                    c.get_group(0).map(|s| s.range()),
                    c.get_group(1).map(|s| s.range()),
                )
            })
            .collect()
    }

    /// Groups found through a finder (its DFAs find each match, the lite form the groups
    /// by searching that match alone) must be the full regex's, for every pattern that
    /// has a finder, by `captures_iter` and by `captures`.
    #[test]
    fn groups_through_a_finder_are_the_full_regex_groups() {
        use rayon::prelude::*;
        let texts: Vec<String> = fixture_texts().into_iter().step_by(3).collect();
        let (patterns, groups) = super::super::regex_cache::patterns()
            .par_iter()
            .map(|(source, ci)| {
                let probe = Re::new(source, *ci, false).unwrap();
                let (Some(_), Some(fast)) = (probe.finder(), probe.fast_source.as_deref()) else {
                    return (0, 0);
                };
                let full = build_plain(fast).unwrap();
                let mut n = 0;
                for text in &texts {
                    let buf = HayBuf::new(text);
                    let hay = Hay::new(text, &buf);
                    let all = Span::new(0, text.len());
                    // A fresh regex each time, so the finder serves (it serves first searches).
                    let re = Re::new(source, *ci, false).unwrap();
                    if !re.lite_may_serve(&hay, all) || !re.finder().unwrap().serves(text.len()) {
                        continue;
                    }
                    let read = re.fast_read(&hay);
                    let want: Vec<Groups> = full
                        .captures_iter(read.hay())
                        .map(|c| Groups::new(&c, 0, read))
                        .collect();
                    let got: Vec<Groups> = re.captures_iter(&hay, all).collect();
                    assert_eq!(got, want, "{source} on {text:?}");
                    let first = Re::new(source, *ci, false).unwrap().captures(&hay, all);
                    assert_eq!(first, want.first().copied(), "{source} on {text:?}");
                    assert!(re.fast.get().is_none(), "the finder served: {source}");
                    n += want.len();
                }
                (1, n)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        assert!(
            patterns > 150 && groups > 1_500,
            "{patterns} patterns, {groups} matches"
        );
    }

    /// The lite form (forward NFA, PikeVM) must find exactly what the full regex finds,
    /// groups included: it serves a pasted answer's searches.
    #[test]
    fn the_lite_form_finds_what_the_full_regex_finds() {
        use rayon::prelude::*;
        let mut texts: Vec<String> = fixture_texts().into_iter().step_by(6).collect();
        texts.push("Café staff at José's kitchen: I cut waste from 14 to 3 bins.".into());
        let checked: usize = super::super::regex_cache::patterns()
            .par_iter()
            .map(|(source, ci)| {
                let re = Re::new(source, *ci, false).unwrap();
                let Some(fast) = re.fast_source.as_deref() else {
                    return 0;
                };
                let (full, lite) = (build_plain(fast).unwrap(), LiteRegex::new(fast).unwrap());
                for text in &texts {
                    let buf = HayBuf::new(text);
                    let hay = Hay::new(text, &buf);
                    let read = re.fast_read(&hay).hay();
                    let want = groups_of(&full, read);
                    let got = lite_groups_of(&lite, read);
                    assert_eq!(got, want, "{source} on {text:?}");
                }
                texts.len()
            })
            .sum();
        assert!(checked > 2_000, "{checked}");
    }

    /// The ASCII lite form must find exactly what the full regex finds, groups included,
    /// on every all-ASCII text: it serves those texts' first searches.
    #[test]
    fn the_ascii_lite_form_finds_what_the_full_regex_finds_on_ascii_texts() {
        use rayon::prelude::*;
        let all = fixture_texts();
        // Whole ASCII answers, and the ASCII paragraphs of the others.
        let mut texts: Vec<String> = all.iter().filter(|t| t.is_ascii()).cloned().collect();
        let whole = texts.len();
        texts.extend(
            all.iter()
                .filter(|t| !t.is_ascii())
                .flat_map(|t| t.split("\n\n"))
                .filter(|p| p.is_ascii())
                .map(str::to_string),
        );
        texts.push("NOT MY TEAM -- nobody asked; I rang them at 9pm and we got 40% back.".into());
        assert!(whole > 30 && texts.len() > 200, "{whole} {}", texts.len());
        let (checked, found) = super::super::regex_cache::patterns()
            .par_iter()
            .map(|(source, ci)| {
                let re = Re::new(source, *ci, false).unwrap();
                let Some(fast) = re.fast_source.as_deref() else {
                    return (0, 0);
                };
                let full = build_plain(fast).unwrap();
                let ascii = LiteRegex::new(re.ascii_source.as_deref().unwrap()).unwrap();
                let mut found = 0;
                for text in &texts {
                    let buf = HayBuf::new(text);
                    let hay = Hay::new(text, &buf);
                    assert!(buf.ascii);
                    let read = re.fast_read(&hay).hay();
                    let want = groups_of(&full, read);
                    let got = lite_groups_of(&ascii, read);
                    assert_eq!(got, want, "{source} on {text:?}");
                    found += want.len();
                }
                (texts.len(), found)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        assert!(checked > 40_000 && found > 3_000, "{checked} {found}");
    }

    /// An ASCII text and a non-ASCII one each get their own lite form, never the other's.
    #[test]
    fn ascii_and_other_texts_get_their_own_lite_forms() {
        let re = Re::new(r"\bi\s+(fixed|built)\b[^.,]{0,20}", true, false).unwrap();
        let plain = "Then I fixed it, and I built a tool.";
        let curly = "Then I fixed it\u{2019}s feed, and I built a tool \u{2014} fast.";
        for (text, ascii) in [(plain, true), (curly, false), (plain, true)] {
            let buf = HayBuf::new(text);
            let hay = Hay::new(text, &buf);
            let all = Span::new(0, text.len());
            let got: Vec<&str> = re.find_iter(&hay, all).map(|s| &text[s.range()]).collect();
            assert_eq!(got.len(), 2, "{got:?}");
            assert!(got[1].starts_with("I built a tool"), "{got:?}");
            let built = |slot: &LiteSlot| matches!(*slot.0.lock().unwrap(), Lite::Built(Some(_)));
            assert!(built(if ascii { &re.lite_ascii } else { &re.lite }));
        }
        assert!(re.fast.get().is_none());
    }

    #[test]
    fn the_lite_form_serves_the_first_searches_then_the_full_regex() {
        let re = Re::new(r"\bi\s+(fixed|built)\b", true, false).unwrap();
        let text = "Then I fixed it, and I built a tool.";
        let buf = HayBuf::new(text);
        let hay = Hay::new(text, &buf);
        let all = Span::new(0, text.len());
        let first: Vec<Span> = re.find_iter(&hay, all).collect();
        assert_eq!(first.len(), 2);
        assert!(
            re.fast.get().is_none(),
            "the first search compiled the full regex"
        );
        for _ in 1..LITE_SEARCHES {
            assert_eq!(re.find_iter(&hay, all).collect::<Vec<_>>(), first);
        }
        assert!(re.fast.get().is_none());
        let groups: Vec<Groups> = re.captures_iter(&hay, all).collect();
        assert!(
            re.fast.get().is_some(),
            "not compiled after the lite form's searches"
        );
        assert_eq!(groups.iter().map(|g| g.all).collect::<Vec<_>>(), first);
        assert_eq!(groups[0].first.map(|s| s.slice(text)), Some("fixed"));
    }
}
