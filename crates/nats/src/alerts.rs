//! The alerts stream: `zeef watch` publishes each alert that appeared, went or changed after
//! a new snapshot on `zeef.alerts.<change>` (`new_alert`, `alert_gone`, `alert_changed`),
//! one JSON object a message, for case management and other systems to subscribe to.

use async_nats::HeaderMap;
use async_nats::jetstream::stream;
use std::time::Duration;

use crate::Nats;
use crate::error::{NatsError, Result};

pub const STREAM: &str = "ZEEF_ALERTS";
pub const SUBJECTS: &str = "zeef.alerts.*";

impl Nats {
    pub async fn alerts_stream(&self) -> Result<stream::Stream> {
        self.stream(stream::Config {
            name: STREAM.to_string(),
            subjects: vec![SUBJECTS.to_string()],
            description: Some("alerts that appeared, went or changed after a list update".into()),
            max_age: Duration::from_secs(90 * 24 * 3600),
            duplicate_window: Duration::from_secs(3600),
            ..Default::default()
        })
        .await
    }

    /// Publishes alert events (change, message id, JSON) and waits until the stream has
    /// them all. The id makes a republished event (a watcher run again) a no-op.
    pub async fn publish_alerts(&self, events: &[(String, String, Vec<u8>)]) -> Result<()> {
        let err = |e: &dyn std::fmt::Display| NatsError::Stream {
            name: STREAM.into(),
            why: e.to_string(),
        };
        let mut acks = Vec::with_capacity(events.len());
        for (change, id, json) in events {
            let mut headers = HeaderMap::new();
            headers.insert(async_nats::header::NATS_MESSAGE_ID, id.as_str());
            acks.push(
                self.js
                    .publish_with_headers(
                        format!("zeef.alerts.{change}"),
                        headers,
                        json.clone().into(),
                    )
                    .await
                    .map_err(|e| err(&e))?,
            );
            // Bounded: at most this many acknowledgements outstanding.
            if acks.len() >= 4096 {
                for ack in acks.drain(..) {
                    ack.await.map_err(|e| err(&e))?;
                }
            }
        }
        for ack in acks {
            ack.await.map_err(|e| err(&e))?;
        }
        Ok(())
    }
}
