//! Recording HTTP screenings in the audit store (`zeef serve --record`): the subject id of a
//! query, and running a request's screenings then committing their records before it is
//! answered. Records themselves are built by `zeef_screening::record`, as the CLI builds
//! them.

use crate::state::AppState;

use zeef_audit::{ScreeningRecord, Ticket};

use crate::error::ApiError;

/// Seconds a client is asked to wait after a store failure.
const RETRY_AFTER_SECONDS: u32 = 5;

/// The subject id of an HTTP query: the caller's id if it gave a non-blank one, else
/// `http:<fallback>` (marked, so it never passes for a caller's own id).
pub fn http_subject_id(given: Option<&str>, fallback: &str) -> String {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id.to_string(),
        None => format!("http:{}", fallback.trim()),
    }
}

/// Commits the records of one request, off the async threads, through the group committer:
/// records of concurrent requests share transactions, and each request waits until all of
/// its records are committed. A failure is logged and answered 503: a request is never
/// answered unrecorded.
pub async fn commit(state: &AppState, records: Vec<ScreeningRecord>) -> Result<(), ApiError> {
    let Some(group) = state.recorder.clone() else {
        return Ok(());
    };
    if records.is_empty() {
        return Ok(());
    }
    let count = records.len();
    let outcome = tokio::task::spawn_blocking(move || {
        let tickets: Vec<Ticket> = records.iter().map(|r| group.submit_record(r)).collect();
        tickets
            .into_iter()
            .map(Ticket::wait)
            .collect::<zeef_audit::Result<Vec<_>>>()
    })
    .await
    .map_err(|e| e.to_string())
    .and_then(|r| r.map_err(|e| e.to_string()));
    match outcome {
        Ok(_) => Ok(()),
        Err(e) => {
            tracing::error!(error = %e, records = count, "recording the screening failed: answered 503");
            Err(ApiError::unavailable(
                "The screening could not be recorded in the audit store, so it is not answered. Retry later.",
                RETRY_AFTER_SECONDS,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_subject_ids_prefer_the_callers() {
        assert_eq!(http_subject_id(Some(" cust-7 "), "q1"), "cust-7");
        assert_eq!(http_subject_id(Some("  "), "q1"), "http:q1");
        assert_eq!(http_subject_id(None, "Jane Roe"), "http:Jane Roe");
    }
}
