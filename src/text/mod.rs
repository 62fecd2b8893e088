//! Text primitives: byte spans and the line index that turns them into lines and columns.

pub mod controls;
mod line_index;
mod quote;
mod span;

pub use line_index::{LineCol, LineCursor, LineIndex};
pub use quote::whole;
pub use span::Span;

/// A sentence's wording, for telling a sentence said again word for word: its letters and
/// digits, lowercased ("We fixed it." and "we fixed it" are the same sentence).
pub fn wording(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
