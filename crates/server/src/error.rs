//! API errors in yente's shape: a status code and `{"detail": ...}`, where `detail` is a
//! message, or (for 422, like FastAPI) a list of `{type, loc, msg}` validation errors.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of an error answer: `detail` is a message, or for 422 a list of
/// `{type, loc, msg}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorResponse {
    #[schema(example = "No such dataset.")]
    pub detail: ErrorDetail,
}

/// What went wrong: a message, or (422) the validation errors, one per field.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum ErrorDetail {
    Message(String),
    Invalid(Vec<ValidationError>),
}

/// The message, or the validation errors as JSON.
impl std::fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErrorDetail::Message(m) => f.write_str(m),
            ErrorDetail::Invalid(errors) => {
                f.write_str(&serde_json::to_string(errors).map_err(|_| std::fmt::Error)?)
            }
        }
    }
}

/// One validation error, as FastAPI (and so yente) words it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ValidationError {
    /// The kind of error (`int_parsing`, `value_error`, `extra_forbidden`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Where: `["query", "limit"]`, `["body", "queries", "q1"]`.
    pub loc: Vec<String>,
    /// What was expected.
    pub msg: String,
}

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: ErrorDetail,
    /// Seconds a client should wait before retrying (sets `Retry-After`).
    pub retry_after: Option<u32>,
    /// Work stopped at the request's deadline (the time-limit guard answers for it).
    pub timed_out: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: ErrorDetail::Message(detail.into()),
            retry_after: None,
            timed_out: false,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }

    /// 503 with `Retry-After`: overloaded, timed out, or no data loaded yet.
    pub fn unavailable(detail: impl Into<String>, retry_after: u32) -> Self {
        ApiError {
            retry_after: Some(retry_after),
            ..Self::new(StatusCode::SERVICE_UNAVAILABLE, detail)
        }
    }

    /// 422 with one FastAPI-style validation error.
    pub fn invalid(kind: &str, loc: &[&str], msg: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            detail: ErrorDetail::Invalid(vec![ValidationError {
                kind: kind.to_string(),
                loc: loc.iter().map(|l| l.to_string()).collect(),
                msg: msg.into(),
            }]),
            retry_after: None,
            timed_out: false,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorResponse {
            detail: self.detail,
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.timed_out {
            resp.extensions_mut().insert(crate::work::TimedOut);
        }
        resp
    }
}

/// Turns a body-reading failure (too large, unreadable) into a JSON error.
impl From<axum::extract::rejection::BytesRejection> for ApiError {
    fn from(r: axum::extract::rejection::BytesRejection) -> Self {
        ApiError::new(r.status(), r.body_text())
    }
}
