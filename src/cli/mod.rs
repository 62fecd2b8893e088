//! The command line: parse arguments, build the run's [`Context`](crate::Context) once,
//! dispatch to a command, and map the outcome to the contract's exit codes.

pub mod args;
mod batch;
mod check;
pub mod config;
mod debug;
mod explain;
mod init;
mod jobs;
mod output;
mod practice;
mod progress;
mod rules;
mod serve;
mod usage;
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

/// Write `starlint: <kind>: <what>` to standard error, as one line whatever `what`
/// quotes: file names and ids come from users, so control characters and line breaks
/// are shown as visible characters.
fn stderr_line(kind: &str, what: &str) {
    let what = crate::text::controls::neutralise_line(what);
    let mut e = io::stderr().lock();
    let _ = writeln!(e, "starlint: {kind}: {what}");
}

/// Write `starlint: error: <what>` to standard error.
pub(crate) fn error_line(what: &str) {
    stderr_line("error", what);
}

/// Write `starlint: warning: <what>` to standard error.
pub(crate) fn warning_line(what: &str) {
    stderr_line("warning", what);
}

/// Write `starlint: note: <what>` to standard error.
pub(crate) fn note_line(what: &str) {
    stderr_line("note", what);
}

/// "unknown rule `we-languag`; did you mean `we-language`? (…)": a rule that is not in
/// `rubric` (given in the config key `within`, if any), with the closest name or code,
/// and what a rule may be given as (`prefixes` where a code prefix selects rules too).
/// The 50-odd names are not listed: `starlint rules` lists them.
pub(crate) fn unknown_rule(
    key: &str,
    within: Option<&str>,
    rubric: &crate::rubric::CompiledRubric,
    prefixes: bool,
) -> String {
    let candidates = rubric
        .rules
        .iter()
        .flat_map(|r| [r.name.as_str(), r.code.as_str()]);
    let mut m = format!("unknown rule `{key}`");
    if let Some(config_key) = within {
        m.push_str(&format!(" in `{config_key}`"));
    }
    if let Some(c) = crate::suggest::closest(key, candidates) {
        m.push_str(&format!("; did you mean `{c}`?"));
    }
    m.push_str(if prefixes {
        " (a code such as A001, a code prefix such as A or R0, or a name; `starlint rules` \
         lists them)"
    } else {
        " (a code such as A001, or a name; `starlint rules` lists them)"
    });
    m
}

/// A rubric file larger than this is refused before parsing (the embedded one is ~140 KB).
const MAX_RUBRIC_BYTES: u64 = 8 * 1024 * 1024;

/// Read a rubric overlay file, or explain why not: bounded (a directory, a missing file,
/// a stream that never ends: `--rubric /dev/zero` stops after the limit), a UTF-8
/// byte-order mark dropped, a UTF-16 or UTF-32 one named, invalid UTF-8 located. An empty
/// file is a valid (empty) overlay.
pub(crate) fn read_rubric(path: &Path) -> Result<crate::rubric::RubricSource, String> {
    let name = path.display().to_string();
    let fail = |why: String| format!("{name}: {why}");
    let file = std::fs::File::open(path)
        .map_err(|e| fail(crate::input::open_error(path, &e).to_string()))?;
    let meta = file.metadata().ok();
    if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        return Err(fail("is a directory".into()));
    }
    let size = meta.filter(std::fs::Metadata::is_file).map(|m| m.len());
    let mut bytes = crate::input::read_bounded(file, MAX_RUBRIC_BYTES, size)
        .map_err(|e| fail(crate::input::io_reason(&e)))?
        .ok_or_else(|| {
            fail(format!(
                "too large for a rubric (the limit is {} MiB)",
                MAX_RUBRIC_BYTES / (1024 * 1024)
            ))
        })?;
    if let Some(e) = crate::input::utf_bom(&bytes) {
        return Err(fail(e.to_string()));
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

/// The command line as completion scripts see it: options whose values are ids offer
/// those ids (`--lp`, `--level`, `--fail-under`), and `--select`/`--ignore` the rule
/// names and codes of the embedded rubric, instead of file names. (Parsing keeps its own
/// parsers, which also accept aliases and scores and explain a mistake.)
fn completion_command() -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let rules: Vec<String> = crate::rubric::build(None)
        .map(|r| {
            r.rules
                .iter()
                .flat_map(|rule| [rule.name.clone(), rule.code.clone()])
                .collect()
        })
        .unwrap_or_default();
    let values = |id: &str| -> Vec<String> {
        match id {
            "lp" => crate::ids::Lp::ids()
                .into_iter()
                .map(String::from)
                .collect(),
            "level" => crate::ids::Level::ids()
                .into_iter()
                .map(String::from)
                .collect(),
            "fail_under" => crate::ids::Verdict::ids()
                .into_iter()
                .map(String::from)
                .collect(),
            _ => rules.clone(),
        }
    };
    let with_values = |cmd: clap::Command| {
        ["lp", "level", "fail_under", "select", "ignore"]
            .into_iter()
            .fold(cmd, |cmd, id| {
                cmd.mut_arg(id, |a| {
                    a.value_parser(PossibleValuesParser::new(values(id)))
                })
            })
    };
    with_values(Cli::command()).mut_subcommand("check", with_values)
}

/// `starlint completions SHELL`: the script is built in memory first, because
/// clap_complete panics on a failed write and a closed pipe must not be a panic.
fn completions(shell: clap_complete::Shell) -> io::Result<ExitStatus> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut completion_command(), "starlint", &mut script);
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
            if !e.use_stderr() {
                let _ = e.print();
                return ExitStatus::Success;
            }
            match usage::one_line(&e) {
                Some(line) => error_line(&line),
                None => {
                    let _ = e.print();
                }
            }
            return ExitStatus::Error;
        }
    };
    if cli.command.is_none() {
        if let Some(m) = cli
            .check
            .paths
            .first()
            .and_then(|p| usage::mistyped_subcommand(p))
        {
            error_line(&m);
            return ExitStatus::Error;
        }
    }
    let result = match cli.command {
        None => check::run(&cli.check),
        Some(Command::Check(a)) => check::run(&a),
        Some(Command::Rules { format, rubric }) => rules::list(format, rubric.as_deref()),
        Some(Command::Explain { rule, rubric }) => explain::run(&rule, rubric.as_deref()),
        Some(Command::Rubric(RubricCommand::Dump)) => rules::dump(),
        Some(Command::Rubric(RubricCommand::Check { file })) => rules::check_file(&file),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Init) => init::run(),
        Some(Command::Serve(a)) => serve::run(&a),
        Some(Command::Practice(a)) => practice::run(&a),
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
