//! `zeef lists` and `zeef snapshots`.

use crate::cli::ListsArgs;
use crate::output::table;
use anyhow::{Result, bail};
use serde_json::json;
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_lists::freshness;

pub fn run(data: &DataDir, a: ListsArgs) -> Result<ExitCode> {
    if a.snapshot.is_none() {
        crate::data::ensure(data)?;
    }
    let id = match &a.snapshot {
        Some(r) => data.resolve(r)?,
        None => match data.current_id()? {
            Some(id) => id,
            None => bail!(
                "no lists in {} yet: run `zeef update` (or `zeef update --from MIRROR_DIR`)",
                data.root().display()
            ),
        },
    };
    let m = data.manifest(&id)?;
    let fresh = freshness::of_snapshot(&m);
    if a.json {
        let rows: Vec<_> = m
            .sources
            .iter()
            .zip(&fresh)
            .map(|(s, f)| {
                json!({
                    "source": s.source,
                    "title": s.title,
                    "publisher": s.publisher,
                    "list_date": s.list_date,
                    "fetched_at": s.fetched_at,
                    "sha256": s.sha256,
                    "snapshot": m.id,
                    "carried_from": s.carried_from,
                    "origin": s.origin,
                    "entities": s.entities,
                    "schemata": s.schemata,
                    "files": s.files,
                    "age_days": f.age_days,
                    "stale_after_days": f.stale_after_days,
                    "stale": f.stale,
                    "retired_since": f.retired_since,
                    "replaced_by": f.replaced_by,
                    "builtin": f.builtin,
                    "status": status(f),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("snapshot {} (created {})\n", m.id, m.created_at);
    let rows: Vec<Vec<String>> = m
        .sources
        .iter()
        .zip(&fresh)
        .map(|(s, f)| {
            let schemata = s
                .schemata
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                s.source.clone(),
                s.publisher.clone(),
                s.list_date.clone().unwrap_or_else(|| "-".into()),
                format!("{}d", f.age_days),
                status(f),
                s.fetched_at.clone(),
                s.sha256.chars().take(12).collect(),
                s.entities.to_string(),
                schemata,
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "SOURCE",
                "PUBLISHER",
                "LIST DATE",
                "AGE",
                "STATUS",
                "FETCHED",
                "SHA256",
                "ENTITIES",
                "BY SCHEMA"
            ],
            &rows
        )
    );
    println!(
        "\n{} entities in {} sources",
        m.entity_count(),
        m.sources.len()
    );
    if let Some(w) = freshness::warning(&m) {
        println!("\n{w}");
    }
    Ok(ExitCode::SUCCESS)
}

/// One word or phrase for a list's state: `current`, `OUT OF DATE`, `RETIRED 2026-01-28`,
/// `BUILT-IN`, combined with `+`.
fn status(f: &freshness::Freshness) -> String {
    let mut parts = Vec::new();
    if f.builtin {
        parts.push("BUILT-IN".to_string());
    }
    if let Some(since) = &f.retired_since {
        parts.push(format!("RETIRED {since}"));
    }
    if f.stale {
        parts.push(format!(
            "OUT OF DATE (>{}d)",
            f.stale_after_days.unwrap_or_default()
        ));
    }
    if parts.is_empty() {
        "current".to_string()
    } else {
        parts.join(" + ")
    }
}

pub fn snapshots(data: &DataDir, json_out: bool) -> Result<ExitCode> {
    let all = data.snapshots()?;
    let current = data.current_id()?;
    if json_out {
        let rows: Vec<_> = all
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "created_at": m.created_at,
                    "current": Some(&m.id) == current.as_ref(),
                    "entities": m.entity_count(),
                    "sources": m.sources.iter().map(|s| json!({"source": s.source, "sha256": s.sha256, "list_date": s.list_date, "entities": s.entities})).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .rev()
        .map(|m| {
            vec![
                if Some(&m.id) == current.as_ref() {
                    "*".into()
                } else {
                    String::new()
                },
                m.id.clone(),
                m.created_at.clone(),
                m.sources.len().to_string(),
                m.entity_count().to_string(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["", "SNAPSHOT", "CREATED", "SOURCES", "ENTITIES"], &rows)
    );
    Ok(ExitCode::SUCCESS)
}
