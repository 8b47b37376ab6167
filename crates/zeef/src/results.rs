//! The shape of screening results in zeef's own JSON (`zeef screen --json`, `zeef batch`):
//! the same as the HTTP `/screen` endpoint's, defined once in `zeef-server`.

use serde_json::Value;
use zeef_matching::ScoredMatch;
use zeef_model::Entity;

/// One result: `{"id", "caption", "schema", "score", "match", "datasets", "explanation"}`.
pub use zeef_server::ScreenResult as ResultRow;
pub use zeef_server::recording::decode_hits;

/// The result rows of hits decoded with [`decode_hits`].
pub fn rows(found: &[(&ScoredMatch, Entity)]) -> Vec<ResultRow> {
    found
        .iter()
        .map(|(h, e)| zeef_server::screen_result(e, h))
        .collect()
}

/// The query as results show it: its schema and (normalised) properties.
pub fn query_json(q: &Entity) -> Value {
    serde_json::to_value(zeef_server::screened_query(q)).unwrap_or(Value::Null)
}
