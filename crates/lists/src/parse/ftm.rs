//! FollowTheMoney JSON lines (`entities.ftm.json`, OpenSanctions' export format), read and
//! written. A folder holding such a file is a source named after the folder. Entities of the
//! schemata zeef models are kept; Sanction and Identification/Passport records are folded into
//! the entities they point at (a document's number with its issuing `country`, where given);
//! other schemata (Address, Ownership, ...) are skipped and counted. Written, each entity is
//! followed by a `Passport` or `Identification` record per number with an issuing country, so
//! that FtM tools see the country and reading the file back keeps it.

use super::{Input, Parsed};
use crate::ParseError;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use zeef_model::{Entity, FtmEntity, Identification, Prop, Schema};

const FILE: &str = "entities.ftm.json";

/// Records of schemata zeef does not model, by schema name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub by_schema: BTreeMap<String, usize>,
}

pub fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    parse_with_skipped(source, inputs).map(|(parsed, _)| parsed)
}

/// Like [`parse`], also telling how many records of other schemata were skipped.
pub fn parse_with_skipped(source: &str, inputs: &[Input]) -> Result<(Parsed, Skipped), ParseError> {
    let input = super::require(inputs, FILE)?;
    let text = std::str::from_utf8(&input.data).map_err(|e| {
        let line = super::xml_node::line_of(&input.data, e.valid_up_to());
        ParseError::new(&input.name, "not UTF-8 text").at(format!("line {line}"))
    })?;
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut folds: Vec<Fold> = Vec::new();
    let mut skipped = Skipped::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = || format!("line {}", n + 1);
        let value: Value = serde_json::from_str(line)
            .map_err(|e| ParseError::new(&input.name, format!("not valid JSON: {e}")).at(at()))?;
        let (Some(schema), Some(original)) = (
            value.get("schema").and_then(Value::as_str),
            value.get("id").and_then(Value::as_str),
        ) else {
            return Err(ParseError::new(
                &input.name,
                "expected an FtM object with \"id\" and \"schema\"",
            )
            .at(at()));
        };
        let original = original.to_string();
        if schema.parse::<Schema>().is_err() {
            collect_folds(schema, &value, &mut folds);
            *skipped.by_schema.entry(schema.to_string()).or_default() += 1;
            continue;
        }
        let mut e: Entity = serde_json::from_value(value).map_err(|err| {
            ParseError::new(&input.name, format!("not an FtM entity: {err}")).at(at())
        })?;
        e.provenance.source = source.to_string();
        let prefix = format!("{source}-");
        if !original.starts_with(&prefix) {
            e.id = format!("{prefix}{original}");
        }
        // Without a zeef provenance block, `from_ftm` already made the original id the record id.
        index.insert(original, entities.len());
        entities.push(e);
    }
    for f in folds {
        if let Some(e) = index.get(&f.target).and_then(|&i| entities.get_mut(i)) {
            match &f.country {
                Some(country) => {
                    e.add_issued(f.prop, &f.value, country);
                }
                None => e.add(f.prop, &f.value),
            }
        }
    }
    Ok((
        Parsed {
            relationships: Vec::new(),
            entities,
            list_date: None,
        },
        skipped,
    ))
}

/// A value a record of another schema gives the entity it points at.
struct Fold {
    target: String,
    prop: Prop,
    value: String,
    /// A document's issuing country, as the record writes it.
    country: Option<String>,
}

/// What a Sanction or Identification/Passport record says about the entity it points at.
fn collect_folds(schema: &str, record: &Value, folds: &mut Vec<Fold>) {
    let values = |k: &str| {
        record
            .get("properties")
            .and_then(|p| p.get(k))
            .map(strings)
            .unwrap_or_default()
    };
    let mut fold = |targets: &[String], prop: Prop, vals: &[String], country: Option<&String>| {
        for t in targets {
            for v in vals {
                folds.push(Fold {
                    target: t.clone(),
                    prop,
                    value: v.clone(),
                    country: country.cloned(),
                });
            }
        }
    };
    if schema == "Sanction" {
        let targets = values("entity");
        fold(&targets, Prop::Program, &values("program"), None);
        let listed = match values("listingDate") {
            l if l.is_empty() => values("startDate"),
            l => l,
        };
        fold(&targets, Prop::ListingDate, &listed, None);
        fold(&targets, Prop::Topics, &["sanction".to_string()], None);
    } else if let Some(prop) = Identification::prop_of_record(schema, &values("type")) {
        // One issuing country is the document's; several say nothing of which is its.
        let countries = values("country");
        let country = match countries.as_slice() {
            [one] => Some(one),
            _ => None,
        };
        fold(&values("holder"), prop, &values("number"), country);
    }
}

/// A property's values as strings: a list or a bare value; nested entities by their id.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::String(s) => vec![s.clone()],
        Value::Object(m) => m
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

/// Writes entities as FtM JSON lines (`zeef export --format ftm`), each followed by its
/// identification records ([`write_entity`]).
pub fn write<W: Write>(entities: &[Entity], out: W) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for e in entities {
        write_entity(&mut out, &e.to_ftm())?;
    }
    out.flush()
}

/// Writes one FtM entity as a JSON line, then a `Passport` or `Identification` line per number
/// with an issuing country ([`FtmEntity::identification_records`]).
pub fn write_entity<W: Write>(out: &mut W, e: &FtmEntity) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, e)?;
    out.write_all(b"\n")?;
    for record in e.identification_records() {
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
