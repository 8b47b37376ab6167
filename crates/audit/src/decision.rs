//! Reviewers' decisions on alerts: true match, false positive or escalate.
//!
//! A decision keeps the fingerprints (and JSON) of both sides as the reviewer saw them, so that
//! a false positive stays suppressed only while neither the subject nor the listed entity changes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::entry_kind::EntryKind;
use crate::error::{AuditError, Result};
use crate::stamp;

/// What the reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// A true match: the subject is the listed entity.
    #[serde(rename = "match")]
    Match,
    /// Not the listed entity: suppressed until either side changes.
    #[serde(rename = "false-positive")]
    FalsePositive,
    /// Passed on for a higher review: the alert stays open.
    #[serde(rename = "escalate")]
    Escalate,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::FalsePositive => "false-positive",
            Verdict::Escalate => "escalate",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = AuditError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "match" | "true-match" => Ok(Verdict::Match),
            "false-positive" | "false_positive" | "fp" => Ok(Verdict::FalsePositive),
            "escalate" => Ok(Verdict::Escalate),
            other => Err(AuditError::Invalid(format!(
                "decision {other:?}: expected match, false-positive or escalate"
            ))),
        }
    }
}

/// A recorded decision on one (subject, listed entity) pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub subject_id: String,
    pub entity_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    /// Why (purged with the entry: notes tend to quote the subject's data).
    pub note: String,
    #[serde(with = "stamp::serde_fixed")]
    pub decided_at: OffsetDateTime,
    pub subject_fingerprint: String,
    /// The subject's fields as the reviewer saw them (JSON null once purged).
    pub subject_fields: Value,
    pub entity_fingerprint: String,
    /// The listed entity's JSON as the reviewer saw it (JSON null once purged).
    pub entity: Value,
    /// Of a result that stood for a resolved entity: its canonical id when decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_id: Option<String>,
    /// Of a result that stood for a resolved entity: the record ids it had when decided,
    /// every one of which the decision covers (a record joining it later does not); empty
    /// for a decision on one listed record (`entity_id`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
    /// Under four-eyes review, the second reviewer who approved `reviewer`'s proposal (never
    /// the same person); `None` for a decision taken by one reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
}

impl Decision {
    /// The listed records the decision covers: the resolved entity's records when decided,
    /// else the one record decided.
    pub fn covered(&self) -> impl Iterator<Item = &str> {
        let own = self.referents.is_empty().then_some(self.entity_id.as_str());
        own.into_iter()
            .chain(self.referents.iter().map(String::as_str))
    }
}

/// What a caller gives to `AuditStore::decide`. Whatever is left `None` is taken from the
/// subject's latest screening record (what the reviewer was shown).
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionInput {
    pub subject_id: String,
    pub entity_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    pub note: String,
    /// Defaults to now.
    pub decided_at: Option<OffsetDateTime>,
    /// Fingerprint and fields of the subject; default: the latest record's.
    pub subject: Option<(String, Value)>,
    /// Fingerprint and JSON of the listed entity; default: the latest record's candidate.
    pub entity: Option<(String, Value)>,
}

impl DecisionInput {
    pub fn new(
        subject_id: impl Into<String>,
        entity_id: impl Into<String>,
        verdict: Verdict,
        reviewer: impl Into<String>,
        note: impl Into<String>,
    ) -> Self {
        DecisionInput {
            subject_id: subject_id.into(),
            entity_id: entity_id.into(),
            verdict,
            reviewer: reviewer.into(),
            note: note.into(),
            decided_at: None,
            subject: None,
            entity: None,
        }
    }

    pub fn at(mut self, t: OffsetDateTime) -> Self {
        self.decided_at = Some(t);
        self
    }

    pub fn with_subject(mut self, fingerprint: impl Into<String>, fields: Value) -> Self {
        self.subject = Some((fingerprint.into(), fields));
        self
    }

    pub fn with_entity(mut self, fingerprint: impl Into<String>, entity: Value) -> Self {
        self.entity = Some((fingerprint.into(), entity));
        self
    }
}

impl Decision {
    pub(crate) fn validate(&self) -> Result<()> {
        if self.subject_id.trim().is_empty() || self.entity_id.trim().is_empty() {
            return Err(AuditError::Invalid(
                "decision: empty subject or entity id".into(),
            ));
        }
        if self.reviewer.trim().is_empty() {
            return Err(AuditError::Invalid(format!(
                "decision on {:?}/{:?}: a reviewer must be named",
                self.subject_id, self.entity_id
            )));
        }
        if let Some(approver) = &self.approved_by {
            if approver.trim().is_empty() {
                return Err(AuditError::Invalid(format!(
                    "decision on {:?}/{:?}: an approver must be named",
                    self.subject_id, self.entity_id
                )));
            }
            if same_person(approver, &self.reviewer) {
                return Err(AuditError::SameReviewer {
                    reviewer: self.reviewer.clone(),
                });
            }
        }
        Ok(())
    }

    pub(crate) fn split(&self, kind: EntryKind) -> (DecisionPublic, DecisionPersonal) {
        (
            DecisionPublic {
                kind: kind.as_str().into(),
                subject_id: self.subject_id.clone(),
                entity_id: self.entity_id.clone(),
                verdict: self.verdict,
                reviewer: self.reviewer.clone(),
                decided_at: stamp::format(self.decided_at),
                subject_fingerprint: self.subject_fingerprint.clone(),
                entity_fingerprint: self.entity_fingerprint.clone(),
                resolved_id: self.resolved_id.clone(),
                referents: self.referents.clone(),
                approved_by: self.approved_by.clone(),
            },
            DecisionPersonal {
                note: self.note.clone(),
                subject_fields: self.subject_fields.clone(),
                entity: self.entity.clone(),
            },
        )
    }

    pub(crate) fn join(public: DecisionPublic, personal: Option<DecisionPersonal>) -> Result<Self> {
        let decided_at = stamp::parse(&public.decided_at).map_err(AuditError::Invalid)?;
        let personal = personal.unwrap_or(DecisionPersonal {
            note: String::new(),
            subject_fields: Value::Null,
            entity: Value::Null,
        });
        Ok(Decision {
            subject_id: public.subject_id,
            entity_id: public.entity_id,
            verdict: public.verdict,
            reviewer: public.reviewer,
            note: personal.note,
            decided_at,
            subject_fingerprint: public.subject_fingerprint,
            subject_fields: personal.subject_fields,
            entity_fingerprint: public.entity_fingerprint,
            entity: personal.entity,
            resolved_id: public.resolved_id,
            referents: public.referents,
            approved_by: public.approved_by,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DecisionPublic {
    pub kind: String,
    pub subject_id: String,
    pub entity_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    pub decided_at: String,
    pub subject_fingerprint: String,
    pub entity_fingerprint: String,
    /// Absent (not null and not empty) for a decision on one record, so entries written
    /// before decisions covered resolved entities keep their hashes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referents: Vec<String>,
    /// Absent (not null) for a one-reviewer decision, so entries written before four-eyes
    /// review existed keep their hashes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
}

/// Whether two sign-in names are one person (names compared as people type them: trimmed,
/// case ignored).
pub fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DecisionPersonal {
    pub note: String,
    #[serde(serialize_with = "crate::canonical::serialize_canonical")]
    pub subject_fields: Value,
    #[serde(serialize_with = "crate::canonical::serialize_canonical")]
    pub entity: Value,
}
