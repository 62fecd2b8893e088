//! The result of checking answers: plain data that serialises to exactly the contract's
//! JSON, and its assembly from what the pipeline concluded ([`AnswerReport::new`]): spans
//! get their lines and columns, sections their speaking times, rule ids their codes and
//! names.

pub mod cohort;

use crate::check::RawFinding;
use crate::ids::{Level, Lp, SectionKind, Verdict};
use crate::input::Source;
pub use crate::input::{Extra, SourceName};
use crate::rubric::CompiledRubric;
use crate::score::Assessment;
use crate::segment::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// How serious a finding is; `Ord` runs info < warning < error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Costs the answer.
    Warning,
    /// Costs it a lot.
    Error,
}

impl Severity {
    /// The contract's id.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl FromStr for Severity {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A span as the contract prints it: bytes plus the 1-based line and character column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpanOut {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based character column of `start`.
    pub column: u32,
}

impl SpanOut {
    /// True when the span covers no bytes (a finding about something absent).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One finding, pointed at the words that caused it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule code (`A001`).
    pub code: String,
    /// Rule name (`we-language`).
    pub name: String,
    /// Severity after LP overrides.
    pub severity: Severity,
    /// The section concerned, or null for the whole answer.
    pub section: Option<SectionKind>,
    /// What is wrong, in this answer's words.
    pub message: String,
    /// What a strong answer does instead.
    pub help: String,
    /// Where.
    pub span: SpanOut,
    /// Index of the rule in the rubric (not serialised).
    #[serde(skip)]
    pub rule: usize,
}

/// A section as found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionReport {
    /// Which section.
    pub name: SectionKind,
    /// First byte (the label's, when labelled).
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Words in the body.
    pub words: u32,
    /// Estimated speaking time at the rubric's words per minute.
    pub seconds: f64,
    /// The section's target.
    pub target_seconds: f64,
    /// Introduced by an explicit label or heading.
    pub labelled: bool,
}

/// A likely follow-up question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeReport {
    /// The rubric probe's id (`handoff-follow-up`): how `practice` finds the criteria a
    /// reply is judged by, whatever field's words the question was put in.
    #[serde(skip)]
    pub id: String,
    /// The question, in this answer's words where it can be.
    pub question: String,
    /// What it tests.
    pub probes: String,
    /// What a strong reply contains.
    pub strong: String,
}

/// One piece of evidence a dimension's rating rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceReport {
    /// `for` (credit the answer earned) or `against` (a finding).
    pub stance: crate::judge::Stance,
    /// The words it rests on.
    pub span: SpanOut,
    /// What it shows.
    pub note: String,
    /// The code of the rule it comes from.
    pub rule: Option<String>,
    /// How much it weighed: credit (for) or penalty (against), in the dimension's units.
    pub points: f64,
}

/// One dimension as a Bar Raiser rates it (contract: "dimensions").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionReport {
    /// Which dimension.
    pub name: crate::ids::DimensionId,
    /// What the LP and level give it (0 when they ignore it).
    pub weight: f64,
    /// Its rating.
    pub rating: crate::ids::Rating,
    /// Credit less penalties over the dimension's target, from 0 to 1 (what the rating
    /// and the score read).
    pub value: f64,
    /// The evidence for and against, in text order.
    pub evidence: Vec<EvidenceReport>,
}

/// Everything starlint says about one answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    /// Path, `<stdin>` or JSONL id.
    pub source: SourceName,
    /// The LP it was judged for.
    pub lp: Lp,
    /// The level it was judged at.
    pub level: Level,
    /// The candidate's field, given or inferred; null when the input could not be read.
    pub field: Option<crate::field::Field>,
    /// The level as people read it (not in JSON, which gives the canonical `level`).
    #[serde(skip)]
    pub level_name: &'static str,
    /// The verdict; null when the input could not be read.
    pub verdict: Option<Verdict>,
    /// 0–100; null when the input could not be read.
    pub score: Option<crate::ids::Score>,
    /// The one-paragraph summary.
    pub bar_raiser: Option<String>,
    /// Sections found, in text order.
    pub sections: Vec<SectionReport>,
    /// Findings, in text order.
    pub findings: Vec<Finding>,
    /// Likely follow-ups.
    pub probes: Vec<ProbeReport>,
    /// The dimensions the verdict rests on, in the contract's order (empty when the input
    /// could not be read).
    pub dimensions: Vec<DimensionReport>,
    /// Why the input could not be read.
    pub error: Option<String>,
    /// A JSON line's keys other than the ones starlint reads, exactly as written (absent
    /// for answers that did not come from JSON lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
    /// Where a JSON line was read, `answers.jsonl:12` (not serialised; errors and
    /// warnings name it).
    #[serde(skip)]
    pub read_at: Option<String>,
    /// The text as read (for rendering; not serialised).
    #[serde(skip)]
    pub text: String,
    /// The question from front matter, if any (not serialised).
    #[serde(skip)]
    pub question: Option<String>,
    /// Rule names, the fix worth most first: ranked by what fixing each alone would do to
    /// the verdict, then the score (not serialised; the human report's "Fix first" line).
    #[serde(skip)]
    pub costliest: Vec<String>,
    /// For the first rules of `costliest`: the verdict and score the answer would get with
    /// that rule fixed alone (not serialised).
    #[serde(skip)]
    pub fix_effects: Vec<(String, Verdict, crate::ids::Score)>,
    /// The code and name of the disqualifier that capped the verdict, if one did (not
    /// serialised; the human report says what holds the verdict down).
    #[serde(skip)]
    pub capped_by: Option<String>,
}

/// What the pipeline concluded about one answer, before it is put into the report's terms.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// The LP it was judged for.
    pub lp: Lp,
    /// The level it was judged at.
    pub level: Level,
    /// The candidate's field (chooses wording only).
    pub field: crate::field::Field,
    /// The level as people read it ("SDE2", or "mid-level" when none was given).
    pub level_name: &'static str,
    /// Findings after suppression, in text order.
    pub findings: Vec<RawFinding>,
    /// Score, verdict and what cost the most.
    pub assessment: Assessment,
    /// The Bar Raiser line.
    pub bar_raiser: String,
    /// Likely follow-ups.
    pub probes: Vec<ProbeReport>,
    /// The interview question (`--question`, else front matter).
    pub question: Option<String>,
    /// Each fired rule with what fixing it alone would do, the fix worth most first.
    pub fixes: Vec<crate::score::Fix>,
}

impl AnswerReport {
    /// The report of a judged answer: each section with its words and seconds against its
    /// target, each finding with its code, name, line and column.
    pub fn new(
        src: &Source,
        doc: &Document,
        judged: Judgement,
        rubric: &CompiledRubric,
    ) -> AnswerReport {
        let Judgement {
            lp,
            level,
            field,
            level_name,
            findings: found,
            assessment,
            bar_raiser,
            probes,
            question,
            fixes,
        } = judged;
        let sections = doc
            .sections
            .iter()
            .map(|s| {
                let seconds = f64::from(s.words) * 60.0 / rubric.wpm;
                SectionReport {
                    name: s.kind,
                    start: s.span.start,
                    end: s.span.end,
                    words: s.words,
                    seconds: (seconds * 10.0).round() / 10.0,
                    target_seconds: rubric.section(s.kind).target_seconds,
                    labelled: s.labelled,
                }
            })
            .collect();
        let mut lines = doc.lines.cursor();
        let findings = found
            .into_iter()
            .map(|f| {
                let rule = &rubric.rules[f.rule];
                let lc = lines.line_col(&src.text, f.span.start);
                Finding {
                    code: rule.code.clone(),
                    name: rule.name.clone(),
                    severity: f.severity,
                    section: f.section,
                    message: f.message,
                    help: f.help,
                    span: SpanOut {
                        start: f.span.start,
                        end: f.span.end,
                        line: lc.line,
                        column: lc.column,
                    },
                    rule: f.rule,
                }
            })
            .collect();
        let span_out = |span: crate::text::Span| {
            let lc = doc.lines.line_col(&src.text, span.start);
            SpanOut {
                start: span.start,
                end: span.end,
                line: lc.line,
                column: lc.column,
            }
        };
        let dimensions = assessment
            .dimensions
            .iter()
            .map(|d| DimensionReport {
                name: d.id,
                weight: d.weight,
                rating: d.rating,
                value: (d.value * 1000.0).round() / 1000.0,
                evidence: d
                    .evidence
                    .iter()
                    .map(|e| EvidenceReport {
                        stance: e.stance,
                        span: span_out(e.span),
                        note: e.note.clone(),
                        rule: e.rule.map(|r| rubric.rules[r].code.clone()),
                        points: (e.points * 1000.0).round() / 1000.0,
                    })
                    .collect(),
            })
            .collect();
        let line = src.line.as_ref();
        AnswerReport {
            source: line.map_or_else(
                || src.origin.0.clone().into(),
                crate::input::LineMeta::source,
            ),
            lp,
            level,
            field: Some(field),
            level_name,
            verdict: Some(assessment.verdict),
            score: Some(assessment.score),
            bar_raiser: Some(bar_raiser),
            sections,
            findings,
            probes,
            dimensions,
            error: None,
            extra: line.and_then(|l| l.extra.clone()),
            read_at: line.map(|l| l.at.clone()),
            text: src.text.clone(),
            question,
            costliest: fixes
                .iter()
                .map(|f| f.rule)
                .chain(assessment.costs.iter().map(|(id, _)| *id))
                .fold(Vec::new(), |mut names: Vec<String>, id| {
                    let name = &rubric.rules[id].name;
                    if !names.contains(name) {
                        names.push(name.clone());
                    }
                    names
                }),
            fix_effects: fixes
                .iter()
                .map(|f| (rubric.rules[f.rule].name.clone(), f.verdict, f.score))
                .collect(),
            capped_by: assessment
                .capped_by
                .and_then(|id| rubric.rules.get(id))
                .map(|r| format!("{} {}", r.code, r.name)),
        }
    }

    /// The report for an input that could not be read.
    pub fn failed(source: String, lp: Lp, level: Level, error: String) -> AnswerReport {
        AnswerReport {
            source: source.into(),
            lp,
            level,
            field: None,
            level_name: level.plain(),
            verdict: None,
            score: None,
            bar_raiser: None,
            sections: Vec::new(),
            findings: Vec::new(),
            probes: Vec::new(),
            dimensions: Vec::new(),
            error: Some(error),
            extra: None,
            read_at: None,
            text: String::new(),
            question: None,
            costliest: Vec::new(),
            fix_effects: Vec::new(),
            capped_by: None,
        }
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Answers reported (including errors).
    pub answers: usize,
    /// Answers that could not be read.
    pub errors: usize,
    /// Answers per verdict.
    pub by_verdict: ByVerdict,
    /// Mean score of the scored answers.
    pub mean_score: Option<f64>,
    /// Median score of the scored answers.
    pub median_score: Option<f64>,
    /// How many answers each rule fired on, by rule name.
    pub by_rule: BTreeMap<String, usize>,
    /// The lowest-scoring answers, lowest first, with their costliest finding (the coach's
    /// "who needs help first"; not in the JSON, which has every answer).
    #[serde(skip)]
    pub weakest: Vec<WeakAnswer>,
    /// The sources that could not be read, with why (the first few).
    #[serde(skip)]
    pub failed: Vec<(String, String)>,
    /// Score distribution, rule tallies and breakdowns by LP and level, for the cohort
    /// views (not in the JSON).
    #[serde(skip)]
    pub cohort: cohort::Cohort,
}

/// One of the weakest answers of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakAnswer {
    /// Where it came from.
    pub source: String,
    /// Its score.
    pub score: crate::ids::Score,
    /// Its verdict.
    pub verdict: Verdict,
    /// Its costliest finding as `CODE name: message`, if any.
    pub top: Option<String>,
}

/// Answer counts per verdict, in the contract's key order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByVerdict {
    /// Strong Hire.
    pub strong_hire: usize,
    /// Hire.
    pub hire: usize,
    /// Leaning No Hire.
    pub leaning_no_hire: usize,
    /// No Hire.
    pub no_hire: usize,
}

impl Summary {
    /// Summarise reports.
    pub fn of<'a>(reports: impl IntoIterator<Item = &'a AnswerReport>) -> Summary {
        let mut s = SummaryBuilder::default();
        for r in reports {
            s.add(r);
        }
        s.finish()
    }
}

/// How many of the weakest answers and failed inputs a summary keeps.
const KEEP: usize = 5;

/// Accumulates a summary one report at a time, in memory that does not grow with the
/// number of answers: scores go into a histogram (scores are tenths from 0 to 100, so the
/// median is exact) and only the few weakest answers are kept.
#[derive(Debug, Clone)]
pub struct SummaryBuilder {
    summary: Summary,
    histogram: Box<[u64; 1001]>,
    scored: u64,
    total: u64,
}

impl Default for SummaryBuilder {
    fn default() -> Self {
        SummaryBuilder {
            summary: Summary::default(),
            histogram: Box::new([0; 1001]),
            scored: 0,
            total: 0,
        }
    }
}

impl SummaryBuilder {
    /// Count one report.
    pub fn add(&mut self, r: &AnswerReport) {
        self.summary.cohort.add(r);
        let s = &mut self.summary;
        s.answers += 1;
        if let Some(e) = &r.error {
            s.errors += 1;
            if s.failed.len() < KEEP {
                s.failed.push((r.source.to_string(), e.clone()));
            }
        }
        match r.verdict {
            Some(Verdict::StrongHire) => s.by_verdict.strong_hire += 1,
            Some(Verdict::Hire) => s.by_verdict.hire += 1,
            Some(Verdict::LeaningNoHire) => s.by_verdict.leaning_no_hire += 1,
            Some(Verdict::NoHire) => s.by_verdict.no_hire += 1,
            None => {}
        }
        if let (Some(score), Some(verdict)) = (r.score, r.verdict) {
            self.histogram[score.tenths().min(1000) as usize] += 1;
            self.scored += 1;
            self.total += u64::from(score.tenths());
            let weaker =
                s.weakest.len() < KEEP || s.weakest.last().is_some_and(|w| score < w.score);
            if weaker {
                let top = r
                    .costliest
                    .first()
                    .and_then(|name| r.findings.iter().find(|f| f.name == *name))
                    .map(|f| format!("{} {}: {}", f.code, f.name, f.message));
                let at = s.weakest.partition_point(|w| w.score <= score);
                s.weakest.insert(
                    at,
                    WeakAnswer {
                        source: r.source.to_string(),
                        score,
                        verdict,
                        top,
                    },
                );
                s.weakest.truncate(KEEP);
            }
        }
        let mut seen: Vec<&str> = r.findings.iter().map(|f| f.name.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for name in seen {
            *s.by_rule.entry(name.to_string()).or_default() += 1;
        }
    }

    /// The summary so far.
    pub fn finish(&self) -> Summary {
        let mut s = self.summary.clone();
        if self.scored > 0 {
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            let mean = self.total as f64 / self.scored as f64;
            s.mean_score = Some(mean.round() / 10.0);
            s.median_score = Some(self.median());
        }
        s
    }

    /// The exact median from the histogram: the middle score, or the mean of the two
    /// middle scores for an even count.
    fn median(&self) -> f64 {
        let nth = |k: u64| -> f64 {
            let mut seen = 0;
            for (score, &n) in self.histogram.iter().enumerate() {
                seen += n;
                if seen > k {
                    #[allow(clippy::cast_precision_loss)]
                    return score as f64 / 10.0;
                }
            }
            100.0
        };
        let n = self.scored;
        if n % 2 == 1 {
            nth(n / 2)
        } else {
            (nth(n / 2 - 1) + nth(n / 2)) / 2.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(source: &str, score: u32, verdict: Verdict) -> AnswerReport {
        let mut r = AnswerReport::failed(source.into(), Lp::General, Level::Sde2, String::new());
        r.error = None;
        r.score = Some(crate::ids::Score::points(score));
        r.verdict = Some(verdict);
        r
    }

    #[test]
    fn median_mean_and_weakest() {
        let mut b = SummaryBuilder::default();
        for (i, s) in [90, 40, 75, 60, 20, 88, 52].iter().enumerate() {
            b.add(&report(&format!("a{i}"), *s, Verdict::Hire));
        }
        b.add(&AnswerReport::failed(
            "bad".into(),
            Lp::General,
            Level::Sde2,
            "binary".into(),
        ));
        let s = b.finish();
        assert_eq!(s.answers, 8);
        assert_eq!(s.errors, 1);
        assert_eq!(s.median_score, Some(60.0));
        assert_eq!(s.mean_score, Some(60.7));
        let weakest: Vec<u32> = s.weakest.iter().map(|w| w.score.whole()).collect();
        assert_eq!(weakest, [20, 40, 52, 60, 75]);
        assert_eq!(s.failed, [("bad".to_string(), "binary".to_string())]);
        b.add(&report("a7", 70, Verdict::Hire));
        assert_eq!(b.finish().median_score, Some(65.0));
    }
}
