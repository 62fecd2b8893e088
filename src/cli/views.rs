//! Which view of a batch `check` writes: the reports in `--format`, or, instead of them,
//! `--statistics` (one line per rule, or a JSON array) or `--summary` (the cohort summary
//! in text); and whether the cohort summary also goes to standard error after a machine
//! format (only for a person watching a terminal).
//!
//! `--statistics` speaks text and JSON, `--summary` only text: a `--format` flag asking
//! for anything else is a usage error, while a `format` from `starlint.toml` gives way
//! to the more specific flag (`--statistics` with `format = "json"` in the config is the
//! JSON array; with `format = "csv"`, the text lines).

use super::args::{CheckArgs, Format};
use super::config::{SetBy, Setting};
use crate::render::statistics::{StatisticsEmitter, StatisticsFormat};
use crate::render::summary::SummaryEmitter;
use crate::render::{EmitOptions, Emitter};
use std::io::{self, IsTerminal};

/// Check that `--statistics` or `--summary` can be written in the format asked for.
pub fn validate(args: &CheckArgs, format: Option<&Setting<Format>>) -> Result<(), String> {
    let Some(Setting {
        value,
        origin: SetBy::Flag(_),
    }) = format
    else {
        return Ok(());
    };
    if args.statistics && !matches!(value, Format::Human | Format::Json) {
        return Err(format!(
            "--statistics is written as text or, with --format json, as a JSON array; not as --format {}",
            format_id(*value)
        ));
    }
    if args.summary && *value != Format::Human {
        return Err(format!(
            "--summary prints the cohort summary as text; it cannot be --format {} (the JSON document has a \"summary\" object)",
            format_id(*value)
        ));
    }
    Ok(())
}

/// The emitter for this run (after [`validate`]).
pub fn emitter<'a>(
    args: &CheckArgs,
    format: Format,
    opts: EmitOptions<'a>,
) -> Box<dyn Emitter + 'a> {
    if args.statistics {
        let as_json = format == Format::Json;
        return Box::new(StatisticsEmitter::new(if as_json {
            StatisticsFormat::Json
        } else {
            StatisticsFormat::Text
        }));
    }
    if args.summary {
        return Box::new(SummaryEmitter::new(opts.human.width));
    }
    format.emitter(opts)
}

/// Whether to print the cohort summary on standard error after the report: a machine
/// format (the reports went to a file or a pipe) for a person at a terminal, not asked to
/// be quiet.
pub fn summary_to_stderr(args: &CheckArgs, format: Format) -> bool {
    !format.is_human()
        && !args.statistics
        && !args.summary
        && !args.quiet
        && io::stderr().is_terminal()
}

/// A format's id as typed.
fn format_id(f: Format) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map_or_else(|| format!("{f:?}"), |v| v.get_name().to_string())
}
