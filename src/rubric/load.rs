//! Parse rubric TOML and turn byte positions into `file:line:column` errors.

use super::model::{Located, RubricFile, Stamp};
use crate::text::LineIndex;
use std::fmt;
use std::ops::Range;

/// A rubric file's name (as it should appear in errors) and text.
#[derive(Debug, Clone)]
pub struct RubricSource {
    /// Path or name.
    pub name: String,
    /// Its TOML text.
    pub text: String,
}

/// One problem in a rubric, at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem found, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RubricErrors(pub Vec<RubricError>);

impl fmt::Display for RubricErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RubricErrors {}

impl RubricErrors {
    /// Record a problem at `span` of `source`.
    pub fn at(&mut self, source: &RubricSource, span: Range<usize>, message: impl Into<String>) {
        self.0.push(error_at(source, span, message.into()));
    }
}

pub(crate) fn error_at(source: &RubricSource, span: Range<usize>, message: String) -> RubricError {
    located(source, &LineIndex::new(&source.text), span, message)
}

fn located(
    source: &RubricSource,
    idx: &LineIndex,
    span: Range<usize>,
    message: String,
) -> RubricError {
    let at = u32::try_from(span.start.min(source.text.len())).unwrap_or(0);
    let lc = idx.line_col(&source.text, at);
    RubricError {
        file: source.name.clone(),
        line: lc.line,
        column: lc.column,
        message,
    }
}

/// Turns positions in any of the sources into errors, indexing each source's lines once:
/// a hostile rubric with thousands of problems (or rules, each of which records where it
/// is defined) costs one pass over its text, not one per position.
pub(crate) struct SourceLines<'a> {
    sources: &'a [RubricSource],
    lines: Vec<std::cell::OnceCell<LineIndex>>,
    /// Each source's newline offsets, for [`SourceLines::line`]: far cheaper to build than a
    /// [`LineIndex`] (which also counts characters for columns), and every rule asks.
    newlines: Vec<std::cell::OnceCell<Vec<usize>>>,
}

impl<'a> SourceLines<'a> {
    pub(crate) fn new(sources: &'a [RubricSource]) -> SourceLines<'a> {
        SourceLines {
            sources,
            lines: sources.iter().map(|_| std::cell::OnceCell::new()).collect(),
            newlines: sources.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The index of the last source (the overlay, when there is one).
    pub(crate) fn last(&self) -> usize {
        self.sources.len().saturating_sub(1)
    }

    /// The file name and 1-based line of byte `at` of source `origin` (no column).
    pub(crate) fn line(&self, origin: usize, at: usize) -> Option<(&'a str, usize)> {
        let source = self.sources.get(origin)?;
        let newlines = self
            .newlines
            .get(origin)?
            .get_or_init(|| memchr::memchr_iter(b'\n', source.text.as_bytes()).collect());
        Some((&source.name, newlines.partition_point(|&n| n < at) + 1))
    }

    /// An error at `span` of source `origin`; `None` when there is no such source.
    pub(crate) fn error(
        &self,
        origin: usize,
        span: Range<usize>,
        message: String,
    ) -> Option<RubricError> {
        let source = self.sources.get(origin)?;
        let idx = self
            .lines
            .get(origin)?
            .get_or_init(|| LineIndex::new(&source.text));
        Some(located(source, idx, span, message))
    }
}

/// Parse one rubric file; `origin` is its index among the sources, stamped on its parts.
/// Each rule also gets the keys it was written with, and where ([`RuleSpec::keys`]).
///
/// [`RuleSpec::keys`]: super::model::RuleSpec::keys
pub fn parse(origin: usize, source: &RubricSource) -> Result<RubricFile, RubricError> {
    let error = |e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        error_at(source, span, e.message().trim().to_string())
    };
    let root = toml::de::DeTable::parse(&source.text).map_err(error)?;
    let keys = super::model::rule_keys(root.get_ref());
    let mut file: RubricFile =
        serde::Deserialize::deserialize(toml::de::Deserializer::from(root)).map_err(error)?;
    for (rule, keys) in file.rules.iter_mut().zip(keys) {
        rule.keys = keys;
    }
    file.stamp(origin);
    Ok(file)
}

/// Parse the embedded rubric (`source` is it, origin 0) from the MessagePack `build.rs`
/// made of it: the same model, positions and rule keys included, several times faster
/// than the TOML parse. Falls back to the TOML, whose error is then the one reported,
/// when there is none or it does not read.
pub(crate) fn parse_embedded(source: &RubricSource) -> Result<RubricFile, RubricError> {
    let bytes = super::embedded::DEFAULT_RUBRIC_MSGPACK;
    match rmp_serde::from_slice::<(RubricFile, Vec<Vec<Located<String>>>)>(bytes) {
        Ok((mut file, keys)) if !bytes.is_empty() => {
            for (rule, keys) in file.rules.iter_mut().zip(keys) {
                rule.keys = keys;
            }
            file.stamp(0);
            Ok(file)
        }
        _ => parse(0, source),
    }
}

/// Rules (and probes) defined twice in one file. Across files a repeated code is an
/// override, which is the point of an overlay; inside one file it is a mistake the merge
/// would otherwise hide by folding the second definition into the first.
pub fn duplicates(source: &RubricSource, file: &RubricFile) -> Vec<RubricError> {
    use rustc_hash::FxHashMap as HashMap;
    use std::collections::hash_map::Entry;
    let loc = SourceLines::new(std::slice::from_ref(source));
    let line = |span: Range<usize>| {
        loc.line(0, span.start)
            .map_or(0, |(_, l)| u32::try_from(l).unwrap_or(u32::MAX))
    };
    let mut out = Vec::new();
    let mut seen =
        |map: &mut HashMap<String, u32>, key: String, span: Range<usize>, what: &str| match map
            .entry(key)
        {
            Entry::Occupied(first) => {
                let message = match *first.get() {
                    0 => format!("duplicate {what} `{}`", first.key()),
                    n => format!(
                        "duplicate {what} `{}` (first defined on line {n})",
                        first.key()
                    ),
                };
                out.extend(loc.error(0, span, message));
            }
            Entry::Vacant(v) => {
                v.insert(line(span));
            }
        };
    let (mut codes, mut names, mut probes) =
        (HashMap::default(), HashMap::default(), HashMap::default());
    for r in &file.rules {
        let code = r.code.get_ref().to_ascii_uppercase();
        seen(&mut codes, code, r.code.span(), "rule code");
        if let Some(n) = &r.name {
            seen(&mut names, n.get_ref().clone(), n.span(), "rule name");
        }
    }
    for p in &file.probes {
        // Probes carry no position (their ids are plain strings): the file is named.
        match probes.entry(p.id.clone()) {
            Entry::Occupied(_) => {
                out.extend(loc.error(0, 0..0, format!("duplicate probe id `{}`", p.id)));
            }
            Entry::Vacant(v) => {
                v.insert(0u32);
            }
        }
    }
    out
}
