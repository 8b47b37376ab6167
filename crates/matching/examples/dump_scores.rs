//! Dumps every score the eval computes (name bench pairs; UN positives against the UN list;
//! UN positives and US negatives against all lists: top results' ids, scores and
//! explanations) to a file, so that a speed change can be checked to change no score:
//! run before and after, then `diff` the two files.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example dump_scores -- OUT`

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use zeef_matching::{Index, ScreenOptions, compare};
use zeef_model::{Entity, Prop, Schema};

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scores.txt".into());
    let eval = shared.join("eval-dev");
    let lists = load_lists(&shared.join("data/lists"));
    let mut out = String::new();

    // Name bench: every pair's compare() score and explanation.
    if let Ok(mut rdr) = csv::Reader::from_path(eval.join("name_bench_cases.csv")) {
        for (i, rec) in rdr.records().flatten().enumerate() {
            let (Some(schema), Some(n1), Some(n2)) = (rec.get(1), rec.get(2), rec.get(3)) else {
                continue;
            };
            let schema: Schema = schema.parse().unwrap_or(Schema::LegalEntity);
            let mut a = Entity::new("a", schema, "bench");
            a.add(Prop::Name, n1);
            let mut b = Entity::new("b", schema, "bench");
            b.add(Prop::Name, n2);
            let c = compare(&a, &b);
            let _ = writeln!(
                out,
                "bench {i} {:.12} {}",
                c.score,
                serde_json::to_string(&c.explanation).unwrap_or_default()
            );
        }
    }

    let untreated = read_people(&eval.join("screening/positives_un_untreated.csv"));
    let treated = read_people(&eval.join("screening/positives_un_treated.csv"));
    let negatives = read_people(&eval.join("screening/negatives_us.csv"));
    let opts = ScreenOptions {
        limit: 10,
        include_below_threshold: true,
        cutoff: 0.5,
        ..Default::default()
    };
    if let Some(un) = lists.get("un") {
        let index = Index::build(un.clone());
        for (label, qs) in [("un-untreated", &untreated), ("un-treated", &treated)] {
            dump_screens(&index, label, qs, &opts, &mut out);
        }
    }
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let index = Index::build(all);
    for (label, qs) in [
        ("all-untreated", &untreated),
        ("all-treated", &treated),
        ("all-negatives", &negatives),
    ] {
        dump_screens(&index, label, qs, &opts, &mut out);
    }
    // Index::compare of each untreated query with its top listed entity's neighbours.
    for (i, q) in untreated.iter().enumerate().take(2000) {
        let e = &index.entities()[(i * 7919) % index.len()];
        let c = index.compare(q, e);
        let _ = writeln!(out, "icompare {i} {} {:.12}", e.id, c.score);
    }
    if let Err(e) = std::fs::write(&out_path, out) {
        eprintln!("cannot write {out_path}: {e}");
    } else {
        println!("wrote {out_path}");
    }
}

fn dump_screens(index: &Index, label: &str, qs: &[Entity], opts: &ScreenOptions, out: &mut String) {
    for (i, q) in qs.iter().enumerate() {
        let res = index.screen(q, opts);
        let _ = write!(out, "{label} {i}:");
        for m in &res {
            let _ = write!(
                out,
                " {}={:.12}{}",
                m.id,
                m.score,
                if m.is_match { "*" } else { "" }
            );
        }
        out.push('\n');
        if let Some(m) = res.first() {
            let _ = writeln!(
                out,
                "  {}",
                serde_json::to_string(&m.explanation).unwrap_or_default()
            );
        }
        let cands = index.candidates(&index.prepare(q), opts);
        let _ = writeln!(out, "  candidates {}", cands.len());
    }
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
