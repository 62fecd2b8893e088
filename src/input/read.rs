//! Reading answers lazily, so a batch holds only the answers being scored right now.
//!
//! A [`Job`] names what to read (a file, standard input, bytes already pasted, one JSON
//! line) and is cheap to hold; [`Job::read`] turns it into a [`Source`] in the worker that
//! scores it, so files are read in parallel and never all at once. JSON lines are split
//! off their stream one at a time ([`JsonLines`]), each capped at the contract's 64 MiB,
//! so a file of 100,000 answers is never in memory whole.

use super::{
    decode, io_reason, parse_jsonl_line, read_limited, InputError, InputItem, Origin, Source,
    MAX_INPUT_BYTES,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

/// One answer to read and score.
#[derive(Debug)]
pub enum Job {
    /// A file named on the command line or found in a directory.
    File(PathBuf),
    /// Standard input, read when the job runs.
    Stdin,
    /// Bytes already read (an answer pasted at the prompt).
    Bytes(Origin, Result<Vec<u8>, InputError>),
    /// One line of a JSON-lines input (1-based line number).
    JsonLine(usize, String),
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
    pub fn read(self) -> Result<Source, (Origin, InputError)> {
        match self {
            Job::File(p) => {
                let origin = Origin(p.display().to_string());
                let bytes = super::read_file(&p);
                text(origin, bytes)
            }
            Job::Stdin => text(Origin("<stdin>".into()), read_limited(io::stdin().lock())),
            Job::Bytes(origin, bytes) => text(origin, bytes),
            Job::JsonLine(n, line) => parse_jsonl_line(n, &line),
            Job::Failed(origin, e) => Err((origin, e)),
        }
    }
}

fn text(
    origin: Origin,
    bytes: Result<Vec<u8>, InputError>,
) -> Result<Source, (Origin, InputError)> {
    bytes
        .and_then(decode)
        .and_then(|t| Source::from_text(origin.clone(), t))
        .map_err(|e| (origin, e))
}

/// The JSON lines of one input, one [`Job`] per non-blank line, read as they are needed.
pub struct JsonLines {
    name: String,
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
                    .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead + Send>)
                    .map_err(|e| InputError::Io(io_reason(&e))),
            ),
            InputItem::Error(name, e) => (name.clone(), Err(e.clone())),
        };
        match reader {
            Ok(r) => JsonLines {
                name,
                reader: Some(r),
                line_no: 0,
                failed: None,
            },
            Err(e) => JsonLines {
                name,
                reader: None,
                line_no: 0,
                failed: Some(e),
            },
        }
    }

    /// Read up to the next newline into `buf`, keeping at most the cap (plus one byte so an
    /// over-long line can be told apart) and discarding the rest of the line.
    fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<bool> {
        buf.clear();
        let mut any = false;
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(any);
            }
            any = true;
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1),
                None => (chunk, chunk.len()),
            };
            let room = (MAX_INPUT_BYTES as usize + 1).saturating_sub(buf.len());
            buf.extend_from_slice(&part[..part.len().min(room)]);
            let found_newline = done > part.len();
            reader.consume(done);
            if found_newline {
                return Ok(true);
            }
        }
    }
}

impl Iterator for JsonLines {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        if let Some(e) = self.failed.take() {
            return Some(Job::Failed(Origin(self.name.clone()), e));
        }
        let reader = self.reader.as_mut()?;
        let mut buf = Vec::new();
        loop {
            self.line_no += 1;
            match JsonLines::read_line(reader.as_mut(), &mut buf) {
                Ok(false) => {
                    self.reader = None;
                    return None;
                }
                Err(e) => {
                    self.reader = None;
                    return Some(Job::Failed(
                        Origin(format!("{} line {}", self.name, self.line_no)),
                        InputError::Io(io_reason(&e)),
                    ));
                }
                Ok(true) => {}
            }
            let origin = || Origin(format!("line {}", self.line_no));
            if buf.len() as u64 > MAX_INPUT_BYTES {
                return Some(Job::Failed(
                    origin(),
                    InputError::TooLarge(Some(buf.len() as u64)),
                ));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match String::from_utf8(std::mem::take(&mut buf)) {
                Ok(line) => Job::JsonLine(self.line_no, line),
                Err(e) => Job::Failed(
                    origin(),
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
                Job::JsonLine(n, l) => format!("{n}:{l}"),
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

    #[test]
    fn a_missing_file_is_one_failed_job() {
        let jobs: Vec<Job> =
            JsonLines::open(&InputItem::File("/nonexistent/x.jsonl".into())).collect();
        assert!(matches!(jobs.as_slice(), [Job::Failed(..)]));
    }
}
