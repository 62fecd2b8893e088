//! Wording for the candidate's field: each rule's help and strong example, each probe's
//! question and strong reply, each level's expectations and each LP's advice written for a
//! field (`rubrics/fields-rules-*.toml`, the seeds' substance in that field's terms), and
//! the words a field is inferred from (`rubrics/fields.toml`). Both are embedded, like the
//! default rubric; an overlay rubric keeps them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::field::Field;
use crate::ids::{Level, Lp};

const RULES: [&str; 2] = [
    include_str!("../../rubrics/fields-rules-1.toml"),
    include_str!("../../rubrics/fields-rules-2.toml"),
];
const FIELDS: &str = include_str!("../../rubrics/fields.toml");

/// The same files as `build.rs` wrote them in MessagePack (empty: they did not parse).
const RULES_MSGPACK: [&[u8]; 2] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/fields-rules-1.msgpack")),
    include_bytes!(concat!(env!("OUT_DIR"), "/fields-rules-2.msgpack")),
];
const FIELDS_MSGPACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fields.msgpack"));

/// A wording file from its MessagePack, else from its TOML (which reports any error).
fn read<T: serde::de::DeserializeOwned>(msgpack: &[u8], toml_text: &str) -> Result<T, String> {
    if let Ok(v) = rmp_serde::from_slice(msgpack) {
        return Ok(v);
    }
    toml::from_str(toml_text).map_err(|e| e.to_string())
}

/// One rule's wording for one field; a part left out falls back to the rule's own.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RuleWording {
    /// What a strong answer does instead, in this field's terms.
    pub help: Option<String>,
    /// A strong example from this field.
    pub strong: Option<String>,
}

/// One probe's wording for one field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProbeWording {
    /// The question, keeping `{capture}` where the rubric's probe has it.
    pub question: Option<String>,
    /// What a strong reply contains, in this field's terms.
    pub strong: Option<String>,
}

/// One level's expectations for one field (the seeds' SDE blocks, in plain words).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct LevelWording {
    /// What an answer at this level shows.
    pub expects: Option<String>,
    /// The bar in one line.
    pub bar: Option<String>,
    /// What the Reflection should name at this level.
    pub reflection: Option<String>,
}

/// One LP's advice in field-neutral words.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct LpWording {
    /// What this LP's interviewer listens for.
    pub emphasize: Option<String>,
    /// What to play down.
    pub downplay: Option<String>,
    /// How to lead the answer.
    pub advice: Option<String>,
}

/// `[<kind>.<name>.<field>]` tables.
type ByField<T> = HashMap<String, HashMap<String, T>>;

#[derive(Debug, Default, PartialEq, Deserialize)]
struct RulesFile {
    #[serde(default)]
    rule: ByField<RuleWording>,
    #[serde(default)]
    probe: ByField<ProbeWording>,
    #[serde(default)]
    level: ByField<LevelWording>,
    #[serde(default)]
    lp: ByField<LpWording>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FieldsFile {
    min_words: usize,
    words: HashMap<String, Vec<String>>,
}

/// The embedded field wording and field words.
#[derive(Debug, Default)]
pub struct Wording {
    rules: ByField<RuleWording>,
    probes: ByField<ProbeWording>,
    levels: ByField<LevelWording>,
    lps: ByField<LpWording>,
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
        fn merge<T>(into: &mut ByField<T>, from: ByField<T>) {
            for (name, fields) in from {
                into.entry(name).or_default().extend(fields);
            }
        }
        let (mut rules, mut probes, mut levels, mut lps) = Default::default();
        for (bytes, text) in RULES_MSGPACK.into_iter().zip(RULES) {
            let f: RulesFile = read(bytes, text)?;
            merge(&mut rules, f.rule);
            merge(&mut probes, f.probe);
            merge(&mut levels, f.level);
            merge(&mut lps, f.lp);
        }
        let f: FieldsFile = read(FIELDS_MSGPACK, FIELDS)?;
        let mut words = Vec::new();
        for field in Field::all() {
            if let Some(list) = f.words.get(field.id()) {
                words.push((
                    field,
                    list.iter()
                        .map(|w| singular(Cow::Owned(w.to_lowercase())).into_owned())
                        .collect(),
                ));
            }
        }
        Ok(Wording {
            rules,
            probes,
            levels,
            lps,
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

    /// A probe's wording for `field`: its own variant, else the field-neutral one (the
    /// rubric's probe text speaks of code and rollouts).
    pub fn probe(&self, probe: &str, field: Field) -> Option<&ProbeWording> {
        own_or_general(self.probes.get(probe)?, field)
    }

    /// A level's expectations for `field` (`sde1`, `sde2`, `senior`): its own variant,
    /// else the field-neutral one.
    pub fn level(&self, level: Level, field: Field) -> Option<&LevelWording> {
        own_or_general(self.levels.get(level.id())?, field)
    }

    /// An LP's advice for `field`: the field-neutral wording for every field but software,
    /// whose advice the rubric's own LP profile already gives.
    pub fn lp(&self, lp: Lp, field: Field) -> Option<&LpWording> {
        if field == Field::SOFTWARE {
            return None;
        }
        own_or_general(self.lps.get(lp.id())?, field)
    }

    /// The field an answer's words point to: the one with the most distinct words of its
    /// own, if at least `min-words` and more than any other; else general.
    pub fn infer(&self, text: &str) -> Field {
        // Distinct words, plurals folded ("shift" and "shifts" are one word); most words
        // are already lowercase ASCII, and those are borrowed, not copied.
        let seen: rustc_hash::FxHashSet<Cow<str>> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                    singular(Cow::Borrowed(w))
                } else {
                    singular(Cow::Owned(w.to_lowercase()))
                }
            })
            .collect();
        let mut best = (0usize, Field::GENERAL, false);
        for (field, words) in &self.words {
            let n = seen.iter().filter(|w| words.contains(w.as_ref())).count();
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

/// A word with one plural `s` taken off, on both sides of the comparison, so a field's
/// list and an answer agree on "shift"/"shifts" without a dictionary.
fn singular(w: Cow<'_, str>) -> Cow<'_, str> {
    let cut = w
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 3 && !stem.ends_with('s'));
    match w {
        Cow::Borrowed(b) if cut => Cow::Borrowed(&b[..b.len() - 1]),
        Cow::Owned(mut o) if cut => {
            o.pop();
            Cow::Owned(o)
        }
        w => w,
    }
}

fn own_or_general<T>(variants: &HashMap<String, T>, field: Field) -> Option<&T> {
    variants
        .get(field.id())
        .or_else(|| variants.get(Field::GENERAL.id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's MessagePack reads back to what the TOML parses to.
    #[test]
    fn the_msgpack_wording_is_the_toml_wording() {
        for (bytes, text) in RULES_MSGPACK.into_iter().zip(RULES) {
            let packed: RulesFile = rmp_serde::from_slice(bytes).unwrap();
            let parsed: RulesFile = toml::from_str(text).unwrap();
            assert_eq!(packed, parsed);
            assert!(!packed.rule.is_empty());
        }
        let packed: FieldsFile = rmp_serde::from_slice(FIELDS_MSGPACK).unwrap();
        assert_eq!(packed, toml::from_str::<FieldsFile>(FIELDS).unwrap());
        assert!(packed.min_words > 0);
    }

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
        for probe in w.probes.keys() {
            assert!(
                rubric.probes.iter().any(|p| &p.id == probe),
                "fields-rules names unknown probe `{probe}`"
            );
        }
        for level in w.levels.keys() {
            assert!(level.parse::<Level>().is_ok(), "unknown level `{level}`");
        }
        for lp in w.lps.keys() {
            assert!(lp.parse::<Lp>().is_ok(), "unknown LP `{lp}`");
        }
        for kind in [
            &w.probes.keys().collect::<Vec<_>>(),
            &w.levels.keys().collect(),
        ] {
            assert!(!kind.is_empty());
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
            f("My Year 9 pupils were behind in maths, so I changed the lesson plan."),
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
        // One word is chance, not a field; a plural and its singular are one word.
        assert_eq!(f("The ward swapped shifts."), "general");
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
