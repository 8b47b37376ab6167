//! The shape of screening results that `zeef screen --json`, `zeef batch` and HTTP `/screen`
//! print: the query as screened, and one row per listed entity with its score and
//! explanation.

use std::collections::BTreeMap;

use serde::Serialize;
use zeef_graph::LinkNote;
use zeef_matching::{Explanation, Index, ScoredMatch};
use zeef_model::{Entity, Identification};
use zeef_resolve::{EntityHit, Listing};

use crate::query;

/// The columns of a batch's alerts as CSV (`zeef batch --format csv`, the web application's
/// download): one line per alert.
pub const BATCH_CSV_HEADER: &str = "row,id,query_name,score,entity_id,caption,schema,datasets,matched_name,matched_property,explanation";

/// One result: `{"id", "caption", "schema", "score", "match", "datasets", "explanation"}`,
/// for a resolved entity `record_id`, `referents` and `listings`, and for a party the lists
/// link to others `links`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenResult {
    /// The resolved entity's canonical id (`zeef-…`), or the record id of a result by record.
    pub id: String,
    pub caption: String,
    pub schema: String,
    /// Rounded as [`round_score`] does.
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Every list naming the entity.
    pub datasets: Vec<String>,
    /// The best-scoring listing's explanation.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub explanation: Explanation,
    /// A resolved entity's best-scoring record (the one explained).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// A resolved entity's record ids, ascending.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
    /// A resolved entity's listings (source, record id, list date, programme, and the score
    /// of each scored), best-scoring first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listings: Vec<Listing>,
    /// The parties the lists link this one to (owners, subsidiaries, "Linked To"), listed
    /// ones first; see [`crate::linked::note_links`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkNote>,
}

impl ScreenResult {
    /// This row named by the resolved entity `e` it is the best listing of.
    pub fn name_by_entity(&mut self, e: &EntityHit) {
        self.id = e.id.clone();
        let mut sources: Vec<String> = e.listings.iter().map(|l| l.source.clone()).collect();
        sources.sort_unstable();
        sources.dedup();
        self.datasets = sources;
        self.record_id = Some(e.best.id.clone());
        self.referents = e.referents.clone();
        self.listings = e.listings.clone();
    }
}

/// Rows named by their resolved entities (`entities[i]` is `rows[i]`'s).
pub fn name_by_entities(rows: &mut [ScreenResult], entities: &[EntityHit]) {
    for (row, e) in rows.iter_mut().zip(entities) {
        row.name_by_entity(e);
    }
}

/// The query as screened: its schema and normalised properties.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenedQuery {
    pub schema: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub properties: BTreeMap<String, Vec<String>>,
    /// The issuing countries the query gives its identifier numbers (`property`, `number`,
    /// `country`); left out when none is given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub identifications: Vec<Identification>,
}

/// One query and its results.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreenResponse {
    pub query: ScreenedQuery,
    pub results: Vec<ScreenResult>,
    /// The snapshot screened against, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
}

/// A score as results show it: four decimals.
pub fn round_score(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}

/// The query as results show it.
pub fn screened_query(query: &Entity) -> ScreenedQuery {
    ScreenedQuery {
        schema: query.schema.as_str().to_string(),
        properties: query::properties(query),
        identifications: query.identifications.clone(),
    }
}

/// One result row of a hit whose listed entity is `listed`.
pub fn screen_result(listed: &Entity, hit: &ScoredMatch) -> ScreenResult {
    ScreenResult {
        id: listed.id.clone(),
        caption: listed.caption().to_string(),
        schema: listed.schema.as_str().to_string(),
        score: round_score(hit.score),
        is_match: hit.is_match,
        datasets: listed.datasets(),
        explanation: hit.explanation.clone(),
        record_id: None,
        referents: Vec::new(),
        listings: Vec::new(),
        links: Vec::new(),
    }
}

/// Each hit with its listed entity, decoded from the index once (hits whose entity number is
/// out of range are left out).
pub fn decode_hits<'h>(index: &Index, hits: &'h [ScoredMatch]) -> Vec<(&'h ScoredMatch, Entity)> {
    hits.iter()
        .filter_map(|h| Some((h, index.entity(h.index)?)))
        .collect()
}

/// The result rows of hits decoded with [`decode_hits`].
pub fn screen_results(found: &[(&ScoredMatch, Entity)]) -> Vec<ScreenResult> {
    found.iter().map(|(h, e)| screen_result(e, h)).collect()
}

/// One screening's response: the query and each hit (listed entities decoded from `index`).
pub fn screen_response(index: &Index, query: &Entity, hits: &[ScoredMatch]) -> ScreenResponse {
    ScreenResponse {
        query: screened_query(query),
        results: screen_results(&decode_hits(index, hits)),
        snapshot: None,
    }
}

/// One screening's response one result per resolved entity: each entity's best listing's
/// result, named by the entity.
pub fn entity_response(index: &Index, query: &Entity, entities: &[EntityHit]) -> ScreenResponse {
    let hits: Vec<ScoredMatch> = entities.iter().map(|e| e.best.clone()).collect();
    let mut resp = screen_response(index, query, &hits);
    name_by_entities(&mut resp.results, entities);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_matching::ScreenOptions;
    use zeef_model::{Prop, Schema};

    #[test]
    fn a_response_names_the_query_and_each_hit() {
        let mut listed = Entity::new("x-1", Schema::Person, "x");
        listed.add(Prop::Name, "Fictional Wendelin Brandt");
        let index = Index::build(vec![listed]);
        let mut q = Entity::new("query", Schema::Person, query::QUERY_SOURCE);
        q.add(Prop::Name, "Fictional Wendelin Brandt");
        let hits = index.screen(&q, &ScreenOptions::default());
        let json = serde_json::to_value(screen_response(&index, &q, &hits)).unwrap();
        assert_eq!(json["query"]["schema"], "Person");
        assert_eq!(json["results"][0]["id"], "x-1");
        assert_eq!(json["results"][0]["match"], true);
        assert_eq!(json["results"][0]["datasets"][0], "x");
        assert!(json.get("snapshot").is_none());
    }

    #[test]
    fn scores_show_four_decimals() {
        assert_eq!(round_score(0.123_456), 0.1235);
        assert_eq!(round_score(1.0), 1.0);
    }
}
