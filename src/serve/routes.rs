//! Which handler answers which request: the contract's routes, then practice's.
//!
//! Every path accepts only its methods (405 with `Allow` otherwise; `HEAD` wherever `GET`
//! is); an unknown path is a 404. Errors are JSON `{"error": "..."}` everywhere.

use super::http::{self, Resp};
use super::{api, assets, practice, App};
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use std::convert::Infallible;
use std::sync::Arc;

/// What a path accepts.
enum Accepts {
    Get,
    Post,
}

/// Answer one request. Never fails: every problem is a response.
pub async fn route(app: Arc<App>, req: Request<Incoming>) -> Result<Resp, Infallible> {
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let method = req.method().clone();
    let accepts = match path.as_str() {
        "/"
        | "/index.html"
        | "/app.js"
        | "/app.css"
        | "/healthz"
        | "/api/rules"
        | "/api/ids"
        | "/api/practice/question"
        | "/api/practice/quiz" => Accepts::Get,
        "/api/check" | "/api/practice/answer" | "/api/practice/reply" | "/api/practice/summary" => {
            Accepts::Post
        }
        _ => {
            return Ok(http::error(
                StatusCode::NOT_FOUND,
                &format!("no such path: {path}"),
            ))
        }
    };
    let resp = match accepts {
        Accepts::Get if method == Method::GET || method == Method::HEAD => get(&app, &path, &query),
        Accepts::Get => http::method_not_allowed("GET, HEAD", &method, &path),
        Accepts::Post if method == Method::POST => match http::read_body(req, app.limits).await {
            Ok(body) => post(app, &path, body).await,
            Err(resp) => resp,
        },
        Accepts::Post => http::method_not_allowed("POST", &method, &path),
    };
    Ok(resp)
}

fn get(app: &App, path: &str, query: &str) -> Resp {
    match path {
        "/app.js" => assets::script(),
        "/app.css" => assets::style(),
        "/healthz" => http::respond(StatusCode::OK, "text/plain; charset=utf-8", "ok"),
        "/api/rules" => http::json(app.rules_json.clone()),
        "/api/ids" => api::ids(),
        "/api/practice/question" => practice::question(app, query),
        "/api/practice/quiz" => practice::quiz(app),
        _ => assets::page(),
    }
}

/// POST handlers score answers: CPU work, run on the blocking pool so the I/O threads
/// stay free. A panic there is a 500 for this request only.
async fn post(app: Arc<App>, path: &str, body: hyper::body::Bytes) -> Resp {
    let path = path.to_string();
    let work = tokio::task::spawn_blocking(move || match path.as_str() {
        "/api/practice/answer" => practice::answer(&app, &body),
        "/api/practice/reply" => practice::reply(&app, &body),
        "/api/practice/summary" => practice::summary(&body),
        _ => api::check(&app, &body),
    });
    match work.await {
        Ok(resp) => resp,
        Err(_) => http::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while scoring (a bug: please report it with the request)",
        ),
    }
}
