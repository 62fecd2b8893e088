//! `starlint serve`: the paste page and a JSON API on one local HTTP server.
//!
//! Stateless: every request carries everything it needs (the answer, the LP, the level,
//! the probe a reply answers), and the server keeps only what it built at start (the
//! compiled rubric, the practice data, the rules JSON and the page), shared read-only by
//! every request. So any number of copies can stand behind a load balancer
//! (`docs/deploy.md`).
//!
//! HTTP is hyper's (1.x, HTTP/1.1 only) on a small tokio runtime: connections are tasks,
//! not threads, so a client that dribbles its request costs a few kilobytes, not a
//! worker, and hyper bounds the time to send the headers ([`Limits::header`]); the body
//! has its own deadline ([`Limits::body`]) and a 1 MiB cap (contract). Scoring is CPU
//! work, so it runs on tokio's blocking pool ([`tokio::task::spawn_blocking`]), leaving the
//! I/O threads free to answer `/healthz` and to time out slow clients while answers are
//! being scored. A panic in a handler becomes a 500 for that request; nothing a client
//! sends stops the server.

mod api;
mod assets;
mod check;
mod http;
mod practice;
mod routes;

use crate::practice::Practice;
use crate::Context;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

pub use check::{check_document, report as check_report, CheckRequest};

/// A request body larger than this is refused with 413 (contract).
pub const MAX_BODY: usize = 1024 * 1024;

/// Open connections beyond this wait to be accepted (each holds a file descriptor; the
/// usual soft limit is 1,024).
const MAX_CONNECTIONS: usize = 768;

/// Request headers larger than this get 431 from hyper.
const MAX_HEADER_BYTES: usize = 16 * 1024;

/// How long a client has to send what it owes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From the connection's start (or the end of the previous response) to the end of
    /// the request's headers; an idle keep-alive connection is closed after it too.
    pub header: Duration,
    /// From the end of the headers to the end of the body.
    pub body: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header: Duration::from_secs(10),
            body: Duration::from_secs(10),
        }
    }
}

/// What every request shares, built once at start.
pub struct App {
    /// The compiled rubric (with `--rubric`'s overlay), every rule on, no defaults.
    pub cx: Context,
    /// `starlint rules --format json` for that rubric.
    pub rules_json: Vec<u8>,
    /// The practice bank, reply criteria and quiz.
    pub practice: Practice,
    /// Time limits for clients.
    pub limits: Limits,
}

/// The address as a URL people can open (`http://127.0.0.1:7878/`, `http://[::1]:7878/`).
pub fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// Serve `app` on `listener` until the process is stopped. `ready` is called with the
/// bound address once the server accepts connections.
pub fn run(listener: TcpListener, app: App, ready: impl FnOnce(SocketAddr)) -> io::Result<()> {
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(cores * 2)
        .thread_name("starlint-serve")
        .enable_io()
        .enable_time()
        .build()?;
    let app = Arc::new(app);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        ready(addr);
        accept_loop(listener, app).await;
        Ok(())
    })
}

async fn accept_loop(listener: tokio::net::TcpListener, app: Arc<App>) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted:
            // wait a moment and go on; the listener itself is fine.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = Arc::clone(&app);
        tokio::spawn(async move {
            let limits = app.limits;
            let service = service_fn(move |req| routes::route(Arc::clone(&app), req));
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header)
                .max_buf_size(MAX_HEADER_BYTES.max(8192) * 4)
                .max_header_size(MAX_HEADER_BYTES)
                .keep_alive(true);
            // Errors here are the client's (reset, malformed request, timeout): hyper has
            // already answered what can be answered; the connection just ends.
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}
