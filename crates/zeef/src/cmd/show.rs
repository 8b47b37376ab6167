//! `zeef show ID`: one entity with its provenance.

use crate::cli::ShowArgs;
use crate::data::load;
use anyhow::{Result, bail};
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_model::Entity;

pub fn run(data: &DataDir, a: ShowArgs) -> Result<ExitCode> {
    let snap = load(data, a.snapshot.as_deref())?;
    let Some(e) = snap.entities.iter().find(|e| e.id == a.id) else {
        let hint: Vec<&str> = snap
            .entities
            .iter()
            .filter(|e| e.id.eq_ignore_ascii_case(&a.id))
            .map(|e| e.id.as_str())
            .collect();
        if hint.is_empty() {
            bail!("no entity {:?} in snapshot {}", a.id, snap.manifest.id);
        }
        bail!(
            "no entity {:?} in snapshot {}; did you mean {}?",
            a.id,
            snap.manifest.id,
            hint.join(", ")
        );
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(e)?);
    } else {
        let source = snap.manifest.source(&e.provenance.source);
        print!("{}", render(e, source.map(|s| s.title.as_str())));
    }
    Ok(ExitCode::SUCCESS)
}

/// The readable form: properties, then provenance.
pub fn render(e: &Entity, source_title: Option<&str>) -> String {
    let mut out = format!("{}  {}  {}\n\n", e.id, e.schema, e.caption());
    let mut field = |label: &str, values: &[String]| {
        for (i, v) in values.iter().enumerate() {
            let l = if i == 0 { label } else { "" };
            out.push_str(&format!("  {l:<20} {v}\n"));
        }
    };
    for (p, values) in &e.props {
        field(p.as_str(), values);
    }
    for (k, values) in &e.extra {
        field(k, values);
    }
    let pv = &e.provenance;
    out.push_str("\nprovenance\n");
    let src = match source_title {
        Some(t) => format!("{} ({t})", pv.source),
        None => pv.source.clone(),
    };
    let mut field = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push_str(&format!("  {label:<20} {v}\n"));
        }
    };
    field("source", Some(src));
    field(
        "list date",
        Some(
            pv.list_date
                .clone()
                .unwrap_or_else(|| "not stated in the file".into()),
        ),
    );
    field("file sha256", pv.sha256.clone());
    field("snapshot", pv.snapshot.clone());
    field("record ids", Some(pv.record_ids.join(", ")));
    field("reference numbers", Some(pv.references.join(", ")));
    field(
        "cross-references",
        Some(
            pv.cross_refs
                .iter()
                .map(|c| format!("{}:{}", c.source, c.reference))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    out
}
