//! Section labels in every common form, case-insensitive:
//! `Situation:`, `S:`, `**Situation**`, `**Situation:**`, `## Situation`, `- Situation:`,
//! `> **Situation:**`, `1. Situation:`, `Situation (30 seconds):`, `Situation/Task:`,
//! `Context -`, a bare `Results` line. Label words come from the rubric.
//!
//! A label must end in a colon or dash, or stand alone on its line (a heading, a bold line,
//! or just the word), so a sentence that merely starts with "Action was needed" is not one.
//! Single-letter labels (`S:`) need their colon.

use crate::ids::SectionKind;
use crate::rubric::CompiledRubric;
use crate::text::Span;

/// A label line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label itself (from the line start to the end of its colon, emphasis or parenthesis).
    pub span: Span,
    /// Where the section's body starts.
    pub body_start: u32,
    /// The sections it names (two for `Situation/Task:`).
    pub kinds: Vec<SectionKind>,
}

/// Parse `line` (a span of `text` without its line ending) as a label.
pub fn parse_label(text: &str, line: Span, rubric: &CompiledRubric) -> Option<Label> {
    let s = line.slice(text);
    let b = s.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    while i < b.len() && b[i] == b'>' {
        i += 1;
        skip_ws(&mut i);
    }
    // A paragraph wrapped in quotation marks: the mark before the label is not part of it.
    for q in ['“', '"', '‘'] {
        if s[i..].starts_with(q) {
            i += q.len_utf8();
            skip_ws(&mut i);
            break;
        }
    }
    let mut standalone_ok = false;
    if b.get(i) == Some(&b'#') {
        let h = b[i..].iter().take_while(|&&c| c == b'#').count();
        if h > 6 || b.get(i + h).is_some_and(|&c| c != b' ' && c != b'\t') {
            return None;
        }
        i += h;
        skip_ws(&mut i);
        standalone_ok = true;
    } else if matches!(b.get(i), Some(b'-' | b'*' | b'+'))
        && matches!(b.get(i + 1), Some(b' ' | b'\t'))
    {
        i += 1;
        skip_ws(&mut i);
    } else if s[i..].starts_with('•') {
        i += '•'.len_utf8();
        skip_ws(&mut i);
    } else if let Some(n) = super::sentences::symbol_bullet(&s[i..]) {
        i += n;
    } else {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&digits)
            && matches!(b.get(i + digits), Some(b'.' | b')'))
            && matches!(b.get(i + digits + 1), Some(b' ' | b'\t'))
        {
            i += digits + 1;
            skip_ws(&mut i);
        }
    }
    let em_open = b[i..]
        .iter()
        .take_while(|&&c| c == b'*' || c == b'_')
        .count()
        .min(3);
    i += em_open;
    if em_open > 0 {
        standalone_ok = true;
    }
    // The head: letters, spaces and joiners, up to a terminator.
    let head_start = i;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic()
            || c == b' '
            || c == b'/'
            || c == b'&'
            || c == b'+'
            || c == b'\''
            || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) && i > head_start)
        {
            i += 1;
        } else if s[i..].starts_with('’') {
            i += '’'.len_utf8();
        } else {
            break;
        }
    }
    let head = s[head_start..i].trim();
    if head.is_empty() || head.len() > 40 {
        return None;
    }
    let kinds = label_kinds(head, rubric)?;
    let single_letter = head.len() == 1;
    // After the head: (parenthetical), emphasis close, colon or dash, in any sensible order.
    let mut j = head_start + s[head_start..i].trim_end().len();
    let mut terminated = false;
    for _ in 0..4 {
        skip_ws(&mut j);
        match b.get(j) {
            Some(b'(') => match s[j..].find(')') {
                Some(k) if k < 40 => j += k + 1,
                _ => return None,
            },
            Some(b':') => {
                j += 1;
                terminated = true;
            }
            Some(b'*' | b'_') => {
                let n = b[j..]
                    .iter()
                    .take_while(|&&c| c == b'*' || c == b'_')
                    .count();
                if em_open == 0 {
                    return None;
                }
                j += n;
            }
            Some(b'-') if matches!(b.get(j + 1), Some(b' ' | b'\t') | None) => {
                j += 1;
                terminated = true;
            }
            _ if s[j..].starts_with('—') || s[j..].starts_with('–') || s[j..].starts_with('：') =>
            {
                j += s[j..].chars().next().map_or(1, char::len_utf8);
                terminated = true;
            }
            // The closing mark of a quoted heading line (“**Situation**”).
            _ if s[j..].starts_with('”') || s[j..].starts_with('"') => {
                j += s[j..].chars().next().map_or(1, char::len_utf8);
            }
            _ => break,
        }
    }
    skip_ws(&mut j);
    let rest_empty = j >= b.len();
    if single_letter && !terminated {
        return None;
    }
    if !terminated && !rest_empty {
        return None;
    }
    if !terminated && rest_empty && !standalone_ok && head.split_whitespace().count() > 4 {
        return None;
    }
    let label_end = line.start as usize + j.min(s.len());
    Some(Label {
        span: Span::new(line.start as usize, label_end),
        body_start: u32::try_from(label_end).unwrap_or(u32::MAX),
        kinds,
    })
}

/// The sections a label head names: every part of `Situation/Task` or `Task & Action`
/// must be a known label word.
fn label_kinds(head: &str, rubric: &CompiledRubric) -> Option<Vec<SectionKind>> {
    let norm: String = head
        .to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(k) = lookup(&norm, rubric) {
        return Some(vec![k]);
    }
    let mut kinds = Vec::new();
    for part in norm.split(['/', '&', '+']).flat_map(|p| p.split(" and ")) {
        let k = lookup(part.trim(), rubric)?;
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds.sort();
    (!kinds.is_empty()).then_some(kinds)
}

fn lookup(word: &str, rubric: &CompiledRubric) -> Option<SectionKind> {
    rubric.label(word).or_else(|| {
        let w = word
            .strip_prefix("the ")
            .or_else(|| word.strip_prefix("my "))?;
        rubric.label(w)
    })
}
