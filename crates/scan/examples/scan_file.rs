//! Scans one document against a data directory's current snapshot and prints every mention
//! (the library without the CLI, for quick checks).
//!
//! ```text
//! cargo run --release -p zeef-scan --example scan_file -- DATA_DIR FILE
//! ```

use zeef_lists::DataDir;
use zeef_scan::{ScanIndex, input};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(data), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: scan_file DATA_DIR FILE");
        std::process::exit(2);
    };
    let snapshot = match DataDir::new(data).load_current() {
        Ok(Some(s)) => s,
        other => {
            eprintln!("no snapshot in {data}: {other:?}");
            std::process::exit(2);
        }
    };
    let index = ScanIndex::build(snapshot.entities);
    let bytes = std::fs::read(file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2);
    });
    let extracted = match input::extract(&bytes, input::detect(Some(file.as_ref()), &bytes)) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    for m in index.scan(&extracted.text) {
        let e = index
            .entity(m.entity)
            .map(|e| format!("{} {:?}", e.id, e.caption))
            .unwrap_or_default();
        println!(
            "{}:{}-{}:{} {:?} {} {:.2} {}",
            m.line, m.column, m.end_line, m.end_column, m.text, e, m.score, m.reason
        );
    }
}
