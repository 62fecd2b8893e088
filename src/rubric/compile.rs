//! Check a merged rubric and build everything the engine needs, once per run.
//!
//! All phrases of all rules and all section cues go into ONE phrase finder, found in one
//! pass (overlapping matches, so phrases of different rules that overlap all fire): the
//! trie `build.rs` made of the embedded rubric's phrases, or an aho-corasick automaton
//! for any other list; every
//! regex is compiled once with a size limit. A problem anywhere is recorded with its
//! position and compilation goes on, so a user sees every problem in one run.

use super::load::{Locator, RubricErrors, RubricSource};
use super::model::{Bands, Points, RubricFile, RuleSpec};
use crate::ids::{Level, Lp, SectionKind, Verdict};
use crate::matcher::{Matcher, MatcherBuilder, Re, Tag, MAX_PHRASE_BYTES};
use crate::report::Severity;
use serde_spanned::Spanned;
// The rubric's maps are keyed by its own names and phrases, hashed a few thousand times
// per start-up: FxHash does it in a fraction of SipHash's instructions.
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::str::FromStr;

/// The merged rubric may hold this many regexes in all (the embedded one has under 200):
/// each has a compiled-size limit (`fastre`), so the count bounds their total.
const MAX_REGEXES: usize = 1000;

/// Index of a rule in [`CompiledRubric::rules`].
pub type RuleId = usize;

/// How a rule checks an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Each match of a phrase or pattern in the scope is a finding.
    Match,
    /// One finding when nothing in the scope matches.
    Require,
    /// Too few sentences in the scope match (per-level minimum).
    Count,
    /// Speaking time well over target (a section's, or the level's for the whole answer).
    Duration,
    /// A section cannot be found.
    Structure,
    /// Too many matches before the first `before` match (e.g. components before the problem).
    Density,
}

impl Kind {
    /// The id as written in the rubric.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Match => "match",
            Kind::Require => "require",
            Kind::Count => "count",
            Kind::Duration => "duration",
            Kind::Structure => "structure",
            Kind::Density => "density",
        }
    }
}

/// Where a rule looks: the union of its parts. `answer` alone means the whole answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The body of every section of these kinds.
    pub sections: Vec<SectionKind>,
    /// Everything before the Action (the Situation and Task, or an unlabelled opening).
    pub before_action: bool,
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

macro_rules! dimensions {
    ($($var:ident = $id:literal),+ $(,)?) => {
        /// What a Bar Raiser scores; an LP profile weights each one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Dimension { $(#[doc = $id] $var),+ }
        impl Dimension {
            /// Every dimension.
            pub const ALL: &'static [Dimension] = &[$(Dimension::$var),+];
            /// Its id in the rubric.
            pub fn id(self) -> &'static str { match self { $(Dimension::$var => $id),+ } }
            fn parse(s: &str) -> Option<Dimension> { match s { $($id => Some(Dimension::$var),)+ _ => None } }
        }
    };
}

dimensions!(
    Ownership = "ownership",
    Contribution = "contribution",
    Depth = "depth",
    Impact = "impact",
    Customer = "customer",
    Invention = "invention",
    Speed = "speed",
    Learning = "learning",
    Reflection = "reflection",
    Concision = "concision",
);

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
    /// The section it is about; `None` for the whole answer.
    pub section: Option<SectionKind>,
    /// Where it looks.
    pub scope: Scope,
    /// Default severity.
    pub severity: Severity,
    /// The dimension it costs.
    pub dimension: Dimension,
    /// Multiplier on the severity's points.
    pub weight: f64,
    /// Phrases (as written).
    pub phrases: Vec<String>,
    /// Regex sources (as written).
    pub patterns: Vec<String>,
    /// A match counts only at the start of its sentence.
    pub sentence_start: bool,
    /// Matches inside quoted speech do not count.
    pub skip_quoted: bool,
    /// Negation before the match.
    pub unless_before: Option<Re>,
    /// Contrast anywhere in the sentence.
    pub unless_sentence: Option<Re>,
    /// Qualification after the match.
    pub unless_after: Option<Re>,
    /// Coordinated actions after a counted hit (count rules that count actions).
    pub coordinated: Option<Re>,
    /// Captured words that do not count (count rules).
    pub exclude_captures: Vec<String>,
    /// Count minimum per level (index by `Level as usize`).
    pub min: [Option<f64>; 3],
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
    pub(crate) has_when: bool,
}

impl Rule {
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
}

/// An LP's weights, disqualifiers and severity overrides.
#[derive(Debug, Clone)]
pub struct LpProfile {
    /// The LP.
    pub lp: Lp,
    /// Weight per dimension (index by `Dimension as usize`).
    pub weights: Vec<f64>,
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
        self.weights.get(d as usize).copied().unwrap_or(1.0)
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
    pub(crate) matcher: Matcher,
    label_map: HashMap<String, SectionKind>,
}

impl CompiledRubric {
    /// Every regex of the rubric: scanning patterns, negations, coordination, probes.
    #[cfg(test)]
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Re> {
        let rules = self.rules.iter().flat_map(|r| {
            [
                &r.unless_before,
                &r.unless_sentence,
                &r.unless_after,
                &r.coordinated,
            ]
            .into_iter()
            .flatten()
        });
        self.matcher
            .regexes()
            .chain(rules)
            .chain(self.probes.iter().filter_map(|p| p.capture.as_ref()))
    }

    /// Every match of the rubric's phrases, cues and scanning regexes in `region`, in
    /// text order ([`Owner::of_tag`] says whose each is).
    pub fn scan(
        &self,
        hay: &crate::matcher::Haystack,
        region: crate::text::Span,
    ) -> Vec<crate::matcher::Hit> {
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

struct Ctx<'a> {
    loc: Locator<'a>,
    errors: RubricErrors,
    /// Regexes compiled so far (see [`MAX_REGEXES`]).
    regexes: usize,
}

impl Ctx<'_> {
    fn err<T>(&mut self, origin: usize, s: &Spanned<T>, msg: String) {
        if let Some(e) = self.loc.error(origin, s.span(), msg) {
            self.errors.0.push(e);
        }
    }
    fn err_file(&mut self, origin: usize, msg: String) {
        if let Some(e) = self.loc.error(origin, 0..0, msg) {
            self.errors.0.push(e);
        }
    }
    /// Compile a regex of the rubric from source `origin`. The embedded rubric (origin 0)
    /// compiles its as-written forms lazily (a unit test compiles them all); a user's
    /// rubric compiles them now, so that every error is reported at load.
    fn regex(&mut self, origin: usize, s: &Spanned<String>, ci: bool, what: &str) -> Option<Re> {
        self.regexes += 1;
        if self.regexes > MAX_REGEXES {
            if self.regexes == MAX_REGEXES + 1 {
                self.err(
                    origin,
                    s,
                    format!("{what}: the rubric holds more than {MAX_REGEXES} regexes in all (the limit); this one and every later one are not compiled"),
                );
            }
            return None;
        }
        match Re::new(s.get_ref(), ci, origin != 0) {
            Ok(re) => Some(re),
            Err(e) => {
                let detail = match e {
                    regex::Error::CompiledTooBig(n) => {
                        format!("regex is too big (compiled size over {n} bytes)")
                    }
                    other => syntax_reason(&other.to_string()),
                };
                self.err(origin, s, format!("{what}: invalid regex: {detail}"));
                None
            }
        }
    }
}

/// The regex crate's syntax error is a small drawing (the pattern, a caret line, then
/// `error: …`); one error line wants the reason and the character it points at.
fn syntax_reason(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let Some(reason) = lines.iter().find_map(|l| l.trim().strip_prefix("error: ")) else {
        return one_line(s);
    };
    let caret = lines.iter().enumerate().skip(1).find_map(|(i, l)| {
        let t = l.trim_start();
        (!t.is_empty() && t.chars().all(|c| c == '^')).then(|| {
            let pattern_indent = lines[i - 1].len() - lines[i - 1].trim_start().len();
            l.len() - t.len() - pattern_indent.min(l.len() - t.len()) + 1
        })
    });
    match caret {
        Some(n) => format!("{reason} (at character {n} of the pattern)"),
        None => reason.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_id<T: FromStr<Err = crate::ids::UnknownId>>(
    cx: &mut Ctx,
    origin: usize,
    s: &Spanned<String>,
) -> Option<T> {
    match s.get_ref().parse::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            cx.err(origin, s, e.to_string());
            None
        }
    }
}

/// Severity overrides by rule name (`off` turns the rule off), for an LP or a level.
fn severity_overrides(
    cx: &mut Ctx,
    origin: usize,
    owner: &str,
    specs: &std::collections::BTreeMap<String, Spanned<String>>,
    names: &HashMap<String, RuleId>,
    is_removed: &dyn Fn(&str) -> bool,
) -> Vec<(RuleId, Option<Severity>)> {
    let mut out = Vec::new();
    for (rule, sev) in specs {
        let Some(id) = names.get(rule.as_str()).copied() else {
            if !is_removed(rule) {
                cx.err(origin, sev, format!("{owner}: unknown rule `{rule}`"));
            }
            continue;
        };
        match sev.get_ref().as_str() {
            "off" => out.push((id, None)),
            s => match s.parse::<Severity>() {
                Ok(v) => out.push((id, Some(v))),
                Err(()) => cx.err(
                    origin,
                    sev,
                    format!("{owner}: unknown severity `{s}` (valid: error, warning, info, off)"),
                ),
            },
        }
    }
    out
}

/// Compile the merged rubric. `errors` may already hold overlay problems.
pub(crate) fn compile(
    file: RubricFile,
    sources: &[RubricSource],
    errors: RubricErrors,
) -> Result<CompiledRubric, RubricErrors> {
    let mut cx = Ctx {
        loc: Locator::new(sources),
        errors,
        regexes: 0,
    };
    let mut b = MatcherBuilder::default();

    if let Some(v) = file.version {
        if v != 1 {
            cx.err_file(
                file.origin,
                format!("unsupported rubric version {v} (this starlint reads version 1)"),
            );
        }
    }
    let wpm = file.words_per_minute.unwrap_or(150.0);
    let over_factor = file.over_factor.unwrap_or(1.5);
    if !(wpm > 0.0 && over_factor > 0.0) {
        cx.err_file(
            file.origin,
            "words-per-minute and over-factor must be positive".into(),
        );
    }
    let bands = file.bands.unwrap_or(Bands {
        strong_hire: 85.0,
        hire: 70.0,
        leaning_no_hire: 50.0,
    });
    if !(bands.strong_hire > bands.hire && bands.hire > bands.leaning_no_hire) {
        cx.err_file(
            file.origin,
            "bands must satisfy strong_hire > hire > leaning_no_hire".into(),
        );
    }
    let points = file.points.unwrap_or(Points {
        error: 15.0,
        warning: 7.0,
        info: 2.0,
    });

    // Rule names first: everything else refers to them.
    let mut names: HashMap<String, RuleId> = HashMap::default();
    let mut codes: HashMap<String, RuleId> = HashMap::default();
    let disabled: Vec<String> = file
        .disable
        .iter()
        .map(|d| d.get_ref().to_ascii_lowercase())
        .collect();
    for d in &file.disable {
        let known = file.rules.iter().any(|r| {
            r.code.get_ref().eq_ignore_ascii_case(d.get_ref())
                || r.name
                    .as_ref()
                    .is_some_and(|n| n.get_ref().eq_ignore_ascii_case(d.get_ref()))
        });
        if !known {
            let origin = sources.len().saturating_sub(1);
            cx.err(
                origin,
                d,
                format!("`disable` names unknown rule `{}`", d.get_ref()),
            );
        }
    }
    // Codes and names of the rules `disable` removes: references to them elsewhere (probes,
    // LP and level profiles, combined phrases) are dropped quietly, not reported as unknown.
    let removed: FxHashSet<String> = file
        .rules
        .iter()
        .filter(|r| {
            let code = r.code.get_ref().to_ascii_lowercase();
            let name = r.name.as_ref().map(|n| n.get_ref().to_ascii_lowercase());
            disabled
                .iter()
                .any(|d| *d == code || Some(d) == name.as_ref())
        })
        .flat_map(|r| {
            let mut v = vec![r.code.get_ref().to_ascii_lowercase()];
            v.extend(r.name.as_ref().map(|n| n.get_ref().to_ascii_lowercase()));
            v
        })
        .collect();
    let is_removed = |key: &str| removed.contains(&key.trim().to_ascii_lowercase());
    let specs: Vec<RuleSpec> = file
        .rules
        .into_iter()
        .filter(|r| {
            let code = r.code.get_ref().to_ascii_lowercase();
            let name = r.name.as_ref().map(|n| n.get_ref().to_ascii_lowercase());
            !disabled
                .iter()
                .any(|d| *d == code || Some(d) == name.as_ref())
        })
        .collect();
    for (i, r) in specs.iter().enumerate() {
        let code = r.code.get_ref().clone();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            cx.err(
                r.origin,
                &r.code,
                format!("rule code `{code}` must be letters and digits"),
            );
        }
        if let Some(prev) = codes.insert(code.to_ascii_uppercase(), i) {
            let _ = prev;
            cx.err(r.origin, &r.code, format!("duplicate rule code `{code}`"));
        }
        match &r.name {
            None => cx.err(r.origin, &r.code, format!("rule `{code}` has no `name`")),
            Some(n) => {
                let name = n.get_ref();
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    cx.err(
                        r.origin,
                        n,
                        format!("rule name `{name}` must be kebab-case"),
                    );
                }
                if names.insert(name.clone(), i).is_some() {
                    cx.err(r.origin, n, format!("duplicate rule name `{name}`"));
                }
            }
        }
    }
    for key in file.extend_phrases.keys() {
        if !specs.iter().any(|r| {
            r.code.get_ref().eq_ignore_ascii_case(key)
                || r.name.as_ref().is_some_and(|n| n.get_ref() == key)
        }) {
            cx.err_file(
                sources.len().saturating_sub(1),
                format!("`extend-phrases` names unknown rule `{key}`"),
            );
        }
    }
    let rule_ref = |cx: &mut Ctx, origin: usize, s: &Spanned<String>| -> Option<RuleId> {
        let key = s.get_ref();
        let found = names
            .get(key.as_str())
            .or_else(|| codes.get(&key.to_ascii_uppercase()))
            .copied();
        if found.is_none() && !is_removed(key) {
            cx.err(origin, s, format!("unknown rule `{key}`"));
        }
        found
    };

    // Sections.
    let mut sections = Vec::new();
    let mut label_map = HashMap::default();
    for kind in SectionKind::ALL {
        let spec = file.sections.get(kind.id()).cloned().unwrap_or_default();
        let dimension = spec
            .dimension
            .as_deref()
            .and_then(Dimension::parse)
            .unwrap_or(Dimension::Concision);
        for l in &spec.labels {
            label_map.insert(l.trim().to_lowercase(), *kind);
        }
        let cue = |c: Cue| Owner::Cue(*kind, c).tag();
        let was_over = b.over_limit();
        for c in &spec.cues {
            b.phrase(c, cue(Cue::Phrase));
        }
        for c in &spec.strong_cues {
            b.phrase(c, cue(Cue::Strong));
        }
        if b.over_limit() && !was_over {
            cx.err_file(
                spec.origin,
                format!(
                    "section `{}`: its cues take the rubric's phrases past {MAX_PHRASE_BYTES} bytes (the limit)",
                    kind.id()
                ),
            );
        }
        for p in &spec.cue_patterns {
            if let Some(re) = cx.regex(
                spec.origin,
                p,
                true,
                &format!("section `{}` cue", kind.id()),
            ) {
                b.regex(re, cue(Cue::Pattern), false);
            }
        }
        sections.push(SectionProfile {
            kind: *kind,
            target_seconds: spec.target_seconds.unwrap_or(30.0),
            labels: spec.labels.clone(),
            dimension,
            missing_weight: spec.missing_weight.unwrap_or(1.0),
        });
    }
    for key in file.sections.keys() {
        if key.parse::<SectionKind>().is_err() {
            cx.err_file(
                file.sections[key].origin,
                format!(
                    "unknown section `{key}` (valid: {})",
                    SectionKind::ids().join(", ")
                ),
            );
        }
    }

    // Rules.
    let mut rules = Vec::new();
    for (id, spec) in specs.iter().enumerate() {
        let o = spec.origin;
        let code = spec.code.get_ref().clone();
        let name = spec
            .name
            .as_ref()
            .map(|n| n.get_ref().clone())
            .unwrap_or_default();
        let label = format!("rule {code} ({name})");
        let kind = match spec.kind.as_ref().map(|k| k.get_ref().as_str()) {
            Some("match" | "phrase" | "pattern") => Kind::Match,
            Some("require") => Kind::Require,
            Some("count") => Kind::Count,
            Some("duration") => Kind::Duration,
            Some("structure") => Kind::Structure,
            Some("density") => Kind::Density,
            Some(other) => {
                if let Some(k) = &spec.kind {
                    cx.err(o, k, format!("{label}: unknown kind `{other}` (valid: match, require, count, duration, structure, density)"));
                }
                Kind::Match
            }
            None => {
                cx.err(o, &spec.code, format!("{label}: missing `kind`"));
                Kind::Match
            }
        };
        let section = spec
            .section
            .as_ref()
            .and_then(|s| parse_id::<SectionKind>(&mut cx, o, s));
        let mut scope = Scope::default();
        for s in &spec.scope {
            match s.get_ref().as_str() {
                "answer" => scope.answer = true,
                "before-action" => scope.before_action = true,
                _ => {
                    if let Some(k) = parse_id::<SectionKind>(&mut cx, o, s) {
                        scope.sections.push(k);
                    }
                }
            }
        }
        if spec.scope.is_empty() {
            match section {
                Some(s) => scope.sections.push(s),
                None => scope.answer = true,
            }
        }
        let severity = match &spec.severity {
            Some(s) => match s.get_ref().parse::<Severity>() {
                Ok(v) => v,
                Err(()) => {
                    cx.err(
                        o,
                        s,
                        format!(
                            "{label}: unknown severity `{}` (valid: error, warning, info)",
                            s.get_ref()
                        ),
                    );
                    Severity::Warning
                }
            },
            None => Severity::Warning,
        };
        let dimension = match &spec.dimension {
            Some(d) => Dimension::parse(d.get_ref()).unwrap_or_else(|| {
                let valid: Vec<_> = Dimension::ALL.iter().map(|d| d.id()).collect();
                cx.err(
                    o,
                    d,
                    format!(
                        "{label}: unknown dimension `{}` (valid: {})",
                        d.get_ref(),
                        valid.join(", ")
                    ),
                );
                Dimension::Concision
            }),
            None => Dimension::Concision,
        };
        let ci = !spec.case_sensitive.unwrap_or(false);
        let exclude: Vec<String> = spec
            .exclude_captures
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let was_over = b.over_limit();
        for p in &spec.phrases {
            b.phrase(p, Owner::Trigger(id).tag());
        }
        if let Some(extra) = file
            .extend_phrases
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(&code) || **k == name)
            .map(|(_, v)| v)
            .next()
        {
            for p in extra {
                b.phrase(p, Owner::Trigger(id).tag());
            }
        }
        if b.over_limit() && !was_over {
            cx.err(
                o,
                &spec.code,
                format!("{label}: its phrases take the rubric's phrases past {MAX_PHRASE_BYTES} bytes (the limit)"),
            );
        }
        for p in &spec.patterns {
            if let Some(re) = cx.regex(o, p, ci, &label) {
                b.regex(re, Owner::Trigger(id).tag(), !exclude.is_empty());
            }
        }
        for p in &spec.when {
            if let Some(re) = cx.regex(o, p, true, &format!("{label} `when`")) {
                b.regex(re, Owner::When(id).tag(), false);
            }
        }
        for p in &spec.before {
            if let Some(re) = cx.regex(o, p, true, &format!("{label} `before`")) {
                b.regex(re, Owner::Before(id).tag(), false);
            }
        }
        let unless = |cx: &mut Ctx, s: &Option<Spanned<String>>, what: &str| {
            s.as_ref()
                .and_then(|p| cx.regex(o, p, true, &format!("{label} `{what}`")))
        };
        let unless_before = unless(&mut cx, &spec.unless_before, "unless-before");
        let unless_sentence = unless(&mut cx, &spec.unless_sentence, "unless-sentence");
        let unless_after = unless(&mut cx, &spec.unless_after, "unless-after");
        let coordinated = unless(&mut cx, &spec.coordinated, "coordinated");
        let has_triggers = !spec.phrases.is_empty() || !spec.patterns.is_empty();
        if matches!(
            kind,
            Kind::Match | Kind::Require | Kind::Count | Kind::Density
        ) && !has_triggers
        {
            cx.err(
                o,
                &spec.code,
                format!(
                    "{label}: a `{}` rule needs `phrases` or `patterns`",
                    kind.id()
                ),
            );
        }
        let mut min = [None; 3];
        for (k, v) in &spec.min {
            if k == "any" {
                min = [Some(*v); 3];
            }
        }
        for (k, v) in &spec.min {
            match k.parse::<Level>() {
                Ok(l) => min[l as usize] = Some(*v),
                Err(e) if k != "any" => cx.err(o, &spec.code, format!("{label}: `min`: {e}")),
                Err(_) => {}
            }
        }
        if matches!(kind, Kind::Count | Kind::Density) && min.iter().any(Option::is_none) {
            cx.err(
                o,
                &spec.code,
                format!(
                    "{label}: a `{}` rule needs `min` for every level (or `any`)",
                    kind.id()
                ),
            );
        }
        if kind == Kind::Duration && section.is_none() && !scope.answer && scope.sections.is_empty()
        {
            cx.err(
                o,
                &spec.code,
                format!("{label}: a duration rule needs a `section` or the whole answer"),
            );
        }
        let only_levels = if spec.levels.is_empty() {
            None
        } else {
            Some(
                spec.levels
                    .iter()
                    .filter_map(|l| parse_id::<Level>(&mut cx, o, l))
                    .collect(),
            )
        };
        let only_lps = if spec.only_lps.is_empty() {
            None
        } else {
            Some(
                spec.only_lps
                    .iter()
                    .filter_map(|l| parse_id::<Lp>(&mut cx, o, l))
                    .collect(),
            )
        };
        let lps = spec
            .lps
            .iter()
            .filter_map(|l| parse_id::<Lp>(&mut cx, o, l))
            .collect();
        let cap = spec
            .cap
            .as_ref()
            .and_then(|c| parse_id::<Verdict>(&mut cx, o, c));
        let ceiling = spec
            .ceiling
            .as_ref()
            .and_then(|c| parse_id::<Verdict>(&mut cx, o, c));
        let cap_requires = spec
            .cap_requires
            .iter()
            .filter_map(|c| rule_ref(&mut cx, o, c))
            .collect();
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        if spec.message.as_deref().unwrap_or("").is_empty() {
            cx.err(o, &spec.code, format!("{label}: missing `message`"));
        }
        if spec.help.as_deref().unwrap_or("").is_empty() {
            cx.err(o, &spec.code, format!("{label}: missing `help`"));
        }
        let defined_at = cx
            .loc
            .line(o, spec.code.span().start)
            .map(|(file, line)| format!("{file}:{line}"))
            .unwrap_or_default();
        rules.push(Rule {
            id,
            code,
            name,
            kind,
            section,
            scope,
            severity,
            dimension,
            weight: spec.weight.unwrap_or(1.0),
            phrases: spec.phrases.clone(),
            patterns: spec.patterns.iter().map(|p| p.get_ref().clone()).collect(),
            sentence_start: spec.sentence_start.unwrap_or(false),
            skip_quoted: spec.skip_quoted.unwrap_or(false),
            unless_before,
            unless_sentence,
            unless_after,
            exclude_captures: exclude,
            coordinated,
            min,
            only_levels,
            only_lps,
            lps,
            cap,
            ceiling,
            cap_requires,
            max_findings: spec.max_findings.unwrap_or(50).max(1),
            message: text(&spec.message),
            help: text(&spec.help),
            why: text(&spec.why),
            hears: text(&spec.hears),
            coaching: text(&spec.coaching),
            mistake: text(&spec.mistake),
            summary: text(&spec.summary),
            praise: text(&spec.praise),
            weak: spec.weak.clone(),
            strong: spec.strong.clone(),
            source: text(&spec.source),
            defined_at,
            has_when: !spec.when.is_empty(),
        });
    }

    // Levels.
    let mut levels = Vec::new();
    for level in Level::ALL {
        let spec = file.levels.get(level.id()).cloned().unwrap_or_default();
        let off = spec
            .off
            .iter()
            .filter_map(|r| rule_ref(&mut cx, spec.origin, r))
            .collect();
        let severity = severity_overrides(
            &mut cx,
            spec.origin,
            &format!("level `{}`", level.id()),
            &spec.severity,
            &names,
            &is_removed,
        );
        let uncapped = spec
            .uncapped
            .iter()
            .filter_map(|r| rule_ref(&mut cx, spec.origin, r))
            .collect();
        levels.push(LevelProfile {
            uncapped,
            level: *level,
            answer_seconds: spec.answer_seconds.unwrap_or([120.0, 150.0]),
            off,
            severity,
            expects: spec.expects.unwrap_or_default(),
            bar: spec.bar.unwrap_or_default(),
            reflection: spec.reflection.unwrap_or_default(),
        });
    }
    for (key, spec) in &file.levels {
        if key.parse::<Level>().is_err() {
            cx.err_file(
                spec.origin,
                format!("unknown level `{key}` (valid: {})", Level::ids().join(", ")),
            );
        }
    }

    // LPs.
    let mut lps: Vec<LpProfile> = Vec::new();
    for (key, spec) in &file.lps {
        if key.parse::<Lp>().is_err() {
            cx.err_file(
                spec.origin,
                format!("unknown LP `{key}` (valid: {})", Lp::ids().join(", ")),
            );
        }
        for k in spec.weights.keys() {
            if Dimension::parse(k).is_none() {
                let valid: Vec<_> = Dimension::ALL.iter().map(|d| d.id()).collect();
                cx.err_file(
                    spec.origin,
                    format!(
                        "LP `{key}`: unknown dimension `{k}` (valid: {})",
                        valid.join(", ")
                    ),
                );
            }
        }
    }
    for lp in Lp::ALL {
        let spec = file.lps.get(lp.id()).cloned().unwrap_or_default();
        let mut weights = vec![1.0; Dimension::ALL.len()];
        for (k, v) in &spec.weights {
            if let Some(d) = Dimension::parse(k) {
                weights[d as usize] = *v;
            }
        }
        let disqualifiers = spec
            .disqualifiers
            .iter()
            .filter_map(|r| rule_ref(&mut cx, spec.origin, r))
            .collect();
        let severity = severity_overrides(
            &mut cx,
            spec.origin,
            &format!("LP `{}`", lp.id()),
            &spec.severity,
            &names,
            &is_removed,
        );
        lps.push(LpProfile {
            lp: *lp,
            weights,
            disqualifiers,
            severity,
            emphasize: spec.emphasize.clone().unwrap_or_default(),
            downplay: spec.downplay.clone().unwrap_or_default(),
            advice: spec.advice.clone().unwrap_or_default(),
        });
    }
    // `average = true` (general): the mean of every profile that is not itself an average.
    let averaged: Vec<usize> = Lp::ALL
        .iter()
        .filter(|lp| file.lps.get(lp.id()).is_some_and(|s| s.average))
        .map(|lp| *lp as usize)
        .collect();
    let concrete: Vec<Vec<f64>> = lps
        .iter()
        .enumerate()
        .filter(|(i, _)| !averaged.contains(i))
        .map(|(_, p)| p.weights.clone())
        .collect();
    if !concrete.is_empty() {
        for i in averaged {
            for d in 0..Dimension::ALL.len() {
                lps[i].weights[d] =
                    concrete.iter().map(|w| w[d]).sum::<f64>() / concrete.len() as f64;
            }
        }
    }

    // Probes.
    let mut probes = Vec::new();
    for p in &file.probes {
        // A probe that depends on a removed rule is dropped: asked on a disabled
        // `when-rules` alone it would become unconditional, and on a disabled
        // `unless-rules` it would ask about something nobody checked.
        if p.when_rules
            .iter()
            .chain(&p.unless_rules)
            .any(|n| is_removed(n))
            && (p.when_rules.iter().all(|n| is_removed(n))
                || p.unless_rules.iter().any(|n| is_removed(n)))
        {
            continue;
        }
        let find = |cx: &mut Ctx, n: &String| -> Option<RuleId> {
            let id = names.get(n.as_str()).copied();
            if id.is_none() && !is_removed(n) {
                cx.err_file(p.origin, format!("probe `{}`: unknown rule `{n}`", p.id));
            }
            id
        };
        let when_rules = p
            .when_rules
            .iter()
            .filter_map(|n| find(&mut cx, n))
            .collect();
        let unless_rules = p
            .unless_rules
            .iter()
            .filter_map(|n| find(&mut cx, n))
            .collect();
        let capture = p
            .capture
            .as_ref()
            .and_then(|c| cx.regex(p.origin, c, true, &format!("probe `{}` capture", p.id)));
        let mut capture_in = Vec::new();
        for s in &p.capture_in {
            if s != "answer" {
                match s.parse::<SectionKind>() {
                    Ok(k) => capture_in.push(k),
                    Err(e) => cx.err_file(p.origin, format!("probe `{}`: {e}", p.id)),
                }
            }
        }
        let parse_list = |cx: &mut Ctx, v: &Vec<String>| -> Option<Vec<Lp>> {
            if v.is_empty() {
                return None;
            }
            Some(
                v.iter()
                    .filter_map(|s| {
                        s.parse::<Lp>()
                            .map_err(|e| cx.err_file(p.origin, format!("probe `{}`: {e}", p.id)))
                            .ok()
                    })
                    .collect(),
            )
        };
        let only_lps = parse_list(&mut cx, &p.only_lps);
        let levels = if p.levels.is_empty() {
            None
        } else {
            Some(
                p.levels
                    .iter()
                    .filter_map(|s| {
                        s.parse::<Level>()
                            .map_err(|e| cx.err_file(p.origin, format!("probe `{}`: {e}", p.id)))
                            .ok()
                    })
                    .collect(),
            )
        };
        probes.push(Probe {
            id: p.id.clone(),
            question: p.question.clone(),
            tests: p.tests.clone(),
            strong: p.strong.clone(),
            weak: p.weak.clone().unwrap_or_default(),
            when_rules,
            unless_rules,
            capture,
            capture_in,
            only_lps,
            levels,
            priority: p.priority,
            group: p.group.clone(),
        });
    }
    probes.sort_by_key(|p| std::cmp::Reverse(p.priority));

    let mut combined_summaries = Vec::new();
    for c in &file.combined_summaries {
        if c.rules.iter().any(|n| is_removed(n)) {
            continue;
        }
        let mut rules = Vec::new();
        for n in &c.rules {
            match names.get(n.as_str()) {
                Some(id) => rules.push(*id),
                None => cx.err_file(
                    c.origin,
                    format!("combined-summary `{}`: unknown rule `{n}`", c.text),
                ),
            }
        }
        combined_summaries.push(CombinedSummary {
            rules,
            text: c.text.clone(),
        });
    }
    let half_score_cost = file.half_score_cost.unwrap_or(120.0);
    if half_score_cost <= 0.0 {
        cx.err_file(file.origin, "half-score-cost must be positive".into());
    }

    let matcher = match b.build() {
        Ok(m) => m,
        Err(e) => {
            cx.err_file(0, format!("phrase automaton: {e}"));
            Matcher::default()
        }
    };

    if !cx.errors.0.is_empty() {
        return Err(cx.errors);
    }
    Ok(CompiledRubric {
        wpm,
        over_factor,
        bands,
        points,
        half_score_cost,
        combined_summaries,
        sections,
        levels,
        lps,
        rules,
        probes,
        matcher,
        label_map,
    })
}

#[cfg(test)]
mod tests {
    use crate::ids::{Level, Lp};
    use crate::rubric::{build, CompiledRubric, RubricSource};

    fn with_overlay(text: &str) -> CompiledRubric {
        let overlay = RubricSource {
            name: "overlay.toml".into(),
            text: text.into(),
        };
        build(Some(overlay)).unwrap_or_else(|e| panic!("overlay does not compile:\n{e}"))
    }

    fn fires(rubric: &CompiledRubric, text: &str, rule: &str) -> bool {
        crate::check_snippet(text, None, Lp::Ownership, Level::Sde2, rubric)
            .iter()
            .any(|r| r == rule)
    }

    /// An overlay that disables a rule drops its phrases; one that extends a rule's
    /// phrases adds them.
    #[test]
    fn overlays_drop_and_add_phrases() {
        let helped = "I helped with the rota and the audit.";
        let pitched = "I pitched in somewhat on the rota and the audit.";
        let rule = "low-calorie-claim";
        let embedded = build(None).expect("embedded rubric");
        assert!(fires(&embedded, helped, rule) && !fires(&embedded, pitched, rule));
        let dropped = with_overlay(&format!("disable = [\"{rule}\"]\n"));
        assert!(!fires(&dropped, helped, rule));
        let added = with_overlay(&format!(
            "[extend-phrases]\n{rule} = [\"Pitched in somewhat\"]\n"
        ));
        assert!(fires(&added, helped, rule) && fires(&added, pitched, rule));
    }

    #[test]
    fn owner_tags_round_trip() {
        use super::{Cue, Owner};
        use crate::ids::SectionKind;
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
