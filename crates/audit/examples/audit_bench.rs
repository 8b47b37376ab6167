//! Append throughput of the audit store, single appends vs batches, on SQLite and PostgreSQL,
//! and the CPU a batch-screening record costs (prepare on the screening thread, insert on the
//! writer's).
//! Usage: `cargo run --release -p zeef-audit --example audit_bench -- [postgres-url]`
//! (default URL `postgres://postgres@127.0.0.1:5432/test`; pass `-` to skip PostgreSQL).

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use zeef_audit::{
    Algorithm, AuditStore, ListSnapshot, ScreeningRecord, SourceVersion, Subject, fixtures,
};

const SINGLES: usize = 400;
const BATCHES: usize = 20;
const BATCH: usize = 1_000;
/// Records shaped like a `zeef batch --record` row of a clean customer file.
const ROWS: usize = 50_000;
const CHUNK: usize = 512;

fn records(prefix: &str, n: usize) -> Vec<ScreeningRecord> {
    (0..n)
        .map(|i| fixtures::typical_record(&format!("{prefix}-{i}"), zeef_audit::now()))
        .collect()
}

/// Eight fictional sources, as a snapshot of the shared lists has.
fn snapshot() -> ListSnapshot {
    ListSnapshot {
        id: "20260101T000000Z".into(),
        sources: (0..8)
            .map(|i| SourceVersion {
                source: format!("fictional_{i}"),
                sha256: format!("{i:x}").repeat(64),
                list_date: (i % 2 == 0).then(|| "2026-01-01".to_string()),
            })
            .collect(),
    }
}

/// A clean row: the query as recorded, no candidates.
fn row_record(
    i: usize,
    snapshot: &Arc<ListSnapshot>,
    algorithm: &Arc<Algorithm>,
) -> ScreeningRecord {
    ScreeningRecord {
        subject: Subject::new(
            format!("customers.csv:row-{i}"),
            json!({"schema": "Person", "properties": {
                "name": [format!("Ingeborg Abrahamsen {i}")], "firstName": ["Ingeborg"],
                "lastName": ["Abrahamsen"], "gender": ["female"], "birthDate": ["1972-11-21"],
                "birthPlace": ["Birmingham"], "nationality": ["fr"]}}),
        ),
        screened_at: zeef_audit::now(),
        snapshot: snapshot.clone(),
        algorithm: algorithm.clone(),
        candidates: Vec::new(),
    }
}

fn per_record(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e6 / n as f64
}

fn rows_bench(name: &str, store: &AuditStore) -> Result<(), Box<dyn std::error::Error>> {
    let (snapshot, algorithm) = (
        Arc::new(snapshot()),
        Arc::new(Algorithm {
            name: "zeef-v1".into(),
            version: "0.1.0".into(),
            threshold: 0.7,
        }),
    );
    let (mut build, mut prepare, mut insert) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let cpu0 = cpu_time();
    for c in 0..ROWS / CHUNK {
        let t = Instant::now();
        let records: Vec<_> = (0..CHUNK)
            .map(|i| row_record(c * CHUNK + i, &snapshot, &algorithm))
            .collect();
        build += t.elapsed();
        let t = Instant::now();
        let prepared = records
            .iter()
            .map(AuditStore::prepare)
            .collect::<Result<Vec<_>, _>>()?;
        drop(records);
        prepare += t.elapsed();
        let t = Instant::now();
        store.append_prepared(prepared)?;
        insert += t.elapsed();
    }
    let n = ROWS / CHUNK * CHUNK;
    println!(
        "{name:10} batch rows: build {:.1} µs, prepare {:.1} µs, append_prepared({CHUNK}) {:.1} µs wall per record; this process's CPU {:.1} µs per record",
        per_record(build, n),
        per_record(prepare, n),
        per_record(insert, n),
        per_record(cpu_time() - cpu0, n)
    );
    Ok(())
}

/// User + system CPU time of this process.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
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

    rows_bench(name, store)?;

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
