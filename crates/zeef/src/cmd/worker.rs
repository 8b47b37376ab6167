//! `zeef worker`: takes chunks of distributed batches (`zeef batch --nats`) from the JetStream
//! work queue one at a time, screens them exactly as a local `zeef batch` would (same code,
//! same snapshot, same rows) and publishes their output. The snapshot and the input file come
//! from NATS and are kept in the worker's data directory between chunks. A chunk that cannot
//! be read, or that was delivered too often, goes to the dead letters with its reason.

use crate::cli::{InputFormat, WorkerArgs};
use crate::cmd::batch::render;
use crate::cmd::distributed::JobOptions;
use crate::recording::{BatchRecording, BatchWriter, RecordContext};
use anyhow::{Context, Result};
use futures_util::StreamExt;
use rayon::prelude::*;
use std::fs::File;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_matching::Index;
use zeef_nats::Nats;
use zeef_nats::async_nats::jetstream::AckKind;
use zeef_nats::batch::{Chunk, MAX_DELIVERIES, WORK_SUBJECTS};
use zeef_nats::dead::Letter;
use zeef_resolve::Resolution;
use zeef_subjects::{Row, RowSource};

pub fn run(data: &DataDir, a: WorkerArgs) -> Result<ExitCode> {
    let (runtime, nats) = zeef_nats::connect_blocking(&a.nats)?;
    let name = a.name.unwrap_or_else(default_name);
    runtime.block_on(work(nats, data.clone(), a.store.database, name))?;
    Ok(ExitCode::SUCCESS)
}

fn default_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "worker".into());
    format!("{host}-{}", std::process::id())
}

/// The snapshot loaded for screening, and the job input being read.
struct State {
    data: DataDir,
    /// The audit store of jobs that record (`--database`).
    database: Option<String>,
    screener: Option<Screener>,
    input: Option<JobInput>,
    /// The recording of the job being screened, where it records.
    recording: Option<JobRecording>,
}

struct JobRecording {
    job: String,
    batch: BatchRecording,
    writer: BatchWriter,
}

struct Screener {
    manifest: zeef_lists::store::Manifest,
    snapshot: String,
    by_record: bool,
    index: Index,
    resolution: Option<Resolution>,
}

/// A job's input file and a reader positioned in it.
struct JobInput {
    job: String,
    path: PathBuf,
    format: InputFormat,
    rows: RowSource<File>,
    /// The data row the reader gives next (1-based).
    next_row: usize,
}

async fn work(nats: Nats, data: DataDir, database: Option<String>, name: String) -> Result<()> {
    let mut queue = nats.work_queue().await?;
    eprintln!(
        "zeef worker {name}: taking chunks from {} ({})",
        nats.url(),
        WORK_SUBJECTS
    );
    let mut state = Some(State {
        data,
        database,
        screener: None,
        input: None,
        recording: None,
    });
    let mut done = 0usize;
    // Made once: a signal that comes while a chunk is screened is seen after it.
    let stop = shutdown();
    tokio::pin!(stop);
    loop {
        let next = tokio::select! {
            m = queue.next() => m,
            _ = &mut stop => {
                eprintln!("zeef worker {name}: stopping after {done} chunks");
                return Ok(());
            }
        };
        let Some(message) = next else {
            anyhow::bail!("the work queue at {} closed", nats.url());
        };
        let message = match message {
            Ok(m) => m,
            Err(e) => {
                // A lost connection or a missed heartbeat: the client reconnects by itself.
                eprintln!("zeef worker {name}: {e}; still waiting");
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        let deliveries = message.info().map(|i| i.delivered as u64).unwrap_or(1);
        let chunk: Chunk = match serde_json::from_slice(&message.payload) {
            Ok(c) => c,
            Err(e) => {
                let reason =
                    format!("malformed chunk: expected the JSON `zeef batch --nats` sends: {e}");
                poison(&nats, &message, &reason, None, deliveries).await?;
                continue;
            }
        };
        if deliveries > MAX_DELIVERIES {
            let reason = format!(
                "chunk {} of job {} was delivered {deliveries} times without being finished",
                chunk.chunk, chunk.job
            );
            poison(&nats, &message, &reason, Some(&chunk.job), deliveries).await?;
            continue;
        }
        eprintln!(
            "zeef worker {name}: chunk {} of job {}: rows {}..{} (delivery {deliveries})",
            chunk.chunk,
            chunk.job,
            chunk.first_row,
            chunk.first_row + chunk.rows - 1
        );
        let taken = state.take().context("worker state lost")?;
        // Screening runs on the blocking pool; meanwhile the chunk is kept ours by telling
        // the server every 2 s that work is in progress.
        let job = tokio::spawn(process(nats.clone(), taken, chunk.clone()));
        tokio::pin!(job);
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        tick.tick().await;
        let outcome = loop {
            tokio::select! {
                r = &mut job => break r.context("the screening task failed")?,
                _ = tick.tick() => { let _ = message.ack_with(AckKind::Progress).await; }
            }
        };
        let (back, result) = outcome;
        state = Some(back);
        match result {
            Ok((output, alerts)) => {
                nats.publish_result(&chunk, alerts, &name, &output).await?;
                message
                    .double_ack()
                    .await
                    .map_err(|e| anyhow::anyhow!("acknowledging chunk {}: {e}", chunk.chunk))?;
                done += 1;
                if deliveries > 1 {
                    eprintln!(
                        "zeef worker {name}: chunk {} of job {} screened; it was delivered {deliveries} times (a worker before did not finish it)",
                        chunk.chunk, chunk.job
                    );
                }
            }
            Err(Failure::Chunk(reason)) => {
                poison(&nats, &message, &reason, Some(&chunk.job), deliveries).await?;
            }
            Err(Failure::Passing(e)) => {
                eprintln!(
                    "zeef worker {name}: chunk {} of job {}: {e:#}; it will be delivered again",
                    chunk.chunk, chunk.job
                );
                let _ = message
                    .ack_with(AckKind::Nak(Some(Duration::from_secs(1))))
                    .await;
            }
        }
    }
}

/// Why a chunk was not screened.
enum Failure {
    /// The chunk itself is wrong: to the dead letters.
    Chunk(String),
    /// Something that may pass (NATS, the disk): delivered again.
    Passing(anyhow::Error),
}

async fn poison(
    nats: &Nats,
    message: &zeef_nats::async_nats::jetstream::Message,
    reason: &str,
    job: Option<&str>,
    deliveries: u64,
) -> Result<()> {
    eprintln!("zeef worker: to the dead letters: {reason}");
    nats.dead_letter(
        Letter {
            origin: "work",
            origin_subject: message.subject.as_str(),
            reason,
            job,
            deliveries: Some(deliveries),
        },
        message.payload.clone(),
    )
    .await?;
    // Taken off the queue only once the dead letter is stored.
    message
        .ack_with(AckKind::Term)
        .await
        .map_err(|e| anyhow::anyhow!("removing a poison message: {e}"))?;
    Ok(())
}

/// Fetches what the chunk needs (snapshot, input) and screens it: its output and how many
/// rows raised alerts.
async fn process(
    nats: Nats,
    mut state: State,
    chunk: Chunk,
) -> (State, Result<(Vec<u8>, usize), Failure>) {
    let options: JobOptions = match serde_json::from_value(chunk.options.clone()) {
        Ok(o) => o,
        Err(e) => return (state, Err(Failure::Chunk(format!("bad options: {e}")))),
    };
    let format = match chunk.input_format.as_str() {
        "csv" => InputFormat::Csv,
        "jsonl" => InputFormat::Jsonl,
        other => {
            let why = format!("input_format {other:?}: expected csv or jsonl");
            return (state, Err(Failure::Chunk(why)));
        }
    };
    if state.screener.as_ref().map(|s| s.snapshot.as_str()) != Some(chunk.snapshot.as_str()) {
        state.screener = None;
        if let Err(e) = nats.download_snapshot(&chunk.snapshot, &state.data).await {
            return (state, Err(Failure::Passing(e.into())));
        }
    }
    if state.input.as_ref().map(|i| i.job.as_str()) != Some(chunk.job.as_str()) {
        if let Some(old) = state.input.take() {
            let _ = std::fs::remove_file(&old.path);
        }
        let path = std::env::temp_dir().join(format!(
            "zeef-worker-{}-{}.input",
            std::process::id(),
            chunk.job
        ));
        if let Err(e) = nats.get_input(&chunk.job, &path).await {
            return (state, Err(Failure::Passing(e.into())));
        }
        match open_input(&chunk.job, path, format) {
            Ok(i) => state.input = Some(i),
            Err(e) => return (state, Err(Failure::Chunk(format!("{e:#}")))),
        }
    }
    let joined = tokio::task::spawn_blocking(move || {
        let result = screen_chunk(&mut state, &chunk, &options);
        (state, result)
    })
    .await;
    match joined {
        Ok(r) => r,
        // Only a panic gets here, and the state went with it.
        Err(e) => panic!("screening a chunk panicked: {e}"),
    }
}

fn open_input(job: &str, path: PathBuf, format: InputFormat) -> Result<JobInput> {
    let file = File::open(&path).with_context(|| format!("{}", path.display()))?;
    let rows = match format {
        InputFormat::Csv => RowSource::csv(file, job)?,
        InputFormat::Jsonl => RowSource::jsonl(file),
    };
    Ok(JobInput {
        job: job.to_string(),
        path,
        format,
        rows,
        next_row: 1,
    })
}

fn screen_chunk(
    state: &mut State,
    chunk: &Chunk,
    options: &JobOptions,
) -> Result<(Vec<u8>, usize), Failure> {
    let by_record = options.filters.by_record;
    if state
        .screener
        .as_ref()
        .is_none_or(|s| s.snapshot != chunk.snapshot || s.by_record != by_record)
    {
        let (snapshot, index) = crate::data::load_index(&state.data, Some(&chunk.snapshot))
            .map_err(Failure::Passing)?;
        let resolution =
            crate::resolved::for_screening(&state.data, &snapshot.manifest.id, &index, by_record)
                .map_err(Failure::Passing)?;
        state.screener = Some(Screener {
            manifest: snapshot.manifest,
            snapshot: chunk.snapshot.clone(),
            by_record,
            index,
            resolution,
        });
    }
    let rows = rows_of(state, chunk).map_err(|e| Failure::Chunk(format!("{e:#}")))?;
    let screener = state
        .screener
        .as_ref()
        .ok_or_else(|| Failure::Passing(anyhow::anyhow!("the snapshot was not loaded")))?;
    let opts = options
        .filters
        .options()
        .map_err(|e| Failure::Chunk(format!("bad options: {e:#}")))?;
    if !options.record {
        state.recording = None;
    } else if state.recording.as_ref().is_none_or(|r| r.job != chunk.job) {
        let Some(database) = state.database.as_deref() else {
            return Err(Failure::Chunk(format!(
                "job {} records its screenings, but this worker has no audit store: start it with --database (the store every worker of the job uses)",
                chunk.job
            )));
        };
        let ctx = RecordContext::new(&screener.manifest, opts.sources.as_deref(), opts.threshold);
        let (batch, writer) =
            BatchRecording::open(&state.data, Some(database), ctx, &options.input)
                .map_err(Failure::Passing)?;
        state.recording = Some(JobRecording {
            job: chunk.job.clone(),
            batch,
            writer,
        });
    }
    let recording = state.recording.as_ref();
    let screened = rows
        .par_iter()
        .map(|r| {
            render(
                r,
                &screener.index,
                screener.resolution.as_ref(),
                &opts,
                options.format,
                recording.map(|r| &r.batch),
            )
        })
        .collect::<Result<Vec<_>>>()
        .map_err(Failure::Passing)?;
    let mut output = Vec::new();
    let mut records = Vec::new();
    let mut alerts = 0;
    for (r, s) in rows.iter().zip(screened) {
        if r.query.is_ok() && s.alert {
            alerts += 1;
        }
        output.extend_from_slice(s.line.as_bytes());
        records.extend(s.record);
    }
    // The chunk's output leaves only once its records are committed.
    if let Some(r) = recording {
        r.writer
            .submit(records)
            .and_then(|c| c.wait())
            .map_err(Failure::Passing)?;
    }
    Ok((output, alerts))
}

/// The chunk's rows, read from the job's input (from its start again if the reader is past
/// them: a chunk delivered again after another worker died).
fn rows_of(state: &mut State, chunk: &Chunk) -> Result<Vec<Row>> {
    let input = state.input.take().context("no input")?;
    let mut input = if input.next_row > chunk.first_row {
        open_input(&input.job, input.path, input.format)?
    } else {
        input
    };
    let result = (|| {
        while input.next_row < chunk.first_row {
            let skip = (chunk.first_row - input.next_row).min(4096);
            let got = input.rows.next_chunk(skip)?;
            if got.is_empty() {
                anyhow::bail!("the input ends before row {}", chunk.first_row);
            }
            input.next_row += got.len();
        }
        let rows = input.rows.next_chunk(chunk.rows)?;
        input.next_row += rows.len();
        if rows.len() != chunk.rows {
            anyhow::bail!(
                "rows {}..{}: the input has only {} of them",
                chunk.first_row,
                chunk.first_row + chunk.rows,
                rows.len()
            );
        }
        Ok(rows)
    })();
    state.input = Some(input);
    result
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
