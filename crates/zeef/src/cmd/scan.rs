//! `zeef scan FILE...`: find mentions of listed persons and organisations in documents
//! (plain text, HTML, DOCX), as a readable report or JSON lines.

use crate::cli::ScanArgs;
use crate::data::{check_sources, load};
use crate::output::table;
use anyhow::{Context, Result, bail};
use serde_json::json;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_scan::{Format, Mention, ScanIndex, input, summarise};

pub fn run(data: &DataDir, a: ScanArgs) -> Result<ExitCode> {
    let format = a.format.as_deref().map(parse_format).transpose()?;
    let snapshot = load(data, None)?;
    check_sources(&snapshot.manifest, a.source.as_deref())?;
    let entities = match &a.source {
        Some(sources) => snapshot
            .entities
            .into_iter()
            .filter(|e| sources.contains(&e.provenance.source))
            .collect(),
        None => snapshot.entities,
    };
    let index = ScanIndex::build(entities);
    let mut failed = false;
    for file in &a.files {
        let mentions = match scan_file(&index, file, format) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {file}: {e:#}");
                failed = true;
                continue;
            }
        };
        let mentions: Vec<Mention> = mentions
            .into_iter()
            .filter(|m| m.score >= a.min_score)
            .collect();
        if a.json {
            print_json(&index, file, &mentions)?;
        } else {
            print_report(&index, file, &mentions, &snapshot.manifest.id);
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_format(s: &str) -> Result<Format> {
    Ok(match s.to_ascii_lowercase().as_str() {
        "text" | "txt" => Format::Text,
        "html" | "htm" => Format::Html,
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        other => bail!("unknown --format {other:?}: expected text, html or docx"),
    })
}

/// Reads, extracts and scans one file (`-`: standard input); warnings go to stderr.
fn scan_file(index: &ScanIndex, file: &str, format: Option<Format>) -> Result<Vec<Mention>> {
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("reading standard input")?;
        b
    } else {
        std::fs::read(file).context("cannot read the file")?
    };
    let path = (file != "-").then(|| Path::new(file));
    let format = format.unwrap_or_else(|| input::detect(path, &bytes));
    let extracted = input::extract(&bytes, format)?;
    for w in &extracted.warnings {
        eprintln!("warning: {file}: {w}");
    }
    Ok(index.scan(&extracted.text))
}

fn print_json(index: &ScanIndex, file: &str, mentions: &[Mention]) -> Result<()> {
    for m in mentions {
        let Some(e) = index.entity(m.entity) else {
            continue;
        };
        let line = json!({
            "file": file,
            "line": m.line,
            "column": m.column,
            "end_line": m.end_line,
            "end_column": m.end_column,
            "text": m.text,
            "entity_id": e.id,
            "caption": e.caption,
            "datasets": e.datasets,
            "score": (m.score * 100.0).round() / 100.0,
            "reason": m.reason,
        });
        println!("{}", serde_json::to_string(&line)?);
    }
    Ok(())
}

fn print_report(index: &ScanIndex, file: &str, mentions: &[Mention], snapshot: &str) {
    let summary = summarise(index, mentions);
    println!(
        "{file}: {} mention(s) of {} listed entit{} ({} entities in snapshot {snapshot})",
        mentions.len(),
        summary.len(),
        if summary.len() == 1 { "y" } else { "ies" },
        index.entity_count()
    );
    if mentions.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = summary
        .iter()
        .filter_map(|s| {
            let e = index.entity(s.entity)?;
            Some(vec![
                s.mentions.to_string(),
                e.datasets.join(","),
                e.id.clone(),
                e.caption.clone(),
                s.texts.join(" | "),
            ])
        })
        .collect();
    println!();
    print!(
        "{}",
        table(
            &["MENTIONS", "LIST", "ENTITY", "LISTED NAME", "WRITTEN AS"],
            &rows
        )
    );
    println!();
    let rows: Vec<Vec<String>> = mentions
        .iter()
        .filter_map(|m| {
            let e = index.entity(m.entity)?;
            Some(vec![
                format!("{}:{}", m.line, m.column),
                m.text.clone(),
                e.id.clone(),
                format!("{:.2}", m.score),
                m.reason.clone(),
            ])
        })
        .collect();
    print!(
        "{}",
        table(&["LINE:COL", "TEXT", "ENTITY", "SCORE", "WHY"], &rows)
    );
}
