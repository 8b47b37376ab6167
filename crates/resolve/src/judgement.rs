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

/// The judgements file (`resolve/judgements.sqlite` in the data directory).
pub struct JudgementStore {
    conn: Connection,
    path: PathBuf,
}

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
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> ResolveError {
        ResolveError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Appends a judgement (a later one on the same pair overrides an earlier one).
    pub fn add(&self, j: &Judgement) -> Result<()> {
        self.conn
            .execute(
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
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every judgement, oldest first.
    pub fn all(&self) -> Result<Vec<Judgement>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT left_id, right_id, verdict, reviewer, note, created
                 FROM judgements ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (left, right, verdict, reviewer, note, created) = row.map_err(|e| self.err(e))?;
            let verdict = Verdict::parse(&verdict).ok_or_else(|| {
                ResolveError::Invalid(format!(
                    "{}: judgement {left} / {right} has verdict {verdict:?} (expected same, different or unsure)",
                    self.path.display()
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

/// The time now, as judgements record it.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
