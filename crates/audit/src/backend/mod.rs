//! Storage backends: one small trait, one schema and one set of SQL statements for both
//! SQLite and PostgreSQL. SQL is written with `$1` placeholders; SQLite gets them as `?1`.
//!
//! Tables: `zeef_audit_entries` (the chain), `zeef_audit_contexts` (snapshot blocks, by the
//! hash records name them with) and `zeef_audit_lock` (serializes writers).

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::collections::HashSet;

use crate::entry::{ChainHead, EntryRow, GENESIS_HASH, NewEntry, entry_hash};
use crate::error::Result;

/// A bound SQL parameter.
#[derive(Debug, Clone)]
pub(crate) enum Param<'a> {
    Text(String),
    Str(&'a str),
    OptStr(Option<&'a str>),
    Int(i64),
}

/// What a database must do; everything else (hashing, verification, alerts) is shared.
pub(crate) trait Backend: Send {
    /// Runs schema statements (no parameters).
    fn batch(&mut self, sql: &str) -> Result<()>;
    /// Starts a transaction that holds the write lock (SQLite `BEGIN IMMEDIATE`).
    fn begin(&mut self) -> Result<()>;
    fn commit(&mut self) -> Result<()>;
    fn rollback(&mut self) -> Result<()>;
    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64>;
    /// Runs a query selecting `ROW_COLUMNS`.
    fn rows(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<EntryRow>>;
    /// Runs a query selecting one text column.
    fn texts(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<String>>;
    /// Inserts entries: `INSERT_COLUMNS` parameters per row, in `INSERT`'s column order.
    fn insert_entries(&mut self, params: Vec<Param<'_>>) -> Result<()> {
        let rows = params.len() / INSERT_COLUMNS;
        let mut params = params.into_iter();
        let mut done = 0;
        while done < rows {
            let n = (rows - done).min(ROWS_PER_INSERT);
            let chunk: Vec<Param<'_>> = params.by_ref().take(n * INSERT_COLUMNS).collect();
            self.execute(&insert_sql(n), &chunk)?;
            done += n;
        }
        Ok(())
    }
}

/// The schema, with `seq`'s type filled in: SQLite's `INTEGER PRIMARY KEY` makes it the rowid
/// (no separate index to keep), PostgreSQL's `BIGINT`.
pub(crate) fn schema(seq_type: &str) -> String {
    SCHEMA.replace("{SEQ}", seq_type)
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS zeef_audit_entries (
    seq {SEQ} PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    entity_id TEXT,
    at TEXT NOT NULL,
    alerts BIGINT NOT NULL,
    public_json TEXT NOT NULL,
    personal_json TEXT,
    personal_hash TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    purged_at TEXT
);
CREATE INDEX IF NOT EXISTS zeef_audit_entries_subject ON zeef_audit_entries (subject_id, kind, seq);
CREATE INDEX IF NOT EXISTS zeef_audit_entries_at ON zeef_audit_entries (at);
CREATE TABLE IF NOT EXISTS zeef_audit_contexts (hash TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zeef_audit_lock (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO zeef_audit_lock (id, n) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM zeef_audit_lock WHERE id = 1);
";

pub(crate) const ROW_COLUMNS: &str = "seq, kind, subject_id, entity_id, at, alerts, public_json, \
    personal_json, personal_hash, payload_hash, prev_hash, hash, purged_at";

/// Serializes writers across processes (PostgreSQL row lock; SQLite already holds its lock).
const TAKE_LOCK: &str = "UPDATE zeef_audit_lock SET n = n + 1 WHERE id = 1";

/// The columns an append fills, in the order `insert_entries` gets them.
pub(crate) const INSERT_COLUMN_NAMES: &str = "seq, kind, subject_id, entity_id, at, alerts, \
    public_json, personal_json, personal_hash, payload_hash, prev_hash, hash";

/// Stores a snapshot block unless it is there already (same hash, same content).
const INSERT_CONTEXT: &str = "INSERT INTO zeef_audit_contexts (hash, json) VALUES ($1, $2) \
    ON CONFLICT (hash) DO NOTHING";

/// A snapshot block's JSON by its hash.
pub(crate) const SELECT_CONTEXT: &str = "SELECT json FROM zeef_audit_contexts WHERE hash = $1";

/// Columns bound per inserted row.
pub(crate) const INSERT_COLUMNS: usize = 12;

/// Rows per INSERT statement: one round trip for many rows, well under both databases'
/// parameter limits.
const ROWS_PER_INSERT: usize = 100;

/// `INSERT ... VALUES ($1, .., $12), ($13, .., $24), ...` for `rows` rows.
pub(crate) fn insert_sql(rows: usize) -> String {
    let mut sql = format!("INSERT INTO zeef_audit_entries ({INSERT_COLUMN_NAMES}) VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..INSERT_COLUMNS {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * INSERT_COLUMNS + c + 1));
        }
        sql.push(')');
    }
    sql
}

pub(crate) fn select(where_clause: &str) -> String {
    format!("SELECT {ROW_COLUMNS} FROM zeef_audit_entries {where_clause}")
}

/// Reads the current head inside the caller's transaction.
pub(crate) fn head(db: &mut dyn Backend) -> Result<Option<ChainHead>> {
    let rows = db.rows(&select("ORDER BY seq DESC LIMIT 1"), &[])?;
    Ok(rows.into_iter().next().map(|r| ChainHead {
        seq: r.seq,
        hash: r.hash,
    }))
}

/// Appends entries in one transaction; returns their heads once the commit succeeded.
pub(crate) fn append(db: &mut dyn Backend, entries: Vec<NewEntry>) -> Result<Vec<ChainHead>> {
    db.begin()?;
    match append_in_transaction(db, &entries) {
        Ok(heads) => {
            db.commit()?;
            Ok(heads)
        }
        Err(e) => {
            // The original error matters more than a failed rollback.
            let _ = db.rollback();
            Err(e)
        }
    }
}

fn append_in_transaction(db: &mut dyn Backend, entries: &[NewEntry]) -> Result<Vec<ChainHead>> {
    db.execute(TAKE_LOCK, &[])?;
    // The snapshot blocks first (a run's records share one): in the same transaction, so a
    // committed record never names a block that is not there.
    let mut stored: HashSet<&str> = HashSet::new();
    for block in entries.iter().filter_map(|e| e.context.as_deref()) {
        if stored.insert(&block.hash) {
            db.execute(
                INSERT_CONTEXT,
                &[
                    Param::Text(block.hash.clone()),
                    Param::Text(block.json.clone()),
                ],
            )?;
        }
    }
    let (mut seq, mut prev) = match head(db)? {
        Some(h) => (h.seq, h.hash),
        None => (0, GENESIS_HASH.to_owned()),
    };
    let mut heads = Vec::with_capacity(entries.len());
    let mut params = Vec::with_capacity(entries.len() * INSERT_COLUMNS);
    for e in entries {
        seq += 1;
        let hash = entry_hash(&prev, seq, e.kind.as_str(), e.payload_hash());
        // The statement borrows the entry's texts: nothing is copied.
        params.extend([
            Param::Int(seq),
            Param::Str(e.kind.as_str()),
            Param::Str(e.subject_id()),
            Param::OptStr(e.entity_id.as_deref()),
            Param::Str(e.at()),
            Param::Int(e.alerts),
            Param::Str(e.public_json()),
            Param::OptStr(Some(e.personal_json())),
            Param::Str(e.personal_hash()),
            Param::Str(e.payload_hash()),
            Param::Text(prev),
            Param::Text(hash.clone()),
        ]);
        heads.push(ChainHead {
            seq,
            hash: hash.clone(),
        });
        prev = hash;
    }
    db.insert_entries(params)?;
    Ok(heads)
}

#[cfg(test)]
mod tests {
    #[test]
    fn insert_sql_numbers_every_parameter() {
        let sql = super::insert_sql(2);
        assert!(
            sql.ends_with(
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12), \
            ($13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
            ),
            "{sql}"
        );
    }
}
