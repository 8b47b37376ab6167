//! Measures resolution on the shared lists: UN ↔ UK pairwise precision and recall with
//! references ignored (the UK list's own UN reference numbers as the truth), B-cubed over the
//! clusters, the largest cluster, the time to resolve every list, and the time to resolve
//! again after an update that changes 1 % of the records (a third of them removed, a third
//! amended, a third added), taking over the first run's pairs, against a full run of the
//! changed lists (and how far their clusters differ).
//!
//! `cargo run --release -p zeef-resolve --example resolve_eval` (`RESOLVE_THRESHOLD=0.75`,
//! `RESOLVE_FLOOR=0.65`, `RESOLVE_CANDIDATES=12` to try others; `RESOLVE_VERBOSE=1` prints
//! every wrong or missed pair).

use std::time::Instant;
use zeef_matching::Index;
use zeef_model::{Entity, Prop};
use zeef_resolve::evaluate::{bcubed, pairwise, reference_clusters};
use zeef_resolve::{ResolveOptions, resolve, resolve_from, resolve_index};

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let lists = shared.join("data/lists");
    let mut sources: Vec<String> = std::fs::read_dir(&lists)
        .expect("readable shared lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    sources.sort();
    let mut entities = Vec::new();
    for s in &sources {
        match zeef_lists::parse_dir(s, &lists.join(s)) {
            Ok(p) => entities.extend(p.entities),
            Err(e) => {
                eprintln!("{s}: {e}");
                std::process::exit(1);
            }
        }
    }
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    let mut opts = ResolveOptions::default();
    if let Some(t) = env("RESOLVE_THRESHOLD") {
        opts.threshold = t;
    }
    if let Some(f) = env("RESOLVE_FLOOR") {
        opts.floor = f;
    }
    if let Some(c) = env("RESOLVE_CANDIDATES") {
        opts.candidates = c as usize;
    }
    println!(
        "{} records from {} lists; threshold {:.2}, floor {:.2}, {} candidates per record; {} threads",
        entities.len(),
        sources.len(),
        opts.threshold,
        opts.floor,
        opts.candidates,
        rayon::current_num_threads()
    );

    let (started, cpu0) = (Instant::now(), cpu_seconds());
    let index = Index::build(entities.clone());
    let (built, cpu1) = (started.elapsed().as_secs_f64(), cpu_seconds());
    let with_refs = resolve(&entities, &index, &[], &opts);
    let (total, cpu2) = (started.elapsed().as_secs_f64(), cpu_seconds());
    println!(
        "with references: {} resolved entities; index {built:.2} s ({:.2} CPU-s) + resolve {:.2} s ({:.2} CPU-s) = {total:.2} s ({:.2} CPU-s); load average {}",
        with_refs.clusters.len(),
        cpu1 - cpu0,
        total - built,
        cpu2 - cpu1,
        cpu2 - cpu0,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .next()
            .unwrap_or("?")
    );
    println!(
        "  joins {:?}; refused {:?}",
        with_refs.joins, with_refs.refused
    );
    let gold = reference_clusters(&entities);
    let split = (0..entities.len())
        .filter(|&i| with_refs.cluster_of[i] != with_refs.cluster_of[gold[i]])
        .count();
    println!("  records not in one cluster with their referenced records: {split}");
    report_largest(&entities, &with_refs);
    let cpu0 = cpu_seconds();
    let (read_back, _) = resolve_index(&index, &[], &opts, None);
    println!(
        "  the records read back from the index (as `zeef resolve` reads them): same clusters, joins and refusals: {} ({:.2} CPU-s)",
        read_back.clusters == with_refs.clusters
            && read_back.joins == with_refs.joins
            && read_back.refused == with_refs.refused,
        cpu_seconds() - cpu0
    );
    incremental(&entities, &opts);

    let no_refs_opts = ResolveOptions {
        use_references: false,
        ..opts.clone()
    };
    let (started, cpu0) = (Instant::now(), cpu_seconds());
    let without = resolve(&entities, &index, &[], &no_refs_opts);
    println!(
        "without references: {} resolved entities; resolve {:.2} s ({:.2} CPU-s; index reused); {} pairs scored",
        without.clusters.len(),
        started.elapsed().as_secs_f64(),
        cpu_seconds() - cpu0,
        without.scored_pairs
    );
    let score = pairwise(&entities, &without, &["un"], &["uk"]);
    println!(
        "UN ↔ UK pairwise: truth {} pairs; predicted {}, correct {}; precision {:.4} (judged {:.4}: {} wrong where the truth speaks), recall {:.4}",
        score.truth,
        score.predicted,
        score.correct,
        score.precision(),
        score.judged_precision(),
        score.wrong_judged,
        score.recall()
    );
    let source = |i: usize| entities[i].provenance.source.as_str();
    let referenced: std::collections::HashSet<usize> = {
        let mut members: std::collections::HashMap<usize, usize> = Default::default();
        for &g in &gold {
            *members.entry(g).or_default() += 1;
        }
        (0..entities.len())
            .filter(|&i| members[&gold[i]] > 1)
            .collect()
    };
    let un_uk = |i: usize| matches!(source(i), "un" | "uk") && referenced.contains(&i);
    let (p, r) = bcubed(&without, &gold, &un_uk);
    println!("B-cubed, UN and UK records the references speak of: precision {p:.4}, recall {r:.4}");
    let (p, r) = bcubed(&without, &gold, &|i| referenced.contains(&i));
    println!(
        "B-cubed, every record in a referenced group (all lists): precision {p:.4}, recall {r:.4}"
    );
    let (p, r) = bcubed(&without, &gold, &|_| true);
    println!(
        "B-cubed, all records (references as the only truth, so true matches they do not state count against precision): precision {p:.4}, recall {r:.4}"
    );
    report_largest(&entities, &without);
    if std::env::var_os("RESOLVE_VERBOSE").is_some() {
        for line in &score.errors {
            println!("  {line}");
        }
    }
}

/// Resolves every list, changes 1 % of the records, and resolves the changed lists twice:
/// taking over the first run's pairs, and afresh.
fn incremental(entities: &[Entity], opts: &ResolveOptions) {
    let index = Index::build(entities.to_vec());
    let (_, pairs) = resolve_from(entities, &index, &[], opts, None);
    let changed = one_percent_changed(entities);
    let (started, cpu0) = (Instant::now(), cpu_seconds());
    let index = Index::build(changed.clone());
    let (built, cpu1) = (started.elapsed().as_secs_f64(), cpu_seconds());
    let (full, _) = resolve_from(&changed, &index, &[], opts, None);
    let (full_s, cpu2) = (started.elapsed().as_secs_f64() - built, cpu_seconds());
    let started = Instant::now();
    let (inc, _) = resolve_from(&changed, &index, &[], opts, Some(&pairs));
    let (inc_s, cpu3) = (started.elapsed().as_secs_f64(), cpu_seconds());
    println!(
        "1 % changed ({} records, {} now): full run {full_s:.2} s ({:.2} CPU-s), {} screened; incremental {inc_s:.2} s ({:.2} CPU-s), {} screened: {:.1} % of the full run's CPU (index build, {built:.2} s / {:.2} CPU-s, not counted: both need it)",
        entities.len(),
        changed.len(),
        cpu2 - cpu1,
        full.screened,
        cpu3 - cpu2,
        inc.screened,
        100.0 * (cpu3 - cpu2) / (cpu2 - cpu1).max(1e-9),
        cpu1 - cpu0,
    );
    let (p, r) = bcubed(&inc, &full.cluster_of, &|_| true);
    let differ = (0..changed.len())
        .filter(|&i| {
            let (a, b) = (
                &inc.clusters[inc.cluster_of[i]],
                &full.clusters[full.cluster_of[i]],
            );
            a != b
        })
        .count();
    println!(
        "  incremental against full: {} and {} resolved entities; B-cubed precision {p:.4}, recall {r:.4}; {differ} records in a cluster that differs",
        inc.clusters.len(),
        full.clusters.len()
    );
}

/// Every 100th record changed: removed, amended (an alias added, its birth date dropped) or
/// followed by an added record (a copy under a new id, listed by a list of its own).
fn one_percent_changed(entities: &[Entity]) -> Vec<Entity> {
    let mut out = Vec::with_capacity(entities.len());
    for (i, e) in entities.iter().enumerate() {
        match (i % 100 == 0).then_some(i / 100 % 3) {
            Some(0) => {}
            Some(1) => {
                let mut amended = e.clone();
                let alias = format!("{} Jr", e.caption());
                amended.add(Prop::Alias, &alias);
                amended.props.remove(&Prop::BirthDate);
                out.push(amended);
            }
            Some(_) => {
                out.push(e.clone());
                let mut added = e.clone();
                added.id = format!("{}-added", e.id);
                added.provenance.source = "added".to_string();
                out.push(added);
            }
            None => out.push(e.clone()),
        }
    }
    out
}

fn report_largest(entities: &[zeef_model::Entity], c: &zeef_resolve::Clustering) {
    let mut sizes: Vec<&Vec<usize>> = c.clusters.iter().collect();
    sizes.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let Some(largest) = sizes.first() else {
        return;
    };
    let ids: Vec<&str> = largest.iter().map(|&i| entities[i].id.as_str()).collect();
    println!(
        "  largest cluster: {} records ({}): {}",
        largest.len(),
        entities[largest[0]].caption(),
        ids.join(", ")
    );
    let mut by_size: std::collections::BTreeMap<usize, usize> = Default::default();
    for m in &c.clusters {
        *by_size.entry(m.len()).or_default() += 1;
    }
    println!("  clusters by size: {by_size:?}");
}

/// CPU seconds (user + system) this process has used, from /proc (0 where unreadable).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
