//! Screening results one per resolved entity: the best-scoring listing's result stands for
//! the entity, and every listing of it (scored or not) comes along with its provenance.

use crate::ids::Resolved;
use serde::Serialize;
use std::collections::HashMap;
use zeef_matching::{GroupHit, Index, ScoredMatch};
use zeef_model::{Entity, Prop};

/// One listing of a resolved entity: a record on one list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listing {
    pub source: String,
    /// The record id, e.g. `un-QDi.017`.
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
