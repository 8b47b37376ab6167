//! What the matching examples share: the shared lists and the eval-dev screening CSVs as
//! entities, the listed entity each UN positive must find, and a thread's CPU time for speed
//! figures on a busy machine.
#![allow(dead_code)] // each example uses some of these

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use zeef_matching::Index;
use zeef_model::{Entity, Prop, Schema};

// The allocator of the zeef binary, so that speed figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every list under `dir` (one folder per source), parsed, by source name in sorted order (so
/// runs are repeatable). With `report`, prints each list's size and parse time.
pub fn load_lists(dir: &Path, report: bool) -> BTreeMap<String, Vec<Entity>> {
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
    if report {
        println!("## Lists");
    }
    for d in dirs {
        let source = d
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let t = Instant::now();
        match zeef_lists::parse_dir(&source, &d) {
            Ok(parsed) => {
                if report {
                    println!(
                        "{source}: {} entities ({:.2} s)",
                        parsed.entities.len(),
                        t.elapsed().as_secs_f64()
                    );
                }
                out.insert(source, parsed.entities);
            }
            Err(e) if report => println!("{source}: not loaded ({e})"),
            Err(_) => {}
        }
    }
    out
}

/// Screening CSV rows as query entities.
pub fn read_people(path: &Path) -> Vec<Entity> {
    let mut rdr = match csv::Reader::from_path(path) {
        Ok(r) => r,
        Err(e) => {
            println!("cannot read {}: {e}", path.display());
            return Vec::new();
        }
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

/// Nanoseconds this thread has run on a CPU (Linux; None elsewhere): speed figures that a
/// busy shared machine does not inflate with time spent waiting for a core.
pub fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// One labelled pair of the name bench (`name_bench_cases.csv`): two entities of the row's
/// schema, one name each, and the label where the row has one.
pub struct BenchPair {
    /// `case_group` column: where the pair comes from (`nk_checks`, `synth_people`…).
    pub group: String,
    pub a: Entity,
    pub b: Entity,
    /// `is_match` column: whether the two names are the same party.
    pub truth: Option<bool>,
}

/// The name bench's pairs in file order, or `None` when the file cannot be read. Rows without
/// a schema and two names are skipped.
pub fn read_bench_pairs(path: &Path) -> Option<Vec<BenchPair>> {
    let mut rdr = csv::Reader::from_path(path).ok()?;
    let pairs = rdr
        .records()
        .flatten()
        .filter_map(|rec| {
            let group = rec.get(0)?.to_string();
            let (schema, n1, n2) = (rec.get(1)?, rec.get(2)?, rec.get(3)?);
            let schema: Schema = schema.parse().unwrap_or(Schema::LegalEntity);
            let mut a = Entity::new("a", schema, "bench");
            a.add(Prop::Name, n1);
            let mut b = Entity::new("b", schema, "bench");
            b.add(Prop::Name, n2);
            let truth = rec.get(4).map(|m| m == "true");
            Some(BenchPair { group, a, b, truth })
        })
        .collect();
    Some(pairs)
}

/// The UN list's entities, or, when it did not parse, the untreated positives standing in for
/// them (so that the screening figures still run).
pub fn un_entities(lists: &BTreeMap<String, Vec<Entity>>, untreated: &[Entity]) -> Vec<Entity> {
    match lists.get("un") {
        Some(es) if !es.is_empty() => es.clone(),
        _ => {
            println!("UN list did not parse: using the untreated rows as the listed entities");
            untreated
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let mut e = q.clone();
                    e.id = format!("csv-un-{i}");
                    e.provenance.source = "un".into();
                    e
                })
                .collect()
        }
    }
}

/// A name with its spaces collapsed, lower-cased: the key the UN truth is found by.
pub fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// For each untreated UN positive, the entities of `index` (by position) that carry its exact
/// name: the listing its screen must find (treated rows are row-aligned and share it). Empty
/// where no listed name equals the row's.
pub fn un_truth(index: &Index, untreated: &[Entity]) -> Vec<Vec<usize>> {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in index.entities().enumerate() {
        for (_, n) in e.names() {
            by_name.entry(norm(n)).or_default().push(i);
        }
    }
    untreated
        .iter()
        .map(|q| by_name.get(&norm(q.caption())).cloned().unwrap_or_default())
        .collect()
}
