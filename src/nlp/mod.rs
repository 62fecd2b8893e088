//! READ THE WORDS: tokens, parts of speech, lemma keys and clauses of an answer.
//!
//! The judgement asks questions a phrase list cannot answer: is this "I" followed by a past
//! action with a concrete object, or by "would"? Is "always" turning the story into a
//! habit? Does the Result compare two numbers? This module answers them once per answer,
//! from the sentences segmentation found: [`tokens`] splits words, numbers and clitics,
//! [`tagger`] tags parts of speech with Harper's Brill tagger, [`morph`] gives tense and
//! lemma keys, and [`clauses`] finds who did what to what.
//!
//! Which nouns are vague ("things", "the issue", "ownership") is rubric data: a
//! [`Lexicon`] built from the rubric's lists, compared by lemma key.

pub mod brill;
pub mod clauses;
pub mod filter;
pub mod morph;
pub mod quantities;
pub mod tagger;
pub mod tokens;

pub use clauses::{Clause, Object, Subject, Tense};
pub use filter::{ClauseFilter, ClauseSpec};
pub use tagger::Pos;
pub use tokens::{Shape, Token};

use crate::text::Span;
use morph::Lemma;
use rustc_hash::{FxHashMap, FxHashSet};

/// Word lists the reading needs from the rubric, as lemma keys.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    vague: FxHashSet<String>,
    non_action: FxHashSet<Lemma>,
    /// Verbs that are not actions before one particular word, by lemma key: "worked at a
    /// food plant" tells a job, "worked out the rota" a step.
    non_action_before: FxHashMap<Lemma, Vec<String>>,
    /// Verbs that are not actions except before one particular word, by lemma key: "I
    /// stayed late" is a step, "I stayed calm" a state.
    action_before: FxHashMap<Lemma, Vec<String>>,
    /// Vague nouns a concrete noun before them makes particular ("the triage system").
    containers: FxHashSet<String>,
}

fn key_set<'a>(words: impl IntoIterator<Item = &'a str>) -> FxHashSet<String> {
    words
        .into_iter()
        .map(|w| morph::key(&w.to_lowercase()).into_owned())
        .collect()
}

/// Two-word entries ("work at", "stay late") as the words that follow each verb, by the
/// verb's lemma key.
fn by_verb<'a>(entries: impl IntoIterator<Item = &'a str>) -> FxHashMap<Lemma, Vec<String>> {
    let mut out: FxHashMap<Lemma, Vec<String>> = FxHashMap::default();
    for entry in entries {
        let mut words = entry.split_whitespace();
        if let (Some(verb), Some(next)) = (words.next(), words.next()) {
            out.entry(Lemma::of_word(&verb.to_lowercase()))
                .or_default()
                .push(next.to_lowercase());
        }
    }
    out
}

impl Lexicon {
    /// A lexicon whose vague nouns are `vague` (any inflection; compared by lemma key).
    pub fn new<'a>(vague: impl IntoIterator<Item = &'a str>) -> Lexicon {
        Lexicon {
            vague: key_set(vague),
            non_action: FxHashSet::default(),
            non_action_before: FxHashMap::default(),
            action_before: FxHashMap::default(),
            containers: FxHashSet::default(),
        }
    }

    /// The same lexicon with `nouns` as containers: vague alone, particular after a
    /// concrete noun ("the system" / "the triage system").
    #[must_use]
    pub fn with_containers<'a>(mut self, nouns: impl IntoIterator<Item = &'a str>) -> Lexicon {
        self.containers = key_set(nouns);
        self
    }

    /// True when `lower` is a container noun (see [`Lexicon::with_containers`]).
    pub fn is_container(&self, lower: &str) -> bool {
        self.containers.contains(morph::key(lower).as_ref())
    }

    /// The same lexicon with `verbs` (base forms) as verbs that are not actions ("be",
    /// "feel", "believe"); an entry of two words is a verb that is not an action before
    /// that word ("work at": a job, not a step).
    #[must_use]
    pub fn with_non_actions<'a>(mut self, verbs: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let (single, phrasal): (Vec<&str>, Vec<&str>) =
            verbs.into_iter().partition(|v| !v.trim().contains(' '));
        self.non_action = single
            .into_iter()
            .map(|w| Lemma::of_word(&w.to_lowercase()))
            .collect();
        self.non_action_before = by_verb(phrasal);
        self
    }

    /// The same lexicon with `pairs` ("stay late") as exceptions to its non-actions: the
    /// verb is an action before that word.
    #[must_use]
    pub fn with_actions_before<'a>(mut self, pairs: impl IntoIterator<Item = &'a str>) -> Lexicon {
        self.action_before = by_verb(pairs);
        self
    }

    /// [`Lexicon::is_container`] for a word's lemma key (see [`morph::key`]).
    pub fn is_container_key(&self, key: &str) -> bool {
        self.containers.contains(key)
    }

    /// True when `lower` is a vague noun or pronoun ("things", "stakeholders").
    pub fn is_vague(&self, lower: &str) -> bool {
        self.vague.contains(morph::key(lower).as_ref())
    }

    /// [`Lexicon::is_vague`] for a word's lemma key (see [`morph::key`]).
    pub fn is_vague_key(&self, key: &str) -> bool {
        self.vague.contains(key)
    }

    /// True when the verb whose lemma key is `key` tells a state or a thought ("was",
    /// "felt"), not an action.
    pub fn is_non_action_key(&self, key: &str) -> bool {
        self.non_action.contains(&Lemma::of_key(key))
    }

    /// True when clause `c` (whose token range indexes `tokens`) tells a state, not an
    /// action: its verb is not an action, or not before the word that follows it.
    pub fn states(&self, c: &Clause, tokens: &[Token]) -> bool {
        self.states_before(c, || {
            tokens
                .get(c.token_range())
                .and_then(|ts| ts.iter().find(|t| t.span.start >= c.verb.end))
                .map(|t| &*t.lower)
        })
    }

    /// [`Lexicon::states`] for a clause read without its tokens (see [`read_clauses`]): the
    /// word after the verb is read from `text`.
    pub fn states_in(&self, c: &Clause, text: &str) -> bool {
        self.states_before(c, || {
            text.get(c.verb.end as usize..c.span.end as usize)?
                .split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '-')
                .find(|w| !w.is_empty())
        })
    }

    /// Whether `c`'s verb is not an action, or not before the word `next` finds.
    fn states_before<'w>(&self, c: &Clause, next: impl FnOnce() -> Option<&'w str>) -> bool {
        if self.non_action.contains(&c.lemma) {
            let Some(words) = self.action_before.get(&c.lemma) else {
                return true;
            };
            return !next().is_some_and(|n| words.iter().any(|w| w.eq_ignore_ascii_case(n)));
        }
        let Some(words) = self.non_action_before.get(&c.lemma) else {
            return false;
        };
        next().is_some_and(|n| words.iter().any(|w| w.eq_ignore_ascii_case(n)))
    }
}

/// One sentence: its span and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Its tokens (indices into [`Analysis::tokens`]; empty when read by [`read_clauses`]).
    pub tokens: std::ops::Range<usize>,
}

/// An answer read word by word.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every token of every sentence, in order (none when read by [`read_clauses`]).
    pub tokens: Vec<Token>,
    /// Each token's part of speech (none when read by [`read_clauses`]).
    pub pos: Vec<Pos>,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Every clause, in order.
    pub clauses: Vec<Clause>,
}

/// Read the `sentences` of `text`.
pub fn analyse(text: &str, sentences: &[Span], lexicon: &Lexicon) -> Analysis {
    let mut a = Analysis::default();
    let mut paired = false;
    for (n, s) in sentences.iter().enumerate() {
        let first = a.tokens.len();
        tokens::tokenize(text, *s, &mut a.tokens);
        let toks = &a.tokens[first..];
        let pos = tagger::tag(text, toks);
        let from = a.clauses.len();
        clauses::clauses(toks, &pos, first, n, lexicon, &mut a.clauses);
        clauses::pair_we(toks, &pos, first, &mut a.clauses[from..], &mut paired);
        a.pos.extend(pos);
        a.sentences.push(Sentence {
            span: *s,
            tokens: first..a.tokens.len(),
        });
    }
    a
}

/// Read the `sentences` of `text` as [`analyse`] does, but keep only the sentences and
/// clauses: `each` sees one sentence's tokens, tags and the index of its first clause in
/// `clauses` (whose `tokens` index that sentence's own tokens) before they are dropped.
/// Tokens are most of a reading's memory, and scoring needs them only while the sentence
/// is read (each action's object, each sentence's nouns).
pub fn read_clauses(
    text: &str,
    sentences: &[Span],
    lexicon: &Lexicon,
    mut each: impl FnMut(&[Token], &[Pos], &[Clause], usize),
) -> Analysis {
    let mut a = Analysis::default();
    let mut toks = Vec::new();
    let mut paired = false;
    for (n, s) in sentences.iter().enumerate() {
        toks.clear();
        tokens::tokenize(text, *s, &mut toks);
        let pos = tagger::tag(text, &toks);
        let from = a.clauses.len();
        clauses::clauses(&toks, &pos, 0, n, lexicon, &mut a.clauses);
        clauses::pair_we(&toks, &pos, 0, &mut a.clauses[from..], &mut paired);
        each(&toks, &pos, &a.clauses, from);
        for c in &mut a.clauses[from..] {
            c.tokens = 0..0;
        }
        a.sentences.push(Sentence {
            span: *s,
            tokens: 0..0,
        });
    }
    a
}

#[cfg(test)]
mod tests;
