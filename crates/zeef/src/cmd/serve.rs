//! `zeef serve`: the HTTP service (crate zeef-server) over the data directory.

use crate::cli::ServeArgs;
use anyhow::{Result, bail};
use std::process::ExitCode;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_server::{LogFormat, ServeConfig};

pub fn run(data: &DataDir, a: ServeArgs) -> Result<ExitCode> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
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
        log_format: if a.log_format == "json" {
            LogFormat::Json
        } else {
            LogFormat::Text
        },
    };
    zeef_server::run(config)?;
    Ok(ExitCode::SUCCESS)
}
