//! The reports captured in README.md and docs/human-report.md are the binary's real
//! output: each ```console block that starts with `$ COLUMNS=N starlint check ARGS` is run
//! and compared. After a deliberate change to the report, rewrite the captures with
//! `STARLINT_BLESS=1 cargo test --test integration docs` and review the diff.

use crate::common::{command, root};
use std::process::Stdio;

/// One capture: the command line and the byte range of its output in the document.
struct Capture {
    columns: String,
    args: Vec<String>,
    output: std::ops::Range<usize>,
}

fn captures(doc: &str) -> Vec<Capture> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = doc[at..].find("```console\n$ COLUMNS=") {
        let cmd_start = at + open + "```console\n".len();
        let cmd_end = cmd_start + doc[cmd_start..].find('\n').expect("command line ends");
        let line = &doc[cmd_start + 2..cmd_end];
        let mut words = line.split_whitespace();
        let columns = words
            .next()
            .and_then(|w| w.strip_prefix("COLUMNS="))
            .expect("COLUMNS=N")
            .to_string();
        assert_eq!(words.next(), Some("starlint"), "{line}");
        let args: Vec<String> = words.map(str::to_string).collect();
        let body = cmd_end + 1;
        let close = body + doc[body..].find("\n```").expect("block closes") + 1;
        out.push(Capture {
            columns,
            args,
            output: body..close,
        });
        at = close;
    }
    out
}

fn run(c: &Capture) -> String {
    let out = command(&root())
        .env("COLUMNS", &c.columns)
        .args(&c.args)
        .stdin(Stdio::null())
        .output()
        .expect("run starlint");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn captured_reports_are_current() {
    let bless = std::env::var_os("STARLINT_BLESS").is_some();
    let mut stale = Vec::new();
    for rel in ["README.md", "docs/human-report.md"] {
        let path = root().join(rel);
        let doc = std::fs::read_to_string(&path).expect("read doc");
        let caps = captures(&doc);
        assert!(!caps.is_empty(), "{rel} has no captured report");
        let mut fixed = doc.clone();
        for c in caps.iter().rev() {
            let now = run(c);
            if doc[c.output.clone()] != now {
                stale.push(format!("{rel}: starlint {}", c.args.join(" ")));
                fixed.replace_range(c.output.clone(), &now);
            }
        }
        if bless && fixed != doc {
            std::fs::write(&path, fixed).expect("write doc");
        }
    }
    assert!(
        bless || stale.is_empty(),
        "captured reports differ from the binary's output:\n  {}\nrewrite them with \
         `STARLINT_BLESS=1 cargo test --test integration docs` and review the diff",
        stale.join("\n  ")
    );
}
