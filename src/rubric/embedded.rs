//! The default rubric, compiled into the binary so starlint works with no files around it.
//! A unit test compiles it, so a broken default fails `cargo test`, never a user.

/// The text of `rubrics/default.toml`.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/default.toml");

/// How errors in the default rubric name it.
pub const DEFAULT_RUBRIC_NAME: &str = "rubrics/default.toml";

#[cfg(test)]
mod tests {
    #[test]
    fn default_rubric_compiles() {
        if let Err(e) = super::super::default_rubric() {
            panic!("default rubric is invalid:\n{e}");
        }
    }
}
