//! `zeef sources`: every source zeef knows, where it is fetched from, and its status.

use crate::output::table;
use anyhow::Result;
use serde_json::json;
use std::process::ExitCode;
use zeef_lists::addresses::env_var;
use zeef_lists::source::{Format, SOURCES, SourceSpec};

fn format_name(f: Format, file: &str) -> String {
    let ext = file
        .rsplit('.')
        .next()
        .filter(|e| *e != file)
        .unwrap_or("")
        .to_ascii_uppercase();
    match f {
        Format::OfacXml => "OFAC XML".to_string(),
        Format::OfacAdvanced => "OFAC advanced XML".to_string(),
        Format::OfacCsv => "OFAC legacy CSV".to_string(),
        Format::UkOfsi => format!("OFSI {ext}"),
        _ => ext,
    }
}

/// The formats a source is read in, in order of preference: `XML, CSV`.
fn formats(s: &SourceSpec) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in s.variants {
        let Some(first) = v.files.first() else {
            continue;
        };
        let name = format_name(v.format, first.name);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn status(s: &SourceSpec) -> String {
    match s.retired {
        Some(r) => format!("retired {} (replaced by {})", r.since, r.replaced_by),
        None => "active".to_string(),
    }
}

pub fn run(json_out: bool) -> Result<ExitCode> {
    let settings = crate::data::settings();
    let addresses = &settings.addresses;
    let builtin = zeef_builtin::sources();
    let rows: Vec<_> = SOURCES
        .iter()
        .map(|s| {
            let files: Vec<_> = s
                .variants
                .iter()
                .flat_map(|v| v.files.iter())
                .map(|f| {
                    json!({
                        "name": f.name,
                        "official_url": (!f.url.is_empty()).then_some(f.url),
                        "url": addresses.file_url(s.name, f.name),
                        "required": f.required,
                    })
                })
                .collect();
            let first_file = s.variants.first().and_then(|v| v.files.first());
            let official = first_file.map(|f| f.url).unwrap_or_default();
            let used = first_file.and_then(|f| addresses.file_url(s.name, f.name));
            let over = addresses.overridden(s.name);
            json!({
                "source": s.name,
                "title": s.title,
                "publisher": s.publisher,
                "official_url": official,
                "url": used,
                "override": over.map(|o| json!({"urls": o.urls, "set_in": o.set_in})),
                "env_var": env_var(s.name),
                "formats": formats(s),
                "files": files,
                "cadence": s.cadence,
                "stale_after_days": s.stale_after_days,
                "licence": s.licence,
                "documentation": s.documentation,
                "status": if s.retired.is_some() { "retired" } else { "active" },
                "retired_since": s.retired.map(|r| r.since),
                "replaced_by": s.retired.map(|r| r.replaced_by),
                "builtin": builtin.contains(&s.name),
            })
        })
        .collect();
    if json_out {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let table_rows: Vec<Vec<String>> = SOURCES
        .iter()
        .zip(&rows)
        .map(|(s, r)| {
            let url = r["url"].as_str().unwrap_or("(no download)").to_string();
            let url = match addresses.overridden(s.name) {
                Some(o) => format!("{url}  [override: {}]", o.set_in),
                None => url,
            };
            vec![
                s.name.to_string(),
                s.title.to_string(),
                formats(s).join(", "),
                s.cadence.to_string(),
                status(s),
                url,
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &["SOURCE", "LIST", "FORMATS", "CADENCE", "STATUS", "ADDRESS"],
            &table_rows
        )
    );
    println!(
        "\nOverride an address with ZEEF_SOURCE_<NAME>_URL or in {} (see `zeef sources --help`).",
        crate::data::default_sources_config()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "sources.toml".to_string())
    );
    println!(
        "Built into this binary, used when no list can be fetched: {}.",
        builtin.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}
