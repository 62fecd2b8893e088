//! The rubric: rules, section targets, level and LP profiles, bands and probes — as data.
//!
//! `load` parses TOML files (the embedded default, then an optional user overlay) and
//! reports every problem at once as `file:line:column`; `overlay` merges them; `compile`
//! checks the merged rubric and builds the matchers once per run. The engine never
//! hard-codes a phrase: everything a rule looks for lives in `rubrics/default.toml`.

mod compile;
mod embedded;
mod examples;
mod load;
mod model;
mod overlay;

pub use compile::{
    CombinedSummary, CompiledRubric, Dimension, Kind, LevelProfile, LpProfile, Probe, Rule, RuleId,
    Scope, SectionProfile,
};
pub use embedded::{DEFAULT_RUBRIC, DEFAULT_RUBRIC_NAME};
pub use examples::example_problems;
pub use load::{RubricError, RubricErrors, RubricSource};
pub use model::RubricFile;

/// Load the embedded rubric, layer `overlay` (name, text) over it, and compile.
pub fn build(overlay: Option<RubricSource>) -> Result<CompiledRubric, RubricErrors> {
    let mut sources = vec![RubricSource {
        name: DEFAULT_RUBRIC_NAME.to_string(),
        text: DEFAULT_RUBRIC.to_string(),
    }];
    if let Some(o) = overlay {
        sources.push(o);
    }
    let mut files = Vec::new();
    let mut errors = RubricErrors::default();
    for (i, s) in sources.iter().enumerate() {
        match load::parse(i, s) {
            Ok(f) => {
                // The embedded rubric has none (`the_embedded_rubric_has_no_duplicates`);
                // checking it again at every start cost ~2 % of a pasted answer's run.
                if i > 0 {
                    errors.0.extend(load::duplicates(s, &f));
                }
                files.push(f);
            }
            Err(e) => errors.0.push(e),
        }
    }
    if !errors.0.is_empty() {
        return Err(errors);
    }
    let mut it = files.into_iter();
    let mut merged = it.next().unwrap_or_default();
    for f in it {
        overlay::apply(&mut merged, f, &mut errors);
    }
    compile::compile(merged, &sources, errors)
}

/// The embedded default rubric, compiled. An error here is a bug caught by `cargo test`.
pub fn default_rubric() -> Result<CompiledRubric, RubricErrors> {
    build(None)
}

pub(crate) use compile::Owner;

/// The span-keeping wrapper the rubric's model uses.
use serde_spanned::Spanned;
