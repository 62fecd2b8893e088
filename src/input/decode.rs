//! Bytes → text, with the contract's reasons for refusing an input.

use super::InputError;
use std::io::Read;

/// The contract's size cap: larger inputs are "too large".
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Read at most the cap (plus one byte, to tell "too large" apart) from `reader`.
pub fn read_limited(reader: impl Read) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| InputError::Io(io_reason(&e)))?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// The operating system's reason without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Decode an input: UTF-16 BOMs and NUL bytes are refused, a UTF-8 BOM is dropped,
/// invalid UTF-8 names its first bad byte (counted in the bytes as read).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(InputError::Utf16("little-endian"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16("big-endian"));
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
            decode(b"caf\xe9 au lait".to_vec()),
            Err(InputError::NotUtf8 { valid_up_to: 3 })
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFhello".to_vec()).as_deref(),
            Ok("hello")
        );
    }
}
