//! Text primitives: byte spans and the line index that turns them into lines and columns.

pub mod controls;
mod line_index;
mod span;

pub use line_index::{LineCol, LineCursor, LineIndex};
pub use span::Span;
