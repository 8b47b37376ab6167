//! Entities as yente returns them: FollowTheMoney JSON (`id`, `caption`, `schema`,
//! `properties`, `datasets`, `referents`, `target`, `first_seen`, `last_seen`,
//! `last_change`), plus zeef's `provenance` (list date, file sha256, snapshot, record ids).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use zeef_matching::{Explanation, ScoredMatch};
use zeef_model::{Entity, Provenance};
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
    /// zeef's provenance: source, list date, file sha256, snapshot, official record ids.
    #[schema(value_type = Object)]
    pub provenance: Provenance,
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
        }
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
        let (features, explanations) = yente_features(&hit.explanation);
        ScoredEntityResponse {
            entity: EntityResponse::new(e, loaded),
            score: round_score(hit.score),
            is_match: hit.score >= threshold,
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
