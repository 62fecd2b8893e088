//! `starlint.toml`: repository-wide defaults for `check`, layered under the command line.
//!
//! Precedence, lowest first (typos' and ruff's order):
//!
//! 1. built-in defaults (`format = "human"`, `fail-under = "hire"`, `lp = "general"`,
//!    `level = "sde2"`, the embedded rubric, every rule, all cores);
//! 2. `starlint.toml`: the nearest one in the current directory or a parent, or the file
//!    given by `--config FILE`; none at all with `--isolated`;
//! 3. command-line flags.
//!
//! Each key replaces the layer below it as a whole: `--ignore A001` on the command line
//! replaces the config's `ignore` list, it does not add to it. For `lp` and `level` a
//! story's front matter (or a JSONL line's `lp`/`level`) sits between the config file
//! and the flags, because a story knows its own LP better than the repository does; that
//! last step happens per answer, in [`Context::resolve`](crate::Context::resolve).
//!
//! Keys are spelled as the long options. The file is parsed with `toml` into
//! `serde_spanned::Spanned` values, so every problem — malformed TOML, an unknown key, an
//! unknown LP, level, verdict, format or rule — is reported as `file:line:column` with
//! the valid values listed, the way clippy reports `clippy.toml` errors. Every value
//! remembers where it came from ([`SetBy`]), which `--show-config` prints.

use super::args::{CheckArgs, Format};
use crate::ids::{FailUnder, GivenLevel, Level, Lp};
use crate::text::LineIndex;
use clap::ValueEnum;
use serde::Deserialize;
use serde_spanned::Spanned;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The config file's name.
pub const CONFIG_FILE: &str = "starlint.toml";

/// A config file larger than this is refused before parsing (a real one is a few hundred
/// bytes; `--config /dev/zero` must not be read without end).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The keys a config file may hold, in the order `--show-config` prints them.
pub const KEYS: &[&str] = &[
    "lp",
    "level",
    "rubric",
    "format",
    "fail-under",
    "select",
    "ignore",
    "jobs",
];

/// A position in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as it should appear in messages.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetBy {
    /// A command-line flag, by name (`--lp`).
    Flag(&'static str),
    /// A key in a config file.
    File(Location),
}

impl fmt::Display for SetBy {
    /// `--lp`, or `file:line:column`: the prefix of an error about this setting.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetBy::Flag(name) => f.write_str(name),
            SetBy::File(at) => at.fmt(f),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Its origin.
    pub origin: SetBy,
}

impl<T> Setting<T> {
    fn flag(value: T, name: &'static str) -> Setting<T> {
        Setting {
            value,
            origin: SetBy::Flag(name),
        }
    }
}

/// A list of rule selectors (`--select`, `--ignore`); each remembers its own position.
pub type Selectors = Setting<Vec<Setting<String>>>;

/// The settings of one layer (a config file or the command line), or of their merge.
/// `None` means "not set here": the layer below decides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `lp`: the Leadership Principle.
    pub lp: Option<Setting<Lp>>,
    /// `level`: the level.
    pub level: Option<Setting<GivenLevel>>,
    /// `rubric`: an overlay over the embedded rubric (resolved against the config's
    /// directory when it came from a config file).
    pub rubric: Option<Setting<PathBuf>>,
    /// `format`: the report format.
    pub format: Option<Setting<Format>>,
    /// `fail-under`: the verdict or score below which the run exits 1.
    pub fail_under: Option<Setting<FailUnder>>,
    /// `select`: only these rules.
    pub select: Option<Selectors>,
    /// `ignore`: not these rules.
    pub ignore: Option<Selectors>,
    /// `jobs`: worker threads (0: all cores).
    pub jobs: Option<Setting<usize>>,
}

fn take<T>(low: &mut Option<T>, high: Option<T>) {
    if high.is_some() {
        *low = high;
    }
}

impl Settings {
    /// Layer `other` over `self`: every key `other` sets wins (typos' `update`).
    pub fn update(&mut self, other: Settings) {
        take(&mut self.lp, other.lp);
        take(&mut self.level, other.level);
        take(&mut self.rubric, other.rubric);
        take(&mut self.format, other.format);
        take(&mut self.fail_under, other.fail_under);
        take(&mut self.select, other.select);
        take(&mut self.ignore, other.ignore);
        take(&mut self.jobs, other.jobs);
    }

    /// The command line's layer.
    pub fn from_args(args: &CheckArgs) -> Settings {
        let list = |v: &Option<Vec<String>>, name: &'static str| {
            v.as_ref().map(|items| {
                Setting::flag(
                    items
                        .iter()
                        .map(|s| Setting::flag(s.clone(), name))
                        .collect(),
                    name,
                )
            })
        };
        Settings {
            lp: args.lp.map(|v| Setting::flag(v, "--lp")),
            level: args.level.map(|v| Setting::flag(v, "--level")),
            rubric: args.rubric.clone().map(|v| Setting::flag(v, "--rubric")),
            format: args.format.map(|v| Setting::flag(v, "--format")),
            fail_under: args.fail_under.map(|v| Setting::flag(v, "--fail-under")),
            select: list(&args.select, "--select"),
            ignore: list(&args.ignore, "--ignore"),
            jobs: args.jobs.map(|v| Setting::flag(v, "--jobs")),
        }
    }
}

/// One problem in a config file, at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Where.
    pub at: Location,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The file as written; every value keeps its span for errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    lp: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    rubric: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    fail_under: Option<Spanned<StringOrNumber>>,
    select: Option<Spanned<Vec<Spanned<String>>>>,
    ignore: Option<Spanned<Vec<Spanned<String>>>>,
    jobs: Option<Spanned<usize>>,
}

/// `fail-under = "hire"`, `fail-under = 70` or `fail-under = 72.5`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(i64),
    Float(f64),
}

impl StringOrNumber {
    fn text(&self) -> String {
        match self {
            StringOrNumber::String(s) => s.clone(),
            StringOrNumber::Number(n) => n.to_string(),
            StringOrNumber::Float(f) => f.to_string(),
        }
    }
}

/// Turns byte spans of one file into [`Location`]s.
struct Locator<'a> {
    name: String,
    text: &'a str,
    lines: LineIndex,
}

impl Locator<'_> {
    fn at(&self, span: Range<usize>) -> Location {
        let start = u32::try_from(span.start.min(self.text.len())).unwrap_or(u32::MAX);
        let lc = self.lines.line_col(self.text, start);
        Location {
            file: self.name.clone(),
            line: lc.line,
            column: lc.column,
        }
    }

    fn origin<T>(&self, s: &Spanned<T>) -> SetBy {
        SetBy::File(self.at(s.span()))
    }
}

fn format_ids() -> Vec<String> {
    Format::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|p| p.get_name().to_string())
        .collect()
}

/// One line from a `toml` error message, with serde's unknown-field wording turned into
/// the contract's: the key named, the valid keys listed.
fn toml_message(message: &str) -> String {
    if let Some(rest) = message.trim().strip_prefix("unknown field `") {
        if let Some((key, _)) = rest.split_once('`') {
            return crate::suggest::unknown("key", key, KEYS, None);
        }
    }
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("; ")
}

/// Parse one id-valued key; an unknown value is recorded at its span and dropped.
fn id<T>(
    loc: &Locator<'_>,
    errors: &mut Vec<ConfigError>,
    value: Option<Spanned<String>>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<Setting<T>> {
    let s = value?;
    match parse(s.get_ref()) {
        Ok(value) => Some(Setting {
            value,
            origin: loc.origin(&s),
        }),
        Err(message) => {
            errors.push(ConfigError {
                at: loc.at(s.span()),
                message,
            });
            None
        }
    }
}

/// Parse the text of the config file at `path` (named in errors as `path.display()`; a
/// relative `rubric` is resolved against `path`'s directory). Every problem is returned,
/// each at its position.
pub fn parse(path: &Path, text: &str) -> Result<Settings, Vec<ConfigError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let loc = Locator {
        name: path.display().to_string(),
        text,
        lines: LineIndex::new(text),
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        vec![ConfigError {
            at: loc.at(e.span().unwrap_or(0..0)),
            message: toml_message(e.message()),
        }]
    })?;
    let mut errors = Vec::new();
    let ids = |e: crate::ids::UnknownId| e.to_string();
    let lp = id(&loc, &mut errors, raw.lp, |s| s.parse::<Lp>().map_err(ids));
    let level = id(&loc, &mut errors, raw.level, |s| {
        s.parse::<GivenLevel>().map_err(ids)
    });
    let fail_under = raw.fail_under.map(|v| {
        let span = v.span();
        Spanned::new(span, v.into_inner().text())
    });
    let fail_under = id(&loc, &mut errors, fail_under, |s| s.parse::<FailUnder>());
    let format = id(&loc, &mut errors, raw.format, |s| {
        Format::from_str(s.trim(), true).map_err(|_| {
            let valid = format_ids();
            let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
            crate::suggest::unknown("format", s, &valid, None)
        })
    });
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.at.line, e.at.column));
        return Err(errors);
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let list = |v: Option<Spanned<Vec<Spanned<String>>>>| {
        v.map(|l| Setting {
            origin: loc.origin(&l),
            value: l
                .get_ref()
                .iter()
                .map(|s| Setting {
                    value: s.get_ref().clone(),
                    origin: loc.origin(s),
                })
                .collect(),
        })
    };
    Ok(Settings {
        lp,
        level,
        rubric: raw.rubric.map(|s| Setting {
            value: dir.join(s.get_ref()),
            origin: loc.origin(&s),
        }),
        format,
        fail_under,
        select: list(raw.select),
        ignore: list(raw.ignore),
        jobs: raw.jobs.map(|s| Setting {
            value: *s.get_ref(),
            origin: loc.origin(&s),
        }),
    })
}

/// The nearest `starlint.toml` in `start` or one of its parents, up to the filesystem root,
/// as a path relative to `start` (`starlint.toml`, `../starlint.toml`, …) so messages
/// stay short and the path still opens from where starlint was run. Anything by that name
/// counts, so that a directory or a broken link named `starlint.toml` is reported when
/// it is read rather than silently passed over for a file further up.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(CONFIG_FILE).symlink_metadata().is_ok())
        .map(|(up, _)| {
            let mut rel = PathBuf::new();
            for _ in 0..up {
                rel.push("..");
            }
            rel.join(CONFIG_FILE)
        })
}

/// Which config file a run uses: none with `--isolated`, the `--config` file, else the
/// nearest `starlint.toml` from the current directory.
pub fn choose(args: &CheckArgs) -> Option<PathBuf> {
    if args.isolated {
        return None;
    }
    if let Some(p) = &args.config {
        return Some(p.clone());
    }
    let cwd = std::env::current_dir().ok()?;
    discover(&cwd)
}

/// Read and parse the config file at `path`. Errors are whole lines for
/// `starlint: error: …` (`file:line:column: message`, or `file: reason`).
pub fn load(path: &Path) -> Result<Settings, Vec<String>> {
    let name = path.display();
    let fail = |why: String| vec![format!("{name}: {why}")];
    let file = std::fs::File::open(path)
        .map_err(|e| fail(crate::input::open_error(path, &e).to_string()))?;
    let meta = file.metadata().ok();
    if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        return Err(fail("is a directory, not a config file".into()));
    }
    let size = meta.filter(std::fs::Metadata::is_file).map(|m| m.len());
    let bytes = crate::input::read_bounded(file, MAX_CONFIG_BYTES, size)
        .map_err(|e| fail(crate::input::io_reason(&e)))?
        .ok_or_else(|| {
            fail(format!(
                "too large for a config file (the limit is {} MiB)",
                MAX_CONFIG_BYTES / (1024 * 1024)
            ))
        })?;
    if let Some(e) = crate::input::utf_bom(&bytes) {
        return Err(fail(e.to_string()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(path, &text).map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

/// The settings of a `check` run: built-in defaults (left as `None`) < the config file
/// [`choose`] picks < the command line. Returns the config file used, if any, too.
pub fn settings(args: &CheckArgs) -> Result<(Settings, Option<PathBuf>), Vec<String>> {
    let mut merged = Settings::default();
    let file = choose(args);
    if let Some(path) = &file {
        merged.update(load(path)?);
    }
    merged.update(Settings::from_args(args));
    Ok((merged, file))
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn origin_note<T>(s: Option<&Setting<T>>) -> String {
    s.map_or_else(|| "default".to_string(), |s| s.origin.to_string())
}

fn line(w: &mut dyn Write, key: &str, value: Option<String>, note: String) -> io::Result<()> {
    match value {
        Some(v) => writeln!(w, "{key} = {v}  # {note}"),
        None => writeln!(w, "# {key}  # {note}"),
    }
}

/// `--show-config`: the merged settings as a `starlint.toml`, each key commented with
/// where its value came from (`default`, a flag, or `file:line:column`).
pub fn show(w: &mut dyn Write, s: &Settings, file: Option<&Path>) -> io::Result<()> {
    match file {
        Some(p) => writeln!(
            w,
            "# starlint settings: command line > {} > built-in defaults",
            p.display()
        )?,
        None => writeln!(
            w,
            "# starlint settings: command line > built-in defaults (no config file)"
        )?,
    }
    writeln!(
        w,
        "# lp and level: a story's front matter wins over the config file, a flag over both"
    )?;
    let lp = s.lp.as_ref().map_or(Lp::General, |v| v.value);
    line(w, "lp", Some(quoted(lp.id())), origin_note(s.lp.as_ref()))?;
    let level = s.level.as_ref().map_or(Level::Sde2, |v| v.value.level);
    line(
        w,
        "level",
        Some(quoted(level.id())),
        origin_note(s.level.as_ref()),
    )?;
    match &s.rubric {
        Some(r) => line(
            w,
            "rubric",
            Some(quoted(&r.value.display().to_string())),
            r.origin.to_string(),
        )?,
        None => line(w, "rubric", None, "default: the embedded rubric".into())?,
    }
    let format = s.format.as_ref().map_or(Format::Human, |v| v.value);
    let format_id = format
        .to_possible_value()
        .map_or_else(String::new, |p| p.get_name().to_string());
    line(
        w,
        "format",
        Some(quoted(&format_id)),
        origin_note(s.format.as_ref()),
    )?;
    let fail_under = s
        .fail_under
        .as_ref()
        .map_or_else(FailUnder::default, |v| v.value);
    let fail_under = match fail_under {
        FailUnder::Verdict(v) => quoted(v.id()),
        FailUnder::Score(n) => n.to_string(),
    };
    line(
        w,
        "fail-under",
        Some(fail_under),
        origin_note(s.fail_under.as_ref()),
    )?;
    let list = |l: &Selectors| {
        let items: Vec<String> = l.value.iter().map(|s| quoted(&s.value)).collect();
        format!("[{}]", items.join(", "))
    };
    match &s.select {
        Some(l) => line(w, "select", Some(list(l)), l.origin.to_string())?,
        None => line(w, "select", None, "default: every rule".into())?,
    }
    match &s.ignore {
        Some(l) => line(w, "ignore", Some(list(l)), l.origin.to_string())?,
        None => line(w, "ignore", Some("[]".into()), "default".into())?,
    }
    match &s.jobs {
        Some(j) => line(w, "jobs", Some(j.value.to_string()), j.origin.to_string())?,
        None => line(w, "jobs", None, "default: all cores".into())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn at(file: &str, line: u32, column: u32) -> SetBy {
        SetBy::File(Location {
            file: file.into(),
            line,
            column,
        })
    }

    fn args(argv: &[&str]) -> CheckArgs {
        let mut full = vec!["starlint"];
        full.extend_from_slice(argv);
        crate::cli::args::Cli::parse_from(full).check
    }

    use crate::ids::Verdict;

    #[test]
    fn fail_under_is_a_verdict_or_a_score_as_a_number_or_a_string() {
        for (text, want) in [
            (
                "fail-under = 70",
                FailUnder::Score(crate::ids::Score::points(70)),
            ),
            (
                "fail-under = \"85\"",
                FailUnder::Score(crate::ids::Score::points(85)),
            ),
            (
                "fail-under = 72.5",
                FailUnder::Score(crate::ids::Score::from_tenths(725)),
            ),
            ("fail-under = \"hire\"", FailUnder::Verdict(Verdict::Hire)),
        ] {
            let s = parse(Path::new("s.toml"), text).unwrap();
            assert_eq!(s.fail_under.unwrap().value, want, "{text}");
        }
        let errors = parse(Path::new("s.toml"), "fail-under = 101").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "s.toml:1:14: `101` is not a verdict or a score (a score is a number from 0 \
             to 100, at most one decimal)"
        );
    }

    #[test]
    fn parses_every_key_with_positions() {
        let text = "lp = \"think-big\"\nlevel = \"senior\"\nrubric = \"team/rubric.toml\"\n\
                    format = \"json\"\nfail-under = \"strong_hire\"\n\
                    select = [\"A\", \"we-language\"]\nignore = [\"R0\"]\njobs = 3\n";
        let s = parse(Path::new("repo/starlint.toml"), text).unwrap();
        let f = "repo/starlint.toml";
        assert_eq!(
            s.lp,
            Some(Setting {
                value: Lp::ThinkBig,
                origin: at(f, 1, 6)
            })
        );
        assert_eq!(s.level.unwrap().value.level, Level::Senior);
        // A relative rubric is resolved against the config file's directory.
        assert_eq!(
            s.rubric.unwrap().value,
            Path::new("repo").join("team/rubric.toml")
        );
        assert_eq!(s.format.unwrap().value, Format::Json);
        assert_eq!(
            s.fail_under.unwrap().value,
            FailUnder::Verdict(Verdict::StrongHire)
        );
        let select = s.select.unwrap();
        assert_eq!(select.origin, at(f, 6, 10));
        let names: Vec<&str> = select.value.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(names, ["A", "we-language"]);
        assert_eq!(select.value[1].origin, at(f, 6, 16));
        assert_eq!(s.ignore.unwrap().value[0].value, "R0");
        assert_eq!(
            s.jobs,
            Some(Setting {
                value: 3,
                origin: at(f, 8, 8)
            })
        );
    }

    #[test]
    fn an_empty_file_sets_nothing_and_an_absolute_rubric_stays() {
        assert_eq!(
            parse(Path::new("starlint.toml"), "").unwrap(),
            Settings::default()
        );
        let s = parse(Path::new("a/starlint.toml"), "rubric = \"/x/r.toml\"").unwrap();
        assert_eq!(s.rubric.unwrap().value, PathBuf::from("/x/r.toml"));
        // A file in the current directory: the rubric stays relative to it.
        let s = parse(Path::new("starlint.toml"), "rubric = \"r.toml\"").unwrap();
        assert_eq!(s.rubric.unwrap().value, PathBuf::from("r.toml"));
    }

    #[test]
    fn unknown_key_is_named_at_its_line_and_column_with_the_valid_keys() {
        let errors = parse(
            Path::new("starlint.toml"),
            "lp = \"ownership\"\n  colour = \"always\"\n",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "starlint.toml:2:3: unknown key `colour` (valid: lp, level, rubric, format, \
             fail-under, select, ignore, jobs)"
        );
    }

    #[test]
    fn a_mistyped_key_gets_a_suggestion() {
        let errors = parse(Path::new("s.toml"), "fail_undr = 70").unwrap_err();
        assert_eq!(
            errors[0].message,
            "unknown key `fail_undr`; did you mean `fail-under`? (valid: lp, level, rubric, \
             format, fail-under, select, ignore, jobs)"
        );
    }

    #[test]
    fn unknown_values_are_named_and_the_valid_ones_listed_every_one_at_once() {
        let text =
            "format = \"xml\"\nlp = \"thinkbig\"\nlevel = \"sde9\"\nfail-under = \"maybe\"\n";
        let errors: Vec<String> = parse(Path::new("c.toml"), text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].starts_with("c.toml:1:10: unknown format `xml` (valid: human, json"));
        assert!(
            errors[1].starts_with(
                "c.toml:2:6: unknown LP `thinkbig`; did you mean `think-big`? (valid: \
                 customer-obsession,"
            ),
            "{errors:?}"
        );
        assert_eq!(
            errors[2],
            "c.toml:3:9: unknown level `sde9` (valid: sde1, sde2, senior)"
        );
        assert_eq!(
            errors[3],
            "c.toml:4:14: unknown verdict `maybe` (valid: no_hire, leaning_no_hire, hire, \
             strong_hire, or a score from 0 to 100)"
        );
    }

    #[test]
    fn malformed_toml_and_wrong_types_are_one_line_each_at_a_position() {
        for (text, line, column) in [
            ("lp = \n", 1, 6),
            ("select = \"A\"\n", 1, 10),
            ("\n\njobs = -1\n", 3, 8),
            ("[lp]\n", 1, 1),
        ] {
            let errors = parse(Path::new("s.toml"), text).unwrap_err();
            assert_eq!(errors.len(), 1, "{text:?}");
            let e = &errors[0];
            assert_eq!((e.at.line, e.at.column), (line, column), "{text:?}: {e}");
            assert!(!e.message.contains('\n'), "{e}");
        }
    }

    #[test]
    fn aliases_are_accepted_as_on_the_command_line() {
        let s = parse(
            Path::new("s.toml"),
            "lp = \"disagree-and-commit\"\nfail-under = \"Leaning No Hire\"\nformat = \"JSON\"",
        )
        .unwrap();
        assert_eq!(s.lp.unwrap().value, Lp::HaveBackbone);
        assert_eq!(
            s.fail_under.unwrap().value,
            FailUnder::Verdict(Verdict::LeaningNoHire)
        );
        assert_eq!(s.format.unwrap().value, Format::Json);
    }

    #[test]
    fn flags_win_over_the_config_key_by_key() {
        let mut merged = Settings::default();
        merged.update(
            parse(
                Path::new("starlint.toml"),
                "lp = \"ownership\"\nlevel = \"senior\"\nignore = [\"A\"]\njobs = 2\n",
            )
            .unwrap(),
        );
        merged.update(Settings::from_args(&args(&[
            "--level",
            "sde1",
            "--ignore",
            "R001,R002",
        ])));
        // Set by the config only: kept, with its position.
        assert_eq!(merged.lp.as_ref().unwrap().value, Lp::Ownership);
        assert_eq!(merged.lp.unwrap().origin, at("starlint.toml", 1, 6));
        assert_eq!(merged.jobs.unwrap().value, 2);
        // Set by both: the flag wins, and a list is replaced, not extended.
        let level = merged.level.unwrap();
        assert_eq!(
            (level.value.level, level.origin),
            (Level::Sde1, SetBy::Flag("--level"))
        );
        let ignore: Vec<String> = merged
            .ignore
            .unwrap()
            .value
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(ignore, ["R001", "R002"]);
        // Set by neither: left to the built-in default.
        assert_eq!(merged.format, None);
        assert_eq!(merged.select, None);
    }

    #[test]
    fn update_with_an_empty_layer_changes_nothing() {
        let base = parse(Path::new("s.toml"), "format = \"jsonl\"").unwrap();
        let mut merged = base.clone();
        merged.update(Settings::default());
        assert_eq!(merged, base);
    }

    #[test]
    fn discovery_finds_the_nearest_file_upwards_as_a_relative_path() {
        let tmp = tempfile::tempdir().unwrap();
        let nested = tmp.path().join("a/b/c");
        std::fs::create_dir_all(&nested).unwrap();
        if discover(tmp.path()).is_none() {
            assert_eq!(discover(&nested), None);
        }
        std::fs::write(tmp.path().join("a/starlint.toml"), "").unwrap();
        assert_eq!(
            discover(&nested),
            Some(Path::new("../..").join(CONFIG_FILE))
        );
        std::fs::write(nested.join(CONFIG_FILE), "").unwrap();
        assert_eq!(discover(&nested), Some(PathBuf::from(CONFIG_FILE)));
        // A directory named starlint.toml is found (and refused when it is read), not
        // passed over for a file further up.
        let other = tmp.path().join("x");
        std::fs::create_dir_all(other.join(CONFIG_FILE)).unwrap();
        std::fs::write(tmp.path().join(CONFIG_FILE), "").unwrap();
        assert_eq!(discover(&other), Some(PathBuf::from(CONFIG_FILE)));
        let err = load(&other.join(CONFIG_FILE)).unwrap_err();
        assert!(
            err[0].ends_with(": is a directory, not a config file"),
            "{err:?}"
        );
    }

    #[test]
    fn isolated_and_config_choose_the_file() {
        assert_eq!(choose(&args(&["--isolated"])), None);
        assert_eq!(
            choose(&args(&["--config", "ci/starlint.toml"])),
            Some(PathBuf::from("ci/starlint.toml"))
        );
    }

    #[test]
    fn show_config_names_where_each_value_came_from() {
        let mut s = parse(
            Path::new("starlint.toml"),
            "lp = \"dive-deep\"\nselect = [\"A\"]",
        )
        .unwrap();
        s.update(Settings::from_args(&args(&["--format", "json"])));
        let mut out = Vec::new();
        show(&mut out, &s, Some(Path::new("starlint.toml"))).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("lp = \"dive-deep\"  # starlint.toml:1:6\n"),
            "{out}"
        );
        assert!(out.contains("level = \"sde2\"  # default\n"), "{out}");
        assert!(out.contains("format = \"json\"  # --format\n"), "{out}");
        assert!(
            out.contains("select = [\"A\"]  # starlint.toml:2:10\n"),
            "{out}"
        );
        assert!(
            out.contains("# rubric  # default: the embedded rubric\n"),
            "{out}"
        );
    }
}
