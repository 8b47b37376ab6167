//! Human judgements: "these two records are (not) the same party", stored in SQLite in the
//! data directory; they override the automatic resolution and survive list updates.

use crate::error::{ResolveError, Result};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// A reviewer's decision on a pair of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Same,
    Different,
    /// Recorded, but changes nothing: the automatic resolution decides.
    Unsure,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Different => "different",
            Verdict::Unsure => "unsure",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "same" => Some(Verdict::Same),
            "different" => Some(Verdict::Different),
            "unsure" => Some(Verdict::Unsure),
            _ => None,
        }
    }
}

/// One judgement on two records (record ids, as `un-QDi.017`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    pub left: String,
    pub right: String,
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
}

/// Where judgements are kept: `resolve/judgements.sqlite` in the data directory, or the
/// table `zeef_judgements` of the audit database when that is PostgreSQL.
pub struct JudgementStore {
    backend: Backend,
    /// The file, or the database URL without its password, for messages.
    location: PathBuf,
}

enum Backend {
    Sqlite(Connection),
    Postgres(std::sync::Mutex<postgres::Client>),
}

/// One judgement as stored: left, right, verdict, reviewer, note, created.
type Row = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

impl JudgementStore {
    pub fn open(path: &Path) -> Result<JudgementStore> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| ResolveError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let err = |source| ResolveError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS judgements (
                seq INTEGER PRIMARY KEY,
                left_id TEXT NOT NULL,
                right_id TEXT NOT NULL,
                verdict TEXT NOT NULL,
                reviewer TEXT,
                note TEXT,
                created TEXT NOT NULL
            );",
        )
        .map_err(err)?;
        Ok(JudgementStore {
            backend: Backend::Sqlite(conn),
            location: path.to_path_buf(),
        })
    }

    /// Connects to PostgreSQL at `url` and keeps judgements in its table `zeef_judgements`
    /// (in `schema` where given, created if missing).
    pub fn open_postgres(url: &str, schema: Option<&str>) -> Result<JudgementStore> {
        let location = PathBuf::from(without_password(url));
        let err = |e: postgres::Error| ResolveError::Database {
            location: location.display().to_string(),
            message: e.to_string(),
        };
        let mut client = postgres::Client::connect(url, postgres::NoTls).map_err(err)?;
        if let Some(schema) = schema {
            let quoted = format!("\"{}\"", schema.replace('"', "\"\""));
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
                ))
                .map_err(err)?;
        }
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS zeef_judgements (
                    seq BIGSERIAL PRIMARY KEY,
                    left_id TEXT NOT NULL,
                    right_id TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    reviewer TEXT,
                    note TEXT,
                    created TEXT NOT NULL
                )",
            )
            .map_err(err)?;
        Ok(JudgementStore {
            backend: Backend::Postgres(std::sync::Mutex::new(client)),
            location,
        })
    }

    /// Where the judgements are (a file, or a database URL without its password).
    pub fn location(&self) -> &Path {
        &self.location
    }

    fn sqlite_err(&self, source: rusqlite::Error) -> ResolveError {
        ResolveError::Sqlite {
            path: self.location.clone(),
            source,
        }
    }

    fn pg_err(&self, e: impl std::fmt::Display) -> ResolveError {
        ResolveError::Database {
            location: self.location.display().to_string(),
            message: e.to_string(),
        }
    }

    /// Appends a judgement (a later one on the same pair overrides an earlier one).
    pub fn add(&self, j: &Judgement) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(conn) => {
                conn.execute(
                    "INSERT INTO judgements (left_id, right_id, verdict, reviewer, note, created)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        j.left,
                        j.right,
                        j.verdict.as_str(),
                        j.reviewer,
                        j.note,
                        j.created
                    ],
                )
                .map_err(|e| self.sqlite_err(e))?;
            }
            Backend::Postgres(client) => {
                let mut client = client.lock().map_err(|e| self.pg_err(e))?;
                client
                    .execute(
                        "INSERT INTO zeef_judgements (left_id, right_id, verdict, reviewer, note, created)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                        &[
                            &j.left,
                            &j.right,
                            &j.verdict.as_str(),
                            &j.reviewer,
                            &j.note,
                            &j.created,
                        ],
                    )
                    .map_err(|e| self.pg_err(e))?;
            }
        }
        Ok(())
    }

    /// Every judgement, oldest first.
    pub fn all(&self) -> Result<Vec<Judgement>> {
        let rows: Vec<Row> = match &self.backend {
            Backend::Sqlite(conn) => {
                let mut stmt = conn
                    .prepare(
                        "SELECT left_id, right_id, verdict, reviewer, note, created
                         FROM judgements ORDER BY seq",
                    )
                    .map_err(|e| self.sqlite_err(e))?;
                stmt.query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .map_err(|e| self.sqlite_err(e))?
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| self.sqlite_err(e))?
            }
            Backend::Postgres(client) => {
                let mut client = client.lock().map_err(|e| self.pg_err(e))?;
                client
                    .query(
                        "SELECT left_id, right_id, verdict, reviewer, note, created
                         FROM zeef_judgements ORDER BY seq",
                        &[],
                    )
                    .map_err(|e| self.pg_err(e))?
                    .iter()
                    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
                    .collect()
            }
        };
        let mut out = Vec::with_capacity(rows.len());
        for (left, right, verdict, reviewer, note, created) in rows {
            let verdict = Verdict::parse(&verdict).ok_or_else(|| {
                ResolveError::Invalid(format!(
                    "{}: judgement {left} / {right} has verdict {verdict:?} (expected same, different or unsure)",
                    self.location.display()
                ))
            })?;
            out.push(Judgement {
                left,
                right,
                verdict,
                reviewer,
                note,
                created,
            });
        }
        Ok(out)
    }

    /// Writes every judgement as one JSON line each.
    pub fn export(&self, out: &mut dyn Write) -> Result<usize> {
        let all = self.all()?;
        for j in &all {
            let line =
                serde_json::to_string(j).map_err(|e| ResolveError::Invalid(e.to_string()))?;
            writeln!(out, "{line}").map_err(|source| ResolveError::Io {
                path: PathBuf::from("<output>"),
                source,
            })?;
        }
        Ok(all.len())
    }
}

/// Reads judgements as JSON lines (as [`JudgementStore::export`] writes them); an error names
/// the line and what was expected. Blank lines are skipped.
pub fn read_jsonl(input: impl BufRead, location: &str) -> Result<Vec<Judgement>> {
    let mut out = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| ResolveError::Import {
            location: location.to_string(),
            line: n + 1,
            message: e.to_string(),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let j: Judgement = serde_json::from_str(&line).map_err(|e| ResolveError::Import {
            location: location.to_string(),
            line: n + 1,
            message: format!(
                "expected a judgement {{\"left\", \"right\", \"verdict\": same|different|unsure, \"created\"}}: {e}"
            ),
        })?;
        out.push(j);
    }
    Ok(out)
}

/// `url` with any password replaced by `***`, for messages.
fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The time now, as judgements record it.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn a_database_url_is_shown_without_its_password() {
        assert_eq!(
            without_password("postgres://zeef:s3cret@db:5432/zeef"),
            "postgres://zeef:***@db:5432/zeef"
        );
        assert_eq!(
            without_password("postgres://zeef@db/zeef"),
            "postgres://zeef@db/zeef"
        );
        assert_eq!(without_password("postgres://db/zeef"), "postgres://db/zeef");
    }
}
