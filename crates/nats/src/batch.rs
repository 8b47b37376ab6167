//! A distributed batch on JetStream. The coordinator puts the input file in the object store
//! and one message per chunk of rows on the work queue; workers pull chunks one at a time,
//! screen them and publish the chunk's output (in parts under the message size limit); the
//! coordinator writes the parts in input order. Delivery is at least once: a chunk whose
//! worker dies is delivered again after the ack wait, and every message carries an id
//! (`<job>.<chunk>[.<part>]`) that the stream and the coordinator use to drop duplicates.

use async_nats::HeaderMap;
use async_nats::jetstream::{consumer, stream};
use bytes::Bytes;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

use crate::Nats;
use crate::error::{NatsError, Result};

pub const WORK_STREAM: &str = "ZEEF_WORK";
/// Chunks go to `zeef.work.<job>`, so that a job given up can be taken off the queue.
pub const WORK_SUBJECTS: &str = "zeef.work.*";
pub const RESULTS_STREAM: &str = "ZEEF_RESULTS";
/// The workers' shared durable consumer: each chunk goes to one of them.
pub const WORKERS: &str = "zeef-workers";
/// The object store holding batch inputs, by job id.
pub const INPUT_BUCKET: &str = "zeef-batch";
/// Without a sign of life for this long, a chunk is delivered to another worker.
pub const ACK_WAIT: Duration = Duration::from_secs(10);
/// A chunk delivered this often is a poison message: it goes to the dead letters.
pub const MAX_DELIVERIES: u64 = 5;
/// Most bytes of output in one result message (NATS's default limit is 1 MiB).
pub const PART_BYTES: usize = 512 << 10;

/// Headers of a result part.
const H_JOB: &str = "Zeef-Job";
const H_CHUNK: &str = "Zeef-Chunk";
const H_PART: &str = "Zeef-Part";
const H_PARTS: &str = "Zeef-Parts";
const H_ALERTS: &str = "Zeef-Alerts";
const H_WORKER: &str = "Zeef-Worker";

/// One chunk of work: rows `first_row..first_row + rows` (1-based data rows) of job `job`'s
/// input, to screen against `snapshot` with `options`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Chunk {
    pub job: String,
    pub chunk: u64,
    pub chunks: u64,
    pub first_row: usize,
    pub rows: usize,
    pub snapshot: String,
    /// `csv` or `jsonl`.
    pub input_format: String,
    /// How rows are screened and written; read by the worker.
    pub options: serde_json::Value,
}

impl Chunk {
    pub fn message_id(&self) -> String {
        format!("{}.{}", self.job, self.chunk)
    }
}

/// One part of a chunk's output.
#[derive(Debug, Clone)]
pub struct ResultPart {
    pub job: String,
    pub chunk: u64,
    pub part: u32,
    pub parts: u32,
    /// Rows with alerts in the chunk (on every part, counted once).
    pub alerts: usize,
    pub worker: String,
    pub output: Bytes,
}

pub fn work_subject(job: &str) -> String {
    format!("zeef.work.{job}")
}

fn results_subject(job: &str) -> String {
    format!("zeef.results.{job}")
}

fn stream_err(name: &str) -> impl Fn(&dyn std::fmt::Display) -> NatsError + '_ {
    move |e| NatsError::Stream {
        name: name.to_string(),
        why: e.to_string(),
    }
}

impl Nats {
    pub async fn work_stream(&self) -> Result<stream::Stream> {
        self.stream(stream::Config {
            name: WORK_STREAM.to_string(),
            subjects: vec![WORK_SUBJECTS.to_string()],
            description: Some("zeef batch chunks waiting for a worker".into()),
            retention: stream::RetentionPolicy::WorkQueue,
            duplicate_window: Duration::from_secs(600),
            ..Default::default()
        })
        .await
    }

    pub async fn results_stream(&self) -> Result<stream::Stream> {
        self.stream(stream::Config {
            name: RESULTS_STREAM.to_string(),
            subjects: vec!["zeef.results.*".to_string()],
            description: Some("screened zeef batch chunks, by job".into()),
            // A coordinator that died can be run again within a day.
            max_age: Duration::from_secs(24 * 3600),
            duplicate_window: Duration::from_secs(600),
            ..Default::default()
        })
        .await
    }

    async fn input_store(&self) -> Result<async_nats::jetstream::object_store::ObjectStore> {
        self.object_store(async_nats::jetstream::object_store::Config {
            bucket: INPUT_BUCKET.to_string(),
            description: Some("zeef batch input files, by job".into()),
            max_age: Duration::from_secs(24 * 3600),
            ..Default::default()
        })
        .await
    }

    /// Puts job `job`'s input file in the object store.
    pub async fn put_input(&self, job: &str, path: &Path) -> Result<u64> {
        let store = self.input_store().await?;
        crate::objects::put_file(&store, INPUT_BUCKET, job, path).await
    }

    /// Downloads job `job`'s input file to `dest`.
    pub async fn get_input(&self, job: &str, dest: &Path) -> Result<()> {
        let store = self.input_store().await?;
        crate::objects::get_file(&store, INPUT_BUCKET, job, dest).await
    }

    /// Puts the chunks on the work queue and waits until the stream has them all.
    pub async fn submit(&self, chunks: &[Chunk]) -> Result<()> {
        self.work_stream().await?;
        let err = stream_err(WORK_STREAM);
        let mut acks = Vec::with_capacity(chunks.len());
        for c in chunks {
            let payload = serde_json::to_vec(c).map_err(|e| err(&e))?;
            let mut headers = HeaderMap::new();
            headers.insert(async_nats::header::NATS_MESSAGE_ID, c.message_id().as_str());
            acks.push(
                self.js
                    .publish_with_headers(work_subject(&c.job), headers, payload.into())
                    .await
                    .map_err(|e| err(&e))?,
            );
        }
        for ack in acks {
            ack.await.map_err(|e| err(&e))?;
        }
        Ok(())
    }

    /// The workers' queue: each message is one chunk, delivered to one worker at a time.
    pub async fn work_queue(&self) -> Result<consumer::pull::Stream> {
        let stream = self.work_stream().await?;
        let err = stream_err(WORK_STREAM);
        let consumer = stream
            .get_or_create_consumer(
                WORKERS,
                consumer::pull::Config {
                    durable_name: Some(WORKERS.to_string()),
                    description: Some("zeef workers".into()),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: ACK_WAIT,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| err(&e))?;
        // One chunk at a time per worker, so that chunks spread over the workers.
        consumer
            .stream()
            .max_messages_per_batch(1)
            .messages()
            .await
            .map_err(|e| err(&e))
    }

    /// Publishes a chunk's output, in parts of at most [`PART_BYTES`] cut at line ends, and
    /// waits until the stream has them.
    pub async fn publish_result(
        &self,
        chunk: &Chunk,
        alerts: usize,
        worker: &str,
        output: &[u8],
    ) -> Result<()> {
        let err = stream_err(RESULTS_STREAM);
        let parts = split_at_lines(output, PART_BYTES);
        let mut acks = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            let mut headers = HeaderMap::new();
            let id = format!("{}.{i}", chunk.message_id());
            headers.insert(async_nats::header::NATS_MESSAGE_ID, id.as_str());
            headers.insert(H_JOB, chunk.job.as_str());
            headers.insert(H_CHUNK, chunk.chunk.to_string().as_str());
            headers.insert(H_PART, i.to_string().as_str());
            headers.insert(H_PARTS, parts.len().to_string().as_str());
            headers.insert(H_ALERTS, alerts.to_string().as_str());
            headers.insert(H_WORKER, worker);
            acks.push(
                self.js
                    .publish_with_headers(
                        results_subject(&chunk.job),
                        headers,
                        Bytes::copy_from_slice(part),
                    )
                    .await
                    .map_err(|e| err(&e))?,
            );
        }
        for ack in acks {
            ack.await.map_err(|e| err(&e))?;
        }
        Ok(())
    }

    /// Job `job`'s result parts, from the first, as they come.
    pub async fn results(
        &self,
        job: &str,
    ) -> Result<impl futures_util::Stream<Item = Result<ResultPart>> + Unpin + use<>> {
        let stream = self.results_stream().await?;
        let err = stream_err(RESULTS_STREAM);
        let reader = stream
            .create_consumer(consumer::pull::OrderedConfig {
                filter_subject: results_subject(job),
                deliver_policy: consumer::DeliverPolicy::All,
                ..Default::default()
            })
            .await
            .map_err(|e| err(&e))?;
        let messages = reader.messages().await.map_err(|e| err(&e))?;
        Ok(messages.map(|m| {
            let m = m.map_err(|e| stream_err(RESULTS_STREAM)(&e))?;
            read_part(&m.message)
        }))
    }

    /// Takes a job given up off the queue (chunks not yet taken), then removes what it left.
    pub async fn cancel_job(&self, job: &str) -> Result<()> {
        let stream = self.work_stream().await?;
        stream
            .purge()
            .filter(work_subject(job))
            .await
            .map_err(|e| stream_err(WORK_STREAM)(&e))?;
        self.finish_job(job).await
    }

    /// Removes a finished job's results and input.
    pub async fn finish_job(&self, job: &str) -> Result<()> {
        let stream = self.results_stream().await?;
        stream
            .purge()
            .filter(results_subject(job))
            .await
            .map_err(|e| stream_err(RESULTS_STREAM)(&e))?;
        let store = self.input_store().await?;
        let _ = store.delete(job).await;
        Ok(())
    }
}

fn read_part(m: &async_nats::Message) -> Result<ResultPart> {
    let bad = |why: String| NatsError::Stream {
        name: RESULTS_STREAM.into(),
        why: format!("malformed result on {}: {why}", m.subject),
    };
    let headers = m.headers.as_ref().ok_or_else(|| bad("no headers".into()))?;
    let text = |name: &str| {
        headers
            .get(name)
            .map(|v| v.as_str().to_string())
            .ok_or_else(|| bad(format!("no {name} header")))
    };
    let number = |name: &str| -> Result<u64> {
        text(name)?
            .parse()
            .map_err(|_| bad(format!("{name} is not a number")))
    };
    Ok(ResultPart {
        job: text(H_JOB)?,
        chunk: number(H_CHUNK)?,
        part: number(H_PART)? as u32,
        parts: number(H_PARTS)? as u32,
        alerts: number(H_ALERTS)? as usize,
        worker: text(H_WORKER)?,
        output: m.payload.clone(),
    })
}

/// Cuts `bytes` into pieces of at most `max` bytes, each ending at a line end where there is
/// one; one (empty) piece for empty input.
pub fn split_at_lines(bytes: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while rest.len() > max {
        let cut = rest[..max]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(max, |i| i + 1);
        let (head, tail) = rest.split_at(cut);
        out.push(head);
        rest = tail;
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::split_at_lines;

    #[test]
    fn parts_join_to_the_whole_and_end_at_lines() {
        let text = b"one\ntwo\nthree\nfour\n";
        let parts = split_at_lines(text, 9);
        assert_eq!(parts.concat(), text.to_vec());
        assert_eq!(parts, vec![&b"one\ntwo\n"[..], b"three\n", b"four\n"]);
        // A line longer than the limit is cut within it.
        let long = split_at_lines(b"abcdefghij", 4);
        assert_eq!(long, vec![&b"abcd"[..], b"efgh", b"ij"]);
        assert_eq!(split_at_lines(b"", 4), vec![&b""[..]]);
    }
}
