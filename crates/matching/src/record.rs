//! A record prepared for matching: names analysed into weighted parts, dates parsed,
//! countries, gender and identifiers (with their issuing countries) normalised. Listed
//! entities are prepared once, at index build; queries once per screen.

use std::sync::Arc;

use crate::part_stats::PartStats;
use zeef_model::date::DateValue;
use zeef_model::identifier::{self, Check, IdKind};
use zeef_model::{Entity, Prop, Schema, country, gender};
use zeef_names::{AnalysedName, NameKind, analyse};

/// One analysed name of a record, with the weight of each of its parts.
#[derive(Debug, Clone)]
pub struct PreparedName {
    pub prop: Prop,
    /// The word lists the name was analysed with.
    pub kind: NameKind,
    pub name: AnalysedName,
    pub weights: Vec<f64>,
}

/// Identifier properties compared as "the same kind of number".
pub const ID_PROPS: &[Prop] = Prop::IDENTIFIERS;

/// Everything matching needs to know of a record.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub schema: Schema,
    /// Shared: an index analyses each distinct listed name once, and records carrying the
    /// same name (one person on several lists) point to one copy.
    pub names: Vec<Arc<PreparedName>>,
    /// For a LegalEntity (a record that may be a person or an organisation), its names
    /// analysed as a person's too: compared with a Person, these apply (titles, `Abu Bakr`
    /// compounds). Empty for other schemata.
    pub person_names: Vec<Arc<PreparedName>>,
    pub birth_dates: Vec<(String, DateValue)>,
    pub countries: Vec<String>,
    pub gender: Option<String>,
    pub ids: Vec<Identifier>,
}

/// An identifying number of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub prop: Prop,
    /// As written.
    pub value: String,
    /// What is compared: the lookup key of [`identifier::normalise`] (wallet addresses
    /// marked apart, so that no other number equals one).
    pub normalised: String,
    pub kind: IdKind,
    pub check: Check,
    /// The country that issued the number, where it is given (ISO code, lower case).
    pub issuer: Option<&'static str>,
}

/// How the issuing countries of two identifiers with the same number relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuers {
    /// Both are given and the same: the same document (or register entry).
    Same(&'static str),
    /// One side gives one, or neither: the number decides, as it always did.
    Unknown,
    /// Both are given and differ: two documents that share a number, not the same one.
    Different {
        query: &'static str,
        listed: &'static str,
    },
}

/// Starts the key of a wallet address: Base58 addresses keep their case, other numbers are
/// upper case, and the two are never compared.
const WALLET_MARK: char = '$';

impl Identifier {
    /// `value` of property `prop`, normalised (`None`: too short or long to identify).
    pub fn new(prop: Prop, value: &str) -> Option<Identifier> {
        let id = identifier::normalise(prop, value)?;
        Some(Identifier {
            prop,
            value: value.to_string(),
            normalised: lookup_key(id.kind, &id.key),
            kind: id.kind,
            check: id.check,
            issuer: None,
        })
    }

    /// The same, issued by `country` (an ISO code, as `Entity::identifications` keeps them;
    /// a code zeef does not know is no issuer).
    pub fn issued(mut self, country: &str) -> Identifier {
        self.issuer = country::code(country);
        self
    }

    /// How this identifier's issuer and `listed`'s relate (for two equal numbers).
    pub fn issuers(&self, listed: &Identifier) -> Issuers {
        match (self.issuer, listed.issuer) {
            (Some(q), Some(l)) if q == l => Issuers::Same(q),
            (Some(query), Some(listed)) => Issuers::Different { query, listed },
            _ => Issuers::Unknown,
        }
    }

    /// The identifier of `listed` with this one's number that agrees best on the issuer
    /// (the same country, else one not given, else another), and how; `None` when `listed`
    /// has not this number.
    pub fn same_number<'a>(&self, listed: &'a [Identifier]) -> Option<(&'a Identifier, Issuers)> {
        let rank = |i: &Issuers| match i {
            Issuers::Same(_) => 0,
            Issuers::Unknown => 1,
            Issuers::Different { .. } => 2,
        };
        listed
            .iter()
            .filter(|l| l.normalised == self.normalised)
            .map(|l| (l, self.issuers(l)))
            .min_by_key(|(_, i)| rank(i))
    }

    /// `A123 issued by Iran`, or `A123` where no issuer is given (`registered in` for a
    /// registration number).
    pub fn with_issuer(&self) -> String {
        match self.issuer {
            Some(c) => format!("{} {} {}", self.value, self.issued_word(), country_name(c)),
            None => self.value.clone(),
        }
    }

    /// `registered in` for a registration number, `issued by` for other numbers.
    pub fn issued_word(&self) -> &'static str {
        match self.kind {
            IdKind::Registration => "registered in",
            _ => "issued by",
        }
    }
}

/// A country's English name (`ir` -> `Iran`), or its code where zeef knows no name.
pub fn country_name(code: &str) -> &str {
    country::name(code).unwrap_or(code)
}

/// The key an identifier of `kind` is looked up by.
pub(crate) fn lookup_key(kind: IdKind, key: &str) -> String {
    match kind {
        IdKind::Wallet => format!("{WALLET_MARK}{key}"),
        _ => key.to_string(),
    }
}

/// Which word lists apply to names of this schema.
pub fn name_kind(schema: Schema) -> NameKind {
    match schema {
        Schema::Person => NameKind::Person,
        Schema::Organization | Schema::Company => NameKind::Organization,
        Schema::LegalEntity | Schema::Vessel | Schema::Airplane | Schema::CryptoWallet => {
            NameKind::Other
        }
    }
}

impl Prepared {
    pub fn new(entity: &Entity, stats: &PartStats) -> Prepared {
        let names = prepare_names(entity, name_kind(entity.schema), stats);
        let person_names = if entity.schema == Schema::LegalEntity {
            prepare_names(entity, NameKind::Person, stats)
        } else {
            Vec::new()
        };
        Prepared::with_names(entity, names, person_names)
    }

    /// A record with names prepared elsewhere (as [`prepare_names`] does) and the other
    /// fields from `entity`.
    pub(crate) fn with_names(
        entity: &Entity,
        names: Vec<Arc<PreparedName>>,
        person_names: Vec<Arc<PreparedName>>,
    ) -> Prepared {
        let birth_dates = entity
            .get(Prop::BirthDate)
            .iter()
            .filter_map(|d| DateValue::parse(d).map(|v| (d.clone(), v)))
            .collect();
        let mut countries: Vec<String> = Prop::COUNTRIES
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
        // Only male and female are compared.
        let gender = entity
            .first(Prop::Gender)
            .and_then(gender::normalize)
            .filter(|&g| g != gender::OTHER)
            .map(str::to_string);
        // One identifier per issuing country a number has (or one with none).
        let mut ids = Vec::new();
        for &p in ID_PROPS {
            for v in entity.get(p) {
                let Some(id) = Identifier::new(p, v) else {
                    continue;
                };
                let before = ids.len();
                for c in entity.issuers(p, v) {
                    ids.push(id.clone().issued(c));
                }
                if ids.len() == before {
                    ids.push(id);
                }
            }
        }
        Prepared {
            schema: entity.schema,
            names,
            person_names,
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
        for n in self.names.iter_mut().chain(self.person_names.iter_mut()) {
            let n = Arc::make_mut(n);
            n.weights = n.name.parts.iter().map(|p| stats.weight(p)).collect();
        }
    }

    /// Gives back the spare capacity of every list in the record (names, parts, spellings,
    /// dates…): an index keeps millions of these.
    pub fn shrink_to_fit(&mut self) {
        for n in self.names.iter_mut().chain(self.person_names.iter_mut()) {
            if let Some(n) = Arc::get_mut(n) {
                n.shrink_to_fit();
            }
        }
        self.names.shrink_to_fit();
        self.person_names.shrink_to_fit();
        self.birth_dates.shrink_to_fit();
        self.countries.shrink_to_fit();
        self.ids.shrink_to_fit();
    }

    /// The names to compare with a record of schema `other`: person-analysed names of a
    /// LegalEntity when the other side is a Person.
    pub fn names_against(&self, other: Schema) -> &[Arc<PreparedName>] {
        if other == Schema::Person && !self.person_names.is_empty() {
            &self.person_names
        } else {
            &self.names
        }
    }
}

impl PreparedName {
    /// `raw` analysed as `kind`, with weights.
    pub(crate) fn new(prop: Prop, kind: NameKind, raw: &str, stats: &PartStats) -> PreparedName {
        let name = analyse(raw, kind);
        let weights = name.parts.iter().map(|p| stats.weight(p)).collect();
        PreparedName {
            prop,
            kind,
            name,
            weights,
        }
    }

    /// Gives back the spare capacity of its lists.
    pub(crate) fn shrink_to_fit(&mut self) {
        for p in &mut self.name.parts {
            if let Some(p) = std::sync::Arc::get_mut(p) {
                p.alts.shrink_to_fit();
            }
        }
        self.name.parts.shrink_to_fit();
        self.weights.shrink_to_fit();
    }
}

/// Every name of `entity` analysed as `kind`, with weights; names without parts dropped.
fn prepare_names(entity: &Entity, kind: NameKind, stats: &PartStats) -> Vec<Arc<PreparedName>> {
    entity
        .names()
        .map(|(prop, raw)| PreparedName::new(prop, kind, raw, stats))
        .filter(|n| !n.name.parts.is_empty())
        .map(Arc::new)
        .collect()
}
