//! Prose helpers for the human report: word wrapping to the terminal's width, hanging
//! indents for rustc-style headers and footers, and tidying rubric prose for a reader.
//!
//! Everything the report writes except the quoted answer line goes through [`wrap`] or
//! [`hang`], so no other line is wider than the terminal. Widths count characters, which
//! is right for the report's own prose (Latin text, box drawing, block elements).

/// Wrap `text` to `width` columns, indenting continuation lines by `indent` spaces.
/// Whitespace (including newlines) collapses to single spaces first.
pub fn wrap(text: &str, width: usize, first_prefix: &str, indent: usize) -> String {
    wrap_lines(text, width, first_prefix, indent).join("\n")
}

/// [`wrap`], as lines.
pub fn wrap_lines(text: &str, width: usize, first_prefix: &str, indent: usize) -> Vec<String> {
    let width = width.max(indent + 16).max(20);
    let mut out = Vec::new();
    let mut line = first_prefix.to_string();
    let mut line_len = first_prefix.chars().count();
    // A prefix that is more than indentation counts as text: a first word that does not
    // fit after it goes to the next line.
    let mut breakable = !first_prefix.trim().is_empty();
    let mut need_space = false;
    for word in text.split_whitespace() {
        let wl = word.chars().count();
        if breakable && line_len + usize::from(need_space) + wl > width {
            out.push(line.trim_end().to_string());
            line = " ".repeat(indent);
            line_len = indent;
            need_space = false;
        }
        if need_space {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += wl;
        breakable = true;
        need_space = true;
    }
    out.push(line.trim_end().to_string());
    out
}

/// Lay out `items` (each kept whole) after `first_prefix`, `sep` between them, wrapping
/// to `width` with continuation lines indented by `indent` spaces.
pub fn wrap_items(
    items: &[String],
    width: usize,
    first_prefix: &str,
    indent: usize,
    sep: &str,
) -> String {
    let mut out = first_prefix.to_string();
    let mut len = first_prefix.chars().count();
    for (i, item) in items.iter().enumerate() {
        let il = item.chars().count();
        if i > 0 {
            if len + sep.chars().count() + il > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                len = indent;
            } else {
                out.push_str(sep);
                len += sep.chars().count();
            }
        }
        out.push_str(item);
        len += il;
    }
    out
}

/// Break `text` into lines that fit after a prefix of `prefix_len` columns on the first
/// line, continuation lines indented to line up under the text (or by 4 columns when that
/// would leave fewer than 25 columns). The result is meant to be printed after the
/// prefix, so it carries the indentation but not the prefix.
pub fn hang(text: &str, width: usize, prefix_len: usize) -> String {
    let indent = if prefix_len + 25 > width {
        4
    } else {
        prefix_len
    };
    let marker = "\u{1}".repeat(prefix_len);
    let wrapped = wrap_lines(text, width, &marker, indent);
    let mut out = String::new();
    for (i, line) in wrapped.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_start_matches('\u{1}'));
    }
    out
}

/// Like [`hang`] for footers whose continuation lines the renderer itself aligns under
/// the text: the lines are joined by bare newlines.
pub fn footer_lines(text: &str, width: usize, prefix_len: usize) -> String {
    let avail = width.saturating_sub(prefix_len).max(16);
    wrap_lines(text, avail, "", 0).join("\n")
}

/// One line of prose: runs of whitespace, newlines included, become one space, so a
/// message written over several lines can never break the header it sits in.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rubric prose without its trailing source note ("… impact (seed 000).", "(seeds 001,
/// 002)"): the citation is for `explain`, not for a candidate reading advice.
pub fn without_citation(text: &str) -> String {
    let t = one_line(text);
    let body = t.trim_end_matches('.').trim_end();
    if let Some(open) = body.rfind(" (seed") {
        if body.ends_with(')') {
            let mut kept = body[..open].trim_end().to_string();
            if !kept.ends_with(['.', '!', '?']) {
                kept.push('.');
            }
            return kept;
        }
    }
    t
}

/// At most `max` characters of `text`, cut after a whole sentence where one fits, else
/// after a whole word, with "…" when anything was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let t = one_line(text);
    if t.chars().count() <= max {
        return t;
    }
    let mut cut = 0;
    let mut last_word = 0;
    for (i, c) in t.char_indices() {
        if t[..i].chars().count() > max {
            break;
        }
        if c == ' ' {
            last_word = i;
            if t[..i].ends_with(['.', '!', '?']) {
                cut = i;
            }
        }
    }
    let end = if cut > 0 { cut } else { last_word };
    format!("{} …", t[..end].trim_end())
}

/// "1 error", "2 warnings": a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_line_inside_the_width() {
        let text = "a quick brown fox jumps over the lazy dog ".repeat(6);
        for line in wrap_lines(&text, 40, "Bar Raiser thinks: ", 2) {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
    }

    #[test]
    fn hang_aligns_continuations_under_the_text() {
        let h = hang("one two three four five six seven eight nine ten", 40, 10);
        let lines: Vec<&str> = h.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines[0].len() <= 30);
        assert!(lines[1].starts_with("          ") && !lines[1].starts_with("           "));
    }

    #[test]
    fn one_line_removes_newlines() {
        assert_eq!(one_line("a\nb  \r\n c"), "a b c");
    }

    #[test]
    fn citations_are_dropped() {
        assert_eq!(
            without_citation("Customer impact and trust (seed 002)."),
            "Customer impact and trust."
        );
        assert_eq!(
            without_citation("Lead with impact (seeds 000, 004)."),
            "Lead with impact."
        );
        assert_eq!(without_citation("No note here."), "No note here.");
    }

    #[test]
    fn excerpts_cut_at_sentences_then_words() {
        assert_eq!(excerpt("One. Two three four.", 10), "One. …");
        assert_eq!(excerpt("alpha beta gamma delta", 12), "alpha beta …");
        assert_eq!(excerpt("short", 12), "short");
    }
}
