//! `zeef batch`: screen a file of subjects (CSV or FtM JSON lines) on all cores, writing one
//! JSON line per input row in input order (or one CSV row per alert).

use crate::cli::BatchArgs;
use crate::cli::{InputFormat, OutputFormat};
use crate::data::{check_sources, load_index};
use crate::recording::{BatchRecording, HeldOutput, Mark, RecordContext};
use crate::resolved;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_audit::AuditStore;
use zeef_lists::DataDir;
use zeef_matching::{Index, ScreenOptions};
use zeef_resolve::Resolution;
use zeef_screening::record::query_fields;
use zeef_screening::{decode_hits, screen_results};
use zeef_subjects::{Row, RowSource, RowTally};

/// Rows screened together; output is written and flushed after each chunk.
const CHUNK: usize = 4096;
/// Rows per chunk when recording: small, so output (acknowledged rows) follows closely.
pub(crate) const RECORD_CHUNK: usize = 512;

/// One screened row: its output, whether it raised an alert, and its record (`--record`),
/// prepared for the writer.
pub(crate) struct Screened {
    pub(crate) line: String,
    pub(crate) alert: bool,
    pub(crate) record: Option<zeef_audit::PreparedRecord>,
}

pub fn run(data: &DataDir, a: BatchArgs) -> Result<ExitCode> {
    if a.nats.is_some() {
        return crate::cmd::distributed::run(a);
    }
    let input_format = InputFormat::of(&a.subjects.input, a.subjects.input_format);
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if a.subjects.input == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let f = File::open(&a.subjects.input)
            .with_context(|| format!("cannot open {}", a.subjects.input))?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let (snapshot, index) = load_index(data, None)?;
    let opts = a.subjects.filters.options()?;
    check_sources(&snapshot.manifest, opts.sources.as_deref())?;
    let resolution = resolved::for_screening(
        data,
        &snapshot.manifest.id,
        &index,
        a.subjects.filters.by_record,
    )?;
    let (recording, writer) = if a.record {
        let ctx = RecordContext::new(&snapshot.manifest, opts.sources.as_deref(), opts.threshold);
        let (r, w) = BatchRecording::open(
            data,
            a.subjects.store.database.as_deref(),
            ctx,
            &a.subjects.input,
        )?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    let chunk_rows = if a.record { RECORD_CHUNK } else { CHUNK };
    let out: Box<dyn Write> = match a.subjects.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let bar = match size {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:40} {percent}% {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };
    let counting = CountingReader {
        inner: reader,
        bar: bar.clone(),
    };
    let mut rows_in = match input_format {
        InputFormat::Csv => RowSource::csv(counting, &a.subjects.input)?,
        InputFormat::Jsonl => RowSource::jsonl(counting),
    }
    .read_ahead(chunk_rows);
    if a.format == OutputFormat::Csv {
        writeln!(out, "{}", zeef_screening::BATCH_CSV_HEADER)?;
    }
    let started = Instant::now();
    let (mut tally, mut alerts) = (RowTally::default(), 0usize);
    // With --record: chunks' output, held back until their records are committed (while the
    // next chunks are screened), so every row output is in the audit store.
    let mut held = HeldOutput::new(writer);
    loop {
        let chunk = rows_in.next_chunk()?;
        if chunk.is_empty() {
            break;
        }
        let screened: Vec<Screened> = chunk
            .par_iter()
            .map(|r| {
                render(
                    r,
                    &index,
                    resolution.as_ref(),
                    &opts,
                    a.format,
                    recording.as_ref(),
                )
            })
            .collect::<Result<_>>()?;
        let mut text = Vec::new();
        let mut records = Vec::new();
        for (r, s) in chunk.iter().zip(screened) {
            tally.count(r);
            match &r.query {
                Err(e) => {
                    eprintln!(
                        "{}: line {}: row {} skipped: {e}",
                        a.subjects.input, r.line, r.row
                    );
                }
                Ok(_) if s.alert => alerts += 1,
                Ok(_) => {}
            }
            text.extend_from_slice(s.line.as_bytes());
            records.extend(s.record);
        }
        held.push(&mut out, text, records)?;
        out.flush()?;
        bar.set_message(format!("{} rows, {alerts} with alerts", tally.rows));
    }
    held.finish(&mut out)?;
    out.flush()?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let screened = tally.screened();
    eprintln!(
        "{screened} rows screened against {} entities (snapshot {}): {alerts} with alerts ({:.2} %), {} skipped as malformed; {:.1} s, {:.0} rows/s",
        index.len(),
        snapshot.manifest.id,
        if screened > 0 {
            alerts as f64 * 100.0 / screened as f64
        } else {
            0.0
        },
        tally.skipped,
        secs,
        tally.rows as f64 / secs.max(1e-9)
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

/// Screens one row and renders its output: one JSON line, or CSV rows (one per alert). With
/// `rec`, also builds its record and marks alerts a reviewer cleared.
pub(crate) fn render(
    r: &Row,
    index: &Index,
    resolution: Option<&Resolution>,
    opts: &ScreenOptions,
    format: OutputFormat,
    rec: Option<&BatchRecording>,
) -> Result<Screened> {
    let (entity, warnings) = match &r.query {
        Ok(q) => q,
        Err(e) => {
            let line = if format == OutputFormat::Csv {
                String::new()
            } else {
                let v = json!({"row": r.row, "id": r.id, "error": e, "line": r.line});
                format!("{v}\n")
            };
            return Ok(Screened {
                line,
                alert: false,
                record: None,
            });
        }
    };
    let (hits, entities) = resolved::screen(index, resolution, entity, opts);
    let found = decode_hits(index, &hits);
    let mut results = screen_results(&found);
    zeef_screening::result::name_by_entities(&mut results, &entities);
    let (record, marks) = match rec {
        Some(rec) => {
            let (record, marks) = rec.screen(
                r.id.as_deref(),
                r.row,
                query_fields(entity),
                &found,
                &entities,
            )?;
            (Some(record), marks)
        }
        None => (None, hits.iter().map(Mark::of_hit).collect()),
    };
    let alert = marks.iter().any(Mark::is_alert);
    let line = render_line(
        r,
        entity,
        warnings,
        &results,
        &marks,
        record.as_ref(),
        format,
    );
    // The record's JSON and hashes are made here, on the screening threads.
    let record = record.as_ref().map(AuditStore::prepare).transpose()?;
    Ok(Screened {
        line,
        alert,
        record,
    })
}

/// The output of one screened row.
fn render_line(
    r: &Row,
    entity: &zeef_model::Entity,
    warnings: &[String],
    results: &[zeef_screening::ScreenResult],
    marks: &[Mark],
    record: Option<&zeef_audit::ScreeningRecord>,
    format: OutputFormat,
) -> String {
    if format == OutputFormat::Csv {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for (res, mark) in results.iter().zip(marks).filter(|(x, _)| x.is_match) {
            let why = res.explanation.summary().replace('\n', " | ");
            let why = match mark.note() {
                Some(note) => format!("{note} {why}"),
                None => why,
            };
            let _ = w.write_record([
                r.row.to_string(),
                r.id.clone().unwrap_or_default(),
                entity.caption().to_string(),
                format!("{:.3}", res.score),
                res.id.to_string(),
                res.caption.to_string(),
                res.schema.to_string(),
                res.datasets.join(";"),
                res.explanation.matched_name.clone(),
                res.explanation.matched_property.clone(),
                why,
            ]);
        }
        return String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    }
    let built;
    // The record already holds the query as JSON: borrowed, not built a second time.
    let query = match record {
        Some(rec) => &rec.subject.fields,
        None => {
            built = query_fields(entity);
            &built
        }
    };
    let mut listed = serde_json::to_value(results).unwrap_or_default();
    if record.is_some()
        && let Some(items) = listed.as_array_mut()
    {
        items
            .iter_mut()
            .zip(marks)
            .for_each(|(item, m)| m.annotate(item));
    }
    let line = JsonLine {
        row: r.row,
        id: &r.id,
        query,
        results: listed,
        subject_id: record.map(|rec| rec.subject.id.as_str()),
        alerts: record.map(|_| marks.iter().filter(|m| m.is_alert()).count()),
        warnings,
        columns: &r.passthrough,
    };
    // Plain data with string keys: serialization cannot fail.
    let mut text = serde_json::to_string(&line).unwrap_or_default();
    text.push('\n');
    text
}

/// One output line of `--format jsonl`, keys in this order.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    row: usize,
    id: &'a Option<String>,
    query: &'a Value,
    results: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alerts: Option<usize>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    columns: &'a serde_json::Map<String, Value>,
}

/// Counts bytes read, for the progress bar.
struct CountingReader<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}
