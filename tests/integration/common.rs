//! Helpers shared by the integration tests: run the real binary, capture what it wrote.
//! Not every module uses every helper, hence `dead_code` is allowed here.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (`-1` if killed by a signal).
    pub code: i32,
}

/// The repository root (where `Cargo.toml` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// A `starlint` command with a clean environment: no colour, no CI variables, a fixed
/// width, run from `dir`.
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_starlint"));
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100");
    c
}

/// Run `starlint ARGS` in `dir` with `stdin` as standard input.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut c = command(dir);
    c.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn starlint");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        // The binary may exit before reading everything (e.g. a usage error); ignore EPIPE.
        let _ = pipe.write_all(input);
    }
    let out = child.wait_with_output().expect("wait for starlint");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `starlint ARGS` from the repository root.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_in(&root(), args, stdin)
}

/// Write `text` to `rel` under `dir`, creating parent directories; returns the path.
pub fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create parent directories");
    }
    std::fs::write(&path, text).expect("write test file");
    path
}

/// Parse a run's standard output as the `--format json` document.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    })
}

/// The `answers` of a `--format json` run, as (source, lp, level) triples.
pub fn lp_levels(run: &Run) -> Vec<(String, String, String)> {
    let doc = json(run);
    doc["answers"]
        .as_array()
        .expect("answers array")
        .iter()
        .map(|a| {
            (
                a["source"].as_str().unwrap_or_default().to_string(),
                a["lp"].as_str().unwrap_or_default().to_string(),
                a["level"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The finding names of every answer of a `--format json` run, in order.
pub fn finding_names(run: &Run) -> Vec<String> {
    let doc = json(run);
    doc["answers"]
        .as_array()
        .expect("answers array")
        .iter()
        .flat_map(|a| a["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| f["name"].as_str().unwrap_or_default().to_string())
        .collect()
}
