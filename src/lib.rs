//! starlint: a rubric linter for behavioural-interview (STAR) answers.
//!
//! The pipeline is visible in the module names, and [`check_answer`] runs it in order:
//!
//! 1. [`input`] READ — paths, stdin and JSON lines become [`input::Source`]s or clear
//!    errors; HTML comments are blanked out of the text analysed ([`input::comments`]);
//! 2. [`matcher`] MATCH — one pass of the rubric's phrases and regexes over the answer;
//! 3. [`segment`] SEGMENT — labels, sentences and inferred sections ([`segment::Document`]),
//!    from the text and the section cues among the hits;
//! 4. [`check`] CHECK — every active rule of the [`rubric`] applied to the document and
//!    its hits, then the answer's own `starlint-disable` comments;
//! 5. [`score`] SCORE — findings weighted by the LP and level into a verdict, with the
//!    [`barraiser`] summary and [`probes`];
//! 6. [`report`] — all of it as the contract's data, lines and columns included;
//! 7. [`render`] RENDER — human, JSON, JSON lines and the CI formats.
//!
//! The rubric is data (`rubrics/default.toml`, embedded), compiled once per run into a
//! [`rubric::CompiledRubric`] that every worker thread shares read-only through [`Context`].
//! Nothing here prints: renderers write to a `Write` handle.

pub mod barraiser;
pub mod check;
pub mod cli;
pub mod examples;
pub mod field;
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
use ids::{GivenLevel, Level, Lp};
use input::Source;
use matcher::Haystack;
use report::AnswerReport;

pub use examples::check_snippet;
use rubric::CompiledRubric;

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
    pub flag_level: Option<GivenLevel>,
    /// `--field` from the command line (wins over front matter; else inferred).
    pub flag_field: Option<field::Field>,
    /// `lp` from `starlint.toml` (loses to front matter).
    pub config_lp: Option<Lp>,
    /// `level` from `starlint.toml`.
    pub config_level: Option<GivenLevel>,
    /// `--ignore-suppressions`: the answer's own `starlint-disable` comments are not
    /// honoured (a coach scoring students' answers).
    pub ignore_suppressions: bool,
    /// `--question`: the interview question, winning over the answer's own (front
    /// matter or a JSON line's `question`).
    pub question: Option<String>,
    /// Rank the fixes worth most ("Fix first"): only the human report shows them, and each
    /// ranking judges the answer again a few dozen times.
    pub rank_fixes: bool,
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
            flag_field: None,
            config_lp: None,
            config_level: None,
            ignore_suppressions: false,
            question: None,
            rank_fixes: true,
        }
    }

    /// The LP and level for one answer: flag, then front matter, then config, then default
    /// (`sde2`, named "mid-level" since nobody said SDE2).
    pub fn resolve(&self, src_lp: Option<Lp>, src_level: Option<GivenLevel>) -> (Lp, GivenLevel) {
        (
            self.flag_lp
                .or(src_lp)
                .or(self.config_lp)
                .unwrap_or(Lp::General),
            self.flag_level
                .or(src_level)
                .or(self.config_level)
                .unwrap_or(GivenLevel {
                    level: Level::Sde2,
                    name: Level::Sde2.plain(),
                }),
        )
    }
}

/// Load what every answer needs besides the rubric - the tagger's model and the field
/// wording - on another thread, so it is ready when the first answer is read: together
/// they take about as long as compiling the rubric, and on two cores neither need wait.
pub fn warm_up() {
    std::thread::spawn(|| {
        nlp::tagger::load();
        rubric::wording::Wording::get();
    });
}

/// Score one answer: match, segment, check, suppress, score, summarise, report.
pub fn check_answer(src: &Source, cx: &Context) -> AnswerReport {
    let (lp, given) = cx.resolve(src.meta.lp, src.meta.level);
    let level = given.level;
    let rubric = &cx.rubric;
    let masked = input::comments::masked(&src.text);
    let analysed: &str = masked.as_deref().unwrap_or(&src.text);
    let hay = Haystack::new(analysed);
    let mut scan = rubric.scan(&hay, src.body);
    let doc = segment::document(analysed, src.body, rubric, &scan.hits);
    let grouped = check::group(&mut scan, rubric);
    let mut profile = Profile::new(rubric, lp, level, &cx.selected);
    profile.level_name = given.name;
    // The field chooses wording, never the verdict: a flag, the answer's own, else its words.
    profile.field = cx
        .flag_field
        .or(src.meta.field)
        .unwrap_or_else(|| rubric::wording::Wording::get().infer(src.body.slice(&src.text)));
    let (analysis, story) = story::read_document(&doc, &rubric.lexicon);
    let mut checked = check::run(
        &doc,
        (&analysis, &story),
        &hay,
        (&scan, grouped),
        rubric,
        &profile,
    );
    let first_words = doc.sentences.first().map_or(doc.body.start, |s| s.start);
    if !cx.ignore_suppressions {
        checked.findings = check::suppress::apply(&src.text, first_words, checked.findings, rubric);
    }
    let not_an_answer = checked
        .findings
        .iter()
        .find(|f| rubric.rules[f.rule].is_not_an_answer())
        .cloned();
    if let Some(f) = not_an_answer {
        // Contract: exactly one finding, No Hire, 0, no probes, every dimension missing.
        checked.findings = vec![f];
        checked.credits.clear();
    }
    let mut assessment = score::assess(&checked, rubric, &profile);
    let fixes = if cx.rank_fixes {
        score::fixes(&checked, rubric, &profile, &assessment)
    } else {
        Vec::new()
    };
    let found = checked.findings;
    let evidence = checked.counts;
    let bar_raiser = barraiser::compose(&doc, &found, &evidence, rubric, &profile, &assessment);
    let probes = if found
        .iter()
        .any(|f| rubric.rules[f.rule].is_not_an_answer())
    {
        assessment = score::not_an_answer(&found, rubric);
        Vec::new()
    } else {
        probes::choose(&doc, &hay, &found, rubric, &profile)
    };

    let judged = report::Judgement {
        lp,
        level,
        field: profile.field,
        level_name: profile.level_name,
        findings: found,
        assessment,
        bar_raiser,
        probes,
        question: cx.question.clone().or_else(|| src.meta.question.clone()),
        fixes,
    };
    AnswerReport::new(src, &doc, judged, rubric)
}
