//! Sentences, words and quoted speech.
//!
//! Sentences come from unicode-segmentation (UAX #29), run on a copy of each paragraph in
//! which a hard-wrapped line break is turned into a space of the same byte length, so
//! offsets stay valid and a paragraph wrapped at 80 columns is not cut at every line.
//! Breaks before bullets, numbered steps, headings and blank lines are kept.

use crate::text::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Append the sentences of `region` of `text` to `out`, trimmed, skipping pieces with no
/// letters or digits.
pub fn split_sentences(text: &str, region: Span, out: &mut Vec<Span>) {
    let Some(slice) = text.get(region.range()) else {
        return;
    };
    if slice.trim().is_empty() {
        return;
    }
    let joined = join_wrapped_lines(slice);
    let base = region.start as usize;
    let from = out.len();
    for (off, piece) in joined.split_sentence_bound_indices() {
        // UAX #29 reads a hyphen after a full stop as the sentence going on ("room. - We
        // agreed"): bullets flattened onto one line are cut apart here.
        let mut from = 0;
        for cut in inline_bullets(piece).chain(std::iter::once(piece.len())) {
            let start = base + off + from;
            let span = Span::new(start, base + off + cut).trim(text);
            from = cut;
            if !span.is_empty() && span.slice(text).chars().any(char::is_alphanumeric) {
                out.push(span);
            }
        }
    }
    rejoin_abbreviations(text, out, from);
}

/// Titles that stand before a name and never end a sentence ("Mrs. J.", "St. Olaf's",
/// "Dr. Patel"): UAX #29 breaks after their full stop when a capital follows.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "st", "prof", "rev", "fr", "sr", "jr", "mt", "capt", "lt",
    "sgt", "col", "gen", "cllr", "supt", "insp", "det", "hon", "messrs", "vs", "e.g", "i.e",
];

/// Join back each sentence from `from` on that ends in a title or an initial ("John D.")
/// to the one after it on the same line. One pass, compacting in place: a long answer full
/// of titles costs no more than one without.
fn rejoin_abbreviations(text: &str, out: &mut Vec<Span>, from: usize) {
    let mut kept = from;
    for i in from..out.len() {
        let joins = kept > from && {
            let prev = out[kept - 1];
            let last = prev
                .slice(text)
                .strip_suffix('.')
                .and_then(|w| w.rsplit(|c: char| c.is_whitespace() || c == '(').next())
                .unwrap_or("");
            let initial =
                last.len() == 1 && last.bytes().all(|b| b.is_ascii_uppercase()) && last != "I";
            let title = TITLES.iter().any(|t| last.eq_ignore_ascii_case(t));
            let gap = text
                .get(prev.end as usize..out[i].start as usize)
                .unwrap_or("\n");
            (initial || title) && !gap.contains('\n')
        };
        if joins {
            out[kept - 1] = Span::new(out[kept - 1].start as usize, out[i].end as usize);
        } else {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Whether each sentence opens a paragraph: the first does, and any that a blank line
/// (nothing but spaces or quote markers) parts from the one before.
pub fn paragraph_starts(text: &str, sentences: &[Span]) -> Vec<bool> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut prev_end = None;
    for s in sentences {
        out.push(prev_end.is_none_or(|e: u32| {
            let gap = text.get(e as usize..s.start as usize).unwrap_or("");
            let lines: Vec<&str> = gap.split('\n').collect();
            lines.len() > 2
                && lines[1..lines.len() - 1]
                    .iter()
                    .any(|line| line.chars().all(|c| c == '>' || c.is_whitespace()))
        }));
        prev_end = Some(s.end);
    }
    out
}

/// Where a bullet starts after the end of a sentence on the same line: the offset of the
/// marker in ". - We", "! • I", "? * Our".
fn inline_bullets(piece: &str) -> impl Iterator<Item = usize> + '_ {
    let b = piece.as_bytes();
    piece
        .match_indices(['.', '!', '?'])
        .filter_map(move |(i, _)| {
            let mut j = i + 1;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            let marker = if b.get(j).is_some_and(|c| matches!(c, b'-' | b'*' | b'+')) {
                1
            } else if piece[j.min(piece.len())..].starts_with(['•', '–']) {
                3
            } else {
                return None;
            };
            let after = piece.get(j + marker..)?;
            let rest = after.strip_prefix(' ')?;
            (j > i + 1 && rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                .then_some(j)
        })
}

/// Replace line breaks inside a wrapped paragraph with spaces (same byte length).
fn join_wrapped_lines(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = s.as_bytes().to_vec();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
            continue;
        }
        let nl_start = i;
        let mut nl_end = i + 1;
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            nl_end += 1;
        }
        let prev = unquote(&s[line_start..nl_start]).trim();
        let next_end = s[nl_end..]
            .find(['\n', '\r'])
            .map_or(s.len(), |k| nl_end + k);
        let raw_next = unquote(&s[nl_end..next_end]);
        let next = raw_next.trim();
        // A bullet's text wraps like any paragraph's ("- I also arranged a special
        // training\n  session for …", Markdown's lazy continuation line): only a heading or
        // a table row ends at its line.
        let ends_at_line = prev.starts_with(['#', '|']);
        let keep = prev.is_empty()
            || next.is_empty()
            || starts_block(next)
            || ends_at_line
            || prev.ends_with(['.', '!', '?', ':', ';', '"', '”'])
            || (prev.chars().count() < 50 && next.chars().next().is_some_and(char::is_uppercase));
        if !keep {
            for b in &mut out[nl_start..nl_end] {
                *b = b' ';
            }
        }
        line_start = nl_end;
        i = nl_end;
    }
    // Only ASCII newline bytes were replaced by ASCII spaces: still valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// A line without its e-mail or Markdown quote markers ("> > text" is "text"), and the one
/// space after them, so a quoted paragraph wraps like the same paragraph unquoted.
fn unquote(line: &str) -> &str {
    let mut l = line;
    while let Some(rest) = l.trim_start().strip_prefix('>') {
        l = rest.strip_prefix(' ').unwrap_or(rest);
    }
    l
}

fn starts_block(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1).is_some_and(|c| *c == b' '),
        Some(b'#' | b'>' | b'|') => true,
        Some(c) if c.is_ascii_digit() => {
            let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(d), Some(b'.' | b')')) && b.get(d + 1) == Some(&b' ')
        }
        _ => line.starts_with('•') || symbol_bullet(line).is_some(),
    }
}

/// The bytes of a symbol used as a bullet at the start of `line`, with the spaces after
/// it: emoji, arrows, ticks and shapes ("✅ Patient became more engaged", "→ Cut the
/// queue", "▪ Rang the family"). A symbol counts only when a space follows it, so "→5"
/// or an emoji inside a word is no bullet.
pub fn symbol_bullet(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    let symbol = matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF)
        || matches!(c, '·' | '‣' | '⁃' | '◦' | '»' | '›');
    if !symbol {
        return None;
    }
    // Variation selectors and joiners belong to the emoji.
    let rest = chars
        .find(|(_, c)| !matches!(*c as u32, 0xFE00..=0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF))
        .map_or(line.len(), |(k, _)| k);
    let spaces = line[rest..].len() - line[rest..].trim_start_matches([' ', '\t']).len();
    (spaces > 0).then_some(rest + spaces)
}

/// Words: runs of characters that contain a letter or digit, split on whitespace.
pub fn count_words(s: &str) -> u32 {
    let n = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Spans of double-quoted speech ("…" or “…”) inside `region`, never across a blank line
/// and never longer than 600 bytes, so a stray quote mark cannot hide a paragraph.
pub fn quoted_spans(text: &str, region: Span) -> Vec<Span> {
    let Some(s) = text.get(region.range()) else {
        return Vec::new();
    };
    let base = region.start as usize;
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev_nl = false;
    for (i, c) in s.char_indices() {
        match (c, open) {
            ('\n', _) if prev_nl => {
                open = None;
            }
            ('"', None) => open = Some((i, '"')),
            ('“', None) => open = Some((i, '”')),
            (c2, Some((start, close))) if c2 == close || (close == '”' && c2 == '"') => {
                let end = i + c2.len_utf8();
                if i - start <= 600 && !wraps_lines(s, start, end) {
                    out.push(Span::new(base + start, base + end));
                }
                open = None;
            }
            _ => {}
        }
        if c == '\n' {
            prev_nl = true;
        } else if !c.is_whitespace() {
            prev_nl = false;
        }
    }
    out
}

/// True when the quote `start..end` of `s` opens at the start of a line (or right after
/// a label: `Action: "I …"`) and closes at the end of one: a paragraph wrapped in
/// quotation marks, not speech inside it.
fn wraps_lines(s: &str, start: usize, end: usize) -> bool {
    let line_start = s[..start].rfind('\n').map_or(0, |k| k + 1);
    let line_end = s[end..].find('\n').map_or(s.len(), |k| end + k);
    let before = s[line_start..start].trim_matches(|c: char| c.is_whitespace() || c == '>');
    let label = {
        let b = before.trim_end_matches('*').trim_end();
        b.ends_with(':') && b.chars().count() <= 40 && b.split_whitespace().count() <= 4
    };
    (before.is_empty() || label) && s[end..line_end].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_sentences(s, Span::new(0, s.len()), &mut v);
        v.iter().map(|sp| sp.slice(s)).collect()
    }

    #[test]
    fn a_title_or_an_initial_does_not_end_a_sentence() {
        assert_eq!(
            sentences("I took a call from Mrs. J. Patel at St. Olaf's. Dr. Khan agreed. We won."),
            [
                "I took a call from Mrs. J. Patel at St. Olaf's.",
                "Dr. Khan agreed.",
                "We won."
            ]
        );
        // "I." is the pronoun, and a title at the end of a line ends nothing it can join.
        assert_eq!(
            sentences("So did I. Then we left."),
            ["So did I.", "Then we left."]
        );
    }

    #[test]
    fn paragraphs_start_after_a_blank_line() {
        let t = "One. Two.\n\nThree.\nFour.\n>\n> Five.";
        let mut v = Vec::new();
        split_sentences(t, Span::new(0, t.len()), &mut v);
        assert_eq!(paragraph_starts(t, &v), [true, false, true, false, true]);
    }

    #[test]
    fn a_labelled_paragraph_in_quotation_marks_is_not_speech() {
        let t = "Action: \"I passed it to our head of sales.\"\nResult: She said \"thanks\" to me.";
        let q: Vec<&str> = quoted_spans(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(q, ["\"thanks\""]);
    }

    #[test]
    fn an_indented_lower_case_line_continues_its_bullet() {
        assert_eq!(
            sentences("- I also arranged a special training\n  session for the account team.\n- We signed 15."),
            [
                "- I also arranged a special training\n  session for the account team.",
                "- We signed 15."
            ]
        );
        // A new item, or a short item and a capital: the break stays.
        assert_eq!(
            sentences("- pulled the logs\n- traced the fault"),
            ["- pulled the logs", "- traced the fault"]
        );
        assert_eq!(
            sentences("- pulled the logs\nI traced the fault"),
            ["- pulled the logs", "I traced the fault"]
        );
        // A bullet wraps like any other line: a long unfinished one goes on.
        assert_eq!(
            sentences("- I had to keep in touch with all my coworkers at the yard\nWith radios I could call the crane."),
            ["- I had to keep in touch with all my coworkers at the yard\nWith radios I could call the crane."]
        );
        assert_eq!(
            sentences("- I sorted the returns\nby reason code."),
            ["- I sorted the returns\nby reason code."]
        );
    }

    #[test]
    fn a_quoted_paragraph_wraps_like_the_same_paragraph() {
        assert_eq!(
            sentences("> I compared the\n> advantages of the paper.\n>\n> We signed 15."),
            [
                "> I compared the\n> advantages of the paper.",
                "> We signed 15."
            ]
        );
    }

    #[test]
    fn emoji_and_arrows_at_a_line_start_are_bullets() {
        assert_eq!(
            sentences("⏰ Scheduled morning sessions\n🤝 Involved the family\n✅ Patient engaged"),
            [
                "⏰ Scheduled morning sessions",
                "🤝 Involved the family",
                "✅ Patient engaged"
            ]
        );
        assert_eq!(symbol_bullet("✔️ Rang the family"), Some("✔️ ".len()));
        assert_eq!(symbol_bullet("→ Cut the queue"), Some(4));
        // No space after it, or a letter: no bullet.
        assert_eq!(symbol_bullet("→5 minutes"), None);
        assert_eq!(symbol_bullet("Rang the family"), None);
        // A wrapped line that happens to hold an arrow mid-line is still joined.
        assert_eq!(
            sentences("I moved the handover from 8 to 7 → so that\nnights could leave on time."),
            ["I moved the handover from 8 to 7 → so that\nnights could leave on time."]
        );
    }

    #[test]
    fn splits_prose_bullets_and_wrapped_lines() {
        assert_eq!(
            sentences("I did it. Then it worked!"),
            ["I did it.", "Then it worked!"]
        );
        assert_eq!(
            sentences("- pulled the logs\n- traced the fault\n- fixed it"),
            ["- pulled the logs", "- traced the fault", "- fixed it"]
        );
        assert_eq!(
            sentences("I rebuilt the weekend rota for the whole ward so that\nnobody worked three nights in a row."),
            ["I rebuilt the weekend rota for the whole ward so that\nnobody worked three nights in a row."]
        );
        assert_eq!(
            sentences("First para.\r\n\r\nSecond para."),
            ["First para.", "Second para."]
        );
        // Bullets flattened onto one line (a hyphen after a full stop does not end a
        // sentence for UAX #29); a dash inside a sentence stays.
        assert_eq!(
            sentences("- I timed it. - We agreed the change. • I checked it."),
            [
                "- I timed it.",
                "- We agreed the change.",
                "• I checked it."
            ]
        );
        assert_eq!(
            sentences("It fell to 3.5 - a record - and stayed."),
            ["It fell to 3.5 - a record - and stayed."]
        );
    }

    #[test]
    fn counts_words_and_quotes() {
        assert_eq!(count_words("I cut it — from 14 to 3 minutes."), 8);
        let t = "She said \"we need it Friday\" and “we agreed”.";
        let q: Vec<&str> = quoted_spans(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(q, ["\"we need it Friday\"", "“we agreed”"]);
    }
}
