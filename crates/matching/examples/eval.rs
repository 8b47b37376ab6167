//! Evaluation of zeef-matching on the shared development sets (see
//! `../shared/eval-dev/README.md`): name bench pairs, UN screening positives (untreated and
//! treated), US negatives against all lists, original-script queries, and speed.
//!
//! `cargo run --release -p zeef-matching --example eval`

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use common::{
    load_lists, norm, read_bench_pairs, read_people, thread_cpu_ns, un_entities, un_truth,
};
use zeef_matching::{DEFAULT_THRESHOLD, Index, ScreenOptions, compare};
use zeef_model::{Entity, Prop};

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let eval = shared.join("eval-dev");
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    // EVAL_QUICK=1: quality figures only (no speed runs, no original-script set).
    let quick = std::env::var_os("EVAL_QUICK").is_some();

    name_bench(&eval.join("name_bench_cases.csv"), verbose, quick);
    // EVAL_BENCH_ONLY=1: the name bench alone (no lists loaded).
    if std::env::var_os("EVAL_BENCH_ONLY").is_some() {
        return;
    }
    let lists = load_lists(&shared.join("data/lists"), true);

    let untreated = read_people(&eval.join("screening/positives_un_untreated.csv"));
    let treated = read_people(&eval.join("screening/positives_un_treated.csv"));
    let un = un_entities(&lists, &untreated);
    let un_index = Index::build(un);
    screening(&un_index, &untreated, &treated, verbose);

    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let t = Instant::now();
    let all_index = Index::build(all);
    let build = t.elapsed();
    println!(
        "\n## Index over all lists\n{} entities, {} names ({} keyed in pairs), built in {:.2} s",
        all_index.len(),
        all_index.name_count(),
        all_index.keyed_pairs(),
        build.as_secs_f64()
    );
    let negatives = read_people(&eval.join("screening/negatives_us.csv"));
    negatives_eval(&all_index, &negatives, verbose);
    if !quick {
        original_script(&lists, verbose);
        speed(&all_index, &untreated, &treated, &negatives);
    }
}

fn name_bench(path: &Path, verbose: bool, quick: bool) {
    let Some(bench) = read_bench_pairs(path) else {
        println!("no name bench at {}", path.display());
        return;
    };
    let mut scored: Vec<(f64, bool)> = Vec::new();
    let mut pairs: Vec<(&Entity, &Entity)> = Vec::new();
    for pair in &bench {
        let Some(truth) = pair.truth else { continue };
        let c = compare(&pair.a, &pair.b);
        if verbose && (c.score >= DEFAULT_THRESHOLD) != truth {
            let (schema, n1, n2) = (pair.a.schema, pair.a.caption(), pair.b.caption());
            println!(
                "  bench miss: {schema} {n1:?} vs {n2:?} truth={truth} score={:.3}",
                c.score
            );
        }
        scored.push((c.score, truth));
        pairs.push((&pair.a, &pair.b));
    }
    let (p, r, f) = prf(&scored, DEFAULT_THRESHOLD);
    let (best_t, best_f) = (40..=95)
        .map(|t| t as f64 / 100.0)
        .map(|t| (t, prf(&scored, t).2))
        .fold((0.0, 0.0), |acc, x| if x.1 > acc.1 { x } else { acc });
    println!(
        "\n## Name bench ({} pairs)\nat default threshold {DEFAULT_THRESHOLD}: precision {p:.3}, recall {r:.3}, F1 {f:.3}; best F1 {best_f:.3} at {best_t:.2}",
        scored.len()
    );
    if quick {
        return;
    }
    // Speed of compare() on these pairs, name-only.
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut n = 0usize;
    let mut sink = 0.0;
    while t.elapsed().as_secs_f64() < 2.0 {
        for (a, b) in &pairs {
            sink += compare(a, b).score;
            n += 1;
        }
    }
    let cpu = thread_cpu_ns()
        .zip(cpu0)
        .map(|(b, a)| (b - a) as f64 / 1e9)
        .unwrap_or(f64::NAN);
    println!(
        "compare(): {:.0} name-only pairs/s single-thread wall clock, {:.0} per CPU-second (checksum {sink:.0})",
        n as f64 / t.elapsed().as_secs_f64(),
        n as f64 / cpu
    );
}

fn prf(scored: &[(f64, bool)], t: f64) -> (f64, f64, f64) {
    let tp = scored.iter().filter(|(s, m)| *s >= t && *m).count() as f64;
    let fp = scored.iter().filter(|(s, m)| *s >= t && !*m).count() as f64;
    let fnn = scored.iter().filter(|(s, m)| *s < t && *m).count() as f64;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn screening(index: &Index, untreated: &[Entity], treated: &[Entity], verbose: bool) {
    // Truth: the listed entities carrying the untreated row's exact name.
    let truth = un_truth(index, untreated);
    let unmapped = truth.iter().filter(|t| t.is_empty()).count();
    println!(
        "\n## UN screening ({} rows, {} without a listed name equal to the untreated name)",
        untreated.len(),
        unmapped
    );
    let opts = ScreenOptions {
        limit: 10,
        ..Default::default()
    };
    for (label, queries) in [("untreated", untreated), ("treated", treated)] {
        let (mut hit, mut top1, mut cand, mut n) = (0, 0, 0, 0);
        for (q, t) in queries.iter().zip(&truth) {
            if t.is_empty() {
                continue;
            }
            n += 1;
            let res = index.screen(q, &opts);
            let found = res.iter().any(|m| m.is_match && t.contains(&m.index));
            hit += found as usize;
            top1 += res
                .first()
                .is_some_and(|m| m.is_match && t.contains(&m.index)) as usize;
            let cands = index.candidates(&index.prepare(q), &opts);
            cand += t.iter().any(|i| cands.contains(&(*i as u32))) as usize;
            if verbose && !found {
                let best = res
                    .first()
                    .map(|m| format!("{} {:.3} {}", m.id, m.score, m.explanation.summary()))
                    .unwrap_or_default();
                let want = index.entity(t[0]).expect("listed");
                let c = index.compare(q, &want);
                println!(
                    "  miss ({label}) {:?} dob={:?}: want {} ({:.3}: {}) got {best}",
                    q.caption(),
                    q.first(Prop::BirthDate),
                    want.id,
                    c.score,
                    c.explanation.summary()
                );
            }
        }
        let n = n.max(1) as f64;
        println!(
            "{label}: recall {:.4} ({hit}/{n}), top-1 {:.4}, candidate recall {:.4}",
            hit as f64 / n,
            top1 as f64 / n,
            cand as f64 / n
        );
    }
}

fn negatives_eval(index: &Index, negatives: &[Entity], verbose: bool) {
    let opts = ScreenOptions::default();
    let mut alerts = 0;
    for q in negatives {
        let res = index.screen(q, &opts);
        if let Some(m) = res.iter().find(|m| m.is_match) {
            alerts += 1;
            if verbose {
                let parts: Vec<String> = m
                    .explanation
                    .parts
                    .iter()
                    .map(|p| {
                        format!(
                            "{}~{} {:.2} {} w{:.2}",
                            p.query.as_deref().unwrap_or("-"),
                            p.listed.as_deref().unwrap_or("-"),
                            p.similarity,
                            p.how,
                            p.weight
                        )
                    })
                    .collect();
                println!(
                    "  false alert: {:?} dob={:?} -> {} {:.3}: {:?} ({}) [{}]",
                    q.caption(),
                    q.first(Prop::BirthDate),
                    m.id,
                    m.score,
                    m.explanation.matched_name,
                    m.explanation.matched_property,
                    parts.join("; ")
                );
            }
        }
    }
    println!(
        "\n## Negatives\n{} of {} rows raise an alert at {DEFAULT_THRESHOLD}: {:.3} %",
        alerts,
        negatives.len(),
        100.0 * alerts as f64 / negatives.len().max(1) as f64
    );
}

/// UN original-script names (Arabic, Cyrillic…) screened against lists that carry only Latin
/// names; found = an alert on an entity of those lists that refers to the UN entry or carries
/// its primary Latin name.
fn original_script(lists: &BTreeMap<String, Vec<Entity>>, verbose: bool) {
    let Some(un) = lists.get("un") else {
        println!("\n## Original-script queries: UN list not loaded, skipped");
        return;
    };
    let latin_lists: Vec<Entity> = ["uk", "ofac_sdn"]
        .iter()
        .filter_map(|s| lists.get(*s))
        .flatten()
        .cloned()
        .collect();
    if latin_lists.is_empty() {
        println!("\n## Original-script queries: uk/ofac_sdn not loaded, skipped");
        return;
    }
    let index = Index::build(latin_lists);
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_ref: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in index.entities().enumerate() {
        for (_, n) in e.names() {
            by_name.entry(norm(n)).or_default().push(i);
        }
        for r in &e.provenance.cross_refs {
            if r.source == "un" {
                by_ref.entry(r.reference.clone()).or_default().push(i);
            }
        }
    }
    let opts = ScreenOptions::default();
    let (mut n, mut found) = (0, 0);
    for e in un {
        let mut truth: Vec<usize> = by_name.get(&norm(e.caption())).cloned().unwrap_or_default();
        for r in &e.provenance.references {
            truth.extend(by_ref.get(r).into_iter().flatten());
        }
        if truth.is_empty() {
            continue;
        }
        for alias in e.get(Prop::Alias) {
            if zeef_names::translit::script_of(alias) == zeef_names::Script::Latin {
                continue;
            }
            let mut q = Entity::new("q", e.schema, "query");
            q.add(Prop::Name, alias);
            n += 1;
            let res = index.screen(&q, &opts);
            let ok = res.iter().any(|m| m.is_match && truth.contains(&m.index));
            found += ok as usize;
            if verbose && !ok {
                println!(
                    "  script miss: {alias:?} (for {:?}) got {:?}",
                    e.caption(),
                    res.first().map(|m| (&m.id, m.score))
                );
            }
        }
    }
    println!(
        "\n## Original-script queries vs uk + ofac_sdn\n{found} of {n} found ({:.3})",
        found as f64 / (n.max(1)) as f64
    );
}

fn speed(index: &Index, untreated: &[Entity], treated: &[Entity], negatives: &[Entity]) {
    let queries: Vec<&Entity> = untreated
        .iter()
        .chain(treated)
        .chain(negatives.iter().take(20_000))
        .collect();
    let opts = ScreenOptions::default();
    let mut lat: Vec<f64> = Vec::with_capacity(queries.len());
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut sink = 0usize;
    for q in &queries {
        let s = Instant::now();
        sink += index.screen(q, &opts).len();
        lat.push(s.elapsed().as_secs_f64() * 1e6);
    }
    let total = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns()
        .zip(cpu0)
        .map(|(b, a)| (b - a) as f64 / 1e9)
        .unwrap_or(f64::NAN);
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "\n## Speed (single thread, all lists)\n{} screens in {:.2} s: {:.0} screens/s wall clock, {:.0} per CPU-second ({:.2} s on CPU); latency p50 {:.0} µs, p99 {:.0} µs, max {:.0} µs (results {sink})",
        queries.len(),
        total,
        queries.len() as f64 / total,
        queries.len() as f64 / cpu,
        cpu,
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0)
    );
}
