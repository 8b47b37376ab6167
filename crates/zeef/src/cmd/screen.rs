//! `zeef screen NAME`: screen one name (and what else is known) against the loaded lists.

use crate::cli::ScreenArgs;
use crate::data::load_index;
use crate::output::table;
use crate::results::{query_json, rows};
use anyhow::Result;
use serde_json::json;
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_matching::ScreenOptions;
use zeef_model::QueryFields;

pub fn run(data: &DataDir, a: ScreenArgs) -> Result<ExitCode> {
    let fields = QueryFields {
        names: vec![a.name.clone()],
        birth_dates: a.birth_date.clone().into_iter().collect(),
        countries: a.country.clone(),
        nationalities: a.nationality.clone(),
        gender: a.gender.clone(),
        id_numbers: a.id.clone(),
        schema: a.schema.clone(),
        ..QueryFields::default()
    };
    let query = fields.to_entity()?;
    let (snapshot, index) = load_index(data, None)?;
    let opts = ScreenOptions {
        threshold: a.threshold,
        limit: a.limit,
        sources: a.source.clone(),
        ..ScreenOptions::default()
    };
    crate::data::check_sources(&snapshot.manifest, opts.sources.as_deref())?;
    let hits = index.screen(&query, &opts);
    let results = rows(&index, &hits);
    if a.json {
        let out = json!({"query": query_json(&query), "snapshot": snapshot.manifest.id, "threshold": opts.threshold, "results": results});
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    if results.is_empty() {
        println!(
            "No listed entity scored {:.2} or more for {:?} ({} entities in snapshot {}).",
            opts.threshold,
            a.name,
            index.len(),
            snapshot.manifest.id
        );
        return Ok(ExitCode::SUCCESS);
    }
    let table_rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let why = r
                .explanation
                .features
                .iter()
                .map(|f| f.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                format!("{:.2}", r.score),
                r.datasets.join(","),
                r.id.to_string(),
                r.caption.to_string(),
                truncate(&why, 90),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &["SCORE", "LIST", "ENTITY", "LISTED NAME", "WHY"],
            &table_rows
        )
    );
    if a.explain {
        for r in &results {
            println!("\n{} ({})\n{}", r.id, r.caption, r.explanation.summary());
            for p in &r.explanation.parts {
                println!(
                    "    {:<20} ~ {:<20} {:.2} {} (weight {:.2})",
                    p.query.as_deref().unwrap_or("-"),
                    p.listed.as_deref().unwrap_or("-"),
                    p.similarity,
                    p.how,
                    p.weight
                );
            }
        }
    }
    println!(
        "\n{} result(s) at or above {:.2}; snapshot {}. Use --explain for the name alignment, --json for machines.",
        results.len(),
        opts.threshold,
        snapshot.manifest.id
    );
    Ok(ExitCode::SUCCESS)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}
