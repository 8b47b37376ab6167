//! `zeef serve`: the HTTP service (crate zeef-server) over the data directory.

use crate::cli::ServeArgs;
use anyhow::{Result, bail};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_server::{LogFormat, ServeConfig};

pub fn run(data: &DataDir, a: ServeArgs) -> Result<ExitCode> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    if !(a.drain_timeout.is_finite() && a.drain_timeout >= 0.0) {
        bail!("--drain-timeout must be a number of seconds, 0 or more");
    }
    // Opened before listening, so a wrong --database fails at start rather than per request.
    let record = if a.record {
        let database = a.store.database.as_deref();
        let store = zeef_screening::audit_store::open_for_writing(data, database)?;
        let at = zeef_screening::audit_store::location(data, database);
        eprintln!("zeef serve: recording every screening in the audit store at {at}");
        Some(Arc::new(store))
    } else {
        None
    };
    let config = ServeConfig {
        listen: a.listen,
        data: Some(data.clone()),
        token: a.token.filter(|t| !t.is_empty()),
        update_token: a.update_token.filter(|t| !t.is_empty()),
        update_from: a.update_from,
        max_body_bytes: a.max_body,
        max_batch: a.max_batch.max(1),
        request_timeout: Duration::from_secs_f64(a.timeout),
        max_concurrency: a.max_concurrency.max(1),
        drain_timeout: Duration::from_secs_f64(a.drain_timeout),
        log_format: if a.log_format == "json" {
            LogFormat::Json
        } else {
            LogFormat::Text
        },
        record,
        first_run: true,
        offline: crate::data::settings().offline,
        addresses: crate::data::settings().addresses,
    };
    zeef_server::run(config)?;
    Ok(ExitCode::SUCCESS)
}
