//! Screening results one per resolved entity: the best-scoring listing's result stands for
//! the entity, and every listing of it (scored or not) comes along with its provenance.

use crate::ids::Resolved;
use serde::Serialize;
use std::collections::HashMap;
use zeef_matching::{GroupHit, Index, ScoredMatch, ScreenOptions};
use zeef_model::{Entity, Prop};

/// One listing of a resolved entity: a record on one list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Listing {
    pub source: String,
    /// The record id, e.g. `un-QDi.017`.
    #[cfg_attr(feature = "openapi", schema(example = "un-QDi.017"))]
    pub id: String,
    pub caption: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_date: Option<String>,
    /// Sanctions programmes the list files it under.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programme: Vec<String>,
    /// This listing's own score, where the screening scored it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

impl Listing {
    pub fn of(e: &Entity, score: Option<f64>) -> Listing {
        Listing {
            source: e.provenance.source.clone(),
            id: e.id.clone(),
            caption: e.caption().to_string(),
            list_date: e.provenance.list_date.clone(),
            programme: e.get(Prop::Program).to_vec(),
            score,
        }
    }
}

/// One resolved entity among the results.
#[derive(Debug, Clone)]
pub struct EntityHit {
    /// The canonical id (`zeef-…`); the record id where the record is not resolved.
    pub id: String,
    /// The best-scoring listing's result (its explanation explains the entity's score).
    pub best: ScoredMatch,
    /// Every record of the entity, ascending (the best one among them).
    pub referents: Vec<String>,
    /// Every listing, best-scoring first, then by record id.
    pub listings: Vec<Listing>,
}

/// The clusters of the snapshot an index was built over, with each index record's cluster
/// number: what screening one result per resolved entity needs.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub resolved: Resolved,
    groups: Vec<u32>,
}

impl Resolution {
    pub fn new(resolved: Resolved, index: &Index) -> Resolution {
        let groups = groups(index, &resolved);
        Resolution { resolved, groups }
    }

    /// Screens `query` one result per resolved entity, asking `stop` as it goes whether to
    /// give up (None when it did).
    pub fn screen_until(
        &self,
        index: &Index,
        query: &Entity,
        opts: &ScreenOptions,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<EntityHit>> {
        let grouped = index.screen_grouped_until(query, opts, &self.groups, stop)?;
        Some(entity_hits(index, &self.resolved, grouped))
    }

    /// [`Resolution::screen_until`] to the end.
    pub fn screen(&self, index: &Index, query: &Entity, opts: &ScreenOptions) -> Vec<EntityHit> {
        self.screen_until(index, query, opts, &|| false)
            .unwrap_or_default()
    }

    /// The records of the resolved entity named `id` (a canonical id, one it redirects from,
    /// or a record id), decoded from `index`, with the canonical id; None for an id it does
    /// not know.
    pub fn members(&self, index: &Index, id: &str) -> Option<(String, Vec<Entity>)> {
        let c = self.resolved.find(id)?;
        let members: Vec<Entity> = c.referents.iter().filter_map(|r| index.get(r)).collect();
        (!members.is_empty()).then(|| (c.id.clone(), members))
    }
}

/// Screens `query` one result per resolved entity with `res`, one per record without, asking
/// `stop` as it goes whether to give up (None when it did). The hits are each entity's best
/// listing (what audit records and explanations use); the entities come with `res` only.
pub fn screen_until(
    index: &Index,
    res: Option<&Resolution>,
    query: &Entity,
    opts: &ScreenOptions,
    stop: &dyn Fn() -> bool,
) -> Option<(Vec<ScoredMatch>, Vec<EntityHit>)> {
    match res {
        None => Some((index.screen_until(query, opts, stop)?, Vec::new())),
        Some(r) => {
            let entities = r.screen_until(index, query, opts, stop)?;
            Some((entities.iter().map(|e| e.best.clone()).collect(), entities))
        }
    }
}

/// Each index record's group for [`Index::screen_grouped`]: its resolved entity's number,
/// or a number of its own where `resolved` does not know it (a snapshot newer than the
/// clusters).
pub fn groups(index: &Index, resolved: &Resolved) -> Vec<u32> {
    (0..index.len())
        .map(|i| {
            index
                .id(i)
                .and_then(|id| resolved.cluster_of_record(id))
                .map_or(u32::MAX - i as u32, |c| c as u32)
        })
        .collect()
}

/// The resolved entities of a grouped screening ([`Index::screen_grouped`] over
/// [`groups`]): canonical id, every record, every listing with its provenance and, where
/// scored, its score.
pub fn entity_hits(index: &Index, resolved: &Resolved, hits: Vec<GroupHit>) -> Vec<EntityHit> {
    hits.into_iter()
        .map(|h| {
            let cluster = resolved
                .cluster_of_record(&h.best.id)
                .and_then(|c| resolved.clusters.get(c));
            let (id, referents) = match cluster {
                Some(c) => (c.id.clone(), c.referents.clone()),
                None => (h.best.id.clone(), vec![h.best.id.clone()]),
            };
            let mut score_of: HashMap<&str, f64> = h
                .others
                .iter()
                .filter_map(|&(i, s)| Some((index.id(i)?, s)))
                .collect();
            score_of.insert(h.best.id.as_str(), h.best.score);
            let mut listings: Vec<Listing> = referents
                .iter()
                .filter_map(|r| {
                    let e = index.get(r)?;
                    Some(Listing::of(&e, score_of.get(r.as_str()).copied()))
                })
                .collect();
            listings.sort_by(|a, b| {
                b.score
                    .unwrap_or(-1.0)
                    .total_cmp(&a.score.unwrap_or(-1.0))
                    .then(a.id.cmp(&b.id))
            });
            EntityHit {
                id,
                best: h.best,
                referents,
                listings,
            }
        })
        .collect()
}
