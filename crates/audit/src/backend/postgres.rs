//! The PostgreSQL backend (sync `postgres` client). Same schema and SQL as SQLite; writers
//! are serialized by the row lock on `zeef_audit_lock`, and `synchronous_commit` is set on for
//! the session, so a commit is durable when `append` returns.

use std::collections::HashMap;

use std::io::Write;

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};

use super::{Backend, INSERT_COLUMN_NAMES, INSERT_COLUMNS, Param, schema as ddl};
use crate::entry::EntryRow;
use crate::error::{AuditError, Result};

pub(crate) struct Postgres {
    client: Client,
    location: String,
    statements: HashMap<String, Statement>,
}

impl Postgres {
    /// Connects to `url`; with `schema`, creates it if needed and works inside it.
    pub fn open(url: &str, schema: Option<&str>) -> Result<Self> {
        let location = redact(url);
        let client = Client::connect(url, NoTls).map_err(|source| AuditError::Postgres {
            location: location.clone(),
            source,
        })?;
        let mut db = Postgres {
            client,
            location,
            statements: HashMap::new(),
        };
        if let Some(schema) = schema {
            let quoted = quote_identifier(schema)?;
            db.batch(&format!(
                "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
            ))?;
        }
        // Two processes creating the tables at once can collide in the catalog; the second
        // try finds them made.
        let tables = ddl("BIGINT");
        if db.batch(&tables).is_err() {
            db.batch(&tables)?;
        }
        Ok(db)
    }

    fn err(&self, source: postgres::Error) -> AuditError {
        AuditError::Postgres {
            location: self.location.clone(),
            source,
        }
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let stmt = self.client.prepare(sql).map_err(|e| self.err(e))?;
        self.statements.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }
}

/// Quotes a schema name; only plain identifiers are accepted.
fn quote_identifier(name: &str) -> Result<String> {
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        Ok(format!("\"{name}\""))
    } else {
        Err(AuditError::Invalid(format!(
            "PostgreSQL schema {name:?}: expected letters, digits and underscores"
        )))
    }
}

/// The URL without its password, for error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

fn to_sql<'p>(params: &'p [Param<'_>]) -> Vec<&'p (dyn ToSql + Sync)> {
    params.iter().map(as_sql).collect()
}

fn as_sql<'p>(p: &'p Param<'_>) -> &'p (dyn ToSql + Sync) {
    match p {
        Param::Text(s) => s,
        Param::Str(s) => s,
        Param::OptStr(s) => s,
        Param::Int(i) => i,
    }
}

/// The rows as PostgreSQL's binary `COPY` format: a header, per row the field count and each
/// field as length + bytes (-1 for NULL; `bigint` as 8 big-endian bytes, `text` as UTF-8),
/// and a trailer.
fn binary_copy(params: &[Param<'_>], columns: usize) -> Vec<u8> {
    let size: usize = params
        .iter()
        .map(|p| match p {
            Param::Text(s) => s.len(),
            Param::Str(s) => s.len(),
            Param::OptStr(s) => s.map_or(0, str::len),
            Param::Int(_) => 8,
        } + 4)
        .sum();
    let mut out = Vec::with_capacity(19 + size + 2 * (params.len() / columns.max(1) + 1));
    out.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
    out.extend_from_slice(&0i32.to_be_bytes()); // flags
    out.extend_from_slice(&0i32.to_be_bytes()); // header extension length
    let text = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as i32).to_be_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    for row in params.chunks_exact(columns) {
        out.extend_from_slice(&(columns as i16).to_be_bytes());
        for p in row {
            match p {
                Param::Text(s) => text(&mut out, s),
                Param::Str(s) | Param::OptStr(Some(s)) => text(&mut out, s),
                Param::OptStr(None) => out.extend_from_slice(&(-1i32).to_be_bytes()),
                Param::Int(i) => {
                    out.extend_from_slice(&8i32.to_be_bytes());
                    out.extend_from_slice(&i.to_be_bytes());
                }
            }
        }
    }
    out.extend_from_slice(&(-1i16).to_be_bytes());
    out
}

fn read_row(r: &Row) -> std::result::Result<EntryRow, postgres::Error> {
    Ok(EntryRow {
        seq: r.try_get(0)?,
        kind: r.try_get(1)?,
        subject_id: r.try_get(2)?,
        entity_id: r.try_get(3)?,
        at: r.try_get(4)?,
        alerts: r.try_get(5)?,
        public_json: r.try_get(6)?,
        personal_json: r.try_get(7)?,
        personal_hash: r.try_get(8)?,
        payload_hash: r.try_get(9)?,
        prev_hash: r.try_get(10)?,
        hash: r.try_get(11)?,
        purged_at: r.try_get(12)?,
    })
}

impl Backend for Postgres {
    fn batch(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).map_err(|e| self.err(e))
    }

    fn begin(&mut self) -> Result<()> {
        self.batch("BEGIN")
    }

    fn commit(&mut self) -> Result<()> {
        self.batch("COMMIT")
    }

    fn rollback(&mut self) -> Result<()> {
        self.batch("ROLLBACK")
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        self.client
            .execute(&stmt, &to_sql(params))
            .map_err(|e| self.err(e))
    }

    fn rows(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<EntryRow>> {
        let stmt = self.statement(sql)?;
        let rows = self
            .client
            .query(&stmt, &to_sql(params))
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| read_row(r).map_err(|e| self.err(e)))
            .collect()
    }

    /// Binary `COPY`: the cheapest way into PostgreSQL for the server, which shares the
    /// machine with screening when both run on one host.
    fn insert_entries(&mut self, params: Vec<Param<'_>>) -> Result<()> {
        let sql =
            format!("COPY zeef_audit_entries ({INSERT_COLUMN_NAMES}) FROM STDIN (FORMAT binary)");
        // Encoded in one piece and sent in one message.
        let data = binary_copy(&params, INSERT_COLUMNS);
        drop(params);
        let pg_err = |source| AuditError::Postgres {
            location: self.location.clone(),
            source,
        };
        let mut writer = self.client.copy_in(&sql).map_err(pg_err)?;
        if let Err(e) = writer.write_all(&data) {
            return Err(AuditError::Invalid(format!(
                "PostgreSQL audit store {}: sending the records failed: {e}",
                self.location
            )));
        }
        writer.finish().map_err(pg_err)?;
        Ok(())
    }

    fn texts(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<String>> {
        let stmt = self.statement(sql)?;
        let rows = self
            .client
            .query(&stmt, &to_sql(params))
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(|e| self.err(e)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn binary_copy_layout() {
        let data = binary_copy(
            &[
                Param::Int(7),
                Param::Str("ab"),
                Param::OptStr(None),
                Param::Int(-1),
                Param::Text("é".into()),
                Param::OptStr(Some("")),
            ],
            3,
        );
        let mut expected = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0".to_vec();
        expected.extend_from_slice(&[0, 3, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7]);
        expected.extend_from_slice(&[0, 0, 0, 2, b'a', b'b', 0xff, 0xff, 0xff, 0xff]);
        expected.extend_from_slice(&[
            0, 3, 0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ]);
        expected.extend_from_slice(&[0, 0, 0, 2, 0xc3, 0xa9, 0, 0, 0, 0]);
        expected.extend_from_slice(&[0xff, 0xff]);
        assert_eq!(data, expected);
    }

    #[test]
    fn schema_names_are_checked() {
        assert!(quote_identifier("zeef_test_1").is_ok());
        assert!(quote_identifier("x; DROP TABLE y").is_err());
        assert!(quote_identifier("").is_err());
    }
}
