//! The default rubric, compiled into the binary so starlint works with no files around it.
//! A unit test compiles it, so a broken default fails `cargo test`, never a user.

/// The text of `rubrics/default.toml`.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/default.toml");

/// The same rubric as `build.rs` parsed it into the model and wrote it out as MessagePack
/// (with each rule's keys), positions into the TOML kept; empty when the TOML did not
/// parse then (its error is reported from the TOML at run time, as for any rubric).
pub(crate) static DEFAULT_RUBRIC_MSGPACK: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/default_rubric.msgpack"));

/// How errors in the default rubric name it.
pub const DEFAULT_RUBRIC_NAME: &str = "rubrics/default.toml";

#[cfg(test)]
mod tests {
    /// The MessagePack build.rs wrote reads back to exactly what the TOML parses to,
    /// positions and rule keys included.
    #[test]
    fn the_msgpack_rubric_is_the_toml_rubric() {
        use super::super::load;
        let source = load::RubricSource {
            name: super::DEFAULT_RUBRIC_NAME.into(),
            text: super::DEFAULT_RUBRIC.into(),
        };
        assert!(!super::DEFAULT_RUBRIC_MSGPACK.is_empty());
        // It decodes: `parse_embedded` would otherwise fall back to the TOML in silence, and
        // every start-up would pay for parsing it.
        if let Err(e) = rmp_serde::from_slice::<(
            super::super::model::RubricFile,
            Vec<Vec<super::super::model::Located<String>>>,
        )>(super::DEFAULT_RUBRIC_MSGPACK)
        {
            panic!("the embedded MessagePack rubric does not decode: {e}");
        }
        let from_msgpack = load::parse_embedded(&source).unwrap();
        let from_toml = load::parse(0, &source).unwrap();
        assert_eq!(format!("{from_msgpack:#?}"), format!("{from_toml:#?}"));
        assert!(from_msgpack.rules.iter().all(|r| !r.keys.is_empty()));
    }

    /// A start-up does not look for duplicate codes, names or probe ids in the embedded
    /// rubric (see `rubric::build`): this test does, once.
    #[test]
    fn the_embedded_rubric_has_no_duplicates() {
        use super::super::load;
        let source = load::RubricSource {
            name: super::DEFAULT_RUBRIC_NAME.into(),
            text: super::DEFAULT_RUBRIC.into(),
        };
        let file = load::parse(0, &source).unwrap();
        let found = load::duplicates(&source, &file);
        assert!(found.is_empty(), "{found:?}");
        // And the check finds one where there is one.
        let mut twice = file.clone();
        twice.rules.push(file.rules[0].clone());
        assert_eq!(load::duplicates(&source, &twice).len(), 2);
    }

    #[test]
    fn default_rubric_compiles() {
        if let Err(e) = super::super::default_rubric() {
            panic!("default rubric is invalid:\n{e}");
        }
    }
}
