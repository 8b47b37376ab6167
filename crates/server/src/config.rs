//! How the server runs: address, data, limits, tokens.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use zeef_audit::AuditStore;
use zeef_lists::DataDir;
use zeef_lists::addresses::Addresses;

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings for [`crate::run`].
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// The data directory `zeef update` maintains (None: data is installed by the caller).
    pub data: Option<DataDir>,
    /// Bearer token required on every endpoint except `/healthz`, `/readyz`, `/docs` and
    /// `/openapi.json`.
    pub token: Option<String>,
    /// Token for `POST /updatez` (None: the endpoint is disabled).
    pub update_token: Option<String>,
    /// Where `/updatez` takes the lists from: a folder or URL mirror (None: official addresses).
    pub update_from: Option<String>,
    /// Largest request body accepted (413 above).
    pub max_body_bytes: usize,
    /// Most queries in one batch (400 above).
    pub max_batch: usize,
    /// Longest a request may take (503 after).
    pub request_timeout: Duration,
    /// Heavy requests running at once; more are shed with 503 + Retry-After.
    pub max_concurrency: usize,
    /// On SIGTERM (or ctrl-c), how long requests in flight may still run before the server
    /// exits anyway.
    pub drain_timeout: Duration,
    pub log_format: LogFormat,
    /// The audit store every `/screen` and `/match` query is recorded in before it is
    /// answered (a store failure answers 503); None: nothing is recorded.
    pub record: Option<Arc<AuditStore>>,
    /// With no snapshot in `data` at start, make one: from the publishers (or
    /// `update_from`), else from the lists built into zeef.
    pub first_run: bool,
    /// On a first run, use the built-in lists at once, without trying the network.
    pub offline: bool,
    /// Where each source is downloaded from (official, or overridden).
    pub addresses: Addresses,
    /// A NATS server to take snapshots from (`zeef update --publish`) instead of the data
    /// directory's own: the server downloads each published snapshot into `data`.
    pub nats: Option<String>,
    /// A PostgreSQL URL where the resolver's judgements are kept (the audit database); None:
    /// the data directory's SQLite file.
    pub judgements_db: Option<String>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8000)),
            data: None,
            token: None,
            update_token: None,
            update_from: None,
            max_body_bytes: 1 << 20,
            max_batch: zeef_screening::query::DEFAULT_MAX_QUERIES,
            request_timeout: Duration::from_secs(10),
            max_concurrency: 256,
            drain_timeout: Duration::from_secs(30),
            log_format: LogFormat::Text,
            record: None,
            first_run: false,
            offline: false,
            addresses: Addresses::official(),
            nats: None,
            judgements_db: None,
        }
    }
}
