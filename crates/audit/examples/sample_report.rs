//! Writes a sample audit report (fictional data) as HTML, Markdown and JSON.
//! Usage: `cargo run -p zeef-audit --example sample_report -- <out-dir>`

use time::macros::datetime;
use zeef_audit::{AuditStore, fixtures};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp".into()));
    let dir = tempfile::tempdir()?;
    let store = AuditStore::open_sqlite(&dir.path().join("audit.sqlite"))?;
    fixtures::populate_sample(&store)?;
    let report = store.report(
        &[],
        datetime!(2026-04-01 00:00 UTC),
        datetime!(2026-05-01 00:00 UTC),
    )?;
    std::fs::write(out.join("report.html"), report.to_html())?;
    std::fs::write(out.join("report.md"), report.to_markdown())?;
    std::fs::write(out.join("report.json"), report.to_json())?;
    println!(
        "wrote report.html, report.md and report.json to {}",
        out.display()
    );
    Ok(())
}
