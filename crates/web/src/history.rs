//! An entity's history across the snapshots the data directory keeps: per snapshot, whether
//! each of its records was listed, amended (which fields), unchanged or removed. Only the
//! entity's own records are read from each snapshot; the comparison is `zeef changes`'s.

use std::collections::HashMap;

use zeef_lists::DataDir;
use zeef_model::Entity;

/// What became of one record in one snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// In the oldest snapshot kept: listed since at least then.
    Listed,
    /// New in this snapshot.
    Added,
    /// Changed since the snapshot before: the properties that changed.
    Amended(Vec<String>),
    Unchanged,
    /// In the snapshot before, not in this one: delisted.
    Removed,
}

/// One row of the history: a snapshot, a record, what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub snapshot: String,
    pub created_at: String,
    pub record: String,
    pub event: Event,
}

/// The history of the records `ids`, newest snapshot first; a snapshot that cannot be read
/// is left out (the page still shows the rest).
pub fn of(data: &DataDir, ids: &[&str]) -> Vec<Row> {
    let Ok(mut kept) = data.snapshots() else {
        return Vec::new();
    };
    kept.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rows = Vec::new();
    let mut before: Option<HashMap<String, Entity>> = None;
    for m in kept {
        let Ok(records) = data.load_records(&m.id, ids) else {
            continue;
        };
        let now: HashMap<String, Entity> = records.into_iter().map(|e| (e.id.clone(), e)).collect();
        for id in ids {
            let event = match (before.as_ref().map(|b| b.get(*id)), now.get(*id)) {
                (None, Some(_)) => Event::Listed,
                (Some(None), Some(_)) => Event::Added,
                (Some(Some(old)), Some(new)) => {
                    let changed = zeef_diff::entity_changes(old, new);
                    match changed.is_empty() {
                        true => Event::Unchanged,
                        false => Event::Amended(changed.into_iter().map(|c| c.property).collect()),
                    }
                }
                (Some(Some(_)), None) => Event::Removed,
                (_, None) => continue,
            };
            rows.push(Row {
                snapshot: m.id.clone(),
                created_at: m.created_at.clone(),
                record: id.to_string(),
                event,
            });
        }
        before = Some(now);
    }
    rows.reverse();
    rows
}
