//! The rubric once checked and compiled: what the pipeline reads, shared read-only by
//! every worker thread. Nothing here parses or validates; see [`super::compile`].

use super::kinds::{Check, Kind};
use super::model::{Bands, Points};
use crate::ids::{Level, Lp, SectionKind, Verdict};
use crate::matcher::{Matcher, Re, Tag};
use crate::report::Severity;
use rustc_hash::FxHashMap as HashMap;

/// Index of a rule in [`CompiledRubric::rules`].
pub type RuleId = usize;

/// Where a rule looks: the union of its parts. `answer` alone means the whole answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The body of every section of these kinds.
    pub sections: Vec<SectionKind>,
    /// Everything before the Action (the Situation and Task, or an unlabelled opening).
    pub before_action: bool,
    /// Everything from the candidate's first own action on, wherever the labels are (what
    /// follows what they did: the outcome, however the answer is laid out).
    pub after_first_action: bool,
    /// The whole answer.
    pub answer: bool,
}

impl Scope {
    /// The whole answer.
    pub fn answer() -> Scope {
        Scope {
            answer: true,
            ..Scope::default()
        }
    }
}

/// What a Bar Raiser rates (the contract's dimensions); an LP profile weights each one.
pub use crate::ids::DimensionId as Dimension;

/// One compiled rule: its check, parameters and prose.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Index in the rubric.
    pub id: RuleId,
    /// Short code (`A001`).
    pub code: String,
    /// Stable kebab-case name.
    pub name: String,
    /// Check kind.
    pub kind: Kind,
    /// The kind's parameters.
    pub check: Check,
    /// The section it is about; `None` for the whole answer.
    pub section: Option<SectionKind>,
    /// Where it looks.
    pub scope: Scope,
    /// Require: where a baseline may be told, for a number in the scope to be compared with.
    pub baseline: Option<Scope>,
    /// Default severity.
    pub severity: Severity,
    /// The dimension its findings cost and its credit goes to.
    pub dimension: Dimension,
    /// Multiplier on the severity's points.
    pub weight: f64,
    /// What one finding costs its dimension (before repeats decay).
    pub penalty: f64,
    /// Credit per counted hit (count, credit) or when satisfied (require).
    pub credit: f64,
    /// The most credit the rule gives one answer.
    pub credit_max: f64,
    /// The most credit its thin actions (one concrete detail or none) earn together.
    pub thin_credit_max: f64,
    /// The share of its credit a sentence unrelated to the story earns (`None`: the
    /// judge's default).
    pub unrelated_credit: Option<f64>,
    /// A finding voids the action credit earned in its sentence.
    pub voids_credit: bool,
    /// A token pattern whose clauses are hits.
    pub clause: Option<crate::nlp::ClauseFilter>,
    /// Phrases (as written).
    pub phrases: Vec<String>,
    /// Regex sources (as written).
    pub patterns: Vec<String>,
    /// Levels it applies at (`None`: all).
    pub only_levels: Option<Vec<Level>>,
    /// LPs it applies to (`None`: all).
    pub only_lps: Option<Vec<Lp>>,
    /// LPs that weight it (shown by `rules`).
    pub lps: Vec<Lp>,
    /// Verdict cap when it is a disqualifier for the LP.
    pub cap: Option<Verdict>,
    /// The highest verdict an answer can reach when the rule fires (any LP).
    pub ceiling: Option<Verdict>,
    /// The cap needs these rules to have fired as well.
    pub cap_requires: Vec<RuleId>,
    /// Most findings per answer.
    pub max_findings: usize,
    /// Message template.
    pub message: String,
    /// Help: what a strong answer does instead.
    pub help: String,
    /// Why a Bar Raiser cares.
    pub why: String,
    /// What a Bar Raiser hears.
    pub hears: String,
    /// The seed's coaching line.
    pub coaching: String,
    /// The seed's common mistake.
    pub mistake: String,
    /// Short Bar Raiser phrase when it fires.
    pub summary: String,
    /// Short Bar Raiser phrase when it is clean.
    pub praise: String,
    /// Weak examples.
    pub weak: Vec<String>,
    /// Strong examples.
    pub strong: Vec<String>,
    /// Provenance.
    pub source: String,
    /// Where the rule is defined: file and line.
    pub defined_at: String,
}

impl Rule {
    /// Is this the rule that says a text is not an answer at all?
    pub fn is_not_an_answer(&self) -> bool {
        matches!(
            self.check,
            Check::Story {
                flag: super::kinds::StoryFlag::NotAnAnswer,
                ..
            }
        )
    }

    /// Does the rule apply at this level and for this LP at all?
    pub fn applies(&self, level: Level, lp: Lp) -> bool {
        self.only_levels.as_ref().is_none_or(|l| l.contains(&level))
            && self.only_lps.as_ref().is_none_or(|l| l.contains(&lp))
    }

    /// Does `selector` (a code, a code prefix or a name) pick this rule?
    pub fn selected_by(&self, selector: &str) -> bool {
        let s = selector.trim();
        self.name.eq_ignore_ascii_case(s)
            || (!s.is_empty()
                && self.code.len() >= s.len()
                && self.code[..s.len()].eq_ignore_ascii_case(s))
    }
}

/// A section's target and labels.
#[derive(Debug, Clone)]
pub struct SectionProfile {
    /// The section.
    pub kind: SectionKind,
    /// Target speaking time.
    pub target_seconds: f64,
    /// Label words, lowercase.
    pub labels: Vec<String>,
    /// The dimension a missing section costs.
    pub dimension: Dimension,
    /// Multiplier on what a missing section costs.
    pub missing_weight: f64,
}

/// A level's expectations.
#[derive(Debug, Clone)]
pub struct LevelProfile {
    /// The level.
    pub level: Level,
    /// Target length, [low, high] seconds.
    pub answer_seconds: [f64; 2],
    /// Rules off at this level.
    pub off: Vec<RuleId>,
    /// Disqualifiers that do not cap at this level.
    pub uncapped: Vec<RuleId>,
    /// Severity overrides at this level; `None` turns the rule off.
    pub severity: Vec<(RuleId, Option<Severity>)>,
    /// What is expected.
    pub expects: String,
    /// The bar.
    pub bar: String,
    /// A strong reflection at this level.
    pub reflection: String,
    /// Dimension targets at this level (contract order; `None`: the rubric's).
    pub targets: [Option<f64>; 7],
}

/// An LP's weights, disqualifiers and severity overrides.
#[derive(Debug, Clone)]
pub struct LpProfile {
    /// The LP.
    pub lp: Lp,
    /// Weight per dimension (contract order).
    pub weights: [f64; 7],
    /// Rules that cap the verdict.
    pub disqualifiers: Vec<RuleId>,
    /// Severity overrides; `None` turns the rule off.
    pub severity: Vec<(RuleId, Option<Severity>)>,
    /// Seed "Emphasize" line.
    pub emphasize: String,
    /// Seed "Downplay" line.
    pub downplay: String,
    /// How to tell the story.
    pub advice: String,
}

impl LpProfile {
    /// The weight of one dimension.
    pub fn weight(&self, d: Dimension) -> f64 {
        self.weights[d.index()]
    }
}

/// A likely follow-up question.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Stable id.
    pub id: String,
    /// Question template.
    pub question: String,
    /// What it tests.
    pub tests: String,
    /// A strong reply.
    pub strong: String,
    /// A weak reply.
    pub weak: String,
    /// Offered when any of these fired.
    pub when_rules: Vec<RuleId>,
    /// Offered only when none of these fired.
    pub unless_rules: Vec<RuleId>,
    /// Capture pattern.
    pub capture: Option<Re>,
    /// Where the capture looks (empty: whole answer).
    pub capture_in: Vec<SectionKind>,
    /// When this matches the answer, the answer already answers the question.
    pub answered: Option<Re>,
    /// LPs it is for.
    pub only_lps: Option<Vec<Lp>>,
    /// Levels it is for.
    pub levels: Option<Vec<Level>>,
    /// Order.
    pub priority: i32,
    /// At most one probe per group is asked.
    pub group: Option<String>,
}

/// A phrase standing for several fired rules in the Bar Raiser line.
#[derive(Debug, Clone)]
pub struct CombinedSummary {
    /// Rules that must all have fired.
    pub rules: Vec<RuleId>,
    /// The phrase.
    pub text: String,
}

/// Who a phrase or pattern belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A rule's trigger.
    Trigger(RuleId),
    /// A require rule's precondition.
    When(RuleId),
    /// A density rule's end marker.
    Before(RuleId),
    /// Evidence for a section in unlabelled text.
    Cue(SectionKind, Cue),
}

/// How strong a section cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A `cues` phrase.
    Phrase,
    /// A `strong-cues` phrase.
    Strong,
    /// A `cue-patterns` regex.
    Pattern,
}

impl Cue {
    const ALL: [Cue; 3] = [Cue::Phrase, Cue::Strong, Cue::Pattern];

    /// The evidence one match gives its section.
    pub(crate) fn weight(self) -> f32 {
        match self {
            Cue::Phrase => 1.0,
            Cue::Strong => 2.5,
            Cue::Pattern => 1.5,
        }
    }
}

/// Tags below this are section cues: three per section.
const CUE_TAGS: Tag = 15;

impl Owner {
    /// The matcher's tag for this owner (see [`Owner::of_tag`]).
    pub(crate) fn tag(self) -> Tag {
        let rule = |r: RuleId, k: u32| CUE_TAGS + 3 * u32::try_from(r).unwrap_or(u32::MAX / 4) + k;
        match self {
            Owner::Cue(kind, cue) => 3 * kind.index() as u32 + cue as u32,
            Owner::Trigger(r) => rule(r, 0),
            Owner::When(r) => rule(r, 1),
            Owner::Before(r) => rule(r, 2),
        }
    }

    /// The owner a hit's tag stands for.
    pub(crate) fn of_tag(tag: Tag) -> Owner {
        if tag < CUE_TAGS {
            return Owner::Cue(
                SectionKind::ALL[(tag / 3) as usize],
                Cue::ALL[(tag % 3) as usize],
            );
        }
        let r = ((tag - CUE_TAGS) / 3) as usize;
        match (tag - CUE_TAGS) % 3 {
            0 => Owner::Trigger(r),
            1 => Owner::When(r),
            _ => Owner::Before(r),
        }
    }
}

/// The rubric, checked and compiled: shared read-only by every worker thread.
#[derive(Debug, Clone)]
pub struct CompiledRubric {
    /// Words per minute.
    pub wpm: f64,
    /// "Well over" factor.
    pub over_factor: f64,
    /// Band thresholds.
    pub bands: Bands,
    /// Points per severity.
    pub points: Points,
    /// The total cost at which an answer scores 50.
    pub half_score_cost: f64,
    /// Combined Bar Raiser phrases.
    pub combined_summaries: Vec<CombinedSummary>,
    /// Section profiles in contract order.
    pub sections: Vec<SectionProfile>,
    /// Level profiles in contract order.
    pub levels: Vec<LevelProfile>,
    /// LP profiles in contract order.
    pub lps: Vec<LpProfile>,
    /// Rules in rubric order.
    pub rules: Vec<Rule>,
    /// Probes, highest priority first.
    pub probes: Vec<Probe>,
    /// How evidence becomes ratings, a verdict and a score.
    pub judge: crate::judge::Params,
    /// Fewer words than this is not an answer.
    pub min_words: u32,
    /// Each further finding of one rule costs this fraction of the one before.
    pub repeat_decay: f64,
    /// Credit outside `action` counts at least this fraction ...
    pub specifics_floor: f64,
    /// ... and in full once `action`'s value reaches this.
    pub specifics_full: f64,
    /// Credit in a sentence that shares no concrete noun with the rest counts this much.
    pub unrelated_credit: f64,
    /// Word lists the reading layer needs.
    pub lexicon: crate::nlp::Lexicon,
    /// Seed page titles by number ("000").
    pub seeds: std::collections::BTreeMap<String, String>,
    pub(crate) matcher: Matcher,
    pub(crate) label_map: HashMap<String, SectionKind>,
}

impl CompiledRubric {
    /// Every regex of the rubric: scanning patterns, negations, coordination, probes.
    #[cfg(test)]
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Re> {
        let rules = self.rules.iter().flat_map(|r| r.check.regexes());
        self.matcher
            .regexes()
            .chain(rules)
            .chain(self.probes.iter().filter_map(|p| p.capture.as_ref()))
            .chain(self.probes.iter().filter_map(|p| p.answered.as_ref()))
    }

    /// Every match of the rubric's phrases, cues and scanning regexes in `region`, in
    /// text order (the rubric knows whose each hit is from its tag).
    pub fn scan(
        &self,
        hay: &crate::matcher::Haystack,
        region: crate::text::Span,
    ) -> crate::matcher::Scan {
        self.matcher.scan(hay, region)
    }

    /// The rubric's matcher (the benches measure it alone).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The section a label word names, if any (lowercase input).
    pub fn label(&self, word: &str) -> Option<SectionKind> {
        self.label_map.get(word).copied()
    }

    /// A section's profile.
    pub fn section(&self, kind: SectionKind) -> &SectionProfile {
        &self.sections[kind.index()]
    }

    /// A level's profile.
    pub fn level(&self, level: Level) -> &LevelProfile {
        &self.levels[level as usize]
    }

    /// An LP's profile.
    pub fn lp(&self, lp: Lp) -> &LpProfile {
        &self.lps[lp as usize]
    }

    /// Find a rule by code or name (case-insensitive).
    pub fn rule(&self, code_or_name: &str) -> Option<&Rule> {
        let s = code_or_name.trim();
        self.rules
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(s) || r.name.eq_ignore_ascii_case(s))
    }

    /// The verdict band of a score (before caps).
    pub fn band(&self, score: f64) -> Verdict {
        if score >= self.bands.strong_hire {
            Verdict::StrongHire
        } else if score >= self.bands.hire {
            Verdict::Hire
        } else if score >= self.bands.leaning_no_hire {
            Verdict::LeaningNoHire
        } else {
            Verdict::NoHire
        }
    }

    /// The lowest score of the band above `v` (the ceiling a cap at `v` imposes).
    pub fn band_ceiling(&self, v: Verdict) -> f64 {
        match v {
            Verdict::NoHire => self.bands.leaning_no_hire,
            Verdict::LeaningNoHire => self.bands.hire,
            Verdict::Hire => self.bands.strong_hire,
            Verdict::StrongHire => f64::INFINITY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cue, Owner};
    use crate::ids::SectionKind;

    #[test]
    fn owner_tags_round_trip() {
        for kind in SectionKind::ALL {
            for cue in Cue::ALL {
                let o = Owner::Cue(*kind, cue);
                assert_eq!(Owner::of_tag(o.tag()), o);
            }
        }
        for r in [0, 1, 7, 50] {
            for o in [Owner::Trigger(r), Owner::When(r), Owner::Before(r)] {
                assert_eq!(Owner::of_tag(o.tag()), o);
            }
        }
    }
}
