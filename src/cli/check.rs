//! `starlint check`: read every input, score them in parallel, emit in input order.

use super::args::{CheckArgs, ColorChoice, Format, InputFormat};
use super::config::{self, Selectors, SetBy, Settings};
use super::{compile_rubric, error_line, read_rubric, ExitStatus};
use crate::ids::Verdict;
use crate::input::{self, InputError, InputItem, Origin, Source};
use crate::render::human::HumanOptions;
use crate::render::EmitOptions;
use crate::report::{AnswerReport, SummaryBuilder};
use crate::Context;
use rayon::prelude::*;
use std::io::{self, BufWriter, IsTerminal, Read, Write};

/// One unit of work: a readable answer or an error to report in its place.
enum Work {
    Answer(Source),
    Failed(Origin, InputError),
}

fn read_item(item: &InputItem) -> Vec<Work> {
    match item {
        InputItem::Error(name, e) => vec![Work::Failed(Origin(name.clone()), e.clone())],
        InputItem::Stdin => vec![read_text(
            Origin("<stdin>".into()),
            input::read_limited(io::stdin().lock()),
        )],
        InputItem::File(p) => {
            let origin = Origin(p.display().to_string());
            let bytes = std::fs::File::open(p)
                .map_err(|e| InputError::Io(input::io_reason(&e)))
                .and_then(|f| {
                    if f.metadata().is_ok_and(|m| m.is_dir()) {
                        return Err(InputError::Io("is a directory".into()));
                    }
                    input::read_limited(f)
                });
            vec![read_text(origin, bytes)]
        }
    }
}

fn read_text(origin: Origin, bytes: Result<Vec<u8>, InputError>) -> Work {
    match bytes
        .and_then(input::decode)
        .and_then(|t| Source::from_text(origin.clone(), t))
    {
        Ok(s) => Work::Answer(s),
        Err(e) => Work::Failed(origin, e),
    }
}

fn read_jsonl(item: &InputItem) -> Vec<Work> {
    let (name, bytes) = match item {
        InputItem::Error(name, e) => return vec![Work::Failed(Origin(name.clone()), e.clone())],
        InputItem::Stdin => (
            "<stdin>".to_string(),
            input::read_limited(io::stdin().lock()),
        ),
        InputItem::File(p) => (
            p.display().to_string(),
            std::fs::File::open(p)
                .map_err(|e| InputError::Io(input::io_reason(&e)))
                .and_then(input::read_limited),
        ),
    };
    let text = match bytes.and_then(|b| {
        String::from_utf8(b).map_err(|e| InputError::NotUtf8 {
            valid_up_to: e.utf8_error().valid_up_to(),
        })
    }) {
        Ok(t) => t,
        Err(e) => return vec![Work::Failed(Origin(name), e)],
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| match input::parse_jsonl_line(i + 1, l) {
            Ok(s) => Work::Answer(s),
            Err((o, e)) => Work::Failed(o, e),
        })
        .collect()
}

/// Build the selection from `select` / `ignore` (flags or config). Every unknown selector
/// is a usage error, named at its flag or its `file:line:column`.
fn selection(
    cx: &Context,
    select: Option<&Selectors>,
    ignore: Option<&Selectors>,
) -> Result<Vec<bool>, Vec<String>> {
    let rules = &cx.rubric.rules;
    let mut errors = Vec::new();
    let mut check = |key: &str, list: &Selectors| {
        for s in &list.value {
            let name = s.value.trim();
            if name.is_empty() || rules.iter().any(|r| r.selected_by(name)) {
                continue;
            }
            let valid: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
            let what = match &s.origin {
                SetBy::Flag(_) => format!("unknown rule `{name}`"),
                SetBy::File(_) => format!("unknown rule `{name}` in `{key}`"),
            };
            errors.push(format!(
                "{}: {what} (valid: a code such as A001, a code prefix such as A or R0, or a name: {})",
                s.origin,
                valid.join(", ")
            ));
        }
    };
    if let Some(list) = select {
        check("select", list);
    }
    if let Some(list) = ignore {
        check("ignore", list);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let hit = |list: &Selectors, r: &crate::rubric::Rule| {
        list.value.iter().any(|s| r.selected_by(&s.value))
    };
    let mut sel: Vec<bool> = match select {
        Some(list) => rules.iter().map(|r| hit(list, r)).collect(),
        None => vec![true; rules.len()],
    };
    if let Some(list) = ignore {
        for r in rules {
            if hit(list, r) {
                sel[r.id] = false;
            }
        }
    }
    Ok(sel)
}

/// Build the run's [`Context`] from the merged settings: the rubric (with its overlay),
/// the selection, and the LP and level at the layer they came from.
fn context(settings: &Settings) -> Result<Context, Vec<String>> {
    let overlay = match &settings.rubric {
        Some(r) => match read_rubric(&r.value) {
            Ok(o) => Some(o),
            Err(e) => {
                return Err(vec![match &r.origin {
                    SetBy::Flag(_) => e,
                    SetBy::File(at) => format!("{at}: rubric: {e}"),
                }])
            }
        },
        None => None,
    };
    // compile_rubric prints the rubric's own errors (each already `file:line:column`).
    let rubric = compile_rubric(overlay).ok_or_else(Vec::new)?;
    let mut cx = Context::new(rubric);
    // A flag wins over front matter; a config value loses to it (Context::resolve).
    if let Some(lp) = &settings.lp {
        match lp.origin {
            SetBy::Flag(_) => cx.flag_lp = Some(lp.value),
            SetBy::File(_) => cx.config_lp = Some(lp.value),
        }
    }
    if let Some(level) = &settings.level {
        match level.origin {
            SetBy::Flag(_) => cx.flag_level = Some(level.value),
            SetBy::File(_) => cx.config_level = Some(level.value),
        }
    }
    cx.selected = selection(&cx, settings.select.as_ref(), settings.ignore.as_ref())?;
    Ok(cx)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn terminal_width() -> usize {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
    {
        return w.clamp(40, 200);
    }
    terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0).clamp(40, 200))
}

/// Read an answer pasted at the terminal, after a short prompt on stderr.
fn prompt_paste() -> io::Result<Vec<u8>> {
    let mut e = io::stderr().lock();
    writeln!(
        e,
        "Paste your answer, then press Ctrl-D (Ctrl-Z then Enter on Windows):"
    )?;
    drop(e);
    let mut buf = Vec::new();
    io::stdin()
        .lock()
        .take(input::MAX_INPUT_BYTES + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// Run `check`.
pub fn run(args: &CheckArgs) -> io::Result<ExitStatus> {
    let (settings, file) = match config::settings(args) {
        Ok(s) => s,
        Err(errors) => {
            errors.iter().for_each(|e| error_line(e));
            return Ok(ExitStatus::Error);
        }
    };
    if args.show_config {
        let mut out = io::stdout().lock();
        config::show(&mut out, &settings, file.as_deref())?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    let cx = match context(&settings) {
        Ok(cx) => cx,
        Err(errors) => {
            errors.iter().for_each(|e| error_line(e));
            return Ok(ExitStatus::Error);
        }
    };
    let format = settings.format.as_ref().map_or(Format::Human, |s| s.value);
    let fail_under = settings
        .fail_under
        .as_ref()
        .map_or(Verdict::Hire, |s| s.value);
    let jobs = settings.jobs.as_ref().map_or(0, |s| s.value);

    // Inputs.
    let jsonl = args.input == Some(InputFormat::Jsonl);
    let items: Vec<InputItem> = if args.paths.is_empty() {
        vec![InputItem::Stdin]
    } else {
        input::expand_paths(&args.paths)
    };
    let mut work: Vec<Work> = Vec::new();
    if args.paths.is_empty() && !jsonl && io::stdin().is_terminal() {
        let bytes = prompt_paste().map_err(|e| InputError::Io(input::io_reason(&e)));
        work.push(read_text(Origin("<stdin>".into()), bytes));
    } else {
        for item in &items {
            work.extend(if jsonl {
                read_jsonl(item)
            } else {
                read_item(item)
            });
        }
    }
    if work.is_empty() {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        error_line(&format!(
            "{}: no answers found (looked for *.md, *.txt and *.star)",
            names.join(", ")
        ));
        return Ok(ExitStatus::Error);
    }

    // Score in parallel; results keep input order.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build();
    let score = |w: &Work| -> AnswerReport {
        match w {
            Work::Answer(src) => crate::check_answer(src, &cx),
            Work::Failed(origin, e) => {
                let (lp, level) = cx.resolve(None, None);
                AnswerReport::failed(origin.0.clone(), lp, level, e.to_string())
            }
        }
    };
    let reports: Vec<AnswerReport> = match pool {
        Ok(pool) => pool.install(|| work.par_iter().map(score).collect()),
        Err(_) => work.iter().map(score).collect(),
    };

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let human = HumanOptions {
        color: use_color(args.color.unwrap_or(ColorChoice::Auto)),
        width: terminal_width(),
        quiet_below: args.quiet.then_some(fail_under),
    };
    let mut emitter = format.emitter(EmitOptions {
        rubric: &cx.rubric,
        fail_under,
        human: &human,
    });
    let mut summary = SummaryBuilder::default();
    let mut status = ExitStatus::Success;
    for r in &reports {
        if let Some(e) = &r.error {
            error_line(&format!("{}: {e}", r.source));
            status = ExitStatus::Error;
        } else if r.verdict.is_some_and(|v| v < fail_under) && status == ExitStatus::Success {
            status = ExitStatus::Failure;
        }
        if format.is_human() && r.error.is_some() {
            summary.add(r);
            continue;
        }
        emitter.answer(&mut out, r)?;
        summary.add(r);
    }
    emitter.finish(&mut out, &summary.finish())?;
    out.flush()?;
    Ok(status)
}
