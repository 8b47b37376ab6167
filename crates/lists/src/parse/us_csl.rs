//! The US Consolidated Screening List (`consolidated.csv`, or gzip-compressed
//! `consolidated.csv.gz`, recognised by its magic bytes): one row per listing on one of 13
//! US lists (SDN, Entity List, DTC, DPL, ...), 29 columns with `;`-separated values inside
//! cells. One entity per row, id `us_csl-<_id>`. An `_id` can repeat when one OFAC entry is on
//! several Treasury lists (SDN and SSI, CAP...): the SDN row (else the first) keeps the plain
//! id, the others get the list code as suffix (`us_csl-18741-ssi`).

use super::ofac_csv::{add_primary_name, decode, records};
use super::{Input, Parsed, find, ofac_remarks, require, us_dpl};
use crate::ParseError;
use std::collections::{HashMap, HashSet};
use zeef_model::{CrossRef, Entity, Prop, Schema, country, date};

const COLUMNS: [&str; 29] = [
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
];

/// Column positions, by name.
#[derive(Clone, Copy)]
enum Col {
    Id = 0,
    Source,
    EntityNumber,
    Type,
    Programs,
    Name,
    Title,
    Addresses,
    FederalRegisterNotice,
    StartDate,
    EndDate,
    StandardOrder,
    LicenseRequirement,
    LicensePolicy,
    CallSign,
    VesselType,
    GrossTonnage,
    GrossRegisteredTonnage,
    VesselFlag,
    VesselOwner,
    Remarks,
    SourceListUrl,
    AltNames,
    Citizenships,
    DatesOfBirth,
    Nationalities,
    PlacesOfBirth,
    SourceInformationUrl,
    Ids,
}

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input =
        match find(inputs, "consolidated.csv").or_else(|| find(inputs, "consolidated.csv.gz")) {
            Some(i) => i,
            None => require(inputs, "consolidated.csv")?,
        };
    let file = input.name.as_str();
    let data = gunzip_if_needed(file, &input.data, input.max_inflated)?;
    let text = decode(&data);
    let rows = records(file, &text, b',', COLUMNS.len())?;
    let Some((header, rows)) = rows.split_first() else {
        return Err(ParseError::new(file, "empty file: expected a header row").at("line 1"));
    };
    for (i, want) in COLUMNS.iter().enumerate() {
        let found = header.fields.get(i).map(|s| s.trim()).unwrap_or("");
        if found != *want {
            return Err(ParseError::new(
                file,
                format!("expected column {} to be {want:?}, found {found:?}", i + 1),
            )
            .at(format!("line {}", header.line)));
        }
    }
    if rows.is_empty() {
        return Err(ParseError::new(
            file,
            "no entries after the header: empty or cut file",
        ));
    }
    let ids = entity_ids(source, file, rows)?;
    let mut entities = rows
        .iter()
        .zip(ids)
        .map(|(row, id)| entity(source, id, &row.fields))
        .collect();
    ofac_remarks::append_wallets(&mut entities);
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date: None,
    })
}

/// Decompresses gzip data (magic bytes `1f 8b`) within `limit` bytes; other data is
/// returned as is.
fn gunzip_if_needed<'a>(
    file: &str,
    data: &'a [u8],
    limit: u64,
) -> Result<std::borrow::Cow<'a, [u8]>, ParseError> {
    if !data.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(data));
    }
    super::inflate::gunzip(file, data, limit).map(std::borrow::Cow::Owned)
}

/// The field at `col`, trimmed.
fn get(fields: &[String], col: Col) -> &str {
    fields.get(col as usize).map(|s| s.trim()).unwrap_or("")
}

/// `Entity List (EL) - Bureau of Industry and Security` -> `EL`.
fn list_code(source_col: &str) -> &str {
    source_col
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(code, _)| code.trim())
        .unwrap_or("")
}

/// One unique id per row (see the module doc).
fn entity_ids(
    source: &str,
    file: &str,
    rows: &[super::ofac_csv::Row],
) -> Result<Vec<String>, ParseError> {
    let mut plain_owner: HashMap<&str, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = get(&row.fields, Col::Id);
        if id.is_empty() {
            return Err(
                ParseError::new(file, "row without an _id").at(format!("line {}", row.line))
            );
        }
        let is_sdn = list_code(get(&row.fields, Col::Source)) == "SDN";
        match plain_owner.get(id) {
            Some(&j)
                if !is_sdn
                    || rows
                        .get(j)
                        .is_some_and(|r| list_code(get(&r.fields, Col::Source)) == "SDN") => {}
            _ => {
                plain_owner.insert(id, i);
            }
        }
    }
    let mut used = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let raw = get(&row.fields, Col::Id);
        let mut id = if plain_owner.get(raw) == Some(&i) {
            format!("{source}-{raw}")
        } else {
            let code = list_code(get(&row.fields, Col::Source))
                .to_lowercase()
                .replace(|c: char| !c.is_alphanumeric(), "-");
            format!("{source}-{raw}-{code}")
        };
        let base = id.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(id);
    }
    Ok(out)
}

/// The topic of each list of the CSL.
fn topic(code: &str) -> Option<&'static str> {
    match code {
        "SDN" | "SSI" | "FSE" | "PLC" | "CAP" | "NS-MBS List" | "NS-MBS" | "CMIC" | "ISN" => {
            Some("sanction")
        }
        "EL" | "DPL" | "UVL" | "MEU" => Some("export.control"),
        "DTC" => Some("debarment"),
        _ => None,
    }
}

/// The OFAC source an entry of a Treasury list of the CSL belongs to, for cross-references.
fn ofac_source(code: &str) -> Option<&'static str> {
    match code {
        "SDN" => Some("ofac_sdn"),
        "SSI" | "FSE" | "PLC" | "CAP" | "NS-MBS List" | "NS-MBS" | "CMIC" => Some("ofac_cons"),
        _ => None,
    }
}

fn split_cell(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn entity(source: &str, id: String, f: &[String]) -> Entity {
    let list = get(f, Col::Source);
    let code = list_code(list);
    let name = get(f, Col::Name);
    let schema = match get(f, Col::Type).to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        _ if us_dpl::is_company_name(name) => Schema::Company,
        _ => Schema::LegalEntity,
    };
    let mut e = Entity::new(id, schema, source);
    e.provenance.record_ids.push(get(f, Col::Id).to_string());
    let number = get(f, Col::EntityNumber);
    if !number.is_empty() {
        e.provenance.references.push(number.to_string());
        if let Some(src) = ofac_source(code) {
            e.provenance.cross_refs.push(CrossRef {
                source: src.to_string(),
                reference: number.to_string(),
            });
        }
    }
    add_primary_name(&mut e, name);
    for alias in split_cell(get(f, Col::AltNames)) {
        if schema == Schema::Person {
            e.add(Prop::Alias, ofac_remarks::natural_name(alias));
        } else {
            e.add(Prop::Alias, alias);
        }
    }
    if let Some(t) = topic(code) {
        e.add(Prop::Topics, t);
    }
    e.add(Prop::Program, list);
    e.add_all(Prop::Program, split_cell(get(f, Col::Programs)));
    e.add(Prop::Position, get(f, Col::Title));
    for address in split_cell(get(f, Col::Addresses)) {
        e.add(Prop::Address, address);
        // Addresses end with a two-letter country code: `..., Moscow, 111024, RU`.
        let last = address.rsplit(',').next().unwrap_or("").trim();
        if last.len() == 2
            && let Some(c) = country::code(last)
        {
            e.add(Prop::Country, c);
        }
    }
    add_countries(&mut e, Prop::Citizenship, get(f, Col::Citizenships));
    add_countries(&mut e, Prop::Nationality, get(f, Col::Nationalities));
    for dob in split_cell(get(f, Col::DatesOfBirth)) {
        if let Some(d) = ofac_remarks::parse_date(dob) {
            e.add(Prop::BirthDate, d);
        }
    }
    e.add_all(Prop::BirthPlace, split_cell(get(f, Col::PlacesOfBirth)));
    if let Some(d) = date::parse(get(f, Col::StartDate)) {
        e.add(Prop::ListingDate, d);
    }
    add_vessel(&mut e, f);
    for id in split_cell(get(f, Col::Ids)) {
        add_identifier(&mut e, id);
    }
    e.add(Prop::Notes, get(f, Col::Remarks));
    add_order_notes(&mut e, f);
    e.add(Prop::SourceUrl, get(f, Col::SourceListUrl));
    e.add(Prop::SourceUrl, get(f, Col::SourceInformationUrl));
    e
}

/// Codes (`SY`) or names; what `country::code` does not know is kept in the notes.
fn add_countries(e: &mut Entity, prop: Prop, cell: &str) {
    for raw in split_cell(cell) {
        match country::code(raw) {
            Some(c) => e.add(prop, c),
            None => e.add(Prop::Notes, format!("{}: {raw}", prop.as_str())),
        }
    }
}

/// `IR, 2014-08-30, 2009-08-31, K475336, Passport`: the issuing country first (if any, a
/// two-letter code), number next to last, the label last, as OFAC labels them (see
/// [`ofac_remarks`]).
fn add_identifier(e: &mut Entity, entry: &str) {
    let parts: Vec<&str> = entry.split(',').map(str::trim).collect();
    let [first, .., number, label] = parts.as_slice() else {
        if let [number, label] = parts.as_slice() {
            ofac_remarks::apply_labelled(label, number, e);
        }
        return;
    };
    let issuer = match first.len() == 2 && first.bytes().all(|b| b.is_ascii_uppercase()) {
        true => *first,
        false => "",
    };
    ofac_remarks::apply_issued(label, number, issuer, e);
}

fn add_vessel(e: &mut Entity, f: &[String]) {
    e.add(Prop::CallSign, get(f, Col::CallSign));
    e.add(Prop::Type, get(f, Col::VesselType));
    let flag = get(f, Col::VesselFlag);
    match country::code(flag) {
        Some(c) => e.add(Prop::Flag, c),
        None if !flag.is_empty() => e.add(Prop::Notes, format!("Flag: {flag}")),
        None => {}
    }
    for (col, key) in [
        (Col::GrossTonnage, "tonnage"),
        (Col::GrossRegisteredTonnage, "grossRegisteredTonnage"),
    ] {
        let v = get(f, col);
        if !v.is_empty() {
            e.extra
                .entry(key.to_string())
                .or_default()
                .push(v.to_string());
        }
    }
    let owner = get(f, Col::VesselOwner);
    if !owner.is_empty() {
        e.add(Prop::Notes, format!("Vessel owner: {owner}"));
    }
}

/// Export-control details (end date, standard order, licence terms, FR notice) as one note.
fn add_order_notes(e: &mut Entity, f: &[String]) {
    let parts: Vec<String> = [
        ("end date", Col::EndDate),
        ("standard order", Col::StandardOrder),
        ("license requirement", Col::LicenseRequirement),
        ("license policy", Col::LicensePolicy),
        ("FR notice", Col::FederalRegisterNotice),
    ]
    .into_iter()
    .filter_map(|(label, col)| {
        Some(get(f, col))
            .filter(|v| !v.is_empty())
            .map(|v| format!("{label}: {v}"))
    })
    .collect();
    e.add(Prop::Notes, parts.join("; "));
}
