//! The rubric's own examples as tests (Harper's `test "bad" "good"` lines): every weak
//! example must fire its rule and no strong example may. `starlint rubric check` runs this
//! on a user's rubric, and a unit test runs it on the embedded one, so a rule cannot ship
//! with examples that disagree with it.

use super::CompiledRubric;
use crate::ids::{Level, Lp};

/// Every weak example must fire its rule and no strong example may (Harper's `test` lines).
pub fn example_problems(rubric: &CompiledRubric) -> Vec<String> {
    let mut out = Vec::new();
    for r in &rubric.rules {
        let lp = r
            .only_lps
            .as_ref()
            .and_then(|l| l.first().copied())
            .unwrap_or(Lp::General);
        let level = r
            .only_levels
            .as_ref()
            .and_then(|l| l.first().copied())
            .unwrap_or(Level::Sde2);
        // A rule about several sections is shown its examples as the first of them.
        let section = r.section.or_else(|| r.scope.sections.first().copied());
        for w in &r.weak {
            if !crate::check_snippet(w, section, lp, level, rubric).contains(&r.name) {
                out.push(format!(
                    "rule {} ({}): weak example does not fire: {w}",
                    r.code, r.name
                ));
            }
        }
        for s in &r.strong {
            if crate::check_snippet(s, section, lp, level, rubric).contains(&r.name) {
                out.push(format!(
                    "rule {} ({}): strong example fires: {s}",
                    r.code, r.name
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_rubric_examples_hold() {
        let rubric = super::super::default_rubric().expect("default rubric compiles");
        let problems = super::example_problems(&rubric);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
