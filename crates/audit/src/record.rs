//! Screening records: who was screened, against which list versions, with which algorithm,
//! and every candidate found.
//!
//! A record splits into a *public* part (ids, scores, fingerprints, and the hash of its
//! snapshot block, which holds the list versions and algorithm shared by a run's records) that
//! is kept for good, and a *personal* part (the subject's fields, each candidate's
//! listed-entity JSON and explanation) that `purge` removes once the retention period is over.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::canonical::{fingerprint, sha256_hex, write_canonical};
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
    /// The resolved entity the listing belongs to (its canonical id), where results were
    /// one per resolved entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_id: Option<String>,
    /// The resolved entity's record ids (every listing), where results were one per
    /// resolved entity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
}

/// One screening of one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRecord {
    pub subject: Subject,
    #[serde(with = "stamp::serde_fixed")]
    pub screened_at: OffsetDateTime,
    /// Shared by a run's records (one allocation, not one per record).
    pub snapshot: Arc<ListSnapshot>,
    pub algorithm: Arc<Algorithm>,
    pub candidates: Vec<Candidate>,
}

impl ScreeningRecord {
    /// The candidates that are alerts.
    pub fn matches(&self) -> impl Iterator<Item = &Candidate> {
        self.candidates.iter().filter(|c| c.is_match)
    }

    /// The candidate for `entity_id` (a listed record, or the canonical id of the resolved
    /// entity it stood for), if the screening returned it.
    pub fn candidate(&self, entity_id: &str) -> Option<&Candidate> {
        self.candidates
            .iter()
            .find(|c| c.entity_id == entity_id || c.resolved_id.as_deref() == Some(entity_id))
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

    /// Joins the parts back; a purged record (no personal part) gets JSON nulls there.
    /// `context` is the snapshot block the public part refers to (`None` for a record of the
    /// first layout, which holds its list snapshot and algorithm inline).
    pub(crate) fn join(
        public: RecordPublic,
        personal: Option<RecordPersonal>,
        context: Option<&Context>,
    ) -> Result<Self> {
        let screened_at = stamp::parse(&public.screened_at).map_err(AuditError::Invalid)?;
        let (snapshot, algorithm) = match (context, public.snapshot, public.algorithm) {
            (Some(c), _, _) => (c.snapshot.clone(), c.algorithm.clone()),
            (None, Some(s), Some(a)) => (Arc::new(s), Arc::new(a)),
            _ => {
                return Err(AuditError::Invalid(
                    "the record names no list snapshot and algorithm".into(),
                ));
            }
        };
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
                    resolved_id: c.resolved_id,
                    referents: c.referents,
                }
            })
            .collect();
        Ok(ScreeningRecord {
            subject: Subject {
                id: public.subject_id,
                fields,
            },
            screened_at,
            snapshot,
            algorithm,
            candidates,
        })
    }
}

/// The part of a record kept for good, as read back. Records refer to their snapshot block
/// by its hash (`context`); records of the first layout hold `snapshot` and `algorithm`
/// inline, and still read back.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RecordPublic {
    pub subject_id: String,
    pub subject_fingerprint: String,
    pub screened_at: String,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub snapshot: Option<ListSnapshot>,
    #[serde(default)]
    pub algorithm: Option<Algorithm>,
    pub candidates: Vec<CandidatePublic>,
}

/// The public part as written: borrowed from the record, nothing cloned.
#[derive(Serialize)]
struct RecordPublicOut<'a> {
    kind: &'static str,
    subject_id: &'a str,
    subject_fingerprint: &'a str,
    screened_at: &'a str,
    context: &'a str,
    #[serde(serialize_with = "public_candidates")]
    candidates: &'a [Candidate],
}

fn public_candidates<S: serde::Serializer>(cs: &&[Candidate], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cs.iter().map(|c| CandidatePublicOut {
        entity_id: &c.entity_id,
        caption: &c.caption,
        score: c.score,
        is_match: c.is_match,
        entity_fingerprint: &c.entity_fingerprint,
        resolved_id: c.resolved_id.as_deref(),
        referents: &c.referents,
    }))
}

#[derive(Serialize)]
struct CandidatePublicOut<'a> {
    entity_id: &'a str,
    caption: &'a str,
    score: f64,
    is_match: bool,
    entity_fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_id: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    referents: &'a [String],
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CandidatePublic {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub is_match: bool,
    pub entity_fingerprint: String,
    #[serde(default)]
    pub resolved_id: Option<String>,
    #[serde(default)]
    pub referents: Vec<String>,
}

/// The personal part of a record, removed by `purge`, as read back. Written by
/// [`RecordParts::of`]: `{"subject_fields":…,"candidates":[{"entity":…,"explanation":…}]}`
/// with every value in canonical JSON.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RecordPersonal {
    pub subject_fields: Value,
    pub candidates: Vec<CandidatePersonal>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CandidatePersonal {
    pub entity: Value,
    pub explanation: Value,
}

/// A record's stored text, each part serialized once: the public JSON (naming its snapshot
/// block by hash, with the subject's fingerprint) and the personal JSON.
pub(crate) struct RecordParts {
    /// The fixed-width timestamp the public part holds.
    pub screened_at: String,
    pub public_json: String,
    pub personal_json: String,
    pub alerts: i64,
}

impl RecordParts {
    pub fn of(record: &ScreeningRecord, context_hash: &str) -> Self {
        // The subject's fields are written canonically once: hashed for the fingerprint and
        // copied into the personal part.
        let mut personal = Vec::with_capacity(512);
        personal.extend_from_slice(b"{\"subject_fields\":");
        let fields_at = personal.len();
        write_canonical(&mut personal, &record.subject.fields);
        let subject_fingerprint = sha256_hex(&personal[fields_at..]);
        personal.extend_from_slice(b",\"candidates\":[");
        for (i, c) in record.candidates.iter().enumerate() {
            if i > 0 {
                personal.push(b',');
            }
            personal.extend_from_slice(b"{\"entity\":");
            write_canonical(&mut personal, &c.entity);
            personal.extend_from_slice(b",\"explanation\":");
            write_canonical(&mut personal, &c.explanation);
            personal.push(b'}');
        }
        personal.extend_from_slice(b"]}");
        let screened_at = stamp::format(record.screened_at);
        let public = RecordPublicOut {
            kind: "record",
            subject_id: &record.subject.id,
            subject_fingerprint: &subject_fingerprint,
            screened_at: &screened_at,
            context: context_hash,
            candidates: &record.candidates,
        };
        let mut public_json = Vec::with_capacity(320 + 200 * record.candidates.len());
        // Plain strings, numbers and booleans: serialization cannot fail.
        let _ = serde_json::to_writer(&mut public_json, &public);
        RecordParts {
            screened_at,
            public_json: into_string(public_json),
            personal_json: into_string(personal),
            alerts: record.matches().count() as i64,
        }
    }
}

/// serde_json writes UTF-8 only.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What the records of one screening run share: the list snapshot (each source's version)
/// and the algorithm with its threshold. Stored once, as a *snapshot block*, and referred to
/// from each record by the SHA-256 of its JSON, which the record's own hash covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Context {
    pub snapshot: Arc<ListSnapshot>,
    pub algorithm: Arc<Algorithm>,
}

/// A snapshot block with its stored JSON and hash.
#[derive(Debug)]
pub(crate) struct ContextBlock {
    pub context: Context,
    pub json: String,
    pub hash: String,
}

impl ContextBlock {
    pub fn new(snapshot: &Arc<ListSnapshot>, algorithm: &Arc<Algorithm>) -> Self {
        let context = Context {
            snapshot: snapshot.clone(),
            algorithm: algorithm.clone(),
        };
        // Plain strings and a finite number: serialization cannot fail.
        let json = serde_json::to_string(&context).unwrap_or_default();
        let hash = sha256_hex(json.as_bytes());
        ContextBlock {
            context,
            json,
            hash,
        }
    }

    /// A block read back from the store: its JSON must hash to `hash`.
    pub fn read(hash: &str, json: &str) -> std::result::Result<Self, String> {
        if sha256_hex(json.as_bytes()) != hash {
            return Err("its content does not match its hash".into());
        }
        let context: Context =
            serde_json::from_str(json).map_err(|e| format!("it is not the expected JSON: {e}"))?;
        Ok(ContextBlock {
            context,
            json: json.to_owned(),
            hash: hash.to_owned(),
        })
    }

    /// Whether a record screened against this block (bit for bit: `-0.0` is not `0.0`).
    pub fn fits(&self, snapshot: &Arc<ListSnapshot>, algorithm: &Arc<Algorithm>) -> bool {
        let a = &self.context.algorithm;
        if Arc::ptr_eq(&self.context.snapshot, snapshot) && Arc::ptr_eq(a, algorithm) {
            return true;
        }
        *self.context.snapshot == **snapshot
            && a.name == algorithm.name
            && a.version == algorithm.version
            && a.threshold.to_bits() == algorithm.threshold.to_bits()
    }
}
