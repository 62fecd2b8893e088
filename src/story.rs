//! STORY: is this one lived story, and what did the candidate do in it?
//!
//! A Bar Raiser's first question is not about phrases: is there a real, single event told
//! in the past, with the candidate acting in it? This stage reads the clauses the [`nlp`]
//! layer found and sorts them: the candidate's own actions (with a concrete object, or
//! not), actions of "we" and of others, hypotheticals ("I would …"), habits ("I always
//! …") and present-tense beliefs. An action counts once however often it is repeated,
//! so filler and repetition earn nothing.
//!
//! [`nlp`]: crate::nlp

use rustc_hash::{FxHashMap, FxHashSet};

use crate::nlp::{Analysis, Clause, Lexicon, Object, Pos, Subject, Tense, Token};
use crate::text::Span;

/// One of the candidate's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    /// The clause (index into the analysis's clauses).
    pub clause: usize,
    /// Its span.
    pub span: Span,
    /// It has a concrete object or detail.
    pub concrete: bool,
    /// How many concrete details (nouns, numbers, names) follow its verb.
    pub details: u8,
}

/// What the answer tells, clause by clause.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Story {
    /// The candidate's own past actions, each verb-and-object once.
    pub actions: Vec<Action>,
    /// Past actions whose subject is "we" or "our team".
    pub we_actions: Vec<Span>,
    /// Past actions of someone else.
    pub others_actions: Vec<Span>,
    /// First-person clauses in the conditional or future ("I would", "I'll").
    pub hypothetical: Vec<Span>,
    /// First-person habits ("I always check", "I used to").
    pub habitual: Vec<Span>,
    /// Present-tense statements not about a past event ("trust is earned", "I believe").
    pub present: Vec<Span>,
    /// Main clauses telling a first-person (I or we) action in the past.
    pub past_events: usize,
    /// Main clauses in the past that tell something happened, whoever their subject ("the
    /// wait fell", "she agreed", "the wait was three hours"; not "it was valuable"): the
    /// sentence of each.
    pub past_clauses: Vec<u32>,
    /// Words in the answer, each distinct sentence once (contract: fewer than 20 words is
    /// not an answer; a sentence said twice does not make a fragment one). The floor is
    /// checked on [`told_words`], which also leaves out filler and asides.
    pub words: u32,
    /// Each sentence's concrete nouns, for [`cohesion`].
    pub nouns: Nouns,
}

/// The concrete nouns of each sentence (lemma keys, as numbers: two sentences share a noun
/// when they share a number), kept so [`cohesion`] needs no tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Nouns {
    /// Every sentence's nouns, sorted and distinct within a sentence, one sentence after
    /// another.
    ids: Vec<u32>,
    /// Where each sentence's nouns end in `ids`.
    ends: Vec<u32>,
    /// Every sentence's action verbs, laid out as `ids` (same numbering): a step names
    /// again, as a verb, what another sentence named as a noun ("I scheduled two
    /// employees for the same shift" … "a double-check system for scheduling").
    verbs: Vec<u32>,
    /// Where each sentence's verbs end in `verbs`.
    verb_ends: Vec<u32>,
    /// Every sentence's head nouns (not the "pull" of "pull request"), laid out as `ids`:
    /// the nouns a verb elsewhere can name.
    heads: Vec<u32>,
    /// Where each sentence's head nouns end in `heads`.
    head_ends: Vec<u32>,
}

impl Nouns {
    /// The nouns of sentence `i` (none for a sentence not read).
    fn of(&self, i: usize) -> &[u32] {
        slice_of(&self.ids, &self.ends, i)
    }

    /// The action verbs of sentence `i`, as noun numbers.
    fn verbs_of(&self, i: usize) -> &[u32] {
        slice_of(&self.verbs, &self.verb_ends, i)
    }

    /// How many different concrete nouns the answer names.
    pub fn distinct(&self) -> usize {
        let mut ids = self.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// The head nouns of sentence `i`.
    fn heads_of(&self, i: usize) -> &[u32] {
        slice_of(&self.heads, &self.head_ends, i)
    }
}

/// Sentence `i`'s part of `ids`, whose sentences end at `ends`.
fn slice_of<'a>(ids: &'a [u32], ends: &[u32], i: usize) -> &'a [u32] {
    let Some(&end) = ends.get(i) else {
        return &[];
    };
    let start = i.checked_sub(1).map_or(0, |p| ends[p]);
    &ids[start as usize..end as usize]
}

/// Sort `ids[start..]` and drop repeats.
fn dedup_from(ids: &mut Vec<u32>, start: usize) {
    ids[start..].sort_unstable();
    let mut w = start;
    for r in start..ids.len() {
        if w == start || ids[w - 1] != ids[r] {
            ids[w] = ids[r];
            w += 1;
        }
    }
    ids.truncate(w);
}

impl Story {
    /// Own actions with a concrete object.
    pub fn concrete_actions(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| a.concrete)
    }

    /// Whether the text tells an event at all: enough words, and at least one clause in
    /// which the candidate (or their group) did something in the past.
    pub fn is_an_answer(&self, min_words: u32) -> bool {
        self.words >= min_words && self.past_events > 0
    }
}

/// Read a segmented answer word by word and its story at once, sentence by sentence,
/// keeping no tokens (see [`crate::nlp::read_clauses`]).
pub fn read_document(doc: &crate::segment::Document, lexicon: &Lexicon) -> (Analysis, Story) {
    let mut r = Reader::new(lexicon);
    let a = crate::nlp::read_clauses(doc.text, &doc.sentences, lexicon, |toks, pos, cs, from| {
        r.nouns(toks, pos);
        for (i, c) in cs.iter().enumerate().skip(from) {
            r.clause(i, c, toks);
        }
        r.told_within(&cs[from..], toks);
    });
    let story = r.finish(distinct_words(doc.text, &a));
    (a, story)
}

/// Words of the distinct sentences of `a`: a sentence said twice word for word does not
/// make a fragment an answer.
fn distinct_words(text: &str, a: &Analysis) -> u32 {
    let mut seen = FxHashSet::default();
    a.sentences
        .iter()
        .map(|s| s.span.slice(text))
        .filter(|s| seen.insert(crate::text::wording(s)))
        .map(crate::segment::count_words)
        .sum()
}

/// Words that tell the story, for the contract's floor of 20: the distinct sentences of
/// `a`, less asides (see [`asides`]), sentences that name nothing concrete - no concrete
/// noun, no figure, not the candidate ("It was a really valuable experience. Communication
/// is key.") - and views (see [`views`]): nothing in them happened. Filler or a tour does
/// not make a one-line fragment an answer. Counting stops once it reaches `up_to` (the
/// floor is all that is asked; a 64 MiB answer need not keep every sentence's wording
/// again).
pub fn told_words(
    text: &str,
    a: &Analysis,
    story: &Story,
    (asides, views): (&[bool], &[bool]),
    up_to: u32,
) -> u32 {
    let mut seen = FxHashSet::default();
    let mut words = 0;
    for (i, s) in a.sentences.iter().enumerate() {
        if words >= up_to {
            break;
        }
        let sentence = s.span.slice(text);
        let tells = !asides.get(i).copied().unwrap_or(false)
            && !views.get(i).copied().unwrap_or(false)
            && (!story.nouns.of(i).is_empty()
                || sentence.bytes().any(|b| b.is_ascii_digit())
                || mentions_self(sentence));
        if tells && seen.insert(crate::text::wording(sentence)) {
            words += crate::segment::count_words(sentence);
        }
    }
    words
}

/// Which sentences of `a` only give a view, with nothing in them that happened: what the
/// candidate is, thinks or always does ("I think it shows I am a team player who always
/// gives 110%"), how they grew, or what "it" was ("Overall it was a great learning
/// experience and I really grew as a person"). Such a sentence is filler wherever it
/// stands: it tells no words of the story and makes no other sentence belong to it (it
/// may itself name the story's things: a lesson "I learned to ask people to disprove my
/// analysis" still earns credit).
pub fn views(text: &str, a: &Analysis, lexicon: &Lexicon) -> Vec<bool> {
    let mut out = vec![false; a.sentences.len()];
    let mut event = vec![false; a.sentences.len()];
    for c in &a.clauses {
        let state = lexicon.states_in(c, text);
        let own = c.subject.is_self() || (c.subject == Subject::Thing && dummy(c, text));
        // In the past, a state with things in it is setting ("I was the operations manager
        // at a fulfilment centre with 400 pickers"), not a view.
        let view = !c.subordinate
            && ((own && state && (c.tense == Tense::Present || c.details < 2))
                || (c.subject.is_self() && c.tense == Tense::Present && c.habitual));
        if let (Some(v), Some(e)) = (
            out.get_mut(c.sentence as usize),
            event.get_mut(c.sentence as usize),
        ) {
            *v |= view;
            *e |= matches!(c.tense, Tense::Past | Tense::Perfect) && !c.habitual && !view;
        }
    }
    for (v, e) in out.iter_mut().zip(&event) {
        *v &= !e;
    }
    out
}

/// A clause whose subject is an empty "it", "this" or "that": "it was a great experience"
/// tells how something felt, not what happened.
fn dummy(c: &Clause, text: &str) -> bool {
    let before = text
        .get(c.span.start as usize..c.verb.start as usize)
        .unwrap_or("");
    // The subject is the last word before the verb, or before an adverb there.
    let mut words = before.split_whitespace().rev();
    let subject = match words.next() {
        Some(w) if w.len() > 2 && w.ends_with("ly") => words.next(),
        w => w,
    };
    subject.is_some_and(|s| {
        ["it", "this", "that"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w))
    })
}

/// Which sentences of `a` share a concrete noun with another sentence of the story (from
/// the sentence of the candidate's, or their group's, first action on, and the sentences
/// before it where something happened: the Situation): the ones that belong to it. A
/// sentence that shares none ("The error rate went from 30% to 5% and it was adopted as
/// the standard", appended to a story about rotas) may be true, but it is not evidence
/// about this story; nor does a tour of the setting before the story (a description of how
/// things are) lend the story its nouns. A concise story names its problem once and its
/// steps once each: the Situation is what its sentences have in common.
/// `happened` is [`happened_before`]'s set, `views` [`views`]'s.
pub fn cohesion(
    text: &str,
    a: &Analysis,
    story: &Story,
    (happened, views): (&FxHashSet<usize>, &[bool]),
) -> Vec<bool> {
    // A sentence said twice word for word is one sentence: it cannot vouch for itself.
    // A sentence said again (or said twice over on one line) is no anchor for the
    // sentences between (below): its first telling is.
    let mut interned: FxHashMap<String, usize> = FxHashMap::default();
    let mut again: Vec<bool> = Vec::with_capacity(a.sentences.len());
    let norms: Vec<usize> = a
        .sentences
        .iter()
        .map(|s| {
            let w = crate::text::wording(s.span.slice(text));
            // A sentence said twice over on one line is the sentence it doubles.
            if let Some(&id) = crate::text::doubled(&w).and_then(|h| interned.get(h)) {
                again.push(true);
                return id;
            }
            let next = interned.len();
            let id = *interned.entry(w).or_insert(next);
            again.push(id != next);
            id
        })
        .collect();
    let from = story_start(a, story);
    // A sentence first said before the story starts stays setting when it is said again
    // inside it: a repeated line of the tour does not vouch for the story.
    let before: FxHashSet<usize> = norms[..from.min(norms.len())].iter().copied().collect();
    // Per noun, up to two distinct sentences (by wording) from `from` on that use it: with
    // two, one of them differs from any sentence asking.
    let mut users: FxHashMap<u32, [Option<usize>; 2]> = FxHashMap::default();
    // The first sentence that names each thing as a verb (see [`Nouns`]).
    let mut verb_first: FxHashMap<u32, usize> = FxHashMap::default();
    let record = |users: &mut FxHashMap<u32, [Option<usize>; 2]>, k: u32, norm: usize| {
        let slot = users.entry(k).or_default();
        match *slot {
            [None, _] => slot[0] = Some(norm),
            [Some(x), None] if x != norm => slot[1] = Some(norm),
            _ => {}
        }
    };
    for (j, &norm) in norms.iter().enumerate() {
        if j < from && !happened.contains(&j) {
            continue;
        }
        if j >= from && before.contains(&norm) {
            continue;
        }
        // A view told in the story ("I grew as a person") vouches for none of it.
        if j >= from && views.get(j).copied().unwrap_or(false) {
            continue;
        }
        for &k in story.nouns.of(j) {
            record(&mut users, k, norm);
        }
        for &k in story.nouns.verbs_of(j) {
            verb_first.entry(k).or_insert(j);
        }
    }
    let other = |users: &FxHashMap<u32, [Option<usize>; 2]>, k: &u32, norm: usize| {
        users
            .get(k)
            .is_some_and(|u| u.iter().flatten().any(|&n| n != norm))
    };
    // A noun another sentence names too, or a head noun an earlier sentence named as its
    // verb ("I scheduled …" … "a system for scheduling"); two verbs alone ("I checked …
    // I checked …") share no thing, and a later verb does not vouch for an earlier noun.
    let mut cohesive: Vec<bool> = norms
        .iter()
        .enumerate()
        .map(|(i, &norm)| {
            story.nouns.of(i).iter().any(|k| other(&users, k, norm))
                || story
                    .nouns
                    .heads_of(i)
                    .iter()
                    .any(|k| verb_first.get(k).is_some_and(|&j| j < i))
        })
        .collect();
    // A concise story names each step's things once: a specific sentence of the story told
    // between two sentences that share its nouns (the Situation's included) belongs to it
    // too. A one-object step ("I pulled the logs.") is not vouched for by where it stands,
    // nor is setting before the story, nor anything after the story's last shared noun (an
    // appended paragraph).
    let anchor = |i: usize| cohesive[i] && !again[i];
    let first = (0..cohesive.len()).find(|&i| anchor(i) && (i >= from || happened.contains(&i)));
    let last = (from..cohesive.len()).rev().find(|&i| anchor(i));
    if let (Some(a), Some(b)) = (first, last) {
        let start = (a + 1).max(from);
        for (i, c) in cohesive.iter_mut().enumerate().take(b).skip(start) {
            if story.nouns.of(i).len() >= INSIDE_NOUNS {
                *c = true;
            }
        }
    }
    cohesive
}

/// How many concrete nouns a sentence told inside the story needs to belong to it without
/// sharing one (see [`cohesion`]). With two, phrase salads between a real Situation and
/// Result passed; with five, concise stories' steps stayed unrelated (BENCHMARKS.md).
const INSIDE_NOUNS: usize = 3;

/// The sentence the story starts at: the first thing the candidate, or their group, did
/// (0 when they did nothing).
fn story_start(a: &Analysis, story: &Story) -> usize {
    let own = story
        .actions
        .first()
        .and_then(|act| a.clauses.get(act.clause))
        .map(|c| c.sentence as usize);
    let group = story
        .we_actions
        .first()
        .map(|span| a.sentences.partition_point(|s| s.span.end <= span.start));
    own.into_iter().chain(group).min().unwrap_or(0)
}

/// The sentences before the story starts where something happened ("Our filling line
/// rejected too many bottles"): the Situation, not a description of how things are. A
/// past form with no subject of its own after a sentence begun in the present is a
/// participle ("The school is a large comprehensive, split into five houses"), not an
/// event. Read once per answer, for [`cohesion`] and [`asides`].
pub fn happened_before(a: &Analysis, story: &Story) -> FxHashSet<usize> {
    let from = story_start(a, story);
    let past = |c: &Clause| matches!(c.tense, Tense::Past | Tense::Perfect);
    a.clauses
        .chunk_by(|x, y| x.sentence == y.sentence)
        .filter(|s| (s[0].sentence as usize) < from)
        .filter(|s| {
            s.iter()
                .any(|c| past(c) && !c.passive && (c.written_subject || past(&s[0])))
        })
        .map(|s| s[0].sentence as usize)
        .collect()
}

/// Which sentences of `a` are setting told for its own sake: before the story starts (the
/// first thing the candidate or their group did), sharing no concrete noun with the story
/// (`cohesive`, from [`cohesion`]), not about the candidate and telling nothing that
/// happened (a description of how things are, "Our organisation runs three divisions, each
/// with …"). A tour of the organisation before the story is no evidence about it: what it
/// says earns nothing and meets no requirement.
/// `happened` is [`happened_before`]'s set.
pub fn asides(
    text: &str,
    a: &Analysis,
    story: &Story,
    cohesive: &[bool],
    happened: &FxHashSet<usize>,
) -> Vec<bool> {
    let from = story_start(a, story);
    // "We run about forty services on two clusters": how the group's world is, told in
    // the present, is a tour too, though it says "we".
    let mut described = vec![None; a.sentences.len()];
    for c in &a.clauses {
        if let Some(d) = described.get_mut(c.sentence as usize) {
            let present = c.tense == Tense::Present && !c.negated && c.subject != Subject::I;
            *d = Some(d.unwrap_or(true) && present);
        }
    }
    cohesive
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            i < from
                && !c
                && (described[i] == Some(true)
                    || !a
                        .sentences
                        .get(i)
                        .is_some_and(|s| mentions_self(s.span.slice(text))))
                && !happened.contains(&i)
        })
        .collect()
}

/// Does `sentence` speak of the candidate or their group ("not my team", "nobody had
/// asked me", "never heard back from us")? Such a sentence sets up the story, whatever
/// its nouns. "Our organisation runs three divisions" describes a setting, not them.
fn mentions_self(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| {
            let w = w.split(['\'', '’']).next().unwrap_or(w);
            ["i", "me", "my", "mine", "myself", "we", "us"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        })
}

/// Read the story of `a` (an analysis that kept its tokens).
pub fn read(a: &Analysis, lexicon: &Lexicon, words: u32) -> Story {
    let mut r = Reader::new(lexicon);
    for s in &a.sentences {
        r.nouns(&a.tokens[s.tokens.clone()], &a.pos[s.tokens.clone()]);
    }
    for (i, c) in a.clauses.iter().enumerate() {
        r.clause(i, c, &a.tokens);
    }
    for sentence in a.clauses.chunk_by(|x, y| x.sentence == y.sentence) {
        r.told_within(sentence, &a.tokens);
    }
    r.finish(words)
}

/// A story being read, clause by clause.
struct Reader<'l> {
    story: Story,
    lexicon: &'l Lexicon,
    /// Each own action's verb and object, to count it once.
    seen: FxHashSet<(crate::nlp::morph::Lemma, String)>,
    /// Noun keys and their numbers in [`Nouns`].
    keys: FxHashMap<String, u32>,
    /// Where the answer first names people ("the class", "a customer"), so a later "them"
    /// or "her" after an own action's verb is someone in particular.
    people_at: Option<u32>,
}

impl<'l> Reader<'l> {
    fn new(lexicon: &'l Lexicon) -> Reader<'l> {
        Reader {
            story: Story::default(),
            lexicon,
            seen: FxHashSet::default(),
            keys: FxHashMap::default(),
            people_at: None,
        }
    }

    fn finish(mut self, words: u32) -> Story {
        self.story.words = words;
        self.story
    }

    /// Remember the concrete nouns of the next sentence, whose tokens and tags these are.
    fn nouns(&mut self, tokens: &[Token], pos: &[Pos]) {
        // Units of time and words for a quantity of something: "the error rate" and "our
        // breastfeeding rates" share no subject, only the word for a measure.
        const MEASURES: &[&str] = &[
            "year",
            "month",
            "week",
            "day",
            "hour",
            "minut",
            "second",
            "time",
            "morn",
            "even",
            "night",
            "rate",
            "level",
            "amount",
            "total",
            "averag",
            "percentag",
            "ratio",
        ];
        // Verbs too light to name a thing when they share a stem with a noun ("set up" and
        // "a set of templates").
        const LIGHT: &[&str] = &[
            "do", "make", "take", "get", "go", "give", "put", "set", "keep", "let", "come",
        ];
        if self.people_at.is_none() {
            self.people_at = tokens
                .iter()
                .zip(pos)
                .find(|(t, p)| matches!(p, Pos::Noun) && names_people(&t.lower))
                .map(|(t, _)| t.span.start);
        }
        let nouns = &mut self.story.nouns;
        let start = nouns.ids.len();
        let verb_start = nouns.verbs.len();
        let head_start = nouns.heads.len();
        for (n, (t, p)) in tokens.iter().zip(pos).enumerate() {
            let verb = *p == Pos::Verb;
            // "One patient was shouting at everyone … I moved him into a side room … he was
            // upset over a bad prognosis": a story about one person names them once and
            // then says "he" or "she". "They" and "it" may be anything, so they tie nothing.
            let person = *p == Pos::Pron && matches!(&*t.lower, "he" | "him" | "she" | "her");
            if !verb && !person && !matches!(p, Pos::Noun | Pos::Propn) {
                continue;
            }
            let k = if person {
                std::borrow::Cow::Borrowed("<person>")
            } else {
                crate::nlp::morph::key(&t.lower)
            };
            let skip = if verb {
                LIGHT.contains(&k.as_ref()) || self.lexicon.is_non_action_key(&k)
            } else {
                // "the fulfilment process" … "streamline the process" … "adopted the new
                // process": a container noun said again is the same thing again.
                self.lexicon.is_vague_key(&k) && !self.lexicon.is_container_key(&k)
            };
            if skip || MEASURES.contains(&k.as_ref()) || k.len() <= 2 {
                continue;
            }
            let next = self.keys.len() as u32;
            let id = match self.keys.get(k.as_ref()) {
                Some(&id) => id,
                None => *self.keys.entry(k.into_owned()).or_insert(next),
            };
            if verb {
                nouns.verbs.push(id);
            } else {
                nouns.ids.push(id);
                if !pos
                    .get(n + 1)
                    .is_some_and(|p| matches!(p, Pos::Noun | Pos::Propn))
                {
                    nouns.heads.push(id);
                }
            }
        }
        dedup_from(&mut nouns.heads, head_start);
        nouns.head_ends.push(nouns.heads.len() as u32);
        dedup_from(&mut nouns.ids, start);
        nouns.ends.push(nouns.ids.len() as u32);
        dedup_from(&mut nouns.verbs, verb_start);
        nouns.verb_ends.push(nouns.verbs.len() as u32);
    }

    /// An event told inside another clause counts when the sentence's main clause does not
    /// deny it or make it hypothetical: "I will never forget the time I missed a deadline"
    /// and "When I joined, the rota was a mess" tell one; "I can't think of a time when I
    /// made a mistake" and "If I had known, I would have …" do not. Only the first such
    /// event of a sentence counts, and only in a sentence whose main clauses told none.
    fn told_within(&mut self, clauses: &[Clause], tokens: &[Token]) {
        let lexicon = self.lexicon;
        let event = |c: &Clause| {
            (c.subject.is_self() || c.subject == Subject::We)
                && matches!(c.tense, Tense::Past | Tense::Perfect)
                && !c.negated
                && !c.habitual
                && !c.passive
                && !lexicon.states(c, tokens)
        };
        let mut mains = clauses.iter().filter(|c| !c.subordinate).peekable();
        if mains.peek().is_none() || clauses.iter().any(|c| !c.subordinate && event(c)) {
            return;
        }
        // Negated forgetting affirms ("I'll never forget"); any other negated main clause
        // denies, and a wish or a plan is not a fact.
        let affirms = mains.all(|m| {
            !matches!(m.tense, Tense::Conditional | Tense::Modal)
                && (!m.negated || m.lemma == crate::nlp::morph::Lemma::of_word("forget"))
        });
        if affirms && clauses.iter().any(|c| c.subordinate && event(c)) {
            self.story.past_events += 1;
        }
    }

    /// Read clause `i`, whose `tokens` index `tokens`.
    fn clause(&mut self, i: usize, c: &Clause, tokens: &[Token]) {
        let (s, lexicon) = (&mut self.story, self.lexicon);
        let first_person = c.subject.is_self() || c.subject == Subject::We;
        let past = matches!(c.tense, Tense::Past | Tense::Perfect);
        let action_verb = !lexicon.states(c, tokens) && !c.passive;
        // An event: the candidate (or their group) did something, told as fact in a main
        // clause ("I can't think of a time when I made a mistake" tells none).
        if first_person && past && !c.negated && !c.subordinate && action_verb {
            s.past_events += 1;
        }
        // Something that happened, not a verdict on it: "It was a really valuable
        // experience" is in the past tense but tells nothing.
        if past && !c.subordinate && (action_verb || c.object == Object::Concrete) {
            s.past_clauses.push(c.sentence);
        }
        if first_person && matches!(c.tense, Tense::Conditional | Tense::Future) && !c.negated {
            s.hypothetical.push(c.span);
        }
        if first_person && c.habitual && action_verb {
            s.habitual.push(c.span);
        }
        if c.tense == Tense::Present && !c.subordinate && !c.negated {
            s.present.push(c.span);
        }
        // "I was working front of house": what was going on, not a step the candidate took.
        if !past || !action_verb || c.negated || c.habitual || c.progressive {
            return;
        }
        match c.subject {
            Subject::I | Subject::Implicit => {
                let key = (c.lemma, object_key(tokens, c));
                if !self.seen.insert(key) {
                    return;
                }
                // "I hit them with too much at once", "I called her back": the people the
                // story named, told again by pronoun, are a concrete object.
                // Only a pronoun that is the whole object: in "I gave her honest feedback" or
                // "I empowered her to take on more", what was given or asked is the object.
                let mut after = tokens[c.token_range()]
                    .iter()
                    .skip_while(|t| t.span.start < c.verb.end)
                    .map(|t| &*t.lower);
                let someone = c.details == 0
                    && self.people_at.is_some_and(|at| at < c.verb.start)
                    && after
                        .next()
                        .is_some_and(|w| matches!(w, "him" | "her" | "them" | "both"))
                    && after.next().is_none_or(|w| WHOLE_OBJECT_ENDS.contains(&w));
                s.actions.push(Action {
                    clause: i,
                    span: c.span,
                    concrete: c.object == Object::Concrete || someone,
                    details: c.details.max(u8::from(someone)),
                });
            }
            Subject::We => s.we_actions.push(c.span),
            Subject::Others => s.others_actions.push(c.span),
            Subject::Thing | Subject::You => {}
        }
    }
}

/// Words for people the story can go on to call "them" or "her" ("customers", "the class",
/// "a resident"), in the singular; [`PEOPLE_PLURALS`] holds the plurals not made with -s.
const PEOPLE: &[&str] = &[
    "customer",
    "patient",
    "pupil",
    "student",
    "child",
    "client",
    "guest",
    "resident",
    "passenger",
    "caller",
    "family",
    "parent",
    "colleague",
    "employee",
    "volunteer",
    "tenant",
    "donor",
    "user",
    "visitor",
    "shopper",
    "buyer",
    "learner",
    "trainee",
    "intern",
    "apprentice",
    "candidate",
    "applicant",
    "member",
    "teammate",
    "coworker",
    "co-worker",
    "worker",
    "man",
    "woman",
    "boy",
    "girl",
    "son",
    "daughter",
    "mother",
    "father",
    "husband",
    "wife",
    "relative",
    "carer",
    "driver",
    "cashier",
    "nurse",
    "doctor",
    "teacher",
    "manager",
    "supervisor",
    "agent",
    "engineer",
    "officer",
    "person",
    "kid",
    "toddler",
    "baby",
    "athlete",
    "player",
    "diner",
    "traveller",
    "traveler",
    "homeowner",
    "landlord",
    "subscriber",
    "partner",
    "class",
    "staff",
];
const PEOPLE_PLURALS: &[&str] = &["people", "children", "men", "women", "families", "classes"];

/// What may follow a pronoun that is an action's whole object: the sentence goes on
/// ("I called her back", "walked them through the form", "sat with him until ...").
const WHOLE_OBJECT_ENDS: &[&str] = &[
    ".", ",", ";", "!", "with", "through", "back", "up", "down", "out", "off", "over", "in",
    "into", "on", "about", "from", "at", "and", "until", "till", "while", "before", "after",
    "home", "again", "round", "around",
];

fn names_people(w: &str) -> bool {
    PEOPLE_PLURALS.contains(&w)
        || PEOPLE.contains(&w)
        || w.strip_suffix('s').is_some_and(|one| PEOPLE.contains(&one))
}

/// The words after a clause's verb, lowercased, as a repetition key: "I timed 40
/// discharges" said twice is one action, "I timed the rounds" and "I timed the handovers"
/// are two.
fn object_key(tokens: &[Token], c: &Clause) -> String {
    let verb_end = c.verb.end;
    tokens[c.token_range()]
        .iter()
        .filter(|t| t.span.start >= verb_end && t.lower.chars().any(char::is_alphanumeric))
        .map(|t| &*t.lower)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` read with `lexicon`: its analysis and its story.
    fn read_with(text: &str, lexicon: &Lexicon) -> (Analysis, Story) {
        let mut sentences = Vec::new();
        crate::segment::split_sentences(text, Span::new(0, text.len()), &mut sentences);
        let a = crate::nlp::analyse(text, &sentences, lexicon);
        let st = read(&a, lexicon, crate::segment::count_words(text));
        (a, st)
    }

    /// The cohesion of `text`, read with a small lexicon.
    fn cohesion_of(text: &str) -> Vec<bool> {
        let lexicon = Lexicon::new(["it"]).with_non_actions(["be", "have"]);
        let (a, st) = read_with(text, &lexicon);
        cohesion(
            text,
            &a,
            &st,
            (&happened_before(&a, &st), &views(text, &a, &lexicon)),
        )
    }

    fn story(s: &str) -> Story {
        let lexicon = Lexicon::new(["it", "thing", "things", "issue", "problem", "ownership"])
            .with_non_actions([
                "be", "have", "feel", "think", "believe", "know", "want", "learn",
            ]);
        read_with(s, &lexicon).1
    }

    #[test]
    fn salad_has_verbs_but_no_concrete_action() {
        let s = story("Task: Outside my remit; nobody asked. Action: I reviewed. I mapped. I redesigned. I rolled out. I trained. Result: Waste went from 9% to 2%.");
        assert_eq!(s.concrete_actions().count(), 0, "{s:?}");
        assert!(s.actions.len() >= 4);
    }

    #[test]
    fn people_the_story_named_are_a_concrete_object_by_pronoun() {
        let details =
            |text: &str| -> Vec<u8> { story(text).actions.iter().map(|a| a.details).collect() };
        // "Them" is the class the story named; the second call is someone in particular.
        assert_eq!(
            details("I taught the class fractions. I hit them with too much at once."),
            [2, 1]
        );
        assert_eq!(details("A customer rang twice. I called her back."), [1]);
        // Nobody named yet, or a pronoun that is not the whole object, earns nothing.
        assert_eq!(details("I called her back."), [0]);
        assert_eq!(
            details("A new nurse joined. I gave her things. I empowered her to grow."),
            [0, 0]
        );
    }

    #[test]
    fn a_job_is_not_a_step_but_work_on_a_thing_can_be() {
        let lexicon = Lexicon::new(["it"]).with_non_actions(["be", "work at", "work on"]);
        let read_one = |text: &str| read_with(text, &lexicon).1;
        let s = read_one("I worked at a food plant in Leeds. I worked on a dairy farm.");
        assert_eq!(s.actions.len(), 0, "{s:?}");
        assert_eq!(s.past_events, 0);
        let s = read_one("I worked out the night rota with the two charge nurses.");
        assert_eq!(s.actions.len(), 1, "{s:?}");
    }

    #[test]
    fn staying_late_is_a_step_but_staying_calm_is_not() {
        let lexicon = Lexicon::new(["it"])
            .with_non_actions(["be", "stay"])
            .with_actions_before(["stay late", "stay with"]);
        let read_one = |text: &str| read_with(text, &lexicon).1;
        let s = read_one("I stayed calm. I stayed positive with the family.");
        assert_eq!(s.actions.len(), 0, "{s:?}");
        let s =
            read_one("I stayed late to cover the gap. I stayed with him until the ambulance came.");
        assert_eq!(s.actions.len(), 2, "{s:?}");
    }

    #[test]
    fn repeated_actions_count_once() {
        let s = story("I timed 40 discharges. I timed 40 discharges. I timed 40 discharges.");
        assert_eq!(s.concrete_actions().count(), 1);
    }

    #[test]
    fn a_tour_before_the_story_is_an_aside_but_a_boundary_is_not() {
        let text = "Every division has its own budget cycle and approval chain. It was not my team and nobody had asked me. I timed forty discharges on the ward. The discharges before noon doubled.";
        let lexicon = Lexicon::new(["it", "team"]).with_non_actions(["be", "have"]);
        let (a, st) = read_with(text, &lexicon);
        let happened = happened_before(&a, &st);
        let views = views(text, &a, &lexicon);
        let cohesive = cohesion(text, &a, &st, (&happened, &views));
        assert_eq!(cohesive, [false, false, true, true]);
        let asides = asides(text, &a, &st, &cohesive, &happened);
        assert_eq!(asides, [true, false, false, false]);
        // The aside tells nothing; the boundary, the action and the result do.
        assert_eq!(told_words(text, &a, &st, (&asides, &views), u32::MAX), 22);
    }

    #[test]
    fn the_situation_lends_the_story_its_nouns() {
        // Told once each, the actions and the result share nouns only with the Situation.
        let text = "During the holiday sale our chat queue doubled. I wrote reply templates for the queue. The chat wait fell from 8 minutes to 2.";
        assert_eq!(cohesion_of(text), [true, true, true]);
    }

    #[test]
    fn a_step_may_name_as_a_verb_what_a_later_sentence_names() {
        // "scheduled" (a verb) and "scheduling" (a noun): the fix names the mistake.
        let text = "I scheduled two nurses for the same night. I rang both nurses that evening. I built a double-check sheet for scheduling.";
        assert_eq!(cohesion_of(text), [true, true, true]);
        // Not backwards (a later verb does not vouch for an earlier noun: "I added an alert
        // … my alerting pattern"), and two verbs alone share no thing.
        let text = "I added an alert. The queue doubled at noon. We alerted the queue.";
        assert!(!cohesion_of(text)[0]);
        let text = "I checked the rota on the ward. I checked the fridge in the kitchen.";
        assert_eq!(cohesion_of(text), [false, false]);
    }

    #[test]
    fn a_container_noun_said_again_is_the_same_thing() {
        // "process" is vague on its own, but the fulfilment process, streamlining it and the
        // new process adopted are one thread.
        let lexicon = Lexicon::new(["it", "process", "team", "standard"])
            .with_non_actions(["be", "have"])
            .with_containers(["process"]);
        let text = "Our fulfilment process had four sign-offs. I cut the process to two sign-offs. The team adopted the new process as the standard.";
        let (a, st) = read_with(text, &lexicon);
        let seen = views(text, &a, &lexicon);
        let cohesive = cohesion(text, &a, &st, (&happened_before(&a, &st), &seen));
        assert_eq!(cohesive, [true, true, true]);
        // Without the container list, the last sentence names nothing shared.
        let lexicon =
            Lexicon::new(["it", "process", "team", "standard"]).with_non_actions(["be", "have"]);
        let (a, st) = read_with(text, &lexicon);
        let seen = views(text, &a, &lexicon);
        let cohesive = cohesion(text, &a, &st, (&happened_before(&a, &st), &seen));
        assert!(!cohesive[2]);
    }

    #[test]
    fn he_and_she_tie_a_story_about_one_person_together() {
        let text = "A patient on the ward shouted at the nurses all night and nobody could calm him. I moved him into a side room. I rang him the next morning and he told me about his prognosis.";
        assert_eq!(cohesion_of(text), [true, true, true]);
        // "they" may be anything: it ties nothing.
        let text = "The auditors flagged the stock counts. I rewrote the rota. They signed off the quarter.";
        assert_eq!(cohesion_of(text), [false, false, false]);
    }

    #[test]
    fn a_view_vouches_for_nothing() {
        // "person" is the only noun the first sentence shares, and only with filler.
        let text = "I logged 37 complaints with what had happened to each person. The bank updated the app. Overall I really grew as a person.";
        let lexicon = Lexicon::new(["it"]).with_non_actions(["be", "grow as"]);
        let (a, st) = read_with(text, &lexicon);
        let views = views(text, &a, &lexicon);
        assert_eq!(views, [false, false, true]);
        let cohesive = cohesion(text, &a, &st, (&happened_before(&a, &st), &views));
        // The view itself may name the story's things ("I now always check the bands on
        // ward 7"); it cannot make another sentence belong.
        assert_eq!(cohesive, [false, false, true]);
    }

    #[test]
    fn a_specific_step_between_the_storys_sentences_belongs_to_it() {
        // The middle steps share no noun with anything; told between two sentences that do,
        // the one naming three things belongs to the story, the one-object chip does not.
        let text = "The dispute over the conduit route stopped the electricians. I checked the drawings with the site engineer and the HVAC foreman. I logged it. The revised conduit route was signed off in two hours.";
        assert_eq!(cohesion_of(text), [true, true, false, true]);
    }

    #[test]
    fn filler_names_nothing_and_tells_no_words() {
        let text = "I led the team to increase sales by 40%. It was a really valuable experience overall. Communication is key.";
        let lexicon =
            Lexicon::new(["experience", "communication", "team"]).with_non_actions(["be"]);
        let (a, st) = read_with(text, &lexicon);
        assert_eq!(st.words, 19);
        assert_eq!(
            told_words(text, &a, &st, (&[], &views(text, &a, &lexicon)), u32::MAX),
            9
        );
        // What the candidate is, thinks or always does tells no event, whatever it names.
        let text = "I led the team to increase sales by 40%. I think it shows that I am a team player who always gives 110%. I always help my colleagues.";
        let lexicon = Lexicon::new(["team"]).with_non_actions(["be", "think", "grow as"]);
        let (a, st) = read_with(text, &lexicon);
        assert_eq!(
            told_words(text, &a, &st, (&[], &views(text, &a, &lexicon)), u32::MAX),
            9
        );
        // Nor does what "it" was, or how the candidate grew.
        let text = "I disagreed and I was right. Overall it was a great learning experience and I really grew as a person.";
        let lexicon = Lexicon::new(["learning", "experience"]).with_non_actions(["be", "grow as"]);
        let (a, st) = read_with(text, &lexicon);
        assert_eq!(
            told_words(text, &a, &st, (&[], &views(text, &a, &lexicon)), u32::MAX),
            6
        );
    }

    #[test]
    fn an_event_told_inside_another_clause_counts_unless_denied() {
        let told = |s: &str| story(s).past_events;
        assert_eq!(told("I will never forget the time that I missed a deadline because I failed to check the dates."), 1);
        assert_eq!(told("When I joined the ward, the rota was a mess."), 1);
        assert_eq!(told("I can't think of a time when I made a mistake."), 0);
        assert_eq!(told("I don't remember a time when I missed a deadline."), 0);
        assert_eq!(
            told("If I had checked the dates, I would have met the deadline."),
            0
        );
        // A sentence that told its event in the main clause counts once.
        assert_eq!(told("I rewrote the rota after I timed the handovers."), 1);
    }

    #[test]
    fn hypotheticals_habits_and_beliefs_are_not_events() {
        let s = story(
            "If a supplier missed a delivery, I would call them first and I would check the stock.",
        );
        assert_eq!(s.past_events, 0, "{s:?}");
        assert!(s.hypothetical.len() >= 2);
        let s = story("Trust is earned through consistency. I believe you have to listen.");
        assert_eq!(s.past_events, 0);
        let s = story("Over four years on the ward I always checked the charts and I always briefed the night team.");
        assert!(s.habitual.len() >= 2, "{s:?}");
        assert_eq!(s.concrete_actions().count(), 0);
    }

    #[test]
    fn we_and_others_are_not_the_candidate() {
        let s = story("We rebuilt the weekend rota. They handled the complaints. I rang the agency on Monday.");
        assert_eq!(s.we_actions.len(), 1);
        assert_eq!(s.others_actions.len(), 1);
        assert_eq!(s.concrete_actions().count(), 1);
    }
}

/// `STARLINT_STORY=path1:path2 cargo test --lib story::dump -- --nocapture` prints what
/// the story reader found in each file (a development aid).
#[cfg(test)]
#[test]
fn dump() {
    let Ok(paths) = std::env::var("STARLINT_STORY") else {
        return;
    };
    let lexicon = Lexicon::new([
        "it",
        "thing",
        "things",
        "issue",
        "problem",
        "ownership",
        "situation",
        "solution",
        "stakeholders",
        "everything",
        "everyone",
        "team",
        "effort",
        "grit",
        "passion",
        "process",
        "steps",
        "action",
        "changes",
        "improvements",
        "plan",
        "way",
        "lead",
        "initiative",
        "responsibility",
        "communication",
    ])
    .with_non_actions([
        "be",
        "have",
        "feel",
        "think",
        "believe",
        "know",
        "want",
        "learn",
        "realise",
        "realize",
        "understand",
        "seem",
        "need",
        "hope",
        "like",
        "love",
        "enjoy",
        "remember",
        "notice",
        "see",
        "hear",
        "become",
        "try",
        "decide",
        "mean",
    ]);
    for p in paths.split(':') {
        let Ok(s) = std::fs::read_to_string(p) else {
            continue;
        };
        let mut sentences = Vec::new();
        crate::segment::split_sentences(&s, Span::new(0, s.len()), &mut sentences);
        let a = crate::nlp::analyse(&s, &sentences, &lexicon);
        let st = read(&a, &lexicon, crate::segment::count_words(&s));
        println!(
            "{p}\twords={} concrete={} vague={} we={} others={} hypo={} habit={} present={} past={}",
            st.words,
            st.concrete_actions().count(),
            st.actions.len() - st.concrete_actions().count(),
            st.we_actions.len(),
            st.others_actions.len(),
            st.hypothetical.len(),
            st.habitual.len(),
            st.present.len(),
            st.past_events
        );
        let views = views(&s, &a, &lexicon);
        let cohesive = cohesion(&s, &a, &st, (&happened_before(&a, &st), &views));
        for (i, sentence) in a.sentences.iter().enumerate() {
            let nouns: Vec<String> = a.tokens[sentence.tokens.clone()]
                .iter()
                .zip(&a.pos[sentence.tokens.clone()])
                .filter(|(t, p)| matches!(p, Pos::Noun | Pos::Propn) && !lexicon.is_vague(&t.lower))
                .map(|(t, _)| crate::nlp::morph::key(&t.lower).into_owned())
                .collect();
            println!("  {i} cohesive={} {:?}", cohesive[i], nouns);
        }
    }
}
