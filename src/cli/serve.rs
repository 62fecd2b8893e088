//! `starlint serve`: build what every request shares (the rubric with `--rubric`, the
//! practice data, the rules JSON), bind the address, print the URL on standard error, and
//! hand over to [`crate::serve`]. Reads no `starlint.toml`: only the flags and each
//! request decide (contract).

use super::args::ServeArgs;
use super::{error_line, load_rubric, ExitStatus};
use crate::practice::Practice;
use crate::serve::{self, App, Limits};
use crate::Context;
use std::io::{self, Write};
use std::net::{TcpListener, ToSocketAddrs};
use std::time::Duration;

/// Run `serve`.
pub fn run(args: &ServeArgs) -> io::Result<ExitStatus> {
    let Some(rubric) = load_rubric(args.rubric.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let practice = match Practice::embedded() {
        Ok(p) => p,
        Err(errors) => {
            errors.iter().for_each(|e| error_line(e));
            return Ok(ExitStatus::Error);
        }
    };
    let mut rules_json = Vec::new();
    super::rules::write_json(&mut rules_json, &rubric)?;
    let mut limits = Limits::default();
    if let Some(s) = args.request_timeout {
        let t = Duration::from_secs(s.max(1));
        limits = Limits { header: t, body: t };
    }
    let host = args.host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<_> = match (host, args.port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => {
            error_line(&format!("--host {}: {e}", args.host));
            return Ok(ExitStatus::Error);
        }
    };
    let listener = match TcpListener::bind(&addrs[..]) {
        Ok(l) => l,
        Err(e) => {
            error_line(&format!(
                "cannot listen on {}:{}: {e}",
                args.host, args.port
            ));
            return Ok(ExitStatus::Error);
        }
    };
    // The API answers in JSON, which has no "Fix first".
    let mut cx = Context::new(rubric);
    cx.rank_fixes = false;
    let app = App {
        cx,
        rules_json,
        practice,
        limits,
    };
    serve::run(listener, app, |addr| {
        let mut e = io::stderr().lock();
        let _ = writeln!(
            e,
            "starlint: serving the paste page and the API at {} (Ctrl-C stops)",
            serve::url(addr)
        );
    })?;
    Ok(ExitStatus::Success)
}
