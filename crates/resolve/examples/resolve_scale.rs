//! Resolution at scale: the synthetic list of `zeef_matching::synthetic` (the list the
//! matching `scale` example screens) spread over five fictional lists and resolved as
//! `zeef resolve` does (index of every record, the records then read back from it, every
//! record screened against it, clusters, canonical ids, the clusters and pairs files
//! written).
//!
//! One list alone would resolve to nothing (two records of one list are never joined), so
//! each party of the synthetic list is listed on one list, and some on a second (30 %) or a
//! third (10 %) as well, written as another publisher would: the name as given or with a
//! spelling variant, some aliases left out, a birth date cut to its year or left out, a
//! nationality left out. The parties are known, so the clusters are checked against them
//! (pairwise precision and recall).
//!
//! `cargo run --release -p zeef-resolve --example resolve_scale -- 4000000` (records; `100k`
//! and `4M` also do). Prints records, resolved entities, the cluster-size histogram, the
//! largest clusters, CPU seconds (user + system, all threads) and wall time of each step,
//! and peak resident memory (VmHWM).

use std::collections::HashMap;
use std::time::Instant;
use zeef_matching::Index;
use zeef_matching::measure::{load_average, memory_mib, process_cpu_seconds};
use zeef_matching::synthetic::{Rng, Synthetic, variant};
use zeef_model::{Entity, Prop};
use zeef_resolve::{ResolveDir, ResolveOptions, Summary};

// The allocator of the zeef binary, so that the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LISTS: [&str; 5] = ["syn_a", "syn_b", "syn_c", "syn_d", "syn_e"];

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "100000".into());
    let Some(n) = records_wanted(&arg) else {
        eprintln!("usage: resolve_scale RECORDS (e.g. 4000000, 100k, 4M)");
        std::process::exit(2);
    };
    println!(
        "{} threads; load average {} at the start",
        rayon::current_num_threads(),
        load_average()
    );
    let mut step = Step::start();

    // As `zeef resolve` builds it: the index takes the records a batch at a time, and they
    // are read back from it (here as they are generated, never all held as entities).
    let mut party = Vec::with_capacity(n);
    let index = Index::build(synthetic_lists(n, &mut party));
    let parties = party.last().map_or(0, |&p| p as usize + 1);
    step.done(&format!(
        "generated {} records of {parties} parties on {} lists, index built",
        index.len(),
        LISTS.len()
    ));

    let dir = tempfile::tempdir().expect("a temporary folder");
    let opts = ResolveOptions {
        incremental: false,
        ..ResolveOptions::default()
    };
    let (resolved, clustering) = ResolveDir::new(dir.path())
        .run_index(&index, Some("synthetic".into()), &opts)
        .expect("resolved and stored");
    step.done(&format!(
        "resolved: {} records screened, {} pairs scored, joins {:?}, refused {:?}",
        clustering.screened,
        clustering.scored_pairs,
        sorted(&clustering.joins),
        sorted(&clustering.refused)
    ));
    let summary = Summary::of_index(&resolved, &index);
    step.done("summary");
    let file_mib = |name: &str| {
        std::fs::metadata(dir.path().join("resolve").join(name))
            .map_or(f64::NAN, |m| m.len() as f64 / (1 << 20) as f64)
    };
    println!(
        "files: clusters.json {:.0} MiB, pairs.json {:.0} MiB",
        file_mib("clusters.json"),
        file_mib("pairs.json")
    );

    println!(
        "\n{} records, {} resolved entities ({parties} parties)",
        summary.records, summary.resolved_entities
    );
    let mut sizes: std::collections::BTreeMap<usize, usize> = Default::default();
    for c in &clustering.clusters {
        *sizes.entry(c.len()).or_default() += 1;
    }
    println!("cluster sizes: {}", histogram(&sizes));
    println!(
        "parties on 1, 2, … lists: {}",
        histogram(&summary.parties_by_list_count)
    );
    println!("largest clusters:");
    for c in summary.largest_clusters.iter().take(5) {
        println!(
            "  {} {} ({} records: {})",
            c.id,
            c.caption,
            c.size,
            c.referents.join(", ")
        );
    }
    let q = quality(&clustering.clusters, &party);
    println!(
        "against the parties: pairwise precision {:.4}, recall {:.4} ({} pairs joined, {} true pairs, {} of them joined)",
        q.correct as f64 / q.joined.max(1) as f64,
        q.correct as f64 / q.truth.max(1) as f64,
        q.joined,
        q.truth,
        q.correct
    );
    let (peak, _) = memory_mib();
    println!(
        "\ntotal: {:.1} CPU-s, {:.1} s wall; peak resident {peak:.0} MiB; load average {} at the end",
        process_cpu_seconds() - step.cpu0,
        step.wall0.elapsed().as_secs_f64(),
        load_average()
    );
}

/// "4000000", "100k", "4M".
fn records_wanted(arg: &str) -> Option<usize> {
    let arg = arg.replace('_', "");
    let (digits, times) = match arg.chars().last()? {
        'k' | 'K' => (&arg[..arg.len() - 1], 1_000),
        'm' | 'M' => (&arg[..arg.len() - 1], 1_000_000),
        _ => (arg.as_str(), 1),
    };
    digits.parse::<usize>().ok().map(|d| d * times)
}

/// `n` records: the parties of the synthetic list, each on one list and some on more, made
/// as they are taken; each record's party is pushed onto `party`.
fn synthetic_lists(n: usize, party: &mut Vec<u32>) -> impl Iterator<Item = Entity> + '_ {
    let mut rng = Rng(0x11_57ed);
    let mut parties = Synthetic::new(usize::MAX).enumerate();
    let mut made = 0;
    let mut pending: Vec<Entity> = Vec::new();
    std::iter::from_fn(move || {
        if pending.is_empty() {
            if made >= n {
                return None;
            }
            let (p, e) = parties.next()?;
            let listings = match rng.below(100) {
                0..60 => 1,
                60..90 => 2,
                _ => 3,
            };
            let first = rng.below(LISTS.len());
            for k in 0..listings.min(n - made) {
                let list = LISTS[(first + k * 2) % LISTS.len()];
                let record = match k {
                    0 => listed_as_given(&e, list, p),
                    _ => listed_elsewhere(&e, list, p, &mut rng),
                };
                pending.push(record);
                party.push(p as u32);
            }
            made += pending.len();
            pending.reverse();
        }
        pending.pop()
    })
}

/// The party as generated, on `list`.
fn listed_as_given(e: &Entity, list: &str, p: usize) -> Entity {
    let mut r = Entity::new(format!("{list}-{p}"), e.schema, list);
    r.props = e.props.clone();
    r
}

/// The party as another publisher writes it.
fn listed_elsewhere(e: &Entity, list: &str, p: usize, rng: &mut Rng) -> Entity {
    let mut r = Entity::new(format!("{list}-{p}"), e.schema, list);
    for (&prop, values) in &e.props {
        for v in values {
            match prop {
                Prop::Name if rng.chance(40) => r.add(prop, variant(v, rng)),
                Prop::Name => r.add(prop, v),
                Prop::Alias | Prop::WeakAlias if rng.chance(50) => r.add(prop, v),
                Prop::BirthDate => match rng.below(4) {
                    0 | 1 => r.add(prop, v),
                    2 => r.add(prop, &v[..v.len().min(4)]),
                    _ => {}
                },
                Prop::Nationality | Prop::Country if rng.chance(80) => r.add(prop, v),
                _ => {}
            }
        }
    }
    r
}

struct Quality {
    joined: u64,
    truth: u64,
    correct: u64,
}

/// Pairs of records in one cluster, pairs of one party, and pairs that are both.
fn quality(clusters: &[Vec<usize>], party: &[u32]) -> Quality {
    let pairs = |k: u64| k * k.saturating_sub(1) / 2;
    let mut q = Quality {
        joined: 0,
        truth: 0,
        correct: 0,
    };
    let mut per_party: HashMap<u32, u64> = HashMap::new();
    for &p in party {
        *per_party.entry(p).or_default() += 1;
    }
    q.truth = per_party.values().map(|&k| pairs(k)).sum();
    for members in clusters {
        q.joined += pairs(members.len() as u64);
        let mut in_cluster: HashMap<u32, u64> = HashMap::new();
        for &m in members {
            *in_cluster.entry(party[m]).or_default() += 1;
        }
        q.correct += in_cluster.values().map(|&k| pairs(k)).sum::<u64>();
    }
    q
}

fn histogram(counts: &std::collections::BTreeMap<usize, usize>) -> String {
    counts
        .iter()
        .map(|(size, n)| format!("{size}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sorted(counts: &HashMap<&'static str, usize>) -> Vec<(&'static str, usize)> {
    let mut v: Vec<_> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    v.sort();
    v
}

/// CPU seconds and wall time of each step, with resident memory after it.
struct Step {
    cpu0: f64,
    wall0: Instant,
    cpu: f64,
    wall: Instant,
}

impl Step {
    fn start() -> Step {
        let cpu = process_cpu_seconds();
        Step {
            cpu0: cpu,
            wall0: Instant::now(),
            cpu,
            wall: Instant::now(),
        }
    }

    fn done(&mut self, what: &str) {
        let cpu = process_cpu_seconds();
        let (peak, rss) = memory_mib();
        println!(
            "{what}: {:.1} CPU-s, {:.1} s wall; resident {rss:.0} MiB, peak {peak:.0} MiB",
            cpu - self.cpu,
            self.wall.elapsed().as_secs_f64()
        );
        self.cpu = cpu;
        self.wall = Instant::now();
    }
}
