//! Errors of the audit store: storage failures, invalid input and a broken hash chain.

use crate::verify::ChainBreak;

/// Everything that can go wrong in the audit store.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("SQLite audit store {location}: {}", chain(source))]
    Sqlite {
        location: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("PostgreSQL audit store {location}: {}", chain(source))]
    Postgres {
        location: String,
        #[source]
        source: postgres::Error,
    },
    /// The caller passed something the store cannot record (named in the message).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A stored entry could not be read back (bad JSON, bad timestamp, ...).
    #[error("audit entry #{seq}: {message}")]
    Corrupt { seq: i64, message: String },
    /// `verify()` found the first entry that was changed, removed or inserted.
    #[error("audit chain broken: {0}")]
    ChainBroken(ChainBreak),
    /// A decision names an alert the store has not recorded.
    #[error("no screening of subject {subject_id:?} lists entity {entity_id:?} as a candidate")]
    UnknownAlert {
        subject_id: String,
        entity_id: String,
    },
    /// The store's lock was poisoned by a panic in another thread.
    #[error("audit store lock poisoned")]
    Poisoned,
}

/// Result type of the audit store.
pub type Result<T, E = AuditError> = std::result::Result<T, E>;

/// An error and its causes, joined: "error connecting to server: Connection refused".
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}
