//! Scale test: a synthetic list of millions of entities with realistic multi-cultural names
//! (given and family names of several regions, aliases, weak aliases, birth dates and
//! nationalities; fixed seed, so every run builds the same list), indexed and screened.
//! Reports build time (entities are made and added to an `IndexBuilder` one by one, as a
//! loader streaming a large list would), peak resident memory (VmHWM), single-thread screens
//! per second and self-recall: how many listed-name queries find the entity they were made
//! from.
//!
//! `cargo run --release -p zeef-matching --example scale` (SCALE_N=1000000 for fewer entities;
//! SCALE_SLOWEST=1 also lists the slowest queries; SCALE_DUMP=FILE writes every query's results,
//! entity and score, so that a speed change can be checked to change none of them)

mod common;

use std::time::Instant;

use common::thread_cpu_ns;
use zeef_matching::measure::{memory_mib, process_cpu_seconds};
use zeef_matching::synthetic::{Rng, SEED, entity, person, variant};
use zeef_matching::{IndexBuilder, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

fn main() {
    let n: usize = std::env::var("SCALE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000_000);
    let mut rng = Rng(SEED);
    // Entities go into the index as they are made: the list is never held as `Entity` values.
    let t = Instant::now();
    let cpu_start = process_cpu_seconds();
    let mut builder = IndexBuilder::new();
    // SCALE_COMMON=N: part codes of more than N names are looked up in pairs (default
    // zeef_matching::COMMON_CODE_NAMES; 4294967295 turns pairs off).
    if let Some(common) = std::env::var("SCALE_COMMON")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        builder = builder.common_code_names(common);
    }
    let mut names = 0usize;
    // Time spent making entities, told apart from the index build.
    let mut making = std::time::Duration::ZERO;
    for i in 0..n {
        let m = Instant::now();
        let e = entity(i, &mut rng);
        names += e.names().count();
        making += m.elapsed();
        builder.add(e);
    }
    let index = builder.finish();
    let total = t.elapsed().as_secs_f64();
    let making = making.as_secs_f64();
    let cpu = process_cpu_seconds() - cpu_start;
    let (peak, rss) = memory_mib();
    println!(
        "generated {n} entities, {names} names in {making:.1} s; index built in {:.1} s ({} threads; {cpu:.1} CPU-seconds with generation; {} pair keys); resident {rss:.0} MiB, peak {peak:.0} MiB",
        total - making,
        rayon::current_num_threads(),
        index.keyed_pairs()
    );
    // Queries: listed names (some with a typo, some reordered) and fresh random people.
    // Each listed-name query remembers the entity it was made from.
    let mut qrng = Rng(0xfeed_beef);
    let queries: Vec<(Entity, Option<usize>)> = (0..20_000)
        .map(|i| {
            if i % 2 == 0 {
                let at = qrng.below(index.len());
                let listed = index.entity(at).expect("in range");
                let mut q = Entity::new(format!("q-{i}"), listed.schema, "query");
                let name = listed.caption();
                q.add(
                    Prop::Name,
                    if qrng.chance(50) {
                        variant(name, &mut qrng)
                    } else {
                        name.to_string()
                    },
                );
                (q, Some(at))
            } else {
                let mut q = person(n + i, &mut qrng);
                q.schema = Schema::LegalEntity;
                (q, None)
            }
        })
        .collect();

    let opts = ScreenOptions::default();
    let mut lat: Vec<f64> = Vec::with_capacity(queries.len());
    let (mut alerts, mut found_any, mut found_self) = (0usize, 0usize, 0usize);
    // Listed-name queries that missed their entity with a full page of results.
    let mut missed: Vec<(&Entity, usize, Vec<usize>)> = Vec::new();
    let dump_to = std::env::var_os("SCALE_DUMP");
    let mut dump = String::new();
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    for (q, source) in &queries {
        let s = Instant::now();
        let res = index.screen(q, &opts);
        lat.push(s.elapsed().as_secs_f64() * 1e6);
        if dump_to.is_some() {
            use std::fmt::Write as _;
            let _ = write!(dump, "{}", q.id);
            for m in &res {
                let _ = write!(dump, " {}:{:016x}", m.index, m.score.to_bits());
            }
            dump.push('\n');
        }
        alerts += usize::from(res.iter().any(|m| m.is_match));
        if let Some(at) = source {
            found_any += usize::from(!res.is_empty());
            let found = res.iter().any(|m| m.index == *at);
            found_self += usize::from(found);
            if !found && res.len() >= opts.limit {
                missed.push((q, *at, res.iter().map(|m| m.index).collect()));
            }
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns()
        .zip(cpu0)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9);
    if let Some(path) = dump_to {
        std::fs::write(&path, dump).expect("SCALE_DUMP: cannot write the file");
    }
    if std::env::var_os("SCALE_SLOWEST").is_some() {
        let mut slow: Vec<(f64, &Entity)> = lat
            .iter()
            .copied()
            .zip(queries.iter().map(|(q, _)| q))
            .collect();
        slow.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, q) in slow.iter().take(25) {
            let t = Instant::now();
            let found = index.candidates(&index.prepare(q), &opts).len();
            let gather = t.elapsed().as_secs_f64() * 1e6;
            println!(
                "SLOW {us:.0} µs ({gather:.0} µs gathering {found} candidates) {:?} {:?}",
                q.schema,
                q.names().map(|(_, n)| n).collect::<Vec<_>>()
            );
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    println!(
        "{} screens: {:.0}/s wall clock, {:.0} per CPU-second; p50 {:.0} µs, p99 {:.0} µs, max {:.0} µs; {alerts} with an alert; of {} listed-name queries, {found_any} with results, {found_self} finding the entity they were made from",
        queries.len(),
        queries.len() as f64 / wall,
        queries.len() as f64 / cpu,
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0),
        queries.len() / 2
    );
    // Outside the timed loop: those misses looked at again. Namesakes: every result has
    // the entity's caption (the query's name before any typo).
    let (mut namesakes, mut not_candidates) = (0usize, 0usize);
    for (q, at, results) in &missed {
        let caption = |i: usize| index.entity(i).map(|e| e.caption().to_string());
        namesakes += usize::from(results.iter().all(|&i| caption(i) == caption(*at)));
        let candidates = index.candidates(&index.prepare(q), &opts);
        not_candidates += usize::from(!candidates.contains(&(*at as u32)));
    }
    println!(
        "listed-name queries missing their entity with {} results: {}, of which {namesakes} with only namesakes (same caption) as results and {not_candidates} where it was not among the candidates",
        opts.limit,
        missed.len()
    );
    born_queries(&index, &queries, &opts);
}

/// The listed-name queries again, each with the birth date of the entity it was made from
/// (those whose entity gives one): how many find it among the results, and how fast.
fn born_queries(
    index: &zeef_matching::Index,
    queries: &[(Entity, Option<usize>)],
    opts: &ScreenOptions,
) {
    let with_date: Vec<(Entity, usize)> = queries
        .iter()
        .filter_map(|(q, source)| {
            let at = (*source)?;
            let listed = index.entity(at)?;
            let date = listed.get(Prop::BirthDate).first()?.clone();
            let mut q = q.clone();
            q.add(Prop::BirthDate, date);
            Some((q, at))
        })
        .collect();
    let full = with_date
        .iter()
        .filter(|(q, _)| q.get(Prop::BirthDate).iter().any(|d| d.len() == 10))
        .count();
    let (mut found, mut found_full) = (0usize, 0usize);
    let mut missed: Vec<(&Entity, usize)> = Vec::new();
    let cpu0 = thread_cpu_ns();
    for (q, at) in &with_date {
        let res = index.screen(q, opts);
        if res.iter().any(|m| m.index == *at) {
            found += 1;
            found_full += usize::from(q.get(Prop::BirthDate).iter().any(|d| d.len() == 10));
        } else {
            missed.push((q, *at));
        }
    }
    let cpu = thread_cpu_ns()
        .zip(cpu0)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9);
    // Outside the timed part: why each miss missed.
    let (mut not_candidate, mut below, mut outranked) = (0usize, 0usize, 0usize);
    for (q, at) in &missed {
        let listed = index.entity(*at).expect("in range");
        let score = index.compare(q, &listed).score;
        let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
        if score < opts.threshold {
            below += 1;
            if verbose {
                println!(
                    "BELOW {:?} {:?} (listed {:?} {:?}) score {score:.3}",
                    q.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    q.get(Prop::BirthDate),
                    listed.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    listed.get(Prop::BirthDate)
                );
            }
        } else if !index
            .candidates(&index.prepare(q), opts)
            .contains(&(*at as u32))
        {
            not_candidate += 1;
            if std::env::var_os("EVAL_VERBOSE").is_some() {
                println!(
                    "NOT GATHERED {:?} {:?} (listed {:?} {:?}) score {score:.3}",
                    q.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    q.get(Prop::BirthDate),
                    listed.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    listed.get(Prop::BirthDate)
                );
            }
        } else {
            outranked += 1;
            if verbose {
                println!(
                    "OUTRANKED {:?} {:?} (listed {:?} {:?}) score {score:.3}",
                    q.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    q.get(Prop::BirthDate),
                    listed.names().map(|(_, n)| n).collect::<Vec<_>>(),
                    listed.get(Prop::BirthDate)
                );
                for m in index.screen(q, opts).iter().take(3) {
                    let e = index.entity(m.index).expect("in range");
                    println!(
                        "    {:.3} {:?} {:?} {:?}",
                        m.score,
                        e.names().map(|(_, n)| n).collect::<Vec<_>>(),
                        e.get(Prop::BirthDate),
                        e.get(Prop::Nationality)
                    );
                }
            }
        }
    }
    println!(
        "listed name plus birth date, missed: {} ({below} scoring below the threshold against their entity, {not_candidate} not gathered, {outranked} outranked)",
        missed.len()
    );
    println!(
        "listed name plus birth date: {} queries, {:.0} per CPU-second; {found} = {:.4} find the entity they were made from in the first {} (full dates: {found_full} of {full}; years only: {} of {})",
        with_date.len(),
        with_date.len() as f64 / cpu,
        found as f64 / with_date.len().max(1) as f64,
        opts.limit,
        found - found_full,
        with_date.len() - full
    );
}
