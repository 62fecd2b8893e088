//! Checks on what a rubric says that build nothing: the format of codes and names, the
//! keys each rule kind takes, numbers that must be finite and in range, and an overlay
//! that would quietly fold a new rule into a built-in one.
//!
//! Each problem is reported at the value (or key) that causes it, in the file that wrote
//! it, so an overlay's mistakes point into the overlay.

use super::kinds::Kind;
use super::model::{Located, RubricFile, RuleSpec};
use super::problems::Problems;

/// A rule code is letters and digits.
pub(super) fn code(p: &mut Problems, code: &Located<String>) {
    let c = code.get_ref();
    if c.is_empty() || !c.chars().all(|c| c.is_ascii_alphanumeric()) {
        p.err(code, format!("rule code `{c}` must be letters and digits"));
    }
}

/// A rule name is kebab-case.
pub(super) fn name(p: &mut Problems, name: &Located<String>) {
    let n = name.get_ref();
    if n.is_empty()
        || !n
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        p.err(name, format!("rule name `{n}` must be kebab-case"));
    }
}

/// Every key of `spec` that belongs to another kind than `kind`, at the key.
pub(super) fn kind_keys(p: &mut Problems, spec: &RuleSpec, kind: Kind, label: &str) {
    let takes = kind.keys();
    for key in &spec.keys {
        let k = key.get_ref().as_str();
        if Kind::is_kind_key(k) && !takes.contains(&k) {
            let valid = if takes.is_empty() {
                "none beyond those every rule takes".to_string()
            } else {
                takes.join(", ")
            };
            p.err(
                key,
                format!(
                    "{label}: `{k}` does not apply to a `{}` rule (its own keys: {valid})",
                    kind.id()
                ),
            );
        }
    }
}

/// A number that must be finite and not below zero.
fn non_negative(p: &mut Problems, n: &Located<f64>, what: &str) {
    let v = *n.get_ref();
    if !v.is_finite() || v < 0.0 {
        p.err(
            n,
            format!("{what} must be a finite number, 0 or more (not {v})"),
        );
    }
}

/// A number that must be finite and above zero.
fn positive(p: &mut Problems, n: &Located<f64>, msg: &str) {
    let v = *n.get_ref();
    if !v.is_finite() || v <= 0.0 {
        p.err(n, msg.to_string());
    }
}

/// The rubric-wide settings and every number a rubric gives.
pub(super) fn numbers(p: &mut Problems, file: &RubricFile) {
    if let Some(v) = &file.version {
        if *v.get_ref() != 1 {
            p.err(
                v,
                format!(
                    "unsupported rubric version {} (this starlint reads version 1)",
                    v.get_ref()
                ),
            );
        }
    }
    let rate = "words-per-minute and over-factor must be positive";
    if let Some(w) = &file.words_per_minute {
        positive(p, w, rate);
    }
    if let Some(o) = &file.over_factor {
        positive(p, o, rate);
    }
    if let Some(b) = &file.bands {
        let v = b.get_ref();
        let finite = [v.strong_hire, v.hire, v.leaning_no_hire]
            .iter()
            .all(|x| x.is_finite());
        let ordered = v.strong_hire > v.hire && v.hire > v.leaning_no_hire;
        if !(finite && ordered) {
            p.err(
                b,
                "bands must satisfy strong_hire > hire > leaning_no_hire".into(),
            );
        }
    }
    if let Some(points) = &file.points {
        let v = points.get_ref();
        for (what, n) in [("error", v.error), ("warning", v.warning), ("info", v.info)] {
            if !n.is_finite() || n < 0.0 {
                p.err(
                    points,
                    format!("points.{what} must be a finite number, 0 or more (not {n})"),
                );
            }
        }
    }
    if let Some(h) = &file.half_score_cost {
        positive(p, h, "half-score-cost must be positive");
    }
    for (id, s) in &file.sections {
        for (what, n) in [
            ("target-seconds", &s.target_seconds),
            ("missing-weight", &s.missing_weight),
        ] {
            if let Some(n) = n {
                non_negative(p, n, &format!("section `{id}`: {what}"));
            }
        }
    }
    for (id, l) in &file.levels {
        if let Some(a) = &l.answer_seconds {
            let [low, high] = *a.get_ref();
            if !(low.is_finite() && high.is_finite() && 0.0 <= low && low <= high) {
                p.err(
                    a,
                    format!(
                        "level `{id}`: answer-seconds must be [low, high] with 0 <= low <= high"
                    ),
                );
            }
        }
    }
    for (id, lp) in &file.lps {
        for (d, w) in &lp.weights {
            non_negative(p, w, &format!("LP `{id}`: weight of `{d}`"));
        }
    }
    for r in &file.rules {
        let code = r.code.get_ref();
        if let Some(w) = &r.weight {
            non_negative(p, w, &format!("rule {code}: weight"));
        }
        for (level, m) in &r.min {
            non_negative(p, m, &format!("rule {code}: min.{level}"));
        }
        if let Some(t) = &r.thin_credit_max {
            non_negative(p, t, &format!("rule {code}: thin-credit-max"));
        }
        if let Some(t) = &r.unrelated_credit {
            non_negative(p, t, &format!("rule {code}: unrelated-credit"));
        }
    }
}

/// Rules of an overlay (`over`) that take the name of a rule of `base` under another code:
/// a rule's name belongs to one code, so this would either hide the built-in rule's
/// meaning or be merged into it without a word.
pub(super) fn reused_names(p: &mut Problems, base: &RubricFile, over: &RubricFile) {
    for rule in &over.rules {
        let Some(name) = &rule.name else { continue };
        let code = rule.code.get_ref();
        if base
            .rules
            .iter()
            .any(|r| r.code.get_ref().eq_ignore_ascii_case(code))
        {
            continue;
        }
        if let Some(known) = base.rules.iter().find(|r| {
            r.name
                .as_ref()
                .is_some_and(|n| n.get_ref() == name.get_ref())
        }) {
            let known = known.code.get_ref();
            p.err(
                name,
                format!(
                    "rule {code}: the name `{}` belongs to rule {known}; give the new rule its own name, or use code {known} to change that rule",
                    name.get_ref()
                ),
            );
        }
    }
}
