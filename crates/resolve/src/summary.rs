//! What a run found: records, resolved entities, how many parties are on 1, 2, … lists, and
//! the largest clusters (where chaining would show).

use crate::ids::Resolved;
use crate::records::Records;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use zeef_matching::Index;
use zeef_model::Entity;

/// Largest clusters listed in a summary.
pub const LARGEST: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub records: usize,
    pub resolved_entities: usize,
    /// Number of distinct lists (sources) -> parties on that many.
    pub parties_by_list_count: BTreeMap<usize, usize>,
    pub largest_clusters: Vec<ClusterSummary>,
    pub use_references: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterSummary {
    pub id: String,
    pub caption: String,
    pub size: usize,
    pub sources: Vec<String>,
    pub referents: Vec<String>,
}

impl Summary {
    pub fn of(resolved: &Resolved, entities: &[Entity]) -> Summary {
        let by_id: HashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        summarise(resolved, &entities, &|id| by_id.get(id).copied())
    }

    /// [`Summary::of`] the records of `index` (the index a run resolved).
    pub fn of_index(resolved: &Resolved, index: &Index) -> Summary {
        summarise(resolved, index, &|id| index.position(id))
    }
}

fn summarise(
    resolved: &Resolved,
    records: &dyn Records,
    position: &dyn Fn(&str) -> Option<usize>,
) -> Summary {
    let sources = |refs: &[String]| -> Vec<String> {
        refs.iter()
            .filter_map(|r| position(r.as_str()))
            .map(|i| records.source(i).to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let mut parties_by_list_count = BTreeMap::new();
    for c in &resolved.clusters {
        *parties_by_list_count
            .entry(sources(&c.referents).len())
            .or_default() += 1;
    }
    let mut order: Vec<&crate::ids::StoredCluster> = resolved.clusters.iter().collect();
    order.sort_by(|a, b| {
        b.referents
            .len()
            .cmp(&a.referents.len())
            .then(a.id.cmp(&b.id))
    });
    let largest_clusters = order
        .into_iter()
        .take(LARGEST)
        .map(|c| ClusterSummary {
            id: c.id.clone(),
            caption: c
                .referents
                .iter()
                .find_map(|r| position(r.as_str()))
                .map(|i| records.record(i).caption().to_string())
                .unwrap_or_default(),
            size: c.referents.len(),
            sources: sources(&c.referents),
            referents: c.referents.clone(),
        })
        .collect();
    Summary {
        records: records.count(),
        resolved_entities: resolved.clusters.len(),
        parties_by_list_count,
        largest_clusters,
        use_references: resolved.use_references,
    }
}
