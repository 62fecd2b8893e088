//! Reading answers lazily, so a batch holds only the answers being scored right now.
//!
//! A [`Job`] names what to read (a file, standard input, bytes already pasted, one JSON
//! line) and is cheap to hold; [`Job::read`] turns it into a [`Source`] in the worker that
//! scores it, so files are read in parallel and never all at once. JSON lines are split
//! off their stream one at a time ([`JsonLines`]), each capped at the contract's 64 MiB,
//! so a file of 100,000 answers is never in memory whole.

use super::{
    decode, io_reason, parse_jsonl_line, read_limited, utf_bom, InputError, InputItem, LineAt,
    Origin, Source, Unread, MAX_INPUT_BYTES,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::sync::Arc;

/// One answer to read and score.
#[derive(Debug)]
pub enum Job {
    /// A file named on the command line or found in a directory.
    File(PathBuf),
    /// Standard input, read when the job runs.
    Stdin,
    /// Bytes already read (an answer pasted at the prompt).
    Bytes(Origin, Result<Vec<u8>, InputError>),
    /// One line of a JSON-lines input, and where it was read.
    JsonLine(LineAt, String),
    /// Something that failed before it could be read (a walk error, an over-long line).
    Failed(Origin, InputError),
}

impl Job {
    /// The job for one command-line or walked item.
    pub fn from_item(item: InputItem) -> Job {
        match item {
            InputItem::File(p) => Job::File(p),
            InputItem::Stdin => Job::Stdin,
            InputItem::Error(name, e) => Job::Failed(Origin(name), e),
        }
    }

    /// Read the answer, or say why it cannot be read (with the name to report it under).
    pub fn read(self) -> Result<Source, Unread> {
        match self {
            Job::File(p) => {
                let origin = Origin(p.display().to_string());
                let bytes = super::read_file(&p);
                text(origin, bytes)
            }
            Job::Stdin => text(Origin("<stdin>".into()), read_limited(io::stdin().lock())),
            Job::Bytes(origin, bytes) => text(origin, bytes),
            Job::JsonLine(at, line) => parse_jsonl_line(&at, &line),
            Job::Failed(origin, e) => Err((origin, e).into()),
        }
    }
}

fn text(origin: Origin, bytes: Result<Vec<u8>, InputError>) -> Result<Source, Unread> {
    bytes
        .and_then(decode)
        .and_then(|t| Source::from_text(origin.clone(), t))
        .map_err(|e| (origin, e).into())
}

/// How reading one line ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// No more input.
    End,
    /// A line (without its newline) is in the buffer.
    Read,
    /// The line is longer than the cap; its first cap bytes are in the buffer and the
    /// rest was skipped.
    TooLong,
    /// The line holds a NUL byte: binary data, not JSON. Reading stopped there.
    Binary,
}

/// The JSON lines of one input, one [`Job`] per non-blank line, read as they are needed.
///
/// A stream may be endless (answers piped from another program); the cap applies to each
/// line, and a line longer than it is reported and skipped without being kept. A NUL byte
/// ends the input with an error: JSON never holds one, and `/dev/zero` would otherwise be
/// skipped forever as one endless line. A UTF-8 byte-order mark before the first line is
/// dropped; a UTF-16 or UTF-32 one ends the input with an error naming it.
pub struct JsonLines {
    file: Arc<str>,
    reader: Option<Box<dyn BufRead + Send>>,
    line_no: usize,
    failed: Option<InputError>,
}

impl JsonLines {
    /// The lines of a JSON-lines file or of standard input (`InputItem::Stdin`).
    pub fn open(item: &InputItem) -> JsonLines {
        let (name, reader): (String, Result<Box<dyn BufRead + Send>, InputError>) = match item {
            InputItem::Stdin => ("<stdin>".into(), Ok(Box::new(BufReader::new(io::stdin())))),
            InputItem::File(p) => (
                p.display().to_string(),
                File::open(p)
                    .map_err(|e| super::decode::open_error(p, &e))
                    .and_then(|f| match f.metadata() {
                        Ok(m) if m.is_dir() => Err(InputError::Io("is a directory".into())),
                        _ => Ok(Box::new(BufReader::new(f)) as Box<dyn BufRead + Send>),
                    }),
            ),
            InputItem::Error(name, e) => (name.clone(), Err(e.clone())),
        };
        let (reader, failed) = match reader {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        JsonLines {
            file: name.into(),
            reader,
            line_no: 0,
            failed,
        }
    }

    /// Read up to the next newline into `buf`, keeping at most the cap (plus one byte so an
    /// over-long line can be told apart) and discarding the rest of the line.
    fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<Line> {
        buf.clear();
        let mut any = false;
        let mut long = false;
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(match (any, long) {
                    (false, _) => Line::End,
                    (true, true) => Line::TooLong,
                    (true, false) => Line::Read,
                });
            }
            any = true;
            let (part, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (&chunk[..i], i + 1),
                None => (chunk, chunk.len()),
            };
            if memchr::memchr(0, part).is_some() {
                return Ok(Line::Binary);
            }
            let room = usize::try_from(MAX_INPUT_BYTES)
                .unwrap_or(usize::MAX)
                .saturating_sub(buf.len());
            if part.len() > room {
                long = true;
            }
            buf.extend_from_slice(&part[..part.len().min(room)]);
            let found_newline = done > part.len();
            reader.consume(done);
            if found_newline {
                return Ok(if long { Line::TooLong } else { Line::Read });
            }
        }
    }

    fn at(&self) -> LineAt {
        LineAt {
            file: self.file.clone(),
            line: self.line_no,
        }
    }

    /// Stop reading this input, reporting `e` at the current line.
    fn stop(&mut self, e: InputError) -> Option<Job> {
        self.reader = None;
        Some(Job::Failed(Origin(self.at().to_string()), e))
    }
}

impl Iterator for JsonLines {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        if let Some(e) = self.failed.take() {
            return Some(Job::Failed(Origin(self.file.to_string()), e));
        }
        let reader = self.reader.as_mut()?;
        if self.line_no == 0 {
            // The byte-order mark, before any line is read: UTF-16 and UTF-32 hold NUL
            // bytes, which would otherwise read as binary data.
            let head = match reader.fill_buf() {
                Ok(h) => h,
                Err(e) => {
                    self.line_no = 1;
                    return self.stop(InputError::Io(io_reason(&e)));
                }
            };
            if let Some(e) = utf_bom(head) {
                self.line_no = 1;
                return self.stop(e);
            }
            if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                reader.consume(3);
            }
        }
        let reader = self.reader.as_mut()?;
        let mut buf = Vec::new();
        loop {
            self.line_no += 1;
            let line = match JsonLines::read_line(reader.as_mut(), &mut buf) {
                Ok(l) => l,
                Err(e) => return self.stop(InputError::Io(io_reason(&e))),
            };
            match line {
                Line::End => {
                    self.reader = None;
                    return None;
                }
                Line::Binary => {
                    let why = format!(
                        "binary data (a NUL byte), not JSON lines; the rest of {} is not read",
                        self.file
                    );
                    return self.stop(InputError::Jsonl(why));
                }
                Line::TooLong => {
                    return Some(Job::Failed(
                        Origin(self.at().to_string()),
                        InputError::Jsonl(format!(
                            "line too large (the limit is {} MiB per line); skipped",
                            MAX_INPUT_BYTES / (1024 * 1024)
                        )),
                    ))
                }
                Line::Read => {}
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match String::from_utf8(std::mem::take(&mut buf)) {
                Ok(line) => Job::JsonLine(self.at(), line),
                Err(e) => Job::Failed(
                    Origin(self.at().to_string()),
                    InputError::NotUtf8 {
                        valid_up_to: e.utf8_error().valid_up_to(),
                    },
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, text).unwrap();
        JsonLines::open(&InputItem::File(p))
            .map(|j| match j {
                Job::JsonLine(at, l) => format!("{}:{l}", at.line),
                Job::Failed(o, e) => format!("{o}!{e}"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn splits_lines_skips_blanks_and_keeps_numbers() {
        assert_eq!(
            lines("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}"),
            ["1:{\"a\":1}", "4:{\"b\":2}\r", "5:{\"c\":3}"]
        );
    }

    #[test]
    fn a_bad_line_is_an_error_for_that_line_only() {
        let got = {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("b.jsonl");
            std::fs::write(&p, b"{}\n\xff\xfe\n{}\n").unwrap();
            JsonLines::open(&InputItem::File(p))
                .map(|j| matches!(j, Job::Failed(..)))
                .collect::<Vec<_>>()
        };
        assert_eq!(got, [false, true, false]);
    }

    fn named(bytes: &[u8]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(&p, bytes).unwrap();
        JsonLines::open(&InputItem::File(p))
            .map(|j| match j {
                Job::JsonLine(at, l) => format!("{}:{l}", at.line),
                Job::Failed(o, e) => {
                    let o = o.0.rsplit('/').next().unwrap_or_default().to_string();
                    format!("{o}!{e}")
                }
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_utf8_bom_is_dropped_and_other_marks_end_the_input() {
        assert_eq!(named(b"\xEF\xBB\xBF{}\n{}\n"), ["1:{}", "2:{}"]);
        assert_eq!(
            named(b"\xFF\xFE{\0}\0\n\0"),
            ["c.jsonl:1!UTF-16 (little-endian) byte-order mark: save the file as UTF-8"]
        );
        assert_eq!(
            named(b"\xFF\xFE\0\0{\0\0\0"),
            ["c.jsonl:1!UTF-32 (little-endian) byte-order mark: save the file as UTF-8"]
        );
    }

    #[test]
    fn a_nul_byte_ends_the_input() {
        let got = named(b"{}\n{\0}\n{}\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], "1:{}");
        assert!(got[1].starts_with("c.jsonl:2!binary data"), "{got:?}");
    }

    #[test]
    fn a_missing_file_is_one_failed_job() {
        let jobs: Vec<Job> =
            JsonLines::open(&InputItem::File("/nonexistent/x.jsonl".into())).collect();
        assert!(matches!(jobs.as_slice(), [Job::Failed(..)]));
    }
}
