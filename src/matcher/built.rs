//! The embedded rubric's regex forms, derived by `build.rs` into `OUT_DIR` with the very
//! code in [`super::forms`]: deriving them here for ~250 patterns would be most of a
//! pasted answer's run. Nothing here is committed; a pattern not in the table (a user's
//! rubric) is derived when it is loaded, with the same result.

use super::forms::Forms;

/// One pattern's forms as `build.rs` writes them.
struct Built {
    source: &'static str,
    case_insensitive: bool,
    ascii: Option<&'static str>,
    required: &'static [&'static [&'static str]],
    bad: Option<&'static [(char, char)]>,
}

// `static BUILT: &[Built]`, sorted by source and then case flag.
include!(concat!(env!("OUT_DIR"), "/regex_forms.rs"));

/// The forms `build.rs` derived for `source`, if it did.
pub(super) fn lookup(source: &str, case_insensitive: bool) -> Option<Forms> {
    let i = BUILT
        .binary_search_by(|b| (b.source, b.case_insensitive).cmp(&(source, case_insensitive)))
        .ok()?;
    let b = BUILT.get(i)?;
    Some(Forms {
        ascii: b.ascii.map(str::to_string),
        required: b
            .required
            .iter()
            .map(|set| set.iter().map(|l| (*l).to_string()).collect())
            .collect(),
        bad: b.bad.map(<[_]>::to_vec),
    })
}
