//! The batch pipeline of `starlint check`: read, score and emit answers in bounded memory.
//!
//! Jobs (what to read, not what was read) are pulled from the inputs a chunk at a time; a
//! chunk is read and scored on the rayon pool, each worker reading its own file, and the
//! reports go to one [`Sink`] that owns the writer, the emitter, the summary and the exit
//! status. Order-stable formats receive a chunk's reports in input order once the chunk is
//! done; `jsonl` receives each report the moment it is finished. Memory is bounded by the
//! chunk, never by the number of answers: 100,000 JSON lines are never in memory at once.
//! The compiled rubric is built once, before any of this, and shared by every worker.

use super::ExitStatus;
use crate::ids::FailUnder;
use crate::input::Job;
use crate::render::Emitter;
use crate::report::{AnswerReport, SummaryBuilder};
use crate::Context;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::io::{self, Write};
use std::sync::Mutex;

/// Answers read and scored together. Big enough that the pool rarely idles at a chunk's
/// end, small enough that a chunk of large answers stays a few megabytes.
const CHUNK: usize = 256;

/// Batches with more answers than this get a progress bar (on a terminal).
const PROGRESS_AFTER: usize = 5;

/// JSON-lines ids remembered to warn about a repeated one; past this many, later ids are
/// not checked (a note says so), so an endless stream does not grow memory without end.
const REMEMBERED_IDS: usize = 1_000_000;

/// The JSON-lines ids seen so far, to warn when one comes again.
///
/// Warnings follow input order whatever order a chunk's answers finish in (`jsonl`
/// output takes each as it is done): an id waits until every earlier answer of its chunk
/// has been taken.
#[derive(Default)]
struct Ids {
    seen: rustc_hash::FxHashSet<u64>,
    /// The position in the chunk of the next answer to check.
    next: usize,
    /// Answers taken ahead of `next`: (position in the chunk, where and id if any).
    waiting: Vec<(usize, Option<(String, String)>)>,
    full: bool,
}

impl Ids {
    /// Take the `index`th report of the chunk.
    fn take(&mut self, index: usize, r: &AnswerReport) {
        // A line whose id could not be read is named by where it was read, not by an id.
        let id = r
            .read_at
            .as_ref()
            .filter(|at| r.source.as_str() != at.as_str())
            .map(|at| (at.clone(), r.source.to_string()));
        self.waiting.push((index, id));
        self.waiting
            .sort_unstable_by_key(|w| std::cmp::Reverse(w.0));
        while self.waiting.last().is_some_and(|w| w.0 == self.next) {
            if let Some((_, Some((at, id)))) = self.waiting.pop() {
                self.check(&at, &id);
            }
            self.next += 1;
        }
    }

    fn check(&mut self, at: &str, id: &str) {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(id);
        if self.seen.contains(&hash) {
            super::warning_line(&format!(
                "{at}: id `{id}` was already used by an earlier answer; both are scored"
            ));
        } else if self.seen.len() < REMEMBERED_IDS {
            self.seen.insert(hash);
        } else if !self.full {
            self.full = true;
            super::note_line(&format!(
                "{at}: more than {REMEMBERED_IDS} ids; later ones are not checked for repeats"
            ));
        }
    }

    /// The chunk is done: the next one starts at position 0.
    fn end_chunk(&mut self) {
        self.waiting.sort_unstable_by_key(|w| w.0);
        for (_, id) in std::mem::take(&mut self.waiting) {
            if let Some((at, id)) = id {
                self.check(&at, &id);
            }
        }
        self.next = 0;
    }
}

/// Where reports go: one writer, one emitter, the running summary and status.
pub struct Sink<'a> {
    out: Box<dyn Write + Send + 'a>,
    emitter: Box<dyn Emitter + 'a>,
    summary: SummaryBuilder,
    status: ExitStatus,
    fail_under: FailUnder,
    ids: Ids,
    /// Human reports do not repeat an unreadable input's error line in the body.
    human: bool,
    progress: Option<ProgressBar>,
    /// The first write error; once set, nothing more is written.
    failed: Option<io::Error>,
    /// Also write the cohort summary to standard error at the end, this wide.
    stderr_summary: Option<usize>,
}

impl<'a> Sink<'a> {
    /// A sink writing `emitter`'s output to `out`.
    pub fn new(
        out: Box<dyn Write + Send + 'a>,
        emitter: Box<dyn Emitter + 'a>,
        fail_under: FailUnder,
        human: bool,
    ) -> Sink<'a> {
        Sink {
            out,
            emitter,
            summary: SummaryBuilder::default(),
            status: ExitStatus::Success,
            fail_under,
            ids: Ids::default(),
            human,
            progress: None,
            failed: None,
            stderr_summary: None,
        }
    }

    /// Also write the cohort summary to standard error once the report is written (a
    /// machine format on a terminal), wrapped to `width`.
    pub fn summary_to_stderr(&mut self, width: usize) {
        self.stderr_summary = Some(width);
    }

    /// Take one finished report (the `index`th of its chunk): report its error, update the
    /// status and summary, emit it.
    fn take(&mut self, r: &AnswerReport, index: usize) {
        if let Some(p) = &self.progress {
            p.inc(1);
        }
        self.ids.take(index, r);
        if let Some(e) = &r.error {
            let line = format!("{}: {e}", r.read_at.as_deref().unwrap_or(&r.source));
            match &self.progress {
                Some(p) => p.suspend(|| super::error_line(&line)),
                None => super::error_line(&line),
            }
            self.status = ExitStatus::Error;
        } else if self.fail_under.fails(r.verdict, r.score) && self.status == ExitStatus::Success {
            self.status = ExitStatus::Failure;
        }
        self.summary.add(r);
        if self.failed.is_some() || (self.human && r.error.is_some()) {
            return;
        }
        let (emitter, out) = (&mut self.emitter, &mut self.out);
        let result = match &self.progress {
            Some(p) => p.suspend(|| emitter.answer(out.as_mut(), r).and_then(|()| out.flush())),
            None => emitter.answer(out.as_mut(), r),
        };
        if let Err(e) = result {
            self.failed = Some(e);
        }
    }

    /// Close the document, flush, and give the run's status (or the first write error).
    pub fn finish(mut self) -> io::Result<ExitStatus> {
        if let Some(p) = self.progress.take() {
            p.finish_and_clear();
        }
        if let Some(e) = self.failed {
            return Err(e);
        }
        let summary = self.summary.finish();
        self.emitter.finish(self.out.as_mut(), &summary)?;
        self.out.flush()?;
        if let Some(width) = self.stderr_summary.filter(|_| summary.answers > 1) {
            let mut e = io::stderr().lock();
            crate::render::cohort::write_separator(&mut e, width)?;
            crate::render::cohort::write_cohort(&mut e, &summary, width)?;
        }
        Ok(self.status)
    }
}

/// Whether to draw a progress bar: only for people watching a terminal.
pub fn progress_wanted(quiet: bool) -> bool {
    use std::io::IsTerminal;
    !quiet
        && io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
}

/// Score one job: read it in this worker, then check it.
fn score(job: Job, cx: &Context) -> AnswerReport {
    match job.read() {
        Ok(src) => crate::check_answer(&src, cx),
        Err(unread) => {
            let (lp, level) = cx.resolve(None, None);
            let mut r =
                AnswerReport::failed(unread.origin.0, lp, level.level, unread.error.to_string());
            r.level_name = level.name;
            if let Some(line) = unread.line {
                r.source = line.source();
                let line = *line;
                r.extra = line.extra;
                r.read_at = Some(line.at);
            }
            r
        }
    }
}

/// Run every job through the pool into the sink. `total` is the number of jobs when known
/// (for the progress bar); `stream` emits each report as soon as it is finished instead of
/// in input order. Returns how many answers were seen.
pub fn run(
    jobs: impl Iterator<Item = Job>,
    total: Option<usize>,
    cx: &Context,
    pool: &rayon::ThreadPool,
    sink: &mut Sink,
    stream: bool,
    progress: bool,
) -> usize {
    if progress && total.is_none_or(|n| n > PROGRESS_AFTER) {
        sink.progress = Some(super::progress::bar(total));
    }
    let mut jobs = jobs.peekable();
    let mut seen = 0;
    while jobs.peek().is_some() && sink.failed.is_none() {
        let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
        seen += chunk.len();
        if stream {
            let shared = Mutex::new(&mut *sink);
            pool.install(|| {
                chunk.into_par_iter().enumerate().for_each(|(i, job)| {
                    let report = score(job, cx);
                    if let Ok(mut s) = shared.lock() {
                        s.take(&report, i);
                    }
                });
            });
        } else {
            let reports: Vec<AnswerReport> =
                pool.install(|| chunk.into_par_iter().map(|j| score(j, cx)).collect());
            for (i, r) in reports.iter().enumerate() {
                sink.take(r, i);
            }
        }
        sink.ids.end_chunk();
    }
    seen
}
