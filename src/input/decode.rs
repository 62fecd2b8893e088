//! Bytes → text, with the contract's reasons for refusing an input.
//!
//! Reading is bounded before it starts: a regular file whose metadata says it is over the
//! cap is refused without reading a byte, and anything else (standard input, a pipe, a
//! `/dev/fd/N` from process substitution) is read through a `take` of the cap plus one
//! byte, so no input can make starlint hold more than 64 MiB of it.

use super::InputError;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The contract's size cap: larger inputs are "too large".
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Read all of `reader` if it holds at most `limit` bytes, else `Ok(None)` (having read
/// `limit + 1` bytes, so a stream that never ends is not read to its end). `size` (a
/// regular file's length) sizes the buffer once instead of doubling it as it fills.
pub fn read_bounded(
    reader: impl Read,
    limit: u64,
    size: Option<u64>,
) -> std::io::Result<Option<Vec<u8>>> {
    let capacity = size.map_or(8192, |n| n.min(limit) + 1);
    let mut buf = Vec::with_capacity(usize::try_from(capacity).unwrap_or(8192));
    reader.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(buf))
}

/// Read at most the cap (plus one byte, to tell "too large" apart) from `reader`.
pub fn read_limited(reader: impl Read) -> Result<Vec<u8>, InputError> {
    read_sized(reader, None)
}

fn read_sized(reader: impl Read, size: Option<u64>) -> Result<Vec<u8>, InputError> {
    read_bounded(reader, MAX_INPUT_BYTES, size)
        .map_err(|e| InputError::Io(io_reason(&e)))?
        .ok_or(InputError::TooLarge(None))
}

/// Open and read the file at `path`, refusing a directory and (from its metadata, before
/// reading) a regular file over the cap. Pipes and devices are read up to the cap.
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let file = File::open(path).map_err(|e| open_error(path, &e))?;
    let mut size = None;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err(InputError::Io("is a directory".into()));
        }
        if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
            return Err(InputError::TooLarge(Some(meta.len())));
        }
        size = meta.is_file().then_some(meta.len());
    }
    read_sized(file, size)
}

/// Why `path` could not be opened: the OS's reason, and for a symbolic link whose target
/// is missing, that it is one (the link itself exists, so "No such file" alone puzzles).
pub fn open_error(path: &Path, e: &std::io::Error) -> InputError {
    let reason = io_reason(e);
    if e.kind() == std::io::ErrorKind::NotFound
        && path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return InputError::Io(format!("broken symbolic link to `{target}`: {reason}"));
    }
    InputError::Io(reason)
}

/// The operating system's reason without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The error for bytes that start with a UTF-32 or UTF-16 byte-order mark, if they do.
/// UTF-32's marks are tested first: the little-endian one begins with UTF-16's.
pub fn utf_bom(bytes: &[u8]) -> Option<InputError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some(InputError::Utf32("little-endian"))
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some(InputError::Utf32("big-endian"))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(InputError::Utf16("little-endian"))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(InputError::Utf16("big-endian"))
    } else {
        None
    }
}

/// Decode an input: UTF-16 and UTF-32 BOMs and NUL bytes are refused, a UTF-8 BOM is
/// dropped, invalid UTF-8 names its first bad byte (counted in the bytes as read).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(Some(bytes.len() as u64)));
    }
    if let Some(e) = utf_bom(&bytes) {
        return Err(e);
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let head = &bytes[bom..bytes.len().min(bom + 8192)];
    if head.contains(&0) {
        return Err(InputError::Binary);
    }
    if bom > 0 {
        bytes.drain(..bom);
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to() + bom,
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_the_contract_refuses() {
        assert_eq!(decode(b"  \n\t".to_vec()), Err(InputError::Empty));
        assert_eq!(decode(b"ab\0cd".to_vec()), Err(InputError::Binary));
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0]),
            Err(InputError::Utf16("little-endian"))
        );
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]),
            Err(InputError::Utf32("little-endian"))
        );
        assert_eq!(
            decode(vec![0, 0, 0xFE, 0xFF, 0, 0, 0, b'a']),
            Err(InputError::Utf32("big-endian"))
        );
        assert_eq!(
            decode(b"caf\xe9 au lait".to_vec()),
            Err(InputError::NotUtf8 { valid_up_to: 3 })
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFhello".to_vec()).as_deref(),
            Ok("hello")
        );
    }
}
