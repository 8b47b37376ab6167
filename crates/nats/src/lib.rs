//! zeef on NATS JetStream: what several zeef processes share.
//!
//! ```text
//! object store  zeef-snapshots   <id>/manifest.json, <id>/<source>/entities.ftm.json, …
//! key-value     zeef-current     snapshot = the id replicas, workers and watchers serve
//! object store  zeef-batch       <job>: a distributed batch's input file
//! stream        ZEEF_WORK        zeef.work.<job>      batch chunks (work queue)
//! stream        ZEEF_RESULTS     zeef.results.<job>   screened chunks, read by the coordinator
//! stream        ZEEF_ALERTS      zeef.alerts.<change> alerts that appeared, went or changed (`zeef watch`)
//! stream        ZEEF_DEAD        zeef.dead.<origin>   messages that could not be processed
//! ```
//!
//! Every name is created on first use with the settings below; one that exists with other
//! settings is reported as misconfigured, never silently changed.

pub mod alerts;
pub mod batch;
pub mod dead;
mod error;
mod objects;
pub mod snapshots;

pub use async_nats;
pub use error::{NatsError, Result};

use async_nats::jetstream::{self, stream};
use std::time::Duration;

/// A connection to NATS and its JetStream context.
#[derive(Clone)]
pub struct Nats {
    pub client: async_nats::Client,
    pub js: jetstream::Context,
    url: String,
}

/// How long a first connection may take before zeef says NATS is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl Nats {
    /// Connects to `url` (`nats://host:4222`) and checks that JetStream is enabled.
    pub async fn connect(url: &str) -> Result<Nats> {
        let client = async_nats::ConnectOptions::new()
            .name("zeef")
            .connection_timeout(CONNECT_TIMEOUT)
            // Reconnects go on for ever: a replica keeps serving meanwhile.
            .max_reconnects(None)
            .retry_on_initial_connect()
            .connect(url);
        let client = tokio::time::timeout(CONNECT_TIMEOUT, client)
            .await
            .map_err(|_| NatsError::Unreachable {
                url: url.to_string(),
                why: format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
            })?
            .map_err(|e| NatsError::Unreachable {
                url: url.to_string(),
                why: e.to_string(),
            })?;
        // retry_on_initial_connect returns at once: wait until connected or timed out.
        let deadline = tokio::time::Instant::now() + CONNECT_TIMEOUT;
        while client.connection_state() != async_nats::connection::State::Connected {
            if tokio::time::Instant::now() > deadline {
                return Err(NatsError::Unreachable {
                    url: url.to_string(),
                    why: format!("not connected within {} s", CONNECT_TIMEOUT.as_secs()),
                });
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Asked directly: the client's typed account answer does not parse older servers'.
        let no_js = |why: String| NatsError::NoJetStream {
            url: url.to_string(),
            why,
        };
        let info = client
            .request("$JS.API.INFO", bytes::Bytes::new())
            .await
            .map_err(|e| no_js(e.to_string()))?;
        let info: serde_json::Value =
            serde_json::from_slice(&info.payload).map_err(|e| no_js(e.to_string()))?;
        if let Some(e) = info.get("error") {
            return Err(no_js(e.to_string()));
        }
        let js = jetstream::new(client.clone());
        Ok(Nats {
            client,
            js,
            url: url.to_string(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether the connection is up now (it reconnects by itself when it is not).
    pub fn connected(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
    }

    /// The stream `config.name`: created if missing; an existing one must take the same
    /// subjects with the same retention.
    pub(crate) async fn stream(&self, config: stream::Config) -> Result<stream::Stream> {
        let name = config.name.clone();
        let mut s = self
            .js
            .get_or_create_stream(config.clone())
            .await
            .map_err(|e| NatsError::Stream {
                name: name.clone(),
                why: e.to_string(),
            })?;
        let info = s.info().await.map_err(|e| NatsError::Stream {
            name: name.clone(),
            why: e.to_string(),
        })?;
        let have = &info.config;
        if have.subjects != config.subjects || have.retention != config.retention {
            return Err(NatsError::Misconfigured {
                name,
                why: format!(
                    "it takes subjects {:?} with {:?} retention; zeef needs {:?} with {:?}",
                    have.subjects, have.retention, config.subjects, config.retention
                ),
            });
        }
        Ok(s)
    }
}

/// A runtime of its own and a connection to `url`: for the command line, whose commands are
/// not async.
pub fn connect_blocking(url: &str) -> Result<(tokio::runtime::Runtime, Nats)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| NatsError::Other(format!("starting the async runtime: {e}")))?;
    let nats = runtime.block_on(Nats::connect(url))?;
    Ok((runtime, nats))
}
