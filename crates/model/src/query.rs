//! Screening queries as people write them (a name, a birth date, a country...) turned into
//! the entity the matcher compares with listed ones. Shared by `zeef screen`, `zeef batch`
//! and the HTTP `/screen` endpoint so that every front door reads fields the same way.

use crate::{Entity, Prop, Schema, country, date};
use serde::{Deserialize, Serialize};

/// The fields of one screening query. Empty fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryFields {
    /// The caller's id for the subject (a customer or partner number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Full name, as written ("Last, First" is understood).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<String>,
    /// Countries of any kind (residence, registration...), as names or codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Identifiers (passport, national id, registration, IMO...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_numbers: Vec<String>,
    /// Schema name; `None` means any legal entity (person or organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// A query field that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has no name")]
    NoName,
    #[error("{field}: cannot read {value:?} ({expected})")]
    BadField {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl QueryFields {
    /// The query as an entity (id: the caller's id or `query`; source `query`), with dates,
    /// countries and gender normalised. Fails, naming the field, on anything unreadable.
    pub fn to_entity(&self) -> Result<Entity, QueryError> {
        let (e, mut problems) = self.to_entity_lenient()?;
        match problems.is_empty() {
            true => Ok(e),
            false => Err(problems.remove(0)),
        }
    }

    fn looks_like_a_person(&self) -> bool {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        given(&self.gender)
            || given(&self.first_name)
            || given(&self.last_name)
            || self.birth_dates.iter().any(|d| !d.trim().is_empty())
    }

    /// Like [`QueryFields::to_entity`], but drops unreadable values (a date, a country) and
    /// says which; only a missing name or an unknown schema fail. For batch files, where one
    /// odd value must not cost a row its screening.
    pub fn to_entity_lenient(&self) -> Result<(Entity, Vec<QueryError>), QueryError> {
        let schema = match self
            .schema
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            // Only people have a gender, a birth date or first and last names.
            None if self.looks_like_a_person() => Schema::Person,
            None => Schema::LegalEntity,
            Some(s) => s.parse().map_err(|_| QueryError::BadField {
                field: "schema",
                value: s.to_string(),
                expected: "Person, Organization, Company, LegalEntity, Vessel or Airplane",
            })?,
        };
        let mut e = Entity::new(
            self.id.clone().unwrap_or_else(|| "query".into()),
            schema,
            "query",
        );
        e.add_all(Prop::Name, &self.names);
        let parts: Vec<&str> = [&self.first_name, &self.middle_name, &self.last_name]
            .into_iter()
            .filter_map(|p| p.as_deref().map(str::trim).filter(|p| !p.is_empty()))
            .collect();
        if !parts.is_empty() && !e.has(Prop::Name) {
            e.add(Prop::Name, parts.join(" "));
        }
        for (prop, v) in [
            (Prop::FirstName, &self.first_name),
            (Prop::MiddleName, &self.middle_name),
            (Prop::LastName, &self.last_name),
            (Prop::BirthPlace, &self.place_of_birth),
            (Prop::Gender, &self.gender),
        ] {
            if let Some(v) = v {
                e.add(prop, v);
            }
        }
        if !e.has(Prop::Name) {
            return Err(QueryError::NoName);
        }
        e.add_all(Prop::BirthDate, &self.birth_dates);
        e.add_all(Prop::Country, &self.countries);
        e.add_all(Prop::Nationality, &self.nationalities);
        e.add_all(Prop::IdNumber, &self.id_numbers);
        let problems = normalize(&mut e);
        Ok((e, problems))
    }
}

/// Normalises a query entity in place, as listed entities are: dates to ISO (possibly
/// partial), countries to ISO codes, gender to male/female/other. Values that cannot be read
/// are dropped and returned as problems. Used for every query, whatever door it came in by.
pub fn normalize(e: &mut Entity) -> Vec<QueryError> {
    let mut problems = Vec::new();
    let dates = [
        Prop::BirthDate,
        Prop::DeathDate,
        Prop::IncorporationDate,
        Prop::BuildDate,
    ];
    for prop in dates {
        let raw = e.props.remove(&prop).unwrap_or_default();
        for v in raw {
            match date::parse(&v) {
                Some(d) => e.add(prop, d),
                None => problems.push(QueryError::BadField {
                    field: prop.as_str(),
                    value: v,
                    expected: "a date such as 1971-05-12, 1971-05 or 1971",
                }),
            }
        }
    }
    for &prop in Prop::COUNTRIES {
        let raw = e.props.remove(&prop).unwrap_or_default();
        for v in raw {
            match country::code(&v) {
                Some(c) => e.add(prop, c),
                None => problems.push(QueryError::BadField {
                    field: prop.as_str(),
                    value: v,
                    expected: "a country name or ISO code",
                }),
            }
        }
    }
    let raw = e.props.remove(&Prop::Gender).unwrap_or_default();
    for g in raw {
        let norm = match g.to_lowercase().as_str() {
            "m" | "male" | "man" | "mr" => "male",
            "f" | "female" | "woman" | "ms" | "mrs" => "female",
            "other" | "x" | "diverse" => "other",
            _ => {
                problems.push(QueryError::BadField {
                    field: "gender",
                    value: g,
                    expected: "male, female or other",
                });
                continue;
            }
        };
        e.add(Prop::Gender, norm);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_become_a_normalised_entity() {
        let q = QueryFields {
            names: vec!["Mohammed Ali".into()],
            birth_dates: vec!["2 Mar 1990".into()],
            nationalities: vec!["NL".into()],
            gender: Some("M".into()),
            id_numbers: vec!["X123".into()],
            ..Default::default()
        };
        let e = q.to_entity().unwrap();
        assert_eq!(
            e.schema,
            Schema::Person,
            "a birth date and gender make a person"
        );
        assert_eq!(e.get(Prop::BirthDate), ["1990-03-02"]);
        assert_eq!(e.get(Prop::Nationality), ["nl"]);
        assert_eq!(e.get(Prop::Gender), ["male"]);
        assert_eq!(e.get(Prop::IdNumber), ["X123"]);
    }

    #[test]
    fn a_bare_name_may_be_anyone() {
        let q = QueryFields {
            names: vec!["Acme Trading".into()],
            ..Default::default()
        };
        assert_eq!(q.to_entity().unwrap().schema, Schema::LegalEntity);
    }

    #[test]
    fn name_parts_make_a_name() {
        let q = QueryFields {
            first_name: Some("Jan".into()),
            last_name: Some("Jansen".into()),
            schema: Some("person".into()),
            ..Default::default()
        };
        let e = q.to_entity().unwrap();
        assert_eq!(e.get(Prop::Name), ["Jan Jansen"]);
        assert_eq!(e.schema, Schema::Person);
    }

    #[test]
    fn bad_fields_are_named() {
        let bad = |q: QueryFields| q.to_entity().unwrap_err().to_string();
        let base = QueryFields {
            names: vec!["A".into()],
            ..Default::default()
        };
        assert!(
            bad(QueryFields {
                birth_dates: vec!["soon".into()],
                ..base.clone()
            })
            .contains("birthDate")
        );
        assert!(
            bad(QueryFields {
                countries: vec!["Atlantis".into()],
                ..base.clone()
            })
            .contains("country")
        );
        assert!(
            bad(QueryFields {
                schema: Some("Car".into()),
                ..base.clone()
            })
            .contains("schema")
        );
        assert_eq!(QueryFields::default().to_entity(), Err(QueryError::NoName));
    }

    #[test]
    fn lenient_drops_only_the_bad_value() {
        let q = QueryFields {
            names: vec!["A B".into()],
            birth_dates: vec!["1970".into(), "unknown".into()],
            nationalities: vec!["Atlantis".into(), "France".into()],
            ..Default::default()
        };
        let (e, problems) = q.to_entity_lenient().unwrap();
        assert_eq!(e.get(Prop::BirthDate), ["1970"]);
        assert_eq!(e.get(Prop::Nationality), ["fr"]);
        assert_eq!(problems.len(), 2);
    }
}
