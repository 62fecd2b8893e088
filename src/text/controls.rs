//! Control characters made harmless before text reaches a terminal.
//!
//! Answer text, ids and file names come from whoever wrote them; printed raw, an ESC or a
//! C1 control can set the terminal's title, rewrite lines already shown or hide text
//! (`printf 'We escalated \e]0;PWNED\a it.'`). Each such character becomes one visible
//! character instead: a C0 control its Unicode control picture (ESC → `␛`, BEL → `␇`),
//! DEL `␡`, a C1 control or a bidirectional override (the "Trojan source" characters
//! annotate-snippets also drops) `�`. One character for one keeps every column the same,
//! so a report's lines and columns still hold; byte offsets move, and
//! [`Neutralised::map`] moves a span with them.
//!
//! Tab and line feed are kept in text ([`neutralise_text`]): they are layout. A CR before
//! an LF is kept too; a lone CR (which a terminal obeys by going back to the start of the
//! line) becomes an LF, the line break the line index already reads it as. In a name or a
//! one-line message ([`neutralise_line`]) line breaks are shown as pictures as well, so
//! a file name cannot start a fake line of output.

use std::borrow::Cow;

/// The visible stand-in for `c` if it is a control character to neutralise.
fn picture(c: char, keep_breaks: bool) -> Option<char> {
    match c {
        '\t' => None,
        '\n' if keep_breaks => None,
        // A lone CR (one before an LF is handled by the caller).
        '\r' if keep_breaks => Some('\n'),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// True when `s` holds a character [`neutralise_line`] would replace.
pub fn has_controls(s: &str) -> bool {
    s.chars().any(|c| picture(c, false).is_some())
}

/// `s` for one line of output: every control character, line breaks included, shown as a
/// visible character.
pub fn neutralise_line(s: &str) -> Cow<'_, str> {
    if !has_controls(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| picture(c, false).unwrap_or(c)).collect())
}

/// Prose (a message, a summary, a question) with its control characters replaced and its
/// layout (tab, LF, CRLF) kept, as in [`neutralise_text`].
pub fn neutralise_prose(s: &str) -> Cow<'_, str> {
    match neutralise_text(s) {
        Some(n) => Cow::Owned(n.text),
        None => Cow::Borrowed(s),
    }
}

/// Text with its control characters replaced, and where its bytes moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neutralised {
    /// The text, safe to print.
    pub text: String,
    /// For each replaced character: its offset in the original text, and how many bytes
    /// the text has grown by up to and including it (a stand-in is never shorter).
    moves: Vec<(u32, u32)>,
}

impl Neutralised {
    /// Where the original offset `at` (on a character boundary) is in the new text.
    pub fn map(&self, at: u32) -> u32 {
        // The last replaced character that starts before `at` (and so ends by `at`).
        let i = self.moves.partition_point(|&(start, _)| start < at);
        match i {
            0 => at,
            _ => at.saturating_add(self.moves[i - 1].1),
        }
    }
}

/// Text with its control characters replaced (tab, LF and CRLF kept), or `None` when it
/// has none to replace.
pub fn neutralise_text(s: &str) -> Option<Neutralised> {
    let stand_in = |i: usize, c: char| match c {
        '\r' if s.as_bytes().get(i + 1) == Some(&b'\n') => None,
        c => picture(c, true),
    };
    if !s.char_indices().any(|(i, c)| stand_in(i, c).is_some()) {
        return None;
    }
    let mut text = String::with_capacity(s.len() + 16);
    let mut moves = Vec::new();
    let mut grown = 0u32;
    for (i, c) in s.char_indices() {
        match stand_in(i, c) {
            Some(r) => {
                let more = r.len_utf8().saturating_sub(c.len_utf8());
                grown = grown.saturating_add(u32::try_from(more).unwrap_or(0));
                moves.push((u32::try_from(i).unwrap_or(u32::MAX), grown));
                text.push(r);
            }
            None => text.push(c),
        }
    }
    Some(Neutralised { text, moves })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_every_control() {
        assert_eq!(neutralise_line("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            neutralise_line("a\u{1b}]0;PWNED\u{7}b\nc\td\u{9b}e\u{202e}f"),
            "a␛]0;PWNED␇b␊c\td\u{fffd}e\u{fffd}f"
        );
    }

    #[test]
    fn text_keeps_layout_and_maps_offsets() {
        assert_eq!(neutralise_text("a\tb\nc\r\nd"), None);
        let s = "ab\u{1b}c\rd\u{85}é";
        let n = neutralise_text(s).unwrap();
        assert_eq!(n.text, "ab␛c\nd\u{fffd}é");
        // Every character boundary maps onto the same character in the new text.
        for (i, c) in s.char_indices() {
            let at = n.map(u32::try_from(i).unwrap()) as usize;
            let got = n.text[at..].chars().next().unwrap();
            match c {
                '\u{1b}' => assert_eq!(got, '␛'),
                '\r' => assert_eq!(got, '\n'),
                '\u{85}' => assert_eq!(got, '\u{fffd}'),
                c => assert_eq!(got, c),
            }
        }
        assert_eq!(
            n.map(u32::try_from(s.len()).unwrap()) as usize,
            n.text.len()
        );
        assert_eq!(n.map(0), 0);
    }
}
