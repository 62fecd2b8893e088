//! Where a report is written: standard output, or `-o FILE`, and what happens when that
//! goes wrong.
//!
//! `-o FILE` writes a temporary file beside FILE and renames it over FILE once the report
//! is complete, so FILE never holds half a report. That is right for a regular file and
//! wrong for anything else, so:
//!
//! - a symbolic link is followed and its target replaced (the link stays a link);
//! - a device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written directly,
//!   never renamed over (as root, a rename would replace `/dev/null` with a file);
//! - a directory is an error;
//! - a file that is also one of the run's inputs (an answer, a JSON-lines file, the
//!   rubric or config) is refused before anything is read: `-o story.md story.md` must
//!   not replace the story with its report.
//!
//! The temporary file is deleted if the run fails, and also if it is stopped: SIGINT,
//! SIGTERM and SIGHUP are caught while one exists, the file is removed, and the signal's
//! default action is taken (the exit status still says which signal ended the run).
//! Every write error names the output it failed on (`writing report.json: No space left
//! on device`), without the operating system's "(os error 28)".

use crate::input::io_reason;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The name standard output goes by in messages.
pub const STDOUT: &str = "standard output";

/// A writer whose errors name the output: `writing report.json: <reason>`. The error's
/// kind is kept, so a closed pipe is still recognised as one.
pub struct Named<W> {
    inner: W,
    name: String,
}

impl<W> Named<W> {
    /// `inner`, named `name` in error messages.
    pub fn new(inner: W, name: impl Into<String>) -> Named<W> {
        Named {
            inner,
            name: name.into(),
        }
    }

    fn wrap(&self, e: io::Error) -> io::Error {
        io::Error::new(
            e.kind(),
            format!("writing {}: {}", self.name, io_reason(&e)),
        )
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.wrap(e))
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf).map_err(|e| self.wrap(e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.wrap(e))
    }
}

/// Temporary files to delete if a signal stops the run.
static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMP_FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Catch SIGINT, SIGTERM and SIGHUP (once per process): remove every registered temporary
/// file, then take the signal's default action.
#[cfg(unix)]
fn catch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("starlint-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    for p in registry().drain(..) {
                        let _ = std::fs::remove_file(p);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                }
            });
    });
}

#[cfg(not(unix))]
fn catch_signals() {}

/// A report on its way to a regular file: a temporary file in the target's directory (so
/// the rename stays on one file system), deleted if the run fails or is stopped before
/// [`commit`](PendingFile::commit).
pub struct PendingFile {
    temp: Option<tempfile::TempPath>,
    target: PathBuf,
    shown: String,
}

impl PendingFile {
    fn create(target: &Path, shown: &str) -> io::Result<(File, PendingFile)> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".starlint-report-");
        // A report is an ordinary file once renamed: not the temporary file's 0600; one
        // that replaces a file keeps that file's permissions.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(target)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map_or(0o644, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        catch_signals();
        let (file, temp) = builder.tempfile_in(dir)?.into_parts();
        registry().push(temp.to_path_buf());
        Ok((
            file,
            PendingFile {
                temp: Some(temp),
                target: target.to_path_buf(),
                shown: shown.to_string(),
            },
        ))
    }

    /// Rename the finished report over the target.
    pub fn commit(mut self) -> Result<(), String> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let path = temp.to_path_buf();
        let result = temp.persist(&self.target).map_err(|e| {
            format!(
                "--output-file {}: cannot rename the report into place: {}",
                self.shown,
                io_reason(&e.error)
            )
        });
        registry().retain(|p| *p != path);
        result
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let path = temp.to_path_buf();
            drop(temp);
            registry().retain(|p| *p != path);
        }
    }
}

/// `path` with every symbolic link in its last component followed (a chain of them too),
/// so the file it names is replaced and the links stay; a loop stops after 40 links.
fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let is_link = p
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = std::fs::read_link(&p) else {
            break;
        };
        p = match p.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    p
}

/// The same file, by device and inode (or by canonical path off Unix).
fn same_file(a: &std::fs::Metadata, a_path: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = a_path;
        std::fs::metadata(b).is_ok_and(|m| m.dev() == a.dev() && m.ino() == a.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = a;
        match (a_path.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Where the report goes: the writer, what to call it, and (for `-o` onto a regular
/// file) the rename still to do.
pub struct Output {
    /// The writer, buffered, its errors naming the output.
    pub writer: Box<dyn Write + Send>,
    /// A report still to be renamed into place.
    pub pending: Option<PendingFile>,
}

/// Standard output, or `-o path`. `inputs` are every file the run reads; the output may
/// not be one of them. Errors are whole lines for `starlint: error: …`.
pub fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output, String> {
    let Some(path) = path else {
        return Ok(Output {
            writer: Box::new(io::BufWriter::new(Named::new(io::stdout(), STDOUT))),
            pending: None,
        });
    };
    let shown = path.display().to_string();
    let fail = |why: String| format!("--output-file {shown}: {why}");
    // `metadata` follows every link, `/dev/stdout`'s magic one included.
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(fail("is a directory".into())),
        Ok(m) if m.is_file() => {
            if let Some(input) = inputs.iter().find(|i| same_file(&m, path, i)) {
                return Err(fail(format!(
                    "is also an input ({}); not overwriting it",
                    input.display()
                )));
            }
            // The file itself, wherever links lead, is what gets replaced.
            let target = path.canonicalize().unwrap_or_else(|_| follow_links(path));
            pending(&target, &shown, fail)
        }
        // A device, FIFO or socket: written in place.
        Ok(_) => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| fail(format!("cannot write there: {}", io_reason(&e))))?;
            Ok(Output {
                writer: Box::new(io::BufWriter::new(Named::new(file, shown))),
                pending: None,
            })
        }
        // Nothing there yet (or a link to nothing yet): created where the links lead.
        Err(_) => pending(&follow_links(path), &shown, fail),
    }
}

fn pending(target: &Path, shown: &str, fail: impl Fn(String) -> String) -> Result<Output, String> {
    let (file, pending) = PendingFile::create(target, shown)
        .map_err(|e| fail(format!("cannot write there: {}", io_reason(&e))))?;
    Ok(Output {
        writer: Box::new(io::BufWriter::new(Named::new(file, shown))),
        pending: Some(pending),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_errors_name_the_output_and_keep_their_kind() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from_raw_os_error(28))
            }
            fn flush(&mut self) -> io::Result<()> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
        }
        let mut w = Named::new(Full, "report.json");
        let e = w.write_all(b"x").unwrap_err();
        assert!(e.to_string().starts_with("writing report.json: "), "{e}");
        assert!(!e.to_string().contains("os error"), "{e}");
        assert_eq!(w.flush().unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn a_link_chain_is_followed_to_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real.json", dir.path().join("a")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
            assert_eq!(follow_links(&dir.path().join("b")), real);
            // A dangling link names the file it would create.
            std::os::unix::fs::symlink("new.json", dir.path().join("c")).unwrap();
            assert_eq!(
                follow_links(&dir.path().join("c")),
                dir.path().join("new.json")
            );
        }
        assert_eq!(follow_links(&real), real);
    }
}
