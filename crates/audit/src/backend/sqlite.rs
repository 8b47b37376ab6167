//! The SQLite backend: one file, WAL mode, `synchronous=FULL` so a commit is on disk when
//! `append` returns, `secure_delete` so purged personal data is overwritten, not just unlinked.
//! `seq` is the rowid (`INTEGER PRIMARY KEY`), so the chain order needs no index of its own.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use rusqlite::{Connection, Row, ToSql, params_from_iter};

use super::{Backend, INSERT_COLUMNS, Param, insert_sql, schema};
use crate::entry::EntryRow;
use crate::error::{AuditError, Result};

/// Page size of a new store file.
const PAGE_SIZE: i64 = 16_384;

pub(crate) struct Sqlite {
    conn: Connection,
    location: String,
}

impl Sqlite {
    pub fn open(path: &Path) -> Result<Self> {
        let location = path.display().to_string();
        let err = |source| AuditError::Sqlite {
            location: location.clone(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(err)?;
        conn.set_prepared_statement_cache_capacity(64);
        // 16 KiB pages for a new file (an existing one keeps its own): a quarter of the
        // write and checkpoint system calls of the default 4 KiB for the same records.
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(err)?;
        let mut db = Sqlite { conn, location };
        db.batch(&schema("INTEGER"))?;
        Ok(db)
    }

    fn err(&self, source: rusqlite::Error) -> AuditError {
        AuditError::Sqlite {
            location: self.location.clone(),
            source,
        }
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Param::Text(s) => s.to_sql(),
            Param::Str(s) => s.to_sql(),
            Param::OptStr(s) => s.to_sql(),
            Param::Int(i) => i.to_sql(),
        }
    }
}

/// `$1` placeholders become SQLite's numbered `?1`.
fn dialect(sql: &str) -> String {
    sql.replace('$', "?")
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        seq: r.get(0)?,
        kind: r.get(1)?,
        subject_id: r.get(2)?,
        entity_id: r.get(3)?,
        at: r.get(4)?,
        alerts: r.get(5)?,
        public_json: r.get(6)?,
        personal_json: r.get(7)?,
        personal_hash: r.get(8)?,
        payload_hash: r.get(9)?,
        prev_hash: r.get(10)?,
        hash: r.get(11)?,
        purged_at: r.get(12)?,
    })
}

impl Backend for Sqlite {
    fn batch(&mut self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).map_err(|e| self.err(e))
    }

    fn begin(&mut self) -> Result<()> {
        self.batch("BEGIN IMMEDIATE")
    }

    fn commit(&mut self) -> Result<()> {
        self.batch("COMMIT")
    }

    fn rollback(&mut self) -> Result<()> {
        self.batch("ROLLBACK")
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let run = || -> rusqlite::Result<usize> {
            let mut stmt = self.conn.prepare_cached(&dialect(sql))?;
            stmt.execute(params_from_iter(params.iter()))
        };
        run().map(|n| n as u64).map_err(|e| self.err(e))
    }

    fn rows(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<EntryRow>> {
        let run = || -> rusqlite::Result<Vec<EntryRow>> {
            let mut stmt = self.conn.prepare_cached(&dialect(sql))?;
            let rows = stmt.query_map(params_from_iter(params.iter()), read_row)?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    fn insert_entries(&mut self, params: Vec<Param<'_>>) -> Result<()> {
        // One single-row statement, prepared once and stepped per row: SQLite has no round
        // trips to save, and a 100-row statement's text cost more to build and look up than
        // the rows cost to bind.
        static SQL: OnceLock<String> = OnceLock::new();
        let sql = SQL.get_or_init(|| dialect(&insert_sql(1)));
        let run = || -> rusqlite::Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            for row in params.chunks(INSERT_COLUMNS) {
                stmt.execute(params_from_iter(row.iter()))?;
            }
            Ok(())
        };
        run().map_err(|e| self.err(e))
    }

    fn texts(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<String>> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(&dialect(sql))?;
            let rows = stmt.query_map(params_from_iter(params.iter()), |r| r.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }
}
