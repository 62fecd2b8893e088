//! The rubric: rules, section targets, level and LP profiles, bands and probes — as data.
//!
//! The files follow the data: `model` is the TOML as written (every value `Located` in
//! its file), `load` parses a file and turns positions into `file:line:column`, `overlay`
//! layers a user's file over the embedded one (`embedded`), and `compile` turns the merged
//! rubric into a [`CompiledRubric`] (`compiled`), one job per file: `validate` (formats,
//! kind keys, numbers), `defaults`, `resolve` (rules, names, references), `profiles`
//! (sections, levels, LPs), `probes`; `kinds` is the closed set of rule kinds and the
//! parameters each takes, and `problems` collects what is wrong, every problem at once.
//! The engine never hard-codes a phrase: everything a rule looks for lives in
//! `rubrics/default.toml`.

mod compile;
mod compiled;
mod defaults;
mod embedded;
mod kinds;
mod load;
mod model;
mod overlay;
mod probes;
mod problems;
mod profiles;
mod resolve;
mod validate;
pub mod wording;

pub(crate) use compiled::Owner;
pub use compiled::{
    CombinedSummary, CompiledRubric, Dimension, LevelProfile, LpProfile, Probe, Rule, RuleId,
    Scope, SectionProfile,
};
pub use embedded::{DEFAULT_RUBRIC, DEFAULT_RUBRIC_NAME};
pub use kinds::{Check, Counting, Kind, StoryFlag};
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
        let parsed = if i == 0 {
            load::parse_embedded(s)
        } else {
            load::parse(i, s)
        };
        match parsed {
            Ok(f) => {
                // The embedded rubric has none (`the_embedded_rubric_has_no_duplicates`).
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
    let mut p = problems::Problems::new(load::SourceLines::new(&sources), errors);
    let mut it = files.into_iter();
    let mut merged = it.next().unwrap_or_default();
    for f in it {
        validate::reused_names(&mut p, &merged, &f);
        overlay::apply(&mut merged, f);
    }
    compile::compile(merged, p)
}

/// The embedded default rubric, compiled. An error here is a bug caught by `cargo test`.
pub fn default_rubric() -> Result<CompiledRubric, RubricErrors> {
    build(None)
}
