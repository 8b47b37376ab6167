//! One FtM entity per resolved entity: properties of every listing merged, `referents` the
//! record ids, `datasets` the lists (as OpenSanctions publishes merged entities), and the
//! issuing countries of their numbers.

use std::collections::BTreeMap;
use zeef_model::FtmEntity;
use zeef_model::{Entity, Schema};

/// The merged entity of `members` (the records of one resolved entity) under `id`. The
/// schema is the most specific the records agree on (a Person listed once as a LegalEntity
/// stays a Person); values keep their first record's order, each once.
pub fn merged_ftm(id: &str, members: &[&Entity]) -> FtmEntity {
    let schema = members
        .iter()
        .map(|e| e.schema)
        .reduce(|a, b| {
            // LegalEntity: a person or an organisation, whichever another list says.
            if b.is_a(a) || a == Schema::LegalEntity {
                b
            } else {
                a
            }
        })
        .unwrap_or(Schema::LegalEntity);
    let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in members {
        let ftm = e.to_ftm();
        for (k, values) in ftm.properties {
            let merged = properties.entry(k).or_default();
            for v in values {
                if !merged.contains(&v) {
                    merged.push(v);
                }
            }
        }
    }
    let mut datasets: Vec<String> = members
        .iter()
        .map(|e| e.provenance.source.clone())
        .collect();
    datasets.sort_unstable();
    datasets.dedup();
    let mut referents: Vec<String> = members.iter().map(|e| e.id.clone()).collect();
    referents.sort_unstable();
    let mut identifications = Vec::new();
    for i in members.iter().flat_map(|e| &e.identifications) {
        if !identifications.contains(i) {
            identifications.push(i.clone());
        }
    }
    FtmEntity {
        id: id.to_string(),
        schema: schema.as_str().to_string(),
        caption: members.first().map(|e| e.caption().to_string()),
        properties,
        datasets,
        referents,
        target: Some(true),
        provenance: None,
        identifications,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Prop;

    #[test]
    fn merges_values_once_and_keeps_the_most_specific_schema() {
        let mut a = Entity::new("un-1", Schema::LegalEntity, "un");
        a.add(Prop::Name, "Kasimir Orbeldanov");
        let mut b = Entity::new("uk-2", Schema::Person, "uk");
        b.add(Prop::Name, "Kasimir Orbeldanov");
        b.add(Prop::BirthDate, "1961");
        a.add_issued(Prop::PassportNumber, "A123", "Iraq");
        b.add_issued(Prop::PassportNumber, "A123", "iq");
        let m = merged_ftm("zeef-x", &[&a, &b]);
        assert_eq!(m.identifications, a.identifications);
        assert_eq!(m.schema, "Person");
        assert_eq!(m.properties["name"], vec!["Kasimir Orbeldanov".to_string()]);
        assert_eq!(m.properties["birthDate"], vec!["1961".to_string()]);
        assert_eq!(m.referents, vec!["uk-2".to_string(), "un-1".to_string()]);
        assert_eq!(m.datasets, vec!["uk".to_string(), "un".to_string()]);
    }
}
