//! Canada's Consolidated Autonomous Sanctions List (`sema-lmes.xml`, SEMA and JVCFOA): one
//! entity per `data-set/record`. The file has no record ids; an entry is named by its regime,
//! schedule part and item, e.g. `ca-russia-1p1-123`. The file states no date of its own.

use super::xml_node::{self, Node};
use super::{Input, Parsed};
use crate::ParseError;
use std::collections::HashMap;
use zeef_model::{Entity, Prop, Schema, date};

const FILE: &str = "sema-lmes.xml";

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = super::require(inputs, FILE)?;
    let mut entities = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    xml_node::walk(
        &input.name,
        &input.data,
        "data-set",
        1,
        &["record"],
        |rec, line| {
            let mut e = record(source, &rec)
                .map_err(|m| ParseError::new(&input.name, m).at(format!("line {line}")))?;
            // Keys are unique in the real list; a repeat gets `-2`, `-3` in file order.
            let n = seen.entry(e.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                e.id = format!("{}-{n}", e.id);
            }
            entities.push(e);
            Ok(())
        },
    )?;
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date: None,
    })
}

fn record(source: &str, rec: &Node) -> Result<Entity, String> {
    let regime = rec.text_of("Country");
    let schedule = rec.text_of("Schedule");
    let item = rec.text_of("Item");
    if regime.is_empty() || item.is_empty() {
        return Err("record without Country or Item".into());
    }
    let english = english_label(regime);
    let key = [
        regime_slug(english),
        schedule_key(schedule),
        item.to_string(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join("-");
    let imo = rec.text_of("ShipIMONumber");
    let entity_name = rec.text_of("EntityOrShip");
    let schema = if !imo.is_empty() {
        Schema::Vessel
    } else if !entity_name.is_empty() {
        Schema::Organization
    } else {
        Schema::Person
    };
    let mut e = Entity::new(format!("{source}-{key}"), schema, source);
    let reference = match schedule {
        "" => format!("{english}, Item {item}"),
        s => format!("{english}, Schedule {s}, Item {item}"),
    };
    e.provenance.references.push(reference);
    e.provenance
        .record_ids
        .push(format!("{regime} | {schedule} | {item}"));
    let person = schema == Schema::Person;
    if person {
        let (given, last) = (rec.text_of("GivenName"), rec.text_of("LastName"));
        e.add(Prop::Name, format!("{given} {last}"));
        e.add(Prop::FirstName, given);
        e.add(Prop::LastName, last);
        e.add(Prop::Title, english_label(rec.text_of("TitleOrShip")));
    } else {
        let (name, aka) = split_also_known_as(entity_name);
        e.add(Prop::Name, name);
        e.add_all(Prop::Alias, aka);
        if schema == Schema::Vessel {
            e.add(Prop::Type, rec.text_of("TitleOrShip"));
        }
    }
    e.add(Prop::ImoNumber, imo);
    e.add_all(Prop::Alias, split_aliases(rec.text_of("Aliases"), person));
    let when = rec.text_of("DateOfBirthOrShipBuildDate");
    let date_prop = match schema {
        Schema::Person => Prop::BirthDate,
        Schema::Vessel => Prop::BuildDate,
        _ => Prop::IncorporationDate,
    };
    let dates: Vec<String> = split_dates(when)
        .iter()
        .filter_map(|d| date::parse(d))
        .collect();
    if dates.is_empty() && !when.is_empty() {
        e.add(Prop::Notes, format!("Date: {when}"));
    }
    e.add_all(date_prop, dates);
    e.add_all(Prop::ListingDate, date::parse(rec.text_of("DateOfListing")));
    e.add(Prop::Program, english);
    e.add(Prop::Topics, "sanction");
    Ok(e)
}

/// The English half of a bilingual label: `Belarus / Bélarus` -> `Belarus`,
/// `Major General/major-général` -> `Major General`.
fn english_label(label: &str) -> &str {
    label.split('/').next().unwrap_or(label).trim()
}

/// `russia`, `myanmar-burma`, and the acronym for long regulation names: `jvcfor`.
fn regime_slug(english: &str) -> String {
    let acronym = english
        .split(['(', ')'])
        .nth(1)
        .filter(|a| a.len() >= 2 && a.chars().all(|c| c.is_ascii_uppercase()));
    let base = acronym.unwrap_or(english);
    slug(base)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `1, Part 1` -> `1p1`, `Part 2` -> `p2`, `1.1` -> `1.1`, `1,Part 3` -> `1p3`.
fn schedule_key(schedule: &str) -> String {
    schedule
        .to_lowercase()
        .replace("part", "p")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect()
}

/// `Ulyanovsk Cartridge Works JSC (also known as Aktsionernoe Obshchestvo ...)`.
fn split_also_known_as(name: &str) -> (String, Vec<String>) {
    let flat = name.split_whitespace().collect::<Vec<_>>().join(" ");
    for marker in [" (also known as ", " (a.k.a. ", " (aka "] {
        if let Some(at) = flat.to_lowercase().find(marker) {
            let (head, tail) = (flat.get(..at), flat.get(at + marker.len()..));
            if let (Some(head), Some(tail)) = (head, tail) {
                let aka = tail.trim_end_matches(')').to_string();
                return (head.to_string(), vec![aka]);
            }
        }
    }
    (flat, Vec::new())
}

/// Legal-form words that follow a comma inside one name: `Конкорд Менеджмент и консалтинг, ООО`.
const LEGAL_FORMS: &[&str] = &[
    "ооо", "ао", "пао", "зао", "оао", "ooo", "llc", "ltd", "ltd.", "jsc", "pjsc", "ojsc", "inc",
    "inc.", "co.", "co", "limited", "l.l.c.",
];

/// Splits the Aliases field: at `;` and `,` (a comma before a legal form is kept), at ` or `
/// / ` and ` between full names, dropping language labels such as `Belarusian:`.
fn split_aliases(raw: &str, person: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split(';') {
        let mut pieces: Vec<String> = Vec::new();
        for piece in part.split(',') {
            let p = piece.trim();
            let joins_previous =
                LEGAL_FORMS.contains(&p.to_lowercase().as_str()) && !pieces.is_empty();
            match pieces.last_mut() {
                Some(last) if joins_previous => {
                    last.push_str(", ");
                    last.push_str(p);
                }
                _ => pieces.push(p.to_string()),
            }
        }
        for p in pieces {
            let p = strip_language_label(&p);
            for name in split_alternatives(p, person) {
                if !name.is_empty() && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// `Belarusian: Руслан ...` -> `Руслан ...`; `Russian\u{a0}: ...` too.
fn strip_language_label(p: &str) -> &str {
    if let Some((label, rest)) = p.split_once(':') {
        let label = label.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        if !label.is_empty() && label.chars().all(char::is_alphabetic) {
            return rest.trim();
        }
    }
    p.trim()
}

/// `Hanna Liavusik or Anna Leusik` gives two names; `Карниенко or Карниенка` (one word on a
/// side: a variant of one part) stays whole. ` and ` splits only between persons' names.
fn split_alternatives(p: &str, person: bool) -> Vec<String> {
    let seps: &[&str] = if person {
        &[" or ", " OR ", " and "]
    } else {
        &[" or ", " OR "]
    };
    for sep in seps {
        let sides: Vec<&str> = p.split(sep).map(str::trim).collect();
        if sides.len() > 1 && sides.iter().all(|s| s.split_whitespace().count() >= 2) {
            return sides.into_iter().map(str::to_string).collect();
        }
    }
    vec![p.trim().to_string()]
}

/// `1972-08-10 or 1972-08-11` -> two dates.
fn split_dates(raw: &str) -> Vec<&str> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains(" or ") {
        let mut out = Vec::new();
        let mut start = 0;
        for (at, _) in lower.match_indices(" or ") {
            out.push(raw.get(start..at).unwrap_or("").trim());
            start = at + 4;
        }
        out.push(raw.get(start..).unwrap_or("").trim());
        return out;
    }
    vec![raw.trim()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parts() {
        assert_eq!(regime_slug(english_label("Russia / Russie")), "russia");
        assert_eq!(
            regime_slug(english_label("Myanmar (Burma) / Myanmar (Birmanie)")),
            "myanmar-burma"
        );
        assert_eq!(
            regime_slug(english_label(
                "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / Règlement (RJVDEC)"
            )),
            "jvcfor"
        );
        assert_eq!(schedule_key("1, Part 1.1"), "1p1.1");
        assert_eq!(schedule_key("1,Part 3"), "1p3");
        assert_eq!(schedule_key("Part 2"), "p2");
        assert_eq!(schedule_key("1.1"), "1.1");
    }

    #[test]
    fn alias_splitting() {
        assert_eq!(
            split_aliases(
                "Ruslan MASHADZEOU,  Mashadiyev Ruslan, Belarusian: Руслан МАШАДЗЕЎ, Russian\u{a0}: Руслан МАШАДИЕВ",
                true
            ),
            [
                "Ruslan MASHADZEOU",
                "Mashadiyev Ruslan",
                "Руслан МАШАДЗЕЎ",
                "Руслан МАШАДИЕВ"
            ]
        );
        assert_eq!(
            split_aliases("Конкорд Менеджмент и консалтинг, ООО", false),
            ["Конкорд Менеджмент и консалтинг, ООО"]
        );
        assert_eq!(
            split_aliases("PASK, Vacuumkaran; Vacuum Karan Co.", false),
            ["PASK", "Vacuumkaran", "Vacuum Karan Co."]
        );
        assert_eq!(
            split_aliases("Hanna Liavusik or Anna Leusik", true),
            ["Hanna Liavusik", "Anna Leusik"]
        );
        assert_eq!(
            split_aliases("Галина Книжонак or Книжонок", true),
            ["Галина Книжонак or Книжонок"]
        );
        assert_eq!(
            split_aliases("Bread and Salt Trading", false),
            ["Bread and Salt Trading"]
        );
        assert_eq!(
            split_aliases("Олег Сауленко and Олег Сауленков", true),
            ["Олег Сауленко", "Олег Сауленков"]
        );
    }

    #[test]
    fn also_known_as_in_name() {
        let (n, a) = split_also_known_as(
            "Ulyanovsk Works JSC (also\nknown as Aktsionernoe Obshchestvo UPZ)\n",
        );
        assert_eq!(n, "Ulyanovsk Works JSC");
        assert_eq!(a, ["Aktsionernoe Obshchestvo UPZ"]);
    }

    #[test]
    fn dates_with_or() {
        assert_eq!(
            split_dates("1965-07-15 OR 1969-09-28"),
            ["1965-07-15", "1969-09-28"]
        );
        assert_eq!(split_dates("1972"), ["1972"]);
    }
}
