//! The shape of screening results in zeef's own JSON (`zeef screen --json`, `zeef batch`):
//! the same as the HTTP `/screen` endpoint's, defined once in `zeef-server`.

use serde_json::Value;
use zeef_matching::{Index, ScoredMatch};
use zeef_model::Entity;

/// One result: `{"id", "caption", "schema", "score", "match", "datasets", "explanation"}`.
pub use zeef_server::ScreenResult as ResultRow;

pub fn rows(index: &Index, hits: &[ScoredMatch]) -> Vec<ResultRow> {
    hits.iter()
        .filter_map(|h| Some(zeef_server::screen_result(&index.entity(h.index)?, h)))
        .collect()
}

/// The query as results show it: its schema and (normalised) properties.
pub fn query_json(q: &Entity) -> Value {
    serde_json::to_value(zeef_server::screened_query(q)).unwrap_or(Value::Null)
}
