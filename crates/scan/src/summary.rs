//! Per-entity summary of the mentions found in one or more documents.

use crate::index::ScanIndex;
use crate::scan::Mention;

/// One listed entity and how often the documents mention it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySummary {
    pub entity: u32,
    pub mentions: usize,
    /// Best score of its mentions.
    pub best_score: f64,
    /// Distinct texts as written, in order of first appearance.
    pub texts: Vec<String>,
}

/// Groups mentions by entity, most mentioned first (ties by entity id).
pub fn summarise(index: &ScanIndex, mentions: &[Mention]) -> Vec<EntitySummary> {
    let mut out: Vec<EntitySummary> = Vec::new();
    for m in mentions {
        match out.iter_mut().find(|s| s.entity == m.entity) {
            Some(s) => {
                s.mentions += 1;
                s.best_score = s.best_score.max(m.score);
                if !s.texts.contains(&m.text) {
                    s.texts.push(m.text.clone());
                }
            }
            None => out.push(EntitySummary {
                entity: m.entity,
                mentions: 1,
                best_score: m.score,
                texts: vec![m.text.clone()],
            }),
        }
    }
    let id = |s: &EntitySummary| {
        index
            .entity(s.entity)
            .map(|e| e.id.clone())
            .unwrap_or_default()
    };
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| id(a).cmp(&id(b))));
    out
}
