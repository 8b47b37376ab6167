//! Screening one result per resolved entity (the default; `--by-record` screens records as
//! they are listed): the best listing's result stands for the entity, with every listing.

use anyhow::Result;
use serde_json::{Value, json};
use zeef_lists::DataDir;
use zeef_matching::{Index, ScoredMatch, ScreenOptions};
use zeef_model::Entity;
use zeef_resolve::{EntityHit, Resolved, entity_hits, groups};
use zeef_screening::ScreenResult as ResultRow;

/// The clusters of the snapshot screened against, and each index record's cluster number.
pub struct Resolution {
    pub resolved: Resolved,
    groups: Vec<u32>,
}

impl Resolution {
    /// The resolution to screen with, unless `by_record`: the stored clusters of `snapshot`,
    /// resolving it first where it has none.
    pub fn for_screening(
        data: &DataDir,
        snapshot: &str,
        index: &Index,
        by_record: bool,
    ) -> Result<Option<Resolution>> {
        if by_record {
            return Ok(None);
        }
        let resolved = crate::cmd::resolve::current(data, snapshot)?;
        Ok(Some(Resolution::new(resolved, index)))
    }

    pub fn new(resolved: Resolved, index: &Index) -> Resolution {
        let groups = groups(index, &resolved);
        Resolution { resolved, groups }
    }
}

/// Screens `query`: one hit per resolved entity with `res`, one per record without. The
/// hits are the best listing of each entity (what recording and explanations use).
pub fn screen(
    index: &Index,
    res: Option<&Resolution>,
    query: &Entity,
    opts: &ScreenOptions,
) -> (Vec<ScoredMatch>, Vec<EntityHit>) {
    match res {
        None => (index.screen(query, opts), Vec::new()),
        Some(r) => {
            let grouped = index.screen_grouped(query, opts, &r.groups);
            let entities = entity_hits(index, &r.resolved, grouped);
            (entities.iter().map(|e| e.best.clone()).collect(), entities)
        }
    }
}

/// Result rows named by their resolved entity: `id` the canonical id, `datasets` every list
/// naming the entity.
pub fn name_rows(rows: &mut [ResultRow], entities: &[EntityHit]) {
    for (row, e) in rows.iter_mut().zip(entities) {
        row.id = e.id.clone();
        let mut sources: Vec<String> = e.listings.iter().map(|l| l.source.clone()).collect();
        sources.sort_unstable();
        sources.dedup();
        row.datasets = sources;
    }
}

/// Adds to each JSON result its best listing's record id, `referents` and `listings`.
pub fn annotate(items: &mut Value, entities: &[EntityHit]) {
    if let Some(items) = items.as_array_mut() {
        for (item, e) in items.iter_mut().zip(entities) {
            item["record_id"] = json!(e.best.id);
            item["referents"] = json!(e.referents);
            item["listings"] = serde_json::to_value(&e.listings).unwrap_or_default();
        }
    }
}
