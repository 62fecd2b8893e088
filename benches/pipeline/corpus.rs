//! A deterministic corpus of STAR answers for the benches.
//!
//! Benches need thousands of realistic answers and the fixtures hold a few dozen, so this
//! recombines them: every fixture is cut into sections (by its labels, or by paragraph
//! position when it has none) and sentences, and each generated answer draws a domain
//! (the file-name prefix: nursing, retail, software…), a length of 150–600 words, a label
//! style (plain, bold, heading, single letter, bullets, synonyms, timed, unlabelled, hard
//! wrapped) and, per section, sentences mostly from its own domain. A few answers carry
//! accented names and non-breaking spaces so that non-ASCII text is exercised too.
//! Everything is driven by a seeded splitmix64, so a seed always gives the same corpus;
//! nothing is written to disk.

use std::path::Path;

/// One generated answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Stable id (`gen-00042`).
    pub id: String,
    /// The answer's text (no front matter).
    pub text: String,
    /// An LP id.
    pub lp: &'static str,
    /// A level id.
    pub level: &'static str,
}

/// splitmix64: tiny, seedable, and good enough to shuffle sentences.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Sentences of each section (contract order), pooled by domain.
#[derive(Debug, Default)]
pub struct Pool {
    domains: Vec<(String, [Vec<String>; 5])>,
}

/// Label words per section; the first is the plain name.
const LABELS: [&[&str]; 5] = [
    &["Situation", "Context", "Background"],
    &["Task", "Goal", "My role"],
    &["Action", "Actions", "What I did"],
    &["Result", "Results", "Outcome", "Impact"],
    &["Reflection", "Lessons learned", "Looking back"],
];
const LETTERS: [&str; 5] = ["S", "T", "A", "R", "L"];
const TIMES: [u32; 5] = [30, 20, 90, 20, 15];
/// Share of the answer's words per section.
const SHARE: [usize; 5] = [20, 10, 40, 20, 10];
const LPS: &[&str] = &[
    "general",
    "ownership",
    "customer-obsession",
    "dive-deep",
    "deliver-results",
    "think-big",
    "invent-and-simplify",
    "earn-trust",
];
const LEVELS: &[&str] = &["sde1", "sde2", "senior"];
/// Non-ASCII words real answers contain (accents, a non-breaking space).
const ACCENTED: &[&str] = &[
    "José",
    "the café",
    "Zoë",
    "our São Paulo depot",
    "the Malmö site",
    "Renée",
    "a 10\u{a0}% rise",
];

fn section_of_label(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_start_matches(['>', '#', '-', '*', ' ', '\t']);
    let lead = line.len() - t.len();
    let word_len = t
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b' ')
        .count();
    let word = t[..word_len].trim().to_ascii_lowercase();
    let kind = match word.as_str() {
        "situation" | "context" | "background" => 0,
        "task" | "goal" => 1,
        "action" | "actions" => 2,
        "result" | "results" | "outcome" | "impact" => 3,
        "reflection" | "lessons learned" | "lessons" | "looking back" => 4,
        _ => return None,
    };
    let rest = &t[word_len..];
    let rest_trim = rest.trim_start_matches(['*', ' ']);
    let body = if let Some(r) = rest_trim.strip_prefix('(') {
        r.find(')').map(|i| &r[i + 1..])?
    } else {
        rest_trim
    };
    let body = body.trim_start_matches(['*', ' ']);
    if let Some(b) = body.strip_prefix(':') {
        let b = b.trim_start_matches(['*', ' ']);
        return Some((kind, line.len() - b.len()));
    }
    (body.trim().is_empty() && lead + word_len <= line.len()).then_some((kind, line.len()))
}

/// Cut prose into sentences at `.`, `!` or `?` (and a closing quote) before whitespace.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if matches!(q, '"' | '”' | '’' | ')') {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_none_or(|(_, n)| n.is_whitespace()) {
            let s = text[start..end].split_whitespace().collect::<Vec<_>>();
            if s.len() >= 3 {
                out.push(s.join(" "));
            }
            start = end;
        }
    }
    let tail: Vec<_> = text[start..].split_whitespace().collect();
    if tail.len() >= 3 {
        out.push(tail.join(" "));
    }
    out
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(i) = rest.find("\n---\n") {
            return &rest[i + 5..];
        }
    }
    text
}

impl Pool {
    /// Pool the sentences of `(file name, text)` pairs.
    pub fn from_texts<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Pool {
        let mut pool = Pool::default();
        for (name, text) in files {
            let domain = name
                .rsplit('/')
                .next()
                .unwrap_or(name)
                .split(['-', '.'])
                .next()
                .unwrap_or("misc")
                .to_string();
            let i = match pool.domains.iter().position(|(d, _)| *d == domain) {
                Some(i) => i,
                None => {
                    pool.domains.push((domain, Default::default()));
                    pool.domains.len() - 1
                }
            };
            let body = strip_front_matter(text);
            let mut current: Option<usize> = None;
            let mut unlabelled: Vec<String> = Vec::new();
            let mut labelled_any = false;
            for line in body.lines() {
                if let Some((k, body_at)) = section_of_label(line) {
                    labelled_any = true;
                    current = Some(k);
                    pool.domains[i].1[k].extend(sentences(&line[body_at..]));
                } else if let Some(k) = current {
                    pool.domains[i].1[k].extend(sentences(line));
                } else {
                    unlabelled.push(line.to_string());
                }
            }
            if !labelled_any {
                // Unlabelled: paragraphs by position, first to last section.
                let paras: Vec<&str> = body
                    .split("\n\n")
                    .filter(|p| !p.trim().is_empty())
                    .collect();
                for (n, p) in paras.iter().enumerate() {
                    let k = (n * 5 / paras.len().max(1)).min(4);
                    pool.domains[i].1[k].extend(sentences(p));
                }
            }
        }
        pool.domains
            .retain(|(_, s)| s.iter().filter(|v| !v.is_empty()).count() >= 3);
        pool
    }

    /// Pool every `*.md` under `fixtures/{stories,calibration,seeds}` of `root`.
    pub fn from_fixtures(root: &Path) -> std::io::Result<Pool> {
        let mut files = Vec::new();
        for dir in ["stories", "calibration", "seeds"] {
            let mut names: Vec<_> = std::fs::read_dir(root.join("fixtures").join(dir))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect();
            names.sort();
            for p in names {
                files.push((p.display().to_string(), std::fs::read_to_string(&p)?));
            }
        }
        Ok(Pool::from_texts(
            files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        ))
    }

    /// `n` answers from `seed`.
    pub fn generate(&self, n: usize, seed: u64) -> Vec<Answer> {
        let mut rng = Rng::new(seed);
        (0..n).map(|i| self.answer(i, &mut rng)).collect()
    }

    fn sentence(&self, rng: &mut Rng, domain: usize, kind: usize) -> Option<&str> {
        let own = &self.domains.get(domain)?.1[kind];
        let pool = if own.is_empty() || rng.chance(20) {
            let other = rng.below(self.domains.len());
            &self.domains[other].1[kind]
        } else {
            own
        };
        rng.pick(pool).map(String::as_str)
    }

    fn answer(&self, index: usize, rng: &mut Rng) -> Answer {
        let domain = rng.below(self.domains.len());
        let words = 150 + rng.below(451);
        let style = rng.below(11);
        let skip = if rng.chance(12) {
            Some(rng.below(5))
        } else {
            None
        };
        let accent = rng.chance(6);
        let mut text = String::new();
        for kind in 0..5 {
            if skip == Some(kind) {
                continue;
            }
            let want = words * SHARE[kind] / 100;
            let mut body: Vec<String> = Vec::new();
            let mut have = 0;
            while have < want.max(8) && body.len() < 40 {
                let Some(s) = self.sentence(rng, domain, kind) else {
                    break;
                };
                have += s.split_whitespace().count();
                body.push(s.to_string());
            }
            if accent && kind == 2 {
                if let (Some(w), Some(first)) = (rng.pick(ACCENTED), body.first_mut()) {
                    *first = format!("With {w}, {first}");
                }
            }
            if body.is_empty() {
                continue;
            }
            let label = LABELS[kind][if rng.chance(25) {
                rng.below(LABELS[kind].len())
            } else {
                0
            }];
            let prose = body.join(" ");
            let section = match style {
                0 => format!("{label}: {prose}"),
                1 => format!("**{label}:** {prose}"),
                2 => format!("## {label}\n\n{prose}"),
                3 => format!("{}: {prose}", LETTERS[kind]),
                4 => format!("- {label}: {prose}"),
                5 => format!("{label} ({} seconds): {prose}", TIMES[kind]),
                6 => format!("> **{label}:** {prose}"),
                7 if kind == 2 => {
                    let bullets: Vec<String> = body.iter().map(|s| format!("- {s}")).collect();
                    format!("**{label}**\n\n{}", bullets.join("\n"))
                }
                7 => format!("**{label}**\n\n{prose}"),
                8 => wrap(&prose, 78),
                _ => prose,
            };
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&section);
        }
        text.push('\n');
        Answer {
            id: format!("gen-{index:05}"),
            text,
            lp: LPS[rng.below(LPS.len())],
            level: LEVELS[rng.below(LEVELS.len())],
        }
    }
}

/// Hard-wrap prose at `width` columns, as answers pasted from an editor are.
fn wrap(prose: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in prose.split(' ') {
        if col > 0 && col + 1 + w.chars().count() > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.chars().count();
    }
    out
}
