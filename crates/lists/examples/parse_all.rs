//! Parses every list in a mirror folder on one thread and prints time and peak memory:
//! `cargo run --release -p zeef-lists --example parse_all [-- MIRROR_DIR]`
//! (default `../shared/data/lists`). Figures go to BENCHMARKS.md.

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .or_else(|| zeef_lists::shared::dir().map(|d| d.join("data/lists")))
        .expect("pass a mirror folder, or have ../shared present");
    let mut sources: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    sources.sort();
    // Read the files first so the figure is parsing, not disk.
    let inputs: Vec<_> = sources
        .iter()
        .map(|s| {
            (
                s.clone(),
                zeef_lists::source::read_dir_inputs(s, &dir.join(s)).expect("readable"),
            )
        })
        .collect();
    let bytes: usize = inputs
        .iter()
        .flat_map(|(_, i)| i.iter().map(|f| f.data.len()))
        .sum();
    let started = Instant::now();
    let mut total = 0;
    for (source, files) in &inputs {
        let t = Instant::now();
        let parsed = zeef_lists::parse_inputs(source, files).expect("parses");
        total += parsed.entities.len();
        println!(
            "{source:<10} {:>6} entities  {:>7.1} ms",
            parsed.entities.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "all lists: {total} entities from {:.1} MB in {:.3} s on one thread; peak resident memory {}",
        bytes as f64 / 1e6,
        secs,
        peak_rss()
    );
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
