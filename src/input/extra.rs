//! What a JSON line gives back unchanged: its id as written and the keys starlint does not
//! read.
//!
//! A coach's export carries columns of its own (`"student"`, `"cohort"`); the contract
//! keeps them and returns them in the answer's `"extra"` object, exactly as written. So a
//! line is read as a list of keys and raw JSON values ([`RawObject`]): key order, number
//! text (`1.10`, `1e3`) and string escapes all survive, which a `serde_json::Value` would
//! normalise. The same holds for the id: one written as a number is reported as that
//! number text ([`SourceName`]).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// Where an answer came from, as `source` reports it: a path, `<stdin>` or a JSON-lines
/// id. An id written as a JSON number is reported as that same number text (`1.10` stays
/// `1.10`, not `"1.1"`); everywhere else it reads as a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceName {
    name: String,
    number: bool,
}

impl SourceName {
    /// A JSON-lines id written as a number (`name` is its text exactly as written).
    pub fn number(name: String) -> SourceName {
        SourceName { name, number: true }
    }

    /// True for an id that was written as a JSON number.
    pub fn is_number(&self) -> bool {
        self.number
    }
}

impl std::ops::Deref for SourceName {
    type Target = String;
    fn deref(&self) -> &String {
        &self.name
    }
}

impl From<String> for SourceName {
    fn from(name: String) -> Self {
        SourceName {
            name,
            number: false,
        }
    }
}

impl From<&str> for SourceName {
    fn from(name: &str) -> Self {
        SourceName::from(name.to_string())
    }
}

impl PartialEq<str> for SourceName {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for SourceName {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl fmt::Display for SourceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Serialize for SourceName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.number {
            if let Ok(raw) = RawValue::from_string(self.name.clone()) {
                return raw.serialize(s);
            }
        }
        self.name.serialize(s)
    }
}

/// A JSON object's members in the order written, each value as its raw JSON text.
#[derive(Debug, Clone, Default)]
pub struct RawObject(pub Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = RawObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
                    out.push((k, v));
                }
                Ok(RawObject(out))
            }
        }
        d.deserialize_map(Members)
    }
}

/// A JSON line's other keys, in the order written, their values exactly as written;
/// serialised as one JSON object (`"extra"` in JSON, the `extra` column in CSV).
#[derive(Debug, Clone, Default)]
pub struct Extra(pub Vec<(String, Box<RawValue>)>);

impl Extra {
    /// True when the line had no other keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The object as compact JSON text: `{"student":"Ann","cohort":3}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Extra) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_their_order_and_their_text() {
        let o: RawObject =
            serde_json::from_str(r#"{"z": 1.10, "a": "x\u0041", "m": [1, {"b": 1e3}]}"#).unwrap();
        let extra = Extra(o.0);
        assert_eq!(
            extra.to_json(),
            r#"{"z":1.10,"a":"x\u0041","m":[1, {"b": 1e3}]}"#
        );
    }

    #[test]
    fn a_number_id_is_written_as_its_number_text() {
        let n = SourceName::number("1.10".into());
        assert_eq!(serde_json::to_string(&n).unwrap(), "1.10");
        assert_eq!(n.to_string(), "1.10");
        let s = SourceName::from("1.10");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"1.10\"");
    }
}
