//! `starlint check`: settings and context, then the batch pipeline ([`super::batch`]).

use super::args::{CheckArgs, ColorChoice, Format, InputFormat};
use super::batch::{self, Sink};
use super::config::{self, Selectors, SetBy, Settings};
use super::{compile_rubric, error_line, note_line, read_rubric, unknown_rule, ExitStatus};
use crate::ids::FailUnder;
use crate::input::{self, InputError, InputItem, Job, JsonLines, Origin};
use crate::render::human::HumanOptions;
use crate::render::EmitOptions;
use crate::Context;
use std::io::{self, IsTerminal, Read, Write};

/// Build the selection from `select` / `ignore` (flags or config). Every unknown selector
/// is a usage error, named at its flag or its `file:line:column`, and so is a selection
/// that leaves no rule on (`--select=` from an empty variable would otherwise check
/// nothing and call every answer a Strong Hire).
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
            let within = match &s.origin {
                SetBy::Flag(_) => None,
                SetBy::File(_) => Some(key),
            };
            let what = unknown_rule(name, within, &cx.rubric, true);
            errors.push(format!("{}: {what}", s.origin));
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
    if !sel.contains(&true) {
        let selected_some = select.is_none_or(|l| rules.iter().any(|r| hit(l, r)));
        let origin = match (selected_some, select, ignore) {
            (true, _, Some(i)) => i.origin.to_string(),
            (_, Some(s), _) => s.origin.to_string(),
            _ => "--select".to_string(),
        };
        return Err(vec![format!(
            "{origin}: leaves no rule on, so nothing would be checked (an empty `--select=` \
             selects nothing; `starlint rules` lists the rules)"
        )]);
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

/// Every file this run reads besides standard input: answers (given or walked), JSON-lines
/// files, the rubric and the config file. `-o` may not write over any of them.
fn inputs(
    items: &[InputItem],
    settings: &Settings,
    config: Option<&std::path::Path>,
) -> Vec<std::path::PathBuf> {
    let mut all: Vec<std::path::PathBuf> = items
        .iter()
        .filter_map(|i| match i {
            InputItem::File(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    all.extend(settings.rubric.as_ref().map(|r| r.value.clone()));
    all.extend(config.map(std::path::Path::to_path_buf));
    all
}

fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        // A report written to a file is read later, not on this terminal.
        ColorChoice::Auto if to_file => false,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // Only a terminal, and then anstream's rule: not with `NO_COLOR` (or `CLICOLOR=0`,
        // or `TERM=dumb`); piped output gets no escape codes.
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
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
    if let Err(e) = super::views::validate(args, settings.format.as_ref()) {
        error_line(&e);
        return Ok(ExitStatus::Error);
    }
    if args.show_config {
        let mut out = io::stdout().lock();
        config::show(&mut out, &settings, file.as_deref())?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    crate::warm_up();
    let mut cx = match context(&settings) {
        Ok(cx) => cx,
        Err(errors) => {
            errors.iter().for_each(|e| error_line(e));
            return Ok(ExitStatus::Error);
        }
    };
    cx.ignore_suppressions = args.ignore_suppressions;
    cx.flag_field = args.field;
    cx.question.clone_from(&args.question);
    let format = settings.format.as_ref().map_or(Format::Human, |s| s.value);
    cx.rank_fixes = format.is_human();
    let fail_under = settings
        .fail_under
        .as_ref()
        .map_or_else(FailUnder::default, |s| s.value);
    let jobs_n = match &settings.jobs {
        Some(j) => {
            let asked = match &j.origin {
                SetBy::Flag(flag) => format!("{flag} {}", j.value),
                SetBy::File(at) => format!("{at}: jobs = {}", j.value),
            };
            let (n, note) = super::jobs::threads(j.value, &asked);
            if let Some(note) = note {
                note_line(&note);
            }
            n
        }
        None => 0,
    };

    // Inputs: jobs name what to read; workers read them. Nothing is read up front except
    // an answer pasted at the prompt.
    let jsonl = args.input == Some(InputFormat::Jsonl);
    let items: Vec<InputItem> = if args.paths.is_empty() {
        vec![InputItem::Stdin]
    } else {
        input::expand_paths(&args.paths)
    };
    let items_seen = if args.output_file.is_some() {
        items.clone()
    } else {
        Vec::new()
    };
    let pasted = args.paths.is_empty() && !jsonl && io::stdin().is_terminal();
    let mut items_for_count = Vec::new();
    let (jobs, total): (Box<dyn Iterator<Item = Job>>, Option<usize>) = if pasted {
        let bytes = prompt_paste().map_err(|e| InputError::Io(input::io_reason(&e)));
        (
            Box::new(std::iter::once(Job::Bytes(Origin("<stdin>".into()), bytes))),
            Some(1),
        )
    } else if jsonl {
        items_for_count = items.clone();
        (
            Box::new(items.into_iter().flat_map(|item| JsonLines::open(&item))),
            None,
        )
    } else {
        let n = items.len();
        (Box::new(items.into_iter().map(Job::from_item)), Some(n))
    };

    // The calling thread is one of the pool's: it runs the answers it would otherwise wait
    // for, and a run of one answer on one thread starts no thread at all (its memory, the
    // rubric's freed model included, stays in this thread's heap). rayon leaks a pool
    // built this way, which a process that exits after it does not mind.
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs_n)
        .use_current_thread()
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            error_line(&format!(
                "--jobs {jobs_n}: cannot start worker threads: {e}"
            ));
            return Ok(ExitStatus::Error);
        }
    };
    let human = HumanOptions {
        color: use_color(
            args.color.unwrap_or(ColorChoice::Auto),
            args.output_file.is_some(),
        ),
        width: terminal_width(),
        quiet_below: args.quiet.then_some(fail_under),
    };
    let emitter = super::views::emitter(
        args,
        format,
        EmitOptions {
            rubric: &cx.rubric,
            fail_under,
            human: &human,
        },
    );
    let output = super::output::open(
        args.output_file.as_deref(),
        &inputs(&items_seen, &settings, file.as_deref()),
    );
    let (out, pending) = match output {
        Ok(o) => (o.writer, o.pending),
        Err(e) => {
            error_line(&e);
            return Ok(ExitStatus::Error);
        }
    };
    let mut sink = Sink::new(out, emitter, fail_under, format.is_human());
    if super::views::summary_to_stderr(args, format) {
        sink.summary_to_stderr(human.width);
    }
    let progress = batch::progress_wanted(args.quiet);
    let total = match total {
        None if jsonl && progress => super::progress::count_json_lines(&items_for_count),
        known => known,
    };
    let seen = batch::run(
        jobs,
        total,
        &cx,
        &pool,
        &mut sink,
        format == Format::Jsonl,
        progress,
    );
    if seen == 0 {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        error_line(&format!(
            "{}: no answers found (looked for *.md, *.txt and *.star)",
            names.join(", ")
        ));
        return Ok(ExitStatus::Error);
    }
    let mut status = sink.finish()?;
    if args.exit_zero && status == ExitStatus::Failure {
        status = ExitStatus::Success;
    }
    // The compiled rubric is thousands of small allocations; the process is about to exit
    // and the OS takes the memory back at once, so freeing them one by one (5% of a pasted
    // answer's run) is skipped.
    std::mem::forget(cx);
    if let Some(p) = pending {
        if let Err(e) = p.commit() {
            error_line(&e);
            return Ok(ExitStatus::Error);
        }
    }
    Ok(status)
}
