//! PRACTICE: an interview round. A question for the LP, the candidate's answer and its
//! report, then the likely follow-ups one at a time, each reply judged against what that
//! probe's strong reply shows, and a summary; plus the seeds' quick quiz.
//!
//! Everything a round says is data in `rubrics/practice.toml` (embedded; its own file and
//! loader, so it never collides with the main rubric): the question bank (at least three
//! per LP, from the seeds' titles and the LP descriptions), the reply criteria for each
//! group of probes in the main rubric, written as clause filters and lemma phrases
//! ([`reply`]), and the quiz. The follow-ups asked are the ones `check` chose for this
//! answer; each is matched back to the rubric's probe by what it tests, and from there to
//! its criteria. Nothing here keeps state between calls: the terminal and the server each
//! carry a round's progress themselves.

pub use crate::field;
pub mod model;
pub mod quiz;
pub mod reply;

use crate::ids::{Lp, Score, Verdict};
use crate::nlp::Lexicon;
use crate::report::{AnswerReport, ProbeReport};
use crate::rubric::CompiledRubric;
use model::{PracticeFile, ReplyVerdict, StanceSpec};
use reply::{Criteria, Judgement, Signal};
use serde::Serialize;

/// The embedded practice data.
pub const PRACTICE_TOML: &str = include_str!("../../rubrics/practice.toml");

/// Criteria for a probe no other criteria name.
const GENERAL: &str = "general";

/// Every LP needs at least this many questions.
pub const MIN_QUESTIONS_PER_LP: usize = 3;

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The LP it is asked for.
    pub lp: Lp,
    /// The question.
    pub text: String,
    /// Where it comes from.
    pub source: String,
}

/// The practice data, compiled.
#[derive(Debug, Clone)]
pub struct Practice {
    /// The bank, in file order.
    pub questions: Vec<Question>,
    /// Reply criteria; one has the id `general`.
    pub criteria: Vec<Criteria>,
    /// The quick quiz.
    pub quiz: Vec<model::QuizSpec>,
    lexicon: Lexicon,
    /// Index of the `general` criteria.
    general: usize,
}

/// A follow-up to ask: the probe `check` chose, with the rubric id behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The rubric's probe id (`handoff-follow-up`); what a reply is judged by.
    pub id: String,
    /// The question, in this answer's words.
    pub question: String,
    /// What it tests.
    pub probes: String,
    /// What a strong reply contains.
    pub strong: String,
}

/// The end of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The answer's verdict, if it could be scored.
    pub verdict: Option<Verdict>,
    /// Its score (72, or 72.4).
    pub score: Option<Score>,
    /// Replies judged strong, adequate, weak.
    pub strong: usize,
    /// Adequate replies.
    pub adequate: usize,
    /// Weak replies.
    pub weak: usize,
    /// One paragraph for people.
    pub text: String,
    /// What to work on: each weak or adequate reply's criteria title.
    pub work_on: Vec<String>,
}

impl Practice {
    /// The embedded data, checked.
    pub fn embedded() -> Result<Practice, Vec<String>> {
        Practice::parse(PRACTICE_TOML)
    }

    /// Parse and check practice data; every problem is reported at once.
    pub fn parse(text: &str) -> Result<Practice, Vec<String>> {
        let file: PracticeFile =
            toml::from_str(text).map_err(|e| vec![format!("practice.toml: {e}")])?;
        let mut errors = Vec::new();
        if file.version != 1 {
            errors.push(format!("version {} is not 1", file.version));
        }
        let mut questions = Vec::new();
        for q in &file.questions {
            match q.lp.parse::<Lp>() {
                Ok(lp) => questions.push(Question {
                    lp,
                    text: q.text.trim().to_string(),
                    source: q.source.clone(),
                }),
                Err(e) => errors.push(format!("question `{}`: {e}", q.text)),
            }
        }
        for lp in Lp::ALL {
            let n = questions.iter().filter(|q| q.lp == *lp).count();
            if n < MIN_QUESTIONS_PER_LP {
                errors.push(format!(
                    "LP `{}` has {n} questions; it needs at least {MIN_QUESTIONS_PER_LP}",
                    lp.id()
                ));
            }
        }
        let mut criteria = Vec::new();
        for c in &file.criteria {
            check_criteria(c, &mut errors);
            criteria.push(Criteria {
                id: c.id.clone(),
                groups: c.groups.clone(),
                probes: c.probes.clone(),
                title: c.title.clone(),
                strong_at: c.strong_at,
                adequate_at: c.adequate_at,
                strong_needs: c.strong_needs.clone(),
                example: c.example.clone(),
                examples: c.examples.clone(),
                signals: c.signal.iter().cloned().map(Signal::new).collect(),
            });
        }
        let mut ids: Vec<&str> = file.criteria.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            errors.push("two criteria share an id".into());
        }
        let general = criteria.iter().position(|c| c.id == GENERAL);
        if general.is_none() {
            errors.push(format!("no `{GENERAL}` criteria for probes no other names"));
        }
        for q in &file.quiz {
            quiz::check_spec(q, &mut errors);
        }
        if !errors.is_empty() {
            return Err(errors
                .into_iter()
                .map(|e| format!("practice.toml: {e}"))
                .collect());
        }
        let lexicon = Lexicon::new(file.vague.iter().map(String::as_str))
            .with_non_actions(file.non_actions.iter().map(String::as_str));
        Ok(Practice {
            questions,
            criteria,
            quiz: file.quiz,
            lexicon,
            general: general.unwrap_or(0),
        })
    }

    /// The questions for `lp`, in bank order.
    pub fn questions(&self, lp: Lp) -> Vec<&Question> {
        self.questions.iter().filter(|q| q.lp == lp).collect()
    }

    /// The `n`th question for `lp` (wrapping round).
    pub fn question(&self, lp: Lp, n: usize) -> Option<&Question> {
        let qs = self.questions(lp);
        qs.get(n % qs.len().max(1)).copied()
    }

    /// The follow-ups `report` lists, each with its rubric probe id.
    pub fn follow_ups(&self, report: &AnswerReport, rubric: &CompiledRubric) -> Vec<FollowUp> {
        report
            .probes
            .iter()
            .filter_map(|p| follow_up(p, rubric))
            .collect()
    }

    /// The criteria for the rubric probe `id`: one naming it, else one naming its group,
    /// else the general ones.
    pub fn criteria_for(&self, id: &str, rubric: &CompiledRubric) -> &Criteria {
        let group = rubric
            .probes
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.group.as_deref());
        self.criteria
            .iter()
            .find(|c| c.probes.iter().any(|p| p == id))
            .or_else(|| {
                group.and_then(|g| {
                    self.criteria
                        .iter()
                        .find(|c| c.groups.iter().any(|x| x == g))
                })
            })
            .unwrap_or(&self.criteria[self.general])
    }

    /// Judge a reply to the probe `id`.
    pub fn judge(
        &self,
        id: &str,
        reply: &str,
        rubric: &CompiledRubric,
        field: Option<&str>,
    ) -> Judgement {
        self.criteria_for(id, rubric)
            .judge(reply, &self.lexicon, field)
    }

    /// Judge a reply against the criteria with this id (tests and the data's own examples).
    pub fn judge_with(&self, criteria: &Criteria, reply: &str) -> Judgement {
        criteria.judge(reply, &self.lexicon, None)
    }
}

/// The rubric probe behind a probe in a report, by its id.
fn follow_up(p: &ProbeReport, rubric: &CompiledRubric) -> Option<FollowUp> {
    let probe = rubric.probes.iter().find(|r| r.id == p.id)?;
    Some(FollowUp {
        id: probe.id.clone(),
        question: p.question.clone(),
        probes: p.probes.clone(),
        strong: p.strong.clone(),
    })
}

fn check_criteria(c: &model::CriteriaSpec, errors: &mut Vec<String>) {
    let at = format!("criteria `{}`", c.id);
    if c.strong_at < c.adequate_at || c.adequate_at == 0 {
        errors.push(format!(
            "{at}: needs 0 < adequate-at ({}) <= strong-at ({})",
            c.adequate_at, c.strong_at
        ));
    }
    let fors: Vec<&str> = c
        .signal
        .iter()
        .filter(|s| s.stance == StanceSpec::For)
        .map(|s| s.id.as_str())
        .collect();
    let total: u32 = c
        .signal
        .iter()
        .filter(|s| s.stance == StanceSpec::For)
        .map(|s| s.points)
        .sum();
    if total < c.strong_at {
        errors.push(format!(
            "{at}: its `for` signals earn {total} points, fewer than strong-at ({})",
            c.strong_at
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for s in &c.signal {
        if seen.contains(&s.id.as_str()) {
            errors.push(format!("{at}: two signals are called `{}`", s.id));
        }
        seen.push(&s.id);
        if s.clauses.is_empty() && s.phrases.is_empty() && !s.number {
            errors.push(format!(
                "{at}: signal `{}` has no clauses, phrases or number",
                s.id
            ));
        }
        for u in &s.unless {
            if !fors.contains(&u.as_str()) {
                errors.push(format!(
                    "{at}: signal `{}`: `unless` names `{u}`, which is not a `for` signal here",
                    s.id
                ));
            }
        }
        if s.stance == StanceSpec::For && s.cap.is_some() {
            errors.push(format!(
                "{at}: signal `{}`: only `against` signals cap",
                s.id
            ));
        }
    }
    for n in &c.strong_needs {
        if !fors.contains(&n.as_str()) {
            errors.push(format!(
                "{at}: strong-needs names `{n}`, which is not a `for` signal here"
            ));
        }
    }
    for f in c.examples.keys() {
        if f.parse::<field::Field>().is_err() {
            errors.push(format!("{at}: example for unknown field `{f}`"));
        }
    }
}

/// The end of a round: the answer's verdict and how the replies went.
pub fn summary(report: &AnswerReport, replies: &[Judgement]) -> Summary {
    let replies: Vec<(ReplyVerdict, &str)> = replies
        .iter()
        .map(|j| (j.verdict, j.title.as_str()))
        .collect();
    summarise(report.verdict, report.score, &replies)
}

/// The end of a round from the answer's verdict and score and each reply's verdict and
/// criteria title (what the page sends back: the server keeps no round).
pub fn summarise(
    verdict: Option<Verdict>,
    score: Option<Score>,
    replies: &[(ReplyVerdict, &str)],
) -> Summary {
    let count = |v: ReplyVerdict| replies.iter().filter(|(r, _)| *r == v).count();
    let (strong, adequate, weak) = (
        count(ReplyVerdict::Strong),
        count(ReplyVerdict::Adequate),
        count(ReplyVerdict::Weak),
    );
    let mut work_on: Vec<String> = Vec::new();
    for (_, title) in replies.iter().filter(|(v, _)| *v != ReplyVerdict::Strong) {
        if !work_on.iter().any(|w| w == title) {
            work_on.push((*title).to_string());
        }
    }
    let answer = match (verdict, score) {
        (Some(v), Some(s)) => format!("Your answer: {} ({s}/100).", v.human()),
        _ => "Your answer could not be scored.".to_string(),
    };
    let replies_line = if replies.is_empty() {
        "No follow-up was answered.".to_string()
    } else {
        let n = replies.len();
        format!(
            "Follow-ups: {n} {}: {strong} strong, {adequate} adequate, {weak} weak.",
            if n == 1 { "reply" } else { "replies" }
        )
    };
    let verdict_line = if weak > 0 {
        "A weak follow-up is where an interviewer rescores the opening answer: the reply \
         confirms the doubt the question was asked to test."
    } else if adequate > 0 {
        "The follow-ups held, but an interviewer would still probe: make each reply show \
         what the strong one does."
    } else if !replies.is_empty() {
        "The follow-ups backed the story up: each reply showed what a strong one does."
    } else {
        ""
    };
    let mut text = format!("{answer} {replies_line}");
    if !verdict_line.is_empty() {
        text.push(' ');
        text.push_str(verdict_line);
    }
    Summary {
        verdict,
        score,
        strong,
        adequate,
        weak,
        text,
        work_on,
    }
}

#[cfg(test)]
mod tests;
