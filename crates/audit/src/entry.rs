//! Chain entries: how a record or decision becomes a stored row, and how rows are hashed.
//!
//! Each entry has a public JSON part and a personal JSON part. Hashes:
//! - `personal_hash = sha256(canonical personal JSON)`, kept when the personal part is purged;
//! - `payload_hash  = sha256(canonical public JSON || "|" || personal_hash)`;
//! - `hash          = sha256(prev_hash || "|" || seq || "|" || kind || "|" || payload_hash)`.
//!
//! So the chain is H(prev || H(payload)): a purged entry still verifies through its kept
//! `personal_hash`, while its public part (list versions, scores, verdicts) stays checked.

use std::fmt;

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::Value;

use crate::canonical::sha256_hex;
use crate::decision::{Decision, DecisionPersonal, DecisionPublic};
use crate::error::{AuditError, Result};
use crate::record::{RecordPersonal, RecordPublic, ScreeningRecord};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Record,
    Decision,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Record => "record",
            EntryKind::Decision => "decision",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "record" => Some(EntryKind::Record),
            "decision" => Some(EntryKind::Decision),
            _ => None,
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The chain head: write it down elsewhere (a ticket, an e-mail, a printed report) so that a
/// later rewrite of the whole chain can be caught with `AuditStore::verify_against`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

impl fmt::Display for ChainHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {}", self.seq, self.hash)
    }
}

/// An entry ready to be appended: everything but its place in the chain.
#[derive(Debug, Clone)]
pub(crate) struct NewEntry {
    pub kind: EntryKind,
    pub subject_id: String,
    pub entity_id: Option<String>,
    pub at: String,
    pub alerts: i64,
    pub public_json: String,
    pub personal_json: String,
    pub personal_hash: String,
    pub payload_hash: String,
}

/// One stored row, as read back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntryRow {
    pub seq: i64,
    pub kind: String,
    pub subject_id: String,
    pub entity_id: Option<String>,
    pub at: String,
    pub alerts: i64,
    pub public_json: String,
    pub personal_json: Option<String>,
    pub personal_hash: String,
    pub payload_hash: String,
    pub prev_hash: String,
    pub hash: String,
    pub purged_at: Option<String>,
}

/// Hash of the payload from its public JSON text and the personal part's hash.
pub(crate) fn payload_hash(public_json: &str, personal_hash: &str) -> String {
    sha256_hex(format!("{public_json}|{personal_hash}").as_bytes())
}

/// Hash of an entry in the chain.
pub(crate) fn entry_hash(prev_hash: &str, seq: i64, kind: &str, payload_hash: &str) -> String {
    sha256_hex(format!("{prev_hash}|{seq}|{kind}|{payload_hash}").as_bytes())
}

/// Entry structs have fixed field order and write their JSON values canonically.
fn to_canonical<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| AuditError::Invalid(format!("cannot turn entry into JSON: {e}")))
}

fn new_entry<P: Serialize, Q: Serialize>(
    kind: EntryKind,
    subject_id: &str,
    entity_id: Option<&str>,
    at: &str,
    alerts: i64,
    public: &P,
    personal: &Q,
) -> Result<NewEntry> {
    let public_json = to_canonical(public)?;
    let personal_json = to_canonical(personal)?;
    let personal_hash = sha256_hex(personal_json.as_bytes());
    let payload_hash = payload_hash(&public_json, &personal_hash);
    Ok(NewEntry {
        kind,
        subject_id: subject_id.to_owned(),
        entity_id: entity_id.map(str::to_owned),
        at: at.to_owned(),
        alerts,
        public_json,
        personal_json,
        personal_hash,
        payload_hash,
    })
}

impl NewEntry {
    pub fn from_record(record: &ScreeningRecord) -> Result<Self> {
        record.validate()?;
        let (public, personal) = record.split();
        let alerts = public.candidates.iter().filter(|c| c.is_match).count() as i64;
        new_entry(
            EntryKind::Record,
            &public.subject_id,
            None,
            &public.screened_at,
            alerts,
            &public,
            &personal,
        )
    }

    pub fn from_decision(decision: &Decision) -> Result<Self> {
        decision.validate()?;
        let (public, personal) = decision.split();
        new_entry(
            EntryKind::Decision,
            &public.subject_id,
            Some(&public.entity_id),
            &public.decided_at,
            0,
            &public,
            &personal,
        )
    }
}

/// A record as read back, with its place in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub seq: i64,
    pub hash: String,
    /// The personal part was removed by `purge` (fields, entity JSON, explanations are null).
    pub purged: bool,
    pub subject_fingerprint: String,
    pub record: ScreeningRecord,
}

/// A decision as read back, with its place in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDecision {
    pub seq: i64,
    pub hash: String,
    pub purged: bool,
    pub decision: Decision,
}

fn parse_json<T: DeserializeOwned>(seq: i64, what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| AuditError::Corrupt {
        seq,
        message: format!("{what} is not the expected JSON: {e}"),
    })
}

impl EntryRow {
    pub fn entry_kind(&self) -> Option<EntryKind> {
        EntryKind::parse(&self.kind)
    }

    pub fn to_record(&self) -> Result<StoredRecord> {
        let public: RecordPublic = parse_json(self.seq, "public part", &self.public_json)?;
        let personal: Option<RecordPersonal> = match &self.personal_json {
            Some(text) => Some(parse_json(self.seq, "personal part", text)?),
            None => None,
        };
        let subject_fingerprint = public.subject_fingerprint.clone();
        let record = ScreeningRecord::join(public, personal).map_err(|e| AuditError::Corrupt {
            seq: self.seq,
            message: e.to_string(),
        })?;
        Ok(StoredRecord {
            seq: self.seq,
            hash: self.hash.clone(),
            purged: self.personal_json.is_none(),
            subject_fingerprint,
            record,
        })
    }

    pub fn to_decision(&self) -> Result<StoredDecision> {
        let public: DecisionPublic = parse_json(self.seq, "public part", &self.public_json)?;
        let personal: Option<DecisionPersonal> = match &self.personal_json {
            Some(text) => Some(parse_json(self.seq, "personal part", text)?),
            None => None,
        };
        let decision = Decision::join(public, personal).map_err(|e| AuditError::Corrupt {
            seq: self.seq,
            message: e.to_string(),
        })?;
        Ok(StoredDecision {
            seq: self.seq,
            hash: self.hash.clone(),
            purged: self.personal_json.is_none(),
            decision,
        })
    }

    /// The columns the store queries by must say what the hashed public JSON says.
    pub fn columns_match_payload(&self) -> bool {
        let Ok(public) = serde_json::from_str::<Value>(&self.public_json) else {
            return false;
        };
        let text = |key: &str| public.get(key).and_then(Value::as_str);
        let kind = EntryKind::parse(&self.kind);
        if text("kind") != Some(self.kind.as_str()) || text("subject_id") != Some(&self.subject_id)
        {
            return false;
        }
        match kind {
            Some(EntryKind::Record) => {
                let alerts = public
                    .get("candidates")
                    .and_then(Value::as_array)
                    .map(|cs| {
                        cs.iter()
                            .filter(|c| c.get("is_match") == Some(&Value::Bool(true)))
                            .count() as i64
                    });
                self.entity_id.is_none()
                    && text("screened_at") == Some(&self.at)
                    && alerts == Some(self.alerts)
            }
            Some(EntryKind::Decision) => {
                self.entity_id.as_deref() == text("entity_id")
                    && text("decided_at") == Some(&self.at)
                    && self.alerts == 0
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(public_json: String, personal_json: Option<String>, kind: &str) -> EntryRow {
        EntryRow {
            seq: 1,
            kind: kind.to_owned(),
            subject_id: "s".into(),
            entity_id: None,
            at: "x".into(),
            alerts: 0,
            public_json,
            personal_json,
            personal_hash: String::new(),
            payload_hash: String::new(),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
            purged_at: None,
        }
    }

    proptest::proptest! {
        /// Rows come from a database someone may have edited: reading them never panics.
        #[test]
        fn reading_arbitrary_rows_never_panics(public in ".*", personal in proptest::option::of(".*"), kind in "(record|decision|x)") {
            let r = row(public, personal, &kind);
            let _ = r.to_record();
            let _ = r.to_decision();
            let _ = r.columns_match_payload();
            let rows = [r];
            let _ = crate::verify::walk(|after, _| Ok(rows.iter().filter(|r| r.seq > after).cloned().collect()));
        }

        #[test]
        fn parsing_arbitrary_timestamps_never_panics(text in ".*") {
            let _ = crate::stamp::parse(&text);
        }
    }

    #[test]
    fn stored_json_reads_back_exactly() {
        let rec = crate::fixtures::typical_record("c", crate::stamp::now());
        let entry = NewEntry::from_record(&rec).unwrap_or_else(|e| panic!("{e}"));
        let mut r = row(
            entry.public_json.clone(),
            Some(entry.personal_json.clone()),
            "record",
        );
        r.at = entry.at.clone();
        r.alerts = entry.alerts;
        r.subject_id = "c".into();
        assert!(r.columns_match_payload());
        assert_eq!(r.to_record().map(|s| s.record).ok(), Some(rec));
    }
}
