//! Dumps every score the eval computes (name bench pairs; UN positives against the UN list;
//! UN positives and US negatives against all lists: top results' ids, scores and
//! explanations) to a file, so that a speed change can be checked to change no score:
//! run before and after, then `diff` the two files.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example dump_scores -- OUT`

use std::fmt::Write as _;

mod common;

use common::{load_lists, read_bench_pairs, read_people};
use zeef_matching::{Index, ScreenOptions, compare};
use zeef_model::Entity;

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scores.txt".into());
    let eval = shared.join("eval-dev");
    let lists = load_lists(&shared.join("data/lists"), false);
    let mut out = String::new();

    // Name bench: every pair's compare() score and explanation.
    for (i, pair) in read_bench_pairs(&eval.join("name_bench_cases.csv"))
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let c = compare(&pair.a, &pair.b);
        let _ = writeln!(
            out,
            "bench {i} {:.12} {}",
            c.score,
            serde_json::to_string(&c.explanation).unwrap_or_default()
        );
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
        let Some(e) = index.entity((i * 7919) % index.len()) else {
            continue;
        };
        let c = index.compare(q, &e);
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
