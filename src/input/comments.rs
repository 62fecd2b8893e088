//! HTML comments in an answer (`<!-- … -->`): where they are, and the text with them
//! blanked out.
//!
//! An answer's comments are notes to the tool (`starlint-disable`), not words the
//! candidate says, so the text is analysed with every comment replaced by spaces of the
//! same byte length: the rule names inside them ("we-language") are never read as the
//! answer's words, and every offset still points into the text as read. Which comments
//! turn rules off is [`crate::check::suppress`]' business.

use crate::text::Span;

/// Every complete HTML comment of `text`, in order (an unclosed `<!--` is not one).
pub fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let Some(j) = text[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        out.push(Span::new(start, end));
        from = end;
    }
    out
}

/// A copy of `text` with every HTML comment replaced by spaces (same byte length), or
/// `None` when there is none.
pub fn masked(text: &str) -> Option<String> {
    if !text.contains("<!--") {
        return None;
    }
    let mut out = text.as_bytes().to_vec();
    for span in spans(text) {
        for (i, b) in text[span.range()].bytes().enumerate() {
            // Keep line breaks so lines and columns stay the same; blank everything else,
            // byte by byte (multi-byte characters become several spaces, still valid UTF-8).
            if b != b'\n' && b != b'\r' {
                out[span.start as usize + i] = b' ';
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn comments_are_masked_with_lines_and_length_kept() {
        let text = "a <!-- starlint-disable\nwe-language --> é";
        let m = masked(text).unwrap();
        assert_eq!(m.len(), text.len());
        assert_eq!(m, format!("a {}\n{} é", " ".repeat(21), " ".repeat(15)));
        assert!(!m.contains("we-language"));
        assert_eq!(masked("no comments"), None);
    }
}
