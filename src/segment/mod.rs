//! SEGMENT: find the sections of an answer.
//!
//! Labelled answers are cut at their labels (`Situation:`, `## Task`, `**Action**`, `R:` …,
//! synonyms from the rubric), in whatever order they come. Unlabelled text is split into
//! sentences, each sentence is scored for each section from the rubric's cue phrases, and a
//! small dynamic programme picks the best assignment that follows S→T→A→R→Reflection order,
//! allowing a short headline result first. A section is inferred only from sentences that
//! carry evidence for it, never to fill the order.

mod infer;
pub use infer::{cue_scores, CueScores};

/// Whether each sentence says an earlier one again: word for word, or twice over with no
/// full stop between (an unpunctuated line pasted twice reads as one sentence).
fn said_again(text: &str, sentences: &[Span]) -> Vec<bool> {
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    sentences
        .iter()
        .map(|s| {
            let w = crate::text::wording(s.slice(text));
            let again =
                seen.contains(&w) || crate::text::doubled(&w).is_some_and(|h| seen.contains(h));
            seen.insert(w);
            again
        })
        .collect()
}

mod labels;
mod sentences;

pub use labels::{parse_label, Label};
pub use sentences::{count_words, split_sentences};

use crate::ids::SectionKind;
use crate::matcher::Hit;
use crate::rubric::CompiledRubric;
use crate::text::{LineIndex, Span};

/// One section as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// Label (if any) and body.
    pub span: Span,
    /// Body only.
    pub body: Span,
    /// Introduced by an explicit label.
    pub labelled: bool,
    /// Words in the body.
    pub words: u32,
}

/// An answer, segmented: what every check reads.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The text as read.
    pub text: &'a str,
    /// The answer's body (after front matter).
    pub body: Span,
    /// Every sentence of the body, in order (label text excluded).
    pub sentences: Vec<Span>,
    /// Sections found, in text order.
    pub sections: Vec<Section>,
    /// Double-quoted speech.
    pub quoted: Vec<Span>,
    /// Line starts, for line and column.
    pub lines: LineIndex,
    /// Words in the body, labels excluded.
    pub words: u32,
    /// `sections` do not overlap, so [`Document::section_at`] may search by halves.
    /// Whoever replaces `sections` sets it with [`disjoint`].
    pub(crate) sections_disjoint: bool,
}

/// True when `sections` (in text order) do not overlap.
pub(crate) fn disjoint(sections: &[Section]) -> bool {
    sections
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start)
}

impl Document<'_> {
    /// Sections of one kind.
    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    /// The first section of a kind.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections_of(kind).next()
    }

    /// Index of the sentence holding `offset`, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= offset);
        let i = i.checked_sub(1)?;
        (offset < self.sentences[i].end.max(self.sentences[i].start + 1)).then_some(i)
    }

    /// The section whose span holds `offset` (the first, should sections overlap).
    pub fn section_at(&self, offset: u32) -> Option<&Section> {
        if self.sections_disjoint {
            // Ordered and disjoint: only the last section starting at or before `offset`
            // can hold it. A 20 MB answer has tens of thousands of sections.
            let i = self.sections.partition_point(|s| s.span.start <= offset);
            let s = self.sections.get(i.checked_sub(1)?)?;
            return s.span.contains_offset(offset).then_some(s);
        }
        self.sections
            .iter()
            .find(|s| s.span.contains_offset(offset))
    }

    /// True when `span` lies inside quoted speech.
    pub fn is_quoted(&self, span: Span) -> bool {
        let i = self.quoted.partition_point(|q| q.start <= span.start);
        i > 0 && self.quoted[i - 1].contains(span)
    }
}

/// Segment `body` of `text`: labels, sentences, and section inference from the cues
/// among `hits` (the rubric's matches in `body`, in text order).
pub fn document<'a>(
    text: &'a str,
    body: Span,
    rubric: &CompiledRubric,
    hits: &[Hit],
) -> Document<'a> {
    let lines = LineIndex::new(text);
    // Labels, line by line.
    let mut labels: Vec<Label> = Vec::new();
    let first_line = lines.line_of(body.start);
    for line in first_line..lines.line_count() {
        let ls = lines.line_span(text, line);
        if ls.end <= body.start {
            continue;
        }
        let at_start = parse_label(text, ls, rubric);
        let after = at_start.as_ref().map_or(0, |l| l.span.end);
        labels.extend(
            mid_line_labels(text, ls, rubric)
                .into_iter()
                .filter(|l| l.span.start >= after),
        );
        labels.extend(at_start);
    }
    labels.sort_by_key(|l| l.span.start);
    labels.dedup_by_key(|l| l.span.start);
    // Blocks: the preamble before the first label, then each label's body.
    let mut blocks: Vec<(Option<usize>, Span)> = Vec::new();
    let first = labels.first().map_or(body.end, |l| l.span.start);
    blocks.push((None, Span::new(body.start as usize, first as usize)));
    for (i, l) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(body.end, |n| n.span.start);
        blocks.push((
            Some(i),
            Span::new(l.body_start as usize, end.max(l.body_start) as usize),
        ));
    }
    let mut sentences = Vec::new();
    let mut block_sentences = Vec::with_capacity(blocks.len());
    for (_, span) in &blocks {
        let from = sentences.len();
        split_sentences(text, *span, &mut sentences);
        block_sentences.push(from..sentences.len());
    }
    let mut evidence = infer::cue_scores(text, &sentences, hits);
    let para_start = sentences::paragraph_starts(text, &sentences);
    // A sentence said again is no evidence for any section: repeating one must not move
    // where the sections fall.
    for (e, again) in evidence.iter_mut().zip(said_again(text, &sentences)) {
        if again {
            *e = Default::default();
        }
    }

    let mut sections = Vec::new();
    let labelled_kinds: Vec<SectionKind> = labels
        .iter()
        .flat_map(|l| l.kinds.iter().copied())
        .collect();
    for ((label, span), range) in blocks.iter().zip(block_sentences) {
        match label {
            None => {
                let allowed: Vec<SectionKind> = SectionKind::ALL
                    .iter()
                    .copied()
                    .filter(|k| !labelled_kinds.contains(k))
                    .collect();
                let headline = labels.is_empty();
                for (kind, a, b) in infer::assign(
                    &evidence[range.clone()],
                    &para_start[range.clone()],
                    &allowed,
                    headline,
                    false,
                ) {
                    let sp = Span::new(
                        sentences[range.start + a].start as usize,
                        sentences[range.start + b].end as usize,
                    );
                    sections.push(make(text, kind, sp, sp, false));
                }
            }
            Some(i) => {
                let l = &labels[*i];
                let body_span = span.trim(text);
                let full = Span::new(
                    l.span.start as usize,
                    body_span.end.max(l.span.end) as usize,
                );
                if l.kinds.len() == 1 {
                    sections.push(make(text, l.kinds[0], full, body_span, true));
                    continue;
                }
                // A combined label ("Situation/Task:"): split its sentences between the kinds.
                let runs = infer::assign(&evidence[range.clone()], &[], &l.kinds, false, true);
                if runs.is_empty() {
                    sections.push(make(text, l.kinds[0], full, body_span, true));
                }
                for (n, (kind, a, b)) in runs.iter().enumerate() {
                    let start = if n == 0 {
                        l.span.start as usize
                    } else {
                        sentences[range.start + a].start as usize
                    };
                    let body_start = if n == 0 {
                        body_span.start as usize
                    } else {
                        start
                    };
                    let end = sentences[range.start + b].end as usize;
                    sections.push(make(
                        text,
                        *kind,
                        Span::new(start, end),
                        Span::new(body_start, end),
                        true,
                    ));
                }
            }
        }
    }
    sections.sort_by_key(|s| s.span.start);
    let sections_disjoint = disjoint(&sections);
    let words = sentences.iter().map(|s| count_words(s.slice(text))).sum();
    let quoted = sentences::quoted_spans(text, body);
    Document {
        text,
        body,
        sentences,
        sections,
        quoted,
        lines,
        words,
        sections_disjoint,
    }
}

/// Labels in the middle of a line, after a sentence ends ("… nobody had asked me. Action: I
/// timed …"): a word of two letters or more and a colon, so "Plan A: …" and "Action was
/// needed" are not labels.
fn mid_line_labels(text: &str, line: Span, rubric: &CompiledRubric) -> Vec<Label> {
    let s = line.slice(text);
    let b = s.as_bytes();
    let mut out = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if !matches!(c, b'.' | b'!' | b'?' | b';') {
            continue;
        }
        let mut j = i + 1;
        // Closing quotes or brackets after the sentence's end.
        while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
            j += 1;
        }
        let ws = b[j..]
            .iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .count();
        if ws == 0 {
            continue;
        }
        let start = j + ws;
        // A label is a few words: look no further than 40 characters for its colon (a
        // long line of sentences must not be read again from each sentence's end).
        let word: String = s[start..]
            .chars()
            .take(40)
            .take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '*')
            .collect();
        let word = word.trim_matches('*').trim();
        let colon = s[start..]
            .char_indices()
            .take(word.chars().count() + 5)
            .find(|(_, c)| *c == ':');
        if word.chars().count() < 2 || colon.is_none() {
            continue;
        }
        let at = line.start as usize + start;
        if let Some(label) = parse_label(text, Span::new(at, line.end as usize), rubric) {
            if label.span.slice(text).trim_end().ends_with([':', '*']) {
                out.push(label);
            }
        }
    }
    out
}

fn make(text: &str, kind: SectionKind, span: Span, body: Span, labelled: bool) -> Section {
    Section {
        kind,
        span,
        body,
        labelled,
        words: count_words(body.slice(text)),
    }
}

#[cfg(test)]
mod tests;
