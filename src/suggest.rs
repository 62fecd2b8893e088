//! "Did you mean": the closest valid value to a mistyped one, for every usage error that
//! names an unknown LP, level, verdict, format, rule, config key or subcommand.
//!
//! The contract asks for one line that names the value and suggests the closest valid
//! one, listing every valid value only when there are at most [`MAX_LISTED`] (a list of
//! 51 rule names buries the one the user meant). Closeness is the optimal-string-alignment
//! distance (Levenshtein plus adjacent transpositions, so `explian` is one edit from
//! `explain`), compared case-insensitively with `_`, `-` and spaces treated alike, as
//! the ids themselves are. A suggestion is made only when it is unambiguous: one nearest
//! candidate within a third of the value's length (at least one edit, at most three), or
//! failing that the only candidate that contains the value as a whole part
//! (`backbone` → `have-backbone`), or the only one that begins the value or begins with it
//! (`jsonlines` → `jsonl`).

/// Valid values are listed in a message only when there are at most this many.
pub const MAX_LISTED: usize = 20;

/// Lowercase, with `_` and spaces read as `-`.
fn normalise(s: &str) -> Vec<char> {
    s.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of two adjacent characters each cost one edit.
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (normalise(a), normalise(b));
    osa(&a, &b)
}

fn osa(a: &[char], b: &[char]) -> usize {
    // Three rows: the one before last (for transpositions), the last, the current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()]
}

/// The most edits a value of `len` characters may be from a suggestion.
fn allowed(len: usize) -> usize {
    (len / 3).clamp(1, 3)
}

/// The valid value `value` most likely meant, if one stands out.
pub fn closest<'a, I>(value: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let v = normalise(value);
    if v.is_empty() {
        return None;
    }
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let mut best: Option<(usize, &'a str)> = None;
    let mut tie = false;
    for &c in &candidates {
        let d = osa(&v, &normalise(c));
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    if let Some((d, c)) = best {
        if d <= allowed(v.len()) && !tie {
            return Some(c);
        }
    }
    // `backbone` for `have-backbone`: the value as whole `-`-separated parts of exactly
    // one candidate.
    if v.len() < 3 {
        return None;
    }
    let needle: String = v.iter().collect();
    let mut containing = candidates.iter().copied().filter(|c| {
        let c: String = normalise(c).into_iter().collect();
        c.split('-')
            .collect::<Vec<_>>()
            .windows(needle.split('-').count())
            .any(|w| w.join("-") == needle)
    });
    if let (Some(one), None) = (containing.next(), containing.next()) {
        return Some(one);
    }
    // `jsonlines` for `jsonl`, `own` for `ownership`: one candidate the value starts with,
    // or that starts with the value.
    let mut prefixed = candidates.iter().copied().filter(|c| {
        let c: String = normalise(c).into_iter().collect();
        c.len() >= 3 && (needle.starts_with(&c) || c.starts_with(&needle))
    });
    match (prefixed.next(), prefixed.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// "unknown LP `ownershp`; did you mean `ownership`? (valid: …)": the value named, the
/// closest valid one suggested, and every valid one listed when there are few enough.
/// `more` is said instead of the list when it is too long (where to find the values).
pub fn unknown(what: &str, value: &str, valid: &[&str], more: Option<&str>) -> String {
    let mut out = format!("unknown {what} `{value}`");
    if let Some(s) = closest(value, valid.iter().copied()) {
        out.push_str(&format!("; did you mean `{s}`?"));
    }
    if valid.len() <= MAX_LISTED {
        out.push_str(&format!(" (valid: {})", valid.join(", ")));
    } else if let Some(more) = more {
        out.push_str(&format!(" ({more})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("ownershp", "ownership"), 1);
        assert_eq!(distance("explian", "explain"), 1);
        assert_eq!(distance("chek", "check"), 1);
        assert_eq!(distance("Think_Big", "think-big"), 0);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions_are_close_and_unambiguous() {
        let lps = ["ownership", "think-big", "dive-deep", "have-backbone"];
        assert_eq!(closest("ownershp", lps), Some("ownership"));
        assert_eq!(closest("thinkbig", lps), Some("think-big"));
        assert_eq!(closest("backbone", lps), Some("have-backbone"));
        assert_eq!(closest("own", lps), Some("ownership"));
        assert_eq!(closest("jsonlines", ["text", "jsonl"]), Some("jsonl"));
        assert_eq!(closest("sde", ["sde1", "sde2", "senior"]), None);
        assert_eq!(closest("frugal-ish", lps), None);
        // A tie suggests nothing: `sde9` is as close to `sde1` as to `sde2`.
        assert_eq!(closest("sde9", ["sde1", "sde2", "senior"]), None);
        // Short values allow one edit only.
        assert_eq!(closest("ab", ["lp"]), None);
        assert_eq!(closest("", ["lp"]), None);
    }

    #[test]
    fn messages_list_only_short_lists() {
        assert_eq!(
            unknown("level", "senoir", &["sde1", "sde2", "senior"], None),
            "unknown level `senoir`; did you mean `senior`? (valid: sde1, sde2, senior)"
        );
        let many: Vec<String> = (0..30).map(|i| format!("rule-{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            unknown(
                "rule",
                "rulle-3",
                &many,
                Some("`starlint rules` lists them")
            ),
            "unknown rule `rulle-3`; did you mean `rule-3`? (`starlint rules` lists them)"
        );
        assert_eq!(unknown("rule", "zz", &many, None), "unknown rule `zz`");
    }
}
