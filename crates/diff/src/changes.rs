//! Comparing two versions of the same lists by entity id: who was added, removed or amended,
//! and which values of an amended entity came or went. Value order, case, white space and
//! Unicode composition are ignored, and so are the provenance fields that change with every
//! version (file hash, snapshot id, list date), so that a publisher reordering or reformatting
//! its file shows no change.

use crate::values::version_key;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use zeef_model::Entity;

/// What happened to an entity between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Amended,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Amended => "amended",
        }
    }
}

/// Values of one property that came or went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PropertyChange {
    /// An FtM property name, or `schema`, `references`, `crossRefs`.
    pub property: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// One entity added, removed or amended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub id: String,
    pub caption: String,
    pub source: String,
    pub schema: String,
    /// For an amendment, what changed; for an addition or removal, every value it holds.
    pub differences: Vec<PropertyChange>,
}

/// Every value of an entity that versions are compared on, by property, in stored order.
fn comparable_values(e: &Entity) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    out.insert("schema".into(), vec![e.schema.to_string()]);
    for (p, values) in &e.props {
        out.insert(p.as_str().to_string(), values.clone());
    }
    for (k, values) in &e.extra {
        out.entry(k.clone())
            .or_default()
            .extend(values.iter().cloned());
    }
    let p = &e.provenance;
    if !p.references.is_empty() {
        out.insert("references".into(), p.references.clone());
    }
    if !p.cross_refs.is_empty() {
        let refs = p
            .cross_refs
            .iter()
            .map(|c| format!("{}:{}", c.source, c.reference))
            .collect();
        out.insert("crossRefs".into(), refs);
    }
    out
}

/// The field-level differences from `old` to `new` (empty: no change that counts).
pub fn entity_changes(old: &Entity, new: &Entity) -> Vec<PropertyChange> {
    let (a, b) = (comparable_values(old), comparable_values(new));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    let empty = Vec::new();
    keys.into_iter()
        .filter_map(|k| {
            let (before, after) = (a.get(k).unwrap_or(&empty), b.get(k).unwrap_or(&empty));
            let only = |x: &[String], y: &[String]| {
                let other: Vec<String> = y.iter().map(|v| version_key(v)).collect();
                let mut seen = Vec::new();
                x.iter()
                    .filter(|v| {
                        let key = version_key(v);
                        let new = !other.contains(&key) && !seen.contains(&key);
                        seen.push(key);
                        new
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let (added, removed) = (only(after, before), only(before, after));
            (!added.is_empty() || !removed.is_empty()).then(|| PropertyChange {
                property: k.clone(),
                added,
                removed,
            })
        })
        .collect()
}

/// Every value of an entity as an addition (or, with `removed`, a removal).
fn all_values(e: &Entity, removed: bool) -> Vec<PropertyChange> {
    comparable_values(e)
        .into_iter()
        .map(|(property, values)| PropertyChange {
            property,
            added: if removed { Vec::new() } else { values.clone() },
            removed: if removed { values } else { Vec::new() },
        })
        .collect()
}

fn change(kind: ChangeKind, e: &Entity, differences: Vec<PropertyChange>) -> Change {
    Change {
        change: kind,
        id: e.id.clone(),
        caption: e.caption().to_string(),
        source: e.provenance.source.clone(),
        schema: e.schema.to_string(),
        differences,
    }
}

/// The changes from version `old` to version `new` of the same lists, by entity id, sorted by
/// source then id. An id repeated within one version is compared on its first occurrence.
pub fn version_changes(old: &[Entity], new: &[Entity]) -> Vec<Change> {
    let mut before: HashMap<&str, &Entity> = HashMap::with_capacity(old.len());
    for e in old {
        before.entry(e.id.as_str()).or_insert(e);
    }
    let mut after: HashMap<&str, &Entity> = HashMap::with_capacity(new.len());
    for e in new {
        after.entry(e.id.as_str()).or_insert(e);
    }
    let mut out: Vec<Change> = Vec::new();
    for (id, e) in &after {
        match before.get(id) {
            None => out.push(change(ChangeKind::Added, e, all_values(e, false))),
            Some(o) => {
                let diffs = entity_changes(o, e);
                if !diffs.is_empty() {
                    out.push(change(ChangeKind::Amended, e, diffs));
                }
            }
        }
    }
    for (id, e) in &before {
        if !after.contains_key(id) {
            out.push(change(ChangeKind::Removed, e, all_values(e, true)));
        }
    }
    out.sort_by(|a, b| a.source.cmp(&b.source).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The changes without the given properties: amendments left with no difference are dropped.
/// For comparing versions published in different layouts (a file that no longer carries the
/// addresses, say).
pub fn ignoring(changes: Vec<Change>, properties: &[String]) -> Vec<Change> {
    changes
        .into_iter()
        .filter_map(|mut c| {
            c.differences.retain(|d| !properties.contains(&d.property));
            (c.change != ChangeKind::Amended || !c.differences.is_empty()).then_some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use zeef_model::{CrossRef, Prop, Schema};

    fn entity(id: &str, names: &[&str], passport: &str) -> Entity {
        let mut e = Entity::new(id, Schema::Person, "x");
        for n in names {
            e.add(Prop::Name, n);
        }
        e.add(Prop::PassportNumber, passport);
        e.provenance.sha256 = Some(format!("{id}-hash"));
        e
    }

    #[test]
    fn reordering_and_reformatting_is_no_change() {
        let a = entity("x-1", &["Anna KOVAL", "Anna Kovalenko"], "P1");
        let mut b = entity("x-1", &["anna kovalenko", "ANNA  KOVAL"], "P1");
        b.provenance.sha256 = Some("other".into());
        b.provenance.list_date = Some("2030-01-01".into());
        b.provenance.snapshot = Some("20300101T000000Z".into());
        assert!(entity_changes(&a, &b).is_empty());
    }

    #[test]
    fn amendments_name_the_values_that_came_and_went() {
        let a = entity("x-1", &["Anna Koval"], "P1");
        let mut b = entity("x-1", &["Anna Koval"], "P2");
        b.add(Prop::Alias, "Hanna Koval");
        b.provenance.cross_refs.push(CrossRef {
            source: "un".into(),
            reference: "QDi.900".into(),
        });
        let d = entity_changes(&a, &b);
        let props: Vec<&str> = d.iter().map(|c| c.property.as_str()).collect();
        assert_eq!(props, ["alias", "crossRefs", "passportNumber"]);
        assert_eq!(d[2].added, ["P2"]);
        assert_eq!(d[2].removed, ["P1"]);
        assert_eq!(d[1].added, ["un:QDi.900"]);
    }

    #[test]
    fn versions_compare_by_id() {
        let old = vec![entity("x-1", &["A B"], "1"), entity("x-2", &["C D"], "2")];
        let new = vec![
            entity("x-3", &["E F"], "3"),
            entity("x-2", &["C D"], "22"),
            entity("x-1", &["A B"], "1"),
        ];
        let c = version_changes(&old, &new);
        let kinds: Vec<(&str, ChangeKind)> = c.iter().map(|c| (c.id.as_str(), c.change)).collect();
        assert_eq!(
            kinds,
            [("x-2", ChangeKind::Amended), ("x-3", ChangeKind::Added)]
        );
        let quiet = ignoring(c.clone(), &["passportNumber".to_string()]);
        assert_eq!(quiet.len(), 1, "x-2 only changed its passport number");
        let gone = version_changes(&new, &old[..1]);
        assert_eq!(gone.len(), 2);
        assert!(gone.iter().all(|c| c.change == ChangeKind::Removed));
        assert!(gone[0].differences.iter().any(|d| d.removed == ["C D"]));
    }

    proptest! {
        #[test]
        fn changes_are_symmetric_and_empty_on_self(
            a in proptest::collection::vec("[a-zA-Z ]{0,8}", 0..5),
            b in proptest::collection::vec("[a-zA-Z ]{0,8}", 0..5),
        ) {
            let mut x = Entity::new("x-1", Schema::Person, "x");
            x.add_all(Prop::Alias, &a);
            let mut y = Entity::new("x-1", Schema::Person, "x");
            y.add_all(Prop::Alias, &b);
            prop_assert!(entity_changes(&x, &x).is_empty());
            let there = entity_changes(&x, &y);
            let back = entity_changes(&y, &x);
            prop_assert_eq!(there.len(), back.len());
            for (t, r) in there.iter().zip(&back) {
                prop_assert_eq!(&t.added, &r.removed);
                prop_assert_eq!(&t.removed, &r.added);
            }
        }
    }
}
