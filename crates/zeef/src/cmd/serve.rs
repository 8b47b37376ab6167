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
    let mut web = web_config(&a.web)?;
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
    // The review queue works on the store screenings are recorded in, or on an existing one
    // (alerts recorded by `zeef batch --record`).
    web.audit = match &record {
        Some(store) => Some(store.clone()),
        None => {
            let database = a.store.database.as_deref();
            zeef_screening::audit_store::open_existing(data, database)
                .ok()
                .map(Arc::new)
        }
    };
    // A replica downloads into a folder of its own: replicas on one machine never share one.
    let data = match &a.nats {
        Some(_) => DataDir::new(
            data.root()
                .join("replicas")
                .join(a.listen.port().to_string()),
        ),
        None => data.clone(),
    };
    let config = ServeConfig {
        listen: a.listen,
        data: Some(data),
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
        first_run: a.nats.is_none(),
        offline: crate::data::settings().offline,
        addresses: crate::data::settings().addresses,
        nats: a.nats,
        judgements_db: a
            .store
            .database
            .clone()
            .or_else(|| std::env::var("ZEEF_DATABASE_URL").ok()),
    };
    zeef_server::run_with(config, |state| zeef_web::router(state, web))?;
    Ok(ExitCode::SUCCESS)
}

/// The web application's settings: the user file read now, so a bad one fails at start.
fn web_config(a: &crate::cli::WebArgs) -> Result<zeef_web::WebConfig> {
    if a.session_minutes == 0 {
        bail!("--session-minutes must be at least 1");
    }
    if a.four_eyes && a.users.is_none() {
        bail!("--four-eyes needs --users FILE: reviewers are named by their sign-in");
    }
    let users = match &a.users {
        Some(path) => {
            let users = zeef_web::Users::load(path)?;
            if users.is_empty() {
                bail!(
                    "{}: no users; add one with: zeef users add NAME --users {}",
                    path.display(),
                    path.display()
                );
            }
            eprintln!(
                "zeef serve: {} user(s) may sign in to /ui (from {})",
                users.len(),
                path.display()
            );
            Some(users)
        }
        None => None,
    };
    Ok(zeef_web::WebConfig {
        users,
        session: Duration::from_secs(a.session_minutes.saturating_mul(60)),
        audit: None,
        four_eyes: a.four_eyes,
        ..zeef_web::WebConfig::default()
    })
}
