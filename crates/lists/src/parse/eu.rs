//! The EU Financial Sanctions Files consolidated list, XML format 1.1 (`eu_fsf.xml`, root
//! `export` in namespace `http://eu.europa.ec/fpi/fsd/export`): one entity per
//! `sanctionEntity`, id `eu-<euReferenceNumber>` (else `eu-<logicalId>`).

use super::xml_node::{self, Node, RecordList};
use super::{Input, Parsed};
use crate::ParseError;
use zeef_model::{CrossRef, Entity, Prop, Schema, country, date};

const FILE: &str = "eu_fsf.xml";

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = super::require(inputs, FILE)?;
    let list = RecordList {
        root: "export",
        record_depth: 1,
        record_names: &["sanctionEntity"],
        date_attribute: "generationDate",
    };
    xml_node::parse_records(
        input,
        &list,
        |rec| record(source, rec),
        |rec| rec.attr("logicalId").to_string(),
    )
}

fn record(source: &str, rec: &Node) -> Result<Entity, String> {
    let reference = rec.attr("euReferenceNumber");
    let logical_id = rec.attr("logicalId");
    let official = if reference.is_empty() {
        logical_id
    } else {
        reference
    };
    if official.is_empty() {
        return Err("sanctionEntity without euReferenceNumber or logicalId".into());
    }
    let subject = rec
        .child("subjectType")
        .map(|s| s.attr("code"))
        .unwrap_or("");
    let schema = match subject.to_lowercase().as_str() {
        "person" => Schema::Person,
        "enterprise" => Schema::Organization,
        _ => Schema::LegalEntity,
    };
    let mut e = Entity::new(format!("{source}-{official}"), schema, source);
    e.provenance
        .record_ids
        .extend((!logical_id.is_empty()).then(|| logical_id.to_string()));
    e.provenance
        .references
        .extend((!reference.is_empty()).then(|| reference.to_string()));
    let un = rec.attr("unitedNationId");
    if !un.is_empty() {
        e.provenance.cross_refs.push(CrossRef {
            source: "un".into(),
            reference: un.to_string(),
        });
    }
    for alias in rec.all("nameAlias") {
        name_alias(&mut e, alias);
    }
    for c in rec.all("citizenship") {
        add_country(&mut e, Prop::Nationality, c);
    }
    for b in rec.all("birthdate") {
        birth(&mut e, b);
    }
    for id in rec.all("identification") {
        identification(&mut e, id);
    }
    for a in rec.all("address") {
        address(&mut e, a);
    }
    for r in rec.all("regulation") {
        e.add(Prop::Program, r.attr("programme"));
    }
    let listed = date::parse(rec.attr("designationDate")).or_else(|| {
        rec.all("regulation")
            .filter_map(|r| date::parse(r.attr("publicationDate")))
            .min()
    });
    e.add_all(Prop::ListingDate, listed);
    e.add(Prop::Notes, rec.attr("designationDetails"));
    e.add_all(Prop::Notes, rec.all("remark").map(|r| r.text.as_str()));
    e.add(Prop::Topics, "sanction");
    if rec
        .all("regulation")
        .any(|r| r.attr("programme").eq_ignore_ascii_case("TERR"))
    {
        e.add(Prop::Topics, "crime.terror");
    }
    Ok(e)
}

/// nameAlias: the first strong name is the entity's name, other strong names aliases,
/// `strong="false"` weak aliases; name parts, title, function and gender alongside.
fn name_alias(e: &mut Entity, alias: &Node) {
    let parts = ["firstName", "middleName", "lastName"].map(|a| alias.attr(a));
    let whole = match alias.attr("wholeName") {
        "" => parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
        w => w.to_string(),
    };
    let weak = alias.attr("strong").eq_ignore_ascii_case("false");
    let prop = if weak {
        Prop::WeakAlias
    } else if e.has(Prop::Name) {
        Prop::Alias
    } else {
        Prop::Name
    };
    e.add(prop, &whole);
    e.add(Prop::FirstName, parts[0]);
    e.add(Prop::MiddleName, parts[1]);
    e.add(Prop::LastName, parts[2]);
    e.add(Prop::Title, alias.attr("title"));
    e.add(Prop::Position, alias.attr("function"));
    match alias.attr("gender").to_uppercase().as_str() {
        "M" => e.add(Prop::Gender, "male"),
        "F" => e.add(Prop::Gender, "female"),
        _ => {}
    }
}

/// birthdate: full `birthdate`, else year/monthOfYear/dayOfMonth, else a year range;
/// `circa="true"` marks it approximate. City and country make the place of birth.
fn birth(e: &mut Entity, b: &Node) {
    let (year, month, day) = (b.attr("year"), b.attr("monthOfYear"), b.attr("dayOfMonth"));
    let from_parts = || {
        let y: u32 = year.parse().ok()?;
        let text = match (month.parse::<u32>().ok(), day.parse::<u32>().ok()) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        };
        date::parse(&text)
    };
    let range = || {
        let (from, to) = (b.attr("yearRangeFrom"), b.attr("yearRangeTo"));
        date::parse(&format!("between {from} and {to}"))
    };
    let value = date::parse(b.attr("birthdate"))
        .or_else(from_parts)
        .or_else(range);
    if let Some(v) = value {
        let circa = b.attr("circa").eq_ignore_ascii_case("true");
        e.add(
            Prop::BirthDate,
            if circa && !v.ends_with('~') && !v.contains('/') {
                format!("{v}~")
            } else {
                v
            },
        );
    }
    let place = [
        b.attr("city"),
        b.attr("place"),
        b.attr("region"),
        country_text(b),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    e.add(Prop::BirthPlace, place);
}

/// identification: passports, national ids, registration, tax, SWIFT and IMO numbers, with
/// the issuing country (`countryIso2Code`, else `countryDescription`).
fn identification(e: &mut Entity, id: &Node) {
    let number = match id.attr("number") {
        "" => id.attr("latinNumber"),
        n => n,
    };
    let prop = match id.attr("identificationTypeCode").to_lowercase().as_str() {
        "passport" => Prop::PassportNumber,
        "regnumber" => Prop::RegistrationNumber,
        "fiscalcode" | "tax" | "taxnumber" => Prop::TaxNumber,
        "swiftbic" => Prop::SwiftBic,
        "imo" => Prop::ImoNumber,
        _ => Prop::IdNumber,
    };
    let iso = id.attr("countryIso2Code");
    let issuer = match iso.len() == 2 && iso.bytes().all(|b| b.is_ascii_alphabetic()) {
        true => iso,
        false => country_text(id),
    };
    e.add_issued(prop, number, issuer);
}

fn address(e: &mut Entity, a: &Node) {
    let text = ["street", "poBox", "city", "zipCode", "region", "place"]
        .iter()
        .map(|k| a.attr(k))
        .chain([country_text(a)])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    e.add(Prop::Address, text);
    add_country(e, Prop::Country, a);
}

/// The country description, unless it is the EU's `UNKNOWN` placeholder.
fn country_text(n: &Node) -> &str {
    match n.attr("countryDescription") {
        d if d.eq_ignore_ascii_case("unknown") => "",
        d => d,
    }
}

/// countryIso2Code (`00` = unknown) as a lower-case code, else the description looked up.
fn add_country(e: &mut Entity, prop: Prop, n: &Node) {
    let iso = n.attr("countryIso2Code");
    let code = if iso.len() == 2 && iso.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(iso.to_ascii_lowercase())
    } else {
        country::code(country_text(n)).map(str::to_string)
    };
    match code {
        Some(c) => e.add(prop, c),
        None if !country_text(n).is_empty() => {
            e.add(Prop::Notes, format!("{prop}: {}", country_text(n)))
        }
        None => {}
    }
}
