//! `rubrics/practice.toml` as written: the question bank, the reply criteria for each
//! follow-up probe, and the quick quiz. Parsed with serde (unknown keys are errors) and
//! checked by [`super::load`].

use crate::nlp::ClauseSpec;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PracticeFile {
    /// Format version (1).
    pub version: u32,
    /// Nouns and pronouns a reply's object may be without counting as concrete
    /// ("it", "things", "the issue").
    pub vague: Vec<String>,
    /// Verbs that are not actions ("be", "feel", "believe").
    #[serde(default)]
    pub non_actions: Vec<String>,
    /// Interview questions, at least three per LP.
    #[serde(rename = "question")]
    pub questions: Vec<QuestionSpec>,
    /// How a reply to each kind of follow-up is judged.
    pub criteria: Vec<CriteriaSpec>,
    /// The quick quiz.
    pub quiz: Vec<QuizSpec>,
}

/// One question of the bank.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionSpec {
    /// The LP id it is asked for.
    pub lp: String,
    /// The question.
    pub text: String,
    /// Where it comes from (a seed's title, an LP's description).
    pub source: String,
}

/// How replies to one kind of follow-up are judged.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CriteriaSpec {
    /// Stable id.
    pub id: String,
    /// The default rubric's probe groups it judges.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Probe ids it judges (wins over a group).
    #[serde(default)]
    pub probes: Vec<String>,
    /// What a strong reply shows, in a few words.
    pub title: String,
    /// Points from `for` signals for a strong reply.
    pub strong_at: u32,
    /// Points for an adequate one.
    pub adequate_at: u32,
    /// Signals a strong reply must all show.
    #[serde(default)]
    pub strong_needs: Vec<String>,
    /// A strong reply (the seeds' wording, generalised).
    pub example: String,
    /// Strong replies from other fields (`healthcare = "…"`).
    #[serde(default)]
    pub examples: BTreeMap<String, String>,
    /// Where the criteria come from.
    pub source: String,
    /// What counts for and against.
    pub signal: Vec<SignalSpec>,
    /// Replies that must come out at a verdict (tested, as a rule's weak and strong).
    #[serde(default)]
    pub test: Vec<ReplyTest>,
}

/// For or against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StanceSpec {
    /// Credit.
    For,
    /// A fault.
    Against,
}

/// How a reply is judged, worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyVerdict {
    /// Confirms the doubt the question raised.
    Weak,
    /// Answers it, without everything a strong reply has.
    Adequate,
    /// What the seeds' strong replies show.
    Strong,
}

impl ReplyVerdict {
    /// The id (`strong`).
    pub fn id(self) -> &'static str {
        match self {
            ReplyVerdict::Weak => "weak",
            ReplyVerdict::Adequate => "adequate",
            ReplyVerdict::Strong => "strong",
        }
    }

    /// For people (`Strong`).
    pub fn human(self) -> &'static str {
        match self {
            ReplyVerdict::Weak => "Weak",
            ReplyVerdict::Adequate => "Adequate",
            ReplyVerdict::Strong => "Strong",
        }
    }
}

/// One signal: token-level evidence in a reply.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SignalSpec {
    /// Stable id within its criteria.
    pub id: String,
    /// For or against.
    pub stance: StanceSpec,
    /// Points a `for` signal earns (default 1).
    #[serde(default = "one")]
    pub points: u32,
    /// The verdict an `against` signal caps the reply at (default weak).
    pub cap: Option<ReplyVerdict>,
    /// What it shows, for people ("you brought a fix of your own").
    pub note: String,
    /// For a `for` signal the reply lacks: what to add.
    #[serde(default)]
    pub missing: Option<String>,
    /// Clause filters (src/nlp/filter.rs); any one matching is a hit.
    #[serde(default)]
    pub clauses: Vec<ClauseSpec>,
    /// Word sequences compared by lemma key; `...` stands for up to four words. A match
    /// inside a negated clause does not count ("I didn't just escalate it").
    #[serde(default)]
    pub phrases: Vec<String>,
    /// A number with or without a unit ("40 minutes", "0.3%", "half") is a hit.
    #[serde(default)]
    pub number: bool,
    /// Hits needed, counting distinct clauses, phrases and numbers (default 1).
    #[serde(default = "one")]
    pub min: u32,
    /// An `against` signal is excused when any of these `for` signals is present ("I
    /// flagged it to their lead but brought a complete fix").
    #[serde(default)]
    pub unless: Vec<String>,
}

fn one() -> u32 {
    1
}

/// A reply and the verdict it must get.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReplyTest {
    /// The reply.
    pub reply: String,
    /// Its verdict.
    pub verdict: ReplyVerdict,
    /// Where it comes from (a seed, or the field it was written for).
    pub source: String,
}

/// One quiz question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuizSpec {
    /// Stable id.
    pub id: String,
    /// The question.
    pub question: String,
    /// The section the options are read as (for the rule check in the tests).
    pub section: Option<String>,
    /// The LP the options are judged for.
    #[serde(default)]
    pub lp: Option<String>,
    /// The rules the question is about: the right option fires none of them.
    pub rules: Vec<String>,
    /// Why the right option is right (the seeds' explanation, generalised).
    pub explanation: String,
    /// Where it comes from.
    pub source: String,
    /// The options, in the order shown.
    pub option: Vec<OptionSpec>,
}

/// One quiz option.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OptionSpec {
    /// What the option says.
    pub text: String,
    /// The right one.
    #[serde(default)]
    pub correct: bool,
    /// The rule a wrong option fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fires: Option<String>,
    /// The section this option is read as, when not the question's (a disqualifier
    /// belongs before the Action).
    #[serde(default, skip_serializing)]
    pub section: Option<String>,
    /// Why it is right or wrong.
    pub why: String,
}
