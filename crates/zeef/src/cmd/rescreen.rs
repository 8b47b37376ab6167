//! `zeef rescreen`: after a list update, screen a file of subjects (the `zeef batch` formats)
//! against only what changed since a snapshot, reporting new alerts and alerts that went away.

use crate::cli::RescreenArgs;
use crate::data::check_sources;
use crate::results::query_json;
use crate::subjects::{Row, RowSource, input_format};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_diff::{AlertEvent, Rescreener, version_changes};
use zeef_lists::{DataDir, Snapshot};
use zeef_model::Entity;

/// Rows screened together.
const CHUNK: usize = 4096;

pub fn run(data: &DataDir, a: RescreenArgs) -> Result<ExitCode> {
    if !matches!(a.format.as_str(), "jsonl" | "csv") {
        bail!(
            "unknown output format {:?} (expected jsonl or csv)",
            a.format
        );
    }
    let started = Instant::now();
    let (from, to) = super::changes::snapshot_pair(data, Some(&a.since), None)?;
    let (old, new) = (data.load(&from)?, data.load(&to)?);
    if let Some(sources) = &a.filters.source {
        for s in sources {
            if old.manifest.source(s).is_none() {
                check_sources(&new.manifest, Some(std::slice::from_ref(s)))?;
            }
        }
    }
    let pick = |snap: &Snapshot| -> Vec<Entity> {
        snap.entities
            .iter()
            .filter(|e| {
                a.filters
                    .source
                    .as_ref()
                    .is_none_or(|s| s.contains(&e.provenance.source))
            })
            .cloned()
            .collect()
    };
    let (old_entities, new_entities) = (pick(&old), pick(&new));
    let changes = version_changes(&old_entities, &new_entities);
    let rescreener = Rescreener::new(&changes, &old_entities, &new_entities);
    // Sources are filtered on the changes above; the screen itself covers what changed.
    let opts = zeef_matching::ScreenOptions {
        sources: None,
        ..a.filters.options()?
    };
    let reader: Box<dyn Read> = if a.input == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(&a.input).with_context(|| format!("cannot open {}", a.input))?)
    };
    let mut rows_in = match input_format(&a.input, a.input_format.as_deref()).as_str() {
        "csv" => RowSource::csv(reader, &a.input)?,
        "jsonl" => RowSource::jsonl(reader),
        f => bail!("unknown input format {f:?} (expected csv or jsonl)"),
    };
    let out: Box<dyn Write> = match a.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    if a.format == "csv" {
        writeln!(
            out,
            "row,id,query_name,change,entity_id,caption,source,entity_change,score,previous_score,matched_name,explanation"
        )?;
    }
    let (mut total, mut events, mut errors) = (0usize, 0usize, 0usize);
    loop {
        let chunk = rows_in.next_chunk(CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        let screened: Vec<Vec<AlertEvent>> = chunk
            .par_iter()
            .map(|r| match &r.query {
                Ok((e, _)) => rescreener.rescreen(e, &opts),
                Err(_) => Vec::new(),
            })
            .collect();
        for (r, found) in chunk.iter().zip(&screened) {
            total += 1;
            events += found.len();
            if let Err(e) = &r.query {
                errors += 1;
                eprintln!("{}: line {}: row {} skipped: {e}", a.input, r.line, r.row);
                if a.format == "jsonl" {
                    writeln!(
                        out,
                        "{}",
                        json!({"row": r.row, "id": r.id, "error": e, "line": r.line})
                    )?;
                }
                continue;
            }
            for ev in found {
                write_event(&mut out, &a.format, r, ev)?;
            }
        }
    }
    out.flush()?;
    let counts = changes.iter().fold([0usize; 3], |mut n, c| {
        n[c.change as usize] += 1;
        n
    });
    eprintln!(
        "{total} rows re-screened against the changes from {from} to {to} ({} added, {} removed, {} amended): {events} alert changes, {errors} rows skipped as malformed; {:.2} s",
        counts[0],
        counts[1],
        counts[2],
        started.elapsed().as_secs_f64()
    );
    Ok(if errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_event(out: &mut impl Write, format: &str, r: &Row, ev: &AlertEvent) -> Result<()> {
    let Ok((query, _)) = &r.query else {
        return Ok(());
    };
    if format == "csv" {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let score = |s: Option<f64>| s.map(|s| format!("{s:.3}")).unwrap_or_default();
        w.write_record([
            r.row.to_string(),
            r.id.clone().unwrap_or_default(),
            query.caption().to_string(),
            ev.change.as_str().to_string(),
            ev.entity_id.clone(),
            ev.caption.clone(),
            ev.source.clone(),
            ev.entity_change.as_str().to_string(),
            score(ev.score),
            score(ev.previous_score),
            ev.explanation.matched_name.clone(),
            ev.explanation.summary().replace('\n', " | "),
        ])?;
        out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
        return Ok(());
    }
    let mut v = json!({
        "row": r.row,
        "id": r.id,
        "change": ev.change,
        "entity_id": ev.entity_id,
        "caption": ev.caption,
        "source": ev.source,
        "entity_change": ev.entity_change,
        "score": ev.score,
        "previous_score": ev.previous_score,
        "query": query_json(query),
        "explanation": ev.explanation,
    });
    if !r.passthrough.is_empty() {
        v["columns"] = Value::Object(r.passthrough.clone());
    }
    writeln!(out, "{v}")?;
    Ok(())
}
