//! Tokens: the words, numbers and punctuation of a sentence, each with its byte span.
//!
//! Clitics are split the way the tagger's training data (Universal Dependencies English)
//! splits them, so "couldn't" is `could` + `n't`, "I'd" is `I` + `'d` and "the ward's"
//! is `ward` + `'s`; both apostrophes (' and ’) are read alike. A number keeps its
//! currency sign, decimal point, thousands commas and a trailing `%` or scale letter
//! ("£45,000", "0.3%", "$8K", "1.4"), because a Result is read by comparing such numbers;
//! a hyphenated measure ("28-bed", "40-minute") is the number and then the word.

use crate::text::Span;

/// What a token is, before tagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Letters, with inner apostrophes or hyphens ("rota", "follow-up").
    Word,
    /// A clitic split from the word before it (`n't`, `'s`, `'d`, `'ll`, `'ve`, `'re`, `'m`).
    Clitic,
    /// Digits, with an optional currency sign, decimals, commas, `%` or scale.
    Number,
    /// Anything else that is not whitespace: punctuation, symbols, emoji.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the answer.
    pub span: Span,
    /// What kind of token it is.
    pub shape: Shape,
    /// The token lowercased, with ’ read as ' (a clitic `n't` stays `n't`).
    pub lower: Box<str>,
}

impl Token {
    /// The first character of the token as written.
    pub fn first_char(&self, text: &str) -> Option<char> {
        self.span.slice(text).chars().next()
    }
}

const CLITICS: [&str; 7] = ["n't", "'s", "'d", "'ll", "'ve", "'re", "'m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_currency(c: char) -> bool {
    matches!(c, '£' | '$' | '€' | '¥' | '₹')
}

/// Lowercase `s`, reading ’ as '.
fn lower(s: &str) -> Box<str> {
    if s.is_ascii() {
        return s.to_ascii_lowercase().into_boxed_str();
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' => '\'',
            // The hyphen and the non-breaking hyphen some editors type: "9‑year‑old".
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .collect::<String>()
        .into_boxed_str()
}

/// Append the tokens of `region` of `text` to `out`.
pub fn tokenize(text: &str, region: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(region.range()) else {
        return;
    };
    let base = region.start as usize;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(slice.len(), |(o, _)| *o);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let digit_next = chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit());
        if c.is_ascii_digit() || (is_currency(c) && digit_next) {
            let j = number_end(&chars, i);
            push(out, text, base + start, base + end_of(j), Shape::Number);
            i = j;
        } else if c.is_alphabetic() {
            let j = word_end(&chars, i);
            let word = &slice[start..end_of(j)];
            split_clitic(out, text, base + start, word);
            i = j;
        } else {
            push(out, text, base + start, base + end_of(i + 1), Shape::Punct);
            i += 1;
        }
    }
}

fn push(out: &mut Vec<Token>, text: &str, start: usize, end: usize, shape: Shape) {
    let span = Span::new(start, end);
    out.push(Token {
        span,
        shape,
        lower: lower(span.slice(text)),
    });
}

/// Where a number starting at `i` ends: digits with inner `,` or `.` before a digit, then
/// an optional `%`, scale letter (k, m, bn), `x`, ordinal or clock suffix.
fn number_end(chars: &[(usize, char)], mut i: usize) -> usize {
    if is_currency(chars[i].1) {
        i += 1;
    }
    while i < chars.len() {
        let c = chars[i].1;
        let digit_after = chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit());
        if c.is_ascii_digit() || ((c == ',' || c == '.') && digit_after) {
            i += 1;
        } else {
            break;
        }
    }
    if chars.get(i).is_some_and(|(_, c)| *c == '%') {
        return i + 1;
    }
    // A unit glued to the number: "8K", "2bn", "3x", "2pm", "1st", "1990s".
    let letters = chars[i..]
        .iter()
        .take_while(|(_, c)| c.is_alphabetic())
        .count();
    if letters > 0 {
        let suffix: String = chars[i..i + letters]
            .iter()
            .map(|(_, c)| c.to_ascii_lowercase())
            .collect();
        if matches!(
            suffix.as_str(),
            "k" | "m" | "bn" | "x" | "am" | "pm" | "st" | "nd" | "rd" | "th" | "s"
        ) {
            return i + letters;
        }
    }
    i
}

/// A hyphen, as typed or as an editor's hyphen or non-breaking hyphen ("kid‑friendly").
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Where a word starting at `i` ends: letters and digits, with inner apostrophes, hyphens
/// and periods of abbreviations ("e.g") joining when a letter follows.
fn word_end(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() {
        let c = chars[i].1;
        let alpha_after = chars.get(i + 1).is_some_and(|(_, d)| d.is_alphanumeric());
        if c.is_alphanumeric() || ((is_apostrophe(c) || is_hyphen(c)) && alpha_after) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Push `word` (starting at byte `start` of `text`), split from a trailing clitic.
fn split_clitic(out: &mut Vec<Token>, text: &str, start: usize, word: &str) {
    let low = lower(word);
    for clitic in CLITICS {
        if low.len() > clitic.len() && low.ends_with(clitic) {
            // Byte length of the clitic as written (’ is three bytes, ' one).
            let written = word
                .char_indices()
                .rev()
                .nth(clitic.chars().count() - 1)
                .map_or(0, |(o, _)| o);
            let head = &word[..written];
            // A clitic needs a real head ("couldn't", "I'll"); "'s" after a lone letter is
            // the plural of a letter ("A's") and stays one word.
            if head.chars().count() < 2 && !head.eq_ignore_ascii_case("i") {
                continue;
            }
            push(out, text, start, start + written, Shape::Word);
            push(
                out,
                text,
                start + written,
                start + word.len(),
                Shape::Clitic,
            );
            return;
        }
    }
    push(out, text, start, start + word.len(), Shape::Word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Shape)> {
        let mut v = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut v);
        v.iter()
            .map(|t| (t.span.slice(s).to_string(), t.shape))
            .collect()
    }

    fn words(s: &str) -> Vec<String> {
        toks(s).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn splits_clitics_both_apostrophes() {
        assert_eq!(words("I couldn't"), ["I", "could", "n't"]);
        assert_eq!(words("I’d have"), ["I", "’d", "have"]);
        assert_eq!(words("the ward's rota"), ["the", "ward", "'s", "rota"]);
        assert_eq!(words("we’ll see"), ["we", "’ll", "see"]);
        assert_eq!(words("I'm sure"), ["I", "'m", "sure"]);
        assert_eq!(words("I'll call"), ["I", "'ll", "call"]);
        assert_eq!(words("A's"), ["A's"]);
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_eq!(
            words("from £45,000 to 0.3% and $8K, 1.4 days, 2pm."),
            ["from", "£45,000", "to", "0.3%", "and", "$8K", ",", "1.4", "days", ",", "2pm", "."]
        );
        assert_eq!(words("a 28-bed ward"), ["a", "28", "-", "bed", "ward"]);
        assert_eq!(toks("3.5")[0].1, Shape::Number);
    }

    #[test]
    fn keeps_hyphenated_words_and_emoji() {
        assert_eq!(
            words("a follow-up — “done” 🎉"),
            ["a", "follow-up", "—", "“", "done", "”", "🎉"]
        );
    }

    #[test]
    fn an_editors_hyphen_joins_a_word_like_a_typed_one() {
        let lows = lowered("a 9\u{2011}year\u{2011}old and kid\u{2010}friendly words");
        assert!(lows.iter().any(|w| w == "kid-friendly"), "{lows:?}");
        assert!(!lows.iter().any(|w| w == "friendly"), "{lows:?}");
    }

    #[test]
    fn lowercases_and_normalises_apostrophes() {
        assert_eq!(lowered("Didn’t"), ["did", "n't"]);
    }

    /// The lowercased tokens of `s`.
    fn lowered(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut v);
        v.iter().map(|t| t.lower.to_string()).collect()
    }
}
