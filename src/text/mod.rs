//! Text primitives: byte spans and the line index that turns them into lines and columns.

pub mod controls;
mod line_index;
mod quote;
mod span;

pub use line_index::{LineCol, LineCursor, LineIndex};
pub use quote::{shorten, whole};
pub use span::Span;

/// A sentence's wording, for telling a sentence said again word for word: its letters and
/// digits, lowercased ("We fixed it." and "we fixed it" are the same sentence), after a
/// short label ("A (Action): I rang the depot" and "I rang the depot" are the same
/// sentence; a label is up to three words before a colon near the start).
pub fn wording(s: &str) -> String {
    let s = match s.get(..s.len().min(32)).and_then(|head| head.find(':')) {
        Some(colon) if s[..colon].split_whitespace().count() <= 3 => &s[colon + 1..],
        _ => s,
    };
    // Every sentence is read this way several times per answer: ASCII takes the short way.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// When `wording` (see [`wording`]) is one sentence's wording said twice over ("- I moved
/// the round - I moved the round", where no full stop splits them, perhaps with a short
/// label again between: "A: I moved the round - A: I moved the round"), that sentence's.
pub fn doubled(wording: &str) -> Option<&str> {
    let n = wording.len();
    (0..=8.min(n))
        .filter(|gap| (n - gap) % 2 == 0)
        .find_map(|gap| {
            let half = (n - gap) / 2;
            (half > 0
                && wording.is_char_boundary(half)
                && wording.is_char_boundary(n - half)
                && wording[..half] == wording[n - half..])
                .then(|| &wording[..half])
        })
}

#[cfg(test)]
mod tests {
    use super::{doubled, wording};

    #[test]
    fn a_sentence_said_twice_over_is_found() {
        let w = wording("- I moved the round - I moved the round");
        assert_eq!(doubled(&w), Some(wording("I moved the round").as_str()));
        assert_eq!(doubled(&wording("I moved the round")), None);
        let w = wording("A: I moved the round - A: I moved the round");
        assert_eq!(doubled(&w), Some(wording("I moved the round").as_str()));
    }

    #[test]
    fn a_short_label_is_not_part_of_the_wording() {
        assert_eq!(wording("We fixed it."), wording("we fixed it"));
        assert_eq!(
            wording("- A (Action): I rang the depot."),
            wording("I rang the depot.")
        );
        assert_eq!(wording("Result: the wait fell."), wording("The wait fell"));
        // A colon later in a sentence, or after a longer opening, is the sentence's own.
        assert_ne!(
            wording("The first thing I did was simple: I rang the depot."),
            wording("I rang the depot.")
        );
        assert_ne!(wording("Over the next month: 14 to 3"), wording("14 to 3"));
    }
}
