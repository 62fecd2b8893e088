//! Check a merged rubric and build everything the engine needs, once per run.
//!
//! The jobs, in the order their problems are reported: the rubric-wide numbers
//! ([`validate`]), rule names and `disable` ([`resolve::Names`]), section profiles and
//! their cues ([`profiles`]), the rules themselves ([`resolve`]), level and LP profiles,
//! probes and combined phrases ([`probes`]). All phrases of all rules and all section
//! cues go into ONE matcher, found in one pass over an answer. A problem anywhere is
//! recorded with its position and compilation goes on, so a user sees every problem in
//! one run.

use super::compiled::CompiledRubric;
use super::defaults;
use super::load::RubricErrors;
use super::model::RubricFile;
use super::problems::Problems;
use super::{probes, profiles, resolve, validate};
use crate::matcher::{Matcher, MatcherBuilder};

/// Compile the merged rubric; `p` may already hold problems (an overlay's).
pub(super) fn compile(
    mut file: RubricFile,
    mut p: Problems,
) -> Result<CompiledRubric, RubricErrors> {
    let mut b = MatcherBuilder::default();
    validate::numbers(&mut p, &file);
    let number = |n: &Option<super::model::Located<f64>>, default| {
        n.as_ref().map_or(default, |n| *n.get_ref())
    };
    let wpm = number(&file.words_per_minute, defaults::WORDS_PER_MINUTE);
    let over_factor = number(&file.over_factor, defaults::OVER_FACTOR);
    let half_score_cost = number(&file.half_score_cost, defaults::HALF_SCORE_COST);
    let bands = file
        .bands
        .as_ref()
        .map_or(defaults::BANDS, |b| *b.get_ref());
    let points = file
        .points
        .as_ref()
        .map_or(defaults::POINTS, |p| *p.get_ref());

    let (names, specs) = resolve::Names::new(&mut p, &mut file);
    let (sections, label_map) = profiles::sections(&mut p, &mut b, &file);
    let rules = resolve::rules(&mut p, &mut b, &specs, &file.extend_phrases, &names, points);
    let levels = profiles::levels(&mut p, &file, &names);
    let lps = profiles::lps(&mut p, &file, &names);
    let probes = probes::probes(&mut p, &file.probes, &names);
    let combined_summaries = probes::combined_summaries(&mut p, &file.combined_summaries, &names);
    let judge = profiles::judge(&mut p, &file, bands);
    let j = file.judge.as_ref().map(|j| *j.get_ref());
    let min_words = j.map_or(defaults::MIN_WORDS, |j| j.min_words);
    let repeat_decay = j.map_or(defaults::REPEAT_DECAY, |j| j.repeat_decay);
    let specifics_floor = j.map_or(1.0, |j| j.specifics_floor);
    let specifics_full = j.map_or(0.0, |j| j.specifics_full);
    let unrelated_credit = j.map_or(1.0, |j| j.unrelated_credit);
    let lexicon = file
        .lexicon
        .as_ref()
        .map_or_else(crate::nlp::Lexicon::default, |l| {
            crate::nlp::Lexicon::new(l.vague.iter().map(String::as_str))
                .with_non_actions(l.non_action.iter().map(String::as_str))
                .with_actions_before(l.action_before.iter().map(String::as_str))
                .with_containers(l.containers.iter().map(String::as_str))
        });
    let matcher = match b.build() {
        Ok(m) => m,
        Err(e) => {
            p.err_file(0, format!("phrase automaton: {e}"));
            Matcher::default()
        }
    };
    if !p.errors.0.is_empty() {
        return Err(p.errors);
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
        judge,
        min_words,
        repeat_decay,
        specifics_floor,
        specifics_full,
        unrelated_credit,
        lexicon,
        seeds: file.seeds.clone(),
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
}
