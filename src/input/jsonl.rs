//! `--input jsonl`: one answer per line, `{"id", "answer", "lp"?, "level"?, "question"?}`.
//!
//! A malformed line is an error for that line alone, named `answers.jsonl:12` so that
//! errors from two files never read alike; its source is the id when one can be read,
//! else that same `file:line`, and every other line is still scored. Keys starlint does
//! not read (a coach's `"student"` or `"cohort"`) are kept as written and returned in the
//! answer's `"extra"` ([`super::extra`]), and an id keeps its exact text (`1.10` is not
//! `1.1`). `field` is a key starlint reads (the candidate's field), so it is never an
//! extra.

use super::extra::{Extra, RawObject, SourceName};
use super::{InputError, Origin, Source, Unread};
use crate::ids::{GivenLevel, Lp};
use serde_json::value::RawValue;
use std::fmt;
use std::sync::Arc;

/// The keys starlint reads; any other key of a line is returned in `"extra"`.
pub const KEYS: [&str; 6] = ["id", "answer", "lp", "level", "field", "question"];

/// Where one JSON line was read: its file (or `<stdin>`) and 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineAt {
    /// The file as named on the command line, or `<stdin>`.
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for LineAt {
    /// `answers.jsonl:12`, as errors name a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What a JSON line says about its answer besides the answer itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineMeta {
    /// `answers.jsonl:12`.
    pub at: String,
    /// The line's id, as the report's `source` gives it (`None` when it had none that
    /// could be read; the source is then `at`).
    pub id: Option<SourceName>,
    /// The keys starlint does not read (`None` when the line was not a JSON object).
    pub extra: Option<Extra>,
}

impl LineMeta {
    /// The report's `source`: the id, else where the line was read.
    pub fn source(&self) -> SourceName {
        self.id.clone().unwrap_or_else(|| self.at.clone().into())
    }
}

/// A value as a string, absent (`None`, also for JSON null), or an error naming the key.
fn string(key: &str, raw: Option<&RawValue>) -> Result<Option<String>, String> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    match raw.get().trim_start().as_bytes().first() {
        Some(b'n') => Ok(None),
        Some(b'"') => serde_json::from_str(raw.get())
            .map(Some)
            .map_err(|e| format!("\"{key}\": {e}")),
        _ => Err(format!("\"{key}\" must be a string")),
    }
}

/// The id as the report gives it: a string's contents, or a number's exact text.
fn id(raw: Option<&RawValue>) -> Result<SourceName, String> {
    let Some(raw) = raw else {
        return Err("missing \"id\"".into());
    };
    let text = raw.get().trim();
    match text.as_bytes().first() {
        Some(b'"') => {
            let s: String = serde_json::from_str(text).map_err(|e| format!("\"id\": {e}"))?;
            if s.trim().is_empty() {
                return Err("\"id\" is empty".into());
            }
            Ok(s.into())
        }
        Some(b'-' | b'0'..=b'9') => Ok(SourceName::number(text.to_string())),
        _ => Err("\"id\" must be a string or a number".into()),
    }
}

/// Parse one JSON line read at `at` into a source, or say why it cannot be scored (with
/// the id and the extra keys whenever they could be read, even if the rest is bad).
pub fn parse_jsonl_line(at: &LineAt, line: &str) -> Result<Source, Unread> {
    let mut meta = LineMeta {
        at: at.to_string(),
        id: None,
        extra: None,
    };
    let object: RawObject = match serde_json::from_str(line) {
        Ok(o) => o,
        Err(e) => {
            let why = if serde_json::from_str::<serde::de::IgnoredAny>(line).is_ok() {
                "expected a JSON object".to_string()
            } else {
                format!("invalid JSON: {e}")
            };
            return Err(Unread::line(meta, InputError::Jsonl(why)));
        }
    };
    let get = |key: &str| {
        object
            .0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    };
    meta.extra = Some(Extra(
        object
            .0
            .iter()
            .filter(|(k, _)| !KEYS.contains(&k.as_str()))
            .cloned()
            .collect(),
    ));
    let id = id(get("id"));
    if let Ok(id) = &id {
        meta.id = Some(id.clone());
    }
    let fail = |meta: LineMeta, why: String| Err(Unread::line(meta, InputError::Jsonl(why)));
    let mut keys: Vec<&str> = object.0.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return fail(meta, format!("key \"{}\" appears more than once", w[0]));
    }
    if let Err(why) = id {
        return fail(meta, why);
    }
    let answer = match string("answer", get("answer")) {
        Ok(Some(a)) => a,
        Ok(None) => return fail(meta, "missing \"answer\"".into()),
        Err(why) => return fail(meta, why),
    };
    let parsed = (|| {
        let lp = string("lp", get("lp"))?
            .map(|s| s.parse::<Lp>())
            .transpose()
            .map_err(|e| e.to_string())?;
        let level = string("level", get("level"))?
            .map(|s| s.parse::<GivenLevel>())
            .transpose()
            .map_err(|e| e.to_string())?;
        let question = string("question", get("question"))?;
        let field = string("field", get("field"))?
            .map(|s| s.parse::<crate::field::Field>())
            .transpose()?;
        Ok::<_, String>((lp, level, question, field))
    })();
    let (lp, level, question, field) = match parsed {
        Ok(p) => p,
        Err(why) => return fail(meta, why),
    };
    let origin = Origin(meta.source().to_string());
    match Source::with_meta(origin, answer, lp, level) {
        Ok(mut src) => {
            if question.is_some() {
                src.meta.question = question;
            }
            if field.is_some() {
                src.meta.field = field;
            }
            src.line = Some(meta);
            Ok(src)
        }
        Err(e) => Err(Unread::line(meta, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> LineAt {
        LineAt {
            file: "a.jsonl".into(),
            line,
        }
    }

    fn err(line: &str) -> (String, String) {
        let e = parse_jsonl_line(&at(9), line).unwrap_err();
        (e.origin.0.clone(), e.error.to_string())
    }

    #[test]
    fn good_lines_keep_their_id_and_extra_keys_as_written() {
        let ok = parse_jsonl_line(
            &at(1),
            r#"{"student": "Ann", "id": 1.10, "answer": "I did it.", "lp": "ownership", "cohort": 3.50, "question": "Why?"}"#,
        )
        .unwrap();
        assert_eq!(ok.origin.0, "1.10");
        assert_eq!(ok.meta.lp, Some(Lp::Ownership));
        assert_eq!(ok.meta.question.as_deref(), Some("Why?"));
        let line = ok.line.unwrap();
        assert_eq!(line.at, "a.jsonl:1");
        assert!(line.id.as_ref().unwrap().is_number());
        assert_eq!(
            line.extra.unwrap().to_json(),
            r#"{"student":"Ann","cohort":3.50}"#
        );
    }

    #[test]
    fn bad_lines_are_named_by_id_or_by_file_and_line() {
        assert_eq!(err("{not json").0, "a.jsonl:9");
        assert!(err("{not json").1.starts_with("invalid JSON"));
        assert_eq!(
            err("[1,2]"),
            ("a.jsonl:9".into(), "expected a JSON object".into())
        );
        let (o, e) = err(r#"{"id":"b","answer":"x","level":"sde9"}"#);
        assert_eq!(o, "b");
        assert!(e.starts_with("unknown level `sde9`"), "{e}");
        assert_eq!(
            err(r#"{"id":"c","answer":"   "}"#),
            ("c".into(), "empty".into())
        );
        assert_eq!(
            err(r#"{"id":"d","answer":3}"#),
            ("d".into(), "\"answer\" must be a string".into())
        );
        assert_eq!(
            err(r#"{"id":"e"}"#),
            ("e".into(), "missing \"answer\"".into())
        );
        assert_eq!(
            err(r#"{"answer":"x"}"#),
            ("a.jsonl:9".into(), "missing \"id\"".into())
        );
        assert_eq!(
            err(r#"{"id":true,"answer":"x"}"#),
            (
                "a.jsonl:9".into(),
                "\"id\" must be a string or a number".into()
            )
        );
        assert_eq!(
            err(r#"{"id":"f","answer":"x","id":"g"}"#),
            ("f".into(), "key \"id\" appears more than once".into())
        );
    }

    #[test]
    fn a_bad_line_still_returns_its_extra_keys() {
        let e = parse_jsonl_line(
            &at(2),
            r#"{"id":7,"answer":"x","level":"sde9","student":"Bo"}"#,
        )
        .unwrap_err();
        let line = e.line.unwrap();
        assert_eq!(line.extra.unwrap().to_json(), r#"{"student":"Bo"}"#);
        assert_eq!(line.id.unwrap().to_string(), "7");
    }
}
