//! Turn rule specs into [`Rule`]s: names and codes into ids, ids into sections, levels,
//! LPs and verdicts, phrases and patterns into the matcher, and each kind's parameters into
//! its [`Check`].
//!
//! Rule names come first, because everything else refers to them; a reference to a rule
//! that `disable` removed is dropped quietly, any other unknown reference is a problem at
//! its position.

use super::compiled::{Dimension, Owner, Rule, RuleId, Scope};
use super::defaults;
use super::kinds::{Check, Counting, Kind, StoryFlag};
use super::model::Points;
use super::model::{Located, RubricFile, RuleSpec};
use super::problems::Problems;
use super::validate;
use crate::ids::{Level, Lp, SectionKind, Verdict};
use crate::matcher::{MatcherBuilder, MAX_PHRASE_BYTES};
use crate::report::Severity;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::collections::BTreeMap;

/// Rule ids by name and by code, and what `disable` removed.
pub(super) struct Names {
    names: HashMap<String, RuleId>,
    codes: HashMap<String, RuleId>,
    removed: FxHashSet<String>,
}

impl Names {
    /// Apply `disable` to `file`'s rules and number the rest; returns them in id order.
    pub fn new(p: &mut Problems, file: &mut RubricFile) -> (Names, Vec<RuleSpec>) {
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
                p.err(d, format!("`disable` names unknown rule `{}`", d.get_ref()));
            }
        }
        let is_disabled = |r: &RuleSpec| {
            let code = r.code.get_ref().to_ascii_lowercase();
            let name = r.name.as_ref().map(|n| n.get_ref().to_ascii_lowercase());
            disabled
                .iter()
                .any(|d| *d == code || Some(d) == name.as_ref())
        };
        // Codes and names of the rules `disable` removes: references to them elsewhere
        // (probes, LP and level profiles, combined phrases) are dropped quietly.
        let removed = file
            .rules
            .iter()
            .filter(|r| is_disabled(r))
            .flat_map(|r| {
                let mut v = vec![r.code.get_ref().to_ascii_lowercase()];
                v.extend(r.name.as_ref().map(|n| n.get_ref().to_ascii_lowercase()));
                v
            })
            .collect();
        let specs: Vec<RuleSpec> = std::mem::take(&mut file.rules)
            .into_iter()
            .filter(|r| !is_disabled(r))
            .collect();
        let mut names = Names {
            names: HashMap::default(),
            codes: HashMap::default(),
            removed,
        };
        for (i, r) in specs.iter().enumerate() {
            validate::code(p, &r.code);
            let code = r.code.get_ref();
            if names.codes.insert(code.to_ascii_uppercase(), i).is_some() {
                p.err(&r.code, format!("duplicate rule code `{code}`"));
            }
            match &r.name {
                None => p.err(&r.code, format!("rule `{code}` has no `name`")),
                Some(n) => {
                    validate::name(p, n);
                    if names.names.insert(n.get_ref().clone(), i).is_some() {
                        p.err(n, format!("duplicate rule name `{}`", n.get_ref()));
                    }
                }
            }
        }
        for key in file.extend_phrases.keys() {
            if !specs.iter().any(|r| {
                r.code.get_ref().eq_ignore_ascii_case(key)
                    || r.name.as_ref().is_some_and(|n| n.get_ref() == key)
            }) {
                p.err_file(
                    p.lines.last(),
                    format!("`extend-phrases` names unknown rule `{key}`"),
                );
            }
        }
        (names, specs)
    }

    /// Did `disable` remove the rule with this code or name?
    pub fn is_removed(&self, key: &str) -> bool {
        self.removed.contains(&key.trim().to_ascii_lowercase())
    }

    /// The rule with this name.
    pub fn by_name(&self, name: &str) -> Option<RuleId> {
        self.names.get(name).copied()
    }

    /// The rule `s` names (a name or a code), or a problem at `s`.
    pub fn rule_ref(&self, p: &mut Problems, s: &Located<String>) -> Option<RuleId> {
        let key = s.get_ref();
        let found = self
            .names
            .get(key.as_str())
            .or_else(|| self.codes.get(&key.to_ascii_uppercase()))
            .copied();
        if found.is_none() && !self.is_removed(key) {
            p.err(s, format!("unknown rule `{key}`"));
        }
        found
    }
}

/// Every rule, compiled: its phrases and patterns go into `b`.
pub(super) fn rules(
    p: &mut Problems,
    b: &mut MatcherBuilder,
    specs: &[RuleSpec],
    extend: &BTreeMap<String, Vec<String>>,
    names: &Names,
    points: Points,
) -> Vec<Rule> {
    specs
        .iter()
        .enumerate()
        .map(|(id, spec)| rule(p, b, id, spec, extend, names, points))
        .collect()
}

fn rule(
    p: &mut Problems,
    b: &mut MatcherBuilder,
    id: RuleId,
    spec: &RuleSpec,
    extend: &BTreeMap<String, Vec<String>>,
    names: &Names,
    points: Points,
) -> Rule {
    let code = spec.code.get_ref().clone();
    let name = spec
        .name
        .as_ref()
        .map(|n| n.get_ref().clone())
        .unwrap_or_default();
    let label = format!("rule {code} ({name})");
    let kind = match &spec.kind {
        Some(k) => Kind::parse(k.get_ref()).unwrap_or_else(|| {
            let valid: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
            p.err(
                k,
                format!(
                    "{label}: unknown kind `{}` (valid: {})",
                    k.get_ref(),
                    valid.join(", ")
                ),
            );
            Kind::Match
        }),
        None => {
            p.err(&spec.code, format!("{label}: missing `kind`"));
            Kind::Match
        }
    };
    if spec
        .kind
        .as_ref()
        .is_some_and(|k| Kind::parse(k.get_ref()).is_some())
    {
        validate::kind_keys(p, spec, kind, &label);
    }
    let section = spec.section.as_ref().and_then(|s| p.id::<SectionKind>(s));
    let baseline = (!spec.baseline.is_empty()).then(|| scope(p, &spec.baseline, None));
    let scope = scope(p, &spec.scope, section);
    let severity = match &spec.severity {
        Some(s) => s.get_ref().parse::<Severity>().unwrap_or_else(|()| {
            p.err(
                s,
                format!(
                    "{label}: unknown severity `{}` (valid: error, warning, info)",
                    s.get_ref()
                ),
            );
            defaults::SEVERITY
        }),
        None => defaults::SEVERITY,
    };
    let dimension = match &spec.dimension {
        Some(d) => d.get_ref().parse::<Dimension>().unwrap_or_else(|e| {
            p.err(d, format!("{label}: {e}"));
            defaults::DIMENSION
        }),
        None => defaults::DIMENSION,
    };
    let clause = spec.clause.as_ref().and_then(|c| {
        match c.get_ref().clone().try_into::<crate::nlp::ClauseSpec>() {
            Ok(spec) => Some(crate::nlp::ClauseFilter::new(spec)),
            Err(e) => {
                p.err(c, format!("{label}: `clause`: {e}"));
                None
            }
        }
    });
    let exclude_captures: Vec<String> = spec
        .exclude_captures
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    triggers(
        p,
        b,
        id,
        spec,
        kind,
        extend,
        &label,
        &code,
        &name,
        !exclude_captures.is_empty(),
    );
    let check = check(p, spec, kind, &label, exclude_captures, clause.is_some());
    if kind == Kind::Duration && section.is_none() && !scope.answer && scope.sections.is_empty() {
        p.err(
            &spec.code,
            format!("{label}: a duration rule needs a `section` or the whole answer"),
        );
    }
    let only_levels = (!spec.levels.is_empty()).then(|| {
        spec.levels
            .iter()
            .filter_map(|l| p.id::<Level>(l))
            .collect()
    });
    let only_lps = (!spec.only_lps.is_empty())
        .then(|| spec.only_lps.iter().filter_map(|l| p.id::<Lp>(l)).collect());
    let lps = spec.lps.iter().filter_map(|l| p.id::<Lp>(l)).collect();
    let cap = spec.cap.as_ref().and_then(|c| p.id::<Verdict>(c));
    let ceiling = spec.ceiling.as_ref().and_then(|c| p.id::<Verdict>(c));
    let cap_requires = spec
        .cap_requires
        .iter()
        .filter_map(|c| names.rule_ref(p, c))
        .collect();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    if spec.message.as_deref().unwrap_or("").is_empty() {
        p.err(&spec.code, format!("{label}: missing `message`"));
    }
    if spec.help.as_deref().unwrap_or("").is_empty() {
        p.err(&spec.code, format!("{label}: missing `help`"));
    }
    let defined_at = p
        .lines
        .line(spec.code.origin, spec.code.span().start)
        .map(|(file, line)| format!("{file}:{line}"))
        .unwrap_or_default();
    Rule {
        id,
        code,
        name,
        kind,
        check,
        section,
        scope,
        baseline,
        severity,
        dimension,
        weight: spec
            .weight
            .as_ref()
            .map_or(defaults::RULE_WEIGHT, |w| *w.get_ref()),
        penalty: spec.penalty.as_ref().map_or_else(
            || {
                // An absence costs nothing beyond the credit it does not earn.
                if kind == Kind::Require {
                    0.0
                } else {
                    let base = match severity {
                        Severity::Error => points.error,
                        Severity::Warning => points.warning,
                        Severity::Info => points.info,
                    };
                    base * spec
                        .weight
                        .as_ref()
                        .map_or(defaults::RULE_WEIGHT, |w| *w.get_ref())
                }
            },
            |v| *v.get_ref(),
        ),
        credit: spec
            .credit
            .as_ref()
            .map_or(defaults::CREDIT, |v| *v.get_ref()),
        credit_max: spec
            .credit_max
            .as_ref()
            .map_or(defaults::CREDIT_MAX, |v| *v.get_ref()),
        thin_credit_max: spec
            .thin_credit_max
            .as_ref()
            .map_or(defaults::CREDIT_MAX, |v| *v.get_ref()),
        unrelated_credit: spec.unrelated_credit.as_ref().map(|v| *v.get_ref()),
        voids_credit: spec.voids_credit.unwrap_or(false),
        clause,
        phrases: spec.phrases.clone(),
        patterns: spec.patterns.iter().map(|p| p.get_ref().clone()).collect(),
        only_levels,
        only_lps,
        lps,
        cap,
        ceiling,
        cap_requires,
        max_findings: spec.max_findings.unwrap_or(defaults::MAX_FINDINGS).max(1),
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
    }
}

/// Where a rule looks: its `scope` (or `baseline`), or else its section, or else the whole
/// answer.
fn scope(p: &mut Problems, names: &[Located<String>], section: Option<SectionKind>) -> Scope {
    let mut scope = Scope::default();
    for s in names {
        match s.get_ref().as_str() {
            "answer" => scope.answer = true,
            "before-action" => scope.before_action = true,
            "after-first-action" => scope.after_first_action = true,
            _ => {
                if let Some(k) = p.id::<SectionKind>(s) {
                    scope.sections.push(k);
                }
            }
        }
    }
    if names.is_empty() {
        match section {
            Some(s) => scope.sections.push(s),
            None => scope.answer = true,
        }
    }
    scope
}

/// The rule's phrases (with `extend-phrases`) and regexes, into the matcher.
#[allow(clippy::too_many_arguments)]
fn triggers(
    p: &mut Problems,
    b: &mut MatcherBuilder,
    id: RuleId,
    spec: &RuleSpec,
    kind: Kind,
    extend: &BTreeMap<String, Vec<String>>,
    label: &str,
    code: &str,
    name: &str,
    captures: bool,
) {
    let was_over = b.over_limit();
    for phrase in &spec.phrases {
        b.phrase(phrase, Owner::Trigger(id).tag());
    }
    if let Some(extra) = extend
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(code) || *k == name)
        .map(|(_, v)| v)
        .next()
    {
        for phrase in extra {
            b.phrase(phrase, Owner::Trigger(id).tag());
        }
    }
    if b.over_limit() && !was_over {
        p.err(
            &spec.code,
            format!("{label}: its phrases take the rubric's phrases past {MAX_PHRASE_BYTES} bytes (the limit)"),
        );
    }
    let ci = !spec.case_sensitive.unwrap_or(false);
    for pattern in &spec.patterns {
        if let Some(re) = p.regex(pattern, ci, label) {
            // A `require` rule needs one counted hit, not all of them: its check searches
            // its patterns itself, one by one, until one counts.
            if kind == Kind::Require {
                b.regex_on_demand(re, Owner::Trigger(id).tag(), captures);
            } else {
                b.regex(re, Owner::Trigger(id).tag(), captures);
            }
        }
    }
    for pattern in &spec.when {
        if let Some(re) = p.regex(pattern, true, &format!("{label} `when`")) {
            b.regex(re, Owner::When(id).tag(), false);
        }
    }
    for pattern in &spec.before {
        if let Some(re) = p.regex(pattern, true, &format!("{label} `before`")) {
            b.regex(re, Owner::Before(id).tag(), false);
        }
    }
}

/// The kind's parameters; problems where one it needs is missing.
fn check(
    p: &mut Problems,
    spec: &RuleSpec,
    kind: Kind,
    label: &str,
    exclude_captures: Vec<String>,
    has_clause: bool,
) -> Check {
    let mut regex = |s: &Option<Located<String>>, what: &str| {
        s.as_ref()
            .and_then(|r| p.regex(r, true, &format!("{label} `{what}`")))
    };
    let counting = Box::new(Counting {
        sentence_start: spec.sentence_start.unwrap_or(false),
        skip_quoted: spec.skip_quoted.unwrap_or(false),
        unless_before: regex(&spec.unless_before, "unless-before"),
        unless_sentence: regex(&spec.unless_sentence, "unless-sentence"),
        unless_after: regex(&spec.unless_after, "unless-after"),
        unless_later: regex(&spec.unless_later, "unless-later"),
        exclude_captures,
    });
    let coordinated = regex(&spec.coordinated, "coordinated").map(Box::new);
    if kind.has_triggers() && spec.phrases.is_empty() && spec.patterns.is_empty() && !has_clause {
        p.err(
            &spec.code,
            format!(
                "{label}: a `{}` rule needs `phrases`, `patterns` or a `clause`",
                kind.id()
            ),
        );
    }
    let min = min(p, spec, kind, label);
    match kind {
        Kind::Match => Check::Match(counting),
        Kind::Require => Check::Require {
            counting,
            when: !spec.when.is_empty(),
        },
        Kind::Count => Check::Count {
            counting,
            min,
            coordinated,
        },
        Kind::Duration => Check::Duration,
        Kind::Structure => Check::Structure,
        Kind::Density => Check::Density { min },
        Kind::Credit => Check::Credit(counting),
        Kind::Story => {
            let flag = match &spec.story {
                Some(f) => StoryFlag::ALL
                    .iter()
                    .find(|(id, _)| id == f.get_ref())
                    .map(|(_, flag)| *flag)
                    .unwrap_or_else(|| {
                        let valid: Vec<&str> = StoryFlag::ALL.iter().map(|(id, _)| *id).collect();
                        p.err(
                            f,
                            format!(
                                "{label}: unknown `story` `{}` (valid: {})",
                                f.get_ref(),
                                valid.join(", ")
                            ),
                        );
                        StoryFlag::Hypothetical
                    }),
                None => {
                    p.err(&spec.code, format!("{label}: a `story` rule needs `story`"));
                    StoryFlag::Hypothetical
                }
            };
            Check::Story { flag, min }
        }
    }
}

/// `min` per level (`any` for every level, a level's own value over it).
fn min(p: &mut Problems, spec: &RuleSpec, kind: Kind, label: &str) -> [f64; 3] {
    let mut min = [None; 3];
    if let Some(any) = spec.min.get("any") {
        min = [Some(*any.get_ref()); 3];
    }
    for (k, v) in &spec.min {
        match k.parse::<Level>() {
            Ok(l) => min[l as usize] = Some(*v.get_ref()),
            Err(e) if k != "any" => p.err(&spec.code, format!("{label}: `min`: {e}")),
            Err(_) => {}
        }
    }
    if matches!(kind, Kind::Count | Kind::Density | Kind::Story) && min.iter().any(Option::is_none)
    {
        p.err(
            &spec.code,
            format!(
                "{label}: a `{}` rule needs `min` for every level (or `any`)",
                kind.id()
            ),
        );
    }
    min.map(|m| m.unwrap_or(0.0))
}
