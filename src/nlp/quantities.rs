//! Quantities: numbers with their units, so a Result can be compared with a baseline told
//! anywhere in the answer ("waiting three to four hours" in the Situation, "fell to 1.2
//! hours" in the Result).
//!
//! A quantity is a number (digits, or a number word) and its unit: `%`, a currency sign, or
//! the noun after it ("40 minutes", "14 complaints a week"). Units compare by lemma key, so
//! "hour" and "hours" match.

use super::morph;
use super::tagger::Pos;
use super::Analysis;
use crate::text::Span;

/// A number with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The number and its unit as written.
    pub span: Span,
    /// Its value.
    pub value: f64,
    /// The unit's lemma key (`%`, `£`, `$`, `€`, or a noun's key); empty when none.
    pub unit: String,
    /// A stretch of time the story happened in ("in the next two hours", "within nine
    /// months", "the first half hour"), not a measure of anything.
    pub window: bool,
}

/// Unit keys of time, and the words before a number that make it a window of time.
const TIME_UNITS: &[&str] = &["second", "minut", "hour", "day", "week", "month", "year"];
const WINDOW_WORDS: &[&str] = &[
    "in",
    "within",
    "next",
    "first",
    "last",
    "past",
    "over",
    "after",
    "every",
    "each",
    "per",
    "during",
    "following",
];

const WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("none", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("hundred", 100.0),
    ("half", 0.5),
    ("dozen", 12.0),
];

/// The value of a number token: "£45,000" is 45000, "0.3%" 0.3, "$8K" 8000, "three" 3.
pub fn value_of(lower: &str) -> Option<f64> {
    if let Some((_, v)) = WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    let s = lower.trim_start_matches(['£', '$', '€', '¥', '₹']);
    let (digits, scale) = match s
        .char_indices()
        .find(|(_, c)| c.is_alphabetic() || *c == '%')
    {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let v: f64 = digits.replace(',', "").parse().ok()?;
    Some(match scale {
        "k" => v * 1e3,
        "m" => v * 1e6,
        "bn" => v * 1e9,
        _ => v,
    })
}

/// Every quantity in the sentences of `a`, in text order.
pub fn quantities(a: &Analysis) -> Vec<Quantity> {
    let mut out = Vec::new();
    for s in &a.sentences {
        read(
            &a.tokens[s.tokens.clone()],
            &a.pos[s.tokens.clone()],
            &mut out,
        );
    }
    out
}

/// The quantities of one sentence of `text`, read afresh (a reading that dropped its
/// tokens, as scoring does, can still ask for a few sentences' numbers).
pub fn in_sentence(text: &str, sentence: Span, out: &mut Vec<Quantity>) {
    let mut toks = Vec::new();
    super::tokens::tokenize(text, sentence, &mut toks);
    let pos = super::tagger::tag(text, &toks);
    read(&toks, &pos, out);
}

/// The quantities of one sentence's tokens and tags.
fn read(toks: &[super::Token], pos: &[Pos], out: &mut Vec<Quantity>) {
    for (i, t) in toks.iter().enumerate() {
        if pos[i] != Pos::Num && !WORDS.iter().any(|(w, _)| *w == &*t.lower) {
            continue;
        }
        let Some(value) = value_of(&t.lower) else {
            continue;
        };
        let lower = &*t.lower;
        let (unit, end) = if lower.ends_with('%') {
            ("%".to_string(), t.span.end)
        } else if let Some(c) = lower.chars().next().filter(|c| "£$€¥₹".contains(*c)) {
            (c.to_string(), t.span.end)
        } else {
            // The noun after the number, over a hyphen or one adjective: "40 minutes",
            // "28-bed", "14 missed doses".
            let mut j = i + 1;
            while j < toks.len()
                && (toks[j].lower.as_ref() == "-" || pos[j] == Pos::Adj)
                && j < i + 3
            {
                j += 1;
            }
            match toks.get(j) {
                Some(u) if matches!(pos[j], Pos::Noun) || u.lower.as_ref() == "percent" => {
                    let key = if u.lower.as_ref() == "percent" {
                        "%".to_string()
                    } else {
                        morph::key(&u.lower).into_owned()
                    };
                    (key, u.span.end)
                }
                _ => (String::new(), t.span.end),
            }
        };
        // The word before the number, over "the", "a" and approximations.
        let before = toks[..i].iter().rev().map(|t| &*t.lower).find(|w| {
            !matches!(
                *w,
                "the" | "a" | "about" | "around" | "roughly" | "nearly" | "almost" | "just"
            )
        });
        let window = TIME_UNITS.contains(&unit.as_str())
            && before.is_some_and(|w| WINDOW_WORDS.contains(&w));
        out.push(Quantity {
            span: Span {
                start: t.span.start,
                end,
            },
            value,
            unit,
            window,
        });
    }
}

/// A before-and-after pair: a quantity of `before` (told in a region such as the
/// Situation) and a different value of the same unit in `after`.
pub fn compared(before: &[Quantity], after: &[Quantity]) -> Option<(Span, Span)> {
    after
        .iter()
        .filter(|q| !q.unit.is_empty() && !q.window)
        .find_map(|late| {
            before
                .iter()
                .filter(|q| q.unit == late.unit && !q.window)
                .find(|early| (early.value - late.value).abs() > f64::EPSILON)
                .map(|early| (early.span, late.span))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::{analyse, Lexicon};

    fn qs(s: &str) -> Vec<(String, f64, String)> {
        let mut sentences = Vec::new();
        crate::segment::split_sentences(s, Span::new(0, s.len()), &mut sentences);
        let a = analyse(s, &sentences, &Lexicon::default());
        quantities(&a)
            .into_iter()
            .map(|q| (q.span.slice(s).to_string(), q.value, q.unit))
            .collect()
    }

    #[test]
    fn reads_numbers_and_units() {
        let q = qs("Patients waited three to four hours; it fell to 1.2 hours and saved £45,000, a 0.3% drop.");
        let shown: Vec<(&str, f64, &str)> = q
            .iter()
            .map(|(a, b, c)| (a.as_str(), *b, c.as_str()))
            .collect();
        assert!(shown.contains(&("four hours", 4.0, "hour")), "{shown:?}");
        assert!(shown.contains(&("1.2 hours", 1.2, "hour")));
        assert!(shown.contains(&("£45,000", 45000.0, "£")));
        assert!(shown.contains(&("0.3%", 0.3, "%")));
    }

    #[test]
    fn compares_a_baseline_with_a_later_value() {
        let s = "Discharges took four hours. I changed the rota. Now they take two hours.";
        let mut sentences = Vec::new();
        crate::segment::split_sentences(s, Span::new(0, s.len()), &mut sentences);
        let a = analyse(s, &sentences, &Lexicon::default());
        let q = quantities(&a);
        let (early, late): (Vec<_>, Vec<_>) = q.iter().cloned().partition(|q| q.span.end <= 27);
        let pair = compared(&early, &late);
        assert!(pair.is_some(), "{q:?}");
        // The same value again is no change, and a baseline told after is no baseline.
        assert_eq!(compared(&early, &early), None);
        assert_eq!(compared(&late, &[]), None);
    }

    #[test]
    fn one_sentence_read_afresh_gives_the_same_quantities() {
        let s = "The centre was at 74% occupancy. We reached 95% occupancy within nine months.";
        let mut sentences = Vec::new();
        crate::segment::split_sentences(s, Span::new(0, s.len()), &mut sentences);
        let whole = quantities(&analyse(s, &sentences, &Lexicon::default()));
        let mut one_by_one = Vec::new();
        for &sentence in &sentences {
            in_sentence(s, sentence, &mut one_by_one);
        }
        assert_eq!(whole, one_by_one);
        let (early, late) = (&one_by_one[..1], &one_by_one[1..]);
        let (a, b) = compared(early, late).expect("74% -> 95% is a change");
        assert_eq!((a.slice(s), b.slice(s)), ("74%", "95%"));
    }

    #[test]
    fn a_window_of_time_is_no_measure() {
        let q = |s: &str| {
            let mut out = Vec::new();
            in_sentence(s, Span::new(0, s.len()), &mut out);
            out
        };
        let (was, now) = (
            "Waits averaged 40 minutes in the first two hours of a shift.",
            "In the next month waits averaged 12 minutes over the first two hours.",
        );
        let (early, late) = (q(was), q(now));
        assert!(early.iter().any(|q| q.window) && late.iter().any(|q| q.window));
        // The minutes compare; the hours and the month frame them.
        let (a, b) = compared(&early, &late).expect("minutes");
        assert_eq!((a.slice(was), b.slice(now)), ("40 minutes", "12 minutes"));
        assert!(compared(
            &q("Discharges took four hours."),
            &q("They now take two hours.")
        )
        .is_some());
        assert!(compared(
            &q("It was due within two days."),
            &q("I finished in one day.")
        )
        .is_none());
    }

    #[test]
    fn values() {
        assert_eq!(value_of("$8k"), Some(8000.0));
        assert_eq!(value_of("1,200"), Some(1200.0));
        assert_eq!(value_of("three"), Some(3.0));
        assert_eq!(value_of("x"), None);
    }
}
