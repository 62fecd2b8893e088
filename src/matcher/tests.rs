//! The matcher against the regex crate's own reading of each pattern: the ASCII forms must
//! find exactly what the patterns as written find, on real answers.

use super::{forms, Groups, Haystack, Re};
use crate::text::Span;

/// Every `.md` file under `fixtures/`, read whole.
fn fixture_texts() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "md") {
                out.extend(std::fs::read_to_string(&path).ok());
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out
}

/// Matches of `re` through the haystack, as an answer's search runs it.
fn through_hay(re: &Re, text: &str) -> Vec<Groups> {
    let hay = Haystack::new(text);
    re.captures_iter(&hay, Span::new(0, text.len())).collect()
}

/// Matches of the pattern as written, on the text as written: the ground truth.
fn as_written(re: &regex::Regex, text: &str) -> Vec<Groups> {
    re.captures_iter(text)
        .map(|c| Groups {
            all: c
                .get(0)
                .map_or(Span::empty(0), |m| Span::new(m.start(), m.end())),
            first: c.get(1).map(|m| Span::new(m.start(), m.end())),
        })
        .collect()
}

fn written(re: &Re) -> regex::Regex {
    regex::RegexBuilder::new(re.as_str())
        .case_insensitive(re.case_insensitive())
        .build()
        .unwrap()
}

#[test]
fn ascii_forms_are_ascii_and_lowercase() {
    let f = forms::derive(r"\bWe\w+\b", true);
    assert_eq!(
        f.ascii.as_deref(),
        Some(r"(?:(?-u:\b)(?:we)[0-9_a-z]+(?-u:\b))")
    );
    assert_eq!(f.required, vec![vec!["we".to_string()]]);
    let s = forms::derive(r"[^.]{0,3}\d", true).ascii.unwrap();
    assert!(s.ends_with("[0-9])"), "{s}");
    assert!(forms::derive(r"\bWe\b", false).required.is_empty());
}

#[test]
fn same_matches_on_real_text() {
    let texts = [
        "We couldn’t ship it; Oaklands’ £8K a week went to 0. WE did it, we-ish.",
        "I didn't just escalate — I brought a fix.\u{a0}It cut costs by 10\u{a0}%.",
        "Café staff said José fixed it. We ran naïve tests; ÉTÉ and été.",
        "The KELVIN \u{212A}eep sign and long \u{17F}tep fold only as written.",
        "Cut from ٣٠ to 5, said the nurse.",
        "Paid €40 and £5 (not $6, ¥7 or £ 8) for £$9.",
    ];
    for p in [
        r"\bwe\b",
        r"\b(?:couldn['’]t|could not)\b",
        r"\bi\s+(?:didn['’]t|did not)\s+just\s+\w+",
        r"[£$€]\s?\d[\w.]*",
        r"\$\d+",
        r"[^£\s]\d",
        r"[£€]\d|[$¥]\s",
        r"\b\w+(?:é|e)\b",
        r"\bk\w*|\bs\w*|\bété\b",
        r"\d+",
        r"(?m)^[ \t>]*(?:[-*+•])[ \t]+[A-Z][a-z]+ed\b",
    ] {
        for ci in [true, false] {
            let re = Re::new(p, ci, false).unwrap();
            for t in texts {
                assert_eq!(
                    through_hay(&re, t),
                    as_written(&written(&re), t),
                    "{p} on {t}"
                );
            }
        }
    }
}

/// Every regex of the embedded rubric, through the haystack against the pattern as
/// written, on every fixture answer (and the same upper-cased, with non-breaking spaces,
/// cut, and with an accented name so the pattern as written runs): same matches, same
/// first groups; and where the ASCII form runs, every match holds a literal of each of its
/// required sets.
#[test]
fn embedded_rubric_forms_match_as_written() {
    use rayon::prelude::*;
    let rubric = crate::rubric::default_rubric().unwrap();
    let mut texts: Vec<String> = Vec::new();
    for t in fixture_texts() {
        texts.push(t.to_ascii_uppercase());
        texts.push(t.replace(' ', "\u{a0}").replacen('\u{a0}', " ", 40));
        let cut = t
            .char_indices()
            .map(|(i, _)| i)
            .nth(t.chars().count() / 3)
            .unwrap_or(0);
        texts.push(t[cut..].to_string());
        texts.push(format!("Renée and José: {t}"));
        texts.push(t);
    }
    assert!(texts.len() > 400);
    let regexes: Vec<&Re> = rubric.regexes().collect();
    assert!(regexes.len() > 200, "{} regexes", regexes.len());
    let checked: usize = regexes
        .par_iter()
        .map(|re| {
            let written = written(re);
            for t in &texts {
                let want = as_written(&written, t);
                assert_eq!(through_hay(re, t), want, "{} on {t}", re.as_str());
                if !want.is_empty() && re.ascii_form_serves(&Haystack::new(t)) {
                    let lower = t.to_ascii_lowercase();
                    for set in re.required() {
                        assert!(
                            set.iter().any(|l| lower.contains(l.as_str())),
                            "{} matches without any of {set:?}",
                            re.as_str()
                        );
                    }
                }
            }
            texts.len()
        })
        .sum();
    assert!(checked > 50_000, "{checked}");
}

/// `build.rs` derived the forms of every regex of the embedded rubric, exactly as
/// [`forms::derive`] does at run time.
#[test]
fn build_rs_derived_every_embedded_regex() {
    let rubric = crate::rubric::default_rubric().unwrap();
    for re in rubric.regexes() {
        let built = super::built::lookup(re.as_str(), re.case_insensitive());
        assert_eq!(
            built,
            Some(forms::derive(re.as_str(), re.case_insensitive())),
            "{}",
            re.as_str()
        );
    }
}

#[test]
fn the_parallel_pass_finds_exactly_the_sequential_hits() {
    let rubric = crate::rubric::default_rubric().expect("default rubric");
    for story in [
        "Situation: our team had a problem at the cafe. Task: nobody had asked me. \
         Action: We escalated it; I pulled the logs and cut it from 14 to 3 minutes. They \
         handled it. Result: it improved a lot and Jose was happy. I learned a lot.\n",
        // Curly quotes: the ASCII forms read the ASCII copy.
        "Situation: our team had a problem at the cafe. Task: nobody had asked me. \
         Action: We escalated it; I pulled the logs and cut it from 14 to 3 minutes. They \
         handled it. Result: it improved a lot and Jose’s team was happy. I learned a lot.\n",
        // Accented words: the patterns as written run.
        "Situation: our team had a problem at the café. Task: nobody had asked me. \
         Action: We escalated it; I pulled the logs and cut it from 14 to 3 minutes. They \
         handled it. Result: it improved a lot and José was happy. I learned a lot.\n",
    ] {
        let text = story.repeat(40);
        let hay = Haystack::new(&text);
        let region = Span::new(0, text.len());
        let one = rubric.matcher().scan_with(&hay, region, false).hits;
        let many = rubric.matcher().scan_with(&hay, region, true).hits;
        assert!(one.len() > 100);
        assert_eq!(one, many);
    }
}

#[test]
fn invalid_regex_reports_the_regex_crate_error() {
    let e = Re::new(r"(unclosed", true, false).unwrap_err();
    assert!(e.to_string().contains("unclosed group"), "{e}");
}

/// A text with accented letters is read in the folded copy by a pattern that treats them
/// as it treats `_`, and with the pattern as written by one that names one of them or
/// whose classes tell them apart.
#[test]
fn accented_texts_take_the_folded_copy_unless_the_pattern_tells_them_apart() {
    let text = "Café staff said José fixed it by 10 %.";
    let hay = Haystack::new(text);
    assert!(!hay.ascii());
    for (p, folded) in [
        (r"\b\w+\b", true),
        (r"\bfixed\b[^.]{0,20}", true),
        (r"caf[ée]", false),
        (r"\d+", true),
    ] {
        let re = Re::new(p, true, false).unwrap();
        assert_eq!(re.ascii_form_serves(&hay), folded, "{p}");
        assert_eq!(
            through_hay(&re, text),
            as_written(&written(&re), text),
            "{p}"
        );
    }
    // \d holds other scripts' digits, which `_` is not: the pattern as written reads it.
    let arabic = "Cut from ٣٠ to 5, said José.";
    let re = Re::new(r"\d+", true, false).unwrap();
    assert!(!re.ascii_form_serves(&Haystack::new(arabic)));
    assert_eq!(through_hay(&re, arabic), as_written(&written(&re), arabic));
}

/// Every non-ASCII character's stand-in is the one its group in the bad-set analysis
/// expects: `char::is_whitespace` agrees with the regex crate's `\s`.
#[test]
fn stand_ins_agree_with_the_regex_classes() {
    let space = regex::Regex::new(r"\s").unwrap();
    let word = regex::Regex::new(r"\w").unwrap();
    for c in [
        '\u{a0}', '\u{2003}', '\u{3000}', '\u{85}', 'é', '’', '“', '—', '£', '€', '¥', '✅',
    ] {
        let s = c.to_string();
        let expect = if word.is_match(&s) {
            '_'
        } else if matches!(c, '‘' | '’') {
            '\''
        } else if matches!(c, '“' | '”') {
            '"'
        } else if space.is_match(&s) {
            '\u{b}'
        } else if matches!(c, '£' | '€') {
            '$'
        } else {
            '\u{1a}'
        };
        assert_eq!(forms::stand_in(c), expect, "{c:?}");
    }
}

/// The literal gates hold on the ASCII copy: `couldn’t` is read there as `couldn't`, but
/// the automaton reads the answer itself, so no required literal may span the apostrophe.
#[test]
fn gates_hold_on_the_ascii_copy() {
    let mut b = super::MatcherBuilder::default();
    for (i, p) in [r"\bcouldn['’]t\s+fix\b", r"\bthe\s+“rota”"]
        .iter()
        .enumerate()
    {
        let tag = u32::try_from(i).unwrap();
        b.regex(Re::new(p, true, false).unwrap(), tag, false);
    }
    let m = b.build().unwrap();
    for text in [
        "I couldn’t fix the “rota” alone.",
        "I couldn't fix the “rota” alone.",
    ] {
        let hay = Haystack::new(text);
        let tags: Vec<u32> = m
            .scan(&hay, Span::new(0, text.len()))
            .hits
            .iter()
            .map(|h| h.tag)
            .collect();
        assert_eq!(tags, [0, 1], "{text}");
    }
}

/// A case-insensitive pattern with a case-sensitive part (a capitalised name) asks for a
/// capital the lowercased copy never holds: it is searched as written, on any text.
#[test]
fn a_scoped_case_sensitive_part_is_searched_as_written() {
    let re = Re::new(r"\bsupporting\s+(?-i:[A-Z][a-z]+)\b", true, false).unwrap();
    for text in [
        "While supporting Maria, I noticed",
        "While SUPPORTING Maria, I noticed",
    ] {
        assert!(!re.ascii_form_serves(&Haystack::new(text)));
        assert_eq!(through_hay(&re, text).len(), 1, "{text}");
    }
    assert!(through_hay(&re, "while supporting maria, I noticed").is_empty());
    // A wholly case-insensitive pattern keeps its ASCII form.
    assert!(forms::derive(r"\bsupporting\s+[a-z]+\b", true)
        .ascii
        .is_some());
}
