//! starlint: a rubric linter for behavioural-interview (STAR) answers.
//!
//! The pipeline is visible in the module names:
//!
//! 1. [`input`] READ — paths, stdin and JSON lines become [`input::Source`]s or clear errors;
//! 2. [`segment`] SEGMENT — labels, sentences, and inferred sections ([`segment::Document`]),
//!    using one [`matcher`] MATCH pass of the compiled rubric over the text;
//! 3. [`check`] — every active rule of the [`rubric`] applied to the document;
//! 4. [`score`] SCORE — findings weighted by the LP and level into a verdict, with the
//!    [`barraiser`] summary and [`probes`];
//! 5. [`render`] RENDER — human, JSON, JSON lines and the CI formats.
//!
//! The rubric is data (`rubrics/default.toml`, embedded), compiled once per run into a
//! [`rubric::CompiledRubric`] that every worker thread shares read-only through [`Context`].
//! Nothing here prints: renderers write to a `Write` handle.

pub mod barraiser;
pub mod check;
pub mod cli;
#[doc(hidden)]
pub mod corpus;
pub mod ids;
pub mod input;
pub mod judge;
pub mod matcher;
pub mod nlp;
pub mod practice;
pub mod probes;
pub mod render;
pub mod report;
pub mod rubric;
pub mod score;
pub mod segment;
pub mod serve;
pub mod story;
pub mod suggest;
pub mod text;

use check::Profile;
use ids::{Level, Lp, SectionKind};
use input::Source;
use report::{AnswerReport, Finding, SectionReport, SpanOut};
use rubric::CompiledRubric;
use text::Span;

/// Everything a run shares: the compiled rubric, the rule selection and the defaults.
/// Built once by the CLI; borrowed by every thread (it is `Sync`).
#[derive(Debug, Clone)]
pub struct Context {
    /// The compiled rubric.
    pub rubric: CompiledRubric,
    /// `selected[rule id]`: on by `--select`/`--ignore`.
    pub selected: Vec<bool>,
    /// `--lp` from the command line (wins over front matter).
    pub flag_lp: Option<Lp>,
    /// `--level` from the command line.
    pub flag_level: Option<Level>,
    /// `lp` from `starlint.toml` (loses to front matter).
    pub config_lp: Option<Lp>,
    /// `level` from `starlint.toml`.
    pub config_level: Option<Level>,
    /// `--ignore-suppressions`: the answer's own `starlint-disable` comments are not
    /// honoured (a coach scoring students' answers).
    pub ignore_suppressions: bool,
    /// `--question`: the interview question, winning over the answer's own (front
    /// matter or a JSON line's `question`).
    pub question: Option<String>,
}

impl Context {
    /// A context with every rule on and no defaults.
    pub fn new(rubric: CompiledRubric) -> Context {
        let selected = vec![true; rubric.rules.len()];
        Context {
            rubric,
            selected,
            flag_lp: None,
            flag_level: None,
            config_lp: None,
            config_level: None,
            ignore_suppressions: false,
            question: None,
        }
    }

    /// The LP and level for one answer: flag, then front matter, then config, then default.
    pub fn resolve(&self, src_lp: Option<Lp>, src_level: Option<Level>) -> (Lp, Level) {
        (
            self.flag_lp
                .or(src_lp)
                .or(self.config_lp)
                .unwrap_or(Lp::General),
            self.flag_level
                .or(src_level)
                .or(self.config_level)
                .unwrap_or(Level::Sde2),
        )
    }
}

/// Score one answer: segment, match, check, suppress, score, summarise.
pub fn check_answer(src: &Source, cx: &Context) -> AnswerReport {
    let (lp, level) = cx.resolve(src.meta.lp, src.meta.level);
    let rubric = &cx.rubric;
    let masked = check::suppress::mask_comments(&src.text);
    let analysed: &str = masked.as_deref().unwrap_or(&src.text);
    let (doc, hits) = segment::document(analysed, src.body, rubric);
    let profile = Profile::new(rubric, lp, level, &cx.selected);
    let (found, evidence) = check::run(&doc, &hits, rubric, &profile);
    let first_words = doc.sentences.first().map_or(doc.body.start, |s| s.start);
    let found = if cx.ignore_suppressions {
        found
    } else {
        check::suppress::apply(&src.text, first_words, found, rubric)
    };
    let assessment = score::assess(&found, rubric, &profile);
    let bar_raiser = barraiser::compose(&doc, &found, &evidence, rubric, &profile, &assessment);
    let probes = probes::choose(&doc, &found, rubric, &profile);

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
    let line = src.line.as_ref();
    AnswerReport {
        source: line.map_or_else(|| src.origin.0.clone().into(), input::LineMeta::source),
        lp,
        level,
        verdict: Some(assessment.verdict),
        score: Some(assessment.score),
        bar_raiser: Some(bar_raiser),
        sections,
        findings,
        probes,
        error: None,
        extra: line.and_then(|l| l.extra.clone()),
        read_at: line.map(|l| l.at.clone()),
        text: src.text.clone(),
        question: cx.question.clone().or_else(|| src.meta.question.clone()),
        costliest: assessment
            .costs
            .iter()
            .map(|(id, _)| rubric.rules[*id].name.clone())
            .collect(),
        capped_by: assessment
            .capped_by
            .and_then(|id| rubric.rules.get(id))
            .map(|r| format!("{} {}", r.code, r.name)),
    }
}

/// Check `text` as if it were the whole of `section` (or the whole answer when `None`):
/// the seed-line table and the rubric's own weak/strong examples are judged this way.
/// Returns the names of the rules that fired.
pub fn check_snippet(
    text: &str,
    section: Option<SectionKind>,
    lp: Lp,
    level: Level,
    rubric: &CompiledRubric,
) -> Vec<String> {
    let body = Span::new(0, text.len());
    let (mut doc, hits) = segment::document(text, body, rubric);
    if let Some(kind) = section {
        let span = body.trim(text);
        doc.sections = vec![segment::Section {
            kind,
            span,
            body: span,
            labelled: true,
            words: segment::count_words(text),
        }];
        doc.sections_disjoint = true;
    }
    let selected = vec![true; rubric.rules.len()];
    let profile = Profile::new(rubric, lp, level, &selected);
    let (found, _) = check::run(&doc, &hits, rubric, &profile);
    let mut names: Vec<String> = found
        .iter()
        .map(|f| rubric.rules[f.rule].name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}
