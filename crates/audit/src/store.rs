//! `AuditStore`: the one entry point. Opens a backend and implements appending, deciding,
//! verification, purging, open alerts, suppression and reports once for both databases.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use time::{Date, OffsetDateTime};

use crate::alerts::{self, OpenAlert, SuppressionQuery, SuppressionState};
use crate::backend::{self, Backend, Param, SELECT_CONTEXT, select};
use crate::decision::{Decision, DecisionInput};
use crate::entry::{
    BlockLookup, ChainHead, EntryKind, EntryRow, NewEntry, PreparedRecord, StoredDecision,
    StoredRecord,
};
use crate::error::{AuditError, BreakKind, ChainBreak, Result};
use crate::record::{ContextBlock, ScreeningRecord};
use crate::report::{self, Report};
use crate::stamp;
use crate::verify::{self, Verified};

/// Upper bound of "all time" in the stored timestamp form.
const END_OF_TIME: &str = "9999-12-31T23:59:59.999999Z";

/// The audit store. Cheap to share between threads (`&self` everywhere; one connection
/// behind a mutex). Every write is acknowledged only after its transaction committed.
pub struct AuditStore {
    db: Mutex<Box<dyn Backend>>,
    /// Snapshot blocks read back, by hash (checked against it when read; never change).
    blocks: Mutex<HashMap<String, Arc<ContextBlock>>>,
}

impl std::fmt::Debug for AuditStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditStore")
    }
}

impl AuditStore {
    /// The file name to use for a SQLite store inside zeef's data directory.
    pub const SQLITE_FILE_NAME: &'static str = "audit.sqlite";

    /// Opens `location`: a `postgres://` / `postgresql://` URL, or else a SQLite file path
    /// (created if missing).
    pub fn open(location: &str) -> Result<Self> {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            Self::open_postgres(location)
        } else {
            Self::open_sqlite(Path::new(location))
        }
    }

    /// Opens (or creates) a SQLite store in WAL mode at `path`.
    pub fn open_sqlite(path: &Path) -> Result<Self> {
        Ok(Self::with(backend::sqlite::Sqlite::open(path)?))
    }

    /// Connects to PostgreSQL and creates the tables in the default schema if needed.
    pub fn open_postgres(url: &str) -> Result<Self> {
        Ok(Self::with(backend::postgres::Postgres::open(url, None)?))
    }

    /// Connects to PostgreSQL and works in `schema` (created if missing).
    pub fn open_postgres_in_schema(url: &str, schema: &str) -> Result<Self> {
        Ok(Self::with(backend::postgres::Postgres::open(
            url,
            Some(schema),
        )?))
    }

    fn with(db: impl Backend + 'static) -> Self {
        AuditStore {
            db: Mutex::new(Box::new(db)),
            blocks: Mutex::new(HashMap::new()),
        }
    }

    fn db(&self) -> Result<MutexGuard<'_, Box<dyn Backend>>> {
        self.db.lock().map_err(|_| AuditError::Poisoned)
    }

    fn rows(&self, where_clause: &str, params: &[Param]) -> Result<Vec<EntryRow>> {
        self.db()?.rows(&select(where_clause), params)
    }

    /// A snapshot block's JSON as stored, `None` when it is not there.
    fn block_json(&self, hash: &str) -> Result<Option<String>> {
        let mut found = self.db()?.texts(SELECT_CONTEXT, &[Param::Str(hash)])?;
        Ok(found.pop())
    }

    /// A snapshot block for reading records, checked against its hash once and kept.
    fn block(&self, hash: &str) -> BlockLookup {
        let cached = self
            .blocks
            .lock()
            .map_err(|_| AuditError::Poisoned)?
            .get(hash)
            .cloned();
        if let Some(block) = cached {
            return Ok(Ok(block));
        }
        let Some(json) = self.block_json(hash)? else {
            return Ok(Err("it is not in the store".into()));
        };
        match ContextBlock::read(hash, &json) {
            Ok(block) => {
                let block = Arc::new(block);
                self.blocks
                    .lock()
                    .map_err(|_| AuditError::Poisoned)?
                    .insert(hash.to_owned(), block.clone());
                Ok(Ok(block))
            }
            Err(why) => Ok(Err(why)),
        }
    }

    fn to_record(&self, row: &EntryRow) -> Result<StoredRecord> {
        row.to_record(&mut |hash| self.block(hash))
    }

    // ----- writing -----

    /// Appends one screening record; returns its place in the chain once committed.
    pub fn append(&self, record: &ScreeningRecord) -> Result<ChainHead> {
        let mut heads = self.append_batch(std::slice::from_ref(record))?;
        heads
            .pop()
            .ok_or_else(|| AuditError::Invalid("append wrote nothing".into()))
    }

    /// Appends many records in one transaction (one commit, one fsync): use it for batch
    /// screening. All or none are written; the heads come back in input order.
    pub fn append_batch(&self, records: &[ScreeningRecord]) -> Result<Vec<ChainHead>> {
        // Canonical JSON and payload hashes are computed before taking the lock.
        let entries = records
            .iter()
            .map(NewEntry::from_record)
            .collect::<Result<Vec<_>>>()?;
        backend::append(self.db()?.as_mut(), entries)
    }

    /// Checks a record and computes what `append_prepared` stores (canonical JSON, hashes,
    /// its snapshot block): the CPU work of appending, done on the caller's thread, so that
    /// screening threads can share it and the writer only inserts.
    pub fn prepare(record: &ScreeningRecord) -> Result<PreparedRecord> {
        Ok(PreparedRecord {
            entry: NewEntry::from_record(record)?,
        })
    }

    /// `append_batch` for prepared records: one transaction, heads in input order.
    pub fn append_prepared(&self, records: Vec<PreparedRecord>) -> Result<Vec<ChainHead>> {
        let entries = records.into_iter().map(|r| r.entry).collect();
        backend::append(self.db()?.as_mut(), entries)
    }

    /// Records a reviewer's decision. Fingerprints and JSON not given in `input` are taken
    /// from the subject's latest screening, which must list the entity as a candidate.
    pub fn decide(&self, input: DecisionInput) -> Result<StoredDecision> {
        let decision = self.decision_of(input)?;
        self.write_decision(decision, EntryKind::Decision)
    }

    /// Records a decision proposed under four-eyes review, as `decide` would take it; it is
    /// not in effect (the alert stays open) until another reviewer calls `approve`. A newer
    /// proposal on the same pair replaces a waiting one.
    pub fn propose(&self, input: DecisionInput) -> Result<StoredDecision> {
        let decision = self.decision_of(input)?;
        self.write_decision(decision, EntryKind::Proposal)
    }

    /// Approves the proposal waiting on (`subject_id`, `entity_id`): appends the decision it
    /// proposed, naming its proposer as reviewer and `approver` beside, in effect from now.
    /// `seq`, when given, is the proposal the approver saw: a proposal replaced since is not
    /// approved. The proposer cannot approve their own proposal (`SameReviewer`).
    pub fn approve(
        &self,
        subject_id: &str,
        entity_id: &str,
        seq: Option<i64>,
        approver: &str,
    ) -> Result<StoredDecision> {
        let none = || AuditError::NoProposal {
            subject_id: subject_id.to_owned(),
            entity_id: entity_id.to_owned(),
            seq,
        };
        let proposal = self
            .pending_proposal(subject_id, entity_id)?
            .ok_or_else(none)?;
        if seq.is_some_and(|s| s != proposal.seq) {
            return Err(none());
        }
        let mut decision = proposal.decision;
        decision.approved_by = Some(approver.trim().to_owned());
        decision.decided_at = stamp::normalize(stamp::now());
        self.write_decision(decision, EntryKind::Decision)
    }

    /// The proposal on a pair still waiting for approval: the newest proposal, when no
    /// decision was recorded after it.
    pub fn pending_proposal(
        &self,
        subject_id: &str,
        entity_id: &str,
    ) -> Result<Option<StoredDecision>> {
        let rows = self.rows(
            "WHERE kind = 'proposal' AND subject_id = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1",
            &[Param::Text(subject_id.to_owned()), Param::Text(entity_id.to_owned())],
        )?;
        let Some(proposal) = rows.first().map(EntryRow::to_decision).transpose()? else {
            return Ok(None);
        };
        let decided = self.latest_decision(subject_id, entity_id)?;
        Ok(decided
            .is_none_or(|d| d.seq < proposal.seq)
            .then_some(proposal))
    }

    /// Every proposal waiting for approval, oldest first.
    pub fn pending_proposals(&self) -> Result<Vec<StoredDecision>> {
        let proposals = self.rows(
            "WHERE seq IN (SELECT MAX(seq) FROM zeef_audit_entries \
             WHERE kind = 'proposal' GROUP BY subject_id, entity_id) ORDER BY seq",
            &[],
        )?;
        let decisions = self.rows(
            "WHERE seq IN (SELECT MAX(seq) FROM zeef_audit_entries \
             WHERE kind = 'decision' GROUP BY subject_id, entity_id)",
            &[],
        )?;
        let decided: HashMap<(&str, Option<&str>), i64> = decisions
            .iter()
            .map(|r| ((r.subject_id.as_str(), r.entity_id.as_deref()), r.seq))
            .collect();
        proposals
            .iter()
            .filter(|p| {
                decided
                    .get(&(p.subject_id.as_str(), p.entity_id.as_deref()))
                    .is_none_or(|&d| d < p.seq)
            })
            .map(EntryRow::to_decision)
            .collect()
    }

    /// The decision `input` describes, its missing sides taken from the latest screening.
    fn decision_of(&self, input: DecisionInput) -> Result<Decision> {
        let latest = self.latest_record(&input.subject_id)?;
        let candidate = latest
            .as_ref()
            .and_then(|r| r.record.candidate(&input.entity_id));
        let unknown = || AuditError::UnknownAlert {
            subject_id: input.subject_id.clone(),
            entity_id: input.entity_id.clone(),
        };
        let (Some(latest), Some(candidate)) = (latest.as_ref(), candidate) else {
            return Err(unknown());
        };
        let (subject_fingerprint, subject_fields) = input.subject.clone().unwrap_or_else(|| {
            (
                latest.subject_fingerprint.clone(),
                latest.record.subject.fields.clone(),
            )
        });
        let (entity_fingerprint, entity) = input.entity.clone().unwrap_or_else(|| {
            (
                candidate.entity_fingerprint.clone(),
                candidate.entity.clone(),
            )
        });
        Ok(Decision {
            subject_id: input.subject_id,
            // A resolved entity named by its canonical id: the decision names the listing
            // the reviewer was shown, and covers every record the entity has.
            entity_id: candidate.entity_id.clone(),
            resolved_id: candidate.resolved_id.clone(),
            referents: candidate.referents.clone(),
            verdict: input.verdict,
            reviewer: input.reviewer,
            note: input.note,
            decided_at: stamp::normalize(input.decided_at.unwrap_or_else(stamp::now)),
            subject_fingerprint,
            subject_fields,
            entity_fingerprint,
            entity,
            approved_by: None,
        })
    }

    fn write_decision(&self, decision: Decision, kind: EntryKind) -> Result<StoredDecision> {
        let entry = match kind {
            EntryKind::Proposal => NewEntry::from_proposal(&decision)?,
            _ => NewEntry::from_decision(&decision)?,
        };
        let head = backend::append(self.db()?.as_mut(), vec![entry])?
            .pop()
            .ok_or_else(|| AuditError::Invalid("decide wrote nothing".into()))?;
        Ok(StoredDecision {
            seq: head.seq,
            hash: head.hash,
            purged: false,
            decision,
        })
    }

    /// Removes personal data (subject fields, candidates' entity JSON and explanations,
    /// decisions' notes and JSON) from entries dated before `before` (UTC midnight).
    /// Hashes are kept, so the chain still verifies. Returns how many entries were purged.
    ///
    /// SQLite overwrites the freed bytes (`secure_delete`); on PostgreSQL run `VACUUM` on
    /// `zeef_audit_entries` afterwards to drop the old row versions.
    pub fn purge(&self, before: Date) -> Result<u64> {
        self.db()?.execute(
            "UPDATE zeef_audit_entries SET personal_json = NULL, purged_at = $1 \
             WHERE at < $2 AND personal_json IS NOT NULL",
            &[
                Param::Text(stamp::format(stamp::now())),
                Param::Text(stamp::start_of(before)),
            ],
        )
    }

    // ----- the chain -----

    /// The chain head (last sequence number and hash); `None` for an empty store.
    pub fn head(&self) -> Result<Option<ChainHead>> {
        backend::head(self.db()?.as_mut())
    }

    /// Walks the whole chain. Fails with `AuditError::ChainBroken` naming the first entry that
    /// was changed, removed or inserted. Removing the newest entries cannot be seen from inside
    /// the chain: compare with a head written down earlier (`verify_against`).
    pub fn verify(&self) -> Result<Verified> {
        verify::walk(
            |after, limit| {
                self.rows(
                    "WHERE seq > $1 ORDER BY seq LIMIT $2",
                    &[Param::Int(after), Param::Int(limit)],
                )
            },
            |hash| self.block_json(hash),
        )
    }

    /// `verify()`, and checks that the entry at `head.seq` still has `head.hash`.
    pub fn verify_against(&self, head: &ChainHead) -> Result<Verified> {
        let verified = self.verify()?;
        let rows = self.rows("WHERE seq = $1", &[Param::Int(head.seq)])?;
        match rows.first() {
            Some(row) if row.hash == head.hash => Ok(verified),
            Some(row) => Err(AuditError::ChainBroken(ChainBreak {
                how: BreakKind::Changed,
                seq: head.seq,
                kind: row.entry_kind(),
                detail: format!(
                    "the chain was rewritten: its hash is not the {} written down",
                    head.hash
                ),
                snapshot_block: None,
            })),
            None => Err(AuditError::ChainBroken(ChainBreak {
                how: BreakKind::Removed,
                seq: head.seq,
                kind: None,
                detail: "the chain was cut short before the head written down".into(),
                snapshot_block: None,
            })),
        }
    }

    // ----- reading -----

    /// The newest screening record of a subject.
    pub fn latest_record(&self, subject_id: &str) -> Result<Option<StoredRecord>> {
        let rows = self.rows(
            "WHERE kind = 'record' AND subject_id = $1 ORDER BY seq DESC LIMIT 1",
            &[Param::Text(subject_id.to_owned())],
        )?;
        rows.first().map(|r| self.to_record(r)).transpose()
    }

    /// All screening records of a subject, oldest first.
    pub fn records(&self, subject_id: &str) -> Result<Vec<StoredRecord>> {
        self.rows(
            "WHERE kind = 'record' AND subject_id = $1 ORDER BY seq",
            &[Param::Text(subject_id.to_owned())],
        )?
        .iter()
        .map(|r| self.to_record(r))
        .collect()
    }

    /// All decisions on a subject, oldest first.
    pub fn decisions(&self, subject_id: &str) -> Result<Vec<StoredDecision>> {
        self.rows(
            "WHERE kind = 'decision' AND subject_id = $1 ORDER BY seq",
            &[Param::Text(subject_id.to_owned())],
        )?
        .iter()
        .map(EntryRow::to_decision)
        .collect()
    }

    /// The newest decision on a (subject, entity) pair.
    pub fn latest_decision(
        &self,
        subject_id: &str,
        entity_id: &str,
    ) -> Result<Option<StoredDecision>> {
        let rows = self.rows(
            "WHERE kind = 'decision' AND subject_id = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1",
            &[Param::Text(subject_id.to_owned()), Param::Text(entity_id.to_owned())],
        )?;
        rows.first().map(EntryRow::to_decision).transpose()
    }

    // ----- alerts -----

    /// The alerts that need a reviewer: in each subject's latest screening, the matches with
    /// no decision, escalated ones, and false positives whose subject or entity changed since.
    pub fn open_alerts(&self) -> Result<Vec<OpenAlert>> {
        self.open_alerts_before(END_OF_TIME)
    }

    fn open_alerts_before(&self, before: &str) -> Result<Vec<OpenAlert>> {
        let bound = || Param::Text(before.to_owned());
        let records = self.rows(
            "WHERE seq IN (SELECT MAX(seq) FROM zeef_audit_entries \
             WHERE kind = 'record' AND at < $1 GROUP BY subject_id) AND alerts > 0 ORDER BY seq",
            &[bound()],
        )?;
        let decisions = self.rows(
            "WHERE seq IN (SELECT MAX(seq) FROM zeef_audit_entries \
             WHERE kind = 'decision' AND at < $1 GROUP BY subject_id, entity_id) ORDER BY seq",
            &[bound()],
        )?;
        // Each subject's latest decision per entity, oldest first.
        let mut latest: HashMap<String, Vec<StoredDecision>> = HashMap::new();
        for row in &decisions {
            let d = row.to_decision()?;
            latest
                .entry(d.decision.subject_id.clone())
                .or_default()
                .push(d);
        }
        let mut open = Vec::new();
        for row in &records {
            let record = self.to_record(row)?;
            let decided = latest
                .get(&record.record.subject.id)
                .map_or(&[][..], Vec::as_slice);
            open.extend(alerts::open_in_record(&record, decided));
        }
        Ok(open)
    }

    /// Whether a candidate screened now is covered by an earlier false-positive decision:
    /// one on its record, or on a resolved entity that had its records (see
    /// [`Decision::referents`]).
    pub fn suppression(&self, query: &SuppressionQuery<'_>) -> Result<SuppressionState> {
        let decisions = alerts::latest_per_entity(self.decisions(query.subject_id)?);
        Ok(alerts::suppression_state(&decisions, &query.into()))
    }

    // ----- reports -----

    /// A report on `subjects` (all screened subjects if empty) for screenings in
    /// `[from, to)`: lists and versions used, what was found, every decision up to `to`
    /// and what was still open at `to`.
    pub fn report(
        &self,
        subjects: &[String],
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> Result<Report> {
        let (from_s, to_s) = (stamp::format(from), stamp::format(to));
        let mut records = Vec::new();
        if subjects.is_empty() {
            records = self.rows(
                "WHERE kind = 'record' AND at >= $1 AND at < $2 ORDER BY seq",
                &[Param::Text(from_s.clone()), Param::Text(to_s.clone())],
            )?;
        } else {
            for subject in subjects {
                records.extend(self.rows(
                    "WHERE kind = 'record' AND subject_id = $1 AND at >= $2 AND at < $3 ORDER BY seq",
                    &[Param::Text(subject.clone()), Param::Text(from_s.clone()), Param::Text(to_s.clone())],
                )?);
            }
        }
        let records = records
            .iter()
            .map(|r| self.to_record(r))
            .collect::<Result<Vec<_>>>()?;
        let mut wanted: Vec<String> = subjects.to_vec();
        for r in &records {
            if !wanted.contains(&r.record.subject.id) {
                wanted.push(r.record.subject.id.clone());
            }
        }
        let mut decisions = Vec::new();
        for subject in &wanted {
            for row in self.rows(
                "WHERE kind = 'decision' AND subject_id = $1 AND at < $2 ORDER BY seq",
                &[Param::Text(subject.clone()), Param::Text(to_s.clone())],
            )? {
                decisions.push(row.to_decision()?);
            }
        }
        let open: Vec<OpenAlert> = self
            .open_alerts_before(&to_s)?
            .into_iter()
            .filter(|a| wanted.contains(&a.subject_id))
            .collect();
        let head = self.head()?;
        Ok(report::build(
            &wanted, from, to, records, decisions, open, head,
        ))
    }
}
