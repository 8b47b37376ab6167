//! `zeef rescreen`: after a list update, screen a file of subjects (the `zeef batch` formats)
//! against only what changed since a snapshot, reporting new alerts and alerts that went away.
//!
//! With `--record`, each subject is also screened against the whole new snapshot and that
//! screening is recorded as `zeef batch --record` records it (same record building, same
//! writer): a record stands for the subject's whole status against a list version, which
//! open alerts, suppression and reports rely on; a record of the changes alone would drop the
//! subject's standing alerts from the review queue. A row's changes are output only once its
//! record is committed.

use crate::cli::RescreenArgs;
use crate::cli::{InputFormat, OutputFormat};
use crate::data::check_sources;
use crate::recording::{BatchRecording, HeldOutput, Mark, RecordContext};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_audit::{AuditStore, PreparedRecord};
use zeef_diff::{AlertEvent, Rescreener, version_changes};
use zeef_lists::{DataDir, Snapshot};
use zeef_matching::{Index, ScreenOptions};
use zeef_model::Entity;
use zeef_resolve::{Resolution, Resolved, StoredCluster};
use zeef_screening::decode_hits;
use zeef_screening::record::query_fields;
use zeef_subjects::{Row, RowSource, RowTally};

/// Rows screened together.
const CHUNK: usize = 4096;

/// With `--record`: the whole new snapshot's index, the options to screen it with, and the
/// batch's record building and store connections.
struct Recording {
    index: Index,
    opts: ScreenOptions,
    batch: BatchRecording,
    /// One result per resolved entity, unless `--by-record`.
    resolution: Option<Resolution>,
}

/// One re-screened row: its alert changes, and with `--record` its record (prepared for the
/// writer), the subject id it is filed under and what the store said about its alerts.
#[derive(Default)]
struct Rescreened {
    events: Vec<AlertEvent>,
    record: Option<PreparedRecord>,
    subject_id: Option<String>,
    /// Suppressed or returned alerts, by listed entity id.
    marks: Vec<(String, Mark)>,
}

pub fn run(data: &DataDir, a: RescreenArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let (from, to) = super::changes::snapshot_pair(data, Some(&a.since), None)?;
    let (old, new) = (data.load(&from)?, data.load(&to)?);
    if let Some(sources) = &a.subjects.filters.source {
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
                a.subjects
                    .filters
                    .source
                    .as_ref()
                    .is_none_or(|s| s.contains(&e.provenance.source))
            })
            .cloned()
            .collect()
    };
    let (old_entities, new_entities) = (pick(&old), pick(&new));
    // The new snapshot's resolved entities name the changes, unless `--by-record`.
    let resolved = match a.subjects.filters.by_record {
        true => None,
        false => Some(super::resolve::current(data, &to)?),
    };
    let changes = version_changes(&old_entities, &new_entities);
    let rescreener = Rescreener::new(&changes, &old_entities, &new_entities);
    // Sources are filtered on the changes above; the screen itself covers what changed.
    let opts = zeef_matching::ScreenOptions {
        sources: None,
        ..a.subjects.filters.options()?
    };
    let (recording, writer) = if a.record {
        let full = a.subjects.filters.options()?;
        check_sources(&new.manifest, full.sources.as_deref())?;
        let ctx = RecordContext::new(&new.manifest, full.sources.as_deref(), full.threshold);
        let (batch, writer) = BatchRecording::open(
            data,
            a.subjects.store.database.as_deref(),
            ctx,
            &a.subjects.input,
        )?;
        let index = Index::build(new.entities.iter().cloned());
        let resolution = resolved.clone().map(|r| Resolution::new(r, &index));
        let recording = Recording {
            index,
            opts: full,
            batch,
            resolution,
        };
        (Some(recording), Some(writer))
    } else {
        (None, None)
    };
    let chunk_rows = if a.record {
        super::batch::RECORD_CHUNK
    } else {
        CHUNK
    };
    let reader: Box<dyn Read + Send> = if a.subjects.input == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(
            File::open(&a.subjects.input)
                .with_context(|| format!("cannot open {}", a.subjects.input))?,
        )
    };
    let mut rows_in = match InputFormat::of(&a.subjects.input, a.subjects.input_format) {
        InputFormat::Csv => RowSource::csv(reader, &a.subjects.input)?,
        InputFormat::Jsonl => RowSource::jsonl(reader),
    }
    .read_ahead(chunk_rows);
    let out: Box<dyn Write> = match a.subjects.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    if a.format == OutputFormat::Csv {
        writeln!(
            out,
            "row,id,query_name,change,entity_id,caption,source,entity_change,score,previous_score,matched_name,explanation,resolved_id,referents"
        )?;
    }
    let (mut tally, mut events) = (RowTally::default(), 0usize);
    let mut held = HeldOutput::new(writer);
    loop {
        let chunk = rows_in.next_chunk()?;
        if chunk.is_empty() {
            break;
        }
        let screened: Vec<Rescreened> = chunk
            .par_iter()
            .map(|r| rescreen_row(r, &rescreener, &opts, resolved.as_ref(), recording.as_ref()))
            .collect::<Result<_>>()?;
        let mut text = Vec::new();
        let mut records = Vec::new();
        for (r, found) in chunk.iter().zip(screened) {
            tally.count(r);
            events += found.events.len();
            records.extend(found.record);
            if let Err(e) = &r.query {
                eprintln!(
                    "{}: line {}: row {} skipped: {e}",
                    a.subjects.input, r.line, r.row
                );
                if a.format == OutputFormat::Jsonl {
                    writeln!(
                        text,
                        "{}",
                        json!({"row": r.row, "id": r.id, "error": e, "line": r.line})
                    )?;
                }
                continue;
            }
            for ev in &found.events {
                let mark = found
                    .marks
                    .iter()
                    .find(|(id, _)| *id == ev.entity_id)
                    .map(|(_, m)| m);
                let entity = resolved.as_ref().and_then(|res| res.find(&ev.entity_id));
                write_event(
                    &mut text,
                    a.format,
                    r,
                    (ev, entity),
                    found.subject_id.as_deref(),
                    mark,
                )?;
            }
        }
        held.push(&mut out, text, records)?;
        out.flush()?;
    }
    held.finish(&mut out)?;
    out.flush()?;
    let counts = changes.iter().fold([0usize; 3], |mut n, c| {
        n[c.change as usize] += 1;
        n
    });
    let recorded = if a.record {
        format!(
            "; {} rows screened against all of {to} and recorded in the audit store",
            tally.screened()
        )
    } else {
        String::new()
    };
    eprintln!(
        "{} rows re-screened against the changes from {from} to {to} ({} added, {} removed, {} amended): {events} alert changes, {} rows skipped as malformed{recorded}; {:.2} s",
        tally.screened(),
        counts[0],
        counts[1],
        counts[2],
        tally.skipped,
        started.elapsed().as_secs_f64()
    );
    if let Some(lines) = rows_in.input_lines() {
        eprintln!("{}: {}", a.subjects.input, tally.lines_summary(lines));
    }
    Ok(if tally.skipped > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Re-screens one row against the changes; with `rec`, also screens it against the whole new
/// snapshot and prepares its record.
fn rescreen_row(
    r: &Row,
    rescreener: &Rescreener,
    opts: &ScreenOptions,
    resolved: Option<&Resolved>,
    rec: Option<&Recording>,
) -> Result<Rescreened> {
    let Ok((entity, _)) = &r.query else {
        return Ok(Rescreened::default());
    };
    let events = one_per_entity(rescreener.rescreen(entity, opts), resolved);
    let Some(rec) = rec else {
        return Ok(Rescreened {
            events,
            ..Rescreened::default()
        });
    };
    let (hits, entities) =
        crate::resolved::screen(&rec.index, rec.resolution.as_ref(), entity, &rec.opts);
    let (record, marks) = rec.batch.screen(
        r.id.as_deref(),
        r.row,
        query_fields(entity),
        &decode_hits(&rec.index, &hits),
        &entities,
    )?;
    let marks = record
        .candidates
        .iter()
        .zip(marks)
        .filter(|(_, m)| matches!(m, Mark::Suppressed { .. } | Mark::Returned { .. }))
        .map(|(c, m)| (c.entity_id.clone(), m))
        .collect();
    Ok(Rescreened {
        events,
        record: Some(AuditStore::prepare(&record)?),
        subject_id: Some(record.subject.id),
        marks,
    })
}

/// The alert changes of one subject, one per resolved entity and kind of change: where
/// several listings of one entity changed alike, the first (the best-scoring) stands for
/// them. Without `resolved`, every change.
fn one_per_entity(events: Vec<AlertEvent>, resolved: Option<&Resolved>) -> Vec<AlertEvent> {
    let Some(resolved) = resolved else {
        return events;
    };
    let mut seen = std::collections::HashSet::new();
    events
        .into_iter()
        .filter(|ev| {
            let entity = resolved
                .find(&ev.entity_id)
                .map_or(&ev.entity_id, |c| &c.id);
            seen.insert((entity.clone(), ev.change.as_str()))
        })
        .collect()
}

/// One alert change: a CSV row or a JSON line. With `--record`, the subject id it was recorded
/// under and whether a reviewer's false-positive decision covers it (or no longer does).
fn write_event(
    out: &mut impl Write,
    format: OutputFormat,
    r: &Row,
    (ev, entity): (&AlertEvent, Option<&StoredCluster>),
    subject_id: Option<&str>,
    mark: Option<&Mark>,
) -> Result<()> {
    let Ok((query, _)) = &r.query else {
        return Ok(());
    };
    if format == OutputFormat::Csv {
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
            {
                let why = ev.explanation.summary().replace('\n', " | ");
                match mark.and_then(Mark::note) {
                    Some(note) => format!("{note} {why}"),
                    None => why,
                }
            },
            entity.map(|c| c.id.clone()).unwrap_or_default(),
            entity.map(|c| c.referents.join(";")).unwrap_or_default(),
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
        "query": query_fields(query),
        "explanation": ev.explanation,
    });
    if let Some(c) = entity {
        v["resolved_id"] = json!(c.id);
        v["referents"] = json!(c.referents);
    }
    if let Some(id) = subject_id {
        v["subject_id"] = json!(id);
    }
    if let Some(m) = mark {
        m.annotate(&mut v);
    }
    if !r.passthrough.is_empty() {
        v["columns"] = Value::Object(r.passthrough.clone());
    }
    writeln!(out, "{v}")?;
    Ok(())
}
