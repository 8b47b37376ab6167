//! Storage backends: one small trait, one schema and one set of SQL statements for both
//! SQLite and PostgreSQL. SQL is written with `$1` placeholders; SQLite gets them as `?1`.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use crate::entry::{ChainHead, EntryRow, GENESIS_HASH, NewEntry, entry_hash};
use crate::error::Result;

/// A bound SQL parameter.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Text(String),
    OptText(Option<String>),
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
    fn execute(&mut self, sql: &str, params: &[Param]) -> Result<u64>;
    /// Runs a query selecting `ROW_COLUMNS`.
    fn rows(&mut self, sql: &str, params: &[Param]) -> Result<Vec<EntryRow>>;
}

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS zeef_audit_entries (
    seq BIGINT PRIMARY KEY,
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
CREATE TABLE IF NOT EXISTS zeef_audit_lock (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO zeef_audit_lock (id, n) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM zeef_audit_lock WHERE id = 1);
";

pub(crate) const ROW_COLUMNS: &str = "seq, kind, subject_id, entity_id, at, alerts, public_json, \
    personal_json, personal_hash, payload_hash, prev_hash, hash, purged_at";

/// Serializes writers across processes (PostgreSQL row lock; SQLite already holds its lock).
const TAKE_LOCK: &str = "UPDATE zeef_audit_lock SET n = n + 1 WHERE id = 1";

const INSERT: &str = "INSERT INTO zeef_audit_entries (seq, kind, subject_id, entity_id, at, alerts, \
    public_json, personal_json, personal_hash, payload_hash, prev_hash, hash) VALUES ";

/// Columns bound per inserted row.
const INSERT_COLUMNS: usize = 12;

/// Rows per INSERT statement: one round trip for many rows, well under both databases'
/// parameter limits.
const ROWS_PER_INSERT: usize = 100;

/// `INSERT ... VALUES ($1, .., $12), ($13, .., $24), ...` for `rows` rows.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(INSERT);
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
pub(crate) fn append(db: &mut dyn Backend, entries: &[NewEntry]) -> Result<Vec<ChainHead>> {
    db.begin()?;
    match append_in_transaction(db, entries) {
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
    let (mut seq, mut prev) = match head(db)? {
        Some(h) => (h.seq, h.hash),
        None => (0, GENESIS_HASH.to_owned()),
    };
    let mut heads = Vec::with_capacity(entries.len());
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        let mut params = Vec::with_capacity(chunk.len() * INSERT_COLUMNS);
        for e in chunk {
            seq += 1;
            let hash = entry_hash(&prev, seq, e.kind.as_str(), &e.payload_hash);
            params.extend([
                Param::Int(seq),
                Param::Text(e.kind.as_str().to_owned()),
                Param::Text(e.subject_id.clone()),
                Param::OptText(e.entity_id.clone()),
                Param::Text(e.at.clone()),
                Param::Int(e.alerts),
                Param::Text(e.public_json.clone()),
                Param::OptText(Some(e.personal_json.clone())),
                Param::Text(e.personal_hash.clone()),
                Param::Text(e.payload_hash.clone()),
                Param::Text(prev),
                Param::Text(hash.clone()),
            ]);
            heads.push(ChainHead {
                seq,
                hash: hash.clone(),
            });
            prev = hash;
        }
        db.execute(&insert_sql(chunk.len()), &params)?;
    }
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
