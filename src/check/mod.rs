//! CHECK: apply every active rule to a segmented answer and its hits.
//!
//! Rules are data; this module holds the six check kinds (`match`, `require`, `count`,
//! `duration`, `structure`, `density`). Every finding is built by one constructor
//! ([`Ctx::finding`]) so every finding has a span, a section and filled-in prose.
//! Suppression comments are applied afterwards ([`suppress`]), as ruff applies `noqa`.

mod kinds;
pub mod suppress;

use crate::ids::{Level, Lp, SectionKind};
use crate::matcher::{Haystack, Hit, Scan};
use crate::nlp::Analysis;
use crate::report::Severity;
use crate::rubric::{CompiledRubric, Owner, Rule, RuleId};
use crate::segment::Document;
use crate::story::Story;
use crate::text::Span;

/// The rules that are on for one answer, with their severities after LP overrides.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The LP.
    pub lp: Lp,
    /// The level.
    pub level: Level,
    /// The candidate's field: which wording the findings' help uses.
    pub field: crate::field::Field,
    /// The level as people read it: "SDE2" when a level was given, "mid-level" when the
    /// default applies (contract: "SDE2" only when the user said it).
    pub level_name: &'static str,
    /// Severity per rule; `None` when the rule is off.
    pub active: Vec<Option<Severity>>,
    /// Rules that may earn credit: those applying at this level and LP. Turning a rule off
    /// (`--ignore`, config, a severity of `off`) silences its findings and their penalties,
    /// not the evidence for the answer it finds, so ignoring a rule never lowers a score.
    pub credits: Vec<bool>,
}

impl Profile {
    /// Which rules are on for `lp` and `level`, given the run's selection (`selected[id]`).
    pub fn new(rubric: &CompiledRubric, lp: Lp, level: Level, selected: &[bool]) -> Profile {
        let lp_profile = rubric.lp(lp);
        let level_profile = rubric.level(level);
        let credits = rubric.rules.iter().map(|r| r.applies(level, lp)).collect();
        let active = rubric
            .rules
            .iter()
            .map(|r| {
                // Whether a text is an answer at all is not a rule anyone turns off.
                if r.is_not_an_answer() {
                    return Some(r.severity);
                }
                if !selected.get(r.id).copied().unwrap_or(true)
                    || !r.applies(level, lp)
                    || level_profile.off.contains(&r.id)
                {
                    return None;
                }
                // An LP's override wins over the level's, which wins over the rule's own.
                let over = |list: &[(RuleId, Option<Severity>)]| {
                    list.iter().find(|(id, _)| *id == r.id).map(|(_, s)| *s)
                };
                over(&lp_profile.severity)
                    .or_else(|| over(&level_profile.severity))
                    .unwrap_or(Some(r.severity))
            })
            .collect();
        Profile {
            lp,
            level,
            field: crate::field::Field::GENERAL,
            level_name: level.plain(),
            active,
            credits,
        }
    }

    /// Is this rule on?
    pub fn is_on(&self, id: RuleId) -> bool {
        self.active.get(id).copied().flatten().is_some()
    }
}

/// A finding before line and column are known.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    /// The rule.
    pub rule: RuleId,
    /// Severity after overrides.
    pub severity: Severity,
    /// The section concerned.
    pub section: Option<SectionKind>,
    /// Where.
    pub span: Span,
    /// Filled-in message.
    pub message: String,
    /// Help.
    pub help: String,
    /// The rule's short summary, filled in ("'We' leads the Action"): the note its
    /// evidence carries in the judgement.
    pub note: String,
    /// The finding costs its rule's penalty (an answer that is too short is told so, but
    /// its cost is the content it lacks: padding it out must not raise its score).
    pub costs: bool,
}

/// Credit a rule earned: evidence for its dimension, where the answer earned it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCredit {
    /// The rule.
    pub rule: RuleId,
    /// The words that earned it.
    pub span: Span,
    /// How much.
    pub points: f64,
    /// Earned in a sentence that shares nothing with the story (see `cohesive`).
    pub unrelated: bool,
    /// Unrelated and told after the story's last sentence that belongs to it: appended.
    pub appended: bool,
}

/// What the checks concluded about one answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    /// Findings, in text order.
    pub findings: Vec<RawFinding>,
    /// Credit earned, in text order.
    pub credits: Vec<RawCredit>,
    /// Counts the Bar Raiser line and the probes read.
    pub counts: ActionCounts,
}

/// Counts the summary and probes need besides findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionCounts {
    /// First-person action sentences in the Action.
    pub i_actions: usize,
    /// Sentences in the Action.
    pub action_sentences: usize,
}

/// The scan's hits grouped by rule, so each check reads only its own. The scan gives its
/// hits up: once the sections are found, the cue hits are spent, and a long answer's hits
/// are, after its text, the largest thing it keeps (freed before its clauses are read).
pub fn group(scan: &mut Scan, rubric: &CompiledRubric) -> RuleHits {
    let n = rubric.rules.len();
    let mut grouped = RuleHits {
        triggers: vec![Vec::new(); n],
        when: vec![Vec::new(); n],
        before: vec![Vec::new(); n],
    };
    for h in std::mem::take(&mut scan.hits) {
        match Owner::of_tag(h.tag) {
            Owner::Trigger(r) => grouped.triggers[r].push(h),
            Owner::When(r) => grouped.when[r].push(h.span),
            Owner::Before(r) => grouped.before[r].push(h.span),
            Owner::Cue(..) => {}
        }
    }
    grouped
}

/// Hits grouped by rule, so each check reads only its own.
pub struct RuleHits {
    pub triggers: Vec<Vec<Hit>>,
    pub when: Vec<Vec<Span>>,
    pub before: Vec<Vec<Span>>,
}

pub(crate) struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    /// The answer read word by word.
    pub analysis: &'a Analysis,
    /// Its story: the candidate's actions, hypotheticals, habits.
    pub story: &'a Story,
    /// Credit earned so far.
    pub credits: Vec<RawCredit>,
    /// Sentences that repeat an earlier one word for word: they earn nothing again.
    pub repeats: Vec<bool>,
    /// Sentences that share a concrete noun with the rest of the answer; credit found in
    /// one that does not counts `unrelated_credit` of itself.
    pub cohesive: Vec<bool>,
    /// Setting before the story that shares nothing with it (see [`crate::story::asides`]):
    /// it earns nothing and meets no requirement.
    pub asides: Vec<bool>,
    /// Sentences that only give a view (see [`crate::story::views`]).
    pub views: Vec<bool>,
    /// The story's last sentence that belongs to it, told for the first time.
    pub story_end: Option<usize>,
    /// The text the rubric's regexes read (`unless-*`, `coordinated`, on-demand triggers).
    pub hay: &'a Haystack<'a>,
    /// The scan of the answer (for the on-demand triggers of `require` rules).
    pub scan: &'a Scan,
    pub rubric: &'a CompiledRubric,
    pub profile: &'a Profile,
    pub hits: RuleHits,
    pub out: Vec<RawFinding>,
    /// Findings made per rule, kept or not (`max_findings` are kept).
    pub made: Vec<usize>,
    /// The last `unless-sentence` verdict, by rule and sentence: hits come in text order,
    /// so a sentence with many hits (a 5 MB line is one sentence) is judged once.
    pub sentence_memo: std::cell::Cell<Option<(RuleId, Span, bool)>>,
    pub evidence: ActionCounts,
}

/// The spans a rule looks in, in scope order, with a sorted copy for containment tests.
pub(crate) struct ScopeSpans {
    /// In the order the scope lists them (the first non-empty one is where an absence
    /// points).
    pub spans: Vec<Span>,
    sorted: Vec<Span>,
    disjoint: bool,
}

impl ScopeSpans {
    pub(crate) fn new(spans: Vec<Span>) -> ScopeSpans {
        let mut sorted = spans.clone();
        sorted.sort_unstable();
        let disjoint = sorted.windows(2).all(|w| w[0].end <= w[1].start);
        ScopeSpans {
            spans,
            sorted,
            disjoint,
        }
    }

    /// Does one of the spans hold all of `span`?
    pub fn contains(&self, span: Span) -> bool {
        if self.disjoint {
            // Sorted and disjoint: if any span holds it, the last one starting at or
            // before it does (an empty span at a shared edge is held by both).
            let i = self.sorted.partition_point(|s| s.start <= span.start);
            return i > 0 && self.sorted[i - 1].contains(span);
        }
        self.sorted.iter().any(|s| s.contains(span))
    }
}

impl Ctx<'_> {
    /// Is sentence `i` setting told for its own sake?
    pub fn is_aside(&self, i: usize) -> bool {
        self.asides.get(i).copied().unwrap_or(false)
    }

    /// Record credit `rule` earned at `span`, up to the rule's `credit-max` in all.
    pub fn credit(&mut self, rule: &Rule, span: Span, points: f64) {
        if points <= 0.0 || !self.profile.credits.get(rule.id).copied().unwrap_or(false) {
            return;
        }
        let sentence = self.doc.sentence_at(span.start);
        if sentence
            .is_some_and(|i| self.repeats.get(i).copied().unwrap_or(false) || self.is_aside(i))
        {
            return;
        }
        let unrelated = sentence.is_some_and(|i| !self.cohesive.get(i).copied().unwrap_or(true));
        // A lesson is told after the story by nature, often in words of its own: only what
        // an appended sentence claims happened is held out of the verdict.
        let appended = unrelated
            && rule.dimension != crate::ids::DimensionId::Reflection
            && sentence.zip(self.story_end).is_some_and(|(i, end)| i > end);
        let points = if unrelated {
            points
                * rule
                    .unrelated_credit
                    .unwrap_or(self.rubric.unrelated_credit)
        } else {
            points
        };
        let so_far: f64 = self
            .credits
            .iter()
            .filter(|c| c.rule == rule.id)
            .map(|c| c.points)
            .sum();
        let points = points.min(rule.credit_max - so_far);
        if points > 0.0 {
            self.credits.push(RawCredit {
                rule: rule.id,
                span,
                points,
                unrelated,
                appended,
            });
        }
    }

    /// The spans a rule looks in: the union of its scope's parts.
    pub fn scope_spans(&self, rule: &Rule) -> ScopeSpans {
        ScopeSpans::new(self.scope_parts(rule))
    }

    fn scope_parts(&self, rule: &Rule) -> Vec<Span> {
        self.parts(&rule.scope)
    }

    /// The spans of `scope` in this answer.
    pub fn parts(&self, scope: &crate::rubric::Scope) -> Vec<Span> {
        let doc = self.doc;
        if scope.answer {
            return vec![doc.body];
        }
        let mut out: Vec<Span> = doc
            .sections
            .iter()
            .filter(|s| scope.sections.contains(&s.kind))
            .map(|s| s.body)
            .collect();
        if scope.after_first_action {
            let start = self
                .story
                .actions
                .first()
                .map_or(doc.body.end, |a| a.span.start);
            // A labelled Situation or Task before the Action is scene-setting by the
            // candidate's own word, even when a step is told in it ("Head office asked me
            // to find out …"). One after the Action is a slip for "Result", and with no
            // Action found (a "Situation/Task:" label over the whole story) nothing is left
            // out.
            let action = doc.section(SectionKind::Action).map_or(0, |a| a.span.start);
            let mut from = start;
            for s in doc.sections.iter().filter(|s| {
                s.labelled
                    && matches!(s.kind, SectionKind::Situation | SectionKind::Task)
                    && s.span.end > start
                    && s.span.end <= action
            }) {
                if s.span.start > from {
                    out.push(Span::new(from as usize, s.span.start as usize));
                }
                from = from.max(s.span.end);
            }
            if from < doc.body.end {
                out.push(Span::new(from as usize, doc.body.end as usize));
            }
        }
        if scope.before_action {
            if let Some(a) = doc.section(SectionKind::Action) {
                out.push(Span::new(doc.body.start as usize, a.span.start as usize));
                // An unlabelled answer that opens on its first step still opens by saying
                // whose the work was ("… I stepped up to run the shift even though I wasn't
                // a supervisor"): the opening sentence counts as before the Action.
                let opens_on_action = doc
                    .sections
                    .first()
                    .is_some_and(|s| s.kind == SectionKind::Action && !s.labelled);
                if opens_on_action {
                    out.extend(doc.sentences.first().copied());
                }
            } else {
                let before: Vec<Span> = doc
                    .sections
                    .iter()
                    .filter(|s| matches!(s.kind, SectionKind::Situation | SectionKind::Task))
                    .map(|s| s.body)
                    .collect();
                if before.is_empty() {
                    // No Action and no Situation or Task: the opening is whatever comes
                    // before the first section found, or the whole answer.
                    let end = doc.sections.first().map_or(doc.body.end, |s| s.span.start);
                    out.push(Span::new(doc.body.start as usize, end as usize));
                } else {
                    out.extend(before);
                }
            }
        }
        out
    }

    /// Where a finding about something absent points: the rule's section, else its scope,
    /// else an empty span at the start of the answer (contract).
    pub fn absent_span(&self, rule: &Rule, scope: &[Span]) -> Span {
        if let Some(s) = rule.section.and_then(|k| self.doc.section(k)) {
            return s.body;
        }
        scope
            .iter()
            .find(|s| !s.is_empty())
            .copied()
            .unwrap_or(Span::empty(self.doc.body.start as usize))
    }

    /// The one constructor every finding goes through.
    pub fn finding(
        &mut self,
        rule: &Rule,
        span: Span,
        section: Option<SectionKind>,
        vars: &[(&str, String)],
    ) {
        let Some(severity) = self.profile.active.get(rule.id).copied().flatten() else {
            return;
        };
        // Past the cap only the count matters (`cap_per_rule` says how many more).
        let made = &mut self.made[rule.id];
        *made += 1;
        if *made > rule.max_findings {
            return;
        }
        let section = section.or(rule.section);
        let mut message = rule.message.clone();
        // The field's wording, unless the rule's own names what this finding is about
        // ("Add the missing {missing}") and the field's does not.
        let mut help = crate::rubric::wording::Wording::get()
            .rule(&rule.name, self.profile.field)
            .and_then(|w| w.help.clone())
            .filter(|h| h.contains('{') || !rule.help.contains('{'))
            .unwrap_or_else(|| rule.help.clone());
        let mut note = if rule.summary.is_empty() {
            rule.message.clone()
        } else {
            rule.summary.clone()
        };
        let lp = self.profile.lp.human().to_string();
        let level = self.profile.level_name.to_string();
        let section_name = section.map_or_else(|| "answer".to_string(), |s| s.human().to_string());
        // The note also names what barraiser.rs counts over all findings, for this one.
        let matched: String = span.slice(self.doc.text).trim().chars().take(60).collect();
        let defaults = [
            ("lp", lp),
            ("level", level),
            ("section", section_name),
            ("match", matched),
            ("extent", "in".to_string()),
            ("count", "1".to_string()),
            (
                "i_actions",
                crate::barraiser::number_word(self.evidence.i_actions),
            ),
        ];
        for (k, v) in vars
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(defaults.iter().map(|(k, v)| (*k, v.as_str())))
        {
            let key = format!("{{{k}}}");
            if message.contains(&key) {
                message = message.replace(&key, v);
            }
            if help.contains(&key) {
                help = help.replace(&key, v);
            }
            if note.contains(&key) {
                note = note.replace(&key, v);
            }
        }
        let costs = !vars.iter().any(|(k, v)| *k == "which" && v == "short");
        self.out.push(RawFinding {
            rule: rule.id,
            severity,
            section,
            span,
            message,
            help,
            note,
            costs,
        });
    }
}

/// Run every active rule. Findings come back in text order, at most `max_findings` per
/// rule plus one finding that says how many more there were; credit comes back with them.
pub fn run(
    doc: &Document,
    reading: (&Analysis, &Story),
    hay: &Haystack,
    (scan, mut grouped): (&Scan, RuleHits),
    rubric: &CompiledRubric,
    profile: &Profile,
) -> Checked {
    let (analysis, story) = reading;
    // A rule's token pattern adds the clauses it accepts to its hits (a `count` rule reads
    // the story's actions instead). A finding points at the clause's written subject and
    // verb ("we rebuilt"; "… and ran it" is the same group again); credit at the clause.
    for rule in &rubric.rules {
        let Some(filter) = &rule.clause else { continue };
        if matches!(rule.check, crate::rubric::Check::Count { .. }) {
            continue;
        }
        let finds = matches!(rule.check, crate::rubric::Check::Match(_));
        let hits = &mut grouped.triggers[rule.id];
        let before = hits.len();
        hits.extend(
            analysis
                .clauses
                .iter()
                .filter(|c| filter.accepts(c) && (!finds || c.written_subject))
                .map(|c| {
                    let span = if finds {
                        Span::new(c.span.start as usize, c.verb.end as usize)
                    } else {
                        c.span
                    };
                    Hit::new(Owner::Trigger(rule.id).tag(), span)
                }),
        );
        if hits.len() > before {
            hits.sort_by_key(|h| (h.span.start, h.span.end));
        }
    }
    // A sentence said before word for word, or a line that says one twice over ("- I
    // moved the round - I moved the round", where no full stop splits them), earns nothing
    // again.
    let mut seen = rustc_hash::FxHashSet::default();
    let repeats: Vec<bool> = doc
        .sentences
        .iter()
        .map(|s| {
            let w = crate::text::wording(s.slice(doc.text));
            let doubled = crate::text::doubled(&w).is_some_and(|h| seen.contains(h));
            !seen.insert(w) || doubled
        })
        .collect();
    let happened = crate::story::happened_before(analysis, story);
    let views = crate::story::views(doc.text, analysis, &rubric.lexicon);
    let cohesive = crate::story::cohesion(doc.text, analysis, story, (&happened, &views));
    let asides = crate::story::asides(doc.text, analysis, story, &cohesive, &happened);
    let story_end = (0..cohesive.len())
        .rev()
        .find(|&i| cohesive[i] && !repeats[i]);
    let mut cx = Ctx {
        doc,
        analysis,
        story,
        credits: Vec::new(),
        repeats,
        cohesive,
        asides,
        views,
        story_end,
        hay,
        scan,
        rubric,
        profile,
        hits: grouped,
        out: Vec::new(),
        made: vec![0; rubric.rules.len()],
        sentence_memo: std::cell::Cell::new(None),
        evidence: ActionCounts::default(),
    };
    for rule in &rubric.rules {
        kinds::check(&mut cx, rule);
    }
    let mut out = cx.out;
    cap_per_rule(&mut out, &cx.made, rubric);
    out.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    // A sentence that routes the problem to someone else ("I sent their on-call a message
    // and they handled it") is not an action of one's own, however it is phrased.
    let void: Vec<usize> = out
        .iter()
        .filter(|f| rubric.rules[f.rule].voids_credit)
        .filter_map(|f| doc.sentence_at(f.span.start))
        .collect();
    let mut credits = cx.credits;
    credits.retain(|c| {
        rubric.rules[c.rule].dimension != crate::ids::DimensionId::Action
            || doc
                .sentence_at(c.span.start)
                .is_none_or(|i| !void.contains(&i))
    });
    credits.sort_by_key(|c| (c.span.start, c.span.end, c.rule));
    Checked {
        findings: out,
        credits,
        counts: cx.evidence,
    }
}

/// After the kept findings (the first `max_findings` of each rule, in the order made),
/// one finding per capped rule saying how many more there were, at the end of its last
/// kept one.
fn cap_per_rule(out: &mut Vec<RawFinding>, made: &[usize], rubric: &CompiledRubric) {
    let mut last_kept: Vec<Option<usize>> = vec![None; rubric.rules.len()];
    for (i, f) in out.iter().enumerate() {
        last_kept[f.rule] = Some(i);
    }
    for (rule, &n) in made.iter().enumerate() {
        let more = n.saturating_sub(rubric.rules[rule].max_findings);
        if more == 0 {
            continue;
        }
        if let Some(i) = last_kept[rule] {
            let last = out[i].clone();
            out.push(RawFinding {
                message: format!("{more} more like this not shown"),
                span: Span::empty(last.span.end as usize),
                ..last
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ScopeSpans;
    use crate::text::Span;
    use proptest::prelude::*;

    proptest! {
        /// Searching by halves answers as a linear scan does, overlapping spans or not.
        #[test]
        fn scope_contains_as_a_linear_scan(
            parts in prop::collection::vec((0usize..60, 0usize..12), 0..8),
            probes in prop::collection::vec((0usize..70, 0usize..8), 1..20),
        ) {
            let spans: Vec<Span> = parts.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            let scope = ScopeSpans::new(spans.clone());
            for (s, l) in probes {
                let probe = Span::new(s, s + l);
                prop_assert_eq!(scope.contains(probe), spans.iter().any(|x| x.contains(probe)));
            }
        }
    }
}
