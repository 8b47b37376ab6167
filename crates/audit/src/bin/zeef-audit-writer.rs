//! Crash-test writer for the audit store: appends batches of fictional records forever (or
//! `--batches N` times) and prints `ack <seq> <subject_id>` for every record once its batch
//! has committed. The crate's tests SIGKILL it at random points and check nothing
//! acknowledged is lost.
//!
//! Usage: `zeef-audit-writer <sqlite-file | postgres-url> [--schema S] [--batch N] [--batches N]`

use std::io::Write;
use std::process::ExitCode;

use zeef_audit::{AuditStore, fixtures};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zeef-audit-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let location = args
        .next()
        .ok_or("expected a SQLite file or a postgres:// URL")?;
    let (mut schema, mut batch, mut batches) = (None, 20usize, u64::MAX);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag}: expected a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: expected a number, got {value:?}"))
        };
        match flag.as_str() {
            "--schema" => schema = Some(value.clone()),
            "--batch" => batch = number()? as usize,
            "--batches" => batches = number()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let store = match &schema {
        Some(s) => AuditStore::open_postgres_in_schema(&location, s),
        None => AuditStore::open(&location),
    }
    .map_err(|e| e.to_string())?;
    let pid = std::process::id();
    let stdout = std::io::stdout();
    for b in 0..batches {
        let records: Vec<_> = (0..batch)
            .map(|i| fixtures::typical_record(&format!("w{pid}-{b}-{i}"), zeef_audit::now()))
            .collect();
        let heads = store.append_batch(&records).map_err(|e| e.to_string())?;
        let mut out = stdout.lock();
        for (head, record) in heads.iter().zip(&records) {
            writeln!(out, "ack {} {}", head.seq, record.subject.id).map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}
