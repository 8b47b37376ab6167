//! Property-level differences between two JSON documents, told in words:
//! "listed entity gained alias \"X\"", "subject's birth date changed from \"A\" to \"B\"".
//!
//! A document is flattened to property -> set of values: objects nest with dotted paths,
//! arrays are sets (order does not matter), nulls are absent.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which side of an alert changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Subject,
    Entity,
}

/// One property that gained or lost values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub side: Side,
    /// Dotted path of the property, e.g. `properties.alias`.
    pub property: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Change {
    /// A change whose details are gone (purged, or never given): only the fingerprint differs.
    pub fn unknown(side: Side) -> Self {
        Change {
            side,
            property: String::new(),
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (who, whose) = match self.side {
            Side::Subject => ("subject", "subject's"),
            Side::Entity => ("listed entity", "listed entity's"),
        };
        let property = humanize(&self.property);
        match (self.added.is_empty(), self.removed.is_empty()) {
            (true, true) => write!(f, "{whose} data changed (details not available)"),
            (false, true) => write!(f, "{who} gained {property} {}", quoted(&self.added)),
            (true, false) => write!(f, "{who} lost {property} {}", quoted(&self.removed)),
            (false, false) => write!(
                f,
                "{whose} {property} changed from {} to {}",
                quoted(&self.removed),
                quoted(&self.added)
            ),
        }
    }
}

/// `properties.birthDate` -> `birth date`; `date_of_birth` -> `date of birth`.
pub fn humanize(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let mut out = String::new();
    for c in last.chars() {
        if c == '_' || c == '-' {
            out.push(' ');
        } else if c.is_uppercase() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn flatten(value: &Value, path: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(v, &p, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| flatten(v, path, out)),
        Value::String(s) => {
            out.entry(path.to_owned()).or_default().insert(s.clone());
        }
        other => {
            out.entry(path.to_owned())
                .or_default()
                .insert(other.to_string());
        }
    }
}

/// The properties of `after` that gained or lost values since `before`, in property order.
pub fn diff(side: Side, before: &Value, after: &Value) -> Vec<Change> {
    let (mut old, mut new) = (BTreeMap::new(), BTreeMap::new());
    flatten(before, "", &mut old);
    flatten(after, "", &mut new);
    let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let empty = BTreeSet::new();
    paths
        .into_iter()
        .filter_map(|path| {
            let (o, n) = (
                old.get(path).unwrap_or(&empty),
                new.get(path).unwrap_or(&empty),
            );
            let added: Vec<String> = n.difference(o).cloned().collect();
            let removed: Vec<String> = o.difference(n).cloned().collect();
            (!added.is_empty() || !removed.is_empty()).then(|| Change {
                side,
                property: path.clone(),
                added,
                removed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn alias_gained_and_birth_date_changed() {
        let before =
            json!({"id": "x-1", "properties": {"name": ["Ivan Petrov"], "alias": ["I. Petrov"]}});
        let after = json!({"id": "x-1", "properties": {"name": ["Ivan Petrov"], "alias": ["Vanya", "I. Petrov"]}});
        let changes = diff(Side::Entity, &before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].to_string(),
            "listed entity gained alias \"Vanya\""
        );

        let changes = diff(
            Side::Subject,
            &json!({"birthDate": "1970"}),
            &json!({"birthDate": "1971-02-03"}),
        );
        assert_eq!(
            changes[0].to_string(),
            "subject's birth date changed from \"1970\" to \"1971-02-03\""
        );
    }

    #[test]
    fn order_and_nulls_do_not_count() {
        let a = json!({"a": [1, 2], "b": null});
        let b = json!({"a": [2, 1]});
        assert!(diff(Side::Entity, &a, &b).is_empty());
        let lost = diff(Side::Entity, &a, &json!({"a": [1]}));
        assert_eq!(lost[0].to_string(), "listed entity lost a \"2\"");
    }

    #[test]
    fn humanizes_paths() {
        assert_eq!(humanize("properties.birthDate"), "birth date");
        assert_eq!(humanize("date_of_birth"), "date of birth");
    }
}
