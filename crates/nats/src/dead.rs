//! Dead letters: a message zeef cannot process (malformed, or failing every delivery) is
//! put on `zeef.dead.<origin>` with its reason, then taken off its queue, so that it never
//! blocks the work behind it.

use async_nats::HeaderMap;
use async_nats::jetstream::{consumer, stream};
use bytes::Bytes;
use futures_util::StreamExt;
use std::time::Duration;

use crate::Nats;
use crate::error::{NatsError, Result};

pub const STREAM: &str = "ZEEF_DEAD";
/// Subjects of dead letters: `zeef.dead.<origin>` (`work` for batch chunks).
pub const SUBJECTS: &str = "zeef.dead.>";
/// Headers a dead letter carries.
pub const REASON: &str = "Zeef-Reason";
pub const ORIGIN_SUBJECT: &str = "Zeef-Origin-Subject";
pub const JOB: &str = "Zeef-Job";
pub const DELIVERIES: &str = "Zeef-Deliveries";

/// One dead letter, as read back.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DeadLetter {
    pub sequence: u64,
    pub subject: String,
    pub origin_subject: String,
    pub reason: String,
    pub job: Option<String>,
    pub deliveries: Option<u64>,
    /// The message's payload, as text (lossy where it is not UTF-8), cut at 4 KiB.
    pub payload: String,
    pub bytes: usize,
}

/// What to put on a dead letter besides its payload.
pub struct Letter<'a> {
    pub origin: &'a str,
    pub origin_subject: &'a str,
    pub reason: &'a str,
    pub job: Option<&'a str>,
    pub deliveries: Option<u64>,
}

impl Nats {
    pub async fn dead_stream(&self) -> Result<stream::Stream> {
        self.stream(stream::Config {
            name: STREAM.to_string(),
            subjects: vec![SUBJECTS.to_string()],
            description: Some("messages zeef could not process, with the reason".into()),
            // Kept for a month for an operator to look at.
            max_age: Duration::from_secs(31 * 24 * 3600),
            ..Default::default()
        })
        .await
    }

    /// Puts `payload` on the dead-letter subject of `letter.origin`, waiting for the store.
    pub async fn dead_letter(&self, letter: Letter<'_>, payload: Bytes) -> Result<()> {
        self.dead_stream().await?;
        let mut headers = HeaderMap::new();
        // Header values are one line.
        headers.insert(REASON, one_line(letter.reason).as_str());
        headers.insert(ORIGIN_SUBJECT, letter.origin_subject);
        if let Some(job) = letter.job {
            headers.insert(JOB, job);
        }
        if let Some(n) = letter.deliveries {
            headers.insert(DELIVERIES, n.to_string().as_str());
        }
        let subject = format!("zeef.dead.{}", letter.origin);
        let ack = self
            .js
            .publish_with_headers(subject.clone(), headers, payload)
            .await
            .map_err(|e| NatsError::Stream {
                name: STREAM.into(),
                why: e.to_string(),
            })?;
        ack.await.map_err(|e| NatsError::Stream {
            name: STREAM.into(),
            why: e.to_string(),
        })?;
        Ok(())
    }

    /// The dead letters kept, oldest first.
    pub async fn dead_letters(&self) -> Result<Vec<DeadLetter>> {
        let stream = self.dead_stream().await?;
        let err = |e: &dyn std::fmt::Display| NatsError::Stream {
            name: STREAM.into(),
            why: e.to_string(),
        };
        let pending = stream.get_info().await.map_err(|e| err(&e))?.state.messages;
        if pending == 0 {
            return Ok(Vec::new());
        }
        let reader = stream
            .create_consumer(consumer::pull::OrderedConfig {
                deliver_policy: consumer::DeliverPolicy::All,
                ..Default::default()
            })
            .await
            .map_err(|e| err(&e))?;
        let mut messages = reader.messages().await.map_err(|e| err(&e))?;
        let mut out = Vec::new();
        while (out.len() as u64) < pending {
            let next = tokio::time::timeout(Duration::from_secs(5), messages.next()).await;
            let Ok(Some(Ok(m))) = next else { break };
            let info = m.info().map_err(|e| err(&e))?;
            let header = |name: &str| {
                m.headers
                    .as_ref()
                    .and_then(|h| h.get(name))
                    .map(|v| v.as_str().to_string())
            };
            let text = String::from_utf8_lossy(&m.payload);
            out.push(DeadLetter {
                sequence: info.stream_sequence,
                subject: m.subject.to_string(),
                origin_subject: header(ORIGIN_SUBJECT).unwrap_or_default(),
                reason: header(REASON).unwrap_or_default(),
                job: header(JOB),
                deliveries: header(DELIVERIES).and_then(|d| d.parse().ok()),
                payload: text.chars().take(4096).collect(),
                bytes: m.payload.len(),
            });
        }
        Ok(out)
    }
}

fn one_line(s: &str) -> String {
    let line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    line.chars().take(1000).collect()
}
