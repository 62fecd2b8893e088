//! Byte offset → 1-based line and character column, built once per answer.
//!
//! Line starts are collected in one pass; a lookup is a binary search for the line. The
//! column needs the characters between the line's start and the offset, and one line can
//! be megabytes long (an answer with no line breaks), so the index also keeps the number
//! of characters before every 4 KiB block: a column is two checkpoint reads and a count
//! over at most two partial blocks. Rendering N findings costs O(N log L), never a count
//! from the start of the text (or of a huge line) per finding.
//! A lone CR, LF and CRLF all end a line. Many findings on one very long line go through a
//! [`LineCursor`], which counts on from the previous lookup instead of from a checkpoint.

use super::Span;

/// Where an offset falls: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column in characters (Unicode scalar values).
    pub column: u32,
}

/// Bytes per character-count checkpoint.
const BLOCK: usize = 4096;

/// The start offset of every line of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
    /// `chars[k]`: characters in the text's first `k * BLOCK` bytes.
    chars: Vec<u32>,
}

/// A byte that starts a character (anything but a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
                }
                _ => {}
            }
            i += 1;
        }
        let mut chars = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut seen = 0u32;
        chars.push(0);
        for block in bytes.chunks(BLOCK) {
            let n = block.iter().filter(|&&b| starts_char(b)).count();
            seen = seen.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            chars.push(seen);
        }
        LineIndex {
            starts,
            len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            chars,
        }
    }

    /// Characters in `text[..at]` (`at` at most the text's length).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let k = at / BLOCK;
        let base = self.chars.get(k).copied().unwrap_or(0) as usize;
        let tail = text.as_bytes().get(k * BLOCK..at).unwrap_or(&[]);
        base + tail.iter().filter(|&&b| starts_char(b)).count()
    }

    /// Number of lines (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// A cursor for looking up offsets in increasing order.
    pub fn cursor(&self) -> LineCursor<'_> {
        LineCursor {
            index: self,
            last: None,
        }
    }

    /// Line and character column of `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = if end <= text.len() && start <= end {
            if end - start <= BLOCK {
                // A line's start is nearer than the checkpoints: count from there.
                let line = &text.as_bytes()[start..end];
                line.iter().filter(|&&b| starts_char(b)).count()
            } else {
                self.chars_before(text, end) - self.chars_before(text, start)
            }
        } else {
            0
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The span of 0-based line `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts.get(line).copied().unwrap_or(self.len) as usize;
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len) as usize;
        let body = text.get(start..next).unwrap_or("");
        let trimmed = body.trim_end_matches(['\n', '\r']);
        Span::new(start, start + trimmed.len())
    }
}

/// [`LineIndex::line_col`] for offsets that mostly increase: on the same line as the
/// previous lookup and after it, the column is counted on from there.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    index: &'a LineIndex,
    /// The last lookup: its line (0-based), char-boundary byte offset, and result.
    last: Option<(usize, usize, LineCol)>,
}

impl LineCursor<'_> {
    /// Line and character column of `offset` in `text`, as [`LineIndex::line_col`].
    pub fn line_col(&mut self, text: &str, offset: u32) -> LineCol {
        let idx = self.index;
        let offset = offset.min(idx.len);
        let line = idx.line_of(offset);
        let mut end = offset as usize;
        while end > idx.starts[line] as usize && !text.is_char_boundary(end) {
            end -= 1;
        }
        let lc = match self.last {
            Some((l, at, prev)) if l == line && at <= end => {
                let more = text.get(at..end).map_or(0, |s| s.chars().count());
                LineCol {
                    line: prev.line,
                    column: prev
                        .column
                        .saturating_add(u32::try_from(more).unwrap_or(u32::MAX)),
                }
            }
            _ => idx.line_col(text, offset),
        };
        self.last = Some((line, end, lc));
        lc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\r\ncé d\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        // 'd' comes after a two-byte 'é' and a space: byte 8, character column 4.
        assert_eq!(idx.line_col(text, 8), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(text, 10), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 1).slice(text), "cé d");
        assert_eq!(idx.line_col(text, 999).line, 4);
        let mut cursor = idx.cursor();
        for off in [0, 1, 3, 4, 5, 6, 8, 7, 10, 12, 999, 2] {
            assert_eq!(cursor.line_col(text, off), idx.line_col(text, off), "{off}");
        }
    }

    #[test]
    fn columns_on_a_line_longer_than_a_block() {
        // Multi-byte characters straddle the 4 KiB checkpoints; the count must still be
        // the number of characters, as `chars().count()` gives it.
        let text = format!("x\n{}", "é€a".repeat(5000));
        let idx = LineIndex::new(&text);
        for at in [2, 3, 4096, 4097, 8191, 8192, 8193, 12_000, text.len()] {
            let mut b = at;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let expected = text[2..b].chars().count() + 1;
            let lc = idx.line_col(&text, u32::try_from(at).unwrap());
            assert_eq!((lc.line, lc.column as usize), (2, expected), "offset {at}");
        }
    }
}
