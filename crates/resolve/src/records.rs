//! The records a run resolves, by position: the loaded entities, or the index built over
//! them (its compact store decodes a record when it is needed, so a caller resolving
//! millions of records need not keep them all as [`Entity`] values beside the index).

use std::borrow::Cow;
use zeef_matching::Index;
use zeef_model::Entity;

/// Records by position (the index's entity numbers).
pub trait Records: Sync {
    /// How many records there are.
    fn count(&self) -> usize;
    /// The id of record `i`.
    fn id(&self, i: usize) -> &str;
    /// The list (source) of record `i`.
    fn source(&self, i: usize) -> &str;
    /// Record `i`, borrowed or decoded.
    fn record(&self, i: usize) -> Cow<'_, Entity>;
}

impl Records for &[Entity] {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, i: usize) -> &str {
        &self[i].id
    }
    fn source(&self, i: usize) -> &str {
        &self[i].provenance.source
    }
    fn record(&self, i: usize) -> Cow<'_, Entity> {
        Cow::Borrowed(&self[i])
    }
}

impl Records for Index {
    fn count(&self) -> usize {
        self.len()
    }
    fn id(&self, i: usize) -> &str {
        Index::id(self, i).expect("record number in range")
    }
    fn source(&self, i: usize) -> &str {
        Index::source(self, i).expect("record number in range")
    }
    fn record(&self, i: usize) -> Cow<'_, Entity> {
        Cow::Owned(self.entity(i).expect("record number in range"))
    }
}
