//! Text primitives: byte spans and the line index that turns them into lines and columns.

pub mod controls;
mod line_index;
mod quote;
mod span;

pub use line_index::{LineCol, LineCursor, LineIndex};
pub use quote::{shorten, whole};
pub use span::Span;

/// A sentence's wording, for telling a sentence said again word for word: its letters and
/// digits, lowercased ("We fixed it." and "we fixed it" are the same sentence).
pub fn wording(s: &str) -> String {
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
