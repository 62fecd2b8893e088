//! A buffer for the parts of a document that must come after what is being streamed.
//!
//! SARIF lists its artifacts and notifications beside the results, and JUnit puts its
//! counts before the test cases; neither can be written strictly as answers arrive. What
//! has to wait goes into a [`Spill`]: memory up to [`IN_MEMORY`] bytes, then an anonymous
//! temporary file (deleted by the operating system however the run ends, a signal
//! included), copied into the report at the end. Memory stays flat however many answers
//! there are; the disk holds what a buffered document would have held in memory.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// Bytes kept in memory before the rest goes to a temporary file.
pub const IN_MEMORY: usize = 1024 * 1024;

/// Bytes written now, read back once at the end.
#[derive(Debug, Default)]
pub struct Spill {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    len: u64,
}

impl Spill {
    /// An empty spill.
    pub fn new() -> Spill {
        Spill::default()
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Append `bytes`.
    pub fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.len += bytes.len() as u64;
        if let Some(f) = &mut self.file {
            return f.write_all(bytes);
        }
        if self.memory.len() + bytes.len() <= IN_MEMORY {
            self.memory.extend_from_slice(bytes);
            return Ok(());
        }
        // Too much for memory: everything so far, and from now on, goes to a file. If no
        // temporary file can be made, memory it is (the report matters more).
        match tempfile::tempfile() {
            Ok(f) => {
                let mut f = BufWriter::new(f);
                f.write_all(&self.memory)?;
                f.write_all(bytes)?;
                self.memory = Vec::new();
                self.file = Some(f);
                Ok(())
            }
            Err(_) => {
                self.memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// Write everything pushed so far to `w`, then empty the spill.
    pub fn drain_into(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if let Some(f) = self.file.take() {
            let mut f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
            f.rewind()?;
            io::copy(&mut f, w)?;
        } else {
            w.write_all(&self.memory)?;
        }
        self.memory = Vec::new();
        self.len = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_contents_come_back_in_order() {
        for total in [10usize, IN_MEMORY + 10_000] {
            let mut s = Spill::new();
            assert!(s.is_empty());
            let mut want = Vec::new();
            let mut i = 0u32;
            while want.len() < total {
                let chunk = format!("{i},");
                s.push(chunk.as_bytes()).unwrap();
                want.extend_from_slice(chunk.as_bytes());
                i += 1;
            }
            assert_eq!(s.file.is_some(), total > IN_MEMORY);
            let mut out = Vec::new();
            s.drain_into(&mut out).unwrap();
            assert_eq!(out, want);
            assert!(s.is_empty());
        }
    }
}
