//! The quick quiz the seeds end with ("Which phrase best demonstrates ownership in the
//! Action step?"), as data: each question names the rules it is about, its right option
//! fires none of them and each wrong option names the rule it fires, so a test can hold
//! the quiz to the rubric (a quiz that disagreed with the linter would teach the wrong
//! thing).

use super::model::QuizSpec;
use crate::ids::{Lp, SectionKind};

/// Check one quiz question's shape (the rule check needs the rubric: see the tests).
pub fn check_spec(q: &QuizSpec, errors: &mut Vec<String>) {
    let at = format!("quiz `{}`", q.id);
    let right = q.option.iter().filter(|o| o.correct).count();
    if right != 1 {
        errors.push(format!("{at}: {right} right options; it needs exactly one"));
    }
    if q.option.len() < 3 {
        errors.push(format!("{at}: needs at least three options"));
    }
    for o in q.option.iter().filter(|o| !o.correct) {
        if o.fires.is_none() {
            errors.push(format!(
                "{at}: the wrong option `{}` names no rule it fires",
                o.text
            ));
        }
    }
    let sections = q
        .section
        .iter()
        .chain(q.option.iter().filter_map(|o| o.section.as_ref()));
    for s in sections {
        if let Err(e) = s.parse::<SectionKind>() {
            errors.push(format!("{at}: {e}"));
        }
    }
    if let Some(lp) = &q.lp {
        if let Err(e) = lp.parse::<Lp>() {
            errors.push(format!("{at}: {e}"));
        }
    }
}

/// The index of the right option.
pub fn answer(q: &QuizSpec) -> Option<usize> {
    q.option.iter().position(|o| o.correct)
}
