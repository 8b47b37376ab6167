//! OFAC's advanced XML (`SDN_ADVANCED.XML`, `CONS_ADVANCED.XML` of the Sanctions List
//! Service, the "Advanced Sanctions List Standard"): a `Sanctions` document whose
//! `ReferenceValueSets` name every type by number, then `Locations`, `IDRegDocuments`,
//! `DistinctParties` (one `DistinctParty` per listed party: a `Profile` with its `Identity`,
//! `Alias`es of `DocumentedName`s made of name parts, and `Feature`s such as birth dates,
//! nationalities, addresses and digital currency addresses), `ProfileRelationships` (typed
//! links between profiles: associate of, owned or controlled by, family member of...) and
//! `SanctionsEntries` (list, programs, listing date).
//!
//! Ids are `<source>-<FixedRef>`, the same numbers as the legacy XML and CSV (`uid`,
//! `ent_num`). Parties are read one at a time into a compact form and resolved against the
//! reference values at the end, so memory stays near the size of what is kept.

use std::collections::HashMap;

use super::xml_node::{self, Node};
use super::{Input, Parsed, find, ofac_remarks, require};
use crate::ParseError;
use zeef_model::{Entity, LinkEnd, Prop, Provenance, RelationKind, Relationship, Schema, country};

/// The file names the Sanctions List Service gives the advanced XML.
pub const FILES: [&str; 2] = ["sdn_advanced.xml", "cons_advanced.xml"];

/// A link between two listed parties, as `ProfileRelationships` states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileLink {
    /// `<source>-rel-<ProfileRelationship ID>`.
    pub id: String,
    /// The entity id of the `From-ProfileID` party.
    pub from: String,
    /// The entity id of the `To-ProfileID` party.
    pub to: String,
    /// The list's words for the link, read "`from` relation `to`": `Associate Of`, `Owned or
    /// Controlled By`, `Family member of`, `Leader or official of`...
    pub relation: String,
    /// The link is stated as a former one.
    pub former: bool,
}

/// The parties of an advanced XML file, and the links between them.
#[derive(Debug, Default)]
pub struct AdvancedList {
    pub parsed: Parsed,
    pub links: Vec<ProfileLink>,
}

/// The parser's contract (see [`super`]): the parties as entities, and the links between
/// them as relationships of the kind their wording names.
pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let AdvancedList { mut parsed, links } = parse_with_links(source, inputs)?;
    let by_id: HashMap<&str, &Entity> =
        parsed.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let relationships: Vec<Relationship> = links
        .iter()
        .filter_map(|l| relationship(l, by_id.get(l.from.as_str())?, by_id.get(l.to.as_str())?))
        .collect();
    parsed.relationships = relationships;
    ofac_remarks::append_wallets(&mut parsed.entities);
    Ok(parsed)
}

/// A link as a relationship: its kind and which end is which from the list's wording
/// (`X Owned or Controlled By Y`: Y owns X).
fn relationship(l: &ProfileLink, from: &Entity, to: &Entity) -> Option<Relationship> {
    let wording = l.relation.to_ascii_lowercase();
    let (kind, reversed) = if wording.contains("owned or controlled by") {
        (RelationKind::Ownership, true)
    } else if wording.contains("associate") {
        (RelationKind::Associate, false)
    } else if wording.contains("family") {
        (RelationKind::Family, false)
    } else if wording.contains("leader") || wording.contains("executive officer") {
        (RelationKind::Directorship, false)
    } else {
        (RelationKind::UnknownLink, false)
    };
    let end = |e: &Entity| LinkEnd::listed(e.id.clone(), e.caption().to_string());
    let (first, second) = if reversed { (to, from) } else { (from, to) };
    let mut provenance = Provenance::new(from.provenance.source.clone());
    provenance.list_date = from.provenance.list_date.clone();
    provenance.record_ids = from.provenance.record_ids.clone();
    let former = if l.former { " (former)" } else { "" };
    Some(Relationship {
        id: l.id.clone(),
        kind,
        from: end(first),
        to: end(second),
        role: format!("{}{former}", l.relation),
        percentage: None,
        text: format!("{} {} {}{former}", from.caption(), l.relation, to.caption()),
        record: from.id.clone(),
        provenance,
    })
}

/// The parties as entities, and `ProfileRelationships` as typed links between them.
pub fn parse_with_links(source: &str, inputs: &[Input]) -> Result<AdvancedList, ParseError> {
    let input = match FILES.iter().find_map(|f| find(inputs, f)) {
        Some(i) => i,
        None => require(inputs, FILES[0])?,
    };
    let file = input.name.as_str();
    let mut doc = Reading::default();
    xml_node::walk(
        file,
        &input.data,
        "Sanctions",
        1,
        &["DateOfIssue"],
        |n, _| {
            doc.date = issue_date(&n);
            Ok(())
        },
    )?;
    xml_node::walk(file, &input.data, "Sanctions", 2, RECORDS, |n, line| {
        doc.read(&n)
            .map_err(|msg| ParseError::new(file, msg).at(format!("line {line}")))
    })?;
    if doc.parties.is_empty() {
        return Err(ParseError::new(file, "no DistinctParty: empty or cut file"));
    }
    Ok(doc.finish(source))
}

/// The elements read, two levels below the root: reference value sets and records.
const RECORDS: &[&str] = &[
    "AliasTypeValues",
    "PartySubTypeValues",
    "PartyTypeValues",
    "NamePartTypeValues",
    "FeatureTypeValues",
    "IDRegDocTypeValues",
    "RelationTypeValues",
    "DetailReferenceValues",
    "CountryValues",
    "LegalBasisValues",
    "ListValues",
    "SanctionsTypeValues",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
];

/// One value of a feature, before the reference values resolve it.
#[derive(Debug)]
enum FeatureValue {
    Date(String),
    Text(String),
    Detail(String),
    Location(String),
}

/// One name: its alias type, whether it is the primary name or a weak one, and its parts
/// as (name part type, text) in the order listed.
#[derive(Debug)]
struct Name {
    alias_type: String,
    primary: bool,
    low_quality: bool,
    parts: Vec<(String, String)>,
}

/// A `DistinctParty`, compact.
#[derive(Debug)]
struct Party {
    fixed_ref: String,
    profile_id: String,
    identity_ids: Vec<String>,
    sub_type: String,
    names: Vec<Name>,
    /// (feature type, values).
    features: Vec<(String, Vec<FeatureValue>)>,
    comment: String,
}

/// An `IDRegDocument`: type, number, issuing country, and whose identity it is.
#[derive(Debug)]
struct IdDocument {
    identity: String,
    doc_type: String,
    number: String,
    country: String,
}

/// A `SanctionsEntry`: list, programs, listing date.
#[derive(Debug)]
struct Entry {
    list: String,
    programs: Vec<String>,
    date: Option<String>,
}

/// What a walk over the file gathered, resolved by [`Reading::finish`].
#[derive(Debug, Default)]
struct Reading {
    date: Option<String>,
    /// (`AliasType`, `"1403"`) -> `Name`: every reference value by element name and ID.
    refs: HashMap<(String, String), String>,
    /// `PartySubType` ID -> its `PartyTypeID`.
    sub_type_party: HashMap<String, String>,
    /// `Country` ID -> ISO 3166 alpha-2 (upper case, as the file gives it).
    country_iso: HashMap<String, String>,
    /// `Location` ID -> (its parts joined, country ID).
    locations: HashMap<String, (String, String)>,
    documents: Vec<IdDocument>,
    parties: Vec<Party>,
    links: Vec<(String, String, String, String, bool)>,
    /// `ProfileID` -> its sanctions entries.
    entries: HashMap<String, Vec<Entry>>,
}

impl Reading {
    fn read(&mut self, n: &Node) -> Result<(), String> {
        match n.name.as_str() {
            "Location" => {
                self.locations.insert(
                    n.attr("ID").to_string(),
                    (location_text(n), country_of(n).to_string()),
                );
            }
            "IDRegDocument" => self.documents.push(IdDocument {
                identity: n.attr("IdentityID").to_string(),
                doc_type: n.attr("IDRegDocTypeID").to_string(),
                number: n.text_of("IDRegistrationNo").to_string(),
                country: n.attr("IssuedBy-CountryID").to_string(),
            }),
            "DistinctParty" => self.parties.push(party(n)?),
            "ProfileRelationship" => self.links.push((
                n.attr("ID").to_string(),
                n.attr("From-ProfileID").to_string(),
                n.attr("To-ProfileID").to_string(),
                n.attr("RelationTypeID").to_string(),
                n.attr("Former").eq_ignore_ascii_case("true"),
            )),
            "SanctionsEntry" => {
                let date = n
                    .all("EntryEvent")
                    .find_map(|ev| ev.child("Date").and_then(date_of));
                let programs = n
                    .all("SanctionsMeasure")
                    .map(|m| m.text_of("Comment").to_string())
                    .filter(|c| !c.is_empty())
                    .collect();
                self.entries
                    .entry(n.attr("ProfileID").to_string())
                    .or_default()
                    .push(Entry {
                        list: n.attr("ListID").to_string(),
                        programs,
                        date,
                    });
            }
            set => {
                // A reference value set: `<AliasTypeValues><AliasType ID="1403">Name</...>`.
                for v in &n.children {
                    let id = v.attr("ID").to_string();
                    if v.name == "PartySubType" {
                        self.sub_type_party
                            .insert(id.clone(), v.attr("PartyTypeID").to_string());
                    }
                    if set == "CountryValues" {
                        self.country_iso
                            .insert(id.clone(), v.attr("ISO2").to_string());
                    }
                    self.refs
                        .insert((v.name.clone(), id), v.text.trim().to_string());
                }
            }
        }
        Ok(())
    }

    fn value(&self, kind: &str, id: &str) -> &str {
        self.refs
            .get(&(kind.to_string(), id.to_string()))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn finish(self, source: &str) -> AdvancedList {
        let mut out = AdvancedList::default();
        out.parsed.list_date = self.date.clone();
        let mut by_profile: HashMap<&str, String> = HashMap::new();
        let mut by_identity: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.parties.iter().enumerate() {
            by_profile.insert(&p.profile_id, format!("{source}-{}", p.fixed_ref));
            for id in &p.identity_ids {
                by_identity.insert(id, i);
            }
        }
        let mut entities: Vec<Entity> = self
            .parties
            .iter()
            .map(|p| self.entity(source, p))
            .collect();
        for d in &self.documents {
            let Some(&i) = by_identity.get(d.identity.as_str()) else {
                continue;
            };
            let e = &mut entities[i];
            let label = self.value("IDRegDocType", &d.doc_type);
            let issuer = self.value("Country", &d.country);
            let iso = self.country_iso.get(&d.country).map_or("", String::as_str);
            let given = if iso.is_empty() { issuer } else { iso };
            if !ofac_remarks::apply_issued(label, &d.number, given, e) && !d.number.is_empty() {
                e.add(Prop::Notes, format!("{label}: {}", d.number));
            }
            if !issuer.is_empty() && !d.number.is_empty() {
                e.add(
                    Prop::Notes,
                    format!("{label} {} issued by {issuer}", d.number),
                );
            }
        }
        out.links = self
            .links
            .iter()
            .filter_map(|(id, from, to, kind, former)| {
                Some(ProfileLink {
                    id: format!("{source}-rel-{id}"),
                    from: by_profile.get(from.as_str())?.clone(),
                    to: by_profile.get(to.as_str())?.clone(),
                    relation: self.value("RelationType", kind).to_string(),
                    former: *former,
                })
            })
            .collect();
        out.parsed.entities = entities;
        out
    }

    fn entity(&self, source: &str, p: &Party) -> Entity {
        let sub = self.value("PartySubType", &p.sub_type);
        let party_type = self
            .sub_type_party
            .get(&p.sub_type)
            .map(|t| self.value("PartyType", t))
            .unwrap_or("");
        let schema = match (sub.to_ascii_lowercase().as_str(), party_type) {
            ("vessel", _) => Schema::Vessel,
            ("aircraft", _) => Schema::Airplane,
            (_, t) if t.eq_ignore_ascii_case("individual") => Schema::Person,
            (_, t) if t.eq_ignore_ascii_case("entity") => Schema::Organization,
            _ => Schema::LegalEntity,
        };
        let mut e = Entity::new(format!("{source}-{}", p.fixed_ref), schema, source);
        e.provenance.record_ids.push(p.fixed_ref.clone());
        e.provenance.references.push(p.fixed_ref.clone());
        e.add(Prop::Topics, "sanction");
        for name in &p.names {
            self.add_name(&mut e, name);
        }
        for (kind, values) in &p.features {
            let label = self.value("FeatureType", kind);
            for v in values {
                self.add_feature(&mut e, label, v);
            }
        }
        for entry in self.entries.get(&p.profile_id).into_iter().flatten() {
            let list = self.value("List", &entry.list);
            if !list.is_empty() {
                e.add(Prop::Notes, format!("List: {list}"));
            }
            e.add_all(Prop::Program, entry.programs.iter().map(String::as_str));
            if let Some(d) = &entry.date {
                e.add(Prop::ListingDate, d.as_str());
            }
        }
        if !p.comment.is_empty() {
            e.add(Prop::Notes, p.comment.as_str());
            ofac_remarks::mine(&p.comment, &mut e);
        }
        e
    }

    fn add_name(&self, e: &mut Entity, name: &Name) {
        let typed = |t: &str| -> Vec<&str> {
            name.parts
                .iter()
                .filter(|(k, _)| self.value("NamePartType", k).eq_ignore_ascii_case(t))
                .map(|(_, v)| v.as_str())
                .collect()
        };
        let (first, middle, last) = (
            typed("First Name"),
            typed("Middle Name"),
            typed("Last Name"),
        );
        let whole = if e.schema == Schema::Person && !last.is_empty() {
            // Given names first, as the legacy files' "First LAST" reads.
            let mut words: Vec<&str> = Vec::new();
            let family = ["Last Name", "Maiden Name"];
            for (k, v) in &name.parts {
                let t = self.value("NamePartType", k);
                if !family.iter().any(|f| f.eq_ignore_ascii_case(t)) {
                    words.push(v);
                }
            }
            words.extend(last.iter().copied());
            words.join(" ")
        } else {
            let words: Vec<&str> = name.parts.iter().map(|(_, v)| v.as_str()).collect();
            words.join(" ")
        };
        let whole = whole.split_whitespace().collect::<Vec<_>>().join(" ");
        if whole.is_empty() {
            return;
        }
        let alias_type = self.value("AliasType", &name.alias_type);
        let prop = if name.primary && !e.has(Prop::Name) {
            if e.schema == Schema::Person {
                e.add_all(Prop::FirstName, first.iter().copied());
                e.add_all(Prop::MiddleName, middle.iter().copied());
                e.add_all(Prop::LastName, last.iter().copied());
            }
            Prop::Name
        } else if alias_type.eq_ignore_ascii_case("F.K.A.") {
            Prop::PreviousName
        } else if name.low_quality {
            Prop::WeakAlias
        } else {
            Prop::Alias
        };
        e.add(prop, whole);
    }

    fn add_feature(&self, e: &mut Entity, label: &str, v: &FeatureValue) {
        let text = match v {
            FeatureValue::Date(d) => {
                let prop = if label.eq_ignore_ascii_case("Birthdate") {
                    Prop::BirthDate
                } else if label.to_ascii_lowercase().contains("build") {
                    Prop::BuildDate
                } else {
                    e.add(Prop::Notes, format!("{label}: {d}"));
                    return;
                };
                e.add(prop, d.as_str());
                return;
            }
            FeatureValue::Text(t) => t.clone(),
            FeatureValue::Detail(id) => self.value("DetailReference", id).to_string(),
            FeatureValue::Location(id) => {
                let Some((parts, country_id)) = self.locations.get(id) else {
                    return;
                };
                let country_name = self.value("Country", country_id);
                let text = [parts.as_str(), country_name]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                let iso = self
                    .country_iso
                    .get(country_id)
                    .map(|c| c.to_ascii_lowercase())
                    .filter(|c| c.len() == 2);
                let country_prop = match label.to_ascii_lowercase().as_str() {
                    "nationality country" => Some(Prop::Nationality),
                    "citizenship country" => Some(Prop::Citizenship),
                    "location" => {
                        e.add(Prop::Address, &text);
                        Some(Prop::Country)
                    }
                    "place of birth" => {
                        e.add(Prop::BirthPlace, &text);
                        None
                    }
                    "vessel flag" => Some(Prop::Flag),
                    _ => {
                        e.add(Prop::Notes, format!("{label}: {text}"));
                        None
                    }
                };
                if let (Some(prop), Some(iso)) = (country_prop, iso) {
                    e.add(prop, iso);
                }
                return;
            }
        };
        if text.is_empty() {
            return;
        }
        let lower = label.to_ascii_lowercase();
        let prop = match lower.as_str() {
            "place of birth" => Some(Prop::BirthPlace),
            "gender" => {
                if let Some(g) = zeef_model::gender::normalize(&text) {
                    e.add(Prop::Gender, g);
                }
                return;
            }
            "title" => Some(Prop::Position),
            "vessel call sign" => Some(Prop::CallSign),
            "vessel type" | "aircraft model" => Some(Prop::Type),
            "nationality country" | "citizenship country" | "vessel flag" => {
                let prop = match lower.as_str() {
                    "nationality country" => Prop::Nationality,
                    "citizenship country" => Prop::Citizenship,
                    _ => Prop::Flag,
                };
                match country::code(&text) {
                    Some(c) => e.add(prop, c),
                    None => e.add(Prop::Notes, format!("{label}: {text}")),
                }
                return;
            }
            _ => None,
        };
        match prop {
            Some(p) => e.add(p, text),
            None => {
                if !ofac_remarks::apply_labelled(label, &text, e) {
                    // Digital currency addresses and anything else without a property.
                    e.add(Prop::Notes, format!("{label}: {text}"));
                }
            }
        }
    }
}

/// Reads one `DistinctParty` into its compact form.
fn party(n: &Node) -> Result<Party, String> {
    let fixed_ref = n.attr("FixedRef");
    if fixed_ref.is_empty() || !fixed_ref.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "DistinctParty without a numeric FixedRef (found {:?})",
            zeef_model::clip(fixed_ref, zeef_model::QUOTED_BYTES)
        ));
    }
    let Some(profile) = n.child("Profile") else {
        return Err(format!("DistinctParty {fixed_ref}: no Profile"));
    };
    let mut p = Party {
        fixed_ref: fixed_ref.to_string(),
        profile_id: profile.attr("ID").to_string(),
        identity_ids: Vec::new(),
        sub_type: profile.attr("PartySubTypeID").to_string(),
        names: Vec::new(),
        features: Vec::new(),
        comment: n.text_of("Comment").to_string(),
    };
    for identity in profile.all("Identity") {
        p.identity_ids.push(identity.attr("ID").to_string());
        // NamePartGroup ID -> NamePartType ID.
        let groups: HashMap<&str, &str> = identity
            .all("NamePartGroups")
            .flat_map(|g| g.all("MasterNamePartGroup"))
            .flat_map(|m| m.all("NamePartGroup"))
            .map(|g| (g.attr("ID"), g.attr("NamePartTypeID")))
            .collect();
        for alias in identity.all("Alias") {
            for name in alias.all("DocumentedName") {
                let parts = name
                    .all("DocumentedNamePart")
                    .filter_map(|part| part.child("NamePartValue"))
                    .map(|v| {
                        let kind = groups.get(v.attr("NamePartGroupID")).copied();
                        (kind.unwrap_or("").to_string(), v.text.trim().to_string())
                    })
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                p.names.push(Name {
                    alias_type: alias.attr("AliasTypeID").to_string(),
                    primary: alias.attr("Primary").eq_ignore_ascii_case("true"),
                    low_quality: alias.attr("LowQuality").eq_ignore_ascii_case("true"),
                    parts,
                });
            }
        }
    }
    if p.names.is_empty() {
        return Err(format!("DistinctParty {fixed_ref}: no name"));
    }
    for feature in profile.all("Feature") {
        let mut values = Vec::new();
        for version in feature.all("FeatureVersion") {
            for period in version.all("DatePeriod") {
                values.extend(period_date(period).map(FeatureValue::Date));
            }
            for detail in version.all("VersionDetail") {
                let reference = detail.attr("DetailReferenceID");
                if !reference.is_empty() {
                    values.push(FeatureValue::Detail(reference.to_string()));
                } else if !detail.text.trim().is_empty() {
                    values.push(FeatureValue::Text(detail.text.trim().to_string()));
                }
            }
            for location in version.all("VersionLocation") {
                values.push(FeatureValue::Location(
                    location.attr("LocationID").to_string(),
                ));
            }
        }
        p.features
            .push((feature.attr("FeatureTypeID").to_string(), values));
    }
    Ok(p)
}

/// `<Year>`, `<Month>`, `<Day>` children as an ISO date, as precise as given.
fn date_of(n: &Node) -> Option<String> {
    let year = n.text_of("Year");
    if year.len() != 4 {
        return None;
    }
    let raw = match (n.text_of("Month"), n.text_of("Day")) {
        ("", _) => year.to_string(),
        (m, "") => format!("{year}-{m:0>2}"),
        (m, d) => format!("{year}-{m:0>2}-{d:0>2}"),
    };
    zeef_model::date::parse(&raw)
}

/// The list's `DateOfIssue`.
fn issue_date(n: &Node) -> Option<String> {
    date_of(n)
}

/// A `DatePeriod`: the day where start and end agree, else the span of years
/// (`1965/1969`), else the start.
fn period_date(period: &Node) -> Option<String> {
    let start = period.child("Start")?;
    let from = start.child("From").and_then(date_of);
    let to = start.child("To").and_then(date_of);
    let end = period
        .child("End")
        .and_then(|e| e.child("To"))
        .and_then(date_of);
    let last = end.or(to);
    match (from, last) {
        (Some(f), Some(l)) if f == l => Some(f),
        (Some(f), Some(l)) if f.len() >= 4 && l.len() >= 4 && f[..4] != l[..4] => {
            zeef_model::date::parse(&format!("{}/{}", &f[..4], &l[..4])).or(Some(f))
        }
        (Some(f), _) => Some(f),
        (None, l) => l,
    }
}

/// A `Location`'s parts joined (its country is named by [`country_of`]).
fn location_text(n: &Node) -> String {
    let parts: Vec<&str> = n
        .all("LocationPart")
        .filter_map(|p| p.child("LocationPartValue"))
        .map(|v| v.text_of("Value"))
        .filter(|v| !v.is_empty())
        .collect();
    parts.join(", ")
}

/// The `CountryID` of a `Location`.
fn country_of(n: &Node) -> &str {
    n.child("LocationCountry")
        .map(|c| c.attr("CountryID"))
        .unwrap_or("")
}
