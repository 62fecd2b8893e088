//! Front matter: `---` … `---` at the top of a story with flat `key: value` lines.
//!
//! Only `lp`, `level`, `field` and `question` mean anything to starlint; story repositories
//! carry other keys too (title, tags, and our fixtures' `expect`), so other keys are
//! ignored, except one that is a typo of a key starlint reads: `levle: senior` would
//! otherwise be dropped and the story judged at the default level, so a key within two
//! edits of one of the four (one edit of `lp`, or every two-letter key would be a typo of
//! it) is an error with a suggestion, as the contract asks. A bad `lp` or `level` value is
//! an error naming the line, never silently `general`.

use super::InputError;
use crate::ids::{GivenLevel, Lp};

/// The keys starlint reads from front matter.
pub const KEYS: [&str; 4] = ["lp", "level", "field", "question"];

/// The key `key` was probably meant to be, if it is a near miss of one starlint reads.
fn typo_of(key: &str) -> Option<&'static str> {
    KEYS.iter().copied().find(|k| {
        let d = crate::suggest::distance(key, k);
        d > 0 && d <= (k.len() - 1).min(2)
    })
}

/// What a story says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The LP the story targets.
    pub lp: Option<Lp>,
    /// The level it should be judged at.
    pub level: Option<GivenLevel>,
    /// The interview question.
    pub question: Option<String>,
    /// The candidate's field (chooses examples and wording; inferred when absent).
    pub field: Option<crate::field::Field>,
    /// Every key and raw value, in order (tests read `expect` from here).
    pub fields: Vec<(String, String)>,
}

impl FrontMatter {
    /// The raw value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse front matter at the very start of `text`; returns it and the body's start offset.
/// Text with no front matter returns defaults and offset 0.
pub fn parse_front_matter(text: &str) -> Result<(FrontMatter, usize), InputError> {
    let mut fm = FrontMatter::default();
    let mut lines = LineIter { text, pos: 0 };
    let Some((_, first)) = lines.next() else {
        return Ok((fm, 0));
    };
    if first.trim_end() != "---" {
        return Ok((fm, 0));
    }
    // An opening `---` with no closing line is not front matter: treat it as text, before
    // any of its lines can be misread as a malformed `key: value`.
    let closed = LineIter {
        text,
        pos: lines.pos,
    }
    .any(|(_, l)| matches!(l.trim(), "---" | "..."));
    if !closed {
        return Ok((fm, 0));
    }
    for (line_no, (start, line)) in (2..).zip(lines.by_ref()) {
        let t = line.trim();
        if t == "---" || t == "..." {
            let end = start + line.len();
            let end = skip_newline(text, end);
            return Ok((fm, end));
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((key, value)) = t.split_once(':') else {
            return Err(InputError::FrontMatter {
                line: line_no,
                message: format!("expected `key: value`, found `{t}`"),
            });
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(strip_comment(value.trim()));
        let bad = |message: String| InputError::FrontMatter {
            line: line_no,
            message,
        };
        match key.as_str() {
            "lp" => fm.lp = Some(value.parse().map_err(|e| bad(format!("{e}")))?),
            "level" => fm.level = Some(value.parse().map_err(|e| bad(format!("{e}")))?),
            "question" => fm.question = Some(value.to_string()),
            "field" => fm.field = Some(value.parse().map_err(bad)?),
            other => {
                if let Some(meant) = typo_of(other) {
                    return Err(bad(format!(
                        "unknown key `{other}`; did you mean `{meant}`? (starlint reads {}; \
                         other keys are ignored)",
                        KEYS.join(", ")
                    )));
                }
            }
        }
        fm.fields.push((key, value.to_string()));
    }
    // An opening `---` with no closing line is not front matter: treat it as text.
    Ok((FrontMatter::default(), 0))
}

fn strip_comment(v: &str) -> &str {
    if v.starts_with('"') || v.starts_with('\'') {
        return v;
    }
    match v.find(" #") {
        Some(i) => v[..i].trim_end(),
        None => v,
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

fn skip_newline(text: &str, mut at: usize) -> usize {
    let b = text.as_bytes();
    if b.get(at) == Some(&b'\r') {
        at += 1;
    }
    if b.get(at) == Some(&b'\n') {
        at += 1;
    }
    at
}

/// Lines with their start offsets, without line endings.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let start = self.pos;
        self.pos = skip_newline(self.text, start + end);
        Some((start, &rest[..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_body_offset() {
        let text = "---\r\nlp: Dive-Deep\nlevel: senior # judged high\nquestion: \"Why?\"\ntitle: x\n---\nBody";
        let (fm, at) = parse_front_matter(text).unwrap();
        assert_eq!(fm.lp, Some(Lp::DiveDeep));
        assert_eq!(
            fm.level.map(|l| (l.level, l.name)),
            Some((crate::Level::Senior, "senior"))
        );
        assert_eq!(fm.question.as_deref(), Some("Why?"));
        assert_eq!(&text[at..], "Body");
    }

    #[test]
    fn bad_values_name_the_line() {
        let err = parse_front_matter("---\nlevel: sde9\n---\nx").unwrap_err();
        assert_eq!(
            err.to_string(),
            "front matter line 2: unknown level `sde9` (valid: sde1, sde2, senior)"
        );
    }

    #[test]
    fn near_misses_of_keys_are_errors_and_other_keys_are_ignored() {
        let err = parse_front_matter("---\ntitle: x\nlevle: senior\n---\nx").unwrap_err();
        assert_eq!(
            err.to_string(),
            "front matter line 3: unknown key `levle`; did you mean `level`? (starlint reads \
             lp, level, field, question; other keys are ignored)"
        );
        for (key, meant) in [("lpp", "lp"), ("Questoin", "question"), ("feild", "field")] {
            let err = parse_front_matter(&format!("---\n{key}: x\n---\nx")).unwrap_err();
            assert!(
                err.to_string().contains(&format!("did you mean `{meant}`")),
                "{err}"
            );
        }
        for key in ["title", "tags", "expect", "why", "id", "date", "author"] {
            let text = format!("---\n{key}: x\n---\nbody");
            let (fm, _) = parse_front_matter(&text).unwrap();
            assert_eq!(fm.get(key), Some("x"));
        }
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let (fm, at) = parse_front_matter("---\nnot closed").unwrap();
        assert_eq!((fm, at), (FrontMatter::default(), 0));
    }
}
