//! Small HTTP helpers over hyper: responses with the headers every answer carries, JSON
//! errors in the contract's shape, a bounded and deadlined body read, and query strings.

use super::{Limits, MAX_BODY};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};

/// Every response's type.
pub type Resp = Response<Full<Bytes>>;

/// Nothing the page loads comes from anywhere but this server, no inline script runs,
/// and no other site may frame it.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   connect-src 'self'; img-src 'self' data:; base-uri 'none'; \
                   form-action 'none'; frame-ancestors 'none'";

/// A response with `body` and the headers every response has.
pub fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    r
}

/// `200` with a JSON body.
pub fn json(body: impl Into<Bytes>) -> Resp {
    respond(StatusCode::OK, "application/json", body)
}

/// `200` with a serialisable value as JSON.
pub fn json_value<T: serde::Serialize>(value: &T) -> Resp {
    match serde_json::to_vec(value) {
        Ok(v) => json(v),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("could not write the response: {e}"),
        ),
    }
}

/// An error as the contract spells it: `{"error": "..."}`.
pub fn error(status: StatusCode, message: &str) -> Resp {
    let body = serde_json::json!({ "error": message }).to_string();
    respond(status, "application/json", body)
}

/// An error after which the connection is closed (the rest of the request may still be
/// on its way, and is not worth reading).
pub fn error_and_close(status: StatusCode, message: &str) -> Resp {
    let mut r = error(status, message);
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// `405`, with the methods the path accepts in `Allow`.
pub fn method_not_allowed(allow: &'static str, method: &hyper::Method, path: &str) -> Resp {
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("{path} does not accept {method}; use {allow}"),
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

fn mib(bytes: usize) -> usize {
    bytes / (1024 * 1024)
}

/// Read the whole body: at most [`MAX_BODY`] bytes (413 beyond, before reading when the
/// length is declared), within `limits.body` (408 after), or the error response.
pub async fn read_body(req: Request<Incoming>, limits: Limits) -> Result<Bytes, Resp> {
    let too_large = || {
        error_and_close(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is over {} MiB", mib(MAX_BODY)),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let body = Limited::new(req.into_body(), MAX_BODY);
    match tokio::time::timeout(limits.body, body.collect()).await {
        Err(_) => Err(error_and_close(
            StatusCode::REQUEST_TIMEOUT,
            &format!(
                "the request body did not arrive within {} s",
                limits.body.as_secs()
            ),
        )),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Ok(Err(e)) => Err(error_and_close(
            StatusCode::BAD_REQUEST,
            &format!("could not read the request body: {e}"),
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

/// The value of `key` in a query string (`lp=ownership&n=2`), percent-decoded, `+` read
/// as a space; the first occurrence wins. Invalid escapes are kept as written.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(k) == key).then(|| decode(v))
    })
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = hex {
                    out.push(b);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded_and_the_first_wins() {
        let q = "lp=think-big&question=Tell+me%20about%E2%80%94it&lp=ownership&n";
        assert_eq!(query_value(q, "lp").as_deref(), Some("think-big"));
        assert_eq!(
            query_value(q, "question").as_deref(),
            Some("Tell me about—it")
        );
        assert_eq!(query_value(q, "n").as_deref(), Some(""));
        assert_eq!(query_value(q, "level"), None);
        assert_eq!(query_value("a=%zz%4", "a").as_deref(), Some("%zz%4"));
    }
}
