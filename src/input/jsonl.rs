//! `--input jsonl`: one answer per line, `{"id", "answer", "lp"?, "level"?}`.
//!
//! A malformed line is an error for that line alone: its source is the id when one can be
//! read, else `line N`, and every other line is still scored.

use super::{InputError, Origin, Source};
use crate::ids::{Level, Lp};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: Option<serde_json::Value>,
    answer: Option<String>,
    lp: Option<String>,
    level: Option<String>,
}

/// Parse one JSON line (1-based `line_no`) into a source, or an origin and an error.
pub fn parse_jsonl_line(line_no: usize, line: &str) -> Result<Source, (Origin, InputError)> {
    let fallback = Origin(format!("line {line_no}"));
    let parsed: Line = serde_json::from_str(line).map_err(|e| {
        (
            fallback.clone(),
            InputError::Jsonl(format!("invalid JSON: {e}")),
        )
    })?;
    let origin = match &parsed.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Origin(s.clone()),
        Some(serde_json::Value::Number(n)) => Origin(n.to_string()),
        _ => fallback.clone(),
    };
    let fail = |m: String| (origin.clone(), InputError::Jsonl(m));
    if parsed.id.is_none() {
        return Err(fail("missing \"id\"".into()));
    }
    let answer = parsed
        .answer
        .ok_or_else(|| fail("missing \"answer\"".into()))?;
    let lp = parsed
        .lp
        .map(|s| s.parse::<Lp>())
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    let level = parsed
        .level
        .map(|s| s.parse::<Level>())
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    Source::with_meta(origin.clone(), answer, lp, level).map_err(|e| (origin, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let ok =
            parse_jsonl_line(1, r#"{"id":"a1","answer":"I did it.","lp":"ownership"}"#).unwrap();
        assert_eq!(ok.origin.0, "a1");
        assert_eq!(ok.meta.lp, Some(Lp::Ownership));
        let (o, e) = parse_jsonl_line(7, "{not json").unwrap_err();
        assert_eq!(o.0, "line 7");
        assert!(e.to_string().starts_with("invalid JSON"));
        let (o, e) = parse_jsonl_line(2, r#"{"id":"b","answer":"x","level":"sde9"}"#).unwrap_err();
        assert_eq!(o.0, "b");
        assert!(e.to_string().contains("unknown level"));
        let (_, e) = parse_jsonl_line(3, r#"{"id":"c","answer":"   "}"#).unwrap_err();
        assert_eq!(e, InputError::Empty);
    }
}
