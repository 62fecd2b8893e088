//! `starlint serve` through a real socket: the real binary on a free port (`--port 0`, the
//! URL read from standard error), plain HTTP/1.1 written by hand so malformed requests can
//! be sent too. Checks the contract's routes, status codes and JSON errors, that
//! `/api/check` answers exactly what `check --format json` prints, that slow clients are
//! cut off, and that a flood of malformed requests leaves the server serving.

use crate::common;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Start `starlint serve --port 0 ARGS` and wait for its URL.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_starlint"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(common::root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start starlint serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let line = lines
            .next()
            .expect("a line on stderr")
            .expect("readable stderr");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        // Keep draining stderr so the server never blocks writing to it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// Still running?
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        s
    }

    /// Send raw bytes on a new connection; the whole response (the server closes it, or
    /// the request asked it to).
    pub fn raw(&self, bytes: &[u8]) -> Response {
        let mut s = self.connect();
        let _ = s.write_all(bytes);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        Response::parse(&buf)
    }

    /// `METHOD path` with `body` (as JSON when given).
    pub fn request(&self, method: &str, path: &str, body: Option<&[u8]>) -> Response {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        if let Some(b) = body {
            req.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body.unwrap_or_default());
        self.raw(&bytes)
    }

    /// `POST path` with a JSON value.
    pub fn post(&self, path: &str, json: &serde_json::Value) -> Response {
        self.request("POST", path, Some(json.to_string().as_bytes()))
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, None)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed response.
#[derive(Debug)]
pub struct Response {
    /// Status code (0 when the server sent nothing).
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    fn parse(buf: &[u8]) -> Response {
        let Some(split) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            return Response {
                status: 0,
                headers: Vec::new(),
                body: buf.to_vec(),
            };
        };
        let head = String::from_utf8_lossy(&buf[..split]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = buf[split + 4..].to_vec();
        if let Some(n) = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
        {
            body.truncate(n);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The `error` of a JSON error body.
    pub fn error(&self) -> String {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{}",
            self.text()
        );
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", self.text()))
            .to_string()
    }
}

const NURSE: &str = "Situation: On our 28-bed ward, “discharges” took four hours — patients 😟 waited for beds. \
It was pharmacy's process, not mine, and nobody had asked me.\n\
Task: I decided to find where the wait was.\n\
Action: We figured out the root cause together. I timed forty discharges and found the wait came before \
pharmacy saw the prescription. I escalated it to the pharmacy manager and they fixed it.\n\
Result: Things got better and the team was happy.\n\
Reflection: I learned communication is important.\n";

#[test]
fn api_check_is_byte_for_byte_what_check_prints_for_stdin() {
    let server = Server::start(&[]);
    let front = "---\nlp: dive-deep\nlevel: senior\nquestion: Tell me about a root cause.\n---\nI traced it.\n";
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (NURSE, vec![]),
        (NURSE, vec![("lp", "ownership"), ("level", "senior")]),
        (
            NURSE,
            vec![
                ("lp", "think-big"),
                ("level", "junior"),
                ("question", "Tell me about scale"),
            ],
        ),
        (front, vec![]),
        (front, vec![("lp", "ownership")]),
        (
            "\u{feff}Action: I rebuilt the weekend rota and cut overtime from 60 hours to 25.\n",
            vec![("level", "mid")],
        ),
        ("Nul byte: \u{0}", vec![]),
        ("---\nlevle: senior\n---\nI did it.\n", vec![]),
    ];
    for (answer, opts) in cases {
        let mut body = serde_json::json!({ "answer": answer });
        let mut args = vec!["check", "--isolated", "--format", "json"];
        for (k, v) in &opts {
            body[*k] = serde_json::Value::from(*v);
            args.push(match *k {
                "lp" => "--lp",
                "level" => "--level",
                _ => "--question",
            });
            args.push(v);
        }
        let resp = server.post("/api/check", &body);
        assert_eq!(resp.status, 200, "{}", resp.text());
        assert_eq!(resp.header("content-type"), Some("application/json"));
        let cli = common::run(&args, Some(answer.as_bytes()));
        assert_eq!(resp.text(), cli.stdout, "{answer:?} with {opts:?}");
    }
    // What the page needs is there: spans into the text, in bytes.
    let doc = server
        .post("/api/check", &serde_json::json!({ "answer": NURSE }))
        .json();
    let a = &doc["answers"][0];
    let we = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "we-language")
        .expect("we-language");
    let (s, e) = (
        we["span"]["start"].as_u64().unwrap() as usize,
        we["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&NURSE[s..e], "We figured");
}

#[test]
fn routes_methods_and_errors_are_the_contract_s() {
    let server = Server::start(&[]);
    let ok = server.get("/healthz");
    assert_eq!((ok.status, ok.text().as_str()), (200, "ok"));

    let rules = server.get("/api/rules");
    assert_eq!(rules.status, 200);
    assert_eq!(
        rules.text(),
        common::run(&["rules", "--format", "json"], None).stdout
    );

    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains(r#"<script src="/app.js""#) && html.contains(r#"href="/app.css""#));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing from the network"
    );
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    for asset in ["/app.js", "/app.css"] {
        let r = server.get(asset);
        assert_eq!(r.status, 200, "{asset}");
        assert!(
            !r.text().contains("http://") && !r.text().contains("https://"),
            "{asset}"
        );
    }
    assert!(
        !server.get("/app.js").text().contains("innerHTML"),
        "answer text is never HTML"
    );
    let head = server.request("HEAD", "/healthz", None);
    assert_eq!(head.status, 200);

    // (method, path, body, status, what the error says)
    type Case<'a> = (&'a str, &'a str, Option<&'a [u8]>, u16, &'a str);
    let cases: Vec<Case> = vec![
        ("GET", "/nope", None, 404, "no such path: /nope"),
        ("GET", "/api/check", None, 405, "use POST"),
        ("PUT", "/api/check", Some(b"{}"), 405, "use POST"),
        ("POST", "/healthz", Some(b"{}"), 405, "use GET"),
        ("DELETE", "/", None, 405, "use GET"),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": "),
            400,
            "invalid JSON",
        ),
        ("POST", "/api/check", Some(b"not json"), 400, "invalid JSON"),
        (
            "POST",
            "/api/check",
            Some(b"[\"answer\"]"),
            400,
            "must be a JSON object",
        ),
        ("POST", "/api/check", Some(b"{}"), 400, "missing `answer`"),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": \" \\n\\t \"}"),
            400,
            "`answer` is blank",
        ),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": 3}"),
            400,
            "`answer` must be a string",
        ),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": \"x\", \"lp\": \"ownershp\"}"),
            400,
            "did you mean `ownership`",
        ),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": \"x\", \"level\": \"sde4\"}"),
            400,
            "unknown level `sde4`",
        ),
        (
            "POST",
            "/api/check",
            Some(b"{\"answer\": \"x\", \"field\": \"nursing\"}"),
            400,
            "unknown field `nursing`",
        ),
        (
            "POST",
            "/api/check",
            Some(&[0xff, 0xfe, 0x00]),
            400,
            "invalid JSON",
        ),
    ];
    for (method, path, body, status, says) in cases {
        let r = server.request(method, path, body);
        assert_eq!(r.status, status, "{method} {path}: {}", r.text());
        let e = r.error();
        assert!(e.contains(says), "{method} {path}: {e}");
        if status == 405 {
            assert!(r.header("allow").is_some(), "405 says what is allowed");
        }
    }

    // 413: a declared length over 1 MiB is refused before reading, and so is a chunked body
    // that grows past it.
    let big = vec![b'a'; 1024 * 1024 + 1];
    let declared = server.request("POST", "/api/check", Some(&big));
    assert_eq!(declared.status, 413);
    assert!(declared.error().contains("over 1 MiB"));
    let mut chunked = format!(
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .into_bytes();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n", 65536).as_bytes());
        chunked.extend(std::iter::repeat_n(b'a', 65536));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(server.raw(&chunked).status, 413);
    // Exactly 1 MiB is allowed (and is a valid, if odd, answer).
    let mut answer = "I rebuilt the rota. ".repeat(53_000);
    let room = 1024 * 1024 - r#"{"answer":""}"#.len();
    answer.truncate(room);
    let body = serde_json::json!({ "answer": answer }).to_string();
    assert_eq!(body.len(), 1024 * 1024);
    assert_eq!(
        server
            .request("POST", "/api/check", Some(body.as_bytes()))
            .status,
        200
    );
}

#[test]
fn slow_clients_are_cut_off_and_do_not_stop_others() {
    let server = Server::start(&["--request-timeout", "1"]);
    // Headers that never finish: the connection is closed (hyper's header deadline).
    let mut slow = server.connect();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // A body that never finishes: 408, then the connection is closed.
    let mut stalled = server.connect();
    stalled
        .write_all(
            b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"answer\":",
        )
        .unwrap();
    // An idle connection that sends nothing at all.
    let mut idle = server.connect();
    // Meanwhile others are served.
    assert_eq!(server.get("/healthz").status, 200);
    let mut buf = Vec::new();
    slow.read_to_end(&mut buf).expect("closed, not hung");
    assert!(
        buf.is_empty() || buf.starts_with(b"HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&buf)
    );
    let mut buf = Vec::new();
    stalled.read_to_end(&mut buf).expect("closed, not hung");
    let r = Response::parse(&buf);
    assert_eq!(r.status, 408, "{}", r.text());
    assert!(r.error().contains("did not arrive"));
    let mut buf = Vec::new();
    idle.read_to_end(&mut buf).expect("closed, not hung");
    assert!(buf.is_empty() || buf.starts_with(b"HTTP/1.1 408"));
    assert_eq!(server.get("/healthz").status, 200);
}

/// Requests no client should send. Each must get an answer or a closed connection, and
/// the server must keep serving.
fn malformed(addr: &str) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![
        b"\r\n\r\n".to_vec(),
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /\x00\xff HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n\xff\xfe\xfd".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{\"answer\": \"\\ud800\"}".to_vec(),
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n[[[[[[[[[[".to_vec(),
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".to_vec(),
        b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03".to_vec(),
    ];
    let mut deep =
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 200_000));
    v.push(deep);
    let mut huge_header = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nX-Big: ").into_bytes();
    huge_header.extend(std::iter::repeat_n(b'a', 100_000));
    huge_header.extend_from_slice(b"\r\n\r\n");
    v.push(huge_header);
    let mut many = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n").into_bytes();
    for i in 0..500 {
        many.extend_from_slice(format!("X-{i}: y\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    v.push(many);
    // Noise of every byte value.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..20 {
        let len = (seed % 3000) as usize + 1;
        let mut bytes = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push((seed >> 24) as u8);
        }
        v.push(bytes);
    }
    v
}

#[test]
fn a_flood_of_malformed_requests_leaves_the_server_serving() {
    let mut server = Server::start(&["--request-timeout", "2"]);
    let requests = malformed(&server.addr);
    let addr = server.addr.clone();
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let requests = requests.clone();
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut answered = 0;
                for round in 0..6 {
                    for (i, r) in requests.iter().enumerate() {
                        if (i + round + w) % 2 == 1 {
                            continue;
                        }
                        let Ok(mut s) = TcpStream::connect(&addr) else {
                            continue;
                        };
                        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                        let _ = s.write_all(r);
                        // Some clients hang up at once, some wait for the answer.
                        if (i + w) % 3 == 0 {
                            let _ = s.shutdown(Shutdown::Both);
                            continue;
                        }
                        let _ = s.shutdown(Shutdown::Write);
                        let mut buf = Vec::new();
                        let _ = s.read_to_end(&mut buf);
                        if buf.starts_with(b"HTTP/1.1 ") {
                            answered += 1;
                            let status = &buf[9..12];
                            assert!(status != b"500", "a 500 for request {i}");
                        }
                    }
                }
                answered
            })
        })
        .collect();
    let answered: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(answered > 100, "only {answered} answers");
    assert!(server.alive(), "the server is still running");
    assert_eq!(server.get("/healthz").status, 200);
    let r = server.post(
        "/api/check",
        &serde_json::json!({ "answer": NURSE, "lp": "ownership" }),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["answers"][0]["lp"], "ownership");
}

#[test]
fn practice_over_http_is_a_stateless_round() {
    let server = Server::start(&[]);
    let q = server.get("/api/practice/question?lp=dive-deep&n=4").json();
    assert_eq!(q["lp"], "dive-deep");
    assert_eq!(q["n"], 1, "4 wraps round a bank of 3");
    assert!(q["count"].as_u64().unwrap() >= 3);
    let again = server.get("/api/practice/question?lp=dive-deep&n=1").json();
    assert_eq!(q["question"], again["question"]);
    assert!(server
        .get("/api/practice/question?lp=dive-deeep")
        .error()
        .contains("did you mean `dive-deep`"));
    assert!(server
        .get("/api/practice/question?n=x")
        .error()
        .contains("whole number"));

    let r = server.post(
        "/api/practice/answer",
        &serde_json::json!({ "answer": NURSE, "lp": "ownership", "field": "healthcare" }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let check = server
        .post(
            "/api/check",
            &serde_json::json!({ "answer": NURSE, "lp": "ownership", "field": "healthcare" }),
        )
        .json();
    assert_eq!(v["document"], check, "the same report as /api/check");
    let followups = v["followups"].as_array().unwrap();
    assert_eq!(
        followups.len(),
        check["answers"][0]["probes"].as_array().unwrap().len()
    );
    let handoff = followups
        .iter()
        .find(|f| f["id"] == "handoff-follow-up")
        .expect("the hand-off probe is asked");

    let judge = |reply: &str| {
        server
            .post("/api/practice/reply", &serde_json::json!({ "probe": handoff["id"], "reply": reply, "field": "healthcare" }))
            .json()
    };
    let weak = judge("I did escalate it - I sent them a Slack message and they handled it.");
    assert_eq!(weak["verdict"], "weak");
    assert!(weak["headline"].as_str().unwrap().starts_with("Weak: "));
    assert!(
        weak["example"].as_str().unwrap().contains("discharge"),
        "a healthcare example"
    );
    let strong = judge("I flagged the issue to their tech lead for visibility but brought a complete, ready-to-merge fix. I explained the impact and trade-offs clearly, which helped gain buy-in and expedited deployment without formal authority.");
    assert_eq!(strong["verdict"], "strong", "{strong}");

    let bad = server.post(
        "/api/practice/reply",
        &serde_json::json!({ "probe": "handof-follow-up", "reply": "x" }),
    );
    assert_eq!(bad.status, 400);
    assert!(bad.error().contains("did you mean `handoff-follow-up`"));
    assert!(server
        .post(
            "/api/practice/reply",
            &serde_json::json!({ "probe": "safeguard" })
        )
        .error()
        .contains("missing `reply`"));

    let s = server
        .post(
            "/api/practice/summary",
            &serde_json::json!({ "verdict": "no_hire", "score": 41, "replies": [
                { "verdict": weak["verdict"], "title": weak["title"] },
                { "verdict": strong["verdict"], "title": strong["title"] } ] }),
        )
        .json();
    assert_eq!(
        (s["weak"].as_u64(), s["strong"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(s["text"]
        .as_str()
        .unwrap()
        .starts_with("Your answer: No Hire (41/100). Follow-ups: 2 replies"));

    // Scores come back as the report gives them: in tenths (72.4), from 0 to 100.
    let decimal = server
        .post(
            "/api/practice/summary",
            &serde_json::json!({ "verdict": "hire", "score": 72.4, "replies": [] }),
        )
        .json();
    assert_eq!(decimal["score"], 72.4);
    assert!(decimal["text"]
        .as_str()
        .unwrap()
        .starts_with("Your answer: Hire (72.4/100). No follow-up was answered."));
    let over = server.post(
        "/api/practice/summary",
        &serde_json::json!({ "verdict": "hire", "score": 140, "replies": [] }),
    );
    assert_eq!(over.status, 400);
    assert!(over.error().contains("from 0 to 100"), "{}", over.error());

    // A text that is not an answer: its one finding, and nothing to follow up.
    let text = "Trust is earned through consistency and honest communication.";
    let v = server
        .post(
            "/api/practice/answer",
            &serde_json::json!({ "answer": text }),
        )
        .json();
    let a = &v["document"]["answers"][0];
    assert_eq!(a["findings"].as_array().unwrap().len(), 1);
    assert_eq!(a["findings"][0]["name"], "not-an-answer");
    assert_eq!(
        (a["verdict"].as_str(), a["score"].as_u64()),
        (Some("no_hire"), Some(0))
    );
    assert_eq!(a["probes"], serde_json::json!([]));
    assert_eq!(v["followups"], serde_json::json!([]));

    let quiz = server.get("/api/practice/quiz").json();
    let first = &quiz["quiz"][0];
    assert_eq!(
        first["question"],
        "Which phrase best demonstrates ownership in the Action step?"
    );
    let right = first["answer"].as_u64().unwrap() as usize;
    assert!(first["options"][right]["text"]
        .as_str()
        .unwrap()
        .starts_with("I pulled the logs"));
}

#[test]
fn serve_refuses_a_bad_rubric_or_a_taken_port() {
    let r = common::run(
        &["serve", "--port", "0", "--rubric", "no/such/rubric.toml"],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("starlint: error: no/such/rubric.toml"),
        "{}",
        r.stderr
    );
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = common::run(&["serve", "--port", &port], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot listen on 127.0.0.1:"),
        "{}",
        r.stderr
    );
    let r = common::run(
        &["serve", "--host", "no.such.host.invalid", "--port", "0"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}
