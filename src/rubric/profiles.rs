//! Sections, levels and LPs: the profiles an answer is judged against.
//!
//! A section has labels, a target and the cues that infer it in unlabelled text (they go
//! into the matcher with the rules' phrases); a level has its target length, rules it turns
//! off and severity overrides; an LP has dimension weights, disqualifiers and severity
//! overrides. Every profile exists for every id, filled with defaults where the rubric is
//! silent; an id the rubric names that does not exist is a problem.

use super::compiled::{Cue, Dimension, LevelProfile, LpProfile, Owner, RuleId, SectionProfile};
use super::defaults;
use super::model::{Bands, Located, RubricFile};
use super::problems::Problems;
use super::resolve::Names;
use crate::ids::{Level, Lp, SectionKind};
use crate::matcher::{MatcherBuilder, MAX_PHRASE_BYTES};
use crate::report::Severity;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Every section's profile, in contract order, and the map from label words to sections.
/// Cues go into `b`.
pub(super) fn sections(
    p: &mut Problems,
    b: &mut MatcherBuilder,
    file: &RubricFile,
) -> (Vec<SectionProfile>, HashMap<String, SectionKind>) {
    let mut sections = Vec::new();
    let mut label_map = HashMap::default();
    for kind in SectionKind::ALL {
        let spec = file.sections.get(kind.id()).cloned().unwrap_or_default();
        let dimension = spec
            .dimension
            .as_deref()
            .and_then(|d| d.parse::<Dimension>().ok())
            .unwrap_or(defaults::DIMENSION);
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
            p.err_file(
                spec.origin,
                format!(
                    "section `{}`: its cues take the rubric's phrases past {MAX_PHRASE_BYTES} bytes (the limit)",
                    kind.id()
                ),
            );
        }
        for pattern in &spec.cue_patterns {
            if let Some(re) = p.regex(pattern, true, &format!("section `{}` cue", kind.id())) {
                b.regex(re, cue(Cue::Pattern), false);
            }
        }
        let number =
            |n: &Option<Located<f64>>, default: f64| n.as_ref().map_or(default, |n| *n.get_ref());
        sections.push(SectionProfile {
            kind: *kind,
            target_seconds: number(&spec.target_seconds, defaults::TARGET_SECONDS),
            labels: spec.labels.clone(),
            dimension,
            missing_weight: number(&spec.missing_weight, defaults::MISSING_WEIGHT),
        });
    }
    for (key, spec) in &file.sections {
        if key.parse::<SectionKind>().is_err() {
            p.err_file(
                spec.origin,
                format!(
                    "unknown section `{key}` (valid: {})",
                    SectionKind::ids().join(", ")
                ),
            );
        }
    }
    (sections, label_map)
}

/// Every level's profile, in contract order.
pub(super) fn levels(p: &mut Problems, file: &RubricFile, names: &Names) -> Vec<LevelProfile> {
    let mut levels = Vec::new();
    for level in Level::ALL {
        let spec = file.levels.get(level.id()).cloned().unwrap_or_default();
        let off = spec
            .off
            .iter()
            .filter_map(|r| names.rule_ref(p, r))
            .collect();
        let severity =
            severity_overrides(p, &format!("level `{}`", level.id()), &spec.severity, names);
        let uncapped = spec
            .uncapped
            .iter()
            .filter_map(|r| names.rule_ref(p, r))
            .collect();
        let mut targets = [None; 7];
        for (k, v) in &spec.targets {
            match k.parse::<Dimension>() {
                Ok(d) => targets[d.index()] = Some(*v.get_ref()),
                Err(e) => p.err(v, format!("level `{}`: `targets`: {e}", level.id())),
            }
        }
        levels.push(LevelProfile {
            targets,
            uncapped,
            level: *level,
            answer_seconds: spec
                .answer_seconds
                .as_ref()
                .map_or(defaults::ANSWER_SECONDS, |a| *a.get_ref()),
            off,
            severity,
            expects: spec.expects.unwrap_or_default(),
            bar: spec.bar.unwrap_or_default(),
            reflection: spec.reflection.unwrap_or_default(),
        });
    }
    for (key, spec) in &file.levels {
        if key.parse::<Level>().is_err() {
            p.err_file(
                spec.origin,
                format!("unknown level `{key}` (valid: {})", Level::ids().join(", ")),
            );
        }
    }
    levels
}

/// Every LP's profile, in contract order; `average = true` takes the mean of the others.
pub(super) fn lps(p: &mut Problems, file: &RubricFile, names: &Names) -> Vec<LpProfile> {
    for (key, spec) in &file.lps {
        if key.parse::<Lp>().is_err() {
            p.err_file(
                spec.origin,
                format!("unknown LP `{key}` (valid: {})", Lp::ids().join(", ")),
            );
        }
        for (k, v) in &spec.weights {
            if let Err(e) = k.parse::<Dimension>() {
                p.err(v, format!("LP `{key}`: {e}"));
            }
        }
    }
    let mut lps: Vec<LpProfile> = Vec::new();
    for lp in Lp::ALL {
        let spec = file.lps.get(lp.id()).cloned().unwrap_or_default();
        let mut weights = [defaults::LP_WEIGHT; 7];
        for (k, v) in &spec.weights {
            if let Ok(d) = k.parse::<Dimension>() {
                weights[d.index()] = *v.get_ref();
            }
        }
        let disqualifiers = spec
            .disqualifiers
            .iter()
            .filter_map(|r| names.rule_ref(p, r))
            .collect();
        let severity = severity_overrides(p, &format!("LP `{}`", lp.id()), &spec.severity, names);
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
    let concrete: Vec<[f64; 7]> = lps
        .iter()
        .enumerate()
        .filter(|(i, _)| !averaged.contains(i))
        .map(|(_, p)| p.weights)
        .collect();
    if !concrete.is_empty() {
        for i in averaged {
            for d in 0..7 {
                lps[i].weights[d] =
                    concrete.iter().map(|w| w[d]).sum::<f64>() / concrete.len() as f64;
            }
        }
    }
    lps
}

/// Severity overrides by rule name (`off` turns the rule off), for an LP or a level.
fn severity_overrides(
    p: &mut Problems,
    owner: &str,
    specs: &BTreeMap<String, Located<String>>,
    names: &Names,
) -> Vec<(RuleId, Option<Severity>)> {
    let mut out = Vec::new();
    for (rule, sev) in specs {
        let Some(id) = names.by_name(rule) else {
            if !names.is_removed(rule) {
                p.err(sev, format!("{owner}: unknown rule `{rule}`"));
            }
            continue;
        };
        match sev.get_ref().as_str() {
            "off" => out.push((id, None)),
            s => match s.parse::<Severity>() {
                Ok(v) => out.push((id, Some(v))),
                Err(()) => p.err(
                    sev,
                    format!("{owner}: unknown severity `{s}` (valid: error, warning, info, off)"),
                ),
            },
        }
    }
    out
}

/// How evidence becomes ratings and a verdict: each dimension's parameters and the verdict
/// rules, checked where the rubric wrote them.
pub(super) fn judge(p: &mut Problems, file: &RubricFile, bands: Bands) -> crate::judge::Params {
    let mut dimensions = [defaults::DIMENSION_PARAMS; 7];
    for (k, v) in &file.dimensions {
        let d = match k.parse::<Dimension>() {
            Ok(d) => d,
            Err(e) => {
                p.err(v, format!("`[dimensions]`: {e}"));
                continue;
            }
        };
        match v
            .get_ref()
            .clone()
            .try_into::<crate::judge::DimensionParams>()
        {
            Ok(params) => {
                let ok = [params.target, params.base, params.strong, params.adequate]
                    .iter()
                    .all(|x| x.is_finite() && *x >= 0.0)
                    && params.target > 0.0;
                if ok {
                    dimensions[d.index()] = params;
                } else {
                    p.err(
                        v,
                        format!("dimension `{k}`: every number must be finite and 0 or more, and `target` above 0"),
                    );
                }
            }
            Err(e) => p.err(v, format!("dimension `{k}`: {e}")),
        }
    }
    let mut verdicts = Vec::new();
    for v in &file.verdicts {
        match v.get_ref().clone().try_into::<crate::judge::VerdictRule>() {
            Ok(rule) => verdicts.push(rule),
            Err(e) => p.err(v, format!("`[[verdict]]`: {e}")),
        }
    }
    for w in verdicts.windows(2) {
        if w[0].verdict <= w[1].verdict {
            p.err_file(
                file.origin,
                format!(
                    "`[[verdict]]` rules must run from the highest verdict down (`{}` before `{}`)",
                    w[0].verdict.id(),
                    w[1].verdict.id()
                ),
            );
        }
    }
    crate::judge::Params {
        dimensions,
        verdicts,
        bands: crate::judge::Bands {
            strong_hire: bands.strong_hire,
            hire: bands.hire,
            leaning_no_hire: bands.leaning_no_hire,
        },
    }
}
