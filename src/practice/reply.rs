//! Judging a reply to a follow-up: the probe's criteria, read with the same token layer
//! the rules use ([`crate::nlp`]): clauses with subject, tense, verb and object matched by
//! clause filters, and word sequences compared by lemma key. Never word overlap with the
//! strong example: "I sent them a Slack message and they handled it" shares words with a
//! strong reply and is still a hand-off, because its clauses are the candidate routing
//! and someone else fixing.
//!
//! Each `for` signal a reply shows earns its points; the points decide strong, adequate or
//! weak, a strong reply must also show the criteria's `strong-needs`, and an `against`
//! signal caps the verdict unless a `for` signal it names excuses it. The verdict comes
//! with why: what counted (quoting the reply), what went against, and what was missing.

use super::model::{ReplyVerdict, SignalSpec, StanceSpec};
use crate::nlp::{self, Analysis, ClauseFilter, Lexicon};
use crate::text::Span;
use serde::Serialize;

/// Up to this many words between the two sides of `...` in a phrase.
const GAP: usize = 4;

/// Replies shorter than this many words are too short to judge.
const MIN_WORDS: usize = 3;

/// A compiled signal.
#[derive(Debug, Clone)]
pub struct Signal {
    /// As written.
    pub spec: SignalSpec,
    filters: Vec<ClauseFilter>,
    /// Each phrase as lemma keys (`None` is a gap), and whether it holds its own
    /// negation (then a negated clause does not cancel it).
    phrases: Vec<(Vec<Option<String>>, bool)>,
}

/// Words that make a phrase negative by themselves.
const NEGATIONS: [&str; 7] = ["not", "n't", "never", "no", "nobody", "none", "nothing"];

/// A compiled set of criteria.
#[derive(Debug, Clone)]
pub struct Criteria {
    /// Stable id.
    pub id: String,
    /// Probe groups it judges.
    pub groups: Vec<String>,
    /// Probe ids it judges.
    pub probes: Vec<String>,
    /// What a strong reply shows.
    pub title: String,
    /// Points for strong.
    pub strong_at: u32,
    /// Points for adequate.
    pub adequate_at: u32,
    /// Signals a strong reply needs.
    pub strong_needs: Vec<String>,
    /// A strong reply.
    pub example: String,
    /// Strong replies by field.
    pub examples: std::collections::BTreeMap<String, String>,
    /// The signals.
    pub signals: Vec<Signal>,
}

/// One line of why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// `for`, `against` or `missing`.
    pub kind: &'static str,
    /// The signal's id.
    pub signal: String,
    /// What it shows, or what to add.
    pub note: String,
    /// The reply's words it rests on (none for `missing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Where those words are, in bytes of the reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// How a reply was judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    /// The criteria used.
    pub criteria: String,
    /// What a strong reply shows.
    pub title: String,
    /// Strong, adequate or weak.
    pub verdict: ReplyVerdict,
    /// One sentence: the verdict and its main reason.
    pub headline: String,
    /// Points earned, and the points for adequate and strong.
    pub points: u32,
    /// Points for an adequate reply.
    pub adequate_at: u32,
    /// Points for a strong reply.
    pub strong_at: u32,
    /// Why, in order: what counted, what went against, what was missing.
    pub why: Vec<Reason>,
    /// A strong reply, from the candidate's field when there is one.
    pub example: String,
}

/// Lemma keys of a phrase's words (`...` is a gap).
fn phrase_keys(phrase: &str) -> Vec<Option<String>> {
    let mut tokens = Vec::new();
    nlp::tokens::tokenize(phrase, Span::new(0, phrase.len()), &mut tokens);
    let mut out: Vec<Option<String>> = Vec::new();
    for t in &tokens {
        if matches!(&*t.lower, "..." | "…" | ".") {
            if out.last().is_some_and(Option::is_some) {
                out.push(None);
            }
            continue;
        }
        out.push(Some(nlp::morph::key(&t.lower).into_owned()));
    }
    while out.last().is_some_and(Option::is_none) {
        out.pop();
    }
    out
}

/// A verb's regular inflections beside it: the stemmer does not always give a base form
/// and its past the same key ("add" is `add`, "added" is `ad`), so a filter written with
/// base forms is given the forms it will meet too.
fn inflected(verbs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for v in verbs {
        let v = v.to_lowercase();
        let stem = v.strip_suffix('e').unwrap_or(&v).to_string();
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
        out.push(format!("{v}s"));
        out.push(v);
    }
    out.sort();
    out.dedup();
    out
}

impl Signal {
    /// Compile a signal.
    pub fn new(spec: SignalSpec) -> Signal {
        Signal {
            filters: spec
                .clauses
                .iter()
                .cloned()
                .map(|mut c| {
                    c.verbs = inflected(&c.verbs);
                    c.not_verbs = inflected(&c.not_verbs);
                    ClauseFilter::new(c)
                })
                .collect(),
            phrases: spec
                .phrases
                .iter()
                .map(|p| {
                    let keys = phrase_keys(p);
                    let negative = keys
                        .iter()
                        .flatten()
                        .any(|k| NEGATIONS.iter().any(|n| nlp::morph::key(n) == k.as_str()));
                    (keys, negative)
                })
                .collect(),
            spec,
        }
    }

    /// The spans that show this signal in the reply (distinct), in text order.
    fn hits(&self, a: &Analysis, keys: &[String]) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for c in &a.clauses {
            if self.filters.iter().any(|f| f.accepts(c)) {
                out.push(c.span);
            }
        }
        for (p, negative) in &self.phrases {
            for span in phrase_hits(p, a, keys) {
                let negated = !negative
                    && a.clauses
                        .iter()
                        .any(|c| c.negated && c.span.start <= span.start && span.end <= c.span.end);
                if !negated {
                    out.push(span);
                }
            }
        }
        if self.spec.number {
            out.extend(nlp::quantities::quantities(a).iter().map(|q| q.span));
        }
        out.sort_by_key(|s| (s.start, s.end));
        out.dedup();
        // A phrase inside a clause that also matched counts once.
        let mut distinct: Vec<Span> = Vec::new();
        for s in out {
            if !distinct.iter().any(|d| overlaps(*d, s)) {
                distinct.push(s);
            }
        }
        distinct
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Where the phrase `p` (lemma keys, `None` a gap) occurs in the tokens.
fn phrase_hits(p: &[Option<String>], a: &Analysis, keys: &[String]) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(Some(first)) = p.first() else {
        return out;
    };
    for (start, k) in keys.iter().enumerate() {
        if k != first {
            continue;
        }
        if let Some(end) = match_from(&p[1..], keys, start + 1) {
            let (Some(s), Some(e)) = (a.tokens.get(start), a.tokens.get(end)) else {
                continue;
            };
            out.push(Span {
                start: s.span.start,
                end: e.span.end,
            });
        }
    }
    out
}

/// Match the rest of a phrase from token `at`; returns the index of its last token.
fn match_from(rest: &[Option<String>], keys: &[String], at: usize) -> Option<usize> {
    let Some(head) = rest.first() else {
        return at.checked_sub(1);
    };
    match head {
        Some(k) => (keys.get(at) == Some(k))
            .then(|| match_from(&rest[1..], keys, at + 1))
            .flatten(),
        None => (0..=GAP).find_map(|skip| match_from(&rest[1..], keys, at + skip)),
    }
}

/// Read a reply with the token layer.
pub fn analyse(reply: &str, lexicon: &Lexicon) -> Analysis {
    let mut sentences = Vec::new();
    crate::segment::split_sentences(reply, Span::new(0, reply.len()), &mut sentences);
    nlp::analyse(reply, &sentences, lexicon)
}

/// The reply's words at `span`, on one line, without the punctuation or the conjunction
/// a clause ends on ("… and", "… -").
fn quote(reply: &str, span: Span) -> String {
    let s = reply.get(span.range()).unwrap_or("");
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches(['.', ',', ';', ':', '-', '–', '—']);
        let dangling = matches!(
            bare.to_lowercase().as_str(),
            "" | "and" | "but" | "so" | "or" | "which" | "because" | "then"
        );
        if dangling && words.len() > 1 {
            words.pop();
        } else {
            break;
        }
    }
    let joined = words.join(" ");
    joined
        .trim_end_matches(['.', ',', ';', ':', '-', '–', '—', ' '])
        .to_string()
}

impl Criteria {
    /// Judge `reply`; `field` picks the strong example shown.
    pub fn judge(&self, reply: &str, lexicon: &Lexicon, field: Option<&str>) -> Judgement {
        let example = field
            .and_then(|f| self.examples.get(f))
            .unwrap_or(&self.example)
            .clone();
        let a = analyse(reply, lexicon);
        let words = a
            .tokens
            .iter()
            .filter(|t| t.lower.chars().any(char::is_alphanumeric))
            .count();
        let mut j = Judgement {
            criteria: self.id.clone(),
            title: self.title.clone(),
            verdict: ReplyVerdict::Weak,
            headline: String::new(),
            points: 0,
            adequate_at: self.adequate_at,
            strong_at: self.strong_at,
            why: Vec::new(),
            example,
        };
        if words < MIN_WORDS {
            j.headline = format!(
                "Weak: too short to judge. A strong reply shows {}.",
                lower_first(&self.title)
            );
            j.why = self.missing_lines(&[]);
            return j;
        }
        let keys: Vec<String> = a
            .tokens
            .iter()
            .map(|t| nlp::morph::key(&t.lower).into_owned())
            .collect();
        let hits: Vec<Vec<Span>> = self
            .signals
            .iter()
            .map(|s| {
                let h = s.hits(&a, &keys);
                if h.len() >= s.spec.min as usize {
                    h
                } else {
                    Vec::new()
                }
            })
            .collect();
        let shown = |id: &str| {
            self.signals
                .iter()
                .zip(&hits)
                .any(|(s, h)| s.spec.id == id && !h.is_empty())
        };
        let mut cap = ReplyVerdict::Strong;
        let mut against = Vec::new();
        let mut credit = Vec::new();
        for (s, h) in self.signals.iter().zip(&hits) {
            let Some(first) = h.first() else { continue };
            let reason = Reason {
                kind: "for",
                signal: s.spec.id.clone(),
                note: s.spec.note.clone(),
                quote: Some(quote(reply, *first)),
                span: Some(*first),
            };
            match s.spec.stance {
                StanceSpec::For => {
                    j.points += s.spec.points;
                    credit.push(reason);
                }
                StanceSpec::Against if s.spec.unless.iter().any(|u| shown(u)) => {}
                StanceSpec::Against => {
                    cap = cap.min(s.spec.cap.unwrap_or(ReplyVerdict::Weak));
                    against.push(Reason {
                        kind: "against",
                        ..reason
                    });
                }
            }
        }
        let mut verdict = if j.points >= self.strong_at {
            ReplyVerdict::Strong
        } else if j.points >= self.adequate_at {
            ReplyVerdict::Adequate
        } else {
            ReplyVerdict::Weak
        };
        if verdict == ReplyVerdict::Strong && !self.strong_needs.iter().all(|n| shown(n)) {
            verdict = ReplyVerdict::Adequate;
        }
        j.verdict = verdict.min(cap);
        let shown_ids: Vec<&str> = self
            .signals
            .iter()
            .zip(&hits)
            .filter(|(_, h)| !h.is_empty())
            .map(|(s, _)| s.spec.id.as_str())
            .collect();
        let missing = if j.verdict == ReplyVerdict::Strong {
            Vec::new()
        } else {
            self.missing_lines(&shown_ids)
        };
        j.headline = headline(j.verdict, &against, &credit, &missing, &self.title);
        j.why = against.into_iter().chain(credit).chain(missing).collect();
        j
    }

    /// What to add: every `for` signal not shown that says what it would take.
    fn missing_lines(&self, shown: &[&str]) -> Vec<Reason> {
        self.signals
            .iter()
            .filter(|s| s.spec.stance == StanceSpec::For && !shown.contains(&s.spec.id.as_str()))
            .filter_map(|s| {
                s.spec.missing.as_ref().map(|m| Reason {
                    kind: "missing",
                    signal: s.spec.id.clone(),
                    note: m.clone(),
                    quote: None,
                    span: None,
                })
            })
            .collect()
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn headline(
    verdict: ReplyVerdict,
    against: &[Reason],
    credit: &[Reason],
    missing: &[Reason],
    title: &str,
) -> String {
    let main = match (verdict, against.first(), credit.first(), missing.first()) {
        (_, Some(a), _, _) => a.note.clone(),
        (ReplyVerdict::Strong, _, _, _) => credit
            .iter()
            .map(|c| c.note.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        (_, None, _, Some(m)) => lower_first(&m.note),
        (_, None, Some(c), None) => c.note.clone(),
        (_, None, None, None) => format!("it does not show {}", lower_first(title)),
    };
    let main = main.trim_end_matches('.');
    format!("{}: {main}.", verdict.human())
}
