//! Errors of the audit store: storage failures, invalid input and a broken hash chain (where
//! `verify` found it, [`ChainBreak`]).

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::entry_kind::EntryKind;

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
    /// Under four-eyes review, the reviewer who proposed a decision tried to approve it.
    #[error(
        "{reviewer} proposed this decision and cannot also approve it: a second, different reviewer must"
    )]
    SameReviewer { reviewer: String },
    /// An approval names a proposal that is no longer waiting (approved already, or replaced
    /// by a newer proposal, or none was made).
    #[error("no proposed decision on subject {subject_id:?} / entity {entity_id:?} is waiting for approval{}", .seq.map(|s| format!(" as entry #{s}")).unwrap_or_default())]
    NoProposal {
        subject_id: String,
        entity_id: String,
        seq: Option<i64>,
    },
    /// The store's lock was poisoned by a panic in another thread.
    #[error("audit store lock poisoned")]
    Poisoned,
    /// A [`GroupCommit`](crate::GroupCommit) group's transaction failed: no record of the
    /// group was written, and each of its records gets this error.
    #[error("group commit of {records} records failed, none was written: {source}")]
    GroupFailed {
        records: usize,
        #[source]
        source: Arc<AuditError>,
    },
    /// A [`GroupCommit`](crate::GroupCommit)'s committer thread is not running (it could not
    /// be started, or it panicked): the record was not written.
    #[error("the audit store's group committer stopped; the record was not written")]
    CommitterStopped,
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

/// How the chain was broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BreakKind {
    /// The entry's content, hash or link was edited.
    Changed,
    /// The entry is missing.
    Removed,
    /// The entry was not written by the store.
    Inserted,
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    pub how: BreakKind,
    /// Sequence number of the entry (for a snapshot block: the first record naming it).
    pub seq: i64,
    /// Kind of the entry, where it is still there to tell (not for a removed entry).
    pub kind: Option<EntryKind>,
    pub detail: String,
    /// The hash of the snapshot block that was changed or removed, when the break is there
    /// rather than in an entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_block: Option<String>,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self.how {
            BreakKind::Changed => "changed",
            BreakKind::Removed => "removed",
            BreakKind::Inserted => "inserted",
        };
        match (&self.snapshot_block, self.kind) {
            (Some(block), _) => write!(
                f,
                "snapshot block {block}, first named by entry #{}, was {how}: {}",
                self.seq, self.detail
            ),
            (None, Some(kind)) => {
                write!(f, "entry #{} ({kind}) was {how}: {}", self.seq, self.detail)
            }
            (None, None) => write!(f, "entry #{} was {how}: {}", self.seq, self.detail),
        }
    }
}
