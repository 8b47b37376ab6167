//! How many passport, national id, tax and registration numbers of each list carry their
//! issuing country, and whether lists that give the same number a country agree on it:
//! `cargo run --release -p zeef-lists --example identifier_countries [-- MIRROR_DIR]`
//! (default `../shared/data/lists`). Figures go to BENCHMARKS.md.

use std::collections::{BTreeMap, BTreeSet};
use zeef_model::Prop;
use zeef_model::identifier::normalise;

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
    println!("| list | passport | id number | tax number | registration number |");
    println!("|---|---|---|---|---|");
    let mut total = [(0usize, 0usize); 4];
    // Normalised number -> list -> the countries that list gives it.
    let mut issuers: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for source in &sources {
        let files =
            zeef_lists::source::read_dir_inputs(source, &dir.join(source)).expect("readable");
        let parsed = zeef_lists::parse_inputs(source, &files).expect("parses");
        let mut row = [(0usize, 0usize); 4];
        for e in &parsed.entities {
            for (k, &prop) in Prop::ISSUED.iter().enumerate() {
                for number in e.get(prop) {
                    row[k].0 += 1;
                    row[k].1 += usize::from(e.issuers(prop, number).next().is_some());
                    let Some(key) = normalise(prop, number).map(|i| i.key) else {
                        continue;
                    };
                    for c in e.issuers(prop, number) {
                        issuers
                            .entry(key.clone())
                            .or_default()
                            .entry(source.clone())
                            .or_default()
                            .insert(c.to_string());
                    }
                }
            }
        }
        for (t, r) in total.iter_mut().zip(row) {
            t.0 += r.0;
            t.1 += r.1;
        }
        println!("| {source} | {} |", cells(&row).join(" | "));
    }
    println!("| **all** | {} |", cells(&total).join(" | "));
    // Numbers given a country by two lists or more: the same country, or another.
    let (mut agree, mut differ) = (0, Vec::new());
    for (key, by_list) in &issuers {
        if by_list.len() < 2 {
            continue;
        }
        let first = by_list.values().next().cloned().unwrap_or_default();
        if by_list
            .values()
            .all(|c| c.intersection(&first).next().is_some())
        {
            agree += 1;
        } else {
            differ.push(format!("{key} {by_list:?}"));
        }
    }
    println!(
        "\nnumbers given a country on two lists or more: {} agree, {} differ",
        thousands(agree),
        thousands(differ.len())
    );
    for d in differ.iter().take(20) {
        println!("  {d}");
    }
}

/// "1,234 of 2,000 (61.7 %)" per kind.
fn cells(row: &[(usize, usize); 4]) -> Vec<String> {
    row.iter()
        .map(|&(n, with)| match n {
            0 => "–".to_string(),
            _ => format!(
                "{} of {} ({:.1} %)",
                thousands(with),
                thousands(n),
                100.0 * with as f64 / n as f64
            ),
        })
        .collect()
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
