//! Glue between screening and the audit store (`zeef-audit`): opening the store, marking
//! alerts a reviewer already cleared, and a writer thread that commits batch records while
//! the next rows are screened. Building a `ScreeningRecord` and finding the store are
//! shared with the server (`zeef_screening`), so `zeef screen --record` and `zeef serve
//! --record` file screenings alike.

use anyhow::{Result, anyhow, bail};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;
use time::OffsetDateTime;
use zeef_audit::{AuditStore, PreparedRecord, ScreeningRecord, SuppressionQuery, SuppressionState};
use zeef_lists::DataDir;
use zeef_matching::ScoredMatch;
use zeef_model::Entity;
use zeef_resolve::EntityHit;
pub use zeef_screening::RecordContext;
pub use zeef_screening::audit_store::{open_existing, open_for_writing};
use zeef_screening::record::name_entities;

/// The subject id of a batch row without an `id` column: `<input file name>:row-N`.
pub fn row_subject_id(input: &str, row: usize) -> String {
    format!("{}:row-{row}", row_label(input))
}

/// What `row_subject_id` puts before `:row-N`.
fn row_label(input: &str) -> String {
    if input == "-" {
        "stdin".to_string()
    } else {
        Path::new(input)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| input.to_string())
    }
}

/// What the store says about one candidate of a screening.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Below the threshold: not an alert.
    NoAlert,
    /// An alert (undecided, confirmed as a match, or escalated).
    Alert,
    /// Cleared as a false positive and nothing changed since: not an alert.
    Suppressed {
        verdict: String,
        reviewer: String,
        decided_at: String,
    },
    /// Cleared as a false positive, but the subject or the listed entity changed since.
    Returned {
        reviewer: String,
        decided_at: String,
        changes: Vec<String>,
    },
}

impl Mark {
    /// Without the store: every match is an alert.
    pub fn of_hit(hit: &ScoredMatch) -> Self {
        if hit.is_match {
            Mark::Alert
        } else {
            Mark::NoAlert
        }
    }

    pub fn is_alert(&self) -> bool {
        matches!(self, Mark::Alert | Mark::Returned { .. })
    }

    /// Adds `"suppressed"` or `"returned"` to a result's JSON object.
    pub fn annotate(&self, result: &mut Value) {
        let Some(obj) = result.as_object_mut() else {
            return;
        };
        match self {
            Mark::Suppressed {
                verdict,
                reviewer,
                decided_at,
            } => {
                obj.insert(
                    "suppressed".into(),
                    json!({"decision": verdict, "reviewer": reviewer, "decided_at": decided_at}),
                );
            }
            Mark::Returned {
                reviewer,
                decided_at,
                changes,
            } => {
                obj.insert("returned".into(), json!(changes));
                obj.insert(
                    "previous_decision".into(),
                    json!({"decision": "false-positive", "reviewer": reviewer, "decided_at": decided_at}),
                );
            }
            Mark::NoAlert | Mark::Alert => {}
        }
    }

    /// The note for a table row: "(suppressed: false positive by X on DATE)".
    pub fn note(&self) -> Option<String> {
        match self {
            Mark::Suppressed {
                reviewer,
                decided_at,
                ..
            } => Some(format!(
                "(suppressed: false positive by {reviewer} on {})",
                day(decided_at)
            )),
            Mark::Returned {
                reviewer,
                decided_at,
                changes,
            } => Some(format!(
                "(returned: false positive by {reviewer} on {}, since then {})",
                day(decided_at),
                changes.join("; ")
            )),
            Mark::NoAlert | Mark::Alert => None,
        }
    }
}

fn day(stamp: &str) -> &str {
    stamp.split('T').next().unwrap_or(stamp)
}

/// Asks the store about every alert of `record` (read-only; one query per alert).
pub fn marks(store: &AuditStore, record: &ScreeningRecord) -> Result<Vec<Mark>> {
    if !record.candidates.iter().any(|c| c.is_match) {
        return Ok(vec![Mark::NoAlert; record.candidates.len()]);
    }
    let subject_fingerprint = record.subject.fingerprint();
    record
        .candidates
        .iter()
        .map(|c| {
            if !c.is_match {
                return Ok(Mark::NoAlert);
            }
            let state = store.suppression(&SuppressionQuery {
                subject_id: &record.subject.id,
                subject_fingerprint: &subject_fingerprint,
                subject_fields: Some(&record.subject.fields),
                entity_id: &c.entity_id,
                entity_fingerprint: &c.entity_fingerprint,
                entity: &c.entity,
                referents: &c.referents,
            })?;
            Ok(match state {
                SuppressionState::Suppressed { decision } => Mark::Suppressed {
                    verdict: decision.verdict.to_string(),
                    reviewer: decision.reviewer,
                    decided_at: zeef_audit::format_time(decision.decided_at),
                },
                SuppressionState::Returned { decision, changes } => Mark::Returned {
                    reviewer: decision.reviewer,
                    decided_at: zeef_audit::format_time(decision.decided_at),
                    changes: changes.iter().map(ToString::to_string).collect(),
                },
                SuppressionState::Undecided | SuppressionState::Standing { .. } => Mark::Alert,
            })
        })
        .collect()
}

/// What the audit store made of one `zeef screen`.
#[derive(Debug)]
pub struct ScreenAudit {
    pub subject_id: String,
    /// One per result, in result order.
    pub marks: Vec<Mark>,
    /// Where the record went, when `--record` was given.
    pub recorded: Option<zeef_audit::ChainHead>,
}

impl ScreenAudit {
    pub fn alerts(&self) -> usize {
        self.marks.iter().filter(|m| m.is_alert()).count()
    }

    pub fn suppressed(&self) -> usize {
        self.marks
            .iter()
            .filter(|m| matches!(m, Mark::Suppressed { .. }))
            .count()
    }
}

/// For `zeef screen`: checks the alerts against earlier decisions and records the screening
/// (committed before anything is printed).
pub fn screen_audit(
    store: &AuditStore,
    record_it: bool,
    subject_id: String,
    fields: Value,
    ctx: &RecordContext,
    found: &[(&ScoredMatch, Entity)],
    entities: &[EntityHit],
) -> Result<ScreenAudit> {
    let mut record = ctx.record_found(&subject_id, fields, found);
    name_entities(&mut record, entities);
    let marks = marks(store, &record)?;
    let recorded = if record_it {
        Some(store.append(&record)?)
    } else {
        None
    };
    Ok(ScreenAudit {
        subject_id,
        marks,
        recorded,
    })
}

/// What `zeef batch --record` needs while screening rows (shared by the screening threads).
pub struct BatchRecording {
    ctx: RecordContext,
    /// A connection of its own for suppression look-ups, so they never wait on a commit.
    reader: AuditStore,
    /// `<input file name>:row-`, the start of `row_subject_id`.
    row_prefix: String,
}

impl BatchRecording {
    /// Opens the store twice: a reader for the screening threads and the writer's connection.
    pub fn open(
        data: &DataDir,
        database: Option<&str>,
        ctx: RecordContext,
        input: &str,
    ) -> Result<(Self, BatchWriter)> {
        let writer = BatchWriter::start(open_for_writing(data, database)?);
        let reader = open_for_writing(data, database)?;
        let recording = BatchRecording {
            ctx,
            reader,
            row_prefix: format!("{}:row-", row_label(input)),
        };
        Ok((recording, writer))
    }

    /// The record of one row and what the store says about its alerts.
    pub fn screen(
        &self,
        id: Option<&str>,
        row: usize,
        fields: Value,
        found: &[(&ScoredMatch, Entity)],
        entities: &[EntityHit],
    ) -> Result<(ScreeningRecord, Vec<Mark>)> {
        let subject_id = match id.map(str::trim).filter(|i| !i.is_empty()) {
            Some(id) => id.to_string(),
            None => format!("{}{row}", self.row_prefix),
        };
        let mut record = self.ctx.record_found(&subject_id, fields, found);
        name_entities(&mut record, entities);
        let marks = marks(&self.reader, &record)?;
        Ok((record, marks))
    }
}

/// A chunk of records handed to the writer, and where to say it committed.
struct Job {
    records: Vec<PreparedRecord>,
    done: SyncSender<Result<(), String>>,
}

/// Commits batch records from its own thread (one transaction per chunk), so the commit of
/// one chunk overlaps the screening of the next. Records come prepared
/// (`AuditStore::prepare`, on the screening threads): the writer only inserts.
pub struct BatchWriter {
    jobs: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<()>>,
}

/// The promise of a commit: `wait` returns once the chunk is durable (or failed).
pub struct Committed {
    answer: Receiver<Result<(), String>>,
    /// The answer, once `is_done` has seen it.
    seen: Option<Result<(), String>>,
}

impl Committed {
    /// Whether the writer has answered (without waiting).
    pub fn is_done(&mut self) -> bool {
        if self.seen.is_none()
            && let Ok(answer) = self.answer.try_recv()
        {
            self.seen = Some(answer);
        }
        self.seen.is_some()
    }

    pub fn wait(self) -> Result<()> {
        let answer = match self.seen {
            Some(a) => Ok(a),
            None => self.answer.recv(),
        };
        match answer {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(anyhow!("recording failed: {e}")),
            Err(_) => bail!("recording failed: the audit writer stopped"),
        }
    }
}

impl BatchWriter {
    /// Chunks waiting for the writer, at most; screening waits when the writer falls behind.
    pub const QUEUE: usize = 8;

    pub fn start(store: AuditStore) -> Self {
        let (jobs, queue) = sync_channel::<Job>(Self::QUEUE);
        let thread = std::thread::spawn(move || {
            while let Ok(first) = queue.recv() {
                // Group commit: every chunk that queued up during the last commit goes into
                // this one, so a slow fsync is paid once for all of them.
                let mut jobs = vec![first];
                jobs.extend(queue.try_iter());
                let mut records = Vec::new();
                let mut answers = Vec::with_capacity(jobs.len());
                for job in jobs {
                    records.extend(job.records);
                    answers.push(job.done);
                }
                let result = if records.is_empty() {
                    Ok(())
                } else {
                    store
                        .append_prepared(records)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                };
                for done in answers {
                    // The receiver is gone only when the caller already gave up.
                    let _ = done.send(result.clone());
                }
            }
        });
        BatchWriter {
            jobs: Some(jobs),
            thread: Some(thread),
        }
    }

    /// Queues a chunk (waits while the queue is full).
    pub fn submit(&self, records: Vec<PreparedRecord>) -> Result<Committed> {
        let (done, answer) = sync_channel(1);
        self.jobs
            .as_ref()
            .ok_or_else(|| anyhow!("the audit writer was closed"))?
            .send(Job { records, done })
            .map_err(|_| anyhow!("recording failed: the audit writer stopped"))?;
        Ok(Committed { answer, seen: None })
    }
}

impl Drop for BatchWriter {
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The output of `zeef batch` / `zeef rescreen`, chunk by chunk. With a writer (`--record`)
/// each chunk's output is held back until its records are committed, while the next chunks
/// are screened, so every row output is in the audit store; without one it is written at once.
pub struct HeldOutput {
    writer: Option<BatchWriter>,
    pending: VecDeque<(Vec<u8>, Committed)>,
}

impl HeldOutput {
    /// Chunks held back waiting for their commit before screening waits for the writer.
    const MAX_HELD: usize = 8;

    pub fn new(writer: Option<BatchWriter>) -> Self {
        HeldOutput {
            writer,
            pending: VecDeque::new(),
        }
    }

    /// One chunk: its output and its records (empty without `--record`). Writes out what is
    /// committed; waits only when the writer is far behind.
    pub fn push(
        &mut self,
        out: &mut impl Write,
        text: Vec<u8>,
        records: Vec<PreparedRecord>,
    ) -> Result<()> {
        let Some(w) = &self.writer else {
            out.write_all(&text)?;
            return Ok(());
        };
        self.pending.push_back((text, w.submit(records)?));
        while let Some((_, front)) = self.pending.front_mut() {
            if !front.is_done() && self.pending.len() <= Self::MAX_HELD {
                break;
            }
            if let Some((held, committed)) = self.pending.pop_front() {
                committed.wait()?;
                out.write_all(&held)?;
            }
        }
        Ok(())
    }

    /// Waits for every commit, writes the rest and stops the writer.
    pub fn finish(mut self, out: &mut impl Write) -> Result<()> {
        for (held, committed) in self.pending.drain(..) {
            committed.wait()?;
            out.write_all(&held)?;
        }
        drop(self.writer.take());
        Ok(())
    }
}

/// Parses `--from`/`--to`/`--before`: a date (`2026-05-01`, midnight UTC) or an RFC 3339
/// timestamp.
pub fn parse_when(what: &str, text: &str) -> Result<OffsetDateTime> {
    let text = text.trim();
    let full = if text.len() == 10 && !text.contains('T') {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    zeef_audit::parse_time(&full).map_err(|_| {
        anyhow!("{what} {text:?}: expected a date (2026-05-01) or an RFC 3339 timestamp")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ids_name_the_file() {
        assert_eq!(
            row_subject_id("/tmp/x/partners.csv", 7),
            "partners.csv:row-7"
        );
        assert_eq!(row_subject_id("-", 1), "stdin:row-1");
    }
}
