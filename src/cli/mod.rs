//! The command line: parse arguments, build the run's [`Context`](crate::Context) once,
//! dispatch to a command, and map the outcome to the contract's exit codes.

pub mod args;
mod batch;
mod check;
pub mod config;
mod debug;
mod explain;
mod memory;
mod progress;
mod rules;
mod views;

use args::{Cli, Command, RubricCommand};
use clap::{CommandFactory, Parser};
use std::io::{self, Write};
use std::path::Path;

/// How a run ended (ruff's `ExitStatus`): 0, 1 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Every answer at or above `--fail-under`.
    Success,
    /// At least one below it.
    Failure,
    /// A usage error, an unreadable input, no answers, or an invalid rubric.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Write `starlint: error: <what>` to standard error.
pub(crate) fn error_line(what: &str) {
    let mut e = io::stderr().lock();
    let _ = writeln!(e, "starlint: error: {what}");
}

/// A rubric file larger than this is refused before parsing (the embedded one is ~140 KB).
const MAX_RUBRIC_BYTES: usize = 8 * 1024 * 1024;

/// Read a rubric overlay file, or explain why not: bounded like an answer (a directory,
/// a missing file, a stream that never ends), a UTF-8 byte-order mark dropped, a UTF-16 one
/// named, invalid UTF-8 located. An empty file is a valid (empty) overlay.
pub(crate) fn read_rubric(path: &Path) -> Result<crate::rubric::RubricSource, String> {
    let name = path.display().to_string();
    let mut bytes = crate::input::read_file(path).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() > MAX_RUBRIC_BYTES {
        return Err(format!(
            "{name}: too large for a rubric ({} bytes; the limit is {} MiB)",
            bytes.len(),
            MAX_RUBRIC_BYTES / (1024 * 1024)
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let e = crate::input::InputError::Utf16(if bytes[0] == 0xFF {
            "little-endian"
        } else {
            "big-endian"
        });
        return Err(format!("{name}: {e}"));
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        3
    } else {
        0
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to() + bom
        )
    })?;
    Ok(crate::rubric::RubricSource { name, text })
}

/// Build the compiled rubric with an optional overlay, printing every problem.
pub(crate) fn load_rubric(path: Option<&Path>) -> Option<crate::rubric::CompiledRubric> {
    let overlay = match path.map(read_rubric).transpose() {
        Ok(o) => o,
        Err(e) => {
            error_line(&e);
            return None;
        }
    };
    compile_rubric(overlay)
}

/// Compile the embedded rubric with an overlay already read, printing every problem.
pub(crate) fn compile_rubric(
    overlay: Option<crate::rubric::RubricSource>,
) -> Option<crate::rubric::CompiledRubric> {
    match crate::rubric::build(overlay) {
        Ok(r) => Some(r),
        Err(errors) => {
            for e in &errors.0 {
                error_line(&e.to_string());
            }
            None
        }
    }
}

/// `starlint completions SHELL`: the script is built in memory first, because
/// clap_complete panics on a failed write and a closed pipe must not be a panic.
fn completions(shell: clap_complete::Shell) -> io::Result<ExitStatus> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "starlint", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// True when `e` is, or wraps, a closed standard output (`starlint … | head -1`). Writers
/// such as serde_json's hand the pipe's error back inside one of their own, kind `Other`.
fn is_broken_pipe(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let Some(inner) = e.get_ref() else {
        return false;
    };
    if let Some(j) = inner.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
    }
    let mut source = inner.source();
    while let Some(s) = source {
        if s.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        source = s.source();
    }
    false
}

/// Run the command line; returns the exit status. Broken pipes end quietly.
pub fn run() -> ExitStatus {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            };
        }
    };
    let result = match cli.command {
        None => check::run(&cli.check),
        Some(Command::Check(a)) => check::run(&a),
        Some(Command::Rules { format, rubric }) => rules::list(format, rubric.as_deref()),
        Some(Command::Explain { rule, rubric }) => explain::run(&rule, rubric.as_deref()),
        Some(Command::Rubric(RubricCommand::Dump)) => rules::dump(),
        Some(Command::Rubric(RubricCommand::Check { file })) => rules::check_file(&file),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Debug { file }) => debug::segments(&file),
    };
    match result {
        Ok(status) => status,
        Err(e) if is_broken_pipe(&e) => ExitStatus::Success,
        Err(e) => {
            error_line(&e.to_string());
            ExitStatus::Error
        }
    }
}
