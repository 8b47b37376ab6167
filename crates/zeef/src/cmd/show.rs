//! `zeef show ID`: one entity with its provenance.

use crate::cli::ShowArgs;
use crate::data::load;
use anyhow::{Result, bail};
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_model::Entity;

pub fn run(data: &DataDir, a: ShowArgs) -> Result<ExitCode> {
    let snap = load(data, a.snapshot.as_deref())?;
    // The resolved entity, where the clusters were made over this snapshot.
    let resolved = zeef_resolve::ResolveDir::new(data.root())
        .load()?
        .filter(|r| r.snapshot.as_deref() == Some(snap.manifest.id.as_str()));
    let cluster = resolved.as_ref().and_then(|r| r.find(&a.id));
    let record = snap.entities.iter().find(|e| e.id == a.id);
    if record.is_none() && cluster.is_none() {
        let hint: Vec<&str> = snap
            .entities
            .iter()
            .filter(|e| e.id.eq_ignore_ascii_case(&a.id))
            .map(|e| e.id.as_str())
            .collect();
        if hint.is_empty() {
            bail!(
                "no entity {:?} in snapshot {} (record ids look like un-QDi.299; resolved entities like zeef-…{})",
                a.id,
                snap.manifest.id,
                if resolved.is_none() {
                    ", after `zeef resolve`"
                } else {
                    ""
                }
            );
        }
        bail!(
            "no entity {:?} in snapshot {}; did you mean {}?",
            a.id,
            snap.manifest.id,
            hint.join(", ")
        );
    }
    let listings: Vec<&Entity> = match cluster {
        Some(c) => c
            .referents
            .iter()
            .filter_map(|r| snap.entities.iter().find(|e| &e.id == r))
            .collect(),
        None => record.into_iter().collect(),
    };
    let title = |e: &Entity| {
        snap.manifest
            .source(&e.provenance.source)
            .map(|s| s.title.as_str())
    };
    if a.json {
        let listed = |c: &zeef_resolve::StoredCluster| -> Result<serde_json::Value> {
            Ok(serde_json::json!({
                "id": c.id,
                "referents": c.referents,
                "listings": listings
                    .iter()
                    .map(|e| zeef_resolve::Listing::of(e, None))
                    .collect::<Vec<_>>(),
            }))
        };
        // A record id gives the record, as listed, with its resolved entity under `resolved`;
        // a canonical id gives the merged entity with its listings.
        let v = match (record, cluster) {
            (Some(e), c) => {
                let mut v = serde_json::to_value(e)?;
                if let Some(c) = c {
                    v["resolved"] = listed(c)?;
                }
                v
            }
            (None, Some(c)) => {
                let mut v =
                    serde_json::to_value(zeef_resolve::merged::merged_ftm(&c.id, &listings))?;
                v["listings"] = listed(c)?["listings"].take();
                v
            }
            (None, None) => unreachable!("checked above"),
        };
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    match (record, cluster) {
        (Some(e), c) => {
            print!("{}", render(e, title(e)));
            if let Some(c) = c {
                print!("{}", render_listings(&c.id, &listings, Some(&e.id)));
            }
        }
        (None, Some(c)) => {
            print!("{}", render_listings(&c.id, &listings, None));
            for e in &listings {
                println!();
                print!("{}", render(e, title(e)));
            }
        }
        (None, None) => unreachable!("checked above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The listings of a resolved entity: list, record id, list date, programme, listed name.
fn render_listings(id: &str, listings: &[&Entity], shown: Option<&str>) -> String {
    let mut out = format!("\nresolved entity {id}: {} listing(s)\n", listings.len());
    for e in listings {
        let l = zeef_resolve::Listing::of(e, None);
        out.push_str(&format!(
            "  {} {:<10} {:<22} {:<10} {:<24} {}\n",
            if shown == Some(e.id.as_str()) {
                "*"
            } else {
                " "
            },
            l.source,
            l.id,
            l.list_date.as_deref().unwrap_or("-"),
            if l.programme.is_empty() {
                "-".to_string()
            } else {
                l.programme.join("; ")
            },
            l.caption
        ));
    }
    out
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
