//! The UN Security Council consolidated list (`consolidated.xml`, sc-sanctions.xsd): one
//! entity per INDIVIDUAL or ENTITY, id `un-<REFERENCE_NUMBER>`, packed alias strings split
//! into one name each (see `names`).

mod names;

use super::xml_node::{self, Node, RecordList};
use super::{Input, Parsed};
use crate::ParseError;
use zeef_model::{Entity, Prop, Schema, country, date};

pub use names::{Piece, names_in_note, split_packed};

const FILE: &str = "consolidated.xml";

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = super::require(inputs, FILE)?;
    let list = RecordList {
        root: "CONSOLIDATED_LIST",
        record_depth: 2,
        record_names: &["INDIVIDUAL", "ENTITY"],
        date_attribute: "dateGenerated",
    };
    xml_node::parse_records(
        input,
        &list,
        |rec| record(source, rec),
        |rec| rec.text_of("DATAID").to_string(),
    )
}

/// One INDIVIDUAL or ENTITY record.
fn record(source: &str, rec: &Node) -> Result<Entity, String> {
    let reference = rec.text_of("REFERENCE_NUMBER");
    let dataid = rec.text_of("DATAID");
    let official = if reference.is_empty() {
        dataid
    } else {
        reference
    };
    if official.is_empty() {
        return Err(format!("<{}> without REFERENCE_NUMBER or DATAID", rec.name));
    }
    let person = rec.name == "INDIVIDUAL";
    let schema = if person {
        Schema::Person
    } else {
        Schema::Organization
    };
    let mut e = Entity::new(format!("{source}-{official}"), schema, source);
    e.provenance
        .record_ids
        .extend((!dataid.is_empty()).then(|| dataid.to_string()));
    e.provenance
        .references
        .extend((!reference.is_empty()).then(|| reference.to_string()));
    if person {
        person_names(&mut e, rec);
    } else {
        add_pieces(
            &mut e,
            &split_packed(rec.text_of("FIRST_NAME")),
            Prop::Name,
            true,
        );
    }
    add_pieces(
        &mut e,
        &split_packed(rec.text_of("NAME_ORIGINAL_SCRIPT")),
        Prop::Alias,
        false,
    );
    for alias in rec.all("INDIVIDUAL_ALIAS").chain(rec.all("ENTITY_ALIAS")) {
        add_alias(&mut e, alias);
    }
    for n in rec.all("TITLE") {
        e.add_all(Prop::Title, n.all("VALUE").map(|v| v.text.as_str()));
    }
    for n in rec.all("DESIGNATION") {
        e.add_all(Prop::Position, n.all("VALUE").map(|v| v.text.as_str()));
    }
    for n in rec.all("NATIONALITY") {
        for v in n.all("VALUE") {
            add_country(&mut e, Prop::Nationality, "Nationality", &v.text);
        }
    }
    if let g @ ("male" | "female") = rec.text_of("GENDER").to_lowercase().as_str() {
        e.add(Prop::Gender, g);
    }
    for dob in rec.all("INDIVIDUAL_DATE_OF_BIRTH") {
        birth_date(&mut e, dob);
    }
    for pob in rec.all("INDIVIDUAL_PLACE_OF_BIRTH") {
        e.add(
            Prop::BirthPlace,
            join(pob, &["CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"]),
        );
    }
    for doc in rec.all("INDIVIDUAL_DOCUMENT") {
        document(&mut e, doc);
    }
    for addr in rec
        .all("INDIVIDUAL_ADDRESS")
        .chain(rec.all("ENTITY_ADDRESS"))
    {
        address(&mut e, addr);
    }
    e.add_all(Prop::ListingDate, date::parse(rec.text_of("LISTED_ON")));
    if let Some(last) = rec
        .child("LAST_DAY_UPDATED")
        .and_then(|n| n.all("VALUE").filter_map(|v| date::parse(&v.text)).max())
    {
        e.add(Prop::ModifiedAt, last);
    }
    e.add(Prop::Program, rec.text_of("UN_LIST_TYPE"));
    e.add(Prop::Notes, rec.text_of("COMMENTS1"));
    e.add(Prop::Topics, "sanction");
    // The 1267/1989/2253 (ISIL/Al-Qaida) and 1988 (Taliban) lists are counter-terrorism lists.
    if reference.starts_with("QD") || reference.starts_with("TA") {
        e.add(Prop::Topics, "crime.terror");
    }
    Ok(e)
}

/// FIRST_NAME..FOURTH_NAME in natural order; first and last name only where there are two.
fn person_names(e: &mut Entity, rec: &Node) {
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .map(|t| rec.text_of(t))
        .filter(|p| !p.is_empty())
        .collect();
    e.add(Prop::Name, parts.join(" "));
    if let [first, last] = parts.as_slice() {
        e.add(Prop::FirstName, *first);
        e.add(Prop::LastName, *last);
    } else if parts.len() > 2 {
        e.add(Prop::FirstName, parts[0]);
    }
}

/// Adds split names: the first full name under `first_prop` (if `primary`), the other full
/// names as aliases, acronyms as weak aliases.
fn add_pieces(e: &mut Entity, pieces: &[Piece], prop: Prop, primary: bool) {
    let mut primary_done = !primary;
    for p in pieces.iter().filter(|p| !p.acronym) {
        if primary_done {
            e.add(if primary { Prop::Alias } else { prop }, &p.text);
        } else {
            e.add(prop, &p.text);
            primary_done = true;
        }
    }
    for p in pieces.iter().filter(|p| p.acronym) {
        if primary_done {
            let acronym_prop = if prop == Prop::PreviousName {
                Prop::PreviousName
            } else {
                Prop::WeakAlias
            };
            e.add(acronym_prop, &p.text);
        } else {
            e.add(prop, &p.text);
            primary_done = true;
        }
    }
}

/// An alias: QUALITY Good / a.k.a. -> alias, Low -> weak alias, f.k.a. -> previous name.
fn add_alias(e: &mut Entity, alias: &Node) {
    let prop = match alias.text_of("QUALITY").to_lowercase().as_str() {
        "low" => Prop::WeakAlias,
        "f.k.a." => Prop::PreviousName,
        _ => Prop::Alias,
    };
    let name = alias.text_of("ALIAS_NAME");
    add_pieces(e, &split_packed(name), prop, false);
    let note = alias.text_of("NOTE");
    let from_note = names_in_note(note);
    if from_note.is_empty() {
        if !note.is_empty() {
            e.add(Prop::Notes, format!("{name}: {note}"));
        }
    } else {
        add_pieces(e, &from_note, prop, false);
    }
    e.add_all(Prop::BirthDate, date::parse(alias.text_of("DATE_OF_BIRTH")));
    e.add(
        Prop::BirthPlace,
        join(alias, &["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]),
    );
}

/// INDIVIDUAL_DATE_OF_BIRTH: EXACT / APPROXIMATELY / BETWEEN with DATE, YEAR, FROM_YEAR/TO_YEAR,
/// or only a NOTE such as `Nov. 1973`.
fn birth_date(e: &mut Entity, dob: &Node) {
    let kind = dob.text_of("TYPE_OF_DATE").to_uppercase();
    let note = dob.text_of("NOTE");
    let mut note_used = false;
    let value = if kind == "BETWEEN" {
        let (from, to) = (dob.text_of("FROM_YEAR"), dob.text_of("TO_YEAR"));
        // A NOTE "Approximately" on a range adds nothing the range does not say.
        note_used = note.eq_ignore_ascii_case("approximately");
        date::parse(&format!("between {from} and {to}"))
            .or_else(|| date::parse(from).or_else(|| date::parse(to)))
    } else {
        let exact = date::parse(dob.text_of("DATE")).or_else(|| {
            let year = dob.text_of("YEAR");
            // YEAR 1958 with NOTE "Sep." is September 1958.
            let with_month = (!note.is_empty() && !year.is_empty())
                .then(|| date::parse(&format!("{note} {year}")))
                .flatten()
                .filter(|d| d.starts_with(year));
            if with_month.is_some() {
                note_used = true;
            }
            with_month.or_else(|| date::parse(year))
        });
        let exact = exact.or_else(|| {
            let d = date::parse(note).filter(|_| !note.contains('('));
            note_used |= d.is_some();
            d
        });
        match (kind.as_str(), exact) {
            ("APPROXIMATELY", Some(d)) if !d.ends_with('~') && !d.contains('/') => {
                Some(format!("{d}~"))
            }
            (_, d) => d,
        }
    };
    e.add_all(Prop::BirthDate, value);
    if !note.is_empty() && !note_used {
        e.add(Prop::Notes, format!("Date of birth: {note}"));
    }
}

/// INDIVIDUAL_DOCUMENT: passports to PassportNumber, other documents to IdNumber, with the
/// issuing country: ISSUING_COUNTRY, else COUNTRY_OF_ISSUE (where the document was issued,
/// which a consulate abroad makes another country: the list's `L335915` is issued by Tunisia
/// in Milan, Italy).
fn document(e: &mut Entity, doc: &Node) {
    let kind = doc.text_of("TYPE_OF_DOCUMENT").to_lowercase();
    let number = doc.text_of("NUMBER");
    let note = doc.text_of("NOTE");
    if number.is_empty() {
        let what = join(doc, &["TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NOTE"]);
        if !what.is_empty() {
            e.add(Prop::Notes, format!("Document: {what}"));
        }
        return;
    }
    let passport = ["passport", "passeport", "pasaporte"]
        .iter()
        .any(|p| kind.contains(p));
    let prop = if passport {
        Prop::PassportNumber
    } else {
        Prop::IdNumber
    };
    let issuer = match doc.text_of("ISSUING_COUNTRY") {
        "" => doc.text_of("COUNTRY_OF_ISSUE"),
        given => given,
    };
    if !e.add_issued(prop, number, issuer) && !issuer.is_empty() {
        e.add(
            Prop::Notes,
            format!("Document {number}: issued by {issuer}"),
        );
    }
    if !note.is_empty() {
        e.add(Prop::Notes, format!("Document {number}: {note}"));
    }
}

fn address(e: &mut Entity, addr: &Node) {
    let mut text = join(
        addr,
        &["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"],
    );
    let note = addr.text_of("NOTE");
    if !note.is_empty() {
        text = if text.is_empty() {
            note.to_string()
        } else {
            format!("{text} ({note})")
        };
    }
    e.add(Prop::Address, text);
    let c = addr.text_of("COUNTRY");
    if let Some(code) = country::code(c) {
        e.add(Prop::Country, code);
    }
}

/// A country code where one is known; the raw text goes to the notes otherwise.
fn add_country(e: &mut Entity, prop: Prop, label: &str, raw: &str) {
    let raw = raw.trim();
    match country::code(raw) {
        Some(code) => e.add(prop, code),
        None if !raw.is_empty() => e.add(Prop::Notes, format!("{label}: {raw}")),
        None => {}
    }
}

/// The non-empty texts of the named children, comma-separated.
fn join(node: &Node, tags: &[&str]) -> String {
    tags.iter()
        .map(|t| node.text_of(t))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}
