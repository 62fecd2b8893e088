//! Infer sections in unlabelled text with a small dynamic programme over sentences.
//!
//! Each sentence has evidence for each section (the summed weights of the rubric's cues in
//! it). The programme chooses, for every sentence, a section in S→T→A→R→Reflection order,
//! maximising the evidence of each sentence for its own section minus half its evidence for
//! others, less a small cost per switch. Entering a section needs evidence for it in the
//! entering sentence, so no section is invented to fill the order. Before the story, up to
//! three sentences may form a headline result ("lead with the outcome, then trace back";
//! "Here's how that happened" may stand between two of its figures).
//! Sentences with no evidence before any section stay unassigned (a preamble).
//! An answer written in three or more paragraphs is read as its writer broke it: a switch
//! inside a paragraph costs more, and a section may open at a paragraph whose later
//! sentence is clear evidence for it.

use crate::ids::SectionKind;
use crate::matcher::Hit;
use crate::rubric::Owner;
use crate::text::Span;

const SWITCH_COST: f32 = 0.3;
const HEADLINE_COST: f32 = 1.2;
const HEADLINE_MAX: usize = 3;
const OTHER_PENALTY: f32 = 0.5;
const EVIDENCE_CAP: f32 = 5.0;

/// What a switch inside a paragraph costs on top of [`SWITCH_COST`], when the answer is
/// written in paragraphs. A writer who breaks a story into paragraphs has usually broken it
/// where the sections change: "In the first six months the club had 312 attendances"
/// opens the paragraph of figures, and belongs with them although it names no cue.
const MID_PARAGRAPH: f32 = 0.5;

/// The evidence a later sentence of a paragraph must give a section for the section to
/// open at the paragraph's start: a strong cue or a pattern, not one common word ("a
/// month" in a paragraph of scene-setting).
const PARAGRAPH_EVIDENCE: f32 = 1.5;

/// How many paragraphs make paragraphs a signal: an answer of one or two blocks says
/// nothing about where its sections fall.
const MIN_PARAGRAPHS: usize = 3;

/// Cue evidence of one sentence for each section (contract order).
pub type CueScores = [f32; 5];

/// How much the cues after a sentence's strongest one add for the same section. Cues
/// overlap (a strong cue "I pulled" and the pattern "I + past-tense verb" fire on the same
/// words), so summing them would let one busy clause outweigh a clear signal elsewhere in
/// the sentence ("In my first year teaching, I sent home a report …" sets the scene).
const FURTHER_CUES: f32 = 0.3;

/// What a cue inside a sentence's leading time clause counts for. "After I implemented it,
/// we saw a 23% increase in page views" tells a Result; the clause before the comma only
/// says when.
const LEADING_CLAUSE: f32 = 0.5;

/// Words that open a clause saying when (or after what) the main clause happened.
const WHEN_WORDS: &[&str] = &[
    "after",
    "once",
    "when",
    "whenever",
    "before",
    "since",
    "until",
    "following",
];

/// Where a sentence's leading time clause ends (the first comma, when the sentence opens
/// with one of [`WHEN_WORDS`] and the comma comes within 80 bytes), if it has one.
fn leading_clause_end(text: &str, sentence: Span) -> Option<u32> {
    let s = sentence.slice(text);
    let first = s
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())?;
    if !WHEN_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w)) {
        return None;
    }
    let lead = s.len() - s.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    if lead > 4 {
        return None;
    }
    let comma = s.find(',').filter(|&c| c < 80)?;
    Some(sentence.start + comma as u32)
}

/// Evidence per sentence per section: the strongest cue plus a fraction of the others,
/// capped; a cue in a leading time clause counts half. `hits` and `sentences` are in text
/// order.
pub fn cue_scores(text: &str, sentences: &[Span], hits: &[Hit]) -> Vec<CueScores> {
    let leading: Vec<Option<u32>> = sentences
        .iter()
        .map(|s| leading_clause_end(text, *s))
        .collect();
    let mut strongest = vec![[0.0f32; 5]; sentences.len()];
    let mut sum = vec![[0.0f32; 5]; sentences.len()];
    for h in hits {
        if let Owner::Cue(kind, cue) = Owner::of_tag(h.tag) {
            let i = sentences.partition_point(|s| s.start <= h.span.start);
            if i == 0 || h.span.start >= sentences[i - 1].end {
                continue;
            }
            let w = if leading[i - 1].is_some_and(|end| h.span.end <= end) {
                cue.weight() * LEADING_CLAUSE
            } else {
                cue.weight()
            };
            let k = kind.index();
            strongest[i - 1][k] = strongest[i - 1][k].max(w);
            sum[i - 1][k] += w;
        }
    }
    strongest
        .iter()
        .zip(&sum)
        .map(|(m, s)| {
            let mut e = [0.0f32; 5];
            for k in 0..5 {
                e[k] = (m[k] + FURTHER_CUES * (s[k] - m[k])).min(EVIDENCE_CAP);
            }
            e
        })
        .collect()
}

/// Assign sentences to sections. Returns runs `(kind, first, last)` (sentence indices into
/// `ev`, inclusive) in text order. `allowed` restricts the sections; `headline` allows a
/// leading result; `force` (a combined label) makes every allowed section take at least
/// one sentence, evidence or not, when there are enough sentences. `para_start[i]` says
/// sentence `i` opens a paragraph (empty when the text has none): with enough paragraphs a
/// section may open at a paragraph whose evidence for it comes later in the paragraph, and
/// a switch inside a paragraph costs more.
pub fn assign(
    ev: &[CueScores],
    para_start: &[bool],
    allowed: &[SectionKind],
    headline: bool,
    force: bool,
) -> Vec<(SectionKind, usize, usize)> {
    if ev.is_empty() || allowed.is_empty() {
        return Vec::new();
    }
    if force {
        return forced(ev, allowed);
    }
    let paragraphs =
        para_start.len() == ev.len() && para_start.iter().filter(|p| **p).count() >= MIN_PARAGRAPHS;
    // The strongest evidence for each section from a paragraph-opening sentence to the end
    // of its paragraph.
    let mut para_ev = vec![[0.0f32; 5]; if paragraphs { ev.len() } else { 0 }];
    if paragraphs {
        let mut acc = [0.0f32; 5];
        for i in (0..ev.len()).rev() {
            for k in 0..5 {
                acc[k] = acc[k].max(ev[i][k]);
            }
            para_ev[i] = acc;
            if para_start[i] {
                acc = [0.0; 5];
            }
        }
    }
    let opens = |i: usize| paragraphs && para_start[i];
    // States: 0 preamble, 1 headline (result), 2.. the allowed sections in order, and
    // last, when a headline is allowed, a coda: a figure told after the lesson ("What I
    // learned … Over the next month repeat errors fell from 14 to 3") is a Result that
    // leaves the lesson a lesson.
    let reflection = allowed
        .iter()
        .position(|k| *k == SectionKind::Reflection)
        .map(|p| p + 2);
    let coda = (headline && reflection.is_some() && allowed.contains(&SectionKind::Result))
        .then_some(2 + allowed.len());
    let n_states = 2 + allowed.len() + usize::from(coda.is_some());
    let neg = f32::NEG_INFINITY;
    let gain = |i: usize, k: usize| -> f32 {
        let e = ev[i][k];
        let other = ev[i]
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, v)| *v)
            .fold(0.0, f32::max);
        e - OTHER_PENALTY * other
    };
    let result = SectionKind::Result.index();
    let mut best = vec![vec![neg; n_states]; ev.len()];
    let mut back = vec![vec![0usize; n_states]; ev.len()];
    for i in 0..ev.len() {
        for s in 0..n_states {
            // `by_paragraph`: the section may open here on the evidence later in this
            // paragraph, when it follows another section (never out of the preamble, which
            // would let a paragraph of scene-setting become a section on one late cue).
            let (g, enter_ok, by_paragraph) = match s {
                0 => (-0.2, true, false),
                1 => {
                    let ok = headline && i < HEADLINE_MAX && ev[i][result] >= 1.5;
                    (gain(i, result), ok, false)
                }
                _ if Some(s) == coda => (gain(i, result), ev[i][result] >= 1.5, false),
                _ => {
                    let k = allowed[s - 2].index();
                    (
                        gain(i, k),
                        ev[i][k] > 0.0,
                        opens(i) && para_ev[i][k] >= PARAGRAPH_EVIDENCE,
                    )
                }
            };
            if i == 0 {
                if s == 0 || enter_ok {
                    best[0][s] = g - if s == 1 { HEADLINE_COST } else { 0.0 };
                    back[0][s] = s;
                }
                continue;
            }
            // Stay in s, or enter s from an earlier state.
            let mut b = neg;
            let mut from = s;
            if best[i - 1][s] > neg && !(s == 1 && !(headline && i < HEADLINE_MAX)) {
                b = best[i - 1][s];
            }
            if enter_ok || by_paragraph {
                #[allow(clippy::needless_range_loop)] // `p` indexes a row of a 2-D table
                for p in 0..s {
                    if (s == 1 && p != 0) || (Some(s) == coda && Some(p) != reflection) {
                        continue;
                    }
                    if !enter_ok && p < 2 {
                        continue;
                    }
                    let cost = if s == 1 || Some(s) == coda {
                        HEADLINE_COST
                    } else if p == 0 {
                        0.0
                    } else if paragraphs && !para_start[i] && p != 1 {
                        // Leaving a headline is no switch inside a paragraph: the headline is
                        // one to three sentences by design, and the story often goes on
                        // straight after it.
                        SWITCH_COST + MID_PARAGRAPH
                    } else {
                        SWITCH_COST
                    };
                    if best[i - 1][p] > neg && best[i - 1][p] - cost > b {
                        b = best[i - 1][p] - cost;
                        from = p;
                    }
                }
            }
            if b > neg {
                best[i][s] = b + g;
                back[i][s] = from;
            }
        }
    }
    let last = ev.len() - 1;
    let mut s = (0..n_states)
        .max_by(|&a, &b| best[last][a].total_cmp(&best[last][b]))
        .unwrap_or(0);
    let mut states = vec![0; ev.len()];
    for i in (0..ev.len()).rev() {
        states[i] = s;
        s = back[i][s];
    }
    let mut runs: Vec<(SectionKind, usize, usize)> = Vec::new();
    for (i, &st) in states.iter().enumerate() {
        let kind = match st {
            0 => continue,
            1 => SectionKind::Result,
            _ if Some(st) == coda => SectionKind::Result,
            k => allowed[k - 2],
        };
        match runs.last_mut() {
            Some((k, _, end)) if *k == kind && *end + 1 == i && st != 1 => *end = i,
            Some((k, _, end)) if *k == kind && *end + 1 == i && st == 1 && i < HEADLINE_MAX => {
                *end = i
            }
            _ => runs.push((kind, i, i)),
        }
    }
    runs
}

/// Every allowed section takes a contiguous, non-empty run, in order, maximising evidence.
fn forced(ev: &[CueScores], allowed: &[SectionKind]) -> Vec<(SectionKind, usize, usize)> {
    let m = allowed.len().min(ev.len());
    let kinds = &allowed[..m];
    let n = ev.len();
    // dp[i][k]: best total for sentences 0..=i with sentence i in kinds[k].
    let neg = f32::NEG_INFINITY;
    let mut dp = vec![vec![neg; m]; n];
    let mut from_prev = vec![vec![false; m]; n];
    dp[0][0] = ev[0][kinds[0].index()];
    for i in 1..n {
        for k in 0..m {
            let e = ev[i][kinds[k].index()];
            let stay = dp[i - 1][k];
            let enter = if k > 0 { dp[i - 1][k - 1] } else { neg };
            if enter > stay {
                dp[i][k] = enter + e;
                from_prev[i][k] = true;
            } else if stay > neg {
                dp[i][k] = stay + e;
            }
        }
    }
    let mut k = m - 1;
    let mut states = vec![0; n];
    for i in (0..n).rev() {
        states[i] = k;
        if i > 0 && from_prev[i][k] {
            k -= 1;
        }
    }
    let mut runs: Vec<(SectionKind, usize, usize)> = Vec::new();
    for (i, &k) in states.iter().enumerate() {
        match runs.last_mut() {
            Some((kind, _, end)) if *kind == kinds[k] => *end = i,
            _ => runs.push((kinds[k], i, i)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    fn kinds(runs: &[(SectionKind, usize, usize)]) -> Vec<SectionKind> {
        runs.iter().map(|r| r.0).collect()
    }

    #[test]
    fn follows_evidence_in_order() {
        let ev = vec![
            [2.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 2.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 2.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 2.0, 0.0],
        ];
        let runs = assign(&ev, &[], SectionKind::ALL, true, false);
        assert_eq!(kinds(&runs), [Situation, Task, Action, Result]);
        assert_eq!(runs[2], (Action, 2, 3));
    }

    #[test]
    fn headline_result_before_the_story() {
        let ev = vec![
            [0.0, 0.0, 0.0, 4.0, 0.0],
            [2.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 3.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 2.0, 0.0],
        ];
        let runs = assign(&ev, &[], SectionKind::ALL, true, false);
        assert_eq!(kinds(&runs), [Result, Situation, Action, Result]);
    }

    #[test]
    fn a_headline_may_take_three_sentences() {
        // "Refunds went from 12 days to 4. Here's how. Repeat errors fell from 14 to 3."
        let ev = vec![
            [0.0, 0.0, 0.0, 3.6, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 3.6, 0.0],
            [2.8, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 3.0, 0.0, 0.0],
        ];
        let runs = assign(&ev, &[], SectionKind::ALL, true, false);
        assert_eq!(kinds(&runs), [Result, Situation, Action]);
        assert_eq!(runs[0], (Result, 0, 2));
    }

    #[test]
    fn a_figure_after_the_lesson_is_a_coda() {
        // "… What I learned is … Over the next month repeat errors fell from 14 to 3."
        let ev = vec![
            [2.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 3.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 3.0],
            [0.0, 0.0, 0.0, 0.0, 1.0],
            [0.0, 0.0, 0.0, 3.6, 0.0],
        ];
        let runs = assign(&ev, &[], SectionKind::ALL, true, false);
        assert_eq!(kinds(&runs), [Situation, Action, Reflection, Result]);
        assert_eq!(runs[2], (Reflection, 2, 3));
        // Without a lesson before it, the figure is the Result as ever.
        let ev = vec![ev[0], ev[1], ev[4]];
        let runs = assign(&ev, &[], SectionKind::ALL, true, false);
        assert_eq!(kinds(&runs), [Situation, Action, Result]);
    }

    #[test]
    fn no_evidence_no_section() {
        let ev = vec![[0.0; 5], [0.0; 5]];
        assert!(assign(&ev, &[], SectionKind::ALL, true, false).is_empty());
    }

    #[test]
    fn forced_split_covers_both_kinds() {
        let ev = vec![
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0, 0.0],
        ];
        let runs = forced(&ev, &[Situation, Task]);
        assert_eq!(kinds(&runs), [Situation, Task]);
    }
}
