//! A record prepared for matching: names analysed into weighted parts, dates parsed,
//! countries, gender and identifiers normalised. Listed entities are prepared once, at index
//! build; queries once per screen.

use crate::weights::PartStats;
use zeef_model::date::DateValue;
use zeef_model::{Entity, Prop, Schema};
use zeef_names::{AnalysedName, NameKind, analyse};

/// One analysed name of a record, with the weight of each of its parts.
#[derive(Debug, Clone)]
pub struct PreparedName {
    pub prop: Prop,
    pub name: AnalysedName,
    pub weights: Vec<f64>,
}

/// Identifier properties compared as "the same kind of number".
pub const ID_PROPS: &[Prop] = &[
    Prop::PassportNumber,
    Prop::IdNumber,
    Prop::TaxNumber,
    Prop::RegistrationNumber,
    Prop::ImoNumber,
    Prop::SwiftBic,
    Prop::Mmsi,
    Prop::CallSign,
];

/// Country properties (ISO codes) compared as "the same country".
pub const COUNTRY_PROPS: &[Prop] = &[
    Prop::Nationality,
    Prop::Citizenship,
    Prop::Country,
    Prop::Jurisdiction,
    Prop::Flag,
];

/// Everything matching needs to know of a record.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub schema: Schema,
    pub names: Vec<PreparedName>,
    pub birth_dates: Vec<(String, DateValue)>,
    pub countries: Vec<String>,
    pub gender: Option<String>,
    /// (property, value as written, value normalised to upper-case letters and digits).
    pub ids: Vec<(Prop, String, String)>,
}

/// Which word lists apply to names of this schema.
pub fn name_kind(schema: Schema) -> NameKind {
    match schema {
        Schema::Person => NameKind::Person,
        Schema::Organization | Schema::Company => NameKind::Organization,
        Schema::LegalEntity | Schema::Vessel | Schema::Airplane => NameKind::Other,
    }
}

impl Prepared {
    pub fn new(entity: &Entity, stats: &PartStats) -> Prepared {
        let kind = name_kind(entity.schema);
        let names = entity
            .names()
            .map(|(prop, raw)| {
                let name = analyse(raw, kind);
                let weights = name.parts.iter().map(|p| stats.weight(p)).collect();
                PreparedName {
                    prop,
                    name,
                    weights,
                }
            })
            .filter(|n| !n.name.parts.is_empty())
            .collect();
        let birth_dates = entity
            .get(Prop::BirthDate)
            .iter()
            .filter_map(|d| DateValue::parse(d).map(|v| (d.clone(), v)))
            .collect();
        let mut countries: Vec<String> = COUNTRY_PROPS
            .iter()
            .flat_map(|&p| entity.get(p).iter())
            .map(|c| {
                zeef_model::country::code(c)
                    .map(str::to_string)
                    .unwrap_or_else(|| c.to_lowercase())
            })
            .collect();
        countries.sort();
        countries.dedup();
        let gender = entity
            .first(Prop::Gender)
            .map(|g| g.trim().to_lowercase())
            .and_then(|g| match g.as_str() {
                "male" | "m" | "man" => Some("male".to_string()),
                "female" | "f" | "woman" => Some("female".to_string()),
                _ => None,
            });
        let ids = ID_PROPS
            .iter()
            .flat_map(|&p| entity.get(p).iter().map(move |v| (p, v)))
            .filter_map(|(p, v)| {
                let norm: String = v
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_uppercase();
                // Numbers of fewer than 4 characters are too short to identify anything.
                (norm.len() >= 4).then(|| (p, v.clone(), norm))
            })
            .collect();
        Prepared {
            schema: entity.schema,
            names,
            birth_dates,
            countries,
            gender,
            ids,
        }
    }
}

impl Prepared {
    /// Recomputes part weights from `stats` (after the index has counted its parts).
    pub fn reweight(&mut self, stats: &PartStats) {
        for n in &mut self.names {
            n.weights = n.name.parts.iter().map(|p| stats.weight(p)).collect();
        }
    }
}
