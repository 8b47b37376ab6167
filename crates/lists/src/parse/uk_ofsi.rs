//! The retired UK OFSI Consolidated List of Financial Sanctions Targets (`ConList.xlsx`, or the
//! `ConList.csv` export with the same columns).
//!
//! The sheet has one row per name variant; rows sharing a `Group ID` are one target. Row 1
//! states the list date (`Last Updated 10/04/2025`), row 2 is the header. Columns are found by
//! header name. The `Other Information` column carries the target's own UN reference
//! (`(UN Ref):QDi.299`), which becomes a cross-reference to the UN list; the references it
//! gives for associated targets do not.

use super::sheet::{self, Cell, Columns, Row, numbered_items};
use super::{Input, Parsed, find};
use crate::ParseError;
use std::collections::HashMap;
use zeef_model::{CrossRef, Entity, Prop, Schema, country};

const XLSX: &str = "ConList.xlsx";
const CSV: &str = "ConList.csv";

/// Columns without which a row cannot be placed.
const REQUIRED: &[&str] = &["Group ID", "Group Type", "Name 6"];

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let (file, rows) = if let Some(input) = find(inputs, XLSX) {
        (
            input.name.as_str(),
            sheet::read_xlsx(&input.name, &input.data, input.max_inflated)?,
        )
    } else if let Some(input) = find(inputs, CSV) {
        (
            input.name.as_str(),
            sheet::read_csv(&input.name, &input.data)?,
        )
    } else {
        return Err(ParseError::new(
            XLSX,
            format!("file missing from the source folder (or {CSV})"),
        ));
    };
    parse_rows(source, file, &rows)
}

fn parse_rows(source: &str, file: &str, rows: &[Row]) -> Result<Parsed, ParseError> {
    let header_at = rows
        .iter()
        .take(10)
        .position(|r| {
            r.cells.iter().any(|c| {
                let t = c.text();
                t.eq_ignore_ascii_case("Group ID") || t.eq_ignore_ascii_case("Name 6")
            })
        })
        .ok_or_else(|| {
            let at = rows
                .first()
                .map_or("start of file".to_string(), |r| r.position.clone());
            ParseError::new(
                file,
                "no header row (with \"Name 6\" or \"Group ID\") in the first 10 rows",
            )
            .at(at)
        })?;
    let header = &rows[header_at];
    let cols = Columns::from_header(file, header, REQUIRED)?;
    let list_date = rows[..header_at].iter().find_map(stated_date);

    let mut entities: Vec<Entity> = Vec::new();
    let mut by_group: HashMap<String, usize> = HashMap::new();
    for row in &rows[header_at + 1..] {
        if row.is_blank() {
            continue;
        }
        let group = cols.text(row, "Group ID");
        if group.is_empty() {
            return Err(ParseError::new(file, "row without a Group ID").at(row.position.clone()));
        }
        let index = *by_group.entry(group.to_string()).or_insert_with(|| {
            entities.push(new_entity(source, &group, &cols.text(row, "Group Type")));
            entities.len() - 1
        });
        if let Some(e) = entities.get_mut(index) {
            add_row(e, &cols, row);
        }
    }
    for e in &mut entities {
        promote_variation_to_name(e);
    }
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date,
    })
}

/// A few groups have only "Primary name variation" rows: the first of them is the name.
fn promote_variation_to_name(e: &mut Entity) {
    if e.has(Prop::Name) {
        return;
    }
    for prop in [Prop::Alias, Prop::WeakAlias] {
        let Some(names) = e.props.get_mut(&prop) else {
            continue;
        };
        if names.is_empty() {
            continue;
        }
        let name = names.remove(0);
        if names.is_empty() {
            e.props.remove(&prop);
        }
        e.add(Prop::Name, name);
        return;
    }
}

/// The date in a `Last Updated 10/04/2025` row (in one cell, or in the cell after the label).
fn stated_date(row: &Row) -> Option<String> {
    let label = row
        .cells
        .iter()
        .position(|c| c.text().to_ascii_lowercase().starts_with("last updated"))?;
    let in_label = row.cell(label).text();
    let rest = in_label
        .get("last updated".len()..)
        .unwrap_or("")
        .trim_start_matches([':', ' ']);
    if let Some(d) = zeef_model::date::parse(rest) {
        return Some(d);
    }
    row.cells[label + 1..]
        .iter()
        .find(|c| !c.is_blank())
        .and_then(Cell::date)
}

fn new_entity(source: &str, group: &str, group_type: &str) -> Entity {
    let schema = match group_type.trim().to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "ship" => Schema::Vessel,
        _ => Schema::LegalEntity,
    };
    let mut e = Entity::new(format!("{source}-{group}"), schema, source);
    e.provenance.record_ids.push(group.to_string());
    e.provenance.references.push(group.to_string());
    e.add(Prop::Topics, "sanction");
    e
}

/// Adds what one name row says about its group.
fn add_row(e: &mut Entity, cols: &Columns, row: &Row) {
    add_names(e, cols, row);
    let items = |name: &str| numbered_items(&cols.text(row, name));
    e.add_all(Prop::Title, items("Title"));
    e.add_all(Prop::Position, items("Position"));
    add_birth_dates(e, cols.get(row, "DOB"));
    add_birth_places(e, &items("Town of Birth"), &items("Country of Birth"));
    for raw in items("Nationality") {
        add_country(e, Prop::Nationality, "Nationality", &raw);
    }
    let passport_details = cols.text(row, "Passport Details");
    add_documents(
        e,
        Prop::PassportNumber,
        &items("Passport Number"),
        &numbered_items(&passport_details),
    );
    add_note(e, "Passport details", &passport_details);
    add_documents(
        e,
        Prop::IdNumber,
        &items("National Identification Number"),
        &items("National Identification Details"),
    );
    add_note(
        e,
        "National identification details",
        &cols.text(row, "National Identification Details"),
    );
    add_address(e, cols, row);
    let other = cols.text(row, "Other Information");
    // Every row of a group repeats the same long text: read it once.
    if !e
        .get(Prop::Notes)
        .iter()
        .any(|n| n.len() == other.len() && *n == other)
    {
        add_other_information(e, &other);
        e.add(Prop::Notes, &*other);
    }
    let regime = cols.text(row, "Regime");
    e.add(Prop::Program, &*regime);
    if is_terror_regime(&regime) {
        e.add(Prop::Topics, "crime.terror");
    }
    e.add_all(Prop::ListingDate, cols.get(row, "Listed On").date());
    e.add_all(Prop::ModifiedAt, cols.get(row, "Last Updated").date());
}

/// A DOB cell: `dd/mm/yyyy` text with `00` for unknown parts (possibly numbered), or a
/// date-typed xlsx cell.
fn add_birth_dates(e: &mut Entity, cell: &Cell) {
    if let Cell::Date(_) | Cell::Number(_) = cell {
        match cell.date() {
            Some(d) => e.add(Prop::BirthDate, d),
            None => add_note(e, "Date of birth", &cell.text()),
        }
        return;
    }
    for raw in numbered_items(&cell.text()) {
        match zeef_model::date::parse(&raw) {
            Some(d) => e.add(Prop::BirthDate, d),
            None => add_note(e, "Date of birth", &raw),
        }
    }
}

fn add_names(e: &mut Entity, cols: &Columns, row: &Row) {
    let parts: Vec<String> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
        .iter()
        .map(|c| cols.text(row, c).to_string())
        .collect();
    let full = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let alias_type = cols.text(row, "Alias Type").to_ascii_lowercase();
    let weak = cols
        .text(row, "Alias Quality")
        .to_ascii_lowercase()
        .starts_with("low");
    let prop = match alias_type.trim() {
        "primary name" => Prop::Name,
        "fka" => Prop::PreviousName,
        _ if weak => Prop::WeakAlias,
        _ => Prop::Alias,
    };
    e.add(prop, &full);
    if prop == Prop::Name && e.schema == Schema::Person {
        e.add(Prop::FirstName, &parts[0]);
        e.add_all(Prop::MiddleName, &parts[1..5]);
        e.add(Prop::LastName, &parts[5]);
    }
    // Names in their original script are good aliases, script kept.
    e.add(Prop::Alias, cols.text(row, "Name Non-Latin Script"));
}

/// Pairs towns with countries where both are numbered alike (`(1) Kabul (2) Herat` with
/// `(1) Afghanistan (2) Afghanistan`); otherwise keeps each as given.
fn add_birth_places(e: &mut Entity, towns: &[String], countries: &[String]) {
    if !towns.is_empty() && towns.len() == countries.len() {
        for (t, c) in towns.iter().zip(countries) {
            e.add(Prop::BirthPlace, format!("{t}, {c}"));
        }
    } else {
        e.add_all(Prop::BirthPlace, towns);
        e.add_all(Prop::BirthPlace, countries);
    }
}

/// A country value: its code where one is named, else the raw text as a note.
pub(super) fn add_country(e: &mut Entity, prop: Prop, label: &str, raw: &str) {
    let codes = match country::code(raw) {
        Some(c) => vec![c],
        None => country::codes_in(raw),
    };
    if codes.is_empty() {
        add_note(e, label, raw);
    }
    e.add_all(prop, codes);
}

/// Adds identifier numbers of `prop` with what the list says of each (`details`, numbered as
/// the numbers are): the issuing country where the details start by naming one (`Libya
/// number`, `German provisional`, `Pakistan national identity card`; see
/// [`country::leading`]). Where details and numbers do not pair one to one, or the details
/// start otherwise (`Issued in Jordan` says where, not who), the numbers come alone.
pub(super) fn add_documents<N: AsRef<str>, D: AsRef<str>>(
    e: &mut Entity,
    prop: Prop,
    numbers: &[N],
    details: &[D],
) {
    let paired = numbers.len() == details.len();
    for (i, number) in numbers.iter().enumerate() {
        let issuer = details
            .get(i)
            .filter(|_| paired)
            .and_then(|d| country::leading(d.as_ref()))
            .unwrap_or("");
        e.add_issued(prop, number.as_ref(), issuer);
    }
}

pub(super) fn add_note(e: &mut Entity, label: &str, text: &str) {
    if !text.trim().is_empty() {
        e.add(Prop::Notes, format!("{label}: {}", text.trim()));
    }
}

fn add_address(e: &mut Entity, cols: &Columns, row: &Row) {
    let columns = [
        "Address 1",
        "Address 2",
        "Address 3",
        "Address 4",
        "Address 5",
        "Address 6",
        "Post/Zip Code",
        "Country",
    ];
    let parts: Vec<String> = columns
        .iter()
        .map(|c| cols.text(row, c).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    e.add(Prop::Address, parts.join(", "));
    let country = cols.text(row, "Country");
    // The raw country stays in the address where it names none.
    let codes = country::code(&country).map_or_else(|| country::codes_in(&country), |c| vec![c]);
    e.add_all(Prop::Country, codes);
}

/// Reads the labelled facts of `Other Information`: the entry's own UN and UK references and
/// a ship's IMO number, flag, type and build year.
fn add_other_information(e: &mut Entity, text: &str) {
    for reference in own_un_refs(text) {
        let cross = CrossRef {
            source: "un".into(),
            reference,
        };
        if !e.provenance.cross_refs.contains(&cross) {
            e.provenance.cross_refs.push(cross);
        }
    }
    if let Some(uk_ref) = labelled(text, "(UK Sanctions List Ref):") {
        let uk_ref = uk_ref.trim_end_matches('.').to_string();
        if !uk_ref.is_empty() && !e.provenance.references.contains(&uk_ref) {
            e.provenance.references.push(uk_ref);
        }
    }
    if let Some(imo) = labelled(text, "(IMO number):") {
        e.add(Prop::ImoNumber, imo.trim_end_matches('.'));
    }
    if let Some(flag) = labelled_phrase(text, "(Flag of ship):") {
        add_country(e, Prop::Flag, "Flag", flag);
    }
    if let Some(kind) = labelled_phrase(text, "(Type of ship):") {
        e.add(Prop::Type, kind);
    }
    if let Some(year) = labelled(text, "(Year built):") {
        e.add_all(Prop::BuildDate, zeef_model::date::parse(year));
    }
}

/// The entry's own UN references: `(UN Ref):QDi.299` anywhere, or `UN Ref QDi.299` opening a
/// sentence. `UN Ref` inside a parenthesis or after `UN Reference Number:` names an
/// associated entry (a ship's owner, say) and is skipped.
fn own_un_refs(text: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("UN Ref") {
        let at = from + found;
        let after = &text[at + "UN Ref".len()..];
        from = at + "UN Ref".len();
        let (own, rest) = if let Some(rest) = after.strip_prefix(')') {
            (text[..at].ends_with('('), rest)
        } else {
            let before = text[..at].trim_end();
            (before.is_empty() || before.ends_with('.'), after)
        };
        let rest = rest.trim_start_matches([':', ' ']);
        if let Some(r) = un_reference(rest).filter(|_| own) {
            refs.push(r);
        }
    }
    refs
}

/// A UN reference number at the start of `s`: `QDi.299`, also written `CDi. 038`.
pub(super) fn un_reference(s: &str) -> Option<String> {
    let (prefix, rest) = s.split_at_checked(4)?;
    let p = prefix.as_bytes();
    if !(p[..3].iter().all(u8::is_ascii_alphabetic) && p[3] == b'.') {
        return None;
    }
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| format!("{prefix}{digits}"))
}

/// The word after a `(Label):` marker.
fn labelled<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let at = text.find(label)? + label.len();
    text[at..].split_whitespace().next()
}

/// The text after a `(Label):` marker, up to the next `(` label.
fn labelled_phrase<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let at = text.find(label)? + label.len();
    let rest = &text[at..];
    let phrase = rest[..rest.find('(').unwrap_or(rest.len())].trim();
    (!phrase.is_empty()).then_some(phrase)
}

pub(super) fn is_terror_regime(regime: &str) -> bool {
    let r = regime.to_ascii_lowercase();
    r.contains("terror") || r.contains("al-qaida") || r.contains("isil")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_un_references_only() {
        assert_eq!(
            own_un_refs("(UK Sanctions List Ref):AQD0125. (UN Ref):QDi.028. Text"),
            ["QDi.028"]
        );
        assert_eq!(own_un_refs("(UN Ref):CDi. 038"), ["CDi.038"]);
        assert_eq!(own_un_refs("UN Ref QDi.101 Something"), ["QDi.101"]);
        assert_eq!(own_un_refs("Note. UN Ref QDi.102"), ["QDi.102"]);
        assert!(
            own_un_refs("asset of X (OFSI ID: 1, UN Reference Number: UN Ref KPe.064)").is_empty()
        );
        assert!(own_un_refs("asset of X (OFSI ID: 1, UN Ref KPe.056)").is_empty());
        assert!(own_un_refs("OFSI ID: 13634. UN Reference Number: UN Ref KPe.063").is_empty());
        assert!(own_un_refs("the son of LRA leader Joseph Kony (CFi.009)").is_empty());
        assert!(own_un_refs("(UN Ref):").is_empty());
        assert!(own_un_refs("UN Ref").is_empty());
    }

    #[test]
    fn labelled_facts() {
        let t =
            "(IMO number):7408873 (Current owners):X (Flag of ship):North Korea (Year built):1975";
        assert_eq!(labelled(t, "(IMO number):"), Some("7408873"));
        assert_eq!(labelled_phrase(t, "(Flag of ship):"), Some("North Korea"));
        assert_eq!(labelled(t, "(Year built):"), Some("1975"));
    }
}
