//! OFAC's legacy CSV layout: `sdn.csv` (with optional `add.csv`, `alt.csv`,
//! `sdn_comments.csv`) for the SDN list and `cons_prim.csv` (with `cons_add.csv`,
//! `cons_alt.csv`, `cons_comments.csv`) for the non-SDN consolidated list.
//!
//! The files have no header, write `-0-` for null, use CRLF and end with `\x1a`. Remarks
//! overflowing the main file continue in the comments file and are glued back before the
//! remarks are mined. Weak ("low quality") a.k.a.s appear only in the remarks, quoted
//! (`a.k.a. 'ABU X'`); `alt.csv` holds the strong ones. This module also holds the
//! delimited-text reading shared by the US DPL and CSL parsers.

use super::{Input, Parsed, find, ofac_remarks, require};
use crate::ParseError;
use std::borrow::Cow;
use std::collections::HashMap;
use zeef_model::{Entity, Prop, Schema, country};

/// The four files of one OFAC CSV list.
struct FileSet {
    primary: &'static str,
    addresses: &'static str,
    aliases: &'static str,
    comments: &'static str,
}

const SDN_FILES: FileSet = FileSet {
    primary: "sdn.csv",
    addresses: "add.csv",
    aliases: "alt.csv",
    comments: "sdn_comments.csv",
};
const CONS_FILES: FileSet = FileSet {
    primary: "cons_prim.csv",
    addresses: "cons_add.csv",
    aliases: "cons_alt.csv",
    comments: "cons_comments.csv",
};

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let files = if find(inputs, CONS_FILES.primary).is_some()
        && find(inputs, SDN_FILES.primary).is_none()
    {
        CONS_FILES
    } else {
        SDN_FILES
    };
    let primary = require(inputs, files.primary)?;
    let comments = match find(inputs, files.comments) {
        Some(input) => read_comments(input)?,
        None => HashMap::new(),
    };
    let mut entities = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let text = decode(&primary.data);
    for row in records(&primary.name, &text, b',', 12)? {
        let ent_num = ent_num(&primary.name, &row)?;
        let remarks = match comments.get(ent_num) {
            // The comments file continues the text mid-word: glue it on as is.
            Some(more) => format!("{}{}", field(&row.fields, 11).unwrap_or(""), more),
            None => field(&row.fields, 11).unwrap_or("").to_string(),
        };
        let e = primary_entity(source, &primary.name, &row, ent_num, &remarks)?;
        if index.insert(ent_num.to_string(), entities.len()).is_some() {
            return Err(
                ParseError::new(&primary.name, format!("ent_num {ent_num} appears twice"))
                    .at(format!("line {}", row.line)),
            );
        }
        entities.push(e);
    }
    // An empty main file would read as "everyone delisted": refuse it.
    if entities.is_empty() {
        return Err(ParseError::new(
            &primary.name,
            "no entries: empty or cut file",
        ));
    }
    if let Some(input) = find(inputs, files.aliases) {
        let text = decode(&input.data);
        for row in records(&input.name, &text, b',', 5)? {
            let e = linked_entity(&input.name, &row, &index, &mut entities, files.primary)?;
            add_alias(e, &row.fields);
        }
    }
    if let Some(input) = find(inputs, files.addresses) {
        let text = decode(&input.data);
        for row in records(&input.name, &text, b',', 6)? {
            let e = linked_entity(&input.name, &row, &index, &mut entities, files.primary)?;
            add_address(e, &row.fields);
        }
    }
    ofac_remarks::append_wallets(&mut entities);
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date: None,
    })
}

/// Builds the entity of one row of `sdn.csv` / `cons_prim.csv`.
fn primary_entity(
    source: &str,
    file: &str,
    row: &Row,
    ent_num: &str,
    remarks: &str,
) -> Result<Entity, ParseError> {
    let f = |i| field(&row.fields, i);
    let schema = match f(2).map(str::to_ascii_lowercase).as_deref() {
        Some("individual") => Schema::Person,
        Some("vessel") => Schema::Vessel,
        Some("aircraft") => Schema::Airplane,
        // OFAC leaves the type of entities null.
        None | Some("entity") => Schema::Organization,
        Some(other) => {
            return Err(ParseError::new(
                file,
                format!(
                    "unknown SDN_Type {other:?} (expected individual, vessel, aircraft or -0-)"
                ),
            )
            .at(format!("line {}", row.line)));
        }
    };
    let mut e = Entity::new(format!("{source}-{ent_num}"), schema, source);
    e.provenance.record_ids.push(ent_num.to_string());
    e.provenance.references.push(ent_num.to_string());
    let name = f(1)
        .ok_or_else(|| ParseError::new(file, "empty SDN_Name").at(format!("line {}", row.line)))?;
    add_primary_name(&mut e, name);
    e.add(Prop::Topics, "sanction");
    for program in f(3).map(programs).into_iter().flatten() {
        e.add(Prop::Program, program);
    }
    // Several positions are `;`-separated.
    e.add_all(Prop::Position, f(4).unwrap_or("").split(';'));
    add_vessel_fields(&mut e, &row.fields);
    if !remarks.trim().is_empty() && remarks.trim() != "-0-" {
        e.add(Prop::Notes, remarks);
        ofac_remarks::mine(remarks, &mut e);
    }
    Ok(e)
}

/// Persons' names come as `LAST, First`: name in natural order, plus the parts.
pub(super) fn add_primary_name(e: &mut Entity, name: &str) {
    if e.schema == Schema::Person
        && let Some((last, first)) = ofac_remarks::split_person_name(name)
    {
        e.add(Prop::Name, format!("{first} {last}"));
        e.add(Prop::LastName, last);
        e.add(Prop::FirstName, first);
        return;
    }
    e.add(Prop::Name, name);
}

/// `SDGT] [IRGC` (the CSV drops the outer brackets) or `[SDGT] [IRGC]` -> `SDGT`, `IRGC`.
fn programs(raw: &str) -> impl Iterator<Item = &str> {
    raw.split("] [")
        .map(|p| p.trim_matches(['[', ']', ' ']))
        .filter(|p| !p.is_empty())
}

/// Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner (columns 5..=10).
fn add_vessel_fields(e: &mut Entity, fields: &[String]) {
    let f = |i| field(fields, i);
    if let Some(v) = f(5) {
        e.add(Prop::CallSign, v);
    }
    if let Some(v) = f(6) {
        e.add(Prop::Type, v);
    }
    for (i, key) in [(7, "tonnage"), (8, "grossRegisteredTonnage")] {
        if let Some(v) = f(i) {
            e.extra
                .entry(key.to_string())
                .or_default()
                .push(v.to_string());
        }
    }
    if let Some(flag) = f(9) {
        match country::code(flag) {
            Some(c) => e.add(Prop::Flag, c),
            None => e.add(Prop::Notes, format!("Flag: {flag}")),
        }
    }
    if let Some(owner) = f(10) {
        e.add(Prop::Notes, format!("Vessel owner: {owner}"));
    }
}

/// alt.csv: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, remarks.
fn add_alias(e: &mut Entity, fields: &[String]) {
    let Some(name) = field(fields, 3) else { return };
    let name = if e.schema == Schema::Person {
        ofac_remarks::natural_name(name)
    } else {
        name.to_string()
    };
    let prop = match field(fields, 2).map(str::to_ascii_lowercase).as_deref() {
        Some("fka") => Prop::PreviousName,
        _ => Prop::Alias,
    };
    e.add(prop, name);
}

/// add.csv: ent_num, add_num, address, city/state/zip, country, remarks.
fn add_address(e: &mut Entity, fields: &[String]) {
    let parts: Vec<&str> = (2..=4).filter_map(|i| field(fields, i)).collect();
    e.add(Prop::Address, parts.join(", "));
    if let Some(c) = field(fields, 4).and_then(country::code) {
        e.add(Prop::Country, c);
    }
}

/// The entity a row of a side file (alt, add) belongs to.
fn linked_entity<'a>(
    file: &str,
    row: &Row,
    index: &HashMap<String, usize>,
    entities: &'a mut [Entity],
    primary: &str,
) -> Result<&'a mut Entity, ParseError> {
    let ent_num = ent_num(file, row)?;
    index
        .get(ent_num)
        .and_then(|&i| entities.get_mut(i))
        .ok_or_else(|| {
            ParseError::new(
                file,
                format!("ent_num {ent_num} is not in {primary} (files of different dates?)"),
            )
            .at(format!("line {}", row.line))
        })
}

/// sdn_comments.csv: ent_num, remarks continuation.
fn read_comments(input: &Input) -> Result<HashMap<String, String>, ParseError> {
    let text = decode(&input.data);
    let mut out: HashMap<String, String> = HashMap::new();
    for row in records(&input.name, &text, b',', 2)? {
        let ent_num = ent_num(&input.name, &row)?.to_string();
        let more = row.fields.get(1).map(String::as_str).unwrap_or("");
        out.entry(ent_num).or_default().push_str(more);
    }
    Ok(out)
}

/// The first column, which must be a number.
fn ent_num<'a>(file: &str, row: &'a Row) -> Result<&'a str, ParseError> {
    let raw = row.fields.first().map(|s| s.trim()).unwrap_or("");
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParseError::new(
            file,
            format!("expected a numeric ent_num in column 1, found {raw:?}"),
        )
        .at(format!("line {}", row.line)));
    }
    Ok(raw)
}

/// Field `i`, trimmed; `None` for OFAC's null `-0-` and for empty fields.
pub(super) fn field(fields: &[String], i: usize) -> Option<&str> {
    let v = fields.get(i)?.trim();
    (!v.is_empty() && v != "-0-").then_some(v)
}

/// One record of a delimited file and the line it starts on (1-based).
pub(super) struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Text of a list file: UTF-8 (a BOM dropped), else read as Windows-1252/Latin-1 as older
/// OFAC files were.
pub(super) fn decode(data: &[u8]) -> Cow<'_, str> {
    let data = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(data.iter().map(|&b| b as char).collect()),
    }
}

/// Reads a quoted, delimited file into rows. `width` > 0 requires that many fields per row.
/// Fails, naming the line, on a row of the wrong width and on a file that ends inside a
/// quoted field (a cut download). A trailing DOS end-of-file mark (`\x1a`) is ignored.
pub(super) fn records(
    file: &str,
    text: &str,
    delimiter: u8,
    width: usize,
) -> Result<Vec<Row>, ParseError> {
    let text = text.trim_end_matches(['\x1a', '\r', '\n']);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::default();
    let mut last_start = 0usize;
    loop {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let byte = err.position().map(|p| p.byte()).unwrap_or(start.byte());
                let line = lines.line_at(text, usize::try_from(byte).unwrap_or(usize::MAX));
                return Err(ParseError::new(file, format!("unreadable record: {err}"))
                    .at(format!("line {line}")));
            }
        }
        let byte = record.position().map(|p| p.byte()).unwrap_or(start.byte());
        last_start = usize::try_from(byte).unwrap_or(last_start);
        let line = lines.line_at(text, last_start);
        if width > 0 && record.len() != width {
            return Err(ParseError::new(
                file,
                format!("expected {width} fields, found {}", record.len()),
            )
            .at(format!("line {line}")));
        }
        rows.push(Row {
            line,
            fields: record.iter().map(str::to_string).collect(),
        });
    }
    // csv accepts an unclosed quote at the end of input; an odd number of quotes in the last
    // record means the file was cut inside a quoted field.
    let tail = text.as_bytes().get(last_start..).unwrap_or_default();
    if tail.iter().filter(|&&b| b == b'"').count() % 2 == 1 {
        let line = rows.last().map(|r| r.line).unwrap_or(1);
        return Err(
            ParseError::new(file, "file ends inside a quoted field (truncated?)")
                .at(format!("line {line}")),
        );
    }
    Ok(rows)
}

/// Line numbers of record starts, counted incrementally (csv's own count lags by one line
/// after a CRLF, as the `\n` is read with the next record).
#[derive(Default)]
struct LineCounter {
    counted_to: usize,
    newlines: u64,
}

impl LineCounter {
    /// The 1-based line of the record starting at `byte` (skipping the line ends before it).
    fn line_at(&mut self, text: &str, byte: usize) -> u64 {
        let bytes = text.as_bytes();
        let mut start = byte.min(bytes.len());
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        if start >= self.counted_to {
            let seen = bytes.get(self.counted_to..start).unwrap_or_default();
            self.newlines += seen.iter().filter(|&&b| b == b'\n').count() as u64;
            self.counted_to = start;
        }
        self.newlines + 1
    }
}
