//! `zeef batch --nats`: the coordinator of a distributed batch. It reads the input once to
//! count its rows (reporting malformed ones as a local batch does), puts it in the object
//! store, queues one chunk of rows per message, and writes the workers' output in input
//! order as it arrives, each chunk once however often it was delivered. The output is the
//! one a local `zeef batch` writes for the same snapshot.

use crate::cli::{BatchArgs, Filters, InputFormat, OutputFormat};
use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use zeef_nats::Nats;
use zeef_nats::batch::{Chunk, ResultPart};
use zeef_subjects::{RowSource, RowTally};

/// How a job's rows are screened and written: what the worker needs of `zeef batch`'s flags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobOptions {
    pub filters: Filters,
    pub format: OutputFormat,
    /// Record every row in the workers' audit store (`zeef worker --database`), as
    /// `zeef batch --record` does; subject ids `<input>:row-N` name the input as given here.
    #[serde(default)]
    pub record: bool,
    #[serde(default)]
    pub input: String,
}

pub fn run(a: BatchArgs) -> Result<ExitCode> {
    let url = a.nats.clone().context("no --nats")?;
    if a.chunk_rows == 0 {
        bail!("--chunk-rows must be at least 1");
    }
    a.subjects.filters.options()?;
    let input_format = InputFormat::of(&a.subjects.input, a.subjects.input_format);
    // Standard input is copied to a file: it is read twice (counted here, screened there).
    let (input, _stdin_copy) = if a.subjects.input == "-" {
        let mut tmp = tempfile::NamedTempFile::new().context("a temporary file for stdin")?;
        io::copy(&mut io::stdin(), &mut tmp).context("reading stdin")?;
        (tmp.path().to_path_buf(), Some(tmp))
    } else {
        (PathBuf::from(&a.subjects.input), None)
    };
    let Counted {
        chunks: chunks_rows,
        tally,
        lines,
    } = count_rows(&input, &a.subjects.input, input_format, a.chunk_rows)?;

    let (runtime, nats) = zeef_nats::connect_blocking(&url)?;
    let started = Instant::now();
    let out: Box<dyn Write> = match a.subjects.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    if a.format == OutputFormat::Csv {
        writeln!(out, "{}", zeef_screening::BATCH_CSV_HEADER)?;
    }
    let options = serde_json::to_value(JobOptions {
        filters: a.subjects.filters.clone(),
        format: a.format,
        record: a.record,
        input: a.subjects.input.clone(),
    })?;
    let job = Job {
        nats: &nats,
        input: &input,
        input_format,
        chunks_rows: &chunks_rows,
        options,
        stall: Duration::from_secs(a.stall_timeout.max(1)),
        rows: tally.rows,
    };
    let done = runtime.block_on(job.run(&mut out))?;
    out.flush()?;
    let secs = started.elapsed().as_secs_f64();
    let screened = tally.screened();
    eprintln!(
        "{screened} rows screened by {} worker(s) (snapshot {}): {} with alerts ({:.2} %), {} skipped as malformed; {:.1} s, {:.0} rows/s",
        done.workers.len(),
        done.snapshot,
        done.alerts,
        if screened > 0 {
            done.alerts as f64 * 100.0 / screened as f64
        } else {
            0.0
        },
        tally.skipped,
        secs,
        tally.rows as f64 / secs.max(1e-9)
    );
    eprintln!("{}: {}", a.subjects.input, tally.lines_summary(lines));
    Ok(if tally.skipped > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// What reading the input once found.
struct Counted {
    /// Each chunk's first row and row count.
    chunks: Vec<(usize, usize)>,
    tally: RowTally,
    lines: zeef_subjects::InputLines,
}

/// Reads the input once, cutting it into chunks of `chunk_rows` rows.
fn count_rows(
    path: &std::path::Path,
    name: &str,
    format: InputFormat,
    chunk_rows: usize,
) -> Result<Counted> {
    let file = File::open(path).with_context(|| format!("cannot open {name}"))?;
    let mut rows = match format {
        InputFormat::Csv => RowSource::csv(file, name)?,
        InputFormat::Jsonl => RowSource::jsonl(file),
    };
    let mut tally = RowTally::default();
    let mut chunks = Vec::new();
    loop {
        let chunk = rows.next_chunk(chunk_rows)?;
        let Some(first) = chunk.first() else { break };
        chunks.push((first.row, chunk.len()));
        for r in &chunk {
            tally.count(r);
            if let Err(e) = &r.query {
                eprintln!("{name}: line {}: row {} skipped: {e}", r.line, r.row);
            }
        }
    }
    Ok(Counted {
        chunks,
        tally,
        lines: rows.input_lines(),
    })
}

struct Job<'a> {
    nats: &'a Nats,
    input: &'a std::path::Path,
    input_format: InputFormat,
    chunks_rows: &'a [(usize, usize)],
    options: serde_json::Value,
    stall: Duration,
    rows: usize,
}

/// What a finished job reports.
struct Done {
    snapshot: String,
    alerts: usize,
    workers: BTreeSet<String>,
}

impl Job<'_> {
    async fn run(self, out: &mut impl Write) -> Result<Done> {
        let snapshot = self.nats.require_snapshot().await?;
        let job = job_id();
        match self.run_job(&job, snapshot, out).await {
            Ok(done) => Ok(done),
            Err(e) => {
                // Given up: the chunks not yet taken leave the queue with it.
                if let Err(c) = self.nats.cancel_job(&job).await {
                    eprintln!("job {job}: could not be taken off the queue: {c}");
                }
                Err(e)
            }
        }
    }

    async fn run_job(&self, job: &str, snapshot: String, out: &mut impl Write) -> Result<Done> {
        let nats = self.nats;
        let job = job.to_string();
        nats.put_input(&job, self.input).await?;
        // Listening before anything is queued: no result or dead letter can be missed.
        let mut results = nats.results(&job).await?;
        let mut dead = nats
            .client
            .subscribe("zeef.dead.work")
            .await
            .map_err(|e| anyhow::anyhow!("subscribing to dead letters: {e}"))?;
        let chunks: Vec<Chunk> = self
            .chunks_rows
            .iter()
            .enumerate()
            .map(|(i, &(first_row, rows))| Chunk {
                job: job.clone(),
                chunk: i as u64,
                chunks: self.chunks_rows.len() as u64,
                first_row,
                rows,
                snapshot: snapshot.clone(),
                input_format: match self.input_format {
                    InputFormat::Csv => "csv".into(),
                    InputFormat::Jsonl => "jsonl".into(),
                },
                options: self.options.clone(),
            })
            .collect();
        nats.submit(&chunks).await?;
        eprintln!(
            "job {job}: {} rows in {} chunks queued at {} against snapshot {snapshot}",
            self.rows,
            chunks.len(),
            nats.url()
        );
        let bar = ProgressBar::new(self.rows as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} rows {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let mut assembly = Assembly::new(chunks.len());
        let mut alerts = 0;
        let mut workers = BTreeSet::new();
        while assembly.next < chunks.len() {
            let part = tokio::select! {
                p = tokio::time::timeout(self.stall, results.next()) => match p {
                    Ok(Some(p)) => p?,
                    Ok(None) => bail!("the results of job {job} ended early"),
                    Err(_) => bail!(
                        "job {job}: no chunk came back for {} s ({} of {} written): is a `zeef worker --nats {}` running? The job can be run again.",
                        self.stall.as_secs(), assembly.next, chunks.len(), nats.url()
                    ),
                },
                Some(m) = dead.next() => {
                    let header = |n: &str| m.headers.as_ref().and_then(|h| h.get(n)).map(|v| v.as_str().to_string());
                    if header(zeef_nats::dead::JOB).as_deref() == Some(job.as_str()) {
                        bail!(
                            "job {job}: a chunk could not be processed: {} (see `zeef dead-letters --nats {}`)",
                            header(zeef_nats::dead::REASON).unwrap_or_default(),
                            nats.url()
                        );
                    }
                    continue;
                }
            };
            if part.job != job || part.chunk as usize >= chunks.len() {
                continue;
            }
            workers.insert(part.worker.clone());
            if let Some(a) = assembly.add(part) {
                alerts += a;
                bar.set_message(format!("{alerts} with alerts"));
            }
            for written in assembly.write_ready(out)? {
                bar.inc(chunks[written].rows as u64);
            }
        }
        bar.finish_and_clear();
        nats.finish_job(&job).await?;
        Ok(Done {
            snapshot,
            alerts,
            workers,
        })
    }
}

/// Result parts gathered by chunk, written out in chunk order; duplicates dropped.
struct Assembly {
    /// Chunks not yet written, by number: their parts so far and their alert count.
    pending: BTreeMap<usize, (Vec<Option<bytes::Bytes>>, usize)>,
    /// The next chunk to write.
    next: usize,
    chunks: usize,
}

impl Assembly {
    fn new(chunks: usize) -> Self {
        Assembly {
            pending: BTreeMap::new(),
            next: 0,
            chunks,
        }
    }

    /// Takes a part; returns the chunk's alert count when this completes the chunk.
    fn add(&mut self, part: ResultPart) -> Option<usize> {
        let chunk = part.chunk as usize;
        if chunk < self.next || chunk >= self.chunks || part.parts == 0 || part.part >= part.parts {
            return None;
        }
        let (parts, alerts) = self
            .pending
            .entry(chunk)
            .or_insert_with(|| (vec![None; part.parts as usize], part.alerts));
        if parts.len() != part.parts as usize {
            return None;
        }
        let was_complete = parts.iter().all(Option::is_some);
        parts[part.part as usize] = Some(part.output);
        let complete = parts.iter().all(Option::is_some);
        (complete && !was_complete).then_some(*alerts)
    }

    /// Writes every complete chunk that is next in order; returns their numbers.
    fn write_ready(&mut self, out: &mut impl Write) -> Result<Vec<usize>> {
        let mut written = Vec::new();
        while let Some((parts, _)) = self.pending.get(&self.next) {
            if !parts.iter().all(Option::is_some) {
                break;
            }
            let (parts, _) = self.pending.remove(&self.next).unwrap_or_default();
            for p in parts.into_iter().flatten() {
                out.write_all(&p)?;
            }
            written.push(self.next);
            self.next += 1;
        }
        Ok(written)
    }
}

/// A job id: unique per run, usable as a subject token and an object name.
fn job_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos:x}{:x}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(chunk: u64, part: u32, parts: u32, text: &str) -> ResultPart {
        ResultPart {
            job: "j".into(),
            chunk,
            part,
            parts,
            alerts: 1,
            worker: "w".into(),
            output: bytes::Bytes::copy_from_slice(text.as_bytes()),
        }
    }

    #[test]
    fn chunks_are_written_in_order_and_once() {
        let mut a = Assembly::new(3);
        let mut out = Vec::new();
        assert_eq!(a.add(part(1, 0, 1, "b\n")), Some(1));
        assert!(a.write_ready(&mut out).unwrap().is_empty());
        assert_eq!(a.add(part(0, 1, 2, "a2\n")), None);
        assert_eq!(a.add(part(0, 0, 2, "a1\n")), Some(1));
        // A duplicate of a part already taken completes nothing again.
        assert_eq!(a.add(part(0, 0, 2, "a1\n")), None);
        assert_eq!(a.write_ready(&mut out).unwrap(), vec![0, 1]);
        // A redelivered chunk already written is dropped.
        assert_eq!(a.add(part(1, 0, 1, "b\n")), None);
        assert_eq!(a.add(part(2, 0, 1, "c\n")), Some(1));
        assert_eq!(a.write_ready(&mut out).unwrap(), vec![2]);
        assert_eq!(String::from_utf8(out).unwrap(), "a1\na2\nb\nc\n");
    }
}
