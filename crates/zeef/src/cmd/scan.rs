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
use zeef_resolve::Resolved;
use zeef_scan::{EntitySummary, Format, Mention, ScanIndex, input, summarise};

pub fn run(data: &DataDir, a: ScanArgs) -> Result<ExitCode> {
    let format = a.format.as_deref().map(parse_format).transpose()?;
    let snapshot = load(data, None)?;
    check_sources(&snapshot.manifest, a.source.as_deref())?;
    let resolved = match a.by_record {
        true => None,
        false => Some(crate::cmd::resolve::current(data, &snapshot.manifest.id)?),
    };
    let snapshot_id = snapshot.manifest.id.clone();
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
            print_json(&index, resolved.as_ref(), file, &mentions)?;
        } else {
            print_report(&index, resolved.as_ref(), file, &mentions, &snapshot_id);
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

fn print_json(
    index: &ScanIndex,
    resolved: Option<&Resolved>,
    file: &str,
    mentions: &[Mention],
) -> Result<()> {
    for m in mentions {
        let Some(e) = index.entity(m.entity) else {
            continue;
        };
        let mut line = json!({
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
        if let Some(c) = resolved.and_then(|r| r.find(&e.id)) {
            line["resolved_id"] = json!(c.id);
            line["referents"] = json!(c.referents);
        }
        println!("{}", serde_json::to_string(&line)?);
    }
    Ok(())
}

fn print_report(
    index: &ScanIndex,
    resolved: Option<&Resolved>,
    file: &str,
    mentions: &[Mention],
    snapshot: &str,
) {
    let summary = summarise(index, mentions);
    let entities = by_entity(index, resolved, &summary);
    println!(
        "{file}: {} mention(s) of {} listed {} ({} records in snapshot {snapshot})",
        mentions.len(),
        entities.len(),
        match (resolved.is_some(), entities.len() == 1) {
            (true, true) => "party",
            (true, false) => "parties",
            (false, true) => "entity",
            (false, false) => "entities",
        },
        index.entity_count()
    );
    if mentions.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = entities
        .iter()
        .map(|s| {
            vec![
                s.mentions.to_string(),
                s.datasets.join(","),
                s.id.clone(),
                s.caption.clone(),
                s.texts.join(" | "),
                s.referents.join(", "),
            ]
        })
        .collect();
    println!();
    print!(
        "{}",
        table(
            &[
                "MENTIONS",
                "LISTS",
                "ENTITY",
                "LISTED NAME",
                "WRITTEN AS",
                "LISTINGS"
            ],
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

/// Mentions summed per party: records of one resolved entity together (each record alone
/// without `resolved`), most mentioned first.
struct PartyMentions {
    id: String,
    caption: String,
    mentions: usize,
    datasets: Vec<String>,
    texts: Vec<String>,
    referents: Vec<String>,
}

fn by_entity(
    index: &ScanIndex,
    resolved: Option<&Resolved>,
    summary: &[EntitySummary],
) -> Vec<PartyMentions> {
    let mut out: Vec<PartyMentions> = Vec::new();
    for s in summary {
        let Some(e) = index.entity(s.entity) else {
            continue;
        };
        let cluster = resolved.and_then(|r| r.find(&e.id));
        let id = cluster.map_or_else(|| e.id.clone(), |c| c.id.clone());
        let at = match out.iter().position(|p| p.id == id) {
            Some(i) => i,
            None => {
                out.push(PartyMentions {
                    id,
                    caption: e.caption.clone(),
                    mentions: 0,
                    datasets: Vec::new(),
                    texts: Vec::new(),
                    referents: cluster.map_or_else(|| vec![e.id.clone()], |c| c.referents.clone()),
                });
                out.len() - 1
            }
        };
        let p = &mut out[at];
        p.mentions += s.mentions;
        for d in &e.datasets {
            if !p.datasets.contains(d) {
                p.datasets.push(d.clone());
            }
        }
        for t in &s.texts {
            if !p.texts.contains(t) {
                p.texts.push(t.clone());
            }
        }
    }
    // Every list naming the party, not only those whose record was mentioned.
    for p in &mut out {
        for r in &p.referents {
            if let Some(source) = r.split('-').next()
                && !p.datasets.iter().any(|d| d == source)
            {
                p.datasets.push(source.to_string());
            }
        }
        p.datasets.sort();
    }
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    out
}
