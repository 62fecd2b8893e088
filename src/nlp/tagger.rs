//! Parts of speech, from Harper's Brill tagger ([`super::brill`]), with a fallback for the
//! words its dictionary does not know.
//!
//! Why this tagger: it is the part-of-speech layer of a maintained English grammar checker,
//! written in Rust, trained on Universal Dependencies English, and small (a 27,000-word
//! frequency dictionary and 201 contextual patches). Its model is read at build time
//! (`harper-brill`, see [`super::brill`]) and tags an answer in a fraction of a
//! millisecond. Versions after 0.54 always pull the `burn` machine-learning framework
//! (about 130 crates and 90 seconds of a fresh build on two cores) for a neural chunker
//! starlint does not use, so the dependency is pinned to 0.54, the last release without
//! it. The measurements behind the choice are in BENCHMARKS.md.
//!
//! The dictionary has no entry for many plurals and trade words ("discharges",
//! "checklist", "rota"); [`fallback`] guesses those from their shape and neighbours.

use super::morph;
use super::tokens::{Shape, Token};

/// A part of speech (the Universal Dependencies set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Common noun.
    Noun,
    /// Proper noun.
    Propn,
    /// Main verb.
    Verb,
    /// Auxiliary (be, have, do, modals).
    Aux,
    /// Adjective.
    Adj,
    /// Adverb.
    Adv,
    /// Preposition.
    Adp,
    /// Determiner.
    Det,
    /// Pronoun.
    Pron,
    /// Number.
    Num,
    /// Coordinating conjunction.
    Cconj,
    /// Subordinating conjunction.
    Sconj,
    /// Particle ("to", "not", "'s").
    Part,
    /// Interjection.
    Intj,
    /// Punctuation.
    Punct,
    /// Symbol.
    Sym,
    /// Anything else.
    Other,
}

impl Pos {
    /// A noun or proper noun.
    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn)
    }
}

/// Load the tagger's model now (see [`crate::warm_up`]).
pub fn load() {
    super::brill::load();
}

/// The words of a sentence as the tagger reads them: as written, but a clitic with a
/// straight apostrophe, as the dictionary spells it.
pub(super) fn words<'t>(text: &'t str, tokens: &'t [Token]) -> Vec<&'t str> {
    tokens
        .iter()
        .map(|t| match t.shape {
            Shape::Clitic => &*t.lower,
            _ => t.span.slice(text),
        })
        .collect()
}

/// Tag one sentence's tokens (`text` is the answer they point into).
pub fn tag(text: &str, tokens: &[Token]) -> Vec<Pos> {
    let tags = super::brill::tag_sentence(&words(text, tokens));
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let pos = match t.shape {
            Shape::Number => Pos::Num,
            Shape::Punct => {
                if t.lower.chars().any(char::is_alphanumeric) {
                    Pos::Sym
                } else {
                    Pos::Punct
                }
            }
            Shape::Word | Shape::Clitic => match tags.get(i).copied().flatten() {
                Some(p) => p,
                None => fallback(text, tokens, &out, i),
            },
        };
        out.push(pos);
    }
    fix(tokens, &mut out);
    out
}

/// Is the word at `i` the next step of a list after a comma, whose step before it also
/// opened with a past-tense verb and no subject ("…, prioritised the routes, aligned
/// dispatch")? "We had two problems, delayed orders and …" is not: its step before
/// opens with a subject.
fn continues_steps(tokens: &[Token], pos: &[Pos], i: usize) -> bool {
    if i < 2 || &*tokens[i - 1].lower != "," {
        return false;
    }
    let start = (0..i - 1)
        .rev()
        .find(|&k| matches!(&*tokens[k].lower, "," | "." | ";" | ":" | "!" | "?"))
        .map_or(0, |k| k + 1);
    // "I created a task list, assigned …": the first step may name its subject.
    let start = if matches!(&*tokens[start].lower, "i" | "we")
        && !is_be_or_have(&tokens[start + 1].lower)
    {
        start + 1
    } else {
        start
    };
    start < i - 1 && pos[start] == Pos::Verb && morph::is_past(&tokens[start].lower)
}

/// Is the participle at `i` the verb of a step written without its subject ("🧠 Built
/// rapport using gardening", "Scheduled morning sessions")? It is when it is the
/// sentence's first word and nothing after it can be the sentence's verb; "Scheduled
/// maintenance was overdue" has one ("was"), so there it modifies the noun.
fn opens_a_step(tokens: &[Token], pos: &[Pos], i: usize) -> bool {
    pos[..i].iter().all(|p| *p == Pos::Punct)
        && !(i + 1..tokens.len()).any(|k| {
            matches!(pos[k], Pos::Aux)
                || (pos[k] == Pos::Verb && !morph::is_gerund(&tokens[k].lower))
        })
}

/// "was", "had" …: a step list does not open on these ("We had two problems, delayed …").
fn is_be_or_have(w: &str) -> bool {
    matches!(w, "was" | "were" | "had" | "'d" | "'m" | "am")
}

const POSSESSIVES: &[&str] = &["my", "our", "their", "his", "her", "its", "your"];

/// Repairs for the tagger's commonest slips on answer sentences.
fn fix(tokens: &[Token], pos: &mut [Pos]) {
    // A sentence with no verb at all: a "noun" ending in -s right after its subject is the
    // verb ("Consistency matters more than charm", "A good nurse listens first").
    if !pos.iter().any(|p| matches!(p, Pos::Verb | Pos::Aux)) {
        for i in 1..tokens.len() {
            let w = &*tokens[i].lower;
            if pos[i] == Pos::Noun
                && w.ends_with('s')
                && !w.ends_with("ss")
                && matches!(pos[i - 1], Pos::Noun | Pos::Propn | Pos::Pron)
                && !tokens[i - 1].lower.ends_with('s')
            {
                pos[i] = Pos::Verb;
                break;
            }
        }
    }
    for i in 0..tokens.len() {
        let w = &*tokens[i].lower;
        let prev = i.checked_sub(1).map(|k| pos[k]);
        let next_is_be = tokens
            .get(i + 1)
            .is_some_and(|t| matches!(&*t.lower, "is" | "was" | "are" | "were" | "has" | "had"));
        // A noun read as a verb before "is"/"was": "Trust is earned", "I believe trust is".
        if pos[i] == Pos::Verb
            && next_is_be
            && !morph::is_past(w)
            && matches!(
                prev,
                None | Some(Pos::Det | Pos::Adj | Pos::Punct | Pos::Verb)
            )
        {
            pos[i] = Pos::Noun;
        }
        // "the ward", "my ward", "the average wait": a verb form after a determiner, an
        // adjective or a number is a noun, or an adjective when it is a participle ("a
        // trained nurse", "for planned discharges", "150 delayed returns").
        let after_modifier = matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Adp | Pos::Num))
            || (i > 0 && &*tokens[i - 1].lower == "for")
            // "far too much information", "so many questions": a quantity of a thing.
            || (i > 0 && matches!(&*tokens[i - 1].lower, "much" | "many" | "fewer"))
            || (prev == Some(Pos::Pron) && POSSESSIVES.contains(&&*tokens[i - 1].lower))
            || (i > 0 && &*tokens[i - 1].lower == "'s");
        // "One agreed to come in early", "Two refused the offer": a number as the subject.
        let number_subject = prev == Some(Pos::Num)
            && morph::is_past(w)
            && !matches!(
                pos.get(i + 1),
                Some(Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num) | None
            )
            && (i == 1 || matches!(pos[i - 2], Pos::Punct | Pos::Cconj));
        if pos[i] == Pos::Verb && after_modifier && !morph::is_gerund(w) && !number_subject {
            pos[i] = if morph::is_participle(w) {
                Pos::Adj
            } else {
                Pos::Noun
            };
        }
        // "the pharmacy lead": a singular noun then a base-form verb is a compound noun.
        if pos[i] == Pos::Verb
            && i >= 2
            && prev == Some(Pos::Noun)
            && pos[i - 2] == Pos::Det
            && !tokens[i - 1].lower.ends_with('s')
            && !morph::is_past(w)
            && !morph::is_gerund(w)
            && !w.ends_with('s')
        {
            pos[i] = Pos::Noun;
        }
        // "The mental health needs I encountered were varied": a plural noun read as a
        // verb, with a relative clause after it whose subject is a pronoun.
        if pos[i] == Pos::Verb
            && w.ends_with('s')
            && !w.ends_with("ss")
            && matches!(prev, Some(Pos::Noun | Pos::Adj))
            && pos[..i].iter().find(|p| **p != Pos::Punct) == Some(&Pos::Det)
            && !pos[..i].iter().any(|p| matches!(p, Pos::Verb | Pos::Aux))
            && tokens
                .get(i + 1)
                .is_some_and(|t| morph::is_subject_pronoun(&t.lower))
            && pos.get(i + 2) == Some(&Pos::Verb)
        {
            pos[i] = Pos::Noun;
        }
        // "were homes", "are issues": a plural noun after a form of "be" is the complement.
        if pos[i] == Pos::Verb
            && i > 0
            && matches!(&*tokens[i - 1].lower, "is" | "are" | "was" | "were")
            && w.ends_with('s')
            && !w.ends_with("ss")
        {
            pos[i] = Pos::Noun;
        }
        // "most missed bins", "the trained staff": a participle before a noun modifies it,
        // unless it continues a list of steps ("identified the gaps, prioritised them,
        // removed blockers").
        if pos[i] == Pos::Verb
            && morph::is_participle(w)
            && pos.get(i + 1) == Some(&Pos::Noun)
            && matches!(
                prev,
                None | Some(Pos::Adv | Pos::Det | Pos::Adj | Pos::Punct)
            )
            && !continues_steps(tokens, pos, i)
            && !opens_a_step(tokens, pos, i)
        {
            pos[i] = Pos::Adj;
        }
        // "assigned shifts based on each person's strengths": "based on" qualifies what
        // comes before it; it is no new clause.
        if w == "based"
            && tokens
                .get(i + 1)
                .is_some_and(|t| matches!(&*t.lower, "on" | "upon"))
            && matches!(
                prev,
                None | Some(Pos::Noun | Pos::Propn | Pos::Punct | Pos::Pron)
            )
        {
            pos[i] = Pos::Adp;
        }
        // "I calmly informed customers", "we quickly trained": a past form read as an
        // adjective straight after a subject and its adverbs is the subject's verb.
        if pos[i] == Pos::Adj && morph::is_past(w) {
            let mut j = i;
            while j > 0 && pos[j - 1] == Pos::Adv {
                j -= 1;
            }
            if j < i
                && j > 0
                && morph::is_subject_pronoun(&tokens[j - 1].lower)
                && &*tokens[j - 1].lower != "it"
            {
                pos[i] = Pos::Verb;
            }
        }
        // "the root cause": a noun, not a clipped "because".
        if w == "cause" && matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Noun)) {
            pos[i] = Pos::Noun;
        }
        // "have since rolled", "had already called": "have" is the auxiliary.
        if pos[i] == Pos::Verb && matches!(w, "have" | "has" | "had" | "'ve") {
            let mut j = i + 1;
            while j < tokens.len()
                && (pos[j] == Pos::Adv
                    || matches!(
                        &*tokens[j].lower,
                        "since" | "already" | "also" | "just" | "never" | "not" | "n't"
                    ))
            {
                j += 1;
            }
            let participle = tokens
                .get(j)
                .is_some_and(|t| morph::is_participle(&t.lower))
                && pos.get(j) == Some(&Pos::Verb);
            if participle {
                pos[i] = Pos::Aux;
                for p in &mut pos[i + 1..j] {
                    *p = Pos::Adv;
                }
            }
        }
    }
}

/// A part of speech for a word the dictionary does not know, from its shape and the tag
/// of the word before it.
fn fallback(text: &str, tokens: &[Token], before: &[Pos], i: usize) -> Pos {
    let t = &tokens[i];
    let w = &*t.lower;
    let prev = before.last().copied();
    let capital = t.first_char(text).is_some_and(char::is_uppercase);
    let sentence_start = i == 0 || matches!(prev, Some(Pos::Punct));
    if capital && !sentence_start {
        return Pos::Propn;
    }
    if matches!(prev, Some(Pos::Pron)) && tokens[i - 1].lower.as_ref() != "it"
        || matches!(prev, Some(Pos::Aux))
    {
        // "I trialled", "we'd re-slotted": a word after a subject pronoun or an auxiliary.
        if morph::is_past(w) || morph::is_gerund(w) || !w.ends_with('s') {
            return Pos::Verb;
        }
    }
    if w.ends_with("ly") {
        return Pos::Adv;
    }
    if matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Num)) {
        return Pos::Noun;
    }
    if morph::is_past(w) || morph::is_gerund(w) {
        return Pos::Verb;
    }
    Pos::Noun
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens::tokenize;
    use crate::text::Span;

    fn tags(s: &str) -> Vec<(String, Pos)> {
        let mut toks = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut toks);
        let pos = tag(s, &toks);
        toks.iter()
            .zip(pos)
            .map(|(t, p)| (t.span.slice(s).to_string(), p))
            .collect()
    }

    #[test]
    fn tags_an_action_sentence() {
        let t = tags("I timed 40 discharges over two weeks and trialled a checklist.");
        let get = |w: &str| t.iter().find(|(x, _)| x == w).map(|(_, p)| *p);
        assert_eq!(get("I"), Some(Pos::Pron));
        assert_eq!(get("timed"), Some(Pos::Verb));
        assert_eq!(get("40"), Some(Pos::Num));
        assert_eq!(get("discharges"), Some(Pos::Noun));
        assert_eq!(get("checklist"), Some(Pos::Noun));
    }

    #[test]
    fn a_participle_after_a_number_modifies_the_noun() {
        let t = tags("I sampled 150 delayed returns and followed each one.");
        let get = |w: &str| t.iter().find(|(x, _)| x == w).map(|(_, p)| *p);
        assert_eq!(get("delayed"), Some(Pos::Adj));
        assert_eq!(get("returns"), Some(Pos::Noun));
    }

    #[test]
    fn unknown_capitalised_words_mid_sentence_are_proper_nouns() {
        let t = tags("I rang Ravinder at Holloway depot.");
        assert!(t.iter().any(|(w, p)| w == "Ravinder" && *p == Pos::Propn));
    }
}
