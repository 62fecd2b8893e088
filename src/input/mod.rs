//! READ: turn paths, standard input and JSON lines into [`Source`]s, or clear errors.
//!
//! Everything that can go wrong with an input is decided here, before any scoring:
//! empty, binary (a NUL byte in the first 8 KiB, ripgrep's test), a UTF-16 byte-order
//! mark, invalid UTF-8 (with the byte offset), over the 64 MiB cap, or an OS error.
//! A bad input becomes an [`InputError`] attached to its name so that a batch can report
//! it and go on with the rest.

pub mod comments;
mod decode;
mod extra;
mod frontmatter;
mod jsonl;
mod read;
mod walk;

pub use decode::{
    decode, io_reason, open_error, read_bounded, read_file, read_limited, utf_bom, MAX_INPUT_BYTES,
};
pub use extra::{Extra, RawObject, SourceName};
pub use frontmatter::{parse_front_matter, FrontMatter};
pub use jsonl::{parse_jsonl_line, LineAt, LineMeta};
pub use read::{Job, JsonLines};
pub use walk::{expand_paths, InputItem};

use crate::ids::{GivenLevel, Lp};
use crate::text::Span;
use std::fmt;

/// Why an input could not be read as an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Nothing but whitespace.
    #[error("empty")]
    Empty,
    /// A NUL byte in the first 8 KiB.
    #[error("binary")]
    Binary,
    /// Not valid UTF-8 from this byte on.
    #[error("not valid UTF-8 at byte {valid_up_to}")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        valid_up_to: usize,
    },
    /// Starts with a UTF-16 byte-order mark.
    #[error("UTF-16 ({0}) byte-order mark: save the file as UTF-8")]
    Utf16(&'static str),
    /// Starts with a UTF-32 byte-order mark.
    #[error("UTF-32 ({0}) byte-order mark: save the file as UTF-8")]
    Utf32(&'static str),
    /// Over the size cap: the size when the metadata told it, `None` for a stream.
    #[error("too large ({}; the limit is 64 MiB)", size_text(*.0))]
    TooLarge(Option<u64>),
    /// The operating system's reason.
    #[error("{0}")]
    Io(String),
    /// A front-matter value is invalid.
    #[error("front matter line {line}: {message}")]
    FrontMatter {
        /// 1-based line in the file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A JSON line could not be used.
    #[error("{0}")]
    Jsonl(String),
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(n) => format!("{n} bytes"),
        None => "more than 64 MiB read".to_string(),
    }
}

/// Where an answer came from, as the contract's `source` field spells it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin(pub String);

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One answer ready to score: its text as read (BOM dropped) and what it says about itself.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path, `<stdin>`, or JSONL id.
    pub origin: Origin,
    /// The text as read; spans index into it.
    pub text: String,
    /// The part of `text` after any front matter.
    pub body: Span,
    /// LP, level and question from front matter or the JSONL line.
    pub meta: FrontMatter,
    /// For a JSON line: where it was read, its id as written and its other keys.
    pub line: Option<LineMeta>,
}

/// An input that could not be read as an answer: the name to report it under, why, and
/// for a JSON line what could still be read of it (its id and other keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Unread {
    /// Path, `<stdin>`, JSONL id, or `answers.jsonl:12`.
    pub origin: Origin,
    /// Why it could not be read.
    pub error: InputError,
    /// For a JSON line: where, its id and its other keys.
    pub line: Option<Box<LineMeta>>,
}

impl Unread {
    /// A failed JSON line, reported under its id or else where it was read.
    pub fn line(meta: LineMeta, error: InputError) -> Unread {
        Unread {
            origin: Origin(meta.source().to_string()),
            error,
            line: Some(Box::new(meta)),
        }
    }
}

impl From<(Origin, InputError)> for Unread {
    fn from((origin, error): (Origin, InputError)) -> Unread {
        Unread {
            origin,
            error,
            line: None,
        }
    }
}

impl Source {
    /// Build a source from text already decoded, reading its front matter.
    pub fn from_text(origin: Origin, text: String) -> Result<Source, InputError> {
        if text.trim().is_empty() {
            return Err(InputError::Empty);
        }
        let (meta, body_start) = parse_front_matter(&text)?;
        let body = Span::new(body_start, text.len());
        if body.slice(&text).trim().is_empty() {
            return Err(InputError::Empty);
        }
        Ok(Source {
            origin,
            text,
            body,
            meta,
            line: None,
        })
    }

    /// A source whose LP and level are given directly (JSON lines).
    pub fn with_meta(
        origin: Origin,
        text: String,
        lp: Option<Lp>,
        level: Option<GivenLevel>,
    ) -> Result<Source, InputError> {
        let mut src = Source::from_text(origin, text)?;
        if lp.is_some() {
            src.meta.lp = lp;
        }
        if level.is_some() {
            src.meta.level = level;
        }
        Ok(src)
    }
}
