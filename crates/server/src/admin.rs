//! Probes and operations: `/healthz`, `/readyz`, `/metrics`, `POST /updatez`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::middleware::{bearer, same_secret};
use crate::params::Params;
use crate::state::AppState;

/// `{"status": "ok"}` and what is served.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusResponse {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<usize>,
    /// `current`, or `degraded` when a list is built in, retired or older than its
    /// publisher's cadence (the server still answers; `warning` says what to do).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_status: Option<String>,
    /// Which lists may be out of date, and how to replace them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// How current each served list is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lists: Option<Vec<ListStatus>>,
    /// Where the server takes snapshots from NATS: whether it is connected, and which
    /// snapshot NATS names current.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nats: Option<crate::nats::NatsStatus>,
}

/// How current one served list is.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListStatus {
    pub source: String,
    /// The list's own date, if it states one.
    pub list_date: Option<String>,
    /// Days since the list date (else since it was fetched).
    pub age_days: i64,
    /// The age past which the list counts as out of date.
    pub stale_after_days: Option<u32>,
    pub stale: bool,
    /// Set for a list its publisher no longer updates.
    pub retired_since: Option<String>,
    /// The list is zeef's built-in copy, not a download.
    pub builtin: bool,
}

impl ListStatus {
    fn of(f: zeef_lists::freshness::Freshness) -> Self {
        ListStatus {
            source: f.source,
            list_date: f.list_date,
            age_days: f.age_days,
            stale_after_days: f.stale_after_days,
            stale: f.stale,
            retired_since: f.retired_since,
            builtin: f.builtin,
        }
    }
}

/// The process is up (answers at once, loaded or not).
#[utoipa::path(get, path = "/healthz", tag = "System information",
    responses((status = 200, body = StatusResponse)))]
pub async fn healthz() -> Json<StatusResponse> {
    Json(StatusResponse {
        status: "ok".to_string(),
        snapshot: None,
        entities: None,
        data_status: None,
        warning: None,
        lists: None,
        nats: None,
    })
}

/// Ready to screen: 503 until the index is loaded.
#[utoipa::path(get, path = "/readyz", tag = "System information",
    responses(
        (status = 200, body = StatusResponse),
        (status = 503, description = "Not loaded yet", body = crate::error::ErrorResponse),
    ))]
pub async fn readyz(State(state): State<Arc<AppState>>) -> Result<Json<StatusResponse>, ApiError> {
    match state.loaded() {
        Some(l) => {
            let lists = zeef_lists::freshness::of_snapshot(&l.manifest);
            let degraded = lists.iter().any(|f| f.needs_warning());
            Ok(Json(StatusResponse {
                status: "ok".to_string(),
                snapshot: Some(l.version().to_string()),
                entities: Some(l.index.len()),
                data_status: Some(if degraded { "degraded" } else { "current" }.to_string()),
                warning: zeef_lists::freshness::warning(&l.manifest),
                lists: Some(lists.into_iter().map(ListStatus::of).collect()),
                nats: state.nats.status(state.config.nats.as_deref()),
            }))
        }
        None => {
            let why = state
                .load_error
                .lock()
                .ok()
                .and_then(|e| e.clone())
                .map(|e| format!("Index not loaded: {e}"))
                .unwrap_or_else(|| "Index not loaded yet.".to_string());
            Err(ApiError::unavailable(why, 5))
        }
    }
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(get, path = "/metrics", tag = "System information",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render() + &state.nats.metrics(state.config.nats.as_deref()),
    )
        .into_response()
}

/// Fetches the lists (from `--update-from` or the official addresses) into a new snapshot and
/// swaps it in. Needs the update token as `?token=` or `Authorization: Bearer`. With
/// `sync=true` the answer waits and reports the outcome; otherwise it is 202 at once. The old
/// data is served throughout, and kept if the update fails.
#[utoipa::path(post, path = "/updatez", tag = "System information",
    params(
        ("token" = Option<String>, Query, description = "The update token"),
        ("sync" = Option<bool>, Query, description = "Wait for the update to finish"),
    ),
    responses(
        (status = 200, description = "Finished (sync=true)", body = crate::state::UpdateOutcome),
        (status = 202, description = "Started", body = StatusResponse),
        (status = 403, description = "Missing or wrong token, or updates disabled", body = crate::error::ErrorResponse),
        (status = 409, description = "An update is already running", body = crate::error::ErrorResponse),
        (status = 500, description = "The update failed (old data still served)", body = crate::state::UpdateOutcome),
    ))]
pub async fn updatez(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    let Some(expected) = state.config.update_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Updates over HTTP are disabled: start the server with --update-token.",
        ));
    };
    let given = p.get("token").or_else(|| bearer(&req));
    if !given.is_some_and(|t| same_secret(t.as_bytes(), expected.as_bytes())) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "Invalid token."));
    }
    if state.update_lock.try_lock().is_err() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "An update is already running.",
        ));
    }
    let sync = p.bool_or("sync", false)?;
    let task = tokio::spawn(crate::reload::update(state.clone()));
    if !sync {
        return Ok((
            StatusCode::ACCEPTED,
            Json(StatusResponse {
                status: "ok".to_string(),
                snapshot: state.loaded().map(|l| l.version().to_string()),
                entities: None,
                data_status: None,
                warning: None,
                lists: None,
                nats: None,
            }),
        )
            .into_response());
    }
    let outcome = task
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let code = if outcome.ok {
        StatusCode::OK
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    Ok((code, Json(outcome)).into_response())
}
