//! Screenings as audit records (`zeef-audit`): what every record of a run shares (the list
//! snapshot, the algorithm, the threshold) and one record per screened subject, with every
//! candidate's score, explanation and listed entity. The CLI (`--record`) and the HTTP
//! service (`serve --record`) build records here alike; committing them is theirs.

use std::sync::Arc;

use serde_json::Value;
use zeef_audit::{Algorithm, Candidate, ListSnapshot, ScreeningRecord, SourceVersion, Subject};
use zeef_lists::store::Manifest;
use zeef_matching::{Index, ScoredMatch};
use zeef_model::Entity;
use zeef_resolve::EntityHit;

use crate::algorithm::{ALGORITHM, SOFTWARE_VERSION};
use crate::result::{decode_hits, screened_query};

/// The listed entity as recorded: its FtM JSON without what belongs to the snapshot rather
/// than to the entry (file hash, snapshot id, list date), so that an update that leaves the
/// entry alone leaves its fingerprint alone too.
pub fn entity_json(e: &Entity) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Some(p) = v.get_mut("provenance").and_then(Value::as_object_mut) {
        for volatile in ["sha256", "snapshot", "list_date"] {
            p.remove(volatile);
        }
    }
    v
}

/// The subject fields recorded for a query entity: the query as results show it.
pub fn query_fields(query: &Entity) -> Value {
    serde_json::to_value(screened_query(query)).unwrap_or(Value::Null)
}

/// What every record of one run (or one query) shares: the list snapshot and the algorithm.
#[derive(Debug, Clone)]
pub struct RecordContext {
    pub snapshot: Arc<ListSnapshot>,
    pub algorithm: Arc<Algorithm>,
}

impl RecordContext {
    /// From the snapshot manifest; with `sources`, only the sources screened against.
    pub fn new(manifest: &Manifest, sources: Option<&[String]>, threshold: f64) -> Self {
        let sources = manifest
            .sources
            .iter()
            .filter(|s| sources.is_none_or(|only| only.contains(&s.source)))
            .map(|s| SourceVersion {
                source: s.source.clone(),
                sha256: s.sha256.clone(),
                list_date: s.list_date.clone(),
            })
            .collect();
        RecordContext {
            snapshot: Arc::new(ListSnapshot {
                id: manifest.id.clone(),
                sources,
            }),
            algorithm: Arc::new(Algorithm {
                name: ALGORITHM.into(),
                version: SOFTWARE_VERSION.into(),
                threshold,
            }),
        }
    }

    /// The record of one screening: every candidate with score, explanation and the listed
    /// entity's JSON and fingerprint. Scores are rounded to three decimals.
    pub fn record(
        &self,
        subject_id: &str,
        fields: Value,
        index: &Index,
        hits: &[ScoredMatch],
    ) -> ScreeningRecord {
        self.record_found(subject_id, fields, &decode_hits(index, hits))
    }

    /// [`RecordContext::record`] of hits whose listed entities the caller has decoded.
    pub fn record_found(
        &self,
        subject_id: &str,
        fields: Value,
        found: &[(&ScoredMatch, Entity)],
    ) -> ScreeningRecord {
        let candidates = found
            .iter()
            .map(|(h, e)| {
                let entity = entity_json(e);
                Candidate {
                    entity_id: e.id.clone(),
                    caption: e.caption().to_string(),
                    score: (h.score * 1000.0).round() / 1000.0,
                    is_match: h.is_match,
                    entity_fingerprint: zeef_audit::fingerprint(&entity),
                    explanation: serde_json::to_value(&h.explanation).unwrap_or(Value::Null),
                    entity,
                    resolved_id: None,
                    referents: Vec::new(),
                }
            })
            .collect();
        ScreeningRecord {
            subject: Subject::new(subject_id, fields),
            screened_at: zeef_audit::now(),
            snapshot: self.snapshot.clone(),
            algorithm: self.algorithm.clone(),
            candidates,
        }
    }
}

/// Names each candidate of `record` by the resolved entity it is the best listing of
/// (`entities[i]` is candidate `i`'s): its canonical id and every record id, so that the trail
/// says which entity and which listings.
pub fn name_entities(record: &mut ScreeningRecord, entities: &[EntityHit]) {
    for (c, e) in record.candidates.iter_mut().zip(entities) {
        c.resolved_id = Some(e.id.clone());
        c.referents = e.referents.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::{Prop, Schema};

    #[test]
    fn entity_json_drops_snapshot_fields() {
        let mut e = Entity::new("w-1", Schema::Person, "w");
        e.add(Prop::Name, "Fictional Person");
        let a = entity_json(&e);
        e.provenance.sha256 = Some("abc".into());
        e.provenance.snapshot = Some("20260101T000000Z".into());
        assert_eq!(entity_json(&e), a);
        e.add(Prop::Alias, "F. Person");
        assert_ne!(
            zeef_audit::fingerprint(&entity_json(&e)),
            zeef_audit::fingerprint(&a)
        );
    }
}
