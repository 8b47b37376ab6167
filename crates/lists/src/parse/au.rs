//! The Australian DFAT Consolidated List (`regulation8_consolidated.xlsx`).
//!
//! One row per name: the `Primary Name` row of entry `2` is followed by its aliases `2a`,
//! `2b`, ... which share the number, so rows are grouped by the number in `Reference`. `Type`
//! and `Name Type` are written with inconsistent case and trailing spaces. `Date of Birth`
//! cells hold Excel serials, bare years or free text with several dates. The sheet states no
//! list date, so none is given.

use super::sheet::{self, Cell, Columns, Row, numbered_items};
use super::{Input, Parsed, require};
use crate::ParseError;
use std::collections::HashMap;
use zeef_model::{Entity, Prop, Schema, country, date};

const FILE: &str = "regulation8_consolidated.xlsx";

/// Header names, with the alternatives DFAT has used for them.
const REFERENCE: &[&str] = &["Reference"];
const NAME: &[&str] = &["Name of Individual or Entity", "Name"];
const TYPE: &[&str] = &["Type"];
const NAME_TYPE: &[&str] = &["Name Type"];
const DOB: &[&str] = &["Date of Birth", "DOB"];
const POB: &[&str] = &["Place of Birth", "POB"];
const CITIZENSHIP: &[&str] = &["Citizenship"];
const ADDRESS: &[&str] = &["Address"];
const ADDITIONAL: &[&str] = &["Additional Information"];
const LISTING: &[&str] = &["Listing Information"];
const COMMITTEES: &[&str] = &["Committees"];
const CONTROL_DATE: &[&str] = &["Control Date"];

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = require(inputs, FILE)?;
    let rows = sheet::read_xlsx(&input.name, &input.data, input.max_inflated)?;
    parse_rows(source, &input.name, &rows)
}

/// The header a sheet uses for a column among its known alternatives.
struct Header<'c> {
    cols: &'c Columns,
}

impl Header<'_> {
    fn get<'r>(&self, row: &'r Row, names: &[&str]) -> &'r Cell {
        static EMPTY: Cell = Cell::Empty;
        names
            .iter()
            .find(|n| self.cols.has(n))
            .map_or(&EMPTY, |n| self.cols.get(row, n))
    }

    fn text(&self, row: &Row, names: &[&str]) -> String {
        self.get(row, names).text().to_string()
    }
}

fn parse_rows(source: &str, file: &str, rows: &[Row]) -> Result<Parsed, ParseError> {
    let header_at = rows
        .iter()
        .take(10)
        .position(|r| {
            r.cells
                .iter()
                .any(|c| c.text().eq_ignore_ascii_case("Reference"))
        })
        .ok_or_else(|| {
            let at = rows
                .first()
                .map_or("start of file".to_string(), |r| r.position.clone());
            ParseError::new(
                file,
                "no header row with a \"Reference\" column in the first 10 rows",
            )
            .at(at)
        })?;
    let header_row = &rows[header_at];
    let cols = Columns::from_header(file, header_row, &["Reference"])?;
    if !NAME.iter().any(|n| cols.has(n)) {
        return Err(ParseError::new(
            file,
            "header lacks the column \"Name of Individual or Entity\"",
        )
        .at(header_row.position.clone()));
    }
    let header = Header { cols: &cols };

    let mut entities: Vec<Entity> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();
    for row in &rows[header_at + 1..] {
        let reference = header.text(row, REFERENCE);
        if row.is_blank() || (reference.is_empty() && header.get(row, NAME).is_blank()) {
            continue;
        }
        let number: String = reference.chars().take_while(char::is_ascii_digit).collect();
        if number.is_empty() {
            return Err(ParseError::new(
                file,
                format!("Reference {reference:?} does not start with an entry number"),
            )
            .at(row.position.clone()));
        }
        let index = *by_number.entry(number.clone()).or_insert_with(|| {
            let mut e = Entity::new(format!("{source}-{number}"), Schema::LegalEntity, source);
            e.provenance.references.push(number.clone());
            e.add(Prop::Topics, "sanction");
            entities.push(e);
            entities.len() - 1
        });
        if let Some(e) = entities.get_mut(index) {
            if !e.provenance.record_ids.contains(&reference) {
                e.provenance.record_ids.push(reference);
            }
            add_row(e, &header, row);
        }
    }
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date: None,
    })
}

/// `Type` as DFAT writes it (`Individual`, `individual`, `Entity `).
fn schema_of(kind: &str) -> Option<Schema> {
    match kind.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(Schema::Person),
        "entity" => Some(Schema::Organization),
        _ => None,
    }
}

fn add_row(e: &mut Entity, h: &Header, row: &Row) {
    if let Some(schema) = schema_of(&h.text(row, TYPE))
        && e.schema == Schema::LegalEntity
    {
        e.schema = schema;
    }
    let name = h.text(row, NAME);
    let prop = match h.text(row, NAME_TYPE).trim().to_ascii_lowercase().as_str() {
        "primary name" => Prop::Name,
        "formerly known as" | "previously listed as" => Prop::PreviousName,
        // "aka", "original script" (names in their own script, kept as written).
        _ => Prop::Alias,
    };
    e.add(prop, &name);
    add_birth_dates(e, h.get(row, DOB));
    e.add_all(Prop::BirthPlace, numbered_items(&h.text(row, POB)));
    for raw in numbered_items(&h.text(row, CITIZENSHIP)) {
        add_citizenship(e, &raw);
    }
    for address in numbered_items(&h.text(row, ADDRESS)) {
        if is_not_available(&address) {
            continue;
        }
        e.add_all(Prop::Country, country::codes_in(&address));
        e.add(Prop::Address, address);
    }
    e.add(Prop::Notes, h.text(row, ADDITIONAL));
    let listing = h.text(row, LISTING);
    if !listing.is_empty() {
        e.add(Prop::Notes, format!("Listing information: {listing}"));
    }
    let committees = h.text(row, COMMITTEES);
    e.add(Prop::Program, &committees);
    if is_terror_program(&committees) {
        e.add(Prop::Topics, "crime.terror");
    }
    e.add_all(Prop::ModifiedAt, h.get(row, CONTROL_DATE).date());
}

/// A citizenship item: its code, or the codes it names with the raw text kept as a note
/// ("Russian and Ukrainian", "Possibly Ethiopian").
fn add_citizenship(e: &mut Entity, raw: &str) {
    if let Some(code) = country::code(raw) {
        e.add(Prop::Citizenship, code);
        return;
    }
    e.add_all(Prop::Citizenship, country::codes_in(raw));
    e.add(Prop::Notes, format!("Citizenship: {raw}"));
}

/// Birth dates from a DOB cell: a number is a year (1000-2200) or an Excel serial; text may
/// hold several dates (`a) 1 Jan. 1964 b) 1964`, `1/03/1961; 16/06/1960`, `x >> y`).
/// What does not parse is kept as a note.
fn add_birth_dates(e: &mut Entity, cell: &Cell) {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) if (1000.0..=2200.0).contains(n) && n.fract() == 0.0 => {
            e.add_all(Prop::BirthDate, date::parse(&cell.text()));
        }
        Cell::Number(_) | Cell::Date(_) => match cell.date() {
            Some(d) => e.add(Prop::BirthDate, d),
            None => e.add(Prop::Notes, format!("Date of birth: {}", cell.text())),
        },
        Cell::Text(text) => {
            for item in numbered_items(text) {
                for piece in item
                    .split([';', '>', '\n'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    add_birth_date_text(e, piece);
                }
            }
        }
    }
}

fn add_birth_date_text(e: &mut Entity, piece: &str) {
    if matches!(
        piece.to_ascii_lowercase().as_str(),
        "na" | "n/a" | "unknown"
    ) {
        return;
    }
    if let Some(d) = date::parse(piece) {
        e.add(Prop::BirthDate, d);
        return;
    }
    // "12 Mar. 1970, 1971": several dates separated by commas, each of which must parse.
    let parts: Vec<Option<String>> = piece.split(',').map(date::parse).collect();
    if parts.len() > 1 && parts.iter().all(Option::is_some) {
        e.add_all(Prop::BirthDate, parts.into_iter().flatten());
        return;
    }
    // A bare serial written as text, e.g. "23120".
    if piece.len() == 5
        && piece.bytes().all(|b| b.is_ascii_digit())
        && let Some(d) = piece.parse::<f64>().ok().and_then(date::from_excel_serial)
    {
        e.add(Prop::BirthDate, d);
        return;
    }
    e.add(Prop::Notes, format!("Date of birth: {piece}"));
}

/// "NA", "n/a", "unknown": DFAT's placeholders for an empty value.
fn is_not_available(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "na" | "n/a" | "unknown"
    )
}

fn is_terror_program(committees: &str) -> bool {
    let c = committees.to_ascii_lowercase();
    c.contains("1267") || c.contains("1373") || c.contains("al-qaida") || c.contains("terror")
}
