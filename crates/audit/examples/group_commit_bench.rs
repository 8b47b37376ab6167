//! Many writers recording into one PostgreSQL audit store, each appending one record at a
//! time and waiting for its acknowledgement: one transaction per record (each writer with
//! its own connection and `append`) versus one `GroupCommit` shared by all writers.
//! Prints records/s, the PostgreSQL server's CPU per record (utime + stime of every process
//! named `postgres`, from /proc, before and after each run) and the mean group size.
//! Usage: `cargo run --release -p zeef-audit --example group_commit_bench -- [postgres-url]`
//! (else `ZEEF_PG_URL`, else `postgres://postgres@127.0.0.1:5432/test`); the server must run
//! on this machine for the CPU figures. Works in a fresh schema, dropped afterwards.

use std::sync::Arc;
use std::time::{Duration, Instant};

use zeef_audit::{AuditStore, GroupCommit, fixtures};

const WRITERS: [usize; 4] = [1, 4, 16, 64];
/// How long each run lasts, about: every writer appends until it is over.
const RUN: Duration = Duration::from_secs(4);

/// Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`: 100 on Linux).
const CLK_TCK: u64 = 100;

/// User + system CPU time of every process named `postgres` (the server's backends and its
/// background processes).
fn server_cpu() -> Duration {
    let mut ticks = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let dir = entry.path();
        let named_postgres = std::fs::read_to_string(dir.join("comm"))
            .is_ok_and(|comm| comm.trim_end() == "postgres");
        if !named_postgres {
            continue;
        }
        let stat = std::fs::read_to_string(dir.join("stat")).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        // utime and stime: fields 14 and 15 of stat, 11 and 12 after the command name.
        ticks += [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
            .sum::<u64>();
    }
    Duration::from_micros(ticks * 1_000_000 / CLK_TCK)
}

struct Figures {
    records: usize,
    elapsed: Duration,
    server_cpu: Duration,
}

impl Figures {
    fn rate(&self) -> f64 {
        self.records as f64 / self.elapsed.as_secs_f64()
    }
    fn cpu_per_record(&self) -> f64 {
        self.server_cpu.as_secs_f64() * 1e6 / self.records as f64
    }
}

/// Runs `writers` threads, each calling `append_one(writer, i)` until the run is over;
/// counts the records and the server's CPU.
fn run(
    writers: usize,
    append_one: impl Fn(usize, usize) -> zeef_audit::Result<()> + Sync,
) -> Result<Figures, Box<dyn std::error::Error>> {
    let cpu0 = server_cpu();
    let t = Instant::now();
    let done = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..writers)
            .map(|w| {
                let append_one = &append_one;
                scope.spawn(move || -> zeef_audit::Result<usize> {
                    let mut i = 0;
                    while t.elapsed() < RUN {
                        append_one(w, i)?;
                        i += 1;
                    }
                    Ok(i)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|h| h.join().unwrap_or(Ok(0)))
            .collect::<zeef_audit::Result<Vec<_>>>()
    })?;
    let elapsed = t.elapsed();
    Ok(Figures {
        records: done.iter().sum(),
        elapsed,
        server_cpu: server_cpu().saturating_sub(cpu0),
    })
}

fn record(run: &str, w: usize, i: usize) -> zeef_audit::ScreeningRecord {
    fixtures::typical_record(&format!("{run}-w{w}-{i}"), zeef_audit::now())
}

fn bench(url: &str, schema: &str) -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "| writers | per-record commit records/s | server CPU µs/record | group commit records/s | server CPU µs/record | mean group size |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for writers in WRITERS {
        // (a) Each writer its own connection, one transaction per record.
        let stores = (0..writers)
            .map(|_| AuditStore::open_postgres_in_schema(url, schema))
            .collect::<zeef_audit::Result<Vec<_>>>()?;
        let single = run(writers, |w, i| {
            stores[w].append(&record(&format!("single{writers}"), w, i))?;
            Ok(())
        })?;
        drop(stores);

        // (b) One GroupCommit (one connection) for all writers.
        let group = GroupCommit::new(Arc::new(AuditStore::open_postgres_in_schema(url, schema)?));
        let grouped = run(writers, |w, i| {
            group
                .submit_record(&record(&format!("group{writers}"), w, i))
                .wait()?;
            Ok(())
        })?;
        let mean_group = group.records() as f64 / group.groups().max(1) as f64;
        drop(group);

        println!(
            "| {writers} | {:.0} | {:.0} | {:.0} | {:.0} | {mean_group:.1} |",
            single.rate(),
            single.cpu_per_record(),
            grouped.rate(),
            grouped.cpu_per_record(),
        );
    }
    let store = AuditStore::open_postgres_in_schema(url, schema)?;
    let t = Instant::now();
    let v = store.verify()?;
    println!(
        "chain verified: {} entries in {:.1} s",
        v.entries,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("ZEEF_PG_URL").ok())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("zeef_group_bench_{}", std::process::id());
    let result = bench(&url, &schema);
    let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
    client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))?;
    result
}
