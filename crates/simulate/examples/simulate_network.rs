//! Runs the network simulation at its default settings and prints the table.
//!
//! `cargo run -p zeef-simulate --example simulate_network [seed]`

use zeef_simulate::{FICTIONAL, Settings, report, run};

fn main() {
    let mut settings = Settings::default();
    if let Some(seed) = std::env::args().nth(1).and_then(|s| s.parse().ok()) {
        settings.seed = seed;
    }
    let outcome = run(&settings);
    println!("{FICTIONAL}");
    let rows = report::rows(&outcome);
    let mut widths: Vec<usize> = report::HEADER.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = report::HEADER.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
    let r = &outcome.resolution;
    println!(
        "resolution: {} records -> {} entities ({} mixing people); {} of {} people held by several agencies joined in one entity",
        r.records,
        r.entities,
        r.mixed_entities,
        r.people_fully_joined,
        r.people_in_several_agencies
    );
}
