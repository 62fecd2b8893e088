//! The candidate's field (contract, second round): `software`, `healthcare`, `education`,
//! … `general`. It chooses examples and wording, never a verdict: `--field`, front matter
//! `field:`, a JSON line's or an API request's `"field"`, else inferred from the answer's
//! words ([`infer`]).

use std::fmt;
use std::str::FromStr;

/// The contract's field ids, in its order.
pub const FIELDS: [&str; 12] = [
    "software",
    "healthcare",
    "education",
    "retail",
    "logistics",
    "hospitality",
    "finance",
    "public-service",
    "manufacturing",
    "military",
    "student",
    "general",
];

/// A valid field id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field(&'static str);

impl Field {
    /// The field-neutral one, when nothing says which.
    pub const GENERAL: Field = Field("general");
    /// Software: the seeds' own field.
    pub const SOFTWARE: Field = Field("software");

    /// The contract's id (`healthcare`).
    pub fn id(self) -> &'static str {
        self.0
    }

    /// Every field.
    pub fn all() -> impl Iterator<Item = Field> {
        FIELDS.iter().map(|f| Field(f))
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl FromStr for Field {
    type Err = String;

    /// A field id, case-insensitively; an unknown one is a one-line message with the
    /// closest id and, since there are 12, every valid one.
    fn from_str(s: &str) -> Result<Field, String> {
        let t = s.trim();
        FIELDS
            .iter()
            .find(|f| f.eq_ignore_ascii_case(t))
            .map(|f| Field(f))
            .ok_or_else(|| crate::suggest::unknown("field", s, &FIELDS, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_contract_field_parses_and_a_typo_gets_a_suggestion() {
        for f in FIELDS {
            assert_eq!(f.parse::<Field>().map(Field::id), Ok(f));
        }
        assert_eq!(
            "Healthcare".parse::<Field>().map(Field::id),
            Ok("healthcare")
        );
        let e = "helthcare".parse::<Field>().unwrap_err();
        assert!(
            e.contains("`helthcare`") && e.contains("`healthcare`"),
            "{e}"
        );
        assert!(e.contains("public-service"), "12 values are listed: {e}");
    }
}
