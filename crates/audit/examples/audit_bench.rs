//! Append throughput of the audit store, single appends vs batches, on SQLite and PostgreSQL.
//! Usage: `cargo run --release -p zeef-audit --example audit_bench -- [postgres-url]`
//! (default URL `postgres://postgres@127.0.0.1:5432/test`; pass `-` to skip PostgreSQL).

use std::time::Instant;

use zeef_audit::{AuditStore, ScreeningRecord, fixtures};

const SINGLES: usize = 400;
const BATCHES: usize = 20;
const BATCH: usize = 1_000;

fn records(prefix: &str, n: usize) -> Vec<ScreeningRecord> {
    (0..n)
        .map(|i| fixtures::typical_record(&format!("{prefix}-{i}"), zeef_audit::now()))
        .collect()
}

fn bench(name: &str, store: &AuditStore) -> Result<(), Box<dyn std::error::Error>> {
    let singles = records("single", SINGLES);
    let t = Instant::now();
    for r in &singles {
        store.append(r)?;
    }
    let single_rate = SINGLES as f64 / t.elapsed().as_secs_f64();

    let batches: Vec<_> = (0..BATCHES)
        .map(|b| records(&format!("batch{b}"), BATCH))
        .collect();
    let t = Instant::now();
    for batch in &batches {
        store.append_batch(batch)?;
    }
    let batch_rate = (BATCHES * BATCH) as f64 / t.elapsed().as_secs_f64();

    let t = Instant::now();
    let v = store.verify()?;
    let verify_rate = v.entries as f64 / t.elapsed().as_secs_f64();
    println!(
        "{name:10} single append: {single_rate:>8.0} records/s ({:.2} ms each) | append_batch({BATCH}): {batch_rate:>8.0} records/s ({:.1} µs each) | verify: {verify_rate:>8.0} entries/s",
        1e3 / single_rate,
        1e6 / batch_rate
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into());
    // Cost of building the records alone, for scale.
    let t = Instant::now();
    let made = records("x", 10_000);
    println!(
        "building fixture records: {:.1} µs each",
        t.elapsed().as_secs_f64() * 1e6 / made.len() as f64
    );

    let dir = match std::env::var("BENCH_DIR") {
        Ok(d) => tempfile::tempdir_in(d)?,
        Err(_) => tempfile::tempdir()?,
    };
    bench(
        "SQLite",
        &AuditStore::open_sqlite(&dir.path().join("bench.sqlite"))?,
    )?;
    if url != "-" {
        let schema = format!("zeef_bench_{}", std::process::id());
        let store = AuditStore::open_postgres_in_schema(&url, &schema)?;
        let result = bench("PostgreSQL", &store);
        let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
        client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))?;
        result?;
    }
    Ok(())
}
