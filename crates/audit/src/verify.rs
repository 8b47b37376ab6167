//! Walking the hash chain: finds the first entry that was changed, removed or inserted.

use std::collections::{HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::canonical::sha256_hex;
use crate::entry::{ChainHead, EntryKind, EntryRow, GENESIS_HASH, entry_hash, payload_hash};
use crate::error::{AuditError, BreakKind, ChainBreak, Result};
use crate::record::ContextBlock;

/// What a successful `verify()` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub entries: u64,
    pub records: u64,
    pub decisions: u64,
    /// Decisions proposed for four-eyes approval (approved ones are also counted as
    /// decisions, by the entry that approved them).
    #[serde(default)]
    pub proposals: u64,
    /// Entries whose personal part was purged (their public part was still checked).
    pub purged: u64,
    /// Distinct snapshot blocks (list versions, algorithm, threshold) the records name, each
    /// checked against its hash.
    #[serde(default)]
    pub snapshot_blocks: u64,
    /// `None` for an empty store.
    pub head: Option<ChainHead>,
}

/// Rows read per query while walking.
const PAGE: i64 = 2_000;

/// Walks the whole chain, fetching rows with `fetch(after_seq, limit)` in sequence order and
/// snapshot blocks with `block(hash)` (their JSON, `None` when missing), each once.
pub(crate) fn walk(
    mut fetch: impl FnMut(i64, i64) -> Result<Vec<EntryRow>>,
    mut block: impl FnMut(&str) -> Result<Option<String>>,
) -> Result<Verified> {
    let mut blocks_seen: HashSet<String> = HashSet::new();
    let mut buffer: VecDeque<EntryRow> = VecDeque::new();
    let mut last_fetched = 0i64;
    let mut exhausted = false;
    let mut done = Verified {
        entries: 0,
        records: 0,
        decisions: 0,
        proposals: 0,
        purged: 0,
        snapshot_blocks: 0,
        head: None,
    };
    let mut prev_hash = GENESIS_HASH.to_owned();
    let mut before_prev_hash: Option<String> = None;
    let mut prev_kind: Option<EntryKind> = None;
    let mut expected = 1i64;
    loop {
        // Keep one row of lookahead: telling an insertion from a change needs the next row.
        if buffer.len() < 2 && !exhausted {
            let page = fetch(last_fetched, PAGE)?;
            exhausted = (page.len() as i64) < PAGE;
            if let Some(last) = page.last() {
                last_fetched = last.seq;
            }
            buffer.extend(page);
        }
        let Some(row) = buffer.pop_front() else { break };
        let next = buffer.front();
        if row.seq != expected {
            return Err(broken(
                BreakKind::Removed,
                expected,
                None,
                format!("the chain jumps from #{} to #{}", expected - 1, row.seq),
            ));
        }
        let named = check_row(
            &row,
            next,
            &prev_hash,
            before_prev_hash.as_deref(),
            prev_kind,
        )?;
        if let Some(hash) = named
            && !blocks_seen.contains(&hash)
        {
            check_block(&row, &hash, block(&hash)?)?;
            blocks_seen.insert(hash);
            done.snapshot_blocks += 1;
        }
        let kind = row.entry_kind();
        done.entries += 1;
        match kind {
            Some(EntryKind::Record) => done.records += 1,
            Some(EntryKind::Decision) => done.decisions += 1,
            Some(EntryKind::Proposal) => done.proposals += 1,
            None => {}
        }
        if row.personal_json.is_none() {
            done.purged += 1;
        }
        before_prev_hash = Some(std::mem::replace(&mut prev_hash, row.hash.clone()));
        prev_kind = kind;
        expected += 1;
        done.head = Some(ChainHead {
            seq: row.seq,
            hash: row.hash,
        });
    }
    Ok(done)
}

fn broken(how: BreakKind, seq: i64, kind: Option<EntryKind>, detail: String) -> AuditError {
    AuditError::ChainBroken(ChainBreak {
        how,
        seq,
        kind,
        detail,
        snapshot_block: None,
    })
}

/// Checks the snapshot block `hash` that `row` (the first record naming it) refers to.
fn check_block(row: &EntryRow, hash: &str, json: Option<String>) -> Result<()> {
    let fail = |how: BreakKind, detail: String| {
        AuditError::ChainBroken(ChainBreak {
            how,
            seq: row.seq,
            kind: row.entry_kind(),
            detail,
            snapshot_block: Some(hash.to_owned()),
        })
    };
    let Some(json) = json else {
        return Err(fail(
            BreakKind::Removed,
            "it is no longer in the store".into(),
        ));
    };
    match ContextBlock::read(hash, &json) {
        Ok(_) => Ok(()),
        Err(why) => {
            // Name the list snapshot if the edited text still tells it.
            let snapshot = serde_json::from_str::<serde_json::Value>(&json)
                .ok()
                .and_then(|v| v.pointer("/snapshot/id")?.as_str().map(str::to_owned));
            let detail = match snapshot {
                Some(id) => format!("{why} (it says list snapshot {id})"),
                None => why,
            };
            Err(fail(BreakKind::Changed, detail))
        }
    }
}

/// Checks one row against its predecessor's hash; classifies the first failure. Returns the
/// snapshot block a record names (`None` for decisions and records of the first layout).
fn check_row(
    row: &EntryRow,
    next: Option<&EntryRow>,
    prev_hash: &str,
    before_prev_hash: Option<&str>,
    prev_kind: Option<EntryKind>,
) -> Result<Option<String>> {
    let kind = row.entry_kind();
    let changed = |detail: &str| broken(BreakKind::Changed, row.seq, kind, detail.to_owned());
    if kind.is_none() {
        return Err(changed("its kind is neither record, decision nor proposal"));
    }
    if let Some(personal) = &row.personal_json
        && sha256_hex(personal.as_bytes()) != row.personal_hash
    {
        return Err(changed("its personal data does not match its hash"));
    }
    if payload_hash(&row.public_json, &row.personal_hash) != row.payload_hash {
        return Err(changed("its content does not match its hash"));
    }
    let Some(public) = row.checked_payload() else {
        return Err(changed(
            "its indexed columns disagree with its hashed content",
        ));
    };
    let named_block = match kind {
        Some(EntryKind::Record) => match public.get("context") {
            Some(serde_json::Value::String(hash)) => Some(hash.clone()),
            None if public.get("snapshot").is_some() && public.get("algorithm").is_some() => None,
            _ => return Err(changed("it names no snapshot block")),
        },
        _ => None,
    };
    let hash_ok = entry_hash(&row.prev_hash, row.seq, &row.kind, &row.payload_hash) == row.hash;
    if !hash_ok {
        // An entry hashed under a neighbouring number was renumbered to make room or close a gap.
        if entry_hash(&row.prev_hash, row.seq + 1, &row.kind, &row.payload_hash) == row.hash {
            return Err(broken(
                BreakKind::Removed,
                row.seq,
                None,
                format!(
                    "the entries after it were renumbered down (#{} now sits at #{})",
                    row.seq + 1,
                    row.seq
                ),
            ));
        }
        if entry_hash(&row.prev_hash, row.seq - 1, &row.kind, &row.payload_hash) == row.hash {
            return Err(broken(
                BreakKind::Inserted,
                row.seq - 1,
                prev_kind,
                format!(
                    "it does not belong to the chain; the entries after it were renumbered up (#{} now sits at #{})",
                    row.seq - 1,
                    row.seq
                ),
            ));
        }
        return Err(changed("its hash was edited"));
    }
    if row.prev_hash != prev_hash {
        // The store numbers entries without gaps, so an entry linking past its predecessor,
        // or skipped by its successor, is one it did not write.
        if before_prev_hash == Some(row.prev_hash.as_str()) {
            return Err(broken(
                BreakKind::Inserted,
                row.seq,
                kind,
                "it links past the entry before it".into(),
            ));
        }
        if next.is_some_and(|n| n.prev_hash == prev_hash) {
            return Err(broken(
                BreakKind::Inserted,
                row.seq,
                kind,
                "the entry after it links past it".into(),
            ));
        }
        if row.seq == 1 {
            return Err(changed(
                "the first entry does not start from the genesis hash",
            ));
        }
        // Self-consistent but pointing at another predecessor: the predecessor was rewritten
        // with its hash recomputed.
        return Err(broken(
            BreakKind::Changed,
            row.seq - 1,
            prev_kind,
            format!("entry #{} remembers a different hash for it", row.seq),
        ));
    }
    Ok(named_block)
}
