//! Where a finding is, as the CI formats need it: the answer's path relative to the working
//! directory and each finding's start and end as 1-based lines and character columns.
//!
//! SARIF, GitHub and JUnit all point at a file and a region, so this is written once.
//! Paths are made relative to the working directory with forward slashes, because CI
//! tools resolve them against the checkout; standard input has no path, so it gets a
//! stable name. Regions are computed from the report's text with one [`LineIndex`] per
//! answer (a binary search per offset), never by counting from the start per finding.

use crate::report::AnswerReport;
use crate::text::LineIndex;
use std::path::{Component, Path};

/// The `source` the CLI gives an answer read from standard input.
pub const STDIN_SOURCE: &str = "<stdin>";

/// The artifact URI standard input gets in SARIF (stable, so baselines can match it).
pub const STDIN_URI: &str = "stdin";

/// A finding's region: 1-based lines and character columns; the end is exclusive (the
/// column of the character after the span), so an empty span ends where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Line of the first character.
    pub start_line: u32,
    /// Column of the first character.
    pub start_column: u32,
    /// Line of the character after the span.
    pub end_line: u32,
    /// Column of the character after the span.
    pub end_column: u32,
}

/// The region of every finding of `report`, in the order of `report.findings`.
pub fn regions(report: &AnswerReport) -> Vec<Region> {
    if report.findings.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(&report.text);
    report
        .findings
        .iter()
        .map(|f| {
            let start = index.line_col(&report.text, f.span.start);
            let end = index.line_col(&report.text, f.span.end.max(f.span.start));
            Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            }
        })
        .collect()
}

/// `source` as a path relative to `cwd`, with forward slashes; `None` for standard input
/// and for an absolute path outside `cwd`. A relative path is kept relative (its `./`
/// parts dropped), since the CLI reads every PATH relative to the working directory.
pub fn relative_path(source: &str, cwd: Option<&Path>) -> Option<String> {
    if source == STDIN_SOURCE {
        return None;
    }
    let path = Path::new(source);
    let rel = if path.has_root() {
        path.strip_prefix(cwd?).ok()?
    } else {
        path
    };
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            // A drive prefix without a root (`C:x` on Windows): not relative to `cwd`.
            Component::Prefix(_) | Component::RootDir => return None,
        }
    }
    if parts.is_empty() {
        return Some(".".into());
    }
    Some(parts.join("/"))
}

/// The path GitHub annotates: relative to `cwd` when it can be, else as given; `None`
/// for standard input, which is no file in the checkout.
pub fn annotation_path(source: &str, cwd: Option<&Path>) -> Option<String> {
    if source == STDIN_SOURCE {
        return None;
    }
    Some(relative_path(source, cwd).unwrap_or_else(|| source.replace('\\', "/")))
}

/// The SARIF artifact URI of `source`: a relative URI reference for a path inside `cwd`
/// (or any relative path), a `file://` URI for an absolute path outside it, and
/// [`STDIN_URI`] for standard input. Everything but unreserved characters and `/` is
/// percent-encoded, so the result is a valid URI reference whatever the file is called.
pub fn artifact_uri(source: &str, cwd: Option<&Path>) -> String {
    if source == STDIN_SOURCE {
        return STDIN_URI.to_string();
    }
    if let Some(rel) = relative_path(source, cwd) {
        return percent_encode(&rel);
    }
    file_uri(Path::new(source))
}

/// `file:///abs/path` (or `file:///C:/abs/path` on Windows) for an absolute path.
fn file_uri(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut drive = String::new();
    for c in path.components() {
        match c {
            Component::Prefix(p) => {
                drive = p.as_os_str().to_string_lossy().replace('\\', "/");
            }
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(percent_encode(&s.to_string_lossy())),
        }
    }
    // A drive letter stays readable (`C:`); any other prefix is encoded like a segment.
    let drive = if drive.len() == 2 && drive.ends_with(':') {
        drive
    } else {
        percent_encode(&drive)
    };
    let mut uri = String::from("file:///");
    if !drive.is_empty() {
        uri.push_str(&drive);
        uri.push('/');
    }
    uri.push_str(&parts.join("/"));
    uri
}

/// Percent-encode every byte that is not an RFC 3986 unreserved character or `/`.
fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_forward_slashes() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            relative_path("./stories/a.md", Some(cwd)).as_deref(),
            Some("stories/a.md")
        );
        assert_eq!(
            relative_path("/work/repo/stories/a.md", Some(cwd)).as_deref(),
            Some("stories/a.md")
        );
        assert_eq!(
            relative_path("../b.md", Some(cwd)).as_deref(),
            Some("../b.md")
        );
        assert_eq!(relative_path("/elsewhere/b.md", Some(cwd)), None);
        assert_eq!(relative_path("/work/repo/a.md", None), None);
        assert_eq!(relative_path(STDIN_SOURCE, Some(cwd)), None);
    }

    #[test]
    fn uris_are_valid_references() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            artifact_uri("stories/café rota, v2.md", Some(cwd)),
            "stories/caf%C3%A9%20rota%2C%20v2.md"
        );
        assert_eq!(
            artifact_uri("/elsewhere/50% #1.md", Some(cwd)),
            "file:///elsewhere/50%25%20%231.md"
        );
        assert_eq!(artifact_uri(STDIN_SOURCE, Some(cwd)), "stdin");
        assert_eq!(
            annotation_path("/elsewhere/b.md", Some(cwd)).as_deref(),
            Some("/elsewhere/b.md")
        );
        assert_eq!(annotation_path(STDIN_SOURCE, Some(cwd)), None);
    }
}
