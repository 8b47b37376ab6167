//! The issuing country of an entity's identifier numbers, as FollowTheMoney's
//! `Identification` and `Passport` schemata state it (`number`, `country`, and the entity as
//! `holder`). Passport, national id, tax and registration numbers are unique only within the
//! country that issued them: the same number issued by two countries is two documents.
//!
//! The numbers stay where they always were, in the entity's properties (`passportNumber`,
//! `idNumber`, …); an [`Identification`] adds the country of one of them, where the list gives
//! one. Serialised, an entity carries them under `identifications` (left out when there are
//! none, so entities without them read and write as before); in FtM exports each is also
//! written as the `Passport` or `Identification` entity FtM tools know
//! ([`FtmEntity::identification_records`]).
//!
//! ```
//! use zeef_model::{Entity, Prop, Schema};
//! let mut e = Entity::new("x-1", Schema::Person, "x");
//! e.add_issued(Prop::PassportNumber, "A 123456", "Iran");
//! assert_eq!(e.get(Prop::PassportNumber), ["A 123456"]);
//! assert_eq!(e.issuers(Prop::PassportNumber, "A 123456").collect::<Vec<_>>(), ["ir"]);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::entity::clean_value;
use crate::{Entity, FtmEntity, Prop, country};

/// One identifier number of an entity and the country that issued it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Identification {
    /// The property holding the number: one of [`Prop::ISSUED`].
    #[serde(rename = "property", with = "prop_name")]
    pub prop: Prop,
    /// The number, as the property holds it.
    pub number: String,
    /// The issuing country: an ISO 3166-1 alpha-2 code, lower case, as FtM writes countries
    /// (or FtM's code of a former state, `suhh`, `yucs`).
    pub country: String,
}

impl Prop {
    /// Identifier properties whose numbers a country issues (passports, national ids, tax and
    /// company registers): those an [`Identification`] can give the issuing country of.
    pub const ISSUED: &'static [Prop] = &[
        Prop::PassportNumber,
        Prop::IdNumber,
        Prop::TaxNumber,
        Prop::RegistrationNumber,
    ];
}

impl Entity {
    /// Adds an identifier number, as [`Entity::add`] does, and records `country` as its
    /// issuer when `prop` is one of [`Prop::ISSUED`] and `country` is a country
    /// [`country::code`] reads (`Iran`, `IR`, `IRN`, `Iranian`). True when the country was
    /// recorded; the number is added either way.
    pub fn add_issued(&mut self, prop: Prop, number: &str, country: &str) -> bool {
        self.add(prop, number);
        let number = clean_value(number);
        let code = country::code(country);
        match code {
            Some(code) if !number.is_empty() && Prop::ISSUED.contains(&prop) => {
                let id = Identification {
                    prop,
                    number,
                    country: code.to_string(),
                };
                if !self.identifications.contains(&id) {
                    self.identifications.push(id);
                }
                true
            }
            _ => false,
        }
    }

    /// The issuing countries recorded for `number` of `prop` (usually none or one).
    pub fn issuers<'a>(&'a self, prop: Prop, number: &'a str) -> impl Iterator<Item = &'a str> {
        self.identifications
            .iter()
            .filter(move |i| i.prop == prop && i.number == number)
            .map(|i| i.country.as_str())
    }
}

impl Identification {
    /// The FtM schema of the record: `Passport` for a passport number, else `Identification`.
    pub fn ftm_schema(&self) -> &'static str {
        match self.prop {
            Prop::PassportNumber => "Passport",
            _ => "Identification",
        }
    }

    /// The FtM `type` of the record: what the number is, in words.
    pub fn ftm_type(&self) -> &'static str {
        match self.prop {
            Prop::PassportNumber => "passport",
            Prop::TaxNumber => "tax number",
            Prop::RegistrationNumber => "registration number",
            _ => "national id",
        }
    }

    /// The property an FtM `Passport` or `Identification` record's number belongs to, by its
    /// schema and `type` (`Passport`, or a type naming a passport, tax or registration
    /// number; anything else is an id number). `None` for other schemata.
    pub fn prop_of_record(schema: &str, types: &[String]) -> Option<Prop> {
        let said = |word: &str| types.iter().any(|t| t.to_lowercase().contains(word));
        match schema {
            "Passport" => Some(Prop::PassportNumber),
            "Identification" if said("passport") => Some(Prop::PassportNumber),
            "Identification" if said("tax") => Some(Prop::TaxNumber),
            "Identification" if said("registration") => Some(Prop::RegistrationNumber),
            "Identification" => Some(Prop::IdNumber),
            _ => None,
        }
    }
}

impl FtmEntity {
    /// Its identifications as the FtM records OpenSanctions tools read: one `Passport` or
    /// `Identification` per number with an issuing country (`holder` this entity, `number`,
    /// `country`, `type`), with ids made of the holder's, the kind, the country and the
    /// number (`un-QDi.299-passport-iq-A1234567`).
    pub fn identification_records(&self) -> Vec<FtmEntity> {
        self.identifications
            .iter()
            .map(|i| {
                let number_id: String = i
                    .number
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let kind = i.ftm_type().replace(' ', "-");
                let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
                properties.insert("holder".into(), vec![self.id.clone()]);
                properties.insert("number".into(), vec![i.number.clone()]);
                properties.insert("country".into(), vec![i.country.clone()]);
                properties.insert("type".into(), vec![i.ftm_type().to_string()]);
                FtmEntity {
                    id: format!("{}-{kind}-{}-{number_id}", self.id, i.country),
                    schema: i.ftm_schema().to_string(),
                    caption: Some(i.number.clone()),
                    properties,
                    datasets: self.datasets.clone(),
                    referents: Vec::new(),
                    target: Some(false),
                    provenance: None,
                    identifications: Vec::new(),
                }
            })
            .collect()
    }
}

/// A [`Prop`] written as its FtM name.
mod prop_name {
    use crate::Prop;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &Prop, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(p.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Prop, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(|()| {
            serde::de::Error::custom(format!(
                "unknown identifier property {:?}",
                crate::clip(&name, crate::QUOTED_BYTES)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;

    #[test]
    fn a_country_is_recorded_only_where_it_is_read_and_the_number_is_issued() {
        let mut e = Entity::new("x-1", Schema::Person, "x");
        assert!(e.add_issued(Prop::PassportNumber, " A-77 ", "Iranian"));
        assert!(e.add_issued(Prop::PassportNumber, "A-77", "IR"));
        assert!(!e.add_issued(Prop::IdNumber, "99 88", "Atlantis"));
        assert!(!e.add_issued(Prop::ImoNumber, "IMO7406784", "Iran"));
        assert!(!e.add_issued(Prop::TaxNumber, "  ", "Iran"));
        assert_eq!(e.get(Prop::PassportNumber), ["A-77"]);
        assert_eq!(e.get(Prop::IdNumber), ["99 88"]);
        assert_eq!(e.get(Prop::ImoNumber), ["IMO7406784"]);
        assert_eq!(e.identifications.len(), 1);
        assert_eq!(
            e.issuers(Prop::PassportNumber, "A-77").collect::<Vec<_>>(),
            ["ir"]
        );
        assert_eq!(e.issuers(Prop::IdNumber, "99 88").count(), 0);
    }

    #[test]
    fn entities_without_identifications_serialise_as_before() {
        let mut e = Entity::new("x-1", Schema::Person, "x");
        e.add(Prop::PassportNumber, "A77");
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("identifications"), "{json}");
        e.add_issued(Prop::TaxNumber, "123-45", "Iraq");
        let json = serde_json::to_string(&e).unwrap();
        assert!(
            json.contains(
                r#""identifications":[{"property":"taxNumber","number":"123-45","country":"iq"}]"#
            ),
            "{json}"
        );
        let back: Entity = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn what_cannot_be_read_is_dropped_or_named() {
        // A country no one knows, a property that issues no numbers: dropped.
        let line = r#"{"id":"x-1","schema":"Person","properties":{},"identifications":[
            {"property":"passportNumber","number":"A1","country":"Atlantis"},
            {"property":"imoNumber","number":"IMO7406784","country":"ir"},
            {"property":"idNumber","number":"B2","country":"Iraq"}]}"#;
        let e: Entity = serde_json::from_str(line).unwrap();
        assert_eq!(e.identifications.len(), 1);
        assert_eq!(e.identifications[0].country, "iq");
        // The numbers are kept as numbers all the same.
        assert_eq!(e.get(Prop::PassportNumber), ["A1"]);
        assert_eq!(e.get(Prop::IdNumber), ["B2"]);
        let bad = r#"{"id":"x-1","schema":"Person","identifications":[{"property":"shoeSize","number":"1","country":"ir"}]}"#;
        let err = serde_json::from_str::<Entity>(bad).unwrap_err().to_string();
        assert!(
            err.contains("unknown identifier property \"shoeSize\""),
            "{err}"
        );
    }

    #[test]
    fn ftm_records_name_holder_number_country_and_type() {
        let mut e = Entity::new("un-QDi.1", Schema::Person, "un");
        e.add_issued(Prop::PassportNumber, "A 123", "Iraq");
        e.add_issued(Prop::RegistrationNumber, "77/1", "Cyprus");
        let records = e.to_ftm().identification_records();
        assert_eq!(records.len(), 2);
        let p = &records[0];
        assert_eq!(
            (p.id.as_str(), p.schema.as_str()),
            ("un-QDi.1-passport-iq-A123", "Passport")
        );
        assert_eq!(p.properties["holder"], ["un-QDi.1"]);
        assert_eq!(p.properties["number"], ["A 123"]);
        assert_eq!(p.properties["country"], ["iq"]);
        assert_eq!(p.datasets, ["un"]);
        let r = &records[1];
        assert_eq!(r.schema, "Identification");
        assert_eq!(r.properties["type"], ["registration number"]);
        for rec in &records {
            let types = rec.properties["type"].clone();
            let prop = Identification::prop_of_record(&rec.schema, &types);
            assert!(prop.is_some_and(|p| e.has(p)), "{rec:?}");
        }
        assert_eq!(
            Identification::prop_of_record("Identification", &["Tax ID".into()]),
            Some(Prop::TaxNumber)
        );
        assert_eq!(
            Identification::prop_of_record("Identification", &[]),
            Some(Prop::IdNumber)
        );
        assert_eq!(Identification::prop_of_record("Sanction", &[]), None);
    }
}
