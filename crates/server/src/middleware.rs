//! What every request goes through: metrics and a log line (outermost), the bearer token,
//! and for the heavy endpoints a concurrency limit that sheds load with 503 + `Retry-After`
//! instead of queueing without bound, and a time limit.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;
use crate::work::{AbandonOnDrop, Ticket};

/// Paths open without the API token: probes, the API description, and `/updatez` (which
/// checks its own update token).
pub const PUBLIC_PATHS: &[&str] = &["/healthz", "/readyz", "/openapi.json", "/updatez"];

/// True for a path open without the API token (the API description and Swagger UI too).
pub fn is_public(path: &str) -> bool {
    PUBLIC_PATHS.contains(&path) || path == "/docs" || path.starts_with("/docs/")
}

/// Counts the request in `/metrics` and logs it (5xx as warnings, 4xx as info, the rest at
/// debug so that a busy server does not spend its time writing logs).
pub async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let resp = next.run(req).await;
    let elapsed = started.elapsed();
    let status = resp.status().as_u16();
    state.metrics.observe(&route, status, elapsed);
    let micros = elapsed.as_micros() as u64;
    let probe = route == "/healthz" || route == "/readyz";
    if probe {
        tracing::debug!(%method, %route, status, micros, "request");
    } else if status >= 500 {
        tracing::warn!(%method, %route, %path, status, micros, "request");
    } else if status >= 400 {
        tracing::info!(%method, %route, %path, status, micros, "request");
    } else {
        tracing::debug!(%method, %route, %path, status, micros, "request");
    }
    resp
}

/// Compares two byte strings in time independent of where they differ.
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token of an `Authorization: Bearer <t>` (or yente's `ApiKey <t>`) header.
pub fn bearer(req: &Request) -> Option<&str> {
    let h = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = h.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("apikey"))
        .then(|| token.trim())
}

/// Requires the API token (when one is set) on every path but [`PUBLIC_PATHS`].
pub async fn auth(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let Some(expected) = state.config.token.as_deref() else {
        return next.run(req).await;
    };
    if is_public(req.uri().path()) {
        return next.run(req).await;
    }
    match bearer(&req) {
        Some(t) if same_secret(t.as_bytes(), expected.as_bytes()) => next.run(req).await,
        given => {
            let msg = if given.is_some() {
                "Invalid API token."
            } else {
                "This server needs an API token: send `Authorization: Bearer <token>`."
            };
            let mut resp = ApiError::new(StatusCode::UNAUTHORIZED, msg).into_response();
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            resp
        }
    }
}

/// For heavy endpoints: a permit or 503 now (never an unbounded queue), then a time limit.
/// The permit travels in a [`Ticket`] with the request's work (handlers take it as an
/// `Extension<Arc<Ticket>>`): it is released when that work has stopped, not when the answer
/// leaves. Whenever this ends (answered, timed out, or dropped because the client went
/// away), the ticket is abandoned, and work still running for it stops.
pub async fn guard(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        state.metrics.count_shed();
        return ApiError::unavailable("Server busy: too many requests at once; retry shortly.", 1)
            .into_response();
    };
    let limit = state.config.request_timeout;
    let ticket = Arc::new(Ticket::new(Instant::now() + limit, Some(permit)));
    let _abandon = AbandonOnDrop(ticket.clone());
    req.extensions_mut().insert(ticket);
    let resp = tokio::time::timeout(limit, next.run(req)).await;
    match resp {
        Ok(r) if !is_work_timeout(&r) => r,
        _ => {
            state.metrics.count_timeout();
            ApiError::unavailable(
                format!(
                    "Request took longer than {} ms; retry, or send smaller batches.",
                    limit.as_millis()
                ),
                1,
            )
            .into_response()
        }
    }
}

/// True for the answer of work that stopped at its deadline ([`crate::work::timed_out`]).
fn is_work_timeout(r: &Response) -> bool {
    r.extensions().get::<crate::work::TimedOut>().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(is_public("/healthz") && is_public("/docs/index.html"));
        assert!(!is_public("/match/default") && !is_public("/metrics"));
    }
}
