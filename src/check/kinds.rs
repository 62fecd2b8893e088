//! The six check kinds. Each reads its rule's parameters and its own hits; none knows a
//! phrase. Negation and contrast (`unless-before`, `unless-sentence`, `unless-after`) are
//! judged inside the hit's sentence, so "nobody had asked me to" is not "asked me to".

use super::{Ctx, ScopeSpans};
use crate::ids::SectionKind;
use crate::matcher::Hit;
use crate::rubric::{Check, Counting, Owner, Rule, StoryFlag};
use crate::text::Span;

pub(super) fn check(cx: &mut Ctx, rule: &Rule) {
    let on = cx.profile.is_on(rule.id);
    match &rule.check {
        Check::Count { min, .. } if rule.clause.is_some() => actions(cx, rule, min, on),
        Check::Count {
            counting,
            min,
            coordinated,
        } => count(cx, rule, counting, min, coordinated.as_deref(), on),
        Check::Require { counting, when } => require(cx, rule, counting, *when, on),
        Check::Credit(counting) => credit(cx, rule, counting),
        _ if !on => {}
        Check::Match(counting) => matches(cx, rule, counting),
        Check::Story { flag, min } => story(cx, rule, *flag, min),
        Check::Duration => duration(cx, rule),
        Check::Structure => structure(cx, rule),
        Check::Density { min } => density(cx, rule, min),
    }
}

fn in_scope(scope: &ScopeSpans, span: Span) -> bool {
    scope.contains(span)
}

/// The sentence around a hit (or the hit itself when it spans sentences).
fn sentence_of(cx: &Ctx, span: Span) -> Span {
    cx.doc
        .sentence_at(span.start)
        .map(|i| cx.doc.sentences[i])
        .filter(|s| s.contains(span))
        .unwrap_or(span)
}

/// How far before and after a hit the `unless-*` patterns and the sentence-start test
/// look, in bytes. Real sentences are far shorter; a pathological one-sentence paste of
/// megabytes would otherwise be re-read once per hit (quadratic).
const UNLESS_WINDOW: usize = 1024;

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `i`.
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Does this hit count, given quotes, sentence position and the rule's negations?
fn hit_counts(cx: &Ctx, rule: &Rule, c: &Counting, hit: &Hit) -> bool {
    let text = cx.doc.text;
    if c.skip_quoted && cx.doc.is_quoted(hit.span) {
        return false;
    }
    let sentence = sentence_of(cx, hit.span);
    if c.sentence_start {
        // Only the last UNLESS_WINDOW bytes before the hit are read: a 5 MB "sentence" with
        // a hit every few words must not be re-read from its start per hit. A lead longer
        // than the window holds words, so such a hit is not at the start of anything unless
        // the window's tail opens a clause.
        let end = hit.span.start as usize;
        let start = ceil_boundary(
            text,
            (sentence.start as usize).max(end.saturating_sub(UNLESS_WINDOW)),
        );
        let lead = Span::new(start.min(end), end).slice(text);
        let cut = start > sentence.start as usize;
        if (cut || lead.chars().any(char::is_alphanumeric)) && !opens_clause(lead) {
            return false;
        }
    }
    if let Some(cap) = hit.capture() {
        let word = cap.slice(text).to_lowercase();
        if c.exclude_captures.contains(&word) {
            return false;
        }
    }
    let hay = cx.hay;
    if let Some(re) = &c.unless_before {
        let end = hit.span.start as usize;
        let start = ceil_boundary(
            text,
            (sentence.start as usize).max(end.saturating_sub(UNLESS_WINDOW)),
        );
        if re.is_match(hay, Span::new(start.min(end), end)) {
            return false;
        }
    }
    if let Some(re) = &c.unless_after {
        let start = hit.span.end as usize;
        let end = floor_boundary(
            text,
            (sentence.end.max(hit.span.end) as usize).min(start + UNLESS_WINDOW),
        );
        if re.is_match(hay, Span::new(start, end.max(start))) {
            return false;
        }
    }
    if let Some(re) = &c.unless_later {
        let start = hit.span.end as usize;
        let end = floor_boundary(text, (cx.doc.body.end as usize).min(start + UNLESS_WINDOW));
        if re.is_match(hay, Span::new(start, end.max(start))) {
            return false;
        }
    }
    if let Some(re) = &c.unless_sentence {
        let unless = match cx.sentence_memo.get() {
            Some((r, s, v)) if r == rule.id && s == sentence => v,
            _ => {
                let v = re.is_match(hay, sentence);
                cx.sentence_memo.set(Some((rule.id, sentence, v)));
                v
            }
        };
        if unless {
            return false;
        }
    }
    true
}

/// True when `lead` (the sentence text before a hit) ends where a new clause begins: after
/// a coordinating conjunction ("… a Slack message and they handled it") or a semicolon,
/// so "sentence start" rules also see the subject of a second clause.
fn opens_clause(lead: &str) -> bool {
    let t = lead.trim_end();
    if t.ends_with([';', ':', '—', '–']) {
        return true;
    }
    let last = t
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ["and", "so", "then", "but"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
        && t.len() > last.len()
}

/// The most characters of a match a message quotes. Phrases are a few words, but a
/// pattern can match a long stretch, and each finding's message would carry all of it.
const MAX_QUOTED_CHARS: usize = 120;

/// The matched words as a message quotes them: cut at [`MAX_QUOTED_CHARS`] with an ellipsis.
fn quoted_match(m: &str) -> String {
    match m.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((i, _)) => format!("{}…", &m[..i]),
        None => m.to_string(),
    }
}

fn section_of(cx: &Ctx, span: Span) -> Option<SectionKind> {
    cx.doc.section_at(span.start).map(|s| s.kind)
}

/// `match`: each counted hit in scope is a finding; overlapping hits of one rule report once.
fn matches(cx: &mut Ctx, rule: &Rule, counting: &Counting) {
    let scope = cx.scope_spans(rule);
    let hits = std::mem::take(&mut cx.hits.triggers[rule.id]);
    let mut last_end = 0u32;
    let mut first = true;
    for h in &hits {
        if !in_scope(&scope, h.span)
            || (!first && h.span.start < last_end)
            || !hit_counts(cx, rule, counting, h)
        {
            continue;
        }
        first = false;
        last_end = h.span.end;
        // Quoted with its numbers whole ("from about 15%", not "from about 1").
        let (start, end) =
            crate::text::whole(cx.doc.text, h.span.start as usize, h.span.end as usize);
        let m = quoted_match(&cx.doc.text[start..end]);
        let section = section_of(cx, h.span);
        cx.finding(rule, h.span, section, &[("match", m)]);
    }
    cx.hits.triggers[rule.id] = hits;
}

/// `require`: one finding when nothing in scope counts (and the `when` precondition holds);
/// credit for the rule's dimension when something does. Its phrases' hits come from the
/// scan; its patterns are searched on demand, one after another, only until a hit counts.
fn require(cx: &mut Ctx, rule: &Rule, counting: &Counting, when: bool, on: bool) {
    let wants_credit = rule.credit > 0.0 && cx.profile.credits[rule.id];
    if !on && !wants_credit {
        return;
    }
    let scope = cx.scope_spans(rule);
    if when && !cx.hits.when[rule.id].iter().any(|s| in_scope(&scope, *s)) {
        return;
    }
    let placed = |s: Span| {
        in_scope(&scope, s) && !cx.doc.sentence_at(s.start).is_some_and(|i| cx.is_aside(i))
    };
    let counts = |h: &Hit| placed(h.span) && hit_counts(cx, rule, counting, h);
    // The best evidence: a hit in a sentence that belongs to the story, else any hit.
    let belongs = |h: &Hit| {
        cx.doc.sentence_at(h.span.start).is_none_or(|i| {
            cx.cohesive.get(i).copied().unwrap_or(true)
                && !cx.repeats.get(i).copied().unwrap_or(false)
        })
    };
    let mut first: Option<Hit> = None;
    let mut best: Option<Hit> = None;
    for h in cx.hits.triggers[rule.id]
        .iter()
        .copied()
        .filter(|h| counts(h))
        .chain(
            cx.rubric
                .matcher()
                .on_demand(cx.hay, cx.scan, Owner::Trigger(rule.id).tag())
                .filter(|h| counts(h)),
        )
    {
        first.get_or_insert(h);
        if !wants_credit || belongs(&h) {
            best = Some(h);
            break;
        }
    }
    // A delta told across the answer is story evidence, so it comes before a pattern's hit
    // in a sentence that does not belong to the story.
    let found = best
        .or_else(|| baseline_compared(cx, rule, &placed))
        .or(first);
    match found {
        Some(h) => cx.credit(rule, h.span, rule.credit),
        None if on => {
            let span = cx.absent_span(rule, &scope.spans);
            cx.finding(rule, span, rule.section, &[]);
        }
        None => {}
    }
}

/// A `require` rule's `baseline`: a number told there and a different number of the same
/// unit in the scope ("at 74% occupancy" before the Action, "reached 95% occupancy" after
/// it), as a hit on the later one.
fn baseline_compared(cx: &Ctx, rule: &Rule, placed: &dyn Fn(Span) -> bool) -> Option<Hit> {
    use crate::nlp::quantities;
    let before = ScopeSpans::new(cx.parts(rule.baseline.as_ref()?));
    let result = cx.doc.section(SectionKind::Result).map(|r| r.span);
    let mut early = Vec::new();
    let mut late = Vec::new();
    for (i, &s) in cx.doc.sentences.iter().enumerate() {
        // Both numbers from the story: "our depot runs seven days a week" in a tour of the
        // place is no baseline for "within two days".
        let told = cx.cohesive.get(i).copied().unwrap_or(true)
            && !cx.repeats.get(i).copied().unwrap_or(false)
            && !cx.is_aside(i);
        if !told {
            continue;
        }
        if in_scope(&before, s) {
            quantities::in_sentence(cx.doc.text, s, &mut early);
        } else if result.is_some_and(|r| r.contains(s))
            && placed(s)
            && !own_step_in(&cx.story.actions, s)
        {
            // The later number from the Result, and not from a sentence of the candidate's
            // own steps: "the package had four rows" in the Action, or "I found the QA wait
            // averaged 2.5 hours", is what they met or measured, not what changed.
            quantities::in_sentence(cx.doc.text, s, &mut late);
        }
    }
    let (_, span) = quantities::compared(&early, &late)?;
    Some(Hit::new(Owner::Trigger(rule.id).tag(), span))
}

/// Whether one of the story's own actions (in text order) lies in `s`: a binary search,
/// so a Result of many sentences costs no more than reading it.
fn own_step_in(actions: &[crate::story::Action], s: Span) -> bool {
    let at = actions.partition_point(|a| a.span.start < s.start);
    actions.get(at).is_some_and(|a| s.contains(a.span))
}

/// `credit`: each counted hit in scope earns the rule's credit (one per sentence), up to
/// its `credit-max`; never a finding.
fn credit(cx: &mut Ctx, rule: &Rule, counting: &Counting) {
    if !cx.profile.credits[rule.id] {
        return;
    }
    let scope = cx.scope_spans(rule);
    let hits = std::mem::take(&mut cx.hits.triggers[rule.id]);
    // One credit per sentence, and a sentence said twice earns once.
    let mut seen: Vec<String> = Vec::new();
    for h in &hits {
        if !in_scope(&scope, h.span) || !hit_counts(cx, rule, counting, h) {
            continue;
        }
        let sentence = sentence_of(cx, h.span);
        let key = crate::text::wording(sentence.slice(cx.doc.text));
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        cx.credit(rule, h.span, rule.credit);
    }
    cx.hits.triggers[rule.id] = hits;
}

/// `count` with a `clause`: the candidate's own actions the clause accepts (each verb and
/// object once), each earning credit by its detail - a third for each concrete detail
/// after its verb, all of it from three ("I trained staff" a third, "I timed 40 discharges
/// over two weeks" all) - against the level's minimum of actions with a concrete detail.
fn actions(cx: &mut Ctx, rule: &Rule, min: &[f64; 3], on: bool) {
    let Some(filter) = &rule.clause else { return };
    let scope = cx.scope_spans(rule);
    let mut n = 0usize;
    let mut first: Option<Span> = None;
    let picked: Vec<(Span, u8)> = cx
        .story
        .actions
        .iter()
        .filter_map(|a| Some((a, cx.analysis.clauses.get(a.clause)?)))
        .filter(|(_, c)| filter.accepts(c) && in_scope(&scope, c.verb))
        // The story's count of details: a pronoun for people it named counts as one.
        .map(|(a, c)| (c.span, a.details))
        .collect();
    // Eight one-word steps ("Audited the turnaround. Mapped the galley.") are not the
    // detail of three: thin actions earn together at most `thin-credit-max`.
    let mut thin = 0.0;
    for (span, details) in picked {
        let mut points = rule.credit * f64::from(details.min(3)) / 3.0;
        if details <= 1 {
            points = points.min((rule.thin_credit_max - thin).max(0.0));
            thin += points;
        }
        if details > 0 {
            n += 1;
            first.get_or_insert(span);
        }
        cx.credit(rule, span, points);
    }
    short_of(cx, rule, &scope, n, min, on, true);
}

/// After a count: record it as the Action's (the Bar Raiser line and probes read it) when
/// `action` says so, and report a finding when it is under the level's minimum.
fn short_of(
    cx: &mut Ctx,
    rule: &Rule,
    scope: &ScopeSpans,
    n: usize,
    min: &[f64; 3],
    on: bool,
    action: bool,
) {
    if action {
        cx.evidence.i_actions = n;
        cx.evidence.action_sentences = cx
            .doc
            .sentences
            .iter()
            .filter(|s| in_scope(scope, **s))
            .count();
    }
    if !on {
        return;
    }
    let min = min[cx.profile.level as usize];
    if (n as f64) < min {
        let span = cx.absent_span(rule, &scope.spans);
        cx.finding(
            rule,
            span,
            rule.section,
            &[("count", n.to_string()), ("min", format!("{min}"))],
        );
    }
}

/// `story`: too much of the answer is hypotheticals, habits or beliefs rather than what
/// the candidate did; or (`not-an-answer`) there is no event at all.
fn story(cx: &mut Ctx, rule: &Rule, flag: StoryFlag, min: &[f64; 3]) {
    let st = cx.story;
    let min = min[cx.profile.level as usize];
    let actions = st.actions.len();
    let (fires, span) = match flag {
        StoryFlag::NotAnAnswer => (
            // Words that tell the story: filler or a tour before it does not make a
            // one-line fragment an answer.
            !st.is_an_answer(cx.rubric.min_words)
                || crate::story::told_words(
                    cx.doc.text,
                    cx.analysis,
                    st,
                    (&cx.asides, &cx.views),
                    cx.rubric.min_words,
                ) < cx.rubric.min_words,
            cx.doc.body.trim(cx.doc.text),
        ),
        StoryFlag::Hypothetical => (
            st.hypothetical.len() as f64 >= min && st.hypothetical.len() > actions,
            st.hypothetical.first().copied().unwrap_or(cx.doc.body),
        ),
        StoryFlag::Habitual => (
            st.habitual.len() as f64 >= min && st.habitual.len() > actions,
            st.habitual.first().copied().unwrap_or(cx.doc.body),
        ),
        // What happened counts where it belongs to the story: past events appended to a
        // philosophy ("It was not my team … The error rate went from 30% to 5%") do not
        // outweigh it.
        StoryFlag::Beliefs => (
            st.present.len() as f64 >= min
                && st.present.len()
                    > 2 * st
                        .past_clauses
                        .iter()
                        .filter(|&&i| cx.cohesive.get(i as usize).copied().unwrap_or(true))
                        .count(),
            st.present.first().copied().unwrap_or(cx.doc.body),
        ),
    };
    if fires {
        cx.finding(rule, span, None, &[]);
    }
}

/// `count`: sentences in scope with a counted hit - or, when the rule has a `coordinated`
/// regex, actions: each counted hit plus the coordinated actions after it in its sentence
/// (up to the next counted hit) - against the level's minimum.
fn count(
    cx: &mut Ctx,
    rule: &Rule,
    counting: &Counting,
    min: &[f64; 3],
    coordinated: Option<&crate::matcher::Re>,
    on: bool,
) {
    let scope = cx.scope_spans(rule);
    let text = cx.doc.text;
    let counted: Vec<(Span, Option<usize>)> = cx.hits.triggers[rule.id]
        .iter()
        .filter(|h| in_scope(&scope, h.span) && hit_counts(cx, rule, counting, h))
        .map(|h| (h.span, cx.doc.sentence_at(h.span.start)))
        .collect();
    let n = match coordinated {
        None => {
            let mut sentences: Vec<usize> = counted.iter().filter_map(|(_, s)| *s).collect();
            sentences.dedup();
            sentences.len()
        }
        Some(re) => {
            let hay = cx.hay;
            let mut n = 0;
            let mut last_start = None;
            for (i, (span, sentence)) in counted.iter().enumerate() {
                if last_start == Some(span.start) {
                    continue;
                }
                last_start = Some(span.start);
                n += 1;
                let Some(si) = sentence else { continue };
                let sentence_end = cx.doc.sentences[*si].end;
                let next = counted[i + 1..]
                    .iter()
                    .find(|(s, _)| s.start > span.start)
                    .map_or(sentence_end, |(s, _)| s.start.min(sentence_end));
                let tail = Span::new(span.end as usize, next.max(span.end) as usize);
                n += re
                    .captures_iter(hay, tail)
                    .filter(|g| {
                        g.first.is_none_or(|w| {
                            let w = w.slice(text).to_lowercase();
                            !counting.exclude_captures.contains(&w)
                        })
                    })
                    .count();
            }
            n
        }
    };
    let action = rule.section == Some(SectionKind::Action);
    short_of(cx, rule, &scope, n, min, on, action);
}

fn seconds(words: u32, wpm: f64) -> f64 {
    f64::from(words) * 60.0 / wpm
}

/// `duration`: a section (each one in scope) or the whole answer, well over its time.
fn duration(cx: &mut Ctx, rule: &Rule) {
    let wpm = cx.rubric.wpm;
    let factor = cx.rubric.over_factor;
    match &rule.scope {
        scope if !scope.answer => {
            let kinds = &scope.sections;
            let found: Vec<_> = cx
                .doc
                .sections
                .iter()
                .filter(|s| kinds.contains(&s.kind))
                .cloned()
                .collect();
            for s in found {
                let target = cx.rubric.section(s.kind).target_seconds;
                let secs = seconds(s.words, wpm);
                if secs > target * factor {
                    cx.finding(
                        rule,
                        s.body,
                        Some(s.kind),
                        &[
                            ("seconds", format!("{secs:.0}")),
                            ("target", format!("{target:.0}")),
                        ],
                    );
                }
            }
        }
        _ => {
            let [low, high] = cx.rubric.level(cx.profile.level).answer_seconds;
            let secs = seconds(cx.doc.words, wpm);
            let (bound, which) = if secs > high * factor {
                (high, "long")
            } else if secs < low / 2.0 {
                (low, "short")
            } else {
                return;
            };
            let _ = bound;
            let target = if (low - high).abs() < f64::EPSILON {
                format!("{high:.0}")
            } else {
                format!("{low:.0}–{high:.0}")
            };
            cx.finding(
                rule,
                cx.doc.body,
                None,
                &[
                    ("seconds", format!("{secs:.0}")),
                    ("target", target),
                    ("which", which.to_string()),
                ],
            );
        }
    }
}

/// `structure`: each section in scope that cannot be found.
fn structure(cx: &mut Ctx, rule: &Rule) {
    let kinds = if rule.scope.answer || rule.scope.sections.is_empty() {
        SectionKind::ALL.to_vec()
    } else {
        rule.scope.sections.clone()
    };
    for k in kinds {
        // A label with nothing under it ("Action:" and then the Result) is as missing as
        // no label: there is nothing for the Bar Raiser to score.
        if cx.doc.section(k).is_none_or(|s| s.words == 0) {
            let span = Span::empty(cx.doc.body.start as usize);
            cx.finding(rule, span, Some(k), &[("missing", k.human().to_string())]);
        }
    }
}

/// `density`: too many matches before the first `before` match in scope.
fn density(cx: &mut Ctx, rule: &Rule, min: &[f64; 3]) {
    let scope = cx.scope_spans(rule);
    let stop = cx.hits.before[rule.id]
        .iter()
        .filter(|s| in_scope(&scope, **s))
        .map(|s| s.start)
        .min()
        .unwrap_or(u32::MAX);
    let mut n = 0usize;
    let mut last_end = 0;
    for h in &cx.hits.triggers[rule.id] {
        if in_scope(&scope, h.span) && h.span.start < stop && h.span.start >= last_end {
            n += 1;
            last_end = h.span.end;
        }
    }
    let min = min[cx.profile.level as usize];
    if n as f64 >= min {
        let span = cx.absent_span(rule, &scope.spans);
        cx.finding(rule, span, rule.section, &[("count", n.to_string())]);
    }
}
