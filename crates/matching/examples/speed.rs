//! Screening and compare() speed alone, for profiling (`perf record`, callgrind): builds the
//! index over all shared lists, then screens the eval queries `SPEED_ROUNDS` times (default
//! 3) and compares the name bench pairs for as long again. `SPEED_WHAT=screen|compare`
//! runs one half only.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example speed`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use zeef_matching::{Index, ScreenOptions, compare};
use zeef_model::{Entity, Prop, Schema};

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let rounds: usize = std::env::var("SPEED_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let what = std::env::var("SPEED_WHAT").unwrap_or_default();
    let eval = shared.join("eval-dev");
    let lists = load_lists(&shared.join("data/lists"));
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let t = Instant::now();
    let index = Index::build(all);
    println!("build {:.3} s", t.elapsed().as_secs_f64());
    if what != "compare" {
        let untreated = read_people(&eval.join("screening/positives_un_untreated.csv"));
        let treated = read_people(&eval.join("screening/positives_un_treated.csv"));
        let negatives = read_people(&eval.join("screening/negatives_us.csv"));
        let queries: Vec<&Entity> = untreated
            .iter()
            .chain(&treated)
            .chain(negatives.iter().take(20_000))
            .collect();
        let opts = ScreenOptions::default();
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        let mut sink = 0usize;
        for _ in 0..rounds {
            for q in &queries {
                sink += index.screen(q, &opts).len();
            }
        }
        let s = t.elapsed().as_secs_f64();
        let n = (rounds * queries.len()) as f64;
        println!(
            "screen: {:.0}/s wall, {:.0} per CPU-second ({sink})",
            n / s,
            n / cpu_since(cpu)
        );
    }
    if what != "screen" {
        let mut pairs = Vec::new();
        if let Ok(mut rdr) = csv::Reader::from_path(eval.join("name_bench_cases.csv")) {
            for rec in rdr.records().flatten() {
                let (Some(schema), Some(n1), Some(n2)) = (rec.get(1), rec.get(2), rec.get(3))
                else {
                    continue;
                };
                let schema: Schema = schema.parse().unwrap_or(Schema::LegalEntity);
                let mut a = Entity::new("a", schema, "bench");
                a.add(Prop::Name, n1);
                let mut b = Entity::new("b", schema, "bench");
                b.add(Prop::Name, n2);
                pairs.push((a, b));
            }
        }
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        let mut sink = 0.0;
        for _ in 0..rounds * 60 {
            for (a, b) in &pairs {
                sink += compare(a, b).score;
            }
        }
        let s = t.elapsed().as_secs_f64();
        let n = (rounds * 60 * pairs.len()) as f64;
        println!(
            "compare: {:.0}/s wall, {:.0} per CPU-second ({sink:.0})",
            n / s,
            n / cpu_since(cpu)
        );
    }
}

/// Nanoseconds this thread has run on a CPU (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn cpu_since(start: Option<u64>) -> f64 {
    thread_cpu_ns()
        .zip(start)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9)
}

fn load_lists(dir: &Path) -> BTreeMap<String, Vec<Entity>> {
    let mut out = BTreeMap::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    for d in dirs {
        let source = d
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if let Ok(parsed) = zeef_lists::parse_dir(&source, &d) {
            out.insert(source, parsed.entities);
        }
    }
    out
}

/// Screening CSV rows as query entities (as the eval example reads them).
fn read_people(path: &Path) -> Vec<Entity> {
    let Ok(mut rdr) = csv::Reader::from_path(path) else {
        return Vec::new();
    };
    let headers = rdr.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (full, first, middle, last) = (
        col("full_name"),
        col("first_name"),
        col("middle_name"),
        col("last_name"),
    );
    let (dob, nat, gender) = (col("date_of_birth"), col("nationality"), col("gender"));
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let Ok(rec) = rec else { continue };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        let mut e = Entity::new(format!("row-{i}"), Schema::Person, "query");
        let mut name = get(full);
        if name.is_empty() {
            name = [get(first), get(middle), get(last)]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
        }
        e.add(Prop::Name, name);
        if let Some(d) = zeef_model::date::parse(&get(dob)) {
            e.add(Prop::BirthDate, d);
        }
        let n = get(nat);
        if let Some(code) = zeef_model::country::code(&n) {
            e.add(Prop::Nationality, code);
        } else if n.len() == 2 {
            e.add(Prop::Nationality, n.to_lowercase());
        }
        let g = get(gender);
        if g == "male" || g == "female" {
            e.add(Prop::Gender, g);
        }
        out.push(e);
    }
    out
}
