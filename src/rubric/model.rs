//! The rubric as written in TOML: plain serde structs, no logic.
//!
//! Every value whose problems must be reported at a position is [`Located`]: it keeps the
//! bytes it was read from *and* the file (its origin), so `rubric check` can say
//! `file:line:column` for a semantic error as well as for a syntax error, and a value an
//! overlay wrote is reported in the overlay even after it is merged into the embedded
//! rubric. Everything is optional where an overlay may leave it out; the compiler fills
//! defaults and checks that the merged rubric is complete.
//!
//! `build.rs` compiles this file too: it parses the embedded rubric into these types and
//! writes them out as MessagePack (positions included) into `OUT_DIR`, which reads back
//! several times faster than the TOML parses.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::ops::Range;

/// A value with the file (index into the sources) and the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// Which source file (set after parsing, see [`Stamp`]).
    pub origin: usize,
    span: Range<usize>,
    value: T,
}

impl<T> Located<T> {
    /// `value`, read from `span` (of the source stamped later).
    pub fn new(value: T, span: Range<usize>) -> Located<T> {
        Located {
            origin: 0,
            span,
            value,
        }
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// Where it was read from, in bytes of its file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_spanned::Spanned::<T>::deserialize(d)?;
        Ok(Located {
            origin: 0,
            span: s.span(),
            value: s.into_inner(),
        })
    }
}

/// Written as serde_spanned writes its own `Spanned` (the only form it reads back from a
/// format other than TOML), so the MessagePack of the embedded rubric keeps positions.
impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("$__serde_spanned_private_Spanned", 3)?;
        st.serialize_field("$__serde_spanned_private_start", &self.span.start)?;
        st.serialize_field("$__serde_spanned_private_end", &self.span.end)?;
        st.serialize_field("$__serde_spanned_private_value", &self.value)?;
        st.end()
    }
}

/// The keys of each `[[rule]]` table of a parsed TOML document, in file order, with their
/// positions (see [`RuleSpec::keys`]).
pub fn rule_keys(root: &toml::de::DeTable) -> Vec<Vec<Located<String>>> {
    let Some(rules) = root.get("rule").and_then(|r| r.get_ref().as_array()) else {
        return Vec::new();
    };
    rules
        .iter()
        .map(|rule| {
            let mut keys: Vec<Located<String>> =
                rule.get_ref().as_table().map_or_else(Vec::new, |t| {
                    t.keys()
                        .map(|k| Located::new(k.get_ref().to_string(), k.span()))
                        .collect()
                });
            keys.sort_by_key(|k| k.span().start);
            keys
        })
        .collect()
}

/// Records which file a parsed value came from, in every [`Located`] part of it.
pub trait Stamp {
    /// Mark every part as read from source `origin`.
    fn stamp(&mut self, origin: usize);
}

impl<T> Stamp for Located<T> {
    fn stamp(&mut self, origin: usize) {
        self.origin = origin;
    }
}

impl<T: Stamp> Stamp for Option<T> {
    fn stamp(&mut self, origin: usize) {
        if let Some(v) = self {
            v.stamp(origin);
        }
    }
}

impl<T: Stamp> Stamp for Vec<T> {
    fn stamp(&mut self, origin: usize) {
        self.iter_mut().for_each(|v| v.stamp(origin));
    }
}

impl<K, T: Stamp> Stamp for BTreeMap<K, T> {
    fn stamp(&mut self, origin: usize) {
        self.values_mut().for_each(|v| v.stamp(origin));
    }
}

/// `Stamp` for a struct: its own `origin` and each listed field.
macro_rules! stamp {
    ($t:ty; $($f:ident),* $(,)?) => {
        impl Stamp for $t {
            fn stamp(&mut self, origin: usize) {
                self.origin = origin;
                $(self.$f.stamp(origin);)*
            }
        }
    };
}

/// A whole rubric file (the embedded default or a user's overlay).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RubricFile {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Format version; 1.
    pub version: Option<Located<u32>>,
    /// Speaking rate used to turn words into seconds (contract: 150).
    pub words_per_minute: Option<Located<f64>>,
    /// "Well over" a target: this many times it (contract default 1.5).
    pub over_factor: Option<Located<f64>>,
    /// Score thresholds of each verdict band.
    pub bands: Option<Located<Bands>>,
    /// Points a finding of each severity costs before weights.
    pub points: Option<Located<Points>>,
    /// The total cost at which an answer scores 50 (score = 100 × H ÷ (H + cost)).
    pub half_score_cost: Option<Located<f64>>,
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
    pub disable: Vec<Located<String>>,
    /// Overlay only: phrases to append to existing rules, by code or name.
    #[serde(default)]
    pub extend_phrases: BTreeMap<String, Vec<String>>,
    /// How evidence becomes a verdict: the fewest words an answer has, how repeats decay.
    pub judge: Option<Located<JudgeSpec>>,
    /// Each dimension's target and rating thresholds, by dimension id (checked by the
    /// compiler as [`crate::judge::DimensionParams`]; TOML here so build.rs reads this
    /// file alone).
    #[serde(default)]
    pub dimensions: BTreeMap<String, Located<toml::Value>>,
    /// The verdict rules, from the highest verdict down (checked as
    /// [`crate::judge::VerdictRule`]).
    #[serde(default, rename = "verdict")]
    pub verdicts: Vec<Located<toml::Value>>,
    /// Word lists the reading layer needs.
    pub lexicon: Option<LexiconSpec>,
    /// The seed pages rules cite, by number ("000" = the page's title), so `explain` can
    /// name the page a rule's source line comes from.
    #[serde(default)]
    pub seeds: BTreeMap<String, String>,
}

stamp!(RubricFile; version, words_per_minute, over_factor, bands, points, half_score_cost,
    combined_summaries, sections, levels, lps, rules, probes, disable, judge, dimensions,
    verdicts);

/// `[judge]`: the numbers of the judgement that belong to no dimension.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct JudgeSpec {
    /// Fewer words than this is not an answer (contract: 20).
    pub min_words: u32,
    /// Each further finding of one rule costs this fraction of the one before.
    pub repeat_decay: f64,
    /// Credit outside `action` counts this fraction at least, when the candidate's own
    /// actions have no concrete object at all ...
    pub specifics_floor: f64,
    /// ... and in full once the `action` dimension's value reaches this: a rubric phrase
    /// with no story of one's own around it is not evidence.
    pub specifics_full: f64,
    /// Credit found in a sentence that shares no concrete noun with the rest of the answer
    /// counts this fraction of itself.
    pub unrelated_credit: f64,
}

/// `[lexicon]`: words the reading layer needs, in base form (every inflection matches).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconSpec {
    /// Nouns that name nothing in particular ("things", "the issue", "stakeholders"): an
    /// action whose only object is one of these has no concrete object.
    #[serde(default)]
    pub vague: Vec<String>,
    /// Verbs that are not actions ("be", "feel", "believe", "learn").
    #[serde(default)]
    pub non_action: Vec<String>,
    /// Verbs of `non-action` that are actions before one particular word ("stay late":
    /// "I stayed late to cover the gap" is a step, "I stayed calm" a state).
    #[serde(default)]
    pub action_before: Vec<String>,
    /// Vague nouns that name a particular thing once a concrete noun before them says
    /// which ("the triage system", "her care plan").
    #[serde(default)]
    pub containers: Vec<String>,
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
    pub target_seconds: Option<Located<f64>>,
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
    pub cue_patterns: Vec<Located<String>>,
    /// The scoring dimension a missing section costs.
    pub dimension: Option<String>,
    /// Multiplier on the points a missing section costs (a missing Action costs more than a
    /// missing Reflection).
    pub missing_weight: Option<Located<f64>>,
}

stamp!(SectionSpec; target_seconds, cue_patterns, missing_weight);

/// One level's expectations.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LevelSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Target length of the whole answer, [low, high] seconds.
    pub answer_seconds: Option<Located<[f64; 2]>>,
    /// Rules that do not apply at this level.
    #[serde(default)]
    pub off: Vec<Located<String>>,
    /// Disqualifiers that do not cap the verdict at this level (an SDE1 is expected to work
    /// on what was assigned).
    #[serde(default)]
    pub uncapped: Vec<Located<String>>,
    /// Severity overrides by rule name at this level (`off` turns a rule off); an LP's
    /// override wins over the level's.
    #[serde(default)]
    pub severity: BTreeMap<String, Located<String>>,
    /// What a Bar Raiser expects at this level (seed text, generalised).
    pub expects: Option<String>,
    /// The bar at this level.
    pub bar: Option<String>,
    /// What a strong reflection at this level looks like.
    pub reflection: Option<String>,
    /// Dimension targets at this level, over `[dimensions]` (an SDE1 answer shows about
    /// three actions, not six).
    #[serde(default)]
    pub targets: BTreeMap<String, Located<f64>>,
}

stamp!(LevelSpec; answer_seconds, off, uncapped, severity, targets);

/// One Leadership Principle's profile.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LpSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// Dimension weights (1.0 when absent).
    #[serde(default)]
    pub weights: BTreeMap<String, Located<f64>>,
    /// Take the weights as the mean of every other profile (used by `general`).
    #[serde(default)]
    pub average: bool,
    /// Rule names whose findings cap the verdict for this LP.
    #[serde(default)]
    pub disqualifiers: Vec<Located<String>>,
    /// Severity overrides by rule name ("off" turns a rule off for this LP).
    #[serde(default)]
    pub severity: BTreeMap<String, Located<String>>,
    /// What to emphasise (seed "Emphasize" lines).
    pub emphasize: Option<String>,
    /// What to play down (seed "Downplay" lines).
    pub downplay: Option<String>,
    /// How to tell the story for this LP.
    pub advice: Option<String>,
}

stamp!(LpSpec; weights, disqualifiers, severity);

/// One rule: a check kind, its parameters and its prose. Which parameters a kind takes is
/// [`super::kinds`]' business; here every key is optional.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Which source file this came from (index into the sources).
    #[serde(skip)]
    pub origin: usize,
    /// The keys the rule was written with, where (filled by the loader, kept through
    /// merges), so a key its kind does not take is reported where it was written.
    #[serde(skip)]
    pub keys: Vec<Located<String>>,
    /// Short code, prefixed by section group (`A001`).
    pub code: Located<String>,
    /// Stable kebab-case name.
    pub name: Option<Located<String>>,
    /// `match`, `require`, `count`, `duration`, `structure` or `density`.
    pub kind: Option<Located<String>>,
    /// The section the rule is about (absent: the whole answer).
    pub section: Option<Located<String>>,
    /// Where to look: section ids, `answer`, or `before-action` (default: `section`).
    #[serde(default)]
    pub scope: Vec<Located<String>>,
    /// `error`, `warning` or `info`.
    pub severity: Option<Located<String>>,
    /// The scoring dimension it costs.
    pub dimension: Option<Located<String>>,
    /// Multiplier on the severity's points.
    pub weight: Option<Located<f64>>,
    /// Literal phrases (whole words, case-insensitive).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (case-insensitive unless `case-sensitive`).
    #[serde(default)]
    pub patterns: Vec<Located<String>>,
    /// Patterns are case-sensitive.
    pub case_sensitive: Option<bool>,
    /// Match: a finding voids the action credit earned in its sentence (a hand-off told
    /// in the first person is still a hand-off).
    pub voids_credit: Option<bool>,
    /// A match only counts at the start of its sentence or of a clause (after "and",
    /// "but", "so", "then" or a semicolon).
    pub sentence_start: Option<bool>,
    /// Ignore matches inside double-quoted speech.
    pub skip_quoted: Option<bool>,
    /// Skip a match when this regex matches the sentence text before it (negation).
    pub unless_before: Option<Located<String>>,
    /// Skip a match when this regex matches its whole sentence (contrast).
    pub unless_sentence: Option<Located<String>>,
    /// Skip a match when this regex matches the sentence text after it.
    pub unless_after: Option<Located<String>>,
    /// Skip a match when this regex matches what the answer says next, within
    /// about a kilobyte and across sentences ("My manager wanted me to start warnings.
    /// I didn't think warnings would fix it": the story goes beyond the ask).
    pub unless_later: Option<Located<String>>,
    /// Count: a regex for further actions coordinated with a counted hit in the same
    /// sentence ("I pulled the logs, sorted them and found …" is three actions). When set,
    /// the rule counts actions, not sentences.
    pub coordinated: Option<Located<String>>,
    /// A match whose first capture group is one of these words does not count.
    #[serde(default)]
    pub exclude_captures: Vec<String>,
    /// Require: only applies when one of these regexes matches in the scope.
    #[serde(default)]
    pub when: Vec<Located<String>>,
    /// Require: where a baseline may be told (scope names, such as `before-action`). A
    /// number told there and a different number of the same unit in the rule's scope
    /// count as a hit: "74% occupancy" in the Situation, "95% occupancy" in the Result.
    #[serde(default)]
    pub baseline: Vec<Located<String>>,
    /// Density: count matches only before the first match of these regexes.
    #[serde(default)]
    pub before: Vec<Located<String>>,
    /// Count: fewest sentences per level; density: fewest matches (key `any`).
    #[serde(default)]
    pub min: BTreeMap<String, Located<f64>>,
    /// A token pattern: the clauses it accepts are hits, like a phrase's or a pattern's
    /// ("the candidate, in the past, did one of these verbs to something concrete").
    /// (Kept as TOML here, so build.rs can read this file alone; the compiler checks it
    /// as [`crate::nlp::ClauseSpec`].)
    pub clause: Option<Located<toml::Value>>,
    /// Require: the credit its dimension gets when something in scope counts; count: per
    /// counted action; credit: per counted hit.
    pub credit: Option<Located<f64>>,
    /// Count and credit: the most credit the rule gives one answer.
    pub credit_max: Option<Located<f64>>,
    /// Count with a `clause`: the most credit actions with at most one concrete detail
    /// earn together (many thin steps are not the detail of a few).
    pub thin_credit_max: Option<Located<f64>>,
    /// Count, credit and require: the share of its credit a sentence unrelated to the
    /// story earns (default: `[judge] unrelated-credit`). A rule whose point is that the
    /// answer names this story's things ("the Reflection names the story") sets 0.
    pub unrelated_credit: Option<Located<f64>>,
    /// What one finding costs its dimension (default: the severity's points × `weight`;
    /// a `require` rule's absence costs nothing beyond the credit it does not earn).
    pub penalty: Option<Located<f64>>,
    /// Story: which clauses it counts (`hypothetical`, `habitual` or `beliefs`).
    pub story: Option<Located<String>>,
    /// Levels the rule applies at (absent: all).
    #[serde(default)]
    pub levels: Vec<Located<String>>,
    /// LPs the rule applies to (absent: all).
    #[serde(default)]
    pub only_lps: Vec<Located<String>>,
    /// LPs that weight it (informational, shown by `rules`).
    #[serde(default)]
    pub lps: Vec<Located<String>>,
    /// The verdict this rule caps at, when it is one of the LP's disqualifiers.
    pub cap: Option<Located<String>>,
    /// The highest verdict an answer can reach when this rule fires, for every LP: a gap
    /// that keeps a good answer from raising the bar (no second-order effect: Hire at best).
    pub ceiling: Option<Located<String>>,
    /// The cap applies only when these rules fired too.
    #[serde(default)]
    pub cap_requires: Vec<Located<String>>,
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

stamp!(RuleSpec; keys, code, name, kind, section, scope, severity, dimension, weight, patterns,
    unless_before, unless_sentence, unless_after, unless_later, coordinated, when, baseline, before, min, levels,
    only_lps, lps, cap, ceiling, cap_requires, clause, credit, credit_max, thin_credit_max, unrelated_credit,
    penalty, story);

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
    pub capture: Option<Located<String>>,
    /// Where `capture` looks: section ids or `answer`.
    #[serde(default)]
    pub capture_in: Vec<String>,
    /// Not asked when this regex matches anywhere in the answer: the answer already says
    /// it ("Next time I would…" answers "What would you do differently?").
    pub answered: Option<Located<String>>,
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

stamp!(ProbeSpec; capture, answered);

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

stamp!(CombinedSummarySpec;);
