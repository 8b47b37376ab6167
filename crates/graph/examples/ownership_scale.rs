//! `zeef ownership`'s work on a generated file of fictional companies (a million rows by
//! default): reading the CSV, and following every company's chains under each rule. Owners
//! named `Listed …` stand for listed parties (screening them is `zeef ownership`'s other
//! part, measured by running it on the file this writes with `OWNERSHIP_WRITE=FILE`):
//! `OWNERSHIP_ROWS=1000000 cargo run --release -p zeef-graph --example ownership_scale`.

use std::fmt::Write;
use std::time::Instant;
use zeef_graph::ownership::{Rule, evaluate, read_csv};

fn main() {
    let rows: usize = std::env::var("OWNERSHIP_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let csv = generate(rows);
    if let Ok(path) = std::env::var("OWNERSHIP_WRITE") {
        std::fs::write(&path, &csv).expect("writable");
        println!("wrote {path}");
    }
    let t = Instant::now();
    let stakes = read_csv(csv.as_bytes()).expect("header");
    println!(
        "{} rows ({:.1} MB) read in {:.2} s, {} refused",
        stakes.stakes.len(),
        csv.len() as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        stakes.errors.len()
    );
    for rule in [Rule::Ofac, Rule::Eu, Rule::Uk] {
        let t = Instant::now();
        let findings = evaluate(&stakes.stakes, rule, |n| n.starts_with("Listed"));
        println!(
            "{:<4} {} companies, {} blocked, {} unknown, in {:.2} s",
            rule.as_str(),
            findings.len(),
            findings.iter().filter(|f| f.blocked).count(),
            findings.iter().filter(|f| f.unknown).count(),
            t.elapsed().as_secs_f64()
        );
    }
}

/// Companies in layers of holdings four deep: each owned by two to four owners (people, some
/// listed, or companies of the layer above), a share missing now and then, and a few cycles.
fn generate(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 40);
    out.push_str("owner,owned,share\n");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Every company gets one set of owners (about three rows): no company's shares pass 100 %.
    let companies = rows / 3 + 1;
    let mut written = 0;
    let mut c = 0;
    while written < rows {
        let company = c % companies;
        let owners = 2 + (next() % 3) as usize;
        let mut left = 100u64;
        for k in 0..owners {
            let share = if k + 1 == owners {
                left
            } else {
                next() % (left + 1)
            };
            left -= share;
            let owner = match next() % 10 {
                0 => format!("Listed Person {}", next() % 5_000),
                // A company of the layer above (layers are quarters of the companies).
                1..=4 if company >= companies / 4 => {
                    let layer = companies / 4;
                    let above = (company / layer - 1) * layer;
                    format!("Company {}", above + (next() % layer as u64) as usize)
                }
                _ => format!("Person {}", next() % (companies as u64)),
            };
            let share = if next() % 50 == 0 {
                String::new()
            } else {
                share.to_string()
            };
            let _ = writeln!(out, "{owner},Company {company},{share}");
            written += 1;
        }
        c += 1;
    }
    out
}
