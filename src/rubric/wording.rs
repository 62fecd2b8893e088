//! Wording for the candidate's field: each rule's help and strong example written for a
//! field (`rubrics/fields-rules-*.toml`, the seeds' substance in that field's terms), and
//! the words a field is inferred from (`rubrics/fields.toml`). Both are embedded, like the
//! default rubric; an overlay rubric keeps them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::field::Field;

const RULES: [&str; 2] = [
    include_str!("../../rubrics/fields-rules-1.toml"),
    include_str!("../../rubrics/fields-rules-2.toml"),
];
const FIELDS: &str = include_str!("../../rubrics/fields.toml");

/// One rule's wording for one field; a part left out falls back to the rule's own.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleWording {
    /// What a strong answer does instead, in this field's terms.
    pub help: Option<String>,
    /// A strong example from this field.
    pub strong: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RulesFile {
    #[serde(default)]
    rule: HashMap<String, HashMap<String, RuleWording>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FieldsFile {
    min_words: usize,
    words: HashMap<String, Vec<String>>,
}

/// The embedded field wording and field words.
#[derive(Debug, Default)]
pub struct Wording {
    rules: HashMap<String, HashMap<String, RuleWording>>,
    words: Vec<(Field, HashSet<String>)>,
    min_words: usize,
}

impl Wording {
    /// The embedded wording (read once per process).
    pub fn get() -> &'static Wording {
        static W: OnceLock<Wording> = OnceLock::new();
        W.get_or_init(|| Wording::parse().unwrap_or_default())
    }

    fn parse() -> Result<Wording, String> {
        let mut rules: HashMap<String, HashMap<String, RuleWording>> = HashMap::new();
        for text in RULES {
            let f: RulesFile = toml::from_str(text).map_err(|e| e.to_string())?;
            for (rule, fields) in f.rule {
                rules.entry(rule).or_default().extend(fields);
            }
        }
        let f: FieldsFile = toml::from_str(FIELDS).map_err(|e| e.to_string())?;
        let mut words = Vec::new();
        for field in Field::all() {
            if let Some(list) = f.words.get(field.id()) {
                words.push((field, list.iter().map(|w| w.to_lowercase()).collect()));
            }
        }
        Ok(Wording {
            rules,
            words,
            min_words: f.min_words,
        })
    }

    /// The rule's wording for `field`: its own variant, else (for any field but software,
    /// whose examples the rule's own text already gives) the field-neutral one.
    pub fn rule(&self, rule: &str, field: Field) -> Option<&RuleWording> {
        let variants = self.rules.get(rule)?;
        variants.get(field.id()).or_else(|| {
            (field != Field::SOFTWARE)
                .then(|| variants.get(Field::GENERAL.id()))
                .flatten()
        })
    }

    /// The field an answer's words point to: the one with the most distinct words of its
    /// own, if at least `min-words` and more than any other; else general.
    pub fn infer(&self, text: &str) -> Field {
        // Most words are already lowercase ASCII: those are borrowed, not copied.
        let seen: rustc_hash::FxHashSet<Cow<str>> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                    Cow::Borrowed(w)
                } else {
                    Cow::Owned(w.to_lowercase())
                }
            })
            .collect();
        let mut plural = String::new();
        let mut best = (0usize, Field::GENERAL, false);
        for (field, words) in &self.words {
            let n = words
                .iter()
                .filter(|w| {
                    plural.clear();
                    plural.push_str(w);
                    plural.push('s');
                    seen.contains(w.as_str()) || seen.contains(plural.as_str())
                })
                .count();
            if n > best.0 {
                best = (n, *field, false);
            } else if n == best.0 && n > 0 {
                best.2 = true;
            }
        }
        match best {
            (n, field, false) if n >= self.min_words.max(1) => field,
            _ => Field::GENERAL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_wording_parses_and_names_only_real_rules_and_fields() {
        let w = Wording::parse().expect("fields-rules and fields.toml parse");
        let rubric = crate::rubric::default_rubric().unwrap();
        for (rule, fields) in &w.rules {
            assert!(
                rubric.rules.iter().any(|r| &r.name == rule),
                "fields-rules names unknown rule `{rule}`"
            );
            for field in fields.keys() {
                assert!(
                    field.parse::<Field>().is_ok(),
                    "{rule}: unknown field `{field}`"
                );
            }
        }
        assert_eq!(w.words.len(), 11, "every field but general has words");
    }

    #[test]
    fn fields_are_inferred_from_distinct_words() {
        let w = Wording::get();
        let f = |t: &str| w.infer(t).id();
        assert_eq!(
            f("On my ward two patients missed their evening medication doses."),
            "healthcare"
        );
        assert_eq!(
            f("My Year 9 pupils were behind in reading, so I changed the lesson plan."),
            "education"
        );
        assert_eq!(
            f("The depot's drivers left late, so I re-planned the routes."),
            "logistics"
        );
        assert_eq!(
            f("The webhook dropped events because the server timed out."),
            "software"
        );
        // One word is chance, not a field.
        assert_eq!(f("I fixed the rota and it worked."), "general");
    }

    #[test]
    fn a_field_without_its_own_wording_gets_the_neutral_one_but_software_keeps_the_rules() {
        let w = Wording::get();
        let nurse = w
            .rule("missing-section", "healthcare".parse().unwrap())
            .unwrap();
        assert!(nurse.strong.as_deref().unwrap().contains("insulin"));
        let soldier = w
            .rule("missing-section", "military".parse().unwrap())
            .unwrap();
        assert!(soldier.strong.as_deref().unwrap().contains("club"));
        assert!(w.rule("no-such-rule", Field::GENERAL).is_none());
    }
}
