//! Screening records: who was screened, against which list versions, with which algorithm,
//! and every candidate found.
//!
//! A record splits into a *public* part (ids, list versions, scores, fingerprints) that is kept
//! for good, and a *personal* part (the subject's fields, each candidate's listed-entity JSON and
//! explanation) that `purge` removes once the retention period is over.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::canonical::fingerprint;
use crate::error::{AuditError, Result};
use crate::stamp;

/// The screened party: the caller's id for it (e.g. a customer number) and its fields as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub id: String,
    pub fields: Value,
}

impl Subject {
    pub fn new(id: impl Into<String>, fields: Value) -> Self {
        Subject {
            id: id.into(),
            fields,
        }
    }

    /// SHA-256 of the canonical JSON of the fields: what decisions compare against.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.fields)
    }
}

/// One source list as it was screened against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceVersion {
    /// Source name, e.g. `un`, `ofac_sdn`.
    pub source: String,
    /// SHA-256 of the list file(s) loaded.
    pub sha256: String,
    /// The list's own publication date, where it gives one.
    pub list_date: Option<String>,
}

/// The list snapshot a screening ran against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSnapshot {
    pub id: String,
    pub sources: Vec<SourceVersion>,
}

/// The matching algorithm and its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Algorithm {
    pub name: String,
    pub version: String,
    pub threshold: f64,
}

/// One candidate the screening returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    /// Score at or above the threshold: an alert a reviewer must decide.
    pub is_match: bool,
    /// SHA-256 of the listed entity's record, computed by the caller.
    pub entity_fingerprint: String,
    /// Why it scored as it did (personal data: purged with the record).
    pub explanation: Value,
    /// The relevant listed data, kept to tell later what changed (purged with the record).
    pub entity: Value,
}

/// One screening of one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRecord {
    pub subject: Subject,
    #[serde(with = "stamp::serde_fixed")]
    pub screened_at: OffsetDateTime,
    pub snapshot: ListSnapshot,
    pub algorithm: Algorithm,
    pub candidates: Vec<Candidate>,
}

impl ScreeningRecord {
    /// The candidates that are alerts.
    pub fn matches(&self) -> impl Iterator<Item = &Candidate> {
        self.candidates.iter().filter(|c| c.is_match)
    }

    /// The candidate for `entity_id`, if the screening returned it.
    pub fn candidate(&self, entity_id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.entity_id == entity_id)
    }

    /// Rejects what cannot be stored faithfully (JSON has no NaN) or found again (empty ids).
    pub(crate) fn validate(&self) -> Result<()> {
        let who = &self.subject.id;
        if who.trim().is_empty() {
            return Err(AuditError::Invalid(
                "screening record: empty subject id".into(),
            ));
        }
        if !self.algorithm.threshold.is_finite() {
            return Err(AuditError::Invalid(format!(
                "screening record of {who:?}: threshold is not a finite number"
            )));
        }
        for (i, c) in self.candidates.iter().enumerate() {
            if c.entity_id.trim().is_empty() {
                return Err(AuditError::Invalid(format!(
                    "screening record of {who:?}: candidate {i} has an empty entity id"
                )));
            }
            if !c.score.is_finite() {
                return Err(AuditError::Invalid(format!(
                    "screening record of {who:?}: candidate {} has a score that is not a finite number",
                    c.entity_id
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn split(&self) -> (RecordPublic, RecordPersonal) {
        let public = RecordPublic {
            kind: "record".into(),
            subject_id: self.subject.id.clone(),
            subject_fingerprint: self.subject.fingerprint(),
            screened_at: stamp::format(self.screened_at),
            snapshot: self.snapshot.clone(),
            algorithm: self.algorithm.clone(),
            candidates: self
                .candidates
                .iter()
                .map(|c| CandidatePublic {
                    entity_id: c.entity_id.clone(),
                    caption: c.caption.clone(),
                    score: c.score,
                    is_match: c.is_match,
                    entity_fingerprint: c.entity_fingerprint.clone(),
                })
                .collect(),
        };
        let personal = RecordPersonal {
            subject_fields: self.subject.fields.clone(),
            candidates: self
                .candidates
                .iter()
                .map(|c| CandidatePersonal {
                    entity: c.entity.clone(),
                    explanation: c.explanation.clone(),
                })
                .collect(),
        };
        (public, personal)
    }

    /// Joins the parts back; a purged record (no personal part) gets JSON nulls there.
    pub(crate) fn join(public: RecordPublic, personal: Option<RecordPersonal>) -> Result<Self> {
        let screened_at = stamp::parse(&public.screened_at).map_err(AuditError::Invalid)?;
        let (fields, mut details) = match personal {
            Some(p) => (p.subject_fields, p.candidates.into_iter()),
            None => (Value::Null, Vec::new().into_iter()),
        };
        let candidates = public
            .candidates
            .into_iter()
            .map(|c| {
                let d = details.next().unwrap_or(CandidatePersonal {
                    entity: Value::Null,
                    explanation: Value::Null,
                });
                Candidate {
                    entity_id: c.entity_id,
                    caption: c.caption,
                    score: c.score,
                    is_match: c.is_match,
                    entity_fingerprint: c.entity_fingerprint,
                    explanation: d.explanation,
                    entity: d.entity,
                }
            })
            .collect();
        Ok(ScreeningRecord {
            subject: Subject {
                id: public.subject_id,
                fields,
            },
            screened_at,
            snapshot: public.snapshot,
            algorithm: public.algorithm,
            candidates,
        })
    }
}

/// The part of a record kept for good.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RecordPublic {
    pub kind: String,
    pub subject_id: String,
    pub subject_fingerprint: String,
    pub screened_at: String,
    pub snapshot: ListSnapshot,
    pub algorithm: Algorithm,
    pub candidates: Vec<CandidatePublic>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CandidatePublic {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub is_match: bool,
    pub entity_fingerprint: String,
}

/// The personal part of a record, removed by `purge`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RecordPersonal {
    #[serde(serialize_with = "crate::canonical::serialize_canonical")]
    pub subject_fields: Value,
    pub candidates: Vec<CandidatePersonal>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CandidatePersonal {
    #[serde(serialize_with = "crate::canonical::serialize_canonical")]
    pub entity: Value,
    #[serde(serialize_with = "crate::canonical::serialize_canonical")]
    pub explanation: Value,
}
