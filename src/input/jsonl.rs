//! `--input jsonl`: one answer per line, `{"id", "answer", "lp"?, "level"?}`.
//!
//! A malformed line is an error for that line alone: its source is the id when one can be
//! read, else `line N`, and every other line is still scored.

use super::{InputError, Origin, Source};
use crate::ids::{Level, Lp};
use serde_json::{Map, Value};

/// The keys a line may have.
const KEYS: [&str; 4] = ["id", "answer", "lp", "level"];

/// Parse one JSON line (1-based `line_no`) into a source, or an origin and an error. The
/// origin is the line's `id` whenever one can be read, even if the rest of the line is bad.
pub fn parse_jsonl_line(line_no: usize, line: &str) -> Result<Source, (Origin, InputError)> {
    let fallback = Origin(format!("line {line_no}"));
    let value: Value = serde_json::from_str(line).map_err(|e| {
        (
            fallback.clone(),
            InputError::Jsonl(format!("invalid JSON: {e}")),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err((fallback, InputError::Jsonl("expected a JSON object".into())));
    };
    let origin = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Origin(s.clone()),
        Some(Value::Number(n)) => Origin(n.to_string()),
        _ => fallback,
    };
    let fail = |m: String| (origin.clone(), InputError::Jsonl(m));
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(fail(format!(
            "unknown key \"{k}\" (valid: {})",
            KEYS.join(", ")
        )));
    }
    match obj.get("id") {
        None => return Err(fail("missing \"id\"".into())),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(fail("\"id\" is empty".into()))
        }
        Some(Value::String(_) | Value::Number(_)) => {}
        Some(_) => return Err(fail("\"id\" must be a string or a number".into())),
    }
    let answer = string(&obj, "answer")
        .map_err(&fail)?
        .ok_or_else(|| fail("missing \"answer\"".into()))?;
    let lp = string(&obj, "lp")
        .map_err(&fail)?
        .map(|s| s.parse::<Lp>())
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    let level = string(&obj, "level")
        .map_err(&fail)?
        .map(|s| s.parse::<Level>())
        .transpose()
        .map_err(|e| fail(e.to_string()))?;
    Source::with_meta(origin.clone(), answer, lp, level).map_err(|e| (origin, e))
}

/// A string field, absent (`None`, also for JSON null), or an error naming the key.
fn string(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" must be a string")),
    }
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
        let (o, e) = parse_jsonl_line(4, r#"{"id":"d","answer":3}"#).unwrap_err();
        assert_eq!(
            (o.0.as_str(), e.to_string().as_str()),
            ("d", "\"answer\" must be a string")
        );
        let (o, e) = parse_jsonl_line(5, r#"{"id":7,"answer":"x","levle":"sde1"}"#).unwrap_err();
        assert_eq!(o.0, "7");
        assert!(e.to_string().starts_with("unknown key \"levle\""));
        let (o, _) = parse_jsonl_line(6, "[1,2]").unwrap_err();
        assert_eq!(o.0, "line 6");
    }
}
