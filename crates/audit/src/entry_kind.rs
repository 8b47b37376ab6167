//! What an audit entry holds: a screening record, a review decision, or a decision proposed
//! and waiting for a second reviewer's approval.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Record,
    Decision,
    /// A decision proposed under four-eyes review: it takes effect only when a second,
    /// different reviewer approves it (then a `Decision` naming both is appended).
    Proposal,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Record => "record",
            EntryKind::Decision => "decision",
            EntryKind::Proposal => "proposal",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "record" => Some(EntryKind::Record),
            "decision" => Some(EntryKind::Decision),
            "proposal" => Some(EntryKind::Proposal),
            _ => None,
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
