//! Parse rubric TOML and turn byte positions into `file:line:column` errors.

use super::model::RubricFile;
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
    let idx = LineIndex::new(&source.text);
    let at = u32::try_from(span.start.min(source.text.len())).unwrap_or(0);
    let lc = idx.line_col(&source.text, at);
    RubricError {
        file: source.name.clone(),
        line: lc.line,
        column: lc.column,
        message,
    }
}

/// Parse one rubric file; `origin` is its index among the sources, stamped on its parts.
pub fn parse(origin: usize, source: &RubricSource) -> Result<RubricFile, RubricError> {
    let mut file: RubricFile = toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        error_at(source, span, e.message().trim().to_string())
    })?;
    for r in &mut file.rules {
        r.origin = origin;
    }
    for p in &mut file.probes {
        p.origin = origin;
    }
    for c in &mut file.combined_summaries {
        c.origin = origin;
    }
    for s in file.sections.values_mut() {
        s.origin = origin;
    }
    for l in file.levels.values_mut() {
        l.origin = origin;
    }
    for l in file.lps.values_mut() {
        l.origin = origin;
    }
    file.origin = origin;
    Ok(file)
}
