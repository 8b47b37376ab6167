//! Screening queries turned into the entity the matcher compares with listed ones: the one
//! normaliser of every front door (`zeef screen`, `zeef batch`, `zeef compare`, HTTP `/screen`
//! and yente's `/match` and `/search`). Dates become ISO (possibly partial), countries ISO
//! codes, gender FtM's `male`/`female`/`other`. A value that cannot be read is an error naming
//! the field ([`QueryFields::to_entity`], [`from_properties`]), or, for batch files, dropped
//! and reported ([`QueryFields::to_entity_lenient`], [`normalize`]).

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use zeef_model::{Entity, Identification, Prop, Schema, country, date, gender, identifier};

/// The source name given to query entities.
pub const QUERY_SOURCE: &str = "query";

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
    /// Identifiers of any kind (passport, national id, tax or registration number, IMO
    /// number, LEI, BIC, wallet address): each is looked up as every kind it can be.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_numbers: Vec<String>,
    /// The country that issued the `id_numbers` (a passport's, a national id's, a tax or
    /// company register's), as a name or code. Where a listed number has another issuing
    /// country, it is another document; a person's nationality is no issuer, so only this
    /// field gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_country: Option<String>,
    /// IMO ship numbers (`IMO 7406784` or `7406784`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imo_numbers: Vec<String>,
    /// Digital currency (crypto wallet) addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wallets: Vec<String>,
    /// The currency of the wallet addresses (`XBT`, `ETH`, `USDT`...), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// SWIFT/BIC codes (8 or 11 characters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bics: Vec<String>,
    /// Legal Entity Identifiers (20 characters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leis: Vec<String>,
    /// Schema name; `None` means any legal entity (person or organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// A query field that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query has no name and no identifier")]
    NoName,
    #[error(
        "{field}: cannot read {:?} ({expected})",
        zeef_model::clip(value, zeef_model::QUOTED_BYTES)
    )]
    BadField {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    /// More than one query may ask for (see [`check_limits`]).
    #[error("{field}: {what} (at most {limit})")]
    TooLarge {
        field: String,
        what: String,
        limit: usize,
    },
}

/// Most characters in one name. The longest names on the official lists are a few hundred
/// characters; a query's cost grows with its length, so every door refuses more.
pub const MAX_NAME_CHARS: usize = 500;
/// Most words in one name (official lists' longest names have a few dozen).
pub const MAX_NAME_WORDS: usize = 40;
/// Most names (name and aliases) in one query.
pub const MAX_NAMES: usize = 50;
/// Most values of any other field of one query (birth dates, countries, identifiers...).
pub const MAX_VALUES: usize = 50;
/// Most characters in any other value.
pub const MAX_VALUE_CHARS: usize = 500;
/// Most queries in one request or batch call, unless the server is told otherwise.
pub const DEFAULT_MAX_QUERIES: usize = 100;

/// Checks that a query asks for no more than one query may ([`MAX_NAME_CHARS`],
/// [`MAX_NAME_WORDS`], [`MAX_NAMES`], [`MAX_VALUES`], [`MAX_VALUE_CHARS`]): the bounds that
/// keep the work of one query small, the same for every door.
pub fn check_limits(e: &Entity) -> Result<(), QueryError> {
    let too_large = |field: &str, what: String, limit: usize| QueryError::TooLarge {
        field: field.to_string(),
        what,
        limit,
    };
    let names: Vec<&str> = e.names().map(|(_, n)| n).collect();
    if names.len() > MAX_NAMES {
        return Err(too_large(
            "name",
            format!("{} names", names.len()),
            MAX_NAMES,
        ));
    }
    for name in names {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(too_large(
                "name",
                format!("a name of {chars} characters"),
                MAX_NAME_CHARS,
            ));
        }
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if words > MAX_NAME_WORDS {
            return Err(too_large(
                "name",
                format!("a name of {words} words"),
                MAX_NAME_WORDS,
            ));
        }
    }
    let others = e
        .props
        .iter()
        .filter(|(p, _)| !Prop::NAMES.contains(p))
        .map(|(p, v)| (p.as_str(), v))
        .chain(e.extra.iter().map(|(k, v)| (k.as_str(), v)));
    if e.identifications.len() > MAX_VALUES {
        return Err(too_large(
            "identifications",
            format!("{} values", e.identifications.len()),
            MAX_VALUES,
        ));
    }
    for (field, values) in others {
        if values.len() > MAX_VALUES {
            return Err(too_large(
                field,
                format!("{} values", values.len()),
                MAX_VALUES,
            ));
        }
        if let Some(v) = values.iter().find(|v| v.chars().count() > MAX_VALUE_CHARS) {
            let chars = v.chars().count();
            return Err(too_large(
                field,
                format!("a value of {chars} characters"),
                MAX_VALUE_CHARS,
            ));
        }
    }
    Ok(())
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
                expected: "Person, Organization, Company, LegalEntity, Vessel, Airplane or CryptoWallet",
            })?,
        };
        let mut e = Entity::new(
            self.id.clone().unwrap_or_else(|| QUERY_SOURCE.into()),
            schema,
            QUERY_SOURCE,
        );
        e.add_all(Prop::Name, &self.names);
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
        e.add_name_from_parts();
        let mut problems = Vec::new();
        let issuer = self
            .id_country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .and_then(|c| match country::code(c) {
                Some(code) => Some(code),
                None => {
                    problems.push(QueryError::BadField {
                        field: "id_country",
                        value: c.to_string(),
                        expected: "a country name or ISO code",
                    });
                    None
                }
            });
        for number in &self.id_numbers {
            e.add_issued(Prop::IdNumber, number, issuer.unwrap_or(""));
        }
        e.add_all(Prop::ImoNumber, &self.imo_numbers);
        e.add_all(Prop::PublicKey, &self.wallets);
        e.add_all(Prop::SwiftBic, &self.bics);
        e.add_all(Prop::LeiCode, &self.leis);
        if !can_screen(&e) {
            return Err(QueryError::NoName);
        }
        if let Some(c) = &self.currency {
            e.add(Prop::Currency, identifier::currency(c));
        }
        e.add_all(Prop::BirthDate, &self.birth_dates);
        e.add_all(Prop::Country, &self.countries);
        e.add_all(Prop::Nationality, &self.nationalities);
        check_limits(&e)?;
        problems.extend(normalize(&mut e));
        Ok((e, problems))
    }
}

/// Properties that hold dates, read as [`date::parse`] reads them.
const DATES: [Prop; 4] = [
    Prop::BirthDate,
    Prop::DeathDate,
    Prop::IncorporationDate,
    Prop::BuildDate,
];

/// Normalises a query entity in place, as listed entities are: dates to ISO (possibly
/// partial), countries to ISO codes, gender to male/female/other. Values that cannot be read
/// are dropped and returned as problems; a name is made of the name parts where none is
/// given. Used for every query, whatever door it came in by.
pub fn normalize(e: &mut Entity) -> Vec<QueryError> {
    e.add_name_from_parts();
    let mut problems = Vec::new();
    for prop in DATES {
        let expected = "a date such as 1971-05-12, 1971-05 or 1971";
        normalize_values(e, prop, expected, &mut problems, date::parse);
    }
    for &prop in Prop::COUNTRIES {
        let read = |v: &str| country::code(v).map(str::to_string);
        normalize_values(e, prop, "a country name or ISO code", &mut problems, read);
    }
    let read = |v: &str| gender::normalize(v).map(str::to_string);
    normalize_values(
        e,
        Prop::Gender,
        "male, female or other",
        &mut problems,
        read,
    );
    problems
}

/// Replaces each value of `prop` by what `read` makes of it; a value it cannot read is
/// dropped and noted in `problems`.
fn normalize_values(
    e: &mut Entity,
    prop: Prop,
    expected: &'static str,
    problems: &mut Vec<QueryError>,
    read: impl Fn(&str) -> Option<String>,
) {
    for value in e.props.remove(&prop).unwrap_or_default() {
        match read(&value) {
            Some(norm) => e.add(prop, norm),
            None => problems.push(QueryError::BadField {
                field: prop.as_str(),
                value,
                expected,
            }),
        }
    }
}

/// A query entity from a schema and FtM properties (yente's example entities), normalised as
/// [`normalize`] does; a value it cannot read is an error naming the property. Properties
/// zeef does not know are kept in `extra` (echoed back, not used for scoring).
pub fn from_properties(
    id: &str,
    schema: Schema,
    properties: &BTreeMap<String, Vec<String>>,
) -> Result<Entity, QueryError> {
    let mut e = Entity::new(id, schema, QUERY_SOURCE);
    for (prop, values) in properties {
        match Prop::from_str(prop) {
            Ok(p) => e.add_all(p, values),
            Err(()) => {
                for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    let kept = e.extra.entry(prop.to_string()).or_default();
                    if !kept.iter().any(|x| x == v) {
                        kept.push(v.to_string());
                    }
                }
            }
        }
    }
    check_limits(&e)?;
    match normalize(&mut e).into_iter().next() {
        None => Ok(e),
        Some(problem) => Err(problem),
    }
}

/// Gives a query entity's identifier numbers their issuing countries, as a yente-style
/// query may state them beside its FtM properties (`"identifications": [{"property":
/// "passportNumber", "number": "A123", "country": "Iran"}]`; a number not among the
/// properties is added). A person's `nationality` or `country` is never read as an issuer:
/// only these are. A property that takes no issuer or a country that cannot be read is an
/// error naming the field.
pub fn add_issuers(e: &mut Entity, given: &[Identification]) -> Result<(), QueryError> {
    if given.len() > MAX_VALUES {
        return Err(QueryError::TooLarge {
            field: "identifications".into(),
            what: format!("{} values", given.len()),
            limit: MAX_VALUES,
        });
    }
    for i in given {
        if !Prop::ISSUED.contains(&i.prop) {
            return Err(QueryError::BadField {
                field: "identifications",
                value: i.prop.as_str().to_string(),
                expected: "passportNumber, idNumber, taxNumber or registrationNumber",
            });
        }
        if !e.add_issued(i.prop, &i.number, &i.country) {
            return Err(QueryError::BadField {
                field: "identifications",
                value: i.country.clone(),
                expected: "a country name or ISO code",
            });
        }
    }
    check_limits(e)
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

/// True when the query has a name.
pub fn has_name(e: &Entity) -> bool {
    e.names().next().is_some()
}

/// True when the query has something the index can search by: a name or an identifier.
pub fn can_screen(e: &Entity) -> bool {
    has_name(e) || Prop::IDENTIFIERS.iter().any(|&p| e.has(p))
}

/// What the query's identifiers say of themselves: an IMO number, LEI or BIC that fails its
/// check is likely mistyped (it is still looked up exactly as given).
pub fn identifier_warnings(e: &Entity) -> Vec<String> {
    Prop::IDENTIFIERS
        .iter()
        .flat_map(|&p| e.get(p).iter().map(move |v| (p, v)))
        .filter_map(|(p, v)| {
            let id = identifier::normalise(p, v)?;
            (id.check == identifier::Check::Invalid).then(|| {
                format!(
                    "{}: {} {:?} fails its check: likely mistyped (looked up as given)",
                    p,
                    id.kind.label(),
                    zeef_model::clip(v, zeef_model::QUOTED_BYTES)
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_beyond_the_limits_are_refused_naming_the_field() {
        let name = |n: &str| QueryFields {
            names: vec![n.to_string()],
            ..QueryFields::default()
        };
        assert!(name("Abu Bakr al-Baghdadi").to_entity().is_ok());
        let long = vec!["Abu Bakr"; MAX_NAME_WORDS].join(" ");
        let e = name(&long).to_entity().err().map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("name: a name of 80 words")),
            "{e:?}"
        );
        let wide = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(matches!(
            name(&wide).to_entity(),
            Err(QueryError::TooLarge { .. })
        ));
        let many = QueryFields {
            names: (0..=MAX_NAMES)
                .map(|i| format!("Ivan Petrov {i}"))
                .collect(),
            ..QueryFields::default()
        };
        assert!(matches!(
            many.to_entity_lenient(),
            Err(QueryError::TooLarge { .. })
        ));
        let mut props = BTreeMap::new();
        props.insert("name".to_string(), vec!["Ivan Petrov".to_string()]);
        let ids = (0..=MAX_VALUES).map(|i| i.to_string()).collect();
        props.insert("idNumber".to_string(), ids);
        let e = from_properties("q", Schema::Person, &props)
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.starts_with("idNumber: 51 values")),
            "{e:?}"
        );
    }

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
    fn an_id_country_is_the_issuer_of_the_id_numbers_only() {
        let q = QueryFields {
            id_numbers: vec!["A 123".into(), "B-7".into()],
            id_country: Some("Iranian".into()),
            nationalities: vec!["Iraq".into()],
            ..Default::default()
        };
        let e = q.to_entity().unwrap();
        let issued: Vec<(&str, &str)> = e
            .identifications
            .iter()
            .map(|i| (i.number.as_str(), i.country.as_str()))
            .collect();
        assert_eq!(issued, [("A 123", "ir"), ("B-7", "ir")]);
        // Echoed back with the query, and recorded so.
        let shown = serde_json::to_value(crate::result::screened_query(&e)).unwrap();
        assert_eq!(shown["identifications"][0]["country"], "ir");
        // A nationality is no issuer.
        let q = QueryFields {
            id_numbers: vec!["A 123".into()],
            nationalities: vec!["Iran".into()],
            ..Default::default()
        };
        let e = q.to_entity().unwrap();
        assert!(e.identifications.is_empty());
        let shown = serde_json::to_value(crate::result::screened_query(&e)).unwrap();
        assert!(shown.get("identifications").is_none(), "{shown}");
        // One that cannot be read is refused, naming the field; a batch row keeps the number.
        let q = QueryFields {
            id_numbers: vec!["A 123".into()],
            id_country: Some("Atlantis".into()),
            ..Default::default()
        };
        let err = q.to_entity().unwrap_err().to_string();
        assert!(
            err.starts_with("id_country: cannot read \"Atlantis\""),
            "{err}"
        );
        let (e, problems) = q.to_entity_lenient().unwrap();
        assert_eq!((e.get(Prop::IdNumber).len(), problems.len()), (1, 1));
        assert!(e.identifications.is_empty());
    }

    #[test]
    fn issuers_beside_ftm_properties() {
        let mut props = BTreeMap::new();
        props.insert("name".to_string(), vec!["Ivan Petrov".to_string()]);
        props.insert("passportNumber".to_string(), vec!["A123".to_string()]);
        props.insert("nationality".to_string(), vec!["ru".to_string()]);
        let mut e = from_properties("q", Schema::Person, &props).unwrap();
        assert!(e.identifications.is_empty(), "a nationality is no issuer");
        let given: Vec<Identification> = serde_json::from_str(
            r#"[{"property": "passportNumber", "number": "A123", "country": "Kazakhstan"},
                {"property": "taxNumber", "number": "T-9", "country": "kz"}]"#,
        )
        .unwrap();
        add_issuers(&mut e, &given).unwrap();
        assert_eq!(e.identifications.len(), 2);
        assert_eq!(e.get(Prop::TaxNumber), ["T-9"]);
        let bad = |json: &str| {
            let given: Vec<Identification> = serde_json::from_str(json).unwrap();
            add_issuers(&mut e.clone(), &given).unwrap_err().to_string()
        };
        let err = bad(r#"[{"property": "imoNumber", "number": "IMO7406784", "country": "ir"}]"#);
        assert!(
            err.starts_with("identifications: cannot read \"imoNumber\""),
            "{err}"
        );
        let err = bad(r#"[{"property": "idNumber", "number": "1", "country": "Atlantis"}]"#);
        assert!(
            err.starts_with("identifications: cannot read \"Atlantis\""),
            "{err}"
        );
    }

    #[test]
    fn an_identifier_alone_is_a_query() {
        let q = QueryFields {
            wallets: vec!["12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h".into()],
            currency: Some("btc".into()),
            imo_numbers: vec!["IMO 7406785".into()],
            ..Default::default()
        };
        let e = q.to_entity().unwrap();
        assert_eq!(e.get(Prop::Currency), ["XBT"]);
        assert!(can_screen(&e) && !has_name(&e));
        let warnings = identifier_warnings(&e);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("likely mistyped"), "{warnings:?}");
        assert_eq!(QueryFields::default().to_entity(), Err(QueryError::NoName));
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

    #[test]
    fn properties_are_cleaned_and_unknown_ones_kept() {
        let mut props = BTreeMap::new();
        props.insert("name".to_string(), vec!["  Ali  Hassan ".to_string()]);
        props.insert("nationality".to_string(), vec!["IQ".to_string()]);
        props.insert("gender".to_string(), vec!["Male".to_string()]);
        props.insert("birthDate".to_string(), vec!["2 Mar 1990".to_string()]);
        props.insert(
            "religion".to_string(),
            vec!["x".to_string(), "x".to_string()],
        );
        let e = from_properties("q1", Schema::Person, &props).unwrap();
        assert_eq!(e.get(Prop::Name), ["Ali Hassan"]);
        assert_eq!(e.get(Prop::Nationality), ["iq"]);
        assert_eq!(e.get(Prop::Gender), ["male"]);
        assert_eq!(e.get(Prop::BirthDate), ["1990-03-02"]);
        assert_eq!(e.extra["religion"], ["x"]);
        assert!(has_name(&e));
        assert_eq!(properties(&e)["religion"], ["x"]);
    }

    #[test]
    fn every_door_refuses_what_it_cannot_read() {
        let mut props = BTreeMap::new();
        props.insert("name".to_string(), vec!["Ali Hassan".to_string()]);
        props.insert("birthDate".to_string(), vec!["soon".to_string()]);
        let e = from_properties("q1", Schema::Person, &props).unwrap_err();
        assert!(e.to_string().contains("birthDate"), "{e}");
        props.remove("birthDate");
        props.insert("gender".to_string(), vec!["unknown".to_string()]);
        let e = from_properties("q1", Schema::Person, &props).unwrap_err();
        assert!(e.to_string().contains("gender"), "{e}");
    }
}
