//! The US BIS Denied Persons List (`dpl.txt`): tab-separated, quoted, with a header row.
//! One row per order and address, so one party can fill several rows: rows with the same
//! name (normalised) become one entity keeping all their addresses, orders and dates. The
//! list has no ids; entity ids are `us_dpl-<slug of the name>`. The file states no date.

use super::ofac_csv::{decode, records};
use super::ofac_xml::us_date;
use super::{Input, Parsed, require};
use crate::ParseError;
use std::collections::{HashMap, HashSet};
use zeef_model::{Entity, Prop, Schema, country, date};

const COLUMNS: [&str; 12] = [
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
];

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let input = require(inputs, "dpl.txt")?;
    let file = input.name.as_str();
    let text = decode(&input.data);
    let rows = records(file, &text, b'\t', COLUMNS.len())?;
    let Some((header, rows)) = rows.split_first() else {
        return Err(ParseError::new(file, "empty file: expected a header row").at("line 1"));
    };
    for (i, want) in COLUMNS.iter().enumerate() {
        let found = header.fields.get(i).map(|s| s.trim()).unwrap_or("");
        if !found.eq_ignore_ascii_case(want) {
            return Err(ParseError::new(
                file,
                format!("expected column {} to be {want:?}, found {found:?}", i + 1),
            )
            .at(format!("line {}", header.line)));
        }
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    for (n, row) in rows.iter().enumerate() {
        let f = |i: usize| row.fields.get(i).map(|s| s.trim()).unwrap_or("");
        let key = name_key(f(0));
        if key.is_empty() {
            return Err(
                ParseError::new(file, "row without a name").at(format!("line {}", row.line))
            );
        }
        let idx = *by_key.entry(key.clone()).or_insert_with(|| {
            let id = unique_id(source, &key, &mut used_ids);
            let schema = if is_company_name(f(0)) {
                Schema::Company
            } else {
                Schema::LegalEntity
            };
            let mut e = Entity::new(id, schema, source);
            e.add(Prop::Name, f(0));
            e.add_all(Prop::Topics, ["export.control", "debarment"]);
            e.add(Prop::Program, "Denied Persons List");
            entities.push(e);
            entities.len() - 1
        });
        let Some(e) = entities.get_mut(idx) else {
            continue;
        };
        add_row(e, n + 1, &f);
    }
    if entities.is_empty() {
        return Err(ParseError::new(
            file,
            "no entries after the header: empty or cut file",
        ));
    }
    Ok(Parsed {
        relationships: Vec::new(),
        entities,
        list_date: None,
    })
}

/// Adds one order row (number `n` among the data rows) to its party.
fn add_row<'a>(e: &mut Entity, n: usize, f: &impl Fn(usize) -> &'a str) {
    e.provenance.record_ids.push(format!("row {n}"));
    // Spelling variants of the name grouped here ("AL-NASER  AIRLINES") stay searchable.
    if e.first(Prop::Name) != Some(f(0)) {
        e.add(Prop::Alias, f(0));
    }
    let place: Vec<&str> = [f(1), f(2), f(3), f(5), f(4)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    e.add(Prop::Address, place.join(", "));
    if let Some(c) = country::code(f(4)) {
        e.add(Prop::Country, c);
    }
    let effective = us_date(f(6));
    if let Some(d) = &effective {
        e.add(Prop::ListingDate, d);
    }
    // A typo'd year (`3033-09-30`) is out of range for `date::parse` and is skipped.
    if let Some(d) = date::parse(f(9)) {
        let newer = e.first(Prop::ModifiedAt).is_none_or(|cur| d.as_str() > cur);
        if newer {
            e.props.insert(Prop::ModifiedAt, vec![d]);
        }
    }
    let citation = f(11);
    if !citation.is_empty() {
        e.provenance.references.push(citation.to_string());
    }
    let mut note = format!(
        "Order effective {}, expires {}",
        effective.as_deref().unwrap_or(f(6)),
        us_date(f(7)).as_deref().unwrap_or(f(7))
    );
    for (label, value) in [
        ("standard order", f(8)),
        ("action", f(10)),
        ("FR", citation),
    ] {
        if !value.is_empty() {
            note.push_str(&format!("; {label}: {value}"));
        }
    }
    e.add(Prop::Notes, note);
}

/// The grouping key: upper-case words of the name, punctuation and spacing dropped.
fn name_key(name: &str) -> String {
    let upper = name.replace('.', "").to_uppercase();
    upper
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `us_dpl-<slug>`, with `-2`, `-3`... should two keys ever give one slug.
fn unique_id(source: &str, key: &str, used: &mut HashSet<String>) -> String {
    let slug = key.to_lowercase().replace(' ', "-");
    let base = format!("{source}-{slug}");
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Legal forms that mark a name as a company's (`ACME TRADING CO., LTD.`, `X GMBH`).
const LEGAL_FORMS: &[&str] = &[
    "INC",
    "INCORPORATED",
    "LTD",
    "LIMITED",
    "LLC",
    "LLP",
    "LP",
    "CO",
    "CORP",
    "CORPORATION",
    "COMPANY",
    "GMBH",
    "AG",
    "SA",
    "SARL",
    "SAS",
    "SRL",
    "SPA",
    "BV",
    "NV",
    "PLC",
    "PTE",
    "PVT",
    "PTY",
    "OOO",
    "ZAO",
    "OAO",
    "PAO",
    "JSC",
    "CJSC",
    "FZE",
    "FZCO",
    "FZC",
    "BHD",
    "EOOD",
    "DOO",
];

/// True when the name carries a legal form (words compared after dropping dots: `S.A.` is `SA`).
pub(super) fn is_company_name(name: &str) -> bool {
    name_key(name).split(' ').any(|w| LEGAL_FORMS.contains(&w))
}
