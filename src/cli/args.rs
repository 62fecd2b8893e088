//! Command-line arguments (clap derive). `starlint [OPTIONS] [PATH]...` is `starlint check`.
//! Values are parsed into the contract's ids here, so an unknown LP, level, verdict or
//! format is a usage error (exit 2) that names the value and lists the valid ones.

use crate::ids::{FailUnder, GivenLevel, Lp};
pub use crate::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A rubric linter for behavioural-interview (STAR) answers: segments an answer into
/// Situation, Task, Action, Result and Reflection, checks it against a Bar Raiser rubric,
/// and gives a verdict with every finding pointed at the words that caused it.
#[derive(Debug, Parser)]
#[command(
    name = "starlint",
    version,
    args_conflicts_with_subcommands = true,
    max_term_width = 100,
    after_help = CONFIG_HELP
)]
pub struct Cli {
    /// What to do (default: check).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `check` options when no subcommand is given.
    #[command(flatten)]
    pub check: CheckArgs,
}

/// How settings are layered; shown at the end of `--help`.
const CONFIG_HELP: &str = "\
Settings: command-line flags > starlint.toml > built-in defaults. starlint.toml is the nearest \
one in the current directory or its parents (--config FILE names one, --isolated ignores \
it); its keys are the long options: lp, level, rubric, format, fail-under, select, ignore, \
jobs. For lp and level a story's front matter wins over starlint.toml, and a flag wins over \
both.";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score answers (the default).
    #[command(after_help = CONFIG_HELP)]
    Check(CheckArgs),
    /// List every rule: code, name, section, severity, the LPs that weight it.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// A rubric file layered over the embedded default.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
    },
    /// Explain a rule: why a Bar Raiser cares, a weak and a strong example, its source.
    Explain {
        /// Rule code or name (`A001` or `we-language`).
        rule: String,
        /// A rubric file layered over the embedded default.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
    },
    /// Print or validate rubrics.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Print a shell completion script, e.g.
    /// `starlint completions bash > ~/.local/share/bash-completion/completions/starlint`.
    ///
    /// zsh: write `_starlint` into a directory on `$fpath`; fish: write
    /// `~/.config/fish/completions/starlint.fish`. To check a file named `completions`,
    /// write `starlint check completions`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a commented starter starlint.toml into the current directory (never over an
    /// existing one).
    Init,
    /// Serve the paste page and the JSON API (POST /api/check, GET /api/rules, GET
    /// /healthz, practice under /api/practice/) until stopped. Reads no starlint.toml.
    Serve(ServeArgs),
    /// An interview round: a question for the LP, your answer and its report, then the
    /// likely follow-ups one at a time, each reply judged, and a summary. Piped input:
    /// the answer, then each reply, separated by lines holding only `---`.
    Practice(PracticeArgs),
    /// Show what the segmenter saw: each sentence, its section evidence and its section.
    #[command(hide = true)]
    Debug {
        /// The answer file (`-` for standard input).
        file: PathBuf,
    },
}

/// `starlint rubric …`
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Print the embedded default rubric (a starting point for a custom one).
    Dump,
    /// Validate a custom rubric; errors name the file, line and column.
    Check {
        /// The rubric file.
        file: PathBuf,
    },
}

/// Options of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on (127.0.0.1: this machine only).
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub host: String,
    /// The port (0: any free one; the URL printed on standard error says which).
    #[arg(long, default_value_t = 7878, value_name = "PORT")]
    pub port: u16,
    /// A rubric file layered over the embedded default.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Seconds a client has to send a request's headers, and then its body (default 10).
    #[arg(long, value_name = "SECONDS", hide = true)]
    pub request_timeout: Option<u64>,
}

/// Options of `practice`.
#[derive(Debug, Clone, Args)]
pub struct PracticeArgs {
    /// The Leadership Principle to practise (default: general).
    #[arg(long, value_name = "ID", value_parser = parse_lp)]
    pub lp: Option<Lp>,
    /// sde1, sde2 or senior; also junior, mid, staff, sde3 (default: mid-level).
    #[arg(long, value_name = "ID", value_parser = parse_level)]
    pub level: Option<GivenLevel>,
    /// Your field (software, healthcare, education, retail, logistics, hospitality,
    /// finance, public-service, manufacturing, military, student, general): picks the
    /// examples you are shown.
    #[arg(long, value_name = "ID", value_parser = parse_field)]
    pub field: Option<crate::field::Field>,
    /// Which question of the LP's bank (default: one picked at random).
    #[arg(long, value_name = "N")]
    pub question: Option<usize>,
    /// The quick quiz instead of a round.
    #[arg(long)]
    pub quiz: bool,
    /// When to use colour in the report.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

fn parse_field(s: &str) -> Result<crate::field::Field, String> {
    s.parse()
}

/// `rules` output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// JSON.
    Json,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Answers as files or standard input (default).
    Text,
    /// JSON lines `{"id", "answer", "lp"?, "level"?, "question"?}`; other keys are
    /// returned in the answer's "extra".
    Jsonl,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Only on a terminal, and not when `NO_COLOR` is set.
    Auto,
    /// Always (wins over `NO_COLOR`).
    Always,
    /// Never.
    Never,
}

fn parse_lp(s: &str) -> Result<Lp, String> {
    s.parse().map_err(|e: crate::ids::UnknownId| e.to_string())
}
fn parse_level(s: &str) -> Result<GivenLevel, String> {
    s.parse().map_err(|e: crate::ids::UnknownId| e.to_string())
}
fn parse_fail_under(s: &str) -> Result<FailUnder, String> {
    s.parse()
}

/// The subcommands' names, for "did you mean" on a mistyped first argument.
pub const SUBCOMMANDS: &[&str] = &[
    "check",
    "rules",
    "explain",
    "rubric",
    "completions",
    "init",
    "serve",
    "practice",
];

/// Options of `check`.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckArgs {
    /// Files, directories (every *.md, *.txt, *.star) or `-` for standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The Leadership Principle the story targets (default: front matter, else general).
    #[arg(long, value_name = "ID", value_parser = parse_lp)]
    pub lp: Option<Lp>,
    /// sde1, sde2 or senior; also junior, mid, staff, sde3 (default: front matter, else
    /// sde2). Reports name the level as you wrote it ("mid-level" for mid or none).
    #[arg(long, value_name = "ID", value_parser = parse_level)]
    pub level: Option<GivenLevel>,
    /// The candidate's field (software, healthcare, education, retail, logistics,
    /// hospitality, finance, public-service, manufacturing, military, student, general):
    /// chooses examples and wording, never the verdict (default: front matter, else
    /// inferred from the answer).
    #[arg(long, value_name = "ID", value_parser = parse_field)]
    pub field: Option<crate::field::Field>,
    /// A rubric file layered over the embedded default.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, value_name = "F")]
    pub format: Option<Format>,
    /// Exit 1 when any answer is below this: a verdict (no_hire, leaning_no_hire, hire,
    /// strong_hire) or a score 0-100 (default: hire).
    #[arg(long, value_name = "V", value_parser = parse_fail_under)]
    pub fail_under: Option<FailUnder>,
    /// Exit 0 even when answers are below --fail-under (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Only these rules: codes, code prefixes (A, R0) or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Not these rules: codes, code prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// Do not honour the answers' own `<!-- starlint-disable -->` comments (for a coach
    /// scoring students' answers).
    #[arg(long)]
    pub ignore_suppressions: bool,
    /// The interview question, as front matter `question:` (wins over it).
    #[arg(long, value_name = "TEXT")]
    pub question: Option<String>,
    /// Read answers as JSON lines from the PATHs or standard input.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input: Option<InputFormat>,
    /// Worker threads for batch work (default: all cores; at most 4 per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// When to use colour.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
    /// Human format: print only answers below --fail-under, no summary, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Instead of the reports: one line per rule that fired, `answers findings CODE name`,
    /// most frequent first (with --format json, a JSON array).
    #[arg(long, conflicts_with = "summary")]
    pub statistics: bool,
    /// Only the cohort summary: verdict counts, score histogram, breakdown by LP and level,
    /// top findings, weakest answers.
    #[arg(long)]
    pub summary: bool,
    /// Use this config file instead of looking for starlint.toml (its relative `rubric`
    /// is resolved against its directory).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file: only flags and built-in defaults count.
    #[arg(long)]
    pub isolated: bool,
    /// Write the report to FILE instead of standard output. It is written to a temporary
    /// file beside FILE and renamed over it only once complete, so FILE never holds half a
    /// report (a device or FIFO is written directly; a symbolic link's target is
    /// replaced, not the link); never over one of the inputs. Error lines still go to
    /// standard error.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print the merged settings and where each came from, then exit.
    #[arg(long, hide = true)]
    pub show_config: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn completions_is_a_subcommand_and_check_still_takes_that_name_as_a_path() {
        let cli = Cli::parse_from(["starlint", "completions", "zsh"]);
        assert!(matches!(
            cli.command,
            Some(Command::Completions {
                shell: clap_complete::Shell::Zsh
            })
        ));
        let cli = Cli::parse_from(["starlint", "check", "completions"]);
        let Some(Command::Check(args)) = cli.command else {
            panic!("expected check");
        };
        assert_eq!(args.paths, [PathBuf::from("completions")]);
        // With no subcommand, options and paths still mean `check`.
        let cli = Cli::parse_from(["starlint", "--isolated", "story.md"]);
        assert!(cli.command.is_none());
        assert!(cli.check.isolated);
        assert_eq!(cli.check.paths, [PathBuf::from("story.md")]);
    }

    #[test]
    fn config_and_isolated_exclude_each_other() {
        let err = Cli::try_parse_from(["starlint", "--config", "a.toml", "--isolated"]);
        assert!(err.is_err());
    }
}
