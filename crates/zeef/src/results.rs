//! The shape of screening results in zeef's own JSON (`zeef screen --json`, `zeef batch`).

use serde::Serialize;
use serde_json::{Value, json};
use zeef_matching::{Explanation, Index, ScoredMatch};
use zeef_model::Entity;

/// One result: `{"id", "caption", "schema", "score", "match", "datasets", "explanation"}`.
#[derive(Debug, Serialize)]
pub struct ResultRow<'a> {
    pub id: &'a str,
    pub caption: &'a str,
    pub schema: &'a str,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub datasets: Vec<String>,
    pub explanation: &'a Explanation,
}

pub fn rows<'a>(index: &'a Index, hits: &'a [ScoredMatch]) -> Vec<ResultRow<'a>> {
    hits.iter()
        .filter_map(|h| {
            let e = index.entities().get(h.index)?;
            Some(ResultRow {
                id: &e.id,
                caption: e.caption(),
                schema: e.schema.as_str(),
                score: (h.score * 1000.0).round() / 1000.0,
                is_match: h.is_match,
                datasets: e.datasets(),
                explanation: &h.explanation,
            })
        })
        .collect()
}

/// The query as results show it: its schema and (normalised) properties.
pub fn query_json(q: &Entity) -> Value {
    let props: serde_json::Map<String, Value> = q
        .props
        .iter()
        .map(|(p, v)| (p.as_str().to_string(), json!(v)))
        .collect();
    json!({"schema": q.schema.as_str(), "properties": props})
}
