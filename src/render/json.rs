//! `json` and `jsonl`: exactly the contract's shape.
//!
//! `json` streams too: the document's opening is written before the first answer and each
//! answer is written as it arrives (the caller delivers them in input order), so memory
//! does not grow with the number of answers; the summary closes the document.

use super::Emitter;
use crate::report::{AnswerReport, Summary};
use std::io::{self, Write};

/// One JSON document for the whole run.
#[derive(Debug, Default)]
pub struct JsonEmitter {
    written: usize,
}

/// One answer per line.
#[derive(Debug, Default)]
pub struct JsonlEmitter;

fn to_io(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

impl Emitter for JsonEmitter {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        w.write_all(if self.written == 0 {
            b"{\n  \"version\": 1,\n  \"answers\": [\n    "
        } else {
            b",\n    "
        })?;
        self.written += 1;
        serde_json::to_writer(&mut *w, report).map_err(to_io)
    }

    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            w.write_all(b"{\n  \"version\": 1,\n  \"answers\": [")?;
        } else {
            w.write_all(b"\n  ")?;
        }
        w.write_all(b"],\n  \"summary\": ")?;
        serde_json::to_writer(&mut *w, summary).map_err(to_io)?;
        w.write_all(b"\n}\n")
    }
}

impl Emitter for JsonlEmitter {
    fn answer(&mut self, w: &mut dyn Write, report: &AnswerReport) -> io::Result<()> {
        serde_json::to_writer(&mut *w, report).map_err(to_io)?;
        w.write_all(b"\n")
    }

    fn finish(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
