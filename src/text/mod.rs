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

#[cfg(test)]
mod tests {
    use super::wording;

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
