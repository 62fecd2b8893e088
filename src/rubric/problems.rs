//! Where the compiler records what is wrong with a rubric, and keeps going.
//!
//! Every problem is recorded at the position of the value that caused it, in the file
//! that value came from ([`Located`]), and compilation goes on, so a user sees every
//! problem in one run. Regexes are compiled here too, because their errors are problems
//! like any other and their number is bounded for the whole rubric.

use super::load::{RubricErrors, SourceLines};
use super::model::Located;
use crate::matcher::Re;
use std::str::FromStr;

/// The merged rubric may hold this many regexes in all (the embedded one has under 300):
/// each has a compiled-size limit, so the count bounds their total.
pub(super) const MAX_REGEXES: usize = 1000;

/// The problems found so far, and how to locate more.
pub(super) struct Problems<'a> {
    pub lines: SourceLines<'a>,
    pub errors: RubricErrors,
    /// Regexes compiled so far (see [`MAX_REGEXES`]).
    regexes: usize,
}

impl<'a> Problems<'a> {
    /// Start from `errors` (problems found before compiling, such as an overlay's).
    pub fn new(lines: SourceLines<'a>, errors: RubricErrors) -> Problems<'a> {
        Problems {
            lines,
            errors,
            regexes: 0,
        }
    }

    /// A problem with `value`, at its position.
    pub fn err<T>(&mut self, value: &Located<T>, msg: String) {
        if let Some(e) = self.lines.error(value.origin, value.span(), msg) {
            self.errors.0.push(e);
        }
    }

    /// A problem with source `origin` as a whole (its line 1, column 1).
    pub fn err_file(&mut self, origin: usize, msg: String) {
        if let Some(e) = self.lines.error(origin, 0..0, msg) {
            self.errors.0.push(e);
        }
    }

    /// Parse an id (`SectionKind`, `Level`, `Lp`, `Verdict`), or record why not.
    pub fn id<T: FromStr<Err = crate::ids::UnknownId>>(
        &mut self,
        s: &Located<String>,
    ) -> Option<T> {
        match s.get_ref().parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(s, e.to_string());
                None
            }
        }
    }

    /// Compile a regex of the rubric. The embedded rubric (origin 0) compiles its forms on
    /// first use (a unit test compiles them all); a user's rubric compiles the pattern as
    /// written now, so that every error is reported at load.
    pub fn regex(&mut self, s: &Located<String>, ci: bool, what: &str) -> Option<Re> {
        self.regexes += 1;
        if self.regexes > MAX_REGEXES {
            if self.regexes == MAX_REGEXES + 1 {
                self.err(
                    s,
                    format!("{what}: the rubric holds more than {MAX_REGEXES} regexes in all (the limit); this one and every later one are not compiled"),
                );
            }
            return None;
        }
        match Re::new(s.get_ref(), ci, s.origin != 0) {
            Ok(re) => Some(re),
            Err(e) => {
                let detail = match e {
                    regex::Error::CompiledTooBig(n) => {
                        format!("regex is too big (compiled size over {n} bytes)")
                    }
                    other => syntax_reason(&other.to_string()),
                };
                self.err(s, format!("{what}: invalid regex: {detail}"));
                None
            }
        }
    }
}

/// The regex crate's syntax error is a small drawing (the pattern, a caret line, then
/// `error: …`); one error line wants the reason and the character it points at.
fn syntax_reason(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let Some(reason) = lines.iter().find_map(|l| l.trim().strip_prefix("error: ")) else {
        return one_line(s);
    };
    let caret = lines.iter().enumerate().skip(1).find_map(|(i, l)| {
        let t = l.trim_start();
        (!t.is_empty() && t.chars().all(|c| c == '^')).then(|| {
            let pattern_indent = lines[i - 1].len() - lines[i - 1].trim_start().len();
            l.len() - t.len() - pattern_indent.min(l.len() - t.len()) + 1
        })
    });
    match caret {
        Some(n) => format!("{reason} (at character {n} of the pattern)"),
        None => reason.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
