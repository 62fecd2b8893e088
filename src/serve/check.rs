//! `POST /api/check`: exactly what `starlint check --format json` prints for the same text
//! on standard input with the same `--lp`, `--level`, `--field` and `--question`.
//!
//! The text goes through the same reader as standard input (`<stdin>`, byte-order mark,
//! binary and UTF-8 checks, front matter), the request's values then win over the front
//! matter as flags do, and the report goes through the same JSON emitter and summary. So
//! the API cannot drift from the command line; an integration test compares the bytes.

use crate::field::Field;
use crate::ids::{GivenLevel, Lp};
use crate::input::{Job, Origin, Source};
use crate::render::json::JsonEmitter;
use crate::render::Emitter;
use crate::report::{AnswerReport, SummaryBuilder};
use crate::Context;
use serde_json::{Map, Value};

/// A request to check one answer, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRequest {
    /// The answer's text (not blank).
    pub answer: String,
    /// As `--lp`.
    pub lp: Option<Lp>,
    /// As `--level`.
    pub level: Option<GivenLevel>,
    /// As `--field`.
    pub field: Option<Field>,
    /// As `--question`.
    pub question: Option<String>,
}

/// The JSON object of a request body, or why it is not one (a 400).
pub fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err("the request body must be a JSON object".into()),
        Err(e) => Err(format!("invalid JSON: {e}")),
    }
}

/// An optional string member; `null` counts as absent.
pub fn optional_str<'a>(m: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

/// A required string member that is not blank.
pub fn required_text(m: &Map<String, Value>, key: &str) -> Result<String, String> {
    match optional_str(m, key)? {
        None => Err(format!("missing `{key}`")),
        Some(s) if s.trim().is_empty() => Err(format!("`{key}` is blank")),
        Some(s) => Ok(s.to_string()),
    }
}

/// The LP, level and field a request names.
pub type Profile = (Option<Lp>, Option<GivenLevel>, Option<Field>);

/// `lp`, `level` and `field` as the command line reads them (an unknown one names the
/// value and suggests the closest).
pub fn profile(m: &Map<String, Value>) -> Result<Profile, String> {
    let lp = optional_str(m, "lp")?
        .map(|s| s.parse::<Lp>().map_err(|e| e.to_string()))
        .transpose()?;
    let level = optional_str(m, "level")?
        .map(|s| s.parse::<GivenLevel>().map_err(|e| e.to_string()))
        .transpose()?;
    let field = optional_str(m, "field")?
        .map(str::parse::<Field>)
        .transpose()?;
    Ok((lp, level, field))
}

impl CheckRequest {
    /// Read a request body; the error is the 400's message. Members other than the five
    /// are ignored.
    pub fn parse(body: &[u8]) -> Result<CheckRequest, String> {
        let m = object(body)?;
        let answer = required_text(&m, "answer")?;
        let (lp, level, field) = profile(&m)?;
        let question = optional_str(&m, "question")?.map(str::to_string);
        Ok(CheckRequest {
            answer,
            lp,
            level,
            field,
            question,
        })
    }
}

/// The request's values win over the answer's front matter, as flags do.
fn apply(src: &mut Source, req: &CheckRequest) {
    if req.lp.is_some() {
        src.meta.lp = req.lp;
    }
    if req.level.is_some() {
        src.meta.level = req.level;
    }
    if let Some(q) = &req.question {
        src.meta.question = Some(q.clone());
    }
    if let Some(field) = req.field {
        src.meta.field = Some(field);
    }
}

/// Score one answer as `starlint check` scores standard input.
pub fn report(cx: &Context, req: &CheckRequest) -> AnswerReport {
    let job = Job::Bytes(
        Origin("<stdin>".into()),
        Ok(req.answer.clone().into_bytes()),
    );
    match job.read() {
        Ok(mut src) => {
            apply(&mut src, req);
            crate::check_answer(&src, cx)
        }
        Err(unread) => {
            let (lp, level) = cx.resolve(req.lp, req.level);
            let mut r =
                AnswerReport::failed(unread.origin.0, lp, level.level, unread.error.to_string());
            r.level_name = level.name;
            r
        }
    }
}

/// The JSON document `check --format json` prints for this one answer.
pub fn document(report: &AnswerReport) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut emitter = JsonEmitter::default();
    emitter.answer(&mut out, report)?;
    let mut summary = SummaryBuilder::default();
    summary.add(report);
    emitter.finish(&mut out, &summary.finish())?;
    Ok(out)
}

/// Score one answer and write the document.
pub fn check_document(cx: &Context, req: &CheckRequest) -> std::io::Result<Vec<u8>> {
    document(&report(cx, req))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_validated_as_the_contract_says() {
        let ok = CheckRequest::parse(
            br#"{"answer":"I fixed it.","lp":"Ownership","level":"mid","field":"retail","extra":1}"#,
        )
        .unwrap();
        assert_eq!(ok.lp, Some(Lp::Ownership));
        assert_eq!(
            ok.level.map(|l| (l.level, l.name)),
            Some((crate::Level::Sde2, "mid-level"))
        );
        assert_eq!(ok.field.map(Field::id), Some("retail"));
        for (body, says) in [
            (&b"{"[..], "invalid JSON"),
            (b"[1]", "must be a JSON object"),
            (b"{}", "missing `answer`"),
            (br#"{"answer":"  \n"}"#, "`answer` is blank"),
            (br#"{"answer":7}"#, "`answer` must be a string"),
            (
                br#"{"answer":"x","lp":"ownershp"}"#,
                "did you mean `ownership`",
            ),
            (br#"{"answer":"x","level":"sde9"}"#, "unknown level `sde9`"),
            (
                br#"{"answer":"x","field":"nursing"}"#,
                "unknown field `nursing`",
            ),
            (
                br#"{"answer":"x","question":false}"#,
                "`question` must be a string",
            ),
        ] {
            let e = CheckRequest::parse(body).unwrap_err();
            assert!(e.contains(says), "{}: {e}", String::from_utf8_lossy(body));
        }
        let null_lp = CheckRequest::parse(br#"{"answer":"x","lp":null}"#).unwrap();
        assert_eq!(null_lp.lp, None);
    }
}
