//! Chain entries: how a record or decision becomes a stored row, and how rows are hashed.
//!
//! Each entry has a public JSON part and a personal JSON part. Hashes:
//! - `personal_hash = sha256(canonical personal JSON)`, kept when the personal part is purged;
//! - `payload_hash  = sha256(canonical public JSON || "|" || personal_hash)`;
//! - `hash          = sha256(prev_hash || "|" || seq || "|" || kind || "|" || payload_hash)`.
//!
//! So the chain is H(prev || H(payload)): a purged entry still verifies through its kept
//! `personal_hash`, while its public part (scores, verdicts) stays checked.
//!
//! What every record of a run shares (list snapshot, each source's sha256 and list date,
//! algorithm and threshold) is stored once as a *snapshot block* (`zeef_audit_contexts`:
//! `hash = sha256(json)`), and a record's public JSON names it by that hash (`"context"`), so
//! the record's hash covers the block too: an edited block no longer matches the hash its
//! records name.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::Value;

use crate::canonical::{sha256_hex, sha256_hex_joined};
use crate::decision::{Decision, DecisionPersonal, DecisionPublic};
use crate::error::{AuditError, Result};
use crate::record::{ContextBlock, RecordParts, RecordPersonal, RecordPublic, ScreeningRecord};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub use crate::entry_kind::EntryKind;

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

/// An entry ready to be appended: everything but its place in the chain. Its texts sit in one
/// buffer: one allocation on the thread that prepares it, one free on the writer's.
#[derive(Debug, Clone)]
pub(crate) struct NewEntry {
    pub kind: EntryKind,
    pub entity_id: Option<String>,
    pub alerts: i64,
    /// subject id, timestamp, public JSON, personal JSON, personal hash, payload hash.
    text: String,
    /// Where each of them ends in `text`.
    ends: [usize; 6],
    /// The snapshot block a record refers to (stored with it unless already there).
    pub context: Option<Arc<ContextBlock>>,
}

impl NewEntry {
    fn new(
        kind: EntryKind,
        entity_id: Option<&str>,
        alerts: i64,
        parts: [&str; 6],
        context: Option<Arc<ContextBlock>>,
    ) -> Self {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0; 6];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = text.len();
        }
        NewEntry {
            kind,
            entity_id: entity_id.map(str::to_owned),
            alerts,
            text,
            ends,
            context,
        }
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..self.ends[i]).unwrap_or_default()
    }

    pub fn subject_id(&self) -> &str {
        self.part(0)
    }

    pub fn at(&self) -> &str {
        self.part(1)
    }

    pub fn public_json(&self) -> &str {
        self.part(2)
    }

    pub fn personal_json(&self) -> &str {
        self.part(3)
    }

    pub fn personal_hash(&self) -> &str {
        self.part(4)
    }

    pub fn payload_hash(&self) -> &str {
        self.part(5)
    }
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
    sha256_hex_joined(&[public_json.as_bytes(), personal_hash.as_bytes()])
}

/// Hash of an entry in the chain.
pub(crate) fn entry_hash(prev_hash: &str, seq: i64, kind: &str, payload_hash: &str) -> String {
    let mut digits = [0u8; 20];
    let seq = format_i64(&mut digits, seq);
    sha256_hex_joined(&[
        prev_hash.as_bytes(),
        seq,
        kind.as_bytes(),
        payload_hash.as_bytes(),
    ])
}

/// `seq` in decimal, as `format!("{seq}")` writes it, without allocating.
fn format_i64(buf: &mut [u8; 20], seq: i64) -> &[u8] {
    let mut n = seq.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if seq < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
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
    Ok(NewEntry::new(
        kind,
        entity_id,
        alerts,
        [
            subject_id,
            at,
            &public_json,
            &personal_json,
            &personal_hash,
            &payload_hash,
        ],
        None,
    ))
}

thread_local! {
    /// The snapshot block of the last record prepared on this thread: a run's records share
    /// one, so it is built and hashed once, not per record.
    static LAST_CONTEXT: RefCell<Option<Arc<ContextBlock>>> = const { RefCell::new(None) };
}

/// The snapshot block of `record`, reusing this thread's last one when it fits.
fn context_of(record: &ScreeningRecord) -> Arc<ContextBlock> {
    LAST_CONTEXT.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some(block) if block.fits(&record.snapshot, &record.algorithm) => block.clone(),
            _ => {
                let block = Arc::new(ContextBlock::new(&record.snapshot, &record.algorithm));
                *last = Some(block.clone());
                block
            }
        }
    })
}

impl NewEntry {
    pub fn from_record(record: &ScreeningRecord) -> Result<Self> {
        record.validate()?;
        let context = context_of(record);
        let parts = RecordParts::of(record, &context.hash);
        let personal_hash = sha256_hex(parts.personal_json.as_bytes());
        let payload_hash = payload_hash(&parts.public_json, &personal_hash);
        Ok(NewEntry::new(
            EntryKind::Record,
            None,
            parts.alerts,
            [
                &record.subject.id,
                &parts.screened_at,
                &parts.public_json,
                &parts.personal_json,
                &personal_hash,
                &payload_hash,
            ],
            Some(context),
        ))
    }

    pub fn from_decision(decision: &Decision) -> Result<Self> {
        Self::decision_of_kind(decision, EntryKind::Decision)
    }

    /// A decision proposed for four-eyes approval (not in effect until approved).
    pub fn from_proposal(decision: &Decision) -> Result<Self> {
        if decision.approved_by.is_some() {
            return Err(AuditError::Invalid(format!(
                "proposal on {:?}/{:?}: a proposal is not yet approved",
                decision.subject_id, decision.entity_id
            )));
        }
        Self::decision_of_kind(decision, EntryKind::Proposal)
    }

    fn decision_of_kind(decision: &Decision, kind: EntryKind) -> Result<Self> {
        decision.validate()?;
        let (public, personal) = decision.split(kind);
        new_entry(
            kind,
            &public.subject_id,
            Some(&public.entity_id),
            &public.decided_at,
            0,
            &public,
            &personal,
        )
    }
}

/// Finding a snapshot block: a storage error, or the block, or why it cannot be used.
pub(crate) type BlockLookup = Result<std::result::Result<Arc<ContextBlock>, String>>;

/// A record prepared for appending (`AuditStore::prepare`): its canonical JSON and hashes are
/// computed, so the store's writer only has to insert it. Prepare records on the threads that
/// screen them, then hand them to [`AuditStore::append_prepared`](crate::AuditStore::append_prepared).
#[derive(Debug)]
pub struct PreparedRecord {
    pub(crate) entry: NewEntry,
}

impl PreparedRecord {
    /// The subject id the record is filed under.
    pub fn subject_id(&self) -> &str {
        self.entry.subject_id()
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

    /// The record, joined with the snapshot block it names. `blocks` finds a block by hash:
    /// `Ok(Err(why))` when it is missing or does not match its hash.
    pub fn to_record(&self, blocks: &mut dyn FnMut(&str) -> BlockLookup) -> Result<StoredRecord> {
        let public: RecordPublic = parse_json(self.seq, "public part", &self.public_json)?;
        let personal: Option<RecordPersonal> = match &self.personal_json {
            Some(text) => Some(parse_json(self.seq, "personal part", text)?),
            None => None,
        };
        let corrupt = |message: String| AuditError::Corrupt {
            seq: self.seq,
            message,
        };
        let block = match &public.context {
            Some(hash) => Some(
                blocks(hash)?
                    .map_err(|why| corrupt(format!("its snapshot block {hash}: {why}")))?,
            ),
            None => None,
        };
        let subject_fingerprint = public.subject_fingerprint.clone();
        let record = ScreeningRecord::join(public, personal, block.as_deref().map(|b| &b.context))
            .map_err(|e| corrupt(e.to_string()))?;
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

    /// The public JSON, parsed, when the columns the store queries by say what it says.
    pub fn checked_payload(&self) -> Option<Value> {
        let public = serde_json::from_str::<Value>(&self.public_json).ok()?;
        self.columns_match(&public).then_some(public)
    }

    fn columns_match(&self, public: &Value) -> bool {
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
            Some(EntryKind::Decision | EntryKind::Proposal) => {
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
            let _ = r.to_record(&mut |_| Ok(Err("none".into())));
            let _ = r.to_decision();
            let _ = r.checked_payload();
            let rows = [r];
            let _ = crate::verify::walk(
                |after, _| Ok(rows.iter().filter(|r| r.seq > after).cloned().collect()),
                |_| Ok(None),
            );
        }

        /// Snapshot blocks come from a database too.
        #[test]
        fn reading_arbitrary_blocks_never_panics(hash in "[0-9a-f]{0,64}", json in ".*") {
            let _ = ContextBlock::read(&hash, &json);
            let hashed = sha256_hex(json.as_bytes());
            let _ = ContextBlock::read(&hashed, &json);
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
            entry.public_json().to_owned(),
            Some(entry.personal_json().to_owned()),
            "record",
        );
        assert_eq!(entry.subject_id(), "c");
        r.at = entry.at().to_owned();
        r.alerts = entry.alerts;
        r.subject_id = "c".into();
        let public = r.checked_payload().unwrap_or_default();
        let block = entry.context.clone().unwrap_or_else(|| panic!("no block"));
        assert_eq!(public["context"], block.hash.as_str());
        assert!(
            public.get("snapshot").is_none(),
            "the block is not repeated"
        );
        assert_eq!(
            public["subject_fingerprint"],
            rec.subject.fingerprint().as_str()
        );
        // The personal part: its values in canonical JSON, hashed as stored.
        let candidates: Vec<String> = rec
            .candidates
            .iter()
            .map(|c| {
                format!(
                    "{{\"entity\":{},\"explanation\":{}}}",
                    crate::canonical_json(&c.entity),
                    crate::canonical_json(&c.explanation)
                )
            })
            .collect();
        let expected = format!(
            "{{\"subject_fields\":{},\"candidates\":[{}]}}",
            crate::canonical_json(&rec.subject.fields),
            candidates.join(",")
        );
        assert_eq!(entry.personal_json(), expected);
        assert_eq!(
            entry.personal_hash(),
            sha256_hex(entry.personal_json().as_bytes())
        );
        let read = r.to_record(&mut |hash| {
            Ok(if hash == block.hash {
                Ok(block.clone())
            } else {
                Err("unknown".into())
            })
        });
        assert_eq!(read.map(|s| s.record).ok(), Some(rec.clone()));
        // Without its block, a record does not read back, and says which block it lacks.
        match r.to_record(&mut |_| Ok(Err("it is not in the store".into()))) {
            Err(AuditError::Corrupt { seq: 1, message }) => {
                assert!(message.contains(&block.hash), "{message}")
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[test]
    fn records_of_one_run_share_one_block() {
        let a = NewEntry::from_record(&crate::fixtures::typical_record("a", crate::stamp::now()));
        let b = NewEntry::from_record(&crate::fixtures::typical_record("b", crate::stamp::now()));
        let (Ok(a), Ok(b)) = (a, b) else {
            panic!("records prepared")
        };
        let (Some(x), Some(y)) = (a.context, b.context) else {
            panic!("blocks named")
        };
        assert!(Arc::ptr_eq(&x, &y), "built once");
        let mut other = crate::fixtures::typical_record("c", crate::stamp::now());
        Arc::make_mut(&mut other.algorithm).threshold = 0.75;
        let c = NewEntry::from_record(&other)
            .ok()
            .and_then(|e| e.context)
            .unwrap_or_else(|| panic!("block"));
        assert_ne!(c.hash, x.hash, "another threshold is another block");
        assert!(c.json.contains("0.75"));
    }

    #[test]
    fn seq_digits_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 1234567, i64::MAX, -1, i64::MIN] {
            let mut buf = [0u8; 20];
            assert_eq!(format_i64(&mut buf, n), n.to_string().as_bytes());
        }
    }
}
