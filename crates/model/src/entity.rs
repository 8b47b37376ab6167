use crate::{Identification, Provenance, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

macro_rules! props {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A property of an entity, named as in FollowTheMoney.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Prop { $($variant),* }

        impl Prop {
            pub const ALL: &'static [Prop] = &[$(Prop::$variant),*];
            /// The FtM property name, e.g. `weakAlias`.
            pub fn as_str(self) -> &'static str {
                match self { $(Prop::$variant => $name),* }
            }
        }

        impl FromStr for Prop {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $($name => Ok(Prop::$variant),)* _ => Err(()) }
            }
        }
    };
}

props! {
    Name = "name",
    Alias = "alias",
    WeakAlias = "weakAlias",
    PreviousName = "previousName",
    FirstName = "firstName",
    MiddleName = "middleName",
    LastName = "lastName",
    FatherName = "fatherName",
    MotherName = "motherName",
    Title = "title",
    Position = "position",
    BirthDate = "birthDate",
    BirthPlace = "birthPlace",
    DeathDate = "deathDate",
    IncorporationDate = "incorporationDate",
    BuildDate = "buildDate",
    Gender = "gender",
    Nationality = "nationality",
    Citizenship = "citizenship",
    Country = "country",
    Jurisdiction = "jurisdiction",
    Address = "address",
    IdNumber = "idNumber",
    PassportNumber = "passportNumber",
    TaxNumber = "taxNumber",
    RegistrationNumber = "registrationNumber",
    ImoNumber = "imoNumber",
    CallSign = "callSign",
    Mmsi = "mmsi",
    Flag = "flag",
    Type = "type",
    Email = "email",
    Phone = "phone",
    Website = "website",
    SwiftBic = "swiftBic",
    Topics = "topics",
    Program = "program",
    ListingDate = "listingDate",
    ModifiedAt = "modifiedAt",
    Notes = "notes",
    SourceUrl = "sourceUrl",
    PublicKey = "publicKey",
    Currency = "currency",
    Holder = "holder",
    LeiCode = "leiCode",
}

impl Prop {
    /// Properties that hold names of the entity (what screening compares).
    pub const NAMES: &'static [Prop] =
        &[Prop::Name, Prop::Alias, Prop::WeakAlias, Prop::PreviousName];
    /// Properties that hold identifying numbers.
    pub const IDENTIFIERS: &'static [Prop] = &[
        Prop::IdNumber,
        Prop::PassportNumber,
        Prop::TaxNumber,
        Prop::RegistrationNumber,
        Prop::ImoNumber,
        Prop::CallSign,
        Prop::Mmsi,
        Prop::SwiftBic,
        Prop::LeiCode,
        Prop::PublicKey,
    ];
    /// Properties that hold ISO 3166-1 alpha-2 country codes (lower case, as FtM writes them).
    pub const COUNTRIES: &'static [Prop] = &[
        Prop::Nationality,
        Prop::Citizenship,
        Prop::Country,
        Prop::Jurisdiction,
        Prop::Flag,
    ];
}

impl fmt::Display for Prop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One listed thing: a person, organisation, company, vessel or airplane, with its properties
/// (each a list of strings, as in FtM) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable, readable id: `<source>-<official id>`, e.g. `un-QDi.299`, `ofac_sdn-306`.
    pub id: String,
    pub schema: Schema,
    pub props: BTreeMap<Prop, Vec<String>>,
    /// FtM properties zeef has no [`Prop`] for, kept so FtM data round-trips.
    pub extra: BTreeMap<String, Vec<String>>,
    /// The issuing country of identifier numbers, where the list gives one (each number is
    /// also in `props`): see [`Entity::add_issued`].
    pub identifications: Vec<Identification>,
    pub provenance: Provenance,
}

impl Entity {
    pub fn new(id: impl Into<String>, schema: Schema, source: impl Into<String>) -> Self {
        Entity {
            id: id.into(),
            schema,
            props: BTreeMap::new(),
            extra: BTreeMap::new(),
            identifications: Vec::new(),
            provenance: Provenance::new(source),
        }
    }

    /// Adds a value: trimmed, inner white space folded, empty and duplicate values dropped.
    pub fn add(&mut self, prop: Prop, value: impl AsRef<str>) {
        let value = clean_value(value.as_ref());
        if value.is_empty() {
            return;
        }
        let values = self.props.entry(prop).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    pub fn add_all<I, S>(&mut self, prop: Prop, values: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for v in values {
            self.add(prop, v);
        }
    }

    pub fn get(&self, prop: Prop) -> &[String] {
        self.props.get(&prop).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn first(&self, prop: Prop) -> Option<&str> {
        self.get(prop).first().map(String::as_str)
    }

    pub fn has(&self, prop: Prop) -> bool {
        !self.get(prop).is_empty()
    }

    /// Every name of the entity with the property it came from, primary names first.
    pub fn names(&self) -> impl Iterator<Item = (Prop, &str)> {
        Prop::NAMES
            .iter()
            .flat_map(move |&p| self.get(p).iter().map(move |v| (p, v.as_str())))
    }

    /// The name to show for the entity: its first `name`, else its first alias, else (for a
    /// crypto wallet) its address, else its id.
    pub fn caption(&self) -> &str {
        self.names()
            .next()
            .map(|(_, n)| n)
            .or_else(|| self.first(Prop::PublicKey))
            .unwrap_or(&self.id)
    }

    /// Where the entity has no `name`, gives it one made of its name parts (first, middle,
    /// father's, last), so that a record or query given in parts alone is screened by name.
    pub fn add_name_from_parts(&mut self) {
        if self.has(Prop::Name) {
            return;
        }
        let parts: Vec<String> = [
            Prop::FirstName,
            Prop::MiddleName,
            Prop::FatherName,
            Prop::LastName,
        ]
        .into_iter()
        .filter_map(|p| self.first(p).map(str::trim).filter(|v| !v.is_empty()))
        .map(str::to_string)
        .collect();
        if !parts.is_empty() {
            self.add(Prop::Name, parts.join(" "));
        }
    }

    /// The datasets (sources) the entity belongs to.
    pub fn datasets(&self) -> Vec<String> {
        vec![self.provenance.source.clone()]
    }

    /// Serialises to one FtM JSON object (OpenSanctions' shape) with zeef's provenance added
    /// under `provenance`, and the issuing countries of its numbers under `identifications`.
    pub fn to_ftm(&self) -> FtmEntity {
        let mut properties: BTreeMap<String, Vec<String>> = self
            .props
            .iter()
            .map(|(p, v)| (p.as_str().to_string(), v.clone()))
            .collect();
        for (k, v) in &self.extra {
            properties.insert(k.clone(), v.clone());
        }
        FtmEntity {
            id: self.id.clone(),
            schema: self.schema.as_str().to_string(),
            caption: Some(self.caption().to_string()),
            properties,
            datasets: self.datasets(),
            referents: Vec::new(),
            target: Some(true),
            provenance: Some(self.provenance.clone()),
            identifications: self.identifications.clone(),
        }
    }

    /// Reads an FtM entity. `source` names the dataset when the record carries no provenance.
    /// Schemata zeef does not model are an error; unknown properties go to [`Entity::extra`];
    /// an identification whose country zeef does not know, or whose property issues no
    /// numbers, is dropped (its number is kept).
    pub fn from_ftm(ftm: FtmEntity, source: &str) -> Result<Entity, crate::schema::UnknownSchema> {
        let schema: Schema = ftm.schema.parse()?;
        let mut e = Entity::new(ftm.id, schema, source);
        for (k, values) in ftm.properties {
            match k.parse::<Prop>() {
                Ok(p) => e.add_all(p, values),
                Err(()) => {
                    let vals: Vec<String> = values
                        .iter()
                        .map(|v| clean_value(v))
                        .filter(|v| !v.is_empty())
                        .collect();
                    if !vals.is_empty() {
                        e.extra.insert(k, vals);
                    }
                }
            }
        }
        for i in ftm.identifications {
            e.add_issued(i.prop, &i.number, &i.country);
        }
        e.add_name_from_parts();
        if let Some(p) = ftm.provenance {
            e.provenance = p;
        } else if !e.id.is_empty() {
            e.provenance.record_ids.push(e.id.clone());
        }
        Ok(e)
    }
}

impl Serialize for Entity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_ftm().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Entity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ftm = FtmEntity::deserialize(d)?;
        let source = ftm
            .provenance
            .as_ref()
            .map(|p| p.source.clone())
            .or_else(|| ftm.datasets.first().cloned())
            .unwrap_or_default();
        Entity::from_ftm(ftm, &source).map_err(serde::de::Error::custom)
    }
}

/// The wire shape of an FtM entity (OpenSanctions' `entities.ftm.json` lines).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FtmEntity {
    /// Optional for queries and pairs to compare; list parsers require it.
    #[serde(default)]
    pub id: String,
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, deserialize_with = "de_properties")]
    pub properties: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub datasets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// zeef's addition, as `provenance` is: the issuing countries of identifier numbers (FtM
    /// tools read them from [`FtmEntity::identification_records`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifications: Vec<Identification>,
}

/// FtM property values are lists of strings; accept a bare string, numbers and nested
/// entities (kept as their id or JSON text) so that real-world files load.
fn de_properties<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let raw: BTreeMap<String, serde_json::Value> = BTreeMap::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let values = match v {
                serde_json::Value::Array(items) => items.into_iter().filter_map(scalar).collect(),
                other => scalar(other).into_iter().collect(),
            };
            (k, values)
        })
        .collect())
}

fn scalar(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Object(ref m) => m
            .get("id")
            .and_then(|id| id.as_str().map(str::to_string))
            .or_else(|| Some(v.to_string())),
        other => Some(other.to_string()),
    }
}

/// Trims and folds runs of white space (including non-breaking spaces) to one space.
pub(crate) fn clean_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_cleans_and_dedups() {
        let mut e = Entity::new("x-1", Schema::Person, "x");
        e.add(Prop::Name, "  John\u{a0} Smith ");
        e.add(Prop::Name, "John Smith");
        e.add(Prop::Name, "   ");
        assert_eq!(e.get(Prop::Name), ["John Smith"]);
        assert_eq!(e.caption(), "John Smith");
    }

    #[test]
    fn a_name_is_made_of_parts_only_where_there_is_none() {
        let mut e = Entity::new("x-1", Schema::Person, "x");
        e.add(Prop::LastName, "Example");
        e.add(Prop::FirstName, " Jan ");
        e.add(Prop::FatherName, "Pieter");
        e.add_name_from_parts();
        assert_eq!(e.get(Prop::Name), ["Jan Pieter Example"]);
        e.add(Prop::FirstName, "Johannes");
        e.add_name_from_parts();
        assert_eq!(e.get(Prop::Name), ["Jan Pieter Example"]);
        let mut bare = Entity::new("x-2", Schema::Person, "x");
        bare.add_name_from_parts();
        assert!(!bare.has(Prop::Name));
        let ftm: FtmEntity = serde_json::from_str(
            r#"{"schema":"Person","properties":{"firstName":["Jan"],"lastName":["Example"]}}"#,
        )
        .unwrap();
        let read = Entity::from_ftm(ftm, "q").unwrap();
        assert_eq!(read.get(Prop::Name), ["Jan Example"]);
    }

    #[test]
    fn ftm_round_trip_keeps_unknown_properties() {
        let line = r#"{"id":"os-1","schema":"Person","properties":{"name":["A B"],"birthDate":"1970","religion":["x"]},"datasets":["mine"]}"#;
        let e: Entity = serde_json::from_str(line).unwrap();
        assert_eq!(e.provenance.source, "mine");
        assert_eq!(e.first(Prop::BirthDate), Some("1970"));
        assert_eq!(e.extra["religion"], ["x"]);
        let back: Entity = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn queries_need_no_id() {
        let e: Entity =
            serde_json::from_str(r#"{"schema":"Person","properties":{"name":["A B"]}}"#).unwrap();
        assert_eq!(e.id, "");
        assert!(e.provenance.record_ids.is_empty());
    }

    #[test]
    fn unknown_schema_is_an_error() {
        let line = r#"{"id":"os-1","schema":"Ownership","properties":{}}"#;
        assert!(serde_json::from_str::<Entity>(line).is_err());
    }
}
