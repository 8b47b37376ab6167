//! Test stores for both backends, with raw SQL access (a second connection) for tampering.
//!
//! PostgreSQL: URL from `ZEEF_TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`),
//! one fresh schema per test, dropped afterwards. Unreachable PostgreSQL fails the test unless
//! `ZEEF_SKIP_POSTGRES=1`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use zeef_audit::AuditStore;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub fn postgres_url() -> String {
    std::env::var("ZEEF_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

pub fn skip_postgres() -> bool {
    std::env::var("ZEEF_SKIP_POSTGRES").is_ok_and(|v| v == "1")
}

enum Raw {
    Sqlite(PathBuf),
    Postgres { url: String, schema: String },
}

pub struct TestStore {
    pub store: AuditStore,
    raw: Raw,
    _dir: Option<tempfile::TempDir>,
}

/// A name unique across parallel tests and test processes.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestStore {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("audit.sqlite");
        let store = AuditStore::open_sqlite(&path).expect("open SQLite store");
        TestStore {
            store,
            raw: Raw::Sqlite(path),
            _dir: Some(dir),
        }
    }

    /// `None` only when `ZEEF_SKIP_POSTGRES=1`; an unreachable server panics with a clear message.
    pub fn postgres() -> Option<Self> {
        if skip_postgres() {
            eprintln!("ZEEF_SKIP_POSTGRES=1: PostgreSQL test skipped");
            return None;
        }
        let url = postgres_url();
        let schema = unique_name("zeef_test");
        let store = AuditStore::open_postgres_in_schema(&url, &schema).unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable at {url} ({e}). Start it, point ZEEF_TEST_DATABASE_URL \
                 at a server, or set ZEEF_SKIP_POSTGRES=1 to skip the PostgreSQL tests."
            )
        });
        Some(TestStore {
            store,
            raw: Raw::Postgres { url, schema },
            _dir: None,
        })
    }

    /// A second store on the same database (another connection).
    pub fn reopen(&self) -> AuditStore {
        match &self.raw {
            Raw::Sqlite(path) => AuditStore::open_sqlite(path).expect("reopen SQLite"),
            Raw::Postgres { url, schema } => {
                AuditStore::open_postgres_in_schema(url, schema).expect("reopen PostgreSQL")
            }
        }
    }

    /// Where the crash-test writer should write: (location, schema).
    pub fn location(&self) -> (String, Option<String>) {
        match &self.raw {
            Raw::Sqlite(path) => (path.display().to_string(), None),
            Raw::Postgres { url, schema } => (url.clone(), Some(schema.clone())),
        }
    }

    /// Runs raw SQL statements behind the store's back.
    pub fn exec(&self, sql: &str) {
        match &self.raw {
            Raw::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.execute_batch(sql)
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
            Raw::Postgres { url, schema } => {
                let mut client = postgres::Client::connect(url, postgres::NoTls)
                    .expect("raw PostgreSQL connection");
                client
                    .batch_execute(&format!("SET search_path TO \"{schema}\"; {sql}"))
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
            }
        }
    }

    /// The first column of the first row of a query, as text.
    pub fn text(&self, sql: &str) -> String {
        match &self.raw {
            Raw::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite connection");
                conn.query_row(sql, [], |r| r.get::<_, String>(0))
                    .unwrap_or_else(|e| panic!("{sql}: {e}"))
            }
            Raw::Postgres { url, schema } => {
                let mut client = postgres::Client::connect(url, postgres::NoTls)
                    .expect("raw PostgreSQL connection");
                client
                    .batch_execute(&format!("SET search_path TO \"{schema}\""))
                    .expect("search_path");
                let row = client
                    .query_one(sql, &[])
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
                row.get::<_, String>(0)
            }
        }
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Raw::Postgres { url, schema } = &self.raw
            && let Ok(mut client) = postgres::Client::connect(url, postgres::NoTls)
        {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
        }
    }
}

/// Instantiates each named `fn(&TestStore)` once per backend.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { let t = $crate::common::TestStore::sqlite(); super::$name(&t); } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                let Some(t) = $crate::common::TestStore::postgres() else { return };
                super::$name(&t);
            } )*
        }
    };
}
