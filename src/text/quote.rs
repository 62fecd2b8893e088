//! Quoting the answer back: a quoted stretch is widened to whole numbers and a whole
//! phrase, so a follow-up or a message never says "1" where the answer said "1.4 days".

/// `s` cut to at most `max` characters at a word boundary, with an ellipsis when cut (a
/// quote never ends mid-word or on a dangling comma).
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '-', ' ']))
}

/// Units a quoted number keeps ("1.4 days", not "1.4").
const UNITS: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "seconds",
    "second",
    "secs",
    "minutes",
    "minute",
    "mins",
    "hours",
    "hour",
    "hrs",
    "days",
    "day",
    "working days",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "pp",
    "points",
    "k",
    "m",
    "bn",
    "million",
    "thousand",
];

/// Widen a capture `start..end` of `text` to whole quantities and a whole phrase: a number
/// cut at its decimal point or thousands comma ("1" of "1.4"), a range ("3" of "3-4"), the
/// number's unit, and a phrase cut at a comma between two adjectives ("a sealed" of "a
/// sealed, chilled staging bay").
pub fn whole(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut end = end;
    let mut start = start;
    // A number whose start the capture missed.
    while start > 0
        && (digit(start - 1)
            || (matches!(b[start - 1], b'.' | b',')
                && digit(start.wrapping_sub(2))
                && digit(start)))
    {
        start -= 1;
    }
    let mut numeric = end > start && digit(end - 1);
    loop {
        // "1.4", "1,200", "3-4".
        if numeric && matches!(b.get(end), Some(b'.' | b',' | b'-')) && digit(end + 1) {
            end += 1;
        } else if numeric && text[end..].starts_with('–') && digit(end + '–'.len_utf8()) {
            end += '–'.len_utf8();
        } else if (numeric || end == start) && digit(end) {
            end += 1;
        } else {
            break;
        }
        while digit(end) {
            end += 1;
        }
        numeric = true;
    }
    if numeric {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        let after = &rest[gap.min(1)..];
        for unit in UNITS {
            let fits = after
                .get(..unit.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(unit))
                && !after[unit.len()..].starts_with(|c: char| c.is_alphanumeric());
            if fits && (gap <= 1) && (gap == 1 || matches!(*unit, "%" | "k" | "m" | "bn" | "pp")) {
                end += gap.min(1) + unit.len();
                break;
            }
        }
    }
    // A phrase cut at a comma between two adjectives ("a sealed, chilled bay"): take the
    // rest of the noun phrase too.
    if let Some(next) = text[end..].strip_prefix(", ") {
        let mut words = text[start..end].split_whitespace().rev();
        let (last, before) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let after = next.split_whitespace().next().unwrap_or("");
        let determiner = matches!(
            before.to_ascii_lowercase().as_str(),
            "a" | "an" | "the" | "our" | "my" | "their" | "his" | "her" | "its" | "this" | "that"
        );
        if (determiner || adjective_like(before)) && adjective_like(last) && adjective_like(after) {
            end += 2 + next.find(['.', ';', ',', '\n']).unwrap_or(next.len());
        }
    }
    (start, end)
}

/// A word shaped like an adjective or a participle used as one ("sealed", "chilled",
/// "manual", "dangerous"); shape is enough to tell an adjective pair from a clause break.
fn adjective_like(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    w.len() > 3
        && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && [
            "ed", "al", "ous", "ive", "ful", "ic", "able", "ible", "less", "ing",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::whole;

    fn widen(text: &str, part: &str) -> String {
        let start = text.find(part).unwrap();
        let (s, e) = whole(text, start, start + part.len());
        text[s..e].to_string()
    }

    #[test]
    fn numbers_are_quoted_whole_with_their_unit() {
        let t = "it fell from nine days to 1.4 days, and calls fell from 12 to 3.5.";
        assert_eq!(
            widen(t, "fell from nine days to 1"),
            "fell from nine days to 1.4 days"
        );
        assert_eq!(widen(t, "fell from 12 to 3"), "fell from 12 to 3.5");
        let t = "waits went from 3-4 hours to 40 minutes";
        assert_eq!(widen(t, "went from 3"), "went from 3-4 hours");
        let t = "we saved £1,200 a week and cut errors to 0.2%.";
        assert_eq!(widen(t, "£1"), "£1,200");
        assert_eq!(widen(t, "to 0"), "to 0.2%");
        assert_eq!(
            widen(t, "£1,200"),
            "£1,200",
            "a whole number stays as it is"
        );
        let t = "from 9.5 days to 1.4 days";
        assert_eq!(widen(t, "9.5 days to 1"), "9.5 days to 1.4 days");
        assert_eq!(
            widen(t, ".5 days to 1.4"),
            "9.5 days to 1.4 days",
            "the start too"
        );
    }

    #[test]
    fn a_phrase_cut_between_adjectives_takes_its_noun() {
        let t = "I chose a sealed, chilled staging bay airside, because it was quicker.";
        assert_eq!(
            widen(t, "chose a sealed"),
            "chose a sealed, chilled staging bay airside"
        );
        let t = "I chose Leeds, because it was nearer.";
        assert_eq!(
            widen(t, "chose Leeds"),
            "chose Leeds",
            "a name is a whole object"
        );
        let t = "I rewrote the sheet, and trained the night staff.";
        assert_eq!(
            widen(t, "rewrote the sheet"),
            "rewrote the sheet",
            "a whole clause stays as it is"
        );
    }
}
