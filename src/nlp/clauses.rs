//! Clauses: who did what, when, to what.
//!
//! A clause is a finite verb group ("had been waiting", "didn't just send", "would
//! propose") with its subject and what follows it. For each one this module says who the
//! subject is (the candidate, the candidate's group, someone else, a thing), the tense
//! and mood (past, present, future, conditional, modal; habitual; negated; passive), the
//! verb's lemma key, and whether what follows the verb names something concrete ("the
//! evening shift's checklist", "40 discharges", "Ravinder") or only something vague ("it",
//! "things", "the issue", "ownership"). A Bar Raiser credits an action for its object and
//! detail, not for its verb: "I analysed. I designed. I implemented." is three verbs and no
//! action.
//!
//! Coordinated verbs share their subject ("I pulled the logs, sorted them and found …" is
//! three clauses of "I"); a sentence that starts with a past verb and no subject (a bullet,
//! "Timed 40 discharges") is the candidate's own. Subordinate clauses ("… found *that the
//! wait came before pharmacy saw it*") are clauses of their own and also part of the
//! detail of the clause they depend on.

use super::morph;
use super::tagger::Pos;
use super::tokens::{Shape, Token};
use super::Lexicon;
use crate::text::Span;

/// Who a clause's subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// "I".
    I,
    /// "We", "our team", "the team and I", "my colleague and I".
    We,
    /// Another person or group: "they", "she", "the manager", "the night team".
    Others,
    /// A thing or an empty subject: "it", "the wait", "there".
    Thing,
    /// "You" (usually generic: "you have to listen").
    You,
    /// No subject written: a bullet or a sentence that starts with the verb.
    Implicit,
}

impl Subject {
    /// The candidate: "I", or no written subject.
    pub fn is_self(self) -> bool {
        matches!(self, Subject::I | Subject::Implicit)
    }
}

/// Tense and mood of a verb group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "timed", "was waiting", "had asked", "did check".
    Past,
    /// "have rolled out", "has since".
    Perfect,
    /// "time", "is", "believe".
    Present,
    /// "will", "'ll", "am going to".
    Future,
    /// "would", "'d" + base form, "would have".
    Conditional,
    /// "can", "could", "should", "might", "must", "may".
    Modal,
}

/// What follows a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Object {
    /// Nothing nominal: "I reviewed.", "I worked hard."
    None,
    /// Only pronouns or vague nouns: "it", "things", "the issue", "ownership".
    Vague,
    /// A concrete noun, a number or a name.
    Concrete,
}

/// One clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The sentence it belongs to (index into the analysis's sentences).
    pub sentence: u32,
    /// From its subject (or verb group) to its last token.
    pub span: Span,
    /// Who acts.
    pub subject: Subject,
    /// The subject is written before the verb ("we rebuilt"), not carried over from the
    /// clause before ("… and ran it for a quarter").
    pub written_subject: bool,
    /// The main verb's span.
    pub verb: Span,
    /// The main verb's lemma key (see [`morph::key`]).
    pub lemma: morph::Lemma,
    /// Tense and mood.
    pub tense: Tense,
    /// "not", "n't", "never" in the verb group.
    pub negated: bool,
    /// A form of "be" with a past participle ("was moved").
    pub passive: bool,
    /// "always", "usually", "whenever", "used to" …: a habit, not an event.
    pub habitual: bool,
    /// A form of "be" with an "-ing" verb ("I was working nights"): what was going on,
    /// the setting of the story rather than a step in it.
    pub progressive: bool,
    /// Depends on another clause ("that …", "because …", "which …").
    pub subordinate: bool,
    /// The most concrete thing that follows the verb.
    pub object: Object,
    /// Concrete nouns, numbers and names after the verb (distinct, capped at 255).
    pub details: u8,
    /// Token range of the clause (indices into the analysis's tokens; empty when read by
    /// [`super::read_clauses`]).
    pub tokens: std::ops::Range<u32>,
}

impl Clause {
    /// Its token range, as indices into the analysis's tokens (stored as `u32`: a clause
    /// is one of the records an answer keeps per sentence, so its size is the answer's
    /// memory).
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }

    /// A past event of the candidate's own, stated as fact (not negated, not a wish).
    pub fn own_past(&self) -> bool {
        self.subject.is_self()
            && matches!(self.tense, Tense::Past | Tense::Perfect)
            && !self.negated
            && !self.habitual
    }
}

/// Verbs whose object is followed by a bare verb that belongs to them ("helped the
/// manager set up", "let the family know", "made him repeat it"), as lemma keys.
const CAUSATIVE: &[&str] = &["help", "let", "make", "watch", "see", "hear"];

const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "when", "while", "because", "although",
    "though", "if", "unless", "until", "till", "before", "after", "since", "as", "whether",
    "whenever", "wherever", "once", "what", "how", "why",
];

const HABITUAL: &[&str] = &[
    "always",
    "usually",
    "typically",
    "generally",
    "normally",
    "often",
    "regularly",
    "routinely",
    "constantly",
    "habitually",
    "whenever",
    "frequently",
    "invariably",
];

/// Verbs whose object can be a clause with its "that" left out.
const REPORTING: &[&str] = &[
    "noticed",
    "saw",
    "found",
    "realised",
    "realized",
    "knew",
    "thought",
    "heard",
    "learned",
    "learnt",
    "felt",
    "discovered",
    "spotted",
    "understood",
    "believed",
    "assumed",
    "guessed",
    "confirmed",
    "verified",
    "checked",
    "established",
    "decided",
    "agreed",
    "argued",
    "said",
    "told",
    "showed",
    "proved",
    "suspected",
    "figured",
    "expected",
    "warned",
    "explained",
    "ensured",
    "insisted",
    "promised",
    "notice",
    "see",
    "find",
    "realise",
    "realize",
    "know",
    "think",
    "hear",
    "learn",
    "feel",
    "discover",
    "spot",
    "understand",
    "believe",
    "assume",
    "guess",
    "confirm",
    "verify",
    "check",
    "decide",
    "agree",
    "argue",
    "say",
    "tell",
    "show",
    "prove",
    "suspect",
    "figure",
    "expect",
    "warn",
    "explain",
    "ensure",
    "insist",
    "promise",
];

/// Nouns for what was wanted rather than done ("my goal was to …").
const AIMS: &[&str] = &[
    "goal",
    "aim",
    "task",
    "job",
    "objective",
    "role",
    "responsibility",
    "priority",
    "mission",
    "target",
    "challenge",
    "duty",
    "brief",
    "remit",
    "focus",
    "plan",
    "intention",
    "hope",
    "wish",
    "ambition",
    "purpose",
];

const MODALS: &[&str] = &[
    "can", "could", "should", "might", "must", "may", "ca", "shall",
];

/// Any auxiliary that makes its clause something that could, would or will happen rather
/// than what did: the modals above and the conditional and future ones the tense reads
/// apart.
fn is_any_modal(lower: &str) -> bool {
    MODALS.contains(&lower) || matches!(lower, "would" | "wo" | "will" | "'ll" | "'d")
}

/// The people a candidate serves, as the noun after "with" names them.
const SERVED: &[&str] = &[
    "customer",
    "client",
    "patient",
    "guest",
    "resident",
    "tenant",
    "parent",
    "mother",
    "father",
    "mum",
    "mom",
    "dad",
    "child",
    "boy",
    "girl",
    "student",
    "pupil",
    "caller",
    "passenger",
    "buyer",
    "homeowner",
    "learner",
    "man",
    "woman",
    "lady",
    "gentleman",
];

/// "I worked together with her … We began with brief visits": after the candidate acts
/// *with* one person they serve (or "her", "him"), the "we" of that sentence and the next
/// is the two of them, not a team whose credit the candidate shares, so its clauses are
/// the candidate's own. `clauses` are one sentence's, whose tokens start at `first` in
/// `tokens`'s numbering; `carry` says the sentence before ended such a pairing, and is
/// set for the next.
pub fn pair_we(
    tokens: &[Token],
    pos: &[Pos],
    first: usize,
    clauses: &mut [Clause],
    carry: &mut bool,
) {
    let mut paired = std::mem::take(carry);
    let mut found = false;
    for c in clauses.iter_mut() {
        if paired && c.subject == Subject::We {
            c.subject = Subject::I;
            continue;
        }
        if !c.subject.is_self() || c.negated {
            continue;
        }
        let range = c.token_range();
        let local = range.start.saturating_sub(first)..range.end.saturating_sub(first);
        let Some(ts) = tokens.get(local.clone()) else {
            continue;
        };
        let verb_at = ts
            .iter()
            .position(|t| t.span.start >= c.verb.start)
            .unwrap_or(0);
        let with = ts[verb_at..]
            .iter()
            .position(|t| &*t.lower == "with")
            .map(|k| verb_at + k);
        if let Some(w) = with {
            let next = |k: usize| ts.get(k).map(|t| &*t.lower);
            let person = match next(w + 1) {
                Some("her" | "him") => pos.get(local.start + w + 1) == Some(&Pos::Pron),
                Some("the" | "a" | "an" | "this" | "that" | "my" | "our") => {
                    next(w + 2).is_some_and(|n| SERVED.contains(&n))
                }
                _ => false,
            };
            found |= person;
            paired |= person;
        }
    }
    *carry = found;
}

/// The clauses of one sentence. `tokens` and `pos` are the sentence's tokens and tags,
/// `first` the index of its first token in the analysis, `sentence` its index.
pub fn clauses(
    tokens: &[Token],
    pos: &[Pos],
    first: usize,
    sentence: usize,
    lexicon: &Lexicon,
    out: &mut Vec<Clause>,
) {
    let heads = heads(tokens, pos);
    let mut previous: Option<Subject> = None;
    let mut previous_habitual = false;
    for (n, h) in heads.iter().enumerate() {
        let (mut subject, subject_start) = if h.nominal_self {
            (Subject::Implicit, h.group)
        } else {
            subject_of(tokens, pos, h.group, previous)
        };
        // "Adopted as the standard across all three bases", "Followed by a review": a bare
        // participle before "as" or "by" tells what was done to something, not by whom.
        let reduced_passive = subject == Subject::Implicit
            && h.group == h.verb
            && morph::is_participle(&tokens[h.verb].lower)
            && tokens
                .get(h.verb + 1)
                .is_some_and(|t| matches!(&*t.lower, "as" | "by"));
        if reduced_passive {
            subject = Subject::Thing;
        }
        // "The rota I built was used by every ward": a pronoun's clause right after the
        // sentence's opening noun, with the next verb straight after it, is a relative
        // clause about that noun. The noun is what the pronoun's verb acted on and the
        // next clause's subject.
        let contact = (n == 0
            && subject_start > 0
            && subject_start + 1 == h.group
            && morph::is_subject_pronoun(&tokens[subject_start].lower)
            && matches!(pos[subject_start - 1], Pos::Noun | Pos::Propn)
            && pos[..subject_start].iter().all(|p| {
                matches!(
                    p,
                    Pos::Det | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num | Pos::Punct
                )
            })
            && heads.get(1).is_some_and(|next| next.group == h.verb + 1))
        .then(|| classify(tokens, pos, 0, subject_start));
        let subordinate = h.subordinate_hint;
        // The clause's detail runs to the next head that is not subordinate to it.
        let end = heads[n + 1..]
            .iter()
            .find(|next| !next.subordinate_hint)
            .map_or(tokens.len(), |next| next.clause_start);
        let end = hard_stop(tokens, h.verb + 1, end);
        // "The main thing I learned is that volunteers …": a vague antecedent leaves the
        // object to what follows.
        let (object, details) =
            match contact.map(|_| object_of(tokens, pos, 0, subject_start, lexicon)) {
                Some((Object::Concrete, d)) => (Object::Concrete, d),
                _ => object_of(tokens, pos, h.verb + 1, end, lexicon),
            };
        let group = &tokens[h.group..=h.verb];
        let Form {
            mut tense,
            negated,
            passive,
            progressive,
            used_to,
        } = tense_of(group, pos, tokens, h);
        let passive = passive || reduced_passive;
        if h.nominal_self {
            tense = if &*tokens[h.group - 2].lower == "was" {
                Tense::Past
            } else {
                Tense::Present
            };
        }
        // "Not only did she keep the sofa", "Only then did I ring him": the auxiliary stands
        // before the subject and carries the tense.
        if tense == Tense::Present
            && subject_start < h.group
            && subject_start > 0
            && matches!(&*tokens[subject_start - 1].lower, "did" | "had")
        {
            tense = Tense::Past;
        }
        // "Let's see", "let us think": an invitation, not a past act.
        if &*tokens[h.verb].lower == "let"
            && tokens
                .get(h.verb + 1)
                .is_some_and(|t| matches!(&*t.lower, "'s" | "us"))
        {
            tense = Tense::Present;
        }
        // A habit is marked before the verb, back to the clause before ("Over four years
        // I always checked …"), or by "used to" / "tend to" right after it.
        let from = if n == 0 { 0 } else { heads[n - 1].verb + 1 };
        let habitual = used_to
            || tokens[from..=h.verb]
                .iter()
                .any(|t| HABITUAL.contains(&&*t.lower))
            || phrase_at(tokens, from, h.verb + 1, &["every", "time"])
            || phrase_at(tokens, from, h.verb + 1, &["each", "time"])
            || phrase_at(tokens, h.verb, h.verb + 2, &["tend", "to"])
            || phrase_at(tokens, from, h.verb + 1, &["each", "month"])
            || phrase_at(tokens, from, h.verb + 1, &["every", "week"])
            || phrase_at(tokens, from, h.verb + 1, &["every", "day"])
            // "I regularly set up payment plans and followed them up": a coordinated verb
            // shares the habit of the one it continues.
            || (subject_start == h.group && previous_habitual);
        let verb = &tokens[h.verb];
        // "I spent two hours testing each circuit": the act is the testing, for two hours.
        let act = if morph::key(&verb.lower) == "spend" {
            spent_on(tokens, pos, h.verb + 1, end).map_or(verb, |k| &tokens[k])
        } else {
            verb
        };
        let span = Span {
            start: tokens[subject_start.min(h.group)].span.start,
            end: tokens[end.max(h.verb + 1) - 1].span.end,
        };
        if !subordinate {
            previous = Some(contact.unwrap_or(subject));
            previous_habitual = habitual;
        }
        out.push(Clause {
            sentence: sentence as u32,
            span,
            subject,
            written_subject: subject_start < h.group,
            verb: verb.span,
            lemma: morph::Lemma::of_word(&act.lower),
            tense,
            negated,
            passive,
            habitual,
            progressive,
            subordinate,
            object,
            details,
            tokens: (first + subject_start.min(h.group)) as u32
                ..(first + end.max(h.verb + 1)) as u32,
        });
    }
}

/// Spans of time: what time is spent on ("two hours testing"), and what "that" stands
/// before as a determiner ("Later that week we rebuilt").
const TIME: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "summer",
    "winter",
    "shift",
    "time",
    "lunchtime",
    "lunch",
    "break",
];

/// The act time was spent on, in `tokens[from..to]`: the "-ing" form right after the time
/// ("two hours testing each circuit", "the afternoon methodically calling suppliers"),
/// whatever the tagger made of it.
fn spent_on(tokens: &[Token], pos: &[Pos], from: usize, to: usize) -> Option<usize> {
    let time = (from..to).find(|&k| TIME.contains(&&*tokens[k].lower))?;
    let k = (time + 1..to).find(|&k| pos[k] != Pos::Adv)?;
    (matches!(pos[k], Pos::Verb | Pos::Noun) && morph::is_gerund(&tokens[k].lower)).then_some(k)
}

/// A finite verb group: where it starts, its main verb, and where its clause starts.
#[derive(Debug, Clone, Copy)]
struct Head {
    group: usize,
    verb: usize,
    clause_start: usize,
    subordinate_hint: bool,
    /// "My action was to draft a checklist": the infinitive is the candidate's own act.
    nominal_self: bool,
}

fn is_be(lower: &str) -> bool {
    matches!(
        lower,
        "be" | "am" | "is" | "are" | "was" | "were" | "been" | "being" | "'m" | "'re" | "'s"
    )
}

fn is_auxish(t: &Token, p: Pos) -> bool {
    p == Pos::Aux
        || (p == Pos::Part && matches!(&*t.lower, "not" | "n't"))
        || matches!(
            &*t.lower,
            "'d" | "'ll" | "'ve" | "'m" | "'re" | "would" | "will"
        )
}

/// The finite verb groups of a sentence, in order.
fn heads(tokens: &[Token], pos: &[Pos]) -> Vec<Head> {
    let mut out: Vec<Head> = Vec::new();
    // The last infinitive passed over ("moved quickly to write a document"), for the bare
    // verbs coordinated with it ("… and argue for a free tier").
    let mut last_infinitive: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let p = pos[i];
        if !(p == Pos::Verb || p == Pos::Aux || matches!(&*tokens[i].lower, "'d" | "'ll")) {
            i += 1;
            continue;
        }
        // The group: auxiliaries, "not" and adverbs, up to the last verb before anything else.
        let group = i;
        let mut j = i;
        let mut verb = i;
        while j < tokens.len() {
            let pj = pos[j];
            if pj == Pos::Verb {
                verb = j;
                // "used to time", "tried to fix": the group ends at the first main verb.
                break;
            }
            if is_auxish(&tokens[j], pj) {
                verb = j;
                j += 1;
                continue;
            }
            if pj == Pos::Adv
                && j + 1 < tokens.len()
                && matches!(pos[j + 1], Pos::Verb | Pos::Aux | Pos::Adv)
            {
                j += 1;
                continue;
            }
            break;
        }
        // "I was able to lead the roll-out": the act is the infinitive, told in the past.
        if is_be(&tokens[verb].lower)
            && tokens.get(verb + 1).is_some_and(|t| &*t.lower == "able")
            && tokens.get(verb + 2).is_some_and(|t| &*t.lower == "to")
            && pos.get(verb + 3) == Some(&Pos::Verb)
        {
            verb += 3;
            last_infinitive = Some(verb);
        }
        let lower = &*tokens[verb].lower;
        let has_aux = verb > group;
        let before = group.checked_sub(1).map(|k| (&*tokens[k].lower, pos[k]));
        let infinitive = matches!(before, Some(("to", _)));
        let participle_only = !has_aux
            && pos[verb] == Pos::Verb
            && (morph::is_gerund(lower)
                || (morph::is_participle(lower)
                    && !morph::is_past(lower)
                    // "we run", "they come": a participle that is its own base form is a
                    // present verb after a personal pronoun ("a training run", "made
                    // validation run" are not clauses of their own).
                    && !(morph::base_form(lower) == lower
                        && matches!(before, Some(("i" | "we" | "you" | "they", _))))));
        // A verb right after another main verb with nothing between is its complement
        // ("started using", "got moved", "helped build").
        // "The changes I made were adopted": a form of "be" or "have" after a verb is the
        // next clause's verb, not a complement.
        let after_verb =
            matches!(before, Some((_, Pos::Verb))) && !has_aux && pos[group] == Pos::Verb;
        // "My first step was to time the round", "our plan was to …": the candidate's act,
        // told as what their step was.
        // An aim is not an act: "My goal was to keep his trust" says what was wanted.
        let nominal_self = infinitive
            && group >= 3
            && matches!(&*tokens[group - 2].lower, "was" | "is")
            && tokens[clause_start(tokens, pos, group - 2)..group - 2]
                .iter()
                .any(|t| &*t.lower == "my")
            && !AIMS
                .iter()
                .any(|a| morph::key(a) == morph::key(&tokens[group - 3].lower));
        // "to write a document and argue for a free tier": a bare verb after "and", "or"
        // or a comma shares the infinitive before it (no head came between).
        let shares_infinitive = !has_aux
            && matches!(before, Some(("and" | "or" | ",", _)))
            && last_infinitive.is_some_and(|k| out.last().is_none_or(|h| h.verb <= k))
            && morph::is_base_form(lower);
        if infinitive && !nominal_self {
            last_infinitive = Some(verb);
        }
        // "I helped the marketing manager set up the venue", "let the nurse know": the
        // bare verb after the person helped, let or made is part of the candidate's act,
        // not something that person did on their own.
        let causative = !has_aux
            && morph::base_form(lower) == lower
            && !morph::is_gerund(lower)
            && out.last().is_some_and(|h| {
                CAUSATIVE.contains(&morph::key(&tokens[h.verb].lower).as_ref())
                    && h.verb + 1 < group
                    && (h.verb + 1..group).all(|k| {
                        matches!(
                            pos[k],
                            Pos::Det | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num
                        ) || (pos[k] == Pos::Pron
                            && matches!(
                                &*tokens[k].lower,
                                "him" | "her" | "them" | "us" | "me" | "everyone"
                            ))
                    })
            });
        if (infinitive && !nominal_self)
            || participle_only
            || after_verb
            || shares_infinitive
            || causative
        {
            i = verb + 1;
            continue;
        }
        let clause_start = clause_start(tokens, pos, group);
        // Subordinate when a subordinator stands between the verb before and this group
        // ("I asked the registrar whether prescriptions … could be written").
        let since = out.last().map_or(0, |h| h.verb + 1);
        let joined = tokens[since..group]
            .iter()
            .any(|t| matches!(&*t.lower, "so" | "and" | "but" | ";"));
        // What was noticed, found or thought, with its "that" left out ("I noticed the
        // prescriptions were going to the wrong branch, fixed the list"): a complement, so
        // the verb coordinated after it is still the candidate's.
        let reported = out.last().is_some_and(|h| {
            REPORTING.contains(&&*tokens[h.verb].lower)
                && !joined
                && !tokens[since..group].iter().any(|t| &*t.lower == ",")
        });
        // A leading subordinator whose clause had no finite verb and ended at a comma
        // ("Still, after making the case to the board, I was able to …") does not govern
        // this one; "I learned that when a model degrades, the data …" still does.
        // "that" before a time ("Later that week we rebuilt") is a determiner.
        let subordinator = |k: usize| {
            SUBORDINATORS.contains(&&*tokens[k].lower)
                && !(&*tokens[k].lower == "that"
                    && tokens.get(k + 1).is_some_and(|t| TIME.contains(&&*t.lower)))
        };
        let last_subordinator = (since..group)
            .rev()
            .find(|&k| subordinator(k))
            .map(|k| k - since);
        let governs = last_subordinator.is_some_and(|k| {
            let leading = out.is_empty()
                && pos[since..since + k]
                    .iter()
                    .all(|p| matches!(p, Pos::Adv | Pos::Punct | Pos::Cconj));
            !leading
                || !tokens[since + k..clause_start]
                    .iter()
                    .any(|t| &*t.lower == ",")
        });
        // A conjunction before the subordinator does not undo it ("…, and, because he had
        // no spare driver, ran the cart myself"); one after it starts a clause of its own.
        let joined_after = last_subordinator.is_none_or(|k| {
            tokens[since + k..group]
                .iter()
                .any(|t| matches!(&*t.lower, "so" | "and" | "but" | ";"))
        });
        // "made a visual schedule so she knew what was coming": "so" straight after what was
        // done, with no comma, says what it was for; the verb coordinated after it ("…, and
        // found a quiet space") is still the one before it's. "…, so I rang him" and "so I
        // went home" stay steps of their own.
        let purpose = tokens[since..group]
            .iter()
            .rposition(|t| &*t.lower == "so")
            .is_some_and(|k| {
                let k = since + k;
                k > since
                    && !matches!(&*tokens[k - 1].lower, "," | ";" | "and" | "but" | "-")
                    && !tokens[k + 1..group]
                        .iter()
                        .any(|t| matches!(&*t.lower, "," | "and" | "but" | ";"))
                    && (!matches!(&*tokens[k + 1].lower, "i" | "we")
                        || tokens[group..=verb].iter().any(|t| is_any_modal(&t.lower)))
            });
        let subordinate_hint = reported || (governs && !joined_after) || purpose;
        out.push(Head {
            group,
            verb,
            clause_start,
            subordinate_hint,
            nominal_self,
        });
        i = verb + 1;
    }
    out
}

/// Where the clause of the verb group at `group` starts: at its subject's first token, or
/// at the group when no subject is written right before it.
fn clause_start(tokens: &[Token], pos: &[Pos], group: usize) -> usize {
    let sub = |k: usize| SUBORDINATORS.contains(&&*tokens[k].lower);
    let mut k = group;
    // Adverbs between the subject and the verb: "I then rewrote", "we quickly agreed".
    while k > 0 && pos[k - 1] == Pos::Adv && !sub(k - 1) {
        k -= 1;
    }
    let adverbs = k;
    let mut and_at = None;
    let mut nominals = 0;
    while k > 0 {
        let p = pos[k - 1];
        let w = &*tokens[k - 1].lower;
        // Quotation marks around a subject ("“Discharges” took four hours") leave it the
        // subject.
        if p == Pos::Punct && matches!(w, "“" | "”" | "\"" | "‘" | "’") {
            k -= 1;
            continue;
        }
        // "The team and I", "Priya and her deputy": "and" inside a subject, never right
        // before the verb ("sorted them and found").
        let and_between = p == Pos::Cconj
            && w == "and"
            && k < adverbs
            && k >= 2
            && matches!(pos[k - 2], Pos::Noun | Pos::Propn | Pos::Pron);
        let object_pronoun = matches!(w, "them" | "him" | "me" | "it" | "her")
            && k < group
            && k >= 2
            && matches!(pos[k - 2], Pos::Verb);
        let nominal = (matches!(
            p,
            Pos::Noun | Pos::Propn | Pos::Pron | Pos::Det | Pos::Adj | Pos::Num
        ) && !object_pronoun)
            || (p == Pos::Part && w == "'s")
            || and_between;
        if !nominal || (sub(k - 1) && p != Pos::Det) {
            break;
        }
        if and_between {
            and_at = Some(k - 1);
        }
        nominals += 1;
        k -= 1;
        // A personal pronoun starts its subject: "two gaps she found" is an object, then
        // "she found"; only "… and I" joins what stands before it. So does a determiner:
        // in "were homes the crews had never been told about", the subject is "the crews".
        let personal = morph::is_subject_pronoun(w);
        if (personal || p == Pos::Det) && !(k > 0 && &*tokens[k - 1].lower == "and") {
            break;
        }
    }
    // "… hold off on the parlour and I changed": what stands before "and" is the object
    // of a preposition or a verb, so the subject starts after it.
    if let Some(a) = and_at {
        if k > 0 && matches!(pos[k - 1], Pos::Adp | Pos::Verb | Pos::Aux) {
            k = a + 1;
        }
    }
    if k == adverbs || nominals == 0 {
        group
    } else {
        // Not the quotation marks before the subject's first word.
        while k < adverbs && pos[k] == Pos::Punct {
            k += 1;
        }
        k
    }
}

/// The subject of the group at `group` and the token its clause starts at.
fn subject_of(
    tokens: &[Token],
    pos: &[Pos],
    group: usize,
    previous: Option<Subject>,
) -> (Subject, usize) {
    let start = clause_start(tokens, pos, group);
    // What stands before the verb group, past any adverbs when that is a relative pronoun
    // or a bracket: "an alternative that still met his deadline" is a relative clause, not
    // the candidate's next act; "(often held up for hours)" is an aside.
    let mut b = start;
    while start == group && b > 0 && pos[b - 1] == Pos::Adv {
        b -= 1;
    }
    let relative = b
        .checked_sub(1)
        .is_some_and(|k| matches!(&*tokens[k].lower, "that" | "which" | "who" | "("));
    let before = if relative { b } else { start }
        .checked_sub(1)
        .map(|k| &*tokens[k].lower);
    if start == group && previous.is_none() {
        // The sentence's first verb right after an aside set off by commas, dashes or
        // brackets: its subject stands before the aside ("Two subcontractors - electrical
        // and HVAC - disagreed", "Sarah, our charge nurse, rewrote the rota").
        if let Some(open) = aside_open(tokens, group) {
            let s = clause_start(tokens, pos, open);
            let after_preposition = s > 0 && pos[s - 1] == Pos::Adp;
            if s < open && !after_preposition {
                return (classify(tokens, pos, s, open), s);
            }
        }
    }
    if start == group {
        // No written subject: coordinated with the clause before, or the candidate's own
        // (a bullet, a list of steps), or a relative clause about a thing.
        let subject = match before {
            Some("and" | "," | "then" | "but" | "or" | "before" | "after" | ";") => {
                previous.unwrap_or(Subject::Implicit)
            }
            // "I listened to what concerned him": what concerned him is not the candidate.
            Some("which" | "that" | "who" | "what" | "whatever" | "whoever" | "(") => {
                Subject::Thing
            }
            Some(w) if w.chars().any(char::is_alphanumeric) => previous.unwrap_or(Subject::Thing),
            _ => Subject::Implicit,
        };
        return (subject, start);
    }
    (classify(tokens, pos, start, group), start)
}

/// Where an aside that ends right before `group` opens: the matching comma, dash or
/// bracket before it. (Called only for a sentence's first verb, so the aside holds none.)
fn aside_open(tokens: &[Token], group: usize) -> Option<usize> {
    let close = group.checked_sub(1)?;
    let opener: &[&str] = match &*tokens[close].lower {
        "," => &[","],
        "-" | "\u{2013}" | "\u{2014}" => &["-", "\u{2013}", "\u{2014}"],
        ")" => &["("],
        _ => return None,
    };
    let open = (0..close)
        .rev()
        .find(|&k| opener.contains(&&*tokens[k].lower))?;
    (open + 1 < close).then_some(open)
}

/// What kind of subject the words `tokens[start..group]` (before the verb group) are.
fn classify(tokens: &[Token], pos: &[Pos], start: usize, group: usize) -> Subject {
    let np = &tokens[start..group];
    let words: Vec<&str> = np.iter().map(|t| &*t.lower).collect();
    let has = |w: &str| words.contains(&w);
    if has("i") && (has("and") || has("with")) || has("we") || has("us") {
        Subject::We
    } else if has("i") || has("myself") {
        Subject::I
    } else if has("our") && words.last().is_some_and(|w| GROUPS.contains(w)) {
        Subject::We
    } else if has("you") {
        Subject::You
    } else if np.iter().zip(&pos[start..group]).any(|(t, p)| {
        *p == Pos::Pron
            && matches!(
                &*t.lower,
                "they"
                    | "he"
                    | "she"
                    | "someone"
                    | "somebody"
                    | "everyone"
                    | "everybody"
                    | "nobody"
                    | "no-one"
            )
    }) || np
        .iter()
        .zip(&pos[start..group])
        .any(|(t, p)| *p == Pos::Propn && t.shape == Shape::Word)
        || words
            .last()
            .is_some_and(|w| GROUPS.contains(w) || PEOPLE.contains(w))
    {
        Subject::Others
    } else {
        Subject::Thing
    }
}

/// Nouns for groups of people (a subject "our …" of these is "we").
const GROUPS: &[&str] = &[
    "team",
    "teams",
    "department",
    "ward",
    "unit",
    "group",
    "staff",
    "company",
    "side",
    "shift",
    "crew",
    "squad",
    "class",
    "store",
    "branch",
    "office",
    "practice",
    "school",
    "firm",
    "business",
    "organisation",
    "organization",
    "committee",
    "board",
    "management",
];

/// Nouns for people (a subject of these is someone else).
const PEOPLE: &[&str] = &[
    "manager",
    "managers",
    "boss",
    "lead",
    "leads",
    "director",
    "head",
    "colleague",
    "colleagues",
    "engineer",
    "engineers",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "teacher",
    "teachers",
    "supervisor",
    "owner",
    "owners",
    "vendor",
    "supplier",
    "contractor",
    "customer",
    "customers",
    "client",
    "clients",
    "patient",
    "patients",
    "matron",
    "pharmacist",
    "driver",
    "drivers",
    "chef",
    "people",
    "everyone",
    "consultant",
    "registrar",
    "principal",
    "headteacher",
    "agent",
    "agents",
    "officer",
    "officers",
    "analyst",
];

/// The end of a clause's detail: `end`, or earlier at a hard stop (`;`, `:`, a dash, a
/// bracket or a comma before "which" or "who") after `from`.
fn hard_stop(tokens: &[Token], from: usize, end: usize) -> usize {
    (from..end)
        .find(|&k| {
            (tokens[k].shape == Shape::Punct
                && matches!(&*tokens[k].lower, ";" | ":" | "—" | "–" | "(" | ")"))
                // ", which …" comments on the clause; it is not what the verb acted on.
                || (&*tokens[k].lower == ","
                    && tokens
                        .get(k + 1)
                        .is_some_and(|t| matches!(&*t.lower, "which" | "who")))
        })
        .unwrap_or(end)
}

/// The most concrete thing among `tokens[from..to]`, and how many concrete details. In a
/// run of nouns the last one is the head: "the root cause" is as vague as "the cause",
/// unless a modifier is a number or a name.
fn object_of(
    tokens: &[Token],
    pos: &[Pos],
    from: usize,
    to: usize,
    lexicon: &Lexicon,
) -> (Object, u8) {
    let to = to.min(tokens.len());
    let mut object = Object::None;
    let mut seen: Vec<&str> = Vec::new();
    let mut k = from;
    while k < to {
        match pos[k] {
            Pos::Pron => {
                object = object.max(Object::Vague);
                k += 1;
            }
            Pos::Noun | Pos::Propn | Pos::Num => {
                let mut end = k;
                while end < to && matches!(pos[end], Pos::Noun | Pos::Propn | Pos::Num) {
                    end += 1;
                }
                // "the triage system", "the complaint data": a container noun is as
                // particular as the noun before it.
                let head_vague = lexicon.is_vague(&tokens[end - 1].lower)
                    && !(end - k >= 2
                        && matches!(pos[end - 2], Pos::Noun | Pos::Propn)
                        && lexicon.is_container(&tokens[end - 1].lower)
                        && !lexicon.is_vague(&tokens[end - 2].lower));
                let mut any = false;
                for j in k..end {
                    let t = &tokens[j];
                    let named = matches!(pos[j], Pos::Propn | Pos::Num);
                    if lexicon.is_vague(&t.lower) || (head_vague && !named) {
                        continue;
                    }
                    any = true;
                    if !seen.contains(&&*t.lower) {
                        seen.push(&t.lower);
                    }
                }
                object = object.max(if any { Object::Concrete } else { Object::Vague });
                k = end;
            }
            _ => k += 1,
        }
    }
    (object, u8::try_from(seen.len()).unwrap_or(u8::MAX))
}

/// Tense, negation, passive, progressive and "used to" of a verb group.
fn tense_of(group: &[Token], pos: &[Pos], tokens: &[Token], h: &Head) -> Form {
    let words: Vec<&str> = group.iter().map(|t| &*t.lower).collect();
    let main = words.last().copied().unwrap_or("");
    let not = |w: &str| matches!(w, "not" | "n't" | "never");
    // "This was not my department": after a copula the "not" follows the verb.
    let negated = words.iter().any(|w| not(w))
        || h.group
            .checked_sub(1)
            .is_some_and(|k| &*tokens[k].lower == "never")
        || (is_be(main) && tokens.get(h.verb + 1).is_some_and(|t| not(&t.lower)));
    let used_to = main == "used" && tokens.get(h.verb + 1).is_some_and(|t| &*t.lower == "to");
    let auxes = &words[..words.len() - 1];
    // "was able to cut": "able to" makes it neither passive nor progressive.
    let able = auxes.ends_with(&["able", "to"]);
    let aux_be = auxes.iter().any(|w| is_be(w)) && !able;
    let passive = aux_be && morph::is_participle(main) && pos[h.verb] == Pos::Verb;
    let progressive = aux_be && !passive && morph::is_gerund(main);
    let first = words.first().copied().unwrap_or("");
    let tense = if auxes.iter().any(|w| matches!(*w, "would" | "wo")) {
        Tense::Conditional
    } else if first == "'d" && (auxes.get(1) == Some(&"have") || !morph::is_participle(main)) {
        // "I'd have called" is "would have"; "I'd called" is "had called".
        Tense::Conditional
    } else if auxes.iter().any(|w| matches!(*w, "will" | "'ll" | "shall")) {
        Tense::Future
    } else if auxes.iter().any(|w| MODALS.contains(w)) {
        Tense::Modal
    } else if let Some(a) = auxes.first() {
        match *a {
            "was" | "were" | "had" | "did" | "'d" => Tense::Past,
            "have" | "has" | "'ve" => Tense::Perfect,
            "am" | "is" | "are" | "'m" | "'re" | "do" | "does" => {
                // "am going to call" is a plan, not an event.
                if tokens.get(h.verb + 1).is_some_and(|t| &*t.lower == "to") && main == "going" {
                    Tense::Future
                } else {
                    Tense::Present
                }
            }
            _ => tense_of_word(main),
        }
    } else {
        tense_of_word(main)
    };
    Form {
        tense,
        negated,
        passive,
        progressive,
        used_to,
    }
}

/// What a verb group says about its clause.
struct Form {
    tense: Tense,
    negated: bool,
    passive: bool,
    progressive: bool,
    used_to: bool,
}

fn tense_of_word(lower: &str) -> Tense {
    if matches!(lower, "would" | "'d") {
        Tense::Conditional
    } else if matches!(lower, "will" | "'ll") {
        Tense::Future
    } else if MODALS.contains(&lower) {
        Tense::Modal
    } else if morph::is_past(lower) || matches!(lower, "was" | "were" | "had" | "did") {
        Tense::Past
    } else {
        Tense::Present
    }
}

/// True when `words` occur in a row among `tokens[from..to]`.
fn phrase_at(tokens: &[Token], from: usize, to: usize, words: &[&str]) -> bool {
    let slice = &tokens[from..to.min(tokens.len())];
    slice
        .windows(words.len())
        .any(|w| w.iter().zip(words).all(|(t, x)| &*t.lower == *x))
}
