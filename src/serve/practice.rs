//! Practice over HTTP, stateless: the page holds the round (the question, the follow-ups
//! still to ask, the verdicts so far) and each call carries what it needs.
//!
//! - `GET /api/practice/question?lp=ID&n=N`: the `n`th question of the LP's bank (any
//!   `n`, wrapping; without it, one picked by the clock).
//! - `POST /api/practice/answer` with `/api/check`'s body: `{"document": <exactly
//!   /api/check's document>, "followups": [{"id", "question", "probes", "strong"}]}`.
//! - `POST /api/practice/reply` with `{"probe": ID, "reply": "...", "field"?: ID}`: the
//!   judgement (`verdict` strong, adequate or weak, `headline`, `why`, `example`).
//! - `POST /api/practice/summary`: the round's summary from the verdicts so far.
//! - `GET /api/practice/quiz`: the quick quiz with its answers and explanations.

use super::check::{self, CheckRequest};
use super::http::{self, Resp};
use super::App;
use crate::ids::{Lp, Score};
use crate::practice::{quiz, FollowUp};
use hyper::StatusCode;
use serde::Serialize;
use serde_json::value::RawValue;

#[derive(Serialize)]
struct QuestionOut<'a> {
    lp: &'static str,
    lp_name: &'static str,
    question: &'a str,
    source: &'a str,
    n: usize,
    count: usize,
}

/// `GET /api/practice/question`.
pub fn question(app: &App, query: &str) -> Resp {
    let lp = match http::query_value(query, "lp").filter(|s| !s.is_empty()) {
        None => Lp::General,
        Some(s) => match s.parse::<Lp>() {
            Ok(lp) => lp,
            Err(e) => return http::error(StatusCode::BAD_REQUEST, &e.to_string()),
        },
    };
    let n = match http::query_value(query, "n").filter(|s| !s.is_empty()) {
        None => clock_pick(),
        Some(s) => match s.trim().parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                return http::error(
                    StatusCode::BAD_REQUEST,
                    &format!("`n` must be a whole number, not `{s}`"),
                )
            }
        },
    };
    let count = app.practice.questions(lp).len();
    let Some(q) = app.practice.question(lp, n) else {
        return http::error(StatusCode::NOT_FOUND, "no question for this LP");
    };
    http::json_value(&QuestionOut {
        lp: lp.id(),
        lp_name: lp.human(),
        question: &q.text,
        source: &q.source,
        n: n % count.max(1),
        count,
    })
}

/// A question index from the clock, for a page that does not choose one.
fn clock_pick() -> usize {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_micros() as usize)
}

#[derive(Serialize)]
struct AnswerOut<'a> {
    document: &'a RawValue,
    followups: Vec<FollowUp>,
}

/// `POST /api/practice/answer`.
pub fn answer(app: &App, body: &[u8]) -> Resp {
    let req = match CheckRequest::parse(body) {
        Ok(r) => r,
        Err(e) => return http::error(StatusCode::BAD_REQUEST, &e),
    };
    let report = check::report(&app.cx, &req);
    let followups = app.practice.follow_ups(&report, &app.cx.rubric);
    let doc = check::document(&report)
        .map_err(|e| e.to_string())
        .and_then(|d| String::from_utf8(d).map_err(|e| e.to_string()))
        .and_then(|d| RawValue::from_string(d).map_err(|e| e.to_string()));
    match doc {
        Ok(document) => http::json_value(&AnswerOut {
            document: &document,
            followups,
        }),
        Err(e) => http::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("could not write the report: {e}"),
        ),
    }
}

#[derive(Serialize)]
struct ReplyOut<'a> {
    probe: &'a str,
    #[serde(flatten)]
    judgement: crate::practice::reply::Judgement,
}

/// `POST /api/practice/reply`.
pub fn reply(app: &App, body: &[u8]) -> Resp {
    let parsed = check::object(body).and_then(|m| {
        let probe = check::required_text(&m, "probe")?;
        let reply = check::required_text(&m, "reply")?;
        let (_, _, field) = check::profile(&m)?;
        Ok((probe, reply, field))
    });
    let (probe, reply, field) = match parsed {
        Ok(p) => p,
        Err(e) => return http::error(StatusCode::BAD_REQUEST, &e),
    };
    let rubric = &app.cx.rubric;
    if !rubric.probes.iter().any(|p| p.id == probe) {
        let ids: Vec<&str> = rubric.probes.iter().map(|p| p.id.as_str()).collect();
        return http::error(
            StatusCode::BAD_REQUEST,
            &crate::suggest::unknown("probe", &probe, &ids, Some("the `id` of a follow-up")),
        );
    }
    let judgement = app
        .practice
        .judge(&probe, &reply, rubric, field.map(|f| f.id()));
    http::json_value(&ReplyOut {
        probe: &probe,
        judgement,
    })
}

#[derive(Serialize)]
struct QuizOut<'a> {
    id: &'a str,
    question: &'a str,
    explanation: &'a str,
    answer: Option<usize>,
    options: &'a [crate::practice::model::OptionSpec],
}

/// `GET /api/practice/quiz`.
pub fn quiz(app: &App) -> Resp {
    let out: Vec<QuizOut> = app
        .practice
        .quiz
        .iter()
        .map(|q| QuizOut {
            id: &q.id,
            question: &q.question,
            explanation: &q.explanation,
            answer: quiz::answer(q),
            options: &q.option,
        })
        .collect();
    http::json_value(&serde_json::json!({ "quiz": out }))
}

/// `POST /api/practice/summary` with `{"verdict"?: ID, "score"?: N (72 or 72.4), "replies": [{"verdict":
/// "strong"|"adequate"|"weak", "title": "..."}]}`: the round's summary, worded as the
/// terminal words it.
pub fn summary(body: &[u8]) -> Resp {
    #[derive(serde::Deserialize)]
    struct Reply {
        verdict: crate::practice::model::ReplyVerdict,
        title: String,
    }
    #[derive(serde::Deserialize)]
    struct Body {
        verdict: Option<crate::ids::Verdict>,
        score: Option<f64>,
        #[serde(default)]
        replies: Vec<Reply>,
    }
    let b: Body = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => return http::error(StatusCode::BAD_REQUEST, &format!("invalid request: {e}")),
    };
    // The score as /api/check gave it: 72 or 72.4.
    let score = match b.score {
        None => None,
        Some(s) if (0.0..=100.0).contains(&s) => {
            // In range, so the cast neither truncates nor wraps.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let tenths = (s * 10.0).round() as u32;
            Some(Score::from_tenths(tenths))
        }
        Some(s) => {
            return http::error(
                StatusCode::BAD_REQUEST,
                &format!("`score` must be from 0 to 100, not {s}"),
            )
        }
    };
    let replies: Vec<_> = b
        .replies
        .iter()
        .map(|r| (r.verdict, r.title.as_str()))
        .collect();
    http::json_value(&crate::practice::summarise(b.verdict, score, &replies))
}
