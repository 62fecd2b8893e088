//! Usage errors as one line each: `starlint: error: --lp: unknown LP `ownershp`; did you
//! mean `ownership`? (valid: …)`.
//!
//! clap reports a bad value over several lines (the value, a list of possible values, a
//! tip, the usage); the contract wants the value named and the closest valid one suggested
//! in one line, like every other starlint error. So the errors a user makes most (an
//! unknown value, an unknown option) are rewritten here from clap's error context, and
//! anything else is left to clap. The first argument gets one more check clap cannot
//! make, because a bare PATH is also `check`: a word that is not an existing path and is a
//! near miss of a subcommand (`starlint chek story.md`) is a usage error with a
//! suggestion, not a file to score.

use super::args::SUBCOMMANDS;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::path::Path;

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// `--lp <ID>` → `--lp`; `<SHELL>` → `<SHELL>`.
fn arg_name(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg)
    } else {
        arg
    }
}

/// What a value of `arg` is called in a message: `format` for `--format`, `shell` for
/// `<SHELL>`.
fn noun(arg: &str) -> String {
    let name = arg_name(arg)
        .trim_start_matches('-')
        .trim_matches(['<', '>'])
        .to_ascii_lowercase();
    match name.as_str() {
        "input" => "input format".into(),
        _ => name,
    }
}

/// The one-line message for a clap error this module rewrites, or `None` to let clap
/// print its own.
pub fn one_line(e: &clap::Error) -> Option<String> {
    match e.kind() {
        ErrorKind::ValueValidation => {
            let arg = context(e, ContextKind::InvalidArg)?;
            let source = std::error::Error::source(e)?;
            Some(format!("{}: {source}", arg_name(&arg)))
        }
        ErrorKind::InvalidValue => {
            let arg = context(e, ContextKind::InvalidArg)?;
            let value = context(e, ContextKind::InvalidValue)?;
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => Vec::new(),
            };
            if value.is_empty() {
                // `--format=`: a flag given no value.
                return Some(format!(
                    "{}: a value is required (valid: {})",
                    arg_name(&arg),
                    valid.join(", ")
                ));
            }
            let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
            Some(format!(
                "{}: {}",
                arg_name(&arg),
                crate::suggest::unknown(&noun(&arg), &value, &valid, None)
            ))
        }
        ErrorKind::UnknownArgument => {
            let arg = context(e, ContextKind::InvalidArg)?;
            let mut m = format!("unknown option `{arg}`");
            if let Some(s) = context(e, ContextKind::SuggestedArg) {
                m.push_str(&format!("; did you mean `{s}`?"));
            }
            m.push_str(" (`starlint --help` lists the options)");
            Some(m)
        }
        _ => None,
    }
}

/// The usage error for a first argument that looks like a mistyped subcommand: one that
/// is not an existing path but is a near miss of a subcommand's name.
pub fn mistyped_subcommand(first: &Path) -> Option<String> {
    if first.symlink_metadata().is_ok() {
        return None;
    }
    let word = first.to_str()?;
    if word.contains(['/', '\\', '.']) {
        return None;
    }
    let meant = crate::suggest::closest(word, SUBCOMMANDS.iter().copied())?;
    Some(format!(
        "unknown command `{word}`; did you mean `{meant}`? (to score a file named `{word}`, \
         write `starlint check {word}`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Cli;
    use clap::Parser;

    fn message(argv: &[&str]) -> Option<String> {
        let mut full = vec!["starlint"];
        full.extend_from_slice(argv);
        one_line(&Cli::try_parse_from(full).unwrap_err())
    }

    #[test]
    fn bad_values_are_one_line_with_a_suggestion() {
        assert_eq!(
            message(&["--format", "jsn"]).unwrap(),
            "--format: unknown format `jsn`; did you mean `json`? (valid: human, json, jsonl, \
             sarif, github, junit, csv, concise, html)"
        );
        let lp = message(&["--lp", "ownershp"]).unwrap();
        assert!(
            lp.starts_with("--lp: unknown LP `ownershp`; did you mean `ownership`? (valid: "),
            "{lp}"
        );
        assert_eq!(
            message(&["--fail-under", "hier"]).unwrap(),
            "--fail-under: unknown verdict `hier`; did you mean `hire`? (valid: no_hire, \
             leaning_no_hire, hire, strong_hire, or a score from 0 to 100)"
        );
        assert_eq!(
            message(&["--color", "nevr"]).unwrap(),
            "--color: unknown color `nevr`; did you mean `never`? (valid: auto, always, never)"
        );
        assert_eq!(
            message(&["--lpp", "x"]).unwrap(),
            "unknown option `--lpp`; did you mean `--lp`? (`starlint --help` lists the options)"
        );
        for m in [
            message(&["--format", "jsn"]),
            message(&["--lp", "ownershp"]),
        ] {
            assert!(!m.unwrap().contains('\n'));
        }
    }

    #[test]
    fn near_misses_of_subcommands_that_are_not_paths() {
        let m = mistyped_subcommand(Path::new("chek")).unwrap();
        assert_eq!(
            m,
            "unknown command `chek`; did you mean `check`? (to score a file named `chek`, \
             write `starlint check chek`)"
        );
        assert!(mistyped_subcommand(Path::new("explian"))
            .unwrap()
            .contains("did you mean `explain`?"));
        assert_eq!(mistyped_subcommand(Path::new("story.md")), None);
        assert_eq!(mistyped_subcommand(Path::new("stories/chek")), None);
        assert_eq!(mistyped_subcommand(Path::new("zzzzzz")), None);
    }
}
