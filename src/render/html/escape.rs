//! HTML escaping for everything the page takes from its input: answer texts, sources
//! (paths and JSON-lines ids), messages, help, probes and, later, extra columns.
//!
//! One escaper serves text content and attribute values (always written in double quotes):
//! `&`, `<`, `>`, `"` and `'` become references, and C0 control characters other than tab,
//! line feed and carriage return (and DEL) become U+FFFD, which HTML would otherwise treat
//! as parse errors. Everything else passes through untouched, so byte offsets computed on
//! the text stay meaningful up to the escaped characters.

use std::fmt;

/// Call `f` with the pieces of `s` escaped: runs of plain text and replacements.
fn pieces<E>(s: &str, mut f: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1F | 0x7F => "\u{FFFD}",
            _ => continue,
        };
        // Every byte replaced is ASCII, so `last..i` lies on character boundaries.
        f(s.get(last..i).unwrap_or(""))?;
        f(rep)?;
        last = i + 1;
    }
    f(s.get(last..).unwrap_or(""))
}

/// `s`, escaped when displayed: `write!(w, "<td>{}</td>", Esc(source))`.
#[derive(Debug, Clone, Copy)]
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        pieces(self.0, |p| f.write_str(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_controls_are_escaped() {
        let s = "<script>alert('x' & \"y\")</script>\u{0}\u{7}é\t\n";
        assert_eq!(
            Esc(s).to_string(),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;\u{FFFD}\u{FFFD}é\t\n"
        );
        assert_eq!(Esc("").to_string(), "");
        assert_eq!(Esc("plain café").to_string(), "plain café");
    }
}
