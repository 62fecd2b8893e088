//! Clause filters: the token patterns rules and signals write in the rubric.
//!
//! A filter reads like what a coach would say: "the candidate, in the past, did one of
//! these verbs to something concrete" is
//! `{ subject = ["self"], tense = ["past"], verbs = ["time", "measure", "audit"], object = "concrete" }`.
//! Verbs are written in their base form and match every inflection ("timed", "measuring",
//! "audits"), because both sides are compared by lemma key.

use super::clauses::{Clause, Object, Subject, Tense};
use super::morph::Lemma;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Who a filter accepts as subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    /// "I" or no written subject.
    #[serde(rename = "self")]
    Me,
    /// "I" only.
    I,
    /// "we", "our team".
    We,
    /// Someone else.
    Others,
    /// A thing.
    Thing,
    /// "you".
    You,
}

impl Who {
    fn accepts(self, s: Subject) -> bool {
        match self {
            Who::Me => s.is_self(),
            Who::I => s == Subject::I,
            Who::We => s == Subject::We,
            Who::Others => s == Subject::Others,
            Who::Thing => s == Subject::Thing,
            Who::You => s == Subject::You,
        }
    }
}

/// A tense a filter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    /// Simple or continuous past, past perfect.
    Past,
    /// Present perfect.
    Perfect,
    /// Present.
    Present,
    /// Future.
    Future,
    /// Conditional ("would").
    Conditional,
    /// Other modals.
    Modal,
}

impl When {
    fn accepts(self, t: Tense) -> bool {
        matches!(
            (self, t),
            (When::Past, Tense::Past)
                | (When::Perfect, Tense::Perfect)
                | (When::Present, Tense::Present)
                | (When::Future, Tense::Future)
                | (When::Conditional, Tense::Conditional)
                | (When::Modal, Tense::Modal)
        )
    }
}

/// The least an object must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    /// Anything, even nothing.
    Any,
    /// At least a pronoun or a vague noun.
    Vague,
    /// A concrete noun, a number or a name.
    Concrete,
}

/// A clause filter as written in the rubric.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClauseSpec {
    /// Subjects accepted (absent: any).
    #[serde(default)]
    pub subject: Vec<Who>,
    /// Tenses accepted (absent: any).
    #[serde(default)]
    pub tense: Vec<When>,
    /// Main verbs accepted, in base form (absent: any).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Main verbs refused, in base form.
    #[serde(default)]
    pub not_verbs: Vec<String>,
    /// The least the object must be (absent: any).
    pub object: Option<What>,
    /// Negated clauses: `false` refuses them (the default), `true` wants them.
    pub negated: Option<bool>,
    /// Habitual clauses: `false` refuses them, `true` wants them (absent: either).
    pub habitual: Option<bool>,
    /// Passive clauses: `false` refuses them, `true` wants them (absent: either).
    pub passive: Option<bool>,
    /// Subordinate clauses ("before we moved off"): `false` refuses them, `true` wants
    /// them (absent: either).
    pub subordinate: Option<bool>,
    /// Continuous clauses ("she was crying", "we were losing"): `false` refuses them, `true`
    /// wants them (absent: either). A state in progress sets a scene; it is not an outcome.
    pub progressive: Option<bool>,
    /// Another filter a clause may pass instead: a Result's outcome is "the ship sailed on
    /// schedule" or, with outcome verbs only, "we won the contract".
    pub or: Option<Box<ClauseSpec>>,
}

/// A compiled clause filter.
#[derive(Debug, Clone, Default)]
pub struct ClauseFilter {
    spec: ClauseSpec,
    verbs: FxHashSet<Lemma>,
    not_verbs: FxHashSet<Lemma>,
    or: Option<Box<ClauseFilter>>,
}

fn keys(words: &[String]) -> FxHashSet<Lemma> {
    words
        .iter()
        .map(|w| Lemma::of_word(&w.to_lowercase()))
        .collect()
}

impl ClauseFilter {
    /// Compile a filter.
    pub fn new(mut spec: ClauseSpec) -> ClauseFilter {
        ClauseFilter {
            verbs: keys(&spec.verbs),
            not_verbs: keys(&spec.not_verbs),
            or: spec.or.take().map(|o| Box::new(ClauseFilter::new(*o))),
            spec,
        }
    }

    /// True when `c` passes this filter or its `or`.
    pub fn accepts(&self, c: &Clause) -> bool {
        self.accepts_own(c) || self.or.as_ref().is_some_and(|o| o.accepts(c))
    }

    fn accepts_own(&self, c: &Clause) -> bool {
        let s = &self.spec;
        (s.subject.is_empty() || s.subject.iter().any(|w| w.accepts(c.subject)))
            && (s.tense.is_empty() || s.tense.iter().any(|w| w.accepts(c.tense)))
            && (self.verbs.is_empty() || self.verbs.contains(&c.lemma))
            && !self.not_verbs.contains(&c.lemma)
            && match s.object {
                None | Some(What::Any) => true,
                Some(What::Vague) => c.object >= Object::Vague,
                Some(What::Concrete) => c.object == Object::Concrete,
            }
            && c.negated == s.negated.unwrap_or(false)
            && s.habitual.is_none_or(|h| c.habitual == h)
            && s.passive.is_none_or(|p| c.passive == p)
            && s.subordinate.is_none_or(|p| c.subordinate == p)
            && s.progressive.is_none_or(|p| c.progressive == p)
    }
}
