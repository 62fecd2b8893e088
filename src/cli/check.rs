//! `starlint check`: read every input, score them in parallel, emit in input order.

use super::args::{CheckArgs, ColorChoice, Format, InputFormat};
use super::{error_line, load_rubric, ExitStatus};
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
            vec![read_text(origin, input::read_file(p))]
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
        InputItem::File(p) => (p.display().to_string(), input::read_file(p)),
    };
    let text = match bytes.and_then(input::decode) {
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

/// Build the selection from `--select` / `--ignore`; an unknown selector is a usage error.
fn selection(
    cx: &Context,
    select: Option<&[String]>,
    ignore: Option<&[String]>,
) -> Result<Vec<bool>, String> {
    let rules = &cx.rubric.rules;
    let check = |flag: &str, list: &[String]| -> Result<(), String> {
        for s in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !rules.iter().any(|r| r.selected_by(s)) {
                let valid: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
                return Err(format!("{flag}: unknown rule `{s}` (valid: a code such as A001, a code prefix such as A or R0, or a name: {})", valid.join(", ")));
            }
        }
        Ok(())
    };
    let mut sel: Vec<bool> = match select {
        Some(list) => {
            check("--select", list)?;
            rules
                .iter()
                .map(|r| list.iter().any(|s| r.selected_by(s)))
                .collect()
        }
        None => vec![true; rules.len()],
    };
    if let Some(list) = ignore {
        check("--ignore", list)?;
        for r in rules {
            if list.iter().any(|s| r.selected_by(s)) {
                sel[r.id] = false;
            }
        }
    }
    Ok(sel)
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
    let Some(rubric) = load_rubric(args.rubric.as_deref()) else {
        return Ok(ExitStatus::Error);
    };
    let mut cx = Context::new(rubric);
    cx.flag_lp = args.lp;
    cx.flag_level = args.level;
    match selection(&cx, args.select.as_deref(), args.ignore.as_deref()) {
        Ok(s) => cx.selected = s,
        Err(e) => {
            error_line(&e);
            return Ok(ExitStatus::Error);
        }
    }
    let format = args.format.unwrap_or(Format::Human);
    let fail_under = args.fail_under.unwrap_or(Verdict::Hire);

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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build();
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
