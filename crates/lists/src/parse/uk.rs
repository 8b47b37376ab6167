//! The UK Sanctions List published by the FCDO, the UK's sole official register of
//! designations since 28 January 2026: `UK-Sanctions-List.xml`, or its CSV export
//! `UK-Sanctions-List.csv` as a fallback.
//!
//! The XML holds one `Designation` per designated person, entity or ship (`UniqueID`, e.g.
//! `AFG0001`), with `Names/Name` (`Name1`–`Name6`, `NameType`, `AliasStrength`),
//! `NonLatinNames`, `RegimeName`, `IndividualEntityShip`, dates (`DateDesignated`,
//! `LastUpdated`, dd/mm/yyyy), `Addresses`, and per kind `IndividualDetails`, `EntityDetails`
//! (type, registration numbers, parent companies, subsidiaries) or `ShipDetails` (IMO number,
//! owners and operators, flags, type, tonnage, build year). The CSV has one row per name,
//! rows sharing a `Unique ID` being one designation. Entity ids are `<source>-<UniqueID>`;
//! `UNReferenceNumber` becomes a cross-reference to the UN list and `OFSIGroupID` (the id of
//! the retired OFSI list) a reference. Ownership and control (parents, subsidiaries, a ship's
//! owners) become relationships (`crate::relations`), named as the list names them.

use super::sheet::{self, Columns, Row, numbered_items};
use super::uk_ofsi::{add_country, add_documents, add_note, is_terror_regime, un_reference};
use super::xml_node::{self, Node};
use super::{Input, Parsed, find};
use crate::ParseError;
use crate::relations::{CURRENT_OWNER, PARENT_COMPANY, PREVIOUS_OWNER, SUBSIDIARY};
use std::collections::HashMap;
use zeef_model::{CrossRef, Entity, Prop, Schema};

pub const XML: &str = "UK-Sanctions-List.xml";
pub const CSV: &str = "UK-Sanctions-List.csv";

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    if let Some(input) = find(inputs, XML) {
        return parse_xml(source, input);
    }
    if let Some(input) = find(inputs, CSV) {
        let rows = sheet::read_csv(&input.name, &input.data)?;
        return parse_csv_rows(source, &input.name, &rows);
    }
    Err(ParseError::new(
        XML,
        format!("file missing from the source folder (or {CSV})"),
    ))
}

fn parse_xml(source: &str, input: &Input) -> Result<Parsed, ParseError> {
    let file = input.name.as_str();
    let mut parsed = Parsed::default();
    xml_node::walk(
        file,
        &input.data,
        "Designations",
        1,
        &["Designation", "DateGenerated"],
        |node, line| {
            if node.name == "DateGenerated" {
                parsed.list_date = zeef_model::date::parse(&node.text);
                return Ok(());
            }
            let e = designation(source, &node)
                .map_err(|msg| ParseError::new(file, msg).at(format!("line {line}")))?;
            parsed.entities.push(e);
            Ok(())
        },
    )?;
    if parsed.entities.is_empty() {
        return Err(ParseError::new(file, "no Designation: empty or cut file"));
    }
    Ok(parsed)
}

/// The texts at the end of `path` below `node` (`["Names", "Name"]`: every `Name` of every
/// `Names`), trimmed, empty ones dropped.
fn texts<'a>(node: &'a Node, path: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    collect(node, path, &mut out);
    out
}

fn collect<'a>(node: &'a Node, path: &[&str], out: &mut Vec<&'a str>) {
    match path {
        [] => {
            let t = node.text.trim();
            if !t.is_empty() {
                out.push(t);
            }
        }
        [first, rest @ ..] => {
            for child in node.children.iter().filter(|c| c.name == *first) {
                collect(child, rest, out);
            }
        }
    }
}

/// Each document at `path` below `node`: its number (`number`, where not empty) and what the
/// list adds of it (`information`, where the issuing country is told).
fn documents<'a>(
    node: &'a Node,
    path: &[&str],
    number: &str,
    information: &str,
) -> Vec<(&'a str, &'a str)> {
    nodes(node, path)
        .into_iter()
        .map(|d| (d.text_of(number), d.text_of(information)))
        .filter(|(n, _)| !n.is_empty())
        .collect()
}

/// The nodes at the end of `path` below `node`.
fn nodes<'a>(node: &'a Node, path: &[&str]) -> Vec<&'a Node> {
    match path {
        [] => vec![node],
        [first, rest @ ..] => node
            .children
            .iter()
            .filter(|c| c.name == *first)
            .flat_map(|c| nodes(c, rest))
            .collect(),
    }
}

/// One `Designation` element.
fn designation(source: &str, node: &Node) -> Result<Entity, String> {
    let id = node.text_of("UniqueID");
    if id.is_empty() {
        return Err("Designation without a <UniqueID>".to_string());
    }
    let mut e = new_entity(source, id, node.text_of("IndividualEntityShip"))?;
    add_group_id(&mut e, node.text_of("OFSIGroupID"));
    add_un_refs(&mut e, node.text_of("UNReferenceNumber"));
    for name in nodes(node, &["Names", "Name"]) {
        let parts: [&str; 6] =
            ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"].map(|p| name.text_of(p));
        add_name(
            &mut e,
            &parts,
            name.text_of("NameType"),
            name.text_of("AliasStrength"),
        );
    }
    e.add_all(
        Prop::Alias,
        texts(
            node,
            &["NonLatinNames", "NonLatinName", "NameNonLatinScript"],
        ),
    );
    add_designation_facts(
        &mut e,
        &Facts {
            regime: node.text_of("RegimeName"),
            source: node.text_of("DesignationSource"),
            imposed: node.text_of("SanctionsImposed"),
            other: node.text_of("OtherInformation"),
            reasons: node.text_of("UKStatementofReasons"),
            designated: node.text_of("DateDesignated"),
            updated: node.text_of("LastUpdated"),
        },
    );
    for a in nodes(node, &["Addresses", "Address"]) {
        let lines: Vec<&str> = (1..=6)
            .map(|i| a.text_of(&format!("AddressLine{i}")))
            .collect();
        add_address(
            &mut e,
            &lines,
            a.text_of("AddressPostalCode"),
            a.text_of("AddressCountry"),
        );
    }
    e.add_all(Prop::Phone, texts(node, &["PhoneNumbers", "PhoneNumber"]));
    e.add_all(
        Prop::Email,
        texts(node, &["EmailAddresses", "EmailAddress"]),
    );
    e.add_all(Prop::Website, texts(node, &["Websites", "Website"]));
    for i in nodes(node, &["IndividualDetails", "Individual"]) {
        let list = |p: &[&str]| texts(i, p);
        add_person(
            &mut e,
            &Person {
                dobs: list(&["DOBs", "DOB"]),
                nationalities: list(&["Nationalities", "Nationality"]),
                positions: list(&["Positions", "Position"]),
                genders: list(&["Genders", "Gender"]),
                titles: list(&["Titles", "Title"]),
                passports: documents(
                    i,
                    &["PassportDetails", "Passport"],
                    "PassportNumber",
                    "PassportAdditionalInformation",
                ),
                national_ids: documents(
                    i,
                    &["NationalIdentifierDetails", "NationalIdentifier"],
                    "NationalIdentifierNumber",
                    "NationalIdentifierAdditionalInformation",
                ),
            },
        );
        for place in nodes(i, &["BirthDetails", "Location"]) {
            add_birth_place(
                &mut e,
                place.text_of("TownOfBirth"),
                place.text_of("CountryOfBirth"),
            );
        }
    }
    for en in nodes(node, &["EntityDetails", "Entity"]) {
        add_entity(
            &mut e,
            &Organisation {
                types: texts(en, &["TypeOfEntities", "TypeOfEntity"]),
                registrations: texts(
                    en,
                    &["BusinessRegistrationNumbers", "BusinessRegistrationNumber"],
                ),
                parents: texts(en, &["ParentCompanies", "ParentCompany"]),
                subsidiaries: texts(en, &["Subsidiaries", "Subsidiary"]),
            },
        );
    }
    for s in nodes(node, &["ShipDetails", "Ship"]) {
        let list = |p: &[&str]| texts(s, p);
        add_ship(
            &mut e,
            &Ship {
                imo: list(&["IMONumbers", "IMONumber"]),
                owners: list(&["CurrentOwnerOperators", "CurrentOwnerOperator"]),
                previous_owners: list(&["PreviousOwnerOperators", "PreviousOwnerOperator"]),
                flags: list(&["CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"]),
                previous_flags: list(&["PreviousFlags", "PreviousFlag"]),
                types: list(&["TypeOfShipDetails", "TypeOfShip"]),
                tonnage: list(&["TonnageOfShipDetails", "TonnageOfShip"]),
                length: list(&["LengthOfShipDetails", "LengthOfShip"]),
                built: list(&["YearsBuilt", "YearBuilt"]),
                hins: list(&["HullIdentificationNumbers", "HullIdentificationNumber"]),
            },
        );
    }
    promote_first_alias(&mut e);
    Ok(e)
}

fn new_entity(source: &str, id: &str, kind: &str) -> Result<Entity, String> {
    let schema = match kind.trim().to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "ship" => Schema::Vessel,
        "" => Schema::LegalEntity,
        _ => {
            return Err(format!(
                "designation {id}: IndividualEntityShip is {:?}, expected Individual, Entity or Ship",
                kind.trim()
            ));
        }
    };
    let mut e = Entity::new(format!("{source}-{id}"), schema, source);
    e.provenance.record_ids.push(id.to_string());
    e.provenance.references.push(id.to_string());
    e.add(Prop::Topics, "sanction");
    Ok(e)
}

/// The id the entry had on the retired OFSI list: a reference, so archives can be joined.
fn add_group_id(e: &mut Entity, group: &str) {
    let group = group.trim();
    if !group.is_empty() && !e.provenance.references.iter().any(|r| r == group) {
        e.provenance.references.push(group.to_string());
    }
}

/// `QDi.299`, or `UN Ref QDi.299`: a cross-reference to the UN list.
fn add_un_refs(e: &mut Entity, raw: &str) {
    for item in raw.split(['|', ';', ',']) {
        let item = item.trim();
        let item = item
            .strip_prefix("UN Ref")
            .map(|r| r.trim_start_matches([':', ' ', ')']))
            .unwrap_or(item);
        if let Some(reference) = un_reference(item) {
            let cross = CrossRef {
                source: "un".into(),
                reference,
            };
            if !e.provenance.cross_refs.contains(&cross) {
                e.provenance.cross_refs.push(cross);
            }
        }
    }
}

/// One name of a designation, by its `NameType` and `AliasStrength`.
fn add_name(e: &mut Entity, parts: &[&str; 6], name_type: &str, strength: &str) {
    let full = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        return;
    }
    let kind = name_type.trim().to_ascii_lowercase();
    let weak = strength.trim().to_ascii_lowercase().starts_with("low");
    let prop = match kind.as_str() {
        "primary name" if !e.has(Prop::Name) => Prop::Name,
        "previous name" | "formerly known as" | "fka" => Prop::PreviousName,
        _ if weak => Prop::WeakAlias,
        _ => Prop::Alias,
    };
    e.add(prop, &full);
    if prop == Prop::Name && e.schema == Schema::Person {
        e.add(Prop::FirstName, parts[0]);
        e.add_all(Prop::MiddleName, &parts[1..5]);
        e.add(Prop::LastName, parts[5]);
    }
}

/// A designation with aliases only: its first alias is its name.
fn promote_first_alias(e: &mut Entity) {
    if e.has(Prop::Name) {
        return;
    }
    for prop in [Prop::Alias, Prop::WeakAlias, Prop::PreviousName] {
        if let Some(names) = e.props.get_mut(&prop).filter(|n| !n.is_empty()) {
            let name = names.remove(0);
            if names.is_empty() {
                e.props.remove(&prop);
            }
            e.add(Prop::Name, name);
            return;
        }
    }
}

/// What a designation says about itself.
struct Facts<'a> {
    regime: &'a str,
    source: &'a str,
    imposed: &'a str,
    other: &'a str,
    reasons: &'a str,
    designated: &'a str,
    updated: &'a str,
}

fn add_designation_facts(e: &mut Entity, f: &Facts) {
    e.add(Prop::Program, f.regime);
    if is_terror_regime(f.regime) {
        e.add(Prop::Topics, "crime.terror");
    }
    add_note(e, "Designation source", f.source);
    add_note(e, "Sanctions imposed", &f.imposed.replace('|', ", "));
    add_note(e, "Other information", f.other);
    add_note(e, "UK statement of reasons", f.reasons);
    e.add_all(Prop::ListingDate, list_date(f.designated));
    e.add_all(Prop::ModifiedAt, list_date(f.updated));
}

/// A date as the list writes it: `dd/mm/yyyy`, with `dd` and `mm` standing for an unknown
/// day or month (`dd/mm/1950`, `dd/05/1971`).
fn list_date(raw: &str) -> Option<String> {
    let lower = raw.trim().to_ascii_lowercase();
    let known = lower.replace("dd/", "00/").replace("mm/", "00/");
    zeef_model::date::parse(&known)
}

fn add_address(e: &mut Entity, lines: &[&str], postcode: &str, country: &str) {
    let parts: Vec<&str> = lines
        .iter()
        .chain([postcode, country].iter())
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    e.add(Prop::Address, parts.join(", "));
    if !country.trim().is_empty() {
        add_country(e, Prop::Country, "Address country", country);
    }
}

struct Person<'a> {
    dobs: Vec<&'a str>,
    nationalities: Vec<&'a str>,
    positions: Vec<&'a str>,
    genders: Vec<&'a str>,
    titles: Vec<&'a str>,
    /// (number, additional information).
    passports: Vec<(&'a str, &'a str)>,
    national_ids: Vec<(&'a str, &'a str)>,
}

fn add_person(e: &mut Entity, p: &Person) {
    for dob in &p.dobs {
        match list_date(dob) {
            Some(d) => e.add(Prop::BirthDate, d),
            None => add_note(e, "Date of birth", dob),
        }
    }
    for n in &p.nationalities {
        add_country(e, Prop::Nationality, "Nationality", n);
    }
    e.add_all(Prop::Position, &p.positions);
    for g in &p.genders {
        match g.trim().to_ascii_lowercase().as_str() {
            "male" => e.add(Prop::Gender, "male"),
            "female" => e.add(Prop::Gender, "female"),
            _ => add_note(e, "Gender", g),
        }
    }
    e.add_all(Prop::Title, &p.titles);
    for (prop, documents) in [
        (Prop::PassportNumber, &p.passports),
        (Prop::IdNumber, &p.national_ids),
    ] {
        let (numbers, information): (Vec<&str>, Vec<&str>) = documents.iter().copied().unzip();
        add_documents(e, prop, &numbers, &information);
    }
}

fn add_birth_place(e: &mut Entity, town: &str, country: &str) {
    let place = [town.trim(), country.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    e.add(Prop::BirthPlace, place);
}

struct Organisation<'a> {
    types: Vec<&'a str>,
    registrations: Vec<&'a str>,
    parents: Vec<&'a str>,
    subsidiaries: Vec<&'a str>,
}

fn add_entity(e: &mut Entity, o: &Organisation) {
    for t in &o.types {
        add_note(e, "Type of entity", t);
    }
    e.add_all(Prop::RegistrationNumber, &o.registrations);
    for p in &o.parents {
        add_note(e, PARENT_COMPANY, p);
    }
    for s in &o.subsidiaries {
        add_note(e, SUBSIDIARY, s);
    }
}

struct Ship<'a> {
    imo: Vec<&'a str>,
    owners: Vec<&'a str>,
    previous_owners: Vec<&'a str>,
    flags: Vec<&'a str>,
    previous_flags: Vec<&'a str>,
    types: Vec<&'a str>,
    tonnage: Vec<&'a str>,
    length: Vec<&'a str>,
    built: Vec<&'a str>,
    hins: Vec<&'a str>,
}

fn add_ship(e: &mut Entity, s: &Ship) {
    for imo in &s.imo {
        let digits: String = imo.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 7 {
            e.add(Prop::ImoNumber, digits);
        } else {
            add_note(e, "IMO number", imo);
        }
    }
    for o in &s.owners {
        add_note(e, CURRENT_OWNER, o);
    }
    for o in &s.previous_owners {
        add_note(e, PREVIOUS_OWNER, o);
    }
    for f in &s.flags {
        add_country(e, Prop::Flag, "Flag", f);
    }
    for f in &s.previous_flags {
        add_note(e, "Previous flag", f);
    }
    e.add_all(Prop::Type, &s.types);
    for t in &s.tonnage {
        add_note(e, "Tonnage", t);
    }
    for l in &s.length {
        add_note(e, "Length", l);
    }
    for b in &s.built {
        match zeef_model::date::parse(b) {
            Some(d) => e.add(Prop::BuildDate, d),
            None => add_note(e, "Year built", b),
        }
    }
    e.add_all(Prop::IdNumber, &s.hins);
}

/// Columns without which a CSV row cannot be placed.
const REQUIRED: &[&str] = &["Unique ID", "Name 6"];

/// The CSV export: a dated line or two, a header row, then one row per name.
fn parse_csv_rows(source: &str, file: &str, rows: &[Row]) -> Result<Parsed, ParseError> {
    let header_at = rows
        .iter()
        .take(10)
        .position(|r| {
            r.cells
                .iter()
                .any(|c| c.text().eq_ignore_ascii_case("Unique ID"))
        })
        .ok_or_else(|| {
            ParseError::new(
                file,
                "no header row (with \"Unique ID\") in the first 10 rows",
            )
            .at(rows
                .first()
                .map_or("start of file".to_string(), |r| r.position.clone()))
        })?;
    let cols = Columns::from_header(file, &rows[header_at], REQUIRED)?;
    let list_date = rows[..header_at].iter().find_map(|r| {
        r.cells.iter().find_map(|c| {
            let t = c.text();
            let (_, value) = t.split_once(':')?;
            zeef_model::date::parse(value)
        })
    });
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for row in &rows[header_at + 1..] {
        if row.is_blank() {
            continue;
        }
        let id = cols.text(row, "Unique ID");
        if id.is_empty() {
            return Err(ParseError::new(file, "row without a Unique ID").at(row.position.clone()));
        }
        let index = match by_id.get(id.as_ref()) {
            Some(i) => *i,
            None => {
                let kind = first_of(&cols, row, &["Designation Type", "Individual Entity Ship"]);
                let e = new_entity(source, &id, &kind)
                    .map_err(|m| ParseError::new(file, m).at(row.position.clone()))?;
                entities.push(e);
                by_id.insert(id.to_string(), entities.len() - 1);
                entities.len() - 1
            }
        };
        if let Some(e) = entities.get_mut(index) {
            add_csv_row(e, &cols, row);
        }
    }
    for e in &mut entities {
        promote_first_alias(e);
    }
    if entities.is_empty() {
        return Err(ParseError::new(file, "no designations: empty or cut file"));
    }
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date,
    })
}

/// The text under the first of `names` the header has.
fn first_of(cols: &Columns, row: &Row, names: &[&str]) -> String {
    names
        .iter()
        .find(|n| cols.has(n))
        .map(|n| cols.text(row, n).to_string())
        .unwrap_or_default()
}

/// The items of a multi-valued cell (`|`-separated, or numbered `(1) … (2) …`).
fn items(cols: &Columns, row: &Row, names: &[&str]) -> Vec<String> {
    first_of(cols, row, names)
        .split('|')
        .flat_map(numbered_items)
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// Adds one CSV row (one name, and the designation's facts repeated) to its designation.
fn add_csv_row(e: &mut Entity, cols: &Columns, row: &Row) {
    let t = |names: &[&str]| first_of(cols, row, names);
    let l = |names: &[&str]| items(cols, row, names);
    add_group_id(e, &t(&["OFSI Group ID"]));
    add_un_refs(e, &t(&["UN Reference Number"]));
    let parts: Vec<String> = (1..=6).map(|i| t(&[&format!("Name {i}")])).collect();
    let parts: [&str; 6] = std::array::from_fn(|i| parts[i].as_str());
    add_name(
        e,
        &parts,
        &t(&["Name Type", "Alias Type"]),
        &t(&["Alias Strength", "Alias Quality"]),
    );
    e.add(Prop::Alias, t(&["Name Non-Latin Script"]));
    // Every row repeats the designation's facts; adding is idempotent (values dedupe).
    add_designation_facts(
        e,
        &Facts {
            regime: &t(&["Regime Name", "Regime"]),
            source: &t(&["Designation Source"]),
            imposed: &t(&["Sanctions Imposed"]),
            other: &t(&["Other Information"]),
            reasons: &t(&["UK Statement of Reasons"]),
            designated: &t(&["Date Designated"]),
            updated: &t(&["Last Updated"]),
        },
    );
    let lines: Vec<String> = (1..=6)
        .map(|i| t(&[&format!("Address Line {i}")]))
        .collect();
    let country = t(&["Address Country"]);
    let has_address = lines.iter().any(|s| !s.is_empty()) || !country.is_empty();
    if has_address {
        add_address(e, &refs(&lines), &t(&["Address Postal Code"]), &country);
    }
    e.add_all(Prop::Phone, l(&["Phone Number"]));
    e.add_all(Prop::Email, l(&["Email Address"]));
    e.add_all(Prop::Website, l(&["Website"]));
    if e.schema == Schema::Person {
        let (dobs, nats, pos, genders, titles) = (
            l(&["D.O.B", "DOB", "Date of Birth"]),
            l(&["Nationality(/ies)", "Nationality"]),
            l(&["Position"]),
            l(&["Gender"]),
            l(&["Title"]),
        );
        // Numbers and their additional information, paired where they are as many.
        let documents = |numbers: &[&str], information: &[&str]| -> Vec<(String, String)> {
            let (numbers, information) = (l(numbers), l(information));
            let paired = numbers.len() == information.len();
            numbers
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    let info = information.get(i).filter(|_| paired).cloned();
                    (n, info.unwrap_or_default())
                })
                .collect()
        };
        let passports = documents(&["Passport Number"], &["Passport additional information"]);
        let ids = documents(
            &["National Identifier Number"],
            &["National Identifier additional information"],
        );

        add_person(
            e,
            &Person {
                dobs: refs(&dobs),
                nationalities: refs(&nats),
                positions: refs(&pos),
                genders: refs(&genders),
                titles: refs(&titles),
                passports: pairs(&passports),
                national_ids: pairs(&ids),
            },
        );
        add_birth_place(e, &t(&["Town of Birth"]), &t(&["Country of Birth"]));
    }
    let (types, regs, parents, subs) = (
        l(&["Type of Entity"]),
        l(&[
            "Business Registration Number (s)",
            "Business Registration Number",
        ]),
        l(&["Parent Company"]),
        l(&["Subsidiaries"]),
    );
    add_entity(
        e,
        &Organisation {
            types: refs(&types),
            registrations: refs(&regs),
            parents: refs(&parents),
            subsidiaries: refs(&subs),
        },
    );
    if e.schema == Schema::Vessel {
        let v: Vec<Vec<String>> = [
            &["IMO Number"][..],
            &["Current Owner/Operator (s)", "Current Owner/Operator"],
            &["Previous Owner/Operator (s)", "Previous Owner/Operator"],
            &["Current Believed Flag of Ship"],
            &["Previous Flags"],
            &["Type of Ship"],
            &["Tonnage of Ship"],
            &["Length of Ship"],
            &["Year Built"],
            &["Hull Identification Number (HIN)"],
        ]
        .iter()
        .map(|names| l(names))
        .collect();
        add_ship(
            e,
            &Ship {
                imo: refs(&v[0]),
                owners: refs(&v[1]),
                previous_owners: refs(&v[2]),
                flags: refs(&v[3]),
                previous_flags: refs(&v[4]),
                types: refs(&v[5]),
                tonnage: refs(&v[6]),
                length: refs(&v[7]),
                built: refs(&v[8]),
                hins: refs(&v[9]),
            },
        );
    }
}
