//! The paste page: one HTML file, its script and its style sheet, compiled into the binary
//! with `include_str!` (nothing is fetched from anywhere else; the Content-Security-Policy
//! every response carries forbids it). The script inserts every piece of answer text with
//! `textContent`, never as HTML.

use super::http::{respond, Resp};
use hyper::StatusCode;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// `GET /`.
pub fn page() -> Resp {
    respond(StatusCode::OK, "text/html; charset=utf-8", PAGE)
}

/// `GET /app.js`.
pub fn script() -> Resp {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /app.css`.
pub fn style() -> Resp {
    respond(StatusCode::OK, "text/css; charset=utf-8", STYLE)
}
