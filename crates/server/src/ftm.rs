//! Entities as yente returns them: FollowTheMoney JSON (`id`, `caption`, `schema`,
//! `properties`, `datasets`, `referents`, `target`, `first_seen`, `last_seen`,
//! `last_change`), plus zeef's `provenance` (list date, file sha256, snapshot, record ids).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use zeef_matching::{Explanation, ScoredMatch};
use zeef_model::{Entity, Provenance};
use zeef_resolve::{EntityHit, Listing};
use zeef_screening::result::round_score;

use crate::state::Loaded;

/// One entity in FtM shape.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityResponse {
    #[schema(example = "un-QDi.299")]
    pub id: String,
    pub caption: String,
    #[schema(example = "Person")]
    pub schema: String,
    /// Property name -> values, as in FtM.
    #[schema(value_type = Object)]
    pub properties: BTreeMap<String, Vec<String>>,
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
    pub target: bool,
    /// When zeef fetched the list version holding this entity.
    pub first_seen: Option<String>,
    /// When the snapshot served was made.
    pub last_seen: Option<String>,
    /// The list's own date, else its fetch time.
    pub last_change: Option<String>,
    /// zeef's provenance: source, list date, file sha256, snapshot, official record ids (of
    /// a resolved entity: its best-scoring listing's, else its first listing's).
    #[schema(value_type = Object)]
    pub provenance: Provenance,
    /// Of a listed record: the resolved entity it belongs to (its canonical id), where the
    /// snapshot is resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_id: Option<String>,
    /// Of a resolved entity: every listing (source, record id, list date, programme, and
    /// the score of each scored), best-scoring first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listings: Vec<Listing>,
}

impl EntityResponse {
    pub fn new(e: &Entity, loaded: &Loaded) -> EntityResponse {
        let mut properties: BTreeMap<String, Vec<String>> = e
            .props
            .iter()
            .map(|(p, v)| (p.as_str().to_string(), v.clone()))
            .collect();
        for (k, v) in &e.extra {
            properties.insert(k.clone(), v.clone());
        }
        let dates = loaded.dates(&e.provenance.source);
        EntityResponse {
            id: e.id.clone(),
            caption: e.caption().to_string(),
            schema: e.schema.as_str().to_string(),
            properties,
            datasets: e.datasets(),
            referents: Vec::new(),
            target: true,
            first_seen: dates.first_seen,
            last_seen: dates.last_seen,
            last_change: dates.last_change,
            provenance: e.provenance.clone(),
            resolved_id: None,
            listings: Vec::new(),
        }
    }

    /// A listed record, naming the resolved entity it belongs to where there is one.
    pub fn record(e: &Entity, loaded: &Loaded) -> EntityResponse {
        let resolved_id = loaded
            .resolution
            .as_ref()
            .and_then(|r| r.resolved.find(&e.id))
            .map(|c| c.id.clone());
        EntityResponse {
            resolved_id,
            ..EntityResponse::new(e, loaded)
        }
    }

    /// A resolved entity as OpenSanctions publishes one: `id` the canonical id, properties of
    /// every listing merged, `referents` the record ids, `datasets` every list, `listings`;
    /// `members[0]` is the listing it is seen through (the best-scoring one), whose
    /// provenance it carries. Dates span the listings: first seen the earliest, last change
    /// the latest.
    pub fn merged(
        id: &str,
        members: &[Entity],
        listings: Vec<Listing>,
        loaded: &Loaded,
    ) -> Option<EntityResponse> {
        let first = members.first()?;
        let refs: Vec<&Entity> = members.iter().collect();
        let ftm = zeef_resolve::merged::merged_ftm(id, &refs);
        let dates: Vec<_> = members
            .iter()
            .map(|m| loaded.dates(&m.provenance.source))
            .collect();
        Some(EntityResponse {
            id: ftm.id,
            caption: first.caption().to_string(),
            schema: ftm.schema,
            properties: ftm.properties,
            datasets: ftm.datasets,
            referents: ftm.referents,
            target: true,
            first_seen: dates.iter().filter_map(|d| d.first_seen.clone()).min(),
            last_seen: dates.iter().filter_map(|d| d.last_seen.clone()).max(),
            last_change: dates.iter().filter_map(|d| d.last_change.clone()).max(),
            provenance: first.provenance.clone(),
            resolved_id: None,
            listings,
        })
    }

    /// The resolved entity of a screening result: the best listing first.
    pub fn of_hit(hit: &EntityHit, loaded: &Loaded) -> Option<EntityResponse> {
        let best = loaded.index.entity(hit.best.index)?;
        let others: Vec<Entity> = hit
            .referents
            .iter()
            .filter(|r| **r != best.id)
            .filter_map(|r| loaded.index.get(r))
            .collect();
        let members: Vec<Entity> = std::iter::once(best).chain(others).collect();
        EntityResponse::merged(&hit.id, &members, hit.listings.clone(), loaded)
    }

    /// The resolved entity named `id` (a canonical id, or one merged into it), if the
    /// snapshot is resolved and knows it; its listings in record id order.
    pub fn resolved(id: &str, loaded: &Loaded) -> Option<EntityResponse> {
        let res = loaded.resolution.as_ref()?;
        let (canonical, members) = res.members(&loaded.index, id)?;
        let listings = members.iter().map(|m| Listing::of(m, None)).collect();
        EntityResponse::merged(&canonical, &members, listings, loaded)
    }
}

/// One feature's part of a score, as nomenklatura's `FtResult`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeatureResult {
    pub score: f64,
    pub detail: Option<String>,
}

/// A match result: the entity plus its score, yente's `features`/`explanations`, and
/// zeef's full explanation (names aligned part by part).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoredEntityResponse {
    #[serde(flatten)]
    pub entity: EntityResponse,
    pub score: f64,
    /// Whether the score is at or above the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Feature -> contribution to the score.
    #[schema(value_type = Object)]
    pub features: BTreeMap<String, f64>,
    /// Feature -> contribution and one line of plain English.
    #[schema(value_type = Object)]
    pub explanations: BTreeMap<String, FeatureResult>,
    /// zeef's explanation: matched names, part alignment, each feature's effect.
    #[schema(value_type = Object)]
    pub explanation: Value,
}

impl ScoredEntityResponse {
    pub fn new(e: &Entity, hit: &ScoredMatch, threshold: f64, loaded: &Loaded) -> Self {
        ScoredEntityResponse::of(EntityResponse::new(e, loaded), hit, threshold)
    }

    /// `entity` scored as `hit` (its best listing's result, for a resolved entity).
    pub fn of(entity: EntityResponse, hit: &ScoredMatch, threshold: f64) -> Self {
        let (features, explanations) = yente_features(&hit.explanation);
        ScoredEntityResponse {
            entity,
            score: round_score(hit.score),
            is_match: hit.score >= threshold || hit.explanation.is_conflict(),
            features,
            explanations,
            explanation: serde_json::to_value(&hit.explanation).unwrap_or(Value::Null),
        }
    }
}

/// zeef's feature list as yente's two maps; repeated features (two identifiers) add up.
pub fn yente_features(x: &Explanation) -> (BTreeMap<String, f64>, BTreeMap<String, FeatureResult>) {
    let mut explanations: BTreeMap<String, FeatureResult> = BTreeMap::new();
    for f in &x.features {
        let slot = explanations
            .entry(f.feature.clone())
            .or_insert(FeatureResult {
                score: 0.0,
                detail: None,
            });
        slot.score = round_score(slot.score + f.contribution);
        slot.detail = Some(match slot.detail.take() {
            Some(d) => format!("{d}; {}", f.detail),
            None => f.detail.clone(),
        });
    }
    let features = explanations
        .iter()
        .map(|(k, v)| (k.clone(), v.score))
        .collect();
    (features, explanations)
}
