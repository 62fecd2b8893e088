//! Expand the command line's PATHs into inputs, in a stable order.
//!
//! A directory yields every `*.md`, `*.txt` and `*.star` below it, sorted by path, with
//! `.gitignore` respected (ripgrep's `ignore` walker). A path that cannot be walked becomes
//! an error item so the rest of the batch still runs, and so does a directory that holds
//! no answers (the contract's "a path that yields no answers").
//!
//! Symbolic links are not followed into directories (ripgrep's default), so a link loop
//! cannot make the walk run forever. A link to a file is read; a link to anything else
//! (a directory, a FIFO that would block the run) is skipped; a broken link is kept so its
//! error is reported. Only regular files are taken from a walk: a FIFO or device that
//! happens to be named `*.md` would block or never end, so it is read only when given by
//! name (`starlint check <(cat story.md)` passes a `/dev/fd/N` pipe by name).

use super::InputError;
use std::path::{Path, PathBuf};

/// One thing to read: a file, standard input, or an error found while walking.
#[derive(Debug, Clone)]
pub enum InputItem {
    /// A file to read.
    File(PathBuf),
    /// Standard input (`-`, or no PATH when stdin is not a terminal).
    Stdin,
    /// A path that could not be walked, with why.
    Error(String, InputError),
}

const EXTENSIONS: &[&str] = &["md", "txt", "star"];

/// Expand `paths` (already known to be non-empty) into input items.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<InputItem> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(InputItem::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk_dir(p, &mut out);
                if out.len() == before {
                    out.push(InputItem::Error(
                        p.display().to_string(),
                        InputError::Io(
                            "no answers found (looked for *.md, *.txt and *.star)".into(),
                        ),
                    ));
                }
            }
            Ok(_) => out.push(InputItem::File(p.clone())),
            Err(e) => out.push(InputItem::Error(
                p.display().to_string(),
                super::decode::open_error(p, &e),
            )),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<InputItem>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(Ord::cmp)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| {
                    t.is_file()
                        || (t.is_symlink()
                            && std::fs::metadata(e.path()).map_or(true, |m| m.is_file()))
                });
                let wanted = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| EXTENSIONS.iter().any(|w| x.eq_ignore_ascii_case(w)));
                if is_file && wanted && e.depth() > 0 {
                    out.push(InputItem::File(e.into_path()));
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => path.display().to_string(),
                    _ => dir.display().to_string(),
                };
                out.push(InputItem::Error(path, InputError::Io(walk_reason(&err))));
            }
        }
    }
}

fn walk_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            walk_reason(err)
        }
        ignore::Error::Loop { .. } => "symbolic link loop".to_string(),
        ignore::Error::Io(e) => super::decode::io_reason(e),
        other => other.to_string(),
    }
}
