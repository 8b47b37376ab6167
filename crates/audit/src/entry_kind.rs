//! What an audit entry holds: a screening record or a review decision.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Record,
    Decision,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Record => "record",
            EntryKind::Decision => "decision",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "record" => Some(EntryKind::Record),
            "decision" => Some(EntryKind::Decision),
            _ => None,
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
