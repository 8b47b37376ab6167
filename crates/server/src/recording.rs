//! Screenings as audit records (`zeef-audit`), for the CLI (`--record`) and the server
//! (`zeef serve --record`) alike: where the store is, turning a screening into a
//! `ScreeningRecord`, and committing the records of one HTTP request before it is answered.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::Value;
use zeef_audit::{
    Algorithm, AuditStore, Candidate, ListSnapshot, ScreeningRecord, SourceVersion, Subject,
};
use zeef_lists::DataDir;
use zeef_lists::store::Manifest;
use zeef_matching::{Index, ScoredMatch};
use zeef_model::Entity;

use crate::error::ApiError;

/// Seconds a client is asked to wait after a store failure.
const RETRY_AFTER_SECONDS: u32 = 5;

/// The algorithm name written into every record.
pub const ALGORITHM: &str = "zeef-matching";

/// Where the store is: `--database` / `ZEEF_DATABASE_URL`, else `<data dir>/audit.sqlite`.
pub fn location(data: &DataDir, database: Option<&str>) -> String {
    match database.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => data
            .root()
            .join(AuditStore::SQLITE_FILE_NAME)
            .display()
            .to_string(),
    }
}

/// Whether a store location is a PostgreSQL URL (else it is a SQLite file).
pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the store for writing (a missing SQLite file and its folder are created).
pub fn open_for_writing(data: &DataDir, database: Option<&str>) -> Result<AuditStore> {
    let at = location(data, database);
    if !is_postgres(&at)
        && let Some(dir) = Path::new(&at)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(AuditStore::open(&at)?)
}

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
    serde_json::to_value(crate::screen::screened_query(query)).unwrap_or(Value::Null)
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
                version: env!("CARGO_PKG_VERSION").into(),
                threshold,
            }),
        }
    }

    /// The record of one screening: every candidate with score, explanation and the listed
    /// entity's JSON and fingerprint. Scores are rounded as the output shows them.
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

/// Each hit with its listed entity, decoded from the index once (hits whose entity number is
/// out of range are left out).
pub fn decode_hits<'h>(index: &Index, hits: &'h [ScoredMatch]) -> Vec<(&'h ScoredMatch, Entity)> {
    hits.iter()
        .filter_map(|h| Some((h, index.entity(h.index)?)))
        .collect()
}

/// The subject id of an HTTP query: the caller's id if it gave a non-blank one, else
/// `http:<fallback>` (marked, so it never passes for a caller's own id).
pub fn http_subject_id(given: Option<&str>, fallback: &str) -> String {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id.to_string(),
        None => format!("http:{}", fallback.trim()),
    }
}

/// Commits the records of one request in one transaction, off the async threads. A failure
/// is logged and answered 503: a request is never answered unrecorded.
pub async fn commit(store: Arc<AuditStore>, records: Vec<ScreeningRecord>) -> Result<(), ApiError> {
    if records.is_empty() {
        return Ok(());
    }
    let count = records.len();
    let outcome = tokio::task::spawn_blocking(move || store.append_batch(&records))
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r.map_err(|e| e.to_string()));
    match outcome {
        Ok(_) => Ok(()),
        Err(e) => {
            tracing::error!(error = %e, records = count, "recording the screening failed: answered 503");
            Err(ApiError::unavailable(
                "The screening could not be recorded in the audit store, so it is not answered. Retry later.",
                RETRY_AFTER_SECONDS,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_json_drops_snapshot_fields() {
        let mut e = Entity::new("w-1", zeef_model::Schema::Person, "w");
        e.add(zeef_model::Prop::Name, "Fictional Person");
        let a = entity_json(&e);
        e.provenance.sha256 = Some("abc".into());
        e.provenance.snapshot = Some("20260101T000000Z".into());
        assert_eq!(entity_json(&e), a);
        e.add(zeef_model::Prop::Alias, "F. Person");
        assert_ne!(
            zeef_audit::fingerprint(&entity_json(&e)),
            zeef_audit::fingerprint(&a)
        );
    }

    #[test]
    fn http_subject_ids_prefer_the_callers() {
        assert_eq!(http_subject_id(Some(" cust-7 "), "q1"), "cust-7");
        assert_eq!(http_subject_id(Some("  "), "q1"), "http:q1");
        assert_eq!(http_subject_id(None, "Jane Roe"), "http:Jane Roe");
    }
}
