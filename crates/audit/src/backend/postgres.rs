//! The PostgreSQL backend (sync `postgres` client). Same schema and SQL as SQLite; writers
//! are serialized by the row lock on `zeef_audit_lock`, and `synchronous_commit` is set on for
//! the session, so a commit is durable when `append` returns.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};

use super::{Backend, Param, SCHEMA};
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
        if db.batch(SCHEMA).is_err() {
            db.batch(SCHEMA)?;
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

fn to_sql(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| match p {
            Param::Text(s) => s as &(dyn ToSql + Sync),
            Param::OptText(s) => s as &(dyn ToSql + Sync),
            Param::Int(i) => i as &(dyn ToSql + Sync),
        })
        .collect()
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

    fn execute(&mut self, sql: &str, params: &[Param]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        self.client
            .execute(&stmt, &to_sql(params))
            .map_err(|e| self.err(e))
    }

    fn rows(&mut self, sql: &str, params: &[Param]) -> Result<Vec<EntryRow>> {
        let stmt = self.statement(sql)?;
        let rows = self
            .client
            .query(&stmt, &to_sql(params))
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| read_row(r).map_err(|e| self.err(e)))
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
    fn schema_names_are_checked() {
        assert!(quote_identifier("zeef_test_1").is_ok());
        assert!(quote_identifier("x; DROP TABLE y").is_err());
        assert!(quote_identifier("").is_err());
    }
}
