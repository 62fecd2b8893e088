//! The rubric as written in TOML: plain serde structs, no logic.
//!
//! Fields whose problems must be reported at a position (codes, names, ids, regexes) are
//! `Spanned`, so `rubric check` can say `file:line:column` for a semantic error as well as
//! for a syntax error. Everything is optional where an overlay may leave it out; the
//! compiler fills defaults and checks that the merged rubric is complete.

use super::Spanned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole rubric file (the embedded default or a user's overlay).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RubricFile {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Format version; 1.
    pub version: Option<u32>,
    /// Speaking rate used to turn words into seconds (contract: 150).
    pub words_per_minute: Option<f64>,
    /// "Well over" a target: this many times it (contract default 1.5).
    pub over_factor: Option<f64>,
    /// Score thresholds of each verdict band.
    pub bands: Option<Bands>,
    /// Points a finding of each severity costs before weights.
    pub points: Option<Points>,
    /// The total cost at which an answer scores 50 (score = 100 × H ÷ (H + cost)).
    pub half_score_cost: Option<f64>,
    /// Bar Raiser phrases that stand for several fired rules at once ("Zero quantification").
    #[serde(default, rename = "combined-summary")]
    pub combined_summaries: Vec<CombinedSummarySpec>,
    /// Labels, targets and inference cues per section.
    #[serde(default)]
    pub sections: BTreeMap<String, SectionSpec>,
    /// Level profiles.
    #[serde(default)]
    pub levels: BTreeMap<String, LevelSpec>,
    /// Leadership Principle profiles.
    #[serde(default)]
    pub lps: BTreeMap<String, LpSpec>,
    /// The rules.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// Likely follow-up questions.
    #[serde(default, rename = "probe")]
    pub probes: Vec<ProbeSpec>,
    /// Overlay only: rule codes or names to remove.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Overlay only: phrases to append to existing rules, by code or name.
    #[serde(default)]
    pub extend_phrases: BTreeMap<String, Vec<String>>,
}

/// Verdict band thresholds (score at or above).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Bands {
    /// Strong Hire at or above.
    pub strong_hire: f64,
    /// Hire at or above.
    pub hire: f64,
    /// Leaning No Hire at or above; below is No Hire.
    pub leaning_no_hire: f64,
}

/// Base points per severity.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    /// An error finding.
    pub error: f64,
    /// A warning finding.
    pub warning: f64,
    /// An info finding.
    pub info: f64,
}

/// One section's labels, target and inference cues.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Target speaking time in seconds.
    pub target_seconds: Option<f64>,
    /// Label words and synonyms, lowercase ("situation", "s", "context").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Phrases that are evidence for this section in unlabelled text (weight 1).
    #[serde(default)]
    pub cues: Vec<String>,
    /// Phrases that are strong evidence (weight 2.5).
    #[serde(default)]
    pub strong_cues: Vec<String>,
    /// Regexes that are evidence (weight 1.5).
    #[serde(default)]
    pub cue_patterns: Vec<Spanned<String>>,
    /// The scoring dimension a missing section costs.
    pub dimension: Option<String>,
    /// Multiplier on the points a missing section costs (a missing Action costs more than a
    /// missing Reflection).
    pub missing_weight: Option<f64>,
}

/// One level's expectations.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LevelSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Target length of the whole answer, [low, high] seconds.
    pub answer_seconds: Option<[f64; 2]>,
    /// Rules that do not apply at this level.
    #[serde(default)]
    pub off: Vec<Spanned<String>>,
    /// Disqualifiers that do not cap the verdict at this level (an SDE1 is expected to work
    /// on what was assigned).
    #[serde(default)]
    pub uncapped: Vec<Spanned<String>>,
    /// Severity overrides by rule name at this level (`off` turns a rule off); an LP's
    /// override wins over the level's.
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<String>>,
    /// What a Bar Raiser expects at this level (seed text, generalised).
    pub expects: Option<String>,
    /// The bar at this level.
    pub bar: Option<String>,
    /// What a strong reflection at this level looks like.
    pub reflection: Option<String>,
}

/// One Leadership Principle's profile.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LpSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Dimension weights (1.0 when absent).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Take the weights as the mean of every other profile (used by `general`).
    #[serde(default)]
    pub average: bool,
    /// Rule names whose findings cap the verdict for this LP.
    #[serde(default)]
    pub disqualifiers: Vec<Spanned<String>>,
    /// Severity overrides by rule name ("off" turns a rule off for this LP).
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<String>>,
    /// What to emphasise (seed "Emphasize" lines).
    pub emphasize: Option<String>,
    /// What to play down (seed "Downplay" lines).
    pub downplay: Option<String>,
    /// How to tell the story for this LP.
    pub advice: Option<String>,
}

/// One rule: a check kind, its parameters and its prose.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Short code, prefixed by section group (`A001`).
    pub code: Spanned<String>,
    /// Stable kebab-case name.
    pub name: Option<Spanned<String>>,
    /// `match`, `require`, `count`, `duration`, `structure` or `density`.
    pub kind: Option<Spanned<String>>,
    /// The section the rule is about (absent: the whole answer).
    pub section: Option<Spanned<String>>,
    /// Where to look: section ids, `answer`, or `before-action` (default: `section`).
    #[serde(default)]
    pub scope: Vec<Spanned<String>>,
    /// `error`, `warning` or `info`.
    pub severity: Option<Spanned<String>>,
    /// The scoring dimension it costs.
    pub dimension: Option<Spanned<String>>,
    /// Multiplier on the severity's points.
    pub weight: Option<f64>,
    /// Literal phrases (whole words, case-insensitive).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (case-insensitive unless `case-sensitive`).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Patterns are case-sensitive.
    pub case_sensitive: Option<bool>,
    /// A match only counts at the start of its sentence or of a clause (after "and",
    /// "but", "so", "then" or a semicolon).
    pub sentence_start: Option<bool>,
    /// Ignore matches inside double-quoted speech.
    pub skip_quoted: Option<bool>,
    /// Skip a match when this regex matches the sentence text before it (negation).
    pub unless_before: Option<Spanned<String>>,
    /// Skip a match when this regex matches its whole sentence (contrast).
    pub unless_sentence: Option<Spanned<String>>,
    /// Skip a match when this regex matches the sentence text after it.
    pub unless_after: Option<Spanned<String>>,
    /// Count: a regex for further actions coordinated with a counted hit in the same
    /// sentence ("I pulled the logs, sorted them and found …" is three actions). When set,
    /// the rule counts actions, not sentences.
    pub coordinated: Option<Spanned<String>>,
    /// Count: a sentence whose first capture group is one of these words does not count.
    #[serde(default)]
    pub exclude_captures: Vec<String>,
    /// Require: only applies when one of these regexes matches in the scope.
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    /// Density: count matches only before the first match of these regexes.
    #[serde(default)]
    pub before: Vec<Spanned<String>>,
    /// Count: fewest sentences per level; density: fewest matches (key `any`).
    #[serde(default)]
    pub min: BTreeMap<String, f64>,
    /// Levels the rule applies at (absent: all).
    #[serde(default)]
    pub levels: Vec<Spanned<String>>,
    /// LPs the rule applies to (absent: all).
    #[serde(default)]
    pub only_lps: Vec<Spanned<String>>,
    /// LPs that weight it (informational, shown by `rules`).
    #[serde(default)]
    pub lps: Vec<Spanned<String>>,
    /// The verdict this rule caps at, when it is one of the LP's disqualifiers.
    pub cap: Option<Spanned<String>>,
    /// The highest verdict an answer can reach when this rule fires, for every LP: a gap
    /// that keeps a good answer from raising the bar (no second-order effect: Hire at best).
    pub ceiling: Option<Spanned<String>>,
    /// The cap applies only when these rules fired too.
    #[serde(default)]
    pub cap_requires: Vec<Spanned<String>>,
    /// Most findings one answer reports for this rule.
    pub max_findings: Option<usize>,
    /// Message; `{match}`, `{count}`, `{min}`, `{seconds}`, `{target}`, `{section}`, `{level}` are filled in.
    pub message: Option<String>,
    /// What a strong answer does instead (starts with a verb).
    pub help: Option<String>,
    /// Why a Bar Raiser cares.
    pub why: Option<String>,
    /// What a Bar Raiser hears.
    pub hears: Option<String>,
    /// The seed's coaching line.
    pub coaching: Option<String>,
    /// The common mistake, as the seeds state it.
    pub mistake: Option<String>,
    /// The Bar Raiser's short phrase when the rule fires ("No ownership proof").
    pub summary: Option<String>,
    /// The Bar Raiser's short phrase when the rule was checked and is clean.
    pub praise: Option<String>,
    /// Weak examples: each must fire.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Strong examples: none may fire.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Where in the seeds (or the LPs) the rule comes from.
    pub source: Option<String>,
}

/// A likely follow-up question.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProbeSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Stable id.
    pub id: String,
    /// The question; `{capture}` is filled from `capture`.
    pub question: String,
    /// What it tests (the seeds' "Probes:" line).
    pub tests: String,
    /// What a strong reply contains.
    pub strong: String,
    /// What a weak reply sounds like.
    pub weak: Option<String>,
    /// Offered when any of these rules fired.
    #[serde(default)]
    pub when_rules: Vec<String>,
    /// Offered when none of these rules fired (they were active and clean).
    #[serde(default)]
    pub unless_rules: Vec<String>,
    /// Offered when this regex matches the answer; its first group fills `{capture}`.
    pub capture: Option<Spanned<String>>,
    /// Where `capture` looks: section ids or `answer`.
    #[serde(default)]
    pub capture_in: Vec<String>,
    /// LPs it is asked for (absent: all).
    #[serde(default)]
    pub only_lps: Vec<String>,
    /// Levels it is asked at (absent: all).
    #[serde(default)]
    pub levels: Vec<String>,
    /// Higher comes first.
    #[serde(default)]
    pub priority: i32,
    /// At most one probe of a group is asked (the first, by priority, whose conditions hold).
    pub group: Option<String>,
}

/// A Bar Raiser phrase that replaces the phrases of several rules when all of them fired.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CombinedSummarySpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Rule names that must all have fired.
    pub rules: Vec<String>,
    /// The phrase.
    pub text: String,
}
