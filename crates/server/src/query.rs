//! Turning a caller's query (yente's example entity, or zeef's `/screen` fields) into an
//! [`Entity`] the index can screen: countries to ISO codes, dates to ISO form.

use std::collections::BTreeMap;
use std::str::FromStr;

use zeef_model::{Entity, Prop, Schema, country, date};

/// The source name given to query entities.
pub const QUERY_SOURCE: &str = "query";

/// Adds one value of FtM property `prop` to a query entity. Countries become ISO codes where
/// zeef knows the name or code, dates their ISO form where they parse; other text stays as
/// given. Properties zeef does not know are kept in `extra` (and not used for scoring).
pub fn add_value(e: &mut Entity, prop: &str, value: &str) {
    match Prop::from_str(prop) {
        Ok(p) if Prop::COUNTRIES.contains(&p) => {
            let v = value.trim();
            match country::code(v) {
                Some(code) => e.add(p, code),
                None => e.add(p, v.to_ascii_lowercase()),
            }
        }
        Ok(p @ (Prop::BirthDate | Prop::DeathDate | Prop::IncorporationDate | Prop::BuildDate)) => {
            match date::parse(value) {
                Some(d) => e.add(p, d),
                None => e.add(p, value),
            }
        }
        Ok(Prop::Gender) => e.add(Prop::Gender, value.trim().to_ascii_lowercase()),
        Ok(p) => e.add(p, value),
        Err(()) => {
            let v = value.trim();
            if !v.is_empty() {
                let vals = e.extra.entry(prop.to_string()).or_default();
                if !vals.iter().any(|x| x == v) {
                    vals.push(v.to_string());
                }
            }
        }
    }
}

/// Builds a query entity from a schema and FtM properties.
pub fn entity(id: &str, schema: Schema, properties: &BTreeMap<String, Vec<String>>) -> Entity {
    let mut e = Entity::new(id, schema, QUERY_SOURCE);
    for (prop, values) in properties {
        for v in values {
            add_value(&mut e, prop, v);
        }
    }
    e
}

/// The entity's properties as FtM writes them (for echoing the cleaned query back).
pub fn properties(e: &Entity) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = e
        .props
        .iter()
        .map(|(p, v)| (p.as_str().to_string(), v.clone()))
        .collect();
    for (k, v) in &e.extra {
        out.insert(k.clone(), v.clone());
    }
    out
}

/// True when the query has something the index can search by: a name.
pub fn has_name(e: &Entity) -> bool {
    e.names().next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cleaned() {
        let mut props = BTreeMap::new();
        props.insert("name".to_string(), vec!["  Ali  Hassan ".to_string()]);
        props.insert("nationality".to_string(), vec!["IQ".to_string()]);
        props.insert("gender".to_string(), vec!["Male".to_string()]);
        props.insert(
            "religion".to_string(),
            vec!["x".to_string(), "x".to_string()],
        );
        let e = entity("q1", Schema::Person, &props);
        assert_eq!(e.get(Prop::Name), ["Ali Hassan"]);
        assert_eq!(e.get(Prop::Nationality), ["iq"]);
        assert_eq!(e.get(Prop::Gender), ["male"]);
        assert_eq!(e.extra["religion"], ["x"]);
        assert!(has_name(&e));
        assert_eq!(properties(&e)["religion"], ["x"]);
    }
}
