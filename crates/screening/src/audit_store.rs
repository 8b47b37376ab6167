//! Where the audit store is, for every front door: `--database` / `ZEEF_DATABASE_URL`, else
//! `<data dir>/audit.sqlite`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use zeef_audit::AuditStore;
use zeef_lists::DataDir;

/// The store's location: a PostgreSQL URL or a SQLite file.
pub fn location(data: &DataDir, database: Option<&str>) -> String {
    match database.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => data
            .root()
            .join(AuditStore::SQLITE_FILE_NAME)
            .display()
            .to_string(),
    }
}

/// Whether a store location is a PostgreSQL URL (else it is a SQLite file).
pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the store for writing (a missing SQLite file and its folder are created).
pub fn open_for_writing(data: &DataDir, database: Option<&str>) -> Result<AuditStore> {
    let at = location(data, database);
    if !is_postgres(&at)
        && let Some(dir) = Path::new(&at)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(AuditStore::open(&at)?)
}

/// Opens an existing store (review, audit, report): a missing SQLite file is an error rather
/// than a new empty store, so a wrong `--data` or `--database` is noticed.
pub fn open_existing(data: &DataDir, database: Option<&str>) -> Result<AuditStore> {
    let at = location(data, database);
    if !is_postgres(&at) && !Path::new(&at).is_file() {
        bail!(
            "no audit store at {at}: record screenings first (zeef screen/batch --record), \
             or point --database / ZEEF_DATABASE_URL at the store"
        );
    }
    Ok(AuditStore::open(&at)?)
}
