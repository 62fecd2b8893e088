//! `html`: one self-contained page for a batch, the report a coach opens in a browser.
//!
//! Top to bottom: the headline numbers; answers per verdict and the score distribution;
//! how many answers each rule fired on; the verdicts broken down by Leadership Principle
//! and by level (every breakdown of [`Cohort`](crate::report::cohort::Cohort), so one by
//! an extra JSON-lines column appears here once the cohort defines it); a table of every
//! answer, worst first, sortable by any column; and the answers themselves in full, worst
//! first, their findings highlighted in their text ([`answer`]).
//!
//! Self-contained: inline CSS, inline SVG charts ([`charts`]) and a few lines of inline
//! JavaScript that only sort the table; nothing is fetched. Every string from the input
//! (texts, sources, ids, messages) goes through [`escape::Esc`], and none is ever placed
//! inside the script. Colour never carries meaning alone: verdicts are words, chart bars
//! have patterns and numbers, highlights have border styles and tooltips.
//!
//! Memory stays bounded by what the page shows, not by the batch: the charts come from
//! the run's summary; each answer leaves a small row for the table; and the full reports
//! are kept for at most [`FULL_LIMIT`] answers. Past that, only the [`WORST_SHOWN`] worst
//! are kept (a bounded heap), shown in full under a note that says so. The page is
//! written at the end, when the batch's totals are known.

mod answer;
mod charts;
mod escape;
mod page;
mod text;

use super::Emitter;
use crate::ids::{FailUnder, Level, Lp, Score, Verdict};
use crate::report::{AnswerReport, Summary};
use crate::rubric::CompiledRubric;
use std::collections::{BinaryHeap, HashMap};
use std::io::{self, Write};

/// Batches up to this size show every answer in full.
pub const FULL_LIMIT: usize = 2_000;
/// Larger batches show this many of their worst answers in full.
pub const WORST_SHOWN: usize = 500;

/// Rules named per answer in the table.
const TOP_RULES: usize = 3;

/// Where an answer sorts, worst first: unreadable inputs, then by verdict, then by score,
/// then in input order.
type Rank = (u8, u8, u32, usize);

fn rank(verdict: Option<Verdict>, score: Option<Score>, index: usize) -> Rank {
    match verdict {
        None => (0, 0, 0, index),
        Some(v) => (1, verdict_order(v), score.map_or(0, Score::tenths), index),
    }
}

/// 0 for No Hire up to 3 for Strong Hire.
fn verdict_order(v: Verdict) -> u8 {
    u8::try_from(Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0)).unwrap_or(0)
}

/// What the table needs of one answer.
#[derive(Debug)]
struct Row {
    source: Box<str>,
    lp: Lp,
    level: Level,
    /// The level as the user named it.
    level_name: &'static str,
    verdict: Option<Verdict>,
    score: Option<Score>,
    findings: u32,
    /// Distinct rules that fired.
    rules: u32,
    /// The costliest rules, as indices into the emitter's rule names.
    top: [u32; TOP_RULES],
    top_len: u8,
    error: Option<Box<str>>,
}

/// A report kept to be shown in full, ordered by its rank.
#[derive(Debug)]
struct Kept {
    rank: Rank,
    report: AnswerReport,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.rank == other.rank
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank.cmp(&other.rank)
    }
}

/// The answers shown in full: all of them up to the limit, then the worst few.
#[derive(Debug)]
enum Shown {
    All(Vec<Kept>),
    /// A max-heap by rank: its top is the least bad answer kept, the first to go.
    Worst(BinaryHeap<Kept>),
}

/// The HTML emitter.
#[derive(Debug)]
pub struct HtmlEmitter<'a> {
    rubric: &'a CompiledRubric,
    fail_under: FailUnder,
    rows: Vec<Row>,
    /// Rule names seen, and where each is in `names`.
    names: Vec<String>,
    name_at: HashMap<String, u32>,
    shown: Shown,
    full_limit: usize,
    worst_shown: usize,
}

impl<'a> HtmlEmitter<'a> {
    /// An emitter for reports checked against `rubric`, failing below `fail_under`.
    pub fn new(rubric: &'a CompiledRubric, fail_under: FailUnder) -> HtmlEmitter<'a> {
        HtmlEmitter::with_limits(rubric, fail_under, FULL_LIMIT, WORST_SHOWN)
    }

    /// The same with other limits (tests use small ones).
    fn with_limits(
        rubric: &'a CompiledRubric,
        fail_under: FailUnder,
        full_limit: usize,
        worst_shown: usize,
    ) -> HtmlEmitter<'a> {
        HtmlEmitter {
            rubric,
            fail_under,
            rows: Vec::new(),
            names: Vec::new(),
            name_at: HashMap::new(),
            shown: Shown::All(Vec::new()),
            full_limit,
            worst_shown: worst_shown.min(full_limit),
        }
    }

    fn name_index(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_at.get(name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.name_at.insert(name.to_string(), i);
        i
    }

    fn row(&mut self, r: &AnswerReport) -> Row {
        // The costliest rules first (the order the score was hurt in), then any other rule
        // by severity, so an answer's worst problems lead.
        let mut names: Vec<&str> = r.costliest.iter().map(String::as_str).collect();
        let mut by_severity: Vec<&crate::report::Finding> = r.findings.iter().collect();
        by_severity.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for f in by_severity {
            if !names.contains(&f.name.as_str()) {
                names.push(&f.name);
            }
        }
        names.retain(|n| r.findings.iter().any(|f| f.name == *n));
        let mut top = [0; TOP_RULES];
        let top_len = names.len().min(TOP_RULES);
        for (slot, name) in top.iter_mut().zip(&names) {
            *slot = self.name_index(name);
        }
        Row {
            source: r.source.as_str().into(),
            lp: r.lp,
            level: r.level,
            level_name: r.level_name,
            verdict: r.verdict,
            score: r.score,
            findings: u32::try_from(r.findings.len()).unwrap_or(u32::MAX),
            rules: u32::try_from(names.len()).unwrap_or(u32::MAX),
            top,
            top_len: u8::try_from(top_len).unwrap_or(0),
            error: r.error.as_deref().map(Into::into),
        }
    }

    /// Keep `r` to be shown in full if it is among those the page will show.
    fn keep(&mut self, rank: Rank, r: &AnswerReport) {
        match &mut self.shown {
            Shown::All(all) => {
                all.push(Kept {
                    rank,
                    report: r.clone(),
                });
                if all.len() > self.full_limit {
                    let mut heap = BinaryHeap::with_capacity(self.worst_shown + 1);
                    for k in all.drain(..) {
                        heap.push(k);
                        if heap.len() > self.worst_shown {
                            heap.pop();
                        }
                    }
                    self.shown = Shown::Worst(heap);
                }
            }
            Shown::Worst(heap) => {
                let worse =
                    heap.len() < self.worst_shown || heap.peek().is_some_and(|k| rank < k.rank);
                if worse {
                    heap.push(Kept {
                        rank,
                        report: r.clone(),
                    });
                    if heap.len() > self.worst_shown {
                        heap.pop();
                    }
                }
            }
        }
    }
}

impl Emitter for HtmlEmitter<'_> {
    fn answer(&mut self, _w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        let index = self.rows.len();
        let row = self.row(report);
        self.rows.push(row);
        self.keep(rank(report.verdict, report.score, index), report);
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let shown = match std::mem::replace(&mut self.shown, Shown::All(Vec::new())) {
            Shown::All(all) => (all, false),
            Shown::Worst(heap) => (heap.into_vec(), true),
        };
        page::Page::new(self, summary, w).write(shown.0, shown.1)
    }
}

#[cfg(test)]
mod tests;
